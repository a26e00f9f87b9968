//! Hostile letters made from a genuine signed one: each a few
//! minutes' work for someone who wants to hang or crash the verifier.

/// The genuine letter with its first `/ByteRange` array replaced by `numbers` (spaces keep
/// the length when the numbers are shorter).
pub fn with_byte_range(pdf: &[u8], numbers: &str) -> Vec<u8> {
    let (at, end) = first_value(pdf, b"/ByteRange [", b']');
    let mut out = pdf[..at].to_vec();
    out.extend_from_slice(numbers.as_bytes());
    if numbers.len() < end - at {
        out.extend(std::iter::repeat_n(b' ', end - at - numbers.len()));
    }
    out.extend_from_slice(&pdf[end..]);
    out
}

/// `[0 4611686018427387904 4611686018427387905 4611686018427387904]`: the sum of the last two
/// overflowed (a panic in a debug build, a wrap and an out-of-bounds index in a release one).
pub fn byte_range_overflow(pdf: &[u8]) -> Vec<u8> {
    with_byte_range(
        pdf,
        "0 4611686018427387904 4611686018427387905 4611686018427387904",
    )
}

/// The real offsets of the signature value, with a length after it of i64::MAX: the end of
/// the signed bytes overflows only in the last addition.
pub fn byte_range_end_overflow(pdf: &[u8]) -> Vec<u8> {
    let (at, end) = first_value(pdf, b"/ByteRange [", b']');
    let numbers: Vec<i64> = String::from_utf8_lossy(&pdf[at..end])
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    with_byte_range(pdf, &format!("0 {} {} {}", numbers[1], numbers[2], i64::MAX))
}

/// The signing time `/M` with an offset of `+999999999999999999` hours.
pub fn signing_time_offset(pdf: &[u8]) -> Vec<u8> {
    // The date string itself, from its "D:".
    let (after_prefix, end) = first_value(pdf, b"/M (D:", b')');
    let at = after_prefix - b"D:".len();
    let mut out = pdf[..at].to_vec();
    out.extend_from_slice(b"D:20160101000000+999999999999999999");
    out.extend_from_slice(&pdf[end..]);
    out
}

/// 1.2 MB of `/ByteRange/Contents ` (the scan once searched the whole file for each hit).
pub fn repeated_byte_range_keys() -> Vec<u8> {
    b"/ByteRange/Contents ".repeat(60_000)
}

/// The same, each in an object of its own: thousands of would-be signatures.
pub fn thousands_of_signature_objects() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    for n in 1..=5_000 {
        out.extend_from_slice(
            format!("{n} 0 obj\n<</ByteRange [0 1 2 3] /Contents <00>>>\nendobj\n").as_bytes(),
        );
    }
    out
}

/// The genuine letter with a revision appended holding an object stream that inflates to
/// 64 MiB from about 64 KB.
pub fn object_stream_bomb(pdf: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..64 {
        encoder.write_all(&spaces).expect("deflate");
    }
    let compressed = encoder.finish().expect("deflate");
    let prev = last_startxref(pdf);
    let mut out = pdf.to_vec();
    let at = out.len();
    out.extend_from_slice(
        format!(
            "900 0 obj\n<</Type /ObjStm /N 1 /First 8 /Filter /FlateDecode /Length {}>>\nstream\n",
            compressed.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&compressed);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n900 1\n{at:010} 00000 n \ntrailer\n<</Size 901 /Root 1 0 R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    out
}

/// The genuine letter with `count` empty revisions appended, each pointing to the one before.
pub fn many_revisions(pdf: &[u8], count: usize) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let mut prev = last_startxref(pdf);
    for _ in 0..count {
        let at = out.len();
        out.extend_from_slice(
            format!("xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Root 1 0 R /Prev {prev}>>\nstartxref\n{at}\n%%EOF\n")
                .as_bytes(),
        );
        prev = at;
    }
    out
}

/// Where the first value after `opener` lies in the genuine letter, up to its `closer`:
/// `(start, end)`, the closer not included.
fn first_value(pdf: &[u8], opener: &[u8], closer: u8) -> (usize, usize) {
    let at = find(pdf, opener).expect("the genuine letter has it") + opener.len();
    let end = at + pdf[at..].iter().position(|b| *b == closer).expect("its end");
    (at, end)
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn last_startxref(pdf: &[u8]) -> usize {
    let at = pdf
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref")
        + 9;
    String::from_utf8_lossy(&pdf[at..])
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an offset")
}
