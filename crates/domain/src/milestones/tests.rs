use super::*;
use crate::framework::FrameworkRegistry;
use crate::timers::TimerStatus;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn m(event: CaseEvent, notification: Option<&str>, date: &str) -> Milestone {
    Milestone {
        event,
        notification_id: notification.map(str::to_owned),
        date: d(date),
    }
}

fn labels(slots: &[MilestoneSlot]) -> Vec<&str> {
    slots.iter().map(|s| s.label.as_str()).collect()
}

#[test]
fn a_decision_offers_the_milestones_its_framework_names() {
    let registry = FrameworkRegistry::with_builtins();
    let wt2015 = registry.latest("wt2015-scr").unwrap();
    let wt2018 = registry.latest("wt2018-lcspr").unwrap();
    assert_eq!(
        labels(&slots(wt2015, DecisionKind::Review, &[])),
        [
            "Sent to the National Panel of Independent Experts on Serious Case Reviews",
            "Sent to Ofsted",
            "The SCR started",
            "The SCR was completed",
            "The SCR report was published",
        ]
    );
    let no_review = slots(wt2015, DecisionKind::NoReview, &[]);
    assert_eq!(
        labels(&no_review),
        ["Sent to the National Panel of Independent Experts on Serious Case Reviews"]
    );
    assert_eq!(
        no_review[0].hint.as_deref(),
        Some("Tell the National Panel of a decision not to hold an SCR")
    );
    // WT2018 asks for an advance copy before publication (its timer is unverified, but present).
    let lcspr = slots(
        wt2018,
        DecisionKind::Review,
        &[m(CaseEvent::ReviewStart, None, "2026-05-01")],
    );
    assert_eq!(
        labels(&lcspr),
        [
            "Sent to the Child Safeguarding Practice Review Panel",
            "The LCSPR started",
            "A copy of the report was sent before publication",
            "The LCSPR was completed",
            "The LCSPR report was published",
        ]
    );
    assert_eq!(lcspr[1].recorded, Some(d("2026-05-01")));
    assert_eq!(lcspr[0].recorded, None);
}

#[test]
fn a_milestone_is_checked_against_the_decision_and_the_others() {
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.latest("wt2015-scr").unwrap();
    let context = MilestoneContext {
        framework,
        decision: DecisionKind::Review,
        decision_date: Some(d("2026-03-02")),
        notification_date: Some(d("2026-02-02")),
        today: d("2026-06-01"),
    };
    let fields = |milestone: Milestone, others: &[Milestone]| match validated(&context, &milestone, others) {
        Ok(_) => Vec::new(),
        Err(DomainError::Invalid { problems, .. }) => problems.into_iter().map(|p| p.field).collect(),
        Err(other) => panic!("{other}"),
    };
    let table: Vec<(&str, Milestone, Vec<Milestone>, Vec<&str>)> = vec![
        (
            "fine",
            m(CaseEvent::ReviewStart, None, "2026-03-10"),
            vec![],
            vec![],
        ),
        (
            "in the future",
            m(CaseEvent::ReviewStart, None, "2026-06-02"),
            vec![],
            vec!["date"],
        ),
        (
            "before the decision",
            m(CaseEvent::ReviewStart, None, "2026-03-01"),
            vec![],
            vec!["date"],
        ),
        (
            "a notification may precede the decision",
            m(
                CaseEvent::NationalNotificationSent,
                Some("ofsted_review"),
                "2026-02-20",
            ),
            vec![],
            vec![],
        ),
        (
            "but not the notification",
            m(
                CaseEvent::NationalNotificationSent,
                Some("ofsted_review"),
                "2026-02-01",
            ),
            vec![],
            vec!["date"],
        ),
        (
            "a notification this decision does not need",
            m(
                CaseEvent::NationalNotificationSent,
                Some("panel_no_review"),
                "2026-03-03",
            ),
            vec![],
            vec!["event"],
        ),
        (
            "a notification not named",
            m(CaseEvent::NationalNotificationSent, None, "2026-03-03"),
            vec![],
            vec!["event"],
        ),
        (
            "no advance copy under WT2015",
            m(CaseEvent::AdvanceCopySent, None, "2026-03-03"),
            vec![],
            vec!["event"],
        ),
        (
            "completed before it started",
            m(CaseEvent::ReviewCompleted, None, "2026-03-05"),
            vec![m(CaseEvent::ReviewStart, None, "2026-03-10")],
            vec!["date"],
        ),
        (
            "published before it was completed",
            m(CaseEvent::Publication, None, "2026-04-01"),
            vec![m(CaseEvent::ReviewCompleted, None, "2026-05-01")],
            vec!["date"],
        ),
        (
            "started after it was completed",
            m(CaseEvent::ReviewStart, None, "2026-05-02"),
            vec![m(CaseEvent::ReviewCompleted, None, "2026-05-01")],
            vec!["date"],
        ),
    ];
    for (name, milestone, others, expected) in table {
        assert_eq!(fields(milestone, &others), expected, "{name}");
    }
    let no_review = MilestoneContext {
        decision: DecisionKind::NoReview,
        ..context
    };
    assert!(validated(&no_review, &m(CaseEvent::ReviewStart, None, "2026-03-10"), &[]).is_err());
    assert!(correction_reason("  ").is_err());
    assert_eq!(
        correction_reason(" typed  the wrong\nday ").unwrap(),
        "typed the wrong day"
    );
}

#[test]
fn recording_an_event_stops_its_timers() {
    let registry = FrameworkRegistry::with_builtins();
    let calendar = WorkingCalendar::england();
    let wt2015 = registry.latest("wt2015-scr").unwrap();
    let events = EventDates::default()
        .with(CaseEvent::Notification, d("2026-02-02"))
        .with(CaseEvent::Decision, d("2026-03-02"));
    let status = |framework: &Framework, kind, milestones: &[Milestone], id: &str, today: &str| {
        let reports =
            timers_with_milestones(framework, &calendar, &events, milestones, Some(kind), d(today)).unwrap();
        reports
            .into_iter()
            .find(|r| r.timer_id == id)
            .expect("timer")
            .status
    };
    // Complete the SCR: six months from 2 March, overdue by 29 September; met once recorded.
    assert!(matches!(
        status(
            wt2015,
            DecisionKind::Review,
            &[],
            "review_completion",
            "2026-09-29"
        ),
        TimerStatus::Overdue { .. }
    ));
    assert_eq!(
        status(
            wt2015,
            DecisionKind::Review,
            &[m(CaseEvent::ReviewCompleted, None, "2026-08-28")],
            "review_completion",
            "2026-09-29"
        ),
        TimerStatus::Met {
            due: d("2026-09-02"),
            on: d("2026-08-28")
        }
    );
    // Tell the Panel of "no review" within 14 days: only the Panel's notification meets it.
    let panel = [m(
        CaseEvent::NationalNotificationSent,
        Some("panel_no_review"),
        "2026-03-20",
    )];
    assert_eq!(
        status(
            wt2015,
            DecisionKind::NoReview,
            &panel,
            "panel_notification_no_review",
            "2026-04-01"
        ),
        TimerStatus::MetLate {
            due: d("2026-03-16"),
            on: d("2026-03-20"),
            calendar_days: 4,
            working_days: 4
        }
    );
    let wt2018 = registry.latest("wt2018-lcspr").unwrap();
    let someone_else = [m(
        CaseEvent::NationalNotificationSent,
        Some("ofsted_review"),
        "2026-02-10",
    )];
    assert!(matches!(
        status(
            wt2018,
            DecisionKind::Review,
            &someone_else,
            "panel_rapid_review",
            "2026-04-01"
        ),
        TimerStatus::Overdue { .. }
    ));
    let rapid = [m(
        CaseEvent::NationalNotificationSent,
        Some("panel_rapid_review"),
        "2026-02-10",
    )];
    assert!(matches!(
        status(
            wt2018,
            DecisionKind::Review,
            &rapid,
            "panel_rapid_review",
            "2026-04-01"
        ),
        TimerStatus::Met { .. }
    ));
}
