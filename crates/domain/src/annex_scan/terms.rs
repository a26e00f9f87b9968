//! Annex terms as sequences of word parts, and where they occur in normalised text.
//!
//! A term is matched on its letters, not on its spacing: the words of the text, joined, must
//! spell the term's parts joined (`OBrien`, `O'Brien` and `O Brien` all spell `obrien`). The
//! text may put a space only where the annex has a break between parts (`O'Brien` has one after
//! the `O`, and so does `OBrien` written with its inner capital); punctuation without a space
//! may join words anywhere (`Ty-ler`). So "as a" never spells a child called Asa.

use super::normalise::{fold, words, Word};
use super::RestrictedDetail;

/// Titles and small words that say nothing about who someone is: "Dr Dana Blackwood" is
/// searched as "Dana Blackwood", so that every "Dr" in a letter is not a hit.
const NOT_NAMES: [&str; 17] = [
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "master",
    "prof",
    "professor",
    "rev",
    "revd",
    "sir",
    "dame",
    "the",
    "of",
    "and",
    "cllr",
];

/// One way an annex detail can appear in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub kind: RestrictedDetail,
    /// The annex entry this comes from; every variant of one entry shares it (overrides use it).
    pub key: String,
    /// The folded parts, joined: "obrien".
    pub joined: String,
    /// Offsets in `joined` where the annex separates parts; text may have a space there.
    pub breaks: Vec<usize>,
    /// Text may have a space anywhere (postcodes: "AN1 4XY", "AN 14XY").
    pub breaks_anywhere: bool,
    /// Plurals and possessives: "Blackwoods", "Blackwoods'" ("Tyler's" is "Tyler" and "s").
    pub plural: bool,
    /// A one-word name that is also a month ("May", "June"): not matched next to a number.
    pub month_guard: bool,
}

impl Term {
    /// A term from words, each given as its parts. None when it is too short to mean anything
    /// (one letter).
    pub fn from_words(kind: RestrictedDetail, key: &str, words: &[Vec<String>]) -> Option<Term> {
        let mut joined = String::new();
        let mut breaks = Vec::new();
        for part in words.iter().flatten() {
            if !joined.is_empty() {
                breaks.push(joined.len());
            }
            joined.push_str(part);
        }
        if joined.chars().count() < 2 {
            return None;
        }
        let month_guard = words.len() == 1 && super::dates::month_number(&joined).is_some();
        Some(Term {
            kind,
            key: key.to_owned(),
            joined,
            breaks,
            breaks_anywhere: false,
            plural: false,
            month_guard,
        })
    }

    /// The index of the last word of an occurrence that starts at word `start`.
    pub fn match_at(&self, text: &[Word], start: usize) -> Option<usize> {
        let mut offset = 0;
        let mut index = start;
        loop {
            let word = text.get(index)?;
            if index > start && !(word.tight || self.breaks_anywhere || self.breaks.contains(&offset)) {
                return None;
            }
            let rest = &self.joined[offset..];
            if word.text.len() <= rest.len() {
                if !rest.starts_with(word.text.as_str()) {
                    return None;
                }
                offset += word.text.len();
                if offset == self.joined.len() {
                    return Some(index);
                }
                index += 1;
            } else {
                let suffix = word.text.strip_prefix(rest)?;
                return (self.plural && matches!(suffix, "s" | "es")).then_some(index);
            }
        }
    }

    /// Every occurrence in `text`, as (first word, last word).
    pub fn spans<'a>(&'a self, text: &'a [Word]) -> impl Iterator<Item = (usize, usize)> + 'a {
        (0..text.len()).filter_map(move |start| {
            let end = self.match_at(text, start)?;
            let guarded = self.month_guard
                && (start.checked_sub(1).is_some_and(|i| number_like(&text[i]))
                    || text.get(end + 1).is_some_and(number_like));
            (!guarded).then_some((start, end))
        })
    }

    pub fn occurs(&self, text: &[Word]) -> bool {
        self.spans(text).next().is_some()
    }
}

fn number_like(word: &Word) -> bool {
    word.text.starts_with(|c: char| c.is_ascii_digit())
}

/// One word of a name: its hyphen-separated pieces ("Mary-Jane": "mary", "jane"), each as its
/// parts (split at apostrophes and inner capitals: "O'Brien" and "OBrien" are "o", "brien").
pub(crate) type NameWord = Vec<Vec<String>>;

/// A name as its words, without titles and small words. Each hyphen-separated piece is a name
/// on its own too ("Smith-Jones": Smith, Jones); the parts of a piece are not ("Brien").
pub(crate) fn name_words(name: &str) -> Vec<NameWord> {
    name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '(' | ')'))
        .map(|word| {
            word.split(is_dash)
                .filter(|piece| {
                    let plain: String = fold(piece).chars().filter(|c| c.is_alphanumeric()).collect();
                    !plain.is_empty() && !NOT_NAMES.contains(&plain.as_str())
                })
                .map(|piece| {
                    split_inner_capitals(piece)
                        .iter()
                        .flat_map(|p| words(p))
                        .map(|w| w.text)
                        .collect::<Vec<String>>()
                })
                .filter(|parts| !parts.is_empty())
                .collect::<NameWord>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}'
    )
}

/// "OBrien" → "O", "Brien"; "McDonald" → "Mc", "Donald"; "MaryJane" → "Mary", "Jane".
fn split_inner_capitals(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut pieces = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let after_small = i > 0 && chars[i - 1].is_lowercase();
        let capital_before_small =
            i > 0 && chars[i - 1].is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if c.is_uppercase() && (after_small || capital_before_small) {
            pieces.push(String::new());
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    pieces
}

/// The key of an entry: its words, each joined, separated by spaces ("obriensmith lee").
pub(crate) fn key_of(words: &[NameWord]) -> String {
    words
        .iter()
        .map(|w| w.iter().flatten().map(String::as_str).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pieces of `words` in order, for [`Term::from_words`].
fn pieces(words: &[NameWord]) -> Vec<Vec<String>> {
    words.iter().flatten().cloned().collect()
}

/// The terms of a name: the whole name (as `whole_kind`), with the initial of the first word and
/// the rest ("T. Blackwood"); each word alone and each piece of a hyphenated word alone (as
/// `word_kind`). Plurals and possessives of each are matched too.
pub(crate) fn name_terms(
    whole_kind: RestrictedDetail,
    word_kind: RestrictedDetail,
    name: &[NameWord],
) -> Vec<Term> {
    let mut out = Vec::new();
    let key = key_of(name);
    if name.len() > 1 {
        out.extend(Term::from_words(whole_kind, &key, &pieces(name)));
        out.extend(initial_variants(whole_kind, &key, name));
    }
    for word in name {
        let whole_word = std::slice::from_ref(word);
        out.extend(Term::from_words(word_kind, &key_of(whole_word), word));
        if word.len() > 1 {
            for piece in word {
                let alone = vec![vec![piece.clone()]];
                out.extend(Term::from_words(
                    word_kind,
                    &key_of(&alone),
                    std::slice::from_ref(piece),
                ));
            }
        }
    }
    for term in &mut out {
        term.plural = true;
    }
    out
}

/// "T Blackwood" for "Tyler Blackwood"; "M J Smith" and "M Smith" for "Mary Jane Smith".
fn initial_variants(kind: RestrictedDetail, key: &str, name: &[NameWord]) -> Vec<Term> {
    let initial = |word: &NameWord| -> Vec<String> {
        word.iter()
            .flatten()
            .next()
            .and_then(|part| part.chars().next())
            .map(|c| vec![c.to_string()])
            .unwrap_or_default()
    };
    let Some((last, given)) = name.split_last() else {
        return Vec::new();
    };
    let mut variants = vec![vec![initial(&given[0])]];
    if given.len() > 1 {
        variants.push(given.iter().map(initial).collect());
    }
    variants
        .into_iter()
        .filter_map(|mut words| {
            words.extend(last.iter().cloned());
            Term::from_words(kind, key, &words)
        })
        .collect()
}

/// Words that name a flat or unit rather than the place: "Flat 2" says nothing on its own.
const UNIT_WORDS: [&str; 7] = ["flat", "apartment", "apt", "unit", "room", "suite", "floor"];

/// The terms of one address line: each comma-separated part with its house number ("7 Mill
/// Lane", "14 Broadway"), and its street without the number when that is two words or more
/// ("Mill Lane", "Rose Court"; one word alone, "Broadway", is too common to flag).
pub(crate) fn address_terms(line: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for part in line.split([',', ';']) {
        let part_words: Vec<String> = words(part).into_iter().map(|w| w.text).collect();
        let has_number = part_words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
        let has_word = part_words.iter().any(|w| w.chars().any(char::is_alphabetic));
        let as_words =
            |ws: &[String]| -> Vec<NameWord> { ws.iter().map(|w| vec![vec![w.clone()]]).collect() };
        if has_number && has_word {
            let all = as_words(&part_words);
            out.extend(Term::from_words(
                RestrictedDetail::AddressLine,
                &key_of(&all),
                &pieces(&all),
            ));
        }
        let mut street: Vec<String> = Vec::new();
        for (i, word) in part_words.iter().enumerate() {
            let numbered_unit = UNIT_WORDS.contains(&word.as_str())
                && part_words
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            let number = word.chars().any(|c| c.is_ascii_digit());
            let leading_the = street.is_empty() && word == "the";
            if !(numbered_unit || number || leading_the) {
                street.push(word.clone());
            }
        }
        if street.len() >= 2 {
            let street = as_words(&street);
            out.extend(Term::from_words(
                RestrictedDetail::AddressLine,
                &key_of(&street),
                &pieces(&street),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name as text: words separated by spaces, pieces by hyphens, parts by "|".
    fn shape(name: &str) -> String {
        name_words(name)
            .iter()
            .map(|w| w.iter().map(|p| p.join("|")).collect::<Vec<_>>().join("-"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn names_lose_titles_and_keep_their_parts() {
        assert_eq!(shape("Dr Dana Blackwood"), "dana blackwood");
        assert_eq!(shape("Mr and Mrs O'Brien-Smith"), "o|brien-smith");
        assert_eq!(shape("OBrien"), "o|brien");
        assert_eq!(shape("McDonald"), "mc|donald");
        assert_eq!(shape("MaryJane"), "mary|jane");
        assert_eq!(shape("Mary-Jane"), "mary-jane");
        assert_eq!(shape("JJ"), "jj");
        assert_eq!(shape("TYLER"), "tyler");
        assert_eq!(shape("Ms. Miss"), "");
    }

    #[test]
    fn address_lines_give_their_streets() {
        let keys = |line: &str| -> Vec<String> { address_terms(line).into_iter().map(|t| t.key).collect() };
        assert_eq!(keys("7 Mill Lane"), vec!["7 mill lane", "mill lane"]);
        assert_eq!(
            keys("Flat 2, Rose Ct, 7 Mill Ln"),
            vec!["flat 2", "rose court", "7 mill lane", "mill lane"]
        );
        assert_eq!(keys("The Old Mill"), vec!["old mill"]);
        assert_eq!(keys("14 Broadway"), vec!["14 broadway"]);
        assert!(keys("14").is_empty());
    }
}
