//! The QM3 report written to CSV and XLSX from the demonstration board: both files read back
//! (the csv and calamine readers) hold the report's figures, worked out here by hand from what
//! the demo did; a line that would show the restricted annex stops the export before any file.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{at, csv_figure, csv_records, day, first_reference, TestDesk};
use scr_desk::testing::plain_settings;
use scr_desk::ErrorCode;
use scr_mail::test_server::{ServerTls, TestSmtpServer};

#[test]
fn the_qm3_report_writes_csv_and_xlsx_with_the_same_figures() {
    let server = TestSmtpServer::start(ServerTls::None);
    // Seeded in April 2016, the demonstration keeps the example's dates; then worked on in 2026.
    let (_test, later, demo) = TestDesk::demo_seeded_then_at(at("2026-05-11T10:00:00Z"));
    let desk = &later;
    let reference = first_reference(&demo);
    desk.save_mail_settings(plain_settings(server.port))
        .expect("mail settings");
    desk.send_decision(&reference, false).expect("sent");

    // By hand: the demo's 12 members, 11 receiving letters, one of them (Ben Brown) by secure
    // export; the 10 others were emailed today, ten years after the decision of 12 April 2016,
    // so none within 5 working days. 12 letters were issued (a circular and 11 personal copies).
    // From April: the demonstration's older cases were decided before Child T (demo_cases.rs).
    let (from, to) = (day("2016-04-01"), day("2016-12-31"));
    let report = desk.qm3(from, to).expect("report");
    assert_eq!(report.rows.len(), 1);
    let row = &report.rows[0];
    assert_eq!(row.reference, reference);
    assert_eq!(row.pseudonym, "Child T");
    assert_eq!(row.decided, Some(day("2016-04-12")));
    assert_eq!(row.members_in_post, 11);
    assert_eq!(row.told_by_email, 10);
    assert_eq!(row.told_by_secure_export, 0);
    assert_eq!(row.told_within, 0);
    assert_eq!(row.letters_issued, 12);
    assert_eq!(report.totals.decisions, 1);
    assert_eq!(report.totals.members_to_tell, 11);
    assert_eq!(report.totals.members_told, 10);
    assert_eq!(report.totals.members_told_within_percent, Some(0));

    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("qm3.csv");
    let xlsx_path = dir.path().join("qm3.xlsx");
    let written = desk
        .export_qm3(from, to, Some(&csv_path), Some(&xlsx_path))
        .expect("written");
    assert_eq!(written.cases, 1);

    let records = csv_records(&csv_path);
    assert!(records[0][0].contains("Quality Marker 3 report, 1 April 2016 to 31 December 2016"));
    assert_eq!(&records[1][9], "Members in post");
    let line = &records[2];
    assert_eq!(&line[0], reference.as_str());
    assert_eq!(&line[1], "Child T");
    assert_eq!(&line[3], "12/04/2016");
    assert_eq!(&line[9], "11");
    assert_eq!(&line[10], "10");
    assert_eq!(&line[13], "0");
    assert_eq!(&line[19], "10");
    let figure = |label: &str| csv_figure(&records, label);
    assert_eq!(figure("Members to tell"), "11");
    assert_eq!(figure("Members told within 5 working days (%)"), "0");

    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx_path).expect("xlsx");
    let cases = workbook.worksheet_range("Cases").expect("Cases sheet");
    assert_eq!(cases.get((1, 0)), Some(&Data::String(reference.clone())));
    assert_eq!(cases.get((1, 9)), Some(&Data::Float(11.0)));
    assert_eq!(cases.get((1, 10)), Some(&Data::Float(10.0)));
    let figures = workbook.worksheet_range("Figures").expect("Figures sheet");
    let to_tell = figures
        .rows()
        .find(|r| r[0] == Data::String("Members to tell".into()))
        .expect("row");
    assert_eq!(to_tell[1], Data::Float(11.0));

    // Refused: an existing file, and a period that ends before it starts.
    let again = desk
        .export_qm3(from, to, Some(&csv_path), None)
        .expect_err("exists");
    assert_eq!(again.code(), ErrorCode::FileExists);
    let backwards = desk.qm3(to, from).expect_err("backwards");
    assert_eq!(backwards.code(), ErrorCode::ReportInvalid);
}

#[test]
fn a_report_line_that_shows_the_annex_writes_nothing() {
    // Seeded in April 2016, the demonstration keeps the example's dates; then worked on in 2026.
    let (_test, later, demo) = TestDesk::demo_seeded_then_at(at("2026-05-11T10:00:00Z"));
    let desk = &later;
    let reference = first_reference(&demo);
    let case_id = desk.case_id_for(&reference).expect("case");
    let mut summary = desk.case_view(case_id).expect("case").summary;
    summary.pseudonym = Some("Tyler B".into());
    desk.save_case_summary(case_id, summary).expect("summary");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qm3.csv");
    let refused = desk
        .export_qm3(day("2016-01-01"), day("2016-12-31"), Some(&path), None)
        .expect_err("the child's first name");
    assert_eq!(refused.code(), ErrorCode::ReportShowsRestricted);
    assert!(!path.exists(), "nothing written");
}
