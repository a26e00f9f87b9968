//! Finds restricted-annex details in text meant for the board, without ever returning them.
//!
//! Matching is case-insensitive and works on whole words: text and terms are split into words
//! (runs of letters and digits), so "Smith-Jones", "smith jones" and "SMITH JONES" all match a
//! surname "Smith-Jones", and "Ann" never matches inside "Annual". Dates of birth are found in
//! the common written forms (3 March 2015, 3rd Mar 2015, March 3, 2015, 03/03/2015, 3.3.15,
//! 2015-03-03). Limits, by design: the town of the address is not searched for (the board's
//! own area is often the town); one-letter names are not searched for; a name that is also a
//! month ("May", "June") is not matched next to a number, so "3 May 2026" is not a leak; accents
//! must match as written.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::RestrictedAnnex;

/// The kind of identifying detail found, never its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestrictedDetail {
    ChildFullName,
    ChildGivenName,
    ChildFamilyName,
    ChildOtherName,
    ChildDateOfBirth,
    AddressLine,
    Postcode,
    FamilyMemberName,
    FamilyMemberDateOfBirth,
}

impl RestrictedDetail {
    /// How the detail is named to the chair, e.g. "the child's surname".
    pub fn description(self) -> &'static str {
        match self {
            RestrictedDetail::ChildFullName => "the child's full name",
            RestrictedDetail::ChildGivenName => "the child's first name",
            RestrictedDetail::ChildFamilyName => "the child's surname",
            RestrictedDetail::ChildOtherName => "another name the child is known by",
            RestrictedDetail::ChildDateOfBirth => "the child's date of birth",
            RestrictedDetail::AddressLine => "part of the child's address",
            RestrictedDetail::Postcode => "the child's postcode",
            RestrictedDetail::FamilyMemberName => "a family member's name",
            RestrictedDetail::FamilyMemberDateOfBirth => "a family member's date of birth",
        }
    }
}

const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
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

/// The annex, prepared for searching: each term as its lower-case words.
#[derive(Debug, Clone, Default)]
pub struct AnnexScanner {
    names: Vec<(RestrictedDetail, Vec<String>)>,
    dates: Vec<(RestrictedDetail, NaiveDate)>,
    postcodes: Vec<String>,
}

impl AnnexScanner {
    pub fn new(annex: &RestrictedAnnex) -> AnnexScanner {
        let mut scanner = AnnexScanner::default();
        let given: Vec<String> = annex.child_given_names.as_deref().map(words).unwrap_or_default();
        let family: Vec<String> = annex.child_family_name.as_deref().map(words).unwrap_or_default();
        if !given.is_empty() && !family.is_empty() {
            scanner.add(
                RestrictedDetail::ChildFullName,
                given.iter().chain(&family).cloned().collect(),
            );
        }
        for name in &given {
            scanner.add(RestrictedDetail::ChildGivenName, vec![name.clone()]);
        }
        scanner.add_name(RestrictedDetail::ChildFamilyName, &family);
        for other in &annex.child_other_names {
            scanner.add_name(RestrictedDetail::ChildOtherName, &words(other));
        }
        if let Some(dob) = annex.date_of_birth {
            scanner.dates.push((RestrictedDetail::ChildDateOfBirth, dob));
        }
        if let Some(address) = &annex.address {
            for line in &address.lines {
                let line = words(line);
                // A bare house number says nothing on its own.
                if line.iter().any(|w| !w.chars().all(|c| c.is_ascii_digit())) {
                    scanner.add(RestrictedDetail::AddressLine, line.clone());
                }
                // The street without its house number ("Mill Lane" from "7 Mill Lane") names the
                // place as well; one word alone ("Broadway") is too common to flag.
                let street: Vec<String> = line
                    .iter()
                    .skip_while(|w| w.chars().any(|c| c.is_ascii_digit()))
                    .cloned()
                    .collect();
                if street.len() >= 2 && street.len() < line.len() {
                    scanner.add(RestrictedDetail::AddressLine, street);
                }
            }
            if let Some(postcode) = &address.postcode {
                let compact: String = words(postcode).concat();
                if compact.len() >= 5 {
                    scanner.postcodes.push(compact);
                }
            }
        }
        for member in &annex.family_members {
            if let Some(name) = &member.name {
                scanner.add_name(RestrictedDetail::FamilyMemberName, &words(name));
            }
            if let Some(dob) = member.date_of_birth {
                scanner
                    .dates
                    .push((RestrictedDetail::FamilyMemberDateOfBirth, dob));
            }
        }
        scanner
    }

    /// A name as a whole, and each of its words on its own.
    fn add_name(&mut self, kind: RestrictedDetail, name: &[String]) {
        if name.len() > 1 {
            self.add(kind, name.to_vec());
        }
        for word in name {
            self.add(kind, vec![word.clone()]);
        }
    }

    fn add(&mut self, kind: RestrictedDetail, term: Vec<String>) {
        let long_enough = term.len() > 1 || term.first().is_some_and(|w| w.chars().count() >= 2);
        if long_enough && !self.names.iter().any(|(k, t)| *k == kind && *t == term) {
            self.names.push((kind, term));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.dates.is_empty() && self.postcodes.is_empty()
    }

    /// The kinds of restricted detail found in `text`, in a stable order.
    pub fn find(&self, text: &str) -> BTreeSet<RestrictedDetail> {
        let mut found = BTreeSet::new();
        if self.is_empty() {
            return found;
        }
        let tokens = words(text);
        for (kind, term) in &self.names {
            if contains_term(&tokens, term) {
                found.insert(*kind);
            }
        }
        for (kind, date) in &self.dates {
            if contains_date(&tokens, *date) {
                found.insert(*kind);
            }
        }
        for postcode in &self.postcodes {
            let hit = tokens.iter().any(|t| t == postcode)
                || tokens.windows(2).any(|pair| pair.concat() == *postcode);
            if hit {
                found.insert(RestrictedDetail::Postcode);
            }
        }
        found
    }
}

/// The kinds of restricted detail from `annex` found in `text`.
pub fn find_restricted_details(annex: &RestrictedAnnex, text: &str) -> BTreeSet<RestrictedDetail> {
    AnnexScanner::new(annex).find(text)
}

/// Lower-case words: maximal runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|names| names.contains(&word))
}

fn is_number_like(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn contains_term(tokens: &[String], term: &[String]) -> bool {
    if term.is_empty() || tokens.len() < term.len() {
        return false;
    }
    let month_name = term.len() == 1 && is_month(&term[0]);
    (0..=tokens.len() - term.len()).any(|i| {
        if tokens[i..i + term.len()] != *term {
            return false;
        }
        if month_name {
            let before = i.checked_sub(1).map(|j| tokens[j].as_str());
            let after = tokens.get(i + 1).map(String::as_str);
            if before.is_some_and(is_number_like) || after.is_some_and(is_number_like) {
                return false;
            }
        }
        true
    })
}

/// A day or month number, allowing leading zeros and an ordinal suffix (3, 03, 3rd).
fn small_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
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

fn contains_date(tokens: &[String], date: NaiveDate) -> bool {
    let (day, month, year) = (date.day(), date.month(), date.year());
    let numeric_day = |w: &str| small_number(w) == Some(day);
    let numeric_month = |w: &str| w.chars().all(|c| c.is_ascii_digit()) && small_number(w) == Some(month);
    let named_month = |w: &str| month_number(w) == Some(month);
    tokens.windows(3).any(|w| {
        let (a, b, c) = (w[0].as_str(), w[1].as_str(), w[2].as_str());
        // 3 March 2015, 3rd Mar 2015
        (numeric_day(a) && named_month(b) && year_matches(c, year, false))
            // March 3, 2015
            || (named_month(a) && numeric_day(b) && year_matches(c, year, false))
            // 03/03/2015, 3.3.15, 03-03-2015
            || (numeric_day(a) && numeric_month(b) && year_matches(c, year, true))
            // 2015-03-03
            || (year_matches(a, year, false) && numeric_month(b) && numeric_day(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Address, FamilyMember};

    fn annex() -> RestrictedAnnex {
        RestrictedAnnex {
            child_given_names: Some("Jayden Lee".into()),
            child_family_name: Some("O'Brien-Smith".into()),
            child_other_names: vec!["JJ".into()],
            date_of_birth: NaiveDate::from_ymd_opt(2015, 3, 3),
            address: Some(Address {
                lines: vec!["12 Acacia Avenue".into(), "14".into()],
                town: Some("Anytown".into()),
                postcode: Some("AB1 2CD".into()),
            }),
            family_members: vec![
                FamilyMember {
                    name: Some("Kerry Watson".into()),
                    relationship: Some("mother".into()),
                    date_of_birth: NaiveDate::from_ymd_opt(1990, 11, 20),
                    notes: None,
                },
                FamilyMember {
                    name: Some("May".into()),
                    relationship: Some("sister".into()),
                    ..FamilyMember::default()
                },
            ],
            notes: Some("Not searched".into()),
        }
    }

    fn found(text: &str) -> Vec<RestrictedDetail> {
        find_restricted_details(&annex(), text).into_iter().collect()
    }

    use RestrictedDetail::*;

    #[test]
    fn names_are_found_whole_or_in_part_case_insensitively() {
        assert_eq!(
            found("JAYDEN LEE O'BRIEN-SMITH was seen."),
            vec![ChildFullName, ChildGivenName, ChildFamilyName]
        );
        assert_eq!(found("jayden attended school"), vec![ChildGivenName]);
        assert_eq!(found("the O'Brien family"), vec![ChildFamilyName]);
        assert_eq!(found("obrien"), Vec::<RestrictedDetail>::new());
        assert_eq!(found("the Smith household"), vec![ChildFamilyName]);
        assert_eq!(found("known to friends as jj"), vec![ChildOtherName]);
        assert_eq!(found("Ms Watson and Kerry"), vec![FamilyMemberName]);
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(found("Jaydenson, Smithfield, Leeds, Kerryman").is_empty());
        assert!(found("the child, Child A, was at nursery").is_empty());
    }

    #[test]
    fn a_name_that_is_a_month_is_not_matched_in_a_date() {
        assert!(found("On 3 May 2026 the sub-group met; May 2026 was busy").is_empty());
        assert_eq!(found("her sister May was present"), vec![FamilyMemberName]);
    }

    #[test]
    fn dates_of_birth_in_common_forms() {
        for text in [
            "born 3 March 2015",
            "born 3rd March 2015",
            "born 03 Mar 2015",
            "born March 3, 2015",
            "born 03/03/2015",
            "born 3/3/15",
            "born 3.3.2015",
            "born 2015-03-03",
        ] {
            assert_eq!(found(text), vec![ChildDateOfBirth], "{text}");
        }
        for text in [
            "3 March 2016",
            "4 March 2015",
            "13/03/2015",
            "2015-03-13",
            "March 2015",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
        assert_eq!(found("mother born 20/11/1990"), vec![FamilyMemberDateOfBirth]);
    }

    #[test]
    fn addresses_and_postcodes_but_not_the_town() {
        assert_eq!(found("lived at 12 acacia avenue"), vec![AddressLine]);
        // The street alone names the place too; another street with the same first word does not.
        assert_eq!(found("the house on Acacia Avenue"), vec![AddressLine]);
        assert!(found("Acacia Road").is_empty());
        assert_eq!(found("postcode AB1 2CD"), vec![Postcode]);
        assert_eq!(found("postcode ab12cd"), vec![Postcode]);
        assert!(found("Anytown Safeguarding Children Board, room 14").is_empty());
    }

    #[test]
    fn an_empty_annex_finds_nothing() {
        assert!(find_restricted_details(&RestrictedAnnex::default(), "anything at all").is_empty());
    }
}
