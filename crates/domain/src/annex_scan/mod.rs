//! Finds restricted-annex details in text meant for the board, without ever returning them.
//!
//! One scanner, [`AnnexScanner`], used for every board-facing text (the check-your-answers page,
//! the reason for an amendment, every letter before it is signed). The annex terms and the text
//! are compared as a reader sees them ([`normalise`]: NFKC, case folding, invisible characters
//! dropped, accents and Latin look-alikes folded), word by word:
//!
//! - names: whole, each word alone, the initial with the surname ("T. Blackwood"), plurals and
//!   possessives ("the Blackwoods", "Tyler's"), compound names with or without their hyphen,
//!   apostrophe or space ("O'Brien", "OBrien", "O Brien"); titles and small words are not
//!   searched ("Dr", "Mrs", "of": [`terms::name_words`]);
//! - addresses: each comma-separated part of a line with its number, its street of two words or
//!   more, street types abbreviated or not ("Mill Ln", "Mill Lane"); the postcode with any
//!   spacing, and its outward code ("AN1") next to the street or the town;
//! - dates of birth as UK writers write them ([`dates`]).
//!
//! Limits, by design: the town is not searched on its own (the board's own area is often the
//! town); one-letter names are not searched; a name that is also a month ("May", "June") is not
//! matched next to a number, so "3 May 2026" is not a leak. A chair may judge one term safe in
//! context for a case (an override): [`AnnexScanner::allowing`] leaves it out.

mod dates;
mod normalise;
mod terms;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case::RestrictedAnnex;
use normalise::{fold, words, Word};
use terms::{address_terms, key_of, name_terms, name_words, NameWord, Term};
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

/// One entry of the annex as the guard searches for it, for a chair deciding whether it is safe in
/// context. `label` is the annex's own wording: show it only where the annex may be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnexTerm {
    /// Stable for as long as the annex says the same: what an override names.
    pub key: String,
    /// As the annex writes it, e.g. "Blackwood".
    pub label: String,
    /// The kinds of detail it is (a surname may be the child's and the mother's).
    pub kinds: Vec<RestrictedDetail>,
    /// Those kinds in words: "the child's surname and a family member's name".
    pub description: String,
}

#[derive(Debug, Clone)]
struct DateTerm {
    kind: RestrictedDetail,
    key: String,
    date: NaiveDate,
}

/// The postcode's outward code ("AN1"), a detail when next to the street or the town.
#[derive(Debug, Clone)]
struct OutwardCode {
    code: String,
    key: String,
    /// The streets and the town: the outward code within three words of one of them is a hit.
    places: Vec<Term>,
}

/// The annex, prepared for searching.
#[derive(Debug, Clone, Default)]
pub struct AnnexScanner {
    terms: Vec<Term>,
    dates: Vec<DateTerm>,
    outward: Option<OutwardCode>,
    /// The annex's wording of each key, for [`AnnexTerm::label`].
    labels: BTreeMap<String, String>,
}

/// How many words may stand between the outward code and the street or town ("Anytown, AN1").
const OUTWARD_REACH: usize = 3;

impl AnnexScanner {
    pub fn new(annex: &RestrictedAnnex) -> AnnexScanner {
        use RestrictedDetail::*;
        let mut scanner = AnnexScanner::default();
        let given = annex
            .child_given_names
            .as_deref()
            .map(name_words)
            .unwrap_or_default();
        let family = annex
            .child_family_name
            .as_deref()
            .map(name_words)
            .unwrap_or_default();
        if !given.is_empty() && !family.is_empty() {
            let full: Vec<NameWord> = given.iter().chain(&family).cloned().collect();
            let label = format!(
                "{} {}",
                annex.child_given_names.as_deref().unwrap_or("").trim(),
                annex.child_family_name.as_deref().unwrap_or("").trim()
            );
            scanner.label(&key_of(&full), &label);
            let whole: Vec<Term> = name_terms(ChildFullName, ChildFullName, &full)
                .into_iter()
                .filter(|t| t.key == key_of(&full))
                .collect();
            scanner.add_all(whole);
        }
        scanner.add_name(ChildGivenName, annex.child_given_names.as_deref(), &given);
        scanner.add_name(ChildFamilyName, annex.child_family_name.as_deref(), &family);
        for other in &annex.child_other_names {
            scanner.add_name(ChildOtherName, Some(other), &name_words(other));
        }
        if let Some(dob) = annex.date_of_birth {
            scanner.add_date(ChildDateOfBirth, dob);
        }
        for member in &annex.family_members {
            if let Some(name) = &member.name {
                scanner.add_name(FamilyMemberName, Some(name), &name_words(name));
            }
            if let Some(dob) = member.date_of_birth {
                scanner.add_date(FamilyMemberDateOfBirth, dob);
            }
        }
        if let Some(address) = &annex.address {
            let mut streets = Vec::new();
            for line in &address.lines {
                for part in line.split([',', ';']) {
                    for term in address_terms(part) {
                        scanner.label(&term.key, part);
                        streets.push(term);
                    }
                }
            }
            scanner.add_all(streets.clone());
            if let Some(postcode) = &address.postcode {
                scanner.add_postcode(postcode, streets, address.town.as_deref());
            }
        }
        scanner
    }

    /// Leaves out the terms a chair has judged safe in context (by [`AnnexTerm::key`]).
    pub fn allowing<'a>(mut self, keys: impl IntoIterator<Item = &'a str>) -> AnnexScanner {
        let keys: BTreeSet<&str> = keys.into_iter().collect();
        self.terms.retain(|t| !keys.contains(t.key.as_str()));
        self.dates.retain(|d| !keys.contains(d.key.as_str()));
        if self
            .outward
            .as_ref()
            .is_some_and(|o| keys.contains(o.key.as_str()))
        {
            self.outward = None;
        }
        self
    }

    /// A name: the whole and each word alone (of `kind`), and its initial variants.
    fn add_name(&mut self, kind: RestrictedDetail, written: Option<&str>, words: &[NameWord]) {
        let Some(written) = written else { return };
        let key = key_of(words);
        self.label(&key, written);
        let pieces = written
            .split_whitespace()
            .flat_map(|w| std::iter::once(w).chain(w.split('-')));
        for piece in pieces {
            if let [word] = name_words(piece).as_slice() {
                self.label(&key_of(std::slice::from_ref(word)), piece);
            }
        }
        self.add_all(name_terms(kind, kind, words));
    }

    fn add_date(&mut self, kind: RestrictedDetail, date: NaiveDate) {
        let key = date.format("%Y-%m-%d").to_string();
        self.label(&key, &date.format("%-d %B %Y").to_string());
        self.dates.push(DateTerm { kind, key, date });
    }

    fn add_postcode(&mut self, postcode: &str, streets: Vec<Term>, town: Option<&str>) {
        let compact: String = fold(postcode).chars().filter(|c| c.is_alphanumeric()).collect();
        let length = compact.chars().count();
        if length < 5 {
            return;
        }
        self.label(&compact, postcode);
        // The inward code is always a digit and two letters (BS 7666); the rest is the outward.
        let split = compact.char_indices().nth(length - 3).map_or(0, |(i, _)| i);
        let (outward, inward) = compact.split_at(split);
        let parts = vec![vec![outward.to_owned(), inward.to_owned()]];
        if let Some(mut term) = Term::from_words(RestrictedDetail::Postcode, &compact, &parts) {
            term.breaks_anywhere = true;
            self.terms.push(term);
        }
        let mut places = streets;
        if let Some(town) = town {
            let town_words: Vec<Vec<String>> = words(town).into_iter().map(|w| vec![w.text]).collect();
            places.extend(Term::from_words(RestrictedDetail::AddressLine, "", &town_words));
        }
        if outward.chars().count() >= 2 {
            self.outward = Some(OutwardCode {
                code: outward.to_owned(),
                key: compact.clone(),
                places,
            });
        }
    }

    fn add_all(&mut self, terms: Vec<Term>) {
        for term in terms {
            if !self.terms.contains(&term) {
                self.terms.push(term);
            }
        }
    }

    fn label(&mut self, key: &str, written: &str) {
        self.labels
            .entry(key.to_owned())
            .or_insert_with(|| written.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.dates.is_empty() && self.outward.is_none()
    }

    /// The kinds of restricted detail found in `text`, in a stable order.
    pub fn find(&self, text: &str) -> BTreeSet<RestrictedDetail> {
        self.hits(text).into_iter().map(|(kind, _)| kind).collect()
    }

    /// The annex entries found in `text`, with their wording (for a chair who may read the annex).
    pub fn find_terms(&self, text: &str) -> Vec<AnnexTerm> {
        let mut found: BTreeMap<&str, BTreeSet<RestrictedDetail>> = BTreeMap::new();
        for (kind, key) in self.hits(text) {
            found.entry(key).or_default().insert(kind);
        }
        found
            .into_iter()
            .map(|(key, kinds)| {
                let kinds: Vec<RestrictedDetail> = kinds.into_iter().collect();
                AnnexTerm {
                    key: key.to_owned(),
                    label: self.labels.get(key).cloned().unwrap_or_default(),
                    description: describe(&kinds),
                    kinds,
                }
            })
            .collect()
    }

    /// The kinds of detail an entry of the annex is, by key (for listing overrides).
    pub fn kinds_of(&self, key: &str) -> Vec<RestrictedDetail> {
        let names = self.terms.iter().filter(|t| t.key == key).map(|t| t.kind);
        let dates = self.dates.iter().filter(|d| d.key == key).map(|d| d.kind);
        names.chain(dates).collect::<BTreeSet<_>>().into_iter().collect()
    }

    fn hits(&self, text: &str) -> Vec<(RestrictedDetail, &str)> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let text = words(text);
        for term in &self.terms {
            if term.occurs(&text) {
                out.push((term.kind, term.key.as_str()));
            }
        }
        for date in &self.dates {
            if dates::contains_date(&text, date.date) {
                out.push((date.kind, date.key.as_str()));
            }
        }
        if let Some(outward) = &self.outward {
            if outward_near_place(outward, &text) {
                out.push((RestrictedDetail::Postcode, outward.key.as_str()));
            }
        }
        out
    }
}

fn outward_near_place(outward: &OutwardCode, text: &[Word]) -> bool {
    let codes: Vec<usize> = (0..text.len())
        .filter(|&i| text[i].text == outward.code)
        .collect();
    if codes.is_empty() {
        return false;
    }
    outward
        .places
        .iter()
        .flat_map(|p| p.spans(text))
        .any(|(start, end)| {
            codes.iter().any(|&code| {
                (code < start && start - code <= OUTWARD_REACH + 1)
                    || (code > end && code - end <= OUTWARD_REACH + 1)
            })
        })
}

/// Kinds of detail in words, for the chair: "the child's surname and a family member's name".
pub fn describe(kinds: &[RestrictedDetail]) -> String {
    let parts: Vec<&str> = kinds.iter().map(|d| d.description()).collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What the guard searches for: a whole annex, or an annex less the terms a chair has allowed
/// ([`AnnexScanner::allowing`]). The checks and finalising take either.
pub trait AnnexSource {
    fn scanner(&self) -> AnnexScanner;
}

impl AnnexSource for RestrictedAnnex {
    fn scanner(&self) -> AnnexScanner {
        AnnexScanner::new(self)
    }
}

impl AnnexSource for AnnexScanner {
    fn scanner(&self) -> AnnexScanner {
        self.clone()
    }
}

/// The kinds of restricted detail from `annex` found in `text`.
pub fn find_restricted_details(annex: &RestrictedAnnex, text: &str) -> BTreeSet<RestrictedDetail> {
    AnnexScanner::new(annex).find(text)
}

#[cfg(test)]
mod tests;
