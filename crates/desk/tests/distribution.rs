//! Distribution through the desk against a real SMTP server (tests/smtp/server.py), the real
//! encrypted archive and the real Secret Service: what arrives, the log per member when the
//! server fails, retries that send only the unsent, TLS with the council's CA, acknowledgements,
//! reminders, secure export and "who was told".

use scr_desk::testing::{
    add_email_members, cut_off_first_send, issue_circular, issue_circular_and_personal, member,
    plain_settings, TestBoard, REFERENCE,
};
use scr_desk::{AcknowledgementInput, Desk, ErrorCode, MailSettingsInput};
use scr_domain::delivery::{DeliveryAction, DeliveryChannel, DeliveryStatus};
use scr_domain::mail_security::MailSecurity;
use scr_domain::register::Channel;
use scr_mail::test_server::{free_port, ServerTls, TestSmtpServer};

fn statuses(desk: &Desk) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = desk
        .distribution(REFERENCE)
        .expect("distribution")
        .deliveries
        .into_iter()
        .map(|d| (d.member_name, d.status.as_str().to_owned()))
        .collect();
    rows.sort();
    rows
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn every_member_gets_their_letter_byte_for_byte_once_with_the_message_id_recorded() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    let desk = board.desk();
    let ids = add_email_members(&desk, 3);
    let export_member = desk
        .add_member(member(4, Channel::SecureExport))
        .expect("member")
        .id;
    // One issue: the circular and a member's personal copy, signed together.
    let issued = issue_circular_and_personal(&desk, &[ids[1]]);
    let (circular, personal) = (issued[0].clone(), issued[1].clone());
    desk.save_mail_settings(plain_settings(server.port))
        .expect("settings");

    let dry = desk.send_decision(REFERENCE, true).expect("dry run");
    assert_eq!(dry.letters.len(), 4);
    assert!(dry.letters.iter().all(|l| l.status.is_none()), "none queued yet");
    assert!(
        server.received().is_empty() && desk.distribution(REFERENCE).expect("view").deliveries.is_empty()
    );

    let report = desk.send_decision(REFERENCE, false).expect("send");
    assert_eq!((report.sent, report.failed, report.to_export), (3, 0, 1));
    let received = server.received();
    assert_eq!(received.len(), 3);
    let view = desk.distribution(REFERENCE).expect("view");
    for delivery in view
        .deliveries
        .iter()
        .filter(|d| d.channel == DeliveryChannel::Email)
    {
        let got: Vec<_> = received
            .iter()
            .filter(|m| m.to == [delivery.address.clone()])
            .collect();
        assert_eq!(got.len(), 1, "{} got {} messages", delivery.address, got.len());
        let expected = if delivery.member_id == ids[1] {
            &personal
        } else {
            &circular
        };
        assert_eq!(delivery.letter_id, expected.id);
        assert_eq!(got[0].attachments.len(), 1);
        assert_eq!(
            got[0].attachments[0].sha256, expected.sha256,
            "attachment differs from the archive"
        );
        assert_eq!(
            got[0].message_id,
            delivery.outcome.message_id.clone().expect("recorded")
        );
        assert!(got[0]
            .subject
            .starts_with("[OFFICIAL-SENSITIVE] Anytown Safeguarding Children Board SCR-2016-004"));
        assert!(got[0].text.contains(&format!("Dear {},", delivery.member_name)));
        assert!(delivery
            .outcome
            .server_reply
            .as_deref()
            .is_some_and(|r| r.starts_with("250")));
        assert_eq!(delivery.status, DeliveryStatus::Sent);
        assert_eq!(delivery.actions, [DeliveryAction::Resend]);
    }
    // The secure-export member is missed until their letter is exported and confirmed.
    assert_eq!(view.missed, ["Member 04"]);

    let again = desk.send_decision(REFERENCE, false).expect("again");
    assert_eq!((again.sent, again.already_sent), (0, 3));
    assert_eq!(server.received().len(), 3, "a second send sent nothing again");

    let folder = tempfile::tempdir().expect("export dir");
    let export = desk
        .export_for_secure_mail(REFERENCE, Some(folder.path()))
        .expect("export");
    assert_eq!(export.files, 1);
    let exported = std::fs::read_dir(&export.folder).expect("folder").count();
    assert_eq!(exported, 2, "one PDF and index.csv");
    let row = desk
        .distribution(REFERENCE)
        .expect("view")
        .told
        .into_iter()
        .find(|r| r.member_id == export_member);
    let row = row.expect("row");
    assert_eq!(row.status, Some(DeliveryStatus::Exported));
    desk.confirm_delivery_sent(row.delivery_id.expect("id"), "sent by the police secure mail")
        .expect("confirm");
    assert!(desk.distribution(REFERENCE).expect("view").missed.is_empty());
}

#[test]
fn failures_are_logged_per_member_and_a_retry_sends_only_the_unsent() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    let desk = board.desk();
    add_email_members(&desk, 5);
    issue_circular(&desk);
    desk.save_mail_settings(plain_settings(server.port))
        .expect("settings");
    // Members are sent to in the order they were queued (register order: by name).
    server.control(
        r#"{"script": ["ok", "ok", "451 4.7.1 Greylisted, try later", "550 5.1.1 No such mailbox"]}"#,
    );

    let report = desk.send_decision(REFERENCE, false).expect("send");
    assert_eq!((report.sent, report.failed), (3, 2));
    assert_eq!(
        statuses(&desk),
        pairs(&[
            ("Member 01", "sent"),
            ("Member 02", "sent"),
            ("Member 03", "failed"),
            ("Member 04", "failed"),
            ("Member 05", "sent")
        ])
    );
    let view = desk.distribution(REFERENCE).expect("view");
    let m3 = view
        .deliveries
        .iter()
        .find(|d| d.member_name == "Member 03")
        .expect("m3");
    let m4 = view
        .deliveries
        .iter()
        .find(|d| d.member_name == "Member 04")
        .expect("m4");
    assert_eq!(m3.outcome.retryable, Some(true));
    assert!(m3
        .outcome
        .error
        .as_deref()
        .is_some_and(|e| e.contains("451") && e.contains("Greylisted")));
    assert_eq!(m4.outcome.retryable, Some(false));
    assert_eq!(view.missed, ["Member 03", "Member 04"]);

    // The retry sends only Member 03 (retryable); the permanent failure waits for the user.
    let retry = desk.send_decision(REFERENCE, false).expect("retry");
    assert_eq!((retry.sent, retry.failed), (1, 0));
    assert_eq!(server.received().len(), 4);
    assert_eq!(server.received()[3].to, ["member03@example.org"]);
    assert_eq!(statuses(&desk)[3], ("Member 04".to_owned(), "failed".to_owned()));

    desk.resend_delivery(m4.id, "the address was corrected by the agency")
        .expect("resend");
    desk.send_decision(REFERENCE, false).expect("resend");
    let received = server.received();
    assert_eq!(received.len(), 5);
    for n in 1..=5 {
        let address = format!("member{n:02}@example.org");
        assert_eq!(
            received.iter().filter(|m| m.to == [address.clone()]).count(),
            1,
            "{address}"
        );
    }
}

#[test]
fn a_server_down_at_start_or_refusing_after_k_messages_then_a_retry_completes_the_batch() {
    let port = free_port();
    let board = TestBoard::new();
    let desk = board.desk();
    add_email_members(&desk, 4);
    issue_circular(&desk);
    desk.save_mail_settings(plain_settings(port)).expect("settings");

    let down = desk
        .send_decision(REFERENCE, false)
        .expect("send with the server down");
    assert_eq!((down.sent, down.failed), (0, 4));
    let view = desk.distribution(REFERENCE).expect("view");
    assert!(view
        .deliveries
        .iter()
        .all(|d| d.status == DeliveryStatus::Failed && d.outcome.retryable == Some(true)));
    assert!(view.deliveries[0]
        .outcome
        .error
        .as_deref()
        .is_some_and(|e| e.contains("refused the connection")));

    let server = TestSmtpServer::start_with(ServerTls::None, None, port);
    server.control(r#"{"script": ["ok", "ok"], "default": "421 4.3.2 Too many messages, closing"}"#);
    let partial = desk.send_decision(REFERENCE, false).expect("refuses after 2");
    assert_eq!((partial.sent, partial.failed), (2, 2));
    server.control(r#"{}"#);
    let rest = desk.send_decision(REFERENCE, false).expect("the rest");
    assert_eq!((rest.sent, rest.failed, rest.already_sent), (2, 0, 2));
    let received = server.received();
    assert_eq!(received.len(), 4);
    let mut addresses: Vec<String> = received.into_iter().flat_map(|m| m.to).collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), 4, "every member exactly once");
}

#[test]
fn a_message_cut_off_by_a_crash_is_uncertain_and_never_resent_without_the_users_word() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    // A first run queued both and died with Member 01's message at the server.
    cut_off_first_send(&board, &server);
    let desk = board.desk();
    let report = desk.send_decision(REFERENCE, false).expect("resume");
    assert_eq!((report.sent, report.uncertain), (1, 1));
    assert_eq!(
        statuses(&desk),
        pairs(&[("Member 01", "uncertain"), ("Member 02", "sent")])
    );
    assert_eq!(desk.distribution(REFERENCE).expect("view").uncertain, 1);
    desk.send_decision(REFERENCE, false).expect("again");
    assert_eq!(
        server.received().len(),
        1,
        "the uncertain one is not sent again by itself"
    );

    let id = desk.distribution(REFERENCE).expect("view").deliveries[0].id;
    assert_eq!(
        desk.resend_delivery(id, " ").unwrap_err().code(),
        ErrorCode::DeliveryReasonMissing,
        "a resend needs a reason"
    );
    desk.resend_delivery(id, "the member says it never arrived")
        .expect("resend");
    desk.send_decision(REFERENCE, false).expect("send");
    assert_eq!(
        statuses(&desk),
        pairs(&[("Member 01", "sent"), ("Member 02", "sent")])
    );
}

#[test]
fn tls_with_an_unknown_ca_is_refused_clearly_then_works_with_the_councils_ca_and_the_keyring_password() {
    let server = TestSmtpServer::start_with(ServerTls::Starttls, Some("board:correct horse"), free_port());
    let board = TestBoard::new();
    let desk = board.desk();
    let mut settings = MailSettingsInput {
        security: MailSecurity::Starttls,
        allow_plain: false,
        username: "board".into(),
        password: "correct horse".into(),
        ..plain_settings(server.port)
    };
    desk.save_mail_settings(settings.clone()).expect("settings");
    let view = desk.mail_settings().expect("view");
    assert!(view.password_saved);
    let error = desk.send_test_message(None).unwrap_err();
    assert_eq!(error.code(), ErrorCode::MailUnknownCa);
    let ipc = scr_desk::ipc::IpcError::from(&error);
    assert!(
        ipc.message.contains("add the council's CA certificate"),
        "{}",
        ipc.message
    );

    settings.ca_pem = server.ca_pem();
    settings.password = String::new(); // kept in the keyring
    desk.save_mail_settings(settings.clone()).expect("with the CA");
    let sent = desk
        .send_test_message(Some("chair@anytown.example"))
        .expect("test message");
    assert!(sent.server_reply.starts_with("250"));
    assert_eq!(server.received()[0].to, ["chair@anytown.example"]);

    let plain = MailSettingsInput {
        security: MailSecurity::Plain,
        allow_plain: false,
        ..settings
    };
    assert_eq!(
        desk.save_mail_settings(plain).unwrap_err().code(),
        ErrorCode::MailPlainNotConfirmed
    );
}

#[test]
fn acknowledgements_and_reminders_after_n_working_days_referencing_the_original() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    let ids = add_email_members(&board.desk(), 3);
    issue_circular(&board.desk());
    board
        .desk()
        .save_mail_settings(MailSettingsInput {
            reminder_working_days: "3".into(),
            ..plain_settings(server.port)
        })
        .expect("settings");
    board.desk().send_decision(REFERENCE, false).expect("send");
    let today = board.desk().clock().today();

    let desk = board.desk();
    let view = desk
        .record_acknowledgement(AcknowledgementInput {
            reference: REFERENCE.into(),
            member_id: ids[0],
            date: String::new(),
            how: "Email reply".into(),
        })
        .expect("acknowledge");
    assert_eq!(view.not_acknowledged, ["Member 02", "Member 03"]);
    assert!(
        view.told.iter().all(|r| !r.reminder_due),
        "not due on the day of sending"
    );
    assert!(desk
        .send_reminders(REFERENCE)
        .expect("none due")
        .reminded
        .is_empty());

    let later = board.desk().with_today(today + chrono::Days::new(10));
    let report = later.send_reminders(REFERENCE).expect("reminders");
    assert_eq!(report.reminded, ["Member 02", "Member 03"]);
    let received = server.received();
    assert_eq!(received.len(), 5);
    let originals = later.distribution(REFERENCE).expect("view").deliveries;
    for reminder in &received[3..] {
        let original = originals
            .iter()
            .find(|d| [d.address.clone()] == *reminder.to.as_slice())
            .expect("original");
        assert_eq!(reminder.in_reply_to, original.outcome.message_id);
        assert!(reminder.subject.contains("Reminder"));
        assert!(reminder.attachments.is_empty());
    }
    // The reminder is dated by the clock that sent it; on the same day, nobody is due again.
    assert!(
        later
            .send_reminders(REFERENCE)
            .expect("again")
            .reminded
            .is_empty(),
        "not twice in a row"
    );
    let view = later.distribution(REFERENCE).expect("view");
    assert_eq!(
        view.told.iter().map(|r| r.reminders_sent).collect::<Vec<_>>(),
        [0, 1, 1]
    );
}

#[test]
fn who_was_told_uses_the_register_on_the_decision_date_and_lists_anyone_missed() {
    let board = TestBoard::new();
    let desk = board.desk();
    add_email_members(&desk, 2);
    let mut post = member(3, Channel::Post);
    post.name = "Member 03 by post".into();
    desk.add_member(post).expect("post member");
    let mut quiet = member(4, Channel::Email);
    quiet.receives_letters = false;
    desk.add_member(quiet).expect("member who takes no letters");
    assert_eq!(
        desk.send_decision(REFERENCE, true).unwrap_err().code(),
        ErrorCode::DistributionNoLetters
    );
    issue_circular(&desk);
    let view = desk.distribution(REFERENCE).expect("view");
    assert!(
        !view.register_date_is_decision_date,
        "no finalised decision: today's register"
    );
    assert_eq!(view.told.len(), 4);
    assert_eq!(view.missed, ["Member 01", "Member 02", "Member 03 by post"]);
    assert_eq!(
        desk.send_decision(REFERENCE, false).unwrap_err().code(),
        ErrorCode::MailNotConfigured
    );
}
