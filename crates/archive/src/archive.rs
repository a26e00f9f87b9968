//! The archive as a whole: a data directory holding the encrypted database and its header.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use scr_domain::board::BoardProfile;

use crate::database;
use crate::header::{binding, sync_parent, Header, KeyringSlot};
use crate::keys::{self, SecretKey};
use crate::keystore::{KeyStore, KEYRING_SERVICE};
use crate::migrations;
use crate::ArchiveError;

pub const DATABASE_FILE: &str = "archive.db";
pub const HEADER_FILE: &str = "archive-header.json";
/// The database is built under this name and renamed once complete, so that a crash during
/// first-run set-up never leaves something that looks like an archive.
const CREATING_FILE: &str = "archive.db.creating";
const KEYRING_SLOT: &str = "keyring";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenedAs {
    Created,
    Existing,
}

pub struct Archive {
    conn: Connection,
    dir: PathBuf,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

impl Archive {
    /// Opens the archive in `dir`, creating it only when the directory holds no archive at all.
    /// Anything partial is reported, never replaced: an archive is never silently recreated.
    pub fn open_or_create(dir: &Path, keystore: &dyn KeyStore) -> Result<(Archive, OpenedAs), ArchiveError> {
        let header_path = dir.join(HEADER_FILE);
        let database_path = dir.join(DATABASE_FILE);
        match (header_path.exists(), database_path.exists()) {
            (true, true) => Ok((Archive::open(dir, keystore)?, OpenedAs::Existing)),
            (false, false) => Ok((Archive::create(dir, keystore)?, OpenedAs::Created)),
            (true, false) => Err(ArchiveError::Incomplete {
                dir: dir.to_owned(),
                missing: DATABASE_FILE,
            }),
            (false, true) => Err(ArchiveError::Incomplete {
                dir: dir.to_owned(),
                missing: HEADER_FILE,
            }),
        }
    }

    fn open(dir: &Path, keystore: &dyn KeyStore) -> Result<Archive, ArchiveError> {
        let header = Header::read(&dir.join(HEADER_FILE))?;
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
        let mut conn = database::open(&dir.join(DATABASE_FILE), &data_key, false)?;
        migrations::migrate(&mut conn)?;
        Ok(Archive {
            conn,
            dir: dir.to_owned(),
        })
    }

    fn create(dir: &Path, keystore: &dyn KeyStore) -> Result<Archive, ArchiveError> {
        fs::create_dir_all(dir)
            .map_err(|error| ArchiveError::io("cannot create the data directory", dir, error))?;
        restrict_to_owner(dir)?;
        let creating = dir.join(CREATING_FILE);
        remove_if_present(&creating)?;

        let mut id_bytes = [0u8; 16];
        keys::fill_random(&mut id_bytes)?;
        let archive_id = hex::encode(id_bytes);
        let account = format!("archive-{archive_id}");
        let data_key = SecretKey::random()?;
        let kek = SecretKey::random()?;
        // The keyring first: if it refuses, nothing has been written to disk.
        keystore.write(&account, kek.as_bytes())?;

        let wrapped_data_key = keys::wrap(&kek, &data_key, &binding(&archive_id, KEYRING_SLOT))?;
        let header = Header::new(
            archive_id,
            KeyringSlot {
                backend: keystore.backend().to_owned(),
                service: KEYRING_SERVICE.to_owned(),
                account,
                wrapped_data_key,
            },
        );

        {
            let mut conn = database::open(&creating, &data_key, true)?;
            migrations::migrate(&mut conn)?;
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        // WAL side files belong to the staging name; a clean close has already removed them.
        header.write(&dir.join(HEADER_FILE))?;
        let database_path = dir.join(DATABASE_FILE);
        fs::rename(&creating, &database_path)
            .map_err(|error| ArchiveError::io("cannot finish creating", &database_path, error))?;
        sync_parent(&database_path);
        Archive::open(dir, keystore)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn board_profile(&self) -> Result<Option<BoardProfile>, ArchiveError> {
        Ok(self
            .conn
            .query_row("SELECT name, area FROM board_profile WHERE id = 1", [], |row| {
                Ok(BoardProfile {
                    name: row.get(0)?,
                    area: row.get(1)?,
                })
            })
            .optional()?)
    }

    pub fn save_board_profile(&mut self, profile: &BoardProfile) -> Result<(), ArchiveError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO board_profile (id, name, area, updated_at)
             VALUES (1, ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, area = excluded.area,
                                            updated_at = excluded.updated_at",
            (&profile.name, &profile.area),
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn remove_if_present(path: &Path) -> Result<(), ArchiveError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(ArchiveError::io("cannot remove", path, error)),
    }
}

/// The data directory holds special category data: nobody but its owner may even list it.
fn restrict_to_owner(dir: &Path) -> Result<(), ArchiveError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|error| ArchiveError::io("cannot restrict access to", dir, error))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
