//! Records governance through the desk: a hold stops disposal with its own code; the
//! restricted details go first and leave the decision and the letters; the case goes last; the
//! audit chain and `check` stay clean; and nothing disposed of is left in any page of the
//! decrypted archive file, free pages included, nor in its write-ahead log.
//!
//! The board here has its own schedule (every case record one year after the decision), so that
//! the demonstration case decided in 2016 is due on the fixed day of these tests.

mod common;

use common::pages::{decrypt_file, decrypt_wal, pages_holding};
use common::{at, TestDesk, DEMO_SEEDED};
use scr_archive::DATABASE_FILE;
use scr_desk::{Clock, DeskError, DisposalInput, ErrorCode, HoldInput, LiftHoldInput};
use scr_domain::retention::certificate::SecondPerson;
use scr_domain::retention::RecordClass;

const TODAY: &str = "2026-12-07T10:00:00Z";

/// Strings of the demonstration case's restricted details (crates/domain/src/example.rs) that
/// appear nowhere else in the archive: the letters, the summary and the decision use the pseudonym.
const ANNEX_CANARIES: [&str; 3] = ["Blackwood", "7 Mill Lane", "AN1 4XY"];

/// The board's schedule for these tests: every class of a case goes one year after its decision.
fn board_schedule() -> String {
    let mut toml = String::from(
        r#"id = "westmoor-test"
version = "2026-1"
title = "Westmoor test schedule"
source = "A schedule for the desk's tests: every class of a case one year after its decision."
"#,
    );
    for class in ["restricted_annex", "case_record", "letters", "delivery_log"] {
        toml.push_str(&format!(
            r#"
[[rules]]
class = "{class}"
years = 1
from = ["decision"]
action = "dispose"
reason = "Test"
citation = "Test"
"#
        ));
    }
    toml.push_str(
        r#"
[[rules]]
class = "audit_trail"
action = "keep"
reason = "Test"
citation = "Test"

[[rules]]
class = "backups"
years = 1
from = ["backup_made"]
action = "review"
reason = "Test"
citation = "Test"
"#,
    );
    toml
}

/// A desk with the board's schedule, the clock fixed, and the demonstration board's case, its
/// finalised decision and its letters; and the case's id.
fn demo_desk() -> (TestDesk, i64) {
    let mut test = TestDesk::with(
        |dir| {
            let folder = dir.join(scr_desk::RETENTION_FOLDER);
            std::fs::create_dir_all(&folder).expect("retention folder");
            std::fs::write(folder.join("westmoor.toml"), board_schedule()).expect("schedule");
        },
        // The demonstration lives in the week before the desk's today; seeded in April 2016 it
        // keeps the example's own dates (decided 12 April 2016), so the annex is the example's.
        |desk| desk.with_clock(Clock::fixed(at(DEMO_SEEDED))),
    );
    test.desk.seed_demo().expect("demonstration case");
    test.desk =
        scr_desk::Desk::with_system_keyring(test.dir.clone(), "test").with_clock(Clock::fixed(at(TODAY)));
    let case_id = test.desk.list_cases(None).expect("cases")[0].id;
    (test, case_id)
}

fn confirmed(case_id: i64, class: RecordClass) -> DisposalInput {
    DisposalInput {
        case_id,
        class,
        chair_confirmed: true,
        second_person: None,
    }
}

fn code(error: &DeskError) -> String {
    error.code().as_str()
}

/// Every page of the archive file and of its log, decrypted with the archive's own key.
fn decrypted_pages(test: &TestDesk) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let key = test.archive().data_key_for_tests();
    let file = test.dir.join(DATABASE_FILE);
    let wal = test.dir.join(format!("{DATABASE_FILE}-wal"));
    (decrypt_file(&file, &key), decrypt_wal(&wal, &key))
}

/// Nothing in the archive file or its log holds any of `canaries`, decrypted.
fn assert_gone_from_the_archive(test: &TestDesk, canaries: &[&str]) {
    let (pages, wal) = decrypted_pages(test);
    for canary in canaries {
        assert_eq!(
            pages_holding(&pages, canary),
            Vec::<usize>::new(),
            "{canary} in the file"
        );
        assert_eq!(
            pages_holding(&wal, canary),
            Vec::<usize>::new(),
            "{canary} in the log"
        );
    }
}

/// The file's pages and the log's frames together: before a disposal, what was written last may
/// still be only in the log.
fn all_pages(test: &TestDesk) -> Vec<Vec<u8>> {
    let (mut pages, wal) = decrypted_pages(test);
    pages.extend(wal);
    pages
}

#[test]
fn a_held_case_cannot_be_disposed_of_until_the_hold_is_lifted() {
    let (test, case_id) = demo_desk();
    let desk = &test.desk;
    let hold = desk
        .place_legal_hold(HoldInput {
            case_id: Some(case_id),
            reason: "Civil claim by the family".into(),
            authority: "Letter from the council's legal services, 1 December 2026".into(),
        })
        .expect("hold");
    assert_eq!(
        desk.case_retention(case_id).expect("view").holds,
        vec![hold.clone()]
    );

    let refused = desk
        .dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect_err("held");
    assert_eq!(code(&refused), "retention.on_hold");
    let preview = desk
        .disposal_preview(case_id, RecordClass::RestrictedAnnex)
        .expect("preview");
    assert!(
        preview.blocked.is_some(),
        "the confirmation page says why it cannot go ahead"
    );
    assert_eq!(
        desk.read_annex(case_id).expect("annex kept"),
        scr_domain::example::annex()
    );

    // A hold on the whole archive stops it too.
    desk.lift_legal_hold(LiftHoldInput {
        hold_id: hold.id,
        reason: "Claim settled".into(),
    })
    .expect("lift");
    let archive_hold = desk
        .place_legal_hold(HoldInput {
            case_id: None,
            reason: "Inquiry instruction not to destroy records".into(),
            authority: "The inquiry's chair".into(),
        })
        .expect("archive hold");
    let refused = desk
        .dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect_err("archive held");
    assert_eq!(code(&refused), "retention.on_hold");
    desk.lift_legal_hold(LiftHoldInput {
        hold_id: archive_hold.id,
        reason: "Instruction lifted".into(),
    })
    .expect("lift");

    desk.dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect("disposed of once no hold is in force");
    let actions = test.actions();
    for action in [
        "retention.hold_placed",
        "retention.hold_lifted",
        "retention.disposed",
        "archive.vacuumed",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
    assert_eq!(desk.legal_hold_history().expect("history").len(), 2);
}

#[test]
fn the_annex_goes_first_and_leaves_the_decision_and_letters_and_no_trace_in_any_page() {
    let (test, case_id) = demo_desk();
    let desk = &test.desk;
    let letters_before = desk.case_letters(case_id).expect("letters");
    assert!(!letters_before.is_empty());
    let everything = all_pages(&test);
    for canary in ANNEX_CANARIES {
        assert!(
            !pages_holding(&everything, canary).is_empty(),
            "the decrypted pages hold {canary} before the disposal (or the search proves nothing)"
        );
    }

    // The case record cannot go before the annex.
    let refused = desk
        .dispose_records(confirmed(case_id, RecordClass::CaseRecord))
        .expect_err("out of order");
    assert_eq!(code(&refused), "retention.order");

    // A backup made before the disposal still holds the details: the certificate lists it.
    let backup = test.temp.path().join("before.scrbackup");
    desk.backup(&backup, None).expect("backup");
    let preview = desk
        .disposal_preview(case_id, RecordClass::RestrictedAnnex)
        .expect("preview");
    assert!(!preview.early, "due under the board's schedule");
    assert!(
        preview
            .backups_before
            .iter()
            .any(|b| b.location.as_deref() == backup.to_str()),
        "the confirmation page names the backup that will still hold the details"
    );

    let certificate = desk
        .dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect("annex disposed of");
    assert_eq!(certificate.class, RecordClass::RestrictedAnnex);
    let listed: Vec<Option<&str>> = certificate
        .backups_before
        .iter()
        .map(|b| b.location.as_deref())
        .collect();
    assert!(
        listed.contains(&backup.to_str()),
        "the certificate lists the backup made before it: {listed:?}"
    );
    assert_eq!(certificate.authorised_by.chair, "Dr Jane Smith");
    let certificate_text = serde_json::to_string(&certificate).expect("json");
    for canary in ANNEX_CANARIES {
        assert!(
            !certificate_text.contains(canary),
            "the certificate holds no content"
        );
    }

    // The decision and the letters stay, byte for byte.
    assert_eq!(desk.decisions(case_id).expect("decisions").len(), 1);
    let letters_after = desk.case_letters(case_id).expect("letters");
    assert_eq!(letters_after.len(), letters_before.len());
    let pdf = desk
        .issued_letter_pdf(letters_after[0].letter.id)
        .expect("the letter's file stays");
    assert!(pdf.starts_with(b"%PDF"));
    assert_ne!(desk.read_annex(case_id).ok(), Some(scr_domain::example::annex()));
    let again = desk
        .dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect_err("once only");
    assert_eq!(code(&again), "retention.disposed");

    let report = desk.check().expect("check");
    assert!(report.clean, "{:?}", report.problems);
    assert_gone_from_the_archive(&test, &ANNEX_CANARIES);
}

#[test]
fn the_case_goes_last_its_letters_hashes_stay_and_check_passes() {
    let (test, case_id) = demo_desk();
    let desk = &test.desk;
    let reference = desk.case_view(case_id).expect("case").reference;
    let issued: Vec<_> = desk
        .case_letters(case_id)
        .expect("letters")
        .into_iter()
        .map(|letter| (letter.letter.kind, letter.letter.recipient, letter.letter.sha256))
        .collect();
    // A phrase of the decision's rationale (crates/domain/src/example.rs).
    let rationale = "which I have not allowed to";
    assert!(scr_domain::example::RATIONALE.contains(rationale));
    assert!(!pages_holding(&all_pages(&test), rationale).is_empty());
    // The home page reads (and keeps) every case's latest decision before the disposals; it
    // lists what is due, as the due-for-review page does.
    let due = desk.home(1).expect("home before").retention_due;
    assert!(!due.is_empty());
    assert_eq!(due, desk.retention_due().expect("due"));

    for class in [
        RecordClass::RestrictedAnnex,
        RecordClass::Letters,
        RecordClass::DeliveryLog,
        RecordClass::CaseRecord,
    ] {
        let preview = desk.disposal_preview(case_id, class).expect("preview");
        assert_eq!(preview.blocked, None, "{class:?}");
        assert!(!preview.kept.is_empty());
        desk.dispose_records(confirmed(case_id, class))
            .unwrap_or_else(|error| panic!("{class:?}: {error}"));
    }

    let report = desk.check().expect("check");
    assert!(report.clean, "{:?}", report.problems);
    let view = desk
        .case_retention(case_id)
        .expect("the reference stays, with its certificates");
    assert_eq!(view.reference, reference);
    assert_eq!(view.disposals.len(), 4);
    let letters_certificate = view
        .disposals
        .iter()
        .find(|c| c.class == RecordClass::Letters)
        .expect("letters' certificate");
    // Each letter can still be recognised by its hash, and the certificate says which letter it
    // was: its kind and to whom, as the archive recorded them when it was issued.
    let mut kept: Vec<_> = letters_certificate
        .letters
        .iter()
        .map(|l| (l.kind, l.recipient.clone(), l.sha256.clone()))
        .collect();
    let mut issued = issued;
    kept.sort_by(|a, b| a.2.cmp(&b.2));
    issued.sort_by(|a, b| a.2.cmp(&b.2));
    assert!(!issued.is_empty());
    assert_eq!(kept, issued);
    assert_gone_from_the_archive(&test, &[ANNEX_CANARIES.as_slice(), &[rationale]].concat());
    // The decision read before is gone with the case record, and the next decision finalised
    // may be given its row: the desk that read it tells the same as one opened afresh.
    let opened = common::open_example_case(desk);
    let registry = scr_domain::framework::FrameworkRegistry::with_builtins();
    let mut draft = scr_domain::example::wt2015_draft(registry.default_framework());
    // Decided a day later than the disposed decision, so that the two cannot be mistaken.
    draft.decision_date = Some(scr_domain::example::date("2016-04-13"));
    desk.save_draft(opened.id, draft).expect("its draft");
    desk.finalise_decision(opened.id)
        .expect("decided after the disposal");
    let afresh =
        scr_desk::Desk::with_system_keyring(test.dir.clone(), "test").with_clock(Clock::fixed(at(TODAY)));
    assert_eq!(
        desk.home(1).expect("home after"),
        afresh.home(1).expect("home afresh")
    );
    let year = |desk: &scr_desk::Desk| {
        let day = scr_domain::example::date;
        desk.qm3(day("2016-01-01"), day("2016-12-31"))
            .expect("the year's report")
    };
    assert_eq!(year(desk), year(&afresh));
}

#[test]
fn a_second_person_confirms_when_the_board_requires_it() {
    let (test, case_id) = demo_desk();
    let desk = &test.desk;
    assert!(desk.save_retention_settings(true).expect("setting"));

    let refused = desk
        .dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect_err("no second person");
    assert_eq!(code(&refused), "retention.invalid");
    let unconfirmed = desk
        .dispose_records(DisposalInput {
            chair_confirmed: false,
            ..confirmed(case_id, RecordClass::RestrictedAnnex)
        })
        .expect_err("the chair did not confirm");
    assert_eq!(code(&unconfirmed), "retention.invalid");
    assert_eq!(
        desk.read_annex(case_id).expect("kept"),
        scr_domain::example::annex()
    );

    let certificate = desk
        .dispose_records(DisposalInput {
            second_person: Some(SecondPerson {
                name: "Sam Patel".into(),
                role: "Board business manager".into(),
            }),
            ..confirmed(case_id, RecordClass::RestrictedAnnex)
        })
        .expect("confirmed by two");
    let second = certificate.authorised_by.second_person.expect("recorded");
    assert_eq!(second.name, "Sam Patel");
    assert!(test.actions().iter().any(|a| a == "retention.settings_saved"));
}

#[test]
fn records_not_yet_due_stay_except_the_restricted_details() {
    // The built-in schedule: nothing of a case decided in 2016 for a review is due yet.
    let test = TestDesk::stopped_at(at(TODAY));
    test.desk.seed_demo().expect("demo");
    let case_id = test.desk.list_cases(None).expect("cases")[0].id;
    let desk = &test.desk;
    assert_eq!(desk.retention_due().expect("due"), Vec::new());
    desk.dispose_records(confirmed(case_id, RecordClass::RestrictedAnnex))
        .expect("the restricted details may go early");
    let refused = desk
        .dispose_records(confirmed(case_id, RecordClass::Letters))
        .expect_err("not due");
    assert_eq!(code(&refused), "retention.not_due");
    assert_eq!(refused.code(), ErrorCode::RetentionNotDue);
}
