//! The review's milestones through the desk: recorded after the decision, checked, audited,
//! corrected with a reason; a recording stops its timer, and the outcome notice takes its dates.

mod common;

use chrono::{DateTime, Utc};
use common::{at, day, first_reference, pdftotext, TestDesk};
use scr_desk::ErrorCode;
use scr_desk::{Addressing, DeskError, LetterRequest, MilestoneCorrection, MilestoneInput};
use scr_domain::framework::CaseEvent;
use scr_domain::notices::{LetterContent, OutcomeDetails};
use scr_domain::timers::TimerStatus;

fn now() -> DateTime<Utc> {
    at("2026-05-11T10:00:00Z")
}

fn input(event: CaseEvent, notification: Option<&str>, date: &str) -> MilestoneInput {
    MilestoneInput {
        event,
        notification_id: notification.map(str::to_owned),
        date: day(date),
    }
}

fn code(error: &DeskError) -> ErrorCode {
    error.code()
}

#[test]
fn milestones_are_checked_audited_corrected_and_stop_their_timers() {
    // The demonstration seeded in April 2016 keeps the example's dates: "Child T", a review
    // decided on 12 April 2016 under Working Together 2015; then worked on in 2026.
    let (test, later, demo) = TestDesk::demo_seeded_then_at(now());
    // The demonstration's older cases have milestones of their own (demo_cases.rs).
    let milestone_events = || test.actions().iter().filter(|a| a.contains("milestone")).count();
    let seeded_events = milestone_events();
    let desk = &later;
    let reference = first_reference(&demo);
    let case_id = desk.case_id_for(&reference).expect("case");

    let view = desk.case_milestones(case_id).expect("milestones");
    assert_eq!(view.decision_date, Some(day("2016-04-12")));
    let labels: Vec<&str> = view.slots.iter().map(|s| s.slot.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Sent to the National Panel of Independent Experts on Serious Case Reviews",
            "Sent to Ofsted",
            "The SCR started",
            "The SCR was completed",
            "The SCR report was published",
        ],
        "a review's national notifications and its own milestones, in order"
    );
    assert!(view
        .slots
        .iter()
        .all(|s| s.record_id.is_none() && s.slot.recorded.is_none()));

    // Before: "Complete the SCR" (six months from the decision) is overdue.
    let completion = |desk: &scr_desk::Desk| {
        desk.case_view(case_id)
            .expect("case")
            .timers
            .into_iter()
            .find(|t| t.timer_id == "review_completion")
            .expect("the completion timer")
            .status
    };
    assert!(
        matches!(completion(desk), TimerStatus::Overdue { .. }),
        "{:?}",
        completion(desk)
    );

    // Refused: a date in the future, a completion before the review started, a body the
    // decision does not notify.
    let future = desk
        .record_milestone(case_id, input(CaseEvent::ReviewStart, None, "2026-05-12"))
        .expect_err("future");
    assert_eq!(code(&future), ErrorCode::MilestoneInvalid);
    desk.record_milestone(case_id, input(CaseEvent::ReviewStart, None, "2016-05-03"))
        .expect("started");
    let early = desk
        .record_milestone(case_id, input(CaseEvent::ReviewCompleted, None, "2016-05-02"))
        .expect_err("before the start");
    assert_eq!(code(&early), ErrorCode::MilestoneInvalid);
    let wrong_body = desk
        .record_milestone(
            case_id,
            input(
                CaseEvent::NationalNotificationSent,
                Some("panel_no_review"),
                "2016-04-13",
            ),
        )
        .expect_err("a notification for a decision not to review");
    assert_eq!(code(&wrong_body), ErrorCode::MilestoneInvalid);

    let view = desk
        .record_milestone(
            case_id,
            input(
                CaseEvent::NationalNotificationSent,
                Some("ofsted_review"),
                "2016-04-13",
            ),
        )
        .expect("told Ofsted");
    let ofsted = view
        .slots
        .iter()
        .find(|s| s.slot.notification_id.as_deref() == Some("ofsted_review"))
        .expect("slot");
    assert_eq!(ofsted.slot.recorded, Some(day("2016-04-13")));
    assert!(ofsted.record_id.is_some());

    // Completion stops the timer: met on time.
    let view = desk
        .record_milestone(case_id, input(CaseEvent::ReviewCompleted, None, "2016-10-14"))
        .expect("completed");
    assert!(
        matches!(completion(desk), TimerStatus::MetLate { .. }),
        "{:?}",
        completion(desk)
    );
    let again = desk
        .record_milestone(case_id, input(CaseEvent::ReviewCompleted, None, "2016-10-10"))
        .expect_err("recorded already");
    assert_eq!(code(&again), ErrorCode::MilestoneAlreadyRecorded);

    // Correction: needs a reason; then the new date is in force and the old row stays in history.
    let completed_row = view
        .slots
        .iter()
        .find(|s| s.slot.event == CaseEvent::ReviewCompleted)
        .and_then(|s| s.record_id)
        .expect("row");
    let no_reason = desk
        .correct_milestone(
            case_id,
            MilestoneCorrection {
                record_id: completed_row,
                date: Some(day("2016-10-10")),
                reason: "  ".into(),
            },
        )
        .expect_err("no reason");
    assert_eq!(code(&no_reason), ErrorCode::MilestoneInvalid);
    let view = desk
        .correct_milestone(
            case_id,
            MilestoneCorrection {
                record_id: completed_row,
                date: Some(day("2016-10-10")),
                reason: "The board accepted the report on 10 October, not 14".into(),
            },
        )
        .expect("corrected");
    assert!(
        matches!(completion(desk), TimerStatus::Met { on, .. } if on == day("2016-10-10")),
        "{:?}",
        completion(desk)
    );
    assert_eq!(view.history.len(), 4, "{:?}", view.history);
    let correction = view
        .history
        .iter()
        .find(|c| c.correction)
        .expect("correction row");
    assert_eq!(correction.date, Some(day("2016-10-10")));
    assert_eq!(
        correction.reason.as_deref(),
        Some("The board accepted the report on 10 October, not 14")
    );
    let audited = milestone_events() - seeded_events;
    assert_eq!(
        audited,
        4,
        "each recording and correction is in the audit trail: {:?}",
        test.actions()
    );

    // The outcome notice takes the completion from the milestone, whatever was typed.
    desk.record_milestone(case_id, input(CaseEvent::Publication, None, "2016-11-21"))
        .expect("published");
    let preview = tempfile::tempdir().expect("tempdir");
    let path = preview.path().join("outcome.pdf");
    desk.write_preview(
        &LetterRequest {
            case_id,
            decision_version: None,
            content: LetterContent::OutcomeNotice(OutcomeDetails {
                completed_on: None,
                published: None,
                board_response: "An action plan, checked quarterly by the board.".into(),
                ..OutcomeDetails::default()
            }),
            addressing: Addressing::Circular,
            signer_ids: Vec::new(),
        },
        &path,
    )
    .expect("an outcome notice with its dates from the milestones");
    let text = pdftotext(&std::fs::read(&path).expect("pdf")).replace('\n', " ");
    assert!(text.contains("10 October 2016"), "{text}");
    assert!(text.contains("21 November 2016"), "{text}");

    // Withdrawing: the timer runs (overdue) again.
    desk.correct_milestone(
        case_id,
        MilestoneCorrection {
            record_id: desk
                .case_milestones(case_id)
                .expect("view")
                .slots
                .iter()
                .find(|s| s.slot.event == CaseEvent::Publication)
                .and_then(|s| s.record_id)
                .expect("row"),
            date: None,
            reason: "Recorded on the wrong case".into(),
        },
    )
    .expect("withdrawn");
    let view = desk.case_milestones(case_id).expect("view");
    assert!(view
        .slots
        .iter()
        .any(|s| s.slot.event == CaseEvent::Publication && s.record_id.is_none()));
}

#[test]
fn nothing_is_recorded_before_a_decision() {
    let test = TestDesk::stopped_at(now());
    let case = common::open_example_case(&test.desk);
    let view = test.desk.case_milestones(case.id).expect("view");
    assert!(view.slots.is_empty() && view.decision.is_none());
    let refused = test
        .desk
        .record_milestone(case.id, input(CaseEvent::ReviewStart, None, "2016-05-03"))
        .expect_err("no decision");
    assert_eq!(code(&refused), ErrorCode::NoDecisionYet);
}
