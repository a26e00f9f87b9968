//! Checks of the decision and what follows from it: a justification for departing from the
//! framework, the review plan, the rationale, the national notifications and the sign-offs.

use crate::framework::{CaseEvent, CriteriaEffect, DecisionKind, DecisionMakerKind, Outcome};
use crate::timers::due_date;

use super::{blank, loc, long_date, word_count, Checker, FindingCode, WizardPage};
use super::{MIN_JUSTIFICATION_WORDS, MIN_RATIONALE_CHARS, MIN_RATIONALE_WORDS};

impl Checker<'_> {
    pub(super) fn justified(&self) -> bool {
        self.draft
            .justification
            .as_deref()
            .is_some_and(|j| word_count(j) >= MIN_JUSTIFICATION_WORDS)
    }

    pub(super) fn decision(&mut self) {
        let page = WizardPage::Decision;
        let review_name = self.review_name().to_owned();
        let Some(choice) = self.draft.decision.clone() else {
            self.push(
                FindingCode::DecisionMissing,
                true,
                loc(page, None, "decision"),
                format!("Choose the decision: a {review_name}, another kind of review, or no further review"),
            );
            return;
        };
        if self.draft.decision_date.is_none() {
            self.push(
                FindingCode::DecisionDateMissing,
                true,
                loc(page, None, "decision_date"),
                "Enter the date of the decision".into(),
            );
        }
        if choice.kind == DecisionKind::AlternativeReview {
            match choice.alternative_type.as_deref() {
                None | Some("") => self.push(
                    FindingCode::DecisionAlternativeTypeMissing,
                    true,
                    loc(page, None, "alternative_type"),
                    "Choose which kind of review will be held".into(),
                ),
                Some(id) if self.framework.alternative_review_type(id).is_none() => self.push(
                    FindingCode::DecisionAlternativeTypeUnknown,
                    true,
                    loc(page, None, "alternative_type"),
                    format!(
                        "The kind of review chosen is not one this framework offers ({id}). Choose again"
                    ),
                ),
                Some(_) => {}
            }
        }

        let outcome = self.draft.criteria_outcome(self.framework);
        let triggered = self.draft.trigger_applies();
        let justified = self.justified();
        let justification_hint =
            format!("record a justification of at least {MIN_JUSTIFICATION_WORDS} words explaining why");
        match self.framework.criteria_effect {
            CriteriaEffect::Mandatory => {
                if (outcome == Outcome::Met || triggered) && choice.kind != DecisionKind::Review {
                    let why = if triggered {
                        "a mandatory trigger applies"
                    } else {
                        "the criteria are met"
                    };
                    let message = if justified {
                        format!(
                            "Under this framework a {review_name} must be held when {why}, but another decision was chosen. Your justification is recorded and will be shown in the letter; this warning stays because the regulation says must"
                        )
                    } else {
                        format!(
                            "Under this framework a {review_name} must be held when {why}, but another decision was chosen. Choose a {review_name}, or {justification_hint}"
                        )
                    };
                    self.push(
                        FindingCode::DecisionContradictsFramework,
                        !justified,
                        loc(page, None, "justification"),
                        message,
                    );
                } else if outcome == Outcome::Undetermined
                    && !triggered
                    && choice.kind != DecisionKind::Review
                {
                    self.push(
                        FindingCode::DecisionCriteriaUndetermined,
                        false,
                        loc(WizardPage::Criterion, None, "assessment"),
                        format!(
                            "Whether the criteria for a {review_name} are met is not yet known. Say in the rationale what would lead you to revisit the decision"
                        ),
                    );
                }
            }
            CriteriaEffect::Discretionary => {
                let indicated = self.draft.review_indicated(self.framework) == Some(Outcome::Met);
                if indicated && choice.kind == DecisionKind::NoReview && !justified {
                    self.push(
                        FindingCode::DecisionDepartsFromFactors,
                        true,
                        loc(page, None, "justification"),
                        format!(
                            "The factors you assessed point towards a {review_name}, but no further review was chosen. Choose a review, or {justification_hint}"
                        ),
                    );
                }
            }
        }

        if let Some(recommended) = self.draft.advice.as_ref().and_then(|a| a.recommendation) {
            if recommended != choice.kind {
                self.push(
                    FindingCode::DecisionDiffersFromAdvice,
                    false,
                    loc(WizardPage::Rationale, None, "rationale"),
                    format!(
                        "The decision differs from the {}'s recommendation. Say why in the rationale",
                        self.framework.advice.label
                    ),
                );
            }
        }

        if let (Some(decided), Some((due, _))) = (self.draft.decision_date, self.due_for(CaseEvent::Decision))
        {
            if decided > due {
                self.push(
                    FindingCode::DecisionLate,
                    false,
                    loc(page, None, "decision_date"),
                    format!(
                        "The decision was due by {}. The letter will say it was made outside the timescale; give the reasons for the delay in the rationale",
                        long_date(due)
                    ),
                );
            }
        }
    }

    pub(super) fn review_plan(&mut self) {
        let Some(kind) = self.draft.kind() else {
            return;
        };
        if kind == DecisionKind::NoReview {
            return;
        }
        let page = WizardPage::ReviewPlan;
        let plan = self.draft.review_plan.clone().unwrap_or_default();
        let missing = [
            (
                blank(&plan.scope),
                FindingCode::ReviewScopeMissing,
                "scope",
                "Set out the review's scope: the period, the agencies and the questions it will look at",
            ),
            (
                blank(&plan.methodology),
                FindingCode::ReviewMethodologyMissing,
                "methodology",
                "Say which methodology the review will use",
            ),
            (
                plan.expected_completion.is_none(),
                FindingCode::ReviewCompletionMissing,
                "expected_completion",
                "Give the date the review is expected to be completed",
            ),
        ];
        for (is_missing, code, field, message) in missing {
            if is_missing {
                self.push(code, true, loc(page, None, field), message.to_owned());
            }
        }
        if let (Some(expected), Some((due, _))) =
            (plan.expected_completion, self.due_for(CaseEvent::ReviewCompleted))
        {
            if expected > due {
                self.push(
                    FindingCode::ReviewCompletionBeyondTimescale,
                    false,
                    loc(page, None, "expected_completion"),
                    format!(
                        "The review is expected to finish after {}, the end of the framework's timescale. Say why in the rationale",
                        long_date(due)
                    ),
                );
            }
        }
    }

    pub(super) fn rationale(&mut self) {
        let page = WizardPage::Rationale;
        match self.draft.rationale.as_deref().map(str::trim) {
            None | Some("") => self.push(
                FindingCode::RationaleMissing,
                true,
                loc(page, None, "rationale"),
                "Write the rationale for the decision: the reasons, in full, covering each factor you weighed".into(),
            ),
            Some(text) => {
                let words = word_count(text);
                let chars = text.chars().count();
                if words < MIN_RATIONALE_WORDS || chars < MIN_RATIONALE_CHARS {
                    self.push(
                        FindingCode::RationaleTooShort,
                        true,
                        loc(page, None, "rationale"),
                        format!(
                            "The rationale is too short to be full and explicit ({words} words; at least {MIN_RATIONALE_WORDS} words and {MIN_RATIONALE_CHARS} characters are needed). Explain each reason and how you weighed the factors"
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn notifications(&mut self) {
        let Some(kind) = self.draft.kind() else {
            return;
        };
        let page = WizardPage::Notifications;
        let events = self.events();
        for notification in &self.framework.national_notifications {
            if !notification.on_decision.contains(&kind) {
                continue;
            }
            let item = Some(notification.id.as_str());
            let planned = self
                .draft
                .notifications
                .iter()
                .find(|p| p.notification_id == notification.id);
            let Some(planned) = planned else {
                self.push(
                    FindingCode::NotificationUnplanned,
                    true,
                    loc(page, item, "planned_date"),
                    format!(
                        "Plan the notification to {} and when it will be sent",
                        notification.recipient
                    ),
                );
                continue;
            };
            let Some(date) = planned.planned_date else {
                self.push(
                    FindingCode::NotificationDateMissing,
                    true,
                    loc(page, item, "planned_date"),
                    format!(
                        "Give the date the notification to {} will be sent",
                        notification.recipient
                    ),
                );
                continue;
            };
            let deadline = notification
                .deadline_timer
                .as_deref()
                .and_then(|id| self.framework.timer(id))
                .and_then(|timer| {
                    let start = events.get(timer.start)?;
                    due_date(self.calendar, timer, start).ok()
                });
            if let Some(due) = deadline {
                if date > due {
                    self.push(
                        FindingCode::NotificationLate,
                        false,
                        loc(page, item, "planned_date"),
                        format!(
                            "The notification to {} is due by {}, but is planned for {}",
                            notification.recipient,
                            long_date(due),
                            long_date(date)
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn signoffs(&mut self) {
        let model = &self.framework.decision_maker;
        if model.model != DecisionMakerKind::Joint {
            return;
        }
        for role in &model.roles {
            let signed = self
                .draft
                .signoffs
                .iter()
                .any(|s| s.role == role.id && !s.name.trim().is_empty() && s.date.is_some());
            if !signed {
                self.push(
                    FindingCode::PartnersSignoffMissing,
                    true,
                    loc(WizardPage::SignOffs, Some(&role.id), "signoff"),
                    format!(
                        "Record the sign-off of the {} (name and date): the decision is made by {} jointly",
                        role.label.to_lowercase(),
                        self.framework.terminology.decision_maker
                    ),
                );
            }
        }
    }
}
