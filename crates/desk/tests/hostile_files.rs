//! Hostile and broken files the desk reads: rosters, framework files, logos, letters
//! and files named on the command line, each refused with its exact stable code.

use std::path::Path;

use scr_desk::spreadsheet;
use scr_desk::{DeskError, ErrorCode};
use scr_domain::framework::FrameworkRegistry;

fn import_code(name: &str, bytes: &[u8]) -> ErrorCode {
    DeskError::from(spreadsheet::read(name, bytes).expect_err("refused")).code()
}

#[test]
fn a_sparse_workbook_with_cells_at_a1_and_xfd1048576_is_refused_without_building_its_range() {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").expect("A1");
    sheet
        .write_string(1_048_575, 16_383, "far away")
        .expect("XFD1048576");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    // calamine's range for this sheet would be 17 billion cells.
    assert_eq!(import_code("sparse.xlsx", &bytes), ErrorCode::ImportTooManyCells);
    assert_eq!(ErrorCode::ImportTooManyCells.as_str(), "import.too_many_cells");
}

#[test]
fn a_workbook_announcing_four_billion_shared_strings_is_refused_before_calamine_reserves_them() {
    // As Excel writes it, and with the spaces and single quotes XML also allows.
    for count in ["uniqueCount=\"4294967295\"", "uniqueCount = '4294967295'"] {
        let code = code_with_edit("xl/sharedStrings.xml", "uniqueCount=\"", &format!("{count} x=\""));
        assert_eq!(code, ErrorCode::ImportTooManyCells, "{count}");
    }
}

#[test]
fn a_broken_shared_strings_tag_is_refused_before_calamine_reads_a_count_in_it() {
    // Found by the fuzzing: calamine's own scanner read uniqueCount="4294967295" out of
    // <sst xmlns="uniqueCount="4294967295" uniqueCount="42949~7295" uniqueCount="4294967295" …>,
    // which the check's XML reader skipped as broken, and asked for room for that many strings
    // (103 GB): the allocation failed and the process aborted.
    let found = std::fs::read(corpus("xlsx-shared-strings-malformed-count.xlsx")).expect("corpus file");
    assert_eq!(import_code("fuzzed.xlsx", &found), ErrorCode::ImportUnreadable);
}

#[test]
fn a_cell_reference_beyond_the_last_column_or_row_is_unreadable_not_a_panic() {
    // Found by the fuzzing: calamine overflowed computing F9223372036854775807.
    let found = std::fs::read(corpus("xlsx-cell-reference-overflow.xlsx")).expect("corpus file");
    assert_eq!(import_code("found.xlsx", &found), ErrorCode::ImportUnreadable);
    // Also found by the fuzzing: a range ending before it starts underflowed in calamine.
    let reversed = std::fs::read(corpus("xlsx-reversed-range.xlsx")).expect("corpus file");
    assert_eq!(
        import_code("reversed.xlsx", &reversed),
        ErrorCode::ImportUnreadable
    );
    for reference in [
        "ABCDEFGHIJ1",
        "A99999999999",
        "A1:A4294967297",
        "L6:A1",
        "A65535:L6",
    ] {
        let code = code_with_edit(
            "xl/worksheets/sheet1.xml",
            "r=\"A1\"",
            &format!("r=\"{reference}\""),
        );
        assert_eq!(code, ErrorCode::ImportUnreadable, "{reference}");
    }
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused() {
    let bytes = rewrite_part(&roster_xlsx(), "xl/worksheets/sheet1.xml", |xml| {
        xml.replacen(
            "<sheetData>",
            &format!("<sheetData><!--{}-->", " ".repeat(130 << 20)),
            1,
        )
    });
    assert!(bytes.len() < 1 << 20, "a small zip: {} bytes", bytes.len());
    assert_eq!(import_code("bomb.xlsx", &bytes), ErrorCode::ImportTooLarge);
}

#[test]
fn csv_rows_columns_and_records_are_bounded() {
    let header = "Name,Email address,Agency\r\n";
    let rows = format!(
        "{header}{}",
        "A,a@b.example,X\r\n".repeat(spreadsheet::MAX_ROWS + 1)
    );
    assert_eq!(
        import_code("rows.csv", rows.as_bytes()),
        ErrorCode::ImportTooManyCells
    );
    let columns = format!("{}\r\n", ",x".repeat(spreadsheet::MAX_COLUMNS));
    assert_eq!(
        import_code("columns.csv", columns.as_bytes()),
        ErrorCode::ImportTooManyCells
    );
    let record = format!(
        "{header}\"{}\",a@b.example,X\r\n",
        "n".repeat(spreadsheet::MAX_RECORD_BYTES)
    );
    assert_eq!(
        import_code("long.csv", record.as_bytes()),
        ErrorCode::ImportTooLarge
    );
    let huge = vec![b'a'; scr_desk::MAX_IMPORT_BYTES + 1];
    assert_eq!(import_code("huge.csv", &huge), ErrorCode::ImportTooLarge);
    // A register within the limits still reads.
    let fine = format!("{header}{}", "A,a@b.example,X\r\n".repeat(500));
    assert_eq!(
        spreadsheet::read("fine.csv", fine.as_bytes())
            .expect("read")
            .table
            .rows
            .len(),
        501
    );
}

fn framework_problems(setup: impl FnOnce(&Path)) -> Vec<(String, ErrorCode)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join(scr_desk::FRAMEWORKS_FOLDER);
    std::fs::create_dir_all(&folder).expect("folder");
    setup(&folder);
    let mut registry = FrameworkRegistry::with_builtins();
    scr_desk::load_board_frameworks(&mut registry, dir.path())
        .into_iter()
        .map(|problem| (problem.file, problem.code))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_fifo_framework_file_is_refused_without_hanging_start_up() {
    let problems = framework_problems(|folder| {
        let made = std::process::Command::new("mkfifo")
            .arg(folder.join("pipe.toml"))
            .status()
            .expect("mkfifo");
        assert!(made.success());
    });
    assert_eq!(
        problems,
        vec![("pipe.toml".to_owned(), ErrorCode::FileNotRegular)]
    );
    assert_eq!(ErrorCode::FileNotRegular.as_str(), "file.not_regular");
}

#[cfg(unix)]
#[test]
fn a_framework_link_to_dev_zero_or_outside_the_folder_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    let elsewhere = outside.path().join("elsewhere.toml");
    std::fs::write(&elsewhere, "not read").expect("write");
    let problems = framework_problems(|folder| {
        std::os::unix::fs::symlink("/dev/zero", folder.join("zero.toml")).expect("link");
        std::os::unix::fs::symlink(&elsewhere, folder.join("outside.toml")).expect("link");
        std::fs::create_dir(folder.join("folder.toml")).expect("a folder named like a file");
    });
    assert_eq!(
        problems,
        vec![
            ("folder.toml".to_owned(), ErrorCode::FileNotRegular),
            ("outside.toml".to_owned(), ErrorCode::FileOutsideFolder),
            ("zero.toml".to_owned(), ErrorCode::FileOutsideFolder),
        ]
    );
}

#[test]
fn an_oversized_framework_file_is_refused_and_a_link_inside_the_folder_is_followed() {
    let problems = framework_problems(|folder| {
        let big = vec![b'#'; scr_desk::MAX_FRAMEWORK_FILE_BYTES as usize + 1];
        std::fs::write(folder.join("big.toml"), big).expect("write");
        let own = include_str!("../../domain/frameworks/wt2015-scr.toml").replacen(
            "id = \"wt2015-scr\"",
            "id = \"westmoor-local\"",
            1,
        );
        std::fs::write(folder.join("real.toml.txt"), own).expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(folder.join("real.toml.txt"), folder.join("linked.toml")).expect("link");
    });
    assert_eq!(problems, vec![("big.toml".to_owned(), ErrorCode::FileTooLarge)]);
}

#[test]
fn a_letter_larger_than_any_letter_is_refused_with_its_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = vec![b' '; scr_desk::MAX_LETTER_BYTES + 1];
    let error = scr_desk::verify_letter_with_certificates(&big, b"").expect_err("refused");
    assert_eq!(error.code(), ErrorCode::LetterTooLarge);
    // Through a file named on the command line, the size is known before reading.
    let path = dir.path().join("big.pdf");
    std::fs::write(&path, &big).expect("write");
    let error = scr_desk::read_input_file(&path, scr_desk::MAX_LETTER_BYTES as u64).expect_err("refused");
    assert_eq!(error.code(), ErrorCode::FileTooLarge);
    #[cfg(unix)]
    {
        let error = scr_desk::read_input_file(Path::new("/dev/zero"), 10).expect_err("refused");
        assert_eq!(error.code(), ErrorCode::FileNotRegular);
    }
}

fn corpus(name: &str) -> std::path::PathBuf {
    Path::new(&package_dir()).join("tests/corpus").join(name)
}

fn roster_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Name", "Email address", "Agency"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, header).expect("header");
    }
    for (column, cell) in ["Jane Smith", "jane@anytown.example", "Anytown Council"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, cell).expect("cell");
    }
    workbook.save_to_buffer().expect("xlsx")
}

/// The code the roster's import gets when the first `find` in one of its parts is replaced.
fn code_with_edit(part: &str, find: &str, replacement: &str) -> ErrorCode {
    let bytes = rewrite_part(&roster_xlsx(), part, |xml| xml.replacen(find, replacement, 1));
    import_code("edited.xlsx", &bytes)
}

/// The workbook with one part's XML changed by `edit`, zipped again.
fn rewrite_part(xlsx: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).expect("part");
        let part_name = part.name().expect("name").into_owned();
        let mut content = String::new();
        part.read_to_string(&mut content).expect("xml");
        if part_name == name {
            content = edit(&content);
            found = true;
        }
        writer.start_file(part_name, options).expect("start");
        writer.write_all(content.as_bytes()).expect("write");
    }
    assert!(found, "{name} is in the workbook");
    writer.finish().expect("zip").into_inner()
}

/// The package's folder as cargo gives it when it runs the test, not as it was when this was
/// compiled: a test built in another checkout may be reused from a shared target folder.
fn package_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned())
}
