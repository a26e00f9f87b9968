//! The whole archive at a glance, for the chair's home page and the QM3 report: every case's
//! latest decision, every letter's facts (never its PDF) and every delivery's status, each read in
//! one statement so that twenty years of cases stay quick.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use scr_domain::finalise::DecisionOutline;

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
        // In the index's order, so each case's letters come together and its reference is looked
        // up once, not once a letter; the letters of one issue share their time, read once.
        let mut statement = self.conn.prepare(
            "SELECT id, reference, kind, created_at
             FROM issued_letters INDEXED BY issued_letters_overview
             ORDER BY reference, kind, created_at",
        )?;
        let mut rows = statement.query([])?;
        let mut out = ByReference::new();
        let mut case: Option<(String, Vec<LetterOverview>)> = None;
        let mut last_time = (String::new(), None);
        while let Some(row) = rows.next()? {
            let (reference, stamp) = (text(row, 1)?, text(row, 3)?);
            if last_time.0 != stamp {
                last_time = (stamp.to_owned(), date_in_england(stamp));
            }
            let (Some(kind), Some(issued_on)) = (LetterKind::parse(text(row, 2)?), last_time.1) else {
                continue;
            };
            if case.as_ref().is_none_or(|(current, _)| current != reference) {
                out.extend(case.replace((reference.to_owned(), Vec::new())));
            }
            if let Some((_, letters)) = case.as_mut() {
                letters.push(LetterOverview {
                    id: row.get(0)?,
                    kind,
                    issued_on,
                });
            }
        }
        out.extend(case);
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
    /// decrypted (up to the page cache's limit, 24 MiB) and the outlines of the finalised
    /// decisions read, for an archive left open while the app is not in use. Both are read again
    /// when next needed.
    pub fn release_what_was_read(&self) -> Result<(), ArchiveError> {
        self.decisions_read.forget_all();
        self.conn.execute_batch("PRAGMA shrink_memory;")?;
        Ok(())
    }

    /// The outline of each case's latest finalised decision, by case id. A decision's row never
    /// changes once written (migration 0003's triggers refuse it), so one read and checked against
    /// its hash is kept and given again: the home page and the cases list ask for all of them on
    /// every visit.
    pub fn latest_outlines(&self) -> Result<HashMap<i64, Arc<DecisionOutline>>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT d.case_id, d.id FROM decisions d
             WHERE d.version = (SELECT max(version) FROM decisions e WHERE e.case_id = d.case_id)",
        )?;
        let latest = statement
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        // Prepared once for all of them: preparing it a thousand times took longer than reading.
        let mut stored = self
            .conn
            .prepare("SELECT canonical, content_hash FROM decisions WHERE id = ?1")?;
        let mut out = HashMap::with_capacity(latest.len());
        for (case_id, decision_id) in latest {
            let outline = self.decisions_read.get_or_read(decision_id, |id| {
                stored
                    .query_row([id], |row| {
                        Ok(DecisionOutline::from_stored(text(row, 0)?, text(row, 1)?))
                    })?
                    .map_err(|error| ArchiveError::Encoding(format!("a stored decision is damaged: {error}")))
            })?;
            out.insert(case_id, outline);
        }
        Ok(out)
    }
}

/// The outlines of the finalised decisions this archive has read and checked, by row id. Only a disposal
/// deletes decisions (and a deleted row's id may be given again), so it forgets them all.
#[derive(Default)]
pub(crate) struct DecisionsRead(RefCell<HashMap<i64, Arc<DecisionOutline>>>);

impl DecisionsRead {
    fn get_or_read(
        &self,
        decision_id: i64,
        read: impl FnOnce(i64) -> Result<DecisionOutline, ArchiveError>,
    ) -> Result<Arc<DecisionOutline>, ArchiveError> {
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
