//! The body's blocks: headings kept with what follows, paragraphs, bullet lists, and tables
//! whose rows are kept whole (or split between lines when taller than a page).

use super::layouter::{first_lines_kept, Layouter};
use super::wrap::{plain, wrap, Line, Run};
use super::{
    Item, BODY_LEADING, BODY_SIZE, BULLET_INDENT, BULLET_TEXT_INDENT, CELL_PAD_X, CELL_PAD_Y, CONTENT_TOP,
    CONTENT_WIDTH, HEADING_AFTER, HEADING_BEFORE, HEADING_LEADING, HEADING_SIZE, MARGIN_LEFT, PARA_AFTER,
    TABLE_LEADING, TABLE_SIZE,
};
use crate::fonts::{Face, Metrics};
use crate::model::Block;
use crate::tagging::{Mark, NodeId, Role};

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
            Some(Block::Chart(_)) => super::chart::CHART_HEIGHT,
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

    pub(super) fn block(&mut self, block: &Block, next: Option<&Block>) {
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
            Block::Chart(chart) => self.chart(chart),
        }
    }
}
