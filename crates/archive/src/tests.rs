//! Tests that need the archive's insides: a raw second connection, older schema versions.

use std::fs;

use rusqlite::Connection;

use crate::audit::Actor;
use crate::keystore::{KeyStore, SystemKeyring};
use crate::{database, migrations, Archive, OpenedAs, BACKUPS_DIR_NAME, DATABASE_FILE};

fn keyring() -> SystemKeyring {
    SystemKeyring::connect().expect("a running Secret Service (run through scripts/test.sh)")
}

fn actor() -> Actor {
    Actor::new("test", "internals")
}

fn raw_connection(archive: &Archive) -> Connection {
    database::open(&archive.dir.join(DATABASE_FILE), &archive.data_key, false).expect("raw connection")
}

#[test]
fn an_edited_audit_event_is_named_by_check() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let (mut archive, _) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    for round in 0..4 {
        archive
            .record(crate::AuditAction::BackupMade, "archive", &round)
            .expect("record");
    }
    assert!(archive.check().expect("check").is_clean());

    // Someone with the key edits event 3 behind the app's back (the triggers must go first).
    let raw = raw_connection(&archive);
    let refused = raw.execute("UPDATE audit_events SET actor = 'someone else' WHERE seq = 3", []);
    assert!(refused.is_err(), "the append-only trigger let an update through");
    raw.execute_batch(
        "DROP TRIGGER audit_events_no_update;
         UPDATE audit_events SET actor = 'someone else' WHERE seq = 3;",
    )
    .expect("tamper");
    drop(raw);

    let report = archive.check().expect("check");
    assert!(!report.is_clean());
    assert_eq!(report.audit_break.as_ref().expect("a break").seq, 3);
    assert!(report.summary().contains("event 3"), "{}", report.summary());
    keyring()
        .remove(&archive.header.keyring.account)
        .expect("clean up");
}

#[test]
fn a_removed_audit_event_is_named_by_check() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let (mut archive, _) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    for round in 0..4 {
        archive
            .record(crate::AuditAction::BackupMade, "archive", &round)
            .expect("record");
    }
    let raw = raw_connection(&archive);
    raw.execute_batch("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 4;")
        .expect("tamper");
    drop(raw);
    let broken = archive.check().expect("check").audit_break.expect("a break");
    assert_eq!(broken.seq, 5);
    keyring()
        .remove(&archive.header.keyring.account)
        .expect("clean up");
}

#[test]
fn an_archive_one_schema_behind_is_backed_up_then_migrated() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let latest = migrations::latest_version();
    let (archive, opened) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    assert!(matches!(opened, OpenedAs::Created { .. }));
    let account = archive.header.keyring.account.clone();

    // Rebuild the database as the previous release would have left it: schema N-1.
    let previous = latest - 1;
    let data_key = crate::keys::SecretKey::from_slice(archive.data_key.as_bytes()).expect("key");
    drop(archive);
    let path = dir.join(DATABASE_FILE);
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    {
        let mut conn = database::open(&path, &data_key, true).expect("create old");
        migrations::migrate_to(&mut conn, previous).expect("old schema");
        conn.execute(
            "INSERT INTO board_profile (id, name, area, updated_at) VALUES (1, 'Old Board', 'Old', 'then')",
            [],
        )
        .expect("old data");
    }

    let archive = Archive::open(&dir, &keyring(), &actor()).expect("open under N+1");
    assert_eq!(archive.schema_version().expect("version"), latest);
    assert_eq!(
        archive.board_profile().expect("read").expect("kept").name,
        "Old Board"
    );
    let backups: Vec<_> = fs::read_dir(dir.join(BACKUPS_DIR_NAME))
        .expect("backups folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(backups.len(), 1, "one pre-migration backup");
    let name = backups[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("before-schema-{latest}-")), "{name}");
    assert!(archive
        .audit_events()
        .expect("events")
        .iter()
        .any(|event| event.action == "archive.migrated"));
    keyring().remove(&account).expect("clean up");
}

#[test]
fn issued_letters_refuse_changes_from_anywhere() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let (mut archive, _) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    archive
        .store_issued_letters(&[crate::NewIssuedLetter {
            reference: "SCR-1",
            kind: "update",
            recipient: "circular",
            pdf: b"%PDF",
            signer_fingerprints: &[],
            created_at: "2026-01-01T00:00:00Z",
        }])
        .expect("store");
    let raw = raw_connection(&archive);
    assert!(raw.execute("UPDATE issued_letters SET pdf = x'00'", []).is_err());
    assert!(raw.execute("DELETE FROM issued_letters", []).is_err());
    drop(raw);
    assert_eq!(archive.issued_letters(None).expect("list").len(), 1);
}

#[test]
fn members_and_their_versions_cannot_be_changed_or_deleted_behind_the_app() {
    use scr_domain::register::{Channel, MemberDetails, Voting};
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let (mut archive, _) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    let id = archive
        .add_member(&MemberDetails {
            name: "Amira Haddad".into(),
            role: "Director of Children's Services".into(),
            agency: "Local authority children's services".into(),
            email: "amira@example.org".into(),
            phone: None,
            term_start: chrono::NaiveDate::from_ymd_opt(2024, 4, 1).expect("date"),
            term_end: None,
            voting: Voting::Voting,
            receives_letters: true,
            channel: Channel::Email,
            notes: String::new(),
        })
        .expect("add");
    let raw = raw_connection(&archive);
    for statement in [
        "UPDATE member_versions SET email = 'someone@else.example'",
        "DELETE FROM member_versions",
        "DELETE FROM members",
    ] {
        assert!(raw.execute(statement, []).is_err(), "{statement} was allowed");
    }
    drop(raw);
    assert_eq!(archive.member_versions().expect("versions")[0].member_id, id);
    keyring()
        .remove(&archive.header.keyring.account)
        .expect("clean up");
}
