//! `scr-desk report qm3`: the Quality Marker 3 report for a period, printed, or written to a
//! signed PDF, CSV and XLSX files; the same desk calls as the app.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;
use scr_desk::{year_to, Desk, DeskError};

use super::output::print_out;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Who was told of each decision and outcome, and when: per case and for the period.
    /// Default period: the year to today.
    Qm3 {
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        to: Option<NaiveDate>,
        /// Write the report to this new CSV file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Write the report to this new XLSX file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Write the report to this new PDF file, signed by the chair as the board's letters are.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
}

fn parse_cli_date(text: &str) -> Result<NaiveDate, scr_domain::DomainError> {
    scr_domain::register::parse_date(text)
}

pub fn run(desk: &Desk, command: ReportCommand, json: bool) -> Result<ExitCode, DeskError> {
    let ReportCommand::Qm3 {
        from,
        to,
        csv,
        xlsx,
        pdf,
    } = command;
    let to = to.unwrap_or_else(|| desk.clock().today());
    let from = from.unwrap_or_else(|| year_to(to));
    if csv.is_some() || xlsx.is_some() || pdf.is_some() {
        // Every file refused before any is written: no half-made set of files.
        for path in [&csv, &xlsx, &pdf].into_iter().flatten() {
            if path.exists() {
                return Err(DeskError::file_exists(path));
            }
        }
        let mut written = match &pdf {
            Some(path) => desk.write_qm3_pdf(from, to, path)?,
            None => desk.export_qm3(from, to, csv.as_deref(), xlsx.as_deref())?,
        };
        if pdf.is_some() && (csv.is_some() || xlsx.is_some()) {
            let spreadsheets = desk.export_qm3(from, to, csv.as_deref(), xlsx.as_deref())?;
            written.files.extend(spreadsheets.files);
        }
        return Ok(print_out(json, &written, || {
            format!(
                "QM3 report, {} to {}: {} cases, written to {}",
                written.from,
                written.to,
                written.cases,
                written.files.join(" and ")
            )
        }));
    }
    let report = desk.qm3(from, to)?;
    Ok(print_out(json, &report, || {
        let t = &report.totals;
        let share = |part: u32, whole: u32, percent: Option<u32>| match percent {
            Some(p) => format!("{part} of {whole} ({p}%)"),
            None => format!("{part} of {whole}"),
        };
        let mut lines = vec![format!("QM3 report, {} to {}", report.from, report.to)];
        for row in &report.rows {
            lines.push(format!(
                "  {} {}: decided {}, {}; told {} of {} ({} within {} working days), {} acknowledged",
                row.reference,
                row.pseudonym,
                row.decided.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                row.decision,
                row.members_told,
                row.members_in_post,
                row.told_within,
                report.told_within_working_days,
                row.acknowledged
            ));
        }
        lines.push(format!(
            "Decisions on time: {}",
            share(
                t.decisions_on_time,
                t.decisions_with_timescale,
                t.decisions_on_time_percent
            )
        ));
        lines.push(format!(
            "Members told within {} working days: {}",
            report.told_within_working_days,
            share(
                t.members_told_within,
                t.members_to_tell,
                t.members_told_within_percent
            )
        ));
        lines.push(format!(
            "Outcome notices for reviews that ended: {}",
            share(t.outcome_notices_sent, t.reviews_ended, t.outcome_notices_percent)
        ));
        lines.join("\n")
    }))
}
