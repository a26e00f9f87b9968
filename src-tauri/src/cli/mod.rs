//! The command line: everything a board's IT department would script, without a window.
//! Exit codes: 0 success, 1 the operation or check failed, 2 usage error (clap's own).
//! Secrets (recovery key, passphrase) are read from standard input, never from arguments,
//! which other users can see in the process list.
//!
//! `args.rs` holds the words the command line accepts; each handler module turns one group of
//! commands into one `Desk` call and prints its answer through `output.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use scr_desk::{Desk, SigningSetupInput};

mod archive;
mod args;
mod frameworks;
mod init;
mod keys;
mod letters;
mod mail;
mod members;
mod output;
mod secrets;
mod signing;
mod verify;

pub use args::Args;
use args::{CertificateCommand, Command};
pub use output::report_failure;

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
            init::init(&desk, &board_name, area, recovery_key_out, chair, json)
        }
        Command::Signing(command) => signing::signing(&desk, command, json),
        Command::Certificate(CertificateCommand::Export { file }) => {
            signing::export_certificate(&desk, &file, json)
        }
        Command::Verify { file, trust } => verify::verify(&desk, &file, trust.as_deref(), json),
        Command::Status => archive::status(&desk, json),
        Command::Recover => archive::recover(&desk, json),
        Command::Check => archive::check(&desk, json),
        Command::Backup {
            file,
            passphrase_stdin,
        } => archive::backup(&desk, &file, passphrase_stdin, json),
        Command::VerifyBackup {
            file,
            passphrase_stdin,
        } => archive::verify_backup(&file, passphrase_stdin, json),
        Command::Restore {
            file,
            passphrase_stdin,
            replace_existing,
        } => archive::restore(&desk, &file, passphrase_stdin, replace_existing, json),
        Command::SetPassphrase { recovery_key_out } => {
            keys::set_passphrase(&desk, recovery_key_out.as_deref(), json)
        }
        Command::NewRecoveryKey {
            recovery_key_out,
            passphrase_stdin,
        } => keys::new_recovery_key(&desk, passphrase_stdin, recovery_key_out.as_deref(), json),
        Command::Export { dir, yes } => archive::export(&desk, &dir, yes, json),
        Command::Members(command) => members::run(&desk, command, json),
        Command::Demo => init::demo(&desk, json),
        Command::Letters(command) => letters::run(&desk, command, json),
        Command::Frameworks => Ok(frameworks::run(&desk, json)),
        Command::Settings(command) => mail::settings(&desk, command, json),
        Command::Send { decision, dry_run } => mail::send(&desk, &decision, dry_run, json),
        Command::Deliveries { decision } => mail::deliveries(&desk, &decision, json),
        Command::Acknowledge {
            decision,
            member,
            date,
            how,
        } => mail::acknowledge(&desk, &decision, &member, date, how, json),
        Command::Remind { decision } => mail::remind(&desk, &decision, json),
        Command::ExportLetters { decision, dir } => mail::export_letters(&desk, &decision, &dir, json),
    };
    result.unwrap_or_else(|error| report_failure(&error.into(), json))
}
