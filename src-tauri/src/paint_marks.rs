//! Marks of when the window has painted a screen, for `scripts/bench-window.sh` only.
//!
//! Off unless the environment variable `SCR_DESK_PAINT_MARKS` names a file when the app starts.
//! Then the page is told so (one flag set before its scripts run), reports when its first
//! screen and the cases list have been painted with their data, and each report is appended to
//! that file with the reading of the monotonic clock (`CLOCK_MONOTONIC`, the clock the benchmark
//! read when it started the process). In a normal run the flag is never set, the page never
//! calls the command, and a call would do nothing.
//!
//! The blank window the benchmark compares the app with (`tests/bench-window`) uses this same
//! file, so that both are measured the same way.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use serde::Deserialize;

/// The environment variable naming the file the marks go to.
pub const PAINT_MARKS_ENV: &str = "SCR_DESK_PAINT_MARKS";

/// Set before the page's own scripts run, so that it knows to report.
const FLAG_SCRIPT: &str = "Object.defineProperty(window, '__SCR_DESK_PAINT_MARKS__', { value: true });";

/// The screens whose painting is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaintMark {
    /// The first screen, with the board's data (for the blank window: its static page).
    Home,
    /// The cases list, with every case in it.
    Cases,
}

impl PaintMark {
    fn name(self) -> &'static str {
        match self {
            PaintMark::Home => "home",
            PaintMark::Cases => "cases",
        }
    }
}

/// How long after the click that led to a screen it was painted, and its data had arrived.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SinceClick {
    pub painted_ms: Option<f64>,
    pub data_ms: Option<f64>,
}

/// When the first screen's page reached each stage on its way to the paint, in milliseconds on
/// the page's own clock (`performance.now()`, from the start of its navigation): its script
/// running, the archive's status answered, the screen's data answered, and the frame painted.
/// The benchmark prints them so that a slow start can be put down to WebKit, the backend or
/// the page.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageStages {
    pub script_ms: Option<f64>,
    pub status_ms: Option<f64>,
    pub data_ms: Option<f64>,
    pub painted_ms: Option<f64>,
}

#[derive(Debug, Default)]
pub struct PaintMarks {
    file: Option<Mutex<File>>,
}

impl PaintMarks {
    /// On when `SCR_DESK_PAINT_MARKS` names a file that can be created (it must not exist yet).
    pub fn from_env() -> PaintMarks {
        match std::env::var_os(PAINT_MARKS_ENV) {
            Some(path) if !path.is_empty() => PaintMarks::to_file(Path::new(&path)),
            _ => PaintMarks::default(),
        }
    }

    fn to_file(path: &Path) -> PaintMarks {
        match File::options().write(true).create_new(true).open(path) {
            Ok(file) => PaintMarks {
                file: Some(Mutex::new(file)),
            },
            Err(error) => {
                eprintln!(
                    "scr-desk: paint marks are off: cannot create {}: {error}",
                    path.display()
                );
                PaintMarks::default()
            }
        }
    }

    /// The script that tells the page to report, when marks are on.
    pub fn page_flag(&self) -> Option<&'static str> {
        self.file.as_ref().map(|_| FLAG_SCRIPT)
    }

    /// Appends `<mark> <monotonic ns>`, then, when the page gave them, `since_click=<ms>` (how
    /// long after the click that led there), `data_since_click=<ms>` (when the screen's data had
    /// come back from the backend, so that the benchmark can tell the backend's share from the
    /// page's), `click_at=<x>,<y>` (where the benchmark clicks next, in CSS pixels) and the
    /// page's stages (`script_at=<ms>` and so on, see [`PageStages`]).
    pub fn record(
        &self,
        mark: PaintMark,
        since_click: SinceClick,
        click_at: Option<[f64; 2]>,
        stages: PageStages,
    ) {
        let Some(file) = &self.file else { return };
        let Some(now) = monotonic_ns() else { return };
        let mut line = format!("{} {now}", mark.name());
        for (key, ms) in [
            ("since_click", since_click.painted_ms),
            ("data_since_click", since_click.data_ms),
            ("script_at", stages.script_ms),
            ("status_at", stages.status_ms),
            ("data_at", stages.data_ms),
            ("painted_at", stages.painted_ms),
        ] {
            if let Some(ms) = ms.filter(|ms| ms.is_finite() && *ms >= 0.0) {
                line.push_str(&format!(" {key}={ms:.3}"));
            }
        }
        if let Some([x, y]) = click_at.filter(|at| at.iter().all(|v| v.is_finite() && *v >= 0.0)) {
            line.push_str(&format!(" click_at={x:.0},{y:.0}"));
        }
        line.push('\n');
        if let Ok(mut file) = file.lock() {
            if let Err(error) = file.write_all(line.as_bytes()) {
                eprintln!("scr-desk: cannot write a paint mark: {error}");
            }
        }
    }
}

#[cfg(unix)]
fn monotonic_ns() -> Option<u128> {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    let seconds = u128::try_from(now.tv_sec).ok()?;
    let nanos = u128::try_from(now.tv_nsec).ok()?;
    Some(seconds * 1_000_000_000 + nanos)
}

#[cfg(not(unix))]
fn monotonic_ns() -> Option<u128> {
    None
}

/// Benchmark only: see the module's comment.
#[tauri::command]
pub fn record_paint_mark(
    marks: tauri::State<'_, PaintMarks>,
    mark: PaintMark,
    since_click: SinceClick,
    click_at: Option<[f64; 2]>,
    stages: Option<PageStages>,
) {
    marks.record(mark, since_click, click_at, stages.unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The home page painted, with no timings or stages.
    fn record_a_bare_home_mark(marks: &PaintMarks) {
        marks.record(
            PaintMark::Home,
            SinceClick::default(),
            None,
            PageStages::default(),
        );
    }

    #[test]
    fn off_without_a_file_and_records_nothing() {
        let marks = PaintMarks::default();
        assert_eq!(marks.page_flag(), None);
        record_a_bare_home_mark(&marks);
    }

    #[test]
    fn records_each_mark_with_the_monotonic_clock_and_the_time_since_the_click() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("marks");
        let marks = PaintMarks::to_file(&path);
        assert!(marks.page_flag().is_some());
        let before = monotonic_ns().expect("clock");
        let stages = PageStages {
            script_ms: Some(41.25),
            status_ms: Some(60.0),
            data_ms: None,
            painted_ms: Some(f64::INFINITY),
        };
        marks.record(
            PaintMark::Home,
            SinceClick::default(),
            Some([120.4, 80.6]),
            stages,
        );
        let listed = SinceClick {
            painted_ms: Some(123.4567),
            data_ms: Some(100.0),
        };
        marks.record(PaintMark::Cases, listed, None, PageStages::default());
        let nonsense = SinceClick {
            painted_ms: Some(f64::NAN),
            data_ms: Some(-3.0),
        };
        marks.record(
            PaintMark::Cases,
            nonsense,
            Some([-1.0, 5.0]),
            PageStages::default(),
        );
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[0][0], "home");
        assert_eq!(
            lines[0][2..],
            ["script_at=41.250", "status_at=60.000", "click_at=120,81"],
            "stages the page did not reach, or reached at no finite time, are left out"
        );
        let at: u128 = lines[0][1].parse().expect("ns");
        assert!(at >= before && at - before < 60_000_000_000, "{at} vs {before}");
        assert_eq!(
            lines[1],
            [
                "cases",
                lines[1][1],
                "since_click=123.457",
                "data_since_click=100.000"
            ]
        );
        assert_eq!(
            lines[2].len(),
            2,
            "times that are not a number or negative and a place off the window are left out"
        );
    }

    #[test]
    fn an_existing_file_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("marks");
        std::fs::write(&path, "kept").expect("write");
        let marks = PaintMarks::to_file(&path);
        assert_eq!(marks.page_flag(), None);
        record_a_bare_home_mark(&marks);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "kept");
    }

    #[test]
    fn the_page_names_marks_in_snake_case() {
        let mark: PaintMark = serde_json::from_str("\"cases\"").expect("cases");
        assert_eq!(mark, PaintMark::Cases);
        assert!(serde_json::from_str::<PaintMark>("\"blank\"").is_err());
        let since: SinceClick =
            serde_json::from_str(r#"{"paintedMs": 12.5, "dataMs": null}"#).expect("since");
        assert_eq!((since.painted_ms, since.data_ms), (Some(12.5), None));
        let stages: PageStages =
            serde_json::from_str(r#"{"scriptMs": 3.5, "paintedMs": 9}"#).expect("stages");
        assert_eq!(
            (stages.script_ms, stages.status_ms, stages.painted_ms),
            (Some(3.5), None, Some(9.0))
        );
    }
}
