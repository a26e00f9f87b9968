//! The review's milestones as recorded (migration 0009): each recording, correction and
//! withdrawal is a new row, pinned in the audit chain; nothing is changed or deleted.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use scr_domain::framework::CaseEvent;
use scr_domain::milestones::Milestone;

use crate::audit::AuditAction;
use crate::audited_rows::AuditedTable;
use crate::{Archive, ArchiveError};

/// One row: a milestone recorded, or a correction of one (with its reason), or a withdrawal
/// (no date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneRecord {
    pub id: i64,
    pub case_id: i64,
    pub event: CaseEvent,
    pub notification_id: Option<String>,
    /// None: the milestone it replaces was withdrawn (recorded in error).
    pub date: Option<NaiveDate>,
    pub replaces: Option<i64>,
    pub reason: Option<String>,
    pub recorded_at: String,
}

fn event_name(event: CaseEvent) -> Result<String, ArchiveError> {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        _ => Err(ArchiveError::Encoding(format!("{event:?} has no stored name"))),
    }
}

fn record_from(row: &Row<'_>) -> rusqlite::Result<Result<MilestoneRecord, ArchiveError>> {
    let event: String = row.get(2)?;
    let notification: String = row.get(3)?;
    let date: Option<String> = row.get(4)?;
    let parsed = (|| {
        let event: CaseEvent = serde_json::from_value(serde_json::Value::String(event))
            .map_err(|error| ArchiveError::Encoding(format!("a milestone's event is damaged: {error}")))?;
        let date = date
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            .transpose()
            .map_err(|error| ArchiveError::Encoding(format!("a milestone's date is damaged: {error}")))?;
        Ok((event, date))
    })();
    Ok(match parsed {
        Ok((event, date)) => Ok(MilestoneRecord {
            id: row.get(0)?,
            case_id: row.get(1)?,
            event,
            notification_id: Some(notification).filter(|n| !n.is_empty()),
            date,
            replaces: row.get(5)?,
            reason: row.get(6)?,
            recorded_at: row.get(7)?,
        }),
        Err(error) => Err(error),
    })
}

const COLUMNS: &str = "id, case_id, event, notification_id, date, replaces, reason, recorded_at";

/// The milestones in force from a case's rows: the last of each line of corrections, unless it
/// withdrew the milestone.
fn in_force(records: &[MilestoneRecord]) -> Vec<Milestone> {
    let replaced: std::collections::HashSet<i64> = records.iter().filter_map(|r| r.replaces).collect();
    records
        .iter()
        .filter(|r| !replaced.contains(&r.id))
        .filter_map(|r| {
            Some(Milestone {
                event: r.event,
                notification_id: r.notification_id.clone(),
                date: r.date?,
            })
        })
        .collect()
}

impl Archive {
    /// Every row of a case's milestones, oldest first: the history the case page shows.
    pub fn milestone_history(&self, case_id: i64) -> Result<Vec<MilestoneRecord>, ArchiveError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM case_milestones WHERE case_id = ?1 ORDER BY id"
        ))?;
        let rows = statement.query_map([case_id], record_from)?;
        rows.map(|row| row?).collect()
    }

    /// The milestones in force on a case.
    pub fn milestones(&self, case_id: i64) -> Result<Vec<Milestone>, ArchiveError> {
        Ok(in_force(&self.milestone_history(case_id)?))
    }

    /// The milestones in force on every case, by case id (the home page and the report).
    pub fn all_milestones(&self) -> Result<HashMap<i64, Vec<Milestone>>, ArchiveError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM case_milestones ORDER BY id"))?;
        let rows = statement.query_map([], record_from)?;
        let mut by_case: HashMap<i64, Vec<MilestoneRecord>> = HashMap::new();
        for row in rows {
            let record = row??;
            by_case.entry(record.case_id).or_default().push(record);
        }
        Ok(by_case
            .into_iter()
            .map(|(case, records)| (case, in_force(&records)))
            .collect())
    }

    /// Records a milestone (the caller has checked it against the case and the framework).
    pub fn record_milestone(
        &mut self,
        case_id: i64,
        milestone: &Milestone,
    ) -> Result<MilestoneRecord, ArchiveError> {
        self.case(case_id)?;
        let id = self.write_milestone(
            AuditAction::MilestoneRecorded,
            case_id,
            milestone.event,
            milestone.notification_id.as_deref(),
            Some(milestone.date),
            None,
        )?;
        self.milestone_row(id)
    }

    /// Corrects the milestone row `replaces` (which must be in force on the case) to `date`, or
    /// withdraws it with `None`, for the reason given.
    pub fn correct_milestone(
        &mut self,
        case_id: i64,
        replaces: i64,
        date: Option<NaiveDate>,
        reason: &str,
    ) -> Result<MilestoneRecord, ArchiveError> {
        let history = self.milestone_history(case_id)?;
        let current = history
            .iter()
            .find(|r| r.id == replaces && r.date.is_some())
            .filter(|r| !history.iter().any(|later| later.replaces == Some(r.id)))
            .ok_or(ArchiveError::NotFound {
                what: "milestone in force",
                id: replaces,
            })?
            .clone();
        let id = self.write_milestone(
            AuditAction::MilestoneCorrected,
            case_id,
            current.event,
            current.notification_id.as_deref(),
            date,
            Some((replaces, reason)),
        )?;
        self.milestone_row(id)
    }

    fn milestone_row(&self, id: i64) -> Result<MilestoneRecord, ArchiveError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM case_milestones WHERE id = ?1"),
                [id],
                record_from,
            )
            .optional()?
            .ok_or(ArchiveError::NotFound {
                what: "milestone",
                id,
            })?
    }

    fn write_milestone(
        &mut self,
        action: AuditAction,
        case_id: i64,
        event: CaseEvent,
        notification_id: Option<&str>,
        date: Option<NaiveDate>,
        correction: Option<(i64, &str)>,
    ) -> Result<i64, ArchiveError> {
        let event = event_name(event)?;
        let now = self.actor.stamp();
        self.write_row(action, AuditedTable::Milestones, |tx, seq| {
            tx.execute(
                "INSERT INTO case_milestones
                   (case_id, event, notification_id, date, replaces, reason, recorded_at, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    case_id,
                    event,
                    notification_id.unwrap_or(""),
                    date.map(|d| d.to_string()),
                    correction.map(|(id, _)| id),
                    correction.map(|(_, reason)| reason),
                    now,
                    seq
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }
}

#[cfg(test)]
mod tests;
