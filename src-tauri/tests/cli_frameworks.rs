//! `scr-desk frameworks`: the board's own framework files checked from the command line, with
//! no archive and no keyring needed.

use std::process::{Command, Output};

const WT2015: &str = include_str!("../../crates/domain/frameworks/wt2015-scr.toml");

fn frameworks(data: &std::path::Path, json: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scr-desk"));
    command
        .arg("frameworks")
        .arg("--data-dir")
        .arg(data)
        .env_remove("DISPLAY")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    if json {
        command.arg("--json");
    }
    command.output().expect("run scr-desk")
}

#[test]
fn lists_the_frameworks_and_exits_1_naming_the_line_of_a_refused_file() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    let folder = data.join("frameworks");
    std::fs::create_dir_all(&folder).expect("folder");

    let clean = frameworks(&data, false);
    assert!(clean.status.success(), "{clean:?}");
    let text = String::from_utf8_lossy(&clean.stdout);
    assert!(
        text.contains("wt2015-scr 1.0") && text.contains("(built in)"),
        "{text}"
    );

    let own = WT2015.replacen("id = \"wt2015-scr\"", "id = \"westmoor-local\"", 1);
    std::fs::write(folder.join("westmoor.toml"), &own).expect("good file");
    // A key the format does not know, on line 3.
    let bad = own.replacen("id = \"westmoor-local\"", "id = \"other\"", 1);
    let mut lines: Vec<&str> = bad.lines().collect();
    lines.insert(2, "colour = \"blue\"");
    std::fs::write(folder.join("bad.toml"), lines.join("\n")).expect("bad file");

    let refused = frameworks(&data, false);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let text = String::from_utf8_lossy(&refused.stdout);
    assert!(
        text.contains("westmoor-local 1.0") && text.contains("(the board's own)"),
        "{text}"
    );
    assert!(text.contains("bad.toml, line 3"), "{text}");
    assert!(text.contains("colour"), "{text}");

    let json = frameworks(&data, true);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["problems"][0]["file"], "bad.toml");
    assert_eq!(value["problems"][0]["line"], 3);
    assert_eq!(value["frameworks"].as_array().expect("list").len(), 4);
    // Nothing was opened or created: the command reads files only.
    assert!(!data.join("archive-header.json").exists());
}
