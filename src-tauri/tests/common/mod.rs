//! What the command-line tests share: the binary run without a display, its output read, and a
//! throwaway data folder whose keyring entry goes when the test ends.
#![allow(dead_code)] // each test file uses some of these

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `scr-desk ARGS`, with no display to open a window on.
pub fn scr_desk(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scr-desk"));
    command
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    command
}

/// `scr-desk --data-dir DATA ARGS`.
pub fn scr_desk_in(data: &Path, args: &[&str]) -> Command {
    let mut command = scr_desk(&["--data-dir"]);
    command.arg(data).args(args);
    command
}

pub fn run(command: &mut Command) -> Output {
    command.output().expect("run scr-desk")
}

/// Runs with `input` on standard input, the way scripts pass secrets.
pub fn run_with_stdin(command: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scr-desk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// The output of a command that must succeed; its stdout and stderr are shown if it did not.
pub fn ok(output: &Output) -> &Output {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The JSON a command printed (the command must have succeeded).
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&ok(output).stdout).expect("JSON on stdout")
}

/// A data folder for one test; the archive's keyring entry, if one was made, goes on drop.
pub struct TempArchive {
    pub temp: tempfile::TempDir,
    pub data: PathBuf,
}

impl TempArchive {
    pub fn new() -> TempArchive {
        let temp = tempfile::tempdir().expect("tempdir");
        let data = temp.path().join("data");
        TempArchive { temp, data }
    }
}

impl Drop for TempArchive {
    fn drop(&mut self) {
        if let Some(account) = keyring_account(&self.data) {
            let _ = clear_keyring_account(&account);
        }
    }
}

/// The keyring account the archive in `data` keeps its key under, from its header.
pub fn keyring_account(data: &Path) -> Option<String> {
    let text = std::fs::read_to_string(data.join("archive-header.json")).ok()?;
    let header: serde_json::Value = serde_json::from_str(&text).ok()?;
    header["keyring"]["account"].as_str().map(str::to_owned)
}

fn clear_keyring_account(account: &str) -> std::io::Result<std::process::ExitStatus> {
    Command::new("secret-tool")
        .args(["clear", "service", "SCR Decision Desk", "username", account])
        .status()
}

/// Deletes the archive's key from the keyring, as a lost keyring would.
pub fn delete_keyring_entry(data: &Path) {
    let account = keyring_account(data).expect("the archive's keyring account");
    let status = clear_keyring_account(&account)
        .expect("secret-tool (libsecret-tools) is installed by scripts/test.sh");
    assert!(status.success());
}
