//! Small PDF writing and reading helpers for the signer and the verifier: serialising lopdf
//! objects, text strings, and a lexical reader for the few tokens we look at in raw bytes.

use lopdf::{Object, StringFormat};

/// Writes a PDF object in its usual textual form.
pub(crate) fn write_object(out: &mut Vec<u8>, obj: &Object) {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format_real(*r).as_bytes()),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Literal) => write_literal(out, s),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(s).as_bytes());
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in d.iter() {
                write_name(out, k);
                out.push(b' ');
                write_object(out, v);
            }
            out.extend_from_slice(b">>");
        }
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_object(out, &Object::Dictionary(dict));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, gen)) => out.extend_from_slice(format!("{id} {gen} R").as_bytes()),
    }
}

/// A number with at most four decimals and no trailing zeros.
pub(crate) fn format_real(r: f32) -> String {
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b"()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
    }
}

fn write_literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'(');
    for &b in s {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// A PDF text string: plain bytes when ASCII, otherwise UTF-16BE with a byte order mark.
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding treated as
/// Latin-1, which agrees with it for every printable character we write).
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Finds `needle` in `hay` from `from`.
pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() || needle.is_empty() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Finds the last `needle` in `hay`.
pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | 0x0C | 0)
}

/// The byte offset after `startxref` in the last `startxref` of the file.
pub(crate) fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let at = rfind(pdf, b"startxref")? + b"startxref".len();
    let digits: String = pdf[at..]
        .iter()
        .skip_while(|b| is_white(**b))
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    digits.parse().ok()
}

/// Reads a literal string starting at `at` (which must be `(`), undoing escapes.
/// Returns the bytes and the offset after the closing parenthesis.
pub(crate) fn read_literal(bytes: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    if bytes.get(at) != Some(&b'(') {
        return None;
    }
    let mut out = Vec::new();
    let mut depth = 1;
    let mut i = at + 1;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\\' => {
                i += 1;
                let e = *bytes.get(i)?;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match bytes.get(i + 1) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xFF) as u8);
                    }
                    b'\r' => {
                        if bytes.get(i + 1) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((out, i + 1));
                }
                out.push(b);
            }
            _ => out.push(b),
        }
        i += 1;
    }
    None
}

/// Reads a hex string starting at `at` (which must be `<`). Returns the bytes and the offset
/// after `>`.
pub(crate) fn read_hex(bytes: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    if bytes.get(at) != Some(&b'<') {
        return None;
    }
    let end = find(bytes, b">", at)?;
    let mut digits: Vec<u8> = bytes[at + 1..end]
        .iter()
        .copied()
        .filter(|b| !is_white(*b))
        .collect();
    if digits.len() % 2 == 1 {
        digits.push(b'0');
    }
    let decoded = hex::decode(&digits).ok()?;
    Some((decoded, end + 1))
}

/// Reads a string (literal or hex) that follows `key` inside `dict`, e.g. `/M (D:2016…)`.
pub(crate) fn string_after_key(dict: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    let mut from = 0;
    while let Some(k) = find(dict, key, from) {
        let after = k + key.len();
        // The key must end here (not be the prefix of a longer name).
        let next = *dict.get(after)?;
        if next.is_ascii_alphanumeric() {
            from = after;
            continue;
        }
        let mut i = after;
        while i < dict.len() && is_white(dict[i]) {
            i += 1;
        }
        return match dict.get(i) {
            Some(b'(') => read_literal(dict, i).map(|(s, _)| s),
            Some(b'<') if dict.get(i + 1) != Some(&b'<') => read_hex(dict, i).map(|(s, _)| s),
            _ => None,
        };
    }
    None
}

/// Reads a name that follows `key`, e.g. `/SubFilter /ETSI.CAdES.detached`.
pub(crate) fn name_after_key(dict: &[u8], key: &[u8]) -> Option<String> {
    let k = find(dict, key, 0)?;
    let mut i = k + key.len();
    while i < dict.len() && is_white(dict[i]) {
        i += 1;
    }
    if dict.get(i) != Some(&b'/') {
        return None;
    }
    let name: Vec<u8> = dict[i + 1..]
        .iter()
        .take_while(|b| !is_white(**b) && !b"/<>[]()".contains(b))
        .copied()
        .collect();
    Some(String::from_utf8_lossy(&name).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_serialise_as_pdf() {
        let mut d = lopdf::Dictionary::new();
        d.set("Type", Object::Name(b"Sig".to_vec()));
        d.set(
            "Rect",
            Object::Array(vec![Object::Real(1.5), Object::Integer(2), Object::Real(-0.0)]),
        );
        d.set("T", text_string("Signature (1)"));
        d.set("N", text_string("Siân"));
        d.set("P", Object::Reference((7, 0)));
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(d));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type /Sig/Rect [1.5 2 0]/T (Signature \\(1\\))/N <FEFF0053006900E2006E>/P 7 0 R>>"
        );
    }

    #[test]
    fn strings_read_back() {
        let dict = b"<</M (D:2016\\(x\\)) /Name <FEFF0041> /Namex (no)>>";
        assert_eq!(string_after_key(dict, b"/M").unwrap(), b"D:2016(x)");
        assert_eq!(
            decode_text_string(&string_after_key(dict, b"/Name").unwrap()),
            "A"
        );
        assert_eq!(last_startxref(b"xref\nstartxref\n1234\n%%EOF\n"), Some(1234));
    }
}
