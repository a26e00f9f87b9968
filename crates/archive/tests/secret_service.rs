//! The archive against the real parts: a SQLCipher file on disk and the session's Secret Service
//! (the test command starts gnome-keyring on a private D-Bus for these).

mod common;

use std::fs;
use std::path::Path;

use common::{actor, keyring, keyring_account, TestArchive};
use scr_archive::{Archive, ArchiveError, KeyStore, OpenedAs, DATABASE_FILE, HEADER_FILE};
use scr_domain::board::BoardProfile;

const CANARY_NAME: &str = "Canary-7f3a Safeguarding Children Board";
const CANARY_AREA: &str = "Canary-7f3a Borough";

fn header_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join(HEADER_FILE)).expect("header")).expect("json")
}

fn canary_profile() -> BoardProfile {
    BoardProfile {
        name: CANARY_NAME.into(),
        area: CANARY_AREA.into(),
    }
}

#[test]
fn first_run_creates_an_encrypted_archive_that_reopens_with_its_data() {
    // Created, with a recovery key, or TestArchive::create fails.
    let (test, mut archive) = TestArchive::create();
    let data = &test.dir;
    assert_eq!(archive.board_profile().expect("read"), None);
    archive.save_board_profile(&canary_profile()).expect("save");
    drop(archive);

    let (archive, opened) = Archive::open_or_create(data, &keyring(), &actor()).expect("reopen");
    assert!(matches!(opened, OpenedAs::Existing));
    assert_eq!(archive.board_profile().expect("read"), Some(canary_profile()));
    drop(archive);

    // Nothing readable on disk: not the SQLite magic, not the board's name, in any file.
    let database = fs::read(data.join(DATABASE_FILE)).expect("database bytes");
    assert!(
        !database.starts_with(b"SQLite format 3\0"),
        "the database is not encrypted"
    );
    for entry in fs::read_dir(data).expect("list") {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("bytes");
        for canary in [CANARY_NAME, "Canary-7f3a"] {
            assert!(
                !bytes
                    .windows(canary.len())
                    .any(|window| window == canary.as_bytes()),
                "{canary:?} found in plain text in {path:?}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn the_data_directory_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (test, _archive) = TestArchive::create();
    let mode = fs::metadata(&test.dir).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn a_missing_keyring_entry_is_reported_and_never_replaced_by_a_new_archive() {
    let keyring = keyring();
    let (test, mut archive) = TestArchive::create();
    let data = &test.dir;
    archive.save_board_profile(&canary_profile()).expect("save");
    drop(archive);
    let before = fs::read(data.join(DATABASE_FILE)).expect("bytes");

    keyring.remove(&keyring_account(data)).expect("remove entry");
    let error = Archive::open_or_create(data, &keyring, &actor()).expect_err("must not open");
    assert!(matches!(error, ArchiveError::KeyringEntryMissing), "{error:?}");
    assert_eq!(fs::read(data.join(DATABASE_FILE)).expect("bytes"), before);
}

#[test]
fn a_changed_keyring_backend_is_reported_and_the_archive_left_untouched() {
    let keyring = keyring();
    let (test, archive) = TestArchive::create();
    drop(archive);
    let data = &test.dir;
    let mut header = header_json(data);
    header["keyring"]["backend"] = "kwallet".into();
    fs::write(data.join(HEADER_FILE), header.to_string()).expect("edit header");
    let before = fs::read(data.join(DATABASE_FILE)).expect("bytes");

    let error = Archive::open_or_create(data, &keyring, &actor()).expect_err("must not open");
    match error {
        ArchiveError::KeyringBackendChanged { recorded, current } => {
            assert_eq!(recorded, "kwallet");
            assert_eq!(current, keyring.backend());
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(fs::read(data.join(DATABASE_FILE)).expect("bytes"), before);
}

#[test]
fn a_wrong_key_in_the_keyring_is_refused_without_changing_anything() {
    let keyring = keyring();
    let (test, archive) = TestArchive::create();
    drop(archive);
    let data = &test.dir;
    let account = keyring_account(data);
    keyring.write(&account, &[7u8; 32]).expect("overwrite entry");
    let before = fs::read(data.join(DATABASE_FILE)).expect("bytes");

    let error = Archive::open_or_create(data, &keyring, &actor()).expect_err("must not open");
    assert!(matches!(error, ArchiveError::WrongKeyOrDamaged), "{error:?}");
    assert_eq!(fs::read(data.join(DATABASE_FILE)).expect("bytes"), before);
}

#[test]
fn half_an_archive_is_reported_never_recreated() {
    let keyring = keyring();
    let (test, archive) = TestArchive::create();
    drop(archive);
    let data = &test.dir;
    fs::rename(data.join(HEADER_FILE), test.temp.path().join("moved-header.json")).expect("move");

    let error = Archive::open_or_create(data, &keyring, &actor()).expect_err("must not open");
    assert!(
        matches!(error, ArchiveError::Incomplete { missing, .. } if missing == HEADER_FILE),
        "{error:?}"
    );
    assert!(!data.join(HEADER_FILE).exists(), "a new header was written");
}
