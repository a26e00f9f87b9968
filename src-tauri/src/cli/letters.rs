//! `scr-desk letters ...`: the letters about a case's finalised decision from the command line.

use std::process::ExitCode;

use scr_desk::{Desk, DeskError, LetterRequest};
use scr_domain::notices::LetterContent;

use super::args::LettersCommand;
use super::output::print_out;

pub fn run(desk: &Desk, command: LettersCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        LettersCommand::List { reference } => {
            let letters = desk.case_letters(desk.case_id_for(&reference)?)?;
            Ok(print_out(json, &letters, || {
                if letters.is_empty() {
                    return format!("No letters have been issued on {reference}.");
                }
                letters
                    .iter()
                    .map(|l| {
                        format!(
                            "{:>5}  {}  {} to {}  ({} bytes, SHA-256 {})",
                            l.letter.id,
                            l.letter.created_at,
                            l.kind_label,
                            l.recipient_label,
                            l.letter.size,
                            l.letter.sha256
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }))
        }
        LettersCommand::Issue {
            reference,
            to,
            content,
            preview,
        } => {
            let content = match content {
                None => LetterContent::DecisionNotice,
                Some(path) => read_content(&path)?,
            };
            let request = LetterRequest {
                case_id: desk.case_id_for(&reference)?,
                decision_version: None,
                content,
                addressing: to,
                signer_ids: Vec::new(),
            };
            if let Some(path) = preview {
                let written = desk.write_preview(&request, &path)?;
                return Ok(print_out(json, &written, || {
                    format!(
                        "Preview ({}, unsigned) written to {}",
                        written.shown, written.path
                    )
                }));
            }
            let issued = desk.issue_letters(&request)?;
            Ok(print_out(json, &issued, || {
                format!(
                    "Issued {} signed letter(s) on {reference}; `scr-desk letters list --case {reference}` lists them.",
                    issued.len()
                )
            }))
        }
        LettersCommand::Save { id, file } => {
            let saved = desk.save_issued_letter(id, &file)?;
            Ok(print_out(json, &saved, || {
                format!("Letter {id} written to {}", saved.path)
            }))
        }
    }
}

fn read_content(path: &std::path::Path) -> Result<LetterContent, DeskError> {
    let bytes = scr_desk::read_input_file(path, scr_desk::MAX_CONTENT_FILE_BYTES)?;
    serde_json::from_slice(&bytes).map_err(|error| DeskError::LetterContentUnreadable {
        path: path.to_owned(),
        reason: error.to_string(),
    })
}
