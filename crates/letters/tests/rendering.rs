//! The rendered letter, read back by poppler: pagination, text in order with the characters
//! board members' names and places use, exactly the text passed in, metadata, logo, size, and
//! byte-for-byte determinism.

mod common;

use std::collections::BTreeSet;

use common::*;
use scr_letters::{sample, sign_pdf, Block, LetterDocument, LetterRenderer, SignatureRequest, UtcDateTime};

const SPECIAL: &str = "’ “ ” – é ö ŵ ŷ €";

fn clock() -> UtcDateTime {
    UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap()
}

/// A letter whose body runs to ten pages or more: numbered sections, paragraphs, bullets and
/// a long table, every paragraph carrying the special characters.
fn long_letter() -> LetterDocument {
    let mut doc = sample::anytown_child_t();
    let mut body = Vec::new();
    let mut n = 0;
    for section in 1..=30 {
        body.push(Block::Heading {
            text: format!("Section {section:02} heading"),
        });
        for _ in 0..3 {
            n += 1;
            body.push(Block::Paragraph {
                lead: None,
                text: format!(
                    "Paragraph {n:03} begins. Siôn’s “quoted” note – café, Göteborg, Llanŵrtyd and \
                     Tŷ Newydd; the budget is €42,000 and the review’s scope is agreed. The sub-group \
                     met twice and every agency sent a senior manager to the panel."
                ),
            });
        }
        if section % 5 == 0 {
            body.push(Block::Bullets {
                items: (1..=4)
                    .map(|i| format!("Bullet {section:02}.{i} – action for agency {i}"))
                    .collect(),
            });
        }
        if section % 10 == 0 {
            body.push(Block::Table {
                header: vec!["Criterion".into(), "Assessment".into(), "Evidence".into()],
                rows: (1..=12)
                    .map(|r| {
                        vec![
                            format!("Row {section:02}-{r:02} criterion"),
                            "Met".into(),
                            "Evidence that runs to several lines so that the cell wraps and the \
                             row grows taller than one line of text, as real evidence does."
                                .into(),
                        ]
                    })
                    .collect(),
                widths: vec![0.3, 0.15, 0.55],
            });
        }
    }
    doc.body = body;
    doc
}

#[test]
fn a_ten_page_letter_paginates_and_reads_back_in_order() {
    let doc = long_letter();
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long.pdf", &letter.pdf);

    let pages: usize = pdfinfo_field(&path, "Pages").parse().unwrap();
    assert_eq!(pages, letter.page_count);
    assert!(pages >= 10, "expected at least 10 pages, got {pages}");

    // Every paragraph marker once, in order.
    let text = pdftotext(&path, &[]);
    let markers: Vec<usize> = text
        .split("Paragraph ")
        .skip(1)
        .filter_map(|rest| rest.get(..3)?.parse().ok())
        .collect();
    assert_eq!(markers, (1..=90).collect::<Vec<_>>());
    for c in SPECIAL.split(' ') {
        assert!(text.contains(c), "{c} missing from the extracted text");
    }
    for word in [
        "Siôn’s",
        "“quoted”",
        "café,",
        "Göteborg,",
        "Llanŵrtyd",
        "Tŷ",
        "€42,000",
    ] {
        assert_eq!(text.matches(word).count(), 90, "{word}");
    }

    // Page by page: the furniture is there, and no page ends with a heading.
    for p in 1..=pages {
        let page = pdftotext(&path, &["-f", &p.to_string(), "-l", &p.to_string()]);
        assert!(
            page.contains(&format!("SCR-2016-004 · Page {p} of {pages}")),
            "page {p}: {page}"
        );
        assert_eq!(
            page.matches("OFFICIAL-SENSITIVE").count(),
            2,
            "page {p}: marking top and bottom"
        );
        let body: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "OFFICIAL-SENSITIVE" && !l.contains(" · Page "))
            .collect();
        let last = body.last().copied().unwrap_or_default();
        assert!(
            !last.starts_with("Section "),
            "page {p} ends with a heading: {last:?}"
        );
        assert!(
            !last.starts_with("Criterion"),
            "page {p} ends with a table header"
        );
    }
}

/// Every word the renderer may add on its own: page furniture and labels.
const FURNITURE: &[&str] = &[
    "Our",
    "reference:",
    "Date:",
    "Page",
    "of",
    "·",
    "•",
    "Distribution:",
    "How",
    "to",
    "check",
    "this",
    "letter",
    "is",
    "genuine:",
];

fn words_passed(doc: &LetterDocument) -> BTreeSet<String> {
    let mut texts: Vec<String> = vec![
        doc.letterhead.board_name.clone(),
        doc.protective_marking.clone(),
        doc.reference.clone(),
        doc.date.clone(),
        doc.title.clone(),
        doc.salutation.clone(),
        doc.closing.clone(),
        doc.distribution.intro.clone(),
        doc.distribution.recipients.join("; "),
        doc.verification_note.clone(),
    ];
    texts.extend(doc.letterhead.address_lines.iter().cloned());
    texts.extend(doc.addressee.iter().cloned());
    for s in &doc.signatories {
        texts.push(s.name.clone());
        texts.push(s.role.clone());
    }
    for b in &doc.body {
        match b {
            Block::Heading { text } => texts.push(text.clone()),
            Block::Paragraph { lead, text } => {
                texts.extend(lead.clone());
                texts.push(text.clone());
            }
            Block::Bullets { items } => texts.extend(items.iter().cloned()),
            Block::Table { header, rows, .. } => {
                texts.extend(header.iter().cloned());
                texts.extend(rows.iter().flatten().cloned());
            }
            Block::Chart(chart) => texts.extend(chart.printed_text().into_iter().map(str::to_string)),
        }
    }
    texts
        .iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string))
        .collect()
}

#[test]
fn the_pdf_says_what_was_passed_and_nothing_else() {
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sample.pdf", &letter.pdf);
    let text = pdftotext(&path, &[]);
    let extracted: BTreeSet<String> = text.split_whitespace().map(str::to_string).collect();
    let passed = words_passed(&doc);
    let allowed: BTreeSet<String> = passed
        .iter()
        .cloned()
        .chain(FURNITURE.iter().map(|s| s.to_string()))
        .chain((0..=20).map(|n| n.to_string()))
        .collect();
    let extra: Vec<_> = extracted.difference(&allowed).collect();
    assert!(
        extra.is_empty(),
        "words in the PDF that were not passed in: {extra:?}"
    );
    let missing: Vec<_> = passed.difference(&extracted).collect();
    assert!(
        missing.is_empty(),
        "words passed in but not in the PDF: {missing:?}"
    );
}

#[test]
fn a_name_that_was_not_passed_in_appears_nowhere_in_the_file() {
    // The restricted annex (the child's real name) never reaches the renderer; this pins that
    // the renderer adds nothing of its own that could carry it, in text or in any stream.
    let canary = "Tommy Canary-Atkins";
    let mut doc = sample::anytown_child_t();
    doc.body.push(Block::Paragraph {
        lead: None,
        text: "Child T is referred to by pseudonym only.".into(),
    });
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let utf16: Vec<u8> = canary.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(!contains(&letter.pdf, canary.as_bytes()) && !contains(&letter.pdf, &utf16));
    let mut lo = lopdf::Document::load_mem(&letter.pdf).unwrap();
    lo.decompress();
    for obj in lo.objects.values() {
        if let lopdf::Object::Stream(s) = obj {
            assert!(!contains(&s.content, canary.as_bytes()));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let text = pdftotext(&write(dir.path(), "c.pdf", &letter.pdf), &[]);
    assert!(!text.contains("Canary"));
    assert!(text.contains("Child T is referred to by pseudonym only."));
}

#[test]
fn metadata_language_and_dates_are_set() {
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "meta.pdf", &letter.pdf);
    assert_eq!(pdfinfo_field(&path, "Title"), doc.metadata.title);
    assert_eq!(pdfinfo_field(&path, "Author"), doc.metadata.author);
    assert_eq!(pdfinfo_field(&path, "Subject"), doc.metadata.subject);
    assert_eq!(
        pdfinfo_field(&path, "CreationDate"),
        "Tue Apr 12 14:03:00 2016 UTC"
    );
    assert_eq!(pdfinfo_field(&path, "Page size"), "595.276 x 841.89 pts (A4)");
    let lo = lopdf::Document::load_mem(&letter.pdf).unwrap();
    let lang = lo.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en-GB");
    // printpdf's empty PDF/X marker is removed, so readers do not call the letter PDF/X.
    let (_, info) = run(&poppler("pdfinfo"), &[&path]);
    assert!(!info.contains("PDF/X"), "{info}");
}

#[test]
fn a_png_logo_stays_lossless() {
    let mut doc = sample::anytown_child_t();
    doc.letterhead.logo = Some(include_bytes!("fixtures/anytown-logo.png").to_vec());
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "with-logo.pdf", &letter.pdf);
    let lo = lopdf::Document::load_mem(&letter.pdf).unwrap();
    let images: Vec<_> = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| matches!(s.dict.get(b"Subtype"), Ok(lopdf::Object::Name(n)) if n == b"Image"))
        .collect();
    assert!(!images.is_empty(), "no image in the PDF");
    for img in images {
        let filter = img.dict.get(b"Filter").unwrap().as_name().unwrap();
        assert_eq!(filter, b"FlateDecode", "logo re-encoded lossily");
    }
    assert!(letter.pdf.len() < 60_000, "{} bytes", letter.pdf.len());

    let err = LetterRenderer::new()
        .unwrap()
        .render(
            &LetterDocument {
                letterhead: scr_letters::Letterhead {
                    logo: Some(b"GIF89a...".to_vec()),
                    ..doc.letterhead.clone()
                },
                ..doc.clone()
            },
            clock(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "letter.bad_logo");
}

#[test]
fn same_input_and_clock_give_the_same_bytes() {
    let renderer = LetterRenderer::new().unwrap();
    let doc = sample::anytown_child_t();
    let a = renderer.render(&doc, clock()).unwrap();
    let b = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    assert_eq!(a.pdf, b.pdf, "two renders of the same letter differ");
    let mut with_logo = doc.clone();
    with_logo.letterhead.logo = Some(include_bytes!("fixtures/anytown-logo.png").to_vec());
    assert_eq!(
        renderer.render(&with_logo, clock()).unwrap().pdf,
        renderer.render(&with_logo, clock()).unwrap().pdf
    );
    // Another clock changes the dates and so the bytes.
    assert_ne!(a.pdf, renderer.render(&doc, clock().plus_days(1)).unwrap().pdf);

    // The checked-in golden hash: a change to the output must be made on purpose.
    // Regenerate with UPDATE_GOLDEN=1 after checking the new rendering by eye. It hashes what
    // the streams say, decompressed, so that another deflate backend (the workspace's features
    // decide which) does not count as a change.
    let digest = content_digest(&a.pdf);
    let golden_path = std::path::Path::new(&common::package_dir()).join("tests/golden/sample-letter.sha256");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_path.parent().unwrap()).unwrap();
        std::fs::write(&golden_path, format!("{digest}\n")).unwrap();
    }
    let golden = std::fs::read_to_string(&golden_path).expect("golden hash file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(
        digest,
        golden.trim(),
        "the sample letter's bytes changed; check it by eye, then UPDATE_GOLDEN=1"
    );
}

#[test]
fn a_signed_two_page_letter_is_under_60_kb() {
    let doc = sample::anytown_child_t();
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    assert_eq!(letter.page_count, 2);
    let ca = board_ca();
    let id = signer(&ca, "Dr Jane Smith", "Independent Chair");
    let signed = sign_pdf(
        &letter.pdf,
        &id,
        &SignatureRequest::new(letter.slot(0).unwrap(), now()),
    )
    .unwrap();
    eprintln!(
        "unsigned {} bytes, signed {} bytes",
        letter.pdf.len(),
        signed.len()
    );
    assert!(signed.len() < 60_000, "signed letter is {} bytes", signed.len());
}

#[test]
fn characters_the_fonts_lack_are_reported_before_rendering() {
    let renderer = LetterRenderer::new().unwrap();
    let mut doc = sample::anytown_child_t();
    assert_eq!(renderer.unsupported_characters(&doc), Vec::<char>::new());
    // DejaVu Sans draws what Liberation Sans lacks (✓, arrows, some emoji); CJK and Devanagari
    // are in neither.
    doc.salutation = "Dear colleagues ✓ → 😀 and 漢 क,".into();
    assert_eq!(renderer.unsupported_characters(&doc), vec!['क', '漢']);
    let letter = renderer.render(&doc, clock()).unwrap();
    assert_eq!(letter.missing_glyphs, vec!['क', '漢']);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fallback.pdf", &letter.pdf);
    let text = pdftotext(&path, &[]);
    assert!(text.contains("Dear colleagues ✓ → 😀 and"), "{text}");
    let (_, fonts) = run(&poppler("pdffonts"), &[&path]);
    assert!(fonts.contains("SCRFBK+DejaVuSans"), "{fonts}");
    // A letter that needs no fallback does not carry it.
    let plain = renderer.render(&sample::anytown_child_t(), clock()).unwrap();
    assert!(plain.missing_glyphs.is_empty());
    let (_, fonts) = run(
        &poppler("pdffonts"),
        &[&write(dir.path(), "plain.pdf", &plain.pdf)],
    );
    assert!(!fonts.contains("DejaVu"), "{fonts}");
}

#[test]
fn error_codes_are_stable() {
    use scr_letters::LetterError as E;
    let all = [
        (E::Render(String::new()), "letter.render_failed"),
        (E::BadLogo(String::new()), "letter.bad_logo"),
        (E::BadCertificate(String::new()), "letter.bad_certificate"),
        (E::SigningFailed(String::new()), "letter.signing_failed"),
        (E::MalformedPdf(String::new()), "letter.malformed_pdf"),
        (
            E::SignatureTooLarge {
                needed: 2,
                reserved: 1,
            },
            "letter.signature_too_large",
        ),
        (E::NoSuchSlot(1), "letter.no_such_signature_slot"),
        (E::Timestamp(String::new()), "letter.timestamp_failed"),
    ];
    for (e, code) in all {
        assert_eq!(e.code(), code);
    }
}

#[test]
fn letters_and_reports_serialise_to_json() {
    let doc = sample::anytown_child_t();
    let json = serde_json::to_string(&doc).unwrap();
    let back: LetterDocument = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
    let t = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), "\"2016-04-12T14:03:00Z\"");
    assert_eq!(
        serde_json::from_str::<UtcDateTime>("\"2016-04-12T14:03:00Z\"").unwrap(),
        t
    );
    let report = scr_letters::verify(b"%PDF-1.7\nnot really\n", &[]);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["signatures"].as_array().unwrap().len(), 0);
    assert_eq!(json["all_valid"], false);
}

#[test]
fn with_a_sixty_member_distribution_the_signatures_stay_on_the_last_page() {
    let renderer = LetterRenderer::new().unwrap();
    for mut doc in [sample::anytown_child_t(), sample::anytown_joint_sign_off()] {
        doc.distribution.recipients = sample::anytown_members(60);
        doc.signatories.truncate(3);
        doc.distribution.intro = "all 60 members of the Board in post on 12 April 2016:".into();
        let letter = renderer.render(&doc, clock()).unwrap();
        for slot in &letter.signature_slots {
            assert_eq!(
                slot.page_index,
                letter.page_count - 1,
                "{} signatories",
                doc.signatories.len()
            );
        }
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &format!("sixty-{}.pdf", doc.signatories.len()),
            &letter.pdf,
        );
    }
}

#[test]
fn when_the_closing_cannot_fit_one_page_the_signatures_still_share_a_page() {
    let mut doc = sample::anytown_joint_sign_off();
    doc.distribution.recipients = sample::anytown_members(200);
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let pages: BTreeSet<usize> = letter.signature_slots.iter().map(|s| s.page_index).collect();
    assert_eq!(pages.len(), 1, "{:?}", letter.signature_slots);
    assert!(letter.page_count >= 3);
}

#[test]
fn the_renderer_can_be_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<LetterRenderer>();
    send_sync::<scr_letters::LocalSigner>();
    let renderer = std::sync::Arc::new(LetterRenderer::new().unwrap());
    let a = {
        let r = renderer.clone();
        std::thread::spawn(move || r.render(&sample::anytown_child_t(), clock()).unwrap().pdf)
    };
    let b = renderer.render(&sample::anytown_child_t(), clock()).unwrap().pdf;
    assert_eq!(a.join().unwrap(), b);
}

#[test]
fn a_jpeg_logo_stays_a_jpeg() {
    let mut doc = sample::anytown_child_t();
    doc.letterhead.logo = Some(include_bytes!("fixtures/anytown-logo.jpg").to_vec());
    let letter = LetterRenderer::new().unwrap().render(&doc, clock()).unwrap();
    let lo = lopdf::Document::load_mem(&letter.pdf).unwrap();
    let filters: Vec<Vec<u8>> = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| matches!(s.dict.get(b"Subtype"), Ok(lopdf::Object::Name(n)) if n == b"Image"))
        .map(|s| s.dict.get(b"Filter").unwrap().as_name().unwrap().to_vec())
        .collect();
    assert_eq!(filters, vec![b"DCTDecode".to_vec()]);
    assert!(letter.pdf.len() < 60_000);
}

#[test]
fn composed_letters_paginate_for_any_board_size_and_rationale_length() {
    // Page breaks fall in a different place for each combination: headings, table rows,
    // bullets and the distribution list each meet the foot of a page somewhere in this sweep.
    use scr_domain::notices::{LetterContent, OutcomeDetails};
    let renderer = LetterRenderer::new().unwrap();
    let chair = scr_letters::sample::anytown_child_t().signatories;
    let mut pages_seen = BTreeSet::new();
    for n in (0..=60).step_by(3) {
        let outcome = LetterContent::OutcomeNotice(OutcomeDetails {
            completed_on: Some(scr_domain::example::date("2017-01-20")),
            published: Some(false),
            not_published_reason: "It would identify the child’s siblings. ".repeat(n / 2 + 1),
            board_response: "The Board accepted every recommendation.".into(),
            ..OutcomeDetails::default()
        });
        for content in [LetterContent::DecisionNotice, outcome] {
            let people = anytown_listed_members(n);
            let mut doc = composed(&content, scr_letters::compose::Addressee::Board, &chair, &people);
            if n % 2 == 1 {
                doc.body.push(scr_letters::Block::Paragraph {
                    lead: None,
                    text: "Further reasons follow at length. ".repeat(n * 4),
                });
            }
            let letter = renderer
                .render(&doc, clock())
                .unwrap_or_else(|e| panic!("{n} members: {e}"));
            assert_eq!(letter.signature_slots.len(), 1);
            pages_seen.insert(letter.page_count);
            assert_closing_keeps_company(&letter, n);
        }
    }
    assert!(
        pages_seen.len() >= 3,
        "the sweep should cover several page counts: {pages_seen:?}"
    );
}

/// The signature is on the last page, and never on a page without the letter's own text: when
/// the closing moves to a new page, the last paragraph goes with it.
fn assert_closing_keeps_company(letter: &scr_letters::RenderedLetter, n: usize) {
    assert_eq!(
        letter.signature_slots[0].page_index + 1,
        letter.page_count,
        "{n} members"
    );
    if letter.page_count == 1 {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sweep.pdf", &letter.pdf);
    let last = letter.page_count.to_string();
    let text = pdftotext(&path, &["-f", &last, "-l", &last]);
    let before_closing = text.split("Yours sincerely,").next().unwrap_or_default();
    let body_lines = before_closing
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("OFFICIAL-SENSITIVE"))
        .count();
    assert!(
        body_lines > 0,
        "{n} members: the closing stands alone on its page:\n{text}"
    );
}

/// SHA-256 over every stream's decompressed content, in object order.
fn content_digest(pdf: &[u8]) -> String {
    use sha2::Digest;
    let document = lopdf::Document::load_mem(pdf).expect("our own PDF parses");
    let mut hasher = sha2::Sha256::new();
    for (id, object) in &document.objects {
        if let lopdf::Object::Stream(stream) = object {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            hasher.update(format!("{} {} {}\n", id.0, id.1, content.len()));
            hasher.update(&content);
        }
    }
    hex::encode(hasher.finalize())
}
