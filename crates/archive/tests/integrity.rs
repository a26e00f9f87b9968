//! `check` tells an intact archive from an altered one, clearly.

mod common;

use std::fs;

use common::{actor, keyring, TestArchive};
use scr_archive::{Archive, ArchiveError, DATABASE_FILE};
use scr_domain::board::BoardProfile;

#[test]
fn a_fresh_archive_checks_clean() {
    let (_test, mut archive) = TestArchive::create();
    archive
        .save_board_profile(&BoardProfile {
            name: "Check Board".into(),
            area: "Check".into(),
        })
        .expect("save");
    let report = archive.check().expect("check");
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.audit_events, 3);
    assert!(report.summary().contains("intact"));
}

#[test]
fn one_flipped_byte_anywhere_in_the_file_is_caught() {
    let (test, mut archive) = TestArchive::create();
    for round in 0..30 {
        archive
            .save_board_profile(&BoardProfile {
                name: format!("Board {round} {}", "x".repeat(90)),
                area: "Flip".into(),
            })
            .expect("save");
    }
    drop(archive);
    let path = test.dir.join(DATABASE_FILE);
    let original = fs::read(&path).expect("bytes");
    assert!(
        original.len() >= 3 * 4096,
        "expected several pages, got {}",
        original.len()
    );
    // The first page (the key's salt and header), a page in the middle, the last page.
    for offset in [100, original.len() / 2, original.len() - 50] {
        let mut damaged = original.clone();
        damaged[offset] ^= 0x40;
        fs::write(&path, &damaged).expect("damage");
        match Archive::open(&test.dir, &keyring(), &actor()) {
            Err(error) => assert!(
                matches!(error, ArchiveError::WrongKeyOrDamaged | ArchiveError::Database(_)),
                "{error:?}"
            ),
            Ok(archive) => {
                let report = archive.check().expect("check runs");
                assert!(!report.is_clean(), "byte {offset} flipped but the check passed");
                assert!(
                    report.summary().contains("altered or damaged") || report.summary().contains("damaged"),
                    "{}",
                    report.summary()
                );
            }
        }
    }
    fs::write(&path, &original).expect("restore");
    assert!(test.open().check().expect("check").is_clean());
}
