//! Revisions: whether what was appended after a signature only adds later signatures, and
//! the signature fields' names. Both need the document's objects, parsed with lopdf, which
//! is given a file only after [`xref_chain::walk`] has shown its work to be bounded, with a
//! decompression limit, with object streams left unexpanded, and within a budget of bytes
//! parsed per verification.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use lopdf::{Document, LoadOptions, Object, ObjectId};

use crate::pdfobj;
use crate::LetterError;

use super::xref_chain::{self, Chain};

/// The largest file (or revision) whose objects are parsed. lopdf holds about 60 bytes of
/// memory per byte of a crafted file (an 8 MB array of integers took 480 MB) and two
/// revisions are compared at once; letters are about 60 KB.
pub const MAX_STRUCTURE_BYTES: usize = 2 << 20;

/// Bytes handed to lopdf in one verification, over all the revisions compared (lopdf parses
/// about 10 MB a second; a letter with three signatures needs under 1 MB).
const MAX_PARSED_BYTES: usize = 16 << 20;

/// The most one stream may inflate to while lopdf loads a file (its cross-reference
/// streams; object streams are not expanded at all, see [`defer_object_streams`]).
const MAX_STREAM_BYTES: usize = 1 << 20;

/// All object streams of one revision together, decoded only to find decompression bombs.
const MAX_OBJECT_STREAM_BYTES: usize = 8 << 20;

/// The name object streams are renamed to while loading, so that lopdf keeps them as plain
/// streams instead of inflating them: files with classic tables have no compressed objects,
/// and a bomb stays compressed. Not a valid PDF name for anything else.
const DEFERRED_OBJECT_STREAM: &[u8] = b"SCR.DeferredObjStm";

///
/// lopdf 0.44 keeps the object it passed in, changed in place, and looks only at whether the
/// answer is `Some` (it uses the returned object only for objects inside object streams, which
/// are never expanded here), so the answer carries no copy.
fn defer_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            stream
                .dict
                .set("Type", Object::Name(DEFERRED_OBJECT_STREAM.to_vec()));
        }
    }
    Some((id, Object::Null))
}

/// Loads file prefixes on demand, keeping the last two (consecutive revisions share one).
pub(super) struct Structures<'a> {
    pdf: &'a [u8],
    parsed: usize,
    cache: Vec<(usize, Option<Rc<Document>>)>,
    answers: HashMap<(usize, usize), bool>,
}

impl<'a> Structures<'a> {
    pub(super) fn new(pdf: &'a [u8]) -> Self {
        Structures {
            pdf,
            parsed: 0,
            cache: Vec::new(),
            answers: HashMap::new(),
        }
    }

    /// The document as it was at `len` bytes; `None` when its structure is not examined.
    fn load(&mut self, len: usize) -> Result<Option<Rc<Document>>, LetterError> {
        if let Some((_, doc)) = self.cache.iter().find(|(at, _)| *at == len) {
            return Ok(doc.clone());
        }
        let doc = self.load_uncached(len)?.map(Rc::new);
        if self.cache.len() == 2 {
            self.cache.remove(0);
        }
        self.cache.push((len, doc.clone()));
        Ok(doc)
    }

    fn load_uncached(&mut self, len: usize) -> Result<Option<Document>, LetterError> {
        let Some(prefix) = self.pdf.get(..len) else {
            return Ok(None);
        };
        if len > MAX_STRUCTURE_BYTES {
            return Ok(None);
        }
        self.parsed = self.parsed.saturating_add(len);
        if self.parsed > MAX_PARSED_BYTES {
            return Ok(None);
        }
        if xref_chain::walk(prefix)? != Chain::Checkable {
            return Ok(None);
        }
        let options = LoadOptions {
            filter: Some(defer_object_streams),
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..LoadOptions::default()
        };
        // lopdf is third-party code parsing a hostile file: should it panic on something the
        // walk did not foresee, the structure is unexamined (which fails closed) rather than the
        // verifier going down.
        let loaded = std::panic::catch_unwind(|| Document::load_mem_with_options(prefix, options));
        let Ok(Ok(doc)) = loaded else {
            return Ok(None);
        };
        refuse_bombs(&doc)?;
        Ok(Some(doc))
    }

    /// Why the structure of the file as it was at `len` bytes is not examined, if it is not.
    pub(super) fn unexamined_reason(&self, len: usize) -> Option<&'static str> {
        let prefix = self.pdf.get(..len)?;
        if len > MAX_STRUCTURE_BYTES {
            return Some("the file is too large for its revisions to be examined");
        }
        match xref_chain::walk(prefix) {
            Ok(Chain::NotCheckable(reason)) => Some(reason),
            _ => None,
        }
    }

    /// Whether the bytes `from..to` (one or more incremental updates) only add signatures.
    /// Unexamined structure counts as a change.
    pub(super) fn only_signature_added(&mut self, from: usize, to: usize) -> Result<bool, LetterError> {
        if let Some(answer) = self.answers.get(&(from, to)) {
            return Ok(*answer);
        }
        let answer = match (self.load(from)?, self.load(to)?) {
            (Some(old), Some(new)) => compare(&old, &new),
            _ => false,
        };
        self.answers.insert((from, to), answer);
        Ok(answer)
    }

    /// The document as it is (its last revision), when its structure is examined.
    pub(super) fn last_revision(&mut self) -> Result<Option<Rc<Document>>, LetterError> {
        self.load(self.pdf.len())
    }

    /// Field names by the object number of their `/V` signature dictionary.
    pub(super) fn field_names(&mut self) -> Result<Vec<(u32, String)>, LetterError> {
        let Some(doc) = self.load(self.pdf.len())? else {
            return Ok(Vec::new());
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
        Ok(out)
    }
}

/// Object streams were kept compressed; one that inflates past the limit is a decompression
/// bomb, made to exhaust the memory of whatever opens the file next, and is refused.
fn refuse_bombs(doc: &Document) -> Result<(), LetterError> {
    let mut budget = MAX_OBJECT_STREAM_BYTES;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else { continue };
        if !stream.dict.has_type(DEFERRED_OBJECT_STREAM) {
            continue;
        }
        match stream.decompressed_content_with_limit(budget) {
            Ok(content) => budget = budget.saturating_sub(content.len()),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(LetterError::DecompressionBomb {
                    limit: MAX_OBJECT_STREAM_BYTES,
                })
            }
            Err(_) => {} // damaged rather than large: nothing is read from it anyway
        }
    }
    Ok(())
}

/// Whether `new` differs from `old` only by what a signature revision adds.
///
/// Allowed, as in the usual PDF signing tools' updates:
/// - new signature dictionaries and signature widgets, and new objects reachable from those
///   widgets (appearance streams, their fonts and font descriptors);
/// - an empty signature field made with the letter (`fields.rs`) given its `/V` and `/AP`, and
///   what those reach;
/// - the catalog rewritten with only `/AcroForm`, `/Metadata`, `/Version`, `/Extensions` (the PAdES
///   extension marker) or `/DSS` (validation data for long-term signatures) changed, and what
///   those reach; an indirect AcroForm
///   with only `/Fields`, `/SigFlags`, `/DR`, `/DA` changed; pages with only `/Annots` changed;
/// - document metadata: the Info dictionary and the XMP metadata stream (not shown on pages).
///
/// Anything else (page content, resources, an earlier widget's appearance, ...) is a change.
fn compare(old: &Document, new: &Document) -> bool {
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
    let filled = crate::fields::filled_fields(old, new);
    // Roots of what a signature revision may add, and everything they reach.
    let mut stack: Vec<ObjectId> = Vec::new();
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
    let mut reachable: BTreeSet<ObjectId> = BTreeSet::new();
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
fn collect_refs(obj: &Object, out: &mut Vec<ObjectId>, skip: &[&[u8]]) {
    match obj {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| collect_refs(o, out, skip)),
        Object::Dictionary(d) => collect_dict_refs(d, out, skip),
        Object::Stream(s) => collect_dict_refs(&s.dict, out, skip),
        _ => {}
    }
}

fn collect_dict_refs(d: &lopdf::Dictionary, out: &mut Vec<ObjectId>, skip: &[&[u8]]) {
    for (k, v) in d.iter() {
        if !skip.contains(&k.as_slice()) {
            collect_refs(v, out, skip);
        }
    }
}
