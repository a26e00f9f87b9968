//! A new recovery key, or a replaced passphrase, gives the archive a new data key: what was
//! exposed opens nothing from then on, every record and letter stays byte for byte as it was,
//! and a SIGKILL at any moment of the change leaves an archive that opens and passes `check`.

mod common;

use std::fs;
use std::path::Path;

use common::{actor, keyring, keyring_account, kill_a_writer, Lcg, TestArchive};
use scr_archive::{
    verify_backup, Archive, ArchiveError, BackupUnlock, KeyStore, PassphraseAfterRekey, DATABASE_FILE,
    HEADER_FILE,
};
use scr_domain::board::BoardProfile;

const LETTER: &[u8] = b"%PDF-1.7 a signed letter's exact bytes \x00\x01\xfe\xff";

/// An archive with a board, a case and a letter, and the letter's id.
fn archive_with_records() -> (TestArchive, Archive, i64) {
    let (test, mut archive) = TestArchive::create();
    archive
        .save_board_profile(&BoardProfile {
            name: "Rekey Safeguarding Children Board".into(),
            area: "Rekey".into(),
        })
        .expect("profile");
    let case = common::example_case(&mut archive);
    let letter = common::store_circular(&mut archive, &case.reference, LETTER, &["AB12".to_owned()]).id;
    (test, archive, letter)
}

/// What must not change: the letter's bytes, the cases, and the audit trail up to the re-key.
fn records(archive: &Archive, letter: i64) -> (Vec<u8>, String, Vec<scr_archive::AuditEvent>) {
    let pdf = archive.issued_letter(letter).expect("read").expect("letter").pdf;
    let cases = format!("{:?}", archive.list_cases(None).expect("cases"));
    (pdf, cases, archive.audit_events().expect("events"))
}

fn salt(dir: &Path) -> Vec<u8> {
    fs::read(dir.join(DATABASE_FILE)).expect("db")[..16].to_vec()
}

#[test]
fn a_new_recovery_key_rekeys_the_archive_and_the_old_key_opens_nothing_new() {
    let (test, mut archive, letter) = archive_with_records();
    let backup = test.temp.path().join("before.scrbackup");
    archive.backup(&backup, None).expect("backup");
    let (pdf, cases, events) = records(&archive, letter);
    let old_header = fs::read(test.dir.join(HEADER_FILE)).expect("header");
    let old_salt = salt(&test.dir);

    let (new_key, passphrase) = archive.issue_recovery_key(&keyring(), None).expect("new key");
    assert_eq!(passphrase, PassphraseAfterRekey::NoneSet);
    assert!(archive.check().expect("check").is_clean());
    let (pdf_after, cases_after, events_after) = records(&archive, letter);
    assert_eq!(pdf_after, pdf, "the letter's bytes changed");
    assert_eq!(pdf_after, LETTER);
    assert_eq!(cases_after, cases);
    assert_eq!(
        events_after[..events.len()],
        events[..],
        "the audit trail before the re-key changed"
    );
    let actions: Vec<&str> = events_after[events.len()..]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions, ["archive.rekeyed", "recovery_key.issued"]);
    assert_ne!(salt(&test.dir), old_salt, "the database was not re-encrypted");
    assert!(
        !archive.recovery_key_confirmed().expect("flag"),
        "the new key must be confirmed"
    );
    let rekey_backups = fs::read_dir(test.dir.join("backups"))
        .expect("backups")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("before-new-key-"))
        .count();
    assert_eq!(rekey_backups, 1, "a backup is taken first");
    drop(archive);

    // The keyring still opens it; the old recovery key does not, the new one does.
    test.open();
    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("lose the keyring");
    let error = Archive::recover(&test.dir, &keyring(), &test.recovery_key, &actor()).expect_err("old key");
    assert!(matches!(error, ArchiveError::WrongRecoveryKey), "{error:?}");
    let recovered = Archive::recover(&test.dir, &keyring(), &new_key, &actor()).expect("new key");
    assert_eq!(records(&recovered, letter).0, LETTER);
    drop(recovered);

    // Someone who kept the old header and the old key unwraps the old data key, which no longer
    // opens the database.
    let current_header = fs::read(test.dir.join(HEADER_FILE)).expect("header");
    fs::write(test.dir.join(HEADER_FILE), &old_header).expect("old header back");
    let error = Archive::recover(&test.dir, &keyring(), &test.recovery_key, &actor()).expect_err("old pair");
    assert!(
        matches!(error, ArchiveError::WrongKeyOrDamaged) || error.is_damage(),
        "{error:?}"
    );
    fs::write(test.dir.join(HEADER_FILE), &current_header).expect("header restored");

    // Older backups still open with the older key, as the app says.
    let report = verify_backup(&backup, BackupUnlock::RecoveryKey(&test.recovery_key)).expect("old backup");
    assert!(report.check.is_clean());
    keyring().remove(&keyring_account(&test.dir)).expect("tidy");
}

#[test]
fn replacing_the_passphrase_rekeys_and_the_recovery_key_keeps_it_only_when_given() {
    let (test, mut archive, letter) = archive_with_records();
    let first = "the long walk to the sea in March";
    let second = "a quiet room with the window open";
    assert!(
        archive
            .set_passphrase(&keyring(), first)
            .expect("first")
            .is_none(),
        "a first passphrase only adds a way in"
    );
    let old_salt = salt(&test.dir);
    let recovery = archive
        .set_passphrase(&keyring(), second)
        .expect("replace")
        .expect("a replaced passphrase re-keys, with a new recovery key");
    assert_ne!(salt(&test.dir), old_salt);
    drop(archive);
    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("lose the keyring");
    let error = Archive::unlock_with_passphrase(&test.dir, &keyring(), first, &actor()).expect_err("old");
    assert!(matches!(error, ArchiveError::WrongPassphrase), "{error:?}");
    let mut archive = Archive::unlock_with_passphrase(&test.dir, &keyring(), second, &actor()).expect("new");
    assert_eq!(records(&archive, letter).0, LETTER);
    drop(archive);
    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("lose it again");
    archive = Archive::recover(&test.dir, &keyring(), &recovery, &actor()).expect("the new recovery key");

    // A wrong passphrase changes nothing; the right one is kept; none given removes it.
    let salt_before = salt(&test.dir);
    let error = archive
        .issue_recovery_key(&keyring(), Some("not the passphrase at all"))
        .expect_err("wrong passphrase");
    assert!(matches!(error, ArchiveError::WrongPassphrase));
    assert_eq!(
        salt(&test.dir),
        salt_before,
        "a refused re-key changed the database"
    );
    let (_, kept) = archive
        .issue_recovery_key(&keyring(), Some(second))
        .expect("kept");
    assert_eq!(kept, PassphraseAfterRekey::Kept);
    let (latest, removed) = archive.issue_recovery_key(&keyring(), None).expect("removed");
    assert_eq!(removed, PassphraseAfterRekey::Removed);
    drop(archive);
    keyring().remove(&keyring_account(&test.dir)).expect("lose it");
    let error = Archive::unlock_with_passphrase(&test.dir, &keyring(), second, &actor()).expect_err("gone");
    assert!(matches!(error, ArchiveError::NoPassphraseSet), "{error:?}");
    Archive::recover(&test.dir, &keyring(), &latest, &actor()).expect("the latest key");
    keyring().remove(&keyring_account(&test.dir)).expect("tidy");
}

const CHILD_DIR: &str = "SCR_ARCHIVE_REKEY_WRITER_DIR";
const KILLS: usize = 30;

/// In the child process this re-keys over and over until it is killed; otherwise it does nothing.
#[test]
fn rekey_writer() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let mut archive = Archive::open(Path::new(&dir), &keyring(), &actor()).expect("child open");
    println!("ready");
    loop {
        archive.issue_recovery_key(&keyring(), None).expect("re-key");
    }
}

#[test]
fn a_sigkill_during_the_rekey_leaves_an_archive_that_opens_and_checks() {
    let (test, archive, letter) = archive_with_records();
    let (pdf, cases, _) = records(&archive, letter);
    drop(archive);
    let mut random = Lcg::seeded();
    eprintln!("rekey crash test seed: {}", random.0);
    let mut salts = std::collections::BTreeSet::new();
    for kill in 0..KILLS {
        let (archive, _) = kill_a_writer("rekey_writer", CHILD_DIR, &test.dir, kill, &mut random, 400_000);
        let (pdf_now, cases_now, _) = records(&archive, letter);
        assert_eq!(pdf_now, pdf, "after kill {kill}: the letter changed");
        assert_eq!(cases_now, cases, "after kill {kill}: the cases changed");
        assert!(!test.dir.join("archive-header.json.rekey").exists());
        assert!(!test.dir.join("archive.db.rekey").exists());
        salts.insert(salt(&test.dir));
    }
    // The kills really fell inside re-keys that completed some of the time.
    assert!(salts.len() > 1, "no re-key ever completed between kills");
}

#[test]
fn the_first_key_shown_after_an_unseen_one_needs_no_rekey_but_the_next_does() {
    let (test, mut archive, _) = archive_with_records();
    archive.mark_recovery_key_unseen().expect("unseen");
    let salt_before = salt(&test.dir);
    let (first, _) = archive
        .issue_recovery_key(&keyring(), None)
        .expect("first shown key");
    assert_eq!(
        salt(&test.dir),
        salt_before,
        "nobody had seen the key it replaced"
    );
    assert!(!test.dir.join("backups").exists());
    archive
        .issue_recovery_key(&keyring(), None)
        .expect("a second key");
    assert_ne!(
        salt(&test.dir),
        salt_before,
        "the first shown key has been seen: re-key"
    );
    drop(archive);
    keyring()
        .remove(&keyring_account(&test.dir))
        .expect("lose the keyring");
    let error = Archive::recover(&test.dir, &keyring(), &first, &actor()).expect_err("replaced");
    assert!(matches!(error, ArchiveError::WrongRecoveryKey), "{error:?}");
}
