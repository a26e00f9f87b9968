//! One table per rule of the guard: what it must catch and what it must leave alone. The demo
//! annex (crate::example) is the case of the issue that asked for these rules: Tyler Blackwood,
//! born 9 June 2014, 7 Mill Lane, Anytown AN1 4XY, mother Dana Blackwood.

use chrono::NaiveDate;

use super::*;
use crate::case::{Address, FamilyMember};
use crate::example;
use RestrictedDetail::*;

fn demo(text: &str) -> BTreeSet<RestrictedDetail> {
    find_restricted_details(&example::annex(), text)
}

/// An annex with compound names, a name that is a month, and a family member with a title.
fn compound() -> RestrictedAnnex {
    RestrictedAnnex {
        child_given_names: Some("Mary-Jane Lee".into()),
        child_family_name: Some("O'Brien-Smith".into()),
        child_other_names: vec!["JJ".into()],
        date_of_birth: NaiveDate::from_ymd_opt(2015, 3, 3),
        address: Some(Address {
            lines: vec!["Flat 2, Rose Court, 12 Acacia Avenue".into(), "14".into()],
            town: Some("Anytown".into()),
            postcode: Some("AB1 2CD".into()),
        }),
        family_members: vec![
            FamilyMember {
                name: Some("Dr Kerry Watson".into()),
                relationship: Some("mother".into()),
                date_of_birth: NaiveDate::from_ymd_opt(1990, 11, 20),
                notes: None,
            },
            FamilyMember {
                name: Some("May".into()),
                relationship: Some("sister".into()),
                ..FamilyMember::default()
            },
            FamilyMember {
                name: Some("Ian McDonald".into()),
                relationship: Some("grandfather".into()),
                ..FamilyMember::default()
            },
        ],
        notes: Some("Not searched".into()),
    }
}

fn other(text: &str) -> BTreeSet<RestrictedDetail> {
    find_restricted_details(&compound(), text)
}

/// Each text must be caught as (at least) the kind given.
fn caught(scan: fn(&str) -> BTreeSet<RestrictedDetail>, table: &[(&str, RestrictedDetail)]) {
    for (text, kind) in table {
        let found = scan(text);
        assert!(
            found.contains(kind),
            "{text:?} should show {kind:?}, found {found:?}"
        );
    }
}

fn clean(scan: fn(&str) -> BTreeSet<RestrictedDetail>, table: &[&str]) {
    for text in table {
        let found = scan(text);
        assert!(found.is_empty(), "{text:?} should be clean, found {found:?}");
    }
}

#[test]
fn the_forms_the_issue_found_leaking_are_caught() {
    caught(
        demo,
        &[
            ("the child, Ty\u{ad}ler, was seen", ChildGivenName),
            ("the child, Ty\u{200b}ler, was seen", ChildGivenName),
            ("Tylers school reported", ChildGivenName),
            ("the Blackwoods moved", ChildFamilyName),
            ("a house on Mill Ln", AddressLine),
            ("born on the 9th of June 2014", ChildDateOfBirth),
            ("born 9 Jun 14", ChildDateOfBirth),
            ("DOB 09062014", ChildDateOfBirth),
            ("ＴＹＬＥＲ", ChildGivenName),
            ("T\u{443}ler", ChildGivenName),
        ],
    );
}

#[test]
fn the_forms_already_caught_still_are() {
    caught(
        demo,
        &[
            ("Tyler's mother", ChildGivenName),
            ("postcode AN14XY", Postcode),
            ("born June 9, 2014", ChildDateOfBirth),
            ("T. Blackwood attended", ChildFullName),
            ("Tyler Blackwood", ChildFullName),
            ("Dana said", FamilyMemberName),
            ("7 Mill Lane", AddressLine),
        ],
    );
}

#[test]
fn invisible_and_look_alike_characters() {
    caught(
        demo,
        &[
            ("Tyl\u{200c}er", ChildGivenName),
            ("Tyl\u{200d}er", ChildGivenName),
            ("Ty\u{2060}ler", ChildGivenName),
            ("\u{feff}Tyler", ChildGivenName),
            ("ｔｙｌｅｒ", ChildGivenName),
            ("\u{3a4}yler", ChildGivenName),
            ("Blackw\u{43e}\u{43e}d", ChildFamilyName),
            ("BLACKWOOD", ChildFamilyName),
            ("Týler", ChildGivenName),
            ("Da\u{301}na", FamilyMemberName),
        ],
    );
    let zoe = RestrictedAnnex {
        child_given_names: Some("Zoë".into()),
        child_family_name: Some("Straße".into()),
        ..RestrictedAnnex::default()
    };
    let found = |t: &str| find_restricted_details(&zoe, t);
    assert!(found("Zoe was seen").contains(&ChildGivenName));
    assert!(found("ZOË").contains(&ChildGivenName));
    assert!(found("the Strasse family").contains(&ChildFamilyName));
}

#[test]
fn names_plurals_possessives_and_initials() {
    caught(
        demo,
        &[
            ("Tylers", ChildGivenName),
            ("Tyler’s", ChildGivenName),
            ("the Blackwoods'", ChildFamilyName),
            ("Blackwoods’ house", ChildFamilyName),
            ("T Blackwood", ChildFullName),
            ("T.Blackwood", ChildFullName),
            ("D. Blackwood", FamilyMemberName),
            ("TylerBlackwood", ChildFullName),
        ],
    );
    clean(
        demo,
        &[
            "Tyleria",
            "Blackwoodshire",
            "Danaher",
            "Dan a question",
            "the Tyne",
        ],
    );
}

#[test]
fn compound_names_with_or_without_their_separators() {
    caught(
        other,
        &[
            ("O'Brien-Smith", ChildFamilyName),
            ("the OBrien family", ChildFamilyName),
            ("the O Brien family", ChildFamilyName),
            ("the O’Brien family", ChildFamilyName),
            ("the Smiths", ChildFamilyName),
            ("MaryJane", ChildGivenName),
            ("Mary Jane", ChildGivenName),
            ("Mary-Jane", ChildGivenName),
            ("Mc Donald", FamilyMemberName),
            ("MCDONALD", FamilyMemberName),
            ("known to friends as jj", ChildOtherName),
            ("Ms Watson and Kerry", FamilyMemberName),
            ("her sister May was present", FamilyMemberName),
        ],
    );
    clean(
        other,
        &[
            "Brien",
            "Jaydenson, Smithfield, Leeds, Kerryman",
            "the child, Child A, was at nursery",
        ],
    );
}

#[test]
fn titles_and_small_words_are_not_names() {
    clean(
        other,
        &[
            "Dr Patel, the designated doctor, and Mrs Khan of the police",
            "Mr Jones, Ms Ahmed, Miss Evans and Mx Patel-Shaw",
        ],
    );
    caught(other, &[("Dr Watson", FamilyMemberName)]);
}

#[test]
fn a_name_that_is_a_month_is_not_matched_in_a_date() {
    clean(
        other,
        &[
            "On 3 May 2026 the sub-group met",
            "May 3, 2026 was busy",
            "by 3rd May",
        ],
    );
    caught(other, &[("in May the family moved", FamilyMemberName)]);
}

#[test]
fn streets_both_ways_and_from_any_part_of_a_line() {
    caught(
        demo,
        &[
            ("Mill Ln", AddressLine),
            ("MILL LANE", AddressLine),
            ("7, Mill Lane", AddressLine),
            ("7 mill ln.", AddressLine),
        ],
    );
    caught(
        other,
        &[
            ("Acacia Ave", AddressLine),
            ("Rose Ct", AddressLine),
            ("Rose Court", AddressLine),
            ("12 Acacia Avenue", AddressLine),
        ],
    );
    let abbreviations = [
        ("Mill Road", "Mill Rd"),
        ("High Street", "High St"),
        ("Oak Avenue", "Oak Ave"),
        ("Elm Close", "Elm Cl"),
        ("Park Drive", "Park Dr"),
        ("Moor Crescent", "Moor Cres"),
        ("Kings Court", "Kings Ct"),
        ("Queens Place", "Queens Pl"),
        ("Rose Gardens", "Rose Gdns"),
        ("Hill Terrace", "Hill Terr"),
        ("Market Square", "Market Sq"),
        ("Ash Grove", "Ash Gr"),
    ];
    for (full, short) in abbreviations {
        for (annex_says, text_says) in [(full, short), (short, full)] {
            let annex = RestrictedAnnex {
                address: Some(Address {
                    lines: vec![format!("3 {annex_says}")],
                    ..Address::default()
                }),
                ..RestrictedAnnex::default()
            };
            let found = find_restricted_details(&annex, &format!("lived on {text_says} until"));
            assert!(found.contains(&AddressLine), "{annex_says} / {text_says}");
        }
    }
    clean(demo, &["Mill Road", "Lane Mill", "the mill"]);
    clean(other, &["Acacia Road", "Flat", "room 14", "the rose in court"]);
}

#[test]
fn postcodes_with_any_spacing_and_the_outward_code_by_the_street_or_town() {
    caught(
        demo,
        &[
            ("AN1 4XY", Postcode),
            ("AN14XY", Postcode),
            ("AN1  4XY", Postcode),
            ("an1 4xy", Postcode),
            ("A N 1 4 X Y", Postcode),
            ("Anytown AN1", Postcode),
            ("Anytown, AN1", Postcode),
            ("AN1, Anytown", Postcode),
            ("Mill Lane, AN1", Postcode),
        ],
    );
    clean(
        demo,
        &[
            "AN1",
            "Anytown Safeguarding Children Board",
            "AN2 4XY",
            "room AN1 on the first floor",
        ],
    );
}

#[test]
fn dates_of_birth_as_uk_writers_write_them() {
    let born = [
        "9 June 2014",
        "9th June 2014",
        "9th of June 2014",
        "the ninth of June 2014",
        "9 Jun 14",
        "9 Jun. '14",
        "09-Jun-2014",
        "June 9, 2014",
        "June 9th 2014",
        "June the 9th, 2014",
        "9/6/2014",
        "09/06/2014",
        "9.6.14",
        "09-06-14",
        "2014-06-09",
        "2014 June 9",
        "09062014",
        "090614",
        "20140609",
        "06/09/2014",
        "06092014",
        "Monday, 9 June 2014",
    ];
    for text in born {
        assert!(demo(text).contains(&ChildDateOfBirth), "{text}");
    }
    clean(
        demo,
        &[
            "9 June 2015",
            "10 June 2014",
            "June 2014",
            "19/06/2014",
            "2014-06-19",
            "09062015",
            "9 June",
        ],
    );
    let twenty_first = RestrictedAnnex {
        date_of_birth: NaiveDate::from_ymd_opt(2015, 3, 21),
        ..RestrictedAnnex::default()
    };
    for text in [
        "twenty-first of March 2015",
        "the twenty first of March 2015",
        "21st Mar 15",
    ] {
        assert!(
            find_restricted_details(&twenty_first, text).contains(&ChildDateOfBirth),
            "{text}"
        );
    }
    assert!(other("mother born 20/11/1990").contains(&FamilyMemberDateOfBirth));
}

#[test]
fn the_town_and_one_letter_names_are_not_searched() {
    let annex = RestrictedAnnex {
        child_given_names: Some("K".into()),
        child_family_name: Some("Ng".into()),
        ..compound()
    };
    let found = find_restricted_details(&annex, "K attended a school in Anytown");
    assert!(found.is_empty(), "{found:?}");
    assert!(find_restricted_details(&annex, "the Ng family").contains(&ChildFamilyName));
}

#[test]
fn overrides_leave_out_one_term_and_its_variants_only() {
    let scanner = AnnexScanner::new(&example::annex()).allowing(["blackwood"]);
    assert!(scanner.find("the Blackwoods said").is_empty());
    assert_eq!(
        scanner.find("Tyler Blackwood"),
        [ChildFullName, ChildGivenName].into()
    );
    assert_eq!(scanner.find("T. Blackwood"), [ChildFullName].into());
    assert_eq!(scanner.find("Dana Blackwood"), [FamilyMemberName].into());
    let postcode = AnnexScanner::new(&example::annex()).allowing(["an14xy"]);
    assert!(postcode.find("AN1 4XY, Anytown AN1").is_empty());
    let date = AnnexScanner::new(&example::annex()).allowing(["2014-06-09"]);
    assert!(date.find("9 June 2014").is_empty());
}

#[test]
fn found_terms_name_the_entry_and_its_kinds() {
    let scanner = AnnexScanner::new(&example::annex());
    let found = scanner.find_terms("The Blackwoods of Mill Ln, born 9/6/14");
    let summary: Vec<(&str, &str, Vec<RestrictedDetail>)> = found
        .iter()
        .map(|t| (t.key.as_str(), t.label.as_str(), t.kinds.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("2014-06-09", "9 June 2014", vec![ChildDateOfBirth]),
            ("blackwood", "Blackwood", vec![ChildFamilyName, FamilyMemberName]),
            ("mill lane", "7 Mill Lane", vec![AddressLine]),
        ]
    );
    assert_eq!(
        scanner.kinds_of("blackwood"),
        vec![ChildFamilyName, FamilyMemberName]
    );
}

#[test]
fn an_empty_annex_finds_nothing() {
    assert!(find_restricted_details(&RestrictedAnnex::default(), "anything at all 9 June 2014").is_empty());
}
