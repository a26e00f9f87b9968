//! The board's signing identity: a certificate authority of the board (P-256, CA:TRUE,
//! keyCertSign) and a signing certificate for the chair (or each safeguarding partner) issued by
//! it (P-256, digitalSignature + nonRepudiation). Keys export as PKCS#8 DER (zeroised when
//! dropped), certificates as DER or PEM, so the archive can keep them encrypted.
//!
//! Signing goes through the [`SigningIdentity`] trait, so an imported PKCS#12 identity or a
//! hardware token can be added later without touching the PDF code.

use std::fmt;
use std::str::FromStr;

use der::{Decode, DecodePem, Encode, EncodePem};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use signature::Signer;
use spki::{AlgorithmIdentifierOwned, EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::ext::{Extension, ToExtension};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use crate::error::{LetterError, Result};
use crate::time::UtcDateTime;

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

    fn to_x509(self) -> Result<Validity> {
        if self.not_after <= self.not_before {
            return Err(LetterError::BadCertificate(
                "the validity period ends before it starts".into(),
            ));
        }
        Ok(Validity::new(to_time(self.not_before)?, to_time(self.not_after)?))
    }
}

pub(crate) fn to_time(t: UtcDateTime) -> Result<Time> {
    let dt = der::DateTime::new(t.year as u16, t.month, t.day, t.hour, t.minute, t.second)?;
    Ok(Time::from(dt))
}

/// Converts an X.509 time to ours.
pub(crate) fn from_time(t: &Time) -> UtcDateTime {
    UtcDateTime::from_unix(t.to_unix_duration().as_secs() as i64)
}

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

const OID_C: &str = "2.5.4.6";
const OID_O: &str = "2.5.4.10";
const OID_CN: &str = "2.5.4.3";
const OID_TITLE: &str = "2.5.4.12";

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

fn pkcs8(key: &SigningKey) -> Result<Zeroizing<Vec<u8>>> {
    let doc = key
        .to_pkcs8_der()
        .map_err(|e| LetterError::BadCertificate(format!("key export failed: {e}")))?;
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

fn check_key_matches(key: &SigningKey, cert: &Certificate) -> Result<()> {
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

/// A signer whose P-256 key is held in memory (the archive decrypts it for the moment of signing).
pub struct LocalSigner {
    key: SigningKey,
    chain: Vec<Certificate>,
}

impl fmt::Debug for LocalSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalSigner")
            .field(
                "subject",
                &self
                    .chain
                    .first()
                    .map(|c| c.tbs_certificate().subject().to_string()),
            )
            .finish_non_exhaustive()
    }
}

impl LocalSigner {
    /// Restores a signer from its PKCS#8 key, its certificate and its issuers' certificates.
    pub fn from_parts(key_pkcs8_der: &[u8], certificate: &[u8], issuers: &[&[u8]]) -> Result<Self> {
        let key = SigningKey::from_pkcs8_der(key_pkcs8_der)
            .map_err(|e| LetterError::BadCertificate(format!("signing key unreadable: {e}")))?;
        let cert = parse_certificate(certificate)?;
        check_key_matches(&key, &cert)?;
        let mut chain = vec![cert];
        for issuer in issuers {
            chain.push(parse_certificate(issuer)?);
        }
        Ok(LocalSigner { key, chain })
    }

    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    pub fn export_certificate(&self) -> Result<CertificateExport> {
        CertificateExport::of(&self.chain[0])
    }

    /// The private key as PKCS#8 DER, to be stored encrypted. Zeroised when dropped.
    pub fn private_key_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        pkcs8(&self.key)
    }
}

impl SigningIdentity for LocalSigner {
    fn certificate_chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ECDSA_WITH_SHA_256,
            parameters: None,
        }
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        // `Signer::try_sign` hashes `message` with SHA-256 (RFC 6979 deterministic nonce).
        let sig: DerSignature = self
            .key
            .try_sign(message)
            .map_err(|e| LetterError::SigningFailed(e.to_string()))?;
        Ok(sig.to_bytes().to_vec())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> UtcDateTime {
        UtcDateTime::new(2016, 1, 4, 9, 0, 0).unwrap()
    }

    #[test]
    fn ca_and_signer_certificates_have_the_right_shape() {
        let ca = BoardAuthority::create(
            "Anytown Safeguarding Children Board",
            ValidityPeriod::years_from(clock(), 10),
        )
        .unwrap();
        assert!(is_ca(ca.certificate()));
        let signer = ca
            .issue_signer(
                &SignerSubject {
                    name: "Dr Jane Smith".into(),
                    role: "Independent Chair".into(),
                    organisation: "Anytown Safeguarding Children Board".into(),
                },
                ValidityPeriod::years_from(clock(), 3),
            )
            .unwrap();
        let cert = signer.certificate();
        assert!(!is_ca(cert));
        assert!(issued_by(cert, ca.certificate()));
        assert!(!issued_by(ca.certificate(), cert));
        assert_eq!(common_name(cert).as_deref(), Some("Dr Jane Smith"));
        assert_eq!(title(cert).as_deref(), Some("Independent Chair"));
        assert_eq!(
            organisation(cert).as_deref(),
            Some("Anytown Safeguarding Children Board")
        );
        let (_, ku) = cert
            .tbs_certificate()
            .get_extension::<KeyUsage>()
            .unwrap()
            .unwrap();
        assert!(ku.digital_signature() && ku.non_repudiation() && !ku.key_cert_sign());
        let (_, ku) = ca
            .certificate()
            .tbs_certificate()
            .get_extension::<KeyUsage>()
            .unwrap()
            .unwrap();
        assert!(ku.key_cert_sign());
        let v = cert.tbs_certificate().validity();
        assert_eq!(from_time(&v.not_before), clock());
    }

    #[test]
    fn names_with_punctuation_and_accents_survive() {
        let ca = BoardAuthority::create(
            "Tŷ Board, \"North\" + South; <A>",
            ValidityPeriod::years_from(clock(), 1),
        )
        .unwrap();
        assert_eq!(
            organisation(ca.certificate()).as_deref(),
            Some("Tŷ Board, \"North\" + South; <A>")
        );
    }

    #[test]
    fn keys_and_certificates_round_trip_as_bytes() {
        let ca = BoardAuthority::create(
            "Anytown Safeguarding Children Board",
            ValidityPeriod::years_from(clock(), 10),
        )
        .unwrap();
        let export = ca.export_certificate().unwrap();
        assert!(export.pem.starts_with("-----BEGIN CERTIFICATE-----"));
        let key = ca.private_key_pkcs8_der().unwrap();
        let back = BoardAuthority::from_parts(&key, export.pem.as_bytes()).unwrap();
        assert_eq!(back.fingerprint().unwrap(), export.sha256);
        let back = BoardAuthority::from_parts(&key, &export.der).unwrap();
        assert_eq!(back.certificate(), ca.certificate());

        let signer = ca
            .issue_signer(
                &SignerSubject {
                    name: "A".into(),
                    role: "B".into(),
                    organisation: "C".into(),
                },
                ValidityPeriod::years_from(clock(), 1),
            )
            .unwrap();
        let skey = signer.private_key_pkcs8_der().unwrap();
        let sder = signer.export_certificate().unwrap().der;
        let again = LocalSigner::from_parts(&skey, &sder, &[&export.der]).unwrap();
        assert_eq!(again.certificate_chain().len(), 2);
        // A key that does not belong to the certificate is refused.
        let err = LocalSigner::from_parts(&key, &sder, &[]).unwrap_err();
        assert_eq!(err.code(), "letter.bad_certificate");
    }

    #[test]
    fn certificate_bundles_parse() {
        let a = BoardAuthority::create("A Board", ValidityPeriod::years_from(clock(), 1)).unwrap();
        let b = BoardAuthority::create("B Board", ValidityPeriod::years_from(clock(), 1)).unwrap();
        let bundle = format!(
            "{}{}",
            a.export_certificate().unwrap().pem,
            b.export_certificate().unwrap().pem
        );
        let certs = parse_certificates(bundle.as_bytes()).unwrap();
        assert_eq!(certs.len(), 2);
        assert_eq!(&certs[1], b.certificate());
        let one = parse_certificates(&a.export_certificate().unwrap().der).unwrap();
        assert_eq!(&one[0], a.certificate());
        assert_eq!(
            parse_certificates(b"junk").unwrap_err().code(),
            "letter.bad_certificate"
        );
    }

    #[test]
    fn fingerprints_are_grouped_for_people() {
        let f = Fingerprint::of_der(b"abc");
        assert_eq!(f.hex().len(), 64);
        assert_eq!(f.grouped().split(' ').count(), 16);
        assert!(f.colon_separated().starts_with("BA:78:16:BF"));
    }
}
