//! Opening the SQLCipher database with a raw key, and the settings every connection gets.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::keys::SecretKey;
use crate::ArchiveError;

/// The page cache's limit, in kibibytes (SQLite's `cache_size` takes a negative number as KiB).
const PAGE_CACHE_KIB: u32 = 24 * 1024;

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
    // SQLCipher keeps pages decrypted in SQLite's page cache, so a page read again is neither
    // read from disk nor decrypted and checked again. The home page, the cases list and the QM3
    // report read every case's record and every letter's and delivery's facts; over twenty years
    // of cases SQLite's default cache (2 MiB) held less than one visit reads, so each visit
    // decrypted it all again (the cases list took 60 ms, 40 ms with this cache;
    // scripts/bench-after-decision.sh). The cache grows only as pages are read.
    conn.execute_batch(&format!("PRAGMA cache_size = -{PAGE_CACHE_KIB};"))?;
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
