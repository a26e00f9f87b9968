//! Giving the archive a new data key. A recovery key that may have been seen, or a passphrase
//! that is being replaced, must stop opening the archive from then on; re-wrapping the old data
//! key would not do that (whoever read the old wrapped key with the old secret keeps the data key),
//! so the database itself is re-encrypted under a fresh key.
//!
//! Crash safety, in the same spirit as migrations: a backup first (it opens with the old keys, as
//! every older backup does); the database copied under the new key into a staging file and checked;
//! the new header written beside the old one as `archive-header.json.rekey`, recording the new
//! database file's SQLCipher salt (its first 16 bytes, random for every new database file); then
//! the new database renamed over the old, and the new header over the old. Whatever moment a crash
//! comes, [`settle_interrupted_rekey`] finds either the old pair or the new one at the next open.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use crate::archive::{
    get_meta, new_keyring_slot, remove_if_present, set_meta, DATABASE_FILE, HEADER_FILE, PASSPHRASE_SLOT,
    RECOVERY_CONFIRMED, RECOVERY_SLOT,
};
use crate::audit::AuditAction;
use crate::header::{Header, PassphraseSlot};
use crate::keys::{self, SecretKey};
use crate::keystore::KeyStore;
use crate::passphrase::{self, KdfParams};
use crate::recovery::RecoveryKey;
use crate::{backup, check, database, Archive, ArchiveError};

/// The new header, until the new database is in place.
pub(crate) const PENDING_HEADER_FILE: &str = "archive-header.json.rekey";
/// The database under its new key, until it replaces the old one.
const STAGING_DATABASE_FILE: &str = "archive.db.rekey";
/// SQLCipher keeps each database file's random salt in its first 16 bytes.
const SALT_BYTES: usize = 16;
/// `archive_meta` flag: the recovery key in the header was never shown to anyone.
const RECOVERY_KEY_UNSEEN: &str = "recovery_key_unseen";

/// What happened to the passphrase when the recovery key was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseAfterRekey {
    /// None was set.
    NoneSet,
    /// The chair gave it again, so it opens the re-keyed archive too.
    Kept,
    /// It was not given, so it no longer opens the archive (older backups still open with it).
    Removed,
}

impl Archive {
    /// Replaces the recovery key: the archive gets a new data key, so the old recovery key opens
    /// nothing made from now on (backups made before still open with it). A passphrase, if one is
    /// set, is kept only when `passphrase` gives it again (it is checked first).
    pub fn issue_recovery_key(
        &mut self,
        keystore: &dyn KeyStore,
        passphrase: Option<&str>,
    ) -> Result<(RecoveryKey, PassphraseAfterRekey), ArchiveError> {
        if get_meta(&self.conn, RECOVERY_KEY_UNSEEN)?.as_deref() == Some("true") {
            return self.first_recovery_key();
        }
        let kept = match (&self.header.passphrase, passphrase) {
            (None, _) => PassphraseAfterRekey::NoneSet,
            (Some(slot), Some(text)) => {
                keys::unwrap(
                    &slot.kdf.derive(text)?,
                    &slot.wrapped_data_key,
                    &self.header.binding(PASSPHRASE_SLOT),
                )
                .map_err(|_| ArchiveError::WrongPassphrase)?;
                PassphraseAfterRekey::Kept
            }
            (Some(_), None) => PassphraseAfterRekey::Removed,
        };
        let keep = match kept {
            PassphraseAfterRekey::Kept => passphrase,
            _ => None,
        };
        let recovery_key = self.rekey(keystore, keep)?;
        Ok((recovery_key, kept))
    }

    /// The app's first run never shows the key made with the archive (it has no board yet to
    /// show it for): that key was never seen, so it is only replaced, with no need for a new data
    /// key. See [`Archive::mark_recovery_key_unseen`].
    fn first_recovery_key(&mut self) -> Result<(RecoveryKey, PassphraseAfterRekey), ArchiveError> {
        let recovery_key = RecoveryKey::generate()?;
        let mut header = self.header.clone();
        header.recovery = keys::wrap(
            &recovery_key.wrapping_key(&header.archive_id),
            &self.data_key,
            &header.binding(RECOVERY_SLOT),
        )?;
        self.write(AuditAction::RecoveryKeyIssued, "archive", &(), |tx| {
            set_meta(tx, RECOVERY_CONFIRMED, "false")?;
            set_meta(tx, RECOVERY_KEY_UNSEEN, "false")
        })?;
        self.replace_header(header)?;
        let kept = match self.header.passphrase {
            Some(_) => PassphraseAfterRekey::Kept,
            None => PassphraseAfterRekey::NoneSet,
        };
        Ok((recovery_key, kept))
    }

    /// Records that the recovery key made with this archive was dropped without being shown (the
    /// app's first run), so that the first key shown needs no re-key.
    pub fn mark_recovery_key_unseen(&mut self) -> Result<(), ArchiveError> {
        self.write(AuditAction::RecoveryKeyIssued, "archive", &"not shown", |tx| {
            set_meta(tx, RECOVERY_KEY_UNSEEN, "true")
        })
    }

    /// Lets a passphrase open the archive and its new backups. Setting the first one only adds a
    /// way in; replacing one re-keys the archive, so the old passphrase opens nothing made from now
    /// on — and as the recovery key wraps the data key too, a new recovery key comes with it.
    pub fn set_passphrase(
        &mut self,
        keystore: &dyn KeyStore,
        new_passphrase: &str,
    ) -> Result<Option<RecoveryKey>, ArchiveError> {
        passphrase::check_strength(new_passphrase)?;
        if self.header.passphrase.is_some() {
            return self.rekey(keystore, Some(new_passphrase)).map(Some);
        }
        let mut header = self.header.clone();
        header.passphrase = Some(passphrase_slot(
            &header.archive_id,
            &self.data_key,
            new_passphrase,
        )?);
        self.record(AuditAction::PassphraseSet, "archive", &())?;
        self.replace_header(header)?;
        Ok(None)
    }

    /// Re-encrypts the database under a new data key and rewraps it for the keyring, a new
    /// recovery key, and (when given) a passphrase. Returns the new recovery key.
    fn rekey(
        &mut self,
        keystore: &dyn KeyStore,
        passphrase: Option<&str>,
    ) -> Result<RecoveryKey, ArchiveError> {
        let dir = self.dir.clone();
        backup::before_rekey_backup(self)?;
        let new_key = SecretKey::random()?;
        let staging = dir.join(STAGING_DATABASE_FILE);
        remove_if_present(&staging)?;
        copy_under_new_key(&self.conn, &staging, &new_key)?;

        let recovery_key = RecoveryKey::generate()?;
        let archive_id = self.header.archive_id.clone();
        let mut header = self.header.clone();
        header.keyring = new_keyring_slot(keystore, &archive_id, &new_key)?;
        header.recovery = keys::wrap(
            &recovery_key.wrapping_key(&archive_id),
            &new_key,
            &header.binding(RECOVERY_SLOT),
        )?;
        header.passphrase = passphrase
            .map(|text| passphrase_slot(&archive_id, &new_key, text))
            .transpose()?;
        header.database_salt = Some(hex::encode(salt_of(&staging)?));
        let pending = dir.join(PENDING_HEADER_FILE);
        header.write(&pending)?;

        // The switch: close the old database (its WAL folded in), then rename the new one over it,
        // then the new header over the old one.
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, error)| ArchiveError::Database(error))?;
        let database = dir.join(DATABASE_FILE);
        for leftover in ["-wal", "-shm"] {
            remove_if_present(&dir.join(format!("{DATABASE_FILE}{leftover}")))?;
        }
        fs::rename(&staging, &database).map_err(|error| {
            ArchiveError::io("cannot put the re-keyed archive in place", &database, error)
        })?;
        scr_files::sync_parent(&database);
        fs::rename(&pending, dir.join(HEADER_FILE))
            .map_err(|error| ArchiveError::io("cannot put the new header in place", &pending, error))?;
        scr_files::sync_parent(&database);

        let old_account = std::mem::replace(&mut self.header, header).keyring.account;
        self.conn = database::open(&database, &new_key, false)?;
        self.data_key = new_key;
        self.write(AuditAction::ArchiveRekeyed, "archive", &(), |tx| {
            set_meta(tx, RECOVERY_CONFIRMED, "false")
        })?;
        self.record(AuditAction::RecoveryKeyIssued, "archive", &())?;
        // The old key-encryption key wraps a data key that no longer opens anything; a copy of the
        // folder made earlier may still want it, but it would be as old as its header: drop it.
        if old_account != self.header.keyring.account {
            let _ = keystore.remove(&old_account);
        }
        Ok(recovery_key)
    }
}

/// After a crash part-way through a re-key, leaves the folder holding one consistent pair of
/// database and header: the new pair if the new database was already in place, else the old one.
pub(crate) fn settle_interrupted_rekey(dir: &Path) -> Result<(), ArchiveError> {
    let pending = dir.join(PENDING_HEADER_FILE);
    let staging = dir.join(STAGING_DATABASE_FILE);
    if !pending.exists() && !staging.exists() {
        return Ok(());
    }
    if pending.exists() {
        let promoted = match Header::read(&pending) {
            Ok(header) => {
                let salt = salt_of(&dir.join(DATABASE_FILE)).ok().map(hex::encode);
                header.database_salt.is_some() && header.database_salt == salt
            }
            Err(_) => false,
        };
        if promoted {
            fs::rename(&pending, dir.join(HEADER_FILE))
                .map_err(|error| ArchiveError::io("cannot finish the re-key of", dir, error))?;
            scr_files::sync_parent(&pending);
        } else {
            remove_if_present(&pending)?;
        }
    }
    for leftover in ["", "-wal", "-shm", "-journal"] {
        remove_if_present(&dir.join(format!("{STAGING_DATABASE_FILE}{leftover}")))?;
    }
    Ok(())
}

/// A consistent copy of the live database under `key`, checked before anything relies on it.
fn copy_under_new_key(conn: &Connection, path: &Path, key: &SecretKey) -> Result<(), ArchiveError> {
    {
        let mut copy = database::open(path, key, true)?;
        Backup::new(conn, &mut copy)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
        copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
    }
    let copy = database::open(path, key, false)?;
    let report = check::check_connection(&copy, None)?;
    drop(copy);
    for leftover in ["-wal", "-shm"] {
        remove_if_present(&path.with_file_name(format!("{STAGING_DATABASE_FILE}{leftover}")))?;
    }
    if !report.is_clean() {
        remove_if_present(path)?;
        return Err(ArchiveError::BackupDamaged {
            reason: format!(
                "the re-keyed copy did not check out ({}); nothing was changed",
                report.summary()
            ),
        });
    }
    Ok(())
}

fn salt_of(path: &Path) -> Result<[u8; SALT_BYTES], ArchiveError> {
    let mut salt = [0u8; SALT_BYTES];
    fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut salt))
        .map_err(|error| ArchiveError::io("cannot read", path, error))?;
    Ok(salt)
}

pub(crate) fn passphrase_slot(
    archive_id: &str,
    data_key: &SecretKey,
    text: &str,
) -> Result<PassphraseSlot, ArchiveError> {
    passphrase::check_strength(text)?;
    let kdf = KdfParams::recommended()?;
    Ok(PassphraseSlot {
        wrapped_data_key: keys::wrap(
            &kdf.derive(text)?,
            data_key,
            &crate::header::binding(archive_id, PASSPHRASE_SLOT),
        )?,
        kdf,
    })
}
