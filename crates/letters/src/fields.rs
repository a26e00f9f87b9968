//! Empty signature fields, one per signature slot, made with the letter.
//!
//! PDF/UA-1 §7.18.1 wants every widget inside a `Form` structure element, and a signature added
//! later may not touch the structure tree: both pyHanko and our verifier count a changed
//! structure element as a change to the signed document. So the letter is written with its
//! signature fields already there and tagged (the way a prepared form is), and signing fills the
//! field in: its `/V` (the signature) and `/AP` (the visible block) — changes every validator
//! expects of a signature (see pyHanko's `SigFieldModificationRule`).

use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};

use crate::error::{LetterError, Result};
use crate::layout::SignatureSlot;
use crate::pdfobj::text_string;

/// Annotation flags: Print (PDF/A-2 §6.3.2 wants it) and Locked (the block cannot be moved).
pub(crate) const WIDGET_FLAGS: i64 = 4 | 128;

/// A field made for a slot: its widget and the page it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SlotField {
    pub widget: ObjectId,
    pub page: ObjectId,
}

/// The widget's rectangle for `slot`, to a hundredth of a point: so that lopdf's writer (at render)
/// and ours (when the signer writes the filled field again) print the same numbers, and the
/// rectangle reads back unchanged (a changed rectangle is not a signature).
pub(crate) fn rect(slot: &SignatureSlot) -> Object {
    let r = |v: f32| Object::Real((v * 100.0).round() / 100.0);
    Object::Array(vec![
        r(slot.x),
        r(slot.y),
        r(slot.x + slot.width),
        r(slot.y + slot.height),
    ])
}

/// "Digital signature of Dr Jane Smith": the field's alternate name, read out by screen readers.
pub(crate) fn spoken_name(signer: &str) -> String {
    if signer.trim().is_empty() {
        "Digital signature".to_string()
    } else {
        format!("Digital signature of {}", signer.trim())
    }
}

/// Adds an empty signature field for each slot (`signers[i]` signs slot `i`) to the pages and the
/// catalog's `/AcroForm`. Slot `i`'s widget gets `/StructParent` `pages + i`, the key
/// `tagging::write_structure` gives its `Form` element.
pub(crate) fn add_signature_fields(
    lo: &mut lopdf::Document,
    slots: &[SignatureSlot],
    signers: &[&str],
    page_ids: &[ObjectId],
) -> Result<Vec<SlotField>> {
    let bad = |e: lopdf::Error| LetterError::Render(format!("PDF structure: {e}"));
    let mut made = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter().enumerate() {
        let page = *page_ids
            .get(slot.page_index)
            .ok_or(LetterError::NoSuchSlot(slot.page_index))?;
        // PDF/A-2 §6.3.3: every widget has a normal appearance, even an empty one.
        let empty = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => Object::Array(vec![0.into(), 0.into(), Object::Real(slot.width), Object::Real(slot.height)]),
            },
            Vec::new(),
        );
        let appearance = lo.add_object(empty);
        let widget = lo.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Sig",
            "T" => text_string(&format!("Signature{}", i + 1)),
            "TU" => text_string(&spoken_name(signers.get(i).copied().unwrap_or(""))),
            "F" => WIDGET_FLAGS,
            "P" => Object::Reference(page),
            "Rect" => rect(slot),
            "AP" => dictionary! { "N" => Object::Reference(appearance) },
            "StructParent" => (page_ids.len() + i) as i64,
        });
        let page_dict = lo
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(bad)?;
        let mut annots = match page_dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        annots.push(Object::Reference(widget));
        page_dict.set("Annots", Object::Array(annots));
        made.push(SlotField { widget, page });
    }
    if !made.is_empty() {
        let fields = made.iter().map(|f| Object::Reference(f.widget)).collect();
        let catalog = lo.catalog_mut().map_err(bad)?;
        catalog.set("AcroForm", dictionary! { "Fields" => Object::Array(fields) });
    }
    Ok(made)
}

/// The empty signature field made for `slot` (same page, same rectangle, no value yet), with
/// its dictionary; none for a letter made another way, or a slot already signed.
pub(crate) fn empty_field_for_slot(
    doc: &lopdf::Document,
    fields: &[Object],
    page: ObjectId,
    slot: &SignatureSlot,
) -> Option<(ObjectId, Dictionary)> {
    let wanted = [slot.x, slot.y, slot.x + slot.width, slot.y + slot.height];
    fields.iter().find_map(|field| {
        let id = field.as_reference().ok()?;
        let dict = doc.get_dictionary(id).ok()?;
        let is_sig = dict.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice());
        let on_page = dict.get(b"P").and_then(Object::as_reference).ok() == Some(page);
        if !is_sig || !on_page || dict.has(b"V") {
            return None;
        }
        let r: Vec<f32> = dict
            .get(b"Rect")
            .and_then(Object::as_array)
            .ok()?
            .iter()
            .filter_map(|v| v.as_float().ok())
            .collect();
        let same = r.len() == 4 && r.iter().zip(wanted).all(|(a, w)| (a - w).abs() < 0.5);
        same.then(|| (id, dict.clone()))
    })
}

/// What signing changes in a field made empty with the letter: its value and its appearance.
pub(crate) const FILLED_FIELD_KEYS: &[&[u8]] = &[b"V", b"AP"];

/// The signature fields that were empty (a widget with no value) in `old` and hold a value in
/// `new`: for the verifier, which otherwise counts any changed object as a change to the signed
/// document. Only [`FILLED_FIELD_KEYS`] may differ; the verifier checks that.
pub(crate) fn filled_fields(old: &lopdf::Document, new: &lopdf::Document) -> Vec<ObjectId> {
    let is_sig_widget = |d: &Dictionary| {
        d.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice())
            && d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Widget".as_slice())
    };
    new.objects
        .iter()
        .filter_map(|(id, object)| {
            let after = object.as_dict().ok()?;
            let before = old.objects.get(id)?.as_dict().ok()?;
            (is_sig_widget(before) && is_sig_widget(after) && !before.has(b"V") && after.has(b"V"))
                .then_some(*id)
        })
        .collect()
}
