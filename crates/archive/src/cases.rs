//! Cases and their decisions, as the archive keeps them. The restricted annex is stored in the
//! same encrypted database, but only [`Archive::read_annex`] returns it, and every read is audited.

use rusqlite::{params, OptionalExtension, Row};
use scr_domain::case::{next_reference, CaseSummary, RestrictedAnnex};
use scr_domain::decision::DecisionDraft;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::retention::RecordClass;
use serde::Serialize;

use crate::audit::AuditAction;
use crate::{Archive, ArchiveError};

/// A case with what the board may see and the draft in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    pub id: i64,
    pub reference: String,
    pub summary: CaseSummary,
    pub draft: Option<DecisionDraft>,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the cases list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseListItem {
    pub id: i64,
    pub reference: String,
    pub pseudonym: String,
    pub updated_at: String,
    /// The latest finalised version, if any.
    pub decision_version: Option<u32>,
}

impl Archive {
    /// Opens a case under the next free reference for `year` in the board's `pattern`.
    pub fn create_case(
        &mut self,
        pattern: &str,
        year: i32,
        summary: &CaseSummary,
        annex: &RestrictedAnnex,
    ) -> Result<CaseRecord, ArchiveError> {
        let existing: Vec<String> = {
            let mut statement = self.conn.prepare("SELECT reference FROM cases")?;
            let rows = statement.query_map([], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let reference = next_reference(pattern, year, existing.iter().map(String::as_str))
            .map_err(|error| ArchiveError::Encoding(error.to_string()))?;
        let mut summary = summary.clone();
        summary.reference = Some(reference.clone());
        let now = self.actor.stamp();
        let id = self.write(
            AuditAction::CaseOpened,
            &format!("case:{reference}"),
            &summary,
            |tx| {
                tx.execute(
                "INSERT INTO cases (reference, pseudonym, summary_json, annex_json, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    reference,
                    summary.pseudonym.clone().unwrap_or_default(),
                    to_json(&summary)?,
                    to_json(annex)?,
                    now
                ],
            )?;
                Ok(tx.last_insert_rowid())
            },
        )?;
        self.case(id)
    }

    pub fn case(&self, id: i64) -> Result<CaseRecord, ArchiveError> {
        self.conn
            .query_row(
                "SELECT id, reference, summary_json, draft_json, created_at, updated_at FROM cases WHERE id = ?1",
                [id],
                case_from_row,
            )
            .optional()?
            .ok_or(ArchiveError::NotFound { what: "case", id })?
    }

    /// Every case's record, by id, in one statement (the home page, the report and the cases list
    /// read them all at once rather than a query per case).
    pub fn case_records(&self) -> Result<std::collections::HashMap<i64, CaseRecord>, ArchiveError> {
        let mut statement = self
            .conn
            .prepare("SELECT id, reference, summary_json, draft_json, created_at, updated_at FROM cases")?;
        let rows = statement.query_map([], case_from_row)?;
        let mut records = std::collections::HashMap::new();
        for row in rows {
            let record = row??;
            records.insert(record.id, record);
        }
        Ok(records)
    }

    /// Cases, newest first; `search` matches the reference or the pseudonym, ignoring case.
    pub fn list_cases(&self, search: Option<&str>) -> Result<Vec<CaseListItem>, ArchiveError> {
        let pattern = format!("%{}%", search.unwrap_or("").trim().replace(['%', '_'], ""));
        let mut statement = self.conn.prepare(
            "SELECT c.id, c.reference, c.pseudonym, c.updated_at,
                    (SELECT max(version) FROM decisions d WHERE d.case_id = c.id)
             FROM cases c
             WHERE c.reference LIKE ?1 OR c.pseudonym LIKE ?1
             ORDER BY c.created_at DESC, c.id DESC",
        )?;
        let rows = statement.query_map([pattern], |row| {
            Ok(CaseListItem {
                id: row.get(0)?,
                reference: row.get(1)?,
                pseudonym: row.get(2)?,
                updated_at: row.get(3)?,
                decision_version: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn update_case_summary(
        &mut self,
        id: i64,
        summary: &CaseSummary,
    ) -> Result<CaseRecord, ArchiveError> {
        let current = self.case(id)?;
        self.refuse_if_disposed(id, RecordClass::CaseRecord)?;
        let mut summary = summary.clone();
        // The reference is the case's identity: it is allocated once and never edited.
        summary.reference = Some(current.reference.clone());
        let now = self.actor.stamp();
        self.write(
            AuditAction::CaseEdited,
            &format!("case:{}", current.reference),
            &summary,
            |tx| {
                tx.execute(
                    "UPDATE cases SET summary_json = ?1, pseudonym = ?2, updated_at = ?3 WHERE id = ?4",
                    params![
                        to_json(&summary)?,
                        summary.pseudonym.clone().unwrap_or_default(),
                        &now,
                        id
                    ],
                )?;
                Ok(())
            },
        )?;
        self.case(id)
    }

    /// Saves the wizard's draft after each page, so closing the app loses nothing.
    pub fn save_draft(&mut self, id: i64, draft: &DecisionDraft) -> Result<(), ArchiveError> {
        let reference = self.case(id)?.reference;
        self.refuse_if_disposed(id, RecordClass::CaseRecord)?;
        let now = self.actor.stamp();
        self.write(
            AuditAction::DraftSaved,
            &format!("case:{reference}"),
            draft,
            |tx| {
                tx.execute(
                    "UPDATE cases SET draft_json = ?1, updated_at = ?2 WHERE id = ?3",
                    params![to_json(draft)?, &now, id],
                )?;
                Ok(())
            },
        )
    }

    /// The identifying details: shown only on demand, and each showing is recorded.
    pub fn read_annex(&mut self, id: i64) -> Result<RestrictedAnnex, ArchiveError> {
        let reference = self.case(id)?.reference;
        self.refuse_if_disposed(id, RecordClass::RestrictedAnnex)?;
        self.write(AuditAction::AnnexRead, &format!("case:{reference}"), &(), |tx| {
            let json: String = tx.query_row("SELECT annex_json FROM cases WHERE id = ?1", [id], |row| {
                row.get(0)
            })?;
            from_json(&json)
        })
    }

    /// The annex for the archive's own checks (finding annex details in board text); not audited
    /// as a read because nothing is shown to anyone.
    pub fn annex_for_checks(&self, id: i64) -> Result<RestrictedAnnex, ArchiveError> {
        let json: String = self
            .conn
            .query_row("SELECT annex_json FROM cases WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or(ArchiveError::NotFound { what: "case", id })?;
        from_json(&json)
    }

    pub fn update_annex(&mut self, id: i64, annex: &RestrictedAnnex) -> Result<(), ArchiveError> {
        let reference = self.case(id)?.reference;
        self.refuse_if_disposed(id, RecordClass::RestrictedAnnex)?;
        // The audit trail names the case only: even a hash of a child's details could be
        // matched against a guess.
        let now = self.actor.stamp();
        self.write(
            AuditAction::AnnexEdited,
            &format!("case:{reference}"),
            &(),
            |tx| {
                tx.execute(
                    "UPDATE cases SET annex_json = ?1, updated_at = ?2 WHERE id = ?3",
                    params![to_json(annex)?, &now, id],
                )?;
                Ok(())
            },
        )
    }

    /// Stores a finalised decision (or an amendment, as the next version); it can never change.
    pub fn store_decision(&mut self, case_id: i64, decision: &FinalisedDecision) -> Result<(), ArchiveError> {
        let reference = self.case(case_id)?.reference;
        self.refuse_if_disposed(case_id, RecordClass::CaseRecord)?;
        let action = if decision.record.supersedes.is_some() {
            AuditAction::DecisionAmended
        } else {
            AuditAction::DecisionFinalised
        };
        let payload =
            serde_json::json!({ "version": decision.record.version, "content_hash": decision.content_hash });
        let now = self.actor.stamp();
        self.write(action, &format!("case:{reference}"), &payload, |tx| {
            tx.execute(
                "INSERT INTO decisions (case_id, version, canonical, content_hash, finalised_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    case_id,
                    decision.record.version,
                    decision.canonical,
                    decision.content_hash,
                    &now
                ],
            )?;
            Ok(())
        })
    }

    /// Every finalised version of a case's decision, oldest first; each re-checked against its hash.
    pub fn decisions(&self, case_id: i64) -> Result<Vec<FinalisedDecision>, ArchiveError> {
        let mut statement = self
            .conn
            .prepare("SELECT canonical, content_hash FROM decisions WHERE case_id = ?1 ORDER BY version")?;
        let rows = statement.query_map([case_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut decisions = Vec::new();
        for row in rows {
            let (canonical, hash) = row?;
            decisions.push(
                FinalisedDecision::from_canonical(&canonical, &hash).map_err(|error| {
                    ArchiveError::Encoding(format!("a stored decision is damaged: {error}"))
                })?,
            );
        }
        Ok(decisions)
    }
}

fn case_from_row(row: &Row<'_>) -> rusqlite::Result<Result<CaseRecord, ArchiveError>> {
    let summary_json: String = row.get(2)?;
    let draft_json: Option<String> = row.get(3)?;
    Ok((|| {
        Ok(CaseRecord {
            id: row.get(0)?,
            reference: row.get(1)?,
            summary: from_json(&summary_json)?,
            draft: draft_json.as_deref().map(from_json).transpose()?,
            created_at: row.get(4)?,
            updated_at: row.get(5)?,
        })
    })())
}

fn to_json(value: &impl Serialize) -> Result<String, ArchiveError> {
    serde_json::to_string(value).map_err(|error| ArchiveError::Encoding(error.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ArchiveError> {
    serde_json::from_str(json)
        .map_err(|error| ArchiveError::Encoding(format!("a stored record cannot be read: {error}")))
}
