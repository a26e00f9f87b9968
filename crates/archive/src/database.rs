//! Opening the SQLCipher database with a raw key, and the settings every connection gets.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::keys::SecretKey;
use crate::ArchiveError;

pub(crate) fn open(path: &Path, key: &SecretKey, create: bool) -> Result<Connection, ArchiveError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        // SQLite gives the WAL and shared-memory files the database file's own mode, so a
        // database that starts private keeps all three private.
        scr_files::touch_private(path).map_err(|error| ArchiveError::io("cannot create", path, error))?;
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher logs key failures to stderr; nothing about the archive belongs in logs.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let pragma = key.sqlcipher_raw_key();
    conn.execute_batch(&format!("PRAGMA key = {};", pragma.as_str()))?;
    // Keying is lazy: the first read is what tells a wrong key (or a damaged file) apart.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|error| match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => ArchiveError::WrongKeyOrDamaged,
        _ => ArchiveError::Database(error),
    })?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(conn)
}

/// A stored name (a delivery state, a kind of letter) that this version does not know: the row
/// was changed outside the app, so it is reported as damage rather than guessed at.
pub(crate) fn unknown_name(column: usize, text: &str, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("'{text}' is not a {what} this app knows").into(),
    )
}
