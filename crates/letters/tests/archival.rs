//! Archival, accessible letters: every letter kind, circular and personal, with one and three
//! signatures, timestamped by a local authority and carrying their validation data, checked
//! offline by pikepdf (tests/pdf/check_archival.py: PDF/A-2 and PDF/UA-1 structure), the `pdfua`
//! triage, poppler (pdfinfo, pdffonts, pdfsig, pdftotext) and pyHanko's AdES validation.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use scr_letters::test_tsa::TestTsa;
use scr_letters::{
    add_validation_data, identity, sample, sign_pdf, Block, HttpTimestamper, LetterDocument, LetterRenderer,
    SignatureRequest,
};

fn python_tool(name: &str) -> PathBuf {
    let venv = repo_root().join(".venv/bin").join(name);
    assert!(
        venv.is_file(),
        "{} is missing: run scripts/test.sh (tests/requirements.txt)",
        venv.display()
    );
    venv
}

/// The composed letter's text in reading order: what pdftotext must give back, in this order.
fn reading_order(doc: &LetterDocument) -> Vec<String> {
    let mut out = vec![doc.title.clone(), doc.salutation.clone()];
    for block in &doc.body {
        match block {
            Block::Heading { text } => out.push(text.clone()),
            Block::Paragraph { lead, text } => out.push(format!(
                "{}{text}",
                lead.as_ref().map(|l| format!("{l} ")).unwrap_or_default()
            )),
            Block::Bullets { items } => out.extend(items.iter().cloned()),
            Block::Table { header, rows, .. } => {
                out.extend(header.iter().cloned());
                out.extend(rows.iter().flatten().cloned());
            }
            Block::Chart(chart) => out.extend(chart.printed_text().into_iter().map(str::to_string)),
        }
    }
    out.push(doc.closing.clone());
    for s in &doc.signatories {
        out.push(s.name.clone());
        out.push(s.role.clone());
    }
    out.push(doc.distribution.intro.clone());
    out.push(doc.distribution.recipients.join("; "));
    out.push(doc.verification_note.clone());
    out.into_iter()
        .map(|t| normalise(&t))
        .filter(|t| !t.is_empty())
        .collect()
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// pdftotext's text with the running header and footer lines taken out.
fn body_text(path: &str, doc: &LetterDocument) -> String {
    let marking = doc.protective_marking.trim();
    let text = pdftotext(path, &[]);
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| *l != marking && !(l.contains(" · Page ") && l.contains(" of ")))
        .collect();
    normalise(&kept.join("\n"))
}

fn assert_in_reading_order(path: &str, doc: &LetterDocument) {
    let text = body_text(path, doc);
    let mut at = 0;
    for piece in reading_order(doc) {
        match text[at..].find(&piece) {
            Some(found) => at += found + piece.len(),
            None => panic!(
                "{path}: not found in order: {piece:?}\nafter: {:?}",
                &text[at..text.len().min(at + 300)]
            ),
        }
    }
}

struct Issued {
    path: String,
    signers: usize,
}

#[allow(clippy::too_many_arguments)]
fn issue(
    dir: &Path,
    name: &str,
    doc: &LetterDocument,
    ca: &scr_letters::BoardAuthority,
    tsa: &HttpTimestamper,
    renderer: &LetterRenderer,
) -> Issued {
    let letter = renderer.render(doc, now()).unwrap();
    let mut pdf = letter.pdf.clone();
    for (i, who) in doc.signatories.iter().enumerate() {
        let id = signer(ca, &who.name, &who.role);
        let req = SignatureRequest::new(letter.slot(i).unwrap(), now()).with_timestamper(tsa);
        pdf = sign_pdf(&pdf, &id, &req).unwrap();
    }
    let crl = ca.issue_crl(now().plus_days(-1), now().plus_days(30)).unwrap();
    let crls = [vec![crl], tsa.revocation_lists()].concat();
    let pdf = add_validation_data(&pdf, std::slice::from_ref(ca.certificate()), &crls).unwrap();
    Issued {
        path: write(dir, name, &pdf),
        signers: doc.signatories.len(),
    }
}

#[test]
fn every_letter_kind_is_archival_accessible_and_valid_offline() {
    let tsa_server = TestTsa::start();
    let tsa_roots = identity::parse_certificates(tsa_server.root_pem().as_bytes()).unwrap();
    let tsa = HttpTimestamper::new(&tsa_server.url(), tsa_roots).unwrap();
    let ca = board_ca();
    let renderer = LetterRenderer::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let logo = include_bytes!("fixtures/anytown-logo.png").to_vec();
    let mut issued = Vec::new();
    for (stem, circular, mut doc) in every_composed_letter() {
        if circular {
            doc.letterhead.logo = Some(logo.clone());
        }
        let letter = issue(dir.path(), &format!("{stem}.pdf"), &doc, &ca, &tsa, &renderer);
        assert_in_reading_order(&letter.path, &doc);
        issued.push(letter);
    }
    let paths: Vec<&str> = issued.iter().map(|l| l.path.as_str()).collect();

    // pikepdf: PDF/A-2 and PDF/UA-1 structure of every file, each problem listed.
    let (code, out) = run(
        &python_tool("python"),
        &[
            &[repo_root().join("tests/pdf/check_archival.py").to_str().unwrap()],
            &paths[..],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "structural problems:\n{out}");
    assert_eq!(out.lines().count(), issued.len(), "{out}");
    for line in out.lines() {
        let report: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(report["facts"]["pdfa"], "2A", "{line}");
        assert_eq!(report["facts"]["pdfua"], "1", "{line}");
        assert_eq!(report["facts"]["lang"], "en-GB", "{line}");
    }
    // The pdfua triage finds nothing either.
    let (code, out) = run(&python_tool("pdfua"), &[&["check"], &paths[..]].concat());
    assert_eq!(code, 0, "pdfua found problems:\n{out}");

    let board_pem = write(
        dir.path(),
        "board.pem",
        ca.export_certificate().unwrap().pem.as_bytes(),
    );
    let tsa_pem = tsa_server.root_path().to_string_lossy().into_owned();
    for letter in &issued {
        let path = letter.path.as_str();
        assert_eq!(pdfinfo_field(path, "Tagged"), "yes", "{path}");
        let (_, fonts) = run(&poppler("pdffonts"), &[path]);
        let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(rows.len() >= 2, "{path}: {fonts}");
        for row in &rows {
            // name, type (two words), encoding, then emb sub uni.
            let cols: Vec<&str> = row.split_whitespace().collect();
            let emb = cols.len() >= 7 && cols[cols.len() - 5] == "yes";
            assert!(emb, "{path}: a font is not embedded: {row}");
        }
        assert!(!fonts.contains("Internal Error"), "{path}: {fonts}");
        let (_, sig) = run(&poppler("pdfsig"), &[path]);
        assert!(!sig.contains("Internal Error"), "{path}: {sig}");
        assert_eq!(
            pdfsig_verdicts(&sig),
            vec!["Signature is Valid."; letter.signers],
            "{path}: {sig}"
        );
        let (code, out) = run(
            &pyhanko(),
            &[
                "sign",
                "adesverify",
                "--trust",
                &board_pem,
                "--trust",
                &tsa_pem,
                "--trust-replace",
                path,
            ],
        );
        assert_eq!(
            code, 0,
            "{path}: pyHanko's offline AdES validation failed:\n{out}"
        );
        let ours = scr_letters::verify(
            &std::fs::read(path).unwrap(),
            std::slice::from_ref(ca.certificate()),
        );
        assert!(ours.all_valid, "{path}: {ours:#?}");
    }
}

#[test]
fn the_logo_is_a_figure_with_alternate_text_and_furniture_is_an_artifact() {
    let mut doc = sample::anytown_child_t();
    doc.letterhead.logo = Some(include_bytes!("fixtures/anytown-logo.png").to_vec());
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    let mut lo = lopdf::Document::load_mem(&letter.pdf).unwrap();
    lo.decompress();
    let figure = lo
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure".as_slice()))
        .expect("a Figure element");
    assert_eq!(
        figure.get(b"Alt").unwrap().as_str().unwrap(),
        b"Logo of Anytown Safeguarding Children Board"
    );
    let roles: Vec<String> = lo
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"S").and_then(|s| s.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    for role in [
        "Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Form",
    ] {
        assert!(roles.iter().any(|r| r == role), "no {role} element: {roles:?}");
    }
    let page = lo.get_pages()[&1];
    let content = lo.get_page_content(page);
    let text = String::from_utf8_lossy(&content);
    assert!(
        text.contains("/Artifact <</Subtype /Header/Type /Pagination>> BDC") || text.contains("/Pagination")
    );
    assert!(text.contains("/H1 <</MCID "), "{}", &text[..2000]);
}

#[test]
fn a_change_after_the_validation_data_is_still_caught() {
    let ca = board_ca();
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    let id = signer(&ca, "Dr Jane Smith", "Independent Chair");
    let pdf = sign_pdf(
        &letter.pdf,
        &id,
        &SignatureRequest::new(letter.slot(0).unwrap(), now()),
    )
    .unwrap();
    let crl = ca.issue_crl(now(), now().plus_days(30)).unwrap();
    let lt = add_validation_data(&pdf, &[], &[crl]).unwrap();
    assert!(scr_letters::verify(&lt, std::slice::from_ref(ca.certificate())).all_valid);
    // Junk, or a second "validation data" revision that also swaps a page, is a change.
    let mut junk = lt.clone();
    junk.extend_from_slice(b"% appended\n");
    assert!(!scr_letters::verify(&junk, std::slice::from_ref(ca.certificate())).all_valid);
    let doc2 = lopdf::Document::load_mem(&lt).unwrap();
    let page = doc2.get_pages()[&1];
    let mut forged = lt.clone();
    let at = forged.len();
    forged.extend_from_slice(
        format!(
            "{} 0 obj\n<</Type /Page /MediaBox [0 0 10 10]>>\nendobj\n",
            page.0
        )
        .as_bytes(),
    );
    let prev = String::from_utf8_lossy(&lt[lt.windows(9).rposition(|w| w == b"startxref").unwrap() + 9..])
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let xref = forged.len();
    let size = doc2.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let root = doc2.trailer.get(b"Root").unwrap().as_reference().unwrap().0;
    forged.extend_from_slice(
        format!(
            "xref\n{} 1\n{at:010} 00000 n\r\ntrailer\n<</Size {size} /Root {root} 0 R /Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
            page.0
        )
        .as_bytes(),
    );
    let report = scr_letters::verify(&forged, std::slice::from_ref(ca.certificate()));
    assert!(
        !report.all_valid && report.modified_after_last_signature,
        "{report:#?}"
    );
}

#[test]
fn an_appearance_with_characters_the_letter_lacks_embeds_a_subset_of_its_own() {
    let ca = board_ca();
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, now()).unwrap();
    // Not the name typed on the letter: "Ø", "ŵ" and "✓" are in none of its fonts' subsets.
    let id = signer(&ca, "Ørjan Ŵyn ✓", "Independent Chair");
    let pdf = sign_pdf(
        &letter.pdf,
        &id,
        &SignatureRequest::new(letter.slot(0).unwrap(), now()),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "other-name.pdf", &pdf);
    let (_, fonts) = run(&poppler("pdffonts"), &[&path]);
    assert!(
        fonts.contains("+DejaVuSans "),
        "the ✓ comes from DejaVu Sans: {fonts}"
    );
    assert_eq!(fonts.matches("LiberationSans-Bold").count(), 2, "{fonts}");
    let (code, out) = run(
        &python_tool("python"),
        &[
            repo_root().join("tests/pdf/check_archival.py").to_str().unwrap(),
            &path,
        ],
    );
    assert_eq!(code, 0, "{out}");
}
