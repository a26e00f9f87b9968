//! Disposal with proof. One class of one case's records is removed in one transaction that first
//! records the disposal's certificate (the row the triggers of migration 0010 look for before they
//! let a decision, a letter's file or the delivery log go), then removes exactly the rows the
//! certificate lists, then appends the audit event that pins the certificate. SQLite's
//! `secure_delete` (set on every connection, database.rs) overwrites freed space with zeros; after
//! the commit the file is rebuilt with VACUUM and its write-ahead log emptied, so that no free page
//! and no log frame keeps what was removed. A crash between the two leaves a flag that the next
//! open acts on.

use std::fs;
use std::path::Path;

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use scr_domain::letter_kind::{LetterKind, Recipient};
use scr_domain::retention::certificate::{
    Authorisation, BackupBefore, DecisionFingerprint, DisposalCertificate, LetterFingerprint, RemovedRows,
    RuleApplied, SecondPerson, CERTIFICATE_FORMAT, ERASURE,
};
use scr_domain::retention::RecordClass;

use crate::archive::{get_meta, set_meta, BACKUPS_DIR};
use crate::audit::AuditAction;
use crate::audited_rows::{self, AuditedTable};
use crate::database::unknown_name;
use crate::retention::{disposed_what, DisposalRecord};
use crate::{Archive, ArchiveError};

/// `archive_meta` key: the disposal whose freed pages have not been erased by a VACUUM yet.
const ERASURE_PENDING: &str = "erasure_pending";

/// How many entries of the backups folder are looked at: it holds a handful of files.
const MAX_BACKUP_FOLDER_ENTRIES: usize = 4096;

/// What the desk asks the archive to dispose of, and on whose authority.
#[derive(Debug, Clone)]
pub struct DisposalOrder {
    pub case_id: i64,
    pub class: RecordClass,
    pub rule: RuleApplied,
    pub chair: String,
    pub second_person: Option<SecondPerson>,
}

/// What a disposal would remove and keep, for the page where the chair confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisposalScope {
    pub reference: String,
    pub class: RecordClass,
    pub removed: Vec<RemovedRows>,
    pub letters: Vec<LetterFingerprint>,
    pub decisions: Vec<DecisionFingerprint>,
    pub backups_before: Vec<BackupBefore>,
}

/// What the rebuild after a disposal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErasureReport {
    pub pages_before: i64,
    pub free_pages_before: i64,
    pub pages_after: i64,
    /// The write-ahead log was folded into the file and emptied before the rebuild.
    pub log_emptied: bool,
}

impl Archive {
    /// What disposing of `class` of a case would remove, without removing anything.
    pub fn disposal_scope(&self, case_id: i64, class: RecordClass) -> Result<DisposalScope, ArchiveError> {
        let reference = self.case(case_id)?.reference;
        let (removed, letters, decisions) = scope(&self.conn, case_id, &reference, class)?;
        Ok(DisposalScope {
            reference,
            class,
            removed,
            letters,
            decisions,
            backups_before: self.backups_before()?,
        })
    }

    /// Disposes of one class of a case's records (see the module's notes), then erases the freed
    /// pages. Refused while a hold covers the case, when the class was disposed of already, and
    /// out of order (the restricted details first, the case record last).
    pub fn dispose(&mut self, order: DisposalOrder) -> Result<DisposalRecord, ArchiveError> {
        let case_id = order.case_id;
        let class = order.class;
        if let Some(refusal) = self.disposal_refusal(case_id, class)? {
            return Err(refusal);
        }
        let reference = self.case(case_id)?.reference;
        // Disposing of a case record deletes its decisions: none read before may be given again.
        self.decisions_read.forget_all();
        let backups_before = self.backups_before()?;
        let now = self.actor.stamp();
        let account = self.actor.as_str().to_owned();
        let tx = self.conn.transaction()?;
        let seq = audited_rows::next_seq(&tx)?;
        let number: i64 = tx.query_row("SELECT IFNULL(MAX(id), 0) + 1 FROM disposals", [], |row| {
            row.get(0)
        })?;
        let (removed, letters, decisions) = scope(&tx, case_id, &reference, class)?;
        let certificate = DisposalCertificate {
            format: CERTIFICATE_FORMAT.to_owned(),
            number,
            reference: reference.clone(),
            class,
            class_label: class.label().to_owned(),
            disposed_at: now.clone(),
            rule: order.rule,
            authorised_by: Authorisation {
                chair: order.chair,
                account,
                second_person: order.second_person,
            },
            removed,
            letters,
            decisions,
            backups_before,
            erasure: ERASURE.to_owned(),
        };
        let json =
            serde_json::to_string(&certificate).map_err(|error| ArchiveError::Encoding(error.to_string()))?;
        // The certificate first: it is what lets the triggers allow the removals below.
        tx.execute(
            "INSERT INTO disposals (id, case_id, reference, class, certificate_json, disposed_at, audit_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![number, case_id, reference, class.as_str(), json, now, seq],
        )?;
        remove(&tx, case_id, &reference, class)?;
        set_meta(&tx, ERASURE_PENDING, &number.to_string())?;
        audited_rows::seal(
            &tx,
            &self.actor,
            AuditAction::RecordsDisposed,
            AuditedTable::Disposals,
            number,
        )?;
        tx.commit()?;
        self.note_head();
        self.erase_freed_pages()?;
        Ok(DisposalRecord {
            id: number,
            case_id,
            reference,
            class,
            certificate,
        })
    }

    /// Why `class` of a case cannot be disposed of now, if it cannot: it is per case only, once
    /// only, never under a hold, and in order (the restricted details first, the case record
    /// last). The schedule's dates are the desk's to judge.
    pub fn disposal_refusal(
        &self,
        case_id: i64,
        class: RecordClass,
    ) -> Result<Option<ArchiveError>, ArchiveError> {
        let reference = self.case(case_id)?.reference;
        if !class.is_per_case() {
            return Ok(Some(ArchiveError::Encoding(format!(
                "{} are not disposed of case by case",
                class.as_str()
            ))));
        }
        if let Err(refusal) = self.refuse_if_disposed(case_id, class) {
            return Ok(Some(refusal));
        }
        if let Err(refusal) = self.refuse_if_held(case_id, &reference) {
            return Ok(Some(refusal));
        }
        for earlier in earlier_classes(class) {
            if self.refuse_if_disposed(case_id, *earlier).is_ok() {
                return Ok(Some(ArchiveError::DisposeFirst {
                    reference,
                    what: disposed_what(*earlier),
                }));
            }
        }
        Ok(None)
    }

    /// Rebuilds the file after a disposal (see the module's notes) and records that it did. Does
    /// nothing when no disposal is waiting for it.
    pub(crate) fn erase_freed_pages(&mut self) -> Result<Option<ErasureReport>, ArchiveError> {
        let Some(disposal) = get_meta(&self.conn, ERASURE_PENDING)? else {
            return Ok(None);
        };
        let count = |conn: &Connection, pragma: &str| -> Result<i64, ArchiveError> {
            Ok(conn.query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0))?)
        };
        let pages_before = count(&self.conn, "page_count")?;
        let free_pages_before = count(&self.conn, "freelist_count")?;
        let log_emptied = checkpoint(&self.conn)?;
        self.conn.execute_batch("VACUUM;")?;
        let report = ErasureReport {
            pages_before,
            free_pages_before,
            pages_after: count(&self.conn, "page_count")?,
            log_emptied,
        };
        let payload = serde_json::json!({ "disposal": disposal, "erasure": report });
        self.write(AuditAction::ArchiveVacuumed, "archive", &payload, |tx| {
            tx.execute("DELETE FROM archive_meta WHERE key = ?1", [ERASURE_PENDING])?;
            Ok(())
        })?;
        // The frames just written hold only the rebuilt pages; fold them in too.
        checkpoint(&self.conn)?;
        Ok(Some(report))
    }

    /// The backups made before now, which still hold whatever is disposed of from now on: those
    /// made on request (and where, when recorded), and the automatic ones in the backups folder.
    pub fn backups_before(&self) -> Result<Vec<BackupBefore>, ArchiveError> {
        let mut backups = Vec::new();
        let recorded: Vec<(String, String)> = {
            let mut statement = self
                .conn
                .prepare("SELECT made_at, location FROM backups_made ORDER BY id")?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (made_at, location) in recorded {
            let present = Path::new(&location).symlink_metadata().is_ok();
            backups.push(BackupBefore {
                made_at,
                location: Some(location),
                still_present: Some(present),
            });
        }
        // Backups made before the archive recorded where they went: the trail has their time.
        let unrecorded: Vec<String> = {
            let mut statement = self.conn.prepare(
                "SELECT at FROM audit_events
                 WHERE action = ?1 AND seq NOT IN (SELECT audit_seq FROM backups_made) ORDER BY seq",
            )?;
            let rows = statement.query_map([AuditAction::BackupMade.as_str()], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        backups.extend(unrecorded.into_iter().map(|made_at| BackupBefore {
            made_at,
            location: None,
            still_present: None,
        }));
        backups.extend(automatic_backups(&self.dir.join(BACKUPS_DIR)));
        backups.sort_by(|a, b| a.made_at.cmp(&b.made_at));
        Ok(backups)
    }
}

/// The classes that must be gone before `class` may go: the restricted details before anything
/// else; the case record after everything else.
fn earlier_classes(class: RecordClass) -> &'static [RecordClass] {
    match class {
        RecordClass::RestrictedAnnex => &[],
        RecordClass::Letters | RecordClass::DeliveryLog => &[RecordClass::RestrictedAnnex],
        _ => &[
            RecordClass::RestrictedAnnex,
            RecordClass::Letters,
            RecordClass::DeliveryLog,
        ],
    }
}

type Scope = (Vec<RemovedRows>, Vec<LetterFingerprint>, Vec<DecisionFingerprint>);

fn scope(
    conn: &Connection,
    case_id: i64,
    reference: &str,
    class: RecordClass,
) -> Result<Scope, ArchiveError> {
    let ids = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<Vec<i64>, ArchiveError> {
        let mut statement = conn.prepare(sql)?;
        let rows = statement.query_map([key], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let rows = |what: &str, ids: Vec<i64>| RemovedRows {
        what: what.to_owned(),
        count: ids.len() as u64,
        ids,
    };
    let mut letters = Vec::new();
    let mut decisions = Vec::new();
    let removed = match class {
        RecordClass::RestrictedAnnex => vec![
            rows("restricted details", vec![case_id]),
            rows(
                "annex override",
                ids(
                    "SELECT id FROM annex_overrides WHERE case_id = ?1 ORDER BY id",
                    &case_id,
                )?,
            ),
        ],
        RecordClass::CaseRecord => {
            let mut statement = conn.prepare(
                "SELECT id, version, content_hash FROM decisions WHERE case_id = ?1 ORDER BY version",
            )?;
            let found = statement.query_map([case_id], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, u32>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?;
            let mut decision_ids = Vec::new();
            for row in found {
                let (id, version, content_hash) = row?;
                decision_ids.push(id);
                decisions.push(DecisionFingerprint {
                    version,
                    content_hash,
                });
            }
            vec![
                rows("case summary and draft", vec![case_id]),
                rows("finalised decision", decision_ids),
            ]
        }
        RecordClass::Letters => {
            let mut statement = conn.prepare(
                "SELECT id, kind, recipient, sha256, created_at FROM issued_letters
                 WHERE reference = ?1 AND length(pdf) > 0 ORDER BY id",
            )?;
            let found = statement.query_map([reference], |row| {
                let kind: String = row.get(1)?;
                let recipient: String = row.get(2)?;
                Ok(LetterFingerprint {
                    letter_id: row.get(0)?,
                    kind: LetterKind::parse(&kind).ok_or_else(|| unknown_name(1, &kind, "kind of letter"))?,
                    recipient: Recipient::parse(&recipient)
                        .ok_or_else(|| unknown_name(2, &recipient, "letter's recipient"))?,
                    sha256: row.get(3)?,
                    issued_at: row.get(4)?,
                })
            })?;
            letters = found.collect::<Result<Vec<_>, _>>()?;
            vec![rows(
                "letter file",
                letters.iter().map(|letter| letter.letter_id).collect(),
            )]
        }
        RecordClass::DeliveryLog => vec![
            rows(
                "reminder",
                ids(
                    "SELECT id FROM reminders WHERE reference = ?1 ORDER BY id",
                    &reference,
                )?,
            ),
            rows(
                "acknowledgement",
                ids(
                    "SELECT id FROM acknowledgements WHERE reference = ?1 ORDER BY id",
                    &reference,
                )?,
            ),
            rows(
                "delivery",
                ids(
                    "SELECT id FROM deliveries WHERE reference = ?1 ORDER BY id",
                    &reference,
                )?,
            ),
        ],
        RecordClass::AuditTrail | RecordClass::Backups => Vec::new(),
    };
    Ok((removed, letters, decisions))
}

/// Removes what [`scope`] listed, inside the disposal's transaction.
fn remove(
    tx: &Transaction<'_>,
    case_id: i64,
    reference: &str,
    class: RecordClass,
) -> Result<(), ArchiveError> {
    match class {
        RecordClass::RestrictedAnnex => {
            // The annex overrides name annex terms: they are annex content too.
            tx.execute("DELETE FROM annex_overrides WHERE case_id = ?1", [case_id])?;
            tx.execute("UPDATE cases SET annex_json = '{}' WHERE id = ?1", [case_id])?;
        }
        RecordClass::CaseRecord => {
            tx.execute("DELETE FROM decisions WHERE case_id = ?1", [case_id])?;
            // The row stays with its reference, so that the number is never given to another case.
            let summary = serde_json::json!({ "reference": reference }).to_string();
            tx.execute(
                "UPDATE cases SET summary_json = ?1, pseudonym = '', draft_json = NULL WHERE id = ?2",
                params![summary, case_id],
            )?;
        }
        RecordClass::Letters => {
            tx.execute(
                "UPDATE issued_letters SET pdf = X'' WHERE reference = ?1 AND length(pdf) > 0",
                [reference],
            )?;
        }
        RecordClass::DeliveryLog => {
            for table in ["reminders", "acknowledgements", "deliveries"] {
                tx.execute(&format!("DELETE FROM {table} WHERE reference = ?1"), [reference])?;
            }
        }
        RecordClass::AuditTrail | RecordClass::Backups => {}
    }
    Ok(())
}

/// Folds the write-ahead log into the file and truncates it; false if a reader kept it busy.
fn checkpoint(conn: &Connection) -> Result<bool, ArchiveError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    Ok(busy == 0)
}

/// The backup files in the archive's own backups folder (made before a migration or a new key),
/// dated by when they were last written. Links are not followed; the listing is bounded.
fn automatic_backups(folder: &Path) -> Vec<BackupBefore> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .take(MAX_BACKUP_FOLDER_ENTRIES)
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".scrbackup"))
        .filter_map(|entry| {
            let meta = entry
                .path()
                .symlink_metadata()
                .ok()
                .filter(fs::Metadata::is_file)?;
            let made = chrono::DateTime::<chrono::Utc>::from(meta.modified().ok()?);
            Some(BackupBefore {
                made_at: scr_domain::clock::stamp(made),
                location: Some(entry.path().display().to_string()),
                still_present: Some(true),
            })
        })
        .collect()
}
