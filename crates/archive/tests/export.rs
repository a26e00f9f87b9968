//! The decrypted export holds everything: the register, cases with their annex and decisions,
//! and every issued letter's exact bytes.

mod common;

use common::TestArchive;
use scr_domain::case::DEFAULT_REFERENCE_PATTERN;
use scr_domain::example;

#[test]
fn the_export_has_cases_decisions_and_letter_files() {
    let (test, mut archive) = TestArchive::create();
    let case = archive
        .create_case(
            DEFAULT_REFERENCE_PATTERN,
            2026,
            &example::case(),
            &example::annex(),
        )
        .expect("case");
    let pdf = b"%PDF-1.3 exported letter".to_vec();
    let stored = archive
        .store_issued_letters(&[scr_archive::NewIssuedLetter {
            reference: &case.reference,
            kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
            recipient: &scr_domain::letter_kind::Recipient::Circular,
            pdf: &pdf,
            signer_fingerprints: &[],
            created_at: "2026-11-28T12:00:00Z",
        }])
        .expect("letter");
    archive
        .add_annex_override(
            case.id,
            "blackwood",
            &[scr_domain::annex_scan::RestrictedDetail::ChildFamilyName],
        )
        .expect("override");
    let out = test.temp.path().join("export");
    let summary = archive.export(&out).expect("export");
    let file = format!("letters/{}.pdf", stored[0].id);
    assert!(summary.files.contains(&file), "{:?}", summary.files);
    assert_eq!(std::fs::read(out.join(&file)).expect("letter file"), pdf);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("archive.json")).expect("json"))
            .expect("parse");
    assert_eq!(json["cases"][0]["reference"], case.reference);
    assert_eq!(json["cases"][0]["annex"]["child_family_name"], "Blackwood");
    assert_eq!(json["cases"][0]["annex_overrides"][0]["term_key"], "blackwood");
    assert_eq!(json["issued_letters"][0]["sha256"], stored[0].sha256);
    assert_eq!(json["issued_letters"][0]["file"], file);
    assert!(std::fs::read_to_string(out.join("README.txt"))
        .expect("readme")
        .contains("letters/"));
}
