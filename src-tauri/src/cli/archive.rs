//! The archive itself from the command line: `status`, `recover`, `check`, `backup`,
//! `verify-backup`, `restore` and the decrypted `export`. Keys and passphrases are read from
//! standard input (`secrets.rs`).

use std::path::Path;
use std::process::ExitCode;

use zeroize::Zeroizing;

use scr_desk::{BackupUnlock, Desk, DeskError};

use super::output::print_out;
use super::secrets;

pub(super) fn status(desk: &Desk, json: bool) -> Result<ExitCode, DeskError> {
    desk.status().map(|status| {
        print_out(json, &status, || match &status.board {
            Some(board) => format!(
                "Archive: {}\nBoard:   {} ({})",
                status.data_dir, board.name, board.area
            ),
            None => format!("Archive: {}\nBoard:   not set up yet", status.data_dir),
        })
    })
}

pub(super) fn recover(desk: &Desk, json: bool) -> Result<ExitCode, DeskError> {
    secrets::read_text("Recovery key: ").and_then(|key| {
        desk.recover(&key).map(|status| {
            print_out(json, &status, || {
                "The archive is open again, and a new key is in the system keyring.".to_owned()
            })
        })
    })
}

pub(super) fn check(desk: &Desk, json: bool) -> Result<ExitCode, DeskError> {
    desk.check().map(|report| {
        print_out(json, &report, || report.summary.clone());
        if report.clean {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    })
}

pub(super) fn backup(
    desk: &Desk,
    file: &Path,
    passphrase_stdin: bool,
    json: bool,
) -> Result<ExitCode, DeskError> {
    optional_secret(passphrase_stdin, "Backup passphrase: ")
        .and_then(|passphrase| desk.backup(file, passphrase.as_deref().map(String::as_str)))
        .map(|summary| {
            print_out(json, &summary, || {
                format!(
                    "Backup written to {} ({} bytes).",
                    summary.path.display(),
                    summary.bytes
                )
            })
        })
}

pub(super) fn verify_backup(file: &Path, passphrase_stdin: bool, json: bool) -> Result<ExitCode, DeskError> {
    with_backup_unlock(passphrase_stdin, |unlock| scr_desk::verify_backup(file, unlock)).map(|report| {
        print_out(json, &report, || {
            format!("Backup of {}: {}", report.created_at, report.check.summary())
        });
        if report.check.is_clean() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    })
}

pub(super) fn restore(
    desk: &Desk,
    file: &Path,
    passphrase_stdin: bool,
    replace_existing: bool,
    json: bool,
) -> Result<ExitCode, DeskError> {
    with_backup_unlock(passphrase_stdin, |unlock| {
        desk.restore(file, unlock, replace_existing)
    })
    .map(|status| {
        print_out(json, &status, || {
            format!(
                "Restored into {}; a new key is in the system keyring.",
                status.data_dir
            )
        })
    })
}

pub(super) fn export(desk: &Desk, dir: &Path, yes: bool, json: bool) -> Result<ExitCode, DeskError> {
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
