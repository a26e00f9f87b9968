//! The decision as it is drafted in the wizard, page by page. Every field is optional: a draft
//! is saved after each page and may be closed and resumed at any point.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::framework::{DecisionKind, Framework, Outcome};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct DecisionDraft {
    /// The framework (id and version) the draft was started under.
    #[serde(alias = "framework_id")]
    pub framework_id: String,
    #[serde(alias = "framework_version")]
    pub framework_version: String,
    /// Per criterion id: the assessment and its evidence.
    pub criteria: BTreeMap<String, CriterionAnswer>,
    /// Per mandatory trigger id: whether it applies, with a note.
    pub triggers: BTreeMap<String, TriggerAnswer>,
    /// The sub-group's (or rapid review's) recommendation.
    pub advice: Option<AdviceRecord>,
    /// Per QM2 factor id: the decision-maker's note.
    pub qm2: BTreeMap<String, String>,
    pub decision: Option<DecisionChoice>,
    #[serde(alias = "decision_date")]
    pub decision_date: Option<NaiveDate>,
    /// If reviewing (the framework's review or another kind): scope, methodology, completion.
    #[serde(alias = "review_plan")]
    pub review_plan: Option<ReviewPlan>,
    /// The full and explicit rationale sent to every board member.
    pub rationale: Option<String>,
    /// Why the decision departs from what the framework says, when it does.
    pub justification: Option<String>,
    pub notifications: Vec<PlannedNotification>,
    /// Under a joint decision-maker model: each partner's sign-off.
    pub signoffs: Vec<SignOff>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    Met,
    NotMet,
    NotKnown,
}

impl Assessment {
    /// As an answer to the framework's logic: `NotKnown` is no answer.
    pub fn as_answer(self) -> Option<bool> {
        match self {
            Assessment::Met => Some(true),
            Assessment::NotMet => Some(false),
            Assessment::NotKnown => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Assessment::Met => "Met",
            Assessment::NotMet => "Not met",
            Assessment::NotKnown => "Not known",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CriterionAnswer {
    pub assessment: Option<Assessment>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TriggerAnswer {
    pub applies: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AdviceRecord {
    /// When the sub-group met (or the rapid review concluded).
    pub date: Option<NaiveDate>,
    pub recommendation: Option<DecisionKind>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionChoice {
    pub kind: DecisionKind,
    /// For an alternative review: the id of one of the framework's alternative review types.
    #[serde(default)]
    #[serde(alias = "alternative_type")]
    pub alternative_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct ReviewPlan {
    pub scope: Option<String>,
    pub methodology: Option<String>,
    /// Who will lead the review, by role ("an independent reviewer").
    #[serde(alias = "lead_reviewer")]
    pub lead_reviewer: Option<String>,
    #[serde(alias = "expected_completion")]
    pub expected_completion: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct PlannedNotification {
    /// The id of one of the framework's national notifications.
    #[serde(alias = "notification_id")]
    pub notification_id: String,
    pub recipient: String,
    #[serde(alias = "planned_date")]
    pub planned_date: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SignOff {
    /// The id of one of the framework's decision-maker roles.
    pub role: String,
    pub name: String,
    pub date: Option<NaiveDate>,
}

impl DecisionDraft {
    /// A new, empty draft under a framework.
    pub fn new(framework: &Framework) -> DecisionDraft {
        DecisionDraft {
            framework_id: framework.id.clone(),
            framework_version: framework.version.clone(),
            ..DecisionDraft::default()
        }
    }

    /// The kind of review decided on (none while the draft names none).
    pub fn kind(&self) -> Option<DecisionKind> {
        self.decision.as_ref().map(|choice| choice.kind)
    }

    fn answer(&self, id: &str) -> Option<bool> {
        self.criteria
            .get(id)
            .and_then(|a| a.assessment)
            .and_then(Assessment::as_answer)
    }

    /// Whether the framework's criteria are met on the assessments so far.
    pub fn criteria_outcome(&self, framework: &Framework) -> Outcome {
        evaluate(framework, &self.criteria)
    }

    /// Whether any mandatory trigger has been answered "applies".
    pub fn trigger_applies(&self) -> bool {
        self.triggers.values().any(|t| t.applies == Some(true))
    }

    /// Under a discretionary framework: whether the factors point towards a review.
    pub fn review_indicated(&self, framework: &Framework) -> Option<Outcome> {
        framework.review_indicated_with(&|id| self.answer(id))
    }
}

/// Whether the criteria are met, not met or undetermined under the framework's logic.
/// A criterion not assessed, or assessed as not known, counts as unknown.
pub fn evaluate(framework: &Framework, assessments: &BTreeMap<String, CriterionAnswer>) -> Outcome {
    framework.evaluate_with(&|id| {
        assessments
            .get(id)
            .and_then(|a| a.assessment)
            .and_then(Assessment::as_answer)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkRegistry;

    #[test]
    fn an_empty_or_partial_draft_round_trips() {
        let registry = FrameworkRegistry::with_builtins();
        let mut draft = DecisionDraft::new(registry.default_framework());
        assert_eq!(
            serde_json::from_str::<DecisionDraft>(&serde_json::to_string(&draft).unwrap()).unwrap(),
            draft
        );
        draft.criteria.insert(
            "abuse_or_neglect".into(),
            CriterionAnswer {
                assessment: Some(Assessment::Met),
                evidence: None,
            },
        );
        draft.decision = Some(DecisionChoice {
            kind: DecisionKind::AlternativeReview,
            alternative_type: Some("learning_review".into()),
        });
        let json = serde_json::to_string(&draft).unwrap();
        assert!(json.contains("\"kind\":\"alternative_review\""), "{json}");
        assert_eq!(serde_json::from_str::<DecisionDraft>(&json).unwrap(), draft);
        // A page saved with only some fields still reads.
        let partial: DecisionDraft =
            serde_json::from_str(r#"{"criteria":{"child_died":{"assessment":"not_known"}}}"#).unwrap();
        assert_eq!(
            partial.criteria["child_died"].assessment,
            Some(Assessment::NotKnown)
        );
    }

    #[test]
    fn a_draft_stored_with_snake_case_names_still_reads() {
        // Archives written before the IPC names became camelCase hold drafts in this form.
        let stored = r#"{"framework_id":"wt2015-scr","framework_version":"2015.1",
            "decision":{"kind":"alternative_review","alternative_type":"learning_review"},
            "decision_date":"2016-04-12",
            "review_plan":{"lead_reviewer":"An independent reviewer","expected_completion":"2016-10-31"}}"#;
        let draft: DecisionDraft = serde_json::from_str(stored).unwrap();
        assert_eq!(draft.framework_id, "wt2015-scr");
        assert_eq!(draft.framework_version, "2015.1");
        assert_eq!(
            draft.decision.as_ref().unwrap().alternative_type.as_deref(),
            Some("learning_review")
        );
        assert_eq!(draft.decision_date, NaiveDate::from_ymd_opt(2016, 4, 12));
        let plan = draft.review_plan.as_ref().unwrap();
        assert_eq!(plan.lead_reviewer.as_deref(), Some("An independent reviewer"));
        assert_eq!(plan.expected_completion, NaiveDate::from_ymd_opt(2016, 10, 31));
        let json = serde_json::to_string(&draft).unwrap();
        assert!(json.contains("\"decisionDate\":\"2016-04-12\""), "{json}");
        assert!(!json.contains("decision_date"), "{json}");
    }

    #[test]
    fn evaluate_uses_the_assessments() {
        let registry = FrameworkRegistry::with_builtins();
        let framework = registry.default_framework();
        let mut draft = DecisionDraft::new(framework);
        assert_eq!(draft.criteria_outcome(framework), Outcome::Undetermined);
        for (id, assessment) in [
            ("abuse_or_neglect", Assessment::Met),
            ("child_died", Assessment::NotKnown),
            ("seriously_harmed", Assessment::Met),
            ("agency_concern", Assessment::Met),
        ] {
            draft.criteria.insert(
                id.into(),
                CriterionAnswer {
                    assessment: Some(assessment),
                    evidence: None,
                },
            );
        }
        assert_eq!(evaluate(framework, &draft.criteria), Outcome::Met);
        draft.criteria.get_mut("abuse_or_neglect").unwrap().assessment = Some(Assessment::NotMet);
        assert_eq!(evaluate(framework, &draft.criteria), Outcome::NotMet);
        assert_eq!(draft.review_indicated(framework), None);
    }
}
