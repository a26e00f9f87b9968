//! The whole archive at a glance, for the chair's home page and the QM3 report: every case's
//! latest decision, every letter's facts (never its PDF) and every delivery's status, each read in
//! one statement so that twenty years of cases stay quick.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use scr_domain::finalise::FinalisedDecision;

use chrono::{DateTime, NaiveDate, Utc};
use scr_domain::clock::{date_in_england, parse_stamp};
use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};
use scr_domain::letter_kind::LetterKind;

use crate::database::unknown_name;
use crate::{Archive, ArchiveError};

/// An issued letter's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterOverview {
    pub id: i64,
    pub kind: LetterKind,
    /// The day it was issued, in England.
    pub issued_on: NaiveDate,
}

/// Where one (letter, member) pair stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOverview {
    pub letter_id: i64,
    pub member_id: i64,
    pub channel: DeliveryChannel,
    pub status: DeliveryStatus,
    /// When the pair last changed (none when the stored time cannot be read).
    pub updated_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Rows by case reference. Twenty years of cases have tens of thousands of letters and
/// deliveries in a thousand cases, so a reference is copied once per case, not once per row.
pub type ByReference<T> = HashMap<String, Vec<T>>;

/// The value kept for `reference`, added empty the first time (its key copied only then).
fn of_reference<'map, V: Default>(map: &'map mut HashMap<String, V>, reference: &str) -> &'map mut V {
    if !map.contains_key(reference) {
        map.insert(reference.to_owned(), V::default());
    }
    map.get_mut(reference).expect("the entry was just added")
}

fn text<'row>(row: &'row rusqlite::Row<'_>, column: usize) -> rusqlite::Result<&'row str> {
    row.get_ref(column)?.as_str().map_err(rusqlite::Error::from)
}

impl Archive {
    /// Every issued letter's facts by case reference, oldest first, read from the covering
    /// index (migration 0009). A letter of a kind or time this version cannot read is left out.
    pub fn letters_overview(&self) -> Result<ByReference<LetterOverview>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT id, reference, kind, created_at
             FROM issued_letters INDEXED BY issued_letters_overview",
        )?;
        let mut rows = statement.query([])?;
        let mut out = ByReference::new();
        while let Some(row) = rows.next()? {
            let (Some(kind), Some(issued_on)) =
                (LetterKind::parse(text(row, 2)?), date_in_england(text(row, 3)?))
            else {
                continue;
            };
            let letter = LetterOverview {
                id: row.get(0)?,
                kind,
                issued_on,
            };
            of_reference(&mut out, text(row, 1)?).push(letter);
        }
        for letters in out.values_mut() {
            letters.sort_unstable_by_key(|l| l.id);
        }
        Ok(out)
    }

    /// Every delivery's status, by case reference.
    pub fn deliveries_overview(&self) -> Result<ByReference<DeliveryOverview>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT reference, letter_id, member_id, channel, status, updated_at, sent_at FROM deliveries",
        )?;
        let mut rows = statement.query([])?;
        let mut out = ByReference::new();
        while let Some(row) = rows.next()? {
            let channel = text(row, 3)?;
            let status = text(row, 4)?;
            let delivery = DeliveryOverview {
                letter_id: row.get(1)?,
                member_id: row.get(2)?,
                channel: DeliveryChannel::parse(channel)
                    .ok_or_else(|| unknown_name(3, channel, "delivery channel"))?,
                status: DeliveryStatus::parse(status)
                    .ok_or_else(|| unknown_name(4, status, "delivery state"))?,
                updated_at: parse_stamp(text(row, 5)?),
                sent_at: row
                    .get_ref(6)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?
                    .and_then(parse_stamp),
            };
            of_reference(&mut out, text(row, 0)?).push(delivery);
        }
        Ok(out)
    }

    /// The latest acknowledgement date of each member, by reference (a date that cannot be
    /// read is left out).
    pub fn latest_acknowledgements(&self) -> Result<HashMap<String, HashMap<i64, NaiveDate>>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT reference, member_id, max(acknowledged_on) FROM acknowledgements
             GROUP BY reference, member_id",
        )?;
        let mut rows = statement.query([])?;
        let mut out: HashMap<String, HashMap<i64, NaiveDate>> = HashMap::new();
        while let Some(row) = rows.next()? {
            let Ok(on) = NaiveDate::parse_from_str(text(row, 2)?, "%Y-%m-%d") else {
                continue;
            };
            let member: i64 = row.get(1)?;
            of_reference(&mut out, text(row, 0)?).insert(member, on);
        }
        Ok(out)
    }

    /// Gives back the memory held for what has been read: the pages SQLite has read and
    /// decrypted (up to the page cache's limit, 24 MiB) and the finalised decisions read (about
    /// 14 MB on a twenty-year archive: a thousand rationales, read and parsed), for an archive
    /// left open while the app is not in use. Both are read again when next needed.
    pub fn release_what_was_read(&self) -> Result<(), ArchiveError> {
        self.decisions_read.forget_all();
        self.conn.execute_batch("PRAGMA shrink_memory;")?;
        Ok(())
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
        // A new map, not `clear`: a cleared map keeps its table's memory.
        self.0.replace(HashMap::new());
    }
}
