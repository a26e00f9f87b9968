//! The signing identity and issued letters in the archive: a round trip through a closed and
//! reopened archive, audited; the private keys never appear readable in any file of the data
//! folder (raw DER, hex or base64).

mod common;

use std::fs;
use std::path::Path;

use common::{audit_actions, TestArchive};
use scr_archive::{letter_sha256, ArchiveError, NewCertificate, NewIssuedLetter, NewSigner};
use scr_letters::{BoardAuthority, SignerSubject, UtcDateTime, ValidityPeriod};

fn identity() -> (BoardAuthority, scr_letters::LocalSigner) {
    let start = UtcDateTime::from_chrono(chrono::Utc::now());
    let ca = BoardAuthority::create(
        "Westmoor Safeguarding Children Board",
        ValidityPeriod::years_from(start, 10),
    )
    .expect("ca");
    let chair = ca
        .issue_signer(
            &SignerSubject {
                name: "Dr Ada Lowe".into(),
                role: "Independent Chair".into(),
                organisation: "Westmoor Safeguarding Children Board".into(),
            },
            ValidityPeriod::years_from(start, 3),
        )
        .expect("signer");
    (ca, chair)
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn files_containing(dir: &Path, needles: &[Vec<u8>], found: &mut Vec<String>, scanned: &mut usize) {
    for entry in fs::read_dir(dir).expect("read dir").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files_containing(&path, needles, found, scanned);
            continue;
        }
        let bytes = fs::read(&path).expect("read file");
        *scanned += 1;
        for needle in needles {
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found.push(format!(
                    "{} holds {} bytes of a key",
                    path.display(),
                    needle.len()
                ));
            }
        }
    }
}

#[test]
fn the_identity_round_trips_and_its_keys_never_appear_in_plain_text() {
    let (test, mut archive) = TestArchive::create();
    let (ca, chair) = identity();
    let ca_export = ca.export_certificate().unwrap();
    let ca_key = ca.private_key_pkcs8_der().unwrap();
    let chair_export = chair.export_certificate().unwrap();
    let chair_key = chair.private_key_pkcs8_der().unwrap();
    let (authority, signer) = archive
        .create_signing_identity(
            &NewCertificate {
                subject: "Westmoor Safeguarding Children Board signing authority",
                certificate_der: &ca_export.der,
                private_key_pkcs8: &ca_key,
                fingerprint: ca_export.sha256.hex(),
                not_before: "2026-01-01T00:00:00Z",
                not_after: "2036-01-01T00:00:00Z",
            },
            &NewSigner {
                label: "chair",
                name: "Dr Ada Lowe",
                role: "Independent Chair",
                certificate: NewCertificate {
                    subject: "Dr Ada Lowe, Independent Chair",
                    certificate_der: &chair_export.der,
                    private_key_pkcs8: &chair_key,
                    fingerprint: chair_export.sha256.hex(),
                    not_before: "2026-01-01T00:00:00Z",
                    not_after: "2029-01-01T00:00:00Z",
                },
            },
        )
        .expect("store identity");
    assert_eq!(authority.fingerprint, ca_export.sha256.hex());
    assert_eq!(signer.label, "chair");
    // A second authority is refused while one is current.
    let again = archive.create_signing_identity(
        &NewCertificate {
            subject: "x",
            certificate_der: &ca_export.der,
            private_key_pkcs8: &ca_key,
            fingerprint: "other",
            not_before: "a",
            not_after: "b",
        },
        &NewSigner {
            label: "chair",
            name: "x",
            role: "y",
            certificate: NewCertificate {
                subject: "x",
                certificate_der: &chair_export.der,
                private_key_pkcs8: &chair_key,
                fingerprint: "other2",
                not_before: "a",
                not_after: "b",
            },
        },
    );
    assert!(matches!(again, Err(ArchiveError::SigningAlreadySetUp)));
    drop(archive);

    // Reopened: the same certificates, and keys that still sign for them.
    let archive = test.open();
    let stored = archive.signing_authority().unwrap().expect("authority");
    assert_eq!(stored.certificate_der, ca_export.der);
    let signers = archive.signers().unwrap();
    assert_eq!(signers.len(), 1);
    assert_eq!(signers[0].certificate_der, chair_export.der);
    let key = archive.signer_private_key(signers[0].id).unwrap();
    assert_eq!(key.as_slice(), chair_key.as_slice());
    scr_letters::LocalSigner::from_parts(&key, &signers[0].certificate_der, &[&stored.certificate_der])
        .expect("the stored key matches its certificate");
    let ca_back = archive.signing_authority_private_key().unwrap();
    BoardAuthority::from_parts(&ca_back, &stored.certificate_der).expect("the CA key matches");
    assert!(audit_actions(&archive).contains(&"signing.identity_created".to_owned()));
    assert!(archive.check().unwrap().is_clean());
    drop(archive);

    // Nothing readable on disk: the raw PKCS#8, its hex (either case), its base64, and the bare
    // 32-byte private scalars.
    let mut needles = Vec::new();
    for key in [ca_key.as_slice(), chair_key.as_slice()] {
        needles.push(key.to_vec());
        needles.push(
            key.iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
                .into_bytes(),
        );
        needles.push(
            key.iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
                .into_bytes(),
        );
        needles.push(base64(key).into_bytes());
        // The P-256 private scalar sits after the 0x04 0x20 OCTET STRING header.
        let at = key.windows(2).position(|w| w == [0x04, 0x20]).expect("scalar");
        needles.push(key[at + 2..at + 34].to_vec());
    }
    // The certificates are public, but they too live only inside the encrypted database.
    needles.push(ca_export.der.clone());
    let mut found = Vec::new();
    let mut scanned = 0;
    files_containing(&test.dir, &needles, &mut found, &mut scanned);
    assert!(scanned >= 2, "scanned only {scanned} files");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn issued_letters_are_stored_audited_and_found_by_sha256() {
    let (test, mut archive) = TestArchive::create();
    let fingerprints = vec!["AB".repeat(32)];
    let pdfs: [&[u8]; 2] = [b"%PDF-1.7 circular letter", b"%PDF-1.7 letter for member 17"];
    let stored = archive
        .store_issued_letters(&[
            NewIssuedLetter {
                reference: "SCR-2026-001",
                kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
                recipient: &scr_domain::letter_kind::Recipient::Circular,
                pdf: pdfs[0],
                signer_fingerprints: &fingerprints,
                created_at: "2026-04-12T14:03:00Z",
            },
            NewIssuedLetter {
                reference: "SCR-2026-001",
                kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
                recipient: &scr_domain::letter_kind::Recipient::Member(17),
                pdf: pdfs[1],
                signer_fingerprints: &fingerprints,
                created_at: "2026-04-12T14:03:00Z",
            },
        ])
        .expect("store");
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].sha256, letter_sha256(pdfs[0]));
    assert_eq!(stored[1].size, pdfs[1].len() as u64);
    let actions = audit_actions(&archive);
    assert_eq!(actions.iter().filter(|a| *a == "letter.issued").count(), 2);
    drop(archive);

    let archive = test.open();
    let all = archive.issued_letters(None).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].recipient,
        scr_domain::letter_kind::Recipient::Member(17),
        "newest first"
    );
    assert!(archive.issued_letters(Some("SCR-2026-999")).unwrap().is_empty());
    let letter = archive.issued_letter(stored[0].id).unwrap().expect("letter");
    assert_eq!(letter.pdf, pdfs[0]);
    assert_eq!(letter.record.signer_fingerprints, fingerprints);
    let found = archive
        .issued_letters_with_sha256(&letter_sha256(pdfs[1]).to_lowercase())
        .unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [stored[1].id]);
    assert!(archive
        .issued_letters_with_sha256(&"00".repeat(32))
        .unwrap()
        .is_empty());
    assert!(archive.check().unwrap().is_clean());
}
