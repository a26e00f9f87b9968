//! Secrets on the command line: from standard input when it is a pipe or a file (the way scripts
//! pass them), or typed at a prompt that does not echo them to the screen. Never from arguments,
//! which other users can see in the process list.

use std::io::{IsTerminal, Read};

use zeroize::Zeroizing;

use scr_desk::DeskError;

/// A recovery-key file, a passphrase or a password is a few hundred bytes at most; anything
/// longer on standard input is a mistake (the wrong file redirected), refused before it is read.
pub const MAX_SECRET_INPUT_BYTES: u64 = 4096;

/// One line: a passphrase or a password (spaces inside it are kept).
pub fn read_line(prompt: &str) -> Result<Zeroizing<String>, DeskError> {
    let text = read(prompt)?;
    let line = text.lines().next().unwrap_or_default();
    nonempty(Zeroizing::new(line.to_owned()), prompt)
}

/// Everything given: a recovery key may come as the file `init --recovery-key-out` wrote, with its
/// heading line, and the key's own parser reads that.
pub fn read_text(prompt: &str) -> Result<Zeroizing<String>, DeskError> {
    let text = read(prompt)?;
    let trimmed = Zeroizing::new(text.trim().to_owned());
    nonempty(trimmed, prompt)
}

fn read(prompt: &str) -> Result<Zeroizing<String>, DeskError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|error| DeskError::StandardInput(format!("cannot read what was typed: {error}")));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    stdin
        .lock()
        .take(MAX_SECRET_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| DeskError::StandardInput(format!("cannot read standard input: {error}")))?;
    if bytes.len() as u64 > MAX_SECRET_INPUT_BYTES {
        return Err(DeskError::StandardInput(format!(
            "more than {MAX_SECRET_INPUT_BYTES} bytes were given on standard input, far more than {} \
             needs; check which file is redirected into the command",
            what(prompt)
        )));
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| DeskError::StandardInput(format!("{} on standard input is not text", what(prompt))))?;
    Ok(Zeroizing::new(text.to_owned()))
}

fn nonempty(text: Zeroizing<String>, prompt: &str) -> Result<Zeroizing<String>, DeskError> {
    if text.trim().is_empty() {
        return Err(DeskError::StandardInput(format!(
            "nothing was given on standard input; type it when asked, or pipe it in, e.g. \
             `scr-desk ... < file` ({})",
            what(prompt)
        )));
    }
    Ok(text)
}

/// "Recovery key: " → "the recovery key".
fn what(prompt: &str) -> String {
    format!("the {}", prompt.trim_end_matches([' ', ':']).to_lowercase())
}
