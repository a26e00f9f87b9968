//! Where each record class of a case stands under the schedule on a given day, and what is due.
//!
//! A period runs from the latest of the events its rule names that apply to the case. An event
//! that has not happened yet (the case is still open) means the period has not started; the 18th
//! birthday applies only when the annex holds a date of birth, and is left out otherwise. A review
//! that kept records for longer moves the due date to the day it named. A hold changes no date:
//! the item stays due, marked held, and cannot be disposed of.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{add_period, eighteenth_birthday};
use super::{EndAction, RecordClass, RetentionEvent, RetentionRule, RetentionSchedule};

/// The dates a case's retention counts from, as the archive knows them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseEvents {
    pub case_opened: Option<NaiveDate>,
    /// The decision date of the latest finalised decision.
    pub decision: Option<NaiveDate>,
    /// The latest decision is to hold a review (of either kind), so the case stays open until it
    /// is completed or published.
    pub review_expected: bool,
    pub review_completed: Option<NaiveDate>,
    pub publication: Option<NaiveDate>,
    pub last_letter_issued: Option<NaiveDate>,
    /// From the restricted annex, while it is kept.
    pub date_of_birth: Option<NaiveDate>,
}

/// An event's date for a case: a day, not yet, or not applicable to this case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventDate {
    On(NaiveDate),
    NotYet,
    NotApplicable,
}

impl CaseEvents {
    fn date_of(&self, event: RetentionEvent) -> EventDate {
        let known = |date: Option<NaiveDate>| date.map_or(EventDate::NotYet, EventDate::On);
        match event {
            RetentionEvent::CaseOpened => known(self.case_opened),
            RetentionEvent::Decision => known(self.decision),
            RetentionEvent::ReviewCompleted => known(self.review_completed),
            RetentionEvent::Publication => known(self.publication),
            RetentionEvent::LastLetterIssued => known(self.last_letter_issued),
            RetentionEvent::CaseClosed => known(self.closed()),
            RetentionEvent::ChildEighteenthBirthday => self
                .date_of_birth
                .and_then(eighteenth_birthday)
                .map_or(EventDate::NotApplicable, EventDate::On),
            RetentionEvent::BackupMade => EventDate::NotApplicable,
        }
    }

    /// The day nothing more is expected of the case: no decision yet, or a review decided and
    /// neither completed nor published, is still open.
    fn closed(&self) -> Option<NaiveDate> {
        let decided = self.decision?;
        let ended = if self.review_expected {
            self.review_completed.max(self.publication)?
        } else {
            decided
        };
        Some(ended.max(decided).max(self.last_letter_issued.unwrap_or(ended)))
    }
}

/// One case's records as the schedule sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecords {
    pub case_id: i64,
    pub reference: String,
    pub events: CaseEvents,
    /// A hold in force on this case (a hold on the whole archive is passed separately).
    pub held: bool,
    /// The classes of this case that have been disposed of.
    pub disposed: Vec<RecordClass>,
    /// The classes a review kept beyond their period, and until when.
    pub kept_until: BTreeMap<RecordClass, NaiveDate>,
}

/// Where one class of a case's records stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RetentionState {
    /// The events the period counts from have not all happened (e.g. the case is still open).
    NotStarted,
    /// Within its period, until `due`.
    Running {
        due: NaiveDate,
    },
    /// The period ended on `due`: the end action is owed.
    Due {
        due: NaiveDate,
    },
    /// Kept for as long as the archive.
    Permanent,
    Disposed,
}

/// One class of a case's records: its rule, where it stands, and whether a hold stops disposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClassStatus {
    pub class: RecordClass,
    pub class_label: String,
    pub action: EndAction,
    /// The rule in one sentence.
    pub rule: String,
    pub state: RetentionState,
    /// A review kept these records until this day.
    pub kept_until: Option<NaiveDate>,
    pub held: bool,
}

/// A record class of a case that has reached the end of its period: for the due-for-review
/// page, `scr-desk retention due`, and the home page's obligations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub class: RecordClass,
    pub class_label: String,
    /// Review, or dispose of.
    pub action: EndAction,
    /// The day the period ended.
    pub due: NaiveDate,
    /// Whole days since then (0 on the day).
    #[ts(type = "number")]
    pub days_overdue: i64,
    pub rule: String,
    pub citation: String,
    /// A legal hold stops disposal until it is lifted.
    pub held: bool,
}

/// Each class of a case's records on `today`, in disposal order (the annex first).
pub fn case_status(
    schedule: &RetentionSchedule,
    case: &CaseRecords,
    archive_held: bool,
    today: NaiveDate,
) -> Vec<ClassStatus> {
    RecordClass::OF_A_CASE
        .into_iter()
        .filter_map(|class| {
            let rule = schedule.rule(class)?;
            let kept_until = case.kept_until.get(&class).copied();
            Some(ClassStatus {
                class,
                class_label: class.label().to_owned(),
                action: rule.action,
                rule: rule.describe(),
                state: state_of(rule, case, kept_until, today),
                kept_until,
                held: archive_held || case.held,
            })
        })
        .collect()
}

fn state_of(
    rule: &RetentionRule,
    case: &CaseRecords,
    kept_until: Option<NaiveDate>,
    today: NaiveDate,
) -> RetentionState {
    if case.disposed.contains(&rule.class) {
        return RetentionState::Disposed;
    }
    let Some(period) = rule.period.filter(|_| rule.action != EndAction::Keep) else {
        return RetentionState::Permanent;
    };
    let mut start: Option<NaiveDate> = None;
    for event in &rule.from {
        match case.events.date_of(*event) {
            EventDate::On(date) => start = start.max(Some(date)),
            EventDate::NotYet => return RetentionState::NotStarted,
            EventDate::NotApplicable => {}
        }
    }
    // A date past the end of the calendar is never reached.
    let Some(end) = start.and_then(|start| add_period(start, period)) else {
        return RetentionState::NotStarted;
    };
    let due = end.max(kept_until.unwrap_or(end));
    if today >= due {
        RetentionState::Due { due }
    } else {
        RetentionState::Running { due }
    }
}

/// Everything that has reached the end of its period on `today`, longest overdue first. This is
/// what the home page's list of obligations includes.
pub fn due(
    schedule: &RetentionSchedule,
    cases: &[CaseRecords],
    archive_held: bool,
    today: NaiveDate,
) -> Vec<DueItem> {
    let mut items: Vec<DueItem> = cases
        .iter()
        .flat_map(|case| {
            case_status(schedule, case, archive_held, today)
                .into_iter()
                .filter_map(move |status| {
                    let RetentionState::Due { due } = status.state else {
                        return None;
                    };
                    let rule = schedule.rule(status.class)?;
                    Some(DueItem {
                        case_id: case.case_id,
                        reference: case.reference.clone(),
                        class: status.class,
                        class_label: status.class_label,
                        action: status.action,
                        due,
                        days_overdue: (today - due).num_days(),
                        rule: status.rule,
                        citation: rule.citation.clone(),
                        held: status.held,
                    })
                })
        })
        .collect();
    items.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.reference.cmp(&b.reference))
            .then_with(|| a.class.cmp(&b.class))
    });
    items
}

/// A backup file the app made, as the backups folder shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    /// Where it is, as the person knows it (a path, or a file name in the backups folder).
    pub location: String,
    pub made_on: NaiveDate,
}

/// A backup past its review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDue {
    pub backup: BackupFile,
    pub due: NaiveDate,
    pub rule: String,
}

/// The backups whose period under the schedule has ended on `today`, oldest first.
pub fn backups_due(schedule: &RetentionSchedule, backups: &[BackupFile], today: NaiveDate) -> Vec<BackupDue> {
    let Some(rule) = schedule.rule(RecordClass::Backups) else {
        return Vec::new();
    };
    let Some(period) = rule.period.filter(|_| rule.action != EndAction::Keep) else {
        return Vec::new();
    };
    let mut due: Vec<BackupDue> = backups
        .iter()
        .filter_map(|backup| {
            let due = add_period(backup.made_on, period)?;
            (today >= due).then(|| BackupDue {
                backup: backup.clone(),
                due,
                rule: rule.describe(),
            })
        })
        .collect();
    due.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.backup.location.cmp(&b.backup.location))
    });
    due
}
