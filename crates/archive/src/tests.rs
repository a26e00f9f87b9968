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
    Actor::new(
        "test",
        "internals",
        scr_domain::clock::Clock::from_fn(chrono::Utc::now),
    )
}

fn raw_connection(archive: &Archive) -> Connection {
    database::open(&archive.dir.join(DATABASE_FILE), &archive.data_key, false).expect("raw connection")
}

/// A new archive in a throwaway folder (`data` inside the `TempDir`, which lasts as long as
/// it), holding `events` audit events after its creation.
pub(crate) fn archive_with_events(events: u32) -> (tempfile::TempDir, Archive) {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let (mut archive, _) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
    record_events(&mut archive, events);
    (temp, archive)
}

/// Writes `events` more (harmless) audit events.
fn record_events(archive: &mut Archive, events: u32) {
    for round in 0..events {
        archive
            .record(crate::AuditAction::BackupMade, "archive", &round)
            .expect("record");
    }
}

/// Each statement, run on the database behind the app's back, is refused by the triggers.
pub(crate) fn assert_refused_behind_the_app(archive: &Archive, statements: &[&str]) {
    let raw = raw_connection(archive);
    for statement in statements {
        assert!(
            raw.execute(statement, []).is_err(),
            "the triggers let through: {statement}"
        );
    }
}

/// Someone holding the key runs `sql` (which drops the trigger in its way first); `check` must
/// then name exactly one tampered row. Returns its report.
pub(crate) fn tamper_and_check(archive: &Archive, sql: &str) -> crate::CheckReport {
    raw_connection(archive).execute_batch(sql).expect("tamper");
    let report = archive.check().expect("check");
    assert_eq!(report.tampered_rows.len(), 1, "{:?}", report.tampered_rows);
    report
}

#[test]
fn an_edited_audit_event_is_named_by_check() {
    let (_temp, archive) = archive_with_events(4);
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
    let (_temp, archive) = archive_with_events(4);
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

/// Closes the archive and rebuilds its database, under the same key, as a release that knew
/// only the migrations up to `schema` would have left it; returns a connection to it.
fn rebuilt_at_schema(archive: Archive, schema: i64) -> Connection {
    let data_key = crate::keys::SecretKey::from_slice(archive.data_key.as_bytes()).expect("key");
    let path = archive.dir.join(DATABASE_FILE);
    drop(archive);
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = database::open(&path, &data_key, true).expect("create old");
    migrations::migrate_to(&mut conn, schema, &actor()).expect("old schema");
    conn
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
    {
        let conn = rebuilt_at_schema(archive, latest - 1);
        // Closure days live in archive_meta, which no migration's triggers guard.
        conn.execute(
            "INSERT INTO archive_meta (key, value) VALUES ('closure_days', '[{\"date\":\"2026-12-24\",\"name\":\"Office closed\"}]')",
            [],
        )
        .expect("old data");
    }

    let archive = Archive::open(&dir, &keyring(), &actor()).expect("open under N+1");
    assert_eq!(archive.schema_version().expect("version"), latest);
    assert_eq!(
        archive.closure_days().expect("read")[0].name,
        "Office closed",
        "the old data was kept"
    );
    let backups: Vec<_> = fs::read_dir(dir.join(BACKUPS_DIR_NAME))
        .expect("backups folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(backups.len(), 1, "one pre-migration backup");
    let name = backups[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("before-schema-{latest}-")), "{name}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.join(BACKUPS_DIR_NAME)), 0o700);
        assert_eq!(mode(&backups[0].path()), 0o600, "the pre-migration backup");
    }
    assert!(archive
        .audit_events()
        .expect("events")
        .iter()
        .any(|event| event.action == "archive.migrated"));
    keyring().remove(&account).expect("clean up");
}

#[test]
fn issued_letters_refuse_changes_from_anywhere() {
    let (_temp, mut archive) = archive_with_events(0);
    archive
        .store_issued_letters(&[crate::NewIssuedLetter {
            reference: "SCR-1",
            kind: scr_domain::letter_kind::LetterKind::Update,
            recipient: &scr_domain::letter_kind::Recipient::Circular,
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
    use scr_domain::register::MemberDetails;
    let (_temp, mut archive) = archive_with_events(0);
    let id = archive
        .add_member(&MemberDetails {
            role: "Director of Children's Services".into(),
            agency: "Local authority children's services".into(),
            ..scr_domain::example::member("Amira Haddad", "amira@example.org")
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

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(path).expect("meta").permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn every_file_in_the_data_folder_is_the_owners_alone_and_older_ones_are_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let (temp, mut archive) = archive_with_events(0);
    let dir = temp.path().join("data");
    archive
        .record(crate::AuditAction::BackupMade, "archive", &"something written")
        .expect("write");
    crate::attempts::record_failure(&dir, &actor(), "wrong recovery key").expect("attempt");
    let account = archive.header.keyring.account.clone();
    let files = [
        "archive.db",
        "archive.db-wal",
        "archive.db-shm",
        "archive-header.json",
        crate::ATTEMPTS_FILE,
    ];
    assert_eq!(mode(&dir), 0o700);
    for name in files {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
    drop(archive);

    // An archive left readable by an earlier version, or copied with a loose umask.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("loosen");
    for name in ["archive.db", "archive-header.json", crate::ATTEMPTS_FILE] {
        fs::set_permissions(dir.join(name), fs::Permissions::from_mode(0o644)).expect("loosen");
    }
    let archive = Archive::open(&dir, &keyring(), &actor()).expect("reopen");
    assert_eq!(mode(&dir), 0o700);
    for name in files {
        if dir.join(name).exists() {
            assert_eq!(mode(&dir.join(name)), 0o600, "{name} after reopening");
        }
    }
    drop(archive);
    keyring().remove(&account).expect("clean up");
}

/// An archive with one member, one letter and one delivery sent, for the audited-rows tests.
fn archive_with_a_sent_delivery() -> (tempfile::TempDir, Archive, i64) {
    let (temp, mut archive) = archive_with_events(0);
    let member = archive
        .add_member(&scr_domain::example::member("Ann Lee", "ann@example.org"))
        .expect("member");
    let letter = archive
        .store_issued_letters(&[crate::NewIssuedLetter {
            reference: "SCR-2026-003",
            kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
            recipient: &scr_domain::letter_kind::Recipient::Circular,
            pdf: b"%PDF-1.7 test",
            signer_fingerprints: &[],
            created_at: "2026-03-02T10:00:00Z",
        }])
        .expect("letter")[0]
        .id;
    archive
        .queue_deliveries(
            "SCR-2026-003",
            &[crate::NewDelivery {
                letter_id: letter,
                member_id: member,
                channel: scr_domain::delivery::DeliveryChannel::Email,
                address: "ann@example.org",
            }],
        )
        .expect("queue");
    let id = archive.deliveries("SCR-2026-003").expect("log")[0].id;
    archive.mark_delivery_sending(id, "<m1@desk>").expect("sending");
    archive.mark_delivery_sent(id, "250 OK").expect("sent");
    archive
        .record_acknowledgement("SCR-2026-003", member, "2026-03-03", "Email reply")
        .expect("ack");
    archive
        .save_board_settings(&scr_domain::board::BoardSettings::default())
        .expect("settings");
    (temp, archive, id)
}

#[test]
fn who_was_told_cannot_be_changed_behind_the_app_and_an_edit_is_named_by_check() {
    let (_temp, archive, id) = archive_with_a_sent_delivery();
    assert!(
        archive.check().expect("check").is_clean(),
        "{:?}",
        archive.check()
    );

    assert_refused_behind_the_app(
        &archive,
        &[
            "UPDATE deliveries SET status = 'failed'",
            "DELETE FROM deliveries",
            "UPDATE acknowledgements SET acknowledged_on = '2026-01-01'",
            "DELETE FROM acknowledgements",
            "UPDATE board_settings SET chair_name = 'Someone Else'",
            "INSERT INTO reminders (reference, member_id, delivery_id, message_id, server_reply, sent_at)
             VALUES ('SCR-2026-003', 1, 1, 'x', 'y', 'z')",
        ],
    );

    // Someone holding the key drops the triggers and makes a failed delivery look sent.
    let report = tamper_and_check(
        &archive,
        "DROP TRIGGER deliveries_audited_update;
         UPDATE deliveries SET server_reply = '250 accepted, honestly';",
    );
    assert!(!report.is_clean());
    assert_eq!(report.tampered_rows[0].table, "delivery");
    assert_eq!(report.tampered_rows[0].id, id);
    assert!(
        report.summary().contains(&format!("delivery {id}")),
        "{}",
        report.summary()
    );
    keyring()
        .remove(&archive.header.keyring.account)
        .expect("clean up");
}

#[test]
fn a_row_added_outside_the_app_is_named_by_check() {
    let (_temp, archive, _) = archive_with_a_sent_delivery();
    let report = tamper_and_check(
        &archive,
        "DROP TRIGGER acknowledgements_audited_insert;
         INSERT INTO acknowledgements (reference, member_id, acknowledged_on, how, recorded_by, recorded_at)
         VALUES ('SCR-2026-003', 1, '2026-03-04', 'made up', 'nobody', 'now');",
    );
    assert_eq!(report.tampered_rows[0].table, "acknowledgement");
    keyring()
        .remove(&archive.header.keyring.account)
        .expect("clean up");
}

#[test]
fn events_cut_off_the_end_of_the_chain_are_caught_through_the_header() {
    let (temp, mut archive, _) = archive_with_a_sent_delivery();
    record_events(&mut archive, 3);
    let last = archive
        .audit_events()
        .expect("events")
        .last()
        .expect("an event")
        .seq;
    let header: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(temp.path().join("data/archive-header.json")).expect("header"),
    )
    .expect("json");
    assert_eq!(header["audit_head"]["seq"], last, "the header follows the chain");
    assert!(archive.check().expect("check").is_clean());

    // The last three events go; the chain that is left is still internally sound.
    let raw = raw_connection(&archive);
    raw.execute_batch(&format!(
        "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq > {};",
        last - 3
    ))
    .expect("truncate");
    drop(raw);
    let account = archive.header.keyring.account.clone();
    drop(archive);
    let archive = Archive::open(&temp.path().join("data"), &keyring(), &actor()).expect("reopen");
    let report = archive.check().expect("check");
    let broken = report.audit_break.expect("the cut is found");
    assert_eq!(broken.seq, last - 2);
    assert!(broken.reason.contains("cut off"), "{}", broken.reason);

    // Writing more does not paper over the cut: the recorded head stays as evidence.
    let mut archive = archive;
    record_events(&mut archive, 5);
    assert!(archive.check().expect("check").audit_break.is_some());
    keyring().remove(&account).expect("clean up");
}

#[test]
fn rows_written_before_the_audited_rows_migration_are_sealed_by_it() {
    let (temp, archive) = archive_with_events(0);
    let dir = temp.path().join("data");
    let account = archive.header.keyring.account.clone();
    {
        let conn = rebuilt_at_schema(archive, 6);
        conn.execute_batch(
            "INSERT INTO board_profile (id, name, area, updated_at) VALUES (1, 'Old Board', 'Old', 'then');
             INSERT INTO board_settings (id, address_lines, chair_name, chair_title, chair_email,
                 protective_marking, framework_id, subgroup_name, updated_at)
             VALUES (1, '', 'Dr Old', 'Chair', '', 'OFFICIAL', 'wt2015-scr', 'Sub-group', 'then');",
        )
        .expect("old rows");
    }
    // Headers written before the chain's end was kept in them have no head.
    let header_path = dir.join(crate::HEADER_FILE);
    let mut header = crate::header::Header::read(&header_path).expect("header");
    header.audit_head = None;
    header.write(&header_path).expect("old header");
    let archive = Archive::open(&dir, &keyring(), &actor()).expect("migrate");
    let report = archive.check().expect("check");
    assert!(report.is_clean(), "{report:?}");
    let sealed = archive
        .audit_events()
        .expect("events")
        .iter()
        .filter(|event| event.action == "record.sealed")
        .count();
    assert_eq!(sealed, 2);
    keyring().remove(&account).expect("clean up");
}

#[test]
fn a_flood_of_failed_attempts_is_itemised_up_to_a_limit_and_counted_beyond_it() {
    let (temp, archive) = archive_with_events(0);
    let dir = temp.path().join("data");
    let account = archive.header.keyring.account.clone();
    let before = archive.audit_events().expect("events").len();
    drop(archive);
    let line = "{\"at\":\"2026-12-06T10:00:00Z\",\"outcome\":\"wrong recovery key\"}\n";
    let lines = 2 * 1024 * 1024 / line.len();
    fs::write(dir.join(crate::ATTEMPTS_FILE), line.repeat(lines)).expect("flood");
    let archive = Archive::open(&dir, &keyring(), &actor()).expect("open");
    let failed = archive
        .audit_events()
        .expect("events")
        .iter()
        .skip(before)
        .filter(|event| event.action == "recovery.failed")
        .count();
    let itemised = 1024 * 1024 / line.len();
    assert!(
        failed > itemised && failed <= itemised + 2,
        "{failed} events for {lines} attempts"
    );
    assert!(!dir.join(crate::ATTEMPTS_FILE).exists());
    keyring().remove(&account).expect("clean up");
}
