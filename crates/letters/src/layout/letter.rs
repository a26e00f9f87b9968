//! The whole letter laid out: letterhead, addressee, reference and date, title, salutation, the
//! body, and the closing group with a signature slot per signatory.

use super::furniture::furniture;
use super::wrap::{plain, wrap, Line};
use super::*;
use crate::model::Block;
use crate::tagging::Role;

/// Lays the letter out. With `keep_last_with` (the closing group's height), the last body
/// block keeps its end on the closing's page. Also gives the group's height when the closing
/// had to start a page of its own.
pub(super) fn layout_with(
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
