//! Overrides of the annex guard: for one case, one term of its restricted annex that the chair
//! has judged safe in context. Adding and withdrawing are audited by the override's id and the
//! kinds of detail only; the term itself stays in this table, inside the encrypted archive.

use rusqlite::{params, OptionalExtension};
use scr_domain::annex_scan::RestrictedDetail;

use crate::audit::AuditAction;
use crate::{Archive, ArchiveError};

/// An override in force.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnnexOverride {
    pub id: i64,
    pub case_id: i64,
    /// The annex term's key ([`scr_domain::annex_scan::AnnexTerm::key`]): annex content.
    pub term_key: String,
    /// The kinds of detail the term was when the override was made.
    pub kinds: Vec<RestrictedDetail>,
    pub created_at: String,
}

impl Archive {
    /// The overrides in force for a case, oldest first.
    pub fn annex_overrides(&self, case_id: i64) -> Result<Vec<AnnexOverride>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT id, term_key, kinds_json, created_at FROM annex_overrides
             WHERE case_id = ?1 AND withdrawn_at IS NULL ORDER BY id",
        )?;
        let rows = statement.query_map([case_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, term_key, kinds_json, created_at) = row?;
            let kinds = serde_json::from_str(&kinds_json)
                .map_err(|error| ArchiveError::Encoding(format!("an annex override is damaged: {error}")))?;
            out.push(AnnexOverride {
                id,
                case_id,
                term_key,
                kinds,
                created_at,
            });
        }
        Ok(out)
    }

    /// Puts an override in force for a case's term; the one already in force if there is one.
    pub fn add_annex_override(
        &mut self,
        case_id: i64,
        term_key: &str,
        kinds: &[RestrictedDetail],
    ) -> Result<i64, ArchiveError> {
        let reference = self.case(case_id)?.reference;
        if let Some(existing) = self
            .annex_overrides(case_id)?
            .into_iter()
            .find(|o| o.term_key == term_key)
        {
            return Ok(existing.id);
        }
        let kinds_json =
            serde_json::to_string(kinds).map_err(|error| ArchiveError::Encoding(error.to_string()))?;
        let next_id: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM annex_overrides",
            [],
            |row| row.get(0),
        )?;
        // The payload names the override and the kinds of detail: never the term, nor its hash.
        let payload = serde_json::json!({ "override": next_id, "kinds": kinds });
        let now = self.actor.stamp();
        self.write(
            AuditAction::AnnexOverrideAdded,
            &format!("case:{reference}"),
            &payload,
            |tx| {
                tx.execute(
                    "INSERT INTO annex_overrides (id, case_id, term_key, kinds_json, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![next_id, case_id, term_key, kinds_json, &now],
                )?;
                Ok(next_id)
            },
        )
    }

    /// Withdraws an override in force: its term blocks the case's letters again.
    pub fn withdraw_annex_override(&mut self, case_id: i64, id: i64) -> Result<(), ArchiveError> {
        let reference = self.case(case_id)?.reference;
        let kinds: Option<String> = self
            .conn
            .query_row(
                "SELECT kinds_json FROM annex_overrides
                 WHERE id = ?1 AND case_id = ?2 AND withdrawn_at IS NULL",
                params![id, case_id],
                |row| row.get(0),
            )
            .optional()?;
        let kinds = kinds.ok_or(ArchiveError::NotFound {
            what: "annex override in force",
            id,
        })?;
        let kinds: Vec<RestrictedDetail> = serde_json::from_str(&kinds)
            .map_err(|error| ArchiveError::Encoding(format!("an annex override is damaged: {error}")))?;
        let payload = serde_json::json!({ "override": id, "kinds": kinds });
        let now = self.actor.stamp();
        self.write(
            AuditAction::AnnexOverrideWithdrawn,
            &format!("case:{reference}"),
            &payload,
            |tx| {
                tx.execute(
                    "UPDATE annex_overrides SET withdrawn_at = ?1 WHERE id = ?2",
                    params![&now, id],
                )?;
                Ok(())
            },
        )
    }
}
