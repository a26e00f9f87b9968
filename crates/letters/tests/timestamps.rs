//! Trusted timestamps (PAdES B-T): our RFC 3161 request and checks against openssl's `ts`, and
//! letters timestamped by a local test authority (pyHanko's test timestamper over HTTP) checked
//! by pyHanko, pdfsig and our own verifier.

mod common;

use std::path::Path;

use common::*;
use scr_letters::test_tsa::TestTsa;
use scr_letters::timestamp::{self, examine_token};
use scr_letters::{
    identity, sample, sign_pdf, HttpTimestamper, LetterRenderer, SignatureRequest, Timestamper,
};

fn openssl(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is needed for these tests: apt-get install openssl");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "openssl {args:?} failed:\n{text}");
    text
}

const TSA_CONFIG: &str = "\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = .
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/root.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1, millisecs:500, microsecs:100
clock_precision_digits = 3
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ root_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
[ tsa_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
";

/// An openssl timestamp authority in `dir`: an EC P-256 root and TSA certificate, and its
/// configuration.
fn openssl_tsa(dir: &Path) {
    std::fs::write(dir.join("ts.cnf"), TSA_CONFIG).unwrap();
    std::fs::write(dir.join("serial"), "01\n").unwrap();
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    let mut root = vec![
        "req",
        "-x509",
        "-days",
        "30",
        "-subj",
        "/CN=openssl test TSA root",
    ];
    root.extend(ec);
    root.extend([
        "-keyout",
        "root.key",
        "-out",
        "root.pem",
        "-config",
        "ts.cnf",
        "-extensions",
        "root_ext",
    ]);
    openssl(dir, &root);
    let mut csr = vec!["req", "-new", "-subj", "/O=openssl tests/CN=openssl test TSA"];
    csr.extend(ec);
    csr.extend(["-keyout", "tsa.key", "-out", "tsa.csr"]);
    openssl(dir, &csr);
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            "ts.cnf",
            "-extensions",
            "tsa_ext",
            "-out",
            "tsa.pem",
        ],
    );
}

fn pem_certs(path: &Path) -> Vec<x509_cert::Certificate> {
    identity::parse_certificates(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn our_requests_and_openssl_replies_agree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl_tsa(d);
    let imprint = [0x5Au8; 32];
    let request = timestamp::request(&imprint).unwrap();
    std::fs::write(d.join("req.tsq"), &request.der).unwrap();
    let text = openssl(d, &["ts", "-query", "-in", "req.tsq", "-text"]);
    assert!(text.contains("Hash Algorithm: sha256"), "{text}");
    assert!(text.contains("Nonce: 0x"), "{text}");
    assert!(text.contains("Certificate required: yes"), "{text}");
    assert!(
        text.contains(&"5A".repeat(16).to_lowercase()[..8]) || text.contains("5a 5a"),
        "{text}"
    );

    openssl(
        d,
        &[
            "ts",
            "-reply",
            "-config",
            "ts.cnf",
            "-queryfile",
            "req.tsq",
            "-out",
            "resp.tsr",
        ],
    );
    let verified = openssl(
        d,
        &[
            "ts",
            "-verify",
            "-queryfile",
            "req.tsq",
            "-in",
            "resp.tsr",
            "-CAfile",
            "root.pem",
        ],
    );
    assert!(verified.contains("Verification: OK"), "{verified}");
    let response = std::fs::read(d.join("resp.tsr")).unwrap();
    let root = pem_certs(&d.join("root.pem"));

    // Accuracy, ordering, a TSA name and fractions of a second all parse; the token checks out,
    // trusted with the root and accepted without one.
    let token = timestamp::token_from_response(&request, &response, &root).unwrap();
    timestamp::token_from_response(&request, &response, &[]).unwrap();
    let facts = examine_token(&token, b"not the signature", &root);
    assert!(facts.signature_valid && facts.trusted, "{facts:?}");
    assert!(
        !facts.imprint_matches,
        "the imprint is not the SHA-256 of these bytes"
    );
    assert_eq!(facts.authority.as_deref(), Some("openssl test TSA"));
    assert!(facts.time.is_some());

    // Another request's answer (another nonce and imprint) is refused.
    let other = timestamp::request(&[0x11u8; 32]).unwrap();
    let err = timestamp::token_from_response(&other, &response, &root).unwrap_err();
    assert_eq!(err.code(), "letter.timestamp_failed");
    // A root that did not issue the TSA's certificate: not trusted, so refused.
    let err = timestamp::token_from_response(
        &request,
        &response,
        std::slice::from_ref(board_ca().certificate()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("does not chain"), "{err}");
    // A changed byte in the token's signed content breaks its signature.
    let mut bad = response.clone();
    let at = bad.len() - 80;
    bad[at] ^= 1;
    assert!(timestamp::token_from_response(&request, &bad, &[]).is_err());
}

#[test]
fn a_certificate_without_the_timestamping_usage_is_refused() {
    // openssl will not sign a token with such a certificate, so the test authority does.
    let tsa = TestTsa::start_with(false);
    let timestamper = HttpTimestamper::new(&tsa.url(), Vec::new()).unwrap();
    let err = timestamper.probe().unwrap_err();
    assert!(err.to_string().contains("not for timestamping"), "{err}");
}

#[test]
fn a_letter_timestamped_by_the_test_authority_is_valid_and_trusted() {
    let tsa = TestTsa::start();
    let roots = identity::parse_certificates(tsa.root_pem().as_bytes()).unwrap();
    let timestamper = HttpTimestamper::new(&tsa.url(), roots.clone()).unwrap();
    timestamper.probe().unwrap();
    assert_eq!(tsa.tokens_issued(), 1);

    let ca = board_ca();
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    let id = signer(&ca, "Dr Jane Smith", "Independent Chair");
    let req = SignatureRequest::new(letter.slot(0).unwrap(), now()).with_timestamper(&timestamper);
    let pdf = sign_pdf(&letter.pdf, &id, &req).unwrap();
    assert_eq!(tsa.tokens_issued(), 2);

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "timestamped.pdf", &pdf);
    let board_pem = write(
        dir.path(),
        "board.pem",
        ca.export_certificate().unwrap().pem.as_bytes(),
    );
    let tsa_pem = tsa.root_path().to_string_lossy().into_owned();
    let (code, out) = run(
        &pyhanko(),
        &[
            "sign",
            "validate",
            "--pretty-print",
            "--trust",
            &board_pem,
            "--trust",
            &tsa_pem,
            "--trust-replace",
            &path,
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(pyhanko_verdicts(&out), vec!["VALID"], "{out}");
    assert!(
        out.contains("The timestamp token is cryptographically sound."),
        "{out}"
    );
    assert!(out.contains("The TSA certificate is trusted."), "{out}");
    let (_, out) = run(&poppler("pdfsig"), &[&path]);
    assert_eq!(pdfsig_verdicts(&out), vec!["Signature is Valid."], "{out}");
    assert!(!out.contains("Internal Error"), "{out}");
}

#[test]
fn authorities_that_fail_are_reported_with_the_reason() {
    let tsa = TestTsa::start();
    let roots = identity::parse_certificates(tsa.root_pem().as_bytes()).unwrap();
    let timestamper = HttpTimestamper::new(&tsa.url(), roots).unwrap();
    for (status, says) in [
        ("reject", "test TSA told to refuse"),
        ("http500", "500"),
        ("garbage", "not a timestamp response"),
        ("wrong-nonce", "nonce"),
    ] {
        tsa.control(status);
        let err = timestamper.timestamp(&[3u8; 32]).unwrap_err();
        assert_eq!(err.code(), "letter.timestamp_failed", "{status}");
        assert!(err.to_string().contains(says), "{status}: {err}");
    }
    tsa.control("ok");
    timestamper.timestamp(&[3u8; 32]).unwrap();
    // Trusting another root: refused.
    let other = HttpTimestamper::new(&tsa.url(), vec![board_ca().certificate().clone()]).unwrap();
    assert!(other.probe().unwrap_err().to_string().contains("does not chain"));
    // Nobody listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nobody = HttpTimestamper::new(&format!("http://127.0.0.1:{port}/"), Vec::new()).unwrap();
    assert!(nobody
        .probe()
        .unwrap_err()
        .to_string()
        .contains("could not reach"));
}

/// pyHanko's AdES validation with only the given roots, offline: revocation data must be in
/// the file.
fn adesverify(dir: &Path, pdf: &[u8], name: &str, trust: &[&str]) -> (i32, String) {
    let path = write(dir, name, pdf);
    let mut args = vec!["sign", "adesverify", "--pretty-print"];
    for t in trust {
        args.extend(["--trust", t]);
    }
    args.extend(["--trust-replace", &path]);
    run(&pyhanko(), &args)
}

#[test]
fn long_term_validation_data_is_enough_to_validate_offline() {
    let tsa = TestTsa::start();
    let roots = identity::parse_certificates(tsa.root_pem().as_bytes()).unwrap();
    let timestamper = HttpTimestamper::new(&tsa.url(), roots).unwrap();
    let ca = board_ca();
    let doc = sample::anytown_joint_sign_off();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    let mut pdf = letter.pdf.clone();
    for (i, who) in doc.signatories.iter().enumerate() {
        let id = signer(&ca, &who.name, &who.role);
        let req = SignatureRequest::new(letter.slot(i).unwrap(), now()).with_timestamper(&timestamper);
        pdf = sign_pdf(&pdf, &id, &req).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let board_pem = write(
        dir.path(),
        "board.pem",
        ca.export_certificate().unwrap().pem.as_bytes(),
    );
    let tsa_pem = tsa.root_path().to_string_lossy().into_owned();
    let trust = [board_pem.as_str(), tsa_pem.as_str()];

    // B-T alone: no revocation data, so an offline AdES validation cannot conclude.
    let (code, out) = adesverify(dir.path(), &pdf, "b-t.pdf", &trust);
    assert_ne!(code, 0, "B-T passed offline, so the test proves nothing:\n{out}");

    let crl = ca.issue_crl(now().plus_days(-1), now().plus_days(30)).unwrap();
    // The authority's own list too, from its certificate's distribution point.
    let tsa_crls = timestamper.revocation_lists();
    assert_eq!(tsa_crls.len(), 1, "the test authority publishes one CRL");
    let crls = [vec![crl], tsa_crls].concat();
    let lt = scr_letters::add_validation_data(&pdf, std::slice::from_ref(ca.certificate()), &crls).unwrap();
    let (code, out) = adesverify(dir.path(), &lt, "b-lt.pdf", &trust);
    assert_eq!(code, 0, "B-LT failed offline:\n{out}");
    // With the authority's list in the file, its timestamps are validated offline as well.
    assert!(!out.contains("no revocation information could be found"), "{out}");
    assert_eq!(out.matches("The TSA certificate is trusted.").count(), 3, "{out}");

    // Our verifier and the others still find every signature valid, and ours reports the facts.
    let ours = scr_letters::verify(&lt, std::slice::from_ref(ca.certificate()));
    assert!(ours.all_valid, "{ours:#?}");
    assert_eq!(ours.document.pdfa.as_deref(), Some("2A"));
    assert_eq!(ours.document.pdfua.as_deref(), Some("1"));
    assert!(ours.document.tagged);
    let data = ours.document.validation_data.clone().expect("validation data");
    assert!(
        data.revocation_lists == 2 && data.revocation_list_from_trusted && data.certificates >= 6,
        "{data:?}"
    );
    for sig in &ours.signatures {
        let ts = sig.timestamp.as_ref().expect("a timestamp");
        assert_eq!(ts.authority.as_deref(), Some("SCR Desk test timestamp authority"));
        assert!(ts.imprint_matches && ts.signature_valid && !ts.trusted, "{ts:?}");
        let time = ts.time.expect("time");
        assert!((time.to_unix() - now().to_unix()).abs() < 120, "{time:?}");
    }
    let tsa_roots = identity::parse_certificates(tsa.root_pem().as_bytes()).unwrap();
    let with_roots =
        scr_letters::verify_with_timestamp_roots(&lt, std::slice::from_ref(ca.certificate()), &tsa_roots);
    assert!(with_roots
        .signatures
        .iter()
        .all(|s| s.timestamp.as_ref().unwrap().trusted));
    // The TSA's root does not make a signer trusted.
    let wrong = scr_letters::verify_with_timestamp_roots(&lt, &[], &tsa_roots);
    assert!(!wrong.all_valid && wrong.signatures.iter().all(|s| !s.chains_to_trusted));
    // A B-B letter has no timestamp and, without the update, no validation data.
    let plain = scr_letters::verify(
        &letter_signed_plainly(&ca),
        std::slice::from_ref(ca.certificate()),
    );
    assert!(plain.signatures[0].timestamp.is_none() && plain.document.validation_data.is_none());
    let (_, out) = run(&poppler("pdfsig"), &[&write(dir.path(), "lt.pdf", &lt)]);
    assert_eq!(pdfsig_verdicts(&out), vec!["Signature is Valid."; 3], "{out}");
    assert!(!out.contains("Internal Error"), "{out}");
}

fn letter_signed_plainly(ca: &scr_letters::BoardAuthority) -> Vec<u8> {
    let letter = LetterRenderer::new()
        .unwrap()
        .render(&sample::anytown_child_t(), now())
        .unwrap();
    let id = signer(ca, "Dr Jane Smith", "Independent Chair");
    sign_pdf(
        &letter.pdf,
        &id,
        &SignatureRequest::new(letter.slot(0).unwrap(), now()),
    )
    .unwrap()
}

#[test]
fn a_timestamp_for_another_signature_makes_the_signature_invalid() {
    // Swap the unsigned timestamp of one letter's signature into another's: the CMS signature
    // still verifies (unsigned attributes are outside it), but the token is for other bytes.
    let tsa = TestTsa::start();
    let timestamper = HttpTimestamper::new(&tsa.url(), Vec::new()).unwrap();
    let ca = board_ca();
    let id = signer(&ca, "Dr Jane Smith", "Independent Chair");
    let renderer = LetterRenderer::new().unwrap();
    let sign = |doc: &scr_letters::LetterDocument| {
        let letter = renderer.render(doc, now()).unwrap();
        let req = SignatureRequest::new(letter.slot(0).unwrap(), now()).with_timestamper(&timestamper);
        sign_pdf(&letter.pdf, &id, &req).unwrap()
    };
    let a = sign(&sample::anytown_child_t());
    let mut other = sample::anytown_child_t();
    other.salutation = "Dear members,".into();
    let oid = b"060B2A864886F70D010910020E";
    // The attribute's SET holding the token follows the OID, in hex: "3182" and a two-byte
    // length. Where it starts, and how many hex digits it takes.
    let token = |pdf: &[u8]| {
        let at = pdf.windows(oid.len()).position(|w| w == oid).unwrap() + oid.len();
        assert_eq!(&pdf[at..at + 4], b"3182", "a token's SET with a two-byte length");
        let length = usize::from_str_radix(std::str::from_utf8(&pdf[at + 4..at + 8]).unwrap(), 16).unwrap();
        (at, 8 + 2 * length)
    };
    // Tokens differ in length by a byte or two (the time's fraction, serial numbers), and only
    // a token of the same length can take the other's place whole: sign again until one is.
    let (at_a, length_a) = token(&a);
    let b = (0..40)
        .map(|_| sign(&other))
        .find(|b| token(b).1 == length_a)
        .expect("a token of the same length within 40 signatures");
    let (at_b, _) = token(&b);
    let mut swapped = a.clone();
    swapped[at_a..at_a + length_a].copy_from_slice(&b[at_b..at_b + length_a]);
    assert_ne!(swapped, a);
    let report = scr_letters::verify(&swapped, std::slice::from_ref(ca.certificate()));
    let sig = &report.signatures[0];
    let ts = sig.timestamp.as_ref().expect("timestamp");
    assert!(!ts.imprint_matches, "{ts:?}");
    assert!(
        !sig.valid && sig.problems.iter().any(|p| p.contains("timestamp does not hold")),
        "{sig:#?}"
    );
}
