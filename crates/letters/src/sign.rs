//! PAdES B-B signatures (`/SubFilter /ETSI.CAdES.detached`) written as incremental updates.
//!
//! The update appends, after the original bytes: the catalog (same object number) with
//! `/AcroForm << /Fields [...] /SigFlags 3 >>`, the slot's signature field (made empty with the
//! letter, see `fields.rs`; for a PDF made elsewhere, a new one added to the page's `/Annots`)
//! now with its value and a visible appearance (with embedded fonts, see `appearance.rs`), and
//! the `/Sig` value dictionary with a fixed-width `/ByteRange` placeholder and a zero-filled
//! `/Contents`; then a classic xref section with `/Prev` (`incremental.rs`). The two byte ranges
//! are hashed with SHA-256 and a detached CMS SignedData is written into `/Contents`
//! (`cms_signature.rs`), with an RFC 3161 timestamp token over its signature value when a
//! timestamp authority is given (PAdES B-T). Each further signature is one more update on top,
//! so the earlier ones stay valid.

use lopdf::{dictionary, Dictionary, Object, StringFormat};
use sha2::{Digest, Sha256};

use crate::appearance::signature_appearance;
use crate::cms_signature::{automatic_reserve, build_cms};
use crate::embedded_font;
use crate::error::{LetterError, Result};
use crate::fields;
use crate::identity::{self, SigningIdentity};
use crate::incremental::Update;
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
    /// Bytes reserved for the CMS in `/Contents` (written as twice as many hex digits); none:
    /// enough for the signer's certificates, the signature and the timestamp token.
    pub contents_reserve: Option<usize>,
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

impl<'a> SignatureRequest<'a> {
    pub fn new(slot: SignatureSlot, signed_at: UtcDateTime) -> Self {
        SignatureRequest {
            slot,
            signed_at,
            reason: None,
            location: None,
            timestamper: None,
            contents_reserve: None,
        }
    }

    /// Adds a timestamp authority (the automatic reserve grows by its token's size).
    pub fn with_timestamper(mut self, t: &'a dyn Timestamper) -> Self {
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
    let Some(reserve) = request.contents_reserve else {
        let automatic = automatic_reserve(identity, request.timestamper)?;
        return match sign_with_reserve(pdf, identity, request, automatic) {
            // A timestamp token larger than the authority's earlier ones: sign again with room
            // for it (one more token is asked for).
            Err(LetterError::SignatureTooLarge { needed, .. }) if request.timestamper.is_some() => {
                sign_with_reserve(pdf, identity, request, needed + 512)
            }
            other => other,
        };
    };
    sign_with_reserve(pdf, identity, request, reserve)
}

fn sign_with_reserve(
    pdf: &[u8],
    identity: &dyn SigningIdentity,
    request: &SignatureRequest<'_>,
    reserve: usize,
) -> Result<Vec<u8>> {
    let chain = identity.certificate_chain();
    let cert = chain
        .first()
        .ok_or_else(|| LetterError::SigningFailed("no signing certificate".into()))?;
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| LetterError::MalformedPdf(e.to_string()))?;
    let bad = |what: &str| LetterError::MalformedPdf(what.to_string());
    let mut update = Update::new(pdf, &doc, 2 * reserve + 16_000)?;
    let root_id = update.root();
    let page_id = *doc
        .get_pages()
        .get(&(request.slot.page_index as u32 + 1))
        .ok_or(LetterError::NoSuchSlot(request.slot.page_index))?;
    let sig_id = update.new_id();
    let ap_id = update.new_id();
    let signer_name = identity::common_name(cert).unwrap_or_default();

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
    let mut fields = array_of(&doc, acroform.get(b"Fields").ok());

    // The slot's empty field, made with the letter and tagged, is filled in; without one (a
    // PDF made elsewhere) a new field and widget go on the page.
    let slot = request.slot;
    let (widget_id, mut widget) = match fields::empty_field_for_slot(&doc, &fields, page_id, &slot) {
        Some(found) => found,
        None => {
            let widget_id = update.new_id();
            let field_name = unique_field_name(&doc, &fields);
            fields.push(Object::Reference(widget_id));
            let mut page = doc
                .get_dictionary(page_id)
                .map_err(|_| bad("page unreadable"))?
                .clone();
            let mut annots = array_of(&doc, page.get(b"Annots").ok());
            annots.push(Object::Reference(widget_id));
            page.set("Annots", Object::Array(annots));
            update.write(page_id, &Object::Dictionary(page));
            let widget = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Widget",
                "FT" => "Sig",
                "T" => text_string(&field_name),
                "TU" => text_string(&fields::spoken_name(&signer_name)),
                "F" => fields::WIDGET_FLAGS,
                "P" => Object::Reference(page_id),
                "Rect" => fields::rect(&slot),
            };
            (widget_id, widget)
        }
    };
    let mut new_acroform = acroform.clone();
    new_acroform.set("Fields", Object::Array(fields));
    new_acroform.set("SigFlags", Object::Integer(3));
    match acroform_ref {
        Some(id) => update.write(id, &Object::Dictionary(new_acroform)),
        None => {
            let mut new_catalog = catalog.clone();
            new_catalog.set("AcroForm", Object::Dictionary(new_acroform));
            update.write(root_id, &Object::Dictionary(new_catalog));
        }
    }

    // The visible appearance, with its fonts.
    let fp = identity::fingerprint(cert)?;
    let appearance = signature_appearance(
        cert,
        &fp,
        request.signed_at,
        (slot.width, slot.height),
        &embedded_font::fonts_on_page(&doc, page_id),
        &mut update.next_id,
    )?;
    for (id, object) in &appearance.objects {
        update.write(*id, object);
    }
    update.write(ap_id, &Object::Stream(appearance.stream));
    widget.set("V", Object::Reference(sig_id));
    widget.set("AP", dictionary! { "N" => Object::Reference(ap_id) });
    update.write(widget_id, &Object::Dictionary(widget));

    // The signature dictionary, with placeholders patched below.
    update.begin_raw(sig_id);
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
    let byte_range_at = update.out.len() + sig.len();
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER);
    sig.extend_from_slice(b" /Contents ");
    let contents_at = update.out.len() + sig.len();
    sig.push(b'<');
    sig.resize(sig.len() + 2 * reserve, b'0');
    sig.push(b'>');
    let contents_end = update.out.len() + sig.len();
    sig.extend_from_slice(b">>\nendobj\n");
    update.out.extend_from_slice(&sig);
    let mut out = update.finish();

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
    if cms.len() > reserve {
        return Err(LetterError::SignatureTooLarge {
            needed: cms.len(),
            reserved: reserve,
        });
    }
    let hex = hex::encode_upper(&cms);
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// An array given directly or by reference (empty when absent).
fn array_of(doc: &lopdf::Document, value: Option<&Object>) -> Vec<Object> {
    match value {
        Some(Object::Array(a)) => a.clone(),
        Some(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 ********** ********** **********]";

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
