//! The command line: everything a board's IT department would script, without a window.
//! Exit codes: 0 success, 1 the operation or check failed, 2 usage error (clap's own).
//! Secrets (recovery key, passphrase) are read from standard input, never from arguments,
//! which other users can see in the process list.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zeroize::Zeroizing;

use scr_desk::ipc::IpcError;
use scr_desk::{BackupUnlock, BoardProfile, Desk, DeskError};

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

    /// Print JSON for scripts instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new archive for a board; prints the recovery key once (or writes it to a file).
    Init {
        /// The board's name as it appears on letters.
        #[arg(long, value_name = "NAME")]
        board_name: String,
        /// The area the board covers (default: the board's name without "Safeguarding Children Board").
        #[arg(long, value_name = "AREA")]
        area: Option<String>,
        /// Write the recovery key to this new file (readable by you alone) instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
    },
    /// Open the archive (creating it on first use) and show the board it belongs to.
    Status,
    /// Open the archive with the recovery key (read from standard input) and put a new key in
    /// the system keyring.
    Recover,
    /// Check the archive: SQLCipher's page authentication, the database structure and the audit
    /// trail. Exit code 0 only when all are intact.
    Check,
    /// Write an encrypted backup that the recovery key (or --passphrase-stdin) opens.
    Backup {
        /// The backup file to create (never overwritten).
        file: PathBuf,
        /// Also let a passphrase, read from standard input, open this backup.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Open a backup somewhere temporary and check it, without restoring anything.
    VerifyBackup {
        file: PathBuf,
        /// Read the backup's passphrase, not the recovery key, from standard input.
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Restore a backup into the data folder; the recovery key is read from standard input.
    Restore {
        file: PathBuf,
        /// Read the backup's passphrase, not the recovery key, from standard input.
        #[arg(long)]
        passphrase_stdin: bool,
        /// Replace an archive already in the folder (it is kept in a dated folder beside it).
        #[arg(long)]
        replace_existing: bool,
    },
    /// Let a passphrase (read from standard input) open the archive as well as the recovery key.
    SetPassphrase,
    /// The board register: list it, import members from a spreadsheet, export it.
    #[command(subcommand)]
    Members(MembersCommand),
    /// Write everything in the archive, DECRYPTED, to a new folder. Needs --yes.
    Export {
        dir: PathBuf,
        /// Confirm that a decrypted copy of the archive should be written.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List the members serving on a date (today unless --at), or with --all everyone ever recorded.
    List {
        /// The date the register is drawn up for (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        at: Option<chrono::NaiveDate>,
        /// Include members who had left, or not yet started, on that date.
        #[arg(long)]
        all: bool,
    },
    /// Import members from a .csv or .xlsx file: prints what would be added or updated and every
    /// problem by line; applies nothing (and exits 1) if there is any problem.
    Import {
        file: PathBuf,
        /// Show the report only; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Leave out the row starting on this line of the file (repeatable).
        #[arg(long = "skip-line", value_name = "LINE")]
        skip_lines: Vec<usize>,
    },
    /// Write the members serving on a date (today unless --at) to a new .csv or .xlsx file.
    Export {
        /// The file to create; its extension (.csv or .xlsx) says the format. Never overwritten.
        file: PathBuf,
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        at: Option<chrono::NaiveDate>,
    },
}

fn parse_cli_date(text: &str) -> Result<chrono::NaiveDate, String> {
    scr_domain::register::parse_date(text)
}

pub fn run(command: Command, data_dir: PathBuf, json: bool) -> ExitCode {
    let desk = Desk::with_system_keyring(data_dir, "cli");
    let result = match command {
        Command::Init {
            board_name,
            area,
            recovery_key_out,
        } => init(&desk, &board_name, area, recovery_key_out, json),
        Command::Status => desk.status().map(|status| {
            print_out(json, &status, || match &status.board {
                Some(board) => format!(
                    "Archive: {}\nBoard:   {} ({})",
                    status.data_dir, board.name, board.area
                ),
                None => format!("Archive: {}\nBoard:   not set up yet", status.data_dir),
            })
        }),
        Command::Recover => read_secret("Recovery key: ").and_then(|key| {
            desk.recover(&key).map(|status| {
                print_out(json, &status, || {
                    "The archive is open again, and a new key is in the system keyring.".to_owned()
                })
            })
        }),
        Command::Check => desk.check().map(|report| {
            print_out(json, &report, || report.summary.clone());
            if report.clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
        Command::Backup {
            file,
            passphrase_stdin,
        } => optional_secret(passphrase_stdin, "Backup passphrase: ")
            .and_then(|passphrase| desk.backup(&file, passphrase.as_deref().map(String::as_str)))
            .map(|summary| {
                print_out(json, &summary, || {
                    format!(
                        "Backup written to {} ({} bytes).",
                        summary.path.display(),
                        summary.bytes
                    )
                })
            }),
        Command::VerifyBackup {
            file,
            passphrase_stdin,
        } => with_backup_unlock(passphrase_stdin, |unlock| scr_desk::verify_backup(&file, unlock)).map(
            |report| {
                print_out(json, &report, || {
                    format!("Backup of {}: {}", report.created_at, report.check.summary())
                });
                if report.check.is_clean() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            },
        ),
        Command::Restore {
            file,
            passphrase_stdin,
            replace_existing,
        } => with_backup_unlock(passphrase_stdin, |unlock| {
            desk.restore(&file, unlock, replace_existing)
        })
        .map(|status| {
            print_out(json, &status, || {
                format!(
                    "Restored into {}; a new key is in the system keyring.",
                    status.data_dir
                )
            })
        }),
        Command::SetPassphrase => read_secret("New passphrase: ")
            .and_then(|passphrase| desk.set_passphrase(&passphrase))
            .map(|()| {
                print_out(json, &serde_json::json!({ "passphrase": "set" }), || {
                    "The passphrase can now open this archive and its new backups.".to_owned()
                })
            }),
        Command::Export { dir, yes } => export(&desk, &dir, yes, json),
        Command::Members(command) => crate::members_cli::run(&desk, command, json),
    };
    result.unwrap_or_else(|error| report_failure(&error.into(), json))
}

fn init(
    desk: &Desk,
    board_name: &str,
    area: Option<String>,
    recovery_key_out: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let area = area.unwrap_or_else(|| scr_domain::board::area_from_board_name(board_name));
    if let Some(path) = &recovery_key_out {
        if path.exists() {
            return Err(DeskError::file_exists(path));
        }
    }
    let (status, recovery_key) = desk.init(BoardProfile {
        name: board_name.to_owned(),
        area,
    })?;
    let shown = recovery_key.display();
    match &recovery_key_out {
        Some(path) => {
            if let Err(error) = write_owner_only(path, &shown) {
                eprintln!(
                    "scr-desk: the archive was created, but the recovery key could not be written to {}: {error}",
                    path.display()
                );
                eprintln!(
                    "Write this recovery key down now; it will not be shown again:\n{}",
                    shown.as_str()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
        None if !json => {
            println!("Archive created in {}", status.data_dir);
            println!();
            println!("Recovery key (shown once; keep it somewhere safe, away from this computer):");
            println!();
            println!("    {}", shown.as_str());
            println!();
            println!("Without it, the archive cannot be opened if this computer's keyring is lost.");
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }
    let key_json = if recovery_key_out.is_some() {
        None
    } else {
        Some(shown.as_str())
    };
    Ok(print_out(
        json,
        &serde_json::json!({ "status": status, "recoveryKey": key_json }),
        || {
            format!(
                "Archive created in {}; recovery key written to the file.",
                status.data_dir
            )
        },
    ))
}

fn export(desk: &Desk, dir: &std::path::Path, yes: bool, json: bool) -> Result<ExitCode, DeskError> {
    if !yes {
        eprintln!(
            "scr-desk: an export writes the archive DECRYPTED to {}. It may hold special category \
             data about children. Run again with --yes to confirm.",
            dir.display()
        );
        return Ok(ExitCode::from(2));
    }
    let summary = desk.export(dir)?;
    Ok(print_out(json, &summary, || {
        format!(
            "Decrypted export written to {} ({}). Delete it securely when it is no longer needed.",
            summary.dir.display(),
            summary.files.join(", ")
        )
    }))
}

fn with_backup_unlock<T>(
    passphrase: bool,
    action: impl FnOnce(BackupUnlock<'_>) -> Result<T, DeskError>,
) -> Result<T, DeskError> {
    if passphrase {
        let text = read_secret("Backup passphrase: ")?;
        action(BackupUnlock::Passphrase(text.as_str()))
    } else {
        let typed = read_secret("Recovery key: ")?;
        let key = scr_desk::RecoveryKey::parse(&typed)?;
        action(BackupUnlock::RecoveryKey(&key))
    }
}

fn optional_secret(wanted: bool, prompt: &str) -> Result<Option<Zeroizing<String>>, DeskError> {
    if wanted {
        read_secret(prompt).map(Some)
    } else {
        Ok(None)
    }
}

/// One line from standard input; a prompt only when a person is typing.
fn read_secret(prompt: &str) -> Result<Zeroizing<String>, DeskError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
    }
    let mut line = Zeroizing::new(String::new());
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|error| DeskError::Input(format!("cannot read standard input: {error}")))?;
    let trimmed = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
    if trimmed.is_empty() {
        return Err(DeskError::Input(format!(
            "nothing was given on standard input; pipe it in, e.g. `scr-desk ... < file` ({})",
            prompt.trim_end_matches([' ', ':'])
        )));
    }
    Ok(trimmed)
}

fn write_owner_only(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    writeln!(file, "SCR Decision Desk recovery key")?;
    writeln!(file, "{text}")?;
    file.sync_all()
}

pub(crate) fn print_out(
    json: bool,
    value: &impl serde::Serialize,
    text: impl FnOnce() -> String,
) -> ExitCode {
    if json {
        match serde_json::to_string_pretty(value) {
            Ok(encoded) => println!("{encoded}"),
            Err(error) => {
                eprintln!("scr-desk: cannot write JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        println!("{}", text());
    }
    ExitCode::SUCCESS
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
