//! Line wrapping: words into lines no wider than a measure, with the fonts' advance widths.

use crate::fonts::{Face, Metrics};

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    pub(super) face: Face,
    pub(super) text: String,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub(super) runs: Vec<Run>,
    pub(super) width: f32,
}

/// Splits `text` into words, keeping the face of each.
fn words<'t>(spans: &[(Face, &'t str)]) -> Vec<Vec<(Face, &'t str)>> {
    // Hard line breaks split paragraphs into separately wrapped pieces.
    let mut pieces: Vec<Vec<(Face, &'t str)>> = vec![Vec::new()];
    for &(face, text) in spans {
        for (n, part) in text.split('\n').enumerate() {
            if n > 0 {
                pieces.push(Vec::new());
            }
            for w in part.split_whitespace() {
                pieces.last_mut().expect("never empty").push((face, w));
            }
        }
    }
    pieces
}

/// Wraps spans of text into lines no wider than `width`.
pub(super) fn wrap(m: &Metrics, spans: &[(Face, &str)], size: f32, width: f32) -> Vec<Line> {
    let mut out = Vec::new();
    for piece in words(spans) {
        let mut line = Line::default();
        for (face, word) in piece {
            let ww = m.width(word, face, size);
            if line.runs.is_empty() {
                push_long_word(m, &mut out, &mut line, face, word, size, width);
                continue;
            }
            let space = m.width(" ", face, size);
            if line.width + space + ww <= width + 0.01 {
                append(&mut line, face, " ");
                append(&mut line, face, word);
                line.width += space + ww;
            } else {
                out.push(std::mem::take(&mut line));
                push_long_word(m, &mut out, &mut line, face, word, size, width);
            }
        }
        out.push(line);
    }
    out
}

fn append(line: &mut Line, face: Face, text: &str) {
    match line.runs.last_mut() {
        Some(run) if run.face == face => run.text.push_str(text),
        _ => line.runs.push(Run {
            face,
            text: text.to_string(),
        }),
    }
}

/// Starts a line with `word`, breaking the word by characters if it is wider than a line.
fn push_long_word(
    m: &Metrics,
    out: &mut Vec<Line>,
    line: &mut Line,
    face: Face,
    word: &str,
    size: f32,
    width: f32,
) {
    let mut chunk = String::new();
    for c in word.chars() {
        let mut next = chunk.clone();
        next.push(c);
        if !chunk.is_empty() && m.width(&next, face, size) > width {
            let w = m.width(&chunk, face, size);
            append(line, face, &chunk);
            line.width += w;
            out.push(std::mem::take(line));
            chunk.clear();
            chunk.push(c);
        } else {
            chunk = next;
        }
    }
    let w = m.width(&chunk, face, size);
    append(line, face, &chunk);
    line.width += w;
}

pub(super) fn plain(m: &Metrics, text: &str, face: Face, size: f32, width: f32) -> Vec<Line> {
    wrap(m, &[(face, text)], size, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let m = Metrics::load().unwrap();
        let text = "The case review sub-group considered it on 29 March 2016 and recommended a review; \
                    a supercalifragilisticexpialidociouslylongwordthatcannotfitonelinewithoutbreakingatall \
                    ends here.";
        let lines = plain(&m, text, Face::Regular, 11.0, 150.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(line.width <= 150.01, "{line:?}");
        }
        let joined: String = lines
            .iter()
            .flat_map(|l| l.runs.iter().map(|r| r.text.clone()))
            .collect::<Vec<_>>()
            .join("");
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn lead_in_is_bold_and_on_the_same_line() {
        let m = Metrics::load().unwrap();
        let lines = wrap(
            &m,
            &[(Face::Bold, "Distribution:"), (Face::Regular, "all members")],
            10.0,
            400.0,
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(
            lines[0].runs[0],
            Run {
                face: Face::Bold,
                text: "Distribution:".into()
            }
        );
        assert_eq!(
            lines[0].runs[1],
            Run {
                face: Face::Regular,
                text: " all members".into()
            }
        );
    }
}
