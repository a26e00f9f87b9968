//! Letters end to end through the desk: set up signing, render + sign + store a hand-built
//! letter against a real archive and the real Secret Service, then check the stored PDF with our
//! verifier and with poppler's pdfsig (an independent validator).

mod common;

use std::path::PathBuf;

use common::pdfsig_verdicts;

use scr_desk::scr_letters::{
    sample, BoardAuthority, LetterDocument, LetterRenderer, Signatory, SignatureRequest, SignerSubject,
    UtcDateTime, ValidityPeriod,
};
use scr_desk::testing::sign_documents;
use scr_desk::{
    verify_letter_with_certificates, BoardProfile, Desk, ErrorCode, KeyStore, LetterKind, LetterToIssue,
    Recipient, SigningSetupInput, SystemKeyring, TrustSource,
};

const BOARD: &str = "Anytown Safeguarding Children Board";

/// A desk on a new archive; the keyring entry goes when this is dropped.
struct TestDesk {
    temp: tempfile::TempDir,
    desk: Desk,
}

impl TestDesk {
    fn new() -> TestDesk {
        let temp = tempfile::tempdir().expect("tempdir");
        let desk = Desk::with_system_keyring(temp.path().join("data"), "test");
        desk.init(BoardProfile {
            name: BOARD.into(),
            area: "Anytown".into(),
        })
        .expect(
            "these tests need a running Secret Service: run them through scripts/test.sh, \
             which starts gnome-keyring on a private D-Bus session",
        );
        TestDesk { temp, desk }
    }

    fn with_chair() -> TestDesk {
        let t = TestDesk::new();
        t.desk
            .set_up_signing(SigningSetupInput {
                chair_name: "Dr Jane Smith".into(),
                chair_role: "Independent Chair".into(),
            })
            .expect("set up signing");
        t
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.temp.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }
}

impl Drop for TestDesk {
    fn drop(&mut self) {
        let header = self.temp.path().join("data/archive-header.json");
        if let Ok(text) = std::fs::read_to_string(header) {
            let json: serde_json::Value = serde_json::from_str(&text).expect("header json");
            if let (Some(account), Ok(keyring)) =
                (json["keyring"]["account"].as_str(), SystemKeyring::connect())
            {
                let _ = keyring.remove(account);
            }
        }
    }
}

/// The sample letter, signed by the chair of this test board, with its note naming the board's
/// certificate.
fn chair_letter(desk: &Desk) -> LetterDocument {
    let status = desk.signing_status().expect("status");
    let mut doc = sample::anytown_child_t();
    doc.verification_note = scr_desk::scr_letters::standard_verification_note(
        &["Dr Jane Smith"],
        &status.board_certificate.expect("certificate").fingerprint_grouped,
    );
    doc
}

#[test]
fn signing_must_be_set_up_first_and_only_once() {
    let t = TestDesk::new();
    let status = t.desk.signing_status().expect("status");
    assert!(!status.set_up && status.board_certificate.is_none());
    let letter = LetterToIssue {
        document: sample::anytown_child_t(),
        kind: LetterKind::DecisionNotice,
        recipient: Recipient::Circular,
    };
    assert_eq!(
        sign_documents(&t.desk, &[letter], &[]).unwrap_err().code(),
        ErrorCode::SigningNotSetUp
    );

    let invalid = t
        .desk
        .set_up_signing(SigningSetupInput {
            chair_name: "  ".into(),
            chair_role: "Independent Chair".into(),
        })
        .unwrap_err();
    assert_eq!(invalid.code(), ErrorCode::SigningInvalid);
    let json = serde_json::to_value(scr_desk::ipc::IpcError::from(&invalid)).expect("json");
    assert_eq!(json["details"]["fields"][0]["field"], "chairName");

    let status = t
        .desk
        .set_up_signing(SigningSetupInput {
            chair_name: "Dr  Jane Smith ".into(),
            chair_role: "Independent Chair".into(),
        })
        .expect("set up");
    assert!(status.set_up);
    let board = status.board_certificate.expect("board certificate");
    assert_eq!(board.fingerprint.len(), 64);
    assert_eq!(board.fingerprint_grouped.split(' ').count(), 16);
    assert_eq!(status.signers.len(), 1);
    assert_eq!(status.signers[0].name, "Dr Jane Smith");
    assert_eq!(status.signers[0].label, "chair");
    // CA ten years, signer three (both backdated by ten minutes).
    let years = |from: &str, to: &str| to[..4].parse::<i32>().unwrap() - from[..4].parse::<i32>().unwrap();
    assert!((9..=10).contains(&years(&board.valid_from, &board.valid_until)));
    let chair = &status.signers[0].certificate;
    assert!((2..=3).contains(&years(&chair.valid_from, &chair.valid_until)));

    let again = t
        .desk
        .set_up_signing(SigningSetupInput {
            chair_name: "Someone Else".into(),
            chair_role: "Chair".into(),
        })
        .unwrap_err();
    assert_eq!(again.code(), ErrorCode::SigningAlreadySetUp);
    assert_eq!(
        t.desk
            .signing_status()
            .unwrap()
            .board_certificate
            .unwrap()
            .fingerprint,
        board.fingerprint
    );
}

#[test]
fn a_letter_is_rendered_signed_stored_and_verified_by_us_and_by_pdfsig() {
    let t = TestDesk::with_chair();
    let doc = chair_letter(&t.desk);
    let mut personal = doc.clone();
    personal.addressee = vec!["Amira Khan".into(), "Designated Nurse, Anytown ICB".into()];
    personal.salutation = "Dear Amira Khan,".into();
    let issued = sign_documents(
        &t.desk,
        &[
            LetterToIssue {
                document: doc,
                kind: LetterKind::DecisionNotice,
                recipient: Recipient::Circular,
            },
            LetterToIssue {
                document: personal,
                kind: LetterKind::DecisionNotice,
                recipient: Recipient::Member(17),
            },
        ],
        &[],
    )
    .expect("sign and store");
    assert_eq!(issued.len(), 2);
    assert_eq!(issued[0].recipient, Recipient::Circular);
    assert_eq!(issued[1].recipient, Recipient::Member(17));
    assert_eq!(issued[0].kind, LetterKind::DecisionNotice);
    assert_eq!(issued[0].reference, "SCR-2016-004");
    let chair_fingerprint = t.desk.signing_status().unwrap().signers[0]
        .certificate
        .fingerprint
        .clone();
    assert_eq!(issued[0].signer_fingerprints, vec![chair_fingerprint]);
    assert!(issued[0].size < 120_000, "a letter of {} bytes", issued[0].size);
    let listed = t.desk.issued_letters(Some("SCR-2016-004")).expect("list");
    assert_eq!(listed.len(), 2);

    for letter in &issued {
        let pdf = t.desk.issued_letter_pdf(letter.id).expect("pdf");
        assert_eq!(pdf.len() as u64, letter.size);

        let ours = t.desk.verify_letter(&pdf).expect("verify");
        assert!(ours.valid, "{ours:#?}");
        assert_eq!(ours.trust_source, TrustSource::Archive);
        assert_eq!(ours.file_sha256, letter.sha256);
        assert_eq!(ours.signatures.len(), 1);
        let sig = &ours.signatures[0];
        assert_eq!(sig.signer_name.as_deref(), Some("Dr Jane Smith"));
        assert_eq!(sig.signer_role.as_deref(), Some("Independent Chair"));
        assert_eq!(sig.signer_organisation.as_deref(), Some(BOARD));
        assert!(sig.signed_at_display.is_some());
        assert!(ours.archive_checked);
        assert_eq!(
            ours.archive_matches.iter().map(|m| m.id).collect::<Vec<_>>(),
            [letter.id]
        );

        let path = t.write(&format!("letter-{}.pdf", letter.id), &pdf);
        assert_eq!(pdfsig_verdicts(&path), ["Signature is Valid."]);
    }

    // Checked against the exported certificate alone, as a member would, without an archive.
    let pem = t.temp.path().join("board.pem");
    let exported = t.desk.export_board_certificate(&pem).expect("export");
    assert_eq!(exported.format, "pem");
    let pdf = t.desk.issued_letter_pdf(issued[0].id).unwrap();
    let by_file = verify_letter_with_certificates(&pdf, &std::fs::read(&pem).unwrap()).expect("verify");
    assert!(by_file.valid && !by_file.archive_checked);
    assert_eq!(by_file.trust_source, TrustSource::File);
    assert_eq!(by_file.trusted_fingerprints, [exported.fingerprint_grouped]);

    // One byte changed inside the signed range: caught by us and by pdfsig; not the archive's letter.
    let mut tampered = pdf.clone();
    let at = tampered.len() / 3;
    tampered[at] ^= 0x01;
    let report = t.desk.verify_letter(&tampered).expect("verify");
    assert!(!report.valid && !report.intact);
    assert!(report.archive_matches.is_empty());
    assert!(
        report.problems.iter().any(|p| p.contains("Signature 1")),
        "{report:#?}"
    );
    let path = t.write("tampered.pdf", &tampered);
    assert_eq!(pdfsig_verdicts(&path), ["Digest Mismatch."]);

    // Bytes appended after signing.
    let mut appended = pdf.clone();
    appended.extend_from_slice(b"\n% a note added later\n");
    let report = t.desk.verify_letter(&appended).expect("verify");
    assert!(!report.valid && !report.intact, "{report:#?}");
}

#[test]
fn joint_sign_off_signs_with_each_partner_in_order() {
    let t = TestDesk::with_chair();
    let doc = sample::anytown_joint_sign_off();
    let mut ids = Vec::new();
    for (label, s) in ["local authority", "health", "police"]
        .iter()
        .zip(&doc.signatories)
    {
        ids.push(t.desk.add_signer(label, &s.name, &s.role).expect("add signer").id);
    }
    let status = t.desk.signing_status().unwrap();
    assert_eq!(status.signers.len(), 4);
    // With joint signers added, the one preselected (who signs when no one is chosen) is still
    // the chair alone.
    let chair: Vec<i64> = status
        .signers
        .iter()
        .filter(|s| s.label == "chair")
        .map(|s| s.id)
        .collect();
    assert_eq!(status.default_signer_ids, chair);
    assert_eq!(chair.len(), 1);
    let issued = sign_documents(
        &t.desk,
        &[LetterToIssue {
            document: doc,
            kind: LetterKind::DecisionNotice,
            recipient: Recipient::Circular,
        }],
        &ids,
    )
    .expect("sign");
    assert_eq!(issued[0].signer_fingerprints.len(), 3);
    let pdf = t.desk.issued_letter_pdf(issued[0].id).unwrap();
    let report = t.desk.verify_letter(&pdf).unwrap();
    assert!(report.valid, "{report:#?}");
    let names: Vec<_> = report
        .signatures
        .iter()
        .map(|s| s.signer_name.clone().unwrap())
        .collect();
    assert_eq!(names, ["Priya Ŷates", "Tom Öberg", "Ruth Émile"]);
    let path = t.write("joint.pdf", &pdf);
    assert_eq!(pdfsig_verdicts(&path), vec!["Signature is Valid."; 3]);
}

#[test]
fn a_letter_naming_someone_else_is_neither_signed_nor_stored() {
    let t = TestDesk::with_chair();
    let mut doc = chair_letter(&t.desk);
    doc.signatories = vec![Signatory {
        name: "Someone Else".into(),
        role: "Independent Chair".into(),
    }];
    let error = sign_documents(
        &t.desk,
        &[LetterToIssue {
            document: doc,
            kind: LetterKind::Update,
            recipient: Recipient::Circular,
        }],
        &[],
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::SignerMismatch);
    assert!(t.desk.issued_letters(None).unwrap().is_empty());
    assert_eq!(
        sign_documents(&t.desk, &[], &[999]).unwrap_err().code(),
        ErrorCode::SignerUnknown
    );
}

#[test]
fn a_letter_signed_under_another_authority_is_intact_but_not_trusted() {
    let t = TestDesk::with_chair();
    let now = UtcDateTime::from_chrono(chrono::Utc::now());
    let stranger = BoardAuthority::create(
        "Elsewhere Safeguarding Children Board",
        ValidityPeriod::years_from(now.plus_days(-1), 1),
    )
    .unwrap();
    let signer = stranger
        .issue_signer(
            &SignerSubject {
                name: "Dr Jane Smith".into(),
                role: "Independent Chair".into(),
                organisation: BOARD.into(),
            },
            ValidityPeriod::years_from(now.plus_days(-1), 1),
        )
        .unwrap();
    let letter = LetterRenderer::new()
        .unwrap()
        .render(&sample::anytown_child_t(), now)
        .unwrap();
    let pdf = scr_desk::scr_letters::sign_pdf(
        &letter.pdf,
        &signer,
        &SignatureRequest::new(letter.slot(0).unwrap(), now),
    )
    .unwrap();
    let report = t.desk.verify_letter(&pdf).unwrap();
    assert!(
        report.intact && !report.trusted_by_board && !report.valid,
        "{report:#?}"
    );
    assert!(report.headline.contains("not trusted by this board"));
}

#[test]
fn verifying_without_an_archive_creates_none() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let desk = Desk::with_system_keyring(data.clone(), "test");
    let report = desk.verify_letter(b"%PDF-1.7\nnot signed\n%%EOF\n").unwrap();
    assert!(!report.valid);
    assert_eq!(report.trust_source, TrustSource::None);
    assert!(report.trust_note.unwrap().contains("no archive"));
    assert!(!data.exists(), "verification created an archive");
}

#[test]
fn the_certificate_button_leaves_its_own_file_alone_and_never_waits_on_what_took_its_name() {
    let t = TestDesk::with_chair();
    let folder = t.temp.path().join("certificates");
    std::fs::create_dir(&folder).expect("folder");
    let first = t.desk.export_board_certificate_into(&folder).expect("export");
    let path = PathBuf::from(&first.path);
    let certificate = std::fs::read(&path).expect("written");
    assert_eq!(
        t.desk.export_board_certificate_into(&folder).expect("again"),
        first
    );
    assert_eq!(std::fs::read(&path).expect("left alone"), certificate);

    // A larger file under the name is not this certificate: refused, and left as it was.
    let larger = [certificate.as_slice(), b"and more"].concat();
    std::fs::remove_file(&path).expect("remove");
    std::fs::write(&path, &larger).expect("larger file");
    let refused = t
        .desk
        .export_board_certificate_into(&folder)
        .expect_err("refused");
    assert_eq!(refused.code(), ErrorCode::FileExists);
    assert_eq!(std::fs::read(&path).expect("kept"), larger);

    // A pipe under the name: opening it to compare would wait for a writer for ever.
    std::fs::remove_file(&path).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (answer, answered) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let code = t
            .desk
            .export_board_certificate_into(&folder)
            .map_err(|error| error.code());
        answer.send(code).expect("send");
        t
    });
    let code = answered
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the export must not wait on a pipe");
    assert_eq!(code.expect_err("refused"), ErrorCode::FileExists);
}
