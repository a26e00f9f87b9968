//! Checks of an `.xlsx` before calamine opens it: calamine inflates parts as it reads them,
//! keeps every shared string in memory (reserving room for the count the file announces), and
//! computes cell references in 32 bits without checks. Each of those is bounded here first.

use std::io::{Cursor, Read};

use super::{damaged, Unreadable, MAX_CELLS};

/// An `.xlsx` is a zip of XML parts. Parts are decompressed only to these sizes, checked before
/// the workbook is opened, because calamine inflates parts as it reads them and keeps every
/// shared string in memory: a small zip can inflate to gigabytes.
const MAX_XLSX_PARTS: usize = 1_000;
const MAX_XLSX_PART_BYTES: u64 = 64 * 1024 * 1024;
const MAX_XLSX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// Inflates every part of the workbook once, refusing before calamine opens it when a part or
/// the whole is larger than any register's, or when the shared strings announce more strings
/// than a register has (calamine reserves room for the announced count up front).
pub(super) fn check_xlsx_parts(bytes: &[u8]) -> Result<(), Unreadable> {
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
    walk_opening_tags(xml, |tag| {
        for attribute in tag.attributes().with_checks(false).flatten() {
            let name = attribute.key.local_name();
            let is_reference = (name.as_ref() == "r" || name.as_ref() == "ref")
                && attribute.key.as_namespace_binding().is_none(); // not xmlns:r="…"
            if is_reference && !is_excel_reference(attribute.value.as_ref()) {
                return Err(damaged(format!(
                    "the workbook has a cell reference “{}” beyond the last cell of a sheet (XFD1048576)",
                    attribute.value.chars().take(40).collect::<String>()
                )));
            }
        }
        Ok(Walk::On)
    })
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

/// Whether a walk through a part's tags goes on.
#[derive(PartialEq)]
enum Walk {
    On,
    Done,
}

/// Calls `check` on each opening tag of `xml` until it refuses, says it is done, or the part
/// ends. The part is read as calamine 0.38 reads it (the settings of `xml_reader` in its xlsx
/// module: closing tags are not matched to opening ones), so that a check meets the tags calamine
/// meets; where the XML breaks down, calamine stops too and reports the part damaged itself.
fn walk_opening_tags(
    xml: &[u8],
    mut check: impl FnMut(&quick_xml::events::BytesStart<'_>) -> Result<Walk, Unreadable>,
) -> Result<(), Unreadable> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag)) => {
                if check(&tag)? == Walk::Done {
                    return Ok(());
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// The `uniqueCount` that `<sst>` announces must not exceed the cells a register has. The tag's
/// attributes must be well-formed: calamine reads them with its own lenient scanner, which finds
/// names inside a damaged tag that an XML reader does not (found by the fuzzing:
/// `<sst xmlns="uniqueCount="4294967295" uniqueCount="4294967295" …>` passed this check, and
/// calamine asked for room for 4,294,967,295 strings and the process aborted). On well-formed
/// attributes both read the same names and values.
fn check_shared_strings(xml: &[u8]) -> Result<(), Unreadable> {
    walk_opening_tags(xml, |tag| {
        if tag.local_name().as_ref() != "sst" {
            return Ok(Walk::On);
        }
        for attribute in tag.attributes() {
            let attribute = attribute.map_err(|error| {
                damaged(format!(
                    "the .xlsx workbook is damaged: the list of its texts (sharedStrings.xml) opens with a broken tag ({error})"
                ))
            })?;
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
        Ok(Walk::Done)
    })
}
