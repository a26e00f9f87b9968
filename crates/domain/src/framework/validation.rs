//! Reading a framework file and checking it. The file is read twice: strictly into the model,
//! then leniently into a skeleton that keeps the position of every id and reference, so that a
//! semantic error (a reference to a criterion that does not exist, say) can point at its line.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{DecisionKind, DecisionMakerKind, Framework};
use crate::DomainError;

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
}

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
pub(super) fn find_key_line(text: &str, key: &str) -> (Option<usize>, Option<usize>) {
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
