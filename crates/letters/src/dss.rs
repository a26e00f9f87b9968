//! Long-term validation data (PAdES B-LT, ETSI EN 319 142-1 §5.4.2; the Document Security Store
//! of ISO 32000-2 §12.8.4.3): one more incremental update after the signatures, adding to the
//! catalog a `/DSS` with every certificate the signatures and their timestamps rely on and the
//! board's own revocation list, so that a validator needs nothing online to check the letter.
//!
//! The update changes only the catalog (`/DSS`, and `/Extensions` saying ESIC level 5, as PAdES
//! asks) and adds streams, which every validator accepts after a signature.

use std::collections::BTreeSet;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use lopdf::{dictionary, Object, ObjectId, Stream};
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::incremental::Update;

/// The certificates carried by a CMS SignedData: its own, and those of the timestamp tokens in
/// its signers' unsigned attributes.
fn carried_certificates(cms_der: &[u8], out: &mut Vec<Certificate>) {
    let Ok((content, _)) = ContentInfo::from_der_partial(cms_der) else {
        return;
    };
    let Ok(signed) = content.content.decode_as::<SignedData>() else {
        return;
    };
    out.extend(crate::timestamp::certificates_of(&signed));
    for si in signed.signer_infos.0.iter() {
        let tokens = si
            .unsigned_attrs
            .iter()
            .flat_map(|attrs| attrs.iter())
            .filter(|a| a.oid == const_oid::db::rfc3161::ID_AA_TIME_STAMP_TOKEN)
            .flat_map(|a| a.values.iter());
        for token in tokens {
            if let Ok(der) = token.to_der() {
                carried_certificates(&der, out);
            }
        }
    }
}

/// The DER bytes of the streams an existing DSS array refers to.
fn existing(
    doc: &lopdf::Document,
    dss: Option<&lopdf::Dictionary>,
    key: &[u8],
) -> (Vec<Object>, BTreeSet<Vec<u8>>) {
    let refs = dss
        .and_then(|d| d.get(key).ok())
        .and_then(|v| match v {
            Object::Reference(id) => doc.get_object(*id).ok(),
            other => Some(other),
        })
        .and_then(|v| v.as_array().ok())
        .cloned()
        .unwrap_or_default();
    let bytes = refs
        .iter()
        .filter_map(|r| doc.get_object(r.as_reference().ok()?).ok())
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.decompressed_content().ok())
        .collect();
    (refs, bytes)
}

/// Adds (or extends) the document security store: the certificates of every signature and
/// timestamp in `pdf`, with `extra` certificates (the board's, if not already carried) and
/// `crls` (DER).
pub fn add_validation_data(pdf: &[u8], extra: &[Certificate], crls: &[Vec<u8>]) -> Result<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| LetterError::MalformedPdf(e.to_string()))?;
    let mut certs: Vec<Certificate> = extra.to_vec();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_sig = dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Sig".as_slice());
        if let (true, Ok(Object::String(contents, _))) = (is_sig, dict.get(b"Contents")) {
            carried_certificates(contents, &mut certs);
        }
    }

    let mut update = Update::new(pdf, &doc, 16_000)?;
    let root_id = update.root();
    let mut catalog = doc
        .get_dictionary(root_id)
        .map_err(|_| LetterError::MalformedPdf("catalog unreadable".into()))?
        .clone();
    let old_dss = match catalog.get(b"DSS") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok().cloned(),
        Ok(Object::Dictionary(d)) => Some(d.clone()),
        _ => None,
    };
    let (mut cert_refs, mut have_certs) = existing(&doc, old_dss.as_ref(), b"Certs");
    let (mut crl_refs, mut have_crls) = existing(&doc, old_dss.as_ref(), b"CRLs");
    let add = |der: Vec<u8>, refs: &mut Vec<Object>, have: &mut BTreeSet<Vec<u8>>, update: &mut Update| {
        if have.insert(der.clone()) {
            let id: ObjectId = update.new_id();
            update.write(id, &Object::Stream(Stream::new(dictionary! {}, der)));
            refs.push(Object::Reference(id));
        }
    };
    for cert in &certs {
        add(cert.to_der()?, &mut cert_refs, &mut have_certs, &mut update);
    }
    for crl in crls {
        add(crl.clone(), &mut crl_refs, &mut have_crls, &mut update);
    }
    let mut dss = old_dss.unwrap_or_default();
    dss.set("Certs", Object::Array(cert_refs));
    if !crl_refs.is_empty() {
        dss.set("CRLs", Object::Array(crl_refs));
    }
    let dss_id = update.new_id();
    update.write(dss_id, &Object::Dictionary(dss));
    catalog.set("DSS", Object::Reference(dss_id));
    catalog.set(
        "Extensions",
        dictionary! { "ESIC" => dictionary! { "BaseVersion" => "1.7", "ExtensionLevel" => 5 } },
    );
    update.write(root_id, &Object::Dictionary(catalog));
    Ok(update.finish())
}

/// Whether `tail` (what follows the last signature) is one whole incremental update: a
/// cross-reference section and trailer ending in `%%EOF`. The verifier then checks that it only
/// adds validation data; a stray comment or junk after a signature is never accepted as one.
///
/// Exactly one revision, and one that writes a `/DSS`: empty revisions (or several) after the
/// signatures are a change, as pyHanko and poppler also find them.
pub(crate) fn is_whole_revision(tail: &[u8]) -> bool {
    let trimmed = tail.trim_ascii_end();
    let count = |needle: &[u8]| trimmed.windows(needle.len()).filter(|w| *w == needle).count();
    trimmed.ends_with(b"%%EOF")
        && count(b"%%EOF") == 1
        && count(b"startxref") == 1
        && crate::pdfobj::find(tail, b"trailer", 0).is_some()
        && crate::pdfobj::find(tail, b"/DSS", 0).is_some()
}
