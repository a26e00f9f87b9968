//! `scr-desk retention`: what is due, a hold placed and released, and a disposal that shows what
//! it would destroy, needs --yes, is refused under a hold and leaves the archive's check clean.

mod common;

use std::path::Path;
use std::process::Output;

use common::{json, TempArchive};

fn scr_desk(data: &Path, args: &[&str]) -> Output {
    common::run(&mut common::scr_desk_in(data, args))
}

#[test]
fn a_hold_stops_a_disposal_that_needs_yes_and_check_stays_clean() {
    let demo = TempArchive::new();
    let data = &demo.data;
    let made = json(&scr_desk(data, &["demo", "--json"]));
    let reference = made["demo"]["decisions"][0]
        .as_str()
        .and_then(|d| d.split_whitespace().next())
        .expect("reference")
        .to_owned();

    // The demonstration case has a review decided and not completed: nothing is due.
    let due = json(&scr_desk(data, &["retention", "due", "--json"]));
    assert_eq!(due["due"], serde_json::json!([]));
    let text = scr_desk(data, &["retention", "due"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Nothing is due"));

    let hold = json(&scr_desk(
        data,
        &[
            "retention",
            "hold",
            "--case",
            &reference,
            "--reason",
            "Civil claim",
            "--authority",
            "Council legal services",
            "--json",
        ],
    ));
    let hold_id = hold["id"].as_i64().expect("hold id").to_string();

    let dispose_annex = |extra: &[&str]| {
        let disposal = [
            "retention",
            "dispose",
            "--case",
            &reference,
            "--class",
            "restricted_annex",
        ];
        scr_desk(data, &[disposal.as_slice(), extra].concat())
    };

    // Without --yes: what would be destroyed, nothing done, exit 1.
    let shown = dispose_annex(&[]);
    assert_eq!(shown.status.code(), Some(1));
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("would DESTROY") && text.contains("and keep:"),
        "{text}"
    );
    assert!(text.contains("cannot go ahead now"), "the hold is named: {text}");

    let refused = dispose_annex(&["--yes"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("[retention.on_hold]"));

    json(&scr_desk(
        data,
        &[
            "retention",
            "release",
            "--hold",
            &hold_id,
            "--reason",
            "Claim settled",
            "--json",
        ],
    ));
    let certificate = json(&dispose_annex(&["--yes", "--json"]));
    assert_eq!(certificate["class"], "restricted_annex");
    assert_eq!(certificate["authorisedBy"]["chair"], "Dr Jane Smith");

    let holds = json(&scr_desk(data, &["retention", "holds", "--json"]));
    assert!(holds[0]["liftedAt"].is_string());
    let check = scr_desk(data, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
