//! The chair's home page ("What needs doing": every case's obligations and the year in figures)
//! and the cases list over a twenty-year archive (1,000 cases, 40,000 letters): the Desk calls the
//! home page and the Cases page make, each timed over several rounds on an archive already open.
//! Prints the figures; nothing is asserted about time (the budget: obligations ≤ 50 ms).
//!
//! Run: scripts/bench-after-decision.sh (it makes the archive and starts a Secret Service), or
//! `SCR_BENCH_ARCHIVE=DIR cargo bench -p scr-desk --bench after_decision` on an archive made by
//! `scr-desk --data-dir DIR demo` and `twenty-year-archive DIR` in the same keyring session.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use scr_desk::Desk;

const ROUNDS: usize = 15;

/// The first run's time (the archive just opened: nothing read yet, SQLite's page cache empty
/// and no decision kept), then the sorted times of `rounds` more.
fn timed<T>(rounds: usize, mut run: impl FnMut() -> T) -> (Duration, Vec<Duration>, T) {
    let mut times = Vec::with_capacity(rounds);
    let started = Instant::now();
    let mut last = run();
    let first = started.elapsed();
    for _ in 0..rounds {
        let started = Instant::now();
        last = run();
        times.push(started.elapsed());
    }
    times.sort();
    (first, times, last)
}

fn print(label: &str, (first, times): (Duration, &[Duration]), what: &str) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: first {:.1} ms, then median {:.1} ms (min {:.1}, max {:.1}; {} rounds) {what}",
        ms(first),
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
    let desk = Desk::with_system_keyring(dir.clone(), "bench");
    let opened = Instant::now();
    desk.status().expect("the archive opens");
    println!(
        "Archive opened in {:.0} ms",
        opened.elapsed().as_secs_f64() * 1000.0
    );

    // The app opens the archive ahead of its first screen (Desk::open_ahead) while the window
    // starts: the first home page after that is what a chair waits for. The first opening
    // works the home page out and keeps it in the archive (crates/desk/src/kept_home.rs); the
    // next one, with nothing changed, reads it back.
    for opening in ["works the home page out", "reads the kept home page"] {
        let ahead = Desk::with_system_keyring(dir.clone(), "bench");
        let opened = Instant::now();
        ahead.open_ahead();
        let opening_took = opened.elapsed();
        let (first_screen, _, _) = timed(0, || ahead.first_screen().expect("first screen"));
        let (home_after, _, _) = timed(0, || ahead.home(2).expect("home"));
        println!(
            "Opened ahead ({opening}) in {:.0} ms; the first screen after it: {:.1} ms, then the home page's second page: {:.1} ms",
            opening_took.as_secs_f64() * 1000.0,
            first_screen.as_secs_f64() * 1000.0,
            home_after.as_secs_f64() * 1000.0
        );
    }

    // The second page is never kept: each asking works it out from every case.
    let (first, times, home) = timed(ROUNDS, || desk.home(2).expect("home"));
    print(
        "Home page worked out (its second page of obligations, records due for review, the year in figures)",
        (first, &times),
        &format!(
            "{} obligations, {} records due",
            home.obligations_total,
            home.retention_due.len()
        ),
    );
    let (first, times, _) = timed(ROUNDS, || desk.home(1).expect("home"));
    print("Home page's first page, kept", (first, &times), "");
    // What the window does once the desk has gone unused for a while (src-tauri/src/window.rs).
    let mut after_release = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        std::thread::sleep(Duration::from_millis(20));
        assert!(desk.release_memory_when_idle(Duration::from_millis(10)));
        let started = Instant::now();
        desk.home(2).expect("home");
        after_release.push(started.elapsed());
    }
    let first = after_release[0];
    after_release.sort();
    print(
        "Home page worked out after what was read was given back (page cache, decisions)",
        (first, &after_release),
        "",
    );
    let (first, times, due) = timed(ROUNDS, || desk.retention_due().expect("due"));
    print(
        "Records due for review alone",
        (first, &times),
        &format!("{} due", due.len()),
    );
    let (first, times, cases) = timed(ROUNDS, || desk.list_cases(None).expect("cases"));
    print("Cases list", (first, &times), &format!("{} cases", cases.len()));
    let (first, times, found) = timed(ROUNDS, || desk.list_cases(Some("Child T")).expect("search"));
    print(
        "Cases list searched for \"Child T\"",
        (first, &times),
        &format!("{} cases", found.len()),
    );
}
