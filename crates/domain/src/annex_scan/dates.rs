//! Dates as UK writers write them, found in normalised words: "9 June 2014", "9th of June 2014",
//! "the ninth of June 2014", "June 9, 2014", "9 Jun 14", "09/06/2014", "9.6.14", "2014-06-09",
//! "09062014", "20140609", and month first "06/09/2014" (ambiguous, but blocking is safer).

use chrono::{Datelike, NaiveDate};

use super::normalise::Word;

const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb", "febr"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

const ORDINALS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

pub(crate) fn month_number(word: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|names| names.contains(&word))?;
    u32::try_from(index + 1).ok()
}

/// Whether `date` is written anywhere in `text`.
pub(crate) fn contains_date(text: &[Word], date: NaiveDate) -> bool {
    let (day, month, year) = (date.day(), date.month(), date.year());
    let at = |i: usize| text.get(i).map(|w| w.text.as_str());
    let year_at = |i: usize| at(i).is_some_and(|w| year_matches(w, year, true));
    let named_month_at = |i: usize| at(i).and_then(month_number) == Some(month);
    // Small words a writer puts between the parts: "9th of June", "June the 9th".
    let skip = |mut i: usize, fillers: &[&str]| {
        while at(i).is_some_and(|w| fillers.contains(&w)) {
            i += 1;
        }
        i
    };
    (0..text.len()).any(|i| {
        let word = text[i].text.as_str();
        // 9 June 2014, 9th of June 14, the ninth of June 2014
        let day_first = day_at(text, i).is_some_and(|(d, next)| {
            let m = skip(next, &["of"]);
            d == day && named_month_at(m) && year_at(skip(m + 1, &["of"]))
        });
        // June 9, 2014; June the 9th 2014
        let month_first = named_month_at(i)
            && day_at(text, skip(i + 1, &["the"]))
                .is_some_and(|(d, next)| d == day && year_at(skip(next, &["of"])));
        // 2014 June 9, 2014-Jun-09
        let year_named = year_matches(word, year, false)
            && named_month_at(i + 1)
            && day_at(text, i + 2).is_some_and(|(d, _)| d == day);
        // 09/06/2014, 9.6.14, 06/09/2014 (month first), 2014-06-09
        let numeric = match (at(i).and_then(number), at(i + 1).and_then(number)) {
            (Some(a), Some(b)) => ((a, b) == (day, month) || (a, b) == (month, day)) && year_at(i + 2),
            _ => false,
        };
        let iso = year_matches(word, year, false)
            && at(i + 1).and_then(number) == Some(month)
            && at(i + 2).and_then(number) == Some(day);
        day_first || month_first || year_named || numeric || iso || compact(word, date)
    })
}

/// 09062014, 06092014 (month first), 20140609, 090614.
fn compact(word: &str, date: NaiveDate) -> bool {
    if !word.chars().all(|c| c.is_ascii_digit()) || !matches!(word.len(), 6 | 8) {
        return false;
    }
    let (d, m, y) = (date.day(), date.month(), date.year());
    let short = y.rem_euclid(100);
    [
        format!("{d:02}{m:02}{y:04}"),
        format!("{m:02}{d:02}{y:04}"),
        format!("{y:04}{m:02}{d:02}"),
        format!("{d:02}{m:02}{short:02}"),
        format!("{m:02}{d:02}{short:02}"),
    ]
    .iter()
    .any(|form| form == word)
}

/// A day of the month at word `i`: "9", "09", "9th", "ninth", "twenty first", "twenty-first";
/// with the index of the word after it.
fn day_at(text: &[Word], i: usize) -> Option<(u32, usize)> {
    let word = text.get(i)?.text.as_str();
    if let Some(d) = numeric_day(word) {
        return Some((d, i + 1));
    }
    if let Some(d) = ordinal_word(word) {
        return Some((d, i + 1));
    }
    let tens = match word {
        "twenty" => 20,
        "thirty" => 30,
        _ => {
            let tens = ["twenty", "thirty"].iter().zip([20, 30]).find_map(|(t, n)| {
                let unit = word.strip_prefix(t)?;
                Some(n + ordinal_word(unit).filter(|u| *u < 10)?)
            });
            return tens.map(|d| (d, i + 1));
        }
    };
    let unit = text
        .get(i + 1)
        .and_then(|w| ordinal_word(&w.text))
        .filter(|u| *u < 10)?;
    Some((tens + unit, i + 2))
}

fn ordinal_word(word: &str) -> Option<u32> {
    match word {
        "twentieth" => Some(20),
        "thirtieth" => Some(30),
        _ => {
            let index = ORDINALS.iter().position(|o| *o == word)?;
            u32::try_from(index + 1).ok()
        }
    }
}

/// "9", "09", "9th", "1st", "22nd", "3rd".
fn numeric_day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    number(digits)
}

/// A number of one or two digits.
fn number(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 2 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

fn year_matches(word: &str, year: i32, allow_two_digits: bool) -> bool {
    if !word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    match word.len() {
        4 => word.parse::<i32>().ok() == Some(year),
        2 if allow_two_digits => word.parse::<i32>().ok() == Some(year.rem_euclid(100)),
        _ => false,
    }
}
