//! After the decision from the command line: a milestone recorded on the demonstration board, refused a second time and withdrawn, the QM3
//! report written to CSV and a signed PDF, and an uncertain delivery settled by `deliveries resend`, against the
//! real archive, Secret Service and a local SMTP server.

mod common;

use std::process::Output;

use common::{run, scr_desk_in, TempArchive};

use scr_desk::testing::{cut_off_first_send, TestBoard, REFERENCE};
use scr_mail::test_server::{ServerTls, TestSmtpServer};

fn in_dir(dir: &std::path::Path, args: &[&str]) -> Output {
    run(&mut scr_desk_in(dir, args))
}

fn in_board(board: &TestBoard, args: &[&str]) -> Output {
    run(&mut scr_desk_in(&board.dir, args))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_milestone_and_the_qm3_report_from_the_command_line() {
    let temp = TempArchive::new();
    let dir = temp.data.clone();
    let demo = run(&mut scr_desk_in(&dir, &["--json", "demo"]));
    assert!(demo.status.success(), "{}", text(&demo));
    let created: serde_json::Value = serde_json::from_slice(&demo.stdout).expect("json");
    let reference = created["demo"]["decisions"][0]
        .as_str()
        .and_then(|d| d.split_whitespace().next())
        .expect("reference")
        .to_owned();
    let view = run(&mut scr_desk_in(
        &dir,
        &["--json", "case", "milestones", "--case", &reference],
    ));
    assert!(view.status.success(), "{}", text(&view));
    let view: serde_json::Value = serde_json::from_slice(&view.stdout).expect("json");
    // The demonstration was decided in the week before today; the review starts that day.
    let decided = view["decisionDate"].as_str().expect("decided").to_owned();

    let record_review_start = || {
        in_dir(
            &dir,
            &[
                "case",
                "event",
                "--case",
                &reference,
                "--event",
                "review-start",
                "--date",
                &decided,
            ],
        )
    };
    let recorded = record_review_start();
    assert!(recorded.status.success(), "{}", text(&recorded));
    assert!(
        text(&recorded).contains(&format!("The SCR started: {decided}")),
        "{}",
        text(&recorded)
    );
    let again = record_review_start();
    assert!(!again.status.success());
    assert!(
        text(&again).contains("[milestone.already_recorded]"),
        "{}",
        text(&again)
    );
    let withdrawn = in_dir(
        &dir,
        &[
            "case",
            "correct-event",
            "--case",
            &reference,
            "--event",
            "review-start",
            "--withdraw",
            "--reason",
            "Recorded too early",
        ],
    );
    assert!(withdrawn.status.success(), "{}", text(&withdrawn));
    assert!(
        text(&withdrawn).contains("withdrawn (correction: Recorded too early)"),
        "{}",
        text(&withdrawn)
    );

    let csv = temp.temp.path().join("qm3.csv");
    let pdf = temp.temp.path().join("qm3.pdf");
    let args = [
        "report",
        "qm3",
        "--csv",
        csv.to_str().expect("path"),
        "--pdf",
        pdf.to_str().expect("path"),
    ];
    let report = run(&mut scr_desk_in(&dir, &args));
    assert!(report.status.success(), "{}", text(&report));
    let written = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        written.contains(&reference),
        "the year to today holds the demo's decision: {written}"
    );
    // The signed PDF checks out with the app's own verifier, against the board in the archive.
    let verified = run(&mut scr_desk_in(&dir, &["verify", pdf.to_str().expect("path")]));
    assert!(verified.status.success(), "{}", text(&verified));
    // A second run refuses the existing files, before writing any.
    std::fs::remove_file(&csv).expect("remove the CSV");
    let again = run(&mut scr_desk_in(&dir, &args));
    assert!(!again.status.success(), "{}", text(&again));
    assert!(!csv.exists(), "nothing written when one file exists");
}

#[test]
fn an_uncertain_delivery_is_resent_from_the_command_line() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    // Member 01's message was at the server when the app stopped: uncertain on the next run.
    cut_off_first_send(&board, &server);
    let report = board.desk().send_decision(REFERENCE, false).expect("resume");
    assert_eq!(report.uncertain, 1);

    // Nothing waits for Member 02 (sent): refused with the stable code.
    let nothing = in_board(
        &board,
        &[
            "deliveries",
            "confirm",
            "--decision",
            REFERENCE,
            "--member",
            "member02@example.org",
        ],
    );
    assert!(!nothing.status.success());
    assert!(
        text(&nothing).contains("[delivery.not_found]"),
        "{}",
        text(&nothing)
    );

    let resent = in_board(
        &board,
        &[
            "deliveries",
            "resend",
            "--decision",
            REFERENCE,
            "--member",
            "member01@example.org",
            "--reason",
            "The member says it never arrived",
        ],
    );
    assert!(resent.status.success(), "{}", text(&resent));
    board.desk().send_decision(REFERENCE, false).expect("send");
    let statuses: Vec<&str> = board
        .desk()
        .distribution(REFERENCE)
        .expect("view")
        .deliveries
        .iter()
        .map(|d| d.status.as_str())
        .collect();
    assert_eq!(statuses, ["sent", "sent"]);
    // The plain listing still works without a subcommand.
    let listing = in_board(&board, &["deliveries", "--decision", REFERENCE]);
    assert!(listing.status.success(), "{}", text(&listing));
}
