//! Backups survive the loss of the machine: wipe the data folder and the keyring, restore with
//! the recovery key (or the backup's passphrase), and every record comes back as it was.

mod common;

use std::fs;

use common::{actor, audit_actions, keyring, keyring_account, TestArchive};
use scr_archive::{verify_backup, Archive, ArchiveError, BackupUnlock, KeyStore, DATABASE_FILE, HEADER_FILE};
use scr_domain::board::BoardProfile;

fn profile() -> BoardProfile {
    BoardProfile {
        name: "Backup Test Safeguarding Children Board".into(),
        area: "Backup Test".into(),
    }
}

#[test]
fn backup_wipe_restore_gives_back_every_record() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let case = common::example_case(&mut archive);
    let letter_bytes = b"%PDF-1.3 a letter's exact bytes \x00\xff".to_vec();
    let stored = common::store_circular(&mut archive, &case.reference, &letter_bytes, &["AB12".to_owned()]);
    let backup_path = test.temp.path().join("board.scrbackup");
    let summary = archive.backup(&backup_path, None).expect("backup");
    assert!(summary.bytes > 0);
    let events_at_backup = archive.audit_events().expect("events");
    drop(archive);

    // Lose everything on this machine: the data folder and the keyring entry.
    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("wipe keyring");
    fs::remove_dir_all(&test.dir).expect("wipe data dir");

    let restored = Archive::restore(
        &backup_path,
        &test.dir,
        &keyring(),
        BackupUnlock::RecoveryKey(&test.recovery_key),
        false,
        &actor(),
    )
    .expect("restore");
    assert_eq!(restored.board_profile().expect("read"), Some(profile()));
    assert_eq!(restored.case(case.id).expect("case"), case);
    let letter = restored
        .issued_letter(stored.id)
        .expect("read")
        .expect("the letter is there");
    assert_eq!(letter.pdf, letter_bytes, "the letter's bytes changed");
    assert_eq!(letter.record, stored);
    let events = restored.audit_events().expect("events");
    // Everything up to the backup is identical, byte for byte; the restore adds its own event.
    assert_eq!(
        events[..events_at_backup.len() - 1],
        events_at_backup[..events_at_backup.len() - 1]
    );
    assert_eq!(
        audit_actions(&restored).last().map(String::as_str),
        Some("archive.restored")
    );
    assert!(restored.check().expect("check").is_clean());
    drop(restored);
    test.open();
}

#[test]
fn a_backup_with_a_passphrase_opens_with_it() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let backup_path = test.temp.path().join("with-passphrase.scrbackup");
    archive
        .backup(&backup_path, Some("a passphrase for the board's safe"))
        .expect("backup");
    drop(archive);

    let error = verify_backup(
        &backup_path,
        BackupUnlock::Passphrase("not the passphrase at all"),
    )
    .expect_err("wrong");
    assert!(matches!(error, ArchiveError::WrongPassphrase), "{error:?}");
    let report = verify_backup(
        &backup_path,
        BackupUnlock::Passphrase("a passphrase for the board's safe"),
    )
    .expect("verify");
    assert!(report.check.is_clean());

    let elsewhere = test.temp.path().join("elsewhere");
    let restored = Archive::restore(
        &backup_path,
        &elsewhere,
        &keyring(),
        BackupUnlock::Passphrase("a passphrase for the board's safe"),
        false,
        &actor(),
    )
    .expect("restore");
    assert_eq!(restored.board_profile().expect("read"), Some(profile()));
}

#[test]
fn a_backup_without_a_passphrase_says_so() {
    let (test, mut archive) = TestArchive::create();
    let backup_path = test.temp.path().join("plain.scrbackup");
    archive.backup(&backup_path, None).expect("backup");
    let error =
        verify_backup(&backup_path, BackupUnlock::Passphrase("anything long enough")).expect_err("none");
    assert!(matches!(error, ArchiveError::NoPassphraseSet), "{error:?}");
}

#[test]
fn restore_refuses_a_live_archive_unless_told_and_then_keeps_the_old_one() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let backup_path = test.temp.path().join("b.scrbackup");
    archive.backup(&backup_path, None).expect("backup");
    archive
        .save_board_profile(&BoardProfile {
            name: "Renamed After Backup Board".into(),
            area: "Elsewhere".into(),
        })
        .expect("save");
    drop(archive);
    let live_before = fs::read(test.dir.join(DATABASE_FILE)).expect("bytes");

    let unlock = || BackupUnlock::RecoveryKey(&test.recovery_key);
    let error = Archive::restore(&backup_path, &test.dir, &keyring(), unlock(), false, &actor())
        .expect_err("refused");
    assert!(matches!(error, ArchiveError::ArchiveExists { .. }), "{error:?}");
    assert_eq!(
        fs::read(test.dir.join(DATABASE_FILE)).expect("bytes"),
        live_before
    );

    let restored =
        Archive::restore(&backup_path, &test.dir, &keyring(), unlock(), true, &actor()).expect("replace");
    assert_eq!(restored.board_profile().expect("read"), Some(profile()));
    let aside: Vec<_> = fs::read_dir(&test.dir)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("replaced-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read(aside[0].path().join(DATABASE_FILE)).expect("kept"),
        live_before
    );
    assert!(aside[0].path().join(HEADER_FILE).exists());
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_is_restored() {
    let (test, mut archive) = TestArchive::create();
    let backup_path = test.temp.path().join("d.scrbackup");
    archive.backup(&backup_path, None).expect("backup");
    let mut bytes = fs::read(&backup_path).expect("read");
    let last = bytes.len() - 100;
    bytes[last] ^= 0x01;
    fs::write(&backup_path, &bytes).expect("damage");

    let error =
        verify_backup(&backup_path, BackupUnlock::RecoveryKey(&test.recovery_key)).expect_err("damaged");
    assert!(matches!(error, ArchiveError::BackupDamaged { .. }), "{error:?}");
    let target = test.temp.path().join("restore-here");
    let error = Archive::restore(
        &backup_path,
        &target,
        &keyring(),
        BackupUnlock::RecoveryKey(&test.recovery_key),
        false,
        &actor(),
    )
    .expect_err("damaged");
    assert!(matches!(error, ArchiveError::BackupDamaged { .. }));
    assert!(!target.exists(), "a damaged backup left files behind");
}

#[test]
fn backups_are_never_overwritten_and_are_audited() {
    let (test, mut archive) = TestArchive::create();
    let backup_path = test.temp.path().join("once.scrbackup");
    archive.backup(&backup_path, None).expect("backup");
    let error = archive.backup(&backup_path, None).expect_err("exists");
    assert!(matches!(error, ArchiveError::FileExists { .. }));
    assert_eq!(
        common::audit_actions(&archive)
            .iter()
            .filter(|action| *action == "backup.made")
            .count(),
        1
    );
}

#[test]
fn restoring_into_a_second_folder_leaves_the_live_archive_its_own_keyring_entry() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let backup_path = test.temp.path().join("board.scrbackup");
    archive.backup(&backup_path, None).expect("backup");
    drop(archive);

    // What a careful chair does to prove a backup works: restore it somewhere else.
    let trial = test.temp.path().join("backup-test");
    let restored = Archive::restore(
        &backup_path,
        &trial,
        &keyring(),
        BackupUnlock::RecoveryKey(&test.recovery_key),
        false,
        &actor(),
    )
    .expect("restore elsewhere");
    assert_eq!(
        restored.archive_id(),
        test.open().archive_id(),
        "the same archive"
    );
    drop(restored);
    assert_ne!(keyring_account(&trial), keyring_account(&test.dir));

    // Both open through the keyring, each with its own entry, in either order and again.
    for _ in 0..2 {
        assert_eq!(test.open().board_profile().expect("live"), Some(profile()));
        let trial_archive = Archive::open(&trial, &keyring(), &actor()).expect("trial opens");
        assert_eq!(trial_archive.board_profile().expect("trial"), Some(profile()));
    }
    keyring().remove(&keyring_account(&trial)).expect("tidy");
}
