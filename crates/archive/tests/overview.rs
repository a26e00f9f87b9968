//! The archive at a glance: every letter's facts by case, read in one statement.

mod common;

use chrono::NaiveDate;
use common::TestArchive;
use scr_archive::NewIssuedLetter;
use scr_domain::letter_kind::{LetterKind, Recipient};

fn letter<'a>(reference: &'a str, kind: LetterKind, created_at: &'a str) -> NewIssuedLetter<'a> {
    NewIssuedLetter {
        reference,
        kind,
        recipient: &Recipient::Circular,
        pdf: b"%PDF-1.7 test",
        signer_fingerprints: &[],
        created_at,
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn each_case_has_its_own_letters_oldest_first_on_their_day_in_england() {
    let (_t, mut archive) = TestArchive::create();
    // Issued in turns, so that neither the order they were stored in nor the index's order
    // (by reference, kind and time) keeps one case's letters together by id.
    let ids: Vec<i64> = [
        letter("SCR-2026-002", LetterKind::OutcomeNotice, "2026-03-02T10:00:00Z"),
        letter("SCR-2026-001", LetterKind::DecisionNotice, "2026-07-01T23:30:00Z"),
        letter("SCR-2026-002", LetterKind::DecisionNotice, "2026-03-01T10:00:00Z"),
        letter("SCR-2026-001", LetterKind::DecisionNotice, "2026-07-01T23:30:00Z"),
        letter("SCR-2026-003", LetterKind::DecisionNotice, "2026-01-05T09:00:00Z"),
        letter("SCR-2026-001", LetterKind::OutcomeNotice, "2026-12-01T23:30:00Z"),
    ]
    .iter()
    .map(|new| {
        archive
            .store_issued_letters(std::slice::from_ref(new))
            .expect("stored")[0]
            .id
    })
    .collect();

    let overview = archive.letters_overview().expect("overview");
    let facts = |reference: &str| -> Vec<(i64, LetterKind, NaiveDate)> {
        overview[reference]
            .iter()
            .map(|l| (l.id, l.kind, l.issued_on))
            .collect()
    };
    assert_eq!(overview.len(), 3);
    assert_eq!(
        facts("SCR-2026-001"),
        [
            // 23:30 UTC in summer is the next day in England; in winter it is the same day.
            (ids[1], LetterKind::DecisionNotice, date("2026-07-02")),
            (ids[3], LetterKind::DecisionNotice, date("2026-07-02")),
            (ids[5], LetterKind::OutcomeNotice, date("2026-12-01")),
        ]
    );
    assert_eq!(
        facts("SCR-2026-002"),
        [
            (ids[0], LetterKind::OutcomeNotice, date("2026-03-02")),
            (ids[2], LetterKind::DecisionNotice, date("2026-03-01")),
        ]
    );
    assert_eq!(
        facts("SCR-2026-003"),
        [(ids[4], LetterKind::DecisionNotice, date("2026-01-05"))]
    );
}
