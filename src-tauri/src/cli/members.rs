//! `scr-desk members ...`: the board register from the command line. The import prints the same
//! per-line report as the app's preview and applies nothing while any problem remains.

use std::process::ExitCode;

use scr_desk::{Desk, DeskError, ImportPreviewView};
use scr_domain::register::dates::long_date;
use scr_domain::register::{MemberStatus, RegisterEntry};

use super::args::MembersCommand;
use super::output::print_out;

pub fn run(desk: &Desk, command: MembersCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        MembersCommand::List { at, all } => {
            let mut view = desk.register_at(at)?;
            if !all {
                view.entries.retain(|e| e.status == MemberStatus::Active);
            }
            Ok(print_out(json, &view, || list_text(&view.entries, view.at, all)))
        }
        MembersCommand::Import {
            file,
            dry_run,
            skip_lines,
        } => {
            let bytes = scr_desk::read_input_file(&file, scr_desk::MAX_IMPORT_BYTES as u64)?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let view = desk.preview_import(&name, &bytes, &skip_lines)?;
            let done = if view.can_import && !dry_run {
                Some(desk.confirm_import(&name, &bytes, &skip_lines, &view.token)?)
            } else {
                None
            };
            let report = serde_json::json!({ "preview": view, "imported": done });
            print_out(json, &report, || {
                let mut text = import_report(&view);
                match (&done, view.can_import) {
                    (Some(done), _) => text.push_str(&format!(
                        "\nImported: {} added, {} updated, {} unchanged.",
                        done.added, done.updated, done.unchanged
                    )),
                    (None, true) => text.push_str("\nDry run: nothing was changed."),
                    (None, false) => text.push_str(&format!(
                        "\nNothing was imported. Correct the file, or leave the rows out with {}, and run again.",
                        view.problem_lines
                            .iter()
                            .map(|line| format!("--skip-line {line}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )),
                }
                text
            });
            Ok(if view.can_import {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        MembersCommand::Export { file, at } => {
            let exported = desk.export_register(&file, at)?;
            Ok(print_out(json, &exported, || {
                format!(
                    "{} members serving on {} written to {}.",
                    exported.members,
                    long_date(exported.at),
                    exported.path
                )
            }))
        }
    }
}

fn list_text(entries: &[RegisterEntry], at: chrono::NaiveDate, all: bool) -> String {
    let mut text = format!("The register on {}: {} member(s)\n", long_date(at), entries.len());
    for entry in entries {
        let d = &entry.details;
        let status = match entry.status {
            MemberStatus::Active => String::new(),
            MemberStatus::Left => " [left]".to_owned(),
            MemberStatus::NotStarted => format!(" [starts {}]", long_date(d.term_start)),
        };
        text.push_str(&format!(
            "  {} <{}>, {}, {}, {}{status}\n",
            d.name,
            d.email,
            d.role,
            d.agency,
            d.voting.label().to_lowercase()
        ));
    }
    if !all {
        text.push_str("(members serving on that date; --all lists everyone recorded)");
    }
    text.trim_end().to_owned()
}

/// The preview as text: how the file was read, the columns, then each row by line.
pub fn import_report(view: &ImportPreviewView) -> String {
    let preview = &view.preview;
    let mut out = format!(
        "{}: {}\n\nColumns (header on line {}):\n",
        view.file_name, view.format, preview.header_line
    );
    for column in &preview.columns {
        out.push_str(&format!(
            "  {:>2}  {:<28} -> {}\n",
            column.column,
            column.header,
            column.field_label.as_deref().unwrap_or("not imported")
        ));
    }
    for assumption in &preview.assumptions {
        out.push_str(&format!("  note: {assumption}\n"));
    }
    if !preview.additions.is_empty() {
        out.push_str(&format!("\nTo add ({}):\n", preview.additions.len()));
        for added in &preview.additions {
            let d = &added.details;
            out.push_str(&format!(
                "  line {:<4} {} <{}>, {}, {}\n",
                added.line, d.name, d.email, d.role, d.agency
            ));
        }
    }
    if !preview.updates.is_empty() {
        out.push_str(&format!("\nTo update ({}):\n", preview.updates.len()));
        for update in &preview.updates {
            let changes: Vec<String> = update
                .changes
                .iter()
                .map(|c| format!("{}: “{}” → “{}”", c.field, c.from, c.to))
                .collect();
            out.push_str(&format!(
                "  line {:<4} {}: {}\n",
                update.line,
                update.name,
                changes.join("; ")
            ));
        }
    }
    if !preview.unchanged.is_empty() {
        let lines: Vec<String> = preview.unchanged.iter().map(|u| u.line.to_string()).collect();
        out.push_str(&format!(
            "\nAlready in the register, unchanged: line {}\n",
            lines.join(", ")
        ));
    }
    if !preview.new_agencies.is_empty() {
        out.push_str(&format!(
            "\nNew agencies for the list: {}\n",
            preview.new_agencies.join(", ")
        ));
    }
    if !preview.excluded_lines.is_empty() {
        let lines: Vec<String> = preview.excluded_lines.iter().map(usize::to_string).collect();
        out.push_str(&format!("\nLeft out: line {}\n", lines.join(", ")));
    }
    if !preview.problems.is_empty() {
        out.push_str(&format!("\nProblems ({}):\n", preview.problems.len()));
        for problem in &preview.problems {
            let column = problem
                .column
                .as_deref()
                .map(|c| format!("{c}: "))
                .unwrap_or_default();
            out.push_str(&format!(
                "  line {:<4} {column}{}\n",
                problem.line, problem.message
            ));
        }
    }
    out.trim_end().to_owned()
}
