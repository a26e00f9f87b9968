//! `scr-desk demo` and `scr-desk letters`: the demonstration board and a decision's letters from
//! scripts. Each issued letter saved from the archive verifies with `scr-desk verify`.

mod common;

use std::path::Path;
use std::process::Output;

use common::{json, TempArchive};

fn scr_desk(data: &Path, args: &[&str]) -> Output {
    common::run(&mut common::scr_desk_in(data, args))
}

#[test]
fn demo_prints_what_it_made_and_its_letters_verify() {
    let demo = TempArchive::new();
    let made = json(&scr_desk(&demo.data, &["demo", "--json"]));
    assert_eq!(made["demo"]["members"], 12);
    assert_eq!(made["demo"]["letters"].as_array().unwrap().len(), 12);
    assert_eq!(made["recoveryKey"].as_str().unwrap().len(), 35);
    let decision = made["demo"]["decisions"][0].as_str().unwrap();
    let reference = decision.split_whitespace().next().unwrap().to_owned();

    let letters = json(&scr_desk(
        &demo.data,
        &["letters", "list", "--case", &reference, "--json"],
    ));
    let letters = letters.as_array().unwrap();
    assert_eq!(letters.len(), 12);
    let circular = letters
        .iter()
        .find(|l| l["letter"]["recipient"] == "circular")
        .expect("a circular");
    let id = circular["letter"]["id"].as_i64().unwrap().to_string();
    let saved = demo.temp.path().join("circular.pdf");
    let saved_arg = saved.to_str().unwrap();
    json(&scr_desk(
        &demo.data,
        &["letters", "save", &id, saved_arg, "--json"],
    ));
    let verified = scr_desk(&demo.data, &["verify", saved_arg, "--json"]);
    assert_eq!(verified.status.code(), Some(0));
    // Never over an existing file.
    let again = scr_desk(&demo.data, &["letters", "save", &id, saved_arg]);
    assert_eq!(again.status.code(), Some(1));

    // `letters issue` for the circular, with one option naming a file.
    let issue_circular = |option: &str, file: &Path| {
        json(&scr_desk(
            &demo.data,
            &[
                "letters",
                "issue",
                "--case",
                &reference,
                "--to",
                "circular",
                option,
                file.to_str().unwrap(),
                "--json",
            ],
        ))
    };

    // A preview writes one unsigned PDF and issues nothing.
    let preview = demo.temp.path().join("preview.pdf");
    let written = issue_circular("--preview", &preview);
    assert_eq!(written["shown"], "The circular to every member");
    assert!(std::fs::read(&preview).unwrap().starts_with(b"%PDF"));
    let count = |data: &Path| {
        json(&scr_desk(
            data,
            &["letters", "list", "--case", &reference, "--json"],
        ))
        .as_array()
        .unwrap()
        .len()
    };
    assert_eq!(count(&demo.data), 12);

    // An update from a JSON file, as one circular.
    let content = demo.temp.path().join("update.json");
    std::fs::write(
        &content,
        r#"{"kind":"update","what_changed":"The review will report in January.","reason":"The police asked us to wait."}"#,
    )
    .unwrap();
    let issued = issue_circular("--content", &content);
    assert_eq!(issued.as_array().unwrap()[0]["kind"], "update");
    assert_eq!(count(&demo.data), 13);

    let unknown = scr_desk(
        &demo.data,
        &["letters", "list", "--case", "SCR-1999-001", "--json"],
    );
    assert_eq!(unknown.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&unknown.stderr).expect("JSON error");
    assert_eq!(error["code"], "case.unknown");

    // The demonstration only goes into a new folder.
    let twice = scr_desk(&demo.data, &["demo"]);
    assert_eq!(twice.status.code(), Some(1));
}
