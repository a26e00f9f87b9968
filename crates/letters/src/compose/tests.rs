use chrono::NaiveDate;
use scr_domain::calendar::WorkingCalendar;
use scr_domain::example;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::FrameworkRegistry;
use scr_domain::notices::{LetterContent, OutcomeDetails, UpdateDetails};

use super::*;
use crate::model::Block;

fn board() -> BoardForLetters {
    BoardForLetters {
        name: "Anytown Safeguarding Children Board".into(),
        address_lines: vec!["Civic Centre".into(), "Anytown AT1 1AA".into()],
        logo: None,
        protective_marking: "OFFICIAL-SENSITIVE".into(),
        subgroup_name: "Case Review Sub-group".into(),
        contact: Some("Dr Jane Smith (chair@anytown.example)".into()),
        timestamp_authority: None,
    }
}

fn members() -> Vec<ListedMember> {
    ["Amira Ahmed", "Ben Brown", "Chloé Clarke"]
        .iter()
        .enumerate()
        .map(|(i, name)| ListedMember {
            id: i as i64 + 1,
            name: (*name).into(),
            role: "Director".into(),
            agency: format!("Agency {}", i + 1),
        })
        .collect()
}

fn finalised(framework_id: &str) -> FinalisedDecision {
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.latest(framework_id).expect("framework");
    let wt2015 = registry.latest("wt2015-scr").expect("wt2015");
    let draft = example::wt2015_draft(wt2015);
    let mut decision = FinalisedDecision::finalise(&draft, &example::case(), wt2015, &example::annex())
        .expect("finalisable");
    // The letter reads only the record; another framework's words over the same answers are
    // enough to check how the letter speaks.
    decision.record.framework_id = framework.id.clone();
    decision.record.framework_version = framework.version.clone();
    decision
}

fn letter(decision: &FinalisedDecision, content: &LetterContent, to: Addressee<'_>) -> LetterDocument {
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry
        .get(&decision.record.framework_id, &decision.record.framework_version)
        .expect("framework");
    let members = members();
    let signatories = [Signatory {
        name: "Dr Jane Smith".into(),
        role: "Independent Chair".into(),
    }];
    let facts = DecisionFacts {
        board: &board(),
        framework,
        decision: &decision.record,
        calendar: &WorkingCalendar::england(),
        members: &members,
        signatories: &signatories,
        board_fingerprint: "AB12 CD34",
        letter_date: NaiveDate::from_ymd_opt(2016, 4, 12).unwrap(),
    };
    compose_letter(&facts, content, to)
}

fn text(doc: &LetterDocument) -> String {
    doc.printed_text().join("\n")
}

fn headings(doc: &LetterDocument) -> Vec<String> {
    doc.body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_decision_notice_says_what_was_decided_why_and_to_whom() {
    let decision = finalised("wt2015-scr");
    let doc = letter(&decision, &LetterContent::DecisionNotice, Addressee::Board);
    assert_eq!(doc.title, "Decision on a Serious Case Review: Child T");
    assert_eq!(doc.reference, "SCR-2016-004");
    assert_eq!(doc.date, "12 April 2016");
    assert_eq!(doc.salutation, "Dear colleagues,");
    assert_eq!(
        doc.addressee,
        vec!["To: all members of Anytown Safeguarding Children Board"]
    );
    assert_eq!(
        headings(&doc),
        vec![
            "1. The decision",
            "2. How the case reached me",
            "3. The statutory criteria",
            "4. The reasons for my decision",
            "5. Other processes running alongside",
            "6. The family",
            "7. National notifications",
        ]
    );
    let all = text(&doc);
    assert!(
        all.contains("I have decided to commission a Serious Case Review."),
        "{all}"
    );
    assert!(all.contains("Because the criteria are met, an SCR must be held."));
    assert!(all.contains(example::RATIONALE));
    assert!(all.contains("Notified to the Board: 17 March 2016."));
    assert!(
        all.contains("within the timescale of 1 month (due 17 April 2016)"),
        "{all}"
    );
    assert!(all.contains("The Case Review Sub-group considered it on 29 March 2016"));
    assert!(all.contains("Police investigation or CPS proceedings (under way)."));
    assert!(all.contains("please contact Dr Jane Smith (chair@anytown.example)"));
    assert_eq!(
        doc.distribution.intro,
        "all 3 members of the Board in post on 12 April 2016:"
    );
    assert_eq!(doc.distribution.recipients[2], "Chloé Clarke, Agency 3");
    assert!(doc.verification_note.contains("AB12 CD34"));
    assert_eq!(
        doc.metadata.subject,
        "SCR-2016-004: decision notice to all Board members"
    );
    let criteria = doc
        .body
        .iter()
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .expect("criteria table");
    assert_eq!(criteria.len(), 4);
    assert!(criteria
        .iter()
        .any(|r| r[1] == "Not met" && r[2] == "Child T survived."));
}

#[test]
fn no_letter_prints_anything_from_the_restricted_annex() {
    let decision = finalised("wt2015-scr");
    let annex = example::annex();
    let list = members();
    let contents = [
        LetterContent::DecisionNotice,
        LetterContent::Update(UpdateDetails {
            what_changed: "The review will finish later.".into(),
            reason: "The police asked us to wait.".into(),
            ..UpdateDetails::default()
        }),
        LetterContent::OutcomeNotice(OutcomeDetails {
            completed_on: NaiveDate::from_ymd_opt(2016, 11, 1),
            published: Some(true),
            publication: "On the Board's website.".into(),
            board_response: "An action plan.".into(),
            ..OutcomeDetails::default()
        }),
    ];
    for content in &contents {
        for to in [Addressee::Board, Addressee::Member(&list[0])] {
            let doc = letter(&decision, content, to);
            let found = scr_domain::annex_scan::find_restricted_details(&annex, &text(&doc));
            assert!(found.is_empty(), "{content:?} to {to:?} printed {found:?}");
        }
    }
}

#[test]
fn a_personalised_copy_is_addressed_to_the_member() {
    let decision = finalised("wt2015-scr");
    let list = members();
    let doc = letter(
        &decision,
        &LetterContent::DecisionNotice,
        Addressee::Member(&list[1]),
    );
    assert_eq!(doc.addressee, vec!["To: Ben Brown", "Director", "Agency 2"]);
    assert_eq!(doc.salutation, "Dear Ben Brown,");
    assert!(text(&doc).contains("I am writing to you, as to every member of the Board,"));
    assert_eq!(doc.metadata.subject, "SCR-2016-004: decision notice to Ben Brown");
    // The distribution list still names every member: each knows who else was told.
    assert_eq!(doc.distribution.recipients.len(), 3);
}

#[test]
fn a_joint_decision_speaks_for_the_partners() {
    let decision = finalised("wt2018-lcspr");
    let doc = letter(&decision, &LetterContent::DecisionNotice, Addressee::Board);
    let all = text(&doc);
    assert!(all.contains("We are writing to every member"), "{all}");
    assert!(all.contains("We have decided to commission a Local Child Safeguarding Practice Review."));
    assert!(headings(&doc).contains(&"4. The reasons for our decision".to_owned()));
    assert_eq!(
        doc.title,
        "Decision on a Local Child Safeguarding Practice Review: Child T"
    );
}

#[test]
fn an_amended_decision_says_what_it_replaces_and_why() {
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.latest("wt2015-scr").expect("wt2015");
    let first = finalised("wt2015-scr");
    let mut draft = first.record.decision.clone();
    draft.rationale = Some(format!("{} The sub-group met again.", example::RATIONALE));
    let second = first
        .amend(
            &draft,
            &first.record.case,
            framework,
            &example::annex(),
            &WorkingCalendar::england(),
            "New information from the police",
        )
        .expect("amended");
    let all = text(&letter(&second, &LetterContent::DecisionNotice, Addressee::Board));
    assert!(all.contains("This letter replaces an earlier decision notice."));
    assert!(all.contains("version 2 of the decision, which supersedes version 1"));
    assert!(all.contains("The reason for the change: New information from the police."));
}

#[test]
fn an_update_gives_the_change_the_reason_and_the_new_date() {
    let decision = finalised("wt2015-scr");
    let content = LetterContent::Update(UpdateDetails {
        what_changed: "The review will report later than planned.".into(),
        reason: "The Crown Prosecution Service asked us to wait.".into(),
        revised_completion: NaiveDate::from_ymd_opt(2017, 1, 31),
        next_steps: "Agencies keep their chronologies ready.".into(),
    });
    let doc = letter(&decision, &content, Addressee::Board);
    assert_eq!(doc.title, "Update on the case of Child T");
    assert_eq!(
        headings(&doc),
        vec![
            "1. What has changed",
            "2. Why",
            "3. The new timetable",
            "4. What happens next"
        ]
    );
    let all = text(&doc);
    assert!(
        all.contains(
            "On 12 April 2016, I told the Board that I had decided to commission a Serious Case Review."
        ),
        "{all}"
    );
    assert!(
        all.contains("completed by 31 January 2017, instead of 12 October 2016."),
        "{all}"
    );
}

#[test]
fn an_outcome_notice_says_whether_the_report_is_published() {
    let decision = finalised("wt2015-scr");
    let unpublished = LetterContent::OutcomeNotice(OutcomeDetails {
        completed_on: NaiveDate::from_ymd_opt(2016, 11, 1),
        published: Some(false),
        not_published_reason: "Publishing would identify the child's siblings.".into(),
        board_response: "The Board accepted all seven recommendations.".into(),
        ..OutcomeDetails::default()
    });
    let doc = letter(&decision, &unpublished, Addressee::Board);
    assert_eq!(doc.title, "Outcome of the Serious Case Review: Child T");
    let all = text(&doc);
    assert!(all.contains("The Serious Case Review of the case of Child T ended on 1 November 2016."));
    assert!(all.contains("The report will not be published."));
    assert!(all.contains("Publishing would identify the child's siblings."));
    assert!(!headings(&doc).iter().any(|h| h.contains("What happens next")));
}

#[test]
fn the_note_says_whether_an_authority_proves_the_signing_time() {
    let decision = finalised("wt2015-scr");
    let doc = letter(&decision, &LetterContent::DecisionNotice, Addressee::Board);
    assert!(
        doc.verification_note
            .contains("The signing time is the signer’s own clock: no timestamp authority vouches for it."),
        "{}",
        doc.verification_note
    );
    assert!(doc.verification_note.contains("without going online"));
    let note = crate::model::verification_note(&["Dr Jane Smith"], "AB12", Some("tsa.example.org"));
    assert!(note.contains("a timestamp from tsa.example.org, an independent timestamp authority"));
    assert!(!note.contains("signer’s own clock"));
}
