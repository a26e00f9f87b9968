//! RFC 3161 timestamps (PAdES B-T): the request sent to a timestamp authority (TSA), the checks
//! on its answer, and what a token in a signed letter says.
//!
//! The few ASN.1 types are written here with `der` derives: RustCrypto's `x509-tsp` is built on
//! older `cms`/`der` releases than this workspace's. The network client is not here (the desk
//! has it); this module only turns bytes into bytes and facts.
//!
//! A token is accepted when (RFC 3161 §2.4.2): the status is granted, the token is a CMS
//! SignedData holding a `TSTInfo`, its message imprint is the hash we sent, its nonce is ours,
//! the TSA's certificate is in the token with the `timeStamping` extended key usage, the
//! signed attributes' message digest is that of the `TSTInfo`, and the TSA's signature over
//! them verifies with that certificate. "Trusted" means, in addition, that the certificate
//! chains to one the board chose (the TSA's CA file in Settings).

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::db::{rfc3161, rfc5911, rfc5912};
use const_oid::ObjectIdentifier;
use der::asn1::{BitString, Int, OctetString};
use der::{Any, Decode, Encode, Sequence, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::ext::Extensions;
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::identity::{self, Fingerprint};
use crate::signatures::{self, DigestAlg};
use crate::time::UtcDateTime;

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// TimeStampReq (RFC 3161 §2.4.1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    #[asn1(optional = "true")]
    req_policy: Option<ObjectIdentifier>,
    #[asn1(optional = "true")]
    nonce: Option<Int>,
    #[asn1(default = "Default::default")]
    cert_req: bool,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    extensions: Option<Extensions>,
}

/// PKIStatusInfo (RFC 3161 §2.4.2): 0 granted, 1 granted with modifications, 2 rejection, …
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PkiStatusInfo {
    status: u32,
    #[asn1(optional = "true")]
    status_string: Option<Vec<String>>,
    #[asn1(optional = "true")]
    fail_info: Option<BitString>,
}

/// TimeStampResp (RFC 3161 §2.4.2); the token is a CMS ContentInfo.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<ContentInfo>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct Accuracy {
    #[asn1(optional = "true")]
    seconds: Option<u32>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    millis: Option<u16>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    micros: Option<u16>,
}

/// TSTInfo (RFC 3161 §2.4.2). `gen_time` is kept raw: TSAs write fractions of a second, which
/// `der`'s GeneralizedTime does not accept.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TstInfo {
    version: u8,
    policy: ObjectIdentifier,
    message_imprint: MessageImprint,
    serial_number: Int,
    gen_time: Any,
    #[asn1(optional = "true")]
    accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    ordering: bool,
    #[asn1(optional = "true")]
    nonce: Option<Int>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    tsa: Option<GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    extensions: Option<Extensions>,
}

/// The certificates of a token considered: the authority's, its chain, and a few to spare.
const MAX_TOKEN_CERTIFICATES: usize = 8;

fn ts_err(what: impl std::fmt::Display) -> LetterError {
    LetterError::Timestamp(what.to_string())
}

/// A request to send, and what its answer must match.
#[derive(Debug, Clone)]
pub struct TimestampRequest {
    /// The DER to POST as `application/timestamp-query`.
    pub der: Vec<u8>,
    imprint: [u8; 32],
    nonce: Int,
}

/// A request for a token over `imprint` (a SHA-256 hash), with a fresh random nonce and the
/// TSA's certificate asked for (so the token carries what it takes to check it).
pub fn request(imprint: &[u8; 32]) -> Result<TimestampRequest> {
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| ts_err(format!("no randomness: {e}")))?;
    nonce[0] = (nonce[0] & 0x7F) | 0x01; // positive, and eight bytes long
    let nonce = Int::new(&nonce)?;
    let req = TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: rfc5912::ID_SHA_256,
                parameters: None,
            },
            hashed_message: OctetString::new(imprint.to_vec())?,
        },
        req_policy: None,
        nonce: Some(nonce.clone()),
        cert_req: true,
        extensions: None,
    };
    Ok(TimestampRequest {
        der: req.to_der()?,
        imprint: *imprint,
        nonce,
    })
}

/// The token in a TSA's answer to `request`, after every check above; with `trusted`
/// certificates given, the TSA must also chain to one of them.
pub fn token_from_response(
    request: &TimestampRequest,
    response: &[u8],
    trusted: &[Certificate],
) -> Result<Vec<u8>> {
    let resp =
        TimeStampResp::from_der(response).map_err(|e| ts_err(format!("not a timestamp response: {e}")))?;
    if resp.status.status > 1 {
        let why = resp.status.status_string.unwrap_or_default().join("; ");
        return Err(ts_err(format!(
            "the timestamp authority refused (status {}): {why}",
            resp.status.status
        )));
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| ts_err("the timestamp authority granted but sent no token"))?
        .to_der()?;
    let (facts, info) = examine(&token, trusted)?;
    if info.message_imprint.hash_algorithm.oid != rfc5912::ID_SHA_256
        || info.message_imprint.hashed_message.as_bytes() != request.imprint
    {
        return Err(ts_err("the token is for another message imprint"));
    }
    if info.nonce.as_ref() != Some(&request.nonce) {
        return Err(ts_err("the token does not carry our nonce (a replayed answer?)"));
    }
    if let Some(problem) = facts.problems.first() {
        return Err(ts_err(problem));
    }
    if !trusted.is_empty() && !facts.trusted {
        return Err(ts_err(
            "the timestamp authority's certificate does not chain to the CA certificate in Settings",
        ));
    }
    Ok(token)
}

/// What a timestamp token in a letter says, for the verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampFacts {
    /// When the authority says the signature existed.
    pub time: Option<UtcDateTime>,
    /// The authority: its certificate's common name (else organisation, else subject).
    pub authority: Option<String>,
    pub authority_sha256: Option<Fingerprint>,
    /// The token is over the hash of `imprinted` (the signature value it timestamps).
    pub imprint_matches: bool,
    /// The authority's certificate is in the token, may timestamp, and its signature verifies.
    pub signature_valid: bool,
    /// …and chains to one of the certificates the check was given.
    pub trusted: bool,
    /// The certificates the token carries (for the long-term validation data).
    pub certificates: Vec<Certificate>,
    pub problems: Vec<String>,
}

/// The certificates a token carries (none when it is not a token).
pub fn token_certificates(token: &[u8]) -> Vec<Certificate> {
    examine(token, &[])
        .map(|(facts, _)| facts.certificates)
        .unwrap_or_default()
}

/// Examines a token found in a signature over `imprinted`, against `trusted` authorities.
pub fn examine_token(token: &[u8], imprinted: &[u8], trusted: &[Certificate]) -> TimestampFacts {
    match examine(token, trusted) {
        Ok((mut facts, info)) => {
            let expected =
                DigestAlg::from_oid(&info.message_imprint.hash_algorithm.oid).map(|d| d.digest(imprinted));
            facts.imprint_matches =
                expected.as_deref() == Some(info.message_imprint.hashed_message.as_bytes());
            if !facts.imprint_matches {
                facts
                    .problems
                    .push("the timestamp is for something other than this signature".into());
            }
            facts
        }
        Err(e) => TimestampFacts {
            time: None,
            authority: None,
            authority_sha256: None,
            imprint_matches: false,
            signature_valid: false,
            trusted: false,
            certificates: Vec::new(),
            problems: vec![e.to_string()],
        },
    }
}

fn examine(token: &[u8], trusted: &[Certificate]) -> Result<(TimestampFacts, TstInfo)> {
    let content = ContentInfo::from_der(token).map_err(|e| ts_err(format!("the token is not CMS: {e}")))?;
    if content.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(ts_err("the token is not a CMS SignedData"));
    }
    let signed: SignedData = content
        .content
        .decode_as()
        .map_err(|e| ts_err(format!("the token's SignedData is unreadable: {e}")))?;
    let encap = &signed.encap_content_info;
    if encap.econtent_type != rfc3161::ID_CT_TST_INFO {
        return Err(ts_err("the token does not hold a TSTInfo"));
    }
    let tst_der = encap
        .econtent
        .as_ref()
        .ok_or_else(|| ts_err("the token's TSTInfo is missing"))?
        .decode_as::<OctetString>()
        .map_err(|e| ts_err(format!("the token's content is not an octet string: {e}")))?;
    let info = TstInfo::from_der(tst_der.as_bytes())
        .map_err(|e| ts_err(format!("the TSTInfo is unreadable: {e}")))?;
    // A token from a letter someone else had may carry any number of certificates; each one
    // considered costs signature checks, so only the first few are.
    let certificates: Vec<Certificate> = certificates_of(&signed).take(MAX_TOKEN_CERTIFICATES).collect();
    let mut facts = TimestampFacts {
        time: generalized_time(&info.gen_time),
        authority: None,
        authority_sha256: None,
        imprint_matches: false,
        signature_valid: false,
        trusted: false,
        certificates: certificates.clone(),
        problems: Vec::new(),
    };
    if facts.time.is_none() {
        facts.problems.push("the token's time is unreadable".into());
    }
    let signer = signed.signer_infos.0.iter().next();
    let cert = signer.and_then(|si| certificates.iter().find(|c| matches_sid(c, &si.sid)));
    let (Some(si), Some(cert)) = (signer, cert) else {
        facts
            .problems
            .push("the timestamp authority's certificate is not in the token".into());
        return Ok((facts, info));
    };
    facts.authority = identity::common_name(cert)
        .or_else(|| identity::organisation(cert))
        .or_else(|| Some(cert.tbs_certificate().subject().to_string()));
    facts.authority_sha256 = identity::fingerprint(cert).ok();
    if !may_timestamp(cert) {
        facts
            .problems
            .push("the certificate that signed the timestamp is not for timestamping".into());
    }
    if let (Some(t), validity) = (facts.time, cert.tbs_certificate().validity()) {
        let (from, to) = (
            identity::from_time(&validity.not_before),
            identity::from_time(&validity.not_after),
        );
        if t < from || t > to {
            facts
                .problems
                .push("the timestamp is outside its authority's certificate validity".into());
        }
    }
    facts.signature_valid = token_signature_verifies(si, cert, tst_der.as_bytes());
    if !facts.signature_valid {
        facts
            .problems
            .push("the timestamp authority's signature does not verify".into());
    }
    facts.trusted = facts.signature_valid && signatures::chain_to(cert, &certificates, trusted).is_some();
    Ok((facts, info))
}

/// RFC 3161 §2.3: the TSA's certificate has `id-kp-timeStamping` in a critical extended key usage.
fn may_timestamp(cert: &Certificate) -> bool {
    let ext = cert
        .tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .find(|e| e.extn_id == rfc5912::ID_CE_EXT_KEY_USAGE);
    let Some(ext) = ext else { return false };
    ext.critical
        && ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
            .map(|eku| eku.0.contains(&rfc5912::ID_KP_TIME_STAMPING))
            .unwrap_or(false)
}

/// The signed attributes name a TSTInfo, hold its digest, and the TSA's signature over them
/// verifies (RFC 5652 §5.4).
fn token_signature_verifies(si: &SignerInfo, cert: &Certificate, tst_der: &[u8]) -> bool {
    let Some(attrs) = &si.signed_attrs else {
        return false;
    };
    let Some(digest) = DigestAlg::from_oid(&si.digest_alg.oid) else {
        return false;
    };
    let value = |oid| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
    };
    let content_type_ok = value(rfc5911::ID_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
        == Some(rfc3161::ID_CT_TST_INFO);
    let digest_ok = value(rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .is_some_and(|d| d.as_bytes() == digest.digest(tst_der).as_slice());
    let Ok(attrs_der) = attrs.to_der() else {
        return false;
    };
    content_type_ok
        && digest_ok
        && signatures::verifies(
            cert.tbs_certificate().subject_public_key_info(),
            &si.signature_algorithm.oid,
            Some(digest),
            &attrs_der,
            si.signature.as_bytes(),
        )
}

/// Whether `cert` is the one a SignerInfo names (RFC 5652 §5.3).
/// The X.509 certificates a CMS SignedData carries (other kinds of certificate are skipped).
pub(crate) fn certificates_of(signed: &SignedData) -> impl Iterator<Item = Certificate> + '_ {
    signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
}

pub(crate) fn matches_sid(cert: &Certificate, sid: &SignerIdentifier) -> bool {
    let tbs = cert.tbs_certificate();
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            tbs.issuer() == &ias.issuer && tbs.serial_number() == &ias.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => matches!(
            tbs.get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>(),
            Ok(Some((_, own))) if own == *ski
        ),
    }
}

/// A GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z", fractions dropped.
fn generalized_time(value: &Any) -> Option<UtcDateTime> {
    if value.tag() != Tag::GeneralizedTime {
        return None;
    }
    let text = std::str::from_utf8(value.value()).ok()?;
    let digits = text.get(..14)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !text.ends_with('Z') {
        return None;
    }
    let n = |from: usize, len: usize| digits[from..from + len].parse::<u32>().ok();
    UtcDateTime::new(
        i32::try_from(n(0, 4)?).ok()?,
        u8::try_from(n(4, 2)?).ok()?,
        u8::try_from(n(6, 2)?).ok()?,
        u8::try_from(n(8, 2)?).ok()?,
        u8::try_from(n(10, 2)?).ok()?,
        u8::try_from(n(12, 2)?).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_asks_for_the_certificate_with_a_nonce() {
        let imprint = [7u8; 32];
        let a = request(&imprint).unwrap();
        let b = request(&imprint).unwrap();
        assert_ne!(a.nonce, b.nonce, "a fresh nonce each time");
        let back = TimeStampReq::from_der(&a.der).unwrap();
        assert_eq!(back.version, 1);
        assert!(back.cert_req);
        assert_eq!(back.message_imprint.hashed_message.as_bytes(), &imprint);
        assert_eq!(back.message_imprint.hash_algorithm.oid, rfc5912::ID_SHA_256);
        assert_eq!(back.nonce.unwrap().as_bytes().len(), 8);
    }

    #[test]
    fn refusals_and_junk_are_errors() {
        let req = request(&[1u8; 32]).unwrap();
        let refused = TimeStampResp {
            status: PkiStatusInfo {
                status: 2,
                status_string: Some(vec!["bad algorithm".into()]),
                fail_info: None,
            },
            time_stamp_token: None,
        }
        .to_der()
        .unwrap();
        let err = token_from_response(&req, &refused, &[]).unwrap_err();
        assert_eq!(err.code(), "letter.timestamp_failed");
        assert!(err.to_string().contains("bad algorithm"), "{err}");
        assert!(token_from_response(&req, b"<html>", &[]).is_err());
        let facts = examine_token(b"\x30\x03\x02\x01\x01", b"sig", &[]);
        assert!(!facts.signature_valid && !facts.problems.is_empty());
    }

    #[test]
    fn times_keep_whole_seconds() {
        let any = |s: &str| Any::new(Tag::GeneralizedTime, s.as_bytes()).unwrap();
        assert_eq!(
            generalized_time(&any("20261206150102.123Z")),
            Some(UtcDateTime::new(2026, 12, 6, 15, 1, 2).unwrap())
        );
        assert_eq!(generalized_time(&any("20261206150102Z")).unwrap().second, 2);
        assert_eq!(generalized_time(&any("2026120615")), None);
    }
}
