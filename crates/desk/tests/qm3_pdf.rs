//! The QM3 report as a signed PDF, from the demonstration board (seeded today, so that the
//! certificates are current for the validators): pyHanko and pdfsig accept its signature, its
//! text holds every case's line and the period's figures, no restricted detail of the case
//! reaches it, and the PDF, the CSV and the XLSX hold the same figures.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use common::{csv_figure, csv_records, pdfsig_verdicts, pdftotext, TestDesk};
use scr_desk::{year_to, ErrorCode};

/// The example's restricted details (the demonstration case's annex): none may reach a report.
const ANNEX_CANARIES: [&str; 5] = ["Tyler", "Blackwood", "Mill Lane", "AN1 4XY", "9 June 2014"];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// pyHanko's judgement of each signature, trusting only the board's certificate; and its exit code
/// (0 only when every signature is valid).
fn pyhanko_verdicts(pdf: &Path, board_pem: &Path) -> (bool, Vec<String>) {
    let pyhanko = std::env::var_os("SCR_DESK_PYHANKO")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/pyhanko"));
    let output = Command::new(&pyhanko)
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(board_pem)
        .arg("--trust-replace")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pyHanko is needed at {}: {e}", pyhanko.display()));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let verdicts = text
        .lines()
        .filter_map(|l| l.strip_prefix("The signature is judged "))
        .map(|l| l.trim_end_matches('.').to_owned())
        .collect();
    (output.status.success(), verdicts)
}

#[test]
fn the_signed_qm3_pdf_verifies_holds_every_line_and_the_same_figures_as_the_spreadsheets() {
    let test = TestDesk::new();
    test.desk.seed_demo().expect("demo");
    let desk = &test.desk;
    let today = desk.home(1).expect("home").today;
    let (from, to) = (year_to(today), today);
    let report = desk.qm3(from, to).expect("report");
    assert!(
        !report.rows.is_empty(),
        "the demonstration decides cases in the year"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let pdf_path = dir.path().join("qm3.pdf");
    let csv_path = dir.path().join("qm3.csv");
    let xlsx_path = dir.path().join("qm3.xlsx");
    let written = desk.write_qm3_pdf(from, to, &pdf_path).expect("pdf written");
    assert_eq!(written.cases as usize, report.rows.len());
    desk.export_qm3(from, to, Some(&csv_path), Some(&xlsx_path))
        .expect("spreadsheets written");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf_path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read the report: {mode:o}");
    }

    // Three validators: ours (through the desk), pdfsig and pyHanko.
    let pdf = std::fs::read(&pdf_path).expect("read");
    if let Some(keep) = std::env::var_os("SCR_QM3_PDF_KEEP") {
        std::fs::write(keep, &pdf).expect("kept");
    }
    let check = desk.verify_letter(&pdf).expect("verify");
    assert!(check.valid && check.trusted_by_board, "{}", check.headline);
    assert_eq!(pdfsig_verdicts(&pdf_path), ["Signature is Valid."]);
    let board_pem = dir.path().join("board.pem");
    desk.export_board_certificate(&board_pem).expect("certificate");
    let (all_valid, verdicts) = pyhanko_verdicts(&pdf_path, &board_pem);
    assert!(all_valid, "pyHanko: {verdicts:?}");
    assert_eq!(verdicts.len(), 1, "{verdicts:?}");
    assert!(verdicts[0].starts_with("VALID"), "{verdicts:?}");

    // Every case's line, the period's figures, and nothing from the restricted annex.
    let text = pdftotext(&pdf);
    assert!(text.contains("Quality Marker 3 report"));
    for row in &report.rows {
        assert!(text.contains(&row.reference), "{} missing", row.reference);
        assert!(text.contains(&row.pseudonym), "{} missing", row.pseudonym);
        if let Some(decided) = row.decided {
            assert!(text.contains(&decided.format("%d/%m/%Y").to_string()));
        }
    }
    for canary in ANNEX_CANARIES {
        assert!(!text.contains(canary), "{canary} printed in the report");
    }
    let t = &report.totals;
    let share = |part: u32, whole: u32, percent: Option<u32>| match percent {
        Some(p) => format!("{part} of {whole} ({p}%)"),
        None => "–".to_owned(),
    };
    for figure in [
        share(
            t.decisions_on_time,
            t.decisions_with_timescale,
            t.decisions_on_time_percent,
        ),
        share(
            t.members_told_within,
            t.members_to_tell,
            t.members_told_within_percent,
        ),
        share(
            t.members_acknowledged,
            t.members_told,
            t.members_acknowledged_percent,
        ),
        share(t.outcome_notices_sent, t.reviews_ended, t.outcome_notices_percent),
    ] {
        assert!(text.contains(&figure), "{figure} missing from the PDF");
    }

    // The same figures in the CSV and the XLSX.
    let records = csv_records(&csv_path);
    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx_path).expect("xlsx");
    let sheet = workbook.worksheet_range("Figures").expect("Figures sheet");
    let xlsx_figure = |label: &str| {
        sheet
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("{label} missing from the XLSX"))
    };
    let n = report.told_within_working_days;
    for (label, value) in [
        ("Decisions", t.decisions),
        ("Decisions on time", t.decisions_on_time),
        ("Members to tell", t.members_to_tell),
        (
            &*format!("Members told within {n} working days"),
            t.members_told_within,
        ),
        ("Members acknowledged", t.members_acknowledged),
        ("Reviews ended", t.reviews_ended),
        ("Outcome notices sent", t.outcome_notices_sent),
    ] {
        assert_eq!(
            csv_figure(&records, label),
            value.to_string(),
            "{label} in the CSV"
        );
        assert_eq!(xlsx_figure(label), value.to_string(), "{label} in the XLSX");
    }
    for (i, row) in report.rows.iter().enumerate() {
        assert_eq!(&records[2 + i][0], row.reference.as_str());
        assert_eq!(&records[2 + i][1], row.pseudonym.as_str());
    }

    // Never over an existing file.
    let again = desk.write_qm3_pdf(from, to, &pdf_path).expect_err("exists");
    assert_eq!(again.code(), ErrorCode::FileExists);
}

#[test]
fn a_report_line_that_shows_the_annex_writes_no_pdf() {
    let test = TestDesk::new();
    test.desk.seed_demo().expect("demo");
    let desk = &test.desk;
    let today = desk.home(1).expect("home").today;
    let (from, to) = (year_to(today), today);
    // Child T's line: "Tyler" is the first name in that case's restricted details.
    let row = desk
        .qm3(from, to)
        .expect("report")
        .rows
        .into_iter()
        .find(|row| row.pseudonym == "Child T")
        .expect("Child T is in the demonstration's year");
    let mut summary = desk.case_view(row.case_id).expect("case").summary;
    summary.pseudonym = Some("Tyler B".into());
    desk.save_case_summary(row.case_id, summary).expect("summary");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qm3.pdf");
    let refused = desk
        .write_qm3_pdf(from, to, &path)
        .expect_err("the child's first name");
    assert_eq!(refused.code(), ErrorCode::ReportShowsRestricted);
    assert!(!path.exists(), "nothing written");
}
