//! Reading a backup file, which may come back from a USB stick edited or damaged: its size
//! checked from the open file before anything is read, the manifest's length bounded and its
//! contents checked (key derivation costs included) before any work is done with them, and
//! the database read only when it is exactly as long as the manifest says.

use std::io::Read;
use std::path::Path;

use super::{Manifest, FORMAT, MAGIC};
use crate::audit;
use crate::files::{self, FileReadError};
use crate::keys::WrappedKey;
use crate::ArchiveError;

/// The largest backup read. The database is held in memory while it is checked and restored,
/// and an archive of letters (about 60 KB each) is a few hundred MB after years of use.
pub const MAX_BACKUP_BYTES: u64 = 1 << 30;

/// The manifest is JSON of under 2 KB (ids, dates, a checksum, two wrapped keys); a longer
/// one was not written by SCR Decision Desk.
const MAX_MANIFEST_BYTES: u32 = 64 * 1024;

/// Archive ids are 32 hex digits; they name the keyring entry, so nothing odd may pass.
const MAX_ARCHIVE_ID_CHARS: usize = 64;

/// A wrapped data key is a 12-byte nonce and 48 bytes of ciphertext (keys.rs).
const MAX_WRAPPED_KEY_BYTES: usize = 256;

fn damaged(reason: &str) -> ArchiveError {
    ArchiveError::BackupDamaged {
        reason: reason.to_owned(),
    }
}

/// The manifest and the database bytes of the backup at `path`, both checked.
pub(super) fn read_backup(path: &Path) -> Result<(Manifest, Vec<u8>), ArchiveError> {
    let (mut file, size) = files::open_regular(path).map_err(|error| match error {
        FileReadError::NotAFile => damaged("it is not a file (a folder, a device or a pipe)"),
        FileReadError::Io(error) => ArchiveError::io("cannot read the backup", path, error),
        FileReadError::TooLarge { bytes, limit } => ArchiveError::BackupTooLarge { bytes, limit },
    })?;
    if size > MAX_BACKUP_BYTES {
        return Err(ArchiveError::BackupTooLarge {
            bytes: size,
            limit: MAX_BACKUP_BYTES,
        });
    }
    let read_error = |error: std::io::Error| {
        if error.kind() == std::io::ErrorKind::UnexpectedEof {
            damaged("the file is truncated")
        } else {
            ArchiveError::io("cannot read the backup", path, error)
        }
    };
    let mut magic = vec![0u8; MAGIC.len()];
    file.read_exact(&mut magic).map_err(|error| match error.kind() {
        std::io::ErrorKind::UnexpectedEof => damaged("this is not an SCR Decision Desk backup file"),
        _ => read_error(error),
    })?;
    if magic != MAGIC {
        return Err(damaged("this is not an SCR Decision Desk backup file"));
    }
    let mut length = [0u8; 4];
    file.read_exact(&mut length).map_err(read_error)?;
    let manifest_len = u32::from_le_bytes(length);
    if manifest_len > MAX_MANIFEST_BYTES {
        return Err(damaged(
            "the backup's description is longer than any backup's: the file is damaged",
        ));
    }
    let mut manifest_json = vec![0u8; manifest_len as usize];
    file.read_exact(&mut manifest_json).map_err(read_error)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_json)
        .map_err(|_| damaged("the backup's description cannot be read"))?;
    if manifest.format != FORMAT || manifest.version != 1 {
        return Err(damaged(
            "this backup was made by a newer version of SCR Decision Desk",
        ));
    }
    check_manifest(&manifest)?;
    let header_len = (MAGIC.len() as u64) + 4 + u64::from(manifest_len);
    if size.checked_sub(header_len) != Some(manifest.database_bytes) {
        return Err(damaged(
            "the archive inside the backup does not match its checksum",
        ));
    }
    let database =
        files::read_at_most(file, manifest.database_bytes, manifest.database_bytes).map_err(|error| {
            match error {
                FileReadError::Io(error) => read_error(error),
                _ => damaged("the file changed while it was read"),
            }
        })?;
    if database.len() as u64 != manifest.database_bytes
        || audit::sha256_hex(&database) != manifest.database_sha256
    {
        return Err(damaged(
            "the archive inside the backup does not match its checksum",
        ));
    }
    Ok((manifest, database))
}

/// What the manifest says, checked before it is used for anything.
fn check_manifest(manifest: &Manifest) -> Result<(), ArchiveError> {
    let id = &manifest.archive_id;
    if id.is_empty()
        || id.len() > MAX_ARCHIVE_ID_CHARS
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(damaged(
            "the backup's archive id is not one SCR Decision Desk writes",
        ));
    }
    if manifest.database_sha256.len() != 64
        || !manifest.database_sha256.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Err(damaged("the backup's checksum is not a SHA-256"));
    }
    if manifest.created_at.len() > 64 {
        return Err(damaged("the backup's date cannot be read"));
    }
    let wrapped_ok = |key: &WrappedKey| {
        key.algorithm.len() <= 64
            && key.nonce.len() <= MAX_WRAPPED_KEY_BYTES
            && key.ciphertext.len() <= MAX_WRAPPED_KEY_BYTES
    };
    if !wrapped_ok(&manifest.recovery)
        || manifest
            .passphrase
            .as_ref()
            .is_some_and(|slot| !wrapped_ok(&slot.wrapped_data_key))
    {
        return Err(damaged("a key in the backup is not one SCR Decision Desk writes"));
    }
    if let Some(slot) = &manifest.passphrase {
        slot.kdf.check()?;
    }
    Ok(())
}
