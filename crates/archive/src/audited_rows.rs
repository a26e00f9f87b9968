//! Rows whose every state is pinned in the audit chain: the delivery log, acknowledgements,
//! reminders, and the board's profile, settings and mail settings (migration 0007).
//!
//! A write claims the next audit event's sequence number in the row (`audit_seq`; the triggers
//! refuse any other write), and then appends that event with the row's new state, read back from
//! the table, as its payload. `check` reads every row again and compares: a row edited behind the
//! app's back — even by someone holding the key who dropped the triggers first — no longer hashes
//! to the event it names, and is reported by table and id.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::audit::{self, Actor, AuditAction, AuditEvent};
use crate::ArchiveError;

/// The tables whose rows are pinned, as their names and the entity prefix their events carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuditedTable {
    Deliveries,
    Acknowledgements,
    Reminders,
    BoardProfile,
    BoardSettings,
    MailSettings,
}

impl AuditedTable {
    pub(crate) const ALL: [AuditedTable; 6] = [
        AuditedTable::Deliveries,
        AuditedTable::Acknowledgements,
        AuditedTable::Reminders,
        AuditedTable::BoardProfile,
        AuditedTable::BoardSettings,
        AuditedTable::MailSettings,
    ];

    fn table(self) -> &'static str {
        match self {
            AuditedTable::Deliveries => "deliveries",
            AuditedTable::Acknowledgements => "acknowledgements",
            AuditedTable::Reminders => "reminders",
            AuditedTable::BoardProfile => "board_profile",
            AuditedTable::BoardSettings => "board_settings",
            AuditedTable::MailSettings => "mail_settings",
        }
    }

    /// How people are told which record it is.
    fn described(self) -> &'static str {
        match self {
            AuditedTable::Deliveries => "delivery",
            AuditedTable::Acknowledgements => "acknowledgement",
            AuditedTable::Reminders => "reminder",
            AuditedTable::BoardProfile => "board profile",
            AuditedTable::BoardSettings => "board settings",
            AuditedTable::MailSettings => "mail settings",
        }
    }

    /// The audit event's entity, e.g. `delivery:12`.
    pub(crate) fn entity(self, id: i64) -> String {
        let prefix = match self {
            AuditedTable::Deliveries => "delivery",
            AuditedTable::Acknowledgements => "acknowledgement",
            AuditedTable::Reminders => "reminder",
            AuditedTable::BoardProfile => "board_profile",
            AuditedTable::BoardSettings => "board_settings",
            AuditedTable::MailSettings => "mail_settings",
        };
        format!("{prefix}:{id}")
    }
}

/// A row that no longer matches the audit event it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TamperedRow {
    pub table: &'static str,
    pub id: i64,
    pub reason: String,
}

impl std::fmt::Display for TamperedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.table, self.id, self.reason)
    }
}

/// The sequence number the next audit event will get: rows written in this step carry it.
pub(crate) fn next_seq(tx: &Transaction<'_>) -> Result<i64, ArchiveError> {
    Ok(
        tx.query_row("SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_events", [], |row| {
            row.get(0)
        })?,
    )
}

/// Appends the event that pins row `id` of `table` as it now stands. The row must have been
/// written with `audit_seq` = [`next_seq`] in the same transaction.
pub(crate) fn seal(
    tx: &Transaction<'_>,
    actor: &Actor,
    action: AuditAction,
    table: AuditedTable,
    id: i64,
) -> Result<AuditEvent, ArchiveError> {
    let state = row_state(tx, table, id)?.ok_or(ArchiveError::NotFound {
        what: table.described(),
        id,
    })?;
    audit::append_raw(tx, actor, action, &table.entity(id), &state)
}

/// Gives every row that predates migration 0007 its first pinned state, inside the migration's
/// transaction (rows added later without one are reported by `check`, never sealed quietly).
pub(crate) fn seal_existing_rows(tx: &Transaction<'_>, actor: &Actor) -> Result<(), ArchiveError> {
    let migration = Actor::new("archive", "migration", actor.clock().clone());
    for table in AuditedTable::ALL {
        let ids: Vec<i64> = {
            let mut statement = tx.prepare(&format!(
                "SELECT rowid FROM {} WHERE audit_seq IS NULL ORDER BY rowid",
                table.table()
            ))?;
            let rows = statement.query_map([], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in ids {
            tx.execute(
                &format!("UPDATE {} SET audit_seq = ?1 WHERE rowid = ?2", table.table()),
                (next_seq(tx)?, id),
            )?;
            seal(tx, &migration, AuditAction::RecordSealed, table, id)?;
        }
    }
    Ok(())
}

/// Every pinned row compared with its event; the problems, in table order.
pub(crate) fn verify(conn: &Connection) -> Result<Vec<TamperedRow>, ArchiveError> {
    let mut problems = Vec::new();
    let mut event_at = conn.prepare("SELECT entity, payload_hash FROM audit_events WHERE seq = ?1")?;
    for table in AuditedTable::ALL {
        let rows: Vec<(i64, Option<i64>)> = {
            let mut statement = conn.prepare(&format!(
                "SELECT rowid, audit_seq FROM {} ORDER BY rowid",
                table.table()
            ))?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, seq) in rows {
            let problem = |reason: String| TamperedRow {
                table: table.described(),
                id,
                reason,
            };
            let Some(seq) = seq else {
                problems.push(problem("has no audit event: it was added outside the app".into()));
                continue;
            };
            let event: Option<(String, String)> = event_at
                .query_row([seq], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let state = row_state(conn, table, id)?.unwrap_or_default();
            match event {
                None => problems.push(problem(format!("names audit event {seq}, which does not exist"))),
                Some((entity, _)) if entity != table.entity(id) => problems.push(problem(format!(
                    "names audit event {seq}, which is about something else"
                ))),
                Some((_, hash)) if hash != audit::sha256_hex(&state) => problems.push(problem(format!(
                    "does not match audit event {seq}: it was changed outside the app"
                ))),
                Some(_) => {}
            }
        }
    }
    Ok(problems)
}

/// The row as canonical JSON: every column but `audit_seq`, by name in sorted order, NULLs left
/// out (so a column added later, NULL in old rows, leaves their hashes as they were), blobs in hex.
fn row_state(conn: &Connection, table: AuditedTable, id: i64) -> Result<Option<Vec<u8>>, ArchiveError> {
    let mut statement = conn.prepare(&format!("SELECT * FROM {} WHERE rowid = ?1", table.table()))?;
    let names: Vec<String> = statement.column_names().map(str::to_owned).collect();
    let state = statement
        .query_row([id], |row| {
            let mut columns = BTreeMap::new();
            for (index, name) in names.iter().enumerate() {
                if name == "audit_seq" {
                    continue;
                }
                let value = match row.get_ref(index)? {
                    ValueRef::Null => continue,
                    ValueRef::Integer(number) => serde_json::Value::from(number),
                    ValueRef::Real(number) => serde_json::Value::from(number),
                    ValueRef::Text(text) => serde_json::Value::from(String::from_utf8_lossy(text)),
                    ValueRef::Blob(bytes) => serde_json::Value::from(hex::encode(bytes)),
                };
                columns.insert(name.clone(), value);
            }
            Ok(columns)
        })
        .optional()?;
    state
        .map(|columns| {
            serde_json::to_vec(&columns).map_err(|error| ArchiveError::Encoding(error.to_string()))
        })
        .transpose()
}
