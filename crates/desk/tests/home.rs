//! The chair's home through the desk: every case's obligations, most urgent first, from the
//! demonstration board on a fixed day; recording a milestone answers one and raises the next.

mod common;

use chrono::NaiveDate;
use common::{at, day, first_reference, TestDesk};
use scr_desk::MilestoneInput;
use scr_domain::framework::CaseEvent;
use scr_domain::obligations::{LetterKind, Owed, PlaceToAct};

/// What is owed on one case (the demonstration has five).
fn kinds(owed: &[scr_domain::obligations::Obligation], case_id: i64) -> Vec<String> {
    owed.iter()
        .filter(|o| o.case_id == case_id)
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
    let test = TestDesk::stopped_at(at("2026-05-11T10:00:00Z"));
    let desk = &test.desk;
    let demo = desk.seed_demo().expect("demo");
    let reference = first_reference(&demo);
    let case_id = desk.case_id_for(&reference).expect("case");

    let home = desk.home(1).expect("home");
    assert_eq!(home.today, day("2026-05-11"));
    // The demonstration owes fewer than a page: the first page is every obligation.
    assert_eq!(home.obligations, desk.obligations().expect("obligations"));
    assert_eq!(home.obligations_total as usize, home.obligations.len());
    assert_eq!(home.year_from, day("2025-05-12"));
    let owed = kinds(&home.obligations, case_id);
    // The demonstration lives in the present: its review was decided on Tuesday 5 May 2026
    // (demo_dates.rs) and its letters issued today, not yet sent; both national notifications
    // are owed; the review is not yet late, so no update is owed, and no outcome notice.
    let decided = desk
        .case_milestones(case_id)
        .expect("view")
        .decision_date
        .expect("decided");
    assert_eq!(decided, day("2026-05-05"));
    for expected in ["send", "national:panel_review", "national:ofsted_review"] {
        assert!(
            owed.iter().any(|o| o == expected),
            "{expected} missing from {owed:?}"
        );
    }
    assert!(!owed.iter().any(|o| o == "update" || o == "outcome"), "{owed:?}");
    // No timer or obligation in the demonstration is overdue by more than 60 days.
    assert!(
        home.obligations
            .iter()
            .all(|o| !o.overdue || o.calendar_days <= 60),
        "{:?}",
        home.obligations
    );
    let timers = desk.case_view(case_id).expect("case").timers;
    assert!(
        timers.iter().all(|t| !matches!(t.status, scr_domain::timers::TimerStatus::Overdue { calendar_days, .. } if calendar_days > 60)),
        "{timers:?}"
    );
    // Most urgent first: overdue ones before the others, then the soonest due.
    let order: Vec<(bool, NaiveDate)> = home.obligations.iter().map(|o| (!o.overdue, o.due)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
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
            date: day("2026-05-06"),
        },
    )
    .expect("recorded");
    let owed = kinds(&desk.obligations().expect("obligations"), case_id);
    assert!(!owed.iter().any(|o| o == "national:ofsted_review"), "{owed:?}");
    assert!(owed.iter().any(|o| o == "national:panel_review"), "{owed:?}");

    // The review completes: no update is owed any more, but the outcome notice is.
    for (event, on) in [
        (CaseEvent::ReviewStart, "2026-05-06"),
        (CaseEvent::ReviewCompleted, "2026-05-08"),
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
    let home = desk.home(1).expect("home");
    let owed = kinds(&home.obligations, case_id);
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

    // The year in figures: the demo's four decisions (Child T's and three older ones, whose 11
    // members each were told by secure mail; demo_cases.rs), Child T's 11 members not yet told.
    assert_eq!(home.year.decisions, 4);
    assert_eq!(home.year.members_to_tell, 44);
    assert_eq!(home.year.members_told, 33);
}

#[test]
fn the_home_page_hands_out_what_is_owed_a_page_at_a_time() {
    let test = TestDesk::stopped_at(at("2026-05-11T10:00:00Z"));
    let desk = &test.desk;
    // Each case opened and not yet decided owes its decision.
    for _ in 0..23 {
        common::open_example_case(desk);
    }
    let all = desk.obligations().expect("obligations");
    assert!(all.len() > 20 && all.len() <= 60, "{}", all.len());
    let size = scr_desk::HOME_PAGE_SIZE as usize;
    let pages = all.len().div_ceil(size);

    let first = desk.home(1).expect("page 1");
    assert_eq!((first.page, first.page_size as usize), (1, size));
    assert_eq!(first.obligations_total as usize, all.len());
    assert_eq!(first.obligations, all[..size]);
    let second = desk.home(2).expect("page 2");
    assert_eq!(second.obligations, all[size..all.len().min(2 * size)]);
    // Only the list is paged: the rest of the page is the same.
    assert_eq!(
        (&second.year, &second.retention_due, second.today),
        (&first.year, &first.retention_due, first.today)
    );
    // A page past the end (the list shrank since it was shown) is the last page; 0 the first.
    let past = desk.home(99).expect("past the end");
    assert_eq!(past.page as usize, pages);
    assert_eq!(past.obligations, all[(pages - 1) * size..]);
    assert_eq!(desk.home(0).expect("page 0").obligations, first.obligations);
}
