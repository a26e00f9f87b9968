//! What the command line prints: results as text or JSON on standard output, failures with
//! their stable code on standard error.

use std::io::Write;
use std::process::ExitCode;

use scr_desk::ipc::IpcError;

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
