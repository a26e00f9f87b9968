//! Distribution from the command line against a real SMTP server, and the crash test: the
//! `scr-desk send` process is killed with SIGKILL in the middle of a 60-member batch, run again,
//! and every member ends up with exactly one message in the server's mailbox.

mod common;

use std::process::{Command, Output, Stdio};

use common::run;
use std::time::{Duration, Instant};

use scr_desk::testing::{add_email_members, issue_circular, plain_settings, TestBoard, REFERENCE};
use scr_mail::test_server::{free_port, ServerTls, TestSmtpServer};

fn scr_desk(board: &TestBoard, args: &[&str]) -> Command {
    common::scr_desk_in(&board.dir, args)
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn smtp_settings_send_deliveries_and_acknowledge_from_the_command_line() {
    let server = TestSmtpServer::start_with(ServerTls::Starttls, Some("board:pass word"), free_port());
    let board = TestBoard::new();
    {
        let desk = board.desk();
        add_email_members(&desk, 2);
        issue_circular(&desk);
    }
    let ca = board.temp.path().join("council-ca.pem");
    std::fs::write(&ca, server.ca_pem()).expect("ca");
    let port = server.port.to_string();
    let mut settings = scr_desk(
        &board,
        &[
            "settings",
            "smtp",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--security",
            "starttls",
            "--user",
            "board",
            "--from",
            "board@anytown.example",
            "--ca-file",
        ],
    );
    settings
        .arg(&ca)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = settings.spawn().expect("spawn");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), b"pass word\n").expect("password");
    let output = child.wait_with_output().expect("settings");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("password in the system keyring"));
    assert!(board.desk().mail_settings().expect("view").password_saved);

    let dry = run(&mut scr_desk(
        &board,
        &["--json", "send", "--decision", REFERENCE, "--dry-run"],
    ));
    assert!(dry.status.success());
    assert_eq!(json(&dry)["letters"].as_array().expect("letters").len(), 2);
    assert!(server.received().is_empty());

    let sent = run(&mut scr_desk(
        &board,
        &["--json", "send", "--decision", REFERENCE],
    ));
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stdout));
    assert_eq!(json(&sent)["sent"], 2);
    assert_eq!(server.received().len(), 2);

    let ack = run(&mut scr_desk(
        &board,
        &[
            "acknowledge",
            "--decision",
            REFERENCE,
            "--member",
            "member01@example.org",
            "--date",
            "2026-03-04",
        ],
    ));
    assert!(ack.status.success(), "{}", String::from_utf8_lossy(&ack.stderr));
    let log = run(&mut scr_desk(
        &board,
        &["--json", "deliveries", "--decision", REFERENCE],
    ));
    let log = json(&log);
    assert_eq!(log["notAcknowledged"], serde_json::json!(["Member 02"]));
    assert_eq!(log["told"][0]["acknowledgedOn"], "2026-03-04");
    assert_eq!(log["deliveries"][0]["status"], "sent");
    let text = run(&mut scr_desk(&board, &["deliveries", "--decision", REFERENCE]));
    assert!(String::from_utf8_lossy(&text.stdout).contains("Not yet acknowledged: Member 02"));

    let smtp_with_security = |security: &str| {
        run(&mut scr_desk(
            &board,
            &[
                "settings",
                "smtp",
                "--host",
                "127.0.0.1",
                "--security",
                security,
                "--from",
                "board@anytown.example",
            ],
        ))
    };
    let plain = smtp_with_security("plain");
    assert_eq!(plain.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("Without encryption"));

    // The protection is one of the three the mail settings know, named as the form names them.
    let unknown = smtp_with_security("ssl");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("[possible values: starttls, tls, plain]"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
}

#[test]
fn sigkill_in_the_middle_of_a_60_member_batch_then_resume_gives_everyone_exactly_one_message() {
    let server = TestSmtpServer::start(ServerTls::None);
    // Slow enough that the kill lands mid-batch, whatever the machine's speed.
    server.control(r#"{"delay": 0.05}"#);
    let board = TestBoard::new();
    {
        let desk = board.desk();
        add_email_members(&desk, 60);
        issue_circular(&desk);
        desk.save_mail_settings(plain_settings(server.port))
            .expect("settings");
    }
    let mut first = scr_desk(&board, &["send", "--decision", REFERENCE])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.received().len() < 15 {
        assert!(Instant::now() < deadline, "the batch did not get going");
        assert!(
            first.try_wait().expect("wait").is_none(),
            "send finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    first.kill().expect("SIGKILL");
    first.wait().expect("reap");
    let at_kill = server.received().len();
    assert!(at_kill < 60, "the kill came too late to test anything");

    // Resume: the second run sends the rest and reports what the crash left uncertain.
    let resumed = run(&mut scr_desk(
        &board,
        &["--json", "send", "--decision", REFERENCE],
    ));
    let report = json(&resumed);
    let uncertain = report["uncertain"].as_u64().expect("uncertain");
    assert!(
        uncertain <= 1,
        "only the message in flight can be uncertain: {report}"
    );
    assert_eq!(report["failed"], 0);
    println!("killed with {at_kill} messages delivered; {uncertain} uncertain on resume");

    // The user settles the uncertain one: the server's mailbox (the member's inbox) says
    // whether it went; confirm it, or explicitly send it again.
    let desk = board.desk();
    let view = desk.distribution(REFERENCE).expect("view");
    for delivery in view
        .deliveries
        .iter()
        .filter(|d| d.status == scr_domain::delivery::DeliveryStatus::Uncertain)
    {
        let arrived = server
            .received()
            .iter()
            .any(|m| Some(&m.message_id) == delivery.outcome.message_id.as_ref());
        if arrived {
            desk.confirm_delivery_sent(delivery.id, "the member confirmed it arrived")
                .expect("confirm");
        } else {
            desk.resend_delivery(delivery.id, "the member says it never arrived")
                .expect("resend");
        }
    }
    drop(desk);
    let last = run(&mut scr_desk(
        &board,
        &["--json", "send", "--decision", REFERENCE],
    ));
    assert!(last.status.success(), "{}", String::from_utf8_lossy(&last.stdout));

    let received = server.received();
    for n in 1..=60 {
        let address = format!("member{n:02}@example.org");
        let count = received.iter().filter(|m| m.to == [address.clone()]).count();
        assert_eq!(count, 1, "{address} received {count} messages");
    }
    assert_eq!(received.len(), 60);
    let view = board.desk().distribution(REFERENCE).expect("view");
    assert!(view.missed.is_empty(), "missed: {:?}", view.missed);
    assert!(view.deliveries.iter().all(|d| d.status.is_delivered()));
}
