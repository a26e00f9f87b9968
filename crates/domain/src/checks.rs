//! The check-your-answers rules: is the decision complete, consistent with its framework, and
//! free of restricted-annex detail? Each [`Finding`] has a stable code, a message the chair can
//! act on, the wizard page and field that fixes it, and whether it blocks finalising.
//!
//! Decisions made here where the guidance is silent:
//! - A rationale is "full and explicit" only if it has at least [`MIN_RATIONALE_WORDS`] words
//!   **and** [`MIN_RATIONALE_CHARS`] characters; below either it blocks finalising (eight QM2
//!   factors cannot be addressed in fewer).
//! - A justification for departing from the framework counts only if it has at least
//!   [`MIN_JUSTIFICATION_WORDS`] words.
//! - Under a **mandatory** framework (WT2015: "an SCR must be held"), a decision other than a
//!   review when the criteria are met or a mandatory trigger applies blocks until a justification
//!   is recorded, and **even then the finding stays, as a warning**: the regulation says must,
//!   so the departure is shown on the check page and in the letter, never silently accepted.
//! - Under a **discretionary** framework (LCSPR), "no review" when the regulation 11 factors
//!   point towards one blocks until a justification is recorded, and then the finding goes:
//!   the partners are entitled to weigh the factors.
//! - Any restricted-annex detail in any board-facing text blocks, and the message names the
//!   field and the kind of detail but never the detail itself.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::annex_scan::{AnnexSource, RestrictedDetail};
use crate::calendar::WorkingCalendar;
use crate::case::{CaseSummary, ParallelProcessKind};
use crate::decision::{Assessment, DecisionDraft};
use crate::framework::{CaseEvent, CriteriaEffect, DecisionKind, DecisionMakerKind, Framework, Outcome};
use crate::timers::{applies, due_date, EventDates};

/// A rationale with fewer words than this is not "full and explicit".
pub const MIN_RATIONALE_WORDS: usize = 60;
/// A rationale with fewer characters than this is not "full and explicit".
pub const MIN_RATIONALE_CHARS: usize = 400;
/// A justification for departing from the framework needs at least this many words.
pub const MIN_JUSTIFICATION_WORDS: usize = 30;

/// Stable machine codes; the UI and the tests match on these, so a code never changes meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum FindingCode {
    #[serde(rename = "framework.mismatch")]
    FrameworkMismatch,
    #[serde(rename = "case.reference_missing")]
    CaseReferenceMissing,
    #[serde(rename = "case.pseudonym_missing")]
    CasePseudonymMissing,
    #[serde(rename = "case.incident_date_missing")]
    CaseIncidentDateMissing,
    #[serde(rename = "case.notification_date_missing")]
    CaseNotificationDateMissing,
    #[serde(rename = "case.referral_date_missing")]
    CaseReferralDateMissing,
    #[serde(rename = "case.referring_agency_missing")]
    CaseReferringAgencyMissing,
    #[serde(rename = "case.summary_missing")]
    CaseSummaryMissing,
    #[serde(rename = "dates.out_of_order")]
    DatesOutOfOrder,
    #[serde(rename = "criterion.unassessed")]
    CriterionUnassessed,
    #[serde(rename = "criterion.no_evidence")]
    CriterionNoEvidence,
    #[serde(rename = "trigger.unanswered")]
    TriggerUnanswered,
    #[serde(rename = "trigger.no_note")]
    TriggerNoNote,
    #[serde(rename = "subgroup.missing")]
    SubgroupMissing,
    #[serde(rename = "subgroup.incomplete")]
    SubgroupIncomplete,
    #[serde(rename = "qm2.unaddressed")]
    Qm2Unaddressed,
    #[serde(rename = "parallel.unrecorded")]
    ParallelUnrecorded,
    #[serde(rename = "parallel.liaison_missing")]
    ParallelLiaisonMissing,
    #[serde(rename = "parallel.inquest_expected")]
    ParallelInquestExpected,
    #[serde(rename = "family_plan.missing")]
    FamilyPlanMissing,
    #[serde(rename = "family_plan.incomplete")]
    FamilyPlanIncomplete,
    #[serde(rename = "decision.missing")]
    DecisionMissing,
    #[serde(rename = "decision.date_missing")]
    DecisionDateMissing,
    #[serde(rename = "decision.alternative_type_missing")]
    DecisionAlternativeTypeMissing,
    #[serde(rename = "decision.alternative_type_unknown")]
    DecisionAlternativeTypeUnknown,
    #[serde(rename = "decision.contradicts_framework")]
    DecisionContradictsFramework,
    #[serde(rename = "decision.departs_from_factors")]
    DecisionDepartsFromFactors,
    #[serde(rename = "decision.criteria_undetermined")]
    DecisionCriteriaUndetermined,
    #[serde(rename = "decision.differs_from_advice")]
    DecisionDiffersFromAdvice,
    #[serde(rename = "decision.late")]
    DecisionLate,
    #[serde(rename = "review.scope_missing")]
    ReviewScopeMissing,
    #[serde(rename = "review.methodology_missing")]
    ReviewMethodologyMissing,
    #[serde(rename = "review.completion_missing")]
    ReviewCompletionMissing,
    #[serde(rename = "review.completion_beyond_timescale")]
    ReviewCompletionBeyondTimescale,
    #[serde(rename = "rationale.missing")]
    RationaleMissing,
    #[serde(rename = "rationale.too_short")]
    RationaleTooShort,
    #[serde(rename = "notification.unplanned")]
    NotificationUnplanned,
    #[serde(rename = "notification.date_missing")]
    NotificationDateMissing,
    #[serde(rename = "notification.late")]
    NotificationLate,
    #[serde(rename = "partners.signoff_missing")]
    PartnersSignoffMissing,
    #[serde(rename = "annex.leak")]
    AnnexLeak,
}

impl FindingCode {
    /// The code as the UI and scripts see it, e.g. `criterion.no_evidence`.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{self:?}"))
    }
}

/// The wizard's pages, in order; a finding links to the page that fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WizardPage {
    CaseDetails,
    Criterion,
    Trigger,
    Advice,
    Qm2Factor,
    ParallelProcesses,
    Family,
    Decision,
    ReviewPlan,
    Rationale,
    Notifications,
    SignOffs,
}

/// Where to fix a finding: the page, the item on it (a criterion, factor, role... id, or an
/// index into a list) and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldRef {
    pub page: WizardPage,
    pub item: Option<String>,
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub code: FindingCode,
    pub message: String,
    pub location: FieldRef,
    /// Whether the decision cannot be finalised until this is fixed.
    pub blocks: bool,
}

/// Whether a set of findings allows finalising.
pub fn blocking(findings: &[Finding]) -> Vec<Finding> {
    findings.iter().filter(|f| f.blocks).cloned().collect()
}

/// Every finding for a draft, in the order of the wizard's pages, using the England calendar.
pub fn check(
    draft: &DecisionDraft,
    case: &CaseSummary,
    framework: &Framework,
    annex: &impl AnnexSource,
) -> Vec<Finding> {
    check_with_calendar(draft, case, framework, annex, &WorkingCalendar::england())
}

/// As [`check`], with the board's calendar (its closure days move working-day deadlines).
pub fn check_with_calendar(
    draft: &DecisionDraft,
    case: &CaseSummary,
    framework: &Framework,
    annex: &impl AnnexSource,
    calendar: &WorkingCalendar,
) -> Vec<Finding> {
    let mut c = Checker {
        draft,
        case,
        framework,
        calendar,
        findings: Vec::new(),
    };
    c.framework_matches();
    c.case_details();
    c.criteria();
    c.triggers();
    c.advice();
    c.qm2();
    c.parallel_processes();
    c.family();
    c.decision();
    c.review_plan();
    c.rationale();
    c.notifications();
    c.signoffs();
    c.annex(annex);
    // A stable sort keeps each page's findings in the order they were found.
    c.findings.sort_by_key(|f| f.location.page);
    c.findings
}

fn blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

/// Words that carry meaning: runs of non-space characters with at least one letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn loc(page: WizardPage, item: Option<&str>, field: &str) -> FieldRef {
    FieldRef {
        page,
        item: item.map(str::to_owned),
        field: field.to_owned(),
    }
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

struct Checker<'a> {
    draft: &'a DecisionDraft,
    case: &'a CaseSummary,
    framework: &'a Framework,
    calendar: &'a WorkingCalendar,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    fn push(&mut self, code: FindingCode, blocks: bool, location: FieldRef, message: String) {
        self.findings.push(Finding {
            code,
            message,
            location,
            blocks,
        });
    }

    fn review_name(&self) -> &str {
        &self.framework.terminology.review_name
    }

    fn decision_kind(&self) -> Option<DecisionKind> {
        self.draft.decision.as_ref().map(|d| d.kind)
    }

    fn events(&self) -> EventDates {
        EventDates::from_case(self.case, Some(self.draft))
    }

    /// The due date of the first applicable timer ending on `end`, if its start date is known.
    fn due_for(&self, end: CaseEvent) -> Option<(NaiveDate, String)> {
        let events = self.events();
        self.framework
            .timers
            .iter()
            .filter(|t| t.end == end && applies(t, self.decision_kind()))
            .find_map(|t| {
                let start = events.get(t.start)?;
                due_date(self.calendar, t, start)
                    .ok()
                    .map(|due| (due, t.label.clone()))
            })
    }

    fn framework_matches(&mut self) {
        let f = self.framework;
        if self.draft.framework_id != f.id || self.draft.framework_version != f.version {
            self.push(
                FindingCode::FrameworkMismatch,
                true,
                loc(WizardPage::CaseDetails, None, "framework"),
                format!(
                    "This draft was started under framework {} version {}, but is being checked against {} version {}. Choose the framework again, then review every answer.",
                    self.draft.framework_id, self.draft.framework_version, f.id, f.version
                ),
            );
        }
    }

    fn case_details(&mut self) {
        let case = self.case;
        let page = WizardPage::CaseDetails;
        let missing: [(bool, FindingCode, bool, &str, &str); 7] = [
            (
                blank(&case.reference),
                FindingCode::CaseReferenceMissing,
                true,
                "reference",
                "Give the case a reference number",
            ),
            (
                blank(&case.pseudonym),
                FindingCode::CasePseudonymMissing,
                true,
                "pseudonym",
                "Give the pseudonym the board will know the child by, for example \"Child A\"",
            ),
            (
                case.incident_date.is_none(),
                FindingCode::CaseIncidentDateMissing,
                true,
                "incident_date",
                "Enter the date of the incident",
            ),
            (
                case.notification_date.is_none(),
                FindingCode::CaseNotificationDateMissing,
                true,
                "notification_date",
                "Enter the date the board was notified: the decision's timescale runs from it",
            ),
            (
                case.referral_date.is_none(),
                FindingCode::CaseReferralDateMissing,
                false,
                "referral_date",
                "Enter the date the case was referred for consideration of a review, if you know it",
            ),
            (
                blank(&case.referring_agency),
                FindingCode::CaseReferringAgencyMissing,
                false,
                "referring_agency",
                "Say which agency referred the case, if one did",
            ),
            (
                blank(&case.summary),
                FindingCode::CaseSummaryMissing,
                true,
                "summary",
                "Write a short summary of the case for the board, using the pseudonym",
            ),
        ];
        for (is_missing, code, blocks, field, message) in missing {
            if is_missing {
                self.push(code, blocks, loc(page, None, field), message.to_owned());
            }
        }
        let mut order =
            |earlier: Option<NaiveDate>, later: Option<NaiveDate>, page, field: &str, what: &str| {
                if let (Some(a), Some(b)) = (earlier, later) {
                    if b < a {
                        self.findings.push(Finding {
                            code: FindingCode::DatesOutOfOrder,
                            message: what.to_owned(),
                            location: loc(page, None, field),
                            blocks: true,
                        });
                    }
                }
            };
        order(
            case.incident_date,
            case.notification_date,
            WizardPage::CaseDetails,
            "notification_date",
            "The notification date is before the incident date. Check both dates.",
        );
        order(
            case.notification_date,
            self.draft.decision_date,
            WizardPage::Decision,
            "decision_date",
            "The decision date is before the board was notified. Check the decision date.",
        );
        order(
            self.draft.advice.as_ref().and_then(|a| a.date),
            self.draft.decision_date,
            WizardPage::Decision,
            "decision_date",
            "The decision date is before the date of the advice it rests on. Check both dates.",
        );
        order(
            self.draft.decision_date,
            self.draft
                .review_plan
                .as_ref()
                .and_then(|p| p.expected_completion),
            WizardPage::ReviewPlan,
            "expected_completion",
            "The review's expected completion is before the decision. Check the date.",
        );
    }

    fn criteria(&mut self) {
        for criterion in &self.framework.criteria {
            let answer = self.draft.criteria.get(&criterion.id);
            let item = Some(criterion.id.as_str());
            match answer.and_then(|a| a.assessment) {
                None => {
                    let message = if criterion.mandatory {
                        format!(
                            "Say whether \"{}\" is met, not met or not known, with the evidence",
                            criterion.label
                        )
                    } else {
                        format!(
                            "\"{}\" has not been considered. It is not required, but answering it makes the rationale more complete",
                            criterion.label
                        )
                    };
                    self.push(
                        FindingCode::CriterionUnassessed,
                        criterion.mandatory,
                        loc(WizardPage::Criterion, item, "assessment"),
                        message,
                    );
                }
                Some(assessment) => {
                    if blank(&answer.and_then(|a| a.evidence.clone())) {
                        let message = if assessment == Assessment::NotKnown {
                            format!(
                                "Explain why it is not known whether \"{}\" is met, and what would settle it",
                                criterion.label
                            )
                        } else {
                            format!(
                                "Give the evidence for your assessment of \"{}\" ({})",
                                criterion.label,
                                assessment.label().to_lowercase()
                            )
                        };
                        self.push(
                            FindingCode::CriterionNoEvidence,
                            true,
                            loc(WizardPage::Criterion, item, "evidence"),
                            message,
                        );
                    }
                }
            }
        }
    }

    fn triggers(&mut self) {
        for trigger in &self.framework.mandatory_triggers {
            let answer = self.draft.triggers.get(&trigger.id);
            let item = Some(trigger.id.as_str());
            match answer.and_then(|a| a.applies) {
                None => self.push(
                    FindingCode::TriggerUnanswered,
                    true,
                    loc(WizardPage::Trigger, item, "applies"),
                    format!("Say whether \"{}\" applies: {}", trigger.label, trigger.question),
                ),
                Some(true) if blank(&answer.and_then(|a| a.note.clone())) => self.push(
                    FindingCode::TriggerNoNote,
                    true,
                    loc(WizardPage::Trigger, item, "note"),
                    format!("Explain how \"{}\" applies", trigger.label),
                ),
                Some(_) => {}
            }
        }
    }

    fn advice(&mut self) {
        let advice_step = &self.framework.advice;
        let label = advice_step.label.clone();
        match &self.draft.advice {
            None if advice_step.required => self.push(
                FindingCode::SubgroupMissing,
                true,
                loc(WizardPage::Advice, None, "advice"),
                format!("Record the {label}'s consideration: the date, its recommendation and a summary"),
            ),
            None => {}
            Some(advice) => {
                let missing = [
                    (advice.date.is_none(), "date", "the date"),
                    (
                        advice.recommendation.is_none(),
                        "recommendation",
                        "its recommendation",
                    ),
                    (blank(&advice.summary), "summary", "a summary of its discussion"),
                ];
                for (is_missing, field, what) in missing {
                    if is_missing {
                        self.push(
                            FindingCode::SubgroupIncomplete,
                            advice_step.required,
                            loc(WizardPage::Advice, None, field),
                            format!("Record {what} for the {label}"),
                        );
                    }
                }
            }
        }
    }

    fn qm2(&mut self) {
        for factor in &self.framework.qm2_factors {
            let note = self.draft.qm2.get(&factor.id);
            if note.is_none_or(|n| n.trim().is_empty()) {
                self.push(
                    FindingCode::Qm2Unaddressed,
                    true,
                    loc(WizardPage::Qm2Factor, Some(&factor.id), "note"),
                    format!("Address \"{}\": {}", factor.label, factor.prompt),
                );
            }
        }
    }

    fn parallel_processes(&mut self) {
        let processes = &self.case.parallel_processes;
        let page = WizardPage::ParallelProcesses;
        if processes.items.is_empty() && !processes.none_known {
            self.push(
                FindingCode::ParallelUnrecorded,
                true,
                loc(page, None, "items"),
                "Record any other processes running alongside (police investigation, inquest, family court, HR, other reviews, complaints), or confirm there are none".into(),
            );
        }
        for (index, process) in processes.items.iter().enumerate() {
            if blank(&process.liaison) {
                self.push(
                    FindingCode::ParallelLiaisonMissing,
                    true,
                    loc(page, Some(&index.to_string()), "liaison"),
                    format!(
                        "Say what liaison is planned with the {}",
                        process.kind.label().to_lowercase()
                    ),
                );
            }
        }
        let died = self.draft.criteria.get("child_died").and_then(|a| a.assessment) == Some(Assessment::Met);
        let inquest = processes
            .items
            .iter()
            .any(|p| p.kind == ParallelProcessKind::CoronersInquest);
        if died && !inquest {
            self.push(
                FindingCode::ParallelInquestExpected,
                false,
                loc(page, None, "items"),
                "The child has died, and a coroner's inquest always follows a child's death. Record the inquest and the liaison planned with the coroner".into(),
            );
        }
    }

    fn family(&mut self) {
        let page = WizardPage::Family;
        let Some(plan) = &self.case.family_plan else {
            self.push(
                FindingCode::FamilyPlanMissing,
                true,
                loc(page, None, "family_plan"),
                "Say how and when the family will be told of the decision, by whom, and in what language"
                    .into(),
            );
            return;
        };
        let missing = [
            (blank(&plan.how), "how", "how the family will be told"),
            (
                blank(&plan.when) && plan.planned_date.is_none(),
                "when",
                "when the family will be told",
            ),
            (
                blank(&plan.by_whom),
                "by_whom",
                "who will tell the family (a role)",
            ),
            (
                blank(&plan.language),
                "language",
                "in what language the family will be told, and whether an interpreter is needed",
            ),
        ];
        for (is_missing, field, what) in missing {
            if is_missing {
                self.push(
                    FindingCode::FamilyPlanIncomplete,
                    true,
                    loc(page, None, field),
                    format!("Say {what}"),
                );
            }
        }
    }

    fn justified(&self) -> bool {
        self.draft
            .justification
            .as_deref()
            .is_some_and(|j| word_count(j) >= MIN_JUSTIFICATION_WORDS)
    }

    fn decision(&mut self) {
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

    fn review_plan(&mut self) {
        let Some(kind) = self.decision_kind() else {
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

    fn rationale(&mut self) {
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

    fn notifications(&mut self) {
        let Some(kind) = self.decision_kind() else {
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

    fn signoffs(&mut self) {
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

    fn annex(&mut self, annex: &impl AnnexSource) {
        let scanner = annex.scanner();
        if scanner.is_empty() {
            return;
        }
        for text in board_texts(self.case, self.draft, self.framework) {
            let found = scanner.find(text.text);
            if found.is_empty() {
                continue;
            }
            self.push(
                FindingCode::AnnexLeak,
                true,
                text.location,
                format!(
                    "{} includes {} from the restricted annex. Use the pseudonym or a role (such as \"the mother\") instead: letters go to every board member",
                    capitalise(&text.label),
                    describe(&found)
                ),
            );
        }
    }
}

fn describe(found: &BTreeSet<RestrictedDetail>) -> String {
    crate::annex_scan::describe(&found.iter().copied().collect::<Vec<_>>())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One piece of text meant for the board, with where it is entered and how to name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardText<'a> {
    pub location: FieldRef,
    pub label: String,
    pub text: &'a str,
}

/// Every piece of free text in the case and the draft that may reach the board.
pub fn board_texts<'a>(
    case: &'a CaseSummary,
    draft: &'a DecisionDraft,
    framework: &Framework,
) -> Vec<BoardText<'a>> {
    let mut out = Vec::new();
    let mut put = |location: FieldRef, label: String, text: Option<&'a str>| {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            out.push(BoardText {
                location,
                label,
                text,
            });
        }
    };
    let cd = WizardPage::CaseDetails;
    put(
        loc(cd, None, "reference"),
        "the case reference".into(),
        case.reference.as_deref(),
    );
    put(
        loc(cd, None, "pseudonym"),
        "the pseudonym".into(),
        case.pseudonym.as_deref(),
    );
    put(
        loc(cd, None, "referring_agency"),
        "the referring agency".into(),
        case.referring_agency.as_deref(),
    );
    put(
        loc(cd, None, "summary"),
        "the case summary".into(),
        case.summary.as_deref(),
    );
    for (index, process) in case.parallel_processes.items.iter().enumerate() {
        let item = index.to_string();
        let what = process.kind.label().to_lowercase();
        put(
            loc(WizardPage::ParallelProcesses, Some(&item), "description"),
            format!("the description of the {what}"),
            process.description.as_deref(),
        );
        put(
            loc(WizardPage::ParallelProcesses, Some(&item), "liaison"),
            format!("the liaison planned with the {what}"),
            process.liaison.as_deref(),
        );
    }
    if let Some(plan) = &case.family_plan {
        let fp = WizardPage::Family;
        put(
            loc(fp, None, "how"),
            "how the family will be told".into(),
            plan.how.as_deref(),
        );
        put(
            loc(fp, None, "when"),
            "when the family will be told".into(),
            plan.when.as_deref(),
        );
        put(
            loc(fp, None, "by_whom"),
            "who will tell the family".into(),
            plan.by_whom.as_deref(),
        );
        put(
            loc(fp, None, "language"),
            "the family's language".into(),
            plan.language.as_deref(),
        );
        put(
            loc(fp, None, "support"),
            "the support for the family".into(),
            plan.support.as_deref(),
        );
    }
    for (id, answer) in &draft.criteria {
        let label = framework.criterion(id).map_or(id.as_str(), |c| c.label.as_str());
        put(
            loc(WizardPage::Criterion, Some(id), "evidence"),
            format!("the evidence for \"{label}\""),
            answer.evidence.as_deref(),
        );
    }
    for (id, answer) in &draft.triggers {
        let label = framework
            .mandatory_triggers
            .iter()
            .find(|t| t.id == *id)
            .map_or(id.as_str(), |t| t.label.as_str());
        put(
            loc(WizardPage::Trigger, Some(id), "note"),
            format!("the note on \"{label}\""),
            answer.note.as_deref(),
        );
    }
    if let Some(advice) = &draft.advice {
        put(
            loc(WizardPage::Advice, None, "summary"),
            format!("the summary of the {}", framework.advice.label),
            advice.summary.as_deref(),
        );
    }
    for (id, note) in &draft.qm2 {
        let label = framework
            .qm2_factors
            .iter()
            .find(|f| f.id == *id)
            .map_or(id.as_str(), |f| f.label.as_str());
        put(
            loc(WizardPage::Qm2Factor, Some(id), "note"),
            format!("the note on \"{label}\""),
            Some(note.as_str()),
        );
    }
    if let Some(plan) = &draft.review_plan {
        let rp = WizardPage::ReviewPlan;
        put(
            loc(rp, None, "scope"),
            "the review's scope".into(),
            plan.scope.as_deref(),
        );
        put(
            loc(rp, None, "methodology"),
            "the review's methodology".into(),
            plan.methodology.as_deref(),
        );
        put(
            loc(rp, None, "lead_reviewer"),
            "the lead reviewer".into(),
            plan.lead_reviewer.as_deref(),
        );
    }
    put(
        loc(WizardPage::Rationale, None, "rationale"),
        "the rationale".into(),
        draft.rationale.as_deref(),
    );
    put(
        loc(WizardPage::Decision, None, "justification"),
        "the justification".into(),
        draft.justification.as_deref(),
    );
    for planned in &draft.notifications {
        put(
            loc(WizardPage::Notifications, Some(&planned.notification_id), "note"),
            format!("the note on the notification to {}", planned.recipient),
            planned.note.as_deref(),
        );
    }
    out
}

#[cfg(test)]
#[path = "checks_tests.rs"]
pub(crate) mod tests;
