//! The decrypted export holds everything: the register, cases with their annex and decisions,
//! and every issued letter's exact bytes.

mod common;

use common::TestArchive;

#[test]
fn the_export_has_cases_decisions_and_letter_files() {
    let (test, mut archive) = TestArchive::create();
    let case = common::example_case(&mut archive);
    let pdf = b"%PDF-1.3 exported letter".to_vec();
    let stored = common::store_circular(&mut archive, &case.reference, &pdf, &[]);
    archive
        .add_annex_override(
            case.id,
            "blackwood",
            &[scr_domain::annex_scan::RestrictedDetail::ChildFamilyName],
        )
        .expect("override");
    let out = test.temp.path().join("export");
    let summary = archive.export(&out).expect("export");
    let file = format!("letters/{}.pdf", stored.id);
    assert!(summary.files.contains(&file), "{:?}", summary.files);
    assert_eq!(std::fs::read(out.join(&file)).expect("letter file"), pdf);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("archive.json")).expect("json"))
            .expect("parse");
    assert_eq!(json["cases"][0]["reference"], case.reference);
    assert_eq!(json["cases"][0]["annex"]["childFamilyName"], "Blackwood");
    assert_eq!(json["cases"][0]["annex_overrides"][0]["term_key"], "blackwood");
    assert_eq!(json["issued_letters"][0]["sha256"], stored.sha256);
    assert_eq!(json["issued_letters"][0]["file"], file);
    assert!(std::fs::read_to_string(out.join("README.txt"))
        .expect("readme")
        .contains("letters/"));
}
