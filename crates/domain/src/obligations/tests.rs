//! One table per obligation: a case set up by hand, a day, and what is owed then, with due dates
//! worked out by hand from the calendar (weekends and England's bank holidays of 2026: Good
//! Friday 3 April, Easter Monday 6 April, 4 and 25 May, 31 August).

use super::test_facts::*;
use super::*;
use crate::framework::DecisionKind;
use crate::register::Channel;

/// (owed, due, overdue, working days, calendar days) of each obligation, most urgent first.
type Expected = Vec<(Owed, &'static str, bool, i64, i64)>;

fn check(name: &str, case: &CaseFacts<'_>, today: &str, expected: Expected) {
    let found = all_obligations(
        std::slice::from_ref(case),
        &WorkingCalendar::england(),
        POLICY,
        d(today),
    );
    let got: Vec<(Owed, NaiveDate, bool, i64, i64)> = found
        .iter()
        .map(|o| (o.owed.clone(), o.due, o.overdue, o.working_days, o.calendar_days))
        .collect();
    let want: Vec<(Owed, NaiveDate, bool, i64, i64)> = expected
        .into_iter()
        .map(|(owed, due, overdue, wd, cd)| (owed, d(due), overdue, wd, cd))
        .collect();
    assert_eq!(got, want, "{name}");
    for o in &found {
        assert!(!o.title.is_empty() && !o.detail.is_empty(), "{name}: {o:?}");
        assert_eq!(o.reference, case.reference);
    }
}

/// A WT2015 review decided on Monday 2 March 2026 (notified 2 February) with everything done:
/// both national notifications sent, the decision notice issued and handed to all three members,
/// each of whom acknowledged it; the plan expects completion on 2 September 2026.
fn all_done(registry: &crate::framework::FrameworkRegistry) -> CaseFacts<'_> {
    let f = registry.latest("wt2015-scr").expect("wt2015");
    let mut case = decide(
        undecided(f, "SCR-2026-001", "2026-02-02"),
        DecisionKind::Review,
        "2026-03-02",
    );
    case = notifications_sent(case, "2026-03-02");
    if let Some(decided) = case.decided.as_mut() {
        decided.expected_completion = Some(d("2026-09-02"));
    }
    case.issues = vec![issue(LetterKind::DecisionNotice, "2026-03-02", 4)];
    case.members = (1..=3)
        .map(|id| {
            member(
                id,
                vec![letter(
                    LetterKind::DecisionNotice,
                    delivered("2026-03-03"),
                    Channel::Email,
                )],
                Some("2026-03-04"),
            )
        })
        .collect();
    case
}

#[test]
fn a_case_with_everything_done_owes_nothing() {
    let registry = registry();
    check("all done", &all_done(&registry), "2026-03-12", vec![]);
    check("all done, in August", &all_done(&registry), "2026-08-28", vec![]);
}

#[test]
fn a_decision_is_owed_by_the_frameworks_timer() {
    let registry = registry();
    let wt2015 = registry.latest("wt2015-scr").unwrap();
    let wt2018 = registry.latest("wt2018-lcspr").unwrap();
    let table: Vec<(&str, CaseFacts<'_>, &str, Expected)> = vec![
        (
            // One month from 2 February; from Friday 20 February: 23–27 February and 2 March.
            "due in ten days",
            undecided(wt2015, "SCR-2026-002", "2026-02-02"),
            "2026-02-20",
            vec![(Owed::Decision, "2026-03-02", false, 6, 10)],
        ),
        (
            "overdue by three days",
            undecided(wt2015, "SCR-2026-002", "2026-02-02"),
            "2026-03-05",
            vec![(Owed::Decision, "2026-03-02", true, 3, 3)],
        ),
        (
            // 15 working days from Wednesday 1 April skip Good Friday and Easter Monday: 24 April.
            "a rapid review over Easter",
            undecided(wt2018, "LCSPR-2026-003", "2026-04-01"),
            "2026-04-02",
            vec![(Owed::Decision, "2026-04-24", false, 14, 22)],
        ),
        (
            "not yet notified",
            {
                let mut case = undecided(wt2015, "SCR-2026-004", "2026-02-02");
                case.events = crate::timers::EventDates::default();
                case
            },
            "2026-03-05",
            vec![],
        ),
    ];
    for (name, case, today, expected) in table {
        check(name, &case, today, expected);
    }
}

#[test]
fn the_decision_notice_is_owed_within_the_boards_working_days() {
    let registry = registry();
    let mut case = all_done(&registry);
    case.issues.clear();
    case.members.iter_mut().for_each(|m| m.letters.clear());
    // Five working days from Monday 2 March: Monday 9 March.
    check(
        "not written",
        &case,
        "2026-03-04",
        vec![(Owed::DecisionNotice, "2026-03-09", false, 3, 5)],
    );
    check(
        "not written, late",
        &case,
        "2026-03-11",
        vec![(Owed::DecisionNotice, "2026-03-09", true, 2, 2)],
    );
}

#[test]
fn letters_not_yet_sent_or_exported_are_owed_and_problems_are_listed_apart() {
    let registry = registry();
    let base = all_done(&registry);
    let with = |deliveries: [Delivery; 3]| {
        let mut case = base.clone();
        for (m, delivery) in case.members.iter_mut().zip(deliveries) {
            m.letters = vec![letter(LetterKind::DecisionNotice, delivery, Channel::Email)];
            m.acknowledged_on = None;
        }
        case
    };
    let table: Vec<(&str, CaseFacts<'_>, &str, Expected)> = vec![
        (
            "two members waiting",
            with([Delivery::NotQueued, Delivery::Queued, delivered("2026-03-03")]),
            "2026-03-05",
            vec![(
                Owed::SendLetters {
                    letter: LetterKind::DecisionNotice,
                    members: 2,
                },
                "2026-03-09",
                false,
                2,
                4,
            )],
        ),
        (
            "exported counts as handed over",
            with([
                Delivery::Exported { on: d("2026-03-03") },
                delivered("2026-03-03"),
                delivered("2026-03-04"),
            ]),
            "2026-03-05",
            vec![],
        ),
        (
            "one failed, one uncertain",
            with([
                Delivery::Failed {
                    since: d("2026-03-04"),
                },
                Delivery::Uncertain {
                    since: d("2026-03-03"),
                },
                delivered("2026-03-03"),
            ]),
            "2026-03-05",
            vec![(
                Owed::DeliveryProblems {
                    failed: 1,
                    uncertain: 1,
                },
                "2026-03-03",
                true,
                2,
                2,
            )],
        ),
    ];
    for (name, case, today, expected) in table {
        check(name, &case, today, expected);
    }
    // An update issued later and not yet sent is owed from the day it was issued.
    let mut case = base.clone();
    case.issues.push(issue(LetterKind::Update, "2026-04-01", 4));
    check(
        "an update waiting",
        &case,
        "2026-04-02",
        vec![(
            Owed::SendLetters {
                letter: LetterKind::Update,
                members: 3,
            },
            // 1 April + 5 working days, skipping Good Friday and Easter Monday.
            "2026-04-10",
            false,
            4,
            8,
        )],
    );
}

#[test]
fn acknowledgements_are_owed_after_the_reminder_interval() {
    let registry = registry();
    let mut case = all_done(&registry);
    // Sent on 3 March: acknowledged the next day; not at all; before the letter was sent.
    case.members[0].acknowledged_on = Some(d("2026-03-04"));
    case.members[1].acknowledged_on = None;
    case.members[2].acknowledged_on = Some(d("2026-03-02"));
    let table: Vec<(&str, &str, Expected)> = vec![
        // 3 March + 5 working days = 10 March: on the day, nothing is overdue yet.
        ("on the day", "2026-03-10", vec![]),
        (
            "two days after",
            "2026-03-12",
            vec![(Owed::Acknowledgements { members: 2 }, "2026-03-10", true, 2, 2)],
        ),
    ];
    for (name, today, expected) in table {
        check(name, &case, today, expected);
    }
}

#[test]
fn national_notifications_are_owed_by_their_deadline_or_plan() {
    let registry = registry();
    let wt2015 = registry.latest("wt2015-scr").unwrap();
    let wt2018 = registry.latest("wt2018-lcspr").unwrap();
    fn told(mut case: CaseFacts<'_>) -> CaseFacts<'_> {
        case.issues = vec![issue(LetterKind::DecisionNotice, "2026-03-02", 1)];
        case
    }
    // No review: the Panel within 14 days of the decision (16 March); from 10 March: 11–13, 16.
    let no_review = told(decide(
        undecided(wt2015, "SCR-2026-005", "2026-02-02"),
        DecisionKind::NoReview,
        "2026-03-02",
    ));
    let panel_no_review = Owed::NationalNotification {
        notification_id: "panel_no_review".into(),
        recipient: "National Panel of Independent Experts on Serious Case Reviews".into(),
    };
    check(
        "no review",
        &no_review,
        "2026-03-10",
        vec![(panel_no_review, "2026-03-16", false, 4, 6)],
    );
    // A review: the Panel told, Ofsted not; Ofsted's has no timer, so its planned date.
    let mut review = told(decide(
        undecided(wt2015, "SCR-2026-006", "2026-02-02"),
        DecisionKind::Review,
        "2026-03-02",
    ));
    review.milestones.push(milestone(
        CaseEvent::NationalNotificationSent,
        Some("panel_review"),
        "2026-03-03",
    ));
    let ofsted = Owed::NationalNotification {
        notification_id: "ofsted_review".into(),
        recipient: "Ofsted".into(),
    };
    check(
        "Ofsted not told",
        &review,
        "2026-03-04",
        vec![(ofsted, "2026-03-02", true, 2, 2)],
    );
    let found = obligations_of(&review, &WorkingCalendar::england(), POLICY, d("2026-03-04"));
    assert_eq!(found[0].title, "Tell Ofsted");
    assert_eq!(
        found[0].act,
        PlaceToAct::RecordMilestone {
            event: CaseEvent::NationalNotificationSent,
            notification_id: Some("ofsted_review".into())
        }
    );
    // WT2018: the rapid review to the Panel within 15 working days of the notification.
    let lcspr = told(decide(
        undecided(wt2018, "LCSPR-2026-007", "2026-04-01"),
        DecisionKind::NoReview,
        "2026-04-20",
    ));
    let rapid = Owed::NationalNotification {
        notification_id: "panel_rapid_review".into(),
        recipient: "Child Safeguarding Practice Review Panel".into(),
    };
    check(
        "rapid review",
        &lcspr,
        "2026-04-21",
        vec![(rapid, "2026-04-24", false, 3, 3)],
    );
    let found = obligations_of(&lcspr, &WorkingCalendar::england(), POLICY, d("2026-04-21"));
    assert_eq!(
        found[0].title,
        "Tell the Child Safeguarding Practice Review Panel"
    );
}

#[test]
fn an_update_is_owed_once_the_expected_completion_passes() {
    let registry = registry();
    let late = all_done(&registry);
    let updated = {
        let mut case = late.clone();
        case.issues.push(issue(LetterKind::Update, "2026-09-04", 4));
        for m in &mut case.members {
            m.letters.push(letter(
                LetterKind::Update,
                delivered("2026-09-04"),
                Channel::Email,
            ));
            m.acknowledged_on = Some(d("2026-09-07"));
        }
        case
    };
    let completed = {
        let mut case = late.clone();
        case.milestones
            .push(milestone(CaseEvent::ReviewCompleted, None, "2026-09-01"));
        case.issues
            .push(issue(LetterKind::OutcomeNotice, "2026-09-02", 4));
        for m in &mut case.members {
            m.letters.push(letter(
                LetterKind::OutcomeNotice,
                delivered("2026-09-02"),
                Channel::Email,
            ));
            m.acknowledged_on = Some(d("2026-09-03"));
        }
        case
    };
    // Without the plan's date, the framework's six months from the decision: also 2 September.
    let by_timer = {
        let mut case = late.clone();
        if let Some(decided) = case.decided.as_mut() {
            decided.expected_completion = None;
        }
        case
    };
    let update = Owed::Update {
        expected_completion: d("2026-09-02"),
    };
    // 2 September + 5 working days = 9 September.
    let table: Vec<(&str, &CaseFacts<'_>, &str, Expected)> = vec![
        ("on the expected date", &late, "2026-09-02", vec![]),
        (
            "a day after",
            &late,
            "2026-09-03",
            vec![(update.clone(), "2026-09-09", false, 4, 6)],
        ),
        (
            "a week late",
            &late,
            "2026-09-10",
            vec![(update.clone(), "2026-09-09", true, 1, 1)],
        ),
        (
            "by the framework's timer",
            &by_timer,
            "2026-09-10",
            vec![(update, "2026-09-09", true, 1, 1)],
        ),
        ("an update was sent", &updated, "2026-09-10", vec![]),
        ("the review was completed", &completed, "2026-09-10", vec![]),
    ];
    for (name, case, today, expected) in table {
        check(name, case, today, expected);
    }
}

#[test]
fn an_outcome_notice_is_owed_when_the_review_ends() {
    let registry = registry();
    let ended = |event: CaseEvent| {
        let mut case = all_done(&registry);
        case.milestones.push(milestone(event, None, "2026-08-14"));
        case
    };
    let completed = ended(CaseEvent::ReviewCompleted);
    let published_only = ended(CaseEvent::Publication);
    let told = {
        let mut case = completed.clone();
        case.issues
            .push(issue(LetterKind::OutcomeNotice, "2026-08-20", 4));
        for m in &mut case.members {
            m.letters.push(letter(
                LetterKind::OutcomeNotice,
                delivered("2026-08-20"),
                Channel::Email,
            ));
        }
        case
    };
    let no_review = {
        let mut case = decide(
            undecided(
                registry.latest("wt2015-scr").unwrap(),
                "SCR-2026-009",
                "2026-02-02",
            ),
            DecisionKind::NoReview,
            "2026-03-02",
        );
        case = notifications_sent(case, "2026-03-02");
        case.issues
            .push(issue(LetterKind::DecisionNotice, "2026-03-02", 1));
        case.milestones
            .push(milestone(CaseEvent::ReviewCompleted, None, "2026-08-14"));
        case
    };
    let outcome = Owed::OutcomeNotice {
        ended_on: d("2026-08-14"),
    };
    // Friday 14 August + 5 working days = Friday 21 August.
    let table: Vec<(&str, &CaseFacts<'_>, &str, Expected)> = vec![
        (
            "completed",
            &completed,
            "2026-08-20",
            vec![(outcome.clone(), "2026-08-21", false, 1, 1)],
        ),
        (
            "published, completion not recorded",
            &published_only,
            "2026-08-24",
            vec![(outcome, "2026-08-21", true, 1, 3)],
        ),
        ("the outcome notice was issued", &told, "2026-08-24", vec![]),
        ("no review was held", &no_review, "2026-08-24", vec![]),
    ];
    for (name, case, today, expected) in table {
        check(name, case, today, expected);
    }
}

#[test]
fn the_list_puts_the_longest_overdue_first_then_the_soonest_due() {
    let registry = registry();
    let wt2015 = registry.latest("wt2015-scr").unwrap();
    let mut soon = undecided(wt2015, "SCR-2026-010", "2026-02-10");
    soon.case_id = 10;
    let mut later = undecided(wt2015, "SCR-2026-011", "2026-02-20");
    later.case_id = 11;
    let mut late = undecided(wt2015, "SCR-2026-012", "2026-01-20");
    late.case_id = 12;
    let mut later_still = undecided(wt2015, "SCR-2026-013", "2026-01-10");
    later_still.case_id = 13;
    let all = all_obligations(
        &[later, soon, late, later_still],
        &WorkingCalendar::england(),
        POLICY,
        d("2026-03-02"),
    );
    let order: Vec<&str> = all.iter().map(|o| o.reference.as_str()).collect();
    assert_eq!(
        order,
        ["SCR-2026-013", "SCR-2026-012", "SCR-2026-010", "SCR-2026-011"]
    );
    assert!(all[0].overdue && all[1].overdue && !all[2].overdue);
}
