//! Signed letters checked by three independent validators: our own verifier, pyHanko and
//! poppler's pdfsig. Valid letters (one signature, three signatures) and tampered ones.

mod common;

use common::*;
use scr_letters::{
    sample, sign_pdf, verify, IntegrityStatus, LetterRenderer, SignatureRequest, SigningIdentity, UtcDateTime,
};

struct Signed {
    pdf: Vec<u8>,
    ca_pem: String,
    ca: scr_letters::BoardAuthority,
    dir: tempfile::TempDir,
}

/// The board's authority, its chair's signing identity, and the sample letter (Child T) rendered
/// and not yet signed.
fn unsigned_letter() -> (
    scr_letters::BoardAuthority,
    scr_letters::LocalSigner,
    scr_letters::RenderedLetter,
) {
    let ca = board_ca();
    let id = signer(&ca, "Dr Jane Smith", "Independent Chair");
    let letter = LetterRenderer::new()
        .unwrap()
        .render(&sample::anytown_child_t(), now())
        .unwrap();
    (ca, id, letter)
}

fn sign_letter(doc: &scr_letters::LetterDocument, signers: usize) -> Signed {
    let ca = board_ca();
    let renderer = LetterRenderer::new().unwrap();
    let letter = renderer.render(doc, now()).unwrap();
    let mut pdf = letter.pdf.clone();
    for i in 0..signers {
        let who = &doc.signatories[i];
        let id = signer(&ca, &who.name, &who.role);
        let mut req = SignatureRequest::new(letter.slot(i).unwrap(), now());
        req.reason = Some(format!("Decision notice {}", doc.reference));
        pdf = sign_pdf(&pdf, &id, &req).unwrap();
        // Each signature so far is valid after each step.
        let report = verify(&pdf, std::slice::from_ref(ca.certificate()));
        assert_eq!(report.signatures.len(), i + 1);
        assert!(report.all_valid, "after signature {}: {report:#?}", i + 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let ca_pem = write(
        dir.path(),
        "board-ca.pem",
        ca.export_certificate().unwrap().pem.as_bytes(),
    );
    Signed { pdf, ca_pem, ca, dir }
}

fn pyhanko_validate(s: &Signed, pdf: &[u8], name: &str) -> (i32, String) {
    let path = write(s.dir.path(), name, pdf);
    run(
        &pyhanko(),
        &[
            "sign",
            "validate",
            "--pretty-print",
            "--trust",
            &s.ca_pem,
            "--trust-replace",
            &path,
        ],
    )
}

/// pyHanko refuses `pdf`: it exits with an error and finds each of its `signatures` INVALID.
/// Returns what it printed.
fn pyhanko_refuses(s: &Signed, pdf: &[u8], name: &str, signatures: usize) -> String {
    let (code, out) = pyhanko_validate(s, pdf, name);
    assert_ne!(code, 0, "{out}");
    assert_eq!(pyhanko_verdicts(&out), vec!["INVALID"; signatures], "{out}");
    out
}

/// A change to the bytes of a one-signature letter that both our verifier (with `expected` as
/// the first signature's integrity) and pyHanko (as cryptographically unsound) refuse. Returns
/// our report and pyHanko's output.
fn ours_and_pyhanko_find_unsound(
    s: &Signed,
    bad: &[u8],
    name: &str,
    expected: IntegrityStatus,
) -> (scr_letters::VerificationReport, String) {
    let ours = verify(bad, std::slice::from_ref(s.ca.certificate()));
    assert!(!ours.all_valid);
    assert_eq!(ours.signatures[0].integrity, expected, "{ours:#?}");
    let out = pyhanko_refuses(s, bad, name, 1);
    assert!(
        out.contains("The signature is cryptographically unsound."),
        "{out}"
    );
    (ours, out)
}

fn pdfsig(s: &Signed, pdf: &[u8], name: &str) -> String {
    let path = write(s.dir.path(), name, pdf);
    let (code, out) = run(&poppler("pdfsig"), &[&path]);
    // pdfsig exits 0 even for invalid signatures; only a failure to read is non-zero.
    assert!(code == 0 || !out.is_empty(), "pdfsig failed to run: {out}");
    out
}

#[test]
fn one_signature_is_valid_for_all_three_validators() {
    let s = sign_letter(&sample::anytown_child_t(), 1);

    let ours = verify(&s.pdf, std::slice::from_ref(s.ca.certificate()));
    assert!(ours.all_valid, "{ours:#?}");
    let sig = &ours.signatures[0];
    assert_eq!(sig.field_name.as_deref(), Some("Signature1"));
    assert_eq!(sig.signer_name.as_deref(), Some("Dr Jane Smith"));
    assert_eq!(sig.signer_role.as_deref(), Some("Independent Chair"));
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert!(sig.covers_whole_file && !sig.modified_after_signing && sig.chains_to_trusted);
    assert_eq!(sig.trust_anchor_sha256, Some(s.ca.fingerprint().unwrap()));
    assert!(sig.signing_time.is_some());
    assert_eq!(ours.file_sha256.len(), 64);

    let (code, out) = pyhanko_validate(&s, &s.pdf, "one.pdf");
    assert_eq!(code, 0, "pyHanko rejected a good letter:\n{out}");
    assert_eq!(pyhanko_verdicts(&out), vec!["VALID"], "{out}");
    assert!(out.contains("The signature covers the entire file."), "{out}");

    let out = pdfsig(&s, &s.pdf, "one.pdf");
    assert_eq!(pdfsig_verdicts(&out), vec!["Signature is Valid."], "{out}");
    assert!(out.contains("Total document signed"), "{out}");
}

#[test]
fn three_signatures_each_stay_valid_for_all_three_validators() {
    let doc = sample::anytown_joint_sign_off();
    let s = sign_letter(&doc, 3);

    let ours = verify(&s.pdf, std::slice::from_ref(s.ca.certificate()));
    assert!(ours.all_valid, "{ours:#?}");
    let names: Vec<_> = ours
        .signatures
        .iter()
        .map(|r| r.signer_name.clone().unwrap())
        .collect();
    assert_eq!(names, ["Priya Ŷates", "Tom Öberg", "Ruth Émile"]);
    let fields: Vec<_> = ours
        .signatures
        .iter()
        .map(|r| r.field_name.clone().unwrap())
        .collect();
    assert_eq!(fields, ["Signature1", "Signature2", "Signature3"]);
    // Only the last covers the whole file; the earlier ones are followed only by signatures.
    let covers: Vec<_> = ours.signatures.iter().map(|r| r.covers_whole_file).collect();
    assert_eq!(covers, [false, false, true]);
    assert!(ours.signatures.iter().all(|r| !r.modified_after_signing));

    let (code, out) = pyhanko_validate(&s, &s.pdf, "three.pdf");
    assert_eq!(code, 0, "pyHanko rejected a good letter:\n{out}");
    assert_eq!(pyhanko_verdicts(&out), vec!["VALID", "VALID", "VALID"], "{out}");

    let out = pdfsig(&s, &s.pdf, "three.pdf");
    assert_eq!(pdfsig_verdicts(&out), vec!["Signature is Valid."; 3], "{out}");
}

#[test]
fn signature_blocks_do_not_overlap_and_sit_on_the_last_page() {
    let doc = sample::anytown_joint_sign_off();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    assert_eq!(letter.signature_slots.len(), 3);
    for (i, a) in letter.signature_slots.iter().enumerate() {
        assert_eq!(
            a.page_index,
            letter.page_count - 1,
            "slot {i} not on the last page"
        );
        for b in &letter.signature_slots[i + 1..] {
            let overlap_y = a.y < b.y + b.height && b.y < a.y + a.height;
            let overlap_x = a.x < b.x + b.width && b.x < a.x + a.width;
            assert!(!(overlap_x && overlap_y), "{a:?} overlaps {b:?}");
        }
    }
    assert_eq!(
        letter.slot(3).unwrap_err().code(),
        "letter.no_such_signature_slot"
    );
}

/// The lines of pyHanko's report that say what it found.
fn summary(out: &str) -> String {
    out.lines()
        .filter(|l| {
            l.starts_with("The signature is")
                || l.starts_with("The signer's certificate")
                || l.contains("covers")
                || l.contains("modif")
                || l.contains("ERROR")
                || l.contains("WARNING")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Position of a byte inside a stream of the original document (inside the first signed range).
fn offset_in_signed_stream(pdf: &[u8], limit: usize) -> usize {
    let start = pdf.len() / 4;
    let at = pdf[start..limit]
        .windows(6)
        .position(|w| w == b"stream")
        .expect("a stream")
        + start;
    at + 60
}

fn contents_range(report: &scr_letters::SignatureReport) -> (usize, usize) {
    (
        report.byte_range[1] as usize + 1,
        report.byte_range[2] as usize - 1,
    )
}

#[test]
fn a_byte_changed_inside_the_signed_range_is_rejected_by_all_three() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let br1 = verify(&s.pdf, &[]).signatures[0].byte_range[1] as usize;
    let mut bad = s.pdf.clone();
    let at = offset_in_signed_stream(&bad, br1);
    bad[at] ^= 0x01;

    let (ours, out) =
        ours_and_pyhanko_find_unsound(&s, &bad, "tampered-range.pdf", IntegrityStatus::DigestMismatch);
    eprintln!("pyHanko on a changed signed byte: {}", summary(&out));

    let out = pdfsig(&s, &bad, "tampered-range.pdf");
    assert_eq!(pdfsig_verdicts(&out), vec!["Digest Mismatch."], "{out}");
    eprintln!("pdfsig on a changed signed byte: {:?}", pdfsig_verdicts(&out));
    eprintln!(
        "ours on a changed signed byte: {:?} {:?}",
        ours.signatures[0].integrity, ours.signatures[0].problems
    );
}

#[test]
fn a_byte_changed_inside_the_signature_value_is_rejected_by_all_three() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let report = verify(&s.pdf, &[]);
    let (hex_start, _) = contents_range(&report.signatures[0]);
    // The DER length from the hex header "3082LLLL", then a digit inside the ECDSA signature
    // value, which is at the very end of the DER.
    let len_hex = std::str::from_utf8(&s.pdf[hex_start + 4..hex_start + 8]).unwrap();
    let der_len = usize::from_str_radix(len_hex, 16).unwrap() + 4;
    let at = hex_start + 2 * (der_len - 8);
    let mut bad = s.pdf.clone();
    bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };

    let (ours, out) =
        ours_and_pyhanko_find_unsound(&s, &bad, "tampered-contents.pdf", IntegrityStatus::BadSignature);
    eprintln!("pyHanko on a changed signature value: {}", summary(&out));

    let out = pdfsig(&s, &bad, "tampered-contents.pdf");
    let verdicts = pdfsig_verdicts(&out);
    assert_eq!(verdicts.len(), 1, "{out}");
    assert_ne!(verdicts[0], "Signature is Valid.", "{out}");
    eprintln!("pdfsig on a changed signature value: {verdicts:?}");
    eprintln!(
        "ours on a changed signature value: {:?} {:?}",
        ours.signatures[0].integrity, ours.signatures[0].problems
    );
}

/// Appends an incremental update that replaces page 1 with a forged page.
fn append_forged_page(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page_id = *doc.get_pages().get(&1).unwrap();
    let parent = doc
        .get_dictionary(page_id)
        .unwrap()
        .get(b"Parent")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap() as u32;
    let prev = {
        let at = pdf.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
        String::from_utf8_lossy(&pdf[at..])
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    let mut out = pdf.to_vec();
    let content = b"BT /F1 24 Tf 72 700 Td (No review is needed.) Tj ET";
    let stream_at = out.len();
    out.extend_from_slice(format!("{size} 0 obj\n<</Length {}>>\nstream\n", content.len()).as_bytes());
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let page_at = out.len();
    out.extend_from_slice(
        format!(
            "{} 0 obj\n<</Type /Page /Parent {} 0 R /MediaBox [0 0 595.276 841.89] /Contents {size} 0 R \
             /Resources <</Font <</F1 <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>>>>>>>\nendobj\n",
            page_id.0, parent.0
        )
        .as_bytes(),
    );
    let xref_at = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{} 1\n{page_at:010} 00000 n\r\n{size} 1\n{stream_at:010} 00000 n\r\ntrailer\n\
             <</Size {} /Root {} 0 R /Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n",
            page_id.0,
            size + 1,
            root.0
        )
        .as_bytes(),
    );
    out
}

#[test]
fn changes_appended_after_the_signature_are_flagged_by_all_three() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let bad = append_forged_page(&s.pdf);

    let ours = verify(&bad, std::slice::from_ref(s.ca.certificate()));
    assert!(!ours.all_valid);
    let sig = &ours.signatures[0];
    assert_eq!(
        sig.integrity,
        IntegrityStatus::Intact,
        "the signed bytes themselves are untouched"
    );
    assert!(!sig.covers_whole_file && sig.modified_after_signing, "{ours:#?}");
    assert!(ours.modified_after_last_signature);

    let out = pyhanko_refuses(&s, &bad, "appended.pdf", 1);
    eprintln!("pyHanko on an appended forged page: {}", summary(&out));

    // pdfsig checks the signature over its own ranges (still "Signature is Valid.") and says
    // separately that the signature does not cover the whole document.
    let out = pdfsig(&s, &bad, "appended.pdf");
    assert!(out.contains("Not total document signed"), "{out}");
    assert!(!out.contains("- Total document signed"), "{out}");
    eprintln!(
        "pdfsig on an appended forged page: {:?} + {:?}",
        pdfsig_verdicts(&out),
        "Not total document signed"
    );
    eprintln!("ours on an appended forged page: {:?}", sig.problems);
}

#[test]
fn a_forged_page_after_three_signatures_is_flagged_on_every_signature() {
    let s = sign_letter(&sample::anytown_joint_sign_off(), 3);
    let bad = append_forged_page(&s.pdf);
    let ours = verify(&bad, std::slice::from_ref(s.ca.certificate()));
    assert!(!ours.all_valid && ours.modified_after_last_signature);
    for sig in &ours.signatures {
        assert_eq!(sig.integrity, IntegrityStatus::Intact);
        assert!(sig.modified_after_signing && !sig.valid, "{sig:#?}");
    }
    pyhanko_refuses(&s, &bad, "three-appended.pdf", 3);
}

#[test]
fn signing_is_deterministic_for_the_same_key_letter_and_time() {
    let (_, id, letter) = unsigned_letter();
    let req = SignatureRequest::new(letter.slot(0).unwrap(), now());
    // ECDSA with RFC 6979 nonces: no randomness in signing.
    assert_eq!(
        sign_pdf(&letter.pdf, &id, &req).unwrap(),
        sign_pdf(&letter.pdf, &id, &req).unwrap()
    );
}

#[test]
fn junk_bytes_appended_after_the_signature_are_flagged() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let mut bad = s.pdf.clone();
    bad.extend_from_slice(b"% appended by someone else\n");
    let ours = verify(&bad, std::slice::from_ref(s.ca.certificate()));
    assert!(!ours.all_valid);
    assert!(ours.signatures[0].modified_after_signing && !ours.signatures[0].covers_whole_file);

    let out = pdfsig(&s, &bad, "junk.pdf");
    assert!(out.contains("Not total document signed"), "{out}");

    // pyHanko notices the extra bytes but judges a trailing comment harmless (its verdict stays
    // VALID, exit 0): it flags modifications "compatible with the modification policy".
    let (code, out) = pyhanko_validate(&s, &bad, "junk.pdf");
    eprintln!(
        "pyHanko on junk appended after the signature: exit {code}: {}",
        summary(&out)
    );
    assert!(out.contains("Some modifications may be illegitimate"), "{out}");
}

#[test]
fn a_forged_byte_range_is_reported_as_malformed() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let pat = b"/ByteRange [0 ";
    let at = s.pdf.windows(pat.len()).rposition(|w| w == pat).unwrap() + pat.len();
    let mut bad = s.pdf.clone();
    // Shift the first range's end by one: it no longer frames /Contents.
    let digits = &mut bad[at..at + 10];
    let n: usize = std::str::from_utf8(digits).unwrap().trim().parse().unwrap();
    digits.copy_from_slice(format!("{:>10}", n - 1).as_bytes());
    let ours = verify(&bad, std::slice::from_ref(s.ca.certificate()));
    assert_eq!(
        ours.signatures[0].integrity,
        IntegrityStatus::ByteRangeMalformed,
        "{ours:#?}"
    );
    assert!(!ours.all_valid);
}

#[test]
fn an_untrusted_board_certificate_is_reported() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let other = board_ca();
    let ours = verify(&s.pdf, std::slice::from_ref(other.certificate()));
    let sig = &ours.signatures[0];
    assert_eq!(sig.integrity, IntegrityStatus::Intact);
    assert!(!sig.chains_to_trusted && !sig.valid && !ours.all_valid);
    assert!(sig.problems.iter().any(|p| p.contains("trusted")), "{sig:#?}");
}

#[test]
fn the_timestamp_hook_adds_an_unsigned_attribute() {
    struct FakeTsa(std::sync::atomic::AtomicUsize);
    impl scr_letters::Timestamper for FakeTsa {
        fn timestamp(&self, imprint: &[u8; 32]) -> scr_letters::Result<Vec<u8>> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // Not a real token: an OCTET STRING holding the imprint, enough to see it carried.
            let mut der = vec![0x04, 32];
            der.extend_from_slice(imprint);
            Ok(der)
        }
        fn reserve_bytes(&self) -> usize {
            1024
        }
    }
    let (ca, id, letter) = unsigned_letter();
    let tsa = FakeTsa(Default::default());
    let req = SignatureRequest::new(letter.slot(0).unwrap(), now()).with_timestamper(&tsa);
    assert_eq!(
        req.contents_reserve, None,
        "sized automatically, the token included"
    );
    let pdf = sign_pdf(&letter.pdf, &id, &req).unwrap();
    assert_eq!(tsa.0.load(std::sync::atomic::Ordering::SeqCst), 1);
    // The unsigned attribute does not touch the signed attributes, so the signature itself is
    // intact; but a "token" that is no token is reported, and the signature is not valid with it.
    let report = verify(&pdf, std::slice::from_ref(ca.certificate()));
    let sig = &report.signatures[0];
    assert_eq!(sig.integrity, IntegrityStatus::Intact, "{report:#?}");
    let ts = sig.timestamp.as_ref().expect("the token is found");
    assert!(!ts.signature_valid && !ts.imprint_matches, "{ts:?}");
    assert!(!report.all_valid);
    // id-aa-timeStampToken (1.2.840.113549.1.9.16.2.14) is in the CMS.
    let oid_hex = "060B2A864886F70D010910020E";
    assert!(String::from_utf8_lossy(&pdf).contains(oid_hex));
    assert!(id.certificate_chain().len() == 2);
}

#[test]
fn a_signature_that_does_not_fit_its_reserve_is_an_error() {
    let (_, id, letter) = unsigned_letter();
    let mut req = SignatureRequest::new(letter.slot(0).unwrap(), now());
    req.contents_reserve = Some(200);
    let err = sign_pdf(&letter.pdf, &id, &req).unwrap_err();
    assert_eq!(err.code(), "letter.signature_too_large");
    let err = sign_pdf(b"not a pdf", &id, &req).unwrap_err();
    assert_eq!(err.code(), "letter.malformed_pdf");
    let _ = UtcDateTime::from_chrono(chrono::Utc::now());
}

/// Key, certificate and CA files for pyHanko's CLI, from our identities.
fn pemder_files(
    dir: &std::path::Path,
    id: &scr_letters::LocalSigner,
    ca: &scr_letters::BoardAuthority,
) -> [String; 3] {
    let key = id.private_key_pkcs8_der().unwrap();
    let key_pem = der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, &key).unwrap();
    [
        write(dir, "chair-key.pem", key_pem.as_bytes()),
        write(dir, "chair.pem", id.export_certificate().unwrap().pem.as_bytes()),
        write(
            dir,
            "board-ca.pem",
            ca.export_certificate().unwrap().pem.as_bytes(),
        ),
    ]
}

fn pyhanko_sign(dir: &std::path::Path, files: &[String; 3], input: &[u8], field: &str) -> Vec<u8> {
    let infile = write(dir, "to-sign-by-pyhanko.pdf", input);
    let outfile = dir.join("signed-by-pyhanko.pdf").to_string_lossy().into_owned();
    let (code, out) = run(
        &pyhanko(),
        &[
            "sign",
            "addsig",
            "--field",
            field,
            "--use-pades",
            "pemder",
            "--key",
            &files[0],
            "--cert",
            &files[1],
            "--chain",
            &files[2],
            "--no-pass",
            &infile,
            &outfile,
        ],
    );
    assert_eq!(code, 0, "pyHanko could not sign: {out}");
    std::fs::read(outfile).unwrap()
}

#[test]
fn our_verifier_accepts_a_signature_made_by_pyhanko() {
    let (ca, id, letter) = unsigned_letter();
    let dir = tempfile::tempdir().unwrap();
    let files = pemder_files(dir.path(), &id, &ca);
    let pdf = pyhanko_sign(dir.path(), &files, &letter.pdf, "2/70,300,370,365/ByPyHanko");
    let report = verify(&pdf, std::slice::from_ref(ca.certificate()));
    assert!(report.all_valid, "{report:#?}");
    assert_eq!(report.signatures[0].field_name.as_deref(), Some("ByPyHanko"));
}

#[test]
fn a_pyhanko_signature_after_ours_keeps_ours_valid_for_both() {
    let s = sign_letter(&sample::anytown_child_t(), 1);
    let id = signer(&s.ca, "Ruth Émile", "Detective Chief Superintendent");
    let files = pemder_files(s.dir.path(), &id, &s.ca);
    let pdf = pyhanko_sign(s.dir.path(), &files, &s.pdf, "2/300,40,520,100/Partner");
    let report = verify(&pdf, std::slice::from_ref(s.ca.certificate()));
    assert!(report.all_valid, "{report:#?}");
    assert!(!report.signatures[0].covers_whole_file && !report.signatures[0].modified_after_signing);
    let (code, out) = pyhanko_validate(&s, &pdf, "ours-then-pyhanko.pdf");
    assert_eq!(code, 0, "{out}");
    assert_eq!(pyhanko_verdicts(&out), vec!["VALID", "VALID"], "{out}");
}

#[test]
fn every_composed_letter_kind_circular_and_personalised_is_valid_with_one_and_three_signatures() {
    for (stem, _, doc) in every_composed_letter() {
        let signers = doc.signatories.len();
        let s = sign_letter(&doc, signers);
        let file = format!("{stem}.pdf");
        let (code, out) = pyhanko_validate(&s, &s.pdf, &file);
        assert_eq!(code, 0, "pyHanko rejected {file}:\n{out}");
        assert_eq!(pyhanko_verdicts(&out), vec!["VALID"; signers], "{file}: {out}");
        let out = pdfsig(&s, &s.pdf, &file);
        assert_eq!(
            pdfsig_verdicts(&out),
            vec!["Signature is Valid."; signers],
            "{file}: {out}"
        );
    }
}

/// pdfsig accepts a letter when every signature is valid and the last covers the whole file.
fn pdfsig_accepts(out: &str) -> bool {
    let verdicts = pdfsig_verdicts(out);
    let last_coverage = out
        .lines()
        .rfind(|line| line.contains("document signed"))
        .unwrap_or_default();
    !verdicts.is_empty()
        && verdicts.iter().all(|v| v == "Signature is Valid.")
        && last_coverage.contains("- Total document signed")
}

/// On every genuine letter and every hostile one made from it, our verifier,
/// pyHanko and pdfsig give the same answer (valid or not).
#[test]
fn all_three_agree_on_genuine_and_hostile_letters() {
    use common::hostile_cases::*;
    let one = sign_letter(&sample::anytown_child_t(), 1);
    let three = sign_letter(&sample::anytown_joint_sign_off(), 3);
    let cases: Vec<(&str, &Signed, Vec<u8>, bool)> = vec![
        ("genuine-one", &one, one.pdf.clone(), true),
        ("genuine-three", &three, three.pdf.clone(), true),
        ("byte-range-overflow", &one, byte_range_overflow(&one.pdf), false),
        (
            "byte-range-end-overflow",
            &one,
            byte_range_end_overflow(&one.pdf),
            false,
        ),
        (
            "three-byte-range-overflow",
            &three,
            byte_range_overflow(&three.pdf),
            false,
        ),
        ("signing-time-offset", &one, signing_time_offset(&one.pdf), false),
        ("object-stream-bomb", &one, object_stream_bomb(&one.pdf), false),
        (
            "empty-revisions-appended",
            &one,
            many_revisions(&one.pdf, 2),
            false,
        ),
    ];
    for (name, signed, pdf, genuine) in cases {
        let ours = verify(&pdf, std::slice::from_ref(signed.ca.certificate())).all_valid;
        let file = format!("{name}.pdf");
        let (code, out) = pyhanko_validate(signed, &pdf, &file);
        let verdicts = pyhanko_verdicts(&out);
        let pyhanko = code == 0 && !verdicts.is_empty() && verdicts.iter().all(|v| v == "VALID");
        let poppler = pdfsig_accepts(&pdfsig(signed, &pdf, &file));
        eprintln!("{name}: ours {ours}, pyHanko {pyhanko} ({verdicts:?}), pdfsig {poppler}");
        assert_eq!(
            (ours, pyhanko, poppler),
            (genuine, genuine, genuine),
            "{name}: ours, pyHanko, pdfsig\n{}",
            summary(&out)
        );
    }
}
