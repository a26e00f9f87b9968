//! Property tests of the annex guard: random annexes, and every way the guard's rules say a
//! detail may be written, inside random surrounding text. Every variant must be caught; text made
//! only of words unrelated to the annex must not be.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Datelike, NaiveDate};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use scr_domain::annex_scan::{AnnexScanner, RestrictedDetail};
use scr_domain::case::{Address, FamilyMember, RestrictedAnnex};

/// Names are made of these, so that they look like names and never like the filler words.
const SYLLABLES: [&str; 20] = [
    "ka", "ro", "len", "dar", "mi", "vo", "shu", "tel", "bri", "zan", "qui", "jor", "bel", "fen", "gal",
    "hol", "nix", "pra", "sto", "wyn",
];

/// The words around a variant; none contains a syllable above, a digit or a month.
const FILLER: [&str; 24] = [
    "the", "board", "was", "told", "that", "review", "agencies", "worked", "together", "after", "school",
    "report", "health", "visitor", "concern", "about", "police", "social", "care", "with", "practice",
    "learning", "decision", "family",
];

/// (full, abbreviated)
const STREET_TYPES: [(&str, &str); 13] = [
    ("Lane", "Ln"),
    ("Road", "Rd"),
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Close", "Cl"),
    ("Drive", "Dr"),
    ("Crescent", "Cres"),
    ("Court", "Ct"),
    ("Place", "Pl"),
    ("Gardens", "Gdns"),
    ("Terrace", "Terr"),
    ("Square", "Sq"),
    ("Grove", "Gr"),
];

const HONORIFICS: [&str; 7] = ["", "Dr ", "Mr ", "Mrs ", "Ms ", "Miss ", "Mx "];

/// Latin letters and a Cyrillic or Greek letter that prints the same.
const LOOK_ALIKES: [(char, char); 27] = [
    ('a', '\u{430}'),
    ('e', '\u{435}'),
    ('o', '\u{43e}'),
    ('p', '\u{440}'),
    ('c', '\u{441}'),
    ('y', '\u{443}'),
    ('x', '\u{445}'),
    ('i', '\u{456}'),
    ('A', '\u{410}'),
    ('B', '\u{412}'),
    ('E', '\u{415}'),
    ('K', '\u{41a}'),
    ('M', '\u{41c}'),
    ('H', '\u{41d}'),
    ('O', '\u{41e}'),
    ('P', '\u{420}'),
    ('C', '\u{421}'),
    ('T', '\u{422}'),
    ('X', '\u{425}'),
    ('A', '\u{391}'),
    ('B', '\u{392}'),
    ('E', '\u{395}'),
    ('Z', '\u{396}'),
    ('I', '\u{399}'),
    ('N', '\u{39d}'),
    ('T', '\u{3a4}'),
    ('o', '\u{3bf}'),
];

/// Characters that print as nothing: soft hyphen, zero-width space, non-joiner, joiner, word
/// joiner, byte-order mark.
const INVISIBLE: [char; 6] = [
    '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
];

#[derive(Debug, Clone)]
struct Case {
    annex: RestrictedAnnex,
    given: String,
    surname: String,
    surname_style: u8,
    mother_given: String,
    street_name: String,
    street_type: usize,
    abbreviated_in_annex: bool,
    number: u32,
    town: String,
    outward: String,
    inward: String,
    dob: NaiveDate,
}

fn word(syllables: &[usize]) -> String {
    let joined: String = syllables
        .iter()
        .map(|&i| SYLLABLES[i % SYLLABLES.len()])
        .collect();
    let mut chars = joined.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn name() -> impl Strategy<Value = String> {
    vec(0..SYLLABLES.len(), 2..=3).prop_map(|s| word(&s))
}

fn letter(i: u8) -> char {
    char::from(b'A' + i % 26)
}

fn case() -> impl Strategy<Value = Case> {
    (
        (name(), name(), 0u8..4, name(), name(), 0..HONORIFICS.len()),
        (name(), 0..STREET_TYPES.len(), any::<bool>(), 1u32..300, name()),
        (any::<[u8; 4]>(), 1u8..10, 0u8..10),
        (1950i32..2024, 1u32..13, 1u32..29, any::<bool>()),
    )
        .prop_map(|(names, place, code, dates)| {
            let (given, base, style, second, mother_given, honorific) = names;
            let (street_name, street_type, abbreviated_in_annex, number, town) = place;
            let (letters, district, sector) = code;
            let (year, month, day, two_part) = dates;
            let surname = match style {
                1 => format!("O'{base}"),
                2 => format!("Mc{base}"),
                3 => format!("{base}-{second}"),
                _ => base,
            };
            let (full_type, short_type) = STREET_TYPES[street_type];
            let street = format!(
                "{street_name} {}",
                if abbreviated_in_annex {
                    short_type
                } else {
                    full_type
                }
            );
            // Sometimes the street is not at the start of its line.
            let line = if two_part {
                format!("Flat {day}, {number} {street}")
            } else {
                format!("{number} {street}")
            };
            let outward = format!("{}{}{district}", letter(letters[0]), letter(letters[1]));
            let inward = format!("{sector}{}{}", letter(letters[2]), letter(letters[3]));
            let dob = NaiveDate::from_ymd_opt(year, month, day).expect("day 1 to 28 exists");
            let annex = RestrictedAnnex {
                child_given_names: Some(given.clone()),
                child_family_name: Some(surname.clone()),
                child_other_names: vec![],
                date_of_birth: Some(dob),
                address: Some(Address {
                    lines: vec![line],
                    town: Some(town.clone()),
                    postcode: Some(format!("{outward} {inward}")),
                }),
                family_members: vec![FamilyMember {
                    name: Some(format!("{}{mother_given} {surname}", HONORIFICS[honorific])),
                    relationship: Some("mother".into()),
                    date_of_birth: None,
                    notes: None,
                }],
                notes: None,
            };
            Case {
                annex,
                given,
                surname,
                surname_style: style,
                mother_given,
                street_name,
                street_type,
                abbreviated_in_annex,
                number,
                town,
                outward,
                inward,
                dob,
            }
        })
}

/// How one variant is made: which detail, which written form, which changes to its characters.
#[derive(Debug, Clone)]
struct Recipe {
    target: u8,
    form: u8,
    transforms: Vec<(u8, u32)>,
    before: Vec<usize>,
    after: Vec<usize>,
}

fn recipe() -> impl Strategy<Value = Recipe> {
    (
        0u8..9,
        any::<u8>(),
        vec((0u8..6, any::<u32>()), 0..=3),
        vec(0..FILLER.len(), 0..6),
        vec(0..FILLER.len(), 0..6),
    )
        .prop_map(|(target, form, transforms, before, after)| Recipe {
            target,
            form,
            transforms,
            before,
            after,
        })
}

fn pick(options: &[String], choice: u8) -> String {
    options[usize::from(choice) % options.len()].clone()
}

/// The detail written one of the ways the guard must recognise, and the kind it must report.
fn written(case: &Case, target: u8, form: u8) -> (String, RestrictedDetail) {
    use RestrictedDetail::*;
    let (g, s) = (&case.given, &case.surname);
    let initial = &g[..1];
    let base = s.trim_start_matches("O'").trim_start_matches("Mc");
    match target {
        0 => {
            let forms = [g.clone(), format!("{g}s"), format!("{g}'s"), format!("{g}’s")];
            (pick(&forms, form), ChildGivenName)
        }
        1 => {
            let mut forms = vec![s.clone(), format!("the {s}s"), format!("{s}s'"), format!("{s}'s")];
            match case.surname_style {
                1 => forms.extend([format!("O{base}"), format!("O {base}"), format!("O’{base}")]),
                2 => forms.extend([format!("Mc {base}"), format!("MC{}", base.to_uppercase())]),
                3 => forms.extend([s.replace('-', ""), s.replace('-', " "), s.replace('-', "–")]),
                _ => {}
            }
            (pick(&forms, form), ChildFamilyName)
        }
        2 => {
            let forms = [format!("{g} {s}"), format!("{g}{s}"), format!("{g} {s}'s")];
            (pick(&forms, form), ChildFullName)
        }
        3 => {
            let forms = [
                format!("{initial}. {s}"),
                format!("{initial} {s}"),
                format!("{initial}.{s}"),
            ];
            (pick(&forms, form), ChildFullName)
        }
        4 => {
            let m = &case.mother_given;
            let forms = [
                m.clone(),
                format!("Dr {m}"),
                format!("{m}'s"),
                format!("Mrs {m} {s}"),
            ];
            (pick(&forms, form), FamilyMemberName)
        }
        5 => {
            let (full, short) = STREET_TYPES[case.street_type];
            // Mostly the other spelling from the annex's, so abbreviations are tested both ways.
            let other = if case.abbreviated_in_annex { full } else { short };
            let n = case.number;
            let name = &case.street_name;
            let forms = [
                format!("{name} {other}"),
                format!("{n} {name} {other}"),
                format!("{name} {other}."),
                format!("{n}, {name} {full}"),
                format!("{name} {short}"),
            ];
            (pick(&forms, form), AddressLine)
        }
        6 => {
            let (o, i) = (&case.outward, &case.inward);
            let forms = [
                format!("{o} {i}"),
                format!("{o}{i}"),
                format!("{o}  {i}"),
                format!("{o} {i}").to_lowercase(),
            ];
            (pick(&forms, form), Postcode)
        }
        7 => {
            let (o, t) = (&case.outward, &case.town);
            let forms = [format!("{t} {o}"), format!("{t}, {o}"), format!("{o}, {t}")];
            (pick(&forms, form), Postcode)
        }
        _ => (date_form(case.dob, form), ChildDateOfBirth),
    }
}

fn date_form(date: NaiveDate, form: u8) -> String {
    let (d, m, y) = (date.day(), date.month(), date.year());
    let yy = y.rem_euclid(100);
    let suffix = match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let month = date.format("%B").to_string();
    let mon = date.format("%b").to_string();
    let forms = [
        format!("{d} {month} {y}"),
        format!("{d}{suffix} {month} {y}"),
        format!("{d}{suffix} of {month} {y}"),
        format!("the {d}{suffix} of {month}, {y}"),
        format!("{d} {mon} {yy:02}"),
        format!("{d} {mon}. '{yy:02}"),
        format!("{d:02}-{mon}-{y}"),
        format!("{month} {d}, {y}"),
        format!("{mon} {d}{suffix} {y}"),
        format!("{d}/{m}/{y}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{d}.{m}.{yy:02}"),
        format!("{y}-{m:02}-{d:02}"),
        format!("{d:02}{m:02}{y}"),
        format!("{m:02}/{d:02}/{y}"),
        format!("{y} {month} {d}"),
    ];
    pick(&forms, form)
}

/// One change to the characters of a written detail.
fn transform(text: &str, (kind, seed): (u8, u32)) -> String {
    let seed = usize::try_from(seed).unwrap_or(0);
    let chars: Vec<char> = text.chars().collect();
    match kind {
        0 => text.to_uppercase(),
        1 => text.to_lowercase(),
        // Fullwidth forms of printable ASCII (U+FF01 onwards).
        2 => chars
            .iter()
            .map(|&c| match c {
                '!'..='~' => char::from_u32(u32::from(c) + 0xfee0).unwrap_or(c),
                _ => c,
            })
            .collect(),
        // Some letters swapped for a Cyrillic or Greek look-alike.
        3 => chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let swap = (seed >> (i % 16)) & 1 == 1;
                let mut looks = LOOK_ALIKES.iter().filter(|(latin, _)| *latin == c);
                let look = looks.clone().nth(seed % 2).or_else(|| looks.next());
                look.filter(|_| swap).map_or(c, |(_, look)| *look)
            })
            .collect(),
        // An accent on one letter (acute, diaeresis or grave, combining).
        4 => {
            let letters: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].is_alphabetic()).collect();
            let Some(&at) = letters.get(seed % letters.len().max(1)) else {
                return text.to_owned();
            };
            let accent = ['\u{301}', '\u{308}', '\u{300}'][seed % 3];
            let mut out: String = chars[..=at].iter().collect();
            out.push(accent);
            out.extend(&chars[at + 1..]);
            out
        }
        // An invisible character inside the detail.
        _ => {
            let at = (1 + seed % chars.len().saturating_sub(1).max(1)).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push(INVISIBLE[seed % INVISIBLE.len()]);
            out.extend(&chars[at..]);
            out
        }
    }
}

fn filler(words: &[usize]) -> String {
    words.iter().map(|&i| FILLER[i]).collect::<Vec<_>>().join(" ")
}

const ANNEXES: u32 = 1_000;
const VARIANTS_PER_ANNEX: usize = 12;

#[test]
fn every_variant_of_every_detail_is_caught() {
    let checked = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: ANNEXES,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (case(), vec(recipe(), VARIANTS_PER_ANNEX));
    runner
        .run(&strategy, |(case, recipes)| {
            let scanner = AnnexScanner::new(&case.annex);
            for recipe in &recipes {
                let (mut detail, kind) = written(&case, recipe.target, recipe.form);
                // Case first, then look-alikes or fullwidth, accents, invisible characters.
                let mut steps = recipe.transforms.clone();
                steps.sort_by_key(|(kind, _)| *kind);
                for step in steps {
                    detail = transform(&detail, step);
                }
                let text = format!("{} {detail}, {}.", filler(&recipe.before), filler(&recipe.after));
                let found = scanner.find(&text);
                if !found.contains(&kind) {
                    return Err(TestCaseError::fail(format!(
                        "{kind:?} missed in {text:?} (annex {:?}; found {found:?})",
                        case.annex
                    )));
                }
                checked.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    let checked = checked.into_inner();
    println!("{checked} variants over {ANNEXES} random annexes: 0 missed");
    assert!(checked >= 10_000, "only {checked} variants were checked");
}

#[test]
fn text_of_words_unrelated_to_the_annex_is_not_flagged() {
    let mut runner = TestRunner::new(Config {
        cases: 500,
        failure_persistence: None,
        ..Config::default()
    });
    let words = vec(
        prop_oneof![(0..FILLER.len()).prop_map(|i| FILLER[i].to_owned()), name()],
        1..40,
    );
    runner
        .run(&(case(), words), |(case, words)| {
            let annex_words: Vec<String> = annex_text(&case.annex)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            // A word is unrelated when it neither contains an annex word nor is part of one.
            let unrelated: Vec<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| {
                    let w = w.to_lowercase();
                    !annex_words
                        .iter()
                        .any(|a| a.contains(&w) || w.contains(a.as_str()))
                })
                .collect();
            let text = unrelated.join(" ");
            let found = AnnexScanner::new(&case.annex).find(&text);
            prop_assert!(
                found.is_empty(),
                "{text:?} flagged {found:?} for {:?}",
                case.annex
            );
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}

fn annex_text(annex: &RestrictedAnnex) -> String {
    let mut parts = vec![
        annex.child_given_names.clone().unwrap_or_default(),
        annex.child_family_name.clone().unwrap_or_default(),
    ];
    if let Some(address) = &annex.address {
        parts.extend(address.lines.iter().cloned());
        parts.extend(address.town.clone());
        parts.extend(address.postcode.clone());
    }
    parts.extend(annex.family_members.iter().filter_map(|m| m.name.clone()));
    parts.join(" ")
}
