//! The board's certificate authority (P-256, CA:TRUE, keyCertSign) and the signing
//! certificates it issues to the chair or a safeguarding partner (P-256, digitalSignature +
//! nonRepudiation), with the profiles that give each its extensions.

use std::fmt;
use std::str::FromStr;

use der::Encode;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use serde::{Deserialize, Serialize};
use signature::Signer;
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::ext::{Extension, ToExtension};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::certificate::{OID_C, OID_CN, OID_O, OID_TITLE};
use super::{fingerprint, parse_certificate, CertificateExport, Fingerprint, LocalSigner, ValidityPeriod};
use crate::error::{LetterError, Result};

/// Escapes an attribute value for an RFC 4514 string: everything but letters, digits and inner
/// spaces is written as `\XX` hex, which the parser decodes back to the UTF-8 bytes.
fn rdn_value(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(bytes.len() * 2);
    for (i, &b) in bytes.iter().enumerate() {
        let edge_space = b == b' ' && (i == 0 || i == bytes.len() - 1);
        if b.is_ascii_alphanumeric() || (b == b' ' && !edge_space) {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\{b:02X}"));
        }
    }
    out
}

/// A distinguished name from (attribute OID, value) pairs, most significant first (C, O, …, CN).
fn name(parts: &[(&str, &str)]) -> Result<Name> {
    for (_, v) in parts {
        if v.trim().is_empty() {
            return Err(LetterError::BadCertificate("a name part is empty".into()));
        }
    }
    // RFC 4514 strings list the most specific part first.
    let s: Vec<String> = parts
        .iter()
        .rev()
        .map(|(oid, v)| format!("{oid}={}", rdn_value(v.trim())))
        .collect();
    Ok(Name::from_str(&s.join(","))?)
}

fn random_serial() -> Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| LetterError::BadCertificate(format!("no randomness: {e}")))?;
    bytes[0] &= 0x7F;
    bytes[0] |= 0x10; // positive and never with a leading zero byte
    Ok(SerialNumber::new(&bytes)?)
}

fn random_key() -> Result<SigningKey> {
    loop {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut())
            .map_err(|e| LetterError::BadCertificate(format!("no randomness: {e}")))?;
        if let Ok(key) = SigningKey::from_slice(bytes.as_ref()) {
            return Ok(key);
        }
    }
}

fn spki_of(key: &VerifyingKey) -> Result<SubjectPublicKeyInfoOwned> {
    SubjectPublicKeyInfoOwned::from_key(key).map_err(|e| LetterError::BadCertificate(e.to_string()))
}

fn build_err(e: x509_cert::builder::Error) -> LetterError {
    LetterError::BadCertificate(format!("certificate could not be built: {e}"))
}

/// The board CA's certificate profile.
struct CaProfile {
    subject: Name,
}

impl BuilderProfile for CaProfile {
    fn get_issuer(&self, subject: &Name) -> Name {
        subject.clone()
    }
    fn get_subject(&self) -> Name {
        self.subject.clone()
    }
    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let mut ext = Vec::new();
        let ski = SubjectKeyIdentifier::try_from(spk)?;
        ext.push(
            BasicConstraints {
                ca: true,
                path_len_constraint: Some(0),
            }
            .to_extension(tbs.subject(), &ext)?,
        );
        ext.push(KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign).to_extension(tbs.subject(), &ext)?);
        ext.push(
            AuthorityKeyIdentifier {
                key_identifier: Some(ski.0.clone()),
                ..Default::default()
            }
            .to_extension(tbs.subject(), &ext)?,
        );
        ext.push(ski.to_extension(tbs.subject(), &ext)?);
        Ok(ext)
    }
}

/// A signer's certificate profile: an end entity that signs documents.
struct SignerProfile {
    subject: Name,
    issuer: Name,
}

impl BuilderProfile for SignerProfile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }
    fn get_subject(&self) -> Name {
        self.subject.clone()
    }
    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let mut ext = Vec::new();
        ext.push(
            BasicConstraints {
                ca: false,
                path_len_constraint: None,
            }
            .to_extension(tbs.subject(), &ext)?,
        );
        ext.push(
            KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation)
                .to_extension(tbs.subject(), &ext)?,
        );
        let issuer_ski = SubjectKeyIdentifier::try_from(issuer_spk)?;
        ext.push(
            AuthorityKeyIdentifier {
                key_identifier: Some(issuer_ski.0),
                ..Default::default()
            }
            .to_extension(tbs.subject(), &ext)?,
        );
        ext.push(SubjectKeyIdentifier::try_from(spk)?.to_extension(tbs.subject(), &ext)?);
        Ok(ext)
    }
}

/// Who a signing certificate is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignerSubject {
    /// "Dr Jane Smith"
    pub name: String,
    /// "Independent Chair" (the certificate's title attribute)
    pub role: String,
    /// "Anytown Safeguarding Children Board" (the certificate's organisation)
    pub organisation: String,
}

/// The board's certificate authority: its key signs the signers' certificates.
pub struct BoardAuthority {
    key: SigningKey,
    certificate: Certificate,
}

impl fmt::Debug for BoardAuthority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoardAuthority")
            .field(
                "subject",
                &self.certificate.tbs_certificate().subject().to_string(),
            )
            .finish_non_exhaustive()
    }
}

impl BoardAuthority {
    /// Creates a new CA for `board_name` with a fresh P-256 key.
    pub fn create(board_name: &str, validity: ValidityPeriod) -> Result<Self> {
        let key = random_key()?;
        let common_name = format!("{} signing authority", board_name.trim());
        let subject = name(&[(OID_C, "GB"), (OID_O, board_name), (OID_CN, &common_name)])?;
        let builder = CertificateBuilder::new(
            CaProfile { subject },
            random_serial()?,
            validity.to_x509()?,
            spki_of(key.verifying_key())?,
        )
        .map_err(build_err)?;
        let certificate = builder.build::<_, DerSignature>(&key).map_err(build_err)?;
        Ok(BoardAuthority { key, certificate })
    }

    /// Restores a CA from its PKCS#8 key and its certificate (DER or PEM); checks they match.
    pub fn from_parts(key_pkcs8_der: &[u8], certificate: &[u8]) -> Result<Self> {
        let key = SigningKey::from_pkcs8_der(key_pkcs8_der)
            .map_err(|e| LetterError::BadCertificate(format!("CA key unreadable: {e}")))?;
        let certificate = parse_certificate(certificate)?;
        check_key_matches(&key, &certificate)?;
        Ok(BoardAuthority { key, certificate })
    }

    /// Issues a signing certificate for a person, with a fresh key.
    pub fn issue_signer(&self, subject: &SignerSubject, validity: ValidityPeriod) -> Result<LocalSigner> {
        let key = random_key()?;
        let subject_name = name(&[
            (OID_C, "GB"),
            (OID_O, &subject.organisation),
            (OID_TITLE, &subject.role),
            (OID_CN, &subject.name),
        ])?;
        let builder = CertificateBuilder::new(
            SignerProfile {
                subject: subject_name,
                issuer: self.certificate.tbs_certificate().subject().clone(),
            },
            random_serial()?,
            validity.to_x509()?,
            spki_of(key.verifying_key())?,
        )
        .map_err(build_err)?;
        let certificate = builder.build::<_, DerSignature>(&self.key).map_err(build_err)?;
        Ok(LocalSigner {
            key,
            chain: vec![certificate, self.certificate.clone()],
        })
    }

    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The certificate as PEM, DER and fingerprint, for members to check letters against.
    pub fn export_certificate(&self) -> Result<CertificateExport> {
        CertificateExport::of(&self.certificate)
    }

    pub fn fingerprint(&self) -> Result<Fingerprint> {
        fingerprint(&self.certificate)
    }

    /// The private key as PKCS#8 DER, to be stored encrypted. Zeroised when dropped.
    pub fn private_key_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        pkcs8(&self.key)
    }

    /// The authority's ECDSA P-256 signature (SHA-256, DER) over `message`: for what it issues
    /// besides certificates (its revocation lists, `crl.rs`).
    pub(crate) fn sign_der(&self, message: &[u8]) -> Vec<u8> {
        let signature: DerSignature = self.key.sign(message);
        signature.to_bytes().to_vec()
    }
}

pub(super) fn pkcs8(key: &SigningKey) -> Result<Zeroizing<Vec<u8>>> {
    let doc = key
        .to_pkcs8_der()
        .map_err(|e| LetterError::BadCertificate(format!("key export failed: {e}")))?;
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

pub(super) fn check_key_matches(key: &SigningKey, cert: &Certificate) -> Result<()> {
    let ours = key
        .verifying_key()
        .to_public_key_der()
        .map_err(|e| LetterError::BadCertificate(e.to_string()))?;
    let theirs = cert.tbs_certificate().subject_public_key_info().to_der()?;
    if ours.as_bytes() != theirs.as_slice() {
        return Err(LetterError::BadCertificate(
            "the key does not belong to the certificate".into(),
        ));
    }
    Ok(())
}
