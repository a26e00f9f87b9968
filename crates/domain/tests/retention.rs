//! The retention schedule's dates on a fixed set of cases, each computed by hand in the test:
//! the later-of rule, the 18th birthday (leap day included), a case still open, a review that
//! kept records longer, holds, and what is due on a given day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use scr_domain::retention::{
    backups_due, case_status, due, BackupFile, CaseEvents, CaseRecords, EndAction, RecordClass,
    RetentionSchedule, RetentionState,
};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A case decided (no review) on `decided`, its last letter a week later.
fn closed_case(id: i64, decided: &str, date_of_birth: Option<&str>) -> CaseRecords {
    let decided = day(decided);
    CaseRecords {
        case_id: id,
        reference: format!("SCR-2016-{id:03}"),
        events: CaseEvents {
            case_opened: Some(decided - chrono::Days::new(30)),
            decision: Some(decided),
            review_expected: false,
            review_completed: None,
            publication: None,
            last_letter_issued: Some(decided + chrono::Days::new(7)),
            date_of_birth: date_of_birth.map(day),
        },
        held: false,
        disposed: Vec::new(),
        kept_until: BTreeMap::new(),
    }
}

fn state(
    schedule: &RetentionSchedule,
    case: &CaseRecords,
    class: RecordClass,
    today: &str,
) -> RetentionState {
    case_status(schedule, case, false, day(today))
        .into_iter()
        .find(|status| status.class == class)
        .expect("class")
        .state
}

#[test]
fn the_annex_runs_six_years_from_the_later_of_closing_and_the_18th_birthday() {
    let schedule = RetentionSchedule::builtin();
    // Born 9 June 2014: 18 on 9 June 2032, so due 9 June 2038 (closing, 2016, is earlier).
    let young = closed_case(1, "2016-04-12", Some("2014-06-09"));
    assert_eq!(
        state(&schedule, &young, RecordClass::RestrictedAnnex, "2038-06-08"),
        RetentionState::Running {
            due: day("2038-06-09")
        }
    );
    assert_eq!(
        state(&schedule, &young, RecordClass::RestrictedAnnex, "2038-06-09"),
        RetentionState::Due {
            due: day("2038-06-09")
        }
    );
    // Born 1990: already an adult; closed 19 April 2016 (the last letter), due 19 April 2022.
    let adult = closed_case(2, "2016-04-12", Some("1990-01-01"));
    assert_eq!(
        state(&schedule, &adult, RecordClass::RestrictedAnnex, "2022-04-18"),
        RetentionState::Running {
            due: day("2022-04-19")
        }
    );
    // No date of birth: the birthday is left out and closing alone counts.
    let unknown = closed_case(3, "2016-04-12", None);
    assert_eq!(
        state(&schedule, &unknown, RecordClass::RestrictedAnnex, "2022-04-19"),
        RetentionState::Due {
            due: day("2022-04-19")
        }
    );
}

#[test]
fn a_leap_day_birthday_turns_18_on_the_first_of_march() {
    let schedule = RetentionSchedule::builtin();
    // Born 29 February 2008: 18 on 1 March 2026 (2026 has no 29 February); due 1 March 2032.
    let case = closed_case(4, "2016-04-12", Some("2008-02-29"));
    assert_eq!(
        state(&schedule, &case, RecordClass::RestrictedAnnex, "2032-02-29"),
        RetentionState::Running {
            due: day("2032-03-01")
        }
    );
    assert_eq!(
        state(&schedule, &case, RecordClass::RestrictedAnnex, "2032-03-01"),
        RetentionState::Due {
            due: day("2032-03-01")
        }
    );
}

#[test]
fn a_case_still_under_review_has_not_started_its_periods() {
    let schedule = RetentionSchedule::builtin();
    let mut case = closed_case(5, "2016-04-12", Some("1990-01-01"));
    case.events.review_expected = true;
    for class in [RecordClass::RestrictedAnnex, RecordClass::CaseRecord] {
        assert_eq!(
            state(&schedule, &case, class, "2090-01-01"),
            RetentionState::NotStarted
        );
    }
    // Published on 3 October 2017: closed then (after the last letter), case record due 30 years on.
    case.events.publication = Some(day("2017-10-03"));
    assert_eq!(
        state(&schedule, &case, RecordClass::CaseRecord, "2040-01-01"),
        RetentionState::Running {
            due: day("2047-10-03")
        }
    );
    // No decision at all: nothing has started.
    let mut open = closed_case(6, "2016-04-12", None);
    open.events.decision = None;
    assert_eq!(
        state(&schedule, &open, RecordClass::Letters, "2090-01-01"),
        RetentionState::NotStarted
    );
}

#[test]
fn a_review_that_keeps_records_moves_the_due_date_and_disposed_classes_drop_out() {
    let schedule = RetentionSchedule::builtin();
    let mut case = closed_case(7, "1990-04-12", None);
    // Closed 19 April 1990: the case record was due for review on 19 April 2020.
    assert_eq!(
        state(&schedule, &case, RecordClass::CaseRecord, "2026-01-01"),
        RetentionState::Due {
            due: day("2020-04-19")
        }
    );
    case.kept_until.insert(RecordClass::CaseRecord, day("2030-01-01"));
    assert_eq!(
        state(&schedule, &case, RecordClass::CaseRecord, "2026-01-01"),
        RetentionState::Running {
            due: day("2030-01-01")
        }
    );
    case.disposed.push(RecordClass::RestrictedAnnex);
    assert_eq!(
        state(&schedule, &case, RecordClass::RestrictedAnnex, "2026-01-01"),
        RetentionState::Disposed
    );
}

#[test]
fn what_is_due_lists_oldest_first_and_marks_holds() {
    let schedule = RetentionSchedule::builtin();
    let old = closed_case(8, "1990-04-12", None);
    let mut held = closed_case(9, "1980-01-10", None);
    held.held = true;
    let recent = closed_case(10, "2024-01-10", None);
    let today = day("2026-06-01");
    let items = due(&schedule, &[old.clone(), held.clone(), recent], false, today);
    let listed: Vec<(&str, RecordClass, bool)> = items
        .iter()
        .map(|item| (item.reference.as_str(), item.class, item.held))
        .collect();
    assert_eq!(
        listed,
        [
            // Closed 17 January 1980: annex due 17 January 1986; the rest 17 January 2010.
            ("SCR-2016-009", RecordClass::RestrictedAnnex, true),
            ("SCR-2016-008", RecordClass::RestrictedAnnex, false),
            ("SCR-2016-009", RecordClass::CaseRecord, true),
            ("SCR-2016-009", RecordClass::Letters, true),
            ("SCR-2016-009", RecordClass::DeliveryLog, true),
            ("SCR-2016-008", RecordClass::CaseRecord, false),
            ("SCR-2016-008", RecordClass::Letters, false),
            ("SCR-2016-008", RecordClass::DeliveryLog, false),
        ]
    );
    let first = &items[0];
    assert_eq!(first.due, day("1986-01-17"));
    assert_eq!(first.action, EndAction::Dispose);
    assert_eq!(first.days_overdue, (today - day("1986-01-17")).num_days());
    assert_eq!(items[2].action, EndAction::Review);
    // A hold on the whole archive marks everything.
    assert!(due(&schedule, &[old], true, today).iter().all(|item| item.held));
}

#[test]
fn backups_are_due_for_review_a_year_after_they_were_made() {
    let schedule = RetentionSchedule::builtin();
    let backups = [
        BackupFile {
            location: "before-schema-10.scrbackup".into(),
            made_on: day("2025-06-01"),
        },
        BackupFile {
            location: "before-new-key.scrbackup".into(),
            made_on: day("2025-06-02"),
        },
    ];
    let due = backups_due(&schedule, &backups, day("2026-06-01"));
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].backup.location, "before-schema-10.scrbackup");
    assert_eq!(due[0].due, day("2026-06-01"));
}
