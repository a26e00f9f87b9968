//! Finding signature dictionaries in the raw bytes and reading their `/ByteRange`.
//!
//! The scan is lexical, so that a damaged file still reports what it can, and linear in the
//! file's size: every token it looks for is located once, in one pass each, and each
//! `/ByteRange` is then placed in its object by binary search (a file of nothing but
//! `/ByteRange/Contents ` used to be searched backwards and forwards once per hit).

use std::collections::BTreeSet;

use crate::pdfobj::is_white;
use crate::LetterError;

use super::MAX_SIGNATURES;

/// How far after `/ByteRange` its array may end. Four numbers of up to 19 digits and the
/// padding that signers leave for them fit in far less; a longer "array" is not one, and
/// stopping here keeps the scan of each hit bounded.
const MAX_BYTE_RANGE_TEXT: usize = 256;

/// How far before `obj` the object's number may start ("4294967295 65535 obj" and the line
/// break before it fit).
const MAX_OBJECT_HEADER_TEXT: usize = 32;

/// A signature dictionary found in the file: where its text is, and its `/ByteRange` numbers
/// as written (empty when they are not an array of integers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundSignature {
    pub object_text: std::ops::Range<usize>,
    pub object_number: Option<u32>,
    pub byte_range: Vec<i64>,
}

/// Every place `needle` starts in `hay`, in order.
fn positions(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, window)| *window == needle)
        .map(|(at, _)| at)
        .collect()
}

/// Finds signature dictionaries by their `/ByteRange` (an object that also has `/Contents`),
/// each object once. More than [`MAX_SIGNATURES`] is refused: no letter has that many.
pub(super) fn find_signatures(pdf: &[u8]) -> Result<Vec<FoundSignature>, LetterError> {
    let object_starts = positions(pdf, b" obj");
    let object_ends = positions(pdf, b"endobj");
    let contents_keys = positions(pdf, b"/Contents");
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for at in positions(pdf, b"/ByteRange") {
        // The enclosing object: from the preceding " obj" to the following "endobj".
        let before = object_starts.partition_point(|&p| p.saturating_add(4) <= at);
        let header = before.checked_sub(1).and_then(|i| object_starts.get(i)).copied();
        let start = header.map_or(0, |p| p.saturating_add(4));
        let end = object_ends
            .get(object_ends.partition_point(|&p| p < at))
            .copied()
            .unwrap_or(pdf.len());
        if !seen.insert((start, end)) {
            continue; // a second /ByteRange in the same object is not a second signature
        }
        let first_contents = contents_keys.partition_point(|&p| p < start);
        let has_contents = contents_keys
            .get(first_contents)
            .is_some_and(|&p| p.saturating_add(b"/Contents".len()) <= end);
        if !has_contents {
            continue;
        }
        if out.len() == MAX_SIGNATURES {
            return Err(LetterError::TooManySignatures {
                limit: MAX_SIGNATURES,
            });
        }
        let array_from = at.saturating_add(b"/ByteRange".len()).min(end);
        let array_to = array_from.saturating_add(MAX_BYTE_RANGE_TEXT).min(end);
        out.push(FoundSignature {
            object_text: start..end,
            object_number: header.and_then(|p| object_number(pdf, p)),
            byte_range: pdf.get(array_from..array_to).map(parse_int_array).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The object number in "N G obj", where `obj_at` is the offset of " obj".
fn object_number(pdf: &[u8], obj_at: usize) -> Option<u32> {
    let from = obj_at.saturating_sub(MAX_OBJECT_HEADER_TEXT);
    let header = String::from_utf8_lossy(pdf.get(from..obj_at)?);
    let mut tokens = header.split_ascii_whitespace().rev();
    let _generation: u16 = tokens.next()?.parse().ok()?;
    tokens.next()?.parse().ok()
}

/// Parses `[a b c d]` at the start of `bytes` (after whitespace); empty if malformed.
pub(super) fn parse_int_array(bytes: &[u8]) -> Vec<i64> {
    let Some(open) = bytes.iter().position(|b| !is_white(*b)) else {
        return Vec::new();
    };
    if bytes.get(open) != Some(&b'[') {
        return Vec::new();
    }
    let inner_from = open.saturating_add(1);
    let Some(close) = bytes
        .get(inner_from..)
        .and_then(|rest| rest.iter().position(|b| *b == b']'))
    else {
        return Vec::new();
    };
    let inner = bytes
        .get(inner_from..inner_from.saturating_add(close))
        .unwrap_or_default();
    let mut nums = Vec::new();
    for token in inner
        .split(|b| is_white(*b))
        .filter(|token| !token.is_empty())
    {
        match std::str::from_utf8(token).ok().and_then(|t| t.parse::<i64>().ok()) {
            Some(n) => nums.push(n),
            None => return Vec::new(),
        }
    }
    nums
}

/// A `/ByteRange` that frames its signature's `/Contents` exactly: `[0 b c d]` with `0 < b < c`,
/// `c + d` within the file, a hex string from `b` to `c` and nothing else in the gap. It can
/// only be built that way, so the signed parts are always slices of the file it was built
/// from; every number is checked before it is used as an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange<'a> {
    before: &'a [u8],
    contents: &'a [u8],
    after: &'a [u8],
    contents_at: usize,
    end: usize,
}

impl<'a> ByteRange<'a> {
    /// Checks `values` against `pdf`; `None` when they do not frame a hex string exactly.
    pub fn new(pdf: &'a [u8], values: &[i64]) -> Option<ByteRange<'a>> {
        let [start, gap_from, gap_to, tail] = values else {
            return None;
        };
        let offset = |n: &i64| usize::try_from(*n).ok();
        let (gap_from, gap_to, tail) = (offset(gap_from)?, offset(gap_to)?, offset(tail)?);
        if *start != 0 || gap_from == 0 || gap_to <= gap_from {
            return None;
        }
        let end = gap_to.checked_add(tail)?;
        let contents = pdf.get(gap_from..gap_to)?;
        let (&open, rest) = contents.split_first()?;
        let (&close, digits) = rest.split_last()?;
        let hex_only = digits.iter().all(|b| b.is_ascii_hexdigit() || is_white(*b));
        if open != b'<' || close != b'>' || !hex_only {
            return None;
        }
        Some(ByteRange {
            before: pdf.get(..gap_from)?,
            contents,
            after: pdf.get(gap_to..end)?,
            contents_at: gap_from,
            end,
        })
    }

    /// The two signed parts, in order.
    pub fn signed_parts(&self) -> [&'a [u8]; 2] {
        [self.before, self.after]
    }

    /// The `/Contents` hex string, with its angle brackets.
    pub fn contents(&self) -> &'a [u8] {
        self.contents
    }

    /// The offset of the `/Contents` string in the file.
    pub fn contents_at(&self) -> usize {
        self.contents_at
    }

    /// The end of the signed bytes: the end of the revision the signature belongs to.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The signed bytes are the whole file but the signature value.
    pub fn covers(&self, file_len: usize) -> bool {
        self.end == file_len
    }

    /// The signature value: the hex digits decoded, odd digit counts padded as PDF says.
    pub fn signature_value(&self) -> Option<Vec<u8>> {
        let inner = self.contents.get(1..self.contents.len().saturating_sub(1))?;
        let mut digits: Vec<u8> = inner.iter().copied().filter(|b| !is_white(*b)).collect();
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        hex::decode(&digits).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_of_integers_parse() {
        assert_eq!(parse_int_array(b" [0 10 20 30]"), vec![0, 10, 20, 30]);
        assert_eq!(parse_int_array(b"[0\n10  20 30 ]/Contents"), vec![0, 10, 20, 30]);
        assert!(parse_int_array(b"[0 x]").is_empty());
        assert!(parse_int_array(b"[0 10 20 30").is_empty());
        assert!(parse_int_array(b"/Contents ").is_empty());
        assert!(parse_int_array(b"").is_empty());
        assert!(parse_int_array(b"[99999999999999999999]").is_empty());
    }

    #[test]
    fn only_a_range_that_frames_hex_contents_is_built() {
        let pdf = b"abc<0A1B>def";
        let range = ByteRange::new(pdf, &[0, 3, 9, 3]).expect("frames the hex string");
        assert_eq!(range.signed_parts(), [&b"abc"[..], &b"def"[..]]);
        assert_eq!(range.signature_value(), Some(vec![0x0A, 0x1B]));
        assert!(range.covers(pdf.len()));
        assert!(ByteRange::new(pdf, &[0, 3, 9, 4]).is_none(), "past the end");
        assert!(ByteRange::new(pdf, &[1, 3, 9, 3]).is_none(), "not from the start");
        assert!(ByteRange::new(pdf, &[0, 2, 9, 3]).is_none(), "not at '<'");
        assert!(ByteRange::new(pdf, &[0, 3, 3, 3]).is_none(), "empty gap");
        assert!(ByteRange::new(pdf, &[0, 3, 9]).is_none(), "three numbers");
        assert!(ByteRange::new(pdf, &[0, -3, 9, 3]).is_none(), "negative");
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let pdf = b"abc<0A1B>def";
        let huge = 4_611_686_018_427_387_904;
        assert!(ByteRange::new(pdf, &[0, huge, huge + 1, huge]).is_none());
        assert!(ByteRange::new(pdf, &[0, 3, 9, i64::MAX]).is_none());
        assert!(ByteRange::new(pdf, &[0, 3, i64::MAX, i64::MAX]).is_none());
    }

    #[test]
    fn each_object_is_one_signature() {
        let pdf = b"1 0 obj <</ByteRange [0 1 2 3] /ByteRange [0 1 2 3] /Contents <00>>> endobj\n\
                    2 0 obj <</ByteRange [0 4 5 6]>> endobj 3 0 obj <</Contents <00>>> endobj";
        let found = find_signatures(pdf).expect("found");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].byte_range, vec![0, 1, 2, 3]);
        assert_eq!(found[0].object_number, Some(1));
    }

    #[test]
    fn too_many_signatures_are_refused() {
        let one = b"9 0 obj <</ByteRange [0 1 2 3] /Contents <00>>> endobj\n";
        let pdf = one.repeat(MAX_SIGNATURES + 1);
        assert!(matches!(
            find_signatures(&pdf),
            Err(LetterError::TooManySignatures { .. })
        ));
        assert_eq!(find_signatures(&one.repeat(MAX_SIGNATURES)).expect("at the cap").len(), MAX_SIGNATURES);
    }
}
