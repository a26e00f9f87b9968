//! What the desk reads from the archive about each case, for the obligations and the QM3 report:
//! the decision, the milestones, the letters issued and where each member's copy stands. Plain
//! values, so that the rules can be tested on a data set written by hand.

use chrono::NaiveDate;

use crate::decision::PlannedNotification;
use crate::framework::{DecisionKind, Framework};
use crate::milestones::Milestone;
use crate::register::Channel;
use crate::timers::EventDates;

pub use crate::letter_kind::LetterKind;

/// "the decision notice", for a sentence.
pub fn letter_words(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::DecisionNotice => "the decision notice",
        LetterKind::Update => "the update",
        LetterKind::OutcomeNotice => "the outcome notice",
    }
}

/// One issue of letters: those of one kind signed together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterIssue {
    pub kind: LetterKind,
    pub issued_on: NaiveDate,
    /// How many letters (a circular and personal copies).
    pub letters: u32,
}

/// Where a member's copy of the newest issue of one kind of letter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Nothing was ever queued for the member.
    NotQueued,
    /// Queued, or with the mail server now.
    Queued,
    /// Refused by the mail server, since the date.
    Failed { since: NaiveDate },
    /// Cut off in flight: it may or may not have gone (the user must confirm or resend).
    Uncertain { since: NaiveDate },
    /// Written to a secure-export folder for the board manager to send.
    Exported { on: NaiveDate },
    /// Sent by email, or confirmed sent by the board manager.
    Delivered { on: NaiveDate },
}

impl Delivery {
    /// Handed over: sent, confirmed, or exported for secure mail.
    pub fn handed_over(self) -> bool {
        matches!(self, Delivery::Exported { .. } | Delivery::Delivered { .. })
    }

    /// Needs the user to act: it failed, or may not have gone.
    pub fn in_trouble(self) -> Option<NaiveDate> {
        match self {
            Delivery::Failed { since } | Delivery::Uncertain { since } => Some(since),
            _ => None,
        }
    }
}

/// One member's letters of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberLetter {
    pub kind: LetterKind,
    /// The member's copy of the newest issue of this kind.
    pub newest: Delivery,
    /// The first day any letter of this kind was handed over to them, and how.
    pub told: Option<(NaiveDate, Channel)>,
}

/// A member in post on the decision date who receives letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub member_id: i64,
    pub letters: Vec<MemberLetter>,
    /// The latest acknowledgement they gave for the case.
    pub acknowledged_on: Option<NaiveDate>,
}

impl MemberFacts {
    pub fn letter(&self, kind: LetterKind) -> Option<&MemberLetter> {
        self.letters.iter().find(|l| l.kind == kind)
    }
}

/// The latest finalised decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub kind: DecisionKind,
    pub alternative_type: Option<String>,
    pub date: NaiveDate,
    pub expected_completion: Option<NaiveDate>,
    pub planned_notifications: Vec<PlannedNotification>,
}

/// Everything the rules read about one case.
#[derive(Debug, Clone)]
pub struct CaseFacts<'a> {
    pub case_id: i64,
    pub reference: String,
    pub pseudonym: String,
    pub framework: &'a Framework,
    /// The case's own dates (incident, notification, referral, advice, decision).
    pub events: EventDates,
    pub decided: Option<Decided>,
    pub milestones: Vec<Milestone>,
    pub issues: Vec<LetterIssue>,
    /// Every member in post on the decision date who receives letters (none before a decision).
    pub members: Vec<MemberFacts>,
}

impl CaseFacts<'_> {
    /// The newest issue of a kind.
    pub fn newest_issue(&self, kind: LetterKind) -> Option<&LetterIssue> {
        self.issues
            .iter()
            .filter(|i| i.kind == kind)
            .max_by_key(|i| i.issued_on)
    }

    /// Whether a letter of `kind` was issued on or after `date`.
    pub fn issued_since(&self, kind: LetterKind, date: NaiveDate) -> bool {
        self.issues.iter().any(|i| i.kind == kind && i.issued_on >= date)
    }

    pub fn milestone(&self, event: crate::framework::CaseEvent) -> Option<NaiveDate> {
        self.milestones
            .iter()
            .filter(|m| m.event == event)
            .map(|m| m.date)
            .min()
    }
}

/// The board's own numbers the rules use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Members are to be told within this many working days of a decision (a board setting).
    pub told_within_working_days: u32,
    /// A member who has not acknowledged is reminded after this many working days.
    pub reminder_working_days: u32,
}
