//! Cases, drafts, the restricted annex and finalised decisions in a real archive.

mod common;

use common::{audit_actions, audit_count, blank_case, example_case_in, TestArchive};
use scr_archive::ArchiveError;
use scr_domain::case::{CaseSummary, DEFAULT_REFERENCE_PATTERN};
use scr_domain::example;
use scr_domain::finalise::{DecisionOutline, FinalisedDecision};
use scr_domain::framework::FrameworkRegistry;

#[test]
fn references_are_numbered_per_year_and_never_edited() {
    let (_test, mut archive) = TestArchive::create();
    let first = blank_case(&mut archive, 2026);
    let second = blank_case(&mut archive, 2026);
    let next_year = blank_case(&mut archive, 2027);
    assert_eq!(first.reference, "SCR-2026-001");
    assert_eq!(second.reference, "SCR-2026-002");
    assert_eq!(next_year.reference, "SCR-2027-001");

    let mut edited = example::case();
    edited.reference = Some("SCR-1999-999".into());
    let saved = archive.update_case_summary(first.id, &edited).expect("edit");
    assert_eq!(saved.reference, "SCR-2026-001");
    assert_eq!(saved.summary.reference.as_deref(), Some("SCR-2026-001"));
    assert_eq!(saved.summary.pseudonym.as_deref(), Some("Child T"));
}

#[test]
fn the_list_searches_reference_and_pseudonym() {
    let (_test, mut archive) = TestArchive::create();
    for pseudonym in ["Child A", "Child B", "Family C"] {
        let summary = CaseSummary {
            pseudonym: Some(pseudonym.into()),
            ..Default::default()
        };
        archive
            .create_case(DEFAULT_REFERENCE_PATTERN, 2026, &summary, &Default::default())
            .expect("create");
    }
    assert_eq!(archive.list_cases(None).expect("list").len(), 3);
    let children = archive.list_cases(Some("child")).expect("search");
    assert_eq!(children.len(), 2);
    let by_reference = archive.list_cases(Some("2026-003")).expect("search");
    assert_eq!(by_reference.len(), 1);
    assert_eq!(by_reference[0].pseudonym, "Family C");
    // Newest first.
    assert_eq!(archive.list_cases(None).expect("list")[0].pseudonym, "Family C");
}

#[test]
fn drafts_survive_a_reopen_and_annex_reads_are_audited() {
    let (test, mut archive) = TestArchive::create();
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.default_framework();
    let record = example_case_in(&mut archive, 2016);
    let draft = example::wt2015_draft(framework);
    archive.save_draft(record.id, &draft).expect("save draft");
    drop(archive);

    let mut archive = test.open();
    assert_eq!(archive.case(record.id).expect("case").draft, Some(draft));
    let before = audit_count(&archive, "annex.read");
    assert_eq!(archive.read_annex(record.id).expect("annex"), example::annex());
    let after = audit_count(&archive, "annex.read");
    assert_eq!(after, before + 1);
    // The checks may consult it without showing it to anyone: not a read.
    archive.annex_for_checks(record.id).expect("annex");
    assert_eq!(audit_count(&archive, "annex.read"), after);

    let error = archive.case(9999).expect_err("no such case");
    assert!(matches!(error, ArchiveError::NotFound { .. }));
}

#[test]
fn finalised_decisions_are_stored_immutably_and_amended_as_new_versions() {
    let (_test, mut archive) = TestArchive::create();
    let registry = FrameworkRegistry::with_builtins();
    let framework = registry.default_framework();
    let record = example_case_in(&mut archive, 2016);
    let case = archive.case(record.id).expect("case").summary;
    let draft = example::wt2015_draft(framework);
    let first = FinalisedDecision::finalise(&draft, &case, framework, &example::annex()).expect("finalise");
    archive.store_decision(record.id, &first).expect("store");
    let again = archive.store_decision(record.id, &first);
    assert!(again.is_err(), "the same version was stored twice");

    let mut changed = draft.clone();
    changed.rationale = Some(format!(
        "{} The scope now includes the school nurse.",
        example::RATIONALE
    ));
    let amended = first
        .amend(
            &changed,
            &case,
            framework,
            &example::annex(),
            &scr_domain::calendar::WorkingCalendar::england(),
            "New information from the school nurse",
        )
        .expect("amend");
    archive
        .store_decision(record.id, &amended)
        .expect("store amendment");

    let stored = archive.decisions(record.id).expect("decisions");
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0], first);
    assert_eq!(stored[1].record.version, 2);
    assert_eq!(
        stored[1]
            .record
            .supersedes
            .as_ref()
            .map(|s| s.content_hash.clone()),
        Some(first.content_hash.clone())
    );
    let list = archive.list_cases(None).expect("list");
    assert_eq!(list[0].decision_version, Some(2));
    let actions = audit_actions(&archive);
    assert!(actions.contains(&"decision.finalised".to_owned()));
    assert!(actions.contains(&"decision.amended".to_owned()));
    assert!(archive.check().expect("check").is_clean());
}

#[test]
fn decisions_read_are_kept_until_what_was_read_is_given_back() {
    let (_test, mut archive) = TestArchive::create();
    let framework = FrameworkRegistry::with_builtins().default_framework().clone();
    let record = example_case_in(&mut archive, 2016);
    let case = archive.case(record.id).expect("case").summary;
    let draft = example::wt2015_draft(&framework);
    let decision =
        FinalisedDecision::finalise(&draft, &case, &framework, &example::annex()).expect("finalise");
    archive.store_decision(record.id, &decision).expect("store");
    let latest =
        |archive: &scr_archive::Archive| archive.latest_outlines().expect("latest")[&record.id].clone();

    let first = latest(&archive);
    assert_eq!(*first, DecisionOutline::of(&decision));
    assert!(
        std::sync::Arc::ptr_eq(&first, &latest(&archive)),
        "read once, then kept"
    );

    archive.release_what_was_read().expect("released");
    let after = latest(&archive);
    assert!(
        !std::sync::Arc::ptr_eq(&first, &after),
        "read again after being given back"
    );
    assert_eq!(after, first);
}
