//! The cryptographic half of checking one signature: the CMS SignedData in `/Contents`, the
//! digest of the signed byte ranges, the signed attributes (RFC 5652 §5.4, the
//! signing-certificate-v2 attribute of RFC 5035), and the certificate chain to a trusted
//! board certificate.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use p256::ecdsa::DerSignature;
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;

use crate::cms_signature::SigningCertificateV2;
use crate::identity;

use super::byte_range::ByteRange;
use super::{IntegrityStatus, SignatureReport};

/// How many certificates carried in a signature are considered as intermediates. A signature
/// carries the signer's certificate and perhaps its CA; each candidate costs a signature
/// check against every trusted certificate, so a CMS stuffed with certificates must not
/// multiply that work.
const MAX_CARRIED_CERTIFICATES: usize = 8;

/// Checks the CMS signature in `range` and fills in what it finds. `name_entry` is the
/// dictionary's `/Name`, used when the certificate gives no name.
pub(super) fn check_signature(
    r: &mut SignatureReport,
    range: &ByteRange<'_>,
    trusted: &[Certificate],
    name_entry: Option<String>,
) {
    let Some(contents) = range.signature_value() else {
        r.problems.push("the signature value is not a hex string".into());
        return;
    };
    let Some(cms_der) = der_prefix(&contents) else {
        r.problems.push("the signature value is not DER".into());
        return;
    };
    let parsed = ContentInfo::from_der(cms_der)
        .ok()
        .filter(|ci| ci.content_type == const_oid::db::rfc5911::ID_SIGNED_DATA)
        .and_then(|ci| ci.content.decode_as::<SignedData>().ok());
    let Some(signed_data) = parsed else {
        r.problems
            .push("the signature value is not a CMS SignedData".into());
        return;
    };
    let Some(si) = signed_data.signer_infos.0.iter().next().cloned() else {
        r.problems.push("the CMS has no signer".into());
        return;
    };
    let certs: Vec<Certificate> = signed_data
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer_cert = certs.iter().find(|c| matches_sid(c, &si.sid)).cloned();

    if let Some(cert) = &signer_cert {
        r.certificate_sha256 = identity::fingerprint(cert).ok();
        r.signer_name = identity::common_name(cert).or(name_entry);
        r.signer_role = identity::title(cert);
        r.signer_organisation = identity::organisation(cert);
        let anchor = trust_anchor(cert, &certs, trusted);
        r.chains_to_trusted = anchor.is_some();
        r.trust_anchor_sha256 = anchor.and_then(|a| identity::fingerprint(a).ok());
        if let Some(t) = r.signing_time {
            let v = cert.tbs_certificate().validity();
            let (from, to) = (
                identity::from_time(&v.not_before),
                identity::from_time(&v.not_after),
            );
            r.certificate_valid_at_signing_time = Some(from <= t && t <= to);
        }
    } else {
        r.signer_name = name_entry;
        r.problems
            .push("the signer's certificate is not in the signature".into());
    }

    let digest_oid = si.digest_alg.oid;
    let Some(digest) = digest_of(digest_oid, range.signed_parts()) else {
        r.integrity = IntegrityStatus::UnsupportedAlgorithm;
        r.problems
            .push(format!("unsupported digest algorithm {digest_oid}"));
        return;
    };
    let Some(signed_attrs) = &si.signed_attrs else {
        r.problems
            .push("the signature has no signed attributes (not PAdES)".into());
        return;
    };
    let message_digest = signed_attrs
        .iter()
        .find(|a| a.oid == const_oid::db::rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok());
    let Some(message_digest) = message_digest else {
        r.problems
            .push("the signature has no message-digest attribute".into());
        return;
    };
    if message_digest.as_bytes() != digest.as_slice() {
        r.integrity = IntegrityStatus::DigestMismatch;
        r.problems
            .push("the signed content was changed after signing (digest mismatch)".into());
        return;
    }
    r.signing_certificate_attribute_matches = match &signer_cert {
        Some(cert) => signing_certificate_matches(&si, cert),
        None => false,
    };
    if signer_cert.is_some() && !r.signing_certificate_attribute_matches {
        r.problems
            .push("the signing-certificate attribute does not name the signer's certificate".into());
    }
    let Some(cert) = signer_cert else {
        r.integrity = IntegrityStatus::BadSignature;
        return;
    };
    let sig_oid = si.signature_algorithm.oid;
    if sig_oid != const_oid::db::rfc5912::ECDSA_WITH_SHA_256
        && sig_oid != const_oid::db::rfc5912::ID_EC_PUBLIC_KEY
    {
        r.integrity = IntegrityStatus::UnsupportedAlgorithm;
        r.problems
            .push(format!("unsupported signature algorithm {sig_oid}"));
        return;
    }
    let verified = (|| {
        let key = identity::verifying_key(&cert).ok()?;
        let attrs_der = signed_attrs.to_der().ok()?;
        let sig = DerSignature::from_bytes(si.signature.as_bytes()).ok()?;
        signature::Verifier::verify(&key, &attrs_der, &sig).ok()
    })();
    if verified.is_some() {
        r.integrity = IntegrityStatus::Intact;
    } else {
        r.integrity = IntegrityStatus::BadSignature;
        r.problems
            .push("the signature value does not verify with the signer's certificate".into());
    }
}

/// The signer of the CMS in `range` (for its timestamp, see `archival.rs`).
pub(super) fn signer_info(range: &ByteRange<'_>) -> Option<cms::signed_data::SignerInfo> {
    let contents = range.signature_value()?;
    let signed_data = ContentInfo::from_der(der_prefix(&contents)?)
        .ok()
        .filter(|ci| ci.content_type == const_oid::db::rfc5911::ID_SIGNED_DATA)?
        .content
        .decode_as::<SignedData>()
        .ok()?;
    signed_data.signer_infos.0.iter().next().cloned()
}

/// The digest of the signed parts with the algorithm the signer named, if we support it.
fn digest_of(oid: const_oid::ObjectIdentifier, parts: [&[u8]; 2]) -> Option<Vec<u8>> {
    fn hash<D: Digest>(parts: [&[u8]; 2]) -> Vec<u8> {
        let mut h = D::new();
        for part in parts {
            h.update(part);
        }
        h.finalize().to_vec()
    }
    if oid == const_oid::db::rfc5912::ID_SHA_256 {
        Some(hash::<Sha256>(parts))
    } else if oid == const_oid::db::rfc5912::ID_SHA_384 {
        Some(hash::<Sha384>(parts))
    } else if oid == const_oid::db::rfc5912::ID_SHA_512 {
        Some(hash::<Sha512>(parts))
    } else {
        None
    }
}

/// The DER value at the start of `bytes` (a `/Contents` is padded with zeros after it).
pub(super) fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let first = *bytes.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2usize)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            let byte = usize::from(*bytes.get(2 + i)?);
            len = len.checked_mul(256)?.checked_add(byte)?;
        }
        (len, 2 + n)
    };
    bytes.get(..header.checked_add(len)?)
}

fn matches_sid(cert: &Certificate, sid: &SignerIdentifier) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            cert.tbs_certificate().issuer() == &ias.issuer
                && cert.tbs_certificate().serial_number() == &ias.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => matches!(
            cert.tbs_certificate().get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>(),
            Ok(Some((_, own))) if own == *ski
        ),
    }
}

/// The trusted certificate the signer's certificate chains to: itself, its issuer, or its
/// issuer's issuer (through a CA certificate carried in the CMS).
fn trust_anchor<'a>(
    cert: &Certificate,
    carried: &[Certificate],
    trusted: &'a [Certificate],
) -> Option<&'a Certificate> {
    let same = |a: &Certificate, b: &Certificate| a.to_der().ok() == b.to_der().ok();
    if let Some(t) = trusted.iter().find(|t| same(t, cert)) {
        return Some(t);
    }
    if let Some(t) = trusted
        .iter()
        .find(|t| identity::is_ca(t) && identity::issued_by(cert, t))
    {
        return Some(t);
    }
    for mid in carried
        .iter()
        .filter(|m| identity::is_ca(m))
        .take(MAX_CARRIED_CERTIFICATES)
        .filter(|m| identity::issued_by(cert, m))
    {
        if let Some(t) = trusted
            .iter()
            .find(|t| identity::is_ca(t) && (same(t, mid) || identity::issued_by(mid, t)))
        {
            return Some(t);
        }
    }
    None
}

fn signing_certificate_matches(si: &SignerInfo, cert: &Certificate) -> bool {
    let Some(attrs) = &si.signed_attrs else {
        return false;
    };
    let Some(attr) = attrs
        .iter()
        .find(|a| a.oid == const_oid::db::rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2)
    else {
        return false;
    };
    let Some(value) = attr.values.iter().next() else {
        return false;
    };
    let Ok(scv2) = value.decode_as::<SigningCertificateV2>() else {
        return false;
    };
    let Ok(der) = cert.to_der() else { return false };
    let hash = Sha256::digest(&der);
    scv2.certs
        .first()
        .map(|c| c.cert_hash.as_bytes() == hash.as_slice())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_prefix_strips_padding() {
        assert_eq!(
            der_prefix(&[0x30, 0x02, 1, 2, 0, 0]),
            Some(&[0x30, 0x02, 1, 2][..])
        );
        assert_eq!(
            der_prefix(&[0x30, 0x81, 0x01, 9, 0]),
            Some(&[0x30, 0x81, 0x01, 9][..])
        );
        assert_eq!(der_prefix(&[0, 0]), None);
        assert_eq!(der_prefix(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0]), None);
        assert_eq!(der_prefix(&[0x30, 0x85, 1, 1, 1, 1, 1]), None);
    }
}
