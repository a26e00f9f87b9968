//! The layouter: a cursor that places lines down the pages and decides where pages break (no
//! widow or orphan line, the end of the last paragraph kept with the closing).

use super::wrap::Line;
use super::{Item, Page, CONTENT_BOTTOM, CONTENT_TOP};
use crate::fonts::{Face, Metrics};
use crate::tagging::{Mark, NodeId, Role, StructTree};

pub(super) struct Layouter<'a> {
    pub(super) m: &'a Metrics,
    pub(super) pages: Vec<Page>,
    pub(super) y: f32,
    /// While laying the letter's last paragraph: the height of the closing group that must
    /// follow its last lines on the same page (0 otherwise).
    pub(super) keep_with_closing: f32,
    pub(super) tree: StructTree,
    /// What the items placed now belong to.
    pub(super) mark: Mark,
}

impl<'a> Layouter<'a> {
    pub(super) fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page always exists")
    }

    /// Starts a new top-level element: what is placed next belongs to it.
    pub(super) fn begin(&mut self, role: Role) -> NodeId {
        let node = self.tree.top(role);
        self.mark = Mark::Tagged(node);
        node
    }

    /// Starts a child element of `parent`.
    pub(super) fn begin_in(&mut self, parent: NodeId, role: Role) -> NodeId {
        let node = self.tree.add(parent, role);
        self.mark = Mark::Tagged(node);
        node
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    pub(super) fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    pub(super) fn full_page_room() -> f32 {
        CONTENT_TOP - CONTENT_BOTTOM
    }

    pub(super) fn text(&mut self, x: f32, baseline: f32, size: f32, face: Face, grey: f32, text: &str) {
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
    pub(super) fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, leading: f32, grey: f32) {
        let baseline = top - (leading - size) / 2.0 - size * 0.80;
        let mut cx = x;
        for run in &line.runs {
            self.text(cx, baseline, size, run.face, grey, &run.text);
            cx += self.m.width(&run.text, run.face, size);
        }
    }

    /// Draws a line right-aligned at `right`.
    pub(super) fn draw_line_right(
        &mut self,
        line: &Line,
        right: f32,
        top: f32,
        size: f32,
        leading: f32,
        grey: f32,
    ) {
        self.draw_line(line, right - line.width, top, size, leading, grey);
    }

    /// Places lines at the cursor, breaking pages between lines (no single orphan or widow
    /// line when the paragraph has more than two lines).
    pub(super) fn flow_lines(&mut self, lines: &[Line], x: f32, size: f32, leading: f32) {
        let mut i = 0;
        while i < lines.len() {
            let fit = (self.room() / leading).floor().max(0.0) as usize;
            let left = lines.len() - i;
            let take = if fit >= left {
                let closing_fits = self.room() >= left as f32 * leading + self.keep_with_closing;
                let before_closing = if closing_fits {
                    None
                } else {
                    self.lines_before_closing(left, leading)
                };
                let Some(take) = before_closing else {
                    self.draw_lines(&lines[i..], x, size, leading);
                    break;
                };
                take
            } else {
                // Not everything fits: decide how many lines to put here.
                let mut take = fit;
                if left - take == 1 && take > 0 {
                    take -= 1; // no widow: never leave one line for the next page
                }
                if take == 1 {
                    take = 0; // no orphan: never one line alone at the foot of a page
                }
                take
            };
            self.draw_lines(&lines[i..i + take], x, size, leading);
            i += take;
            self.page().last_block_was_heading = false;
            self.new_page();
        }
        self.page().last_block_was_heading = false;
    }

    /// Lines one under another from the current position.
    fn draw_lines(&mut self, lines: &[Line], x: f32, size: f32, leading: f32) {
        for line in lines {
            let top = self.y;
            self.draw_line(line, x, top, size, leading, 0.0);
            self.y -= leading;
        }
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

    pub(super) fn ensure_room(&mut self, height: f32) {
        if self.room() < height && self.y < CONTENT_TOP - 0.5 {
            self.new_page();
        }
    }
}

/// How many lines of an `n`-line paragraph must fit for it to start on this page, given the
/// rules in `flow_lines` (no single line at the foot, none alone at the top of the next page).
pub(super) fn first_lines_kept(n: usize) -> usize {
    if n <= 3 {
        n
    } else {
        2
    }
}
