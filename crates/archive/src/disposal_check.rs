//! `check` and disposal: records that are gone must be accounted for by a disposal certificate.
//! A row of the delivery log, an acknowledgement or a reminder that the audit trail recorded but
//! that is no longer there, a letter recorded as issued that is gone, and a letter whose file is
//! empty, are each reported unless a certificate lists them. The certificates themselves are pinned
//! in the chain (audited_rows.rs), so listing a row in one after the fact is noticed too.

use std::collections::BTreeSet;

use rusqlite::Connection;

use scr_domain::retention::certificate::DisposalCertificate;

use crate::audited_rows::{table_exists, TamperedRow};
use crate::ArchiveError;

/// The tables whose rows the audit trail names one by one: (entity prefix, table, what the
/// certificate calls a row, how people are told).
const NAMED_ROWS: [(&str, &str, &str, &str); 4] = [
    ("delivery", "deliveries", "delivery", "delivery"),
    (
        "acknowledgement",
        "acknowledgements",
        "acknowledgement",
        "acknowledgement",
    ),
    ("reminder", "reminders", "reminder", "reminder"),
    ("letter", "issued_letters", "letter file", "letter"),
];

pub(crate) fn verify(conn: &Connection) -> Result<Vec<TamperedRow>, ArchiveError> {
    let mut problems = Vec::new();
    let disposed = if table_exists(conn, "disposals")? {
        listed_rows(conn, &mut problems)?
    } else {
        BTreeSet::new()
    };
    for (prefix, table, what, described) in NAMED_ROWS {
        // Ids the trail names whose rows are gone. The entity is "<prefix>:<id>".
        let mut statement = conn.prepare(&format!(
            "SELECT DISTINCT CAST(substr(entity, {start}) AS INTEGER) AS id FROM audit_events
             WHERE entity LIKE '{prefix}:%' AND id NOT IN (SELECT id FROM {table}) ORDER BY id",
            start = prefix.len() + 2
        ))?;
        let missing = statement.query_map([], |row| row.get::<_, i64>(0))?;
        for id in missing {
            let id = id?;
            // A letter's row stays when its file is disposed of: its absence is never disposal.
            if table == "issued_letters" || !disposed.contains(&(what.to_owned(), id)) {
                problems.push(TamperedRow {
                    table: described,
                    id,
                    reason:
                        "is recorded in the audit trail but is gone, and no disposal certificate lists it: \
                             it was deleted outside the app"
                            .to_owned(),
                });
            }
        }
    }
    let mut emptied = conn.prepare("SELECT id FROM issued_letters WHERE length(pdf) = 0 ORDER BY id")?;
    for id in emptied.query_map([], |row| row.get::<_, i64>(0))? {
        let id = id?;
        if !disposed.contains(&("letter file".to_owned(), id)) {
            problems.push(TamperedRow {
                table: "letter",
                id,
                reason:
                    "has lost its file, and no disposal certificate lists it: it was changed outside the app"
                        .to_owned(),
            });
        }
    }
    Ok(problems)
}

/// Every (what, id) that a disposal certificate lists as removed. A certificate that cannot be
/// read is a finding of its own.
fn listed_rows(
    conn: &Connection,
    problems: &mut Vec<TamperedRow>,
) -> Result<BTreeSet<(String, i64)>, ArchiveError> {
    let mut listed = BTreeSet::new();
    let mut statement = conn.prepare("SELECT id, certificate_json FROM disposals ORDER BY id")?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, json) = row?;
        match serde_json::from_str::<DisposalCertificate>(&json) {
            Ok(certificate) => {
                for removed in certificate.removed {
                    for row_id in removed.ids {
                        listed.insert((removed.what.clone(), row_id));
                    }
                }
            }
            Err(_) => problems.push(TamperedRow {
                table: "disposal certificate",
                id,
                reason: "cannot be read".to_owned(),
            }),
        }
    }
    Ok(listed)
}
