use serde::Serialize;

use crate::checks::Finding;
use crate::text::sentence_case;

/// One field of a form that needs correcting, in words the chair can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

impl FieldProblem {
    /// What is wrong with a line of text a form requires, if anything: missing, longer than
    /// `max_chars` characters, or holding control characters. `what` names it as the message
    /// does ("Enter the board's name").
    pub(crate) fn in_required_text(
        field: &'static str,
        value: &str,
        what: &str,
        max_chars: usize,
    ) -> Option<FieldProblem> {
        let message = if value.is_empty() {
            format!("Enter {what}")
        } else if value.chars().count() > max_chars {
            format!("{} must be {max_chars} characters or fewer", sentence_case(what))
        } else if value.chars().any(char::is_control) {
            format!("{} must not contain control characters", sentence_case(what))
        } else {
            return None;
        };
        Some(FieldProblem { field, message })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A form was not filled in correctly; each problem names its field.
    #[error("{summary}")]
    Invalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },

    /// A member's details were not filled in correctly; each problem names its field.
    #[error("{summary}")]
    MemberInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },

    /// A framework file could not be used. `line` and `column` count from 1 and point at the
    /// offending text where it could be found; `reason` says what is wrong in plain words.
    #[error("{}: {reason}", location(file, *line, *column))]
    FrameworkInvalid {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        reason: String,
    },

    /// A retention schedule file could not be used; as [`DomainError::FrameworkInvalid`].
    #[error("{}: {reason}", location(file, *line, *column))]
    RetentionScheduleInvalid {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        reason: String,
    },

    /// No framework with this id (and version, when one was asked for) is registered.
    #[error("no framework {id}{} is available", version.as_deref().map(|v| format!(" version {v}")).unwrap_or_default())]
    FrameworkUnknown { id: String, version: Option<String> },

    /// Text that should be a date is not one; `reason` says what was expected, for a form.
    #[error("{reason}")]
    DateUnreadable { reason: String },

    /// A date calculation left the range of dates the calendar can represent.
    #[error("the date is out of range: {what}")]
    DateOutOfRange { what: String },

    /// The decision has gaps that block finalising; each finding says what and where.
    #[error("the decision cannot be finalised yet: {} thing(s) need attention", blocking.len())]
    NotFinalisable { blocking: Vec<Finding> },
}

fn location(file: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("{file}, line {line}, column {column}"),
        (Some(line), None) => format!("{file}, line {line}"),
        _ => file.to_owned(),
    }
}
