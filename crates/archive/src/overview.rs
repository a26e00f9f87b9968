//! The whole archive at a glance, for the chair's home page and the QM3 report: every case's
//! latest decision, every letter's facts (never its PDF) and every delivery's status, each read in
//! one statement so that twenty years of cases stay quick.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use scr_domain::finalise::FinalisedDecision;

use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};

use crate::database::unknown_name;
use crate::{Archive, ArchiveError};

/// An issued letter's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterOverview {
    pub id: i64,
    pub reference: String,
    pub kind: String,
    /// A member's id, or "circular".
    pub recipient: String,
    pub created_at: String,
}

/// Where one (letter, member) pair stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOverview {
    pub reference: String,
    pub letter_id: i64,
    pub member_id: i64,
    pub channel: DeliveryChannel,
    pub status: DeliveryStatus,
    pub updated_at: String,
    pub sent_at: Option<String>,
}

impl Archive {
    /// Every issued letter's facts, oldest first, read from the covering index (migration 0009).
    pub fn letters_overview(&self) -> Result<Vec<LetterOverview>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT id, reference, kind, recipient, created_at
             FROM issued_letters INDEXED BY issued_letters_overview",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(LetterOverview {
                id: row.get(0)?,
                reference: row.get(1)?,
                kind: row.get(2)?,
                recipient: row.get(3)?,
                created_at: row.get(4)?,
            })
        })?;
        let mut letters = rows.collect::<Result<Vec<_>, _>>()?;
        letters.sort_unstable_by_key(|l| l.id);
        Ok(letters)
    }

    /// Every delivery's status.
    pub fn deliveries_overview(&self) -> Result<Vec<DeliveryOverview>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT reference, letter_id, member_id, channel, status, updated_at, sent_at FROM deliveries",
        )?;
        let rows = statement.query_map([], |row| {
            let channel: String = row.get(3)?;
            let status: String = row.get(4)?;
            Ok(DeliveryOverview {
                reference: row.get(0)?,
                letter_id: row.get(1)?,
                member_id: row.get(2)?,
                channel: DeliveryChannel::parse(&channel)
                    .ok_or_else(|| unknown_name(3, &channel, "delivery channel"))?,
                status: DeliveryStatus::parse(&status)
                    .ok_or_else(|| unknown_name(4, &status, "delivery state"))?,
                updated_at: row.get(5)?,
                sent_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest acknowledgement date ("YYYY-MM-DD") of each member, by reference.
    pub fn latest_acknowledgements(&self) -> Result<HashMap<(String, i64), String>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT reference, member_id, max(acknowledged_on) FROM acknowledgements
             GROUP BY reference, member_id",
        )?;
        let rows = statement.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each case's latest finalised decision, by case id. A decision's row never changes once
    /// written (migration 0003's triggers refuse it), so one read and checked against its hash
    /// is kept and given again: the home page and the cases list ask for all of them on every
    /// visit, and reading a thousand decisions' text again was most of their time.
    pub fn latest_decisions(&self) -> Result<HashMap<i64, Arc<FinalisedDecision>>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT d.case_id, d.id FROM decisions d
             WHERE d.version = (SELECT max(version) FROM decisions e WHERE e.case_id = d.case_id)",
        )?;
        let latest = statement
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = HashMap::with_capacity(latest.len());
        for (case_id, decision_id) in latest {
            out.insert(
                case_id,
                self.decisions_read
                    .get_or_read(decision_id, |id| self.decision_row(id))?,
            );
        }
        Ok(out)
    }

    fn decision_row(&self, decision_id: i64) -> Result<FinalisedDecision, ArchiveError> {
        let (canonical, hash): (String, String) = self.conn.query_row(
            "SELECT canonical, content_hash FROM decisions WHERE id = ?1",
            [decision_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        FinalisedDecision::from_stored(canonical, &hash)
            .map_err(|error| ArchiveError::Encoding(format!("a stored decision is damaged: {error}")))
    }
}

/// The finalised decisions this archive has read and checked, by row id. Only a disposal
/// deletes decisions (and a deleted row's id may be given again), so it forgets them all.
#[derive(Default)]
pub(crate) struct DecisionsRead(RefCell<HashMap<i64, Arc<FinalisedDecision>>>);

impl DecisionsRead {
    fn get_or_read(
        &self,
        decision_id: i64,
        read: impl FnOnce(i64) -> Result<FinalisedDecision, ArchiveError>,
    ) -> Result<Arc<FinalisedDecision>, ArchiveError> {
        if let Some(decision) = self.0.borrow().get(&decision_id) {
            return Ok(Arc::clone(decision));
        }
        let decision = Arc::new(read(decision_id)?);
        self.0.borrow_mut().insert(decision_id, Arc::clone(&decision));
        Ok(decision)
    }

    pub(crate) fn forget_all(&self) {
        self.0.borrow_mut().clear();
    }
}
