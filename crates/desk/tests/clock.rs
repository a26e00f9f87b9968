//! One clock: with the desk's clock fixed, a deadline, a letter's date and signing time, a
//! reminder and the audit trail all read the same moment, as England's calendar counts it (the
//! moment chosen is 23:30 UTC, already the next day in British Summer Time).

mod common;

use chrono::NaiveDate;
use common::{at, first_reference, pdftotext, TestDesk};
use scr_desk::testing::plain_settings;
use scr_desk::{Clock, Desk, MailSettingsInput};
use scr_domain::timers::TimerStatus;
use scr_mail::test_server::{ServerTls, TestSmtpServer};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

const SENT: &str = "2026-03-29T23:30:00Z";

fn desk_at(test: &TestDesk, time: &str) -> Desk {
    Desk::with_system_keyring(test.dir.clone(), "test").with_clock(Clock::fixed(at(time)))
}

#[test]
fn a_deadline_a_letter_a_reminder_and_the_audit_trail_read_one_clock() {
    let server = TestSmtpServer::start(ServerTls::None);
    let test = TestDesk::stopped_at(at(SENT));
    let desk = &test.desk;
    assert_eq!(
        desk.clock().today(),
        day(2026, 3, 30),
        "23:30 UTC in summer is the next day"
    );
    // The demonstration board: members, a finalised decision, its letters (issued now).
    let demo = desk.seed_demo().expect("demonstration letters");

    // A deadline: notified on 2 March, the decision is due a month later, on 2 April; from
    // 30 March (England's date, not the 29th of UTC) that is 3 days away.
    let mut summary = scr_domain::example::case();
    summary.incident_date = Some(day(2026, 2, 27));
    summary.notification_date = Some(day(2026, 3, 2));
    summary.referral_date = Some(day(2026, 3, 2));
    let case = desk
        .open_case(scr_desk::NewCase {
            summary,
            annex: scr_domain::example::annex(),
        })
        .expect("case");
    let decision_due = case
        .timers
        .iter()
        .find(|t| t.due == Some(day(2026, 4, 2)))
        .expect("a timer due on 2 April");
    assert!(
        matches!(decision_due.status, TimerStatus::Running { calendar_days: 3, .. }),
        "{:?}",
        decision_due.status
    );

    // A letter: dated today in England, signed at the clock's instant, stamped as issued then.
    let reference = first_reference(&demo);
    let letters = desk.issued_letters(Some(&reference)).expect("letters");
    assert!(
        letters.iter().all(|l| at(&l.created_at) == at(SENT)),
        "{letters:?}"
    );
    let pdf = desk.issued_letter_pdf(letters[0].id).expect("pdf");
    assert!(pdftotext(&pdf).contains("30 March 2026"), "the letter's date");
    let check = desk.verify_letter(&pdf).expect("verify");
    assert_eq!(check.signatures[0].signed_at.as_deref(), Some(SENT));

    // The audit trail stamps the same instant.
    let events = test.archive().audit_events().expect("events");
    assert_eq!(at(&events.last().expect("an event").at), at(SENT));

    // A reminder: sent Monday 30 March, due after 3 working days (Thursday 2 April) by the
    // board's calendar, closure days included; and dated by the clock that sent it.
    desk.save_mail_settings(MailSettingsInput {
        reminder_working_days: "3".into(),
        ..plain_settings(server.port)
    })
    .expect("settings");
    desk.send_decision(&reference, false).expect("send");
    let due = |desk: &Desk| {
        desk.distribution(&reference)
            .expect("view")
            .told
            .iter()
            .filter(|r| r.reminder_due)
            .count()
    };
    // 23:30 UTC on 1 April is already 2 April in England: due.
    let thursday = desk_at(&test, "2026-04-01T23:30:00Z");
    assert!(due(&thursday) > 0, "due on the third working day in England");
    assert_eq!(
        due(&desk_at(&test, "2026-04-01T22:30:00Z")),
        0,
        "still 1 April in England"
    );
    // A board closure day on 1 April moves it past Easter (3 and 6 April) to Tuesday 7 April.
    thursday
        .add_closure_day(day(2026, 4, 1), "Office move")
        .expect("closure day");
    assert_eq!(due(&thursday), 0, "the board's closure day is not a working day");
    let tuesday = desk_at(&test, "2026-04-07T08:00:00Z");
    let report = tuesday.send_reminders(&reference).expect("reminders");
    assert!(!report.reminded.is_empty());
    let archive = test.archive();
    let reminders = archive.reminders(&reference).expect("reminders");
    assert!(!reminders.is_empty());
    assert!(
        reminders
            .iter()
            .all(|r| at(&r.sent_at) == at("2026-04-07T08:00:00Z")),
        "{reminders:?}"
    );
}
