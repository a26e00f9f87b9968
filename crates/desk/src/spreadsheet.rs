//! Spreadsheet files in and out: the bytes only. What the rows mean is decided in
//! `scr_domain::register::import`, which never sees a file format.
//!
//! CSV is read as Excel writes it: UTF-8 with or without a byte-order mark, UTF-16 with one
//! ("Unicode text"), or else Windows-1252; separated by commas, semicolons or tabs (whichever
//! the header line uses most); quoted cells may hold separators and line breaks. Each row keeps
//! the physical line it starts on, so problems can be reported where the person will look.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use scr_domain::register::dates::{from_excel_serial, long_date};
use scr_domain::register::import::{Table, TableRow};
use scr_domain::register::RegisterEntry;

/// The largest file we read: a register is a few hundred rows; this leaves ample room.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// Rows read from a file. A board has tens of members, and a register kept for years a few
/// hundred rows; a file with more is not a register.
pub const MAX_ROWS: usize = 10_000;
/// Columns read: a register has about a dozen.
pub const MAX_COLUMNS: usize = 100;
/// Cells read in all: each becomes a string in memory, so the product of the two limits above
/// is not allowed at once.
pub const MAX_CELLS: usize = 200_000;
/// The longest CSV record (a quoted cell may span lines): notes run to a few paragraphs.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// An `.xlsx` is a zip of XML parts. Parts are decompressed only to these sizes, checked before
/// the workbook is opened, because calamine inflates parts as it reads them and keeps every
/// shared string in memory: a small zip can inflate to gigabytes.
const MAX_XLSX_PARTS: usize = 1_000;
const MAX_XLSX_PART_BYTES: u64 = 64 * 1024 * 1024;
const MAX_XLSX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// Why a file could not be read at all (as opposed to rows with problems).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Not a spreadsheet we can read, or damaged.
    #[error("{0}")]
    Damaged(String),
    /// Larger, in bytes, than any register.
    #[error("{0}")]
    TooLarge(String),
    /// More rows, columns or cells than any register.
    #[error("{0}")]
    TooManyCells(String),
}

impl From<Unreadable> for crate::DeskError {
    fn from(error: Unreadable) -> Self {
        match error {
            Unreadable::Damaged(message) => crate::DeskError::ImportUnreadable(message),
            Unreadable::TooLarge(message) => crate::DeskError::ImportTooLarge(message),
            Unreadable::TooManyCells(message) => crate::DeskError::ImportTooManyCells(message),
        }
    }
}

fn damaged(message: impl Into<String>) -> Unreadable {
    Unreadable::Damaged(message.into())
}

/// A file read into a table, and how it was read, in words for the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadTable {
    pub table: Table,
    pub format: String,
}

pub fn read(file_name: &str, bytes: &[u8]) -> Result<ReadTable, Unreadable> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Unreadable::TooLarge(format!(
            "the file is {} MB; a register file should be well under {} MB",
            bytes.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let lower = file_name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") {
        return read_xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || lower.ends_with(".xls") {
        return Err(damaged(
            "this is an old-style Excel workbook (.xls): save it as .xlsx or CSV and choose that file",
        ));
    }
    read_csv(bytes)
}

/// Counts the cells of a table as it is read, refusing past the limits.
struct CellCount {
    rows: usize,
    cells: usize,
}

impl CellCount {
    fn row(&mut self, line: usize, columns: usize) -> Result<(), Unreadable> {
        self.rows += 1;
        self.cells = self.cells.saturating_add(columns);
        if self.rows > MAX_ROWS {
            return Err(Unreadable::TooManyCells(format!(
                "the file has more than {MAX_ROWS} rows; a board register has far fewer"
            )));
        }
        if columns > MAX_COLUMNS {
            return Err(Unreadable::TooManyCells(format!(
                "line {line} has {columns} columns; a board register has far fewer than {MAX_COLUMNS}"
            )));
        }
        if self.cells > MAX_CELLS {
            return Err(Unreadable::TooManyCells(format!(
                "the file has more than {MAX_CELLS} cells; a board register has far fewer"
            )));
        }
        Ok(())
    }
}

fn read_csv(bytes: &[u8]) -> Result<ReadTable, Unreadable> {
    let (text, encoding) = decode(bytes)?;
    if text.contains('\0') {
        return Err(damaged(
            "this does not look like a CSV or .xlsx file (it holds binary data)",
        ));
    }
    let (delimiter, delimiter_name) = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The csv crate's own line numbers lag by one after a CRLF (it counts the LF as part of the
    // next record), so lines are counted here from each record's byte offset.
    let mut lines = LineCounter::new(text.as_bytes());
    let mut count = CellCount { rows: 0, cells: 0 };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, |p| lines.line_at(p.byte()));
            damaged(format!("the CSV cannot be read at line {line}: {error}"))
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.as_slice().len() > MAX_RECORD_BYTES {
            return Err(Unreadable::TooLarge(format!(
                "line {line} is longer than {} KB; a register's rows are far shorter",
                MAX_RECORD_BYTES / 1024
            )));
        }
        count.row(line, record.len())?;
        rows.push(TableRow {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(ReadTable {
        table: Table { rows },
        format: format!("CSV ({encoding}, separated by {delimiter_name})"),
    })
}

/// Line numbers of byte offsets, for offsets asked in increasing order (as records come):
/// counting from where the last answer left off keeps the whole file's count linear.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: u64) -> usize {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            (self.at, self.line) = (0, 1);
        }
        let passed = &self.bytes[self.at..start];
        self.line += passed.iter().filter(|&&b| b == b'\n').count();
        self.at = start;
        self.line
    }
}

/// Valid UTF-8 is UTF-8 (a BOM is dropped); UTF-16 needs its BOM; anything else is taken as
/// Windows-1252, which is what Excel's "CSV" means on an English Windows machine.
fn decode(bytes: &[u8]) -> Result<(String, &'static str), Unreadable> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|text| (text.to_owned(), "UTF-8 with a byte-order mark"))
            .map_err(|_| damaged("the file says it is UTF-8 but is not"));
    }
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(damaged("the file says it is UTF-16 but is not"));
            }
            return Ok((text.into_owned(), name));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), "Windows-1252"))
}

/// The separator the header line uses most, outside quotes; commas when there is a tie.
fn detect_delimiter(text: &str) -> (u8, &'static str) {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let options = [(b',', "commas"), (b';', "semicolons"), (b'\t', "tabs")];
    let best = (0..3)
        .rev()
        .max_by_key(|&index| (counts[index], std::cmp::Reverse(index)))
        .unwrap_or(0);
    if counts[best] == 0 {
        options[0]
    } else {
        options[best]
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<ReadTable, Unreadable> {
    check_xlsx_parts(bytes)?;
    // calamine is third-party code parsing a hostile file: should it still panic on something
    // the checks above did not foresee, the file is refused instead of the app going down.
    std::panic::catch_unwind(|| read_checked_xlsx(bytes)).unwrap_or_else(|_| {
        Err(damaged(
            "the .xlsx workbook is damaged (its reader stopped on it)",
        ))
    })
}

fn read_checked_xlsx(bytes: &[u8]) -> Result<ReadTable, Unreadable> {
    let mut workbook = Xlsx::new(Cursor::new(bytes))
        .map_err(|error| damaged(format!("the .xlsx workbook cannot be opened: {error}")))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| damaged("the workbook has no sheets"))?;
    let unreadable =
        |error: calamine::XlsxError| damaged(format!("the sheet “{sheet}” cannot be read: {error}"));
    // Cells are streamed and counted, never laid out as calamine's dense range: a sheet with
    // cells at A1 and XFD1048576 would make that range 17 billion cells.
    let mut reader = workbook.worksheet_cells_reader(&sheet).map_err(unreadable)?;
    let mut by_row: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        cells += 1;
        let too_many = |what: String| Err(Unreadable::TooManyCells(what));
        if cells > MAX_CELLS {
            return too_many(format!(
                "the sheet has more than {MAX_CELLS} cells; a board register has far fewer"
            ));
        }
        if usize::try_from(row).map_or(true, |row| row >= MAX_ROWS) {
            return too_many(format!(
                "the sheet has a cell in row {}; a board register has far fewer than {MAX_ROWS} rows",
                u64::from(row) + 1
            ));
        }
        if usize::try_from(column).map_or(true, |column| column >= MAX_COLUMNS) {
            return too_many(format!(
                "the sheet has a cell in column {}; a board register has far fewer than {MAX_COLUMNS} columns",
                u64::from(column) + 1
            ));
        }
        by_row.entry(row).or_default().insert(column, text);
    }
    // Cells keep their columns (A is 0), so blank leading columns stay blank, as in Excel.
    let rows = by_row
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.keys().next_back().map_or(0, |last| *last as usize + 1);
            let mut line = vec![String::new(); width];
            for (column, text) in cells {
                line[column as usize] = text;
            }
            // Spreadsheet rows are numbered from 1, as the person sees them in Excel.
            TableRow {
                line: row as usize + 1,
                cells: line,
            }
        })
        .collect();
    Ok(ReadTable {
        table: Table { rows },
        format: format!("Excel workbook (.xlsx), sheet “{sheet}”"),
    })
}

/// Inflates every part of the workbook once, refusing before calamine opens it when a part or
/// the whole is larger than any register's, or when the shared strings announce more strings
/// than a register has (calamine reserves room for the announced count up front).
fn check_xlsx_parts(bytes: &[u8]) -> Result<(), Unreadable> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| damaged(format!("the .xlsx workbook cannot be opened: {error}")))?;
    if zip.len() > MAX_XLSX_PARTS {
        return Err(Unreadable::TooLarge(format!(
            "the workbook has {} parts; a register's has about ten",
            zip.len()
        )));
    }
    let too_large = || {
        Unreadable::TooLarge(format!(
            "the workbook's contents unpack to more than {} MB; a register's are far smaller",
            MAX_XLSX_TOTAL_BYTES >> 20
        ))
    };
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut part = zip
            .by_index(index)
            .map_err(|error| damaged(format!("the .xlsx workbook is damaged: {error}")))?;
        let is_shared_strings = part
            .name()
            .is_ok_and(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let mut content = Vec::new();
        let limit = MAX_XLSX_PART_BYTES.min(MAX_XLSX_TOTAL_BYTES - total);
        (&mut part)
            .take(limit + 1)
            .read_to_end(&mut content)
            .map_err(|error| damaged(format!("the .xlsx workbook is damaged: {error}")))?;
        let read = content.len() as u64;
        if read > limit {
            return Err(too_large());
        }
        total += read;
        if is_shared_strings {
            check_shared_strings(&content)?;
        }
        check_cell_references(&content)?;
    }
    Ok(())
}

/// The longest cell reference Excel writes: XFD1048576 (three letters, seven digits).
const MAX_REFERENCE_LETTERS: usize = 3;
const MAX_REFERENCE_DIGITS: usize = 7;

/// Every `r` and `ref` attribute (cells, rows, dimensions, merged cells, tables) must be a
/// reference Excel could write: calamine 0.38 computes longer ones in 32 bits and overflows
/// (`F9223372036854775807` panicked in a debug build and wrapped to another cell in a release
/// one). Read with calamine's own reader settings, so both see the same attributes.
fn check_cell_references(xml: &[u8]) -> Result<(), Unreadable> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(_) => return Ok(()), // not XML, or damaged: calamine stops at the same place
        };
        match event {
            quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag) => {
                for attribute in tag.attributes().with_checks(false).flatten() {
                    let name = attribute.key.local_name();
                    let is_reference = (name.as_ref() == "r" || name.as_ref() == "ref")
                        && attribute.key.as_namespace_binding().is_none(); // not xmlns:r="…"
                    if !is_reference {
                        continue;
                    }
                    if !is_excel_reference(attribute.value.as_ref()) {
                        return Err(damaged(format!(
                            "the workbook has a cell reference “{}” beyond the last cell of a sheet (XFD1048576)",
                            attribute.value.chars().take(40).collect::<String>()
                        )));
                    }
                }
            }
            quick_xml::events::Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Whether each part of `A1`, `$A$1` or `A1:B2` has at most three letters and seven digits,
/// and a range does not end before it starts (calamine subtracts the start from the end:
/// `A65535:L6`, found by the fuzzing, underflowed). Anything else that is not a reference at
/// all calamine refuses by itself.
fn is_excel_reference(value: &str) -> bool {
    let parts: Vec<String> = value.split(':').map(|part| part.replace('$', "")).collect();
    let short = parts.iter().all(|part| {
        let letters = part.chars().take_while(char::is_ascii_alphabetic).count();
        let digits = part
            .chars()
            .skip(letters)
            .take_while(char::is_ascii_digit)
            .count();
        letters <= MAX_REFERENCE_LETTERS && digits <= MAX_REFERENCE_DIGITS
    });
    if !short {
        return false;
    }
    match parts.as_slice() {
        [start, end] => match (cell_position(start), cell_position(end)) {
            (Some((row1, column1)), Some((row2, column2))) => row2 >= row1 && column2 >= column1,
            _ => true,
        },
        _ => true,
    }
}

/// (row, column) of a short reference such as `B7`, as calamine reads it; `None` when it is not
/// letters then digits.
fn cell_position(reference: &str) -> Option<(u32, u32)> {
    let letters = reference.chars().take_while(char::is_ascii_alphabetic).count();
    let (column_text, row_text) = reference.split_at(letters);
    if row_text.is_empty() || !row_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = column_text
        .bytes()
        .map(|b| u32::from(b.to_ascii_uppercase() - b'A') + 1)
        .fold(0u32, |column, digit| column * 26 + digit);
    Some((row_text.parse().ok()?, column))
}

/// The `uniqueCount` that `<sst>` announces must not exceed the cells a register has.
fn check_shared_strings(xml: &[u8]) -> Result<(), Unreadable> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(_) => return Ok(()), // calamine reports a damaged part itself
        };
        match event {
            quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag)
                if tag.local_name().as_ref() == "sst" =>
            {
                for attribute in tag.attributes().flatten() {
                    if attribute.key.local_name().as_ref() != "uniqueCount" {
                        continue;
                    }
                    let announced = attribute.value.trim().parse::<u128>().ok();
                    if announced.is_some_and(|n| n > MAX_CELLS as u128) {
                        return Err(Unreadable::TooManyCells(format!(
                            "the workbook announces more than {MAX_CELLS} different texts; a board register has far fewer"
                        )));
                    }
                }
                return Ok(());
            }
            quick_xml::events::Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 => format!("{number:.0}"),
        Data::Float(number) => number.to_string(),
        Data::Int(number) => number.to_string(),
        Data::Bool(true) => "yes".to_owned(),
        Data::Bool(false) => "no".to_owned(),
        Data::DateTime(when) => from_excel_serial(when.as_f64())
            .map(|date| date.to_string())
            .unwrap_or_else(|| when.to_string()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.chars().take(10).collect(),
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// The columns of an exported register, in order; the import recognises every one of them.
pub const EXPORT_HEADERS: [&str; 11] = [
    "Name",
    "Role",
    "Agency",
    "Email address",
    "Phone",
    "Term start",
    "Term end",
    "Voting or advisory",
    "Receives decision letters",
    "Preferred channel",
    "Notes",
];

fn export_cells(entry: &RegisterEntry) -> [String; 11] {
    let d = &entry.details;
    [
        d.name.clone(),
        d.role.clone(),
        d.agency.clone(),
        d.email.clone(),
        d.phone.clone().unwrap_or_default(),
        d.term_start.format("%d/%m/%Y").to_string(),
        d.term_end
            .map(|end| end.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        d.voting.label().to_owned(),
        if d.receives_letters { "Yes" } else { "No" }.to_owned(),
        d.channel.label().to_owned(),
        d.notes.clone(),
    ]
}

/// CSV for Excel: UTF-8 with a byte-order mark (so Excel reads "Siobhán" right), commas,
/// CRLF line ends. Cells that start like a formula are prefixed with an apostrophe so a
/// spreadsheet does not run them.
pub fn write_csv(entries: &[RegisterEntry]) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(EXPORT_HEADERS).map_err(|e| e.to_string())?;
    for entry in entries {
        writer
            .write_record(export_cells(entry).iter().map(|cell| defuse_formula(cell)))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// An `.xlsx` workbook with one sheet, a bold header row and sensible column widths.
pub fn write_xlsx(entries: &[RegisterEntry], title: &str) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Register").map_err(|e| e.to_string())?;
    for (column, header) in (0u16..).zip(EXPORT_HEADERS) {
        sheet
            .write_string_with_format(0, column, header, &bold)
            .map_err(|e| e.to_string())?;
        let width = match column {
            0 | 3 => 30.0,
            1 | 2 => 36.0,
            10 => 40.0,
            _ => 14.0,
        };
        sheet.set_column_width(column, width).map_err(|e| e.to_string())?;
    }
    for (row, entry) in (1u32..).zip(entries) {
        for (column, cell) in (0u16..).zip(export_cells(entry)) {
            sheet.write_string(row, column, cell).map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title));
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

/// "Board register as at 1 April 2025", for file titles.
pub fn export_title(board: &str, at: chrono::NaiveDate) -> String {
    format!("{board}: register as at {}", long_date(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_decides_the_separator() {
        assert_eq!(detect_delimiter("Name;Email;Agency\na,b;c").0, b';');
        assert_eq!(detect_delimiter("Name\tEmail\n").0, b'\t');
        assert_eq!(detect_delimiter("\"Name; full\",Email,Agency\n").0, b',');
        assert_eq!(detect_delimiter("Name\n").0, b',');
    }

    #[test]
    fn invalid_utf8_is_windows_1252() {
        let (text, encoding) = decode(b"Zo\xEB").expect("decode");
        assert_eq!((text.as_str(), encoding), ("Zoë", "Windows-1252"));
        let (text, encoding) = decode("Zoë".as_bytes()).expect("decode");
        assert_eq!((text.as_str(), encoding), ("Zoë", "UTF-8"));
    }

    #[test]
    fn formulas_are_defused_on_export() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("Jo"), "Jo");
    }
}
