//! Nothing readable leaks: after a whole working session (create, save, backup, verify,
//! restore, check), no canary from the test data is in any file of the data folders, the
//! backup, or the temporary folder.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{actor, keyring, TestArchive};
use scr_archive::{verify_backup, Archive, BackupUnlock};
use scr_domain::board::BoardProfile;

/// Distinct from any other test's data so that parallel tests cannot trip it, and spelt
/// backwards here so that this source file (or a copy of it in a temp folder) cannot either.
fn canary() -> String {
    "rehtaefllriuQ".chars().rev().collect()
}

#[test]
fn no_canary_in_data_backups_or_temp_files() {
    let (test, mut archive) = TestArchive::create();
    archive
        .save_board_profile(&BoardProfile {
            name: format!("{} Safeguarding Children Board", canary()),
            area: format!("{} Vale", canary()),
        })
        .expect("save");
    archive
        .add_member(&scr_domain::register::MemberDetails {
            role: "Head of Safeguarding".into(),
            notes: format!("{} notes", canary()),
            ..scr_domain::example::member(
                &format!("Jo {}", canary()),
                &format!("jo.{}@police.example", canary().to_lowercase()),
            )
        })
        .expect("member");
    let backup = test.temp.path().join("canary.scrbackup");
    archive
        .backup(&backup, Some("a passphrase for the canary test"))
        .expect("backup");
    assert!(archive.check().expect("check").is_clean());
    drop(archive);
    verify_backup(&backup, BackupUnlock::RecoveryKey(&test.recovery_key)).expect("verify");
    let restored_dir = test.temp.path().join("restored");
    let restored = Archive::restore(
        &backup,
        &restored_dir,
        &keyring(),
        BackupUnlock::Passphrase("a passphrase for the canary test"),
        false,
        &actor(),
    )
    .expect("restore");
    assert!(restored
        .board_profile()
        .expect("read")
        .expect("profile")
        .name
        .starts_with(&canary()));
    drop(restored);

    let mut scanned = 0;
    let mut found = Vec::new();
    for root in [test.temp.path().to_owned(), std::env::temp_dir()] {
        scan(&root, &mut scanned, &mut found);
    }
    assert!(
        scanned > 5,
        "the scan read too few files ({scanned}) to mean anything"
    );
    assert!(found.is_empty(), "canary found in plain text in: {found:?}");
}

fn scan(dir: &Path, scanned: &mut usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            // Build trees and package caches that land in a shared /tmp are not ours to scan.
            let name = entry.file_name();
            if name != "target" && name != "node_modules" && name != ".git" {
                scan(&path, scanned, found);
            }
        } else if kind.is_file() {
            if entry.metadata().map(|meta| meta.len() > 64 << 20).unwrap_or(true) {
                continue;
            }
            let Ok(bytes) = fs::read(&path) else { continue };
            *scanned += 1;
            let needle = canary();
            if bytes
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
            {
                found.push(path);
            }
        }
    }
}
