//! A signer whose P-256 key is held in memory: the archive decrypts it for the moment of signing.

use std::fmt;

use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::DecodePrivateKey;
use signature::Signer;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::authority::{check_key_matches, pkcs8};
use super::{parse_certificate, CertificateExport, SigningIdentity};
use crate::error::{LetterError, Result};

/// A signer whose P-256 key is held in memory (the archive decrypts it for the moment of signing).
pub struct LocalSigner {
    pub(super) key: SigningKey,
    pub(super) chain: Vec<Certificate>,
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
