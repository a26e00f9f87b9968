//! Milestones in a real archive: recorded, corrected and withdrawn as new rows, each pinned in the
//! audit chain; changed behind the app's back, they are refused, and an edit is named by `check`.

use chrono::NaiveDate;

use scr_domain::case::{CaseSummary, DEFAULT_REFERENCE_PATTERN};
use scr_domain::framework::CaseEvent;
use scr_domain::milestones::Milestone;

use crate::audit::Actor;
use crate::keystore::{KeyStore, SystemKeyring};
use crate::{Archive, ArchiveError};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

struct Cleanup(String);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Ok(keyring) = SystemKeyring::connect() {
            let _ = keyring.remove(&self.0);
        }
    }
}

fn archive_with_a_case() -> (tempfile::TempDir, Cleanup, Archive, i64) {
    let temp = tempfile::tempdir().expect("tempdir");
    let keyring = SystemKeyring::connect().expect("a running Secret Service (run through scripts/test.sh)");
    let actor = Actor::new(
        "test",
        "milestones",
        scr_domain::clock::Clock::fixed_on(d("2026-06-01")),
    );
    let (mut archive, _) =
        Archive::open_or_create(&temp.path().join("data"), &keyring, &actor).expect("create");
    let cleanup = Cleanup(archive.header.keyring.account.clone());
    let case = archive
        .create_case(
            DEFAULT_REFERENCE_PATTERN,
            2026,
            &CaseSummary::default(),
            &Default::default(),
        )
        .expect("case");
    (temp, cleanup, archive, case.id)
}

fn started(on: &str) -> Milestone {
    Milestone {
        event: CaseEvent::ReviewStart,
        notification_id: None,
        date: d(on),
    }
}

#[test]
fn a_milestone_is_recorded_corrected_and_withdrawn_by_new_rows() {
    let (_temp, _cleanup, mut archive, case) = archive_with_a_case();
    let ofsted = Milestone {
        event: CaseEvent::NationalNotificationSent,
        notification_id: Some("ofsted_review".into()),
        date: d("2026-03-03"),
    };
    let first = archive
        .record_milestone(case, &started("2026-03-10"))
        .expect("record");
    archive.record_milestone(case, &ofsted).expect("record");
    assert_eq!(
        archive.milestones(case).expect("in force"),
        [started("2026-03-10"), ofsted.clone()]
    );

    let corrected = archive
        .correct_milestone(case, first.id, Some(d("2026-03-11")), "typed the wrong day")
        .expect("correct");
    assert_eq!(corrected.replaces, Some(first.id));
    assert_eq!(corrected.reason.as_deref(), Some("typed the wrong day"));
    assert_eq!(
        archive.milestones(case).expect("in force"),
        [ofsted.clone(), started("2026-03-11")]
    );
    // The row corrected is no longer in force: correcting it again is refused.
    assert!(matches!(
        archive.correct_milestone(case, first.id, Some(d("2026-03-12")), "again"),
        Err(ArchiveError::NotFound { .. })
    ));
    archive
        .correct_milestone(case, corrected.id, None, "recorded on the wrong case")
        .expect("withdraw");
    assert_eq!(archive.milestones(case).expect("in force"), [ofsted]);
    assert_eq!(archive.milestone_history(case).expect("history").len(), 4);
    assert_eq!(archive.all_milestones().expect("all")[&case].len(), 1);

    let actions: Vec<String> = archive
        .audit_events()
        .expect("events")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("case.milestone"))
            .collect::<Vec<_>>(),
        [
            "case.milestone_recorded",
            "case.milestone_recorded",
            "case.milestone_corrected",
            "case.milestone_corrected"
        ]
    );
    assert!(archive.check().expect("check").is_clean());
}

#[test]
fn milestones_cannot_be_changed_behind_the_app_and_an_edit_is_named_by_check() {
    let (_temp, _cleanup, mut archive, case) = archive_with_a_case();
    let row = archive
        .record_milestone(case, &started("2026-03-10"))
        .expect("record");
    crate::tests::assert_refused_behind_the_app(
        &archive,
        &[
            "UPDATE case_milestones SET date = '2026-01-01'",
            "DELETE FROM case_milestones",
            "INSERT INTO case_milestones (case_id, event, date, recorded_at) VALUES (1, 'publication', '2026-01-01', 'x')",
            "INSERT INTO case_milestones (case_id, event, date, recorded_at, audit_seq)
             VALUES (1, 'decision', '2026-01-01', 'x', (SELECT max(seq) + 1 FROM audit_events))",
        ],
    );
    let report = crate::tests::tamper_and_check(
        &archive,
        "DROP TRIGGER case_milestones_no_update;
         UPDATE case_milestones SET date = '2026-03-01';",
    );
    assert_eq!(report.tampered_rows[0].table, "milestone");
    assert_eq!(report.tampered_rows[0].id, row.id);
}
