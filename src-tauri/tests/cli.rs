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

/// Runs with `input` on standard input, the way scripts pass secrets.
fn run_with_stdin(command: &mut Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn scr-desk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn in_dir(data: &std::path::Path, args: &[&str]) -> Command {
    let mut command = scr_desk(args);
    command.arg("--data-dir").arg(data);
    command
}

fn stderr_json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stderr).unwrap_or_else(|_| {
        panic!(
            "expected JSON on stderr, got {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Sets up an archive with `init`, returning the recovery key it wrote to a file.
fn init_archive(data: &std::path::Path, key_file: &std::path::Path) -> String {
    let output = run(in_dir(
        data,
        &["init", "--board-name", "Westmoor Safeguarding Children Board"],
    )
    .arg("--recovery-key-out")
    .arg(key_file));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(key_file)
        .expect("key file")
        .lines()
        .last()
        .expect("key line")
        .to_owned()
}

fn delete_keyring_entry(data: &std::path::Path) {
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("archive-header.json")).expect("header"))
            .expect("json");
    let account = header["keyring"]["account"].as_str().expect("account");
    let status = Command::new("secret-tool")
        .args(["clear", "service", "SCR Decision Desk", "username", account])
        .status()
        .expect("secret-tool (libsecret-tools) is installed by scripts/test.sh");
    assert!(status.success());
}

#[test]
fn init_writes_the_recovery_key_for_the_owner_only_and_refuses_a_second_archive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let key_file = dir.path().join("key.txt");
    let key = init_archive(&data, &key_file);
    assert_eq!(key.len(), 35);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let status: serde_json::Value =
        serde_json::from_slice(&run(&mut in_dir(&data, &["status", "--json"])).stdout).expect("json");
    assert_eq!(status["board"]["name"], "Westmoor Safeguarding Children Board");
    assert_eq!(status["board"]["area"], "Westmoor");

    let again = run(&mut in_dir(
        &data,
        &["init", "--board-name", "Another Board", "--json"],
    ));
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr_json(&again)["code"], "archive.exists");
}

#[test]
fn init_prints_the_key_once_when_no_file_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let output = run(&mut in_dir(
        &data,
        &["init", "--board-name", "Eastvale LSCB", "--area", "Eastvale"],
    ));
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let key_line = text
        .lines()
        .map(str::trim)
        .find(|line| line.len() == 35 && line.matches('-').count() == 5)
        .unwrap_or_else(|| panic!("no recovery key in {text}"));
    assert!(text.contains("shown once"));
    // The printed key really opens the archive.
    delete_keyring_entry(&data);
    let recovered = run_with_stdin(&mut in_dir(&data, &["recover"]), &format!("{key_line}\n"));
    assert!(
        recovered.status.success(),
        "{}",
        String::from_utf8_lossy(&recovered.stderr)
    );
}

#[test]
fn recover_reads_the_key_from_stdin_and_renews_the_keyring() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let key = init_archive(&data, &dir.path().join("key.txt"));
    delete_keyring_entry(&data);

    let locked = run(&mut in_dir(&data, &["status", "--json"]));
    assert_eq!(locked.status.code(), Some(1));
    assert_eq!(stderr_json(&locked)["code"], "keyring.entry_missing");
    assert_eq!(
        stderr_json(&locked)["details"]["actions"],
        serde_json::json!(["retry", "recover"])
    );

    let wrong = run_with_stdin(&mut in_dir(&data, &["recover", "--json"]), "ABCDE-FGHJK\n");
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(stderr_json(&wrong)["code"], "recovery.mistyped");

    let empty = run_with_stdin(&mut in_dir(&data, &["recover", "--json"]), "");
    assert_eq!(stderr_json(&empty)["code"], "input.unreadable");

    let recovered = run_with_stdin(&mut in_dir(&data, &["recover"]), &format!("{key}\n"));
    assert!(
        recovered.status.success(),
        "{}",
        String::from_utf8_lossy(&recovered.stderr)
    );
    assert!(run(&mut in_dir(&data, &["status"])).status.success());

    // There is no way to pass the key as an argument.
    assert_eq!(run(&mut in_dir(&data, &["recover", &key])).status.code(), Some(2));
}

#[test]
fn check_passes_clean_and_fails_on_a_flipped_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    init_archive(&data, &dir.path().join("key.txt"));
    let clean = run(&mut in_dir(&data, &["check", "--json"]));
    assert!(clean.status.success());
    let report: serde_json::Value = serde_json::from_slice(&clean.stdout).expect("json");
    assert_eq!(report["clean"], true);

    let path = data.join("archive.db");
    let mut bytes = std::fs::read(&path).expect("db");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&path, &bytes).expect("damage");
    let damaged = run(&mut in_dir(&data, &["check"]));
    assert_eq!(damaged.status.code(), Some(1));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&damaged.stdout),
        String::from_utf8_lossy(&damaged.stderr)
    );
    assert!(said.contains("damaged") || said.contains("altered"), "{said}");
}

#[test]
fn backup_verify_and_restore_through_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let key = init_archive(&data, &dir.path().join("key.txt"));
    let backup = dir.path().join("westmoor.scrbackup");
    let made = run(in_dir(&data, &["backup"]).arg(&backup));
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let verified = run_with_stdin(
        in_dir(&data, &["verify-backup", "--json"]).arg(&backup),
        &format!("{key}\n"),
    );
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );

    let elsewhere = dir.path().join("restored");
    let restored = run_with_stdin(in_dir(&elsewhere, &["restore"]).arg(&backup), &format!("{key}\n"));
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let status: serde_json::Value =
        serde_json::from_slice(&run(&mut in_dir(&elsewhere, &["status", "--json"])).stdout).expect("json");
    assert_eq!(status["board"]["name"], "Westmoor Safeguarding Children Board");

    let onto_live = run_with_stdin(
        in_dir(&data, &["restore", "--json"]).arg(&backup),
        &format!("{key}\n"),
    );
    assert_eq!(onto_live.status.code(), Some(1));
    assert_eq!(stderr_json(&onto_live)["code"], "archive.exists");
}

#[test]
fn export_needs_yes_and_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    init_archive(&data, &dir.path().join("key.txt"));
    let out = dir.path().join("export");
    let refused = run(in_dir(&data, &["export"]).arg(&out));
    assert_eq!(refused.status.code(), Some(2));
    assert!(!out.exists());

    let done = run(in_dir(&data, &["export", "--yes"]).arg(&out));
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let export: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("archive.json")).expect("json"))
            .expect("parse");
    assert_eq!(export["board"]["name"], "Westmoor Safeguarding Children Board");
    let actions: Vec<&str> = export["audit_events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|event| event["action"].as_str())
        .collect();
    assert!(actions.contains(&"export.made"), "{actions:?}");
    assert!(out.join("README.txt").exists());
}
