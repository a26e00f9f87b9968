//! Legal holds: while one is in force on a case, or on the whole archive, nothing in its scope can
//! be disposed of, whatever the schedule says. A hold names why (an inquiry, litigation, a
//! subject access request) and on whose authority; lifting one needs a reason too. The Independent
//! Inquiry into Child Sexual Abuse's retention instruction (2015) is the model: a body outside the
//! board asks that nothing that might be relevant is destroyed.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::{DomainError, FieldProblem};

// One type for a hold, as the archive reads it and as the pages and the command line show it
// (the UI has always called it `HoldView`). Who lifted a hold is kept in the archive's row and
// audit event; nothing shows it, so it is not read into this.
/// A legal hold as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "HoldView")]
pub struct LegalHold {
    #[ts(type = "number")]
    pub id: i64,
    /// None: the whole archive.
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    pub reference: Option<String>,
    pub reason: String,
    pub authority: String,
    pub placed_at: String,
    /// The day it was placed, in England (what people read; `placed_at` is UTC).
    pub placed_on: Option<NaiveDate>,
    pub placed_by: String,
    pub lifted_at: Option<String>,
    pub lift_reason: Option<String>,
}

/// Reasons and authorities are short prose; a page of text is not a reason.
pub const MAX_HOLD_TEXT_CHARS: usize = 2000;

/// A hold's reason and authority, trimmed, or the problems with them by field.
pub fn checked_hold(reason: &str, authority: &str) -> Result<(String, String), DomainError> {
    let mut problems = Vec::new();
    let reason = checked_text(
        "reason",
        reason,
        "Enter why the records must be kept, for example the inquiry or the claim",
        &mut problems,
    );
    let authority = checked_text(
        "authority",
        authority,
        "Enter who asked for the hold, or on whose authority it is placed",
        &mut problems,
    );
    if problems.is_empty() {
        Ok((reason, authority))
    } else {
        Err(invalid("The legal hold needs correcting", problems))
    }
}

/// The reason for lifting a hold, trimmed, or the problem with it.
pub fn checked_lift(reason: &str) -> Result<String, DomainError> {
    let mut problems = Vec::new();
    let reason = checked_text(
        "reason",
        reason,
        "Enter why the hold can be lifted, for example that the inquiry has ended",
        &mut problems,
    );
    if problems.is_empty() {
        Ok(reason)
    } else {
        Err(invalid("The hold cannot be lifted yet", problems))
    }
}

/// The reason a review keeps records beyond the end of their period, or the problem with it.
pub fn checked_review_reason(reason: &str) -> Result<String, DomainError> {
    let mut problems = Vec::new();
    let reason = checked_text(
        "reason",
        reason,
        "Enter why the records are kept for longer",
        &mut problems,
    );
    if problems.is_empty() {
        Ok(reason)
    } else {
        Err(invalid("The review needs correcting", problems))
    }
}

fn checked_text(field: &'static str, text: &str, empty: &str, problems: &mut Vec<FieldProblem>) -> String {
    let text = text.trim();
    if text.is_empty() {
        problems.push(FieldProblem {
            field,
            message: empty.to_owned(),
        });
    } else if text.chars().count() > MAX_HOLD_TEXT_CHARS {
        problems.push(FieldProblem {
            field,
            message: format!("Write at most {MAX_HOLD_TEXT_CHARS} characters"),
        });
    }
    text.to_owned()
}

fn invalid(summary: &str, problems: Vec<FieldProblem>) -> DomainError {
    DomainError::Invalid {
        summary: summary.to_owned(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_needs_a_reason_and_an_authority() {
        assert_eq!(
            checked_hold("  Inquiry  ", " IICSA ").expect("fine"),
            ("Inquiry".to_owned(), "IICSA".to_owned())
        );
        let Err(DomainError::Invalid { problems, .. }) = checked_hold(" ", "") else {
            panic!("refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["reason", "authority"]);
        let long = "x".repeat(MAX_HOLD_TEXT_CHARS + 1);
        assert!(checked_hold(&long, "IICSA").is_err());
        assert!(checked_lift("").is_err());
        assert_eq!(checked_lift(" ended ").expect("fine"), "ended");
    }
}
