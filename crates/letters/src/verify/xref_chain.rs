//! A lexical walk of a file's cross-reference chain, done before lopdf is given the file, so
//! that what lopdf will read is known to be bounded.
//!
//! lopdf reads every `/Prev` section and then every object the sections list; a crafted file
//! can make that unbounded (a chain of thousands of compressed cross-reference streams, or one
//! large object listed under thousands of object numbers). Letters from SCR Decision Desk, and
//! the revisions usual signers add to them, use classic cross-reference tables (ISO 32000-1
//! §7.5.4), so the walk accepts exactly those: every section is a table, in the strict form
//! lopdf also reads, each in-use entry at its own offset, and the trailers are plain
//! dictionaries without encryption or hybrid streams. Anything else is "not checkable": the
//! signatures are still checked, but later revisions cannot be shown to add only signatures.

use std::collections::BTreeSet;

use crate::pdfobj::is_white;
use crate::LetterError;

use super::MAX_REVISIONS;

/// In-use objects listed across all revisions. A letter has about a hundred objects and each
/// signature adds a handful; this leaves room for many signatures and large letters, and
/// bounds how many objects lopdf parses.
const MAX_XREF_ENTRIES: usize = 20_000;

/// The longest trailer dictionary read: ours are under 200 bytes (`/Size`, `/Root`, `/Info`,
/// `/ID`, `/Prev`).
const MAX_TRAILER_TEXT: usize = 4096;

/// How lopdf finds the last section: `%%EOF` in the last 512 bytes, `startxref` in the 25
/// bytes before it (lopdf 0.44, `Reader::get_xref_start`).
const EOF_WINDOW: usize = 512;
const STARTXREF_WINDOW: usize = 25;

/// What the walk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Chain {
    /// Classic tables only, each object at its own offset: lopdf's work is bounded.
    Checkable,
    /// Why the structure is not examined.
    NotCheckable(&'static str),
}

/// Walks the chain of `prefix` (a file, or the file as it was at the end of a revision).
/// More sections than [`MAX_REVISIONS`] is refused.
pub(super) fn walk(prefix: &[u8]) -> Result<Chain, LetterError> {
    // lopdf reads from the first "%PDF-" and takes offsets from there.
    let header_at = prefix.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let buffer = prefix.get(header_at..).unwrap_or_default();
    let Some(mut at) = last_xref_start(buffer) else {
        return Ok(Chain::NotCheckable("the file has no readable cross-reference start"));
    };
    let mut seen_sections = BTreeSet::new();
    let mut offsets = BTreeSet::new();
    let mut entries = 0usize;
    loop {
        if !seen_sections.insert(at) {
            break; // lopdf stops at a /Prev it has already read
        }
        if seen_sections.len() > MAX_REVISIONS {
            return Err(LetterError::TooManyRevisions {
                limit: MAX_REVISIONS,
            });
        }
        let section = match read_section(buffer, at, &mut offsets, &mut entries) {
            Ok(section) => section,
            Err(reason) => return Ok(Chain::NotCheckable(reason)),
        };
        match section {
            Some(prev) => at = prev,
            None => break,
        }
    }
    Ok(Chain::Checkable)
}

/// The offset after the last `startxref`, found as lopdf finds it.
fn last_xref_start(buffer: &[u8]) -> Option<usize> {
    let seek = buffer.len().saturating_sub(EOF_WINDOW);
    let eof = seek + buffer.get(seek..)?.windows(5).rposition(|w| w == b"%%EOF")?;
    if eof <= STARTXREF_WINDOW {
        return None;
    }
    let from = eof - STARTXREF_WINDOW;
    let keyword = from + buffer.get(from..eof)?.windows(9).rposition(|w| w == b"startxref")?;
    let mut cursor = Cursor::new(buffer, keyword + 9);
    cursor.skip_white();
    cursor.unsigned()
}

/// Reads one classic section at `at`; its `/Prev`, if any.
fn read_section(
    buffer: &[u8],
    at: usize,
    offsets: &mut BTreeSet<u32>,
    entries: &mut usize,
) -> Result<Option<usize>, &'static str> {
    const NOT_TABLE: &str = "a revision uses a cross-reference stream or a damaged table";
    let mut c = Cursor::new(buffer, at);
    if !c.eat(b"xref") {
        return Err(NOT_TABLE);
    }
    c.eat(b" ");
    if !c.eol() {
        return Err(NOT_TABLE);
    }
    let mut subsections = 0;
    loop {
        let mark = c.at;
        let Some(start) = c.unsigned() else {
            c.at = mark;
            break;
        };
        if !c.eat(b" ") || c.unsigned().is_none() {
            return Err(NOT_TABLE);
        }
        c.eat(b" ");
        if !c.eol() {
            return Err(NOT_TABLE);
        }
        subsections += 1;
        let mut index = 0usize;
        while let Some((offset, in_use)) = c.entry() {
            *entries += 1;
            if *entries > MAX_XREF_ENTRIES {
                return Err("the file lists more objects than a letter has");
            }
            let number = start.checked_add(index).filter(|n| u32::try_from(*n).is_ok());
            if number.is_none() {
                return Err(NOT_TABLE);
            }
            if in_use && !offsets.insert(offset) {
                return Err("two objects are listed at the same place in the file");
            }
            index += 1;
        }
    }
    if subsections == 0 {
        return Err(NOT_TABLE);
    }
    c.skip_white();
    if !c.eat(b"trailer") {
        return Err(NOT_TABLE);
    }
    trailer_prev(&buffer[c.at.min(buffer.len())..])
}

/// The `/Prev` of the trailer dictionary at the start of `text`, read with a small tokenizer
/// that refuses what could hide a key from it (strings, comments, `#` escapes in names) and
/// what would make lopdf read more than tables (`/XRefStm`, `/Encrypt`).
fn trailer_prev(text: &[u8]) -> Result<Option<usize>, &'static str> {
    const BAD: &str = "a trailer is not a plain dictionary";
    let text = &text[..text.len().min(MAX_TRAILER_TEXT)];
    let mut c = Cursor::new(text, 0);
    c.skip_white();
    if !c.eat(b"<<") {
        return Err(BAD);
    }
    let mut depth = 1usize;
    let mut prev = None;
    let mut after_prev_key = false;
    while depth > 0 {
        c.skip_white();
        let Some(&b) = text.get(c.at) else {
            return Err(BAD);
        };
        let key_at_top = depth == 1 && after_prev_key;
        after_prev_key = false;
        match b {
            b'<' if c.eat(b"<<") => depth += 1,
            b'>' if c.eat(b">>") => depth -= 1,
            b'<' => {
                c.at += 1;
                while text.get(c.at).is_some_and(|b| b.is_ascii_hexdigit() || is_white(*b)) {
                    c.at += 1;
                }
                if !c.eat(b">") {
                    return Err(BAD);
                }
            }
            b'[' | b']' => c.at += 1,
            b'/' => {
                let name = c.regular().ok_or(BAD)?;
                match name {
                    b"/XRefStm" | b"/Encrypt" => return Err(NOT_TABLES_ONLY),
                    b"/Prev" if depth == 1 => after_prev_key = true,
                    _ => {}
                }
            }
            b'(' | b'%' | b'#' => return Err(BAD),
            _ => {
                let token = c.regular().ok_or(BAD)?;
                if token.is_empty() {
                    return Err(BAD);
                }
                if key_at_top {
                    let value = std::str::from_utf8(token).ok().and_then(|t| t.parse::<usize>().ok());
                    prev = Some(value.ok_or(BAD)?);
                }
            }
        }
        if key_at_top && prev.is_none() {
            return Err(BAD); // /Prev is not followed by a number
        }
    }
    Ok(prev)
}

const NOT_TABLES_ONLY: &str = "the file is encrypted or also uses cross-reference streams";

/// A position in the bytes, moved forward by the readers below; every read is checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], at: usize) -> Self {
        Cursor { bytes, at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        let found = self
            .bytes
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word));
        if found {
            self.at += word.len();
        }
        found
    }

    fn skip_white(&mut self) {
        while self.peek().is_some_and(is_white) {
            self.at += 1;
        }
    }

    /// An end of line as lopdf's table reader takes it: CR LF, LF or CR.
    fn eol(&mut self) -> bool {
        self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r")
    }

    /// Decimal digits that fit a `usize`.
    fn unsigned(&mut self) -> Option<usize> {
        let from = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let value = std::str::from_utf8(self.bytes.get(from..self.at)?).ok()?.parse().ok();
        if value.is_none() {
            self.at = from;
        }
        value
    }

    /// One table entry, "oooooooooo ggggg n" and its two-byte end of line; `None` (and the
    /// cursor unmoved) at anything else. Returns the offset and whether it is in use.
    fn entry(&mut self) -> Option<(u32, bool)> {
        let from = self.at;
        let entry = (|| {
            let offset = u32::try_from(self.unsigned()?).ok()?;
            if !self.eat(b" ") {
                return None;
            }
            let generation = u32::try_from(self.unsigned()?).ok()?;
            if !self.eat(b" ") {
                return None;
            }
            let kind = self.peek()?;
            if kind != b'n' && kind != b'f' {
                return None;
            }
            self.at += 1;
            if !(self.eat(b" \r") || self.eat(b" \n") || self.eat(b"\r\n")) {
                return None;
            }
            // lopdf keeps only in-use entries whose generation fits 16 bits.
            Some((offset, kind == b'n' && u16::try_from(generation).is_ok()))
        })();
        if entry.is_none() {
            self.at = from;
        }
        entry
    }

    /// A run of regular characters (a name with its slash, a number, a keyword); `None` for one
    /// with a `#` escape, which could spell a key we look for.
    fn regular(&mut self) -> Option<&'a [u8]> {
        let from = self.at;
        if self.peek() == Some(b'/') {
            self.at += 1;
        }
        while let Some(b) = self.peek() {
            if is_white(b) || b"()<>[]{}/%".contains(&b) {
                break;
            }
            if b == b'#' {
                return None;
            }
            self.at += 1;
        }
        self.bytes.get(from..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(sections: &[(&str, &str)]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
        let mut last = 0;
        for (table, trailer) in sections {
            last = pdf.len();
            pdf.extend_from_slice(table.as_bytes());
            pdf.extend_from_slice(b"trailer\n");
            pdf.extend_from_slice(trailer.as_bytes());
            pdf.extend_from_slice(format!("\nstartxref\n{last}\n%%EOF\n").as_bytes());
        }
        let _ = last;
        pdf
    }

    const TABLE: &str = "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n";

    #[test]
    fn a_classic_table_is_checkable() {
        let pdf = file(&[(TABLE, "<</Size 2 /Root 1 0 R /ID [<AB01><ab02>]>>")]);
        assert_eq!(walk(&pdf).expect("walk"), Chain::Checkable);
    }

    #[test]
    fn streams_encryption_and_escapes_are_not_checkable() {
        for trailer in [
            "<</Size 2 /Encrypt 5 0 R>>",
            "<</Size 2 /XRefStm 100>>",
            "<</Size 2 /Pr#65v 100>>",
            "<</Size 2 /Info (x)>>",
            "<</Size 2 /Prev /Root>>",
            "<</Size 2",
        ] {
            let pdf = file(&[(TABLE, trailer)]);
            assert!(matches!(walk(&pdf), Ok(Chain::NotCheckable(_))), "{trailer}");
        }
        let stream = "1 0 obj\n<</Type /XRef>>\nstream\nendstream\nendobj\n";
        assert!(matches!(walk(&file(&[(stream, "")])), Ok(Chain::NotCheckable(_))));
    }

    #[test]
    fn one_offset_listed_twice_is_not_checkable() {
        let table = "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000009 00000 n \n";
        assert!(matches!(walk(&file(&[(table, "<</Size 3>>")])), Ok(Chain::NotCheckable(_))));
    }

    #[test]
    fn a_long_prev_chain_is_refused_and_a_loop_ends() {
        // Every section names the first one as /Prev: a loop, which lopdf stops at too.
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let first = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Prev {first}>>\n").as_bytes());
        pdf.extend_from_slice(format!("startxref\n{first}\n%%EOF\n").as_bytes());
        assert_eq!(walk(&pdf).expect("loop"), Chain::Checkable);

        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut prev: Option<usize> = None;
        for _ in 0..=MAX_REVISIONS {
            let at = pdf.len();
            let prev_key = prev.map(|p| format!(" /Prev {p}")).unwrap_or_default();
            pdf.extend_from_slice(
                format!("xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1{prev_key}>>\n").as_bytes(),
            );
            prev = Some(at);
        }
        pdf.extend_from_slice(format!("startxref\n{}\n%%EOF\n", prev.unwrap_or(0)).as_bytes());
        assert!(matches!(walk(&pdf), Err(LetterError::TooManyRevisions { .. })));
    }
}
