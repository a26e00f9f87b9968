use chrono::NaiveDate;

use super::*;
use crate::register::{MemberVersion, DEFAULT_AGENCIES};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

fn table(lines: &[&[&str]]) -> Table {
    Table {
        rows: lines
            .iter()
            .enumerate()
            .map(|(index, cells)| TableRow {
                line: index + 1,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect(),
    }
}

fn agencies() -> Vec<String> {
    DEFAULT_AGENCIES.iter().map(|a| (*a).to_owned()).collect()
}

#[test]
fn headers_are_recognised_by_their_usual_names() {
    for (header, field) in [
        ("Name", ImportField::Name),
        ("Full name", ImportField::Name),
        ("Email address", ImportField::Email),
        ("E-mail", ImportField::Email),
        ("Agency", ImportField::Agency),
        ("Organisation", ImportField::Agency),
        ("Role", ImportField::Role),
        ("Job title", ImportField::Role),
        ("Start date", ImportField::TermStart),
        ("Term start", ImportField::TermStart),
        ("  SURNAME ", ImportField::LastName),
        ("Voting / advisory", ImportField::Voting),
    ] {
        assert_eq!(ImportField::recognise(header), Some(field), "{header}");
    }
    assert_eq!(ImportField::recognise("Favourite colour"), None);
}

#[test]
fn a_new_member_is_an_addition_with_the_mapping_shown() {
    let preview = preview(
        &table(&[
            &[
                "Full name",
                "E-mail",
                "Organisation",
                "Job title",
                "Start date",
                "Shoe size",
            ],
            &[
                "Zoë Lloyd",
                "zoe.lloyd@nhs.example",
                "health / icb",
                "Designated Nurse",
                "1 April 2025",
                "5",
            ],
        ]),
        &Register::default(),
        &agencies(),
        today(),
        &[],
    );
    assert!(preview.can_import(), "{:?}", preview.problems);
    assert_eq!(preview.columns[5].field, None);
    assert_eq!(preview.columns[1].field_label.as_deref(), Some("Email address"));
    assert_eq!(preview.additions.len(), 1);
    let added = &preview.additions[0].details;
    // The agency is spelt as the board's list spells it.
    assert_eq!(added.agency, "Health / ICB");
    assert_eq!(
        added.term_start,
        NaiveDate::from_ymd_opt(2025, 4, 1).expect("date")
    );
    assert_eq!(added.voting, Voting::Voting);
    assert!(preview.new_agencies.is_empty());
    assert_eq!(preview.assumptions.len(), 3, "{:?}", preview.assumptions);
}

#[test]
fn missing_columns_are_problems_on_the_header_line() {
    let preview = preview(
        &table(&[&[], &["Name", "Agency"], &["Jo", "Police"]]),
        &Register::default(),
        &agencies(),
        today(),
        &[],
    );
    assert_eq!(preview.header_line, 2);
    let lines: Vec<usize> = preview.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 2]);
    assert!(preview.problems[0].message.contains("email address"));
    assert!(preview.problems[1].message.contains("role"));
}

#[test]
fn an_existing_email_is_an_update_listing_what_changes() {
    let details = MemberInput {
        name: "Dafydd ap Gwŷnedd".into(),
        role: "Head of Education".into(),
        agency: "Education (schools and colleges)".into(),
        email: "dafydd@example.cymru".into(),
        term_start: "2024-09-01".into(),
        voting: Some(Voting::Voting),
        receives_letters: true,
        channel: Some(Channel::Email),
        ..MemberInput::default()
    }
    .validated()
    .expect("valid");
    let register = Register::from_versions([MemberVersion {
        member_id: 7,
        seq: 1,
        effective_from: details.term_start,
        details,
    }]);
    let preview = preview(
        &table(&[
            &["Name", "Email", "Agency", "Role"],
            &[
                "Dafydd ap Gwŷnedd",
                "DAFYDD@example.cymru",
                "Education (schools and colleges)",
                "Director of Education",
            ],
            &[
                "Someone New",
                "new@example.org",
                "Youth Offending Team",
                "Manager",
            ],
        ]),
        &register,
        &agencies(),
        today(),
        &[],
    );
    assert!(preview.can_import(), "{:?}", preview.problems);
    assert_eq!(preview.updates.len(), 1);
    let update = &preview.updates[0];
    assert_eq!((update.line, update.member_id), (2, 7));
    let fields: Vec<&str> = update.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["Role", "Email address"]);
    // The term start was not in the file: it is kept, not reset to the import date.
    assert_eq!(update.details.term_start.to_string(), "2024-09-01");
    assert_eq!(preview.new_agencies, ["Youth Offending Team"]);
    assert!(preview.additions[0].start_defaulted);
}

#[test]
fn problems_are_reported_by_line_and_column_and_rows_can_be_left_out() {
    let rows = table(&[
        &["Name", "Email", "Agency", "Role", "Voting"],
        &["A", "a@example.org", "Police", "DCI", "voting"],
        &["B", "b@", "Police", "DS", "advisory"],
        &["C", "A@EXAMPLE.ORG", "Police", "DC", "voting"],
        &["D", "d@example.org", "Police", "PC", "sometimes"],
        &["", "", "", "", ""],
    ]);
    let found = preview(&rows, &Register::default(), &agencies(), today(), &[]);
    assert!(!found.can_import());
    let summary: Vec<(usize, Option<&str>)> = found
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [(3, Some("Email")), (4, Some("Email")), (5, Some("Voting"))]
    );
    assert!(found.problems[0].message.contains("(found “b@”)"));
    assert!(found.problems[1].message.contains("also on line 2"));
    assert_eq!(found.problem_lines(), [3, 4, 5]);

    let without = preview(
        &rows,
        &Register::default(),
        &agencies(),
        today(),
        &found.problem_lines(),
    );
    assert!(without.can_import());
    assert_eq!(without.excluded_lines, [3, 4, 5]);
    assert_eq!(without.additions.len(), 1);
}
