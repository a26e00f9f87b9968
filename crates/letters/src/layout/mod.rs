//! Our own layout: line wrapping with the fonts' advance widths, and pagination (headings kept
//! with what follows, table rows kept whole, the closing and signature blocks kept together on
//! the last page). The output is a list of positioned items per page, in PDF points with the
//! origin at the bottom left, each marked with the structure element it belongs to (or as an
//! artifact), and the letter's structure tree (see `tagging.rs`).
//!
//! - `wrap.rs`: words into lines no wider than a measure.
//! - `layouter.rs`: the cursor that places lines down pages, breaking pages between them.
//! - `blocks.rs`: the body's headings, paragraphs, bullet lists and tables.
//! - `chart.rs`: bar charts drawn with rules and filled rectangles.
//! - `letter.rs`: the whole letter, from letterhead to the closing group and its signature slots.
//! - `furniture.rs`: what every page carries: the protective marking and the page footer.

use serde::{Deserialize, Serialize};

use crate::fonts::{Face, Metrics};
use crate::model::LetterDocument;
use crate::tagging::{Mark, StructTree};

mod blocks;
mod chart;
mod furniture;
mod layouter;
mod letter;
mod wrap;

use layouter::Layouter;

/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width and height in points.
pub const PAGE_WIDTH: f32 = 210.0 * MM;
pub const PAGE_HEIGHT: f32 = 297.0 * MM;

const MARGIN_LEFT: f32 = 25.0 * MM;
const MARGIN_RIGHT: f32 = 22.0 * MM;
const CONTENT_TOP_FIRST: f32 = PAGE_HEIGHT - 20.0 * MM;
const CONTENT_TOP: f32 = PAGE_HEIGHT - 22.0 * MM;
const CONTENT_BOTTOM: f32 = 26.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

const BODY_SIZE: f32 = 11.0;
const BODY_LEADING: f32 = 15.0;
const PARA_AFTER: f32 = 7.0;
const HEADING_SIZE: f32 = 12.0;
const HEADING_LEADING: f32 = 16.0;
const HEADING_BEFORE: f32 = 6.0;
const HEADING_AFTER: f32 = 2.0;
const TITLE_SIZE: f32 = 15.0;
const TITLE_LEADING: f32 = 19.0;
const TABLE_SIZE: f32 = 9.5;
const TABLE_LEADING: f32 = 12.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 4.0;
const SMALL_SIZE: f32 = 10.0;
const SMALL_LEADING: f32 = 13.5;
const BULLET_INDENT: f32 = 3.0 * MM;
const BULLET_TEXT_INDENT: f32 = 8.0 * MM;

/// Height and width of one visible signature block.
pub const SLOT_WIDTH: f32 = 105.0 * MM;
pub const SLOT_HEIGHT: f32 = 25.0 * MM;
/// The gap between signature blocks side by side (joint sign-off).
pub const SLOT_GAP: f32 = 6.0 * MM;

/// Where a signature's visible block goes: a page (0-based) and a rectangle in PDF points
/// (origin at the bottom left of the page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SignatureSlot {
    pub page_index: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A positioned thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Text with its baseline at `y`; `grey` is 0 for black.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        grey: f32,
        text: String,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: f32,
    },
    /// A filled rectangle.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
    /// The letterhead logo.
    Logo { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Page {
    pub items: Vec<(Mark, Item)>,
    /// The text of headings' lines placed on this page, with the baseline, so that tests can
    /// check that no heading is the last thing on a page.
    pub last_block_was_heading: bool,
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub pages: Vec<Page>,
    pub slots: Vec<SignatureSlot>,
    pub tree: StructTree,
}

/// Pixel size of the logo, needed to keep its aspect ratio.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogoSize {
    pub width_px: u32,
    pub height_px: u32,
}

/// Lays out the whole letter. `logo` is the logo's pixel size, when there is one.
pub(crate) fn layout(m: &Metrics, doc: &LetterDocument, logo: Option<LogoSize>) -> Layout {
    let (first, closing_alone) = letter::layout_with(m, doc, logo, None);
    // The closing group went to a page of its own: lay out again carrying the end of the last
    // block over with it, so the signature never stands on a page without the letter's text.
    match closing_alone {
        Some(group_height) if !doc.body.is_empty() && group_height < Layouter::full_page_room() => {
            letter::layout_with(m, doc, logo, Some(group_height)).0
        }
        _ => first,
    }
}
