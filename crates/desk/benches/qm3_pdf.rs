//! The QM3 report over a board's twenty years (1,000 cases, 40,000 letters, made by the window
//! benchmark's generator, tests/bench-window/src/twenty_year_archive.rs, included here): the
//! report's figures alone, then the whole signed PDF as the app saves it (the annex guard on every
//! line, compose, render, sign, validation data, our verifier), against a real SQLCipher archive
//! and the real Secret Service. Prints figures; asserts nothing about time. Run with
//! scripts/bench-qm3.sh (an optimised build, services started).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use scr_desk::{DemoRecoveryKey, Desk};

#[path = "../../../tests/bench-window/src/twenty_year_archive.rs"]
#[allow(dead_code)]
mod twenty_year_archive;

const ROUNDS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    {
        let desk = Desk::with_system_keyring(dir.clone(), "bench");
        desk.start_demo(DemoRecoveryKey::ShowLater)
            .expect("the demonstration (needs a Secret Service: run scripts/bench-qm3.sh)");
    }
    let started = Instant::now();
    let (cases, letters) = twenty_year_archive::grow(&dir).expect("twenty years of cases");
    println!(
        "archive: {cases} cases, {letters} letters (made in {:.1} s)",
        started.elapsed().as_secs_f64()
    );

    let desk = Desk::with_system_keyring(dir, "bench");
    let from = NaiveDate::from_ymd_opt(2007, 1, 1).expect("date");
    let to = desk.home(1).expect("home").today;
    let mut figures = Vec::new();
    let mut pdfs = Vec::new();
    let mut size = 0;
    let mut rows = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        rows = desk.qm3(from, to).expect("report").rows.len();
        figures.push(t.elapsed());
        let t = Instant::now();
        size = desk.qm3_pdf(from, to).expect("signed PDF").len();
        pdfs.push(t.elapsed());
    }
    println!(
        "QM3 report {from} to {to}: {rows} cases; figures alone (case facts + report) median {} (min {})",
        ms(median(figures.clone())),
        ms(*figures.iter().min().expect("runs"))
    );
    println!(
        "QM3 signed PDF ({} KB): median {} (min {}, max {}) over {ROUNDS} runs; budget 2 s",
        size / 1024,
        ms(median(pdfs.clone())),
        ms(*pdfs.iter().min().expect("runs")),
        ms(*pdfs.iter().max().expect("runs"))
    );
}
