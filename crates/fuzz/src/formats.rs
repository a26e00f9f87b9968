//! What each format's structured mutations know: its tokens, and edits that keep enough of the
//! structure for the parser to go deep (a letter's byte range edited, a revision appended, a
//! workbook's XML edited and zipped again, a backup's manifest edited with its length kept right).

use std::io::{Read, Write};

/// Tokens inserted by [`crate::mutate::Edit::Token`].
pub const PDF_TOKENS: &[&[u8]] = &[
    b"/ByteRange",
    b"/ByteRange/Contents ",
    b"/Contents",
    b" obj",
    b"endobj",
    b"xref\n",
    b"trailer",
    b"startxref\n",
    b"%%EOF\n",
    b"<<",
    b">>",
    b"/Prev ",
    b"/Type /ObjStm",
    b"/Type /XRef",
    b"stream\n",
    b"endstream",
    b"/Filter /FlateDecode",
    b"/Length ",
    b"(D:20160101000000+999999999999999999)",
    b"/M ",
    b"[0 4611686018427387904 4611686018427387905 4611686018427387904]",
    b"0000000000 65535 f \n",
    b"0000000009 00000 n \n",
    b"/Encrypt",
    b"#",
    b"[[[[[[[[[[",
    b"((((((((((",
];

pub const CSV_TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\t",
    b"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"31/02/2024",
    b"99/99/99999999999",
    b"1 Smarch 2015",
    b"=HYPERLINK(\"x\")",
    b"Email address",
    b"Term start",
    b"\xC3\x28",
    b"\x80\x81\x82",
];

pub const XML_TOKENS: &[&[u8]] = &[
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    b"<dimension ref=\"A1:XFD1048576\"/>",
    b"<row r=\"1048576\">",
    b"</row>",
    b"uniqueCount=\"4294967295\" ",
    b"<si><t>x</t></si>",
    b"<v>",
    b"</v>",
    b" t=\"s\"",
    b" t=\"d\"",
    b"<![CDATA[",
    b"&#xFFFF;",
    b"<!--",
    b"<",
    b">",
];

pub const JSON_TOKENS: &[&[u8]] = &[
    b"\"memory_kib\": 4294967295,",
    b"\"iterations\": 4294967295,",
    b"\"parallelism\": 4294967295,",
    b"\"salt\": \"\",",
    b"\"database_bytes\": 18446744073709551615,",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\u0000",
    b"null",
    b"1e999",
    b"-0",
];

pub const TOML_TOKENS: &[&[u8]] = &[
    b"[[",
    b"]]",
    b"[",
    b"]",
    b"=",
    b"\"",
    b"'''",
    b"\"\"\"",
    b"\n",
    b"{ a = { b = { c = 1 } } }",
    b"9223372036854775807",
    b"1979-05-27T07:32:00Z",
    b"inf",
    b"nan",
    b"#",
    b"\\u0000",
    b"length = 4294967296\n",
    b"[timers.x]\n",
];

pub const IMAGE_TOKENS: &[&[u8]] = &[
    b"IHDR",
    b"IDAT",
    b"IEND",
    b"PLTE",
    b"\xFF\xD8",
    b"\xFF\xC0",
    b"\xFF\xDA",
    b"\xFF\xD9",
    b"\x00\x00\x00\x00",
    b"\xFF\xFF\xFF\xFF",
];

/// Structured edits of a signed letter, chosen and parameterised by `params`.
pub fn edit_letter(pdf: &[u8], params: &[u64]) -> Vec<u8> {
    let p = |i: usize| params.get(i).copied().unwrap_or(0);
    let mut out = pdf.to_vec();
    match p(0) % 6 {
        // A /ByteRange with other numbers, often huge.
        0 => {
            let hits: Vec<usize> = find_all(&out, b"/ByteRange [");
            if let Some(&at) = hits.get((p(1) as usize) % hits.len().max(1)) {
                let from = at + b"/ByteRange [".len();
                let to = out[from..]
                    .iter()
                    .position(|b| *b == b']')
                    .map_or(from, |e| from + e);
                let values: Vec<String> = (0..4)
                    .map(|i| match p(2 + i) % 4 {
                        0 => (p(6 + i) as i64).to_string(),
                        1 => (p(6 + i) % (out.len() as u64 + 2)).to_string(),
                        2 => "4611686018427387904".to_owned(),
                        _ => format!("-{}", p(6 + i) % 1000),
                    })
                    .collect();
                out.splice(from..to, values.join(" ").into_bytes());
            }
        }
        // A revision appended: new objects, a table and a trailer pointing back.
        1 => {
            let prev = pdf.windows(9).rposition(|w| w == b"startxref").unwrap_or(0);
            let at = out.len();
            let object = format!(
                "{} 0 obj\n<</Type /Page /Annots [{} 0 R]>>\nendobj\n",
                p(1) % 200,
                p(2) % 200
            );
            out.extend_from_slice(object.as_bytes());
            let xref = out.len();
            out.extend_from_slice(
                format!(
                    "xref\n{} 1\n{:010} 00000 n \ntrailer\n<</Size {} /Root 1 0 R /Prev {}>>\nstartxref\n{}\n%%EOF\n",
                    p(1) % 200,
                    at,
                    p(3) % 300,
                    if p(4) % 2 == 0 { prev as u64 } else { p(5) },
                    xref
                )
                .as_bytes(),
            );
        }
        // A signing time with an out-of-range offset.
        2 => {
            for at in find_all(&out, b"/M (D:").into_iter().rev() {
                let from = at + 4;
                let to = out[from..]
                    .iter()
                    .position(|b| *b == b')')
                    .map_or(from, |e| from + e);
                let date = format!("D:20160101000000+{}'{}'", p(1), p(2) % 100);
                out.splice(from..to, date.into_bytes());
            }
        }
        // Many /ByteRange/Contents hits (a linear scan must stay linear).
        3 => {
            let times = (p(1) % 50_000) as usize;
            out.extend(b"/ByteRange/Contents ".iter().copied().cycle().take(20 * times));
        }
        // An object stream that inflates a thousandfold, in an appended revision.
        4 => append_object_stream_bomb(&mut out, (p(1) % 64 + 1) as usize),
        // Bytes flipped inside the signed range or the signature value.
        _ => {
            for i in 0..4 {
                if !out.is_empty() {
                    let at = (p(1 + i) as usize) % out.len();
                    out[at] ^= 1 << (p(5 + i) % 8);
                }
            }
        }
    }
    out
}

/// Appends a revision holding an object stream of `mebibytes` of zeros, deflated.
pub fn append_object_stream_bomb(pdf: &mut Vec<u8>, mebibytes: usize) {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..mebibytes {
        encoder.write_all(&zeros).expect("deflate to memory");
    }
    let compressed = encoder.finish().expect("deflate to memory");
    let prev = pdf.windows(9).rposition(|w| w == b"startxref").and_then(|at| {
        let digits: String = pdf[at + 9..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .map(|b| *b as char)
            .collect();
        digits.parse::<usize>().ok()
    });
    let at = pdf.len();
    pdf.extend_from_slice(
        format!(
            "900 0 obj\n<</Type /ObjStm /N 1 /First 8 /Filter /FlateDecode /Length {}>>\nstream\n",
            compressed.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&compressed);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    let prev = prev.map(|p| format!(" /Prev {p}")).unwrap_or_default();
    pdf.extend_from_slice(
        format!("xref\n900 1\n{at:010} 00000 n \ntrailer\n<</Size 901 /Root 1 0 R{prev}>>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
}

/// Structured edits of a workbook: one XML part edited with `edit`, and the zip made again.
pub fn edit_xlsx(xlsx: &[u8], params: &[u64], edit: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(xlsx)) else {
        return xlsx.to_vec();
    };
    let target = (params.first().copied().unwrap_or(0) as usize) % archive.len().max(1);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            continue;
        };
        let name = part.name().map(|name| name.into_owned()).unwrap_or_default();
        let mut content = Vec::new();
        if part.read_to_end(&mut content).is_err() {
            continue;
        }
        // The sheet and the shared strings are edited most; any part may be.
        let is_sheet = name.contains("worksheets/") || name.ends_with("sharedStrings.xml");
        let chosen = index == target || (is_sheet && params.get(1).copied().unwrap_or(0) % 2 == 0);
        let content = if chosen { edit(&content) } else { content };
        if writer.start_file(name, options).is_err() || writer.write_all(&content).is_err() {
            return xlsx.to_vec();
        }
    }
    writer
        .finish()
        .map(|cursor| cursor.into_inner())
        .unwrap_or_else(|_| xlsx.to_vec())
}

/// A backup with its manifest edited by `edit` and its length field kept right (or not, by
/// `params`), or truncated.
pub fn edit_backup(backup: &[u8], params: &[u64], edit: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    const MAGIC_LEN: usize = b"SCR-DESK-BACKUP 1\n".len();
    let p = |i: usize| params.get(i).copied().unwrap_or(0);
    let Some(length) = backup.get(MAGIC_LEN..MAGIC_LEN + 4) else {
        return backup.to_vec();
    };
    let length = u32::from_le_bytes([length[0], length[1], length[2], length[3]]) as usize;
    let Some(manifest) = backup.get(MAGIC_LEN + 4..MAGIC_LEN + 4 + length) else {
        return backup.to_vec();
    };
    let database = &backup[MAGIC_LEN + 4 + length..];
    let manifest = edit(manifest);
    let mut out = backup[..MAGIC_LEN].to_vec();
    let written_length = match p(0) % 4 {
        0 => p(1) as u32,
        _ => manifest.len() as u32,
    };
    out.extend_from_slice(&written_length.to_le_bytes());
    out.extend_from_slice(&manifest);
    match p(2) % 4 {
        0 => out.extend_from_slice(&database[..(p(3) as usize) % (database.len() + 1)]),
        _ => out.extend_from_slice(database),
    }
    out
}

/// A PNG with its header's width and height set from `params` and its CRC made right, so that
/// the decoder believes it.
pub fn edit_png_size(png: &[u8], params: &[u64]) -> Vec<u8> {
    let mut out = png.to_vec();
    if out.len() < 33 || &out[12..16] != b"IHDR" {
        return out;
    }
    let side = |v: u64| match v % 4 {
        0 => u32::MAX,
        1 => 65_535,
        2 => (v >> 8) as u32,
        _ => ((v >> 8) % 5000) as u32,
    };
    out[16..20].copy_from_slice(&side(params.first().copied().unwrap_or(0)).to_be_bytes());
    out[20..24].copy_from_slice(&side(params.get(1).copied().unwrap_or(0)).to_be_bytes());
    let crc = crc32(&out[12..29]);
    out[29..33].copy_from_slice(&crc.to_be_bytes());
    out
}

/// CRC-32 as PNG chunks use it: ISO 3309, the same as zlib's, which flate2 computes.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// A JSON document (a backup's manifest, an archive header) with one value, found by walking
/// from the root with `params`, replaced by an extreme of its kind or of another kind: the
/// JSON stays valid, so the reader's checks of each field are what is exercised.
pub fn edit_json(json: &[u8], params: &[u64]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(json) else {
        return json.to_vec();
    };
    let p = |i: usize| params.get(i).copied().unwrap_or(0);
    let replacement = match p(0) % 12 {
        0 => serde_json::json!(u32::MAX),
        1 => serde_json::json!(u64::MAX),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(0),
        4 => serde_json::json!(p(1)),
        5 => serde_json::Value::Null,
        6 => serde_json::json!(""),
        7 => serde_json::json!("ab".repeat((p(1) % 40_000) as usize)),
        8 => serde_json::json!("../../../../etc/passwd"),
        9 => serde_json::json!(true),
        10 => serde_json::json!([1, 2, 3]),
        _ => serde_json::json!(p(1) % 16),
    };
    // The path is found reading, then the value is replaced through a JSON pointer.
    let mut pointer = String::new();
    let mut at = &value;
    for depth in 0..4 {
        let choice = p(2 + depth) as usize;
        let (step, next) = match at {
            serde_json::Value::Object(map) if !map.is_empty() => {
                let (key, next) = map.iter().nth(choice % map.len()).expect("an entry");
                (key.replace('~', "~0").replace('/', "~1"), next)
            }
            serde_json::Value::Array(items) if !items.is_empty() => {
                let index = choice % items.len();
                (index.to_string(), &items[index])
            }
            _ => break,
        };
        // Stop here sometimes, so objects themselves are replaced too.
        if p(6 + depth) % 4 == 0 {
            break;
        }
        pointer.push('/');
        pointer.push_str(&step);
        at = next;
    }
    if let Some(slot) = value.pointer_mut(&pointer) {
        *slot = replacement;
    }
    serde_json::to_vec_pretty(&value).unwrap_or_else(|_| json.to_vec())
}
