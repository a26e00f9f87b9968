//! How the archive performs at twenty years' size: 1,000 cases (50 a year), each with a
//! finalised decision and 40 issued letters of a realistic size (40,000 letters in all). Needs a Secret Service, like the tests:
//! `scripts/bench.sh` runs it with one started.

use criterion::{criterion_group, criterion_main, Criterion};

use scr_archive::{letter_sha256, Actor, Archive, KeyStore, NewIssuedLetter, SystemKeyring};
use scr_domain::case::{CaseSummary, DEFAULT_REFERENCE_PATTERN};
use scr_domain::example;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::FrameworkRegistry;

const YEARS: i32 = 20;
const CASES_PER_YEAR: usize = 50;
const LETTERS_PER_CASE: usize = 40;
/// About the size of a signed two-page letter.
const LETTER_BYTES: usize = 46 * 1024;

fn twenty_year_archive(dir: &std::path::Path, keyring: &SystemKeyring) {
    let actor = Actor::new(
        "bench",
        "archive",
        scr_domain::clock::Clock::from_fn(chrono::Utc::now),
    );
    let (mut archive, _) = Archive::open_or_create(dir, keyring, &actor).expect("create");
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.default_framework();
    let draft = example::wt2015_draft(framework);
    let annex = example::annex();
    for year in 2007..2007 + YEARS {
        for number in 0..CASES_PER_YEAR {
            let summary = CaseSummary {
                pseudonym: Some(format!(
                    "Child {}{number}",
                    char::from(b'A' + (number % 26) as u8)
                )),
                ..example::case()
            };
            let record = archive
                .create_case(DEFAULT_REFERENCE_PATTERN, year, &summary, &annex)
                .expect("case");
            archive.save_draft(record.id, &draft).expect("draft");
            let finalised =
                FinalisedDecision::finalise(&draft, &record.summary, framework, &annex).expect("final");
            archive.store_decision(record.id, &finalised).expect("store");
            store_letters(&mut archive, &record.reference);
        }
    }
}

/// Letter-sized bytes that differ per letter (so each has its own SHA-256), standing in for the
/// signed PDFs: the archive stores and hashes bytes, whatever they hold.
fn store_letters(archive: &mut Archive, reference: &str) {
    let pdfs: Vec<Vec<u8>> = (0..LETTERS_PER_CASE)
        .map(|member| {
            let mut bytes = format!("%PDF-1.3 {reference} member {member}\n").into_bytes();
            bytes.resize(LETTER_BYTES, b'x');
            bytes
        })
        .collect();
    let recipients: Vec<scr_domain::letter_kind::Recipient> = (0..LETTERS_PER_CASE)
        .map(|member| scr_domain::letter_kind::Recipient::Member(member as i64))
        .collect();
    let fingerprints = vec!["AB12".to_owned()];
    let letters: Vec<NewIssuedLetter<'_>> = pdfs
        .iter()
        .zip(&recipients)
        .map(|(pdf, recipient)| NewIssuedLetter {
            reference,
            kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
            recipient,
            pdf,
            signer_fingerprints: &fingerprints,
            created_at: "2026-01-01T00:00:00Z",
        })
        .collect();
    archive.store_issued_letters(&letters).expect("letters");
}

fn benches(c: &mut Criterion) {
    let keyring = SystemKeyring::connect().expect("a Secret Service (see scripts/bench.sh)");
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let started = std::time::Instant::now();
    twenty_year_archive(&dir, &keyring);
    let size: u64 = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .sum();
    eprintln!(
        "built a {YEARS}-year archive ({} cases) in {:.1} s; {:.1} MB on disk",
        YEARS as usize * CASES_PER_YEAR,
        started.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
    let actor = Actor::new(
        "bench",
        "archive",
        scr_domain::clock::Clock::from_fn(chrono::Utc::now),
    );

    c.bench_function("open and unlock (keyring, SQLCipher, schema check)", |b| {
        b.iter(|| Archive::open(&dir, &keyring, &actor).expect("open"))
    });
    let archive = Archive::open(&dir, &keyring, &actor).expect("open");
    c.bench_function("list all 1,000 cases", |b| {
        b.iter(|| archive.list_cases(None).expect("list"))
    });
    c.bench_function("search cases by pseudonym", |b| {
        b.iter(|| archive.list_cases(Some("Child Q1")).expect("search"))
    });
    c.bench_function("one case with its decisions", |b| {
        b.iter(|| {
            archive.case(500).expect("case");
            archive.decisions(500).expect("decisions")
        })
    });
    c.bench_function("the 40 letters of one decision", |b| {
        b.iter(|| archive.issued_letters(Some("SCR-2016-025")).expect("letters"))
    });
    let known = letter_sha256(&{
        let mut bytes = b"%PDF-1.3 SCR-2016-025 member 7\n".to_vec();
        bytes.resize(LETTER_BYTES, b'x');
        bytes
    });
    c.bench_function("find a letter by its SHA-256 (verify against the archive)", |b| {
        b.iter(|| {
            assert_eq!(
                archive.issued_letters_with_sha256(&known).expect("lookup").len(),
                1
            )
        })
    });
    // Reading and authenticating every page of ~2 GB: once, not sampled.
    let started = std::time::Instant::now();
    let report = archive.check().expect("check");
    eprintln!(
        "integrity check of the whole archive: {:.2} s, clean: {}",
        started.elapsed().as_secs_f64(),
        report.is_clean()
    );
    drop(archive);

    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(scr_archive::HEADER_FILE)).expect("header"))
            .expect("json");
    if let Some(account) = header["keyring"]["account"].as_str() {
        let _ = keyring.remove(account);
    }
}

criterion_group! {
    name = archive;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(archive);
