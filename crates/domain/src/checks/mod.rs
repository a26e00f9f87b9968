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
//!
//! - `findings.rs`: what a finding is: its code, the wizard page and field that fix it.
//! - `assessment.rs`: the pages that assess the case: its details, the criteria, mandatory
//!   triggers, the advice, the QM2 factors, parallel processes and the family.
//! - `decision.rs`: the decision and what follows from it: its justification, the review plan,
//!   the rationale, the notifications and the sign-offs.
//! - `annex.rs`: no restricted-annex detail in any text meant for the board.

use chrono::NaiveDate;

use crate::annex_scan::AnnexSource;
use crate::calendar::WorkingCalendar;
use crate::case::CaseSummary;
use crate::decision::DecisionDraft;
use crate::framework::{CaseEvent, Framework};
use crate::timers::{applies, due_date, EventDates};

mod annex;
mod assessment;
mod decision;
mod findings;
#[cfg(test)]
pub(crate) mod tests;

pub use annex::{board_texts, BoardText};
use findings::loc;
pub use findings::{blocking, FieldRef, Finding, FindingCode, WizardPage};

/// A rationale with fewer words than this is not "full and explicit".
pub const MIN_RATIONALE_WORDS: usize = 60;
/// A rationale with fewer characters than this is not "full and explicit".
pub const MIN_RATIONALE_CHARS: usize = 400;
/// A justification for departing from the framework needs at least this many words.
pub const MIN_JUSTIFICATION_WORDS: usize = 30;

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

    fn events(&self) -> EventDates {
        EventDates::from_case(self.case, Some(self.draft))
    }

    /// The due date of the first applicable timer ending on `end`, if its start date is known.
    fn due_for(&self, end: CaseEvent) -> Option<(NaiveDate, String)> {
        let events = self.events();
        self.framework
            .timers
            .iter()
            .filter(|t| t.end == end && applies(t, self.draft.kind()))
            .find_map(|t| {
                let start = events.get(t.start)?;
                due_date(self.calendar, t, start)
                    .ok()
                    .map(|due| (due, t.label.clone()))
            })
    }
}
