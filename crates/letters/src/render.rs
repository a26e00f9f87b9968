//! From the layout to PDF bytes with printpdf, then a few fixes through lopdf: fixed resource
//! names, the catalog's `/Lang`, the document dates from the caller's clock, the structure tree
//! (`tagging.rs`), the PDF/A metadata and output intent (`pdfa.rs`), and a trailer `/ID`
//! derived from the content, so that the same input and clock give the same bytes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lopdf::{Object, StringFormat};
use printpdf::{
    Color, DictItem, FontId, Greyscale, ImageCompression, ImageOptimizationOptions, Line as PdfLine,
    LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    PdfWarnMsg, Point, Pt, RawImage, Rect, TextItem, XObject, XObjectId, XObjectTransform,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{LetterError, Result};
use crate::fields;
use crate::font_program;
use crate::fonts::{Face, Metrics, Source, BOLD_TTF, FALLBACK_TTF, REGULAR_TTF};
use crate::layout::{self, Item, LogoSize, SignatureSlot};
use crate::model::LetterDocument;
use crate::pdfa::{self, XmpFacts};
use crate::pdfobj::text_string;
use crate::tagging::{self, Mark, NodeId, StructTree};
use crate::time::UtcDateTime;

// Resource names are fixed (printpdf would otherwise draw random ones); the first six letters
// also become the subset tag of the embedded font ("SCRREG+LiberationSans").
const FONT_REGULAR: &str = "SCRREG";
const FONT_BOLD: &str = "SCRBLD";
const FONT_FALLBACK: &str = "SCRFBK";
const LOGO: &str = "Logo1";

/// The text a PDF's `/Producer` carries.
pub const PRODUCER: &str = "SCR Decision Desk";

/// A rendered, unsigned letter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RenderedLetter {
    #[serde(with = "hex::serde")]
    pub pdf: Vec<u8>,
    pub page_count: usize,
    /// Where each signatory's visible signature goes, in the order of `LetterDocument::signatories`.
    pub signature_slots: Vec<SignatureSlot>,
    /// Characters of the letter that no bundled font can show: they print as empty boxes.
    /// Shown to the chair with the preview, before anything is signed.
    #[serde(default)]
    pub missing_glyphs: Vec<char>,
}

impl RenderedLetter {
    /// The slot for signatory `i` (0-based).
    pub fn slot(&self, i: usize) -> Result<SignatureSlot> {
        self.signature_slots
            .get(i)
            .copied()
            .ok_or(LetterError::NoSuchSlot(i))
    }
}

/// Renders letters. Holds the parsed fonts, so make one and reuse it for a whole board.
#[derive(Debug)]
pub struct LetterRenderer {
    metrics: Metrics,
    regular: ParsedFont,
    bold: ParsedFont,
    /// DejaVu Sans, parsed the first time a letter needs it (most never do).
    fallback: OnceLock<Option<ParsedFont>>,
}

impl LetterRenderer {
    pub fn new() -> Result<Self> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)
            .ok_or_else(|| LetterError::Render("bundled regular font could not be parsed".into()))?;
        let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)
            .ok_or_else(|| LetterError::Render("bundled bold font could not be parsed".into()))?;
        Ok(LetterRenderer {
            metrics: Metrics::load()?,
            regular,
            bold,
            fallback: OnceLock::new(),
        })
    }

    fn fallback_font(&self) -> Result<ParsedFont> {
        self.fallback
            .get_or_init(|| ParsedFont::from_bytes(FALLBACK_TTF, 0, &mut Vec::new()))
            .clone()
            .ok_or_else(|| LetterError::Render("bundled fallback font could not be parsed".into()))
    }

    /// Characters in `doc` that the bundled fonts cannot show (they would print as empty boxes),
    /// so that the desk can ask for them to be changed before a letter goes out.
    pub fn unsupported_characters(&self, doc: &LetterDocument) -> Vec<char> {
        unsupported(&self.metrics, std::iter::once(doc))
    }

    /// Renders `doc`; `created` becomes the PDF's creation date. Same input and clock, same bytes.
    pub fn render(&self, doc: &LetterDocument, created: UtcDateTime) -> Result<RenderedLetter> {
        let mut warnings: Vec<PdfWarnMsg> = Vec::new();
        let mut pdf = PdfDocument::new(&doc.metadata.title);

        let mut logo_size = None;
        let mut logo_is_jpeg = false;
        if let Some(bytes) = &doc.letterhead.logo {
            logo_is_jpeg = bytes.starts_with(&[0xFF, 0xD8]);
            let is_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
            if !logo_is_jpeg && !is_png {
                return Err(LetterError::BadLogo(
                    "only PNG and JPEG logos are supported".into(),
                ));
            }
            let image = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(LetterError::BadLogo)?;
            logo_size = Some(LogoSize {
                width_px: image.width as u32,
                height_px: image.height as u32,
            });
            pdf.resources
                .xobjects
                .map
                .insert(XObjectId(LOGO.into()), XObject::Image(image));
        }

        let laid = layout::layout(&self.metrics, doc, logo_size);
        pdf.resources
            .fonts
            .map
            .insert(FontId(FONT_REGULAR.into()), PdfFont::new(self.regular.clone()));
        pdf.resources
            .fonts
            .map
            .insert(FontId(FONT_BOLD.into()), PdfFont::new(self.bold.clone()));

        let uses_fallback = laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .any(|(_, item)| match item {
                Item::Text { text, face, .. } => text
                    .chars()
                    .any(|c| self.metrics.source(c, *face) == Source::Fallback),
                _ => false,
            });
        if uses_fallback {
            pdf.resources
                .fonts
                .map
                .insert(FontId(FONT_FALLBACK.into()), PdfFont::new(self.fallback_font()?));
        }

        let mut marked: Vec<Vec<NodeId>> = Vec::with_capacity(laid.pages.len());
        let mut pages: Vec<PdfPage> = Vec::with_capacity(laid.pages.len());
        for page in &laid.pages {
            let drawn = page_ops(&self.metrics, &laid.tree, &page.items, logo_size);
            marked.push(drawn.marked);
            pages.push(PdfPage::new(Mm(210.0), Mm(297.0), drawn.ops));
        }
        let page_count = pages.len();
        pdf.with_pages(pages);

        let info = &mut pdf.metadata.info;
        info.document_title = doc.metadata.title.clone();
        info.author = doc.metadata.author.clone();
        info.subject = doc.metadata.subject.clone();
        info.creator = PRODUCER.to_string();
        info.producer = PRODUCER.to_string();

        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: Some(ImageOptimizationOptions {
                quality: Some(0.9),
                max_image_size: None,
                dither_greyscale: Some(false),
                convert_to_greyscale: Some(false),
                auto_optimize: Some(false),
                // PNG logos stay lossless; a JPEG logo stays a JPEG.
                format: Some(if logo_is_jpeg {
                    ImageCompression::Jpeg
                } else {
                    ImageCompression::Flate
                }),
            }),
        };
        let mut lo = printpdf::to_lopdf_doc(&pdf, &opts, &mut warnings);
        finish(&mut lo, doc, created)?;
        let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
        let signers: Vec<&str> = doc.signatories.iter().map(|s| s.name.as_str()).collect();
        let fields = fields::add_signature_fields(&mut lo, &laid.slots, &signers, &page_ids)?;
        tagging::write_structure(&mut lo, &laid.tree, &page_ids, &marked, &fields)?;
        pdfa::make_archival(
            &mut lo,
            &XmpFacts {
                metadata: &doc.metadata,
                tool: PRODUCER,
                created,
            },
        )?;
        lo.compress();
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes)
            .map_err(|e| LetterError::Render(format!("PDF could not be written: {e}")))?;
        set_trailer_id(&mut bytes)?;
        Ok(RenderedLetter {
            pdf: bytes,
            page_count,
            signature_slots: laid.slots,
            missing_glyphs: self.unsupported_characters(doc),
        })
    }
}

/// Characters of `docs` that no bundled font can show (they would print as empty boxes), sorted
/// and without repeats: for a warning before a whole issue of letters is signed.
pub fn missing_glyphs<'a>(docs: impl IntoIterator<Item = &'a LetterDocument>) -> Result<Vec<char>> {
    Ok(unsupported(Metrics::shared()?, docs))
}

fn unsupported<'a>(metrics: &Metrics, docs: impl IntoIterator<Item = &'a LetterDocument>) -> Vec<char> {
    let mut out: Vec<char> = docs
        .into_iter()
        .flat_map(LetterDocument::printed_text)
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .filter(|c| !metrics.has_glyph(*c, Face::Regular) || !metrics.has_glyph(*c, Face::Bold))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Catalog `/Lang`, dates from the clock, no empty or misleading Info entries, a placeholder `/ID`.
fn finish(lo: &mut lopdf::Document, doc: &LetterDocument, created: UtcDateTime) -> Result<()> {
    lo.version = "1.7".to_string();
    let bad = |e: lopdf::Error| LetterError::Render(format!("PDF structure: {e}"));
    let catalog = lo.catalog_mut().map_err(bad)?;
    catalog.set(
        "Lang",
        Object::String(doc.metadata.language.as_bytes().to_vec(), StringFormat::Literal),
    );
    catalog.set(
        "ViewerPreferences",
        lopdf::dictionary! { "DisplayDocTitle" => true },
    );
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(bad)?;
    let date = Object::String(created.to_pdf_date().into_bytes(), StringFormat::Literal);
    if let Ok(Object::Dictionary(info)) = lo.get_object_mut(info_id) {
        // The same text as the XMP packet says (PDF/A-2 §6.6.2.3), written as PDF text strings.
        let m = &doc.metadata;
        for (key, value) in [
            ("Title", m.title.as_str()),
            ("Author", m.author.as_str()),
            ("Subject", m.subject.as_str()),
            ("Creator", PRODUCER),
            ("Producer", PRODUCER),
        ] {
            info.set(key, text_string(value));
        }
        info.set("CreationDate", date.clone());
        info.set("ModDate", date);
        for key in ["GTS_PDFXVersion", "Trapped", "Identifier", "Keywords"] {
            info.remove(key.as_bytes());
        }
    }
    // Embedded TrueType programs (they alone carry /Length1) without their hinting: half the bytes.
    for object in lo.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.dict.has(b"Length1") {
                let slim = font_program::without_hinting(&stream.content);
                stream.dict.set("Length1", slim.len() as i64);
                stream.set_content(slim);
            }
        }
    }
    let placeholder = Object::String(vec![0u8; 16], StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    Ok(())
}

/// Replaces the zero placeholder `/ID` with the first 16 bytes of the SHA-256 of the file
/// (computed with the placeholder in place), twice, as is usual for a new document.
fn set_trailer_id(bytes: &mut [u8]) -> Result<()> {
    let zero = format!("<{}>", "0".repeat(32));
    let pat = zero.as_bytes();
    let trailer_at = bytes
        .windows(7)
        .rposition(|w| w == b"trailer")
        .ok_or_else(|| LetterError::Render("no trailer written".into()))?;
    let digest = Sha256::digest(&*bytes);
    let id = format!("<{}>", hex::encode_upper(&digest[..16]));
    let mut from = trailer_at;
    for _ in 0..2 {
        let at = bytes[from..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map(|p| p + from)
            .ok_or_else(|| LetterError::Render("trailer /ID placeholder not found".into()))?;
        bytes[at..at + pat.len()].copy_from_slice(id.as_bytes());
        from = at + pat.len();
    }
    Ok(())
}

fn grey(g: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: g,
        icc_profile: None,
    })
}

fn font(face: Face, source: Source) -> PdfFontHandle {
    PdfFontHandle::External(FontId(match (source, face) {
        (Source::Fallback, _) => FONT_FALLBACK.into(),
        (Source::Primary, Face::Regular) => FONT_REGULAR.into(),
        (Source::Primary, Face::Bold) => FONT_BOLD.into(),
    }))
}

/// A page's drawing operators, and which element each marked-content id belongs to.
struct PageOps {
    ops: Vec<Op>,
    marked: Vec<NodeId>,
}

/// Opens a marked-content sequence for `mark`: a structure element's content gets the page's
/// next marked-content id; artifacts are marked as such (ISO 32000-1 §14.8.2.2).
fn begin_marked(mark: Mark, tree: &StructTree, marked: &mut Vec<NodeId>) -> Op {
    let pagination = |position: &str| Op::BeginMarkedContentWithProperties {
        tag: "Artifact".into(),
        properties: DictItem::Dict {
            map: BTreeMap::from([
                ("Type".to_string(), DictItem::Name(b"Pagination".to_vec())),
                (
                    "Subtype".to_string(),
                    DictItem::Name(position.as_bytes().to_vec()),
                ),
            ]),
        },
    };
    match mark {
        Mark::Tagged(node) => {
            let mcid = marked.len() as i64;
            marked.push(node);
            Op::BeginMarkedContentWithProperties {
                tag: tree.node(node).role.name().into(),
                properties: DictItem::Dict {
                    map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                },
            }
        }
        Mark::Artifact => Op::BeginMarkedContent {
            tag: "Artifact".into(),
        },
        Mark::Header => pagination("Header"),
        Mark::Footer => pagination("Footer"),
    }
}

fn page_ops(metrics: &Metrics, tree: &StructTree, items: &[(Mark, Item)], logo: Option<LogoSize>) -> PageOps {
    let mut ops = Vec::with_capacity(items.len() * 7);
    let mut marked = Vec::new();
    let mut open: Option<Mark> = None;
    for (mark, item) in items {
        // Consecutive items of one element share one marked-content sequence.
        if open != Some(*mark) {
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            ops.push(begin_marked(*mark, tree, &mut marked));
            open = Some(*mark);
        }
        match item {
            Item::Text {
                x,
                y,
                size,
                face,
                grey: g,
                text,
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: grey(*g) });
                ops.push(Op::SetTextCursor {
                    pos: Point { x: Pt(*x), y: Pt(*y) },
                });
                // Each run in the font that has its glyphs; showing text moves the cursor on.
                for (source, run) in metrics.runs(text, *face) {
                    ops.push(Op::SetFont {
                        font: font(*face, source),
                        size: Pt(*size),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(run.to_string())],
                    });
                }
                ops.push(Op::EndTextSection);
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                grey: g,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: grey(*g) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Fill { x, y, w, h, grey: g } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetFillColor { col: grey(*g) });
                let mut rect = Rect::from_xywh(Pt(*x), Pt(*y), Pt(*w), Pt(*h));
                rect.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: rect });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Logo { x, y, w, h: _ } => {
                let Some(size) = logo else { continue };
                // printpdf scales an image to its pixel size at `dpi`; pick the dpi that gives `w`.
                let dpi = size.width_px.max(1) as f32 * 72.0 / w;
                ops.push(Op::UseXobject {
                    id: XObjectId(LOGO.into()),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(*y)),
                        dpi: Some(dpi),
                        ..Default::default()
                    },
                });
            }
        }
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    PageOps { ops, marked }
}
