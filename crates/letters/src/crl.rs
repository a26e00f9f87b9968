//! The board's certificate revocation list (RFC 5280 §5), issued by its own authority, so that
//! the long-term validation data in a letter (`dss.rs`) says the signers' certificates were not
//! revoked when the letter was signed: a validator then needs nothing online, now or in 30 years.
//!
//! The board revokes nothing today, so the list is empty; its number is its issue time, which
//! only grows.

use der::asn1::{BitString, Uint};
use der::Encode;
use spki::AlgorithmIdentifierOwned;
use x509_cert::crl::{CertificateList, TbsCertList};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlNumber, SubjectKeyIdentifier};
use x509_cert::ext::ToExtension;
use x509_cert::Version;

use crate::error::{LetterError, Result};
use crate::identity::{self, BoardAuthority};
use crate::time::UtcDateTime;

impl BoardAuthority {
    /// An empty CRL from `this_update`, to be replaced by `next_update` (DER).
    pub fn issue_crl(&self, this_update: UtcDateTime, next_update: UtcDateTime) -> Result<Vec<u8>> {
        if next_update <= this_update {
            return Err(LetterError::BadCertificate(
                "a revocation list must end after it starts".into(),
            ));
        }
        let ca = self.certificate().tbs_certificate();
        let issuer = ca.subject().clone();
        let number = u64::try_from(this_update.to_unix()).unwrap_or(0).to_be_bytes();
        let mut extensions = vec![CrlNumber(Uint::new(&number)?).to_extension(&issuer, &[])?];
        // Our authorities' certificates all carry a key identifier (identity/authority.rs); name it.
        if let Ok(Some((_, ski))) = ca.get_extension::<SubjectKeyIdentifier>() {
            let aki = AuthorityKeyIdentifier {
                key_identifier: Some(ski.0),
                ..Default::default()
            };
            extensions.push(aki.to_extension(&issuer, &extensions)?);
        }
        let algorithm = AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ECDSA_WITH_SHA_256,
            parameters: None,
        };
        let tbs: TbsCertList = TbsCertList {
            version: Version::V2,
            signature: algorithm.clone(),
            issuer,
            this_update: identity::to_time(this_update)?,
            next_update: Some(identity::to_time(next_update)?),
            revoked_certificates: None,
            crl_extensions: Some(extensions),
        };
        let signature = self.sign_der(&tbs.to_der()?);
        Ok(CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&signature)?,
        }
        .to_der()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::ValidityPeriod;
    use der::Decode;

    #[test]
    fn the_list_is_signed_by_the_board_and_names_it() {
        let t = UtcDateTime::new(2026, 12, 6, 15, 0, 0).unwrap();
        let ca = BoardAuthority::create("Anytown Board", ValidityPeriod::years_from(t, 10)).unwrap();
        let der = ca.issue_crl(t, t.plus_days(30)).unwrap();
        let crl = CertificateList::<x509_cert::certificate::Rfc5280>::from_der(&der).unwrap();
        let tbs = &crl.tbs_cert_list;
        assert_eq!(&tbs.issuer, ca.certificate().tbs_certificate().subject());
        assert!(tbs.revoked_certificates.is_none());
        assert_eq!(identity::from_time(&tbs.this_update), t);
        let key = identity::verifying_key(ca.certificate()).unwrap();
        let sig = p256::ecdsa::DerSignature::from_bytes(crl.signature.as_bytes().unwrap()).unwrap();
        signature::Verifier::verify(&key, &tbs.to_der().unwrap(), &sig).unwrap();
        assert!(ca.issue_crl(t, t).is_err());
    }
}
