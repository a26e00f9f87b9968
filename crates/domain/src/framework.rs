//! Statutory frameworks as versioned data: criteria, the logic that combines them, mandatory
//! triggers, decision options, the decision-maker model, timers and national notifications.
//!
//! The built-in frameworks are TOML files in `crates/domain/frameworks/`, embedded in the binary.
//! A board may add its own with [`Framework::from_toml_str`] or [`FrameworkRegistry::add_toml`];
//! a file that cannot be used is refused with its name, the line and column, and the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;
use ts_rs::TS;

use crate::DomainError;

/// The framework a new case uses unless the board chooses another.
pub const DEFAULT_FRAMEWORK_ID: &str = "wt2015-scr";

/// The built-in framework files: (file name, text).
pub const BUILTIN_FRAMEWORKS: [(&str, &str); 3] = [
    ("wt2015-scr.toml", include_str!("../frameworks/wt2015-scr.toml")),
    (
        "wt2018-lcspr.toml",
        include_str!("../frameworks/wt2018-lcspr.toml"),
    ),
    (
        "wt2023-lcspr.toml",
        include_str!("../frameworks/wt2023-lcspr.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: String,
    pub legal_basis: String,
    /// Whether meeting the criteria obliges a review (`mandatory`) or leaves it to judgement.
    pub criteria_effect: CriteriaEffect,
    /// Caveats about the data itself, such as citations not yet checked.
    #[serde(default)]
    pub notes: Vec<String>,
    pub terminology: Terminology,
    pub decision_maker: DecisionMakerModel,
    pub advice: AdviceStep,
    pub criteria: Vec<Criterion>,
    /// When the criteria are met.
    pub logic: Logic,
    /// Under a discretionary framework: when the factors point towards a review.
    #[serde(default)]
    pub review_indicated: Option<Logic>,
    #[serde(default)]
    pub mandatory_triggers: Vec<MandatoryTrigger>,
    pub decision_options: Vec<DecisionOption>,
    pub alternative_review_types: Vec<AlternativeReviewType>,
    pub qm2_factors: Vec<Qm2Factor>,
    #[serde(default)]
    pub timers: Vec<Timer>,
    #[serde(default)]
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
#[serde(deny_unknown_fields)]
pub struct Terminology {
    /// Who decides, in a sentence: "the LSCB chair", "the safeguarding partners".
    pub decision_maker: String,
    pub decision_maker_title: String,
    pub review_name: String,
    pub review_short_name: String,
    pub national_body: String,
    pub notification_name: String,
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
    pub applies_to: Vec<DecisionKind>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub unverified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NationalNotification {
    pub id: String,
    pub recipient: String,
    /// The decisions that require this notification.
    pub on_decision: Vec<DecisionKind>,
    /// The timer that gives the deadline, if there is one.
    #[serde(default)]
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
    /// Reads and checks a framework file. `name` is the file name used in error messages.
    pub fn from_toml_str(name: &str, text: &str) -> Result<Framework, DomainError> {
        let framework: Framework = toml::from_str(text).map_err(|error| {
            let (line, column) = match error.span() {
                Some(span) => line_and_column(text, span.start),
                None => (None, None),
            };
            DomainError::FrameworkInvalid {
                file: name.to_owned(),
                line,
                column,
                reason: error.message().trim().to_owned(),
            }
        })?;
        let spans: Skeleton = toml::from_str(text).map_err(|error| DomainError::FrameworkInvalid {
            file: name.to_owned(),
            line: None,
            column: None,
            reason: error.message().trim().to_owned(),
        })?;
        Validator {
            name,
            text,
            framework: &framework,
            spans: &spans,
        }
        .validate()?;
        Ok(framework)
    }

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

/// The built-in frameworks and any the board has added.
#[derive(Debug, Clone)]
pub struct FrameworkRegistry {
    entries: Vec<(Framework, bool)>,
}

impl FrameworkRegistry {
    /// The registry with the built-in frameworks. They are checked by the tests, so a failure
    /// here is a build defect, not something a user can cause.
    pub fn with_builtins() -> FrameworkRegistry {
        let entries = BUILTIN_FRAMEWORKS
            .iter()
            .map(|(name, text)| {
                let framework = Framework::from_toml_str(name, text)
                    .unwrap_or_else(|error| panic!("built-in framework is invalid: {error}"));
                (framework, true)
            })
            .collect();
        FrameworkRegistry { entries }
    }

    /// Reads, checks and adds a board's own framework file. A bad file is refused and the
    /// registry is left as it was; so is a file whose id and version are already registered.
    pub fn add_toml(&mut self, name: &str, text: &str) -> Result<&Framework, DomainError> {
        let framework = Framework::from_toml_str(name, text)?;
        if self.get(&framework.id, &framework.version).is_ok() {
            let (line, column) = find_key_line(text, "version");
            return Err(DomainError::FrameworkInvalid {
                file: name.to_owned(),
                line,
                column,
                reason: format!(
                    "framework {} version {} is already available; give the file a new version",
                    framework.id, framework.version
                ),
            });
        }
        self.entries.push((framework, false));
        Ok(&self.entries[self.entries.len() - 1].0)
    }

    pub fn get(&self, id: &str, version: &str) -> Result<&Framework, DomainError> {
        self.entries
            .iter()
            .map(|(f, _)| f)
            .find(|f| f.id == id && f.version == version)
            .ok_or_else(|| DomainError::FrameworkUnknown {
                id: id.to_owned(),
                version: Some(version.to_owned()),
            })
    }

    /// The highest version of a framework (versions compare number by number: 1.10 > 1.9).
    pub fn latest(&self, id: &str) -> Result<&Framework, DomainError> {
        self.entries
            .iter()
            .map(|(f, _)| f)
            .filter(|f| f.id == id)
            .max_by(|a, b| version_key(&a.version).cmp(&version_key(&b.version)))
            .ok_or_else(|| DomainError::FrameworkUnknown {
                id: id.to_owned(),
                version: None,
            })
    }

    /// The latest version of [`DEFAULT_FRAMEWORK_ID`].
    pub fn default_framework(&self) -> &Framework {
        self.latest(DEFAULT_FRAMEWORK_ID)
            .unwrap_or_else(|_| panic!("the default framework {DEFAULT_FRAMEWORK_ID} is built in"))
    }

    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.entries.iter().map(|(f, _)| f)
    }

    pub fn summaries(&self) -> Vec<FrameworkSummary> {
        self.entries
            .iter()
            .map(|(f, builtin)| f.summary(*builtin))
            .collect()
    }
}

impl Default for FrameworkRegistry {
    fn default() -> Self {
        FrameworkRegistry::with_builtins()
    }
}

fn version_key(version: &str) -> Vec<(u64, String)> {
    version
        .split(['.', '-'])
        .map(|part| (part.parse::<u64>().unwrap_or(0), part.to_owned()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Validation. A second, lenient reading of the file keeps the position of every id and
// reference, so that a semantic error can point at its line.

#[derive(Debug, Deserialize)]
struct Skeleton {
    id: Spanned<String>,
    version: Spanned<String>,
    decision_maker: SkeletonDecisionMaker,
    #[serde(default)]
    criteria: Vec<SkeletonItem>,
    logic: Spanned<SkeletonLogic>,
    #[serde(default)]
    review_indicated: Option<Spanned<SkeletonLogic>>,
    #[serde(default)]
    mandatory_triggers: Vec<SkeletonItem>,
    #[serde(default)]
    decision_options: Vec<SkeletonOption>,
    #[serde(default)]
    alternative_review_types: Vec<SkeletonItem>,
    #[serde(default)]
    qm2_factors: Vec<SkeletonItem>,
    #[serde(default)]
    timers: Vec<SkeletonTimer>,
    #[serde(default)]
    national_notifications: Vec<SkeletonNotification>,
}

#[derive(Debug, Deserialize)]
struct SkeletonDecisionMaker {
    model: Spanned<String>,
    #[serde(default)]
    roles: Vec<SkeletonItem>,
}

#[derive(Debug, Deserialize)]
struct SkeletonItem {
    id: Spanned<String>,
}

#[derive(Debug, Deserialize)]
struct SkeletonOption {
    kind: Spanned<String>,
}

#[derive(Debug, Deserialize)]
struct SkeletonTimer {
    id: Spanned<String>,
    length: Spanned<u32>,
    start: Spanned<String>,
}

#[derive(Debug, Deserialize)]
struct SkeletonNotification {
    id: Spanned<String>,
    on_decision: Spanned<Vec<String>>,
    #[serde(default)]
    deadline_timer: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SkeletonLogic {
    All(Vec<Spanned<SkeletonLogic>>),
    Any(Vec<Spanned<SkeletonLogic>>),
    Criterion(Spanned<String>),
}

struct Validator<'a> {
    name: &'a str,
    text: &'a str,
    framework: &'a Framework,
    spans: &'a Skeleton,
}

impl Validator<'_> {
    fn error(&self, span: Option<Range<usize>>, reason: String) -> DomainError {
        let (line, column) = match span {
            Some(span) => line_and_column(self.text, span.start),
            None => (None, None),
        };
        DomainError::FrameworkInvalid {
            file: self.name.to_owned(),
            line,
            column,
            reason,
        }
    }

    fn validate(&self) -> Result<(), DomainError> {
        let f = self.framework;
        let s = self.spans;
        self.slug("id", &s.id)?;
        if f.version.trim().is_empty() {
            return Err(self.error(Some(s.version.span()), "version must not be empty".into()));
        }
        for (field, value) in [
            ("title", &f.title),
            ("legal_basis", &f.legal_basis),
            ("terminology.decision_maker", &f.terminology.decision_maker),
            ("terminology.review_name", &f.terminology.review_name),
            ("terminology.national_body", &f.terminology.national_body),
        ] {
            if value.trim().is_empty() {
                let (line, column) = find_key_line(self.text, field.rsplit('.').next().unwrap_or(field));
                return Err(DomainError::FrameworkInvalid {
                    file: self.name.to_owned(),
                    line,
                    column,
                    reason: format!("{field} must not be empty"),
                });
            }
        }

        self.unique_ids("decision_maker.roles", &s.decision_maker.roles)?;
        let roles = f.decision_maker.roles.len();
        match f.decision_maker.model {
            DecisionMakerKind::Single if roles != 1 => {
                return Err(self.error(
                    Some(s.decision_maker.model.span()),
                    format!("a single decision-maker needs exactly one role in [[decision_maker.roles]], found {roles}"),
                ))
            }
            DecisionMakerKind::Joint if roles < 2 => {
                return Err(self.error(
                    Some(s.decision_maker.model.span()),
                    format!("a joint decision needs two or more roles in [[decision_maker.roles]], found {roles}"),
                ))
            }
            _ => {}
        }

        if f.criteria.is_empty() {
            return Err(self.error(None, "the framework has no [[criteria]]".into()));
        }
        self.unique_ids("criteria", &s.criteria)?;
        for criterion in &f.criteria {
            if criterion.label.trim().is_empty() || criterion.question.trim().is_empty() {
                let span = s
                    .criteria
                    .iter()
                    .find(|c| *c.id.get_ref() == criterion.id)
                    .map(|c| c.id.span());
                return Err(self.error(
                    span,
                    format!("criterion {} needs a label and a question", criterion.id),
                ));
            }
        }
        let known: BTreeSet<&str> = f.criteria.iter().map(|c| c.id.as_str()).collect();
        self.logic("logic", &s.logic, &known)?;
        if let Some(logic) = &s.review_indicated {
            self.logic("review_indicated", logic, &known)?;
        }

        self.unique_ids("mandatory_triggers", &s.mandatory_triggers)?;

        let kinds: Vec<DecisionKind> = f.decision_options.iter().map(|o| o.kind).collect();
        for (index, option) in s.decision_options.iter().enumerate() {
            if kinds[..index].contains(&kinds[index]) {
                return Err(self.error(
                    Some(option.kind.span()),
                    format!("decision option {} is listed twice", option.kind.get_ref()),
                ));
            }
        }
        for kind in [
            DecisionKind::Review,
            DecisionKind::AlternativeReview,
            DecisionKind::NoReview,
        ] {
            if !kinds.contains(&kind) {
                let (line, column) = find_key_line(self.text, "[[decision_options]]");
                return Err(DomainError::FrameworkInvalid {
                    file: self.name.to_owned(),
                    line,
                    column,
                    reason: format!(
                        "[[decision_options]] must offer {}: review, alternative_review and no_review are all needed",
                        kind_name(kind)
                    ),
                });
            }
        }

        if f.alternative_review_types.is_empty() {
            return Err(self.error(None, "the framework has no [[alternative_review_types]]".into()));
        }
        self.unique_ids("alternative_review_types", &s.alternative_review_types)?;
        if f.qm2_factors.is_empty() {
            return Err(self.error(None, "the framework has no [[qm2_factors]]".into()));
        }
        self.unique_ids("qm2_factors", &s.qm2_factors)?;

        let timer_ids: Vec<SkeletonItem> = s
            .timers
            .iter()
            .map(|t| SkeletonItem { id: t.id.clone() })
            .collect();
        self.unique_ids("timers", &timer_ids)?;
        for (timer, spans) in f.timers.iter().zip(&s.timers) {
            if timer.length == 0 {
                return Err(self.error(
                    Some(spans.length.span()),
                    format!("timer {} has length 0; give it a length of 1 or more", timer.id),
                ));
            }
            if timer.start == timer.end {
                return Err(self.error(
                    Some(spans.start.span()),
                    format!("timer {} starts and ends on the same event", timer.id),
                ));
            }
        }

        let notification_ids: Vec<SkeletonItem> = s
            .national_notifications
            .iter()
            .map(|n| SkeletonItem { id: n.id.clone() })
            .collect();
        self.unique_ids("national_notifications", &notification_ids)?;
        for (notification, spans) in f.national_notifications.iter().zip(&s.national_notifications) {
            if notification.on_decision.is_empty() {
                return Err(self.error(
                    Some(spans.on_decision.span()),
                    format!("national notification {} applies to no decision", notification.id),
                ));
            }
            if let Some(timer) = &spans.deadline_timer {
                if f.timer(timer.get_ref()).is_none() {
                    return Err(self.error(
                        Some(timer.span()),
                        format!(
                            "national notification {} names deadline_timer \"{}\", which is not one of the [[timers]]",
                            notification.id,
                            timer.get_ref()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn slug(&self, what: &str, id: &Spanned<String>) -> Result<(), DomainError> {
        let value = id.get_ref();
        let ok = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(self.error(
                Some(id.span()),
                format!("{what} \"{value}\" must be lower-case letters, digits, '-' or '_'"),
            ))
        }
    }

    fn unique_ids(&self, table: &str, items: &[SkeletonItem]) -> Result<(), DomainError> {
        let mut seen = BTreeMap::new();
        for item in items {
            self.slug(&format!("[[{table}]] id"), &item.id)?;
            let id = item.id.get_ref();
            if let Some(first) = seen.insert(id.clone(), item.id.span()) {
                let (first_line, _) = line_and_column(self.text, first.start);
                return Err(self.error(
                    Some(item.id.span()),
                    format!(
                        "duplicate id \"{id}\" in [[{table}]] (first used on line {})",
                        first_line.unwrap_or(0)
                    ),
                ));
            }
        }
        Ok(())
    }

    fn logic(
        &self,
        table: &str,
        logic: &Spanned<SkeletonLogic>,
        known: &BTreeSet<&str>,
    ) -> Result<(), DomainError> {
        match logic.get_ref() {
            SkeletonLogic::Criterion(id) => {
                if !known.contains(id.get_ref().as_str()) {
                    return Err(self.error(
                        Some(id.span()),
                        format!(
                            "[{table}] refers to criterion \"{}\", which is not one of the [[criteria]]",
                            id.get_ref()
                        ),
                    ));
                }
            }
            SkeletonLogic::All(parts) | SkeletonLogic::Any(parts) => {
                if parts.is_empty() {
                    return Err(
                        self.error(Some(logic.span()), format!("[{table}] has an empty all/any list"))
                    );
                }
                for part in parts {
                    self.logic(table, part, known)?;
                }
            }
        }
        Ok(())
    }
}

fn kind_name(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Review => "review",
        DecisionKind::AlternativeReview => "alternative_review",
        DecisionKind::NoReview => "no_review",
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (Option<usize>, Option<usize>) {
    let offset = offset.min(text.len());
    let Some(before) = text.get(..offset) else {
        return (None, None);
    };
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (Some(line), Some(column))
}

/// The line of the first line that starts with `key` (ignoring indentation), for errors about
/// something absent or wrong as a whole.
fn find_key_line(text: &str, key: &str) -> (Option<usize>, Option<usize>) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if key.starts_with('[') || rest.trim_start().starts_with('=') {
                return (Some(index + 1), Some(line.len() - trimmed.len() + 1));
            }
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(id: &str) -> Framework {
        FrameworkRegistry::with_builtins()
            .latest(id)
            .expect("built in")
            .clone()
    }

    fn invalid(result: Result<Framework, DomainError>) -> (String, Option<usize>, Option<usize>, String) {
        match result {
            Err(DomainError::FrameworkInvalid {
                file,
                line,
                column,
                reason,
            }) => (file, line, column, reason),
            other => panic!("expected FrameworkInvalid, got {other:?}"),
        }
    }

    fn answers<'a>(pairs: &'a [(&'a str, Option<bool>)]) -> impl Fn(&str) -> Option<bool> + 'a {
        move |id| pairs.iter().find(|(k, _)| *k == id).and_then(|(_, v)| *v)
    }

    #[test]
    fn the_builtin_frameworks_load() {
        let registry = FrameworkRegistry::with_builtins();
        let ids: Vec<(String, String)> = registry
            .frameworks()
            .map(|f| (f.id.clone(), f.version.clone()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("wt2015-scr".to_owned(), "1.0".to_owned()),
                ("wt2018-lcspr".to_owned(), "1.0".to_owned()),
                ("wt2023-lcspr".to_owned(), "1.0".to_owned()),
            ]
        );
        assert_eq!(registry.default_framework().id, "wt2015-scr");
        let wt2015 = registry.default_framework();
        assert_eq!(wt2015.criteria_effect, CriteriaEffect::Mandatory);
        assert_eq!(wt2015.decision_maker.model, DecisionMakerKind::Single);
        assert_eq!(wt2015.terminology.review_name, "Serious Case Review");
        assert_eq!(wt2015.mandatory_triggers.len(), 3);
        assert_eq!(wt2015.qm2_factors.len(), 8);
        for id in ["wt2018-lcspr", "wt2023-lcspr"] {
            let lcspr = registry.latest(id).unwrap();
            assert_eq!(lcspr.criteria_effect, CriteriaEffect::Discretionary);
            assert_eq!(lcspr.decision_maker.model, DecisionMakerKind::Joint);
            assert_eq!(lcspr.decision_maker.roles.len(), 3);
            assert_eq!(
                lcspr.terminology.national_body,
                "Child Safeguarding Practice Review Panel"
            );
            assert!(lcspr.alternative_review_type("local_learning_review").is_some());
            assert!(lcspr.review_indicated.is_some());
            let rapid = lcspr.timer("decision_due").unwrap();
            assert_eq!((rapid.length, rapid.unit), (15, TimerUnit::WorkingDays));
            let advance = lcspr.timer("advance_copy_to_panel").unwrap();
            assert!(advance.unverified);
            assert_eq!(advance.direction, TimerDirection::Before);
        }
    }

    #[test]
    fn wt2015_logic_follows_regulation_5() {
        let f = builtin("wt2015-scr");
        let eval = |pairs: &[(&str, Option<bool>)]| f.evaluate_with(&answers(pairs));
        // Abuse or neglect and a death: met.
        assert_eq!(
            eval(&[("abuse_or_neglect", Some(true)), ("child_died", Some(true))]),
            Outcome::Met
        );
        // Serious harm alone is not enough: agencies' working together must be of concern.
        assert_eq!(
            eval(&[
                ("abuse_or_neglect", Some(true)),
                ("child_died", Some(false)),
                ("seriously_harmed", Some(true)),
                ("agency_concern", Some(false)),
            ]),
            Outcome::NotMet
        );
        assert_eq!(
            eval(&[
                ("abuse_or_neglect", Some(true)),
                ("child_died", Some(false)),
                ("seriously_harmed", Some(true)),
                ("agency_concern", Some(true)),
            ]),
            Outcome::Met
        );
        // No abuse or neglect: not met whatever else.
        assert_eq!(
            eval(&[("abuse_or_neglect", Some(false)), ("child_died", Some(true))]),
            Outcome::NotMet
        );
        // Unknown concern about agencies, child alive and harmed: undetermined.
        assert_eq!(
            eval(&[
                ("abuse_or_neglect", Some(true)),
                ("child_died", Some(false)),
                ("seriously_harmed", Some(true)),
                ("agency_concern", None),
            ]),
            Outcome::Undetermined
        );
        assert_eq!(eval(&[]), Outcome::Undetermined);
    }

    #[test]
    fn lcspr_logic_and_regulation_11() {
        for id in ["wt2018-lcspr", "wt2023-lcspr"] {
            let f = builtin(id);
            let eval = |pairs: &[(&str, Option<bool>)]| f.evaluate_with(&answers(pairs));
            assert_eq!(
                eval(&[("abuse_or_neglect", Some(true)), ("seriously_harmed", Some(true))]),
                Outcome::Met
            );
            assert_eq!(
                eval(&[
                    ("abuse_or_neglect", Some(true)),
                    ("child_died", Some(false)),
                    ("seriously_harmed", Some(false)),
                ]),
                Outcome::NotMet
            );
            assert_eq!(eval(&[("abuse_or_neglect", Some(true))]), Outcome::Undetermined);
            let indicated = |pairs: &[(&str, Option<bool>)]| f.review_indicated_with(&answers(pairs));
            assert_eq!(
                indicated(&[("reg11_recurrent_themes", Some(true))]),
                Some(Outcome::Met)
            );
            assert_eq!(
                indicated(&[
                    ("reg11_improvements", Some(false)),
                    ("reg11_recurrent_themes", Some(false)),
                    ("reg11_agencies_together", Some(false)),
                    ("reg11_panel_suggested", Some(false)),
                ]),
                Some(Outcome::NotMet)
            );
            assert_eq!(indicated(&[]), Some(Outcome::Undetermined));
        }
    }

    const WT2015: &str = BUILTIN_FRAMEWORKS[0].1;

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let text = WT2015.replacen("title = \"Working", "title = Working", 1);
        let (file, line, column, reason) = invalid(Framework::from_toml_str("board-own.toml", &text));
        assert_eq!(file, "board-own.toml");
        let expected_line = text
            .lines()
            .position(|l| l.starts_with("title = Working"))
            .unwrap()
            + 1;
        assert_eq!(line, Some(expected_line));
        assert_eq!(column, Some(9));
        assert!(!reason.is_empty());
    }

    #[test]
    fn an_unknown_criterion_in_the_logic_names_its_line() {
        let text = WT2015.replacen(
            "{ criterion = \"child_died\" }",
            "{ criterion = \"child_dead\" }",
            1,
        );
        let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
        let expected = text.lines().position(|l| l.contains("\"child_dead\"")).unwrap() + 1;
        assert_eq!(line, Some(expected));
        assert!(reason.contains("child_dead"), "{reason}");
        assert!(reason.contains("not one of the [[criteria]]"), "{reason}");
    }

    #[test]
    fn a_duplicate_id_names_the_second_line() {
        let text = WT2015.replacen("id = \"child_died\"", "id = \"abuse_or_neglect\"", 1);
        let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
        let second = text
            .lines()
            .enumerate()
            .filter(|(_, l)| *l == "id = \"abuse_or_neglect\"")
            .map(|(i, _)| i + 1)
            .nth(1)
            .unwrap();
        assert_eq!(line, Some(second));
        assert!(
            reason.contains("duplicate id \"abuse_or_neglect\" in [[criteria]]"),
            "{reason}"
        );
    }

    #[test]
    fn a_timer_with_an_unknown_start_event_names_its_line() {
        let text = WT2015.replacen("start = \"notification\"", "start = \"notifcation\"", 1);
        let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
        let expected = text.lines().position(|l| l.contains("\"notifcation\"")).unwrap() + 1;
        assert_eq!(line, Some(expected));
        assert!(reason.contains("notifcation"), "{reason}");
    }

    #[test]
    fn other_semantic_errors_are_explained() {
        let cases: Vec<(String, &str)> = vec![
            (
                WT2015.replacen(
                    "deadline_timer = \"panel_notification_no_review\"",
                    "deadline_timer = \"nope\"",
                    1,
                ),
                "not one of the [[timers]]",
            ),
            (WT2015.replacen("length = 14", "length = 0", 1), "length 0"),
            (
                WT2015.replacen("kind = \"no_review\"", "kind = \"review\"", 1),
                "listed twice",
            ),
            (
                WT2015.replacen("model = \"single\"", "model = \"joint\"", 1),
                "two or more roles",
            ),
            (
                WT2015.replacen("id = \"wt2015-scr\"", "id = \"WT 2015\"", 1),
                "lower-case",
            ),
            (
                WT2015.replacen("unit = \"months\"", "unit = \"fortnights\"", 1),
                "fortnights",
            ),
            (
                WT2015.replacen("citation = \"SI 2006/90 reg. 5(2)(a)\"\n", "", 1),
                "citation",
            ),
            (
                WT2015.replacen(
                    "label = \"Resources\"",
                    "label = \"Resources\"\ncolour = \"red\"",
                    1,
                ),
                "colour",
            ),
        ];
        for (text, expected) in cases {
            let (_, line, _, reason) = invalid(Framework::from_toml_str("x.toml", &text));
            assert!(reason.contains(expected), "expected {expected:?} in {reason:?}");
            assert!(line.is_some(), "no line for {reason:?}");
        }
    }

    #[test]
    fn the_registry_keeps_its_builtins_after_refusing_a_bad_file() {
        let mut registry = FrameworkRegistry::with_builtins();
        let error = registry.add_toml("bad.toml", "id = [").unwrap_err();
        assert!(error.to_string().starts_with("bad.toml, line 1"), "{error}");
        assert_eq!(registry.frameworks().count(), 3);
        // The same id and version as a built-in is refused too.
        let error = registry.add_toml("copy.toml", WT2015).unwrap_err();
        assert!(error.to_string().contains("already available"), "{error}");
        assert_eq!(registry.frameworks().count(), 3);
        // A board's own version is accepted and becomes the latest.
        let own = WT2015.replacen("version = \"1.0\"", "version = \"1.10\"", 1);
        registry.add_toml("own.toml", &own).expect("accepted");
        let own9 = WT2015.replacen("version = \"1.0\"", "version = \"1.9\"", 1);
        registry.add_toml("own9.toml", &own9).expect("accepted");
        assert_eq!(registry.latest("wt2015-scr").unwrap().version, "1.10");
        assert_eq!(registry.frameworks().count(), 5);
        assert!(registry.get("wt2015-scr", "1.0").is_ok());
        assert_eq!(
            registry.summaries().iter().filter(|s| s.builtin).count(),
            3,
            "built-ins still marked"
        );
        assert!(matches!(
            registry.get("nope", "1"),
            Err(DomainError::FrameworkUnknown { .. })
        ));
    }

    #[test]
    fn a_minimal_board_framework_loads() {
        let text = r#"
id = "board-local"
version = "1"
title = "Local practice review"
legal_basis = "Local procedure"
criteria_effect = "discretionary"

[terminology]
decision_maker = "the chair"
decision_maker_title = "Chair"
review_name = "Practice Review"
review_short_name = "PR"
national_body = "None"
notification_name = "referral"
board_name = "partnership"

[decision_maker]
model = "single"
description = "The chair decides."
roles = [{ id = "chair", label = "Chair" }]

[advice]
label = "Panel"
description = "The review panel advises."
required = false

[[criteria]]
id = "harm"
label = "Harm"
question = "Was the child harmed?"
citation = "Local procedure 1.1"

[logic]
criterion = "harm"

[[decision_options]]
kind = "review"
label = "Review"

[[decision_options]]
kind = "alternative_review"
label = "Other review"

[[decision_options]]
kind = "no_review"
label = "No review"

[[alternative_review_types]]
id = "audit"
label = "Audit"

[[qm2_factors]]
id = "learning"
label = "Learning"
prompt = "What will be learnt?"
"#;
        let f = Framework::from_toml_str("local.toml", text).expect("valid");
        assert!(f.timers.is_empty() && f.national_notifications.is_empty());
        assert_eq!(f.evaluate_with(&|_| Some(true)), Outcome::Met);
        let (_, line, _, reason) = invalid(Framework::from_toml_str(
            "local.toml",
            &text.replace("[logic]\ncriterion = \"harm\"", "[logic]\nall = []"),
        ));
        assert!(reason.contains("empty all/any"), "{reason}");
        assert!(line.is_some());
    }

    #[test]
    fn frameworks_round_trip_through_json() {
        for f in FrameworkRegistry::with_builtins().frameworks() {
            let json = serde_json::to_string(f).unwrap();
            let back: Framework = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, f);
        }
    }
}
