//! Incremental updates (ISO 32000-1 §7.5.6): the original bytes untouched, then changed and new
//! objects, a classic cross-reference section for them and a trailer whose `/Prev` points at
//! the previous one. Signatures and the long-term validation data are both added this way, so
//! that every earlier signature keeps covering exactly the bytes it signed.

use lopdf::{Dictionary, Object, ObjectId};

use crate::error::{LetterError, Result};
use crate::pdfobj::{self, write_object};

/// An update being written on top of `base`.
#[derive(Debug)]
pub(crate) struct Update {
    pub out: Vec<u8>,
    offsets: Vec<(u32, usize)>,
    pub next_id: u32,
    prev_xref: usize,
    root: ObjectId,
    carried: Vec<(Vec<u8>, Object)>,
}

impl Update {
    /// Starts an update of `base` (whose parsed form is `doc`), with room for `extra` more bytes.
    pub(crate) fn new(base: &[u8], doc: &lopdf::Document, extra: usize) -> Result<Self> {
        let bad = |what: &str| LetterError::MalformedPdf(what.to_string());
        let prev_xref = pdfobj::last_startxref(base).ok_or_else(|| bad("no startxref"))?;
        let root = doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| bad("no /Root"))?;
        let size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let next_id = u32::try_from(size.max(i64::from(doc.max_id) + 1)).map_err(|_| bad("bad /Size"))?;
        // The trailer's /Info and /ID carry over, so readers see the same document.
        let carried = [&b"Info"[..], b"ID"]
            .iter()
            .filter_map(|key| doc.trailer.get(key).ok().map(|v| (key.to_vec(), v.clone())))
            .collect();
        let mut out = Vec::with_capacity(base.len() + extra);
        out.extend_from_slice(base);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        Ok(Update {
            out,
            offsets: Vec::new(),
            next_id,
            prev_xref,
            root,
            carried,
        })
    }

    pub(crate) fn root(&self) -> ObjectId {
        self.root
    }

    /// A new object number.
    pub(crate) fn new_id(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Writes `obj` as indirect object `id` (new, or replacing the object of that number).
    pub(crate) fn write(&mut self, id: ObjectId, obj: &Object) {
        self.offsets.push((id.0, self.out.len()));
        self.out
            .extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
        write_object(&mut self.out, obj);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Records that object `id` starts here; the caller writes its bytes itself.
    pub(crate) fn begin_raw(&mut self, id: ObjectId) {
        self.offsets.push((id.0, self.out.len()));
    }

    /// Writes the cross-reference section and the trailer, and returns the file.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let xref_at = self.out.len();
        write_xref(&mut self.out, &mut self.offsets);
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(self.next_id)));
        trailer.set("Root", Object::Reference(self.root));
        for (key, value) in self.carried {
            trailer.set(key, value);
        }
        trailer.set("Prev", Object::Integer(self.prev_xref as i64));
        self.out.extend_from_slice(b"trailer\n");
        write_object(&mut self.out, &Object::Dictionary(trailer));
        self.out
            .extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        self.out
    }
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
