//! Spreadsheet files in and out: the bytes only. What the rows mean is decided in
//! `scr_domain::register::import`, which never sees a file format.
//!
//! CSV is read as Excel writes it: UTF-8 with or without a byte-order mark, UTF-16 with one
//! ("Unicode text"), or else Windows-1252; separated by commas, semicolons or tabs (whichever
//! the header line uses most); quoted cells may hold separators and line breaks. Each row keeps
//! the physical line it starts on, so problems can be reported where the person will look.

mod xlsx_guard;

use std::collections::BTreeMap;
use std::io::Cursor;

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
    xlsx_guard::check_xlsx_parts(bytes)?;
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
pub fn write_csv(entries: &[RegisterEntry]) -> Result<Vec<u8>, crate::DeskError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(EXPORT_HEADERS).map_err(not_written)?;
    for entry in entries {
        writer
            .write_record(
                export_cells(entry)
                    .iter()
                    .map(|cell| scr_domain::text::spreadsheet_safe(cell)),
            )
            .map_err(not_written)?;
    }
    writer.into_inner().map_err(not_written)
}

/// An `.xlsx` workbook with one sheet, a bold header row and sensible column widths.
pub fn write_xlsx(entries: &[RegisterEntry], title: &str) -> Result<Vec<u8>, crate::DeskError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Register").map_err(not_written)?;
    for (column, header) in (0u16..).zip(EXPORT_HEADERS) {
        sheet
            .write_string_with_format(0, column, header, &bold)
            .map_err(not_written)?;
        let width = match column {
            0 | 3 => 30.0,
            1 | 2 => 36.0,
            10 => 40.0,
            _ => 14.0,
        };
        sheet.set_column_width(column, width).map_err(not_written)?;
    }
    for (row, entry) in (1u32..).zip(entries) {
        for (column, cell) in (0u16..).zip(export_cells(entry)) {
            sheet.write_string(row, column, cell).map_err(not_written)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(not_written)?;
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title));
    workbook.save_to_buffer().map_err(not_written)
}

/// "Board register as at 1 April 2025", for file titles.
pub fn export_title(board: &str, at: chrono::NaiveDate) -> String {
    format!("{board}: register as at {}", long_date(at))
}

fn not_written(error: impl std::fmt::Display) -> crate::DeskError {
    crate::DeskError::RegisterNotWritten(error.to_string())
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
}
