//! Our own layout: line wrapping with the fonts' advance widths, and pagination (headings kept
//! with what follows, table rows kept whole, the closing and signature blocks kept together on
//! the last page). The output is a list of positioned items per page, in PDF points with the
//! origin at the bottom left, each marked with the structure element it belongs to (or as an
//! artifact), and the letter's structure tree (see `tagging.rs`).

use serde::{Deserialize, Serialize};

use crate::fonts::{Face, Metrics};
use crate::model::{Block, LetterDocument};
use crate::tagging::{Mark, NodeId, Role, StructTree};

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

/// A run of text in one face.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    face: Face,
    text: String,
}

#[derive(Debug, Clone, Default)]
struct Line {
    runs: Vec<Run>,
    width: f32,
}

/// Pixel size of the logo, needed to keep its aspect ratio.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogoSize {
    pub width_px: u32,
    pub height_px: u32,
}

struct Layouter<'a> {
    m: &'a Metrics,
    pages: Vec<Page>,
    y: f32,
    /// While laying the letter's last paragraph: the height of the closing group that must
    /// follow its last lines on the same page (0 otherwise).
    keep_with_closing: f32,
    tree: StructTree,
    /// What the items placed now belong to.
    mark: Mark,
}

impl<'a> Layouter<'a> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page always exists")
    }

    /// Starts a new top-level element: what is placed next belongs to it.
    fn begin(&mut self, role: Role) -> NodeId {
        let node = self.tree.top(role);
        self.mark = Mark::Tagged(node);
        node
    }

    /// Starts a child element of `parent`.
    fn begin_in(&mut self, parent: NodeId, role: Role) -> NodeId {
        let node = self.tree.add(parent, role);
        self.mark = Mark::Tagged(node);
        node
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    fn full_page_room() -> f32 {
        CONTENT_TOP - CONTENT_BOTTOM
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, face: Face, grey: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let mark = self.mark;
        self.page().items.push((
            mark,
            Item::Text {
                x,
                y: baseline,
                size,
                face,
                grey,
                text: text.to_string(),
            },
        ));
    }

    /// Draws one wrapped line with its top at `top`.
    fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, leading: f32, grey: f32) {
        let baseline = top - (leading - size) / 2.0 - size * 0.80;
        let mut cx = x;
        for run in &line.runs {
            self.text(cx, baseline, size, run.face, grey, &run.text);
            cx += self.m.width(&run.text, run.face, size);
        }
    }

    /// Draws a line right-aligned at `right`.
    fn draw_line_right(&mut self, line: &Line, right: f32, top: f32, size: f32, leading: f32, grey: f32) {
        self.draw_line(line, right - line.width, top, size, leading, grey);
    }

    /// Places lines at the cursor, breaking pages between lines (no single orphan or widow
    /// line when the paragraph has more than two lines).
    fn flow_lines(&mut self, lines: &[Line], x: f32, size: f32, leading: f32) {
        let mut i = 0;
        while i < lines.len() {
            let fit = (self.room() / leading).floor().max(0.0) as usize;
            let left = lines.len() - i;
            let closing_fits = self.room() >= left as f32 * leading + self.keep_with_closing;
            if fit >= left && !closing_fits {
                if let Some(take) = self.lines_before_closing(left, leading) {
                    for line in &lines[i..i + take] {
                        let top = self.y;
                        self.draw_line(line, x, top, size, leading, 0.0);
                        self.y -= leading;
                    }
                    i += take;
                    self.page().last_block_was_heading = false;
                    self.new_page();
                    continue;
                }
            }
            if fit >= left {
                for line in &lines[i..] {
                    let top = self.y;
                    self.draw_line(line, x, top, size, leading, 0.0);
                    self.y -= leading;
                }
                break;
            }
            // Not everything fits: decide how many lines to put here.
            let mut take = fit;
            if left - take == 1 && take > 0 {
                take -= 1; // no widow: never leave one line for the next page
            }
            if take == 1 {
                take = 0; // no orphan: never one line alone at the foot of a page
            }
            for line in &lines[i..i + take] {
                let top = self.y;
                self.draw_line(line, x, top, size, leading, 0.0);
                self.y -= leading;
            }
            i += take;
            self.page().last_block_was_heading = false;
            self.new_page();
        }
        self.page().last_block_was_heading = false;
    }

    /// The rest of the last paragraph fits here but the closing would not: how many of its
    /// `left` lines to put here so that two (or three) go over with the closing; none when no
    /// split helps (a fresh page, or a single line left behind).
    fn lines_before_closing(&self, left: usize, leading: f32) -> Option<usize> {
        let with_closing = ((Self::full_page_room() - self.keep_with_closing) / leading).floor();
        if with_closing < 2.0 {
            return None;
        }
        let mut carried = left.min(2);
        if left - carried == 1 && with_closing >= 3.0 {
            carried = 3;
        }
        let take = left - carried;
        let fresh_page = self.y >= CONTENT_TOP - 0.5;
        (take != 1 && !(take == 0 && fresh_page)).then_some(take)
    }

    fn ensure_room(&mut self, height: f32) {
        if self.room() < height && self.y < CONTENT_TOP - 0.5 {
            self.new_page();
        }
    }
}

/// How many lines of an `n`-line paragraph must fit for it to start on this page, given the
/// rules in `flow_lines` (no single line at the foot, none alone at the top of the next page).
fn first_lines_kept(n: usize) -> usize {
    if n <= 3 {
        n
    } else {
        2
    }
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
fn wrap(m: &Metrics, spans: &[(Face, &str)], size: f32, width: f32) -> Vec<Line> {
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

fn plain(m: &Metrics, text: &str, face: Face, size: f32, width: f32) -> Vec<Line> {
    wrap(m, &[(face, text)], size, width)
}

/// The table's column widths in points.
fn column_widths(widths: &[f32], columns: usize) -> Vec<f32> {
    let given: Vec<f32> = if widths.len() == columns && widths.iter().all(|w| *w > 0.0) {
        widths.to_vec()
    } else {
        vec![1.0; columns]
    };
    let total: f32 = given.iter().sum();
    given.iter().map(|w| w / total * CONTENT_WIDTH).collect()
}

struct TableRow {
    cells: Vec<Vec<Line>>,
    height: f32,
    header: bool,
}

fn table_row(m: &Metrics, cells: &[String], cols: &[f32], header: bool) -> TableRow {
    let face = if header { Face::Bold } else { Face::Regular };
    let cells: Vec<Vec<Line>> = cols
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            plain(m, text, face, TABLE_SIZE, w - 2.0 * CELL_PAD_X)
        })
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    TableRow {
        cells,
        height: lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y,
        header,
    }
}

const RULE_GREY: f32 = 0.55;
const HEADER_FILL: f32 = 0.91;

impl Layouter<'_> {
    /// Draws (part of) a table row at the cursor: lines `from..to` of every cell. `cells` are the
    /// cells' elements; none for a header repeated on a later page, which is an artifact.
    fn draw_row(&mut self, row: &TableRow, cols: &[f32], cells: Option<&[NodeId]>, from: usize, to: usize) {
        let shown = to - from;
        let h = shown as f32 * TABLE_LEADING + 2.0 * CELL_PAD_Y;
        let top = self.y;
        let bottom = top - h;
        if row.header {
            self.page().items.push((
                Mark::Artifact,
                Item::Fill {
                    x: MARGIN_LEFT,
                    y: bottom,
                    w: CONTENT_WIDTH,
                    h,
                    grey: HEADER_FILL,
                },
            ));
        }
        let mut x = MARGIN_LEFT;
        let face_size = TABLE_SIZE;
        for (c, w) in cols.iter().enumerate() {
            self.mark = cells
                .and_then(|cells| cells.get(c))
                .map_or(Mark::Artifact, |n| Mark::Tagged(*n));
            let mut ltop = top - CELL_PAD_Y;
            for line in row.cells[c].iter().skip(from).take(shown) {
                self.draw_line(line, x + CELL_PAD_X, ltop, face_size, TABLE_LEADING, 0.0);
                ltop -= TABLE_LEADING;
            }
            x += w;
        }
        // Grid: top and bottom rules, and the column rules.
        let right = MARGIN_LEFT + CONTENT_WIDTH;
        let rule = |x1: f32, y1: f32, x2: f32, y2: f32| {
            (
                Mark::Artifact,
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width: 0.5,
                    grey: RULE_GREY,
                },
            )
        };
        let items = &mut self.page().items;
        items.push(rule(MARGIN_LEFT, top, right, top));
        items.push(rule(MARGIN_LEFT, bottom, right, bottom));
        let mut x = MARGIN_LEFT;
        items.push(rule(x, top, x, bottom));
        for w in cols {
            x += w;
            items.push(rule(x, top, x, bottom));
        }
        self.y = bottom;
    }

    /// A table row element and its cells (`TH` for the header row).
    fn row_elements(&mut self, table: NodeId, columns: usize, header: bool) -> Vec<NodeId> {
        let tr = self.tree.add(table, Role::TR);
        let cell = if header { Role::TH } else { Role::TD };
        (0..columns).map(|_| self.tree.add(tr, cell)).collect()
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>], widths: &[f32]) {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let cols = column_widths(widths, columns);
        let head = table_row(self.m, header, &cols, true);
        let has_header = !header.is_empty();
        let body: Vec<TableRow> = rows.iter().map(|r| table_row(self.m, r, &cols, false)).collect();
        let first_h = body.first().map(|r| r.height).unwrap_or(0.0);
        let head_h = if has_header { head.height } else { 0.0 };
        self.ensure_room(head_h + first_h);
        let table = self.begin(Role::Table);
        let head_lines = head.cells.iter().map(Vec::len).max().unwrap_or(1);
        if has_header {
            let cells = self.row_elements(table, columns, true);
            self.draw_row(&head, &cols, Some(&cells), 0, head_lines);
        }
        for row in &body {
            let cells = self.row_elements(table, columns, false);
            let cells = Some(cells.as_slice());
            let lines = row.cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            if row.height > self.room() {
                let fits_on_fresh_page = row.height + head_h <= Self::full_page_room();
                if fits_on_fresh_page {
                    self.new_page();
                    if has_header {
                        // Repeated for the reader's eye only: the header cells were read once.
                        self.draw_row(&head, &cols, None, 0, head_lines);
                    }
                    self.draw_row(row, &cols, cells, 0, lines);
                    continue;
                }
                // Taller than a page: split between lines.
                let mut from = 0;
                while from < lines {
                    let fit = ((self.room() - 2.0 * CELL_PAD_Y) / TABLE_LEADING)
                        .floor()
                        .max(0.0) as usize;
                    if fit == 0 {
                        self.new_page();
                        continue;
                    }
                    let to = (from + fit).min(lines);
                    self.draw_row(row, &cols, cells, from, to);
                    from = to;
                    if from < lines {
                        self.new_page();
                    }
                }
            } else {
                self.draw_row(row, &cols, cells, 0, lines);
            }
        }
        self.y -= PARA_AFTER + 3.0;
        self.page().last_block_was_heading = false;
    }

    /// The height that must follow a heading on the same page: the first two lines of the
    /// next block (or the header and first row of a table).
    fn first_part_height(&self, next: Option<&Block>) -> f32 {
        match next {
            None => 0.0,
            Some(Block::Heading { .. }) => HEADING_BEFORE + HEADING_LEADING,
            Some(Block::Paragraph { lead, text }) => {
                let lines = self.paragraph_lines(lead.as_deref(), text).len();
                first_lines_kept(lines) as f32 * BODY_LEADING
            }
            Some(Block::Bullets { items }) => {
                let first = items.first().map(String::as_str).unwrap_or("");
                let lines = plain(
                    self.m,
                    first,
                    Face::Regular,
                    BODY_SIZE,
                    CONTENT_WIDTH - BULLET_TEXT_INDENT,
                );
                first_lines_kept(lines.len()) as f32 * BODY_LEADING
            }
            Some(Block::Table { header, rows, widths }) => {
                let columns = header
                    .len()
                    .max(rows.iter().map(Vec::len).max().unwrap_or(0))
                    .max(1);
                let cols = column_widths(widths, columns);
                let head = if header.is_empty() {
                    0.0
                } else {
                    table_row(self.m, header, &cols, true).height
                };
                head + rows
                    .first()
                    .map(|r| table_row(self.m, r, &cols, false).height)
                    .unwrap_or(0.0)
            }
        }
    }

    fn paragraph_lines(&self, lead: Option<&str>, text: &str) -> Vec<Line> {
        match lead {
            Some(lead) => wrap(
                self.m,
                &[(Face::Bold, lead), (Face::Regular, text)],
                BODY_SIZE,
                CONTENT_WIDTH,
            ),
            None => plain(self.m, text, Face::Regular, BODY_SIZE, CONTENT_WIDTH),
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Heading { text } => {
                let lines = plain(self.m, text, Face::Bold, HEADING_SIZE, CONTENT_WIDTH);
                let need = HEADING_BEFORE + lines.len() as f32 * HEADING_LEADING + HEADING_AFTER;
                let follow = self.first_part_height(next);
                if self.room() < need + follow {
                    self.new_page();
                }
                if self.y < CONTENT_TOP - 0.5 {
                    self.y -= HEADING_BEFORE;
                }
                self.begin(Role::H2);
                for line in &lines {
                    let top = self.y;
                    self.draw_line(line, MARGIN_LEFT, top, HEADING_SIZE, HEADING_LEADING, 0.0);
                    self.y -= HEADING_LEADING;
                }
                self.y -= HEADING_AFTER;
                self.page().last_block_was_heading = true;
            }
            Block::Paragraph { lead, text } => {
                let lines = self.paragraph_lines(lead.as_deref(), text);
                self.begin(Role::P);
                self.flow_lines(&lines, MARGIN_LEFT, BODY_SIZE, BODY_LEADING);
                self.y -= PARA_AFTER;
            }
            Block::Bullets { items } => {
                let list = self.tree.top(Role::L);
                for item in items {
                    let lines = plain(
                        self.m,
                        item,
                        Face::Regular,
                        BODY_SIZE,
                        CONTENT_WIDTH - BULLET_TEXT_INDENT,
                    );
                    let first = first_lines_kept(lines.len()) as f32 * BODY_LEADING;
                    if self.room() < first {
                        self.new_page();
                    }
                    let top = self.y;
                    let entry = self.tree.add(list, Role::LI);
                    self.begin_in(entry, Role::Lbl);
                    let bullet = Line {
                        runs: vec![Run {
                            face: Face::Regular,
                            text: "•".into(),
                        }],
                        width: 0.0,
                    };
                    self.draw_line(
                        &bullet,
                        MARGIN_LEFT + BULLET_INDENT,
                        top,
                        BODY_SIZE,
                        BODY_LEADING,
                        0.0,
                    );
                    self.begin_in(entry, Role::LBody);
                    self.flow_lines(&lines, MARGIN_LEFT + BULLET_TEXT_INDENT, BODY_SIZE, BODY_LEADING);
                    self.y -= 2.5;
                }
                self.y -= PARA_AFTER - 2.5;
            }
            Block::Table { header, rows, widths } => self.table(header, rows, widths),
        }
    }
}

/// Lays out the whole letter. `logo` is the logo's pixel size, when there is one.
pub(crate) fn layout(m: &Metrics, doc: &LetterDocument, logo: Option<LogoSize>) -> Layout {
    let (first, closing_alone) = layout_with(m, doc, logo, None);
    // The closing group went to a page of its own: lay out again carrying the end of the last
    // block over with it, so the signature never stands on a page without the letter's text.
    match closing_alone {
        Some(group_height) if !doc.body.is_empty() && group_height < Layouter::full_page_room() => {
            layout_with(m, doc, logo, Some(group_height)).0
        }
        _ => first,
    }
}

/// Lays the letter out. With `keep_last_with` (the closing group's height), the last body
/// block keeps its end on the closing's page. Also gives the group's height when the closing
/// had to start a page of its own.
fn layout_with(
    m: &Metrics,
    doc: &LetterDocument,
    logo: Option<LogoSize>,
    keep_last_with: Option<f32>,
) -> (Layout, Option<f32>) {
    let mut l = Layouter {
        m,
        pages: vec![Page::default()],
        y: CONTENT_TOP_FIRST,
        keep_with_closing: 0.0,
        tree: StructTree::new(),
        mark: Mark::Artifact,
    };
    let right = PAGE_WIDTH - MARGIN_RIGHT;

    // Letterhead, top right: logo, board name, address.
    let mut rtop = CONTENT_TOP_FIRST + 4.0 * MM;
    if let Some(size) = logo {
        let max_h = 20.0 * MM;
        let max_w = 60.0 * MM;
        let aspect = size.width_px.max(1) as f32 / size.height_px.max(1) as f32;
        let (mut w, mut h) = (max_h * aspect, max_h);
        if w > max_w {
            w = max_w;
            h = max_w / aspect;
        }
        let figure = l.begin(Role::Figure);
        let board = doc.letterhead.board_name.trim();
        l.tree.set_alt(figure, &format!("Logo of {board}"));
        l.tree.set_bbox(figure, [right - w, rtop - h, right, rtop]);
        let mark = l.mark;
        l.page().items.push((
            mark,
            Item::Logo {
                x: right - w,
                y: rtop - h,
                w,
                h,
            },
        ));
        rtop -= h + 3.0 * MM;
    }
    l.begin(Role::P);
    for line in plain(m, &doc.letterhead.board_name, Face::Bold, 13.0, 95.0 * MM) {
        l.draw_line_right(&line, right, rtop, 13.0, 16.0, 0.0);
        rtop -= 16.0;
    }
    rtop -= 1.0;
    if !doc.letterhead.address_lines.is_empty() {
        l.begin(Role::P);
    }
    for addr in &doc.letterhead.address_lines {
        for line in plain(m, addr, Face::Regular, 9.0, 95.0 * MM) {
            l.draw_line_right(&line, right, rtop, 9.0, 11.5, 0.3);
            rtop -= 11.5;
        }
    }
    let letterhead_bottom = rtop;

    // Addressee on the left, reference and date on the right, below the letterhead.
    let block_top = letterhead_bottom - 9.0 * MM;
    let mut ltop = block_top;
    if !doc.addressee.is_empty() {
        l.begin(Role::P);
    }
    for a in &doc.addressee {
        for line in plain(m, a, Face::Regular, 10.5, 95.0 * MM) {
            l.draw_line(&line, MARGIN_LEFT, ltop, 10.5, 14.0, 0.0);
            ltop -= 14.0;
        }
    }
    let mut rt = block_top;
    for (label, value) in [
        ("Our reference: ", doc.reference.as_str()),
        ("Date: ", doc.date.as_str()),
    ] {
        l.begin(Role::P);
        let lines = wrap(m, &[(Face::Regular, label), (Face::Bold, value)], 10.5, 60.0 * MM);
        for line in lines {
            l.draw_line_right(&line, right, rt, 10.5, 14.0, 0.0);
            rt -= 14.0;
        }
    }
    l.y = ltop.min(rt) - 9.0 * MM;

    // Title and salutation.
    l.begin(Role::H1);
    let title = plain(m, &doc.title, Face::Bold, TITLE_SIZE, CONTENT_WIDTH);
    for line in &title {
        let top = l.y;
        l.draw_line(line, MARGIN_LEFT, top, TITLE_SIZE, TITLE_LEADING, 0.0);
        l.y -= TITLE_LEADING;
    }
    l.y -= 8.0;
    l.begin(Role::P);
    let salutation = plain(m, &doc.salutation, Face::Regular, BODY_SIZE, CONTENT_WIDTH);
    l.flow_lines(&salutation, MARGIN_LEFT, BODY_SIZE, BODY_LEADING);
    l.y -= PARA_AFTER;

    for (i, block) in doc.body.iter().enumerate() {
        let last = i + 1 == doc.body.len();
        match (keep_last_with, block) {
            (Some(height), Block::Paragraph { .. }) if last => {
                l.keep_with_closing = height + PARA_AFTER + 1.0
            }
            // A list or table is not split for the closing's sake: it goes over whole.
            (Some(_), _) if last && l.y < CONTENT_TOP - 0.5 => {
                l.page().last_block_was_heading = false;
                l.new_page();
            }
            _ => {}
        }
        l.block(block, doc.body.get(i + 1));
        l.keep_with_closing = 0.0;
    }

    // The closing group: closing, a signature block per signatory with their typed name and role,
    // the distribution list and the note on checking the letter. Kept together on the last page
    // when it fits on one page; joint sign-off puts the signature blocks side by side.
    let closing = plain(m, &doc.closing, Face::Regular, BODY_SIZE, CONTENT_WIDTH);
    let people: Vec<(&str, &str)> = if doc.signatories.is_empty() {
        vec![("", "")]
    } else {
        doc.signatories
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_str()))
            .collect()
    };
    let columns = if people.len() > 1 { 2 } else { 1 };
    let slot_width = if columns == 1 {
        SLOT_WIDTH
    } else {
        (CONTENT_WIDTH - SLOT_GAP) / 2.0
    };
    // Each signatory: the block, then their name (bold) and role, wrapped to the column.
    let typed: Vec<(Vec<Line>, Vec<Line>)> = people
        .iter()
        .map(|(name, role)| {
            (
                plain(m, name, Face::Bold, BODY_SIZE, slot_width),
                plain(m, role, Face::Regular, BODY_SIZE, slot_width),
            )
        })
        .collect();
    let row_heights: Vec<f32> = typed
        .chunks(columns)
        .map(|row| {
            let lines = row.iter().map(|(n, r)| n.len() + r.len()).max().unwrap_or(2);
            SLOT_HEIGHT + 2.0 * MM + lines as f32 * BODY_LEADING + 5.0 * MM
        })
        .collect();
    let long_list = doc.distribution.recipients.len() > 20;
    let (dist_size, dist_leading) = if long_list {
        (9.0, 12.0)
    } else {
        (SMALL_SIZE, SMALL_LEADING)
    };
    let distribution = wrap(
        m,
        &[
            (Face::Bold, "Distribution:"),
            (Face::Regular, &doc.distribution.intro),
            (Face::Regular, &doc.distribution.recipients.join("; ")),
        ],
        dist_size,
        CONTENT_WIDTH,
    );
    let note = wrap(
        m,
        &[
            (Face::Bold, "How to check this letter is genuine:"),
            (Face::Regular, &doc.verification_note),
        ],
        SMALL_SIZE,
        CONTENT_WIDTH,
    );
    let signing_part = closing.len() as f32 * BODY_LEADING + 3.0 * MM + row_heights.iter().sum::<f32>();
    let tail_part =
        distribution.len() as f32 * dist_leading + note.len() as f32 * SMALL_LEADING + 2.0 * PARA_AFTER;
    let mut closing_alone = None;
    if l.room() < signing_part + tail_part {
        // Start a page unless the group cannot fit on any page and the signatures fit here.
        if signing_part + tail_part <= Layouter::full_page_room() || l.room() < signing_part {
            l.page().last_block_was_heading = false;
            l.new_page();
            closing_alone = Some(signing_part + tail_part);
        }
    }
    l.begin(Role::P);
    l.flow_lines(&closing, MARGIN_LEFT, BODY_SIZE, BODY_LEADING);
    l.y -= 3.0 * MM;
    let mut slots = Vec::new();
    for (row, height) in typed.chunks(columns).zip(&row_heights) {
        if l.room() < height - 5.0 * MM {
            l.new_page();
        }
        let top = l.y;
        for (c, (name, role)) in row.iter().enumerate() {
            let x = MARGIN_LEFT + c as f32 * (slot_width + SLOT_GAP);
            slots.push(SignatureSlot {
                page_index: l.pages.len() - 1,
                x,
                y: top - SLOT_HEIGHT,
                width: slot_width,
                height: SLOT_HEIGHT,
            });
            // The signature itself (its widget arrives when the letter is signed), then the
            // typed name and role.
            let form = l.begin(Role::Form);
            let signer = people[slots.len() - 1].0.trim();
            let alt = if signer.is_empty() {
                "Digital signature".to_string()
            } else {
                format!("Digital signature of {signer}")
            };
            l.tree.set_alt(form, &alt);
            l.tree.set_bbox(form, [x, top - SLOT_HEIGHT, x + slot_width, top]);
            l.begin(Role::P);
            let mut ltop = top - SLOT_HEIGHT - 2.0 * MM;
            for line in name.iter().chain(role.iter()) {
                l.draw_line(line, x, ltop, BODY_SIZE, BODY_LEADING, 0.0);
                ltop -= BODY_LEADING;
            }
        }
        l.y = top - height;
    }
    l.begin(Role::P);
    l.flow_lines(&distribution, MARGIN_LEFT, dist_size, dist_leading);
    l.y -= PARA_AFTER;
    l.begin(Role::P);
    l.flow_lines(&note, MARGIN_LEFT, SMALL_SIZE, SMALL_LEADING);

    // Page furniture: the marking at the top, and marking, reference and page number at the foot.
    let total = l.pages.len();
    for (i, page) in l.pages.iter_mut().enumerate() {
        furniture(m, page, doc, i + 1, total);
    }
    (
        Layout {
            pages: l.pages,
            slots,
            tree: l.tree,
        },
        closing_alone,
    )
}

fn centred_runs(
    m: &Metrics,
    page: &mut Page,
    mark: Mark,
    runs: &[(Face, String)],
    size: f32,
    baseline: f32,
    grey: f32,
) {
    let width: f32 = runs.iter().map(|(f, t)| m.width(t, *f, size)).sum();
    let mut x = (PAGE_WIDTH - width) / 2.0;
    for (face, text) in runs {
        if !text.is_empty() {
            page.items.push((
                mark,
                Item::Text {
                    x,
                    y: baseline,
                    size,
                    face: *face,
                    grey,
                    text: text.clone(),
                },
            ));
        }
        x += m.width(text, *face, size);
    }
}

fn furniture(m: &Metrics, page: &mut Page, doc: &LetterDocument, n: usize, total: usize) {
    let marking = doc.protective_marking.trim();
    if !marking.is_empty() {
        centred_runs(
            m,
            page,
            Mark::Header,
            &[(Face::Bold, marking.to_string())],
            9.5,
            PAGE_HEIGHT - 11.0 * MM,
            0.0,
        );
    }
    let foot = 14.0 * MM;
    page.items.push((
        Mark::Footer,
        Item::Line {
            x1: MARGIN_LEFT,
            y1: foot + 12.0,
            x2: PAGE_WIDTH - MARGIN_RIGHT,
            y2: foot + 12.0,
            width: 0.5,
            grey: 0.6,
        },
    ));
    let mut runs = Vec::new();
    if !marking.is_empty() {
        runs.push((Face::Bold, marking.to_string()));
        runs.push((Face::Regular, " · ".to_string()));
    }
    if !doc.reference.trim().is_empty() {
        runs.push((Face::Regular, format!("{} · ", doc.reference.trim())));
    }
    runs.push((Face::Regular, format!("Page {n} of {total}")));
    centred_runs(m, page, Mark::Footer, &runs, 8.5, foot, 0.25);
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
