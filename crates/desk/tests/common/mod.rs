//! Shared by the desk's integration tests: a desk on a throwaway archive, opened through the
//! real Secret Service (scripts/test.sh starts one), and a look inside it for the counts.
#![allow(dead_code)]

pub mod pages;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use scr_archive::{Actor, Archive, KeyStore, SystemKeyring, HEADER_FILE};
use scr_desk::{BoardProfile, Clock, DemoCreated, Desk};
use scr_domain::register::{Channel, MemberInput, Voting};

pub struct TestDesk {
    pub temp: tempfile::TempDir,
    pub dir: PathBuf,
    pub desk: Desk,
}

impl TestDesk {
    pub fn new() -> TestDesk {
        TestDesk::with(|_| {}, |desk| desk)
    }

    /// A desk whose data directory was first given files by `prepare` (the desk reads some at
    /// start), and then adjusted by `adjust` (e.g. with a fixed today).
    pub fn with(prepare: impl FnOnce(&std::path::Path), adjust: impl FnOnce(Desk) -> Desk) -> TestDesk {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = temp.path().join("data");
        std::fs::create_dir_all(&dir).expect("data dir");
        prepare(&dir);
        let desk = adjust(Desk::with_system_keyring(dir.clone(), "test"));
        desk.init(BoardProfile {
            name: "Westmoor Safeguarding Children Board".into(),
            area: "Westmoor".into(),
        })
        .expect(
            "these tests need a running Secret Service: run them through scripts/test.sh, \
             which starts gnome-keyring on a private D-Bus session",
        );
        TestDesk { temp, dir, desk }
    }

    /// A desk whose clock is stopped at `now`.
    pub fn stopped_at(now: DateTime<Utc>) -> TestDesk {
        TestDesk::with(|_| {}, |desk| desk.with_clock(Clock::fixed(now)))
    }

    /// The demonstration seeded a week after the example's decision (so it keeps the example's
    /// own dates: "Child T", a review decided on 12 April 2016; see demo_dates.rs), and a second
    /// desk on the same archive whose clock reads `now`, for the work done on it later.
    pub fn demo_seeded_then_at(now: DateTime<Utc>) -> (TestDesk, Desk, DemoCreated) {
        let test = TestDesk::with(|_| {}, |desk| desk.with_clock(Clock::fixed(at(DEMO_SEEDED))));
        let demo = test.desk.seed_demo().expect("demo");
        let later = Desk::with_system_keyring(test.dir.clone(), "test").with_clock(Clock::fixed(now));
        (test, later, demo)
    }

    /// Opens the archive beside the desk and reads what the tests compare.
    pub fn archive(&self) -> Archive {
        let keyring = SystemKeyring::connect().expect("keyring");
        Archive::open(
            &self.dir,
            &keyring,
            &Actor::new(
                "test",
                "inspector",
                scr_domain::clock::Clock::from_fn(chrono::Utc::now),
            ),
        )
        .expect("open")
    }

    /// (member versions, audit events): a failed import must change neither.
    pub fn counts(&self) -> (usize, usize) {
        let archive = self.archive();
        (
            archive.member_versions().expect("versions").len(),
            archive.audit_events().expect("events").len(),
        )
    }

    pub fn actions(&self) -> Vec<String> {
        self.archive()
            .audit_events()
            .expect("events")
            .into_iter()
            .map(|event| event.action)
            .collect()
    }
}

impl Drop for TestDesk {
    fn drop(&mut self) {
        let Ok(text) = std::fs::read_to_string(self.dir.join(HEADER_FILE)) else {
            return;
        };
        let header: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if let (Some(account), Ok(keyring)) =
            (header["keyring"]["account"].as_str(), SystemKeyring::connect())
        {
            let _ = keyring.remove(account);
        }
    }
}

pub fn member(name: &str, email: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        role: "Designated Safeguarding Lead".into(),
        agency: "Police".into(),
        email: email.into(),
        phone: String::new(),
        term_start: "2024-04-01".into(),
        term_end: String::new(),
        voting: Some(Voting::Voting),
        receives_letters: true,
        channel: Some(Channel::Email),
        notes: String::new(),
    }
}

/// A week after the example's decision: a demonstration seeded then is not moved.
pub const DEMO_SEEDED: &str = "2016-04-19T10:00:00Z";

/// An instant written as RFC 3339.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("time")
        .with_timezone(&Utc)
}

/// A date written as YYYY-MM-DD.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The reference of the demonstration's first decision (Child T's), without its version.
pub fn first_reference(demo: &DemoCreated) -> String {
    demo.decisions[0]
        .split_whitespace()
        .next()
        .expect("reference")
        .to_owned()
}

/// The fictional Child T of `scr_domain::example`, with the restricted annex, opened as a case.
pub fn open_example_case(desk: &Desk) -> scr_desk::CaseView {
    desk.open_case(scr_desk::NewCase {
        summary: scr_domain::example::case(),
        annex: scr_domain::example::annex(),
    })
    .expect("open the example case")
}

/// The form fields an error sends the UI to, as the IPC error names them.
pub fn error_fields(error: &scr_desk::DeskError) -> Vec<String> {
    scr_desk::ipc::IpcError::from(error)
        .details
        .expect("details")
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect()
}

/// Text as Windows-1252 bytes, as Excel's "CSV" writes it on an English Windows machine.
pub fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "the test text is not representable in Windows-1252");
    bytes.into_owned()
}

/// The text of a PDF as poppler's pdftotext reads it.
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test.sh");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What poppler's pdfsig says of each signature ("Signature is Valid.", "Digest Mismatch.").
pub fn pdfsig_verdicts(pdf: &std::path::Path) -> Vec<String> {
    let output = std::process::Command::new("pdfsig")
        .arg(pdf)
        .output()
        .expect("pdfsig is needed for these tests: apt-get install poppler-utils");
    // pdfsig exits 0 even when a signature is invalid: read what it says.
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- Signature Validation: "))
        .map(str::to_owned)
        .collect()
}

/// Every record of a CSV file the desk wrote (a title line, headers, lines, figures).
pub fn csv_records(path: &std::path::Path) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .expect("csv")
        .records()
        .map(|r| r.expect("record"))
        .collect()
}

/// The value beside `label` in the first column of the report's figures (CSV).
pub fn csv_figure(records: &[csv::StringRecord], label: &str) -> String {
    records
        .iter()
        .find(|r| &r[0] == label)
        .map(|r| r[1].to_owned())
        .unwrap_or_else(|| panic!("{label} missing from the CSV"))
}
