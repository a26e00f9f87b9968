//! The rules a desk decides with, as the board shapes them: its own framework files (a bad one
//! refused with its line and reason), the dashboard's deadlines on a fixed today, the restricted
//! annex changed after opening, and the board's own closure days.

mod common;

use chrono::NaiveDate;
use common::TestDesk;
use scr_desk::{CaseView, Desk, ErrorCode, NewCase};
use scr_domain::case::{CaseSummary, FamilyMember};
use scr_domain::decision::DecisionDraft;
use scr_domain::example::{self, date};
use scr_domain::framework::FrameworkRegistry;

const WT2015: &str = include_str!("../../domain/frameworks/wt2015-scr.toml");

/// A board's own framework: the 2015 one under another id and title.
fn board_framework() -> String {
    WT2015
        .replacen("id = \"wt2015-scr\"", "id = \"westmoor-local\"", 1)
        .replacen(
            "title = \"Working Together to Safeguard Children 2015: Serious Case Review\"",
            "title = \"Westmoor local review framework\"",
            1,
        )
}

/// The same file with one value of the wrong type, and the line it is on.
fn malformed_framework() -> (String, usize) {
    let text = board_framework().replacen("id = \"westmoor-local\"", "id = \"westmoor-broken\"", 1);
    let broken = text.replacen("length = 1\n", "length = \"one month\"\n", 1);
    let line = broken
        .lines()
        .position(|line| line == "length = \"one month\"")
        .expect("the broken line")
        + 1;
    (broken, line)
}

fn desk_with_frameworks() -> (TestDesk, usize) {
    let (malformed, line) = malformed_framework();
    let test = TestDesk::with(
        |dir| {
            let folder = dir.join(scr_desk::FRAMEWORKS_FOLDER);
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::write(folder.join("westmoor.toml"), board_framework()).expect("good file");
            std::fs::write(folder.join("broken.toml"), malformed).expect("bad file");
            std::fs::write(folder.join("notes.txt"), "not a framework").expect("other file");
        },
        |desk| desk,
    );
    (test, line)
}

#[test]
fn a_board_framework_file_is_added_and_a_malformed_one_is_refused_with_its_line() {
    let (test, line) = desk_with_frameworks();
    let view = test.desk.frameworks_view();
    let ids: Vec<(&str, bool)> = view
        .frameworks
        .iter()
        .map(|f| (f.id.as_str(), f.builtin))
        .collect();
    for builtin in ["wt2015-scr", "wt2018-lcspr", "wt2023-lcspr"] {
        assert!(ids.contains(&(builtin, true)), "{ids:?}");
    }
    assert!(ids.contains(&("westmoor-local", false)), "{ids:?}");
    assert!(!ids.iter().any(|(id, _)| *id == "westmoor-broken"), "{ids:?}");

    assert_eq!(view.problems.len(), 1, "{:?}", view.problems);
    let problem = &view.problems[0];
    assert_eq!(problem.file, "broken.toml");
    assert_eq!(problem.line, Some(line));
    assert!(problem.reason.contains("expected u32"), "{}", problem.reason);
    assert!(view.folder.ends_with("frameworks"), "{}", view.folder);

    // The board's framework can be chosen for a case, and the settings offer it.
    let opened = test.desk.open_case(NewCase::default()).expect("open");
    let registry = FrameworkRegistry::with_builtins();
    let mut draft = DecisionDraft::new(registry.default_framework());
    draft.framework_id = "westmoor-local".into();
    let saved = test
        .desk
        .save_draft(opened.id, draft)
        .expect("save under the board's framework");
    assert_eq!(saved.framework.id, "westmoor-local");
    assert!(!saved.framework.builtin);
    assert!(opened.framework.builtin);
    let settings = test.desk.board_settings().expect("settings");
    assert!(settings.frameworks.iter().any(|f| f.id == "westmoor-local"));
}

#[test]
fn without_a_frameworks_folder_there_are_the_built_ins_and_no_problems() {
    let test = TestDesk::new();
    let view = test.desk.frameworks_view();
    assert_eq!(view.frameworks.len(), 3);
    assert!(view.problems.is_empty());
}

fn open(desk: &Desk, pseudonym: &str, notification: &str) -> CaseView {
    desk.open_case(NewCase {
        summary: CaseSummary {
            pseudonym: Some(pseudonym.into()),
            notification_date: Some(date(notification)),
            ..CaseSummary::default()
        },
        ..NewCase::default()
    })
    .expect("open")
}

#[test]
fn the_dashboard_shows_each_case_next_deadline_on_the_desks_today() {
    let test = TestDesk::with(|_| {}, |desk| desk.with_today(date("2016-04-12")));
    let desk = &test.desk;
    // Under WT2015 the decision is due one month from notification.
    open(desk, "Child A", "2016-03-20");
    open(desk, "Child B", "2016-03-12");
    open(desk, "Child C", "2016-03-01");
    let decided = common::open_example_case(desk);
    let registry = FrameworkRegistry::with_builtins();
    desk.save_draft(decided.id, example::wt2015_draft(registry.default_framework()))
        .expect("draft");
    desk.finalise_decision(decided.id).expect("finalise");

    let list = desk.list_cases(None).expect("list");
    let by_name = |name: &str| {
        list.iter()
            .find(|entry| entry.pseudonym == name)
            .and_then(|entry| entry.next_deadline.clone())
            .unwrap_or_else(|| panic!("{name} has a deadline: {list:?}"))
    };
    let a = by_name("Child A");
    assert_eq!(
        (a.due, a.calendar_days, a.overdue),
        (date("2016-04-20"), 8, false)
    );
    assert_eq!(a.label, "Decision on whether to hold an SCR");
    let b = by_name("Child B");
    assert_eq!(
        (b.due, b.calendar_days, b.overdue),
        (date("2016-04-12"), 0, false)
    );
    let c = by_name("Child C");
    assert_eq!(
        (c.due, c.calendar_days, c.overdue),
        (date("2016-04-01"), 11, true)
    );
    // 1 April 2016 was a Friday: 7 working days to Tuesday 12 April.
    assert_eq!(c.working_days, 7);
    // The decision was made in time: what is left is the review's own clock.
    let t = by_name("Child T");
    assert!(!t.overdue);
    assert_eq!(t.label, "Complete the SCR");
    assert_eq!(t.due, date("2016-10-12"));
    assert_eq!(
        list.iter()
            .filter(|e| e.next_deadline.as_ref().is_some_and(|d| d.overdue))
            .count(),
        1
    );
}

#[test]
fn a_name_added_to_the_annex_later_blocks_a_rationale_that_already_uses_it() {
    let test = TestDesk::new();
    let desk = &test.desk;
    let opened = common::open_example_case(desk);
    let registry = FrameworkRegistry::with_builtins();
    let mut draft = example::wt2015_draft(registry.default_framework());
    draft.rationale = Some(format!(
        "{} The concern was first raised by Mrs Okafor.",
        example::RATIONALE
    ));
    let before = desk.save_draft(opened.id, draft).expect("draft");
    assert!(before.finalisable, "{:?}", before.findings);

    let mut annex = desk.read_annex(opened.id).expect("read");
    annex.family_members.push(FamilyMember {
        name: Some("Grace Okafor".into()),
        relationship: Some("grandmother".into()),
        date_of_birth: None,
        notes: None,
    });
    let after = desk.save_annex(opened.id, annex.clone()).expect("save annex");
    assert!(!after.finalisable);
    assert!(
        after
            .findings
            .iter()
            .any(|f| f.code.as_str() == "annex.leak" && f.blocks),
        "{:?}",
        after.findings
    );
    let refused = desk.finalise_decision(opened.id).expect_err("blocked");
    assert_eq!(refused.code(), ErrorCode::DecisionIncomplete);
    assert_eq!(desk.read_annex(opened.id).expect("read again"), annex);

    // Both the change and the readings are in the audit trail, and no annex value is.
    let events = test.archive().audit_events().expect("events");
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"annex.edited"), "{actions:?}");
    assert_eq!(actions.iter().filter(|a| **a == "annex.read").count(), 2);
    let trail = serde_json::to_string(&events).expect("json");
    assert!(
        !trail.contains("Okafor") && !trail.contains("Blackwood"),
        "{trail}"
    );
}

#[test]
fn a_closure_day_moves_a_working_day_deadline_and_is_kept() {
    let test = TestDesk::with(|_| {}, |desk| desk.with_today(date("2026-11-02")));
    let desk = &test.desk;
    let opened = open(desk, "Child L", "2026-11-02");
    let registry = FrameworkRegistry::with_builtins();
    let lcspr = registry.latest("wt2018-lcspr").expect("lcspr");
    desk.save_draft(opened.id, DecisionDraft::new(lcspr))
        .expect("draft");
    let due = |desk: &Desk| -> NaiveDate {
        let view = desk.case_view(opened.id).expect("view");
        view.timers
            .iter()
            .find(|t| t.timer_id == "decision_due")
            .and_then(|t| t.due)
            .expect("decision due")
    };
    // 15 working days from Monday 2 November 2026.
    assert_eq!(due(desk), date("2026-11-23"));

    let settings = desk
        .add_closure_day(date("2026-11-10"), "  Office   move ")
        .expect("add");
    assert_eq!(settings.closure_days.len(), 1);
    assert_eq!(settings.closure_days[0].name, "Office move");
    assert_eq!(due(desk), date("2026-11-24"));
    let listed = desk.list_cases(None).expect("list");
    assert_eq!(
        listed[0].next_deadline.as_ref().expect("deadline").due,
        date("2026-11-24")
    );

    // A weekend or a bank holiday is already closed; an empty name says what to enter.
    let weekend = desk
        .add_closure_day(date("2026-11-14"), "Saturday work")
        .expect_err("weekend");
    assert_eq!(weekend.code(), ErrorCode::BoardInvalid);
    let ipc = scr_desk::ipc::IpcError::from(&weekend);
    let fields = ipc.details.expect("details").fields;
    assert_eq!(fields[0].field, "closure_date");
    assert!(desk.add_closure_day(date("2026-11-11"), " ").is_err());

    // Kept in the archive: a new desk on the same folder sees it.
    let again = Desk::with_system_keyring(test.dir.clone(), "test").with_today(date("2026-11-02"));
    assert_eq!(due(&again), date("2026-11-24"));
    drop(again);
    let removed = desk.remove_closure_day(date("2026-11-10")).expect("remove");
    assert!(removed.closure_days.is_empty());
    assert_eq!(due(desk), date("2026-11-23"));
    assert!(test.actions().iter().any(|a| a == "board.closure_days_saved"));
}
