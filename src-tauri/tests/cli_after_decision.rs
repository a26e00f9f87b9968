//! After the decision from the command line: a milestone recorded (and refused twice), the QM3
//! report written to CSV, and an uncertain delivery settled by `deliveries resend`, against the
//! real archive, Secret Service and a local SMTP server.

use std::process::{Command, Output};

use scr_desk::testing::{add_email_members, issue_circular, plain_settings, TestBoard, REFERENCE};
use scr_mail::test_server::{ServerTls, TestSmtpServer};

fn scr_desk(board: &TestBoard, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scr-desk"))
        .arg("--data-dir")
        .arg(&board.dir)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run scr-desk")
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
    let board = TestBoard::new();
    {
        let desk = board.desk();
        add_email_members(&desk, 2);
        issue_circular(&desk);
    }
    let recorded = scr_desk(
        &board,
        &["case", "event", "--case", REFERENCE, "--event", "review-start", "--date", "3/5/2016"],
    );
    assert!(recorded.status.success(), "{}", text(&recorded));
    assert!(text(&recorded).contains("The SCR started: 2016-05-03"), "{}", text(&recorded));
    let again = scr_desk(
        &board,
        &["case", "event", "--case", REFERENCE, "--event", "review-start", "--date", "2016-05-04"],
    );
    assert!(!again.status.success());
    assert!(text(&again).contains("[milestone.already_recorded]"), "{}", text(&again));
    let corrected = scr_desk(
        &board,
        &[
            "case", "correct-event", "--case", REFERENCE, "--event", "review-start", "--date", "2016-05-04",
            "--reason", "The first meeting was on the 4th",
        ],
    );
    assert!(corrected.status.success(), "{}", text(&corrected));
    assert!(text(&corrected).contains("correction: The first meeting was on the 4th"));

    let csv = board.temp.path().join("qm3.csv");
    let report = scr_desk(
        &board,
        &["report", "qm3", "--from", "2016-01-01", "--to", "2016-12-31", "--csv", csv.to_str().expect("path")],
    );
    assert!(report.status.success(), "{}", text(&report));
    let written = std::fs::read_to_string(&csv).expect("csv");
    assert!(written.contains(REFERENCE), "{written}");
}

#[test]
fn an_uncertain_delivery_is_resent_from_the_command_line() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    let desk = board.desk();
    add_email_members(&desk, 2);
    issue_circular(&desk);
    desk.save_mail_settings(plain_settings(server.port))
        .expect("settings");
    // Member 01's message was at the server when the app stopped: uncertain on the next run.
    server.control(r#"{"script": ["451 4.7.1 later", "451 4.7.1 later"]}"#);
    desk.send_decision(REFERENCE, false).expect("first run");
    let first = desk.distribution(REFERENCE).expect("view").deliveries[0].id;
    drop(desk);
    {
        let keyring = scr_desk::SystemKeyring::connect().expect("keyring");
        let mut archive = scr_archive::Archive::open(
            &board.dir,
            &keyring,
            &scr_archive::Actor::new("test", "crash", scr_domain::clock::Clock::from_fn(chrono::Utc::now)),
        )
        .expect("open");
        archive
            .mark_delivery_sending(first, "<lost@anytown.example>")
            .expect("sending");
    }
    server.control(r#"{}"#);
    let report = board.desk().send_decision(REFERENCE, false).expect("resume");
    assert_eq!(report.uncertain, 1);

    // Nothing waits for Member 02 (sent): refused with the stable code.
    let nothing = scr_desk(
        &board,
        &["deliveries", "confirm", "--decision", REFERENCE, "--member", "member02@example.org"],
    );
    assert!(!nothing.status.success());
    assert!(text(&nothing).contains("[delivery.not_found]"), "{}", text(&nothing));

    let resent = scr_desk(
        &board,
        &[
            "deliveries", "resend", "--decision", REFERENCE, "--member", "member01@example.org", "--reason",
            "The member says it never arrived",
        ],
    );
    assert!(resent.status.success(), "{}", text(&resent));
    board.desk().send_decision(REFERENCE, false).expect("send");
    let statuses: Vec<String> = board
        .desk()
        .distribution(REFERENCE)
        .expect("view")
        .deliveries
        .iter()
        .map(|d| d.status.clone())
        .collect();
    assert_eq!(statuses, ["sent", "sent"]);
    // The plain listing still works without a subcommand.
    let listing = scr_desk(&board, &["deliveries", "--decision", REFERENCE]);
    assert!(listing.status.success(), "{}", text(&listing));
}
