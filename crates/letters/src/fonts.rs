//! The bundled fonts (Liberation Sans, SIL Open Font Licence 1.1, see `fonts/OFL-LICENSE.txt`;
//! DejaVu Sans for the characters Liberation Sans lacks, see `fonts/DejaVu-LICENSE.txt`) and
//! their advance widths, read with ttf-parser so that we can wrap lines ourselves.

use std::collections::HashMap;

use crate::error::{LetterError, Result};

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
/// The fallback for both faces: symbols (✓, arrows), Greek, Cyrillic and more. Only its regular
/// weight is bundled, to keep the app small; a bold heading with such a character shows that
/// character in the regular weight.
pub(crate) const FALLBACK_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// Which bundled font program draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    /// Liberation Sans, in the run's face.
    Primary,
    /// DejaVu Sans.
    Fallback,
}

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

/// Metrics of both faces and of the fallback font.
#[derive(Debug)]
pub(crate) struct Metrics {
    regular: Advances,
    bold: Advances,
    fallback: Advances,
}

impl Metrics {
    /// The metrics, parsed once per process.
    pub(crate) fn shared() -> Result<&'static Metrics> {
        static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
        if let Some(m) = METRICS.get() {
            return Ok(m);
        }
        let loaded = Metrics::load()?;
        Ok(METRICS.get_or_init(|| loaded))
    }

    pub(crate) fn load() -> Result<Self> {
        Ok(Metrics {
            regular: Advances::new(REGULAR_TTF)?,
            bold: Advances::new(BOLD_TTF)?,
            fallback: Advances::new(FALLBACK_TTF)?,
        })
    }

    fn face(&self, face: Face) -> &Advances {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Width of `text` in points at `size`, each character measured in the font that draws it.
    pub(crate) fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let f = self.face(face);
        let mut units: u32 = 0;
        let mut fallback_units: u32 = 0;
        for c in text.chars() {
            if !f.has(c) && self.fallback.has(c) {
                fallback_units += u32::from(self.fallback.advance(c));
            } else {
                units += u32::from(f.advance(c));
            }
        }
        units as f32 * size / f.units_per_em + fallback_units as f32 * size / self.fallback.units_per_em
    }

    /// Whether `c` can be shown in `face`, by Liberation Sans or by the fallback font.
    pub(crate) fn has_glyph(&self, c: char, face: Face) -> bool {
        self.face(face).has(c) || self.fallback.has(c)
    }

    /// Which font draws `c` in `face`. A character neither font has stays with the face (it
    /// prints as the font's empty box; [`Metrics::has_glyph`] is how callers find those first).
    pub(crate) fn source(&self, c: char, face: Face) -> Source {
        if !self.face(face).has(c) && self.fallback.has(c) {
            Source::Fallback
        } else {
            Source::Primary
        }
    }

    /// `text` cut into runs drawn by one font each, in order.
    pub(crate) fn runs<'t>(&self, text: &'t str, face: Face) -> Vec<(Source, &'t str)> {
        let mut out: Vec<(Source, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (i, c) in text.char_indices() {
            let source = self.source(c, face);
            if current != Some(source) {
                if let Some(previous) = current {
                    out.push((previous, &text[start..i]));
                }
                start = i;
                current = Some(source);
            }
        }
        if let Some(last) = current {
            out.push((last, &text[start..]));
        }
        out
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

    #[test]
    fn characters_liberation_lacks_are_drawn_by_the_fallback() {
        let m = Metrics::load().unwrap();
        assert!(m.has_glyph('✓', Face::Regular) && m.has_glyph('✓', Face::Bold));
        assert_eq!(m.source('✓', Face::Bold), Source::Fallback);
        assert_eq!(m.source('a', Face::Bold), Source::Primary);
        assert!(!m.has_glyph('漢', Face::Regular));
        assert_eq!(
            m.runs("Done ✓✓ now", Face::Regular),
            vec![
                (Source::Primary, "Done "),
                (Source::Fallback, "✓✓"),
                (Source::Primary, " now")
            ]
        );
        assert!(m.runs("", Face::Regular).is_empty());
        // A fallback character has a width of its own, not the empty box's.
        assert!(m.width("✓", Face::Regular, 10.0) > 1.0);
    }
}
