//! Trusted timestamps and long-term validation through the desk, against a real archive, the
//! real Secret Service and a local timestamp authority (pyHanko's test timestamper over HTTP):
//! the setting is checked with one request before it is saved, every issued signature carries a
//! token, every letter carries its validation data, and the letter's note says which.

mod common;

use common::TestDesk;
use scr_desk::scr_letters::test_tsa::TestTsa;
use scr_desk::{Addressing, ErrorCode, LetterRequest, TimestampSettingsInput};
use scr_domain::notices::LetterContent;

/// The letter's words, one space apart.
fn pdftotext(pdf: &[u8]) -> String {
    common::pdftotext(pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

/// id-aa-timeStampToken (1.2.840.113549.1.9.16.2.14), as it appears in the hex /Contents.
const TOKEN_OID_HEX: &[u8] = b"060B2A864886F70D010910020E";

#[test]
fn letters_are_timestamped_once_an_authority_is_set_and_always_carry_validation_data() {
    let test = TestDesk::new();
    let desk = &test.desk;
    desk.seed_demo().expect("demonstration");
    let case_id = desk.list_cases(None).expect("cases")[0].id;
    let view = desk.timestamp_settings().expect("settings");
    assert!(!view.configured && view.level.contains("no timestamp"));

    // Before: B-B signatures with the long-term validation data, and a note that says so.
    let request = LetterRequest {
        case_id,
        decision_version: None,
        content: LetterContent::DecisionNotice,
        addressing: Addressing::Circular,
        signer_ids: Vec::new(),
    };
    let before = desk.issue_letters(&request).expect("issue");
    let pdf = desk.issued_letter_pdf(before[0].id).expect("pdf");
    assert_eq!(count(&pdf, TOKEN_OID_HEX), 0);
    assert_eq!(count(&pdf, b"/DSS"), 1, "validation data in every letter");
    assert!(pdftotext(&pdf).contains("The signing time is the signer’s own clock"));

    let tsa = TestTsa::start();
    let saved = desk
        .save_timestamp_settings(TimestampSettingsInput {
            url: tsa.url(),
            ca_pem: tsa.root_pem(),
        })
        .expect("save the authority");
    assert!(saved.configured && saved.ca_subjects.len() == 1, "{saved:?}");
    assert!(saved.level.contains("with a timestamp"));
    assert_eq!(tsa.tokens_issued(), 1, "checked with one request before saving");
    assert!(test.actions().iter().any(|a| a == "timestamp.authority_saved"));

    let personal = LetterRequest {
        addressing: Addressing::Both,
        ..request.clone()
    };
    let issued = desk.issue_letters(&personal).expect("issue with timestamps");
    assert_eq!(issued.len(), 12);
    // One request to check the authority, then one per signature.
    assert_eq!(tsa.tokens_issued(), 1 + 1 + issued.len());
    for letter in &issued {
        let pdf = desk.issued_letter_pdf(letter.id).expect("pdf");
        assert_eq!(count(&pdf, TOKEN_OID_HEX), 1, "one token per signature");
        assert_eq!(count(&pdf, b"/DSS"), 1);
        let check = desk.verify_letter(&pdf).expect("verify");
        assert!(check.valid, "{}", check.headline);
        // The board's list and the authority's: the timestamps check offline too.
        assert!(
            check
                .document
                .summary
                .iter()
                .any(|s| s.contains("2 revocation list(s)")),
            "{:?}",
            check.document.summary
        );
        let stamp = check.signatures[0].timestamp.as_ref().expect("timestamp");
        assert!(stamp.holds && stamp.trusted, "{stamp:?}");
        assert_eq!(check.document.pdfa.as_deref(), Some("PDF/A-2a"));
    }
    let text = pdftotext(&desk.issued_letter_pdf(issued[0].id).expect("pdf"));
    assert!(
        text.contains("a timestamp from 127.0.0.1, an independent timestamp authority"),
        "{text}"
    );

    // An authority that stops answering properly stops the issue: nothing is stored.
    tsa.control("reject");
    let stored = desk.issued_letters(None).expect("letters").len();
    let err = desk.issue_letters(&request).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LetterTimestampFailed);
    assert_eq!(desk.issued_letters(None).expect("letters").len(), stored);

    // Turning it off.
    let off = desk
        .save_timestamp_settings(TimestampSettingsInput::default())
        .expect("off");
    assert!(!off.configured);
    tsa.control("ok");
    let after = desk.issue_letters(&request).expect("issue without");
    assert_eq!(
        count(&desk.issued_letter_pdf(after[0].id).expect("pdf"), TOKEN_OID_HEX),
        0
    );
}

#[test]
fn a_wrong_authority_is_refused_and_nothing_is_saved() {
    let test = TestDesk::new();
    let desk = &test.desk;
    let tsa = TestTsa::start();
    for (url, ca_pem) in [
        ("ftp://example.org/tsr".to_owned(), String::new()),
        ("https://example.org/tsr".to_owned(), String::new()),
        (
            tsa.url(),
            "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n".to_owned(),
        ),
        (format!("http://127.0.0.1:{}/", free_port()), String::new()),
    ] {
        let err = desk
            .save_timestamp_settings(TimestampSettingsInput {
                url: url.clone(),
                ca_pem,
            })
            .unwrap_err();
        assert!(
            matches!(
                err.code(),
                ErrorCode::LetterTimestampFailed | ErrorCode::LetterBadCertificate
            ),
            "{url}: {err}"
        );
        assert!(!desk.timestamp_settings().expect("view").configured, "{url}");
    }
    // A CA that did not issue the authority's certificate.
    let other = TestTsa::start();
    let err = desk
        .save_timestamp_settings(TimestampSettingsInput {
            url: tsa.url(),
            ca_pem: other.root_pem(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("does not chain"), "{err}");
    assert!(!desk.timestamp_settings().expect("view").configured);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}
