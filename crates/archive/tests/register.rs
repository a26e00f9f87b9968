//! The register in the real encrypted archive: versions are kept, never changed or deleted,
//! and an import is all or nothing.

mod common;

use chrono::NaiveDate;
use common::{audit_actions, TestArchive};
use scr_archive::{ArchiveError, AuditAction, RegisterChange};
use scr_domain::register::{Channel, MemberDetails, Voting};

fn details(name: &str, email: &str) -> MemberDetails {
    MemberDetails {
        name: name.into(),
        role: "Head of Service".into(),
        agency: "Probation".into(),
        email: email.into(),
        phone: Some("01632 960 001".into()),
        term_start: NaiveDate::from_ymd_opt(2024, 4, 1).expect("date"),
        term_end: None,
        voting: Voting::Advisory,
        receives_letters: true,
        channel: Channel::Post,
        notes: "Prefers letters to the office".into(),
    }
}

#[test]
fn members_and_their_versions_round_trip_and_are_audited() {
    let (test, mut archive) = TestArchive::create();
    let id = archive
        .add_member(&details("Zoë Lloyd", "zoe@example.org"))
        .expect("add");
    let mut moved = details("Zoë Lloyd", "zoe.lloyd@example.org");
    moved.term_end = NaiveDate::from_ymd_opt(2026, 3, 31);
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    archive
        .record_member_version(id, from, &moved, AuditAction::MemberLeft)
        .expect("leave");
    drop(archive);

    let archive = test.open();
    let versions = archive.member_versions().expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].details, details("Zoë Lloyd", "zoe@example.org"));
    assert_eq!(versions[1].details, moved);
    assert_eq!(versions[1].effective_from, from);
    let actions = audit_actions(&archive);
    assert_eq!(&actions[actions.len() - 2..], ["member.added", "member.left"]);
    assert!(archive.check().expect("check").is_clean());
}

#[test]
fn an_import_that_fails_part_way_writes_nothing() {
    let (test, mut archive) = TestArchive::create();
    archive
        .add_member(&details("Amira Haddad", "amira@example.org"))
        .expect("add");
    let versions_before = archive.member_versions().expect("versions").len();
    let events_before = archive.audit_events().expect("events").len();
    let changes = [
        RegisterChange::Add(details("Ben Carter", "ben@example.org")),
        RegisterChange::Add(details("Grace Okafor", "grace@example.org")),
        // No member 999: the foreign key fails after two members were written.
        RegisterChange::Update {
            member_id: 999,
            effective_from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            details: details("Nobody", "nobody@example.org"),
        },
    ];
    let error = archive
        .import_register(&changes, &["Youth Offending Team".to_owned()], &"test")
        .expect_err("the bad change fails the import");
    assert!(matches!(error, ArchiveError::Database(_)), "{error:?}");
    drop(archive);
    let archive = test.open();
    assert_eq!(
        archive.member_versions().expect("versions").len(),
        versions_before
    );
    assert_eq!(archive.audit_events().expect("events").len(), events_before);
    assert!(!archive
        .agencies()
        .expect("agencies")
        .contains(&"Youth Offending Team".to_owned()));
}

#[test]
fn settings_and_the_logo_are_kept_and_audited() {
    let (test, mut archive) = TestArchive::create();
    assert_eq!(
        archive.board_settings().expect("defaults").protective_marking,
        "OFFICIAL-SENSITIVE"
    );
    archive
        .save_board_logo(Some(("image/png", b"png bytes")))
        .expect("logo");
    let mut settings = archive.board_settings().expect("settings");
    settings.chair_name = "Dr Helen Marsh".into();
    settings.address_lines = vec!["Civic Centre".into(), "Westmoor".into(), "WM1 1AA".into()];
    archive.save_board_settings(&settings).expect("save");
    archive
        .save_agencies(&["Police".to_owned(), "Health / ICB".to_owned()])
        .expect("agencies");
    drop(archive);
    let archive = test.open();
    assert_eq!(archive.board_settings().expect("settings"), settings);
    assert_eq!(
        archive.board_logo().expect("logo"),
        Some(("image/png".to_owned(), b"png bytes".to_vec()))
    );
    assert_eq!(archive.agencies().expect("agencies"), ["Police", "Health / ICB"]);
    let actions = audit_actions(&archive);
    assert_eq!(
        &actions[actions.len() - 3..],
        ["board.logo_saved", "board.settings_saved", "board.agencies_saved"]
    );
}
