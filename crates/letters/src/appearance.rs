//! The visible signature block: who signed, in what role, for which board, when, and the
//! certificate's fingerprint, in a framed box. Drawn with subsets of the letter's own fonts,
//! embedded (PDF/A-2 §6.2.11.4 counts an annotation's appearance as drawn text), as indirect
//! objects (poppler could not resolve inline font dictionaries in appearance streams and printed
//! "Internal Error: xref num … not found" for every letter).

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Object, ObjectId};
use x509_cert::Certificate;

use crate::embedded_font::{self, DrawFont, Program};
use crate::error::Result;
use crate::fonts::{Face, Metrics};
use crate::identity::{self, Fingerprint};
use crate::pdfobj::{format_real, write_object};
use crate::time::UtcDateTime;

/// A Form XObject for the widget's `/AP /N`, and the font objects it uses.
#[derive(Debug)]
pub(crate) struct Appearance {
    pub stream: lopdf::Stream,
    pub objects: Vec<(ObjectId, Object)>,
}

/// The lines of the block: face, size, text.
fn lines(cert: &Certificate, fp: &Fingerprint, signed_at: UtcDateTime) -> Vec<(Face, f32, String)> {
    let name = identity::common_name(cert).unwrap_or_else(|| "(unnamed signer)".into());
    let (local, zone) = signed_at.uk_local();
    let grouped = fp.grouped();
    let parts: Vec<&str> = grouped.split(' ').collect();
    let (fp1, fp2) = parts.split_at(parts.len() / 2);
    let mut lines: Vec<(Face, f32, String)> = vec![(Face::Bold, 9.0, name)];
    lines.extend(identity::title(cert).map(|r| (Face::Regular, 7.5, r)));
    lines.extend(identity::organisation(cert).map(|o| (Face::Regular, 7.5, o)));
    lines.push((
        Face::Regular,
        7.5,
        format!(
            "Digitally signed on {} at {} {zone}",
            local.long_date(),
            local.hour_minute()
        ),
    ));
    lines.push((Face::Regular, 6.5, format!("SHA-256 {}", fp1.join(" "))));
    lines.push((Face::Regular, 6.5, fp2.join(" ")));
    lines
}

/// The appearance of a `w` × `h` signature block. It draws with the letter's own fonts on the
/// page (`page_fonts`) where they have the characters, which they usually do: the signer's name
/// and role are printed under the block in the same faces. Otherwise a subset is embedded for
/// the block, its objects numbered from `next_id`.
pub(crate) fn signature_appearance(
    cert: &Certificate,
    fp: &Fingerprint,
    signed_at: UtcDateTime,
    (w, h): (f32, f32),
    page_fonts: &[DrawFont],
    next_id: &mut u32,
) -> Result<Appearance> {
    let metrics = Metrics::shared()?;
    let lines = lines(cert, fp, signed_at);

    // The text each bundled program draws; the letter's font draws it if it has all of it.
    let mut texts: BTreeMap<Program, String> = BTreeMap::new();
    for (face, _, text) in &lines {
        for (source, run) in metrics.runs(text, *face) {
            texts.entry(Program::of(*face, source)).or_default().push_str(run);
        }
    }
    let mut fonts: BTreeMap<Program, (String, DrawFont)> = BTreeMap::new();
    let mut objects = Vec::new();
    for (i, (program, text)) in texts.iter().enumerate() {
        let on_page = page_fonts
            .iter()
            .find(|f| f.program == *program && f.covers(text));
        let font = match on_page {
            Some(font) => font.clone(),
            None => {
                let embedded = embedded_font::embed(*program, text, next_id)?;
                objects.extend(embedded.objects);
                embedded.font
            }
        };
        fonts.insert(*program, (format!("F{}", i + 1), font));
    }

    let mut c: Vec<u8> = Vec::new();
    // Frame: a pale fill, a thin border and an accent bar on the left.
    c.extend_from_slice(b"q 0.965 0.973 0.984 rg 0.55 0.6 0.68 RG 0.6 w\n");
    c.extend_from_slice(
        format!("0.3 0.3 {} {} re B\n", format_real(w - 0.6), format_real(h - 0.6)).as_bytes(),
    );
    c.extend_from_slice(format!("0.11 0.27 0.49 rg 0.3 0.3 3 {} re f Q\n", format_real(h - 0.6)).as_bytes());
    let pad = 8.0;
    let text_w = w - 2.0 * pad - 4.0;
    let leading = |size: f32| size * 1.28;
    let total: f32 = lines.iter().map(|(_, s, _)| leading(*s)).sum();
    let mut y = h - (h - total) / 2.0;
    let fp_label_w = metrics.width("SHA-256 ", Face::Regular, 6.5);
    let last = lines.len() - 1;
    for (i, (face, size, text)) in lines.iter().enumerate() {
        y -= leading(*size);
        let mut size = *size;
        let width = metrics.width(text, *face, size);
        if width > text_w {
            size = (size * text_w / width).max(5.0);
        }
        let x = pad + 4.0 + if i == last { fp_label_w } else { 0.0 };
        c.extend_from_slice(
            format!(
                "BT 0.1 0.1 0.1 rg {} {} Td",
                format_real(x),
                format_real(y + size * 0.22)
            )
            .as_bytes(),
        );
        for (source, run) in metrics.runs(text, *face) {
            let (name, font) = &fonts[&Program::of(*face, source)];
            c.extend_from_slice(format!(" /{name} {} Tf ", format_real(size)).as_bytes());
            write_object(&mut c, &font.encode(run));
            c.extend_from_slice(b" Tj");
        }
        c.extend_from_slice(b" ET\n");
    }

    let mut font_resources = Dictionary::new();
    for (name, font) in fonts.into_values() {
        font_resources.set(name, Object::Reference(font.font_id));
    }
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]),
        "Resources" => dictionary! { "Font" => font_resources },
    };
    let mut stream = lopdf::Stream::new(dict, c);
    let _ = stream.compress();
    Ok(Appearance { stream, objects })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{BoardAuthority, SignerSubject, ValidityPeriod};
    use crate::SigningIdentity;

    #[test]
    fn the_block_embeds_the_fonts_it_draws_with() {
        let t = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
        let ca = BoardAuthority::create("Anytown Board", ValidityPeriod::years_from(t, 1)).unwrap();
        let signer = ca
            .issue_signer(
                &SignerSubject {
                    name: "Tom Öberg ✓".into(),
                    role: "Director of Children’s Services".into(),
                    organisation: "Tŷ Board".into(),
                },
                ValidityPeriod::years_from(t, 1),
            )
            .unwrap();
        let cert = &signer.certificate_chain()[0];
        let fp = identity::fingerprint(cert).unwrap();
        let mut next = 100;
        let mut a = signature_appearance(cert, &fp, t, (300.0, 65.0), &[], &mut next).unwrap();
        // Regular, bold and the fallback for ✓: four objects each.
        assert_eq!(a.objects.len(), 12);
        assert_eq!(next, 112);
        a.stream.decompress().unwrap();
        let content = String::from_utf8_lossy(&a.stream.content).into_owned();
        assert!(content.contains("/F1 ") && content.contains("/F2 ") && content.contains("/F3 "));
        assert!(!content.contains("Helv"), "{content}");
        let resources = a.stream.dict.get(b"Resources").unwrap().as_dict().unwrap();
        let fonts = resources.get(b"Font").unwrap().as_dict().unwrap();
        assert!(
            fonts.iter().all(|(_, v)| v.as_reference().is_ok()),
            "fonts are indirect"
        );
        for (_, object) in &a.objects {
            if let Ok(d) = object.as_dict() {
                if d.has(b"FontName") {
                    assert!(d.has(b"FontFile2"), "embedded");
                }
            }
        }
        let text = lines(cert, &fp, t);
        assert!(text
            .iter()
            .any(|(_, _, l)| l == "Digitally signed on 12 April 2016 at 15:03 BST"));
        assert!(text.iter().any(|(_, _, l)| l == "Tŷ Board"));
    }
}
