//! The command line: everything a board's IT department would script, without a window.
//! Exit codes: 0 success, 1 the operation or check failed, 2 usage error (clap's own).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use scr_desk::ipc::IpcError;
use scr_desk::Desk;

#[derive(Debug, Parser)]
#[command(
    name = "scr-desk",
    version,
    about = "SCR Decision Desk: decisions on Serious Case Reviews, told to every board member.",
    long_about = "SCR Decision Desk: decisions on Serious Case Reviews, told to every board member.\n\n\
                  Without a command it opens the desktop app. With one, it runs without a window."
)]
pub struct Args {
    /// The folder that holds the encrypted archive (default: the platform's app-data folder,
    /// or $SCR_DESK_DATA_DIR when set).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the archive (creating it on first use) and show the board it belongs to.
    Status {
        /// Print JSON for scripts instead of text.
        #[arg(long)]
        json: bool,
    },
}

impl Args {
    pub fn json(&self) -> bool {
        matches!(self.command, Some(Command::Status { json: true }))
    }
}

pub fn run(command: Command, data_dir: PathBuf) -> ExitCode {
    let desk = Desk::with_system_keyring(data_dir);
    match command {
        Command::Status { json } => match desk.status() {
            Ok(status) if json => print_json(&status),
            Ok(status) => {
                println!("SCR Decision Desk {}", status.version);
                println!("Archive: {}", status.data_dir);
                match status.board {
                    Some(board) => println!("Board:   {} ({})", board.name, board.area),
                    None => println!("Board:   not set up yet"),
                }
                ExitCode::SUCCESS
            }
            Err(error) => report_failure(&error.into(), json),
        },
    }
}

fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("scr-desk: cannot write JSON: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Errors go to stderr: the message, what to do, and the stable code for scripts.
pub fn report_failure(error: &IpcError, json: bool) -> ExitCode {
    if json {
        if let Ok(text) = serde_json::to_string_pretty(error) {
            eprintln!("{text}");
        }
    } else {
        eprintln!("scr-desk: {} [{}]", error.message, error.code.as_str());
        if let Some(cause) = error.details.as_ref().and_then(|details| details.cause.as_ref()) {
            eprintln!("  cause: {cause}");
        }
    }
    ExitCode::FAILURE
}
