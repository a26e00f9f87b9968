//! Page furniture: the protective marking at the top of every page, and the marking, reference
//! and page number at the foot. All of it is an artifact to a screen reader.

use super::{Item, Page, MARGIN_LEFT, MARGIN_RIGHT, MM, PAGE_HEIGHT, PAGE_WIDTH};
use crate::fonts::{Face, Metrics};
use crate::model::LetterDocument;
use crate::tagging::Mark;

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

pub(super) fn furniture(m: &Metrics, page: &mut Page, doc: &LetterDocument, n: usize, total: usize) {
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
