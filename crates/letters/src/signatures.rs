//! Checking other parties' signatures: a timestamp authority's token and the certificates of
//! its chain. Our own board signs with ECDSA P-256 only, but timestamp authorities mostly use RSA
//! (RSASSA-PKCS1-v1_5, RFC 8017 §8.2) with SHA-256, SHA-384 or SHA-512; both are accepted here.

use const_oid::db::rfc5912;
use const_oid::ObjectIdentifier;
use der::Encode;
use p256::ecdsa::{DerSignature, VerifyingKey as EcKey};
use rsa::pkcs1v15::{Signature as RsaSignature, VerifyingKey as RsaKey};
use rsa::PublicKey as RsaPublicKey;
use sha2::{Digest, Sha256, Sha384, Sha512};
use signature::Verifier;
use spki::{DecodePublicKey, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;

/// A digest algorithm we can compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigestAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            rfc5912::ID_SHA_256 => Some(DigestAlg::Sha256),
            rfc5912::ID_SHA_384 => Some(DigestAlg::Sha384),
            rfc5912::ID_SHA_512 => Some(DigestAlg::Sha512),
            _ => None,
        }
    }

    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestAlg::Sha256 => Sha256::digest(data).to_vec(),
            DigestAlg::Sha384 => Sha384::digest(data).to_vec(),
            DigestAlg::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// The digest a signature algorithm identifier implies (RFC 4055, RFC 5758), or `with` for
/// the bare `rsaEncryption` that CMS signers often name.
fn digest_of(signature_alg: &ObjectIdentifier, with: Option<DigestAlg>) -> Option<DigestAlg> {
    match *signature_alg {
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION | rfc5912::ECDSA_WITH_SHA_256 => Some(DigestAlg::Sha256),
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION | rfc5912::ECDSA_WITH_SHA_384 => Some(DigestAlg::Sha384),
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION | rfc5912::ECDSA_WITH_SHA_512 => Some(DigestAlg::Sha512),
        rfc5912::RSA_ENCRYPTION | rfc5912::ID_EC_PUBLIC_KEY => with,
        _ => None,
    }
}

/// Whether `signature` over `message` verifies with the key in `spki`, under `signature_alg`
/// (`digest` where the algorithm does not name one). RSA PKCS#1 v1.5 with SHA-2, and ECDSA on
/// P-256 with SHA-256.
pub(crate) fn verifies(
    spki: &SubjectPublicKeyInfoOwned,
    signature_alg: &ObjectIdentifier,
    digest: Option<DigestAlg>,
    message: &[u8],
    signature: &[u8],
) -> bool {
    let Some(digest) = digest_of(signature_alg, digest) else {
        return false;
    };
    let Ok(spki_der) = spki.to_der() else {
        return false;
    };
    if spki.algorithm.oid == rfc5912::RSA_ENCRYPTION {
        let (Ok(key), Ok(sig)) = (
            RsaPublicKey::from_public_key_der(&spki_der),
            RsaSignature::try_from(signature),
        ) else {
            return false;
        };
        return match digest {
            DigestAlg::Sha256 => RsaKey::<Sha256>::new(key).verify(message, &sig).is_ok(),
            DigestAlg::Sha384 => RsaKey::<Sha384>::new(key).verify(message, &sig).is_ok(),
            DigestAlg::Sha512 => RsaKey::<Sha512>::new(key).verify(message, &sig).is_ok(),
        };
    }
    if spki.algorithm.oid == rfc5912::ID_EC_PUBLIC_KEY && digest == DigestAlg::Sha256 {
        let (Ok(key), Ok(sig)) = (
            EcKey::from_public_key_der(&spki_der),
            DerSignature::from_bytes(signature),
        ) else {
            return false;
        };
        return key.verify(message, &sig).is_ok();
    }
    false
}

/// Whether `issuer` signed `cert` (names chain and the signature verifies).
pub(crate) fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    let (Ok(tbs), Some(sig)) = (cert.tbs_certificate().to_der(), cert.signature().as_bytes()) else {
        return false;
    };
    verifies(
        issuer.tbs_certificate().subject_public_key_info(),
        &cert.signature_algorithm().oid,
        None,
        &tbs,
        sig,
    )
}

/// The trusted certificate `cert` chains to, through the certificates `carried` with it (at
/// most four links): itself when it is trusted, else an issuer.
pub(crate) fn chain_to<'a>(
    cert: &Certificate,
    carried: &[Certificate],
    trusted: &'a [Certificate],
) -> Option<&'a Certificate> {
    let same = |a: &Certificate, b: &Certificate| a.to_der().ok() == b.to_der().ok();
    let mut current = cert.clone();
    for _ in 0..5 {
        if let Some(t) = trusted.iter().find(|t| same(t, &current)) {
            return Some(t);
        }
        if let Some(t) = trusted.iter().find(|t| issued_by(&current, t)) {
            return Some(t);
        }
        let next = carried
            .iter()
            .find(|c| !same(c, &current) && issued_by(&current, c))?
            .clone();
        current = next;
    }
    None
}
