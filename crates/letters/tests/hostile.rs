//! Hostile and broken letters: every kind of damage or trickery a letter can carry, and every
//! crash the fuzzing found (tests/corpus), checked against the exact outcome: a refusal's stable code, or
//! the integrity status and problem the report gives. A genuine letter still verifies.

mod common;

use common::hostile_cases::*;
use common::*;
use scr_letters::{
    sample, sign_pdf, try_verify, verify, IntegrityStatus, LetterRenderer, SignatureRequest, UtcDateTime,
    VerificationReport,
};

struct Genuine {
    pdf: Vec<u8>,
    ca: scr_letters::BoardAuthority,
}

fn genuine() -> Genuine {
    let ca = board_ca();
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    let id = signer(&ca, &doc.signatories[0].name, &doc.signatories[0].role);
    let pdf = sign_pdf(
        &letter.pdf,
        &id,
        &SignatureRequest::new(letter.slot(0).unwrap(), now()),
    )
    .unwrap();
    Genuine { pdf, ca }
}

impl Genuine {
    fn check(&self, pdf: &[u8]) -> Result<VerificationReport, scr_letters::LetterError> {
        try_verify(pdf, std::slice::from_ref(self.ca.certificate()))
    }
}

#[test]
fn a_genuine_letter_still_verifies() {
    let g = genuine();
    let report = g.check(&g.pdf).expect("verified");
    assert!(report.all_valid, "{report:#?}");
    assert_eq!(
        report.signatures[0].field_name.as_deref(),
        Some("Signature1"),
        "{report:#?}"
    );
}

#[test]
fn a_byte_range_whose_sum_overflows_is_malformed() {
    let g = genuine();
    for (name, bad) in [
        ("huge offsets", byte_range_overflow(&g.pdf)),
        ("a length of i64::MAX", byte_range_end_overflow(&g.pdf)),
    ] {
        let report = g.check(&bad).expect("a report, not a refusal");
        let sig = &report.signatures[0];
        assert_eq!(
            sig.integrity,
            IntegrityStatus::ByteRangeMalformed,
            "{name}: {report:#?}"
        );
        assert_eq!(
            serde_json::to_value(sig.integrity).unwrap(),
            "byte_range_malformed"
        );
        assert!(!report.all_valid && !sig.valid, "{name}");
        assert!(
            sig.problems
                .contains(&"the /ByteRange does not frame the signature exactly".to_owned()),
            "{name}: {:?}",
            sig.problems
        );
    }
}

#[test]
fn a_signing_time_offset_of_a_billion_billion_hours_is_unreadable() {
    assert_eq!(
        UtcDateTime::parse_pdf_date("D:20160101000000+999999999999999999"),
        None
    );
    let g = genuine();
    let report = g.check(&signing_time_offset(&g.pdf)).expect("a report");
    let sig = &report.signatures[0];
    assert_eq!(
        sig.signing_time_raw.as_deref(),
        Some("D:20160101000000+999999999999999999")
    );
    assert_eq!(sig.signing_time, None);
    assert_eq!(sig.certificate_valid_at_signing_time, None);
    assert!(
        sig.problems
            .contains(&"the signing time (/M) is not a date and time that can be read".to_owned()),
        "{:?}",
        sig.problems
    );
    // /M is inside the signed bytes (and longer now, moving the signature value), so the
    // letter is also changed.
    assert_ne!(sig.integrity, IntegrityStatus::Intact);
    assert!(!report.all_valid);
}

#[test]
fn repeated_byte_range_keys_are_one_malformed_signature() {
    // 1.2 MB: this took more than two minutes when each hit searched the whole file.
    let bad = repeated_byte_range_keys();
    assert!(bad.len() >= 1_200_000);
    let started = std::time::Instant::now();
    let report = try_verify(&bad, &[]).expect("a report");
    eprintln!("1.2 MB of /ByteRange/Contents: {:?}", started.elapsed());
    assert_eq!(
        report.signatures.len(),
        1,
        "one object (the whole file), one signature"
    );
    assert_eq!(
        report.signatures[0].integrity,
        IntegrityStatus::ByteRangeMalformed
    );
    assert!(!report.all_valid);
}

#[test]
fn thousands_of_signature_objects_are_refused() {
    let error = try_verify(&thousands_of_signature_objects(), &[]).expect_err("refused");
    assert_eq!(error.code(), "letter.too_many_signatures");
    // The report-only entry point answers too: no signature, so not valid.
    let report = verify(&thousands_of_signature_objects(), &[]);
    assert!(report.signatures.is_empty() && !report.all_valid);
}

#[test]
fn an_object_stream_bomb_is_refused() {
    let g = genuine();
    let bomb = object_stream_bomb(&g.pdf);
    assert!(
        bomb.len() < g.pdf.len() + 200_000,
        "a small file: {} bytes",
        bomb.len()
    );
    let error = g.check(&bomb).expect_err("refused");
    assert_eq!(error.code(), "letter.decompression_bomb");
}

#[test]
fn a_chain_of_revisions_longer_than_any_letter_is_refused() {
    let g = genuine();
    let error = g.check(&many_revisions(&g.pdf, 40)).expect_err("refused");
    assert_eq!(error.code(), "letter.too_many_revisions");
    // A few empty revisions are only a change after signing (pyHanko and pdfsig agree).
    let report = g.check(&many_revisions(&g.pdf, 2)).expect("a report");
    assert!(
        report.signatures[0].modified_after_signing && !report.all_valid,
        "{report:#?}"
    );
}

#[test]
fn a_file_larger_than_any_letter_is_refused() {
    let error = try_verify(&vec![b' '; scr_letters::verify::MAX_PDF_BYTES + 1], &[]).expect_err("refused");
    assert_eq!(error.code(), "letter.too_large");
}

/// Every input kept in tests/corpus (each with its expected outcome in a `.expected` file)
/// gets exactly that answer: a refusal's code, or the signatures found and whether valid.
#[test]
fn the_fuzzing_corpus_gets_answers() {
    let dir = std::path::Path::new(&common::package_dir()).join("tests/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let bytes = std::fs::read(&path).expect("read");
            let expected =
                std::fs::read_to_string(path.with_extension("expected")).expect("its .expected file");
            let outcome = match try_verify(&bytes, &[]) {
                Ok(report) => format!(
                    "signatures {} valid {}",
                    report.signatures.len(),
                    report.all_valid
                ),
                Err(error) => error.code().to_owned(),
            };
            assert_eq!(outcome, expected.trim(), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 2, "the corpus is in tests/corpus");
}
