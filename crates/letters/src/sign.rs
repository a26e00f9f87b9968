//! PAdES B-B signatures (`/SubFilter /ETSI.CAdES.detached`) written as incremental updates.
//!
//! The update appends, after the original bytes: the catalog (same object number) with
//! `/AcroForm << /Fields [...] /SigFlags 3 >>`, the page with the new widget added to its
//! `/Annots`, a signature field merged with its widget and a visible appearance, and the `/Sig`
//! value dictionary with a fixed-width `/ByteRange` placeholder and a zero-filled `/Contents`;
//! then a classic xref section with `/Prev`. The two byte ranges are hashed with SHA-256 and a
//! detached CMS SignedData is written into `/Contents`. Each further signature is one more
//! update on top, so the earlier ones stay valid.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier, SignerInfo};
use der::asn1::{BitString, OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};
use spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey, SubjectPublicKeyInfoOwned,
};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::fonts::{Face, Metrics};
use crate::identity::{self, Fingerprint, SigningIdentity};
use crate::layout::SignatureSlot;
use crate::pdfobj::{self, text_string, write_object};
use crate::time::UtcDateTime;

/// An RFC 3161 timestamp authority, when the board has one configured. Only the hook is here:
/// the network client belongs elsewhere.
pub trait Timestamper: Send + Sync {
    /// Returns a DER-encoded `TimeStampToken` (a CMS ContentInfo) whose message imprint is
    /// `signature_sha256`, the SHA-256 of the CMS signature value.
    fn timestamp(&self, signature_sha256: &[u8; 32]) -> Result<Vec<u8>>;
    /// Bytes to reserve in `/Contents` for the token, on top of the signature itself.
    fn reserve_bytes(&self) -> usize {
        8192
    }
}

/// What to sign and how.
pub struct SignatureRequest<'a> {
    /// Where the visible signature block goes (from [`crate::RenderedLetter::slot`]).
    pub slot: SignatureSlot,
    /// The signing time: written as `/M` and shown in the visible block.
    pub signed_at: UtcDateTime,
    /// Optional `/Reason`, e.g. "Decision notice SCR-2016-004".
    pub reason: Option<String>,
    /// Optional `/Location`.
    pub location: Option<String>,
    /// Optional timestamp authority (an unsigned attribute in the CMS).
    pub timestamper: Option<&'a dyn Timestamper>,
    /// Bytes reserved for the CMS in `/Contents` (written as twice as many hex digits).
    pub contents_reserve: usize,
}

impl std::fmt::Debug for SignatureRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureRequest")
            .field("slot", &self.slot)
            .field("signed_at", &self.signed_at)
            .field("reason", &self.reason)
            .field("location", &self.location)
            .field("timestamper", &self.timestamper.is_some())
            .field("contents_reserve", &self.contents_reserve)
            .finish()
    }
}

/// The default `/Contents` reserve: 4 KB of CMS (8 KB of hex in the file). Our CMS with two
/// P-256 certificates is about 1.5 KB.
pub const DEFAULT_CONTENTS_RESERVE: usize = 4096;

impl<'a> SignatureRequest<'a> {
    pub fn new(slot: SignatureSlot, signed_at: UtcDateTime) -> Self {
        SignatureRequest {
            slot,
            signed_at,
            reason: None,
            location: None,
            timestamper: None,
            contents_reserve: DEFAULT_CONTENTS_RESERVE,
        }
    }

    /// Adds a timestamp authority and grows the reserve for its token.
    pub fn with_timestamper(mut self, t: &'a dyn Timestamper) -> Self {
        self.contents_reserve += t.reserve_bytes();
        self.timestamper = Some(t);
        self
    }
}

/// Signs `pdf` with `identity`, returning the original bytes followed by one incremental update.
pub fn sign_pdf(
    pdf: &[u8],
    identity: &dyn SigningIdentity,
    request: &SignatureRequest<'_>,
) -> Result<Vec<u8>> {
    let chain = identity.certificate_chain();
    let cert = chain
        .first()
        .ok_or_else(|| LetterError::SigningFailed("no signing certificate".into()))?;
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| LetterError::MalformedPdf(e.to_string()))?;
    let bad = |what: &str| LetterError::MalformedPdf(what.to_string());
    let prev_xref = pdfobj::last_startxref(pdf).ok_or_else(|| bad("no startxref"))?;

    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| bad("no /Root"))?;
    let trailer_size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
    let mut next_id = (trailer_size.max(i64::from(doc.max_id) + 1)) as u32;
    let pages = doc.get_pages();
    let page_id = *pages
        .get(&(request.slot.page_index as u32 + 1))
        .ok_or(LetterError::NoSuchSlot(request.slot.page_index))?;

    let sig_id: ObjectId = (next_id, 0);
    let widget_id: ObjectId = (next_id + 1, 0);
    let ap_id: ObjectId = (next_id + 2, 0);
    next_id += 3;

    // Objects rewritten in this update (catalog or AcroForm, and the page).
    let mut updated: Vec<(ObjectId, Object)> = Vec::new();

    // The field list, from the catalog's /AcroForm (direct or indirect).
    let catalog = doc
        .get_dictionary(root_id)
        .map_err(|_| bad("catalog unreadable"))?
        .clone();
    let (acroform, acroform_ref) = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (
            doc.get_dictionary(*id)
                .map_err(|_| bad("AcroForm unreadable"))?
                .clone(),
            Some(*id),
        ),
        Ok(Object::Dictionary(d)) => (d.clone(), None),
        _ => (Dictionary::new(), None),
    };
    let mut fields = match acroform.get(b"Fields") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let field_name = unique_field_name(&doc, &fields);
    fields.push(Object::Reference(widget_id));
    let mut new_acroform = acroform.clone();
    new_acroform.set("Fields", Object::Array(fields));
    new_acroform.set("SigFlags", Object::Integer(3));
    match acroform_ref {
        Some(id) => updated.push((id, Object::Dictionary(new_acroform))),
        None => {
            let mut new_catalog = catalog.clone();
            new_catalog.set("AcroForm", Object::Dictionary(new_acroform));
            updated.push((root_id, Object::Dictionary(new_catalog)));
        }
    }

    // The page, with the widget added to its annotations.
    let mut page = doc
        .get_dictionary(page_id)
        .map_err(|_| bad("page unreadable"))?
        .clone();
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(widget_id));
    page.set("Annots", Object::Array(annots));
    updated.push((page_id, Object::Dictionary(page)));

    // The visible appearance.
    let slot = request.slot;
    let fp = identity::fingerprint(cert)?;
    let appearance = appearance_stream(cert, &fp, request.signed_at, slot.width, slot.height)?;

    // Widget + field.
    let rect = Object::Array(vec![
        Object::Real(slot.x),
        Object::Real(slot.y),
        Object::Real(slot.x + slot.width),
        Object::Real(slot.y + slot.height),
    ]);
    let widget = dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => text_string(&field_name),
        "V" => Object::Reference(sig_id),
        "F" => 132, // Print + Locked
        "P" => Object::Reference(page_id),
        "Rect" => rect,
        "AP" => dictionary! { "N" => Object::Reference(ap_id) },
    };

    // Assemble the update.
    let mut out = Vec::with_capacity(pdf.len() + 2 * request.contents_reserve + 6000);
    out.extend_from_slice(pdf);
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();
    for (id, obj) in &updated {
        offsets.push((id.0, out.len()));
        write_indirect(&mut out, *id, obj);
    }
    offsets.push((widget_id.0, out.len()));
    write_indirect(&mut out, widget_id, &Object::Dictionary(widget));
    offsets.push((ap_id.0, out.len()));
    write_indirect(&mut out, ap_id, &Object::Stream(appearance));

    // The signature dictionary, with placeholders patched below.
    offsets.push((sig_id.0, out.len()));
    let signer_name = identity::common_name(cert).unwrap_or_default();
    let mut sig = Vec::new();
    sig.extend_from_slice(format!("{} 0 obj\n", sig_id.0).as_bytes());
    sig.extend_from_slice(b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached");
    sig.extend_from_slice(b" /Name ");
    write_object(&mut sig, &text_string(&signer_name));
    sig.extend_from_slice(b" /M ");
    write_object(
        &mut sig,
        &Object::String(
            request.signed_at.to_pdf_date().into_bytes(),
            StringFormat::Literal,
        ),
    );
    if let Some(reason) = &request.reason {
        sig.extend_from_slice(b" /Reason ");
        write_object(&mut sig, &text_string(reason));
    }
    if let Some(location) = &request.location {
        sig.extend_from_slice(b" /Location ");
        write_object(&mut sig, &text_string(location));
    }
    sig.extend_from_slice(b" /ByteRange ");
    let byte_range_at = out.len() + sig.len();
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER);
    sig.extend_from_slice(b" /Contents ");
    let contents_at = out.len() + sig.len();
    sig.push(b'<');
    sig.resize(sig.len() + 2 * request.contents_reserve, b'0');
    sig.push(b'>');
    let contents_end = out.len() + sig.len();
    sig.extend_from_slice(b">>\nendobj\n");
    out.extend_from_slice(&sig);

    // The xref section and trailer.
    let xref_at = out.len();
    write_xref(&mut out, &mut offsets);
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(next_id)));
    trailer.set("Root", Object::Reference(root_id));
    for key in [&b"Info"[..], b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), v.clone());
        }
    }
    trailer.set("Prev", Object::Integer(prev_xref as i64));
    out.extend_from_slice(b"trailer\n");
    write_object(&mut out, &Object::Dictionary(trailer));
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());

    // Patch /ByteRange.
    let after = out.len() - contents_end;
    let range = format!("[0 {:>10} {:>10} {:>10}]", contents_at, contents_end, after);
    if range.len() != BYTE_RANGE_PLACEHOLDER.len() {
        return Err(LetterError::MalformedPdf(
            "file too large for the /ByteRange placeholder".into(),
        ));
    }
    out[byte_range_at..byte_range_at + range.len()].copy_from_slice(range.as_bytes());

    // Hash the two ranges and sign.
    let mut hasher = Sha256::new();
    hasher.update(&out[..contents_at]);
    hasher.update(&out[contents_end..]);
    let digest: [u8; 32] = hasher.finalize().into();
    let cms = build_cms(identity, &digest, request.timestamper)?;
    if cms.len() > request.contents_reserve {
        return Err(LetterError::SignatureTooLarge {
            needed: cms.len(),
            reserved: request.contents_reserve,
        });
    }
    let hex = hex::encode_upper(&cms);
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 ********** ********** **********]";

fn write_indirect(out: &mut Vec<u8>, id: ObjectId, obj: &Object) {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    write_object(out, obj);
    out.extend_from_slice(b"\nendobj\n");
}

/// A classic xref section, one subsection per run of consecutive object numbers.
fn write_xref(out: &mut Vec<u8>, offsets: &mut [(u32, usize)]) {
    offsets.sort_by_key(|(id, _)| *id);
    out.extend_from_slice(b"xref\n");
    let mut i = 0;
    while i < offsets.len() {
        let mut j = i + 1;
        while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
            j += 1;
        }
        out.extend_from_slice(format!("{} {}\n", offsets[i].0, j - i).as_bytes());
        for (_, off) in &offsets[i..j] {
            out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes());
        }
        i = j;
    }
}

/// "Signature1", "Signature2", …: the first name not used by an existing field.
fn unique_field_name(doc: &lopdf::Document, fields: &[Object]) -> String {
    let names: Vec<String> = fields
        .iter()
        .filter_map(|f| f.as_reference().ok())
        .filter_map(|id| doc.get_dictionary(id).ok())
        .filter_map(|d| d.get(b"T").ok())
        .filter_map(|t| t.as_str().ok())
        .map(pdfobj::decode_text_string)
        .collect();
    (1..)
        .map(|n| format!("Signature{n}"))
        .find(|n| !names.contains(n))
        .expect("an unused name exists")
}

/// The visible signature block: who, in what role, when, and the certificate's fingerprint.
/// Drawn with the standard Helvetica faces (WinAnsi), which every PDF reader has.
fn appearance_stream(
    cert: &Certificate,
    fp: &Fingerprint,
    signed_at: UtcDateTime,
    w: f32,
    h: f32,
) -> Result<lopdf::Stream> {
    // Liberation Sans has Helvetica's metrics; parse its tables once per process.
    static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    let metrics = match METRICS.get() {
        Some(m) => m,
        None => {
            let loaded = Metrics::load()?;
            METRICS.get_or_init(|| loaded)
        }
    };
    let name = identity::common_name(cert).unwrap_or_else(|| "(unnamed signer)".into());
    let role = identity::title(cert);
    let org = identity::organisation(cert);
    let (local, zone) = signed_at.uk_local();
    let grouped = fp.grouped();
    let parts: Vec<&str> = grouped.split(' ').collect();
    let (fp1, fp2) = parts.split_at(parts.len() / 2);
    let pad = 8.0;
    let text_w = w - 2.0 * pad - 4.0;
    let mut lines: Vec<(Face, f32, String)> = vec![(Face::Bold, 9.0, name)];
    lines.extend(role.map(|r| (Face::Regular, 7.5, r)));
    lines.extend(org.map(|o| (Face::Regular, 7.5, o)));
    lines.push((
        Face::Regular,
        7.5,
        format!(
            "Digitally signed on {} at {} {zone}",
            local.long_date(),
            local.hour_minute()
        ),
    ));
    lines.push((Face::Regular, 6.5, format!("SHA-256 {}", fp1.join(" "))));
    lines.push((Face::Regular, 6.5, fp2.join(" ")));
    let mut c: Vec<u8> = Vec::new();
    // Frame: a pale fill, a thin border and an accent bar on the left.
    c.extend_from_slice(b"q 0.965 0.973 0.984 rg 0.55 0.6 0.68 RG 0.6 w\n");
    c.extend_from_slice(
        format!(
            "0.3 0.3 {} {} re B\n",
            pdfobj::format_real(w - 0.6),
            pdfobj::format_real(h - 0.6)
        )
        .as_bytes(),
    );
    c.extend_from_slice(
        format!(
            "0.11 0.27 0.49 rg 0.3 0.3 3 {} re f Q\n",
            pdfobj::format_real(h - 0.6)
        )
        .as_bytes(),
    );
    let leading = |size: f32| size * 1.28;
    let total: f32 = lines.iter().map(|(_, s, _)| leading(*s)).sum();
    let mut y = h - (h - total) / 2.0;
    let fp_label_w = metrics.width("SHA-256 ", Face::Regular, 6.5);
    let last = lines.len() - 1;
    for (i, (face, size, text)) in lines.iter().enumerate() {
        y -= leading(*size);
        let mut size = *size;
        let width = metrics.width(text, *face, size);
        if width > text_w {
            size = (size * text_w / width).max(5.0);
        }
        let font = match face {
            Face::Regular => "/Helv",
            Face::Bold => "/HelvB",
        };
        let x = pad + 4.0 + if i == last { fp_label_w } else { 0.0 };
        c.extend_from_slice(
            format!(
                "BT 0.1 0.1 0.1 rg {font} {} Tf {} {} Td ",
                pdfobj::format_real(size),
                pdfobj::format_real(x),
                pdfobj::format_real(y + size * 0.22)
            )
            .as_bytes(),
        );
        write_object(
            &mut c,
            &Object::String(pdfobj::win_ansi(text), StringFormat::Literal),
        );
        c.extend_from_slice(b" Tj ET\n");
    }
    let content = c;
    let font = |base: &str| {
        dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => Object::Name(base.as_bytes().to_vec()),
            "Encoding" => "WinAnsiEncoding",
        }
    };
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]),
        "Resources" => dictionary! {
            "Font" => dictionary! { "Helv" => font("Helvetica"), "HelvB" => font("Helvetica-Bold") },
        },
    };
    let mut stream = lopdf::Stream::new(dict, content);
    let _ = stream.compress();
    Ok(stream)
}

// --- CMS -------------------------------------------------------------------------------------

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
fn build_cms(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{BoardAuthority, SignerSubject, ValidityPeriod};

    #[test]
    fn the_visible_block_encodes_names_for_winansi() {
        let t = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
        let ca = BoardAuthority::create("Anytown Board", ValidityPeriod::years_from(t, 1)).unwrap();
        let signer = ca
            .issue_signer(
                &SignerSubject {
                    name: "Tom Öberg".into(),
                    role: "Director of Children’s Services".into(),
                    organisation: "Tŷ Board".into(),
                },
                ValidityPeriod::years_from(t, 1),
            )
            .unwrap();
        let cert = &signer.certificate_chain()[0];
        let fp = identity::fingerprint(cert).unwrap();
        let mut stream = appearance_stream(cert, &fp, t, 300.0, 65.0).unwrap();
        stream.decompress().unwrap();
        let content = stream.content;
        let has = |needle: &[u8]| content.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"(Tom \xD6berg)"));
        assert!(has(b"(Director of Children\x92s Services)"));
        assert!(has(b"(Ty Board)"));
        assert!(has(b"(Digitally signed on 12 April 2016 at 15:03 BST)"));
        assert!(has(fp.grouped().split(' ').next().unwrap().as_bytes()));
        assert!(!has("\u{FFFD}".as_bytes()));
    }
}
