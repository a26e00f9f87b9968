//! Records governance as the archive keeps it: legal holds, reviews that keep records for longer,
//! the board's disposal setting, and the facts each case's retention counts from. Every row is
//! pinned in the audit chain (migration 0010); disposal itself is in `disposal.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use scr_domain::case::RestrictedAnnex;
use scr_domain::framework::DecisionKind;
use scr_domain::retention::certificate::DisposalCertificate;
use scr_domain::retention::hold::LegalHold;
use scr_domain::retention::RecordClass;

use crate::audit::AuditAction;
use crate::audited_rows::AuditedTable;
use crate::{Archive, ArchiveError};

/// A disposal and its certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisposalRecord {
    pub id: i64,
    pub case_id: i64,
    pub reference: String,
    pub class: RecordClass,
    pub certificate: DisposalCertificate,
}

/// The latest finalised decision of a case, for its retention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedFacts {
    /// The decision date the chair gave, when the draft has one.
    pub date: Option<NaiveDate>,
    pub kind: Option<DecisionKind>,
    /// When it was finalised (RFC 3339, UTC).
    pub finalised_at: String,
}

/// What one case's retention counts from, as the archive knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRetentionFacts {
    pub case_id: i64,
    pub reference: String,
    pub opened_at: String,
    /// The latest finalised decision.
    pub decision: Option<DecidedFacts>,
    pub last_letter_at: Option<String>,
    /// From the restricted annex, while it is kept.
    pub date_of_birth: Option<NaiveDate>,
    pub held: bool,
    pub disposed: Vec<RecordClass>,
    pub kept_until: BTreeMap<RecordClass, NaiveDate>,
}

const HOLD_COLUMNS: &str = "h.id, h.case_id, c.reference, h.reason, h.authority, h.placed_at, h.placed_by,
     h.lifted_at, h.lift_reason";

fn hold_from(row: &Row<'_>) -> rusqlite::Result<LegalHold> {
    let placed_at: String = row.get(5)?;
    Ok(LegalHold {
        id: row.get(0)?,
        case_id: row.get(1)?,
        reference: row.get(2)?,
        reason: row.get(3)?,
        authority: row.get(4)?,
        placed_on: scr_domain::clock::date_in_england(&placed_at),
        placed_at,
        placed_by: row.get(6)?,
        lifted_at: row.get(7)?,
        lift_reason: row.get(8)?,
    })
}

/// How a disposed class is named in refusals ("the restricted details of SCR-2016-004 ...").
pub(crate) fn disposed_what(class: RecordClass) -> &'static str {
    match class {
        RecordClass::RestrictedAnnex => "restricted details",
        RecordClass::CaseRecord => "case summary and decisions",
        RecordClass::Letters => "letter files",
        RecordClass::DeliveryLog => "delivery log",
        RecordClass::AuditTrail => "audit trail",
        RecordClass::Backups => "backups",
    }
}

impl Archive {
    /// Places a hold on a case, or on the whole archive when `case_id` is None.
    pub fn place_legal_hold(
        &mut self,
        case_id: Option<i64>,
        reason: &str,
        authority: &str,
    ) -> Result<LegalHold, ArchiveError> {
        if let Some(id) = case_id {
            self.case(id)?;
        }
        let now = self.actor.stamp();
        let by = self.actor.as_str().to_owned();
        let id = self.write_row(
            AuditAction::LegalHoldPlaced,
            AuditedTable::LegalHolds,
            |tx, seq| {
                tx.execute(
                    "INSERT INTO legal_holds (case_id, reason, authority, placed_at, placed_by, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![case_id, reason, authority, now, by, seq],
                )?;
                Ok(tx.last_insert_rowid())
            },
        )?;
        self.legal_hold(id)
    }

    /// Lifts a hold in force, keeping it (with why, when and by whom) in the history.
    pub fn lift_legal_hold(&mut self, id: i64, reason: &str) -> Result<LegalHold, ArchiveError> {
        let hold = self.legal_hold(id)?;
        if hold.lifted_at.is_some() {
            return Err(ArchiveError::NotFound {
                what: "legal hold in force",
                id,
            });
        }
        let now = self.actor.stamp();
        let by = self.actor.as_str().to_owned();
        self.write_row(
            AuditAction::LegalHoldLifted,
            AuditedTable::LegalHolds,
            |tx, seq| {
                tx.execute(
                    "UPDATE legal_holds SET lifted_at = ?1, lift_reason = ?2, lifted_by = ?3, audit_seq = ?4
                 WHERE id = ?5",
                    params![now, reason, by, seq, id],
                )?;
                Ok(id)
            },
        )?;
        self.legal_hold(id)
    }

    pub fn legal_hold(&self, id: i64) -> Result<LegalHold, ArchiveError> {
        self.conn
            .query_row(
                &format!("SELECT {HOLD_COLUMNS} FROM legal_holds h LEFT JOIN cases c ON c.id = h.case_id WHERE h.id = ?1"),
                [id],
                hold_from,
            )
            .optional()?
            .ok_or(ArchiveError::NotFound { what: "legal hold", id })
    }

    /// Every hold, newest first; only those in force when `in_force`.
    pub fn legal_holds(&self, in_force: bool) -> Result<Vec<LegalHold>, ArchiveError> {
        let filter = if in_force { "WHERE h.lifted_at IS NULL" } else { "" };
        let mut statement = self.conn.prepare(&format!(
            "SELECT {HOLD_COLUMNS} FROM legal_holds h LEFT JOIN cases c ON c.id = h.case_id {filter}
             ORDER BY h.id DESC"
        ))?;
        let rows = statement.query_map([], hold_from)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Refuses when a hold in force covers the case (a hold on it, or on the whole archive).
    pub(crate) fn refuse_if_held(&self, case_id: i64, reference: &str) -> Result<(), ArchiveError> {
        let holds: Vec<Option<i64>> = {
            let mut statement = self.conn.prepare(
                "SELECT case_id FROM legal_holds
                 WHERE lifted_at IS NULL AND (case_id IS NULL OR case_id = ?1)",
            )?;
            let rows = statement.query_map([case_id], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        match holds.iter().find(|scope| scope.is_none()) {
            Some(_) => Err(ArchiveError::OnHold { reference: None }),
            None if !holds.is_empty() => Err(ArchiveError::OnHold {
                reference: Some(reference.to_owned()),
            }),
            None => Ok(()),
        }
    }

    /// Records that a review kept a class of a case's records until `kept_until`.
    pub fn record_retention_review(
        &mut self,
        case_id: i64,
        class: RecordClass,
        kept_until: NaiveDate,
        reason: &str,
    ) -> Result<i64, ArchiveError> {
        self.case(case_id)?;
        let now = self.actor.stamp();
        let by = self.actor.as_str().to_owned();
        self.write_row(AuditAction::RetentionReviewed, AuditedTable::RetentionReviews, |tx, seq| {
            tx.execute(
                "INSERT INTO retention_reviews (case_id, class, kept_until, reason, reviewed_at, reviewed_by, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![case_id, class.as_str(), kept_until.to_string(), reason, now, by, seq],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Whether a second person must confirm each disposal (no, until the board says so).
    pub fn second_person_required(&self) -> Result<bool, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                "SELECT second_person_required FROM retention_settings WHERE id = 1",
                [],
                |row| row.get::<_, i64>(0),
            )
            .optional()?
            .is_some_and(|value| value == 1))
    }

    pub fn save_second_person_required(&mut self, required: bool) -> Result<(), ArchiveError> {
        let now = self.actor.stamp();
        self.write_row(
            AuditAction::RetentionSettingsSaved,
            AuditedTable::RetentionSettings,
            |tx, seq| {
                tx.execute(
                    "INSERT INTO retention_settings (id, second_person_required, updated_at, audit_seq)
                 VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET second_person_required = excluded.second_person_required,
                     updated_at = excluded.updated_at, audit_seq = excluded.audit_seq",
                    params![i64::from(required), now, seq],
                )?;
                Ok(1)
            },
        )?;
        Ok(())
    }

    /// The disposals, newest first; only a case's when `case_id` is given.
    pub fn disposals(&self, case_id: Option<i64>) -> Result<Vec<DisposalRecord>, ArchiveError> {
        let rows: Vec<(i64, i64, String, String, String)> = {
            let mut statement = self.conn.prepare(
                "SELECT id, case_id, reference, class, certificate_json FROM disposals
                 WHERE ?1 IS NULL OR case_id = ?1 ORDER BY id DESC",
            )?;
            let rows = statement.query_map([case_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        rows.into_iter()
            .map(|(id, case_id, reference, class, json)| {
                let damaged =
                    |what: &str| ArchiveError::Encoding(format!("disposal {id} is damaged: {what}"));
                Ok(DisposalRecord {
                    id,
                    case_id,
                    reference,
                    class: RecordClass::parse(&class).ok_or_else(|| damaged("unknown class"))?,
                    certificate: serde_json::from_str(&json).map_err(|error| damaged(&error.to_string()))?,
                })
            })
            .collect()
    }

    /// Refuses a change to a class of a case's records that was disposed of.
    pub(crate) fn refuse_if_disposed(&self, case_id: i64, class: RecordClass) -> Result<(), ArchiveError> {
        let reference: Option<String> = self
            .conn
            .query_row(
                "SELECT reference FROM disposals WHERE case_id = ?1 AND class = ?2",
                params![case_id, class.as_str()],
                |row| row.get(0),
            )
            .optional()?;
        match reference {
            Some(reference) => Err(ArchiveError::Disposed {
                reference,
                what: disposed_what(class),
            }),
            None => Ok(()),
        }
    }

    /// Every case's retention facts, in reference order.
    pub fn retention_facts(&self) -> Result<Vec<CaseRetentionFacts>, ArchiveError> {
        let cases: Vec<(i64, String, String, String)> = {
            let mut statement = self
                .conn
                .prepare("SELECT id, reference, created_at, annex_json FROM cases ORDER BY reference")?;
            let rows =
                statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let holds = self.legal_holds(true)?;
        let whole_archive_held = holds.iter().any(|hold| hold.case_id.is_none());
        let disposals = self.disposals(None)?;
        let kept = self.kept_until()?;
        // Each read once for every case (a twenty-year archive has a thousand cases).
        let mut finalised =
            self.latest_of::<i64>("SELECT case_id, max(finalised_at) FROM decisions GROUP BY case_id")?;
        let mut last_letters = self.latest_of::<String>(
            "SELECT reference, max(created_at) FROM issued_letters GROUP BY reference",
        )?;
        let mut latest = self.latest_outlines()?;
        let mut facts = Vec::with_capacity(cases.len());
        for (case_id, reference, opened_at, annex_json) in cases {
            // A damaged annex must not stop the whole list: its date of birth is then unknown,
            // and the birthday rule is left out for the case (the later-of rule still applies).
            let date_of_birth = serde_json::from_str::<RestrictedAnnex>(&annex_json)
                .ok()
                .and_then(|annex| annex.date_of_birth);
            let decision = match (latest.remove(&case_id), finalised.remove(&case_id)) {
                (Some(latest), Some(finalised_at)) => Some(DecidedFacts {
                    date: latest.decision_date,
                    kind: latest.kind(),
                    finalised_at,
                }),
                _ => None,
            };
            let last_letter_at = last_letters.remove(&reference);
            facts.push(CaseRetentionFacts {
                held: whole_archive_held || holds.iter().any(|hold| hold.case_id == Some(case_id)),
                disposed: disposals
                    .iter()
                    .filter(|disposal| disposal.case_id == case_id)
                    .map(|disposal| disposal.class)
                    .collect(),
                kept_until: kept.get(&case_id).cloned().unwrap_or_default(),
                case_id,
                reference,
                opened_at,
                decision,
                last_letter_at,
                date_of_birth,
            });
        }
        Ok(facts)
    }

    /// The latest time in each group of `sql`'s rows (`SELECT key, max(time) … GROUP BY key`),
    /// by key.
    fn latest_of<K>(&self, sql: &str) -> Result<std::collections::HashMap<K, String>, ArchiveError>
    where
        K: rusqlite::types::FromSql + Eq + std::hash::Hash,
    {
        let mut statement = self.conn.prepare(sql)?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, K>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut latest = std::collections::HashMap::new();
        for row in rows {
            if let (key, Some(time)) = row? {
                latest.insert(key, time);
            }
        }
        Ok(latest)
    }

    /// For each case, the latest day a review kept each class until.
    fn kept_until(&self) -> Result<BTreeMap<i64, BTreeMap<RecordClass, NaiveDate>>, ArchiveError> {
        let mut statement = self
            .conn
            .prepare("SELECT case_id, class, kept_until FROM retention_reviews ORDER BY id")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut kept: BTreeMap<i64, BTreeMap<RecordClass, NaiveDate>> = BTreeMap::new();
        for row in rows {
            let (case_id, class, until) = row?;
            let (Some(class), Ok(until)) = (RecordClass::parse(&class), until.parse::<NaiveDate>()) else {
                return Err(ArchiveError::Encoding(format!(
                    "a retention review of case {case_id} is damaged"
                )));
            };
            // The latest review decides, whether it kept the records for longer or not.
            kept.entry(case_id).or_default().insert(class, until);
        }
        Ok(kept)
    }
}
