//! The report's figures on a fixed data set, each worked out by hand below (not by the code under
//! test). Bank holidays of 2026 that matter: Good Friday 3 April, Easter Monday 6 April, 4 May.

use super::*;
use crate::framework::{CaseEvent, DecisionKind};
use crate::obligations::test_facts::*;
use crate::obligations::{Delivery, LetterKind, MemberFacts};
use crate::register::Channel;

/// A member given the decision notice only, in the state given.
fn decision_notice_to(
    id: i64,
    newest: Delivery,
    channel: Channel,
    acknowledged: Option<&str>,
) -> MemberFacts {
    member(
        id,
        vec![letter(LetterKind::DecisionNotice, newest, channel)],
        acknowledged,
    )
}

fn data_set(registry: &crate::framework::FrameworkRegistry) -> Vec<CaseFacts<'_>> {
    let f = registry.latest("wt2015-scr").unwrap();
    // A: notified Monday 2 February, decided Monday 2 March (due that day: on time).
    // Working days 3 Feb – 2 Mar: 4 + 5 + 5 + 5 + 1 = 20. Four members: told by email on day 1
    // and day 5, by secure export on day 6 (late), one never; one acknowledged.
    let mut a = decide(
        undecided(f, "SCR-2026-001", "2026-02-02"),
        DecisionKind::Review,
        "2026-03-02",
    );
    a.case_id = 1;
    a.issues = vec![issue(LetterKind::DecisionNotice, "2026-03-02", 5)];
    a.members = vec![
        decision_notice_to(1, delivered("2026-03-03"), Channel::Email, Some("2026-03-04")),
        decision_notice_to(2, delivered("2026-03-09"), Channel::Email, None),
        decision_notice_to(
            3,
            Delivery::Exported { on: d("2026-03-10") },
            Channel::SecureExport,
            None,
        ),
        decision_notice_to(4, Delivery::NotQueued, Channel::Email, None),
    ];
    // B: notified Wednesday 1 April, decided Friday 15 May; due 1 May, so late. Working days
    // 2 Apr – 15 May: 1 + 4 + 5 + 5 + 5 + 4 + 5 = 29 (Good Friday, Easter Monday, 4 May out);
    // the timescale 2 Apr – 1 May is 1 + 4 + 5 + 5 + 5 = 20. Two members told on day 0 (by post,
    // through the export) and day 1 (Monday 18 May); both acknowledged.
    let mut b = decide(
        undecided(f, "SCR-2026-002", "2026-04-01"),
        DecisionKind::NoReview,
        "2026-05-15",
    );
    b.case_id = 2;
    b.issues = vec![issue(LetterKind::DecisionNotice, "2026-05-15", 3)];
    b.members = vec![
        decision_notice_to(
            5,
            Delivery::Exported { on: d("2026-05-15") },
            Channel::Post,
            Some("2026-05-20"),
        ),
        decision_notice_to(6, delivered("2026-05-18"), Channel::Email, Some("2026-05-19")),
    ];
    // C: decided in 2025, one update, completed 20 March 2026, outcome notice 25 March,
    // published 10 April.
    let mut c = decide(
        undecided(f, "SCR-2025-009", "2025-09-01"),
        DecisionKind::Review,
        "2025-10-01",
    );
    c.case_id = 3;
    c.issues = vec![
        issue(LetterKind::DecisionNotice, "2025-10-01", 2),
        issue(LetterKind::Update, "2026-02-01", 2),
        issue(LetterKind::OutcomeNotice, "2026-03-25", 2),
    ];
    c.milestones = vec![
        milestone(CaseEvent::ReviewCompleted, None, "2026-03-20"),
        milestone(CaseEvent::Publication, None, "2026-04-10"),
    ];
    // D: decided in 2025, completed 1 June 2026, no outcome notice yet.
    let mut d_case = decide(
        undecided(f, "SCR-2025-010", "2025-09-15"),
        DecisionKind::Review,
        "2025-10-10",
    );
    d_case.case_id = 4;
    d_case.milestones = vec![milestone(CaseEvent::ReviewCompleted, None, "2026-06-01")];
    // E: decided in 2027, and F: not decided: outside the report.
    let mut e = decide(
        undecided(f, "SCR-2027-001", "2026-12-01"),
        DecisionKind::Review,
        "2027-01-04",
    );
    e.case_id = 5;
    let mut f_case = undecided(f, "SCR-2026-003", "2026-11-02");
    f_case.case_id = 6;
    vec![e, d_case, b, a, c, f_case]
}

#[test]
fn the_report_counts_a_fixed_data_set_as_worked_out_by_hand() {
    let registry = registry();
    let cases = data_set(&registry);
    let report = qm3_report(
        &cases,
        &WorkingCalendar::england(),
        d("2026-01-01"),
        d("2026-12-31"),
        5,
    );
    let refs: Vec<&str> = report.rows.iter().map(|r| r.reference.as_str()).collect();
    // By decision date: C and D (2025), then A, B.
    assert_eq!(
        refs,
        ["SCR-2025-009", "SCR-2025-010", "SCR-2026-001", "SCR-2026-002"]
    );

    let a = &report.rows[2];
    assert_eq!(a.working_days_to_decision, Some(20));
    assert_eq!(a.timescale_working_days, Some(20));
    assert_eq!(a.within_timescale, Some(true));
    assert_eq!(a.decision, "Hold a Serious Case Review");
    assert_eq!(a.letters_issued, 5);
    assert_eq!(a.members_in_post, 4);
    assert_eq!(
        (
            a.members_told,
            a.told_by_email,
            a.told_by_secure_export,
            a.told_by_post
        ),
        (3, 2, 1, 0)
    );
    assert_eq!(a.told_within, 2);
    assert_eq!(a.acknowledged, 1);

    let b = &report.rows[3];
    assert_eq!(b.working_days_to_decision, Some(29));
    assert_eq!(b.timescale_working_days, Some(20));
    assert_eq!(b.within_timescale, Some(false));
    assert_eq!(b.decision, "No further review");
    assert_eq!(
        (
            b.members_told,
            b.told_by_email,
            b.told_by_secure_export,
            b.told_by_post
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(b.told_within, 2);
    assert_eq!(b.acknowledged, 2);

    let c = &report.rows[0];
    assert_eq!(c.updates_sent, 1);
    assert_eq!(c.outcome_notice_sent, Some(d("2026-03-25")));
    assert_eq!(c.review_ended, Some(d("2026-03-20")));
    assert_eq!(c.published, Some(d("2026-04-10")));
    assert_eq!(c.letters_issued, 6);
    assert_eq!(report.rows[1].outcome_notice_sent, None);

    let t = &report.totals;
    assert_eq!(
        (t.decisions, t.decisions_with_timescale, t.decisions_on_time),
        (2, 2, 1)
    );
    assert_eq!(t.decisions_on_time_percent, Some(50));
    // The median of 20 and 29.
    assert_eq!(t.median_working_days_to_decision, Some(24.5));
    // 4 + 2 members; told 3 + 2; within 5 working days 2 + 2 (4 of 6 = 66.7%).
    assert_eq!(
        (t.members_to_tell, t.members_told, t.members_told_within),
        (6, 5, 4)
    );
    assert_eq!(t.members_told_within_percent, Some(67));
    // Acknowledged 1 + 2 of the 5 told.
    assert_eq!(t.members_acknowledged, 3);
    assert_eq!(t.members_acknowledged_percent, Some(60));
    // C and D ended in 2026; C's board was told.
    assert_eq!((t.reviews_ended, t.outcome_notices_sent), (2, 1));
    assert_eq!(t.outcome_notices_percent, Some(50));

    assert_eq!(
        report
            .decision_chart
            .iter()
            .map(|b| (b.reference.as_str(), b.working_days, b.timescale))
            .collect::<Vec<_>>(),
        [("SCR-2026-001", 20, Some(20)), ("SCR-2026-002", 29, Some(20))]
    );
    // Of 6 members: day 0 one (B, 17%), day 1 three (50%), day 5 four (67%), day 6 five (83%).
    let told: Vec<(u32, u32, u32)> = report
        .told_chart
        .iter()
        .map(|p| (p.day, p.told, p.percent))
        .collect();
    assert_eq!(told.len(), TOLD_CHART_DAYS as usize + 1);
    assert_eq!(
        &told[..7],
        &[
            (0, 1, 17),
            (1, 3, 50),
            (2, 3, 50),
            (3, 3, 50),
            (4, 3, 50),
            (5, 4, 67),
            (6, 5, 83)
        ]
    );
    assert_eq!(told[15], (15, 5, 83));
}

#[test]
fn a_period_with_nothing_in_it_has_no_shares() {
    let registry = registry();
    let cases = data_set(&registry);
    let report = qm3_report(
        &cases,
        &WorkingCalendar::england(),
        d("2020-01-01"),
        d("2020-12-31"),
        5,
    );
    assert!(report.rows.is_empty());
    assert_eq!(report.totals.decisions, 0);
    assert_eq!(report.totals.decisions_on_time_percent, None);
    assert_eq!(report.totals.median_working_days_to_decision, None);
    assert!(report.told_chart.is_empty());
}

#[test]
fn shares_round_half_up_and_the_median_takes_the_middle() {
    assert_eq!(percent(1, 8), Some(13));
    assert_eq!(percent(1, 3), Some(33));
    assert_eq!(percent(2, 3), Some(67));
    assert_eq!(percent(0, 0), None);
    assert_eq!(median(&[5, 1, 3]), Some(3.0));
    assert_eq!(median(&[4, 1, 3, 2]), Some(2.5));
    assert_eq!(median(&[]), None);
}
