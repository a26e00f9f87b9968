//! The integrity check: SQLCipher's page authentication, SQLite's own structure check, a walk
//! of the audit chain (whose end must be the one recorded outside the database), and the rows
//! pinned in the chain compared with their events. Clean only when all are.

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, BrokenLink, ChainHead};
use crate::audited_rows::{self, TamperedRow};
use crate::{disposal_check, Archive, ArchiveError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Pages whose authentication code failed: the file was changed outside the app.
    pub cipher_problems: Vec<String>,
    /// Structural problems SQLite found.
    pub database_problems: Vec<String>,
    pub audit_events: usize,
    /// The first event where the audit chain breaks, if it does.
    pub audit_break: Option<BrokenLink>,
    /// Records of who was told what (and the board's settings) changed outside the app.
    pub tampered_rows: Vec<TamperedRow>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.cipher_problems.is_empty()
            && self.database_problems.is_empty()
            && self.audit_break.is_none()
            && self.tampered_rows.is_empty()
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
        if let Some(row) = self.tampered_rows.first() {
            return format!("a record was changed outside the app: {row}");
        }
        format!(
            "the archive is intact; its audit trail of {} events is unbroken",
            self.audit_events
        )
    }
}

impl Archive {
    pub fn check(&self) -> Result<CheckReport, ArchiveError> {
        check_connection(&self.conn, self.header.audit_head.as_ref())
    }
}

/// A damaged file can make the checks themselves fail: that is a finding, not an error.
/// `recorded_head` is the chain's end as kept outside the database (the header, a backup).
pub(crate) fn check_connection(
    conn: &Connection,
    recorded_head: Option<&ChainHead>,
) -> Result<CheckReport, ArchiveError> {
    let cipher_problems =
        strings(conn, "PRAGMA cipher_integrity_check").unwrap_or_else(|error| vec![error.to_string()]);
    let database_problems: Vec<String> = strings(conn, "PRAGMA integrity_check")
        .unwrap_or_else(|error| vec![error.to_string()])
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
    let (audit_events, audit_break) = match audit::verify(conn) {
        Ok(Ok(count)) => match recorded_head
            .map(|head| audit::head_problem(conn, head))
            .transpose()
        {
            Ok(problem) => (count, problem.flatten()),
            Err(error) => (count, Some(unreadable(&error))),
        },
        Ok(Err(link)) => (0, Some(link)),
        Err(error) => (0, Some(unreadable(&error))),
    };
    let unreadable_rows = |error: ArchiveError| {
        vec![TamperedRow {
            table: "records",
            id: 0,
            reason: format!("cannot be read: {error}"),
        }]
    };
    let mut tampered_rows = audited_rows::verify(conn).unwrap_or_else(unreadable_rows);
    // Records that are gone must be accounted for by a disposal certificate.
    tampered_rows.extend(disposal_check::verify(conn).unwrap_or_else(unreadable_rows));
    Ok(CheckReport {
        cipher_problems,
        database_problems,
        audit_events,
        audit_break,
        tampered_rows,
    })
}

fn unreadable(error: &ArchiveError) -> BrokenLink {
    BrokenLink {
        seq: 0,
        reason: format!("the audit trail cannot be read: {error}"),
    }
}

fn strings(conn: &Connection, pragma: &str) -> Result<Vec<String>, ArchiveError> {
    let mut statement = conn.prepare(pragma)?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
