//! `scr-desk demo` and `scr-desk letters ...`: the demonstration board, and the letters about a
//! case's finalised decision from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use scr_desk::{demo_profile, Addressing, Desk, DeskError, LetterRequest};
use scr_domain::notices::LetterContent;

use crate::cli::print_out;

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// List the letters issued on a case (newest first).
    List {
        /// The case's reference, e.g. SCR-2026-003.
        #[arg(long = "case", value_name = "REF")]
        reference: String,
    },
    /// Sign and issue letters about the case's latest finalised decision.
    Issue {
        #[arg(long = "case", value_name = "REF")]
        reference: String,
        /// One circular, a personalised copy for each member, or both.
        #[arg(long, value_enum, default_value = "both")]
        to: AddressingArg,
        /// For an update or an outcome notice: a JSON file with the letter's content, e.g.
        /// {"kind":"update","what_changed":"...","reason":"..."}. Default: the decision notice.
        #[arg(long, value_name = "FILE")]
        content: Option<PathBuf>,
        /// Render the first letter to this new PDF file, unsigned, and issue nothing.
        #[arg(long, value_name = "FILE")]
        preview: Option<PathBuf>,
    },
    /// Save an issued letter, byte for byte, to a new file.
    Save {
        /// The letter's number, as `letters list` shows it.
        id: i64,
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AddressingArg {
    Circular,
    Personalised,
    Both,
}

impl From<AddressingArg> for Addressing {
    fn from(value: AddressingArg) -> Addressing {
        match value {
            AddressingArg::Circular => Addressing::Circular,
            AddressingArg::Personalised => Addressing::Personalised,
            AddressingArg::Both => Addressing::Both,
        }
    }
}

pub fn demo(desk: &Desk, json: bool) -> Result<ExitCode, DeskError> {
    let (_, recovery_key) = desk.init(demo_profile())?;
    let shown = recovery_key.display();
    let created = desk.seed_demo()?;
    let report = serde_json::json!({ "recoveryKey": shown.as_str(), "demo": &created });
    Ok(print_out(json, &report, || {
        let mut text = format!(
            "Demonstration board created in {}\n\nBoard: {}\nMembers: {}\n",
            created.data_dir, created.board, created.members
        );
        for decision in &created.decisions {
            text.push_str(&format!("Decision: {decision}\n"));
        }
        text.push_str(&format!("Letters ({}):\n", created.letters.len()));
        for letter in &created.letters {
            text.push_str(&format!("  {letter}\n"));
        }
        text.push_str(&format!(
            "\nRecovery key for this demonstration archive:\n    {}\n\nEverything in it is fictional.",
            shown.as_str()
        ));
        text
    }))
}

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
                addressing: to.into(),
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
    serde_json::from_slice(&bytes).map_err(|error| {
        DeskError::Input(format!(
            "{} is not a letter's content ({error}); see `scr-desk letters issue --help`",
            path.display()
        ))
    })
}
