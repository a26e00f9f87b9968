//! The Quality Marker 3 report as a document in the letters' style: what it covers, the period's
//! figures, the two charts (working days to each decision against the timescale; the share of
//! members told by each working day after the decision), and every case's line in two tables
//! (the decision, with reference and pseudonym; then the telling, by reference), so that the
//! thirteen columns read on a portrait A4 page.
//!
//! It prints only what the report holds: each case by reference and pseudonym, dates, counts
//! and the decision's kind. The desk checks every case's line against that case's restricted
//! annex before rendering (the same guard as the CSV and XLSX).

use chrono::NaiveDate;
use scr_domain::qm3::{Qm3Report, Qm3Row, Qm3Totals};

use super::chart::{Bar, Chart, Swatch};
use crate::compose::words::{led, long_date, para, Sections};
use crate::compose::BoardForLetters;
use crate::model::{
    verification_note, Block, Distribution, LetterDocument, LetterMetadata, Letterhead, Signatory,
};

/// Who the report is from, and when it is made.
#[derive(Debug, Clone, Copy)]
pub struct Qm3Board<'a> {
    pub board: &'a BoardForLetters,
    /// Who signs, in signing order.
    pub signatories: &'a [Signatory],
    /// The board certificate's SHA-256 fingerprint, grouped for reading.
    pub board_fingerprint: &'a str,
    /// The date printed on the report.
    pub date: NaiveDate,
}

const NONE: &str = "–";

/// "12/05/2024", as the CSV writes dates (narrow enough for a table column).
fn short_date(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| NONE.to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

fn count(n: Option<u32>) -> String {
    n.map_or_else(|| NONE.to_owned(), |n| n.to_string())
}

/// "9 of 10 (90%)", or a dash when there is nothing to count.
fn share(part: u32, whole: u32, percent: Option<u32>) -> String {
    match percent {
        Some(p) if whole > 0 => format!("{part} of {whole} ({p}%)"),
        _ => NONE.to_owned(),
    }
}

fn figures(report: &Qm3Report) -> Block {
    let t: &Qm3Totals = &report.totals;
    let n = report.told_within_working_days;
    let median = t.median_working_days_to_decision.map_or_else(
        || NONE.to_owned(),
        |m| {
            if m.fract() == 0.0 {
                format!("{m:.0}")
            } else {
                format!("{m:.1}")
            }
        },
    );
    let rows = [
        ("Decisions made in the period", t.decisions.to_string()),
        (
            "Decided within the framework’s timescale",
            share(
                t.decisions_on_time,
                t.decisions_with_timescale,
                t.decisions_on_time_percent,
            ),
        ),
        ("Median working days from notification to decision", median),
        (
            &*format!("Members told within {n} working days of the decision"),
            share(
                t.members_told_within,
                t.members_to_tell,
                t.members_told_within_percent,
            ),
        ),
        (
            "Members told who acknowledged the letter",
            share(
                t.members_acknowledged,
                t.members_told,
                t.members_acknowledged_percent,
            ),
        ),
        (
            "Reviews completed or published in the period",
            t.reviews_ended.to_string(),
        ),
        (
            "Outcome notices sent for those reviews",
            share(t.outcome_notices_sent, t.reviews_ended, t.outcome_notices_percent),
        ),
    ];
    Block::Table {
        header: vec!["Measure".into(), "Figure".into()],
        rows: rows
            .iter()
            .map(|(label, value)| vec![(*label).to_owned(), value.clone()])
            .collect(),
        widths: vec![3.0, 1.4],
    }
}

fn decisions_chart(report: &Qm3Report) -> Block {
    let bars = &report.decision_chart;
    if bars.is_empty() {
        return para("No decision with a notification date was made in the period.");
    }
    let with_scale = bars.iter().filter(|b| b.within_timescale.is_some()).count();
    let within = bars.iter().filter(|b| b.within_timescale == Some(true)).count();
    let longest = bars.iter().max_by_key(|b| b.working_days);
    let longest = longest.map_or_else(String::new, |b| {
        format!(
            " The longest took {} working days ({}).",
            b.working_days, b.reference
        )
    });
    Block::Chart(Chart {
        title: "Working days from notification to decision, case by case".into(),
        alt: format!(
            "Bar chart of the working days from notification to decision for each of the {} cases \
             decided in the period, in order of decision, against the framework’s timescale: {within} \
             of the {with_scale} cases with a timescale were decided within it.{longest}",
            bars.len()
        ),
        value_axis: "Working days".into(),
        category_axis: "Cases, in order of decision".into(),
        bars: bars
            .iter()
            .map(|b| Bar {
                label: b.reference.clone(),
                value: b.working_days as f32,
                target: b.timescale.map(|t| t as f32),
                dark: b.within_timescale == Some(false),
            })
            .collect(),
        value_suffix: String::new(),
        value_max: 0.0,
        legend: vec![
            (Swatch::LightBar, "Decided within the timescale".into()),
            (Swatch::DarkBar, "Decided after it".into()),
            (Swatch::Target, "The timescale".into()),
        ],
    })
}

fn told_chart(report: &Qm3Report) -> Block {
    let days = &report.told_chart;
    let n = report.told_within_working_days;
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return para("No member was to be told of a decision made in the period.");
    };
    let by_n = days
        .iter()
        .find(|d| d.day == n)
        .map_or_else(String::new, |d| format!(", {}% by day {n}", d.percent));
    Block::Chart(Chart {
        title: "Members told of the decision, by working day after it".into(),
        alt: format!(
            "Bar chart of the share of members told of each decision in the period by each working \
             day after it: {}% on the day of the decision{by_n}, {}% by day {}.",
            first.percent, last.percent, last.day
        ),
        value_axis: "Members told (%, cumulative)".into(),
        category_axis: "Working days after the decision".into(),
        bars: days
            .iter()
            .map(|d| Bar {
                label: d.day.to_string(),
                value: d.percent as f32,
                target: None,
                dark: d.day <= n,
            })
            .collect(),
        value_suffix: "%".into(),
        value_max: 100.0,
        legend: vec![
            (Swatch::DarkBar, format!("Within {n} working days")),
            (Swatch::LightBar, "Later".into()),
        ],
    })
}

fn within(row: &Qm3Row) -> String {
    match row.within_timescale {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => NONE.into(),
    }
}

fn decisions_table(report: &Qm3Report) -> Block {
    Block::Table {
        header: [
            "Reference",
            "Pseudonym",
            "Notified",
            "Decided",
            "Working days",
            "Within timescale",
            "Decision",
        ]
        .map(String::from)
        .to_vec(),
        rows: report
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.reference.clone(),
                    r.pseudonym.clone(),
                    short_date(r.notified),
                    short_date(r.decided),
                    count(r.working_days_to_decision),
                    within(r),
                    r.decision.clone(),
                ]
            })
            .collect(),
        widths: vec![76.0, 62.0, 58.0, 58.0, 50.0, 58.0, 100.0],
    }
}

fn telling_table(report: &Qm3Report) -> Block {
    let n = report.told_within_working_days;
    // By reference only: the decisions' table above pairs each reference with its pseudonym.
    Block::Table {
        header: vec![
            "Reference".into(),
            "Members told".into(),
            format!("Told within {n} working days"),
            "Acknowledged".into(),
            "Updates sent".into(),
            "Outcome notice".into(),
            "Published".into(),
        ],
        rows: report
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.reference.clone(),
                    format!("{} of {}", r.members_told, r.members_in_post),
                    r.told_within.to_string(),
                    r.acknowledged.to_string(),
                    r.updates_sent.to_string(),
                    short_date(r.outcome_notice_sent),
                    short_date(r.published),
                ]
            })
            .collect(),
        widths: vec![76.0, 56.0, 62.0, 76.0, 52.0, 70.0, 70.0],
    }
}

/// The report as a document the letters' renderer prints and the board's signer signs.
pub fn qm3_document(report: &Qm3Report, from: &Qm3Board<'_>) -> LetterDocument {
    let board = from.board;
    let period = format!("{} to {}", long_date(report.from), long_date(report.to));
    let title = format!("Quality Marker 3 report: telling the Board of decisions and outcomes, {period}");
    let mut s = Sections::default();
    s.push(para(format!(
        "This report shows how the Board told its members of each decision on whether to hold a \
         review, and of each review’s outcome, for {period} (Quality Marker 3). It covers the {} \
         cases decided in the period, or whose review ended or whose outcome notice was issued in \
         it. A member counts as told on the day their letter was sent or exported; “told within \
         {} days” counts working days after the decision.",
        report.rows.len(),
        report.told_within_working_days
    )));
    s.push(led(
        "Restricted details: ",
        "cases are named only by their reference and pseudonym; no detail from a case’s restricted \
         annex appears in this report.",
    ));
    s.heading("The period in figures");
    s.push(figures(report));
    s.heading("Decisions against the timescale");
    s.push(decisions_chart(report));
    s.heading("Members told after each decision");
    s.push(told_chart(report));
    s.heading("Each case’s decision");
    s.push(decisions_table(report));
    s.heading("Telling the members, case by case");
    s.push(telling_table(report));
    // A paragraph last, so that the end of the report stays with its signature.
    s.push(para(format!(
        "The lines and figures above are those of the Board’s archive on {}; the same report \
         can be saved as a spreadsheet (CSV or XLSX) from SCR Decision Desk.",
        long_date(from.date)
    )));

    let signer_names: Vec<&str> = from.signatories.iter().map(|sig| sig.name.as_str()).collect();
    let reference = format!(
        "QM3 {} to {}",
        report.from.format("%d/%m/%Y"),
        report.to.format("%d/%m/%Y")
    );
    let note = verification_note(
        &signer_names,
        from.board_fingerprint,
        board.timestamp_authority.as_deref(),
    )
    .replace("this letter", "this report")
    .replace("the letter carries", "the report carries")
    .replace("The letter carries", "The report carries")
    .replace("check the letter", "check the report");
    LetterDocument {
        letterhead: Letterhead {
            board_name: board.name.clone(),
            address_lines: board.address_lines.clone(),
            logo: board.logo.clone(),
        },
        protective_marking: board.protective_marking.clone(),
        reference: reference.clone(),
        date: long_date(from.date),
        addressee: vec![format!("To: all members of {}", board.name)],
        title: title.clone(),
        salutation: String::new(),
        body: s.blocks,
        closing: "Signed for the Board,".to_owned(),
        signatories: from.signatories.to_vec(),
        distribution: Distribution {
            intro: "the members of the Board, for its annual report; inspectors on request.".into(),
            recipients: Vec::new(),
        },
        verification_note: note,
        metadata: LetterMetadata {
            title,
            author: format!("{}, {}", signer_names.join(", "), board.name),
            subject: format!("{reference}: Quality Marker 3 report"),
            language: "en-GB".to_owned(),
        },
    }
}
