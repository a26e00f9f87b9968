//! The board's signing identity as the archive keeps it: the certificate authority and the
//! signers' certificates with their private keys. The archive knows nothing of X.509: it stores
//! the bytes the letters crate gives it, inside the encrypted database, and hands a private key
//! back (in a zeroising buffer) only for the moment of signing.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::audit::AuditAction;
use crate::{Archive, ArchiveError};

/// A certificate with its private key, as the caller made it.
#[derive(Debug)]
pub struct NewCertificate<'a> {
    /// The certificate's subject, for people ("CN=…, O=…").
    pub subject: &'a str,
    pub certificate_der: &'a [u8],
    pub private_key_pkcs8: &'a [u8],
    /// SHA-256 of the certificate's DER, hex.
    pub fingerprint: &'a str,
    /// RFC 3339 UTC.
    pub not_before: &'a str,
    pub not_after: &'a str,
}

/// A person who signs letters: who they are and their certificate.
#[derive(Debug)]
pub struct NewSigner<'a> {
    /// What this signer is for: "chair", or e.g. "partner: police" for joint sign-off.
    pub label: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub certificate: NewCertificate<'a>,
}

/// The board's certificate authority, public parts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredAuthority {
    pub id: i64,
    pub subject: String,
    pub certificate_der: Vec<u8>,
    pub fingerprint: String,
    pub not_before: String,
    pub not_after: String,
    pub created_at: String,
}

/// A signer, public parts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredSigner {
    pub id: i64,
    pub authority_id: i64,
    pub label: String,
    pub name: String,
    pub role: String,
    pub certificate_der: Vec<u8>,
    pub fingerprint: String,
    pub not_before: String,
    pub not_after: String,
    pub created_at: String,
}

/// What the audit trail records about a new identity: never a key.
#[derive(Serialize)]
struct IdentityEvent<'a> {
    authority_fingerprint: &'a str,
    signer_fingerprint: &'a str,
    signer_name: &'a str,
    signer_role: &'a str,
    label: &'a str,
}

const AUTHORITY_COLUMNS: &str =
    "id, subject, certificate_der, fingerprint, not_before, not_after, created_at";
const SIGNER_COLUMNS: &str =
    "id, authority_id, label, name, role, certificate_der, fingerprint, not_before, not_after, created_at";

fn authority_from(row: &Row<'_>) -> rusqlite::Result<StoredAuthority> {
    Ok(StoredAuthority {
        id: row.get(0)?,
        subject: row.get(1)?,
        certificate_der: row.get(2)?,
        fingerprint: row.get(3)?,
        not_before: row.get(4)?,
        not_after: row.get(5)?,
        created_at: row.get(6)?,
    })
}

fn signer_from(row: &Row<'_>) -> rusqlite::Result<StoredSigner> {
    Ok(StoredSigner {
        id: row.get(0)?,
        authority_id: row.get(1)?,
        label: row.get(2)?,
        name: row.get(3)?,
        role: row.get(4)?,
        certificate_der: row.get(5)?,
        fingerprint: row.get(6)?,
        not_before: row.get(7)?,
        not_after: row.get(8)?,
        created_at: row.get(9)?,
    })
}

impl Archive {
    /// Stores a new board authority and its first signer (the chair) in one audited change.
    /// Refuses when the board already has a current authority.
    pub fn create_signing_identity(
        &mut self,
        authority: &NewCertificate<'_>,
        signer: &NewSigner<'_>,
    ) -> Result<(StoredAuthority, StoredSigner), ArchiveError> {
        if self.signing_authority()?.is_some() {
            return Err(ArchiveError::SigningAlreadySetUp);
        }
        let event = IdentityEvent {
            authority_fingerprint: authority.fingerprint,
            signer_fingerprint: signer.certificate.fingerprint,
            signer_name: signer.name,
            signer_role: signer.role,
            label: signer.label,
        };
        let now = self.actor.stamp();
        let (authority_id, signer_id) = self.write(
            AuditAction::SigningIdentityCreated,
            "signing",
            &event,
            |tx| {
                tx.execute(
                    "INSERT INTO signing_authorities
                       (subject, certificate_der, private_key_pkcs8, fingerprint, not_before, not_after, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    (
                        authority.subject,
                        authority.certificate_der,
                        authority.private_key_pkcs8,
                        authority.fingerprint,
                        authority.not_before,
                        authority.not_after,
                        &now,
                    ),
                )?;
                let authority_id = tx.last_insert_rowid();
                let signer_id = insert_signer(tx, authority_id, signer, &now)?;
                Ok((authority_id, signer_id))
            },
        )?;
        let stored_authority = self
            .signing_authority()?
            .filter(|a| a.id == authority_id)
            .ok_or(ArchiveError::SigningNotSetUp)?;
        let stored_signer = self.signer(signer_id)?.ok_or(ArchiveError::SigningNotSetUp)?;
        Ok((stored_authority, stored_signer))
    }

    /// Adds a further signer (joint sign-off) under the current authority.
    pub fn add_signer(&mut self, signer: &NewSigner<'_>) -> Result<StoredSigner, ArchiveError> {
        let authority = self.signing_authority()?.ok_or(ArchiveError::SigningNotSetUp)?;
        let event = IdentityEvent {
            authority_fingerprint: &authority.fingerprint,
            signer_fingerprint: signer.certificate.fingerprint,
            signer_name: signer.name,
            signer_role: signer.role,
            label: signer.label,
        };
        let now = self.actor.stamp();
        let id = self.write(AuditAction::SignerAdded, "signing", &event, |tx| {
            insert_signer(tx, authority.id, signer, &now)
        })?;
        self.signer(id)?.ok_or(ArchiveError::SigningNotSetUp)
    }

    /// The board's current certificate authority, if signing has been set up.
    pub fn signing_authority(&self) -> Result<Option<StoredAuthority>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {AUTHORITY_COLUMNS} FROM signing_authorities WHERE retired_at IS NULL"),
                [],
                authority_from,
            )
            .optional()?)
    }

    /// Every authority the board has had, current first: letters signed under an earlier one
    /// still verify against it.
    pub fn signing_authorities(&self) -> Result<Vec<StoredAuthority>, ArchiveError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {AUTHORITY_COLUMNS} FROM signing_authorities ORDER BY retired_at IS NOT NULL, id DESC"
        ))?;
        let rows = statement.query_map([], authority_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The current signers, oldest first (the chair first).
    pub fn signers(&self) -> Result<Vec<StoredSigner>, ArchiveError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SIGNER_COLUMNS} FROM signers WHERE retired_at IS NULL ORDER BY id"
        ))?;
        let rows = statement.query_map([], signer_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn signer(&self, id: i64) -> Result<Option<StoredSigner>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SIGNER_COLUMNS} FROM signers WHERE id = ?1"),
                [id],
                signer_from,
            )
            .optional()?)
    }

    /// The current authority's private key (PKCS#8 DER), to issue a further signer's
    /// certificate. Zeroised when dropped.
    pub fn signing_authority_private_key(&self) -> Result<Zeroizing<Vec<u8>>, ArchiveError> {
        let key: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT private_key_pkcs8 FROM signing_authorities WHERE retired_at IS NULL",
                [],
                |row| row.get(0),
            )
            .optional()?;
        key.map(Zeroizing::new).ok_or(ArchiveError::SigningNotSetUp)
    }

    /// A signer's private key (PKCS#8 DER), for the moment of signing. The buffer is zeroised
    /// when dropped; do not copy it anywhere else.
    pub fn signer_private_key(&self, id: i64) -> Result<Zeroizing<Vec<u8>>, ArchiveError> {
        let key: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT private_key_pkcs8 FROM signers WHERE id = ?1 AND retired_at IS NULL",
                [id],
                |row| row.get(0),
            )
            .optional()?;
        key.map(Zeroizing::new).ok_or(ArchiveError::SignerUnknown { id })
    }
}

fn insert_signer(
    tx: &rusqlite::Transaction<'_>,
    authority_id: i64,
    signer: &NewSigner<'_>,
    now: &str,
) -> Result<i64, ArchiveError> {
    let c = &signer.certificate;
    tx.execute(
        "INSERT INTO signers
           (authority_id, label, name, role, certificate_der, private_key_pkcs8, fingerprint,
            not_before, not_after, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        (
            authority_id,
            signer.label,
            signer.name,
            signer.role,
            c.certificate_der,
            c.private_key_pkcs8,
            c.fingerprint,
            c.not_before,
            c.not_after,
            now,
        ),
    )?;
    Ok(tx.last_insert_rowid())
}
