//! Issued letters: the exact signed bytes of every letter sent, with their SHA-256, so that the
//! archive can say whether a letter someone holds is the one the board issued.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;
use sha2::{Digest, Sha256};

use scr_domain::letter_kind::{LetterKind, Recipient};

use crate::audit::{self, AuditAction};
use crate::database::unknown_name;
use crate::{Archive, ArchiveError};

/// A signed letter to record.
#[derive(Debug)]
pub struct NewIssuedLetter<'a> {
    /// The decision's or letter's reference, e.g. "SCR-2016-004".
    pub reference: &'a str,
    pub kind: LetterKind,
    pub recipient: &'a Recipient,
    pub pdf: &'a [u8],
    /// SHA-256 fingerprints (hex) of the certificates that signed it, in signing order.
    pub signer_fingerprints: &'a [String],
    /// When it was signed (RFC 3339 UTC).
    pub created_at: &'a str,
}

/// What the archive knows about an issued letter, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedLetterRecord {
    pub id: i64,
    pub reference: String,
    pub kind: LetterKind,
    pub recipient: Recipient,
    /// Upper-case hex, as the verifier reports a file's SHA-256.
    pub sha256: String,
    pub size: u64,
    pub created_at: String,
    pub signer_fingerprints: Vec<String>,
}

/// An issued letter with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLetter {
    pub record: IssuedLetterRecord,
    pub pdf: Vec<u8>,
}

#[derive(Serialize)]
struct IssuedEvent<'a> {
    reference: &'a str,
    kind: LetterKind,
    recipient: &'a Recipient,
    sha256: &'a str,
    signer_fingerprints: &'a [String],
}

const COLUMNS: &str = "id, reference, kind, recipient, sha256, size, created_at, signer_fingerprints";

fn record_from(row: &Row<'_>) -> rusqlite::Result<IssuedLetterRecord> {
    let fingerprints: String = row.get(7)?;
    let kind: String = row.get(2)?;
    let recipient: String = row.get(3)?;
    Ok(IssuedLetterRecord {
        id: row.get(0)?,
        reference: row.get(1)?,
        kind: LetterKind::parse(&kind).ok_or_else(|| unknown_name(2, &kind, "kind of letter"))?,
        recipient: Recipient::parse(&recipient)
            .ok_or_else(|| unknown_name(3, &recipient, "letter's recipient"))?,
        sha256: row.get(4)?,
        size: row.get::<_, i64>(5)?.try_into().unwrap_or_default(),
        created_at: row.get(6)?,
        signer_fingerprints: serde_json::from_str(&fingerprints).unwrap_or_default(),
    })
}

/// SHA-256 as upper-case hex.
pub fn letter_sha256(pdf: &[u8]) -> String {
    hex::encode_upper(Sha256::digest(pdf))
}

impl Archive {
    /// Records letters as issued: all of them or none, one `letter.issued` event each.
    pub fn store_issued_letters(
        &mut self,
        letters: &[NewIssuedLetter<'_>],
    ) -> Result<Vec<IssuedLetterRecord>, ArchiveError> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(letters.len());
        for letter in letters {
            let sha256 = letter_sha256(letter.pdf);
            let fingerprints = serde_json::to_string(letter.signer_fingerprints)
                .map_err(|error| ArchiveError::Encoding(error.to_string()))?;
            tx.execute(
                "INSERT INTO issued_letters
                   (reference, kind, recipient, pdf, sha256, size, created_at, signer_fingerprints)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    letter.reference,
                    letter.kind.as_str(),
                    letter.recipient.to_stored(),
                    letter.pdf,
                    &sha256,
                    i64::try_from(letter.pdf.len()).unwrap_or(i64::MAX),
                    letter.created_at,
                    &fingerprints,
                ),
            )?;
            let id = tx.last_insert_rowid();
            audit::append(
                &tx,
                &self.actor,
                AuditAction::LetterIssued,
                &format!("letter:{id}"),
                &IssuedEvent {
                    reference: letter.reference,
                    kind: letter.kind,
                    recipient: letter.recipient,
                    sha256: &sha256,
                    signer_fingerprints: letter.signer_fingerprints,
                },
            )?;
            ids.push(id);
        }
        tx.commit()?;
        self.note_head();
        ids.into_iter()
            .map(|id| {
                self.issued_letter(id)?
                    .map(|letter| letter.record)
                    .ok_or(ArchiveError::LetterUnknown { id })
            })
            .collect()
    }

    /// The issued letters, newest first; only those with `reference` when given.
    pub fn issued_letters(&self, reference: Option<&str>) -> Result<Vec<IssuedLetterRecord>, ArchiveError> {
        // Two statements rather than `?1 IS NULL OR ...`, which would keep SQLite off the index.
        let rows = match reference {
            Some(reference) => self
                .conn
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM issued_letters WHERE reference = ?1 ORDER BY id DESC"
                ))?
                .query_map([reference], record_from)?
                .collect::<Result<Vec<_>, _>>()?,
            None => self
                .conn
                .prepare(&format!("SELECT {COLUMNS} FROM issued_letters ORDER BY id DESC"))?
                .query_map([], record_from)?
                .collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    pub fn issued_letter(&self, id: i64) -> Result<Option<IssuedLetter>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS}, pdf FROM issued_letters WHERE id = ?1"),
                [id],
                |row| {
                    Ok(IssuedLetter {
                        record: record_from(row)?,
                        pdf: row.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    /// The issued letters whose bytes have this SHA-256 (hex, either case): "is this letter the
    /// one the board issued?"
    pub fn issued_letters_with_sha256(&self, sha256: &str) -> Result<Vec<IssuedLetterRecord>, ArchiveError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM issued_letters WHERE sha256 = ?1 ORDER BY id"
        ))?;
        let rows = statement.query_map([sha256.to_ascii_uppercase()], record_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
