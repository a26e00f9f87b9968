//! Letters about a finalised decision, through the desk against a real archive and the real
//! Secret Service: the demonstration board end to end, previews that store nothing, the annex
//! guard, joint signing, and the errors a chair can meet.

mod common;

use common::{open_example_case, pdftotext, TestDesk};
use scr_desk::{Addressing, DemoRecoveryKey, Desk, ErrorCode, LetterRequest, SigningSetupInput};
use scr_domain::example;
use scr_domain::notices::{LetterContent, OutcomeDetails, UpdateDetails};

/// The example's restricted details: none may ever reach a letter.
const ANNEX_CANARIES: [&str; 5] = ["Tyler", "Blackwood", "Mill Lane", "AN1 4XY", "9 June 2014"];

fn request(case_id: i64, content: LetterContent, addressing: Addressing) -> LetterRequest {
    LetterRequest {
        case_id,
        decision_version: None,
        content,
        addressing,
        signer_ids: Vec::new(),
    }
}

fn demo() -> (TestDesk, i64) {
    let test = TestDesk::new();
    let created = test.desk.seed_demo().expect("seed the demonstration");
    assert_eq!(created.members, 12);
    let case_id = test.desk.list_cases(None).expect("cases")[0].id;
    (test, case_id)
}

fn issued_count(desk: &Desk) -> usize {
    desk.issued_letters(None).expect("letters").len()
}

#[test]
fn the_demonstration_issues_a_circular_and_a_copy_for_each_member_who_receives_letters() {
    let (test, case_id) = demo();
    let letters = test.desk.case_letters(case_id).expect("letters");
    // 11 of the 12 members receive letters (the observer does not), plus the circular.
    assert_eq!(letters.len(), 12);
    assert_eq!(
        letters
            .iter()
            .filter(|l| l.recipient_label == "All members (circular)")
            .count(),
        1
    );
    assert!(letters.iter().any(|l| l.recipient_label == "Chloé Clarke"));
    assert!(!letters.iter().any(|l| l.recipient_label == "Liam Lewis"));
    assert!(letters.iter().all(|l| l.kind_label == "Decision notice"));
    for letter in &letters {
        let pdf = test.desk.issued_letter_pdf(letter.letter.id).expect("pdf");
        let check = test.desk.verify_letter(&pdf).expect("verify");
        assert!(check.valid && check.trusted_by_board, "{}", check.headline);
        assert_eq!(check.archive_matches.len(), 1);
        assert!(letter.letter.size < 60 * 1024, "{} bytes", letter.letter.size);
        let text = pdftotext(&pdf);
        assert!(text.contains("Child T"));
        for canary in ANNEX_CANARIES {
            assert!(
                !text.contains(canary),
                "{canary} printed in {}",
                letter.recipient_label
            );
        }
    }
    let circular = letters
        .iter()
        .find(|l| l.letter.recipient == scr_desk::Recipient::Circular)
        .unwrap();
    let text = pdftotext(&test.desk.issued_letter_pdf(circular.letter.id).unwrap());
    assert!(text.contains("Dear colleagues,"));
    // The demonstration's decision is moved to the week before today (demo_dates.rs).
    let decided = test
        .desk
        .case_milestones(case_id)
        .expect("case")
        .decision_date
        .expect("decided");
    assert!(
        text.contains(&format!(
            "all 11 members of the Board in post on {}",
            scr_domain::register::dates::long_date(decided)
        )),
        "{text}"
    );
    let personal = letters.iter().find(|l| l.recipient_label == "Ben Brown").unwrap();
    let text = pdftotext(&test.desk.issued_letter_pdf(personal.letter.id).unwrap());
    assert!(text.contains("Dear Ben Brown,"));
    // Child T's 12, and the circulars of the older cases (demo_cases.rs): Child R's and Child K's
    // decision notices, Child P's decision notice, update and outcome notice.
    assert_eq!(
        test.actions().iter().filter(|a| *a == "letter.issued").count(),
        12 + 5
    );
    // Seeding twice is refused: the demonstration only fills an empty archive.
    assert!(test.desk.seed_demo().is_err());
}

#[test]
fn a_preview_shows_the_first_letter_and_stores_nothing() {
    let (test, case_id) = demo();
    let before = (issued_count(&test.desk), test.actions().len());
    let update = LetterContent::Update(UpdateDetails {
        what_changed: "The review will report in January.".into(),
        reason: "The police asked us to wait.".into(),
        revised_completion: Some(example::date("2017-01-31")),
        next_steps: String::new(),
    });
    let preview = test
        .desk
        .preview_letters(&request(case_id, update.clone(), Addressing::Personalised))
        .expect("preview");
    assert_eq!(preview.letter_count, 11);
    assert_eq!(preview.shown, "Amira Ahmed’s copy");
    assert_eq!(preview.title, "Update on the case of Child T");
    assert_eq!(preview.distribution.len(), 11);
    assert_eq!(preview.signatories, vec!["Dr Jane Smith"]);
    use base64::Engine;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(&preview.pdf_base64)
        .expect("base64");
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Dear Amira Ahmed,") && text.contains("31 January 2017"),
        "{text}"
    );
    assert_eq!(preview.page_count, 1, "a short update fits one page: {text}");
    assert_eq!((issued_count(&test.desk), test.actions().len()), before);

    let both = test
        .desk
        .preview_letters(&request(case_id, update, Addressing::Both))
        .expect("preview");
    assert_eq!(
        (both.letter_count, both.shown.as_str()),
        (12, "The circular to every member")
    );
}

#[test]
fn a_letter_that_would_print_a_restricted_detail_is_refused_and_nothing_is_signed() {
    let (test, case_id) = demo();
    let before = issued_count(&test.desk);
    let leaking = LetterContent::OutcomeNotice(OutcomeDetails {
        completed_on: Some(example::date("2017-01-20")),
        published: Some(false),
        not_published_reason: "It would identify Tyler's siblings on Mill Lane.".into(),
        board_response: "All recommendations accepted.".into(),
        ..OutcomeDetails::default()
    });
    for addressing in [Addressing::Circular, Addressing::Personalised] {
        let error = test
            .desk
            .issue_letters(&request(case_id, leaking.clone(), addressing))
            .expect_err("refused");
        assert_eq!(error.code(), ErrorCode::LetterShowsRestricted);
        let message = scr_desk::ipc::IpcError::from(&error).message;
        assert!(
            message.contains("the child's first name") && message.contains("address"),
            "{message}"
        );
        assert!(
            !message.contains("Tyler") && !message.contains("Mill Lane"),
            "{message}"
        );
    }
    assert_eq!(issued_count(&test.desk), before);
}

#[test]
fn an_incomplete_update_names_each_missing_field() {
    let (test, case_id) = demo();
    let error = test
        .desk
        .issue_letters(&request(
            case_id,
            LetterContent::Update(UpdateDetails::default()),
            Addressing::Circular,
        ))
        .expect_err("incomplete");
    assert_eq!(error.code().as_str(), "letter.invalid");
    assert_eq!(common::error_fields(&error), ["what_changed", "reason"]);
}

#[test]
fn letters_need_a_finalised_decision_and_a_known_version() {
    let (test, case_id) = demo();
    let mut unknown = request(case_id, LetterContent::DecisionNotice, Addressing::Circular);
    unknown.decision_version = Some(7);
    let error = test.desk.preview_letters(&unknown).expect_err("no version 7");
    assert_eq!(error.code().as_str(), "decision.version_unknown");

    let fresh = open_example_case(&test.desk);
    let error = test
        .desk
        .preview_letters(&request(
            fresh.id,
            LetterContent::DecisionNotice,
            Addressing::Circular,
        ))
        .expect_err("not final");
    assert_eq!(error.code().as_str(), "decision.not_final");
}

#[test]
fn a_joint_decision_is_signed_by_each_partner_in_order() {
    let (test, case_id) = demo();
    let police = test
        .desk
        .add_signer("police", "Ruth Émile", "Detective Chief Superintendent")
        .expect("signer");
    let health = test
        .desk
        .add_signer("health", "Tom Öberg", "Chief Nurse")
        .expect("signer");
    let chair = test.desk.signing_status().expect("status").signers[0].id;
    let mut joint = request(case_id, LetterContent::DecisionNotice, Addressing::Circular);
    joint.signer_ids = vec![chair, police.id, health.id];
    let issued = test.desk.issue_letters(&joint).expect("issued");
    assert_eq!(issued.len(), 1);
    assert_eq!(issued[0].signer_fingerprints.len(), 3);
    let pdf = test.desk.issued_letter_pdf(issued[0].id).expect("pdf");
    let check = test.desk.verify_letter(&pdf).expect("verify");
    assert!(check.valid, "{}", check.headline);
    let names: Vec<_> = check.signatures.iter().map(|s| s.signer_name.clone()).collect();
    assert_eq!(names.len(), 3);
    let text = pdftotext(&pdf);
    assert!(text.contains("Ruth Émile") && text.contains("Tom Öberg"));
}

#[test]
fn a_board_without_signing_is_told_to_set_it_up() {
    let test = TestDesk::new();
    let case = open_example_case(&test.desk);
    let framework = test
        .desk
        .framework(&case.draft.framework_id, &case.draft.framework_version)
        .expect("framework");
    test.desk
        .save_draft(case.id, example::wt2015_draft(&framework))
        .expect("draft");
    test.desk.finalise_decision(case.id).expect("finalise");
    let preview_circular = || {
        test.desk.preview_letters(&request(
            case.id,
            LetterContent::DecisionNotice,
            Addressing::Circular,
        ))
    };
    let error = preview_circular().expect_err("no signing yet");
    assert_eq!(error.code().as_str(), "signing.not_set_up");
    test.desk
        .set_up_signing(SigningSetupInput {
            chair_name: "Dr Jane Smith".into(),
            chair_role: "Independent Chair".into(),
        })
        .expect("signing");
    // No member in post yet: there is nobody to tell, so nothing can be issued.
    let error = preview_circular().expect_err("no members");
    assert_eq!(error.code().as_str(), "letter.no_recipients");
}

#[test]
fn the_first_run_demo_names_the_board_and_is_refused_once_a_board_exists() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let desk = Desk::with_system_keyring(dir.clone(), "test");
    // The app opens (and so creates) the archive before the chair chooses anything.
    assert!(desk.first_screen().expect("first run").status.board.is_none());
    let created = desk.start_demo(DemoRecoveryKey::ShowLater).expect("demo").created;
    assert_eq!(created.board, scr_desk::DEMO_BOARD_NAME);
    assert_eq!(created.letters.len(), 12);
    assert!(!desk.status().expect("status").recovery_key_confirmed);
    assert!(desk.start_demo(DemoRecoveryKey::ShowLater).is_err());
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("archive-header.json")).unwrap()).unwrap();
    if let Some(account) = header["keyring"]["account"].as_str() {
        use scr_desk::KeyStore;
        let _ = scr_desk::SystemKeyring::connect().map(|k| k.remove(account));
    }
}

#[test]
fn sending_takes_the_newest_issue_so_a_later_circular_reaches_members_who_had_personal_copies() {
    let (test, case_id) = demo();
    let reference = test.desk.case_view(case_id).expect("case").reference;
    let plan = test.desk.send_decision(&reference, true).expect("dry run");
    let personal: Vec<i64> = plan.letters.iter().map(|l| l.letter_id).collect();
    assert_eq!(personal.len(), 11);
    assert_eq!(
        personal.iter().collect::<std::collections::BTreeSet<_>>().len(),
        11,
        "the decision notice went out as a personal copy to each member"
    );
    // Then an update, as one circular: every member is to get that circular, not their old copy.
    let update = test
        .desk
        .issue_letters(&request(
            case_id,
            LetterContent::Update(UpdateDetails {
                what_changed: "The review will report in January.".into(),
                reason: "The police asked us to wait.".into(),
                ..UpdateDetails::default()
            }),
            Addressing::Circular,
        ))
        .expect("update");
    let plan = test.desk.send_decision(&reference, true).expect("dry run");
    assert_eq!(plan.letters.len(), 11);
    assert!(
        plan.letters.iter().all(|l| l.letter_id == update[0].id),
        "{:?}",
        plan.letters
    );
}

#[test]
fn issuing_signs_exactly_what_was_previewed_or_refuses() {
    let (test, case_id) = demo();
    let update = request(
        case_id,
        LetterContent::Update(UpdateDetails {
            what_changed: "The review will report in January.".into(),
            reason: "The police asked us to wait.".into(),
            revised_completion: Some(example::date("2017-01-31")),
            next_steps: String::new(),
        }),
        Addressing::Both,
    );
    let before = issued_count(&test.desk);
    let looked_at = test.desk.preview_letters(&update).expect("preview");

    // A member joins between the preview and the click: the letters would print another list.
    test.desk
        .add_member(scr_desk::testing::member(
            40,
            scr_domain::register::Channel::Email,
        ))
        .expect("a new member");
    let refused = test
        .desk
        .issue_previewed(&looked_at.token)
        .expect_err("the register changed");
    assert_eq!(refused.code(), ErrorCode::LetterChangedSincePreview);
    assert_eq!(issued_count(&test.desk), before, "nothing was signed");
    // That preview is spent; the chair looks again.
    assert_eq!(
        test.desk.issue_previewed(&looked_at.token).unwrap_err().code(),
        ErrorCode::LetterPreviewUnknown
    );

    let again = test.desk.preview_letters(&update).expect("preview again");
    assert_ne!(again.token, looked_at.token);
    assert_eq!(again.letter_count, looked_at.letter_count + 1);
    let issued = test.desk.issue_previewed(&again.token).expect("issue");
    assert_eq!(issued.len(), again.letter_count as usize);
    assert_eq!(issued_count(&test.desk), before + issued.len());
    let circular = issued
        .iter()
        .find(|l| l.recipient == scr_desk::Recipient::Circular)
        .expect("circular");
    let text = pdftotext(&test.desk.issued_letter_pdf(circular.id).expect("pdf"));
    assert!(
        // Lines wrap wherever the date (the demonstration's, moved to the present) puts them.
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Member 40"),
        "the letter signed is the one previewed: {text}"
    );
    // One preview issues once: a second click signs nothing more.
    assert_eq!(
        test.desk.issue_previewed(&again.token).unwrap_err().code(),
        ErrorCode::LetterPreviewUnknown
    );
    assert_eq!(issued_count(&test.desk), before + issued.len());
}
