//! Letters signed with the board's stored identities and recorded as issued: each letter
//! rendered, signed by the chosen signers, given its validation data and stored, all or none;
//! and the issued letters read back (to send, export or show again).

use serde::Serialize;
use ts_rs::TS;

use scr_archive::{Archive, ArchiveError, IssuedLetterRecord, NewIssuedLetter, StoredSigner};
use scr_letters::{
    identity::parse_certificates, BoardAuthority, Certificate, HttpTimestamper, LetterDocument,
    LetterRenderer, LocalSigner, UtcDateTime,
};

use scr_domain::letter_kind::{LetterKind, Recipient};

use crate::issuing::Signing;
use crate::signing::{load_signer, CHAIR_LABEL};
use crate::{Desk, DeskError};

/// How long the revocation list put in each letter says it is current. Validators read it as of
/// the signing time (or the timestamp), so a short period is right: it only has to say the
/// certificates were good when the letter was signed.
const CRL_VALID_DAYS: i64 = 30;

/// One letter to render, sign and record.
#[derive(Debug, Clone)]
pub struct LetterToIssue {
    pub document: LetterDocument,
    pub kind: LetterKind,
    pub recipient: Recipient,
}

/// An issued letter as the app and scripts see it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedLetterSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    pub kind: LetterKind,
    /// A member's id, or "circular".
    pub recipient: Recipient,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub created_at: String,
    pub signer_fingerprints: Vec<String>,
}

impl From<IssuedLetterRecord> for IssuedLetterSummary {
    fn from(r: IssuedLetterRecord) -> Self {
        IssuedLetterSummary {
            id: r.id,
            reference: r.reference,
            kind: r.kind,
            recipient: r.recipient,
            sha256: r.sha256,
            size: r.size,
            created_at: r.created_at,
            signer_fingerprints: r.signer_fingerprints,
        }
    }
}

impl Desk {
    /// Renders each letter, signs it with the given signers (by id; empty: the chair) in order,
    /// each signature timestamped by the board's timestamp authority when one is set (PAdES
    /// B-T), adds the long-term validation data (the certificates and the board's revocation
    /// list, PAdES B-LT), checks the result with our own verifier, and records all of them as
    /// issued in one audited change (`letter.issued` each). Nothing is stored unless every
    /// letter succeeds.
    ///
    /// Each letter's `document.signatories` must list the signers in the same order, by the
    /// names on their certificates: a letter never shows one name and carries another's signature.
    ///
    /// Not public: the app and scripts issue through [`Desk::issue_previewed`], which has the
    /// annex guard read every letter first. Tests that sign documents of their own go through
    /// `crate::testing` (the `test-support` feature, never in the app's build).
    #[cfg_attr(not(feature = "test-support"), allow(dead_code))]
    pub(crate) fn sign_and_store(
        &self,
        letters: &[LetterToIssue],
        signer_ids: &[i64],
    ) -> Result<Vec<IssuedLetterSummary>, DeskError> {
        self.with_archive(|archive| {
            let authority = archive
                .signing_authority()?
                .ok_or(ArchiveError::SigningNotSetUp)?;
            let chosen = chosen_signers(archive, authority.id, signer_ids)?;
            self.sign_and_store_in(archive, letters, &chosen)
        })
    }

    /// [`Desk::sign_and_store`] with the archive already held and the signers already chosen.
    pub(crate) fn sign_and_store_in(
        &self,
        archive: &mut Archive,
        letters: &[LetterToIssue],
        chosen: &[StoredSigner],
    ) -> Result<Vec<IssuedLetterSummary>, DeskError> {
        let now = self.now();
        let renderer = LetterRenderer::new()?;
        {
            let kit = SigningKit::load(archive, chosen, now)?;
            let fingerprints: Vec<String> = chosen.iter().map(|s| s.fingerprint.clone()).collect();
            let created_at = now.to_rfc3339();

            // A letter never shows one name and carries another's signature.
            let expected: Vec<&str> = chosen.iter().map(|s| s.name.as_str()).collect();
            for letter in letters {
                let names: Vec<&str> = letter
                    .document
                    .signatories
                    .iter()
                    .map(|s| s.name.trim())
                    .collect();
                if names != expected {
                    return Err(DeskError::SignerMismatch {
                        reference: letter.document.reference.clone(),
                        printed: names.join(", "),
                        signing: expected.join(", "),
                    });
                }
            }
            let signed = kit.signing(&renderer, now).sign_all(letters)?;
            let records: Vec<NewIssuedLetter<'_>> = letters
                .iter()
                .zip(&signed)
                .map(|(letter, pdf)| NewIssuedLetter {
                    reference: &letter.document.reference,
                    kind: letter.kind,
                    recipient: &letter.recipient,
                    pdf,
                    signer_fingerprints: &fingerprints,
                    created_at: &created_at,
                })
                .collect();
            let stored = archive.store_issued_letters(&records)?;
            Ok(stored.into_iter().map(Into::into).collect())
        }
    }

    /// The letters issued, newest first (only those with `reference`, when given).
    pub fn issued_letters(&self, reference: Option<&str>) -> Result<Vec<IssuedLetterSummary>, DeskError> {
        self.with_archive(|archive| {
            Ok(archive
                .issued_letters(reference)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// The exact bytes of an issued letter (to send, export or show again).
    pub fn issued_letter_pdf(&self, id: i64) -> Result<Vec<u8>, DeskError> {
        self.with_archive(|archive| {
            Ok(archive
                .issued_letter(id)?
                .ok_or(ArchiveError::LetterUnknown { id })?
                .pdf)
        })
    }
}

/// What the board signs with: the chosen signers' keys, the board's certificate to check each
/// result against, the revocation lists every signed document carries (PAdES B-LT), and the
/// board's timestamp authority when one is set.
pub(crate) struct SigningKit {
    identities: Vec<LocalSigner>,
    trusted: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
    timestamper: Option<HttpTimestamper>,
}

impl SigningKit {
    pub(crate) fn load(
        archive: &Archive,
        chosen: &[StoredSigner],
        now: UtcDateTime,
    ) -> Result<Self, DeskError> {
        let authority = archive
            .signing_authority()?
            .ok_or(ArchiveError::SigningNotSetUp)?;
        let identities = chosen
            .iter()
            .map(|s| load_signer(archive, s))
            .collect::<Result<Vec<_>, _>>()?;
        let trusted = parse_certificates(&authority.certificate_der)?;
        // One revocation list for the whole issue, from the board's own authority: none of
        // its signers' certificates is revoked (PAdES B-LT needs it in every letter).
        let board_authority = BoardAuthority::from_parts(
            &archive.signing_authority_private_key()?,
            &authority.certificate_der,
        )?;
        let mut crls = vec![board_authority.issue_crl(now, now.plus_days(CRL_VALID_DAYS))?];
        let timestamper = crate::timestamping::configured_timestamper(archive)?;
        if let Some(tsa) = &timestamper {
            // A wrong address or certificate is found before anything is signed.
            tsa.probe()?;
            // The authority's own revocation lists, so its timestamps check offline too.
            crls.extend(tsa.revocation_lists());
        }
        Ok(SigningKit {
            identities,
            trusted,
            crls,
            timestamper,
        })
    }

    pub(crate) fn signing<'a>(&'a self, renderer: &'a LetterRenderer, now: UtcDateTime) -> Signing<'a> {
        Signing {
            renderer,
            identities: &self.identities,
            timestamper: self.timestamper.as_ref(),
            trusted: &self.trusted,
            crls: &self.crls,
            now,
        }
    }
}

/// The signers asked for, by id, in that order; none asked for: the chair.
pub(crate) fn chosen_signers(
    archive: &scr_archive::Archive,
    authority_id: i64,
    signer_ids: &[i64],
) -> Result<Vec<scr_archive::StoredSigner>, DeskError> {
    let current = archive.signers()?;
    let chosen: Vec<_> = if signer_ids.is_empty() {
        current
            .iter()
            .filter(|s| s.label == CHAIR_LABEL && s.authority_id == authority_id)
            .take(1)
            .cloned()
            .collect()
    } else {
        signer_ids
            .iter()
            .map(|id| {
                current
                    .iter()
                    .find(|s| s.id == *id)
                    .cloned()
                    .ok_or(ArchiveError::SignerUnknown { id: *id })
            })
            .collect::<Result<_, _>>()?
    };
    if chosen.is_empty() {
        return Err(ArchiveError::SigningNotSetUp.into());
    }
    Ok(chosen)
}
