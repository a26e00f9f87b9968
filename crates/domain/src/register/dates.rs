//! Dates as board managers write them in spreadsheets and forms: 01/04/2025 (day first, as in
//! England), 2025-04-01, 1 April 2025, 1 Apr 2025, 1-Apr-25.

use crate::DomainError;
use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a date; the error says, in words for a form, what was expected.
pub fn parse_date(text: &str) -> Result<NaiveDate, DomainError> {
    let text = text.trim();
    let unreadable = |reason: String| DomainError::DateUnreadable { reason };
    let expected = || {
        unreadable(format!(
            "“{text}” is not a date like 01/04/2025, 2025-04-01 or 1 April 2025"
        ))
    };
    let parts: Vec<&str> = text
        .split(|c: char| c == '/' || c == '-' || c == '.' || c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect();
    let [first, second, third] = parts.as_slice() else {
        return Err(expected());
    };
    let number = |part: &str| {
        part.parse::<u32>()
            .ok()
            .filter(|_| part.chars().all(|c| c.is_ascii_digit()))
    };
    let (year, month, day) = if first.len() == 4 {
        // ISO: year first.
        match (number(first), number(second), number(third)) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(expected()),
        }
    } else {
        let day = number(first).ok_or_else(expected)?;
        let month = number(second)
            .or_else(|| month_from_name(second))
            .ok_or_else(expected)?;
        let year = number(third).ok_or_else(expected)?;
        let year = match third.len() {
            2 => 2000 + year,
            4 => year,
            _ => return Err(expected()),
        };
        (year, month, day)
    };
    if !(1..=12).contains(&month) {
        return Err(unreadable(format!("“{text}” has no month {month}")));
    }
    let year = i32::try_from(year).map_err(|_| expected())?;
    if !(1900..=2200).contains(&year) {
        return Err(unreadable(format!(
            "“{text}”: the year must be between 1900 and 2200"
        )));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        unreadable(format!(
            "“{text}” is not a real date: that month has no day {day}"
        ))
    })
}

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| month.starts_with(&word) || (word.len() >= 3 && word == month[..3]))
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// "1 April 2025", as letters and messages write dates.
pub fn long_date(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    let mut month_name = month.to_owned();
    month_name[..1].make_ascii_uppercase();
    format!("{} {} {}", date.day(), month_name, date.year())
}

/// A date from a spreadsheet's date serial number (days since 30 December 1899, as Excel
/// counts on Windows), as `.xlsx` files store dates.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=200_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn reads_the_usual_ways_of_writing_a_date() {
        for text in [
            "01/04/2025",
            "1/4/2025",
            "2025-04-01",
            "1 April 2025",
            "1 Apr 2025",
            "01-Apr-25",
            "01.04.2025",
            " 1 april 2025 ",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2025, 4, 1)), "{text}");
        }
    }

    #[test]
    fn day_first_as_in_england() {
        assert_eq!(parse_date("03/02/2024"), Ok(ymd(2024, 2, 3)));
    }

    #[test]
    fn says_why_a_date_is_refused() {
        assert!(parse_date("31/02/2025")
            .unwrap_err()
            .to_string()
            .contains("no day 31"));
        assert!(parse_date("01/13/2025")
            .unwrap_err()
            .to_string()
            .contains("no month 13"));
        assert!(parse_date("next week")
            .unwrap_err()
            .to_string()
            .contains("not a date"));
        assert!(parse_date("1 Smarch 2025").is_err());
    }

    #[test]
    fn writes_long_dates() {
        assert_eq!(long_date(ymd(2025, 4, 1)), "1 April 2025");
    }

    #[test]
    fn reads_excel_serials() {
        assert_eq!(from_excel_serial(45748.0), Some(ymd(2025, 4, 1)));
        assert_eq!(from_excel_serial(-3.0), None);
    }
}
