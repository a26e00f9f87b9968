//! The archive's promises on ordinary input, from the command line, on a real keyring: a backup
//! tested in another folder never locks the live archive out; a mistyped folder is never made into
//! an archive; the recovery-key file `init` writes is what `recover` reads; nothing is readable by
//! other users; secrets are not echoed; `| head` is not a crash.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{delete_keyring_entry, ok, run, run_with_stdin};
use scr_desk::testing::names_in;

fn scr_desk(data: &Path, args: &[&str]) -> Command {
    common::scr_desk_in(data, args)
}

fn error_code(output: &Output) -> String {
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|_| {
        panic!(
            "expected a JSON error on stderr, got {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    error["code"].as_str().unwrap_or_default().to_owned()
}

fn header(data: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(data.join("archive-header.json")).expect("header"))
        .expect("json")
}

/// `init` with the recovery key written to `key_file`.
fn init(data: &Path, key_file: &Path) {
    ok(&run(scr_desk(
        data,
        &["init", "--board-name", "Westmoor Safeguarding Children Board"],
    )
    .arg("--recovery-key-out")
    .arg(key_file)));
}

/// A demonstration archive (members, a finalised decision, signed letters), and its case reference.
fn demo(data: &Path) -> String {
    let output = run(&mut scr_desk(data, &["demo", "--json"]));
    let report: serde_json::Value = serde_json::from_slice(&ok(&output).stdout).expect("json");
    let decision = report["demo"]["decisions"][0].as_str().expect("a decision");
    decision.split_whitespace().next().expect("reference").to_owned()
}

/// A new archive in `live` (its recovery key in a file) and a backup of it, in a scratch folder.
fn archive_with_backup() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().expect("tempdir");
    let live = temp.path().join("live");
    let key_file = temp.path().join("recovery-key.txt");
    init(&live, &key_file);
    let backup = temp.path().join("board.scrbackup");
    ok(&run(scr_desk(&live, &["backup"]).arg(&backup)));
    (temp, live, key_file, backup)
}

#[test]
fn a_backup_restored_into_another_folder_leaves_the_live_archive_opening() {
    let (temp, live, key_file, backup) = archive_with_backup();

    // What a careful chair does to prove the backup works, straight from the key file.
    let trial = temp.path().join("backup-test");
    let key = std::fs::read(&key_file).expect("key file");
    ok(&run_with_stdin(scr_desk(&trial, &["restore"]).arg(&backup), &key));
    ok(&run_with_stdin(
        scr_desk(&trial, &["verify-backup"]).arg(&backup),
        &key,
    ));
    assert_ne!(
        header(&trial)["keyring"]["account"],
        header(&live)["keyring"]["account"]
    );

    for data in [&live, &trial, &live] {
        let status = run(&mut scr_desk(data, &["status", "--json"]));
        let status: serde_json::Value = serde_json::from_slice(&ok(&status).stdout).expect("json");
        assert_eq!(status["board"]["name"], "Westmoor Safeguarding Children Board");
        ok(&run(&mut scr_desk(data, &["check"])));
    }
    delete_keyring_entry(&trial);
    delete_keyring_entry(&live);
}

#[test]
fn commands_on_a_folder_without_an_archive_fail_with_archive_not_found_and_create_nothing() {
    let temp = tempfile::tempdir().expect("tempdir");
    let missing = temp.path().join("scr-dsek");
    let empty = temp.path().join("empty");
    std::fs::create_dir(&empty).expect("empty folder");
    for data in [&missing, &empty] {
        for args in [
            vec!["check", "--json"],
            vec!["status", "--json"],
            vec!["members", "list", "--json"],
            vec!["send", "--decision", "SCR-2026-001", "--json"],
            vec!["letters", "list", "--case", "SCR-2026-001", "--json"],
        ] {
            let output = run(&mut scr_desk(data, &args));
            assert_eq!(output.status.code(), Some(1), "{args:?} in {}", data.display());
            assert_eq!(error_code(&output), "archive.not_found", "{args:?}");
            let message: serde_json::Value = serde_json::from_slice(&output.stderr).expect("json");
            let message = message["message"].as_str().unwrap_or_default();
            assert!(message.contains(&data.display().to_string()), "{message}");
            assert!(
                message.contains("--data-dir") && message.contains("scr-desk init"),
                "{message}"
            );
        }
    }
    assert!(!missing.exists(), "a folder was created for a mistyped name");
    assert_eq!(
        std::fs::read_dir(&empty).expect("list").count(),
        0,
        "files were created"
    );

    // Without --json the person reads the folder and what to do.
    let output = run(&mut scr_desk(&missing, &["check"]));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("[archive.not_found]") && said.contains("scr-dsek"),
        "{said}"
    );
    assert!(!missing.exists());
}

#[test]
fn a_command_on_an_archive_another_process_has_open_is_refused_and_changes_nothing() {
    let (_temp, data, key_file, backup) = archive_with_backup();

    // The app, as the folder sees it: this process, with the archive open.
    let app = scr_desk::Desk::with_system_keyring(data.clone(), "app");
    app.status().expect("the app opens its archive");
    let before = names_in(&data);
    let key = std::fs::read(&key_file).expect("key file");
    let commands: [(&[&str], &[u8]); 3] = [
        (&["status", "--json"], b""),
        (&["members", "list", "--json"], b""),
        // Moving the archive aside would leave the app writing into the folder set aside.
        (&["restore", "--replace-existing", "--json"], &key),
    ];
    for (args, input) in commands {
        let mut command = scr_desk(&data, args);
        if args[0] == "restore" {
            command.arg(&backup);
        }
        let output = run_with_stdin(&mut command, input);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(error_code(&output), "archive.in_use", "{args:?}");
    }
    assert_eq!(names_in(&data), before, "a refused command changed the folder");
    let said = String::from_utf8_lossy(&run(&mut scr_desk(&data, &["check"])).stderr).into_owned();
    assert!(
        said.contains("[archive.in_use]") && said.contains("Switch to the window"),
        "{said}"
    );

    // Once the app has closed, the commands work.
    drop(app);
    ok(&run(&mut scr_desk(&data, &["check"])));
    delete_keyring_entry(&data);
}

#[test]
fn recover_reads_the_file_that_init_wrote() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    let key_file = temp.path().join("rk");
    init(&data, &key_file);
    let text = std::fs::read_to_string(&key_file).expect("key file");
    assert!(text.starts_with("SCR Decision Desk recovery key\n"), "{text}");
    delete_keyring_entry(&data);

    let file = std::fs::File::open(&key_file).expect("open key file");
    let output = run(scr_desk(&data, &["recover"]).stdin(file));
    ok(&output);
    ok(&run(&mut scr_desk(&data, &["check"])));

    // Typed by hand the way people do: lower case, spaces for dashes, O for 0 and l for 1.
    delete_keyring_entry(&data);
    let key = text.lines().nth(1).expect("key line");
    let typed = key
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o")
        .replace('1', "l");
    ok(&run_with_stdin(
        &mut scr_desk(&data, &["recover"]),
        format!("{typed}\n").as_bytes(),
    ));
    delete_keyring_entry(&data);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(all_files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn nothing_the_app_writes_is_readable_by_other_users() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    let reference = demo(&data);
    assert_eq!(mode(&data), 0o700);
    for file in all_files(&data) {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    assert!(data.join("archive.db").exists() && data.join("archive-header.json").exists());

    let export = temp.path().join("export");
    ok(&run(scr_desk(&data, &["export", "--yes"]).arg(&export)));
    assert_eq!(mode(&export), 0o700);
    assert_eq!(mode(&export.join("letters")), 0o700);
    let exported = all_files(&export);
    assert!(exported.len() > 3, "{exported:?}");
    for file in exported {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // An existing path, empty folder or planted link, is refused rather than written into.
    let occupied = temp.path().join("occupied");
    std::fs::create_dir(&occupied).expect("dir");
    let refused = run(scr_desk(&data, &["export", "--yes", "--json"]).arg(&occupied));
    assert_eq!(error_code(&refused), "file.exists");
    let planted = temp.path().join("planted");
    std::os::unix::fs::symlink(temp.path().join("elsewhere"), &planted).expect("symlink");
    let refused = run(scr_desk(&data, &["export", "--yes", "--json"]).arg(&planted));
    assert_eq!(error_code(&refused), "file.exists");
    assert!(!temp.path().join("elsewhere").exists());

    let letters = temp.path().join("secure-mail");
    ok(&run(scr_desk(
        &data,
        &["export-letters", "--decision", &reference, "--dir"],
    )
    .arg(&letters)));
    let folders: Vec<PathBuf> = std::fs::read_dir(&letters)
        .expect("list")
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert_eq!(mode(&folders[0]), 0o700);
    let written = all_files(&folders[0]);
    assert!(
        written.iter().any(|file| file.ends_with("index.csv")),
        "{written:?}"
    );
    for file in written {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }

    let backup = temp.path().join("board.scrbackup");
    ok(&run(scr_desk(&data, &["backup"]).arg(&backup)));
    assert_eq!(mode(&backup), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(temp.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "a temporary file was left: {leftovers:?}");
    delete_keyring_entry(&data);
}

#[test]
fn output_to_a_reader_that_stops_early_is_not_a_crash() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    demo(&data);
    for args in [
        vec!["members", "list", "--all"],
        vec!["frameworks"],
        vec!["--help"],
    ] {
        // `scr-desk … | head -c 0`: the reading end is closed before anything is written.
        let mut child = scr_desk(&data, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("stderr");
        let status = child.wait().expect("wait");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?} exited as a panic does");
    }
    delete_keyring_entry(&data);
}

/// Runs `scr-desk` on a pseudo-terminal (util-linux `script`), answers its prompt once it shows,
/// and returns everything the terminal displayed.
#[cfg(target_os = "linux")]
fn on_a_terminal(data: &Path, args: &str, answer: &str, prompt: &str) -> String {
    let command = format!(
        "{} --data-dir '{}' {args}",
        env!("CARGO_BIN_EXE_scr-desk"),
        data.display()
    );
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env_remove("DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs the command on a pseudo-terminal");
    let mut stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read) = stdout.read(&mut buffer) {
            if read == 0 || sender.send(buffer[..read].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    // Typing before the prompt would be echoed by the terminal before echo is turned off.
    while !String::from_utf8_lossy(&shown).contains(prompt) {
        let chunk = receiver
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| {
                panic!(
                    "no prompt; the terminal showed: {}",
                    String::from_utf8_lossy(&shown)
                )
            });
        shown.extend(chunk);
    }
    std::thread::sleep(Duration::from_millis(200));
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(format!("{answer}\r").as_bytes()).expect("type");
    let status = child.wait().expect("wait");
    drop(stdin);
    while let Ok(chunk) = receiver.recv_timeout(Duration::from_secs(2)) {
        shown.extend(chunk);
    }
    let shown = String::from_utf8_lossy(&shown).into_owned();
    assert!(status.success(), "{args} failed on the terminal: {shown}");
    shown
}

#[cfg(target_os = "linux")]
#[test]
fn secrets_typed_at_a_terminal_are_not_echoed() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    let key_file = temp.path().join("rk");
    init(&data, &key_file);
    let key = std::fs::read_to_string(&key_file)
        .expect("key")
        .lines()
        .nth(1)
        .expect("key line")
        .to_owned();
    delete_keyring_entry(&data);
    let shown = on_a_terminal(&data, "recover", &key, "Recovery key:");
    assert!(shown.contains("open again"), "{shown}");
    assert!(!shown.contains(&key), "the recovery key was echoed: {shown}");
    assert!(
        !shown.contains(&key[..5]),
        "part of the recovery key was echoed: {shown}"
    );

    let passphrase = "a quiet room with the window open";
    let shown = on_a_terminal(&data, "set-passphrase", passphrase, "New passphrase:");
    assert!(
        !shown.contains("quiet room"),
        "the passphrase was echoed: {shown}"
    );
    delete_keyring_entry(&data);
}
