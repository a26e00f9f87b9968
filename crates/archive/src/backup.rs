//! Backups: one self-contained file holding the encrypted database exactly as SQLCipher wrote
//! it, and the data key wrapped by the recovery key (and, if chosen, a passphrase). The keyring
//! is never involved, so a backup survives the loss of the machine.
//!
//! Layout: the line `SCR-DESK-BACKUP 1`, a 4-byte little-endian manifest length, the manifest
//! (JSON), then the database bytes.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::archive::{
    create_private_dir, directory_state, new_keyring_slot, remove_if_present, DirectoryState, BACKUPS_DIR,
    DATABASE_FILE, HEADER_FILE, PASSPHRASE_SLOT, RECOVERY_SLOT, STAGING_FILE,
};
use crate::audit::{self, Actor, AuditAction, ChainHead};
use crate::check::{self, CheckReport};
use crate::header::{binding, Header, PassphraseSlot};
use crate::keys::{self, SecretKey, WrappedKey};
use crate::keystore::KeyStore;
use crate::recovery::RecoveryKey;
use crate::{database, migrations, Archive, ArchiveError};

mod read;
use read::read_backup;
pub use read::MAX_BACKUP_BYTES;

const MAGIC: &[u8] = b"SCR-DESK-BACKUP 1\n";
const FORMAT: &str = "scr-desk-backup";
const SNAPSHOT_FILE: &str = "backup-snapshot.tmp";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    archive_id: String,
    created_at: String,
    schema_version: i64,
    database_bytes: u64,
    database_sha256: String,
    recovery: WrappedKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    passphrase: Option<PassphraseSlot>,
    /// The audit chain's last event in this backup: a backup whose chain was cut short is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_head: Option<ChainHead>,
}

/// How to open a backup: the archive's recovery key, or the passphrase it was made with.
#[derive(Debug)]
pub enum BackupUnlock<'a> {
    RecoveryKey(&'a RecoveryKey),
    Passphrase(&'a str),
}

/// What a backup holds and whether it is sound, without restoring it.
#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    pub archive_id: String,
    pub created_at: String,
    pub schema_version: i64,
    pub database_bytes: u64,
    pub check: CheckReport,
}

/// What `backup` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    pub bytes: u64,
    pub database_sha256: String,
    pub with_passphrase: bool,
}

impl Archive {
    /// Writes a backup to `path` (refusing to overwrite a file). With `passphrase`, the backup
    /// can also be opened with it; the recovery key always opens it.
    pub fn backup(&mut self, path: &Path, passphrase: Option<&str>) -> Result<BackupSummary, ArchiveError> {
        let passphrase_slot = match passphrase {
            Some(text) => Some(crate::rekey::passphrase_slot(
                &self.header.archive_id,
                &self.data_key,
                text,
            )?),
            None => None,
        };
        let summary = write_backup(
            path,
            &self.dir,
            &self.conn,
            &self.header,
            &self.data_key,
            passphrase_slot,
            &self.actor.stamp(),
        )?;
        // Where it went is kept too: a disposal's certificate lists the backups made before it.
        let location = summary.path.display().to_string();
        let made_at = self.actor.stamp();
        self.write(
            AuditAction::BackupMade,
            "archive",
            &serde_json::json!({ "sha256": summary.database_sha256, "passphrase": summary.with_passphrase }),
            |tx| {
                tx.execute(
                    "INSERT INTO backups_made (location, made_at, sha256, audit_seq) VALUES (?1, ?2, ?3, ?4)",
                    (
                        &location,
                        &made_at,
                        &summary.database_sha256,
                        crate::audited_rows::next_seq(tx)?,
                    ),
                )?;
                Ok(())
            },
        )?;
        Ok(summary)
    }

    /// Restores a backup into `dir`, which must hold no archive unless `replace_existing`, in
    /// which case the old archive is moved aside into a dated folder, never deleted.
    pub fn restore(
        backup_path: &Path,
        dir: &Path,
        keystore: &dyn KeyStore,
        unlock: BackupUnlock<'_>,
        replace_existing: bool,
        actor: &Actor,
    ) -> Result<Archive, ArchiveError> {
        let (manifest, database) = read_backup(backup_path)?;
        let data_key = unwrap_backup_key(&manifest, &unlock)?;
        match directory_state(dir) {
            DirectoryState::Empty => create_private_dir(dir)?,
            _ if replace_existing => set_aside(dir, &actor.stamp())?,
            _ => return Err(ArchiveError::ArchiveExists { dir: dir.to_owned() }),
        }
        let staging = dir.join(STAGING_FILE);
        write_private_file(&staging, &database)?;
        let report = check_database_file(&staging, &data_key, manifest.audit_head.as_ref())?;
        if !report.is_clean() {
            remove_if_present(&staging)?;
            return Err(ArchiveError::BackupDamaged {
                reason: report.summary(),
            });
        }
        let keyring = new_keyring_slot(keystore, &manifest.archive_id, &data_key)?;
        let mut header = Header::new(manifest.archive_id.clone(), keyring, manifest.recovery.clone());
        header.passphrase = manifest.passphrase.clone();
        header.audit_head = manifest.audit_head.clone();
        header.write(&dir.join(HEADER_FILE))?;
        let database_path = dir.join(DATABASE_FILE);
        fs::rename(&staging, &database_path)
            .map_err(|error| ArchiveError::io("cannot finish restoring", &database_path, error))?;
        scr_files::sync_parent(&database_path);
        let mut archive = Archive::unlock(dir, header, data_key, actor)?;
        archive.record(
            AuditAction::ArchiveRestored,
            "archive",
            &serde_json::json!({ "backup_created_at": manifest.created_at, "sha256": manifest.database_sha256 }),
        )?;
        Ok(archive)
    }
}

/// Opens a backup in a temporary place and checks it, without restoring anything.
pub fn verify_backup(path: &Path, unlock: BackupUnlock<'_>) -> Result<BackupReport, ArchiveError> {
    let (manifest, database) = read_backup(path)?;
    let data_key = unwrap_backup_key(&manifest, &unlock)?;
    // The bytes stay encrypted on disk: SQLCipher needs a file, and this one is as opaque as the backup.
    let scratch = tempfile::tempdir()
        .map_err(|error| ArchiveError::io("cannot make a scratch folder in", std::env::temp_dir(), error))?;
    let copy = scratch.path().join(DATABASE_FILE);
    write_private_file(&copy, &database)?;
    let check = check_database_file(&copy, &data_key, manifest.audit_head.as_ref())?;
    Ok(BackupReport {
        archive_id: manifest.archive_id,
        created_at: manifest.created_at,
        schema_version: manifest.schema_version,
        database_bytes: manifest.database_bytes,
        check,
    })
}

/// Taken automatically before a migration, into `backups/` inside the data directory; named
/// after the schema the archive is migrated to (versions may skip numbers between branches).
pub(crate) fn pre_migration_backup(
    dir: &Path,
    conn: &Connection,
    header: &Header,
    data_key: &SecretKey,
    to_version: i64,
    now: &str,
) -> Result<PathBuf, ArchiveError> {
    backup_into_folder(
        dir,
        conn,
        header,
        data_key,
        &format!("before-schema-{to_version}"),
        now,
    )
}

/// Taken automatically before the archive gets a new data key; it opens with the keys of before.
pub(crate) fn before_rekey_backup(archive: &Archive) -> Result<PathBuf, ArchiveError> {
    backup_into_folder(
        &archive.dir,
        &archive.conn,
        &archive.header,
        &archive.data_key,
        "before-new-key",
        &archive.actor.stamp(),
    )
}

fn backup_into_folder(
    dir: &Path,
    conn: &Connection,
    header: &Header,
    data_key: &SecretKey,
    stem: &str,
    now: &str,
) -> Result<PathBuf, ArchiveError> {
    let folder = dir.join(BACKUPS_DIR);
    create_private_dir(&folder)?;
    let path = folder.join(format!("{stem}-{}.scrbackup", now.replace([':', '.'], "-")));
    write_backup(&path, dir, conn, header, data_key, header.passphrase.clone(), now)?;
    Ok(path)
}

fn write_backup(
    path: &Path,
    dir: &Path,
    conn: &Connection,
    header: &Header,
    data_key: &SecretKey,
    passphrase: Option<PassphraseSlot>,
    now: &str,
) -> Result<BackupSummary, ArchiveError> {
    if path.symlink_metadata().is_ok() {
        return Err(ArchiveError::FileExists {
            path: path.to_owned(),
        });
    }
    let audit_head = audit::head(conn)?;
    let database = snapshot(dir, conn, data_key)?;
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        version: 1,
        archive_id: header.archive_id.clone(),
        created_at: now.to_owned(),
        schema_version: migrations::schema_version(conn)?,
        database_bytes: database.len() as u64,
        database_sha256: audit::sha256_hex(&database),
        recovery: header.recovery.clone(),
        passphrase,
        audit_head,
    };
    let manifest_json =
        serde_json::to_vec_pretty(&manifest).map_err(|error| ArchiveError::Encoding(error.to_string()))?;
    let manifest_len = u32::try_from(manifest_json.len())
        .map_err(|_| ArchiveError::Encoding("manifest too large".into()))?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 4 + manifest_json.len() + database.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&manifest_len.to_le_bytes());
    bytes.extend_from_slice(&manifest_json);
    bytes.extend_from_slice(&database);
    scr_files::write_new(path, &bytes).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => ArchiveError::FileExists {
            path: path.to_owned(),
        },
        _ => ArchiveError::io("cannot write the backup", path, error),
    })?;
    Ok(BackupSummary {
        path: path.to_owned(),
        bytes: bytes.len() as u64,
        database_sha256: manifest.database_sha256,
        with_passphrase: manifest.passphrase.is_some(),
    })
}

/// A consistent copy of the live database, still encrypted under the same key, taken with
/// SQLite's online backup so that writers are not blocked and no page is torn.
fn snapshot(dir: &Path, conn: &Connection, data_key: &SecretKey) -> Result<Vec<u8>, ArchiveError> {
    let path = dir.join(SNAPSHOT_FILE);
    remove_if_present(&path)?;
    let result = (|| {
        {
            let mut copy = database::open(&path, data_key, true)?;
            Backup::new(conn, &mut copy)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
            copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
        }
        fs::read(&path).map_err(|error| ArchiveError::io("cannot read", &path, error))
    })();
    for leftover in [
        path.clone(),
        with_suffix(&path, "-wal"),
        with_suffix(&path, "-shm"),
    ] {
        remove_if_present(&leftover)?;
    }
    result
}

fn unwrap_backup_key(manifest: &Manifest, unlock: &BackupUnlock<'_>) -> Result<SecretKey, ArchiveError> {
    match unlock {
        BackupUnlock::RecoveryKey(recovery_key) => keys::unwrap(
            &recovery_key.wrapping_key(&manifest.archive_id),
            &manifest.recovery,
            &binding(&manifest.archive_id, RECOVERY_SLOT),
        )
        .map_err(|_| ArchiveError::WrongRecoveryKey),
        BackupUnlock::Passphrase(text) => {
            let slot = manifest
                .passphrase
                .as_ref()
                .ok_or(ArchiveError::NoPassphraseSet)?;
            keys::unwrap(
                &slot.kdf.derive(text)?,
                &slot.wrapped_data_key,
                &binding(&manifest.archive_id, PASSPHRASE_SLOT),
            )
            .map_err(|_| ArchiveError::WrongPassphrase)
        }
    }
}

fn check_database_file(
    path: &Path,
    data_key: &SecretKey,
    audit_head: Option<&ChainHead>,
) -> Result<CheckReport, ArchiveError> {
    let conn = database::open(path, data_key, false)?;
    let report = check::check_connection(&conn, audit_head)?;
    drop(conn);
    for leftover in [with_suffix(path, "-wal"), with_suffix(path, "-shm")] {
        remove_if_present(&leftover)?;
    }
    Ok(report)
}

/// Moves a live archive's files into `replaced-<time>/` beside them.
fn set_aside(dir: &Path, now: &str) -> Result<(), ArchiveError> {
    let aside = dir.join(format!("replaced-{}", now.replace([':', '.'], "-")));
    create_private_dir(&aside)?;
    for name in [HEADER_FILE, DATABASE_FILE] {
        for file in [
            dir.join(name),
            with_suffix(&dir.join(name), "-wal"),
            with_suffix(&dir.join(name), "-shm"),
        ] {
            if file.exists() {
                let target = aside.join(file.file_name().unwrap_or_default());
                fs::rename(&file, &target)
                    .map_err(|error| ArchiveError::io("cannot move aside", &file, error))?;
            }
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A copy of the database for SQLCipher to open (it needs a file): private, and never through a
/// file or link that was already there.
fn write_private_file(path: &Path, bytes: &[u8]) -> Result<(), ArchiveError> {
    remove_if_present(path)?;
    scr_files::write_new(path, bytes).map_err(|error| ArchiveError::io("cannot write", path, error))
}
