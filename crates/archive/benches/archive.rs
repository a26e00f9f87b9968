//! How the archive performs at twenty years' size: 1,000 cases (50 a year), each with a
//! finalised decision. Needs a Secret Service, like the tests:
//! `scripts/bench.sh` runs it with one started.

use criterion::{criterion_group, criterion_main, Criterion};

use scr_archive::{Actor, Archive, KeyStore, SystemKeyring};
use scr_domain::case::{CaseSummary, DEFAULT_REFERENCE_PATTERN};
use scr_domain::example;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::FrameworkRegistry;

const YEARS: i32 = 20;
const CASES_PER_YEAR: usize = 50;

fn twenty_year_archive(dir: &std::path::Path, keyring: &SystemKeyring) {
    let actor = Actor::new("bench", "archive");
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
        }
    }
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
    let actor = Actor::new("bench", "archive");

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
    c.bench_function("integrity check of the whole archive", |b| {
        b.iter(|| archive.check().expect("check"))
    });
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
