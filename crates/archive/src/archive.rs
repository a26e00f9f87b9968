//! The archive as a whole: a data directory holding the encrypted database and its header,
//! and the ways in (the keyring, the recovery key, a passphrase).

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::audit::{self, Actor, AuditAction};
use crate::audited_rows::{self, AuditedTable};
use crate::header::{binding, Header, KeyringSlot};
use crate::keys::{self, SecretKey};
use crate::keystore::{KeyStore, KEYRING_SERVICE};
use crate::recovery::RecoveryKey;
use crate::{attempts, backup, database, migrations, ArchiveError};

pub const DATABASE_FILE: &str = "archive.db";
pub const HEADER_FILE: &str = "archive-header.json";
/// The database is built under this name and renamed once complete, so that a crash during
/// set-up never leaves something that looks like an archive.
pub(crate) const STAGING_FILE: &str = "archive.db.staging";
/// Automatic backups (before a migration) go here, inside the data directory.
pub const BACKUPS_DIR: &str = "backups";
pub(crate) const KEYRING_SLOT: &str = "keyring";
pub(crate) const RECOVERY_SLOT: &str = "recovery";
pub(crate) const PASSPHRASE_SLOT: &str = "passphrase";
pub(crate) const RECOVERY_CONFIRMED: &str = "recovery_key_confirmed";

#[derive(Debug)]
pub enum OpenedAs {
    /// A new archive: its recovery key, to be shown to the chair once.
    Created {
        recovery_key: RecoveryKey,
    },
    Existing,
}

pub struct Archive {
    pub(crate) conn: Connection,
    pub(crate) dir: PathBuf,
    pub(crate) header: Header,
    pub(crate) data_key: SecretKey,
    pub(crate) actor: Actor,
    pub(crate) decisions_read: crate::overview::DecisionsRead,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

/// What a directory holds, judged from its files alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectoryState {
    Empty,
    Complete,
    MissingHeader,
    MissingDatabase,
}

pub fn directory_state(dir: &Path) -> DirectoryState {
    match (dir.join(HEADER_FILE).exists(), dir.join(DATABASE_FILE).exists()) {
        (true, true) => DirectoryState::Complete,
        (false, false) => DirectoryState::Empty,
        (true, false) => DirectoryState::MissingDatabase,
        (false, true) => DirectoryState::MissingHeader,
    }
}

impl Archive {
    /// Opens the archive in `dir`, creating it only when the directory holds no archive at all.
    /// Anything partial is reported, never replaced: an archive is never silently recreated.
    pub fn open_or_create(
        dir: &Path,
        keystore: &dyn KeyStore,
        actor: &Actor,
    ) -> Result<(Archive, OpenedAs), ArchiveError> {
        match directory_state(dir) {
            DirectoryState::Empty => {
                let (archive, recovery_key) = Archive::create(dir, keystore, actor)?;
                Ok((archive, OpenedAs::Created { recovery_key }))
            }
            _ => Ok((Archive::open(dir, keystore, actor)?, OpenedAs::Existing)),
        }
    }

    /// Opens an existing archive with the key in the keyring; refuses to create one.
    pub fn open(dir: &Path, keystore: &dyn KeyStore, actor: &Actor) -> Result<Archive, ArchiveError> {
        let header = read_complete_header(dir)?;
        if header.keyring.backend != keystore.backend() {
            return Err(ArchiveError::KeyringBackendChanged {
                recorded: header.keyring.backend.clone(),
                current: keystore.backend().to_owned(),
            });
        }
        let kek_bytes = keystore
            .read(&header.keyring.account)?
            .ok_or(ArchiveError::KeyringEntryMissing)?;
        let kek = SecretKey::from_slice(&kek_bytes).ok_or(ArchiveError::WrongKeyOrDamaged)?;
        let data_key = keys::unwrap(
            &kek,
            &header.keyring.wrapped_data_key,
            &header.binding(KEYRING_SLOT),
        )?;
        Archive::unlock(dir, header, data_key, actor)
    }

    /// Opens the archive with the recovery key and puts a fresh key in the keyring, so that the
    /// next start is silent again. A wrong key changes nothing and is recorded.
    pub fn recover(
        dir: &Path,
        keystore: &dyn KeyStore,
        recovery_key: &RecoveryKey,
        actor: &Actor,
    ) -> Result<Archive, ArchiveError> {
        let header = read_complete_header(dir)?;
        let wrapping = recovery_key.wrapping_key(&header.archive_id);
        let data_key = match keys::unwrap(&wrapping, &header.recovery, &header.binding(RECOVERY_SLOT)) {
            Ok(key) => key,
            Err(_) => {
                attempts::record_failure(dir, actor, "wrong recovery key")?;
                return Err(ArchiveError::WrongRecoveryKey);
            }
        };
        let mut archive = Archive::unlock(dir, header, data_key, actor)?;
        archive.record(AuditAction::RecoveryUsed, "archive", &())?;
        archive.replace_keyring_entry(keystore)?;
        Ok(archive)
    }

    /// Opens the archive with the chair's passphrase (when one was set) and renews the keyring entry.
    pub fn unlock_with_passphrase(
        dir: &Path,
        keystore: &dyn KeyStore,
        passphrase: &str,
        actor: &Actor,
    ) -> Result<Archive, ArchiveError> {
        let header = read_complete_header(dir)?;
        let slot = header.passphrase.clone().ok_or(ArchiveError::NoPassphraseSet)?;
        let data_key = keys::unwrap(
            &slot.kdf.derive(passphrase)?,
            &slot.wrapped_data_key,
            &header.binding(PASSPHRASE_SLOT),
        )
        .map_err(|_| ArchiveError::WrongPassphrase)?;
        let mut archive = Archive::unlock(dir, header, data_key, actor)?;
        archive.record(AuditAction::RecoveryUsed, "archive", &"passphrase")?;
        archive.replace_keyring_entry(keystore)?;
        Ok(archive)
    }

    /// Opens the database with its data key, backs it up before any migration, migrates, and
    /// moves pending failed recovery attempts into the audit chain.
    pub(crate) fn unlock(
        dir: &Path,
        header: Header,
        data_key: SecretKey,
        actor: &Actor,
    ) -> Result<Archive, ArchiveError> {
        restrict_existing(dir)?;
        let mut conn = database::open(&dir.join(DATABASE_FILE), &data_key, false)?;
        let found = migrations::schema_version(&conn)?;
        let latest = migrations::latest_version();
        let mut archive_backup = None;
        if found > 0 && found < latest {
            archive_backup = Some(backup::pre_migration_backup(
                dir,
                &conn,
                &header,
                &data_key,
                latest,
                &actor.stamp(),
            )?);
        }
        migrations::migrate(&mut conn, actor)?;
        let mut archive = Archive {
            conn,
            dir: dir.to_owned(),
            header,
            data_key,
            actor: actor.clone(),
            decisions_read: Default::default(),
        };
        if found > 0 && found < latest {
            archive.record(
                AuditAction::ArchiveMigrated,
                "archive",
                &serde_json::json!({ "from": found, "to": latest, "backup": archive_backup }),
            )?;
        }
        archive.ingest_failed_attempts()?;
        // A disposal cut off before its freed pages were erased is finished now.
        archive.erase_freed_pages()?;
        archive.note_head();
        Ok(archive)
    }

    fn create(
        dir: &Path,
        keystore: &dyn KeyStore,
        actor: &Actor,
    ) -> Result<(Archive, RecoveryKey), ArchiveError> {
        create_private_dir(dir)?;
        let staging = dir.join(STAGING_FILE);
        remove_if_present(&staging)?;

        let mut id_bytes = [0u8; 16];
        keys::fill_random(&mut id_bytes)?;
        let archive_id = hex::encode(id_bytes);
        let data_key = SecretKey::random()?;
        let recovery_key = RecoveryKey::generate()?;
        // The keyring first: if it refuses, nothing has been written to disk.
        let keyring = new_keyring_slot(keystore, &archive_id, &data_key)?;
        let recovery = keys::wrap(
            &recovery_key.wrapping_key(&archive_id),
            &data_key,
            &binding(&archive_id, RECOVERY_SLOT),
        )?;
        let header = Header::new(archive_id, keyring, recovery);
        {
            let mut conn = database::open(&staging, &data_key, true)?;
            migrations::migrate(&mut conn, actor)?;
            let tx = conn.transaction()?;
            audit::append(
                &tx,
                actor,
                AuditAction::ArchiveCreated,
                "archive",
                &header.archive_id,
            )?;
            audit::append(&tx, actor, AuditAction::RecoveryKeyIssued, "archive", &())?;
            tx.commit()?;
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        header.write(&dir.join(HEADER_FILE))?;
        let database_path = dir.join(DATABASE_FILE);
        fs::rename(&staging, &database_path)
            .map_err(|error| ArchiveError::io("cannot finish creating", &database_path, error))?;
        scr_files::sync_parent(&database_path);
        Ok((Archive::unlock(dir, header, data_key, actor)?, recovery_key))
    }

    /// The raw data key, for tests that decrypt the file's pages themselves.
    #[cfg(feature = "test-support")]
    pub fn data_key_for_tests(&self) -> Vec<u8> {
        self.data_key.as_bytes().to_vec()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn archive_id(&self) -> &str {
        &self.header.archive_id
    }

    pub fn schema_version(&self) -> Result<i64, ArchiveError> {
        migrations::schema_version(&self.conn)
    }

    /// Runs `change` and appends its audit event in one transaction: both or neither.
    pub(crate) fn write<T>(
        &mut self,
        action: AuditAction,
        entity: &str,
        payload: &impl Serialize,
        change: impl FnOnce(&Transaction<'_>) -> Result<T, ArchiveError>,
    ) -> Result<T, ArchiveError> {
        let tx = self.conn.transaction()?;
        let result = change(&tx)?;
        audit::append(&tx, &self.actor, action, entity, payload)?;
        tx.commit()?;
        self.note_head();
        Ok(result)
    }

    /// Runs `change`, which writes one row of an audited table with `audit_seq` set to the
    /// sequence number it is given and returns the row's id; then pins the row's new state in the
    /// audit chain. One transaction: both or neither.
    pub(crate) fn write_row(
        &mut self,
        action: AuditAction,
        table: AuditedTable,
        change: impl FnOnce(&Transaction<'_>, i64) -> Result<i64, ArchiveError>,
    ) -> Result<i64, ArchiveError> {
        let tx = self.conn.transaction()?;
        let id = change(&tx, audited_rows::next_seq(&tx)?)?;
        audited_rows::seal(&tx, &self.actor, action, table, id)?;
        tx.commit()?;
        self.note_head();
        Ok(id)
    }

    /// Keeps the header's copy of the audit chain's end up to date, after every change. If the
    /// chain no longer holds the head recorded earlier (events were cut off or replaced behind the
    /// app's back), the recorded head is left as evidence for `check`. Best effort: the change
    /// itself is already committed, and a header that lags behind is not a finding.
    pub(crate) fn note_head(&mut self) {
        let Ok(Some(head)) = audit::head(&self.conn) else {
            return;
        };
        if let Some(recorded) = &self.header.audit_head {
            if *recorded == head || !audit::holds(&self.conn, recorded).unwrap_or(false) {
                return;
            }
        }
        let mut header = self.header.clone();
        header.audit_head = Some(head);
        if header.write(&self.dir.join(HEADER_FILE)).is_ok() {
            self.header = header;
        }
    }

    /// Records an event that changes no table (a backup made, an export written).
    pub(crate) fn record(
        &mut self,
        action: AuditAction,
        entity: &str,
        payload: &impl Serialize,
    ) -> Result<(), ArchiveError> {
        self.write(action, entity, payload, |_| Ok(()))
    }

    pub fn audit_events(&self) -> Result<Vec<audit::AuditEvent>, ArchiveError> {
        audit::events(&self.conn)
    }

    pub fn confirm_recovery_key(&mut self) -> Result<(), ArchiveError> {
        self.write(AuditAction::RecoveryKeyConfirmed, "archive", &(), |tx| {
            set_meta(tx, RECOVERY_CONFIRMED, "true")
        })
    }

    /// Whether a passphrase opens the archive too.
    pub fn has_passphrase(&self) -> bool {
        self.header.passphrase.is_some()
    }

    /// Whether the chair has confirmed keeping the current recovery key somewhere safe.
    pub fn recovery_key_confirmed(&self) -> Result<bool, ArchiveError> {
        Ok(get_meta(&self.conn, RECOVERY_CONFIRMED)?.as_deref() == Some("true"))
    }

    fn replace_keyring_entry(&mut self, keystore: &dyn KeyStore) -> Result<(), ArchiveError> {
        let mut header = self.header.clone();
        header.keyring = new_keyring_slot(keystore, &header.archive_id, &self.data_key)?;
        self.replace_header(header)?;
        self.record(AuditAction::KeyringEntryRecreated, "archive", &keystore.backend())
    }

    pub(crate) fn replace_header(&mut self, header: Header) -> Result<(), ArchiveError> {
        header.write(&self.dir.join(HEADER_FILE))?;
        self.header = header;
        Ok(())
    }

    fn ingest_failed_attempts(&mut self) -> Result<(), ArchiveError> {
        let tx = self.conn.transaction()?;
        let ingested = attempts::ingest(&self.dir, &tx, &self.actor)?;
        tx.commit()?;
        if let Some(path) = ingested {
            remove_if_present(&path)?;
        }
        Ok(())
    }
}

pub(crate) fn read_complete_header(dir: &Path) -> Result<Header, ArchiveError> {
    crate::rekey::settle_interrupted_rekey(dir)?;
    match directory_state(dir) {
        DirectoryState::Complete => Header::read(&dir.join(HEADER_FILE)),
        DirectoryState::Empty => Err(ArchiveError::NoArchive { dir: dir.to_owned() }),
        DirectoryState::MissingHeader => Err(ArchiveError::Incomplete {
            dir: dir.to_owned(),
            missing: HEADER_FILE,
        }),
        DirectoryState::MissingDatabase => Err(ArchiveError::Incomplete {
            dir: dir.to_owned(),
            missing: DATABASE_FILE,
        }),
    }
}

/// A fresh key-encryption key in the keyring, wrapping the data key.
///
/// Each slot gets an account of its own: the archive id names the archive, and a random suffix
/// names this copy of it. A backup restored into a second folder (to prove that it works), or a
/// copy recovered elsewhere, therefore never replaces the entry the live archive opens with.
pub(crate) fn new_keyring_slot(
    keystore: &dyn KeyStore,
    archive_id: &str,
    data_key: &SecretKey,
) -> Result<KeyringSlot, ArchiveError> {
    let kek = SecretKey::random()?;
    let mut copy = [0u8; 6];
    keys::fill_random(&mut copy)?;
    let account = format!("archive-{archive_id}-{}", hex::encode(copy));
    keystore.write(&account, kek.as_bytes())?;
    Ok(KeyringSlot {
        backend: keystore.backend().to_owned(),
        service: KEYRING_SERVICE.to_owned(),
        account,
        wrapped_data_key: keys::wrap(&kek, data_key, &binding(archive_id, KEYRING_SLOT))?,
    })
}

pub(crate) fn set_meta(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), ArchiveError> {
    tx.execute(
        "INSERT INTO archive_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>, ArchiveError> {
    Ok(conn
        .query_row("SELECT value FROM archive_meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub(crate) fn remove_if_present(path: &Path) -> Result<(), ArchiveError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(ArchiveError::io("cannot remove", path, error)),
    }
}

/// The data directory holds special category data: nobody but its owner may even list it.
pub(crate) fn create_private_dir(dir: &Path) -> Result<(), ArchiveError> {
    scr_files::ensure_private_dir(dir)
        .map_err(|error| ArchiveError::io("cannot create the folder", dir, error))
}

/// Archives made by earlier versions (or copied with the wrong umask) get the modes a new one
/// has: the folder 0700, and every file in it and in `backups/` 0600.
fn restrict_existing(dir: &Path) -> Result<(), ArchiveError> {
    let restrict = |path: &Path| {
        scr_files::restrict_to_owner(path)
            .map_err(|error| ArchiveError::io("cannot restrict access to", path, error))
    };
    restrict(dir)?;
    for folder in [dir.to_owned(), dir.join(BACKUPS_DIR)] {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".scr-desk-") && name.ends_with(".partial") {
                // A replacement cut short by a crash (see scr_files), never the live file; one
                // younger than a minute may belong to another process writing right now.
                let stale = entry
                    .metadata()
                    .and_then(|meta| meta.modified())
                    .ok()
                    .and_then(|modified| modified.elapsed().ok())
                    .is_some_and(|age| age > std::time::Duration::from_secs(60));
                if stale {
                    remove_if_present(&entry.path())?;
                }
            } else {
                restrict(&entry.path())?;
            }
        }
    }
    Ok(())
}
