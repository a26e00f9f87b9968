//! The integrity check: SQLCipher's page authentication, SQLite's own structure check, and a
//! walk of the audit chain. Clean only when all three are.

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, BrokenLink};
use crate::{Archive, ArchiveError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Pages whose authentication code failed: the file was changed outside the app.
    pub cipher_problems: Vec<String>,
    /// Structural problems SQLite found.
    pub database_problems: Vec<String>,
    pub audit_events: usize,
    /// The first event where the audit chain breaks, if it does.
    pub audit_break: Option<BrokenLink>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.cipher_problems.is_empty() && self.database_problems.is_empty() && self.audit_break.is_none()
    }

    /// One sentence for people; the fields say the rest.
    pub fn summary(&self) -> String {
        if let Some(first) = self.cipher_problems.first() {
            return format!("the archive file has been altered or damaged ({first})");
        }
        if let Some(first) = self.database_problems.first() {
            return format!("the archive's structure is damaged ({first})");
        }
        if let Some(link) = &self.audit_break {
            return format!("the audit trail is broken at event {}: {}", link.seq, link.reason);
        }
        format!(
            "the archive is intact; its audit trail of {} events is unbroken",
            self.audit_events
        )
    }
}

impl Archive {
    pub fn check(&self) -> Result<CheckReport, ArchiveError> {
        check_connection(&self.conn)
    }
}

/// A damaged file can make the checks themselves fail: that is a finding, not an error.
pub(crate) fn check_connection(conn: &Connection) -> Result<CheckReport, ArchiveError> {
    let cipher_problems =
        strings(conn, "PRAGMA cipher_integrity_check").unwrap_or_else(|error| vec![error.to_string()]);
    let database_problems: Vec<String> = strings(conn, "PRAGMA integrity_check")
        .unwrap_or_else(|error| vec![error.to_string()])
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    let (audit_events, audit_break) = match audit::verify(conn) {
        Ok(Ok(count)) => (count, None),
        Ok(Err(link)) => (0, Some(link)),
        Err(error) => (
            0,
            Some(BrokenLink {
                seq: 0,
                reason: format!("the audit trail cannot be read: {error}"),
            }),
        ),
    };
    Ok(CheckReport {
        cipher_problems,
        database_problems,
        audit_events,
        audit_break,
    })
}

fn strings(conn: &Connection, pragma: &str) -> Result<Vec<String>, ArchiveError> {
    let mut statement = conn.prepare(pragma)?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
