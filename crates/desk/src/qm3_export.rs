//! The QM3 report written out: CSV (UTF-8 with a byte-order mark, for Excel) and XLSX (numbers as
//! numbers), one line per case and the period's figures below. Before anything is written each
//! case's line is checked against that case's restricted annex (the letters' guard): a report
//! goes beyond the case, so it may name the child only by the pseudonym.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use scr_domain::qm3::{Qm3Report, Qm3Row};
use scr_domain::register::dates::long_date;

use crate::register::write_new_file;
use crate::{Desk, DeskError};

/// A cell: text, or a number a spreadsheet can add up.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
}

const HEADERS: [&str; 20] = [
    "Reference",
    "Pseudonym",
    "Notified",
    "Decided",
    "Working days to decision",
    "Timescale (working days)",
    "Within timescale",
    "Decision",
    "Letters issued",
    "Members in post",
    "Told by email",
    "Told by secure export",
    "Told by post",
    "Told within N working days",
    "Acknowledged",
    "Updates sent",
    "Outcome notice sent",
    "Review ended",
    "Published",
    "Members told",
];

fn date(d: Option<NaiveDate>) -> Cell {
    Cell::Text(d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default())
}

fn number(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

fn optional(n: Option<u32>) -> Cell {
    n.map_or(Cell::Text(String::new()), number)
}

fn cells(row: &Qm3Row) -> Vec<Cell> {
    vec![
        Cell::Text(row.reference.clone()),
        Cell::Text(row.pseudonym.clone()),
        date(row.notified),
        date(row.decided),
        optional(row.working_days_to_decision),
        optional(row.timescale_working_days),
        Cell::Text(match row.within_timescale {
            Some(true) => "Yes".into(),
            Some(false) => "No".into(),
            None => String::new(),
        }),
        Cell::Text(row.decision.clone()),
        number(row.letters_issued),
        number(row.members_in_post),
        number(row.told_by_email),
        number(row.told_by_secure_export),
        number(row.told_by_post),
        number(row.told_within),
        number(row.acknowledged),
        number(row.updates_sent),
        date(row.outcome_notice_sent),
        date(row.review_ended),
        date(row.published),
        number(row.members_told),
    ]
}

/// The period's figures as (label, value) lines under the table.
fn figures(report: &Qm3Report) -> Vec<(String, Cell)> {
    let t = &report.totals;
    let percent = |p: Option<u32>| optional(p);
    vec![
        ("Decisions".into(), number(t.decisions)),
        ("Decisions on time".into(), number(t.decisions_on_time)),
        (
            "Decisions on time (%)".into(),
            percent(t.decisions_on_time_percent),
        ),
        (
            "Median working days to decision".into(),
            t.median_working_days_to_decision
                .map_or(Cell::Text(String::new()), Cell::Number),
        ),
        ("Members to tell".into(), number(t.members_to_tell)),
        (
            format!(
                "Members told within {} working days",
                report.told_within_working_days
            ),
            number(t.members_told_within),
        ),
        (
            format!(
                "Members told within {} working days (%)",
                report.told_within_working_days
            ),
            percent(t.members_told_within_percent),
        ),
        ("Members acknowledged".into(), number(t.members_acknowledged)),
        (
            "Members acknowledged (%)".into(),
            percent(t.members_acknowledged_percent),
        ),
        ("Reviews ended".into(), number(t.reviews_ended)),
        ("Outcome notices sent".into(), number(t.outcome_notices_sent)),
        (
            "Outcome notices sent (%)".into(),
            percent(t.outcome_notices_percent),
        ),
    ]
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => scr_domain::text::spreadsheet_safe(text),
        Cell::Number(n) => n.to_string(),
    }
}

/// A spreadsheet writer's failure, as the report's typed error (`report.not_written`).
fn not_written(error: impl std::fmt::Display) -> DeskError {
    DeskError::ReportNotWritten(error.to_string())
}

fn write_csv(report: &Qm3Report, title: &str) -> Result<Vec<u8>, DeskError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let e = not_written;
    writer.write_record([title]).map_err(e)?;
    writer.write_record(HEADERS).map_err(e)?;
    for row in &report.rows {
        writer.write_record(cells(row).iter().map(text_of)).map_err(e)?;
    }
    writer.write_record([""]).map_err(e)?;
    for (label, value) in figures(report) {
        writer.write_record([label, text_of(&value)]).map_err(e)?;
    }
    writer.into_inner().map_err(not_written)
}

fn write_xlsx(report: &Qm3Report, title: &str) -> Result<Vec<u8>, DeskError> {
    use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
    fn put(sheet: &mut Worksheet, row: u32, column: u16, cell: &Cell) -> Result<(), XlsxError> {
        match cell {
            Cell::Text(text) => sheet.write_string(row, column, text).map(|_| ()),
            Cell::Number(n) => sheet.write_number(row, column, *n).map(|_| ()),
        }
    }
    let e = not_written;
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Cases").map_err(e)?;
    for (column, header) in (0u16..).zip(HEADERS) {
        sheet
            .write_string_with_format(0, column, header, &bold)
            .map_err(e)?;
        sheet
            .set_column_width(column, if column == 7 { 36.0 } else { 16.0 })
            .map_err(e)?;
    }
    for (row, case) in (1u32..).zip(&report.rows) {
        for (column, cell) in (0u16..).zip(cells(case)) {
            put(sheet, row, column, &cell).map_err(e)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(e)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Figures").map_err(e)?;
    sheet.set_column_width(0, 44.0).map_err(e)?;
    sheet.write_string_with_format(0, 0, title, &bold).map_err(e)?;
    for (row, (label, value)) in (2u32..).zip(figures(report)) {
        sheet.write_string(row, 0, label).map_err(e)?;
        put(sheet, row, 1, &value).map_err(e)?;
    }
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title));
    workbook.save_to_buffer().map_err(e)
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Qm3Exported {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub cases: u32,
    pub files: Vec<String>,
}

impl Desk {
    /// The report for `from..=to`, once every case's line has been checked against that case's
    /// restricted annex (less the terms the chair allowed): whatever writes it out (CSV, XLSX,
    /// the signed PDF) prints nothing a line does not hold.
    pub(crate) fn guarded_qm3(&self, from: NaiveDate, to: NaiveDate) -> Result<Qm3Report, DeskError> {
        let report = self.qm3(from, to)?;
        self.with_archive(|archive| {
            for row in &report.rows {
                let guard = crate::annex_guard::case_guard(archive, row.case_id)?;
                let line: Vec<String> = cells(row).iter().map(text_of).collect();
                let details: std::collections::BTreeSet<_> =
                    guard.find(&line.join("\n")).into_iter().collect();
                if !details.is_empty() {
                    return Err(DeskError::ReportShowsRestricted {
                        reference: row.reference.clone(),
                        details: details.iter().map(|d| d.description().to_owned()).collect(),
                    });
                }
            }
            Ok(())
        })?;
        Ok(report)
    }

    /// Writes the report for `from..=to` to new CSV and/or XLSX files, after checking every
    /// case's line against its restricted annex; nothing is written if any line would show it.
    pub fn export_qm3(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        csv: Option<&Path>,
        xlsx: Option<&Path>,
    ) -> Result<Qm3Exported, DeskError> {
        for path in csv.iter().chain(xlsx.iter()) {
            if path.exists() {
                return Err(DeskError::file_exists(path));
            }
        }
        let report = self.guarded_qm3(from, to)?;
        let board = self.status()?.board.map(|b| b.name).unwrap_or_default();
        let title = format!(
            "{board}: Quality Marker 3 report, {} to {}",
            long_date(from),
            long_date(to)
        );
        let mut files: Vec<PathBuf> = Vec::new();
        if let Some(path) = csv {
            let bytes = write_csv(&report, &title)?;
            write_new_file(path, &bytes)?;
            files.push(path.to_owned());
        }
        if let Some(path) = xlsx {
            let bytes = write_xlsx(&report, &title)?;
            write_new_file(path, &bytes)?;
            files.push(path.to_owned());
        }
        Ok(Qm3Exported {
            from,
            to,
            cases: u32::try_from(report.rows.len()).unwrap_or(u32::MAX),
            files: files.iter().map(|p| p.display().to_string()).collect(),
        })
    }
}
