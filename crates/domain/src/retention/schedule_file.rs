//! Reading a retention schedule file. The file is read once with the position of every value
//! kept, so that each refusal can name the line and column of what is wrong.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{EndAction, RecordClass, RetentionEvent, RetentionPeriod, RetentionRule, RetentionSchedule};
use crate::DomainError;

/// A schedule has one rule per record class; a file with many more was not written by a person.
const MAX_RULES: usize = 32;
/// Long enough for any real period (child protection schedules run to 100 years).
const MAX_YEARS: u32 = 150;
const MAX_ID_CHARS: usize = 64;
const MAX_VERSION_CHARS: usize = 32;
const MAX_TITLE_CHARS: usize = 200;
/// Reasons, citations and sources are prose, shown on screen and in certificates.
const MAX_TEXT_CHARS: usize = 4000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    id: Spanned<String>,
    version: Spanned<String>,
    title: Spanned<String>,
    source: Spanned<String>,
    #[serde(default)]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    class: Spanned<RecordClass>,
    #[serde(default)]
    years: Option<Spanned<u32>>,
    #[serde(default)]
    months: Option<Spanned<u32>>,
    #[serde(default)]
    from: Option<Spanned<Vec<RetentionEvent>>>,
    action: Spanned<EndAction>,
    reason: Spanned<String>,
    citation: Spanned<String>,
    #[serde(default)]
    unverified: bool,
}

pub(super) fn read(name: &str, text: &str) -> Result<RetentionSchedule, DomainError> {
    let file = File { name, text };
    let raw: RawSchedule =
        toml::from_str(text).map_err(|error| file.error(error.span(), error.message().trim().to_owned()))?;
    file.slug(&raw.id)?;
    file.text_field("version", &raw.version, MAX_VERSION_CHARS)?;
    file.text_field("title", &raw.title, MAX_TITLE_CHARS)?;
    file.text_field("source", &raw.source, MAX_TEXT_CHARS)?;
    if raw.rules.len() > MAX_RULES {
        return Err(file.error(
            Some(raw.rules[MAX_RULES].span()),
            format!(
                "a schedule has one rule per record class; this file has {} rules",
                raw.rules.len()
            ),
        ));
    }
    let mut rules: Vec<(RetentionRule, Range<usize>)> = Vec::new();
    for rule in &raw.rules {
        let checked = file.rule(rule.get_ref())?;
        if let Some((_, first)) = rules.iter().find(|(seen, _)| seen.class == checked.class) {
            let (line, _) = file.position(first.start);
            return Err(file.error(
                Some(rule.get_ref().class.span()),
                format!(
                    "a second rule for {} (the first is on line {}): each record class has one rule",
                    checked.class.as_str(),
                    line.unwrap_or(0)
                ),
            ));
        }
        rules.push((checked, rule.get_ref().class.span()));
    }
    if let Some(missing) = RecordClass::ALL
        .into_iter()
        .find(|class| !rules.iter().any(|(rule, _)| rule.class == *class))
    {
        let every: Vec<&str> = RecordClass::ALL.iter().map(|class| class.as_str()).collect();
        return Err(file.error(
            raw.rules.last().map(Spanned::span),
            format!(
                "the schedule has no rule for {}: every record class needs one ({})",
                missing.as_str(),
                every.join(", ")
            ),
        ));
    }
    Ok(RetentionSchedule {
        id: raw.id.into_inner(),
        version: raw.version.into_inner().trim().to_owned(),
        title: raw.title.into_inner().trim().to_owned(),
        source: raw.source.into_inner().trim().to_owned(),
        builtin: false,
        rules: rules.into_iter().map(|(rule, _)| rule).collect(),
    })
}

struct File<'a> {
    name: &'a str,
    text: &'a str,
}

impl File<'_> {
    fn error(&self, span: Option<Range<usize>>, reason: String) -> DomainError {
        let (line, column) = span.map_or((None, None), |span| self.position(span.start));
        DomainError::RetentionScheduleInvalid {
            file: self.name.to_owned(),
            line,
            column,
            reason,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset into the file.
    fn position(&self, offset: usize) -> (Option<usize>, Option<usize>) {
        let Some(before) = self.text.get(..offset) else {
            return (None, None);
        };
        let line = before.bytes().filter(|byte| *byte == b'\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (Some(line), Some(column))
    }

    fn slug(&self, id: &Spanned<String>) -> Result<(), DomainError> {
        let value = id.get_ref();
        let fine = !value.is_empty()
            && value.chars().count() <= MAX_ID_CHARS
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if fine {
            Ok(())
        } else {
            Err(self.error(
                Some(id.span()),
                format!(
                    "id must be 1 to {MAX_ID_CHARS} lower-case letters, digits, '-' or '_' (found \"{}\")",
                    value.chars().take(MAX_ID_CHARS).collect::<String>()
                ),
            ))
        }
    }

    fn text_field(&self, field: &str, value: &Spanned<String>, limit: usize) -> Result<(), DomainError> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            return Err(self.error(Some(value.span()), format!("{field} must not be empty")));
        }
        let chars = text.chars().count();
        if chars > limit {
            return Err(self.error(
                Some(value.span()),
                format!("{field} is {chars} characters long; at most {limit} are allowed"),
            ));
        }
        Ok(())
    }

    fn rule(&self, raw: &RawRule) -> Result<RetentionRule, DomainError> {
        let class = *raw.class.get_ref();
        let action = *raw.action.get_ref();
        self.text_field("reason", &raw.reason, MAX_TEXT_CHARS)?;
        self.text_field("citation", &raw.citation, MAX_TEXT_CHARS)?;
        self.action_fits_class(class, raw)?;
        let (period, from) = if action == EndAction::Keep {
            if let Some(extra) = raw.years.as_ref().or(raw.months.as_ref()) {
                return Err(self.error(
                    Some(extra.span()),
                    "a rule that keeps records permanently has no period: remove years and months".into(),
                ));
            }
            if let Some(from) = raw.from.as_ref().filter(|from| !from.get_ref().is_empty()) {
                return Err(self.error(
                    Some(from.span()),
                    "a rule that keeps records permanently counts from no event: remove from".into(),
                ));
            }
            (None, Vec::new())
        } else {
            (Some(self.period(raw)?), self.events(class, raw)?)
        };
        Ok(RetentionRule {
            class,
            period,
            from,
            action,
            reason: raw.reason.get_ref().trim().to_owned(),
            citation: raw.citation.get_ref().trim().to_owned(),
            unverified: raw.unverified,
        })
    }

    /// The audit trail proves every disposal, so it is never disposed of; the app cannot reach
    /// every copy of a backup, so backups are reviewed by a person.
    fn action_fits_class(&self, class: RecordClass, raw: &RawRule) -> Result<(), DomainError> {
        let action = *raw.action.get_ref();
        let refusal = match (class, action) {
            (RecordClass::AuditTrail, EndAction::Review | EndAction::Dispose) => Some(
                "the audit trail holds no case content and is the proof of every disposal: its action must be \"keep\"",
            ),
            (RecordClass::Backups, EndAction::Dispose) => Some(
                "backups may have been copied anywhere, so the app cannot dispose of them: use \"review\" \
                 (or \"keep\") and delete the files that are no longer needed",
            ),
            _ => None,
        };
        match refusal {
            Some(reason) => Err(self.error(Some(raw.action.span()), reason.to_owned())),
            None => Ok(()),
        }
    }

    fn period(&self, raw: &RawRule) -> Result<RetentionPeriod, DomainError> {
        let years = raw.years.as_ref().map_or(0, |years| *years.get_ref());
        let months = raw.months.as_ref().map_or(0, |months| *months.get_ref());
        if let Some(value) = raw.years.as_ref().filter(|_| years > MAX_YEARS) {
            return Err(self.error(
                Some(value.span()),
                format!("years is {years}; a period of at most {MAX_YEARS} years is allowed"),
            ));
        }
        if let Some(value) = raw.months.as_ref().filter(|_| months > 11) {
            return Err(self.error(
                Some(value.span()),
                format!("months is {months}; write whole years in years, and 0 to 11 months"),
            ));
        }
        if years == 0 && months == 0 {
            let span = raw
                .years
                .as_ref()
                .or(raw.months.as_ref())
                .map_or_else(|| raw.action.span(), Spanned::span);
            return Err(self.error(
                Some(span),
                format!(
                    "the rule for {} needs a period of at least one month (years, months): without one, \
                     records would be due the moment the event happens",
                    raw.class.get_ref().as_str()
                ),
            ));
        }
        Ok(RetentionPeriod { years, months })
    }

    fn events(&self, class: RecordClass, raw: &RawRule) -> Result<Vec<RetentionEvent>, DomainError> {
        let Some(from) = raw.from.as_ref() else {
            return Err(self.error(
                Some(raw.action.span()),
                format!(
                    "the rule for {} needs from = [...]: the event or events its period counts from",
                    class.as_str()
                ),
            ));
        };
        let events = from.get_ref();
        let refuse = |reason: String| Err(self.error(Some(from.span()), reason));
        if events.is_empty() {
            return refuse("from must name at least one event".into());
        }
        for (index, event) in events.iter().enumerate() {
            if events[..index].contains(event) {
                return refuse(format!("{} is named twice in from", event_name(*event)));
            }
        }
        let backup_made = events.contains(&RetentionEvent::BackupMade);
        if class == RecordClass::Backups && events.as_slice() != [RetentionEvent::BackupMade] {
            return refuse("backups count from the day each was made: from = [\"backup_made\"]".into());
        }
        if class != RecordClass::Backups && backup_made {
            return refuse("backup_made applies only to the rule for backups".into());
        }
        if events.as_slice() == [RetentionEvent::ChildEighteenthBirthday] {
            return refuse(
                "child_18th_birthday applies only when the restricted details hold a date of birth: name \
                 another event too (e.g. \"case_closed\"), so that a case without one is covered"
                    .into(),
            );
        }
        Ok(events.clone())
    }
}

fn event_name(event: RetentionEvent) -> String {
    serde_json::to_value(event)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{event:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(text: &str) -> (Option<usize>, String) {
        match read("board.toml", text) {
            Err(DomainError::RetentionScheduleInvalid {
                line, reason, file, ..
            }) => {
                assert_eq!(file, "board.toml");
                (line, reason)
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn builtin_with(from: &str, to: &str) -> String {
        let text = super::super::BUILTIN_SCHEDULE.1;
        assert!(text.contains(from), "the built-in schedule has {from:?}");
        text.replacen(from, to, 1)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines()
            .position(|line| line.contains(needle))
            .map(|index| index + 1)
            .expect("needle")
    }

    #[test]
    fn the_builtin_schedule_reads_and_covers_every_class() {
        let schedule = RetentionSchedule::builtin();
        assert!(schedule.builtin);
        for class in RecordClass::ALL {
            assert!(schedule.rule(class).is_some(), "{class:?}");
        }
        let annex = schedule.rule(RecordClass::RestrictedAnnex).expect("annex");
        assert_eq!(annex.action, EndAction::Dispose);
        assert_eq!(
            annex.describe(),
            "Dispose of 6 years after the later of the case closed and the child's 18th birthday"
        );
        assert_eq!(
            schedule.rule(RecordClass::AuditTrail).expect("trail").describe(),
            "Keep permanently"
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let text = builtin_with("years = 30", "years = thirty");
        let (line, _) = invalid(&text);
        assert_eq!(line, Some(line_of(&text, "years = thirty")));
    }

    #[test]
    fn an_unknown_class_or_event_is_refused_at_its_line() {
        let text = builtin_with("class = \"letters\"", "class = \"emails\"");
        let (line, reason) = invalid(&text);
        assert_eq!(line, Some(line_of(&text, "\"emails\"")));
        assert!(reason.contains("unknown variant"), "{reason}");
        let text = builtin_with("from = [\"backup_made\"]", "from = [\"backup_taken\"]");
        assert_eq!(invalid(&text).0, Some(line_of(&text, "backup_taken")));
    }

    #[test]
    fn the_audit_trail_is_never_disposed_of() {
        let text = builtin_with(
            "action = \"keep\"",
            "years = 10\nfrom = [\"case_opened\"]\naction = \"dispose\"",
        );
        let (line, reason) = invalid(&text);
        assert_eq!(line, Some(line_of(&text, "years = 10") + 2));
        assert!(reason.contains("audit trail"), "{reason}");
    }

    #[test]
    fn a_class_twice_or_missing_is_refused() {
        let text = builtin_with("class = \"letters\"", "class = \"case_record\"");
        let (line, reason) = invalid(&text);
        assert!(reason.contains("a second rule for case_record"), "{reason}");
        assert!(
            reason.contains(&format!("line {}", line_of(&text, "class = \"case_record\""))),
            "{reason}"
        );
        assert!(line > Some(line_of(&text, "class = \"case_record\"")));
    }

    #[test]
    fn periods_are_bounded_and_never_zero() {
        let (_, reason) = invalid(&builtin_with("years = 6", "years = 0"));
        assert!(reason.contains("at least one month"), "{reason}");
        let (_, reason) = invalid(&builtin_with("years = 6", "years = 6\nmonths = 12"));
        assert!(reason.contains("0 to 11 months"), "{reason}");
        let (_, reason) = invalid(&builtin_with("years = 6", "years = 151"));
        assert!(reason.contains("at most 150"), "{reason}");
        let (_, reason) = invalid(&builtin_with("years = 6", "years = -1"));
        assert!(!reason.is_empty());
        // Months alone are a period.
        let schedule = read("board.toml", &builtin_with("years = 6", "months = 3")).expect("months");
        let annex = schedule.rule(RecordClass::RestrictedAnnex).expect("annex");
        assert_eq!(annex.period, Some(RetentionPeriod { years: 0, months: 3 }));
    }

    #[test]
    fn the_birthday_alone_and_backup_events_elsewhere_are_refused() {
        let (_, reason) = invalid(&builtin_with(
            "from = [\"case_closed\", \"child_18th_birthday\"]",
            "from = [\"child_18th_birthday\"]",
        ));
        assert!(reason.contains("another event too"), "{reason}");
        let (_, reason) = invalid(&builtin_with(
            "from = [\"case_closed\", \"child_18th_birthday\"]",
            "from = [\"backup_made\"]",
        ));
        assert!(reason.contains("only to the rule for backups"), "{reason}");
        let (_, reason) = invalid(&builtin_with(
            "from = [\"case_closed\", \"child_18th_birthday\"]",
            "from = [\"case_closed\", \"case_closed\"]",
        ));
        assert!(reason.contains("named twice"), "{reason}");
    }

    #[test]
    fn unknown_fields_and_long_text_are_refused() {
        let (_, reason) = invalid(&builtin_with(
            "unverified = true",
            "unverified = true\ncolour = \"red\"",
        ));
        assert!(reason.contains("colour"), "{reason}");
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let (_, reason) = invalid(&builtin_with(
            "citation = \"UK GDPR art. 5(1)(e)\"",
            &format!("citation = \"{long}\""),
        ));
        assert!(reason.contains("at most 4000"), "{reason}");
    }
}
