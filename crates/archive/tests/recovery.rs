//! Losing the keyring must never lose the archive: the recovery key opens it, every record is
//! there, and the keyring is renewed. Wrong keys change nothing and are recorded.

mod common;

use std::fs;

use common::{actor, audit_actions, keyring, keyring_account, TestArchive};
use scr_archive::{Archive, ArchiveError, KeyStore, RecoveryKey, ATTEMPTS_FILE, DATABASE_FILE, HEADER_FILE};
use scr_domain::board::BoardProfile;

fn profile() -> BoardProfile {
    BoardProfile {
        name: "Anytown Safeguarding Children Board".into(),
        area: "Anytown".into(),
    }
}

#[test]
fn a_deleted_keyring_entry_is_recovered_with_the_recovery_key() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let events_before = archive.audit_events().expect("events");
    drop(archive);

    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("delete the keyring entry");
    let error = Archive::open(&test.dir, &keyring(), &actor()).expect_err("locked");
    assert!(matches!(error, ArchiveError::KeyringEntryMissing), "{error:?}");

    let typed = test.recovery_key.display().to_lowercase();
    let archive = Archive::recover(
        &test.dir,
        &keyring(),
        &RecoveryKey::parse(&typed).expect("parse"),
        &actor(),
    )
    .expect("recover");
    assert_eq!(archive.board_profile().expect("read"), Some(profile()));
    let events = archive.audit_events().expect("events");
    assert_eq!(
        events[..events_before.len()],
        events_before[..],
        "earlier events changed"
    );
    assert!(audit_actions(&archive)
        .ends_with(&["recovery.used".to_owned(), "keyring.entry_recreated".to_owned()]));
    drop(archive);

    // The next start is silent again.
    let archive = test.open();
    assert_eq!(archive.board_profile().expect("read"), Some(profile()));
    assert!(archive.check().expect("check").is_clean());
}

#[test]
fn a_changed_keyring_backend_is_refused_untouched_then_recovered() {
    let (test, archive) = TestArchive::create();
    drop(archive);
    let header_path = test.dir.join(HEADER_FILE);
    let mut header: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&header_path).expect("header")).expect("json");
    header["keyring"]["backend"] = "kwallet".into();
    fs::write(&header_path, header.to_string()).expect("edit");
    let database_before = fs::read(test.dir.join(DATABASE_FILE)).expect("bytes");

    let error = Archive::open(&test.dir, &keyring(), &actor()).expect_err("refused");
    assert!(
        matches!(error, ArchiveError::KeyringBackendChanged { .. }),
        "{error:?}"
    );
    assert_eq!(
        fs::read(test.dir.join(DATABASE_FILE)).expect("bytes"),
        database_before
    );

    Archive::recover(&test.dir, &keyring(), &test.recovery_key, &actor()).expect("recover");
    let header: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&header_path).expect("header")).expect("json");
    assert_eq!(header["keyring"]["backend"], keyring().backend());
    test.open();
}

#[test]
fn five_wrong_recovery_keys_change_nothing_and_are_audited() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    drop(archive);
    keyring().remove(&keyring_account(&test.dir)).expect("delete");
    let database_before = fs::read(test.dir.join(DATABASE_FILE)).expect("bytes");
    let header_before = fs::read(test.dir.join(HEADER_FILE)).expect("bytes");

    for _ in 0..5 {
        let stranger = RecoveryKey::parse(&other_key()).expect("well-formed");
        let error = Archive::recover(&test.dir, &keyring(), &stranger, &actor()).expect_err("wrong key");
        assert!(matches!(error, ArchiveError::WrongRecoveryKey), "{error:?}");
        assert_eq!(error.to_string(), "that is not the recovery key for this archive");
    }
    assert_eq!(
        fs::read(test.dir.join(DATABASE_FILE)).expect("bytes"),
        database_before
    );
    assert_eq!(
        fs::read(test.dir.join(HEADER_FILE)).expect("bytes"),
        header_before
    );
    let pending = fs::read_to_string(test.dir.join(ATTEMPTS_FILE)).expect("attempts");
    assert_eq!(pending.lines().count(), 5);

    let archive = Archive::recover(&test.dir, &keyring(), &test.recovery_key, &actor()).expect("recover");
    let actions = audit_actions(&archive);
    assert_eq!(
        actions
            .iter()
            .filter(|action| *action == "recovery.failed")
            .count(),
        5
    );
    assert!(!test.dir.join(ATTEMPTS_FILE).exists());
    assert!(archive.check().expect("check").is_clean());
}

#[test]
fn a_mistyped_recovery_key_is_caught_before_any_cryptography() {
    let (test, _archive) = TestArchive::create();
    let mut typed: Vec<char> = test.recovery_key.display().chars().collect();
    typed[7] = if typed[7] == 'Z' { 'Y' } else { 'Z' };
    let error = RecoveryKey::parse(&typed.iter().collect::<String>()).expect_err("typo");
    assert!(
        matches!(error, ArchiveError::RecoveryKeyMistyped { .. }),
        "{error:?}"
    );
    assert!(!test.dir.join(ATTEMPTS_FILE).exists(), "a typo is not an attempt");
}

#[test]
fn a_passphrase_opens_the_archive_too_once_set() {
    let (test, mut archive) = TestArchive::create();
    archive.save_board_profile(&profile()).expect("save");
    let error = archive
        .set_passphrase(&keyring(), "short")
        .expect_err("too short");
    assert!(matches!(error, ArchiveError::PassphraseTooShort { .. }));
    archive
        .set_passphrase(&keyring(), "the long walk to the sea in March")
        .expect("set");
    drop(archive);
    keyring().remove(&keyring_account(&test.dir)).expect("delete");

    let error =
        Archive::unlock_with_passphrase(&test.dir, &keyring(), "the long walk to the sea in May", &actor())
            .expect_err("wrong");
    assert!(matches!(error, ArchiveError::WrongPassphrase), "{error:?}");
    let archive = Archive::unlock_with_passphrase(
        &test.dir,
        &keyring(),
        "the long walk to the sea in March",
        &actor(),
    )
    .expect("unlock");
    assert_eq!(archive.board_profile().expect("read"), Some(profile()));
    drop(archive);
    test.open();
}

#[test]
fn issuing_a_new_recovery_key_retires_the_old_one() {
    let (test, mut archive) = TestArchive::create();
    assert!(!archive.recovery_key_confirmed().expect("flag"));
    let (new_key, _) = archive.issue_recovery_key(&keyring(), None).expect("issue");
    archive.confirm_recovery_key().expect("confirm");
    assert!(archive.recovery_key_confirmed().expect("flag"));
    drop(archive);
    keyring().remove(&keyring_account(&test.dir)).expect("delete");

    let error = Archive::recover(&test.dir, &keyring(), &test.recovery_key, &actor()).expect_err("old key");
    assert!(matches!(error, ArchiveError::WrongRecoveryKey));
    Archive::recover(&test.dir, &keyring(), &new_key, &actor()).expect("new key works");
}

/// A well-formed key that belongs to no archive.
fn other_key() -> String {
    let (_test, mut archive) = TestArchive::create();
    archive
        .issue_recovery_key(&keyring(), None)
        .expect("issue")
        .0
        .display()
        .to_string()
}
