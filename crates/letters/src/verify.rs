//! Our own verifier of signed letters: for each signature, whether the signed bytes are intact,
//! who signed and when, whether the certificate chains to a trusted board certificate, and
//! whether anything but later signatures was added after it.
//!
//! Every letter it is given is a file someone else had: it must answer for any bytes, in time
//! and memory bounded by the file's size. So offsets from the file are checked before use
//! ([`ByteRange`]), the scan for signatures is linear, and the work per file is capped: at most
//! [`MAX_SIGNATURES`] signatures, [`MAX_REVISIONS`] revisions, and object parsing only where
//! its cost is known (`revisions`). The jobs live in their own modules: finding signatures and
//! their byte ranges, the CMS check, and the revisions.

mod archival;
mod byte_range;
mod cms_check;
mod revisions;
mod xref_chain;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use crate::identity::Fingerprint;
use crate::pdfobj::{self, is_white};
use crate::time::UtcDateTime;
use crate::LetterError;

pub use archival::{DocumentFacts, TimestampReport, ValidationData};
pub use byte_range::ByteRange;
pub use revisions::MAX_STRUCTURE_BYTES;
pub use scr_domain::signature_integrity::IntegrityStatus;

/// The largest file verified. Letters are about 60 KB; this is generous, and keeps the work of
/// hashing each signature's ranges (up to [`MAX_SIGNATURES`] times the file) well under a second.
pub const MAX_PDF_BYTES: usize = 20 << 20;

/// The most signatures one file may carry. A joint decision is signed by three partners; each
/// signature costs a hash of the file, so a file with thousands is refused.
pub const MAX_SIGNATURES: usize = 16;

/// The most revisions (cross-reference sections) one file may have: the first, one per
/// signature, and a few more for validation data or other tools.
pub const MAX_REVISIONS: usize = 32;

/// How much of a signature dictionary is searched for `/M`, `/Name` and `/SubFilter`: the
/// dictionary holds the signature value (a few KB, tens with a timestamp) and little else.
const MAX_SIGNATURE_DICTIONARY_BYTES: usize = 1 << 20;

/// What we found about one signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureReport {
    /// 1-based, in the order of the signatures in the file.
    pub number: usize,
    pub field_name: Option<String>,
    pub integrity: IntegrityStatus,
    /// The signer's name: the certificate's common name, else the `/Name` entry.
    pub signer_name: Option<String>,
    pub signer_role: Option<String>,
    pub signer_organisation: Option<String>,
    /// The `/M` entry, as written and as UTC.
    pub signing_time_raw: Option<String>,
    pub signing_time: Option<UtcDateTime>,
    pub sub_filter: Option<String>,
    pub certificate_sha256: Option<Fingerprint>,
    /// The certificate is a trusted board certificate, or was issued by one.
    pub chains_to_trusted: bool,
    pub trust_anchor_sha256: Option<Fingerprint>,
    /// The signing time falls inside the certificate's validity period.
    pub certificate_valid_at_signing_time: Option<bool>,
    /// The signed signing-certificate-v2 attribute names this certificate.
    pub signing_certificate_attribute_matches: bool,
    pub byte_range: Vec<i64>,
    /// The signed ranges reach the end of the file.
    pub covers_whole_file: bool,
    /// Bytes were added after this signature other than further signatures.
    pub modified_after_signing: bool,
    /// Everything above is as it should be.
    pub valid: bool,
    /// Why it is not valid, in plain words.
    pub problems: Vec<String>,
    /// The RFC 3161 timestamp the signature carries (PAdES B-T), if any.
    #[serde(default)]
    pub timestamp: Option<TimestampReport>,
}

/// The result of checking a PDF's signatures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationReport {
    /// SHA-256 of the whole file, upper-case hex (compare with the archive's record).
    pub file_sha256: String,
    pub file_size: usize,
    pub signatures: Vec<SignatureReport>,
    /// Something other than a signature was added after the last signature.
    pub modified_after_last_signature: bool,
    /// There is at least one signature and every one is valid.
    pub all_valid: bool,
    /// PDF/A level, PDF/UA, tags and long-term validation data.
    #[serde(default)]
    pub document: DocumentFacts,
}

/// Checks every signature in `pdf` against the trusted board certificates.
///
/// A file refused by [`try_verify`] (too large, too many signatures or revisions, a
/// decompression bomb) gets a report with no signatures, which is not valid.
pub fn verify(pdf: &[u8], trusted: &[Certificate]) -> VerificationReport {
    verify_with_timestamp_roots(pdf, trusted, &[])
}

/// [`verify`], with the certificates a timestamp authority must chain to for its timestamps to
/// count as trusted (the board's CA file for its authority). They are kept apart from the board
/// certificates: a timestamp authority's CA does not make a signer trusted.
pub fn verify_with_timestamp_roots(
    pdf: &[u8],
    trusted: &[Certificate],
    timestamp_roots: &[Certificate],
) -> VerificationReport {
    try_verify_with_timestamp_roots(pdf, trusted, timestamp_roots).unwrap_or_else(|_| VerificationReport {
        file_sha256: hex::encode_upper(Sha256::digest(pdf)),
        file_size: pdf.len(),
        signatures: Vec::new(),
        modified_after_last_signature: false,
        all_valid: false,
        document: DocumentFacts::default(),
    })
}

/// Checks every signature in `pdf`, or says why the file is refused, with a stable code:
/// [`LetterError::TooLarge`], [`LetterError::TooManySignatures`],
/// [`LetterError::TooManyRevisions`] or [`LetterError::DecompressionBomb`].
pub fn try_verify(pdf: &[u8], trusted: &[Certificate]) -> Result<VerificationReport, LetterError> {
    try_verify_with_timestamp_roots(pdf, trusted, &[])
}

/// [`try_verify`], with the timestamp authorities' roots (see [`verify_with_timestamp_roots`]).
pub fn try_verify_with_timestamp_roots(
    pdf: &[u8],
    trusted: &[Certificate],
    timestamp_roots: &[Certificate],
) -> Result<VerificationReport, LetterError> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(LetterError::TooLarge {
            bytes: pdf.len() as u64,
            limit: MAX_PDF_BYTES as u64,
        });
    }
    let found = byte_range::find_signatures(pdf)?;
    let mut structures = revisions::Structures::new(pdf);
    let field_names = structures.field_names()?;
    let mut reports: Vec<SignatureReport> = found
        .iter()
        .enumerate()
        .map(|(i, sig)| check_one(pdf, sig, i + 1, (trusted, timestamp_roots), &field_names))
        .collect();

    // Coverage: each signature's signed revision must be followed only by signature revisions.
    let ends: Vec<Option<usize>> = reports
        .iter()
        .map(|r| ByteRange::new(pdf, &r.byte_range).map(|range| range.end()))
        .collect();
    let mut any_signature = false;
    for i in 0..reports.len() {
        let Some(end_i) = ends[i] else { continue };
        any_signature = true;
        let mut modified = false;
        let mut at = end_i;
        for (j, end_j) in ends.iter().enumerate().skip(i + 1) {
            let Some(end_j) = *end_j else { continue };
            if end_j <= at {
                continue;
            }
            let signature_only = reports[j].integrity == IntegrityStatus::Intact
                && structures.only_signature_added(at, end_j)?;
            if !signature_only {
                modified = true;
            }
            at = end_j;
        }
        // After the signatures, one more whole revision may add long-term validation data
        // (dss.rs); a stray comment or junk is never taken for one.
        let tail = pdf.get(at..).unwrap_or_default();
        let validation_data =
            crate::dss::is_whole_revision(tail) && structures.only_signature_added(at, pdf.len())?;
        if !trailing_is_blank(tail) && !validation_data {
            modified = true;
        }
        let r = &mut reports[i];
        r.modified_after_signing = modified;
        if modified {
            r.problems.push(if r.covers_whole_file {
                "the document was changed after this signature".into()
            } else {
                "the signature does not cover the whole file: something other than a signature was added after it"
                    .into()
            });
            if at > end_i {
                if let Some(reason) = structures.unexamined_reason(at) {
                    r.problems
                        .push(format!("the later revisions could not be examined: {reason}"));
                }
            }
        }
    }
    for r in &mut reports {
        // A timestamp that is there must hold: one for another signature, or whose authority's
        // signature fails, has been tampered with.
        let timestamp_broken = r
            .timestamp
            .as_ref()
            .is_some_and(|t| !t.imprint_matches || !t.signature_valid);
        if let Some(t) = r.timestamp.as_ref().filter(|_| timestamp_broken) {
            let why = t.problems.first().cloned().unwrap_or_default();
            r.problems
                .push(format!("the signature's timestamp does not hold: {why}"));
        }
        r.valid = r.integrity == IntegrityStatus::Intact
            && !timestamp_broken
            && r.chains_to_trusted
            && !r.modified_after_signing
            && r.certificate_valid_at_signing_time == Some(true)
            && r.signing_certificate_attribute_matches;
        if !r.chains_to_trusted && r.integrity == IntegrityStatus::Intact {
            r.problems
                .push("the signer's certificate was not issued by a trusted board certificate".into());
        }
        if r.certificate_valid_at_signing_time == Some(false) {
            r.problems
                .push("the signer's certificate was not valid at the signing time".into());
        }
    }
    let modified_after_last_signature =
        any_signature && reports.last().is_some_and(|r| r.modified_after_signing);
    let document = structures
        .last_revision()?
        .map(|doc| archival::document_facts(&doc, trusted))
        .unwrap_or_default();
    Ok(VerificationReport {
        document,
        file_sha256: hex::encode_upper(Sha256::digest(pdf)),
        file_size: pdf.len(),
        all_valid: !reports.is_empty() && reports.iter().all(|r| r.valid),
        modified_after_last_signature,
        signatures: reports,
    })
}

fn trailing_is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| is_white(*b))
}

fn empty_report(number: usize, byte_range: Vec<i64>) -> SignatureReport {
    SignatureReport {
        number,
        field_name: None,
        integrity: IntegrityStatus::MalformedSignature,
        signer_name: None,
        signer_role: None,
        signer_organisation: None,
        signing_time_raw: None,
        signing_time: None,
        sub_filter: None,
        certificate_sha256: None,
        chains_to_trusted: false,
        trust_anchor_sha256: None,
        certificate_valid_at_signing_time: None,
        signing_certificate_attribute_matches: false,
        byte_range,
        covers_whole_file: false,
        modified_after_signing: false,
        valid: false,
        problems: Vec::new(),
        timestamp: None,
    }
}

/// Reads one signature dictionary and checks its byte range and CMS signature.
fn check_one(
    pdf: &[u8],
    sig: &byte_range::FoundSignature,
    number: usize,
    (trusted, timestamp_roots): (&[Certificate], &[Certificate]),
    names: &[(u32, String)],
) -> SignatureReport {
    let mut r = empty_report(number, sig.byte_range.clone());
    let text_end = sig.object_text.end.min(
        sig.object_text
            .start
            .saturating_add(MAX_SIGNATURE_DICTIONARY_BYTES),
    );
    let text = pdf.get(sig.object_text.start..text_end).unwrap_or_default();
    if let Some(n) = sig.object_number {
        r.field_name = names.iter().find(|(v, _)| *v == n).map(|(_, t)| t.clone());
    }
    r.signing_time_raw =
        pdfobj::string_after_key(text, b"/M").map(|b| String::from_utf8_lossy(&b).into_owned());
    r.signing_time = r
        .signing_time_raw
        .as_deref()
        .and_then(UtcDateTime::parse_pdf_date);
    if r.signing_time_raw.is_some() && r.signing_time.is_none() {
        r.problems
            .push("the signing time (/M) is not a date and time that can be read".into());
    }
    let name_entry = pdfobj::string_after_key(text, b"/Name").map(|b| pdfobj::decode_text_string(&b));
    r.sub_filter = pdfobj::name_after_key(text, b"/SubFilter");

    // The byte range must be [0 a b c] with the hex /Contents exactly in the gap.
    let Some(range) = ByteRange::new(pdf, &sig.byte_range) else {
        r.integrity = IntegrityStatus::ByteRangeMalformed;
        r.signer_name = name_entry;
        r.problems
            .push("the /ByteRange does not frame the signature exactly".into());
        return r;
    };
    r.covers_whole_file = range.covers(pdf.len());
    cms_check::check_signature(&mut r, &range, trusted, name_entry);
    if let Some(si) = cms_check::signer_info(&range) {
        r.timestamp = archival::timestamp_of(&si, timestamp_roots);
    }
    r
}
