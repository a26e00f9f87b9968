//! The board's signing identity: a certificate authority of the board (P-256, CA:TRUE,
//! keyCertSign) and a signing certificate for the chair (or each safeguarding partner) issued by
//! it (P-256, digitalSignature + nonRepudiation). Keys export as PKCS#8 DER (zeroised when
//! dropped), certificates as DER or PEM, so the archive can keep them encrypted.
//!
//! Signing goes through the [`SigningIdentity`] trait, so an imported PKCS#12 identity or a
//! hardware token can be added later without touching the PDF code.
//!
//! - `certificate.rs`: reading certificates: parsing, fingerprints, the names in them, and
//!   whether one issued another.
//! - `authority.rs`: the board's certificate authority and the certificates it issues.
//! - `local_signer.rs`: a signer whose key is held in memory for the moment of signing.

use der::DateTime;
use serde::{Deserialize, Serialize};
use spki::AlgorithmIdentifierOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::time::UtcDateTime;

mod authority;
mod certificate;
mod local_signer;
#[cfg(test)]
mod tests;

pub use authority::{BoardAuthority, SignerSubject};
pub use certificate::{
    common_name, fingerprint, organisation, parse_certificate, parse_certificates, title, CertificateExport,
    Fingerprint,
};
pub(crate) use certificate::{is_ca, issued_by, verifying_key};
pub use local_signer::LocalSigner;

/// Something that can sign a PDF: a certificate chain and a private key operation.
///
/// `sign` receives the DER encoding of the CMS signed attributes and must return a DER-encoded
/// signature over them, **hashing the message itself** (for ECDSA P-256: SHA-256 then ECDSA).
pub trait SigningIdentity: Send + Sync {
    /// The signer's certificate first, then its issuers (ending with the board's CA).
    fn certificate_chain(&self) -> &[Certificate];
    /// The CMS signature algorithm, e.g. ecdsa-with-SHA256.
    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned;
    /// Signs `message` (hashing it as part of the operation).
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>>;
}

/// From when to when a certificate is valid. The caller supplies the dates: no hidden clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityPeriod {
    pub not_before: UtcDateTime,
    pub not_after: UtcDateTime,
}

impl ValidityPeriod {
    /// `years` years (of 365 days) from `start`.
    pub fn years_from(start: UtcDateTime, years: i64) -> Self {
        ValidityPeriod {
            not_before: start,
            not_after: start.plus_days(365 * years),
        }
    }

    pub(super) fn to_x509(self) -> Result<Validity> {
        if self.not_after <= self.not_before {
            return Err(LetterError::BadCertificate(
                "the validity period ends before it starts".into(),
            ));
        }
        Ok(Validity::new(to_time(self.not_before)?, to_time(self.not_after)?))
    }
}

pub(crate) fn to_time(t: UtcDateTime) -> Result<Time> {
    let dt = DateTime::new(t.year as u16, t.month, t.day, t.hour, t.minute, t.second)?;
    Ok(Time::from(dt))
}

/// Converts an X.509 time to ours.
pub(crate) fn from_time(t: &Time) -> UtcDateTime {
    UtcDateTime::from_unix(t.to_unix_duration().as_secs() as i64)
}
