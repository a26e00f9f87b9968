//! The QM3 report in the letters' style, from a report built here by hand (40 cases, so the
//! charts are dense and the tables run over pages): every case's line in the text, both charts
//! drawn with path operators (no picture anywhere in the file), each a tagged `Figure` with its
//! text alternative, and the figures and lines as tagged tables. With `SCR_DESK_KEEP_PDFS=DIR`
//! the PDF is kept to look at.

mod common;

use chrono::{Days, NaiveDate};
use common::{pdftotext, write};
use lopdf::{Object, ObjectId};
use scr_domain::qm3::{DecisionBar, Qm3Report, Qm3Row, Qm3Totals, ToldByDay};
use scr_letters::compose::BoardForLetters;
use scr_letters::report::{qm3_document, Qm3Board};
use scr_letters::{LetterRenderer, Signatory, UtcDateTime};

const CASES: usize = 40;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn report() -> Qm3Report {
    let rows: Vec<Qm3Row> = (0..CASES)
        .map(|i| {
            let notified = day("2025-04-07") + Days::new(7 * i as u64);
            let working_days = 10 + (i as u32 * 7) % 25;
            Qm3Row {
                case_id: i as i64 + 1,
                reference: format!("SCR-2025-{:03}", i + 1),
                pseudonym: format!("Child {}", char::from(b'A' + (i % 26) as u8)),
                notified: Some(notified),
                decided: Some(notified + Days::new(u64::from(working_days) * 7 / 5)),
                working_days_to_decision: Some(working_days),
                timescale_working_days: Some(20),
                within_timescale: Some(working_days <= 20),
                decision: "Hold a Serious Case Review".into(),
                letters_issued: 12,
                members_in_post: 11,
                members_told: 11,
                told_by_email: 10,
                told_by_secure_export: 1,
                told_by_post: 0,
                told_within: 9,
                acknowledged: 7,
                updates_sent: (i % 3) as u32,
                outcome_notice_sent: (i % 4 == 0).then(|| notified + Days::new(200)),
                review_ended: (i % 4 == 0).then(|| notified + Days::new(190)),
                published: None,
            }
        })
        .collect();
    let decision_chart = rows
        .iter()
        .map(|r| DecisionBar {
            reference: r.reference.clone(),
            pseudonym: r.pseudonym.clone(),
            working_days: r.working_days_to_decision.unwrap(),
            timescale: r.timescale_working_days,
            within_timescale: r.within_timescale,
        })
        .collect();
    let told_chart = (0..=15)
        .map(|d: u32| ToldByDay {
            day: d,
            told: (d * 40).min(440),
            percent: (d * 40 * 100 / 440).min(100),
        })
        .collect();
    Qm3Report {
        from: day("2025-04-01"),
        to: day("2026-03-31"),
        told_within_working_days: 5,
        rows,
        totals: Qm3Totals {
            decisions: 40,
            decisions_with_timescale: 40,
            decisions_on_time: 26,
            decisions_on_time_percent: Some(65),
            median_working_days_to_decision: Some(19.5),
            members_to_tell: 440,
            members_told: 440,
            members_told_within: 360,
            members_told_within_percent: Some(82),
            members_acknowledged: 280,
            members_acknowledged_percent: Some(64),
            reviews_ended: 10,
            outcome_notices_sent: 10,
            outcome_notices_percent: Some(100),
        },
        decision_chart,
        told_chart,
    }
}

/// A PDF text string: UTF-16BE after its byte order mark, or plain ASCII.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The structure elements of the document, as (role, alt text).
fn elements(lo: &lopdf::Document) -> Vec<(String, Option<String>)> {
    lo.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"P").is_ok() && d.get(b"S").is_ok())
        .filter_map(|d| {
            let role = String::from_utf8_lossy(d.get(b"S").ok()?.as_name().ok()?).into_owned();
            let alt = d.get(b"Alt").ok().and_then(|a| a.as_str().ok()).map(text_string);
            Some((role, alt))
        })
        .collect()
}

#[test]
fn the_qm3_report_prints_every_line_draws_its_charts_as_paths_and_tags_them() {
    let report = report();
    let board = BoardForLetters {
        name: "Anytown Safeguarding Children Board".into(),
        address_lines: vec!["Civic Centre".into(), "Anytown AT1 1AA".into()],
        logo: None,
        protective_marking: "OFFICIAL-SENSITIVE".into(),
        subgroup_name: "Case Review Sub-group".into(),
        contact: None,
        timestamp_authority: None,
    };
    let chair = [Signatory {
        name: "Dr Jane Smith".into(),
        role: "Independent Chair".into(),
    }];
    let doc = qm3_document(
        &report,
        &Qm3Board {
            board: &board,
            signatories: &chair,
            board_fingerprint: "(the board fingerprint)",
            date: day("2026-04-02"),
        },
    );
    let created = UtcDateTime::from_chrono(day("2026-04-02").and_hms_opt(10, 0, 0).unwrap().and_utc());
    let rendered = LetterRenderer::new().unwrap().render(&doc, created).unwrap();
    assert_eq!(rendered.signature_slots.len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "qm3-report.pdf", &rendered.pdf);
    let text = pdftotext(&path, &[]);
    for row in &report.rows {
        assert!(text.contains(&row.reference), "{} missing", row.reference);
    }
    for letter in 'A'..='N' {
        assert!(
            text.contains(&format!("Child {letter}")),
            "Child {letter} missing"
        );
    }
    for figure in [
        "26 of 40 (65%)",
        "360 of 440 (82%)",
        "280 of 440 (64%)",
        "10 of 10 (100%)",
        "19.5",
    ] {
        assert!(text.contains(figure), "{figure} missing");
    }

    // No picture anywhere: the charts are paths.
    let lo = lopdf::Document::load_mem(&rendered.pdf).unwrap();
    let images = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice()))
        .count();
    assert_eq!(images, 0, "a chart was drawn as a picture");
    // The charts' page: a filled rectangle per bar (40 cases, 16 days), and lines for the axes,
    // grid and targets.
    let chart_page: ObjectId = lo.get_pages()[&2];
    let ops = lo.get_and_decode_page_content(chart_page).unwrap().operations;
    let count = |op: &str| ops.iter().filter(|o| o.operator == op).count();
    assert!(count("re") >= CASES + 16, "{} rectangles", count("re"));
    assert!(count("l") >= CASES + 10, "{} lines", count("l"));

    // Tagged: two figures with their words, three tables with header cells.
    let elements = elements(&lo);
    let figures: Vec<&String> = elements
        .iter()
        .filter(|(role, _)| role == "Figure")
        .filter_map(|(_, alt)| alt.as_ref())
        .collect();
    assert_eq!(figures.len(), 2, "{elements:?}");
    assert!(figures[0].starts_with("Bar chart") && figures[1].starts_with("Bar chart"));
    let within = report
        .rows
        .iter()
        .filter(|r| r.within_timescale == Some(true))
        .count();
    let said = format!("{within} of the 40 cases with a timescale were decided within it");
    assert!(figures.iter().any(|alt| alt.contains(&said)), "{figures:?}");
    assert!(figures.iter().any(|alt| alt.contains("by day 5")));
    assert_eq!(elements.iter().filter(|(role, _)| role == "Table").count(), 3);
    assert!(elements.iter().filter(|(role, _)| role == "TH").count() >= 2 + 7 + 7);
}
