//! Importing the board register from files shaped like the ones board managers really have,
//! made here by the tests: Excel's Windows-1252 CSV, semicolons with a byte-order mark, quoted
//! cells with commas and line breaks, blank trailing lines, duplicates, bad addresses, .xlsx.
//! Each preview is checked line by line; then that nothing is written until every problem is
//! fixed or its row left out, and that a confirmed import is one transaction in the audit trail.

mod common;

use common::{cp1252, member, TestDesk};
use scr_desk::{DeskError, ErrorCode, ImportPreviewView};
use scr_domain::register::{Channel, MemberStatus, Voting};

fn preview(desk: &TestDesk, name: &str, bytes: &[u8]) -> ImportPreviewView {
    desk.desk.preview_import(name, bytes, &[]).expect("preview")
}

/// (line, column, start of message) for each problem, to compare exactly.
fn problems(view: &ImportPreviewView) -> Vec<(usize, Option<String>, String)> {
    view.preview
        .problems
        .iter()
        .map(|p| (p.line, p.column.clone(), p.message.clone()))
        .collect()
}

fn added_names(view: &ImportPreviewView) -> Vec<(usize, String)> {
    view.preview
        .additions
        .iter()
        .map(|a| (a.line, a.details.name.clone()))
        .collect()
}

#[test]
fn a_windows_1252_csv_from_excel_keeps_its_accents() {
    let desk = TestDesk::new();
    let text = "Name,Email address,Agency,Role,Start date\r\n\
                Siobhán Ní Bhriain,siobhan@health.example,Health / ICB,Designated Nurse,01/04/2024\r\n\
                Zoë Lloyd,zoe.lloyd@police.example,Police,Detective Chief Inspector,2 May 2024\r\n\
                Seán Ó Dálaigh,sean@education.example,Education (schools and colleges),Head Teacher,2024-09-01\r\n";
    let bytes = cp1252(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file must not be valid UTF-8"
    );
    let view = preview(&desk, "Board members.csv", &bytes);
    assert_eq!(view.format, "CSV (Windows-1252, separated by commas)");
    assert!(view.can_import, "{:?}", problems(&view));
    assert_eq!(
        added_names(&view),
        [
            (2, "Siobhán Ní Bhriain".to_owned()),
            (3, "Zoë Lloyd".to_owned()),
            (4, "Seán Ó Dálaigh".to_owned())
        ]
    );
    assert_eq!(
        view.preview.additions[1].details.term_start.to_string(),
        "2024-05-02"
    );
}

#[test]
fn welsh_letters_outside_windows_1252_come_through_utf8_files() {
    let desk = TestDesk::new();
    // ŵ and ŷ are not in Windows-1252, so Excel writes such names only as UTF-8 (or UTF-16).
    let text = "Full name,E-mail,Organisation,Job title\nDafydd ap Gwŷnedd,dafydd@education.example,Education (schools and colleges),Director of Education\nGwenllïan Ŵyn,gwenllian@probation.example,Probation,Head of Service\n";
    let view = preview(&desk, "aelodau.csv", text.as_bytes());
    assert_eq!(view.format, "CSV (UTF-8, separated by commas)");
    assert_eq!(
        added_names(&view),
        [
            (2, "Dafydd ap Gwŷnedd".to_owned()),
            (3, "Gwenllïan Ŵyn".to_owned())
        ]
    );

    // The same as UTF-16 with a byte-order mark, tab-separated: Excel's "Unicode text".
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.replace(',', "\t").encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let view = preview(&desk, "aelodau.txt", &utf16);
    assert_eq!(view.format, "CSV (UTF-16, separated by tabs)");
    assert_eq!(added_names(&view)[0].1, "Dafydd ap Gwŷnedd");
}

#[test]
fn semicolons_with_a_byte_order_mark_and_the_mapping_shown() {
    let desk = TestDesk::new();
    let text = "\u{feff}Name;E-mail;Organisation;Job title;Term start;Voting;Favourite biscuit\r\n\
                Amira Haddad;amira.haddad@la.example;Local authority children's services;Director of Children's Services;01/04/2023;Voting;Ginger nut\r\n\
                Tomasz Nowak;tomasz@probation.example;Probation;Head of Probation Delivery Unit;15 Jan 2024;advisory;\r\n";
    let view = preview(&desk, "register.csv", text.as_bytes());
    assert_eq!(
        view.format,
        "CSV (UTF-8 with a byte-order mark, separated by semicolons)"
    );
    let mapping: Vec<(String, Option<String>)> = view
        .preview
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.field_label.clone()))
        .collect();
    assert_eq!(
        mapping,
        [
            ("Name".to_owned(), Some("Name".to_owned())),
            ("E-mail".to_owned(), Some("Email address".to_owned())),
            ("Organisation".to_owned(), Some("Agency".to_owned())),
            ("Job title".to_owned(), Some("Role".to_owned())),
            ("Term start".to_owned(), Some("Term start".to_owned())),
            ("Voting".to_owned(), Some("Voting or advisory".to_owned())),
            ("Favourite biscuit".to_owned(), None),
        ]
    );
    assert!(view.can_import, "{:?}", problems(&view));
    assert_eq!(added_names(&view)[0], (2, "Amira Haddad".to_owned()));
    assert_eq!(view.preview.additions[1].details.voting, Voting::Advisory);
    assert_eq!(
        view.preview.additions[1].details.term_start.to_string(),
        "2024-01-15"
    );
}

#[test]
fn a_quoted_cell_with_a_comma_and_a_line_break_keeps_the_line_numbers_right() {
    let desk = TestDesk::new();
    let text = "Name,Email,Agency,Role,Notes\r\n\
                \"Okafor, Grace\",grace.okafor@icb.example,Health / ICB,\"Chief Nurse, ICB\",\"Chairs the CDOP,\r\nand the case review sub-group\"\r\n\
                Priya Shah,priya.shah@,Police,Detective Superintendent,\r\n\
                Ben Carter,ben.carter@schools.example,Education (schools and colleges),Head Teacher,\"Two\nline breaks\nhere\"\r\n\
                Lena Fischer,lena@,Housing,Housing Manager,\r\n";
    let view = preview(&desk, "with notes.csv", text.as_bytes());
    // Grace's row spans lines 2 and 3; Priya is on line 4, Ben on 5 to 7, Lena on 8.
    assert_eq!(
        problems(&view),
        [
            (
                4,
                Some("Email".to_owned()),
                "Enter an email address in the correct format, like name@example.org (found “priya.shah@”)"
                    .to_owned()
            ),
            (
                8,
                Some("Email".to_owned()),
                "Enter an email address in the correct format, like name@example.org (found “lena@”)"
                    .to_owned()
            ),
        ]
    );
    assert_eq!(view.problem_lines, [4, 8]);
    let grace = &view.preview.additions[0];
    assert_eq!(grace.line, 2);
    assert_eq!(grace.details.name, "Okafor, Grace");
    assert_eq!(grace.details.role, "Chief Nurse, ICB");
    assert_eq!(
        grace.details.notes,
        "Chairs the CDOP,\r\nand the case review sub-group"
    );
    assert_eq!(view.preview.additions[1].line, 5);
    // Housing is not on the board's list yet.
    assert_eq!(view.preview.new_agencies, Vec::<String>::new());
}

#[test]
fn blank_trailing_lines_and_empty_rows_are_ignored() {
    let desk = TestDesk::new();
    let text = "Name,Email,Agency,Role\r\nAmira Haddad,amira@la.example,Police,DCI\r\n\r\n,,,\r\n\r\n   \r\n";
    let view = preview(&desk, "trailing.csv", text.as_bytes());
    assert!(view.can_import, "{:?}", problems(&view));
    assert_eq!(added_names(&view), [(2, "Amira Haddad".to_owned())]);
}

#[test]
fn a_duplicate_email_is_reported_on_its_second_line() {
    let desk = TestDesk::new();
    let text = "Name,Email,Agency,Role\n\
                Amira Haddad,amira@la.example,Police,DCI\n\
                Ben Carter,ben@schools.example,Police,DS\n\
                Amira H.,AMIRA@LA.EXAMPLE,Police,DCI\n";
    let view = preview(&desk, "dupes.csv", text.as_bytes());
    assert_eq!(
        problems(&view),
        [(
            4,
            Some("Email".to_owned()),
            "The email address AMIRA@LA.EXAMPLE is also on line 2: each member needs their own".to_owned()
        )]
    );
    assert!(!view.can_import);
}

#[test]
fn a_member_already_in_the_register_is_updated_by_email() {
    let desk = TestDesk::new();
    let existing = desk
        .desk
        .add_member(member("Amira Haddad", "Amira@LA.example"))
        .expect("add");
    let text = "Name,Email,Agency,Role,Preferred channel\n\
                Amira Haddad,amira@la.example,Police,Detective Chief Superintendent,secure export\n";
    let view = preview(&desk, "update.csv", text.as_bytes());
    assert_eq!(view.preview.additions.len(), 0);
    let update = &view.preview.updates[0];
    assert_eq!((update.line, update.member_id), (2, existing.id));
    let changed: Vec<&str> = update.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(changed, ["Role", "Email address", "Preferred channel"]);
    assert_eq!(update.details.channel, Channel::SecureExport);
}

#[test]
fn an_xlsx_workbook_with_real_date_cells() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (column, header) in (0u16..).zip(["Name", "Email address", "Agency", "Role", "Start date"]) {
        sheet.write_string(0, column, header).expect("header");
    }
    for (row, (name, email)) in (1u32..).zip([
        ("Zoë Lloyd", "zoe@police.example"),
        ("Dafydd ap Gwŷnedd", "dafydd@"),
    ]) {
        sheet.write_string(row, 0, name).expect("name");
        sheet.write_string(row, 1, email).expect("email");
        sheet.write_string(row, 2, "Police").expect("agency");
        sheet.write_string(row, 3, "Inspector").expect("role");
        sheet
            .write_number_with_format(row, 4, 45748.0, &date)
            .expect("date");
    }
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let desk = TestDesk::new();
    let view = preview(&desk, "register.xlsx", &bytes);
    assert_eq!(view.format, "Excel workbook (.xlsx), sheet “Sheet1”");
    assert_eq!(added_names(&view), [(2, "Zoë Lloyd".to_owned())]);
    assert_eq!(
        view.preview.additions[0].details.term_start.to_string(),
        "2025-04-01"
    );
    assert_eq!(view.problem_lines, [3]);
}

#[test]
fn files_that_are_not_spreadsheets_are_unreadable() {
    let desk = TestDesk::new();
    let error = desk
        .desk
        .preview_import("photo.xlsx", b"PK\x03\x04 not really a zip", &[])
        .expect_err("unreadable");
    assert_eq!(error.code(), ErrorCode::ImportUnreadable);
    let error = desk
        .desk
        .preview_import("old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0], &[])
        .expect_err("unreadable");
    assert!(error.to_string().contains(".xls"), "{error}");
}

const ONE_BAD_ROW: &str = "Name,Email,Agency,Role,Start date\r\n\
    Siobhán Ní Bhriain,siobhan@health.example,Health / ICB,Designated Nurse,01/04/2024\r\n\
    Zoë Lloyd,zoe.lloyd@police,Police,Detective Chief Inspector,02/05/2024\r\n\
    Seán Ó Dálaigh,sean@education.example,Youth Offending Team,Manager,01/09/2024\r\n";

#[test]
fn a_file_with_one_bad_row_imports_nothing_until_the_row_is_left_out() {
    let desk = TestDesk::new();
    desk.desk
        .add_member(member("Amira Haddad", "amira@la.example"))
        .expect("add");
    let bytes = cp1252(ONE_BAD_ROW);
    let before = desk.counts();
    let actions_before = desk.actions();

    let view = desk
        .desk
        .preview_import("board.csv", &bytes, &[])
        .expect("preview");
    assert!(!view.can_import);
    assert_eq!(view.problem_lines, [3]);
    let refused = desk
        .desk
        .confirm_import("board.csv", &bytes, &[], &view.token)
        .expect_err("a bad row refuses the whole file");
    assert!(
        matches!(refused, DeskError::ImportRejected { problems: 1 }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), ErrorCode::ImportRejected);
    assert_eq!(desk.counts(), before, "a rejected import changed the archive");
    assert_eq!(desk.actions(), actions_before);

    // Leaving the bad row out gives a new preview, whose token the confirmation must carry.
    let without = desk
        .desk
        .preview_import("board.csv", &bytes, &[3])
        .expect("preview");
    assert!(without.can_import);
    assert_eq!(without.preview.excluded_lines, [3]);
    assert_eq!(without.preview.new_agencies, ["Youth Offending Team"]);
    let stale = desk
        .desk
        .confirm_import("board.csv", &bytes, &[3], &view.token)
        .expect_err("the old preview's token");
    assert_eq!(stale.code(), ErrorCode::ImportStale);
    assert_eq!(desk.counts(), before);

    let done = desk
        .desk
        .confirm_import("board.csv", &bytes, &[3], &without.token)
        .expect("import");
    assert_eq!((done.added, done.updated, done.excluded), (2, 0, 1));
    let (versions, events) = desk.counts();
    assert_eq!(versions, before.0 + 2);
    // One event per member, one for the agency list, one for the import itself.
    assert_eq!(events, before.1 + 4);
    let actions = desk.actions();
    assert_eq!(
        &actions[actions.len() - 4..],
        [
            "member.added",
            "member.added",
            "board.agencies_saved",
            "register.imported"
        ]
    );
    assert!(desk.archive().check().expect("check").is_clean());

    let register = desk.desk.register_at(None).expect("register");
    let names: Vec<&str> = register.entries.iter().map(|e| e.details.name.as_str()).collect();
    assert_eq!(names, ["Amira Haddad", "Seán Ó Dálaigh", "Siobhán Ní Bhriain"]);
    assert!(register.agencies.contains(&"Youth Offending Team".to_owned()));
}

#[test]
fn a_change_to_the_register_after_the_preview_makes_it_stale() {
    let desk = TestDesk::new();
    let bytes = "Name,Email,Agency,Role\nAmira Haddad,amira@la.example,Police,DCI\n".as_bytes();
    let view = desk.desk.preview_import("a.csv", bytes, &[]).expect("preview");
    desk.desk
        .add_member(member("Amira Haddad", "AMIRA@la.example"))
        .expect("add in another window");
    let before = desk.counts();
    let error = desk
        .desk
        .confirm_import("a.csv", bytes, &[], &view.token)
        .expect_err("stale");
    assert_eq!(error.code(), ErrorCode::ImportStale);
    assert_eq!(desk.counts(), before);
}

#[test]
fn a_thousand_rows_import_in_one_transaction() {
    let desk = TestDesk::new();
    let mut text = String::from("Name,Email,Agency,Role,Start date\n");
    for n in 0..1000 {
        text.push_str(&format!(
            "Member {n},member{n}@board.example,Police,Officer,01/04/2024\n"
        ));
    }
    let started = std::time::Instant::now();
    let view = desk
        .desk
        .preview_import("big.csv", text.as_bytes(), &[])
        .expect("preview");
    let previewed = started.elapsed();
    let done = desk
        .desk
        .confirm_import("big.csv", text.as_bytes(), &[], &view.token)
        .expect("import");
    // Reported for the record (the tests never assert on time).
    eprintln!(
        "1,000 rows: preview {:?}, preview + confirm {:?}",
        previewed,
        started.elapsed()
    );
    assert_eq!(done.added, 1000);
    let register = desk.desk.register_at(None).expect("register");
    assert_eq!(
        register
            .entries
            .iter()
            .filter(|e| e.status == MemberStatus::Active)
            .count(),
        1000
    );
}
