//! The command line: everything a board's IT department would script, without a window.
//! Exit codes: 0 success, 1 the operation or check failed, 2 usage error (clap's own).
//! Secrets (recovery key, passphrase) are read from standard input, never from arguments,
//! which other users can see in the process list.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zeroize::Zeroizing;

use crate::secrets;

use scr_desk::ipc::IpcError;
use scr_desk::{
    BackupUnlock, BoardProfile, Desk, DeskError, LetterVerification, SigningSetupInput, SigningStatus,
};

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
        /// Also set up signing: the chair's name for their signing certificate.
        #[arg(long, value_name = "NAME", requires = "chair_role")]
        chair_name: Option<String>,
        /// The chair's role, e.g. "Independent Chair" (with --chair-name).
        #[arg(long, value_name = "ROLE", requires = "chair_name")]
        chair_role: Option<String>,
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
    /// Replacing an earlier passphrase gives the archive a new key, and a new recovery key.
    SetPassphrase {
        /// Write the new recovery key (if the archive is re-keyed) to this new file instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
    },
    /// Replace the recovery key (say, after it may have been seen): the archive gets a new key, and
    /// the old recovery key no longer opens it. Backups made before still open with the old key.
    NewRecoveryKey {
        /// Write the new recovery key to this new file (readable by you alone) instead of printing it.
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
        /// Keep the passphrase: read it from standard input (without this a passphrase is removed).
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The board's signing identity: its certificate authority and the chair's signing key.
    #[command(subcommand)]
    Signing(SigningCommand),
    /// The board's certificate, which members trust once to check its letters.
    #[command(subcommand)]
    Certificate(CertificateCommand),
    /// Check a signed letter: intact, who signed it and when, whether it chains to this board's
    /// certificate, and whether it is the letter the archive recorded. Exit code 0 only for a
    /// valid, unchanged letter signed with this board's certificate.
    Verify {
        /// The letter (PDF).
        file: PathBuf,
        /// Check against this board certificate (.pem or .cer) instead of the archive; the
        /// archive is then not opened at all.
        #[arg(long, value_name = "CERT")]
        trust: Option<PathBuf>,
    },
    /// The board register: list it, import members from a spreadsheet, export it.
    #[command(subcommand)]
    Members(MembersCommand),
    /// Create a demonstration board in a new data folder: fictional members, a finalised
    /// decision about "Child T" and its signed letters. Prints what it created.
    Demo,
    /// Letters about a case's finalised decision: list them, issue them, save one.
    #[command(subcommand)]
    Letters(crate::letters_cli::LettersCommand),
    /// List the frameworks a case can be decided under, and any of the board's framework files
    /// (in <data dir>/frameworks) that were refused, with the line and reason. Exit code 1 when
    /// a file was refused.
    Frameworks,
    /// Write everything in the archive, DECRYPTED, to a new folder. Needs --yes.
    Export {
        dir: PathBuf,
        /// Confirm that a decrypted copy of the archive should be written.
        #[arg(long)]
        yes: bool,
    },
    // Distribution (issue 7)
    /// The board's settings kept outside the register: the mail server, the timestamp authority.
    #[command(subcommand)]
    Settings(crate::mail_cli::SettingsCommand),
    /// Send a decision's letters by email to every member in post who has not had them.
    /// Exit code 1 if any failed or is uncertain.
    Send {
        /// The case reference, e.g. SCR-2026-003.
        #[arg(long, value_name = "REF")]
        decision: String,
        /// List who would get which letter; change and send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The delivery log of a decision against the members in post on its date: anyone not told
    /// is listed first.
    Deliveries {
        #[arg(long, value_name = "REF")]
        decision: String,
    },
    /// Record that a member acknowledged a decision's letter.
    Acknowledge {
        #[arg(long, value_name = "REF")]
        decision: String,
        /// The member's email address as in the register.
        #[arg(long, value_name = "EMAIL")]
        member: String,
        /// When they acknowledged (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// How, e.g. "Email reply" or "Phone call".
        #[arg(long, value_name = "HOW")]
        how: Option<String>,
    },
    /// Remind members who have not acknowledged after the board's number of working days.
    Remind {
        #[arg(long, value_name = "REF")]
        decision: String,
    },
    /// Write the letters of members who take them by secure export (or post) to a new folder
    /// inside DIR, with index.csv.
    ExportLetters {
        #[arg(long, value_name = "REF")]
        decision: String,
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    // Records governance (issue 17)
    /// Retention: what is due for review, legal holds, disposal with a certificate.
    #[command(subcommand)]
    Retention(crate::retention_cli::RetentionCommand),
}

#[derive(Debug, Subcommand)]
pub enum SigningCommand {
    /// Create the board's certificate authority and the chair's signing certificate.
    SetUp {
        #[arg(long, value_name = "NAME")]
        chair_name: String,
        /// e.g. "Independent Chair".
        #[arg(long, value_name = "ROLE")]
        chair_role: String,
    },
    /// Add a further signer for joint sign-off (e.g. a safeguarding partner).
    AddSigner {
        /// What the signer stands for, e.g. "police".
        #[arg(long, value_name = "LABEL")]
        label: String,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "ROLE")]
        role: String,
    },
    /// Show the board's certificate and the signers.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// Write the board's certificate to a new file: .pem (text) or .cer (binary, for Windows).
    Export { file: PathBuf },
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

fn parse_cli_date(text: &str) -> Result<chrono::NaiveDate, scr_domain::DomainError> {
    scr_domain::register::parse_date(text)
}

pub fn run(command: Command, data_dir: PathBuf, json: bool) -> ExitCode {
    let desk = Desk::with_system_keyring(data_dir, "cli");
    let result = match command {
        Command::Init {
            board_name,
            area,
            recovery_key_out,
            chair_name,
            chair_role,
        } => {
            let chair = chair_name
                .zip(chair_role)
                .map(|(chair_name, chair_role)| SigningSetupInput {
                    chair_name,
                    chair_role,
                });
            init(&desk, &board_name, area, recovery_key_out, chair, json)
        }
        Command::Signing(command) => signing(&desk, command, json),
        Command::Certificate(CertificateCommand::Export { file }) => {
            desk.export_board_certificate(&file).map(|exported| {
                print_out(json, &exported, || {
                    format!(
                        "The board's certificate was written to {}.\nSHA-256 fingerprint: {}",
                        exported.path, exported.fingerprint_grouped
                    )
                })
            })
        }
        Command::Verify { file, trust } => verify(&desk, &file, trust.as_deref(), json),
        Command::Status => desk.status().map(|status| {
            print_out(json, &status, || match &status.board {
                Some(board) => format!(
                    "Archive: {}\nBoard:   {} ({})",
                    status.data_dir, board.name, board.area
                ),
                None => format!("Archive: {}\nBoard:   not set up yet", status.data_dir),
            })
        }),
        Command::Recover => secrets::read_text("Recovery key: ").and_then(|key| {
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
        Command::SetPassphrase { recovery_key_out } => {
            crate::keys_cli::set_passphrase(&desk, recovery_key_out.as_deref(), json)
        }
        Command::NewRecoveryKey {
            recovery_key_out,
            passphrase_stdin,
        } => crate::keys_cli::new_recovery_key(&desk, passphrase_stdin, recovery_key_out.as_deref(), json),
        Command::Export { dir, yes } => export(&desk, &dir, yes, json),
        Command::Members(command) => crate::members_cli::run(&desk, command, json),
        Command::Demo => crate::letters_cli::demo(&desk, json),
        Command::Letters(command) => crate::letters_cli::run(&desk, command, json),
        Command::Frameworks => Ok(crate::frameworks_cli::run(&desk, json)),
        Command::Settings(command) => crate::mail_cli::settings(&desk, command, json),
        Command::Send { decision, dry_run } => crate::mail_cli::send(&desk, &decision, dry_run, json),
        Command::Deliveries { decision } => crate::mail_cli::deliveries(&desk, &decision, json),
        Command::Acknowledge {
            decision,
            member,
            date,
            how,
        } => crate::mail_cli::acknowledge(&desk, &decision, &member, date, how, json),
        Command::Remind { decision } => crate::mail_cli::remind(&desk, &decision, json),
        Command::ExportLetters { decision, dir } => {
            crate::mail_cli::export_letters(&desk, &decision, &dir, json)
        }
        Command::Retention(command) => crate::retention_cli::run(&desk, command, json),
    };
    result.unwrap_or_else(|error| report_failure(&error.into(), json))
}

fn init(
    desk: &Desk,
    board_name: &str,
    area: Option<String>,
    recovery_key_out: Option<PathBuf>,
    chair: Option<SigningSetupInput>,
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
    // The archive exists now: whatever happens to signing, the recovery key must be shown.
    let signing = chair.map(|chair| desk.set_up_signing(chair));
    let signing_failed = match &signing {
        Some(Err(error)) => {
            report_failure(&error.into(), json);
            eprintln!("scr-desk: the archive was created, but signing was not set up; run `scr-desk signing set-up`.");
            true
        }
        _ => false,
    };
    let signing = signing.and_then(Result::ok);
    let exit = if signing_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    match &recovery_key_out {
        Some(path) => {
            if let Err(error) = crate::keys_cli::write_key_file(path, &shown) {
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
            let mut text = Zeroizing::new(format!(
                "Archive created in {}\n\n\
                 Recovery key (shown once; keep it somewhere safe, away from this computer):\n\n    {}\n\n\
                 Without it, the archive cannot be opened if this computer's keyring is lost.",
                status.data_dir,
                shown.as_str()
            ));
            if let Some(signing) = &signing {
                text.push_str("\n\n");
                text.push_str(&signing_text(signing));
            }
            emit(&text);
            return Ok(exit);
        }
        None => {}
    }
    let key_json = if recovery_key_out.is_some() {
        None
    } else {
        Some(shown.as_str())
    };
    let printed = print_out(
        json,
        &serde_json::json!({ "status": status, "recoveryKey": key_json, "signing": signing }),
        || {
            let mut text = format!(
                "Archive created in {}; recovery key written to the file.",
                status.data_dir
            );
            if let Some(signing) = &signing {
                text.push('\n');
                text.push_str(&signing_text(signing));
            }
            text
        },
    );
    Ok(if signing_failed { exit } else { printed })
}

fn signing(desk: &Desk, command: SigningCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        SigningCommand::SetUp {
            chair_name,
            chair_role,
        } => {
            let status = desk.set_up_signing(SigningSetupInput {
                chair_name,
                chair_role,
            })?;
            Ok(print_out(json, &status, || signing_text(&status)))
        }
        SigningCommand::AddSigner { label, name, role } => {
            let signer = desk.add_signer(&label, &name, &role)?;
            Ok(print_out(json, &signer, || {
                format!(
                    "{} ({}) can now sign letters as \"{}\".\nCertificate SHA-256: {}",
                    signer.name, signer.role, signer.label, signer.certificate.fingerprint_grouped
                )
            }))
        }
        SigningCommand::Status => {
            let status = desk.signing_status()?;
            Ok(print_out(json, &status, || signing_text(&status)))
        }
    }
}

fn signing_text(status: &SigningStatus) -> String {
    let Some(board) = &status.board_certificate else {
        return "Signing is not set up yet: run `scr-desk signing set-up --chair-name NAME --chair-role ROLE`."
            .to_owned();
    };
    let mut lines = vec![
        format!("Board certificate: {}", board.subject),
        format!("  SHA-256 fingerprint: {}", board.fingerprint_grouped),
        format!("  valid {} to {}", board.valid_from, board.valid_until),
    ];
    for signer in &status.signers {
        lines.push(format!(
            "Signer ({}): {}, {}",
            signer.label, signer.name, signer.role
        ));
        lines.push(format!(
            "  certificate SHA-256: {}",
            signer.certificate.fingerprint_grouped
        ));
        lines.push(format!("  valid until {}", signer.certificate.valid_until));
    }
    lines.join("\n")
}

fn verify(
    desk: &Desk,
    file: &std::path::Path,
    trust: Option<&std::path::Path>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    let pdf = scr_desk::read_input_file(file, scr_desk::MAX_LETTER_BYTES as u64)?;
    let result = match trust {
        Some(certificate) => scr_desk::verify_letter_with_certificates(
            &pdf,
            &scr_desk::read_input_file(certificate, scr_desk::MAX_CERTIFICATE_FILE_BYTES)?,
        )?,
        None => desk.verify_letter(&pdf)?,
    };
    let printed = print_out(json, &result, || verification_text(file, &result));
    Ok(if printed == ExitCode::SUCCESS && result.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn verification_text(file: &std::path::Path, v: &LetterVerification) -> String {
    let mut lines = vec![
        v.headline.clone(),
        String::new(),
        format!("File:      {} ({} bytes)", file.display(), v.file_size),
        format!("SHA-256:   {}", v.file_sha256),
    ];
    for s in &v.signatures {
        let who = [
            s.signer_name.as_deref(),
            s.signer_role.as_deref(),
            s.signer_organisation.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        lines.push(format!(
            "Signature {}: {}",
            s.number,
            if who.is_empty() { "unknown signer" } else { &who }
        ));
        if let Some(at) = &s.signed_at_display {
            lines.push(format!("  signed {at}"));
        }
        if let Some(f) = &s.certificate_fingerprint_grouped {
            lines.push(format!("  certificate SHA-256: {f}"));
        }
        if let Some(t) = &s.timestamp {
            lines.push(format!(
                "  timestamped {} by {} ({})",
                t.at_display.as_deref().unwrap_or("at an unreadable time"),
                t.authority.as_deref().unwrap_or("an unnamed authority"),
                match (t.holds, t.trusted) {
                    (false, _) => "the timestamp does NOT hold",
                    (true, true) => "trusted",
                    (true, false) => "not checked against a trusted authority certificate",
                }
            ));
        }
        lines.push(format!(
            "  {}; {}",
            if s.intact { "intact" } else { "NOT intact" },
            if s.trusted_by_board {
                "trusted by this board"
            } else {
                "NOT trusted by this board"
            }
        ));
    }
    lines.extend(v.document.summary.iter().cloned());
    match v.trust_source {
        scr_desk::TrustSource::Archive => lines.push(format!(
            "Checked against this board's certificate: {}",
            v.trusted_fingerprints.join("; ")
        )),
        scr_desk::TrustSource::File => lines.push(format!(
            "Checked against the certificate given with --trust: {}",
            v.trusted_fingerprints.join("; ")
        )),
        scr_desk::TrustSource::None => {}
    }
    if let Some(note) = &v.trust_note {
        lines.push(note.clone());
    }
    if v.archive_checked {
        if v.archive_matches.is_empty() {
            lines.push("Archive:   no letter with exactly these bytes was issued from this archive.".into());
        }
        for m in &v.archive_matches {
            lines.push(format!(
                "Archive:   matches issued letter {} ({} {}, to {}), issued {}",
                m.id, m.kind, m.reference, m.recipient, m.created_at
            ));
        }
    } else {
        lines.push("Archive:   not consulted.".into());
    }
    if !v.problems.is_empty() {
        lines.push(String::new());
        lines.push("Problems:".into());
        lines.extend(v.problems.iter().map(|p| format!("  - {p}")));
    }
    lines.join("\n")
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
        let text = secrets::read_line("Backup passphrase: ")?;
        action(BackupUnlock::Passphrase(text.as_str()))
    } else {
        let typed = secrets::read_text("Recovery key: ")?;
        let key = scr_desk::RecoveryKey::parse(&typed)?;
        action(BackupUnlock::RecoveryKey(&key))
    }
}

fn optional_secret(wanted: bool, prompt: &str) -> Result<Option<Zeroizing<String>>, DeskError> {
    if wanted {
        secrets::read_line(prompt).map(Some)
    } else {
        Ok(None)
    }
}

pub(crate) fn print_out(
    json: bool,
    value: &impl serde::Serialize,
    text: impl FnOnce() -> String,
) -> ExitCode {
    if json {
        match serde_json::to_string_pretty(value) {
            Ok(encoded) => emit(&encoded),
            Err(error) => {
                eprintln!("scr-desk: cannot write JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        emit(&text());
    }
    ExitCode::SUCCESS
}

/// Writes a line to standard output. A reader that has gone away (`scr-desk ... | head`) is not
/// an error of ours: the rest is dropped quietly instead of panicking as `println!` would.
pub(crate) fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => eprintln!("scr-desk: cannot write to standard output: {error}"),
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
