//! Runs a number of generated inputs through one parser: the seeds first, then inputs drawn
//! from the parser's strategy with a fixed seed (so a run can be repeated). Each input is
//! timed; a panic is caught, counted and its input kept; an input still running after
//! [`HANG_LIMIT`] is written out and the process stops, since a hang cannot be caught.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::parsers::Target;

/// The time limit per input: slower inputs are counted and reported.
pub const SLOW_INPUT: Duration = Duration::from_secs(2);

/// When set to a file's path, each input is written there before it runs. An input that aborts
/// the process (a failed allocation aborts; it is not a panic and cannot be caught) is found by
/// running the same campaign again with this set: after the abort the file holds it.
pub const CURRENT_INPUT_ENV: &str = "SCR_FUZZ_CURRENT";

/// An input still running after this is taken to hang.
pub const HANG_LIMIT: Duration = Duration::from_secs(60);

/// What a campaign found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub parser: &'static str,
    pub inputs: usize,
    pub panics: usize,
    /// Panics caught inside the parser (around third-party code) and turned into a refusal:
    /// not crashes, but defects of that code, listed too.
    pub contained_panics: usize,
    pub slow_inputs: usize,
    pub slowest: Duration,
    pub slowest_len: usize,
    pub total: Duration,
    /// The first panic messages, with the file each input was kept in.
    pub failures: Vec<String>,
    /// How many inputs ended in each outcome.
    pub outcomes: BTreeMap<String, usize>,
}

impl Report {
    /// One line of figures, as `scripts/fuzz.sh` prints them.
    pub fn summary(&self) -> String {
        format!(
            "{:<11} inputs={} panics={} contained_panics={} over_2s={} slowest={:.1} ms ({} bytes) total={:.1} s peak_rss={}",
            self.parser,
            self.inputs,
            self.panics,
            self.contained_panics,
            self.slow_inputs,
            self.slowest.as_secs_f64() * 1000.0,
            self.slowest_len,
            self.total.as_secs_f64(),
            peak_rss_mib().map_or("unknown".into(), |mib| format!("{mib:.1} MiB")),
        )
    }
}

/// The process's peak resident memory (Linux `VmHWM`), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A panic hook that records the message for the campaign instead of printing it (parsers may
/// panic thousands of times in a bad run); installed once for the whole process.
fn install_quiet_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAMPAIGN_THREAD.with(|flag| flag.get()) {
                let message = format!("{info}");
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

thread_local! {
    static CAMPAIGN_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `inputs` inputs (the seeds included) through `target`, drawn with `seed`. Inputs that
/// panic are written to `keep_dir` when one is given.
pub fn run(target: &Target, inputs: usize, seed: u64, keep_dir: Option<&Path>) -> Report {
    install_quiet_hook();
    CAMPAIGN_THREAD.with(|flag| flag.set(true));
    let mut report = Report {
        parser: target.parser.name(),
        ..Report::default()
    };
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = target.strategy();
    let watchdog = Watchdog::start(target.parser.name(), keep_dir.map(Path::to_owned));
    let current = std::env::var_os(CURRENT_INPUT_ENV).map(PathBuf::from);
    let started = Instant::now();
    for index in 0..inputs {
        let input = match target.seeds().get(index) {
            Some(seed) => seed.clone(),
            None => match strategy.new_tree(&mut runner) {
                Ok(tree) => tree.current(),
                Err(_) => continue,
            },
        };
        watchdog.begin(&input);
        if let Some(path) = &current {
            let _ = std::fs::write(path, &input);
        }
        LAST_PANIC.with(|last| last.borrow_mut().take());
        let began = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target.run(&input)));
        let took = began.elapsed();
        watchdog.end();
        report.inputs += 1;
        if took > report.slowest {
            report.slowest = took;
            report.slowest_len = input.len();
        }
        if took > SLOW_INPUT {
            report.slow_inputs += 1;
            keep(
                keep_dir,
                target.parser.name(),
                "slow",
                index,
                &input,
                &mut report.failures,
                format!("{took:?}"),
            );
        }
        match outcome {
            Ok(outcome) => {
                if let Some(message) = LAST_PANIC.with(|last| last.borrow_mut().take()) {
                    report.contained_panics += 1;
                    keep(
                        keep_dir,
                        target.parser.name(),
                        "contained-panic",
                        index,
                        &input,
                        &mut report.failures,
                        message,
                    );
                }
                *report.outcomes.entry(outcome).or_default() += 1
            }
            Err(_) => {
                report.panics += 1;
                let message = LAST_PANIC
                    .with(|last| last.borrow_mut().take())
                    .unwrap_or_default();
                keep(
                    keep_dir,
                    target.parser.name(),
                    "panic",
                    index,
                    &input,
                    &mut report.failures,
                    message,
                );
            }
        }
    }
    report.total = started.elapsed();
    CAMPAIGN_THREAD.with(|flag| flag.set(false));
    report
}

fn keep(
    dir: Option<&Path>,
    parser: &str,
    kind: &str,
    index: usize,
    input: &[u8],
    failures: &mut Vec<String>,
    message: String,
) {
    let file = dir.map(|dir| {
        let _ = std::fs::create_dir_all(dir);
        let path = dir.join(format!("{parser}-{kind}-{index}.bin"));
        let _ = std::fs::write(&path, input);
        path
    });
    if failures.len() < 20 {
        failures.push(format!(
            "{kind} on input {index} ({} bytes{}): {message}",
            input.len(),
            file.map(|p| format!(", kept in {}", p.display()))
                .unwrap_or_default()
        ));
    }
}

/// The input being run and when it began, shared with the watchdog's thread.
type Running = Arc<Mutex<Option<(Instant, Vec<u8>)>>>;

/// Watches the input being run from another thread; past [`HANG_LIMIT`] it writes the input
/// out and ends the process (a hung parser cannot be interrupted from inside).
struct Watchdog {
    current: Running,
    stop: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(parser: &'static str, keep_dir: Option<PathBuf>) -> Watchdog {
        let current: Running = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let (watched, stopped) = (Arc::clone(&current), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                let hung = watched.lock().ok().and_then(|slot| {
                    slot.as_ref()
                        .filter(|(began, _)| began.elapsed() > HANG_LIMIT)
                        .map(|(_, input)| input.clone())
                });
                if let Some(input) = hung {
                    let dir = keep_dir.clone().unwrap_or_else(std::env::temp_dir);
                    let _ = std::fs::create_dir_all(&dir);
                    let path = dir.join(format!("{parser}-hang.bin"));
                    let _ = std::fs::write(&path, &input);
                    eprintln!(
                        "{parser}: an input ran for more than {HANG_LIMIT:?}; kept in {}",
                        path.display()
                    );
                    std::process::exit(3);
                }
            }
        });
        Watchdog { current, stop }
    }

    fn begin(&self, input: &[u8]) {
        if let Ok(mut slot) = self.current.lock() {
            *slot = Some((Instant::now(), input.to_vec()));
        }
    }

    fn end(&self) {
        if let Ok(mut slot) = self.current.lock() {
            *slot = None;
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
