//! The wizard's use cases through the desk, against a real archive and Secret Service: a case
//! opened, answered page by page, checked, finalised and amended.

mod common;

use scr_archive::KeyStore;
use scr_desk::ipc::IpcError;
use scr_desk::{Desk, ErrorCode, NewCase};
use scr_domain::example;
use scr_domain::framework::FrameworkRegistry;

struct TestDesk {
    _temp: tempfile::TempDir,
    desk: Desk,
}

impl TestDesk {
    fn new() -> TestDesk {
        let temp = tempfile::tempdir().expect("tempdir");
        let desk = Desk::with_system_keyring(temp.path().join("data"), "test")
            .with_today(example::date("2016-04-12"));
        desk.first_screen()
            .expect("a Secret Service is needed: run through scripts/test.sh");
        TestDesk { _temp: temp, desk }
    }
}

impl Drop for TestDesk {
    fn drop(&mut self) {
        let header =
            std::fs::read_to_string(self.desk.data_dir().join("archive-header.json")).unwrap_or_default();
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&header) {
            if let (Some(account), Ok(keyring)) = (
                json["keyring"]["account"].as_str(),
                scr_desk::SystemKeyring::connect(),
            ) {
                let _ = keyring.remove(account);
            }
        }
    }
}

#[test]
fn a_case_is_answered_finalised_and_amended() {
    let test = TestDesk::new();
    let opened = common::open_example_case(&test.desk);
    assert!(opened.reference.starts_with("SCR-2016-"), "{}", opened.reference);
    assert!(!opened.finalisable, "an empty draft must not be finalisable");
    assert!(opened
        .findings
        .iter()
        .any(|finding| finding.code.as_str() == "criterion.unassessed"));

    // Finalising now is refused, and the IPC error lists each blocking finding.
    let refused = test.desk.finalise_decision(opened.id).expect_err("incomplete");
    assert_eq!(refused.code(), ErrorCode::DecisionIncomplete);
    let ipc = IpcError::from(&refused);
    let fields = ipc.details.expect("details").fields;
    assert!(
        fields.iter().any(|field| field.field == "criterion.unassessed"),
        "{fields:?}"
    );

    let registry = FrameworkRegistry::with_builtins();
    let draft = example::wt2015_draft(registry.default_framework());
    let saved = test.desk.save_draft(opened.id, draft.clone()).expect("save");
    assert!(saved.finalisable, "{:?}", saved.findings);
    // The view tells the app the wizard's pages for the decision as drafted, and the rule.
    let pages = |view: &scr_desk::CaseView| view.pages.iter().map(|p| p.page).collect::<Vec<_>>();
    use scr_domain::checks::WizardPage;
    assert!(!pages(&opened).contains(&WizardPage::ReviewPlan));
    assert!(
        pages(&saved).contains(&WizardPage::ReviewPlan),
        "{:?}",
        pages(&saved)
    );
    assert_eq!(
        saved.notifications_due.is_empty(),
        !pages(&saved).contains(&WizardPage::Notifications)
    );
    assert_eq!(saved.rationale_rule.min_words, 60);
    assert!(!saved.timers.is_empty());

    let finalised = test.desk.finalise_decision(opened.id).expect("finalise");
    assert_eq!(finalised.decisions.len(), 1);
    let again = test.desk.finalise_decision(opened.id).expect_err("already final");
    assert_eq!(again.code(), ErrorCode::DecisionFinal);

    let no_reason = test
        .desk
        .amend_decision(opened.id, "  ")
        .expect_err("reason needed");
    assert_eq!(
        IpcError::from(&no_reason).details.expect("details").fields[0].field,
        "amendment_reason"
    );
    let amended = test
        .desk
        .amend_decision(opened.id, "New information from the school")
        .expect("amend");
    assert_eq!(amended.decisions.len(), 2);
    assert_eq!(
        amended.decisions[1].amendment_reason.as_deref(),
        Some("New information from the school")
    );

    let listed = test.desk.list_cases(Some("Child T")).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].decision_version, Some(2));
}

#[test]
fn an_annex_detail_in_board_text_blocks_finalising_without_being_repeated() {
    let test = TestDesk::new();
    let opened = common::open_example_case(&test.desk);
    let registry = FrameworkRegistry::with_builtins();
    let mut draft = example::wt2015_draft(registry.default_framework());
    draft.rationale = Some(format!(
        "{} Tyler Blackwood lived at 7 Mill Lane.",
        example::RATIONALE
    ));
    let view = test.desk.save_draft(opened.id, draft).expect("save");
    assert!(!view.finalisable);
    let leaks: Vec<_> = view
        .findings
        .iter()
        .filter(|finding| finding.code.as_str() == "annex.leak")
        .collect();
    assert!(!leaks.is_empty(), "{:?}", view.findings);
    for finding in leaks {
        assert!(finding.blocks);
        assert!(
            !finding.message.contains("Tyler") && !finding.message.contains("Mill Lane"),
            "{}",
            finding.message
        );
    }
    let refused = test.desk.finalise_decision(opened.id).expect_err("blocked");
    let json = serde_json::to_string(&IpcError::from(&refused)).expect("json");
    assert!(
        !json.contains("Tyler") && !json.contains("Blackwood") && !json.contains("Mill Lane"),
        "{json}"
    );
}

#[test]
fn reading_the_annex_is_on_demand_and_edits_are_kept() {
    let test = TestDesk::new();
    let opened = test.desk.open_case(NewCase::default()).expect("open");
    test.desk
        .save_annex(opened.id, example::annex())
        .expect("save annex");
    assert_eq!(test.desk.read_annex(opened.id).expect("read"), example::annex());
    let view = test.desk.case_view(opened.id).expect("view");
    let json = serde_json::to_string(&view).expect("json");
    assert!(
        !json.contains("Blackwood"),
        "the case view carries annex details: {json}"
    );
}
