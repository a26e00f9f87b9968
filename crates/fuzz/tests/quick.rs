//! The quick slice of every parser's fuzzing, run with the tests: a few dozen inputs each
//! (`SCR_FUZZ_INPUTS` for more), none may panic. Inputs that panic are kept in
//! `target/fuzz-failures` to be added to the parser's regression corpus. Speed is measured by
//! `scripts/fuzz.sh`, never asserted here.

use scr_fuzz::{Parser, Target};

fn inputs() -> usize {
    std::env::var("SCR_FUZZ_INPUTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

fn quick(parser: Parser) {
    let target = Target::new(parser);
    let keep = std::path::Path::new(&package_dir()).join("../../target/fuzz-failures");
    let report = scr_fuzz::run(&target, inputs(), 20_161_204, Some(&keep));
    eprintln!("{}", report.summary());
    assert_eq!(report.inputs, inputs());
    assert_eq!(report.panics, 0, "{:#?}", report.failures);
    assert_eq!(report.contained_panics, 0, "{:#?}", report.failures);
    // The seeds themselves are read: the slice starts from real inputs.
    assert!(report
        .outcomes
        .keys()
        .any(|outcome| outcome != "scratch-unwritable"));
}

#[test]
fn letters_to_verify() {
    quick(Parser::PdfVerify);
}

#[test]
fn csv_rosters() {
    quick(Parser::Csv);
}

#[test]
fn xlsx_rosters() {
    quick(Parser::Xlsx);
}

#[test]
fn backups() {
    quick(Parser::Backup);
}

#[test]
fn archive_headers() {
    quick(Parser::Header);
}

#[test]
fn framework_files() {
    quick(Parser::Framework);
}

#[test]
fn retention_schedule_files() {
    quick(Parser::Schedule);
}

#[test]
fn logos() {
    quick(Parser::Logo);
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
