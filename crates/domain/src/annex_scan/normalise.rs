//! Text as a reader sees it. The annex terms and the letter text go through the same steps, so
//! that what looks the same on paper compares equal:
//!
//! 1. Unicode compatibility normalisation (NFKC, UAX #15): fullwidth `ＴＹＬＥＲ` is `TYLER`,
//!    the ligature `ﬁ` is `fi`, a superscript `ᵗʰ` is `th`.
//! 2. Default-ignorable code points are dropped (UAX #44 `Default_Ignorable_Code_Point`): the soft
//!    hyphen Word inserts, zero-width spaces and joiners pasted from web pages, the word joiner,
//!    the byte-order mark. They print as nothing, so `Ty\u{AD}ler` reads "Tyler".
//! 3. Full case folding (Unicode `CaseFolding.txt`, C and F): `ß` is `ss`.
//! 4. Accents are dropped (canonical decomposition, then combining marks removed): `Zoë` is `zoe`.
//! 5. A letter that is still not ASCII is replaced by its confusables prototype (the skeleton of
//!    Unicode TR39) when that is an ASCII letter: the Cyrillic `у` in `Tуler` is `y`, the Greek
//!    `Τ` is `T`. Other scripts are kept as they are, so names written in them still match.
//!
//! Then the text is cut into words (runs of letters and digits). Each word remembers whether it
//! was joined to the previous one without a space (`O'Brien`, `Mary-Jane`), because such a word
//! and its neighbour may together spell one name.

use icu_properties::props::DefaultIgnorableCodePoint;
use icu_properties::CodePointSetData;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One word of normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Folded, with street words in one spelling ([`canonical_word`]).
    pub text: String,
    /// Joined to the previous word by punctuation only (no space): `O'Brien`, `Mary-Jane`.
    pub tight: bool,
}

/// The words of `text`, folded as described in the module documentation.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let folded = fold(text);
    let mut out: Vec<Word> = Vec::new();
    let mut current = String::new();
    let mut spaced = true;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            out.push(Word {
                text: canonical_word(&current).to_owned(),
                tight: !spaced,
            });
            current.clear();
            spaced = false;
        }
        if c.is_whitespace() {
            spaced = true;
        }
    }
    if !current.is_empty() {
        out.push(Word {
            text: canonical_word(&current).to_owned(),
            tight: !spaced,
        });
    }
    if let Some(first) = out.first_mut() {
        first.tight = false;
    }
    out
}

/// The folded text: letters and digits folded, whitespace as spaces, other characters kept.
pub(crate) fn fold(text: &str) -> String {
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        if ignorable.contains(c) || is_combining_mark(c) {
            continue;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() {
            out.push(' ');
        } else if c.is_alphanumeric() {
            fold_letter(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// One non-ASCII letter or digit, folded (steps 3 to 5).
fn fold_letter(c: char, out: &mut String) {
    let mut buffer = [0u8; 4];
    let single: &str = c.encode_utf8(&mut buffer);
    let folded = without_marks(&caseless::default_case_fold_str(single));
    if is_ascii_word(&folded) {
        out.push_str(&folded);
        return;
    }
    // As written first, then in capitals: TR39 gives some small letters no Latin look-alike where
    // their capitals have one (Greek τ is a small capital, Τ is T).
    let upper: String = c.to_uppercase().collect();
    for (form, is_upper) in [(single, c.is_uppercase()), (upper.as_str(), true)] {
        if let Some(latin) = latin_look_alike(form, is_upper) {
            out.push_str(&latin);
            return;
        }
    }
    if folded.is_empty() {
        out.push(c);
    } else {
        out.push_str(&folded);
    }
}

/// The ASCII letters that `form` looks like, by its TR39 prototype, folded. TR39 gives several
/// ASCII letters one prototype (capital "I" and small "l" are both "l"; Greek capital Ν is "N" but
/// its small ν is "v"), so the letter of the same case with that prototype is chosen.
fn latin_look_alike(form: &str, is_upper: bool) -> Option<String> {
    let prototype = without_marks(&unicode_security::skeleton(form).collect::<String>());
    if !is_ascii_word(&prototype) {
        return None;
    }
    let letter = ascii_prototypes()
        .iter()
        .find(|(letter, of)| letter.is_ascii_uppercase() == is_upper && *of == prototype)
        .map(|(letter, _)| letter.to_ascii_lowercase().to_string());
    Some(letter.unwrap_or_else(|| prototype.to_ascii_lowercase()))
}

/// Each ASCII letter with its TR39 prototype.
fn ascii_prototypes() -> &'static [(char, String)] {
    static TABLE: std::sync::OnceLock<Vec<(char, String)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        ('A'..='Z')
            .chain('a'..='z')
            .map(|letter| {
                let mut buffer = [0u8; 4];
                (
                    letter,
                    unicode_security::skeleton(letter.encode_utf8(&mut buffer)).collect(),
                )
            })
            .collect()
    })
}

fn without_marks(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

fn is_ascii_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Street words in one spelling, so that `Mill Ln` is `Mill Lane` and `Mill Lane` is `Mill Ln`:
/// the abbreviations of Royal Mail's list of thoroughfare types that writers use.
pub(crate) fn canonical_word(word: &str) -> &str {
    match word {
        "ln" => "lane",
        "rd" => "road",
        // "St Mary's Road" is written "Saint Mary's Road" too.
        "st" | "str" | "saint" => "street",
        "ave" | "av" | "avn" => "avenue",
        "cl" => "close",
        "dr" | "drv" => "drive",
        "cres" | "cresc" | "cr" => "crescent",
        "ct" | "crt" => "court",
        "pl" => "place",
        "gdns" | "gdn" | "gardn" => "gardens",
        "terr" | "ter" | "tce" => "terrace",
        "sq" => "square",
        "gr" | "gro" | "grv" => "grove",
        "pk" => "park",
        "wy" => "way",
        "wk" => "walk",
        "hts" => "heights",
        "mws" => "mews",
        "grn" => "green",
        "pde" => "parade",
        "cotts" => "cottages",
        "blvd" => "boulevard",
        "est" => "estate",
        "hse" => "house",
        "mt" => "mount",
        "rw" => "row",
        "yd" => "yard",
        "clo" => "close",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn what_prints_the_same_folds_the_same() {
        for (written, read) in [
            ("Ty\u{ad}ler", "tyler"),
            ("Ty\u{200b}ler", "tyler"),
            ("Ty\u{200c}l\u{200d}er", "tyler"),
            ("Ty\u{2060}ler\u{feff}", "tyler"),
            ("ＴＹＬＥＲ", "tyler"),
            ("T\u{443}ler", "tyler"),
            ("\u{3a4}yler", "tyler"),
            ("\u{3c4}yler", "tyler"),
            ("\u{399}an", "ian"),
            ("\u{406}AN", "ian"),
            ("A\u{39d}1", "an1"),
            ("\u{41c}ILL", "mill"),
            ("\u{43c}ill", "mill"),
            ("Zoë", "zoe"),
            ("Zoe\u{308}", "zoe"),
            ("STRAßE", "strasse"),
            ("Ǆemal", "dzemal"),
            ("Ærwin", "aerwin"),
            ("9ᵗʰ", "9th"),
        ] {
            assert_eq!(texts(written), vec![read.to_owned()], "{written:?}");
        }
    }

    #[test]
    fn words_know_whether_punctuation_joined_them() {
        let found = words("O'Brien and Mary-Jane, T. Smith");
        let tight: Vec<(&str, bool)> = found.iter().map(|w| (w.text.as_str(), w.tight)).collect();
        assert_eq!(
            tight,
            vec![
                ("o", false),
                ("brien", true),
                ("and", false),
                ("mary", false),
                ("jane", true),
                ("t", false),
                ("smith", false)
            ]
        );
    }

    #[test]
    fn street_words_have_one_spelling() {
        assert_eq!(texts("Mill Ln"), texts("mill lane"));
        assert_eq!(texts("Acacia Ave."), texts("Acacia Avenue"));
        assert_eq!(texts("Rose Gdns"), texts("rose gardens"));
        assert_ne!(texts("Mill Lane"), texts("Mill Road"));
    }

    #[test]
    fn other_scripts_are_kept() {
        assert_eq!(texts("Дмитрий"), texts("ДМИТРИЙ"));
        assert_eq!(texts("Дмитрий").len(), 1);
        assert_eq!(texts("李"), vec!["李".to_owned()]);
    }
}
