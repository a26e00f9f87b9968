//! Checking a letter someone holds: is it intact, who signed it and when, does it chain to this
//! board's certificate, and is it the very letter the archive recorded as issued?

use serde::Serialize;
use ts_rs::TS;

use scr_archive::{directory_state, DirectoryState};
use scr_letters::{
    identity::parse_certificates, try_verify_with_timestamp_roots, IntegrityStatus, SignatureReport,
    VerificationReport,
};
use x509_cert::Certificate;

use crate::letter_facts::{document_check, timestamp_check, DocumentCheck, TimestampCheck};
use crate::signing::grouped_fingerprint;
use crate::{Desk, DeskError, IssuedLetterSummary};

/// The largest file the verifier reads: letters are about 60 KB, so this is generous.
pub const MAX_LETTER_BYTES: usize = scr_letters::verify::MAX_PDF_BYTES;

/// How long checking one letter may take. A genuine letter takes milliseconds and the verifier's
/// work is bounded by the file's size; this is the backstop that keeps the Verify page (and
/// `scr-desk verify`) answering whatever the file is.
pub const VERIFY_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// What the verifier was told to trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrustSource {
    /// The board certificates in this archive.
    Archive,
    /// A certificate file given with `--trust`.
    File,
    /// Nothing: no archive could be opened and no certificate was given.
    None,
}

/// One signature on the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    pub number: u32,
    pub signer_name: Option<String>,
    pub signer_role: Option<String>,
    pub signer_organisation: Option<String>,
    /// RFC 3339 UTC.
    pub signed_at: Option<String>,
    /// "12 April 2016 at 15:03 BST", as the clock on the wall in England read.
    pub signed_at_display: Option<String>,
    pub certificate_fingerprint: Option<String>,
    pub certificate_fingerprint_grouped: Option<String>,
    pub integrity: IntegrityStatus,
    pub intact: bool,
    pub trusted_by_board: bool,
    pub covers_whole_file: bool,
    pub modified_after_signing: bool,
    pub valid: bool,
    pub problems: Vec<String>,
    /// The timestamp from a timestamp authority the signature carries, if any.
    pub timestamp: Option<TimestampCheck>,
}

/// The answer to "is this letter genuine?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterVerification {
    /// Every signature is intact, covers the letter as it is, and chains to the board's
    /// certificate. The CLI exits 0 only when this is true.
    pub valid: bool,
    /// Signed, and not changed since (whoever signed it).
    pub intact: bool,
    /// Every signature chains to a trusted board certificate.
    pub trusted_by_board: bool,
    /// One sentence for people.
    pub headline: String,
    /// What is wrong, in plain words, naming the signature.
    pub problems: Vec<String>,
    pub trust_source: TrustSource,
    /// Why the archive was not consulted, when it was not.
    pub trust_note: Option<String>,
    /// The board certificate(s) the letter was checked against, grouped fingerprints.
    pub trusted_fingerprints: Vec<String>,
    pub file_sha256: String,
    #[ts(type = "number")]
    pub file_size: u64,
    pub signatures: Vec<SignatureCheck>,
    /// Whether the archive was searched for this exact file.
    pub archive_checked: bool,
    /// The archive's records of letters with exactly these bytes (empty: not the one issued).
    pub archive_matches: Vec<IssuedLetterSummary>,
    /// Archival format, accessibility, timestamps and long-term validation data.
    pub document: DocumentCheck,
}

fn signature_check(r: &SignatureReport) -> SignatureCheck {
    let intact = r.integrity == IntegrityStatus::Intact && !r.modified_after_signing;
    SignatureCheck {
        number: u32::try_from(r.number).unwrap_or(u32::MAX),
        signer_name: r.signer_name.clone(),
        signer_role: r.signer_role.clone(),
        signer_organisation: r.signer_organisation.clone(),
        signed_at: r.signing_time.map(|t| t.to_rfc3339()),
        signed_at_display: r.signing_time.map(|t| {
            let (local, zone) = t.uk_local();
            format!("{} at {} {zone}", local.long_date(), local.hour_minute())
        }),
        certificate_fingerprint: r.certificate_sha256.as_ref().map(|f| f.hex().to_owned()),
        certificate_fingerprint_grouped: r.certificate_sha256.as_ref().map(|f| f.grouped()),
        integrity: r.integrity,
        intact,
        trusted_by_board: r.chains_to_trusted,
        covers_whole_file: r.covers_whole_file,
        modified_after_signing: r.modified_after_signing,
        valid: r.valid,
        problems: r.problems.clone(),
        timestamp: r.timestamp.as_ref().map(timestamp_check),
    }
}

/// Builds the people-facing answer from the verifier's report.
fn verification(
    report: &VerificationReport,
    trust_source: TrustSource,
    trust_note: Option<String>,
    trusted_fingerprints: Vec<String>,
    archive_matches: Option<Vec<IssuedLetterSummary>>,
) -> LetterVerification {
    let signatures: Vec<SignatureCheck> = report.signatures.iter().map(signature_check).collect();
    let signed = !signatures.is_empty();
    let intact = signed && signatures.iter().all(|s| s.intact);
    let trusted = signed && signatures.iter().all(|s| s.trusted_by_board);
    let mut problems: Vec<String> = signatures
        .iter()
        .flat_map(|s| {
            s.problems
                .iter()
                .map(move |p| format!("Signature {}: {p}", s.number))
        })
        .collect();
    if !signed {
        problems.push(
            "The file has no digital signature: it is not a signed letter from SCR Decision Desk.".into(),
        );
    }
    if signed && trust_source == TrustSource::None {
        problems.push(
            "No board certificate was available to check the signatures against, so this letter is not \
             trusted by this board."
                .into(),
        );
    }
    let valid = report.all_valid && intact && trusted;
    let headline = if valid {
        "This letter is genuine: it has not been changed since it was signed, and it was signed with \
         this board's certificate."
    } else if !signed {
        "This file is not a signed letter."
    } else if !intact {
        "This letter has been changed since it was signed, or its signature is damaged. Do not rely on it."
    } else if !trusted {
        "This letter has not been changed since it was signed, but it was not signed with this board's \
         certificate: it is not trusted by this board."
    } else {
        "This letter's signatures could not be confirmed. Do not rely on it."
    }
    .to_owned();
    let timestamps: Vec<Option<TimestampCheck>> = signatures.iter().map(|s| s.timestamp.clone()).collect();
    LetterVerification {
        document: document_check(&report.document, &timestamps),
        valid,
        intact,
        trusted_by_board: trusted,
        headline,
        problems,
        trust_source,
        trust_note,
        trusted_fingerprints,
        file_sha256: report.file_sha256.clone(),
        file_size: u64::try_from(report.file_size).unwrap_or(u64::MAX),
        signatures,
        archive_checked: archive_matches.is_some(),
        archive_matches: archive_matches.unwrap_or_default(),
    }
}

fn check_size(pdf: &[u8]) -> Result<(), DeskError> {
    if pdf.len() > MAX_LETTER_BYTES {
        return Err(DeskError::Letter(scr_letters::LetterError::TooLarge {
            bytes: pdf.len() as u64,
            limit: MAX_LETTER_BYTES as u64,
        }));
    }
    Ok(())
}

/// Runs the verifier on its own thread and waits at most [`VERIFY_TIME_LIMIT`] for it. On time
/// out the thread is left to finish its bounded work and its answer is dropped.
fn verify_within_limit(
    pdf: &[u8],
    trusted: &[Certificate],
    timestamp_roots: &[Certificate],
) -> Result<VerificationReport, DeskError> {
    let (send, receive) = std::sync::mpsc::channel();
    let (pdf, trusted, roots) = (pdf.to_vec(), trusted.to_vec(), timestamp_roots.to_vec());
    std::thread::Builder::new()
        .name("verify-letter".into())
        .spawn(move || {
            let _ = send.send(try_verify_with_timestamp_roots(&pdf, &trusted, &roots));
        })
        .map_err(DeskError::VerifyNotStarted)?;
    match receive.recv_timeout(VERIFY_TIME_LIMIT) {
        Ok(result) => Ok(result?),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(DeskError::VerifyTimedOut {
            seconds: VERIFY_TIME_LIMIT.as_secs(),
        }),
        // The thread ended without an answer: the verifier panicked, which is a defect.
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(DeskError::Poisoned),
    }
}

/// Checks a letter against board certificates given as a file (PEM bundle or one DER
/// certificate), without any archive: for members and IT departments.
pub fn verify_letter_with_certificates(
    pdf: &[u8],
    certificates: &[u8],
) -> Result<LetterVerification, DeskError> {
    check_size(pdf)?;
    let trusted = parse_certificates(certificates)?;
    let fingerprints = trusted
        .iter()
        .filter_map(|c| scr_letters::identity::fingerprint(c).ok())
        .map(|f| f.grouped())
        .collect();
    let report = verify_within_limit(pdf, &trusted, &[])?;
    Ok(verification(&report, TrustSource::File, None, fingerprints, None))
}

impl Desk {
    /// Checks a letter against this board's certificates and its record of issued letters.
    /// Never creates an archive: with none (or one that cannot be opened) the letter is still
    /// checked for damage, and reported as not trusted by this board, with the reason.
    pub fn verify_letter(&self, pdf: &[u8]) -> Result<LetterVerification, DeskError> {
        check_size(pdf)?;
        let untrusted = |note: String| -> Result<LetterVerification, DeskError> {
            let report = verify_within_limit(pdf, &[], &[])?;
            Ok(verification(
                &report,
                TrustSource::None,
                Some(note),
                Vec::new(),
                None,
            ))
        };
        if !self.archive_is_open()? && directory_state(self.data_dir()) == DirectoryState::Empty {
            return untrusted(format!(
                "There is no archive in {}, so there is no board certificate to check against.",
                self.data_dir().display()
            ));
        }
        let sha256 = scr_archive::letter_sha256(pdf);
        let looked_up = self.with_archive(|archive| {
            let authorities = archive.signing_authorities()?;
            let matches = archive.issued_letters_with_sha256(&sha256)?;
            let timestamp_roots = crate::timestamping::trusted_roots(archive)?;
            Ok((authorities, matches, timestamp_roots))
        });
        let (authorities, matches, timestamp_roots) = match looked_up {
            Ok(found) => found,
            Err(error) => {
                return untrusted(format!(
                    "The archive could not be opened ({error}), so there is no board certificate to check against."
                ))
            }
        };
        if authorities.is_empty() {
            let report = verify_within_limit(pdf, &[], &[])?;
            return Ok(verification(
                &report,
                TrustSource::None,
                Some("Signing has not been set up for this board yet, so it has no certificate to check against.".into()),
                Vec::new(),
                Some(matches.into_iter().map(Into::into).collect()),
            ));
        }
        let mut trusted = Vec::new();
        for authority in &authorities {
            trusted.extend(parse_certificates(&authority.certificate_der)?);
        }
        let report = verify_within_limit(pdf, &trusted, &timestamp_roots)?;
        Ok(verification(
            &report,
            TrustSource::Archive,
            None,
            authorities
                .iter()
                .map(|a| grouped_fingerprint(&a.fingerprint))
                .collect(),
            Some(matches.into_iter().map(Into::into).collect()),
        ))
    }
}
