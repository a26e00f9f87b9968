//! The same binary as a command-line tool: no window, no display, scriptable exit codes.

use std::process::{Command, Output};

fn scr_desk(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scr-desk"));
    command
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run scr-desk")
}

#[test]
fn version_prints_without_a_display() {
    let output = run(&mut scr_desk(&["--version"]));
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("scr-desk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_the_commands() {
    let output = run(&mut scr_desk(&["--help"]));
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("status"), "{text}");
    assert!(text.contains("--data-dir"), "{text}");
}

#[test]
fn a_usage_error_exits_2() {
    let output = run(&mut scr_desk(&["no-such-command"]));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn without_a_keyring_status_fails_with_the_stable_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let output = run(scr_desk(&["status", "--json"]).arg("--data-dir").arg(&data).env(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/scr-desk-no-bus",
    ));
    assert_eq!(output.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).expect("JSON on stderr");
    assert_eq!(error["code"], "keyring.unavailable");
    assert!(!data.exists());
}

#[test]
fn status_creates_the_archive_on_first_use_then_reports_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let output = run(scr_desk(&["status", "--json"]).env("SCR_DESK_DATA_DIR", &data));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(status["board"], serde_json::Value::Null);
    assert_eq!(status["dataDir"], data.display().to_string());
    assert!(data.join("archive.db").exists());
}
