//! A bundled font embedded as a subset holding just the characters of some text, for text we
//! draw ourselves outside printpdf (the signature's visible appearance). PDF/A-2 §6.2.11.4 wants
//! every font that is drawn with embedded, the appearance of an annotation included.
//!
//! The font is written as printpdf writes its own (ISO 32000-1 §9.7): a `Type0` font with
//! `Identity-H` encoding over a `CIDFontType2` whose CIDs are the subset's glyph ids
//! (`/CIDToGIDMap /Identity`), with `/W` widths from the font's advances and a `/ToUnicode` map,
//! so text is drawn by glyph id and copied out as the characters it came from.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use lopdf::{dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::ParsedFont;
use sha2::{Digest, Sha256};

use crate::error::{LetterError, Result};
use crate::font_program;
use crate::fonts::{Face, Source, BOLD_TTF, FALLBACK_TTF, REGULAR_TTF};

/// The largest font program read back from a letter to draw a signature with.
const MAX_FONT_PROGRAM: usize = 4 << 20;

/// One of the bundled font programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Program {
    Regular,
    Bold,
    Fallback,
}

impl Program {
    pub(crate) fn of(face: Face, source: Source) -> Self {
        match (source, face) {
            (Source::Fallback, _) => Program::Fallback,
            (Source::Primary, Face::Regular) => Program::Regular,
            (Source::Primary, Face::Bold) => Program::Bold,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Program::Regular => REGULAR_TTF,
            Program::Bold => BOLD_TTF,
            Program::Fallback => FALLBACK_TTF,
        }
    }

    /// The font parsed for subsetting, once per process.
    fn parsed(self) -> Result<&'static ParsedFont> {
        static PARSED: [OnceLock<Option<ParsedFont>>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        PARSED[self as usize]
            .get_or_init(|| ParsedFont::from_bytes(self.bytes(), 0, &mut Vec::new()))
            .as_ref()
            .ok_or_else(|| LetterError::SigningFailed("a bundled font could not be parsed".into()))
    }
}

/// A `Type0` font (Identity-H, CIDs = glyph ids) that text can be drawn with: one already in the
/// letter, or one embedded for the purpose.
#[derive(Debug, Clone)]
pub(crate) struct DrawFont {
    pub program: Program,
    /// The `Type0` font dictionary, to name in a resource dictionary.
    pub font_id: ObjectId,
    glyphs: BTreeMap<char, u16>,
}

impl DrawFont {
    /// Whether every character of `text` has a glyph in this font.
    pub(crate) fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| self.glyphs.contains_key(&c))
    }

    /// `text` as two-byte glyph ids (a hex string operand for `Tj`). Characters the font lacks
    /// become glyph 0, the empty box; callers choose fonts that have them.
    pub(crate) fn encode(&self, text: &str) -> Object {
        let bytes = text
            .chars()
            .flat_map(|c| self.glyphs.get(&c).copied().unwrap_or(0).to_be_bytes())
            .collect();
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// An embedded subset font: how to draw with it, and the objects to write.
#[derive(Debug)]
pub(crate) struct EmbeddedFont {
    pub font: DrawFont,
    /// Every object of the font, the `Type0` dictionary first.
    pub objects: Vec<(ObjectId, Object)>,
}

/// The letter's own fonts on a page (the subsets the renderer embedded), so that a signature's
/// appearance can draw with them and add no font of its own when they have its characters.
/// Their glyph ids are read from each subset's Unicode `cmap`; their `/W` widths and
/// `/ToUnicode` maps already cover every glyph of the subset (all of them are used on pages).
pub(crate) fn fonts_on_page(doc: &lopdf::Document, page: ObjectId) -> Vec<DrawFont> {
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let fonts = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Resources").ok())
        .and_then(resolve)
        .and_then(|r| r.as_dict().ok()?.get(b"Font").ok().and_then(resolve))
        .and_then(|f| f.as_dict().ok().cloned())
        .unwrap_or_default();
    fonts
        .iter()
        .filter_map(|(_, value)| {
            let font_id = value.as_reference().ok()?;
            let font = doc.get_dictionary(font_id).ok()?;
            let base = font.get(b"BaseFont").and_then(Object::as_name).ok()?;
            let name = base.split(|b| *b == b'+').next_back()?;
            let program = match name {
                b"LiberationSans" => Program::Regular,
                b"LiberationSans-Bold" => Program::Bold,
                b"DejaVuSans" => Program::Fallback,
                _ => return None,
            };
            let descendant = resolve(
                font.get(b"DescendantFonts")
                    .and_then(Object::as_array)
                    .ok()?
                    .first()?,
            )?;
            let descriptor = resolve(descendant.as_dict().ok()?.get(b"FontDescriptor").ok()?)?;
            let file = resolve(descriptor.as_dict().ok()?.get(b"FontFile2").ok()?)?;
            // Our own subsets are tens of kilobytes; a font program inflating past this is not.
            let bytes = file
                .as_stream()
                .ok()?
                .decompressed_content_with_limit(MAX_FONT_PROGRAM)
                .ok()?;
            let face = ttf_parser::Face::parse(&bytes, 0).ok()?;
            let mut glyphs = BTreeMap::new();
            for sub in face.tables().cmap?.subtables {
                if sub.is_unicode() {
                    sub.codepoints(|cp| {
                        if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                            glyphs.insert(c, g.0);
                        }
                    });
                }
            }
            Some(DrawFont {
                program,
                font_id,
                glyphs,
            })
        })
        .collect()
}

fn font_err(what: &str) -> LetterError {
    LetterError::SigningFailed(format!("the appearance font could not be made: {what}"))
}

/// Embeds the subset of `program` with the characters of `text`, taking object numbers from
/// `next_id`.
pub(crate) fn embed(program: Program, text: &str, next_id: &mut u32) -> Result<EmbeddedFont> {
    let face = ttf_parser::Face::parse(program.bytes(), 0).map_err(|e| font_err(&e.to_string()))?;
    let chars: BTreeSet<char> = text.chars().filter(|c| face.glyph_index(*c).is_some()).collect();
    let wanted: BTreeMap<u16, String> = chars
        .iter()
        .filter_map(|c| face.glyph_index(*c).map(|g| (g.0, c.to_string())))
        .collect();
    let subset = printpdf::subset_font(program.parsed()?, &wanted).map_err(|e| font_err(&e))?;
    let glyphs: BTreeMap<char, u16> = chars
        .iter()
        .filter_map(|c| {
            let old = face.glyph_index(*c)?.0;
            subset.glyph_mapping.get(&old).map(|(new, _)| (*c, *new))
        })
        .collect();

    let scale = 1000.0 / f32::from(face.units_per_em());
    let units = |v: f32| Object::Integer((v * scale).round() as i64);
    // Widths and Unicode for each new glyph id, in id order.
    let by_gid: BTreeMap<u16, char> = glyphs.iter().map(|(c, g)| (*g, *c)).collect();
    let mut widths = Vec::new();
    for (gid, c) in &by_gid {
        let advance = face
            .glyph_index(*c)
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or(0);
        widths.push(Object::Integer(i64::from(*gid)));
        widths.push(Object::Array(vec![units(f32::from(advance))]));
    }

    // A subset tag from the glyphs it holds: the same text gives the same name.
    let digest = Sha256::digest(format!("{program:?}{text}").as_bytes());
    let tag: String = digest[..6].iter().map(|b| char::from(b'A' + b % 26)).collect();
    let postscript = face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "Font".to_string());
    let base_font = Object::Name(format!("{tag}+{postscript}").into_bytes());

    let mut id = || {
        let taken = (*next_id, 0);
        *next_id += 1;
        taken
    };
    let (font_id, descriptor_id, file_id, unicode_id) = (id(), id(), id(), id());
    let program_bytes = font_program::without_hinting(&subset.bytes);
    let mut file = Stream::new(
        dictionary! { "Length1" => program_bytes.len() as i64 },
        program_bytes,
    );
    let _ = file.compress();
    let mut to_unicode = Stream::new(dictionary! {}, to_unicode_cmap(&by_gid).into_bytes());
    let _ = to_unicode.compress();
    let bbox = face.global_bounding_box();
    let descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => base_font.clone(),
        "Flags" => 32, // non-symbolic
        "FontBBox" => Object::Array(vec![
            units(f32::from(bbox.x_min)),
            units(f32::from(bbox.y_min)),
            units(f32::from(bbox.x_max)),
            units(f32::from(bbox.y_max)),
        ]),
        "ItalicAngle" => 0,
        "Ascent" => units(f32::from(face.ascender())),
        "Descent" => units(f32::from(face.descender())),
        "CapHeight" => units(f32::from(face.capital_height().unwrap_or(face.ascender()))),
        "StemV" => if program == Program::Bold { 165 } else { 88 },
        "FontFile2" => Object::Reference(file_id),
    };
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => base_font.clone(),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            "Ordering" => Object::String(b"Identity".to_vec(), StringFormat::Literal),
            "Supplement" => 0,
        },
        "FontDescriptor" => Object::Reference(descriptor_id),
        "W" => Object::Array(widths),
        "CIDToGIDMap" => "Identity",
    };
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => base_font,
        "Encoding" => "Identity-H",
        "DescendantFonts" => Object::Array(vec![Object::Dictionary(cid_font)]),
        "ToUnicode" => Object::Reference(unicode_id),
    };
    Ok(EmbeddedFont {
        font: DrawFont {
            program,
            font_id,
            glyphs,
        },
        objects: vec![
            (font_id, Object::Dictionary(font)),
            (descriptor_id, Object::Dictionary(descriptor)),
            (file_id, Object::Stream(file)),
            (unicode_id, Object::Stream(to_unicode)),
        ],
    })
}

/// A ToUnicode CMap (Adobe Technical Note #5411) from glyph id to character.
fn to_unicode_cmap(by_gid: &BTreeMap<u16, char>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = by_gid.iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, c) in chunk {
            let mut units = [0u16; 2];
            let utf16: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            out.push_str(&format!("<{gid:04X}> <{utf16}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_holds_the_text_and_maps_it_back() {
        let mut next = 10;
        let font = embed(Program::Regular, "Tom Öberg 12:03", &mut next).unwrap();
        assert_eq!(next, 14);
        assert_eq!(font.font.font_id, (10, 0));
        assert_eq!(font.objects.len(), 4);
        assert!(font.font.covers("Tom Öberg") && !font.font.covers("Tom Öberg!"));
        // Every character has a glyph of its own, none the empty box.
        let Object::String(codes, _) = font.font.encode("Tom Öberg") else {
            panic!()
        };
        assert_eq!(codes.len(), 18);
        assert!(codes.chunks(2).all(|c| c != [0, 0]));
        let Object::Stream(file) = &font.objects[2].1 else {
            panic!()
        };
        let program = file.decompressed_content().unwrap();
        let parsed = ttf_parser::Face::parse(&program, 0).unwrap();
        assert!(parsed.number_of_glyphs() < 20, "{}", parsed.number_of_glyphs());
        let cmap = to_unicode_cmap(&font.font.glyphs.iter().map(|(c, g)| (*g, *c)).collect());
        assert!(cmap.contains("<00D6>"), "Ö maps back: {cmap}");
    }
}
