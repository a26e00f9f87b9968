//! The same binary as a command-line tool: no window, no display, scriptable exit codes.

mod common;

use std::process::{Command, Output};

use common::{delete_keyring_entry, json, run, scr_desk};

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
fn without_a_keyring_init_fails_with_the_stable_code_and_creates_nothing() {
    let (_dir, data) = scratch();
    let output = run(scr_desk(&["init", "--board-name", "Westmoor LSCB", "--json"])
        .arg("--data-dir")
        .arg(&data)
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/scr-desk-no-bus",
        ));
    assert_eq!(output.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).expect("JSON on stderr");
    assert_eq!(error["code"], "keyring.unavailable");
    assert!(!data.exists());
}

/// Runs with `input` on standard input, the way scripts pass secrets.
/// A throwaway folder, and the data folder the app will make inside it.
fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    (dir, data)
}

/// A scratch archive with signing set up and one issued letter, written to `letter.pdf` beside
/// it: `(folder, data folder, letter)`.
fn archive_with_a_letter() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, data) = scratch();
    init_with_signing(&data, &dir.path().join("key.txt"));
    let letter = dir.path().join("letter.pdf");
    issue_sample_letter(&data, &letter);
    (dir, data, letter)
}

fn run_with_stdin(command: &mut Command, input: &str) -> Output {
    common::run_with_stdin(command, input.as_bytes())
}

fn in_dir(data: &std::path::Path, args: &[&str]) -> Command {
    common::scr_desk_in(data, args)
}

fn stderr_json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stderr).unwrap_or_else(|_| {
        panic!(
            "expected JSON on stderr, got {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// `init` with these options, the recovery key written to `key_file`; it must succeed.
fn init(data: &std::path::Path, key_file: &std::path::Path, options: &[&str]) -> Output {
    let output = run(in_dir(data, &[["init"].as_slice(), options].concat())
        .arg("--recovery-key-out")
        .arg(key_file));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Sets up an archive with `init`, returning the recovery key it wrote to a file.
fn init_archive(data: &std::path::Path, key_file: &std::path::Path) -> String {
    init(
        data,
        key_file,
        &["--board-name", "Westmoor Safeguarding Children Board"],
    );
    std::fs::read_to_string(key_file)
        .expect("key file")
        .lines()
        .last()
        .expect("key line")
        .to_owned()
}

#[test]
fn init_writes_the_recovery_key_for_the_owner_only_and_refuses_a_second_archive() {
    let (dir, data) = scratch();
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
    let (_dir, data) = scratch();
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
    let (dir, data) = scratch();
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
    let (dir, data) = scratch();
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
    let (dir, data) = scratch();
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
    let (dir, data) = scratch();
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

/// An archive with signing set up by `init --chair-name … --chair-role …`.
fn init_with_signing(data: &std::path::Path, key_file: &std::path::Path) -> serde_json::Value {
    json(&init(
        data,
        key_file,
        &[
            "--board-name",
            "Anytown Safeguarding Children Board",
            "--chair-name",
            "Dr Jane Smith",
            "--chair-role",
            "Independent Chair",
            "--json",
        ],
    ))
}

/// A letter signed with the archive's chair key and recorded as issued, through the test support
/// (there is deliberately no CLI command, and no public desk call, that signs arbitrary PDFs).
fn issue_sample_letter(data: &std::path::Path, out: &std::path::Path) {
    use scr_desk::scr_letters::sample;
    let desk = scr_desk::Desk::with_system_keyring(data.to_owned(), "test");
    let issued = scr_desk::testing::sign_documents(
        &desk,
        &[scr_desk::LetterToIssue {
            document: sample::anytown_child_t(),
            kind: scr_desk::LetterKind::DecisionNotice,
            recipient: scr_desk::Recipient::Circular,
        }],
        &[],
    )
    .expect("sign and store");
    std::fs::write(out, desk.issued_letter_pdf(issued[0].id).expect("pdf")).expect("write letter");
}

#[test]
fn init_with_a_chair_sets_up_signing_and_signing_set_up_refuses_a_second() {
    let (dir, data) = scratch();
    let created = init_with_signing(&data, &dir.path().join("key.txt"));
    let signing = &created["signing"];
    assert_eq!(signing["setUp"], true);
    assert_eq!(signing["signers"][0]["name"], "Dr Jane Smith");
    let fingerprint = signing["boardCertificate"]["fingerprint"]
        .as_str()
        .expect("fingerprint");

    let status = run(&mut in_dir(&data, &["signing", "status"]));
    assert!(status.status.success());
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(text.contains(&fingerprint[..4]), "{text}");

    let again = run(&mut in_dir(
        &data,
        &[
            "signing",
            "set-up",
            "--chair-name",
            "X",
            "--chair-role",
            "Y",
            "--json",
        ],
    ));
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stderr_json(&again)["code"], "signing.already_set_up");

    // --chair-name without --chair-role is a usage error.
    let partial = run(&mut in_dir(
        &dir.path().join("other"),
        &["init", "--board-name", "B", "--chair-name", "X"],
    ));
    assert_eq!(partial.status.code(), Some(2));
}

#[test]
fn signing_set_up_on_an_existing_archive_then_certificate_export() {
    let (dir, data) = scratch();
    init_archive(&data, &dir.path().join("key.txt"));
    let blank = run(&mut in_dir(
        &data,
        &[
            "signing",
            "set-up",
            "--chair-name",
            " ",
            "--chair-role",
            "Chair",
            "--json",
        ],
    ));
    assert_eq!(stderr_json(&blank)["code"], "signing.invalid");
    let not_yet = run(in_dir(&data, &["certificate", "export", "--json"]).arg(dir.path().join("a.pem")));
    assert_eq!(stderr_json(&not_yet)["code"], "signing.not_set_up");

    let set_up = run(&mut in_dir(
        &data,
        &[
            "signing",
            "set-up",
            "--chair-name",
            "Mx Sam Ŷates",
            "--chair-role",
            "Independent Chair",
            "--json",
        ],
    ));
    assert!(
        set_up.status.success(),
        "{}",
        String::from_utf8_lossy(&set_up.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&set_up.stdout).expect("json");
    let fingerprint = status["boardCertificate"]["fingerprint"]
        .as_str()
        .expect("fp")
        .to_owned();
    let grouped = status["boardCertificate"]["fingerprintGrouped"]
        .as_str()
        .expect("fp")
        .to_owned();

    let pem = dir.path().join("westmoor.pem");
    let exported = run(in_dir(&data, &["certificate", "export"]).arg(&pem));
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    assert!(String::from_utf8_lossy(&exported.stdout).contains(&grouped));
    let text = std::fs::read_to_string(&pem).expect("pem");
    assert!(text.starts_with("-----BEGIN CERTIFICATE-----"));

    let cer = dir.path().join("westmoor.cer");
    let exported = run(in_dir(&data, &["certificate", "export", "--json"]).arg(&cer));
    let json: serde_json::Value = serde_json::from_slice(&exported.stdout).expect("json");
    assert_eq!(json["format"], "cer");
    assert_eq!(json["fingerprint"], fingerprint.as_str());
    let der = std::fs::read(&cer).expect("cer");
    assert_eq!(der[0], 0x30, "DER starts with a SEQUENCE");

    let again = run(in_dir(&data, &["certificate", "export", "--json"]).arg(&cer));
    assert_eq!(stderr_json(&again)["code"], "file.exists");
    let wrong = run(in_dir(&data, &["certificate", "export", "--json"]).arg(dir.path().join("c.txt")));
    assert_eq!(stderr_json(&wrong)["code"], "file.format_unknown");
}

#[test]
fn verify_accepts_the_issued_letter_and_names_what_is_wrong_with_changed_ones() {
    let (dir, data, letter) = archive_with_a_letter();

    let good = run(in_dir(&data, &["verify", "--json"]).arg(&letter));
    let report = json(&good);
    assert_eq!(report["valid"], true);
    assert_eq!(report["trustSource"], "archive");
    assert_eq!(report["signatures"][0]["signerName"], "Dr Jane Smith");
    assert_eq!(report["signatures"][0]["trustedByBoard"], true);
    assert_eq!(report["archiveMatches"].as_array().expect("matches").len(), 1);

    let text = run(in_dir(&data, &["verify"]).arg(&letter));
    assert_eq!(text.status.code(), Some(0));
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(
        said.contains("genuine") && said.contains("matches issued letter"),
        "{said}"
    );

    // One byte changed inside the signed range.
    let mut bytes = std::fs::read(&letter).expect("letter");
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    let tampered = dir.path().join("tampered.pdf");
    std::fs::write(&tampered, &bytes).expect("write");
    let bad = run(in_dir(&data, &["verify", "--json"]).arg(&tampered));
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).expect("json");
    assert_eq!(report["valid"], false);
    assert_eq!(report["intact"], false);
    assert_eq!(report["signatures"][0]["integrity"], "digest_mismatch");
    assert!(report["archiveMatches"].as_array().expect("matches").is_empty());
    let text = run(in_dir(&data, &["verify"]).arg(&tampered));
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("changed since it was signed"), "{said}");

    // Bytes appended after the signature.
    let mut bytes = std::fs::read(&letter).expect("letter");
    bytes.extend_from_slice(b"\n1 0 obj (added later) endobj\n");
    let appended = dir.path().join("appended.pdf");
    std::fs::write(&appended, &bytes).expect("write");
    let bad = run(in_dir(&data, &["verify", "--json"]).arg(&appended));
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).expect("json");
    assert_eq!(report["signatures"][0]["modifiedAfterSigning"], true);
    assert!(
        report["problems"][0]
            .as_str()
            .expect("problem")
            .contains("Signature 1"),
        "{report}"
    );
}

#[test]
fn verify_with_trust_needs_no_archive_and_no_keyring() {
    let (dir, data, letter) = archive_with_a_letter();
    let pem = dir.path().join("board.pem");
    assert!(run(in_dir(&data, &["certificate", "export"]).arg(&pem))
        .status
        .success());

    // A member's machine: no archive here, no keyring at all.
    let elsewhere = dir.path().join("member");
    let no_bus = |command: &mut Command| {
        command.env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/scr-desk-no-bus",
        );
    };
    let mut trusted = in_dir(&elsewhere, &["verify", "--json"]);
    trusted.arg("--trust").arg(&pem).arg(&letter);
    no_bus(&mut trusted);
    let output = run(&mut trusted);
    let report = json(&output);
    assert_eq!(report["trustSource"], "file");
    assert_eq!(report["archiveChecked"], false);
    assert!(!elsewhere.exists(), "verify created a data folder");

    // Without --trust and without an archive: checked for damage, but not trusted by this board.
    let mut untrusted = in_dir(&elsewhere, &["verify"]);
    untrusted.arg(&letter);
    no_bus(&mut untrusted);
    let output = run(&mut untrusted);
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("not trusted by this board"), "{said}");
    assert!(said.contains("no archive"), "{said}");
    assert!(!elsewhere.exists(), "verify created a data folder");

    // An archive whose keyring cannot be reached: the same, with the reason.
    let mut locked = in_dir(&data, &["verify", "--json"]);
    locked.arg(&letter);
    no_bus(&mut locked);
    let output = run(&mut locked);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["trustSource"], "none");
    assert_eq!(report["intact"], true);
    assert!(report["trustNote"]
        .as_str()
        .expect("note")
        .contains("could not be opened"));
}

/// Files named on the command line are sized before they are read; a device or a
/// pipe is refused at once, with its code, instead of being read for ever.
#[cfg(unix)]
#[test]
fn verify_refuses_a_device_or_a_pipe_without_reading_it() {
    let (dir, data) = scratch();
    let fifo = dir.path().join("letter.pdf");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    for path in [std::path::Path::new("/dev/zero"), fifo.as_path()] {
        let output = run(in_dir(&data, &["verify", "--json"]).arg(path));
        assert_eq!(output.status.code(), Some(1), "{}", path.display());
        assert_eq!(
            stderr_json(&output)["code"],
            "file.not_regular",
            "{}",
            path.display()
        );
    }
    assert!(!data.exists(), "nothing was created");
}
