//! Reading certificates: parsing DER or PEM, SHA-256 fingerprints for people to compare, the
//! names in a certificate's subject, and whether one certificate issued another.

use std::fmt;

use der::{Decode, DecodePem, Encode, EncodePem};
use p256::ecdsa::{DerSignature, VerifyingKey};
use p256::pkcs8::LineEnding;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::BasicConstraints;
use x509_cert::Certificate;

use crate::error::{LetterError, Result};

/// A SHA-256 certificate fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of DER bytes.
    pub fn of_der(der: &[u8]) -> Self {
        Fingerprint(hex::encode_upper(Sha256::digest(der)))
    }

    /// 64 upper-case hex digits.
    pub fn hex(&self) -> &str {
        &self.0
    }

    /// "AB:CD:EF:…", as certificate viewers show it.
    pub fn colon_separated(&self) -> String {
        let pairs: Vec<&str> = (0..self.0.len()).step_by(2).map(|i| &self.0[i..i + 2]).collect();
        pairs.join(":")
    }

    /// "ABCD EF01 …": groups of four, easiest to read aloud over the phone.
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> = (0..self.0.len())
            .step_by(4)
            .map(|i| &self.0[i..(i + 4).min(self.0.len())])
            .collect();
        groups.join(" ")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

/// A certificate exported for people: PEM text, DER bytes (a `.cer` file) and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateExport {
    pub pem: String,
    #[serde(with = "hex::serde")]
    pub der: Vec<u8>,
    pub sha256: Fingerprint,
}

impl CertificateExport {
    pub fn of(cert: &Certificate) -> Result<Self> {
        let der = cert.to_der()?;
        let pem = cert.to_pem(LineEnding::LF)?;
        Ok(CertificateExport {
            sha256: Fingerprint::of_der(&der),
            pem,
            der,
        })
    }
}

/// Parses a certificate from DER or PEM.
pub fn parse_certificate(bytes: &[u8]) -> Result<Certificate> {
    if bytes.starts_with(b"-----BEGIN") {
        Ok(Certificate::from_pem(bytes)?)
    } else {
        Ok(Certificate::from_der(bytes)?)
    }
}

/// Parses one or more certificates: a PEM bundle, or a single DER certificate.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Certificate>> {
    if bytes.starts_with(b"-----BEGIN") {
        Ok(Certificate::load_pem_chain(bytes)?)
    } else {
        Ok(vec![Certificate::from_der(bytes)?])
    }
}

/// The SHA-256 fingerprint of a certificate.
pub fn fingerprint(cert: &Certificate) -> Result<Fingerprint> {
    Ok(Fingerprint::of_der(&cert.to_der()?))
}

pub(super) const OID_C: &str = "2.5.4.6";
pub(super) const OID_O: &str = "2.5.4.10";
pub(super) const OID_CN: &str = "2.5.4.3";
pub(super) const OID_TITLE: &str = "2.5.4.12";

/// The signer's display name: the certificate's common name.
pub fn common_name(cert: &Certificate) -> Option<String> {
    attribute(cert, OID_CN)
}

/// The certificate's title attribute (the signer's role), if any.
pub fn title(cert: &Certificate) -> Option<String> {
    attribute(cert, OID_TITLE)
}

/// The certificate's organisation, if any.
pub fn organisation(cert: &Certificate) -> Option<String> {
    attribute(cert, OID_O)
}

fn attribute(cert: &Certificate, oid: &str) -> Option<String> {
    let oid = const_oid::ObjectIdentifier::new(oid).ok()?;
    for atv in cert.tbs_certificate().subject().iter() {
        if atv.oid == oid {
            if let Ok(s) = der::asn1::Utf8StringRef::try_from(&atv.value) {
                return Some(s.as_str().to_string());
            }
            if let Ok(s) = der::asn1::PrintableStringRef::try_from(&atv.value) {
                return Some(s.as_str().to_string());
            }
        }
    }
    None
}

/// Verifies that `issuer`'s key signed `cert` (ECDSA P-256 with SHA-256 only).
pub(crate) fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    if cert.signature_algorithm().oid != const_oid::db::rfc5912::ECDSA_WITH_SHA_256 {
        return false;
    }
    let Ok(key) = verifying_key(issuer) else {
        return false;
    };
    let Ok(tbs) = cert.tbs_certificate().to_der() else {
        return false;
    };
    let Some(sig_bytes) = cert.signature().as_bytes() else {
        return false;
    };
    let Ok(sig) = DerSignature::from_bytes(sig_bytes) else {
        return false;
    };
    signature::Verifier::verify(&key, &tbs, &sig).is_ok()
}

/// The P-256 public key in a certificate.
pub(crate) fn verifying_key(cert: &Certificate) -> Result<VerifyingKey> {
    let spki = cert.tbs_certificate().subject_public_key_info();
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| LetterError::BadCertificate("public key is not whole bytes".into()))?;
    VerifyingKey::from_sec1_bytes(bytes)
        .map_err(|_| LetterError::BadCertificate("the certificate's key is not a P-256 key".into()))
}

/// Whether the certificate says it is a CA.
pub(crate) fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate().get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}
