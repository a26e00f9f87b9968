//! Records governance: how long each class of record is kept, counted from which event, and
//! what happens at the end (a review, or disposal); legal holds that stop disposal; and the
//! certificate a disposal leaves behind.
//!
//! The schedule is data, like the frameworks: a built-in default (`crates/domain/retention/
//! default.toml`, its sources cited in the file) or a board's own file, read with
//! [`RetentionSchedule::from_toml_str`], which refuses a file that cannot be used with the line,
//! the column and the reason.
//!
//! - [`dates`]: adding a period to a date, and the 18th birthday.
//! - [`due`]: what each record class of a case has reached on a given day; what is due.
//! - [`certificate`]: what a disposal certifies, without any of the disposed content.
//! - [`hold`]: legal holds as the rules see them.

pub mod certificate;
pub mod dates;
pub mod due;
pub mod hold;
mod schedule_file;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use due::{
    backups_due, case_status, due, BackupDue, BackupFile, CaseEvents, CaseRecords, ClassStatus, DueItem,
    RetentionState,
};

/// The built-in schedule: (file name, text).
pub const BUILTIN_SCHEDULE: (&str, &str) = ("default.toml", include_str!("../../retention/default.toml"));

/// The kinds of record the schedule gives a period to. Each case has the first four; the audit
/// trail and the backups belong to the whole archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordClass {
    /// The child's identifying details: special category data, disposed of first and alone.
    RestrictedAnnex,
    /// What the board was told about the case, the wizard's draft and the finalised decisions.
    CaseRecord,
    /// The signed letters' files (their hashes are always kept).
    Letters,
    /// Who was sent each letter and when, acknowledgements and reminders.
    DeliveryLog,
    /// The hash-chained audit trail: never disposed of (it proves the disposals).
    AuditTrail,
    /// Backup files made by the app.
    Backups,
}

impl RecordClass {
    pub const ALL: [RecordClass; 6] = [
        RecordClass::RestrictedAnnex,
        RecordClass::CaseRecord,
        RecordClass::Letters,
        RecordClass::DeliveryLog,
        RecordClass::AuditTrail,
        RecordClass::Backups,
    ];

    /// The classes a case holds, in the order they may be disposed of: the annex first.
    pub const OF_A_CASE: [RecordClass; 4] = [
        RecordClass::RestrictedAnnex,
        RecordClass::Letters,
        RecordClass::DeliveryLog,
        RecordClass::CaseRecord,
    ];

    /// The name in schedule files and stored records.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordClass::RestrictedAnnex => "restricted_annex",
            RecordClass::CaseRecord => "case_record",
            RecordClass::Letters => "letters",
            RecordClass::DeliveryLog => "delivery_log",
            RecordClass::AuditTrail => "audit_trail",
            RecordClass::Backups => "backups",
        }
    }

    pub fn parse(text: &str) -> Option<RecordClass> {
        RecordClass::ALL.into_iter().find(|class| class.as_str() == text)
    }

    /// How people are told which records these are.
    pub fn label(self) -> &'static str {
        match self {
            RecordClass::RestrictedAnnex => "Restricted details (the annex)",
            RecordClass::CaseRecord => "Case summary and decisions",
            RecordClass::Letters => "Letters (the signed files)",
            RecordClass::DeliveryLog => "Delivery log and acknowledgements",
            RecordClass::AuditTrail => "Audit trail",
            RecordClass::Backups => "Backups",
        }
    }

    /// Whether this class belongs to one case (rather than to the whole archive).
    pub fn is_per_case(self) -> bool {
        RecordClass::OF_A_CASE.contains(&self)
    }
}

/// What a period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RetentionEvent {
    CaseOpened,
    /// The date of the latest finalised decision.
    Decision,
    /// When nothing more is expected: the decision when no review follows, otherwise the review's
    /// completion or publication; the last letter counts too.
    CaseClosed,
    ReviewCompleted,
    Publication,
    LastLetterIssued,
    /// The child's 18th birthday, when the annex holds a date of birth; otherwise left out.
    #[serde(rename = "child_18th_birthday")]
    ChildEighteenthBirthday,
    /// For backups: the day the backup was made.
    BackupMade,
}

impl RetentionEvent {
    pub fn label(self) -> &'static str {
        match self {
            RetentionEvent::CaseOpened => "the case was opened",
            RetentionEvent::Decision => "the decision",
            RetentionEvent::CaseClosed => "the case closed",
            RetentionEvent::ReviewCompleted => "the review was completed",
            RetentionEvent::Publication => "the review was published",
            RetentionEvent::LastLetterIssued => "the last letter was issued",
            RetentionEvent::ChildEighteenthBirthday => "the child's 18th birthday",
            RetentionEvent::BackupMade => "the backup was made",
        }
    }
}

/// What happens when a period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndAction {
    /// Someone decides: dispose of the records, or keep them until a later date.
    Review,
    /// The records are disposed of (the chair still confirms each disposal).
    Dispose,
    /// Kept for as long as the archive: no period.
    Keep,
}

impl EndAction {
    pub fn label(self) -> &'static str {
        match self {
            EndAction::Review => "review",
            EndAction::Dispose => "dispose of",
            EndAction::Keep => "keep permanently",
        }
    }
}

/// A length of time in whole years and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionPeriod {
    pub years: u32,
    pub months: u32,
}

impl RetentionPeriod {
    /// "6 years", "1 year and 6 months", "18 months" would read as "1 year and 6 months".
    pub fn describe(self) -> String {
        let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (self.years, self.months) {
            (years, 0) => plural(years, "year"),
            (0, months) => plural(months, "month"),
            (years, months) => format!("{} and {}", plural(years, "year"), plural(months, "month")),
        }
    }
}

/// One line of the schedule: a record class, its period, and the end action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionRule {
    pub class: RecordClass,
    /// None for [`EndAction::Keep`].
    pub period: Option<RetentionPeriod>,
    /// The period runs from the latest of these events that apply (see [`due`]).
    pub from: Vec<RetentionEvent>,
    pub action: EndAction,
    /// Why, in words for the board and an inspector.
    pub reason: String,
    pub citation: String,
    /// The period is a reasoned choice, not one found in law or national guidance.
    pub unverified: bool,
}

impl RetentionRule {
    /// The rule in one sentence: "Dispose of 6 years after the later of the case closed and the
    /// child's 18th birthday".
    pub fn describe(&self) -> String {
        let Some(period) = self.period else {
            return "Keep permanently".to_owned();
        };
        let events: Vec<&str> = self.from.iter().map(|event| event.label()).collect();
        let from = match events.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("the later of {} and {last}", rest.join(", ")),
        };
        let action = crate::text::sentence_case(self.action.label());
        format!("{action} {} after {from}", period.describe())
    }
}

/// A whole schedule: one rule for each record class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSchedule {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The sources the periods come from.
    pub source: String,
    /// False for a board's own file.
    pub builtin: bool,
    pub rules: Vec<RetentionRule>,
}

impl RetentionSchedule {
    /// The built-in schedule. Its file is checked by the tests, so a failure here is a build
    /// defect, not something a user can cause.
    pub fn builtin() -> RetentionSchedule {
        let (name, text) = BUILTIN_SCHEDULE;
        let mut schedule = RetentionSchedule::from_toml_str(name, text)
            .unwrap_or_else(|error| panic!("the built-in retention schedule is invalid: {error}"));
        schedule.builtin = true;
        schedule
    }

    /// Reads and checks a schedule file; `name` is the file name used in error messages.
    pub fn from_toml_str(name: &str, text: &str) -> Result<RetentionSchedule, crate::DomainError> {
        schedule_file::read(name, text)
    }

    /// The rule for a class. Every class has exactly one (the file is refused otherwise).
    pub fn rule(&self, class: RecordClass) -> Option<&RetentionRule> {
        self.rules.iter().find(|rule| rule.class == class)
    }
}
