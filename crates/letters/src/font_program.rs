//! Embedded font programs without their hinting (the TrueType instructions that adjust outlines
//! to a screen's pixel grid). In a subset of Liberation Sans they are about half the bytes, and
//! PDF readers draw letters at print and zoom sizes where they do nothing visible (FreeType, pdf.js
//! and Acrobat all rasterise unhinted TrueType well). Outlines, metrics, glyph numbering and the
//! `name` table with the fonts' copyright and licence stay as they are.
//!
//! The tables are those of the OpenType specification (https://learn.microsoft.com/typography/opentype/spec/):
//! `glyf` glyphs lose their instructions, `loca` is rewritten in the long format, and the
//! tables only hinting uses (`cvt `, `fpgm`, `prep`, `hdmx`, `LTSH`, `VDMX`, `gasp`) go.
//! Anything unexpected leaves the program as it was: slimming is an optimisation, never a risk.

/// Tables that only hinting reads.
const HINTING_TABLES: [&[u8; 4]; 7] = [b"cvt ", b"fpgm", b"prep", b"hdmx", b"LTSH", b"VDMX", b"gasp"];

/// `program` without hinting, or `program` unchanged if it is not a TrueType font we understand.
pub(crate) fn without_hinting(program: &[u8]) -> Vec<u8> {
    slim(program).unwrap_or_else(|| program.to_vec())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn slim(program: &[u8]) -> Option<Vec<u8>> {
    if u32_at(program, 0)? != 0x0001_0000 {
        return None; // not TrueType outlines (CFF, a collection, or not a font)
    }
    let count = usize::from(u16_at(program, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = program.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(program, record + 8)? as usize;
        let length = u32_at(program, record + 12)? as usize;
        let data = program.get(offset..offset.checked_add(length)?)?;
        tables.push((tag, data.to_vec()));
    }
    let find = |tag: &[u8; 4]| tables.iter().position(|(t, _)| t == tag);
    let (head, maxp, loca, glyf) = (find(b"head")?, find(b"maxp")?, find(b"loca")?, find(b"glyf")?);
    let glyphs = usize::from(u16_at(&tables[maxp].1, 4)?);
    let long_loca = u16_at(&tables[head].1, 50)? == 1;
    let offsets: Vec<usize> = (0..=glyphs)
        .map(|g| {
            if long_loca {
                u32_at(&tables[loca].1, 4 * g).map(|o| o as usize)
            } else {
                u16_at(&tables[loca].1, 2 * g).map(|o| 2 * usize::from(o))
            }
        })
        .collect::<Option<_>>()?;

    let mut new_glyf = Vec::with_capacity(tables[glyf].1.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for g in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let (start, end) = (offsets[g], offsets[g + 1]);
        if end > start {
            let glyph = tables[glyf].1.get(start..end)?;
            new_glyf.extend_from_slice(&glyph_without_instructions(glyph)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    tables[glyf].1 = new_glyf;
    tables[loca].1 = new_loca;
    tables[head]
        .1
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    // maxSizeOfInstructions (maxp version 1.0): no glyph has any now.
    if tables[maxp].1.len() >= 28 {
        tables[maxp].1[26..28].copy_from_slice(&0u16.to_be_bytes());
    }
    tables.retain(|(tag, _)| !HINTING_TABLES.contains(&tag));
    Some(write_sfnt(tables))
}

/// One `glyf` entry without its instructions.
fn glyph_without_instructions(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Simple glyph: header, endPtsOfContours, instructionLength, instructions, the rest.
        let at = 10 + 2 * usize::try_from(contours).ok()?;
        let length = usize::from(u16_at(glyph, at)?);
        let rest = glyph.get(at + 2 + length..)?;
        let mut out = Vec::with_capacity(glyph.len());
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // Composite glyph: walk the components; instructions, if any, follow the last one.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let mut next = at + 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        next += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & X_AND_Y_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            let mut out = glyph.get(..next)?.to_vec();
            out[at..at + 2].copy_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
            return Some(out);
        }
        at = next;
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file from its tables (sorted by tag, each on a four-byte boundary), with the table
/// checksums and `head.checkSumAdjustment` recomputed.
fn write_sfnt(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let count = tables.len() as u16;
    let mut power = 1u16;
    let mut selector = 0u16;
    while power * 2 <= count {
        power *= 2;
        selector += 1;
    }
    let search_range = power * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [count, search_range, selector, count * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables.iter_mut() {
        if tag == b"head" {
            data[8..12].copy_from_slice(&[0; 4]);
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{BOLD_TTF, FALLBACK_TTF, REGULAR_TTF};

    #[test]
    fn slim_fonts_keep_every_outline_and_advance() {
        for font in [REGULAR_TTF, BOLD_TTF, FALLBACK_TTF] {
            let slim = without_hinting(font);
            assert!(slim.len() < font.len(), "{} -> {}", font.len(), slim.len());
            let before = ttf_parser::Face::parse(font, 0).unwrap();
            let after = ttf_parser::Face::parse(&slim, 0).expect("the slim font parses");
            assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
            assert!(after.tables().glyf.is_some());
            for c in "Aaé€✓ŵ→".chars() {
                let Some(gid) = before.glyph_index(c) else {
                    continue;
                };
                assert_eq!(after.glyph_index(c), Some(gid));
                assert_eq!(before.glyph_hor_advance(gid), after.glyph_hor_advance(gid));
                assert_eq!(
                    before.glyph_bounding_box(gid),
                    after.glyph_bounding_box(gid),
                    "{c}"
                );
            }
            assert_eq!(checksum(&slim), 0xB1B0_AFBA, "whole-file checksum");
        }
    }

    #[test]
    fn anything_else_is_left_alone() {
        assert_eq!(without_hinting(b"OTTO\0\0"), b"OTTO\0\0".to_vec());
        assert_eq!(without_hinting(b"\0\x01\0\0\0\x09"), b"\0\x01\0\0\0\x09".to_vec());
        assert_eq!(without_hinting(b""), Vec::<u8>::new());
    }
}
