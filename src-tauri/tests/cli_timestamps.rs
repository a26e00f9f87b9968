//! `scr-desk settings tsa`: a timestamp authority set from the command line (checked with one
//! request first), letters issued with timestamps, and `scr-desk verify` saying what the letter
//! is: archival format, accessibility, the timestamp and its authority, the validation data.

mod common;

use std::path::Path;
use std::process::Output;

use common::TempArchive;
use scr_letters::test_tsa::TestTsa;

fn scr_desk(data: &Path, args: &[&str]) -> Output {
    common::run(&mut common::scr_desk_in(data, args))
}

fn ok(output: Output) -> String {
    common::stdout(common::ok(&output))
}

#[test]
fn a_timestamp_authority_set_from_the_command_line_timestamps_letters_that_verify_says_so() {
    let demo = TempArchive::new();
    let made: serde_json::Value =
        serde_json::from_str(&ok(scr_desk(&demo.data, &["demo", "--json"]))).unwrap();
    let reference = made["demo"]["decisions"][0]
        .as_str()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();

    let tsa = TestTsa::start();
    let root = tsa.root_path();
    // A wrong address is refused and nothing is saved.
    let refused = scr_desk(
        &demo.data,
        &["settings", "tsa", "--url", "https://tsa.example.org/"],
    );
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let saved = ok(scr_desk(
        &demo.data,
        &[
            "settings",
            "tsa",
            "--url",
            &tsa.url(),
            "--ca-file",
            root.to_str().unwrap(),
        ],
    ));
    assert!(saved.contains("Timestamp authority saved"), "{saved}");
    assert!(saved.contains("trusted through"), "{saved}");

    let issued: serde_json::Value = serde_json::from_str(&ok(scr_desk(
        &demo.data,
        &[
            "letters", "issue", "--case", &reference, "--to", "circular", "--json",
        ],
    )))
    .unwrap();
    let id = issued
        .as_array()
        .and_then(|a| a.first())
        .map(|l| l["id"].as_i64().unwrap())
        .expect("issued");
    let saved_pdf = demo.temp.path().join("timestamped.pdf");
    ok(scr_desk(
        &demo.data,
        &["letters", "save", &id.to_string(), saved_pdf.to_str().unwrap()],
    ));

    let text = ok(scr_desk(&demo.data, &["verify", saved_pdf.to_str().unwrap()]));
    assert!(text.contains("This letter is genuine"), "{text}");
    assert!(
        text.contains("by SCR Desk test timestamp authority (trusted)"),
        "{text}"
    );
    assert!(text.contains("Archival format: PDF/A-2a"), "{text}");
    assert!(text.contains("claims PDF/UA-1"), "{text}");
    assert!(text.contains("Long-term validation data: "), "{text}");
    assert!(
        text.contains("revocation list(s) from the board's authority"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(scr_desk(
        &demo.data,
        &["verify", saved_pdf.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    assert_eq!(json["document"]["pdfa"], "PDF/A-2a");
    assert_eq!(json["document"]["tagged"], true);
    assert_eq!(json["document"]["longTermValidation"], true);
    assert_eq!(json["signatures"][0]["timestamp"]["trusted"], true);

    let off = ok(scr_desk(&demo.data, &["settings", "tsa", "--off"]));
    assert!(off.contains("Timestamping is off"), "{off}");
}
