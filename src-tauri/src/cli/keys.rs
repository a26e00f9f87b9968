//! The archive's keys from the command line: a new recovery key, a new passphrase. Either gives
//! the archive a new data key; the new recovery key is shown once (or written to a new file).

use std::path::Path;
use std::process::ExitCode;

use scr_desk::{Desk, DeskError, IssuedRecoveryKey, PassphraseKept};

use super::output::{emit, print_out};
use super::secrets;

/// What every re-key tells the chair besides the key itself.
const OLDER_BACKUPS: &str = "Backups made before today still open with the old recovery key (and the \
                             old passphrase, if there was one): keep them as safely as the key, or \
                             destroy them.";

/// `scr-desk new-recovery-key`: the old key stops opening the archive. With `--passphrase-stdin`
/// the passphrase (read from standard input) is kept; without it a passphrase is removed.
pub fn new_recovery_key(
    desk: &Desk,
    keep_passphrase: bool,
    out: Option<&Path>,
    json: bool,
) -> Result<ExitCode, DeskError> {
    refuse_existing(out)?;
    let passphrase = if keep_passphrase {
        Some(secrets::read_line("Current passphrase: ")?)
    } else {
        None
    };
    let issued = desk.issue_recovery_key(passphrase.as_deref().map(String::as_str))?;
    let passphrase_note = match issued.passphrase {
        PassphraseKept::NoneSet => "",
        PassphraseKept::Kept => "\nThe passphrase still opens the archive.",
        PassphraseKept::Removed => {
            "\nThe passphrase no longer opens the archive (it was not given with --passphrase-stdin); \
             set one again with `scr-desk set-passphrase`."
        }
    };
    hand_over(&issued, out, json, passphrase_note)
}

/// `scr-desk set-passphrase`: the first passphrase is simply added; a new one replaces the old
/// and re-keys the archive, with a new recovery key.
pub fn set_passphrase(desk: &Desk, out: Option<&Path>, json: bool) -> Result<ExitCode, DeskError> {
    refuse_existing(out)?;
    let passphrase = secrets::read_line("New passphrase: ")?;
    match desk.set_passphrase(&passphrase)? {
        None => Ok(print_out(
            json,
            &serde_json::json!({ "passphrase": "set" }),
            || "The passphrase can now open this archive and its new backups.".to_owned(),
        )),
        Some(issued) => hand_over(
            &issued,
            out,
            json,
            "\nThe new passphrase opens the archive; the old one no longer does.",
        ),
    }
}

/// The new key goes to a new file readable by its owner alone when asked, else to standard output.
fn hand_over(
    issued: &IssuedRecoveryKey,
    out: Option<&Path>,
    json: bool,
    note: &str,
) -> Result<ExitCode, DeskError> {
    if let Some(path) = out {
        if let Err(error) = write_key_file(path, &issued.recovery_key) {
            // The archive already has its new key: it must be shown now or it is lost.
            eprintln!(
                "scr-desk: the recovery key could not be written to {}: {error}\n\
                 Write this recovery key down now; it will not be shown again:\n{}",
                path.display(),
                issued.recovery_key
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let key = if out.is_some() {
        None
    } else {
        Some(issued.recovery_key.as_str())
    };
    if json {
        return Ok(print_out(
            json,
            &serde_json::json!({ "recoveryKey": key, "passphrase": issued.passphrase }),
            String::new,
        ));
    }
    let shown = match key {
        Some(key) => format!(
            "New recovery key (shown once; keep it somewhere safe, away from this computer):\n\n    {key}\n"
        ),
        None => "The new recovery key was written to the file.".to_owned(),
    };
    emit(&format!(
        "The archive has a new key. The old recovery key no longer opens it.\n\n{shown}\n{OLDER_BACKUPS}{note}"
    ));
    Ok(ExitCode::SUCCESS)
}

fn refuse_existing(out: Option<&Path>) -> Result<(), DeskError> {
    match out {
        Some(path) if path.symlink_metadata().is_ok() => Err(DeskError::file_exists(path)),
        _ => Ok(()),
    }
}

/// A new file, readable by its owner alone, in the form `recover` reads back.
pub fn write_key_file(path: &Path, displayed: &str) -> std::io::Result<()> {
    scr_files::write_new(path, scr_desk::recovery_key_file_text(displayed).as_bytes())
}
