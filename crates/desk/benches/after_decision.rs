//! The chair's home page ("What needs doing": every case's obligations and the year in figures)
//! and the cases list over a twenty-year archive (1,000 cases, 40,000 letters): the Desk calls the
//! home page and the Cases page make, each timed over several rounds on an archive already open.
//! Prints the figures; nothing is asserted about time (issue 14's budget: obligations ≤ 50 ms).
//!
//! Run: scripts/bench-after-decision.sh (it makes the archive and starts a Secret Service), or
//! `SCR_BENCH_ARCHIVE=DIR cargo bench -p scr-desk --bench after_decision` on an archive made by
//! `scr-desk --data-dir DIR demo` and `twenty-year-archive DIR` in the same keyring session.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use scr_desk::Desk;

const ROUNDS: usize = 15;

fn timed<T>(rounds: usize, mut run: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(rounds);
    let mut last = run();
    for _ in 0..rounds {
        let started = Instant::now();
        last = run();
        times.push(started.elapsed());
    }
    times.sort();
    (times, last)
}

fn print(label: &str, times: &[Duration], what: &str) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: median {:.1} ms (min {:.1}, max {:.1}; {} rounds) {what}",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() {
    let Some(dir) = std::env::var_os("SCR_BENCH_ARCHIVE").map(PathBuf::from) else {
        eprintln!("SCR_BENCH_ARCHIVE is not set: run scripts/bench-after-decision.sh");
        std::process::exit(2);
    };
    let desk = Desk::with_system_keyring(dir, "bench");
    let opened = Instant::now();
    desk.status().expect("the archive opens");
    println!(
        "Archive opened in {:.0} ms",
        opened.elapsed().as_secs_f64() * 1000.0
    );

    let (times, home) = timed(ROUNDS, || desk.home().expect("home"));
    print(
        "Home page (obligations and the year in figures)",
        &times,
        &format!("{} obligations", home.obligations.len()),
    );
    let (times, cases) = timed(ROUNDS, || desk.list_cases(None).expect("cases"));
    print("Cases list", &times, &format!("{} cases", cases.len()));
    let (times, found) = timed(ROUNDS, || desk.list_cases(Some("Child T")).expect("search"));
    print(
        "Cases list searched for \"Child T\"",
        &times,
        &format!("{} cases", found.len()),
    );
}
