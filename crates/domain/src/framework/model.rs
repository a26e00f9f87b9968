//! What a framework file says: its criteria and the logic that combines them, mandatory
//! triggers, decision options, the decision-maker model, timers and national notifications; and
//! the three-valued outcome of the criteria for a case.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(alias = "legal_basis")]
    pub legal_basis: String,
    /// Whether meeting the criteria obliges a review (`mandatory`) or leaves it to judgement.
    #[serde(alias = "criteria_effect")]
    pub criteria_effect: CriteriaEffect,
    /// Caveats about the data itself, such as citations not yet checked.
    #[serde(default)]
    pub notes: Vec<String>,
    pub terminology: Terminology,
    #[serde(alias = "decision_maker")]
    pub decision_maker: DecisionMakerModel,
    pub advice: AdviceStep,
    pub criteria: Vec<Criterion>,
    /// When the criteria are met.
    pub logic: Logic,
    /// Under a discretionary framework: when the factors point towards a review.
    #[serde(default)]
    #[serde(alias = "review_indicated")]
    pub review_indicated: Option<Logic>,
    #[serde(default)]
    #[serde(alias = "mandatory_triggers")]
    pub mandatory_triggers: Vec<MandatoryTrigger>,
    #[serde(alias = "decision_options")]
    pub decision_options: Vec<DecisionOption>,
    #[serde(alias = "alternative_review_types")]
    pub alternative_review_types: Vec<AlternativeReviewType>,
    #[serde(alias = "qm2_factors")]
    pub qm2_factors: Vec<Qm2Factor>,
    #[serde(default)]
    pub timers: Vec<Timer>,
    #[serde(default)]
    #[serde(alias = "national_notifications")]
    pub national_notifications: Vec<NationalNotification>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CriteriaEffect {
    /// Criteria met (or a mandatory trigger applies): a review must be held (WT2015).
    Mandatory,
    /// Criteria met: a rapid review, then the decision-makers decide, weighing the factors.
    Discretionary,
}

/// The words a framework uses, so that letters and pages speak its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Terminology {
    /// Who decides, in a sentence: "the LSCB chair", "the safeguarding partners".
    #[serde(alias = "decision_maker")]
    pub decision_maker: String,
    #[serde(alias = "decision_maker_title")]
    pub decision_maker_title: String,
    #[serde(alias = "review_name")]
    pub review_name: String,
    #[serde(alias = "review_short_name")]
    pub review_short_name: String,
    #[serde(alias = "national_body")]
    pub national_body: String,
    #[serde(alias = "notification_name")]
    pub notification_name: String,
    #[serde(alias = "board_name")]
    pub board_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DecisionMakerModel {
    pub model: DecisionMakerKind,
    pub description: String,
    /// Single: the one decision-maker. Joint: every role must sign off before finalising.
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionMakerKind {
    Single,
    Joint,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub label: String,
}

/// The step that advises the decision-maker: the SCR sub-group, or the rapid review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AdviceStep {
    pub label: String,
    pub description: String,
    /// Whether finalising needs the advice to be recorded.
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub question: String,
    pub citation: String,
    #[serde(default)]
    pub guidance: Option<String>,
    /// A heading to group criteria under, e.g. "regulation 11".
    #[serde(default)]
    pub section: Option<String>,
    /// A mandatory criterion must be assessed before finalising; others are advisory.
    #[serde(default = "yes")]
    pub mandatory: bool,
    #[serde(default)]
    pub unverified: bool,
}

/// How criteria combine: `{ all = [...] }`, `{ any = [...] }` or `{ criterion = "id" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Logic {
    All(Vec<Logic>),
    Any(Vec<Logic>),
    Criterion(String),
}

/// A circumstance that obliges a review whatever the criteria say (e.g. a death in custody).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MandatoryTrigger {
    pub id: String,
    pub label: String,
    pub question: String,
    pub citation: String,
    #[serde(default)]
    pub unverified: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The framework's review: an SCR, or an LCSPR.
    Review,
    /// A review of another kind (learning review, single-agency review, ...).
    AlternativeReview,
    NoReview,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DecisionOption {
    pub kind: DecisionKind,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AlternativeReviewType {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A Quality Marker 2 factor the decision-maker weighs and writes a note on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Qm2Factor {
    pub id: String,
    pub label: String,
    pub prompt: String,
}

/// Something that happens to a case on a date; timers start and end on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseEvent {
    Incident,
    Notification,
    Referral,
    /// The sub-group's consideration, or the rapid review meeting.
    Advice,
    Decision,
    ReviewStart,
    NationalNotificationSent,
    ReviewCompleted,
    Publication,
    AdvanceCopySent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimerUnit {
    WorkingDays,
    CalendarDays,
    /// Calendar months, clamped to the end of a shorter month.
    Months,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimerDirection {
    /// Due `length` after the start event.
    #[default]
    After,
    /// Due `length` before the start event (e.g. an advance copy before publication).
    Before,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Timer {
    pub id: String,
    pub label: String,
    pub length: u32,
    pub unit: TimerUnit,
    #[serde(default)]
    pub direction: TimerDirection,
    pub start: CaseEvent,
    /// The event that meets the timer.
    pub end: CaseEvent,
    /// The decisions this timer applies to; empty means every decision.
    #[serde(default)]
    #[serde(alias = "applies_to")]
    pub applies_to: Vec<DecisionKind>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub unverified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct NationalNotification {
    pub id: String,
    pub recipient: String,
    /// The decisions that require this notification.
    #[serde(alias = "on_decision")]
    pub on_decision: Vec<DecisionKind>,
    /// The timer that gives the deadline, if there is one.
    #[serde(default)]
    #[serde(alias = "deadline_timer")]
    pub deadline_timer: Option<String>,
    /// What goes with the notification, described in words.
    #[serde(default)]
    pub attachments: Vec<String>,
    #[serde(default)]
    pub citation: Option<String>,
}

fn yes() -> bool {
    true
}

/// Three-valued answer to "are the criteria met?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Met,
    NotMet,
    /// Depends on a criterion not yet assessed or assessed as not known.
    Undetermined,
}

impl Logic {
    /// Kleene logic: `all` is not met if any part is not met, met if every part is met;
    /// `any` is met if any part is met, not met if every part is not met; otherwise undetermined.
    pub fn evaluate(&self, value_of: &dyn Fn(&str) -> Outcome) -> Outcome {
        match self {
            Logic::Criterion(id) => value_of(id),
            Logic::All(parts) => {
                let values: Vec<Outcome> = parts.iter().map(|p| p.evaluate(value_of)).collect();
                if values.contains(&Outcome::NotMet) {
                    Outcome::NotMet
                } else if values.iter().all(|v| *v == Outcome::Met) {
                    Outcome::Met
                } else {
                    Outcome::Undetermined
                }
            }
            Logic::Any(parts) => {
                let values: Vec<Outcome> = parts.iter().map(|p| p.evaluate(value_of)).collect();
                if values.contains(&Outcome::Met) {
                    Outcome::Met
                } else if values.iter().all(|v| *v == Outcome::NotMet) {
                    Outcome::NotMet
                } else {
                    Outcome::Undetermined
                }
            }
        }
    }

    /// Every criterion id this expression mentions, in order of appearance.
    pub fn criteria(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Logic::Criterion(id) => out.push(id),
            Logic::All(parts) | Logic::Any(parts) => parts.iter().for_each(|p| p.collect(out)),
        }
    }
}

/// The summary of a framework for a list or a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FrameworkSummary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub builtin: bool,
}

impl Framework {
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn timer(&self, id: &str) -> Option<&Timer> {
        self.timers.iter().find(|t| t.id == id)
    }

    pub fn decision_option(&self, kind: DecisionKind) -> Option<&DecisionOption> {
        self.decision_options.iter().find(|o| o.kind == kind)
    }

    pub fn alternative_review_type(&self, id: &str) -> Option<&AlternativeReviewType> {
        self.alternative_review_types.iter().find(|t| t.id == id)
    }

    /// Whether the criteria are met, given each criterion's answer (`None`: not assessed).
    pub fn evaluate_with(&self, answer: &dyn Fn(&str) -> Option<bool>) -> Outcome {
        self.logic.evaluate(&|id| to_outcome(answer(id)))
    }

    /// Under a discretionary framework, whether the factors point towards a review.
    pub fn review_indicated_with(&self, answer: &dyn Fn(&str) -> Option<bool>) -> Option<Outcome> {
        self.review_indicated
            .as_ref()
            .map(|logic| logic.evaluate(&|id| to_outcome(answer(id))))
    }

    pub fn summary(&self, builtin: bool) -> FrameworkSummary {
        FrameworkSummary {
            id: self.id.clone(),
            version: self.version.clone(),
            title: self.title.clone(),
            builtin,
        }
    }
}

fn to_outcome(answer: Option<bool>) -> Outcome {
    match answer {
        Some(true) => Outcome::Met,
        Some(false) => Outcome::NotMet,
        None => Outcome::Undetermined,
    }
}
