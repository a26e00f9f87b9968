//! `scr-desk frameworks`: the frameworks a case can be decided under, and the board's own
//! framework files that were refused (exit code 1 when there is any), for IT to check a file
//! before the chair opens the app.

use std::fmt::Write;
use std::process::ExitCode;

use scr_desk::{Desk, FrameworksView};

use super::output::print_out;

pub fn run(desk: &Desk, json: bool) -> ExitCode {
    let view = desk.frameworks_view();
    let printed = print_out(json, &view, || text(&view));
    if view.problems.is_empty() {
        printed
    } else {
        ExitCode::FAILURE
    }
}

fn text(view: &FrameworksView) -> String {
    let mut out = String::from("Frameworks available:\n");
    for framework in &view.frameworks {
        let origin = if framework.builtin {
            "built in"
        } else {
            "the board's own"
        };
        let _ = writeln!(
            out,
            "  {} {}  {} ({origin})",
            framework.id, framework.version, framework.title
        );
    }
    if view.problems.is_empty() {
        let _ = write!(out, "Board framework files go in {}.", view.folder);
    } else {
        let _ = writeln!(out, "Framework files refused (in {}):", view.folder);
        for problem in &view.problems {
            let at = match (problem.line, problem.column) {
                (Some(line), Some(column)) => format!(", line {line}, column {column}"),
                (Some(line), None) => format!(", line {line}"),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}{at}: {}", problem.file, problem.reason);
        }
        out.push_str("Correct each file and run this again; the app uses the built-in frameworks meanwhile.");
    }
    out
}
