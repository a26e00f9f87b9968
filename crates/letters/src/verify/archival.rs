//! What a letter says about how long and by whom it can be read: the PDF/A level and PDF/UA part
//! it claims (its XMP metadata), whether it is tagged, whether it carries long-term validation
//! data (a `/DSS` with certificates and revocation data, PAdES B-LT), and for each signature the
//! RFC 3161 timestamp it carries (PAdES B-T): by whom, when, and whether it holds and is trusted.
//!
//! These are facts about the file, read within the same bounds as the rest of the verifier: the
//! document is the one `revisions` already parsed, streams are inflated with a limit, and at
//! most [`MAX_REVOCATION_LISTS`] lists are checked.

use cms::signed_data::SignerInfo;
use der::{Decode, Encode};
use lopdf::{Document, Object};
use serde::{Deserialize, Serialize};
use x509_cert::crl::CertificateList;
use x509_cert::Certificate;

use crate::identity::Fingerprint;
use crate::signatures;
use crate::time::UtcDateTime;
use crate::timestamp;

/// The most a metadata stream, certificate or revocation list may inflate to when read here.
const MAX_STREAM_BYTES: usize = 256 << 10;
/// Revocation lists checked against the trusted certificates (a letter carries one).
const MAX_REVOCATION_LISTS: usize = 8;

/// A signature's timestamp (RFC 3161), as found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimestampReport {
    /// The timestamp authority, by its certificate's name.
    pub authority: Option<String>,
    pub authority_sha256: Option<Fingerprint>,
    /// When the authority says the signature existed.
    pub time: Option<UtcDateTime>,
    /// The token is for this signature's value.
    pub imprint_matches: bool,
    /// The authority's certificate may timestamp, and its signature over the token verifies.
    pub signature_valid: bool,
    /// The authority's certificate chains to a trusted certificate.
    pub trusted: bool,
    pub problems: Vec<String>,
}

/// Long-term validation data in the document security store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationData {
    pub certificates: usize,
    pub revocation_lists: usize,
    pub ocsp_responses: usize,
    /// A revocation list in it is signed by a trusted certificate (the board's own authority).
    pub revocation_list_from_trusted: bool,
}

/// Facts about the whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFacts {
    /// The PDF/A part and conformance its metadata claims, e.g. "2A" (PDF/A-2a).
    pub pdfa: Option<String>,
    /// The PDF/UA part its metadata claims, e.g. "1".
    pub pdfua: Option<String>,
    /// `/MarkInfo /Marked true` and a structure tree: a screen reader has the reading order.
    pub tagged: bool,
    /// The `/DSS`, when there is one.
    pub validation_data: Option<ValidationData>,
}

/// The timestamp token in a signer's unsigned attributes, examined against `trusted`.
pub(super) fn timestamp_of(si: &SignerInfo, trusted: &[Certificate]) -> Option<TimestampReport> {
    let token = si
        .unsigned_attrs
        .iter()
        .flat_map(|attrs| attrs.iter())
        .find(|a| a.oid == const_oid::db::rfc3161::ID_AA_TIME_STAMP_TOKEN)?
        .values
        .iter()
        .next()?
        .to_der()
        .ok()?;
    let facts = timestamp::examine_token(&token, si.signature.as_bytes(), trusted);
    Some(TimestampReport {
        authority: facts.authority,
        authority_sha256: facts.authority_sha256,
        time: facts.time,
        imprint_matches: facts.imprint_matches,
        signature_valid: facts.signature_valid,
        trusted: facts.trusted,
        problems: facts.problems,
    })
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn stream_bytes(doc: &Document, object: &Object) -> Option<Vec<u8>> {
    let stream = resolve(doc, object)?.as_stream().ok()?;
    if stream.dict.get(b"Filter").is_err() {
        return (stream.content.len() <= MAX_STREAM_BYTES).then(|| stream.content.clone());
    }
    stream.decompressed_content_with_limit(MAX_STREAM_BYTES).ok()
}

/// The value of an XMP property written as an element (`<p:x>v</p:x>`) or an attribute
/// (`p:x="v"`), the two forms XMP allows for simple values.
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    let element = format!("<{name}>");
    if let Some(at) = xmp.find(&element) {
        let rest = &xmp[at + element.len()..];
        return rest.find('<').map(|end| rest[..end].trim().to_string());
    }
    for quote in ['"', '\''] {
        let attribute = format!("{name}={quote}");
        if let Some(at) = xmp.find(&attribute) {
            let rest = &xmp[at + attribute.len()..];
            return rest.find(quote).map(|end| rest[..end].trim().to_string());
        }
    }
    None
}

/// The document's facts, from the catalog of its last revision.
pub(super) fn document_facts(doc: &Document, trusted: &[Certificate]) -> DocumentFacts {
    let Ok(catalog) = doc.catalog() else {
        return DocumentFacts::default();
    };
    let mut facts = DocumentFacts::default();
    if let Some(xmp) = catalog.get(b"Metadata").ok().and_then(|m| stream_bytes(doc, m)) {
        let xmp = String::from_utf8_lossy(&xmp);
        let part = xmp_value(&xmp, "pdfaid:part");
        let conformance = xmp_value(&xmp, "pdfaid:conformance").unwrap_or_default();
        facts.pdfa = part.map(|p| format!("{p}{}", conformance.to_ascii_uppercase()));
        facts.pdfua = xmp_value(&xmp, "pdfuaid:part");
    }
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| resolve(doc, m))
        .and_then(|m| m.as_dict().ok())
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|v| v.as_bool().ok())
        == Some(true);
    facts.tagged = marked && catalog.has(b"StructTreeRoot");
    facts.validation_data = catalog
        .get(b"DSS")
        .ok()
        .and_then(|d| resolve(doc, d))
        .and_then(|d| d.as_dict().ok())
        .map(|dss| {
            let items = |key: &[u8]| -> Vec<Object> {
                dss.get(key)
                    .ok()
                    .and_then(|v| resolve(doc, v))
                    .and_then(|v| v.as_array().ok())
                    .cloned()
                    .unwrap_or_default()
            };
            let crls = items(b"CRLs");
            let revocation_list_from_trusted = crls
                .iter()
                .take(MAX_REVOCATION_LISTS)
                .filter_map(|c| stream_bytes(doc, c))
                .any(|der| issued_by_trusted(&der, trusted));
            ValidationData {
                certificates: items(b"Certs").len(),
                revocation_lists: crls.len(),
                ocsp_responses: items(b"OCSPs").len(),
                revocation_list_from_trusted,
            }
        });
    facts
}

/// Whether a DER revocation list is signed by one of the trusted certificates.
fn issued_by_trusted(der: &[u8], trusted: &[Certificate]) -> bool {
    let Ok(crl) = CertificateList::<x509_cert::certificate::Rfc5280>::from_der(der) else {
        return false;
    };
    let (Ok(tbs), Some(signature)) = (crl.tbs_cert_list.to_der(), crl.signature.as_bytes()) else {
        return false;
    };
    trusted.iter().any(|t| {
        t.tbs_certificate().subject() == &crl.tbs_cert_list.issuer
            && signatures::verifies(
                t.tbs_certificate().subject_public_key_info(),
                &crl.signature_algorithm.oid,
                None,
                &tbs,
                signature,
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_values_read_in_both_forms() {
        let xmp =
            r#"<rdf:Description pdfaid:part="3" pdfuaid:part='1'><pdfaid:conformance>b</pdfaid:conformance>"#;
        assert_eq!(xmp_value(xmp, "pdfaid:part").as_deref(), Some("3"));
        assert_eq!(xmp_value(xmp, "pdfuaid:part").as_deref(), Some("1"));
        assert_eq!(xmp_value(xmp, "pdfaid:conformance").as_deref(), Some("b"));
        assert_eq!(xmp_value(xmp, "dc:title"), None);
        assert_eq!(xmp_value("<pdfaid:part>2", "pdfaid:part"), None);
    }
}
