//! Checks of the pages that assess the case: its details and the framework it is decided
//! under, the criteria, mandatory triggers, the advice, the QM2 factors, parallel processes and
//! the family.

use chrono::NaiveDate;

use crate::case::ParallelProcessKind;
use crate::decision::Assessment;

use super::{blank, loc, Checker, Finding, FindingCode, WizardPage};

impl Checker<'_> {
    pub(super) fn framework_matches(&mut self) {
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

    pub(super) fn case_details(&mut self) {
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

    pub(super) fn criteria(&mut self) {
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

    pub(super) fn triggers(&mut self) {
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

    pub(super) fn advice(&mut self) {
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

    pub(super) fn qm2(&mut self) {
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

    pub(super) fn parallel_processes(&mut self) {
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

    pub(super) fn family(&mut self) {
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
}
