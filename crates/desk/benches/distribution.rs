//! Sending a decision's letters to 60 members through the local test SMTP server
//! (tests/smtp/server.py), with the delivery log written around every message; and the same 60
//! messages through the mailer alone, to show what the log costs. Prints the figures.
//! Run: scripts/bench-mail.sh (it starts a Secret Service), or `cargo bench -p scr-desk --bench distribution`.

use std::time::{Duration, Instant};

use scr_desk::testing::{add_email_members, issue_circular, plain_settings, TestBoard, REFERENCE};
use scr_domain::mail_security::MailSecurity;
use scr_mail::test_server::{ServerTls, TestSmtpServer};
use scr_mail::{new_message_id, Correspondence, LetterEmail, Mailer, OutgoingMessage, SmtpSettings};

const MEMBERS: usize = 60;
const ROUNDS: usize = 5;

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: min {:.0} ms, median {:.0} ms, max {:.0} ms ({} rounds; {:.1} ms per letter at the median)",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len(),
        ms(times[times.len() / 2]) / MEMBERS as f64
    );
}

fn main() {
    let server = TestSmtpServer::start(ServerTls::None);
    let board = TestBoard::new();
    let desk = board.desk();
    add_email_members(&desk, MEMBERS);
    desk.save_mail_settings(plain_settings(server.port))
        .expect("settings");

    let mut with_log = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..ROUNDS {
        // A new circular each round: a new letter, so every member is due it again.
        let letter = issue_circular(&desk);
        pdf = desk.issued_letter_pdf(letter.id).expect("pdf");
        let started = Instant::now();
        let report = desk.send_decision(REFERENCE, false).expect("send");
        with_log.push(started.elapsed());
        assert_eq!(report.sent as usize, MEMBERS);
    }
    summary(&format!("{MEMBERS} letters, delivery log included"), with_log);

    let mailer = Mailer::new(
        &SmtpSettings {
            host: "127.0.0.1".into(),
            port: server.port,
            security: MailSecurity::Plain,
            sender_address: "board@anytown.example".into(),
            ..SmtpSettings::default()
        },
        None,
    )
    .expect("mailer");
    let mut smtp_only = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for n in 0..MEMBERS {
            let email = LetterEmail {
                to: Correspondence {
                    board_name: "Anytown Safeguarding Children Board",
                    reference: REFERENCE,
                    recipient_name: "Member",
                    chair_name: "Dr Jane Smith",
                    marking: None,
                },
                about: "decision",
            };
            let message = OutgoingMessage {
                to_name: "Member".into(),
                to_address: format!("member{n:02}@example.org"),
                subject: email.subject(),
                text: email.text(),
                html: Some(email.html()),
                attachment: Some(("letter.pdf".into(), pdf.clone())),
                message_id: new_message_id("anytown.example"),
                in_reply_to: None,
                date: std::time::SystemTime::now(),
            };
            mailer.send(&message).expect("send");
        }
        smtp_only.push(started.elapsed());
    }
    summary(&format!("{MEMBERS} letters, SMTP only"), smtp_only);
    println!("letter size: {} bytes", pdf.len());
}
