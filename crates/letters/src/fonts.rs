//! The bundled fonts (Liberation Sans, SIL Open Font Licence 1.1; see `fonts/OFL-LICENSE.txt`)
//! and their advance widths, read with ttf-parser so that we can wrap lines ourselves.

use std::collections::HashMap;

use crate::error::{LetterError, Result};

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// Advance widths of one face, in font units, with a fast table for the first 0x2200 code
/// points (Latin, punctuation, currency) and a map for the rest.
#[derive(Debug)]
struct Advances {
    units_per_em: f32,
    table: Vec<u16>,
    table_has: Vec<bool>,
    other: HashMap<char, u16>,
    missing: u16,
}

const TABLE_LEN: usize = 0x2200;

impl Advances {
    fn new(bytes: &[u8]) -> Result<Self> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| LetterError::Render(format!("bundled font unreadable: {e}")))?;
        let missing = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(1000);
        let mut table = vec![missing; TABLE_LEN];
        let mut table_has = vec![false; TABLE_LEN];
        let mut other = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    let Some(c) = char::from_u32(cp) else { return };
                    let Some(gid) = sub.glyph_index(cp) else { return };
                    let adv = face.glyph_hor_advance(gid).unwrap_or(missing);
                    if (cp as usize) < TABLE_LEN {
                        table[cp as usize] = adv;
                        table_has[cp as usize] = true;
                    } else {
                        other.insert(c, adv);
                    }
                });
            }
        }
        Ok(Advances {
            units_per_em: f32::from(face.units_per_em()),
            table,
            table_has,
            other,
            missing,
        })
    }

    fn advance(&self, c: char) -> u16 {
        let cp = c as usize;
        if cp < TABLE_LEN {
            self.table[cp]
        } else {
            self.other.get(&c).copied().unwrap_or(self.missing)
        }
    }

    fn has(&self, c: char) -> bool {
        let cp = c as usize;
        if cp < TABLE_LEN {
            self.table_has[cp]
        } else {
            self.other.contains_key(&c)
        }
    }
}

/// Metrics of both faces.
#[derive(Debug)]
pub(crate) struct Metrics {
    regular: Advances,
    bold: Advances,
}

impl Metrics {
    pub(crate) fn load() -> Result<Self> {
        Ok(Metrics {
            regular: Advances::new(REGULAR_TTF)?,
            bold: Advances::new(BOLD_TTF)?,
        })
    }

    fn face(&self, face: Face) -> &Advances {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Width of `text` in points at `size`.
    pub(crate) fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let f = self.face(face);
        let units: u32 = text.chars().map(|c| u32::from(f.advance(c))).sum();
        units as f32 * size / f.units_per_em
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has_glyph(&self, c: char, face: Face) -> bool {
        self.face(face).has(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_the_characters_letters_use() {
        let m = Metrics::load().unwrap();
        for c in "’‘“”–—éöŵŷ€£•·ÂâÊêÎîÔôÛûŴŶ".chars() {
            assert!(m.has_glyph(c, Face::Regular), "regular lacks {c}");
            assert!(m.has_glyph(c, Face::Bold), "bold lacks {c}");
        }
        // Liberation Sans is metric-compatible with Arial: "M" is 0.833 em.
        let w = m.width("M", Face::Regular, 10.0);
        assert!((w - 8.33).abs() < 0.01, "{w}");
        assert!(m.width("Board", Face::Bold, 11.0) > m.width("Board", Face::Regular, 11.0));
    }
}
