use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn input() -> MemberInput {
    MemberInput {
        name: " Siobhán  O'Neill ".into(),
        role: "Head of Safeguarding".into(),
        agency: "Police".into(),
        email: " siobhan.oneill@police.example.org ".into(),
        phone: "".into(),
        term_start: "01/04/2024".into(),
        term_end: "".into(),
        voting: Some(Voting::Voting),
        receives_letters: true,
        channel: Some(Channel::Email),
        notes: "".into(),
    }
}

fn problems(input: &MemberInput) -> Vec<(&'static str, String)> {
    match input.validated() {
        Err(DomainError::MemberInvalid { problems, .. }) => {
            problems.into_iter().map(|p| (p.field, p.message)).collect()
        }
        other => panic!("expected member problems, got {other:?}"),
    }
}

#[test]
fn a_valid_member_is_trimmed() {
    let details = input().validated().expect("valid");
    assert_eq!(details.name, "Siobhán O'Neill");
    assert_eq!(details.email, "siobhan.oneill@police.example.org");
    assert_eq!(details.term_start, ymd(2024, 4, 1));
    assert_eq!(details.phone, None);
}

#[test]
fn every_problem_names_its_field() {
    let bad = MemberInput {
        name: "".into(),
        role: "".into(),
        agency: "".into(),
        email: "not-an-email".into(),
        phone: "call me".into(),
        term_start: "31/02/2024".into(),
        term_end: "soon".into(),
        voting: None,
        receives_letters: false,
        channel: None,
        notes: "x".repeat(MAX_NOTES_CHARS + 1),
    };
    let fields: Vec<&str> = problems(&bad).into_iter().map(|(field, _)| field).collect();
    assert_eq!(
        fields,
        [
            "name",
            "role",
            "agency",
            "email",
            "phone",
            "notes",
            "term_start",
            "term_end",
            "voting",
            "channel"
        ]
    );
}

#[test]
fn the_term_cannot_end_before_it_starts() {
    let found = problems(&MemberInput {
        term_end: "31/03/2024".into(),
        ..input()
    });
    assert_eq!(
        found,
        [(
            "term_end",
            "The end of the term must be on or after its start (1 April 2024)".to_owned()
        )]
    );
}

#[test]
fn email_syntax() {
    for good in ["a@b.co", "jo.bloggs+board@nhs.net", "dafydd@gŵynedd.cymru"] {
        assert_eq!(email_problem(good), None, "{good}");
    }
    for bad in [
        "",
        "jo",
        "jo@",
        "@nhs.net",
        "jo@nhs",
        "jo bloggs@nhs.net",
        "jo@@nhs.net",
        "jo@nhs..net",
        ".jo@nhs.net",
    ] {
        assert!(email_problem(bad).is_some(), "{bad}");
    }
}

fn version(
    member_id: MemberId,
    seq: i64,
    effective_from: NaiveDate,
    details: MemberDetails,
) -> MemberVersion {
    MemberVersion {
        member_id,
        seq,
        effective_from,
        details,
    }
}

#[test]
fn duplicates_by_email_ignore_case() {
    let details = input().validated().expect("valid");
    let register = Register::from_versions([version(1, 1, details.term_start, details.clone())]);
    let mut other = details.clone();
    other.email = "SIOBHAN.ONEILL@police.example.org".into();
    let error = check_unique_email(&register, &other, None).expect_err("duplicate");
    assert!(error.to_string().contains("need correcting"));
    // The member themselves may keep their address.
    check_unique_email(&register, &other, Some(1)).expect("same member");
}

#[test]
fn the_register_at_a_date_uses_the_details_in_effect_then() {
    let joined = input().validated().expect("valid");
    let mut promoted = joined.clone();
    promoted.role = "Detective Superintendent".into();
    let register = Register::from_versions([
        version(1, 1, ymd(2024, 4, 1), joined.clone()),
        version(1, 2, ymd(2025, 1, 1), promoted.clone()),
    ]);
    assert!(register.at(ymd(2024, 3, 31))[0].status == MemberStatus::NotStarted);
    assert_eq!(
        register.at(ymd(2024, 12, 31))[0].details.role,
        "Head of Safeguarding"
    );
    assert_eq!(
        register.at(ymd(2025, 1, 1))[0].details.role,
        "Detective Superintendent"
    );

    let (from, left) = register
        .leaving(1, ymd(2025, 6, 30))
        .expect("member")
        .expect("valid");
    assert_eq!(from, ymd(2025, 1, 1));
    let register = Register::from_versions([
        version(1, 1, ymd(2024, 4, 1), joined),
        version(1, 2, ymd(2025, 1, 1), promoted),
        version(1, 3, from, left),
    ]);
    // Leaving changes only the term: the role on each day is as it was.
    assert_eq!(
        register.at(ymd(2024, 12, 31))[0].details.role,
        "Head of Safeguarding"
    );
    assert_eq!(register.at(ymd(2025, 6, 30))[0].status, MemberStatus::Active);
    assert_eq!(register.at(ymd(2025, 7, 1))[0].status, MemberStatus::Left);
    assert_eq!(register.serving_on(ymd(2025, 7, 1)).len(), 0);
    assert!(register.leaving(1, ymd(2020, 1, 1)).expect("member").is_err());
}

/// A tiny deterministic generator (xorshift64*), so the property test needs no extra crate
/// and every failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DAYS: i64 = 120;

/// The naive model: each member's details written out for every single day, and the term as
/// last recorded. Edits overwrite the days from their effective date on.
#[derive(Debug, Default)]
struct Model {
    days: BTreeMap<MemberId, Vec<MemberDetails>>,
    terms: BTreeMap<MemberId, (NaiveDate, Option<NaiveDate>)>,
}

#[test]
fn the_register_at_any_date_matches_a_naive_model() {
    let base = ymd(2024, 1, 1);
    let day = |n: i64| base + Duration::days(n);
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut versions: Vec<MemberVersion> = Vec::new();
        let mut model = Model::default();
        let mut seq = 0;
        let mut next_id = 1;
        for _ in 0..(5 + rng.below(40)) {
            seq += 1;
            let register = Register::from_versions(versions.clone());
            let existing: Vec<MemberId> = model.days.keys().copied().collect();
            let action = if existing.is_empty() { 0 } else { rng.below(3) };
            let mut details = input().validated().expect("valid");
            details.role = format!("role {seq}");
            details.email = format!("m{seq}@example.org");
            match action {
                0 => {
                    let id = next_id;
                    next_id += 1;
                    let start = day(rng.below(DAYS as u64) as i64);
                    details.term_start = start;
                    details.name = format!("Member {id}");
                    model.days.insert(id, vec![details.clone(); DAYS as usize]);
                    model.terms.insert(id, (start, None));
                    versions.push(version(id, seq, start, details));
                }
                1 => {
                    let id = existing[rng.below(existing.len() as u64) as usize];
                    let from = rng.below(DAYS as u64) as i64;
                    let current = register.member(id).expect("member").details;
                    details.name = current.name.clone();
                    details.term_start = current.term_start;
                    details.term_end = current.term_end;
                    if rng.below(5) == 0 {
                        // A correction of the start date.
                        details.term_start = day(rng.below(DAYS as u64) as i64);
                        details.term_end = details.term_end.filter(|end| *end >= details.term_start);
                    }
                    for slot in &mut model.days.get_mut(&id).expect("days")[from as usize..] {
                        *slot = details.clone();
                    }
                    model.terms.insert(id, (details.term_start, details.term_end));
                    versions.push(version(id, seq, day(from), details));
                }
                _ => {
                    let id = existing[rng.below(existing.len() as u64) as usize];
                    let start = model.terms[&id].0;
                    let last = start + Duration::days(rng.below(60) as i64);
                    let (from, left) = register.leaving(id, last).expect("member").expect("valid");
                    model.terms.insert(id, (start, Some(last)));
                    versions.push(version(id, seq, from, left));
                }
            }
        }
        let register = Register::from_versions(versions);
        for n in 0..DAYS + 70 {
            let date = day(n);
            let found: BTreeMap<MemberId, (MemberStatus, MemberDetails)> = register
                .at(date)
                .into_iter()
                .map(|e| (e.member_id, (e.status, e.details)))
                .collect();
            assert_eq!(found.len(), model.days.len(), "seed {seed}");
            for (id, days) in &model.days {
                let (start, end) = model.terms[id];
                let mut expected = days[n.min(DAYS - 1) as usize].clone();
                expected.term_start = start;
                expected.term_end = end;
                let status = if date < start {
                    MemberStatus::NotStarted
                } else if end.is_some_and(|end| end < date) {
                    MemberStatus::Left
                } else {
                    MemberStatus::Active
                };
                assert_eq!(found[id], (status, expected), "seed {seed}, member {id}, day {n}");
            }
        }
    }
}
