//! The detached CMS SignedData (RFC 5652) written into a signature's `/Contents`: the PAdES B-B
//! signed attributes (content-type, message-digest, signing-certificate-v2 of RFC 5035), the
//! signer's certificate chain, and an RFC 3161 timestamp token as an unsigned attribute over the
//! signature value when a timestamp authority is given (PAdES B-T). The PDF around it is written
//! by `sign.rs`.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier, SignerInfo};
use der::asn1::{BitString, OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey, SubjectPublicKeyInfoOwned,
};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::identity::SigningIdentity;
use crate::sign::Timestamper;

/// Room for the CMS: its exact size with the longest signature value the key can give, found by
/// building it once with such a value (no signing), plus the timestamp token when there is one.
/// A fixed 4 KB would waste 5 KB of zeros in every letter.
pub(crate) fn automatic_reserve(
    identity: &dyn SigningIdentity,
    timestamper: Option<&dyn Timestamper>,
) -> Result<usize> {
    let cms = build_cms(&LongestSignature(identity), &[0; 32], None)?;
    Ok(cms.len() + timestamper.map_or(0, |t| t.reserve_bytes()))
}

/// An identity that "signs" with a placeholder as long as its key's longest signature: an
/// ECDSA P-256 signature is at most 72 bytes of DER; an RSA one is as long as the modulus.
struct LongestSignature<'a>(&'a dyn SigningIdentity);

impl SigningIdentity for LongestSignature<'_> {
    fn certificate_chain(&self) -> &[Certificate] {
        self.0.certificate_chain()
    }
    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        self.0.signature_algorithm()
    }
    fn sign(&self, _message: &[u8]) -> Result<Vec<u8>> {
        let key_bytes = self.0.certificate_chain().first().map_or(512, |c| {
            c.tbs_certificate()
                .subject_public_key_info()
                .subject_public_key
                .raw_bytes()
                .len()
        });
        let longest = if self.0.signature_algorithm().oid == const_oid::db::rfc5912::ECDSA_WITH_SHA_256 {
            72
        } else {
            key_bytes + 16
        };
        Ok(vec![0; longest])
    }
}

/// ESSCertIDv2 (RFC 5035) with the default hash algorithm (SHA-256), so it is omitted.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EssCertIdV2 {
    pub cert_hash: OctetString,
    pub issuer_serial: Option<IssuerSerial>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct IssuerSerial {
    pub issuer: Vec<GeneralName>,
    pub serial_number: SerialNumber,
}

/// SigningCertificateV2 (RFC 5035): binds the signature to the signer's certificate.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: const_oid::db::rfc5912::ID_SHA_256,
        parameters: None,
    }
}

/// The public key of a certificate, in the shape the CMS builder asks for.
#[derive(Clone, Debug)]
struct SpkiKey(SubjectPublicKeyInfoOwned);

impl EncodePublicKey for SpkiKey {
    fn to_public_key_der(&self) -> spki::Result<spki::Document> {
        Ok(spki::Document::encode_msg(&self.0)?)
    }
}

/// A DER signature from a [`SigningIdentity`].
#[derive(Clone, Debug)]
struct DerBytes(Vec<u8>);

impl spki::SignatureBitStringEncoding for DerBytes {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

/// Adapts a [`SigningIdentity`] to the CMS builder's signer traits. The builder hands it the
/// DER of the signed attributes; the identity hashes and signs them.
struct IdentitySigner<'a> {
    identity: &'a dyn SigningIdentity,
    spki: SubjectPublicKeyInfoOwned,
}

impl signature::Keypair for IdentitySigner<'_> {
    type VerifyingKey = SpkiKey;
    fn verifying_key(&self) -> SpkiKey {
        SpkiKey(self.spki.clone())
    }
}

impl DynSignatureAlgorithmIdentifier for IdentitySigner<'_> {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(self.identity.signature_algorithm())
    }
}

impl signature::Signer<DerBytes> for IdentitySigner<'_> {
    fn try_sign(&self, msg: &[u8]) -> std::result::Result<DerBytes, signature::Error> {
        self.identity
            .sign(msg)
            .map(DerBytes)
            .map_err(|_| signature::Error::new())
    }
}

fn cms_err(e: impl std::fmt::Display) -> LetterError {
    LetterError::SigningFailed(format!("CMS: {e}"))
}

/// A detached CMS SignedData over `digest` with the PAdES B-B signed attributes.
pub(crate) fn build_cms(
    identity: &dyn SigningIdentity,
    digest: &[u8; 32],
    timestamper: Option<&dyn Timestamper>,
) -> Result<Vec<u8>> {
    let chain = identity.certificate_chain();
    let cert = &chain[0];
    let tbs = cert.tbs_certificate();
    let econtent = EncapsulatedContentInfo {
        econtent_type: const_oid::db::rfc5911::ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: tbs.issuer().clone(),
        serial_number: tbs.serial_number().clone(),
    });
    let mut signer_info =
        SignerInfoBuilder::new(sid, sha256_alg(), &econtent, Some(digest)).map_err(cms_err)?;

    // signing-certificate-v2; content-type and message-digest are added by the builder.
    let cert_der = cert.to_der()?;
    let scv2 = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec())?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            }),
        }],
    };
    let mut values = SetOfVec::new();
    values.insert(Any::encode_from(&scv2)?)?;
    signer_info
        .add_signed_attribute(Attribute {
            oid: const_oid::db::rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2,
            values,
        })
        .map_err(cms_err)?;

    let signer = IdentitySigner {
        identity,
        spki: tbs.subject_public_key_info().clone(),
    };
    let mut builder = SignedDataBuilder::new(&econtent);
    builder.add_digest_algorithm(sha256_alg()).map_err(cms_err)?;
    for c in chain {
        builder
            .add_certificate(CertificateChoices::Certificate(c.clone()))
            .map_err(cms_err)?;
    }
    let mut ts_error = None;
    builder
        .add_signer_info_cb::<_, DerBytes, _>(signer_info, &signer, |si: &mut SignerInfo| {
            if let Some(tsa) = timestamper {
                match timestamp_attribute(tsa, si) {
                    Ok(attr) => {
                        let mut attrs = si.unsigned_attrs.clone().unwrap_or_default();
                        attrs.insert(attr)?;
                        si.unsigned_attrs = Some(attrs);
                    }
                    Err(e) => ts_error = Some(e),
                }
            }
            Ok(())
        })
        .map_err(cms_err)?;
    if let Some(e) = ts_error {
        return Err(e);
    }
    let content_info = builder.build().map_err(cms_err)?;
    Ok(content_info.to_der()?)
}

fn timestamp_attribute(tsa: &dyn Timestamper, si: &SignerInfo) -> Result<Attribute> {
    let imprint: [u8; 32] = Sha256::digest(si.signature.as_bytes()).into();
    let token = tsa.timestamp(&imprint)?;
    let any = <Any as der::Decode>::from_der(&token).map_err(|e| LetterError::Timestamp(e.to_string()))?;
    let mut values = SetOfVec::new();
    values.insert(any)?;
    Ok(Attribute {
        oid: const_oid::db::rfc3161::ID_AA_TIME_STAMP_TOKEN,
        values,
    })
}
