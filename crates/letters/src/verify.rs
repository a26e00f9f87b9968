//! Our own verifier of signed letters: for each signature, whether the signed bytes are intact,
//! who signed and when, whether the certificate chains to a trusted board certificate, and
//! whether anything but later signatures was added after it.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use lopdf::Object;
use p256::ecdsa::DerSignature;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;

use crate::identity::{self, Fingerprint};
use crate::pdfobj::{self, find, is_white};
use crate::sign::SigningCertificateV2;
use crate::time::UtcDateTime;

/// Whether one signature's bytes and cryptography hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityStatus {
    /// The digest of the signed byte ranges matches, and the signature over it verifies.
    Intact,
    /// The signed bytes were changed after signing.
    DigestMismatch,
    /// The digest matches what the signer signed, but the signature value does not verify.
    BadSignature,
    /// The `/ByteRange` is not four numbers that frame the `/Contents` exactly.
    ByteRangeMalformed,
    /// `/Contents` does not hold a CMS SignedData we can read.
    MalformedSignature,
    /// An algorithm we do not verify (we verify SHA-2 with ECDSA P-256).
    UnsupportedAlgorithm,
}

/// What we found about one signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureReport {
    /// 1-based, in the order of the signatures in the file.
    pub number: usize,
    pub field_name: Option<String>,
    pub integrity: IntegrityStatus,
    /// The signer's name: the certificate's common name, else the `/Name` entry.
    pub signer_name: Option<String>,
    pub signer_role: Option<String>,
    pub signer_organisation: Option<String>,
    /// The `/M` entry, as written and as UTC.
    pub signing_time_raw: Option<String>,
    pub signing_time: Option<UtcDateTime>,
    pub sub_filter: Option<String>,
    pub certificate_sha256: Option<Fingerprint>,
    /// The certificate is a trusted board certificate, or was issued by one.
    pub chains_to_trusted: bool,
    pub trust_anchor_sha256: Option<Fingerprint>,
    /// The signing time falls inside the certificate's validity period.
    pub certificate_valid_at_signing_time: Option<bool>,
    /// The signed signing-certificate-v2 attribute names this certificate.
    pub signing_certificate_attribute_matches: bool,
    pub byte_range: Vec<i64>,
    /// The signed ranges reach the end of the file.
    pub covers_whole_file: bool,
    /// Bytes were added after this signature other than further signatures.
    pub modified_after_signing: bool,
    /// Everything above is as it should be.
    pub valid: bool,
    /// Why it is not valid, in plain words.
    pub problems: Vec<String>,
}

/// The result of checking a PDF's signatures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationReport {
    /// SHA-256 of the whole file, upper-case hex (compare with the archive's record).
    pub file_sha256: String,
    pub file_size: usize,
    pub signatures: Vec<SignatureReport>,
    /// Something other than a signature was added after the last signature.
    pub modified_after_last_signature: bool,
    /// There is at least one signature and every one is valid.
    pub all_valid: bool,
}

struct FoundSignature {
    object_text: std::ops::Range<usize>,
    byte_range: Vec<i64>,
}

/// Checks every signature in `pdf` against the trusted board certificates.
pub fn verify(pdf: &[u8], trusted: &[Certificate]) -> VerificationReport {
    let found = find_signatures(pdf);
    let field_names = field_names(pdf);
    let mut reports: Vec<SignatureReport> = Vec::new();
    for (i, sig) in found.iter().enumerate() {
        reports.push(check_one(pdf, sig, i + 1, trusted, &field_names));
    }

    // Coverage: each signature's signed revision must be followed only by signature revisions.
    let ends: Vec<Option<usize>> = reports.iter().map(revision_end).collect();
    let mut tail_checks: std::collections::BTreeMap<usize, bool> = std::collections::BTreeMap::new();
    let mut last_good_end = None;
    for i in 0..reports.len() {
        let Some(end_i) = ends[i] else { continue };
        let mut modified = false;
        let mut at = end_i;
        for (j, end_j) in ends.iter().enumerate().skip(i + 1) {
            let Some(end_j) = *end_j else { continue };
            if end_j <= at {
                continue;
            }
            if !(reports[j].integrity == IntegrityStatus::Intact && only_signature_added(pdf, at, end_j)) {
                modified = true;
            }
            at = end_j;
        }
        // After the signatures, one more revision may add long-term validation data (dss.rs);
        // checked once per tail, as the signatures usually all end up looking at the same one.
        let tail = &pdf[at.min(pdf.len())..];
        let mut validation_data = || {
            *tail_checks.entry(at).or_insert_with(|| {
                crate::dss::is_whole_revision(tail) && only_signature_added(pdf, at, pdf.len())
            })
        };
        if !trailing_is_blank(tail) && !validation_data() {
            modified = true;
        }
        let r = &mut reports[i];
        r.modified_after_signing = modified;
        if modified {
            r.problems.push(if r.covers_whole_file {
                "the document was changed after this signature".into()
            } else {
                "the signature does not cover the whole file: something other than a signature was added after it"
                    .into()
            });
        }
        last_good_end = Some(at);
    }
    for r in &mut reports {
        r.valid = r.integrity == IntegrityStatus::Intact
            && r.chains_to_trusted
            && !r.modified_after_signing
            && r.certificate_valid_at_signing_time == Some(true)
            && r.signing_certificate_attribute_matches;
        if !r.chains_to_trusted && r.integrity == IntegrityStatus::Intact {
            r.problems
                .push("the signer's certificate was not issued by a trusted board certificate".into());
        }
        if r.certificate_valid_at_signing_time == Some(false) {
            r.problems
                .push("the signer's certificate was not valid at the signing time".into());
        }
    }
    let modified_after_last_signature = match last_good_end {
        Some(_) => reports.last().map(|r| r.modified_after_signing).unwrap_or(false),
        None => false,
    };
    VerificationReport {
        file_sha256: hex::encode_upper(Sha256::digest(pdf)),
        file_size: pdf.len(),
        all_valid: !reports.is_empty() && reports.iter().all(|r| r.valid),
        modified_after_last_signature,
        signatures: reports,
    }
}

/// The end of the bytes a signature covers (the end of its revision), when the range is sane.
fn revision_end(r: &SignatureReport) -> Option<usize> {
    if r.integrity == IntegrityStatus::ByteRangeMalformed || r.byte_range.len() != 4 {
        return None;
    }
    Some((r.byte_range[2] + r.byte_range[3]) as usize)
}

fn trailing_is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| is_white(*b))
}

/// Finds signature dictionaries by their `/ByteRange`, lexically, so that a damaged file still
/// reports what it can.
fn find_signatures(pdf: &[u8]) -> Vec<FoundSignature> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(pdf, b"/ByteRange", from) {
        from = at + 1;
        // The enclosing object: from the preceding "obj" to the following "endobj".
        let start = pdfobj::rfind(&pdf[..at], b" obj").map(|p| p + 4).unwrap_or(0);
        let end = find(pdf, b"endobj", at).unwrap_or(pdf.len());
        let text = &pdf[start..end];
        if find(text, b"/Contents", 0).is_none() {
            continue;
        }
        let byte_range = parse_int_array(&pdf[at + b"/ByteRange".len()..end]);
        out.push(FoundSignature {
            object_text: start..end,
            byte_range,
        });
    }
    out
}

/// Parses `[a b c d]` at the start of `bytes` (after whitespace); empty if malformed.
fn parse_int_array(bytes: &[u8]) -> Vec<i64> {
    let mut i = 0;
    while i < bytes.len() && is_white(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) != Some(&b'[') {
        return Vec::new();
    }
    let Some(close) = find(bytes, b"]", i) else {
        return Vec::new();
    };
    let inner = String::from_utf8_lossy(&bytes[i + 1..close]);
    let mut nums = Vec::new();
    for tok in inner.split_ascii_whitespace() {
        match tok.parse::<i64>() {
            Ok(n) => nums.push(n),
            Err(_) => return Vec::new(),
        }
    }
    nums
}

/// Field names by the object number of their `/V` signature dictionary, when the file parses.
fn field_names(pdf: &[u8]) -> Vec<(u32, String)> {
    let Ok(doc) = lopdf::Document::load_mem(pdf) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        let is_sig_field = matches!(d.get(b"FT"), Ok(Object::Name(n)) if n == b"Sig");
        if !is_sig_field {
            continue;
        }
        if let (Ok(Object::Reference(v)), Ok(t)) = (d.get(b"V"), d.get(b"T").and_then(Object::as_str)) {
            out.push((v.0, pdfobj::decode_text_string(t)));
        }
    }
    out
}

fn object_number(text_start: usize, pdf: &[u8]) -> Option<u32> {
    // "N G obj" ends at text_start; read the first number of that header.
    let header_end = text_start.checked_sub(4)?;
    let line_start = pdf[..header_end]
        .iter()
        .rposition(|b| *b == b'\n' || *b == b'\r')
        .map(|p| p + 1)?;
    let header = String::from_utf8_lossy(&pdf[line_start..header_end]);
    header.split_ascii_whitespace().next()?.parse().ok()
}

fn empty_report(number: usize, byte_range: Vec<i64>) -> SignatureReport {
    SignatureReport {
        number,
        field_name: None,
        integrity: IntegrityStatus::MalformedSignature,
        signer_name: None,
        signer_role: None,
        signer_organisation: None,
        signing_time_raw: None,
        signing_time: None,
        sub_filter: None,
        certificate_sha256: None,
        chains_to_trusted: false,
        trust_anchor_sha256: None,
        certificate_valid_at_signing_time: None,
        signing_certificate_attribute_matches: false,
        byte_range,
        covers_whole_file: false,
        modified_after_signing: false,
        valid: false,
        problems: Vec::new(),
    }
}

fn check_one(
    pdf: &[u8],
    sig: &FoundSignature,
    number: usize,
    trusted: &[Certificate],
    names: &[(u32, String)],
) -> SignatureReport {
    let mut r = empty_report(number, sig.byte_range.clone());
    let text = &pdf[sig.object_text.clone()];
    if let Some(n) = object_number(sig.object_text.start, pdf) {
        r.field_name = names.iter().find(|(v, _)| *v == n).map(|(_, t)| t.clone());
    }
    r.signing_time_raw =
        pdfobj::string_after_key(text, b"/M").map(|b| String::from_utf8_lossy(&b).into_owned());
    r.signing_time = r
        .signing_time_raw
        .as_deref()
        .and_then(UtcDateTime::parse_pdf_date);
    let name_entry = pdfobj::string_after_key(text, b"/Name").map(|b| pdfobj::decode_text_string(&b));
    r.sub_filter = pdfobj::name_after_key(text, b"/SubFilter");

    // The byte range must be [0 a b c] with the hex /Contents exactly in the gap.
    let br = &sig.byte_range;
    let len = pdf.len() as i64;
    let sane = br.len() == 4
        && br[0] == 0
        && br[1] > 0
        && br[2] > br[1]
        && br[3] >= 0
        && br[2] + br[3] <= len
        && pdf[br[1] as usize] == b'<'
        && pdf[br[2] as usize - 1] == b'>'
        && pdf[br[1] as usize + 1..br[2] as usize - 1]
            .iter()
            .all(|b| b.is_ascii_hexdigit() || is_white(*b));
    if !sane {
        r.integrity = IntegrityStatus::ByteRangeMalformed;
        r.signer_name = name_entry;
        r.problems
            .push("the /ByteRange does not frame the signature exactly".into());
        return r;
    }
    let (a, b, c, d) = (br[0] as usize, br[1] as usize, br[2] as usize, br[3] as usize);
    r.covers_whole_file = c + d == pdf.len();
    let Some((contents, _)) = pdfobj::read_hex(pdf, b) else {
        r.problems.push("the signature value is not a hex string".into());
        return r;
    };
    let Some(cms_der) = der_prefix(&contents) else {
        r.problems.push("the signature value is not DER".into());
        return r;
    };

    let parsed = ContentInfo::from_der(cms_der)
        .ok()
        .filter(|ci| ci.content_type == const_oid::db::rfc5911::ID_SIGNED_DATA)
        .and_then(|ci| ci.content.decode_as::<SignedData>().ok());
    let Some(signed_data) = parsed else {
        r.problems
            .push("the signature value is not a CMS SignedData".into());
        return r;
    };
    let Some(si) = signed_data.signer_infos.0.iter().next().cloned() else {
        r.problems.push("the CMS has no signer".into());
        return r;
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
        r.signer_name = identity::common_name(cert).or(name_entry.clone());
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

    // The digest of the two ranges.
    let digest_oid = si.digest_alg.oid;
    let digest: Option<Vec<u8>> = {
        let (r1, r2) = (&pdf[a..b], &pdf[c..c + d]);
        if digest_oid == const_oid::db::rfc5912::ID_SHA_256 {
            let mut h = Sha256::new();
            h.update(r1);
            h.update(r2);
            Some(h.finalize().to_vec())
        } else if digest_oid == const_oid::db::rfc5912::ID_SHA_384 {
            let mut h = Sha384::new();
            h.update(r1);
            h.update(r2);
            Some(h.finalize().to_vec())
        } else if digest_oid == const_oid::db::rfc5912::ID_SHA_512 {
            let mut h = Sha512::new();
            h.update(r1);
            h.update(r2);
            Some(h.finalize().to_vec())
        } else {
            None
        }
    };
    let Some(digest) = digest else {
        r.integrity = IntegrityStatus::UnsupportedAlgorithm;
        r.problems
            .push(format!("unsupported digest algorithm {digest_oid}"));
        return r;
    };
    let Some(signed_attrs) = &si.signed_attrs else {
        r.problems
            .push("the signature has no signed attributes (not PAdES)".into());
        return r;
    };
    let message_digest = signed_attrs
        .iter()
        .find(|a| a.oid == const_oid::db::rfc5911::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok());
    let Some(message_digest) = message_digest else {
        r.problems
            .push("the signature has no message-digest attribute".into());
        return r;
    };
    if message_digest.as_bytes() != digest.as_slice() {
        r.integrity = IntegrityStatus::DigestMismatch;
        r.problems
            .push("the signed content was changed after signing (digest mismatch)".into());
        return r;
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
        return r;
    };
    let sig_oid = si.signature_algorithm.oid;
    if sig_oid != const_oid::db::rfc5912::ECDSA_WITH_SHA_256
        && sig_oid != const_oid::db::rfc5912::ID_EC_PUBLIC_KEY
    {
        r.integrity = IntegrityStatus::UnsupportedAlgorithm;
        r.problems
            .push(format!("unsupported signature algorithm {sig_oid}"));
        return r;
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
    r
}

/// The DER value at the start of `bytes` (a `/Contents` is padded with zeros after it).
fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let first = *bytes.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*bytes.get(2 + i)?);
        }
        (len, 2 + n)
    };
    bytes.get(..header + len)
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
        .filter(|m| identity::is_ca(m) && identity::issued_by(cert, m))
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

/// Whether the bytes `from..to` (one or more incremental updates) only add signatures.
///
/// Allowed, as in the usual PDF signing tools' updates:
/// - new signature dictionaries and signature widgets, and new objects reachable from those
///   widgets (appearance streams, their fonts and font descriptors);
/// - the catalog rewritten with only `/AcroForm`, `/Metadata`, `/Version`, `/Extensions` (the PAdES
///   extension marker) or `/DSS` (validation data for long-term signatures) changed, and what
///   those reach; an indirect AcroForm
///   with only `/Fields`, `/SigFlags`, `/DR`, `/DA` changed; pages with only `/Annots` changed;
/// - document metadata: the Info dictionary and the XMP metadata stream (not shown on pages).
///
/// Anything else (page content, resources, an earlier widget's appearance, ...) is a change.
fn only_signature_added(pdf: &[u8], from: usize, to: usize) -> bool {
    use std::collections::BTreeSet;
    let (Ok(old), Ok(new)) = (
        lopdf::Document::load_mem(&pdf[..from]),
        lopdf::Document::load_mem(&pdf[..to]),
    ) else {
        return false;
    };
    let is_name = |o: Result<&Object, lopdf::Error>, n: &[u8]| matches!(o, Ok(Object::Name(x)) if x == n);
    let dict_of = |o: &Object| -> Option<lopdf::Dictionary> {
        match o {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Stream(s) => Some(s.dict.clone()),
            _ => None,
        }
    };
    let root = new.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let info = new.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let catalog = root.and_then(|r| new.get_dictionary(r).ok());
    let metadata = catalog.and_then(|c| c.get(b"Metadata").and_then(Object::as_reference).ok());
    let acroform = catalog.and_then(|c| c.get(b"AcroForm").and_then(Object::as_reference).ok());

    // Signature fields made empty with the letter and filled in by this revision count as new.
    let filled = crate::fields::filled_fields(&old, &new);
    // Roots of what a signature revision may add, and everything they reach.
    let mut stack: Vec<lopdf::ObjectId> = Vec::new();
    for (id, obj) in &new.objects {
        if old.objects.contains_key(id) && !filled.contains(id) {
            continue;
        }
        let Some(d) = dict_of(obj) else { continue };
        let is_sig = is_name(d.get(b"Type"), b"Sig");
        let is_sig_widget = is_name(d.get(b"Subtype"), b"Widget") && is_name(d.get(b"FT"), b"Sig");
        if is_sig || is_sig_widget {
            stack.push(*id);
        }
    }
    stack.extend(info);
    stack.extend(metadata);
    if let Some(c) = catalog {
        for key in [&b"DSS"[..], b"Extensions"] {
            if let Ok(v) = c.get(key) {
                collect_refs(v, &mut stack, &[]);
            }
        }
    }
    let mut reachable: BTreeSet<lopdf::ObjectId> = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !reachable.insert(id) {
            continue;
        }
        // Do not walk back into the page tree or into existing objects.
        if old.objects.contains_key(&id) && Some(id) != info && Some(id) != metadata && !filled.contains(&id)
        {
            continue;
        }
        if let Some(obj) = new.objects.get(&id) {
            collect_refs(obj, &mut stack, &[b"P".as_slice(), b"Parent"]);
        }
    }

    for (id, obj) in &new.objects {
        match old.objects.get(id) {
            Some(prev) if prev == obj => {}
            Some(prev) => {
                if Some(*id) == info || Some(*id) == metadata {
                    continue;
                }
                let (Some(a), Some(b)) = (dict_of(prev), dict_of(obj)) else {
                    return false;
                };
                if matches!(obj, Object::Stream(_)) {
                    return false; // a changed stream: content, appearance or image
                }
                let allowed: &[&[u8]] = if Some(*id) == root {
                    &[b"AcroForm", b"Metadata", b"Extensions", b"DSS", b"Version"]
                } else if Some(*id) == acroform {
                    &[b"Fields", b"SigFlags", b"DR", b"DA"]
                } else if is_name(b.get(b"Type"), b"Page") {
                    &[b"Annots"]
                } else if filled.contains(id) {
                    crate::fields::FILLED_FIELD_KEYS
                } else {
                    return false;
                };
                let keys: BTreeSet<&[u8]> = a
                    .iter()
                    .map(|(k, _)| k.as_slice())
                    .chain(b.iter().map(|(k, _)| k.as_slice()))
                    .collect();
                for k in keys {
                    if a.get(k).ok() != b.get(k).ok() && !allowed.contains(&k) {
                        return false;
                    }
                }
            }
            None => {
                if !reachable.contains(id) {
                    return false;
                }
            }
        }
    }
    true
}

/// Pushes every object reference inside `obj`, except under the given keys.
fn collect_refs(obj: &Object, out: &mut Vec<lopdf::ObjectId>, skip: &[&[u8]]) {
    match obj {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| collect_refs(o, out, skip)),
        Object::Dictionary(d) => {
            for (k, v) in d.iter() {
                if !skip.contains(&k.as_slice()) {
                    collect_refs(v, out, skip);
                }
            }
        }
        Object::Stream(s) => collect_refs(&Object::Dictionary(s.dict.clone()), out, skip),
        _ => {}
    }
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
        assert_eq!(parse_int_array(b" [0 10 20 30]"), vec![0, 10, 20, 30]);
        assert!(parse_int_array(b"[0 x]").is_empty());
    }
}
