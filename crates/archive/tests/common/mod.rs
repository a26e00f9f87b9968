//! Shared by the archive's integration tests: the real Secret Service and throwaway archives.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use scr_archive::{Actor, Archive, KeyStore, OpenedAs, RecoveryKey, SystemKeyring, HEADER_FILE};

pub fn actor() -> Actor {
    Actor::new(
        "test",
        "archive",
        scr_domain::clock::Clock::from_fn(chrono::Utc::now),
    )
}

pub fn keyring() -> SystemKeyring {
    SystemKeyring::connect().expect(
        "these tests need a running Secret Service: run them through scripts/test.sh, \
         which starts gnome-keyring on a private D-Bus session",
    )
}

pub fn keyring_account(dir: &Path) -> String {
    let header: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join(HEADER_FILE)).expect("header")).expect("json");
    header["keyring"]["account"].as_str().expect("account").to_owned()
}

/// A new archive in a temporary folder, with its recovery key; the keyring entry is removed
/// when the value is dropped.
pub struct TestArchive {
    pub temp: tempfile::TempDir,
    pub dir: PathBuf,
    pub recovery_key: RecoveryKey,
    account: String,
}

impl TestArchive {
    pub fn create() -> (TestArchive, Archive) {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = temp.path().join("data");
        let (archive, opened) = Archive::open_or_create(&dir, &keyring(), &actor()).expect("create");
        let OpenedAs::Created { recovery_key } = opened else {
            panic!("expected a new archive");
        };
        let account = keyring_account(&dir);
        (
            TestArchive {
                temp,
                dir,
                recovery_key,
                account,
            },
            archive,
        )
    }

    pub fn open(&self) -> Archive {
        Archive::open(&self.dir, &keyring(), &actor()).expect("open")
    }
}

impl Drop for TestArchive {
    fn drop(&mut self) {
        let _ = keyring().remove(&self.account);
    }
}

pub fn audit_actions(archive: &Archive) -> Vec<String> {
    archive
        .audit_events()
        .expect("events")
        .into_iter()
        .map(|event| event.action)
        .collect()
}

/// The example case (`scr_domain::example`) opened in the archive.
pub fn example_case(archive: &mut Archive) -> scr_archive::CaseRecord {
    example_case_in(archive, 2026)
}

/// The example case, numbered among the cases of `year`.
pub fn example_case_in(archive: &mut Archive, year: i32) -> scr_archive::CaseRecord {
    archive
        .create_case(
            scr_domain::case::DEFAULT_REFERENCE_PATTERN,
            year,
            &scr_domain::example::case(),
            &scr_domain::example::annex(),
        )
        .expect("case")
}

/// A case with nothing in its summary or restricted annex, numbered among the cases of `year`.
pub fn blank_case(archive: &mut Archive, year: i32) -> scr_archive::CaseRecord {
    archive
        .create_case(
            scr_domain::case::DEFAULT_REFERENCE_PATTERN,
            year,
            &Default::default(),
            &Default::default(),
        )
        .expect("case")
}

/// How many events of this action the audit log holds.
pub fn audit_count(archive: &Archive, action: &str) -> usize {
    audit_actions(archive).iter().filter(|a| *a == action).count()
}

/// One circular decision notice with these bytes recorded as issued on `reference`.
pub fn store_circular(
    archive: &mut Archive,
    reference: &str,
    pdf: &[u8],
    signer_fingerprints: &[String],
) -> scr_archive::IssuedLetterRecord {
    archive
        .store_issued_letters(&[scr_archive::NewIssuedLetter {
            reference,
            kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
            recipient: &scr_domain::letter_kind::Recipient::Circular,
            pdf,
            signer_fingerprints,
            created_at: "2026-11-28T12:00:00Z",
        }])
        .expect("letter")
        .remove(0)
}

/// A small generator (a 64-bit linear congruential one), so the kill moments differ per run yet
/// can be replayed from the seed.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn seeded() -> Lcg {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .subsec_nanos();
        Lcg(u64::from(nanos) | 1)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

/// Runs `writer`, a test of this same test binary, as a child process working on the archive in
/// `dir` (which it finds in the environment variable `dir_variable`); waits until it prints
/// "ready", lets it work for a random time under `max_micros`, and kills it with SIGKILL. Then
/// the archive must open and pass `check`; it and the report are returned for the test's own
/// questions.
pub fn kill_a_writer(
    writer: &str,
    dir_variable: &str,
    dir: &Path,
    kill: usize,
    random: &mut Lcg,
    max_micros: u64,
) -> (Archive, scr_archive::CheckReport) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([writer, "--exact", "--nocapture", "--test-threads=1"])
        .env(dir_variable, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn writer");
    let stdout = child.stdout.take().expect("stdout");
    let ready = BufReader::new(stdout).lines().any(|line| {
        line.map(|text| text.trim_end().ends_with("ready"))
            .unwrap_or(false)
    });
    assert!(ready, "writer {kill} did not start");
    std::thread::sleep(std::time::Duration::from_micros(random.below(max_micros)));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");

    let archive = Archive::open(dir, &keyring(), &actor())
        .unwrap_or_else(|error| panic!("after kill {kill}: the archive does not open: {error}"));
    let report = archive.check().expect("check");
    assert!(report.is_clean(), "after kill {kill}: {}", report.summary());
    (archive, report)
}
