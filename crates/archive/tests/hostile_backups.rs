//! Hostile and broken backups and headers, made from a real archive's backup and
//! header (committed in crates/fuzz/seeds, made by its `make_seeds` example): each refused
//! before any work, with its exact error.

use std::path::{Path, PathBuf};

use scr_archive::{verify_backup, ArchiveError, BackupUnlock, RecoveryKey};

const MAGIC_LEN: usize = b"SCR-DESK-BACKUP 1\n".len();

fn seeds() -> PathBuf {
    Path::new(&package_dir()).join("../fuzz/seeds")
}

fn recovery_key() -> RecoveryKey {
    let text = std::fs::read_to_string(seeds().join("recovery-key.txt")).expect("recovery key");
    RecoveryKey::parse(text.trim()).expect("a recovery key")
}

/// The backup's manifest as JSON, and its database bytes.
fn split(backup: &[u8]) -> (serde_json::Value, Vec<u8>) {
    let length = u32::from_le_bytes(backup[MAGIC_LEN..MAGIC_LEN + 4].try_into().expect("4 bytes")) as usize;
    let manifest = serde_json::from_slice(&backup[MAGIC_LEN + 4..MAGIC_LEN + 4 + length]).expect("manifest");
    (manifest, backup[MAGIC_LEN + 4 + length..].to_vec())
}

fn join(manifest: &serde_json::Value, database: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec(manifest).expect("json");
    let mut out = b"SCR-DESK-BACKUP 1\n".to_vec();
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(database);
    out
}

fn check(bytes: &[u8], unlock: BackupUnlock<'_>) -> Result<scr_archive::BackupReport, ArchiveError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("backup.scrbackup");
    std::fs::write(&path, bytes).expect("write");
    verify_backup(&path, unlock)
}

#[test]
fn the_real_backups_still_verify() {
    let key = recovery_key();
    for name in ["backup-recovery.scrbackup", "backup-passphrase.scrbackup"] {
        let bytes = std::fs::read(seeds().join(name)).expect("seed backup");
        let report = check(&bytes, BackupUnlock::RecoveryKey(&key)).expect("verified");
        assert!(report.check.is_clean(), "{name}");
    }
}

#[test]
fn four_billion_kdf_passes_are_refused_before_argon2_runs() {
    let bytes = std::fs::read(seeds().join("backup-passphrase.scrbackup")).expect("seed backup");
    let (mut manifest, database) = split(&bytes);
    manifest["passphrase"]["kdf"]["iterations"] = serde_json::json!(4_294_967_295u32);
    let edited = join(&manifest, &database);
    // With the passphrase, Argon2id would run for days with these settings: refused first.
    let error =
        check(&edited, BackupUnlock::Passphrase("correct horse battery staple")).expect_err("refused");
    assert!(matches!(error, ArchiveError::KdfOutOfRange { .. }), "{error}");
    // The manifest is checked whichever key opens it.
    let error = check(&edited, BackupUnlock::RecoveryKey(&recovery_key())).expect_err("refused");
    assert!(matches!(error, ArchiveError::KdfOutOfRange { .. }), "{error}");

    manifest["passphrase"]["kdf"]["iterations"] = serde_json::json!(3);
    manifest["passphrase"]["kdf"]["memory_kib"] = serde_json::json!(4_294_967_295u32);
    let error = check(&join(&manifest, &database), BackupUnlock::Passphrase("x")).expect_err("refused");
    assert!(matches!(error, ArchiveError::KdfOutOfRange { .. }), "{error}");
}

#[test]
fn a_manifest_length_of_four_gigabytes_and_truncations_are_damage() {
    let bytes = std::fs::read(seeds().join("backup-recovery.scrbackup")).expect("seed backup");
    let key = recovery_key();
    let mut long = bytes.clone();
    long[MAGIC_LEN..MAGIC_LEN + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    for (name, bad) in [
        ("manifest length 4294967295", long),
        ("cut in the magic", bytes[..5].to_vec()),
        ("cut in the length", bytes[..MAGIC_LEN + 2].to_vec()),
        ("cut in the manifest", bytes[..MAGIC_LEN + 40].to_vec()),
        ("cut in the database", bytes[..bytes.len() - 100].to_vec()),
        ("one byte more", [bytes.as_slice(), b"x"].concat()),
    ] {
        let error = check(&bad, BackupUnlock::RecoveryKey(&key)).expect_err(name);
        assert!(
            matches!(error, ArchiveError::BackupDamaged { .. }),
            "{name}: {error}"
        );
    }
    let (mut manifest, database) = split(&bytes);
    manifest["database_bytes"] = serde_json::json!(u64::MAX);
    let error = check(&join(&manifest, &database), BackupUnlock::RecoveryKey(&key)).expect_err("refused");
    assert!(matches!(error, ArchiveError::BackupDamaged { .. }), "{error}");
    manifest["database_bytes"] = serde_json::json!(database.len());
    manifest["archive_id"] = serde_json::json!("../../etc/passwd");
    let error = check(&join(&manifest, &database), BackupUnlock::RecoveryKey(&key)).expect_err("refused");
    assert!(matches!(error, ArchiveError::BackupDamaged { .. }), "{error}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_not_a_backup_and_does_not_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("backup.scrbackup");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    let key = recovery_key();
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        let error = verify_backup(path, BackupUnlock::RecoveryKey(&key)).expect_err("refused");
        assert!(
            matches!(error, ArchiveError::BackupDamaged { .. }),
            "{}: {error}",
            path.display()
        );
    }
}

#[test]
fn a_header_with_unbounded_kdf_costs_or_of_any_size_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(scr_archive::HEADER_FILE);
    std::fs::copy(seeds().join("archive-header-passphrase.json"), &path).expect("copy");
    scr_archive::check_header_file(&path).expect("the real header reads");

    let mut header: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    header["passphrase"]["kdf"]["iterations"] = serde_json::json!(4_294_967_295u32);
    std::fs::write(&path, serde_json::to_vec(&header).expect("json")).expect("write");
    let error = scr_archive::check_header_file(&path).expect_err("refused");
    assert!(matches!(error, ArchiveError::KdfOutOfRange { .. }), "{error}");

    std::fs::write(&path, vec![b' '; 1 << 20]).expect("write");
    let error = scr_archive::check_header_file(&path).expect_err("refused");
    assert!(matches!(error, ArchiveError::HeaderInvalid { .. }), "{error}");
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
