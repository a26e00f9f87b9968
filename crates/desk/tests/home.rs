//! The chair's home through the desk: every case's obligations, most urgent first, from the
//! demonstration board on a fixed day; recording a milestone answers one and raises the next.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::TestDesk;
use scr_desk::{Clock, MilestoneInput};
use scr_domain::framework::CaseEvent;
use scr_domain::obligations::{LetterKind, Owed, PlaceToAct};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn kinds(owed: &[scr_domain::obligations::Obligation]) -> Vec<String> {
    owed.iter()
        .map(|o| match &o.owed {
            Owed::NationalNotification { notification_id, .. } => format!("national:{notification_id}"),
            Owed::SendLetters { .. } => "send".to_owned(),
            Owed::Update { .. } => "update".to_owned(),
            Owed::OutcomeNotice { .. } => "outcome".to_owned(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn the_home_lists_what_is_owed_and_a_milestone_answers_it() {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-05-11T10:00:00Z")
        .expect("time")
        .with_timezone(&Utc);
    let test = TestDesk::with(|_| {}, |desk| desk.with_clock(Clock::fixed(now)));
    let desk = &test.desk;
    let demo = desk.seed_demo().expect("demo");
    let reference = demo.decisions[0]
        .split_whitespace()
        .next()
        .expect("reference")
        .to_owned();
    let case_id = desk.case_id_for(&reference).expect("case");

    let home = desk.home().expect("home");
    assert_eq!(home.today, day("2026-05-11"));
    assert_eq!(home.year_from, day("2025-05-12"));
    let owed = kinds(&home.obligations);
    // The demo's review (decided 12 April 2016, expected to complete 12 October 2016) owes: the
    // letters issued today but not sent, both national notifications, and an update (QM8).
    for expected in [
        "send",
        "national:panel_review",
        "national:ofsted_review",
        "update",
    ] {
        assert!(
            owed.iter().any(|o| o == expected),
            "{expected} missing from {owed:?}"
        );
    }
    assert!(!owed.iter().any(|o| o == "outcome"), "{owed:?}");
    // Most urgent first: the longest overdue leads; the letters issued today come after it.
    assert!(home.obligations[0].overdue, "{:?}", home.obligations[0]);
    let send = home
        .obligations
        .iter()
        .find(|o| matches!(o.owed, Owed::SendLetters { .. }))
        .expect("send");
    assert!(matches!(
        send.owed,
        Owed::SendLetters {
            letter: LetterKind::DecisionNotice,
            members: 11
        }
    ));
    assert_eq!(send.act, PlaceToAct::Distribution);
    let ofsted = home
        .obligations
        .iter()
        .find(|o| matches!(&o.owed, Owed::NationalNotification { notification_id, .. } if notification_id == "ofsted_review"))
        .expect("ofsted");
    assert_eq!(
        ofsted.act,
        PlaceToAct::RecordMilestone {
            event: CaseEvent::NationalNotificationSent,
            notification_id: Some("ofsted_review".into())
        }
    );

    // Following the link: recording the milestone it names takes the item away.
    desk.record_milestone(
        case_id,
        MilestoneInput {
            event: CaseEvent::NationalNotificationSent,
            notification_id: Some("ofsted_review".into()),
            date: day("2016-04-14"),
        },
    )
    .expect("recorded");
    let owed = kinds(&desk.home().expect("home").obligations);
    assert!(!owed.iter().any(|o| o == "national:ofsted_review"), "{owed:?}");
    assert!(owed.iter().any(|o| o == "national:panel_review"), "{owed:?}");

    // The review completes: no update is owed any more, but the outcome notice is.
    for (event, on) in [
        (CaseEvent::ReviewStart, "2016-05-03"),
        (CaseEvent::ReviewCompleted, "2026-05-01"),
    ] {
        desk.record_milestone(
            case_id,
            MilestoneInput {
                event,
                notification_id: None,
                date: day(on),
            },
        )
        .expect("recorded");
    }
    let home = desk.home().expect("home");
    let owed = kinds(&home.obligations);
    assert!(!owed.iter().any(|o| o == "update"), "{owed:?}");
    let outcome = home
        .obligations
        .iter()
        .find(|o| matches!(o.owed, Owed::OutcomeNotice { .. }))
        .expect("outcome notice owed");
    assert_eq!(
        outcome.act,
        PlaceToAct::WriteLetters {
            letter: LetterKind::OutcomeNotice
        }
    );

    // The year in figures: the demo's decision was in 2016, so none this year.
    assert_eq!(home.year.decisions, 0);
}
