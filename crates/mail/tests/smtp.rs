//! Sending against a real SMTP server (aiosmtpd, tests/smtp/server.py): plain, STARTTLS and
//! implicit TLS with a test CA, a password, and the failures a council's server can give.

use scr_domain::mail_security::MailSecurity;
use scr_mail::test_server::{free_port, ServerTls, TestSmtpServer};
use scr_mail::{
    new_message_id, Correspondence, FailureKind, LetterEmail, MailError, Mailer, OutgoingMessage,
    SmtpSettings,
};

fn settings(server_port: u16, security: MailSecurity) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port: server_port,
        security,
        username: String::new(),
        sender_name: "Westmoor SCB".into(),
        sender_address: "board@westmoor.example".into(),
        reply_to: Some("manager@westmoor.example".into()),
        ca_pem: None,
        marking_in_subject: true,
    }
}

fn letter(to: &str, pdf: &[u8]) -> OutgoingMessage {
    let email = LetterEmail {
        to: Correspondence {
            board_name: "Westmoor Safeguarding Children Board",
            reference: "SCR-2026-003",
            recipient_name: "Ann Lee",
            chair_name: "Dr Jane Smith",
            marking: Some("OFFICIAL-SENSITIVE"),
        },
        about: "decision",
    };
    OutgoingMessage {
        to_name: "Ann Lee".into(),
        to_address: to.into(),
        subject: email.subject(),
        text: email.text(),
        html: Some(email.html()),
        attachment: Some(("SCR-2026-003.pdf".into(), pdf.to_vec())),
        message_id: new_message_id("westmoor.example"),
        in_reply_to: None,
        date: std::time::SystemTime::now(),
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode_upper(sha2::Sha256::digest(bytes))
}

#[test]
fn a_plain_message_arrives_with_its_attachment_byte_for_byte_and_our_message_id() {
    let server = TestSmtpServer::start(ServerTls::None);
    let mailer = Mailer::new(&settings(server.port, MailSecurity::Plain), None).expect("mailer");
    let pdf: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let message = letter("ann.lee@police.example", &pdf);
    let receipt = mailer.send(&message).expect("send");
    assert!(
        receipt.server_reply.starts_with("250"),
        "{}",
        receipt.server_reply
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.to, ["ann.lee@police.example"]);
    assert_eq!(
        got.subject,
        "[OFFICIAL-SENSITIVE] Westmoor Safeguarding Children Board SCR-2026-003: decision letter"
    );
    assert_eq!(got.message_id, receipt.message_id);
    assert!(got.text.starts_with("Dear Ann Lee,"));
    assert_eq!(got.attachments.len(), 1);
    assert_eq!(got.attachments[0].content_type, "application/pdf");
    assert_eq!(got.attachments[0].sha256, sha256(&pdf));
}

#[test]
fn starttls_with_an_unknown_ca_is_refused_clearly_and_works_once_the_ca_is_given() {
    let server = TestSmtpServer::start(ServerTls::Starttls);
    let mut s = settings(server.port, MailSecurity::Starttls);
    let error = Mailer::new(&s, None)
        .expect("mailer")
        .send(&letter("a@b.example", b"%PDF"))
        .unwrap_err();
    assert!(matches!(error, MailError::UnknownCa { .. }), "{error:?}");
    assert!(
        error.to_string().contains("add the council's CA certificate"),
        "{error}"
    );
    assert_eq!(error.kind(), FailureKind::Permanent);
    assert!(server.received().is_empty());

    s.ca_pem = Some(server.ca_pem());
    Mailer::new(&s, None)
        .expect("mailer")
        .send(&letter("a@b.example", b"%PDF"))
        .expect("send with the CA");
    assert_eq!(server.received().len(), 1);
}

#[test]
fn implicit_tls_and_a_password_the_server_checks() {
    let server = TestSmtpServer::start_with(ServerTls::Implicit, Some("board:s3cret pass"), free_port());
    let mut s = settings(server.port, MailSecurity::Tls);
    s.ca_pem = Some(server.ca_pem());
    s.username = "board".into();
    let wrong = Mailer::new(&s, Some("wrong"))
        .expect("mailer")
        .send(&letter("a@b.example", b"%PDF"))
        .unwrap_err();
    assert!(
        matches!(
            wrong,
            MailError::Rejected {
                code: 535,
                kind: FailureKind::Permanent,
                ..
            }
        ),
        "{wrong:?}"
    );
    Mailer::new(&s, Some("s3cret pass"))
        .expect("mailer")
        .send(&letter("a@b.example", b"%PDF"))
        .expect("send");
    assert_eq!(server.received().len(), 1);
}

#[test]
fn server_replies_are_classified_4xx_retryable_5xx_permanent_and_refusal_retryable() {
    let server = TestSmtpServer::start(ServerTls::None);
    server.control(r#"{"script": ["451 4.7.1 Try again later", "550 5.1.1 No such user"]}"#);
    let mailer = Mailer::new(&settings(server.port, MailSecurity::Plain), None).expect("mailer");
    let first = mailer.send(&letter("a@b.example", b"%PDF")).unwrap_err();
    assert!(
        matches!(&first, MailError::Rejected { code: 451, kind: FailureKind::Retryable, reply } if reply.contains("Try again later")),
        "{first:?}"
    );
    let second = mailer.send(&letter("a@b.example", b"%PDF")).unwrap_err();
    assert!(
        matches!(
            second,
            MailError::Rejected {
                code: 550,
                kind: FailureKind::Permanent,
                ..
            }
        ),
        "{second:?}"
    );
    mailer
        .send(&letter("a@b.example", b"%PDF"))
        .expect("then accepted");
    assert_eq!(server.received().len(), 1);

    let nobody = Mailer::new(&settings(free_port(), MailSecurity::Plain), None).expect("mailer");
    let refused = nobody.send(&letter("a@b.example", b"%PDF")).unwrap_err();
    assert!(
        matches!(refused, MailError::ConnectionRefused { .. }),
        "{refused:?}"
    );
    assert!(refused.retryable());
}

#[test]
fn settings_are_checked_before_any_connection() {
    let mut s = settings(25, MailSecurity::Starttls);
    s.sender_address = "not an address".into();
    assert!(matches!(s.validated(), Err(MailError::InvalidAddress { .. })));
    s.sender_address = "board@westmoor.example".into();
    s.ca_pem = Some("-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n".into());
    assert!(matches!(s.validated(), Err(MailError::CaCertificate(_))));
}
