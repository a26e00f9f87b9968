//! Records governance: the retention schedule in force, what is due for review, legal
//! holds, reviews that keep records for longer, and disposal with proof. The rules are in
//! `scr_domain::retention`; the archive keeps the holds, reviews and certificates and does the
//! removal; this module decides what is allowed and gives the pages their views.

mod disposal;
mod schedule_file;
mod views;

use chrono::NaiveDate;

use scr_archive::{Archive, CaseRetentionFacts};
use scr_domain::clock::date_in_england;
use scr_domain::framework::DecisionKind;
use scr_domain::retention::hold::{checked_hold, checked_lift, checked_review_reason};
use scr_domain::retention::{backups_due, case_status, BackupFile, CaseEvents, CaseRecords, DueItem};
use scr_domain::DomainError;

pub use schedule_file::{check_board_schedule, MAX_SCHEDULE_FILE_BYTES, RETENTION_FOLDER};
pub(crate) use schedule_file::{load as load_schedule, LoadedSchedule};
pub use views::{
    CaseRetentionView, DisposalInput, DisposalPreview, HoldInput, HoldView, KeepLongerInput, LiftHoldInput,
    RetentionOverview,
};

use crate::{Desk, DeskError};

impl Desk {
    /// Everything that has reached the end of its period today, longest overdue first: for the
    /// due-for-review page, `scr-desk retention due`, and the home page's obligations.
    pub fn retention_due(&self) -> Result<Vec<DueItem>, DeskError> {
        self.with_archive(|archive| self.retention_due_in(archive))
    }

    pub(crate) fn retention_due_in(&self, archive: &Archive) -> Result<Vec<DueItem>, DeskError> {
        let (cases, archive_held) = case_records(archive)?;
        Ok(scr_domain::retention::due(
            &self.rules.retention.schedule,
            &cases,
            archive_held,
            self.today(),
        ))
    }

    pub fn retention_overview(&self) -> Result<RetentionOverview, DeskError> {
        let loaded = &self.rules.retention;
        self.with_archive(|archive| {
            let (cases, archive_held) = case_records(archive)?;
            let today = self.today();
            let holds = archive.legal_holds(true)?;
            let backups: Vec<BackupFile> = archive
                .backups_before()?
                .into_iter()
                .filter(|backup| backup.still_present != Some(false))
                .filter_map(|backup| {
                    Some(BackupFile {
                        made_on: date_in_england(&backup.made_at)?,
                        location: backup.location?,
                    })
                })
                .collect();
            Ok(RetentionOverview {
                due: scr_domain::retention::due(&loaded.schedule, &cases, archive_held, today),
                backups_due: backups_due(&loaded.schedule, &backups, today),
                schedule: loaded.schedule.clone(),
                schedule_problems: loaded.problems.clone(),
                disposal_blocked: schedule_blocks(loaded),
                folder: self.data_dir().join(RETENTION_FOLDER).display().to_string(),
                today,
                archive_holds: holds
                    .iter()
                    .filter(|hold| hold.case_id.is_none())
                    .cloned()
                    .collect(),
                case_holds: holds.into_iter().filter(|hold| hold.case_id.is_some()).collect(),
                second_person_required: archive.second_person_required()?,
                disposals: archive
                    .disposals(None)?
                    .into_iter()
                    .map(|disposal| disposal.certificate)
                    .collect(),
            })
        })
    }

    /// One case's holds, retention and disposals: every page of the case shows its holds.
    pub fn case_retention(&self, case_id: i64) -> Result<CaseRetentionView, DeskError> {
        self.with_archive(|archive| self.case_retention_of(archive, case_id))
    }

    pub(crate) fn case_retention_of(
        &self,
        archive: &Archive,
        case_id: i64,
    ) -> Result<CaseRetentionView, DeskError> {
        let reference = archive.case(case_id)?.reference;
        let (cases, archive_held) = case_records(archive)?;
        let classes = cases
            .iter()
            .find(|case| case.case_id == case_id)
            .map(|case| case_status(&self.rules.retention.schedule, case, archive_held, self.today()))
            .unwrap_or_default();
        Ok(CaseRetentionView {
            case_id,
            reference,
            holds: archive
                .legal_holds(true)?
                .into_iter()
                .filter(|hold| hold.case_id.is_none() || hold.case_id == Some(case_id))
                .collect(),
            classes,
            disposals: archive
                .disposals(Some(case_id))?
                .into_iter()
                .map(|disposal| disposal.certificate)
                .collect(),
        })
    }

    /// Places a legal hold on a case, or on the whole archive; audited.
    pub fn place_legal_hold(&self, input: HoldInput) -> Result<HoldView, DeskError> {
        let (reason, authority) = checked_hold(&input.reason, &input.authority).map_err(form_error)?;
        self.with_archive(|archive| Ok(archive.place_legal_hold(input.case_id, &reason, &authority)?))
    }

    /// Lifts a hold in force, with the reason; audited, and kept in the history.
    pub fn lift_legal_hold(&self, input: LiftHoldInput) -> Result<HoldView, DeskError> {
        let reason = checked_lift(&input.reason).map_err(form_error)?;
        self.with_archive(|archive| Ok(archive.lift_legal_hold(input.hold_id, &reason)?))
    }

    /// Every hold, in force or lifted, newest first.
    pub fn legal_hold_history(&self) -> Result<Vec<HoldView>, DeskError> {
        self.with_archive(|archive| Ok(archive.legal_holds(false)?))
    }

    /// A review's outcome for records that reached the end of their period: keep them until a
    /// later day, for the reason given. Audited.
    pub fn keep_records_longer(&self, input: KeepLongerInput) -> Result<CaseRetentionView, DeskError> {
        let reason = checked_review_reason(&input.reason).map_err(form_error);
        let until = scr_domain::register::parse_date(&input.until).ok();
        let mut problems = Vec::new();
        match until {
            Some(day) if day > self.today() => {}
            Some(_) => problems.push(field("until", "Enter a date in the future")),
            None => problems.push(field("until", "Enter the date to keep the records until")),
        }
        if let Err(DeskError::RetentionInvalid { problems: more, .. }) = &reason {
            problems.extend(more.iter().cloned());
        }
        if !input.class.is_per_case() {
            problems.push(field("class", "Choose records of a case"));
        }
        let (Ok(reason), Some(until), true) = (reason, until, problems.is_empty()) else {
            return Err(DeskError::RetentionInvalid {
                summary: "The review needs correcting".to_owned(),
                problems,
            });
        };
        self.with_archive(|archive| {
            archive.record_retention_review(input.case_id, input.class, until, &reason)?;
            self.case_retention_of(archive, input.case_id)
        })
    }

    /// Whether a second person must confirm each disposal; audited.
    pub fn save_retention_settings(&self, second_person_required: bool) -> Result<bool, DeskError> {
        self.with_archive(|archive| {
            archive.save_second_person_required(second_person_required)?;
            Ok(archive.second_person_required()?)
        })
    }
}

/// Every case's records as the schedule sees them, and whether the whole archive is held.
pub(crate) fn case_records(archive: &Archive) -> Result<(Vec<CaseRecords>, bool), DeskError> {
    let archive_held = archive
        .legal_holds(true)?
        .iter()
        .any(|hold| hold.case_id.is_none());
    let mut milestones = archive.all_milestones()?;
    let cases = archive
        .retention_facts()?
        .into_iter()
        .map(|facts| {
            let case_milestones = milestones.remove(&facts.case_id).unwrap_or_default();
            records_of(facts, &case_milestones)
        })
        .collect();
    Ok((cases, archive_held))
}

fn records_of(facts: CaseRetentionFacts, milestones: &[scr_domain::milestones::Milestone]) -> CaseRecords {
    let decision = facts.decision.as_ref();
    let recorded = |event: scr_domain::framework::CaseEvent| {
        milestones.iter().find(|m| m.event == event).map(|m| m.date)
    };
    CaseRecords {
        events: CaseEvents {
            case_opened: date_in_england(&facts.opened_at),
            decision: decision.and_then(|d| d.date.or_else(|| date_in_england(&d.finalised_at))),
            review_expected: decision.is_some_and(|d| {
                matches!(
                    d.kind,
                    Some(DecisionKind::Review | DecisionKind::AlternativeReview)
                )
            }),
            // Recorded as the case's milestones; until they are, a case with a review decided
            // stays open.
            review_completed: recorded(scr_domain::framework::CaseEvent::ReviewCompleted),
            publication: recorded(scr_domain::framework::CaseEvent::Publication),
            last_letter_issued: facts.last_letter_at.as_deref().and_then(date_in_england),
            date_of_birth: facts.date_of_birth,
        },
        case_id: facts.case_id,
        reference: facts.reference,
        held: facts.held,
        disposed: facts.disposed,
        kept_until: facts.kept_until,
    }
}

fn schedule_blocks(loaded: &LoadedSchedule) -> Option<String> {
    if loaded.usable() {
        return None;
    }
    loaded.problems.first().map(|problem| {
        format!(
            "The board's retention schedule ({}) cannot be used: {}. Nothing can be disposed of until it is put right.",
            problem.file, problem.reason
        )
    })
}

fn field(name: &'static str, message: &str) -> scr_domain::FieldProblem {
    scr_domain::FieldProblem {
        field: name,
        message: message.to_owned(),
    }
}

/// A retention form's problems, with their own error code.
fn form_error(error: DomainError) -> DeskError {
    match error {
        DomainError::Invalid { summary, problems } => DeskError::RetentionInvalid { summary, problems },
        other => DeskError::Domain(other),
    }
}

/// The day a class of a case's records reached (or reaches) the end of its period.
pub(crate) fn due_of(status: &scr_domain::retention::RetentionState) -> Option<NaiveDate> {
    use scr_domain::retention::RetentionState as S;
    match status {
        S::Due { due } | S::Running { due } => Some(*due),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_decision_keeps_the_case_open_and_a_missing_date_falls_back_to_finalising() {
        let facts = CaseRetentionFacts {
            case_id: 1,
            reference: "SCR-2016-004".into(),
            opened_at: "2016-03-20T10:00:00.000Z".into(),
            decision: Some(scr_archive::DecidedFacts {
                date: None,
                kind: Some(DecisionKind::Review),
                finalised_at: "2016-04-12T23:30:00.000Z".into(),
            }),
            last_letter_at: None,
            date_of_birth: None,
            held: false,
            disposed: Vec::new(),
            kept_until: Default::default(),
        };
        let records = records_of(facts.clone(), &[]);
        assert!(records.events.review_expected);
        assert_eq!(
            records.events.review_completed, None,
            "a review decided stays open"
        );
        // A recorded completion is the review's end for the schedule.
        let completed = scr_domain::milestones::Milestone {
            event: scr_domain::framework::CaseEvent::ReviewCompleted,
            notification_id: None,
            date: NaiveDate::from_ymd_opt(2017, 1, 31).expect("date"),
        };
        let records_after = records_of(facts, std::slice::from_ref(&completed));
        assert_eq!(records_after.events.review_completed, Some(completed.date));
        // 23:30 UTC on 12 April is 00:30 on the 13th in England (BST).
        assert_eq!(records.events.decision, NaiveDate::from_ymd_opt(2016, 4, 13));
        assert_eq!(records.events.case_opened, NaiveDate::from_ymd_opt(2016, 3, 20));
    }
}
