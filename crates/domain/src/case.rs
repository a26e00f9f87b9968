//! A case as the board sees it, and the restricted annex that it never sees.
//!
//! [`CaseSummary`] and everything in it is **board-facing**: it may be printed in a letter to
//! every member. Identifying details live only in [`RestrictedAnnex`], a separate type that no
//! board-facing type contains; [`crate::checks`] makes sure none of them leaks into board text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, FieldProblem};

/// The pattern for new case references unless the board sets its own.
pub const DEFAULT_REFERENCE_PATTERN: &str = "SCR-{year}-{seq:03}";

/// What the board is told about a case. Every field is optional so that a case can be saved
/// as it is opened; [`crate::checks::check`] says what is missing before finalising.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct CaseSummary {
    /// e.g. "SCR-2026-003", see [`format_reference`].
    pub reference: Option<String>,
    /// How the child is named to the board: "Child A", "Family B".
    pub pseudonym: Option<String>,
    #[serde(alias = "incident_date")]
    pub incident_date: Option<NaiveDate>,
    /// When the board was notified (the notifiable incident / serious incident notification).
    #[serde(alias = "notification_date")]
    pub notification_date: Option<NaiveDate>,
    /// When the case was referred for consideration of a review (QM1).
    #[serde(alias = "referral_date")]
    pub referral_date: Option<NaiveDate>,
    #[serde(alias = "referring_agency")]
    pub referring_agency: Option<String>,
    /// A summary written for the board: pseudonymised, minimal family detail (QM14).
    pub summary: Option<String>,
    /// QM9: other processes running alongside.
    #[serde(alias = "parallel_processes")]
    pub parallel_processes: ParallelProcesses,
    /// QM4: how the family will be told.
    #[serde(alias = "family_plan")]
    pub family_plan: Option<FamilyPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct ParallelProcesses {
    /// The chair has confirmed that no other process is running (so an empty list is an answer).
    #[serde(alias = "none_known")]
    pub none_known: bool,
    pub items: Vec<ParallelProcess>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParallelProcess {
    pub kind: ParallelProcessKind,
    pub status: ProcessStatus,
    /// What the process is, in words fit for the board.
    #[serde(default)]
    pub description: Option<String>,
    /// The liaison planned with it (e.g. practitioner conversations deferred until the CPS agrees).
    #[serde(default)]
    pub liaison: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParallelProcessKind {
    /// Police investigation or Crown Prosecution Service proceedings.
    PoliceInvestigation,
    CoronersInquest,
    FamilyCourt,
    HrDisciplinary,
    DomesticHomicideReview,
    SafeguardingAdultsReview,
    ComplaintsOrLitigation,
    Other,
}

impl ParallelProcessKind {
    pub fn label(self) -> &'static str {
        match self {
            ParallelProcessKind::PoliceInvestigation => "Police investigation or CPS proceedings",
            ParallelProcessKind::CoronersInquest => "Coroner's inquest",
            ParallelProcessKind::FamilyCourt => "Family court proceedings",
            ParallelProcessKind::HrDisciplinary => "HR or disciplinary process",
            ParallelProcessKind::DomesticHomicideReview => "Domestic homicide review",
            ParallelProcessKind::SafeguardingAdultsReview => "Safeguarding adults review",
            ParallelProcessKind::ComplaintsOrLitigation => "Complaints or litigation",
            ParallelProcessKind::Other => "Other process",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProcessStatus {
    Expected,
    UnderWay,
    Concluded,
    NotKnown,
}

/// QM4: how, when and by whom the family is told, and in what language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct FamilyPlan {
    pub how: Option<String>,
    /// When, in words ("after the strategy meeting") or as a date.
    pub when: Option<String>,
    #[serde(alias = "planned_date")]
    pub planned_date: Option<NaiveDate>,
    /// The role that will tell the family (a role, not a family member's name).
    #[serde(alias = "by_whom")]
    pub by_whom: Option<String>,
    pub language: Option<String>,
    #[serde(alias = "interpreter_needed")]
    pub interpreter_needed: Option<bool>,
    pub support: Option<String>,
}

/// Identifying details, kept in the encrypted archive, shown only on demand, never printed in
/// a circular, and never part of any board-facing type.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct RestrictedAnnex {
    #[serde(alias = "child_given_names")]
    pub child_given_names: Option<String>,
    #[serde(alias = "child_family_name")]
    pub child_family_name: Option<String>,
    /// Other names the child is known by.
    #[serde(alias = "child_other_names")]
    pub child_other_names: Vec<String>,
    #[serde(alias = "date_of_birth")]
    pub date_of_birth: Option<NaiveDate>,
    pub address: Option<Address>,
    #[serde(alias = "family_members")]
    pub family_members: Vec<FamilyMember>,
    /// Anything else identifying; not searched for in board text (it is free text).
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Address {
    /// House and street lines, e.g. "12 Acacia Avenue".
    pub lines: Vec<String>,
    /// Town or city. Not searched for in board text: the board's own area is often the town.
    pub town: Option<String>,
    pub postcode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct FamilyMember {
    pub name: Option<String>,
    /// e.g. "mother", "step-father"; not identifying on its own.
    pub relationship: Option<String>,
    #[serde(alias = "date_of_birth")]
    pub date_of_birth: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// Formats a case reference from a pattern with `{year}` and `{seq}` placeholders; `{seq:03}`
/// pads the number with zeros to 3 digits. `SCR-{year}-{seq:03}` with 2026 and 3 gives
/// `SCR-2026-003`. Other text is copied as it is; `{{` and `}}` stand for `{` and `}`.
pub fn format_reference(pattern: &str, year: i32, seq: u32) -> Result<String, DomainError> {
    let mut out = String::new();
    for part in parse_pattern(pattern)? {
        match part {
            Part::Text(text) => out.push_str(&text),
            Part::Year => out.push_str(&year.to_string()),
            Part::Seq(width) => out.push_str(&format!("{seq:0width$}")),
        }
    }
    Ok(out)
}

/// The reference for the next case of `year`: one more than the highest sequence number among
/// `existing` references that match the pattern for that year (1 when there are none).
pub fn next_reference<'a>(
    pattern: &str,
    year: i32,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, DomainError> {
    let parts = parse_pattern(pattern)?;
    let highest = existing
        .into_iter()
        .filter_map(|reference| match_reference(&parts, reference))
        .filter(|(y, _)| *y == Some(year) || y.is_none())
        .map(|(_, seq)| seq)
        .max()
        .unwrap_or(0);
    format_reference(pattern, year, highest.saturating_add(1))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    Seq(usize),
}

fn pattern_error(message: String) -> DomainError {
    DomainError::Invalid {
        summary: "The case reference pattern needs correcting".to_owned(),
        problems: vec![FieldProblem {
            field: "reference_pattern",
            message,
        }],
    }
}

fn parse_pattern(pattern: &str) -> Result<Vec<Part>, DomainError> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.chars().peekable();
    let mut has_seq = false;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err(pattern_error("A { in the pattern is not closed with }".into())),
                    }
                }
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(match name.as_str() {
                    "year" => Part::Year,
                    "seq" => {
                        has_seq = true;
                        Part::Seq(0)
                    }
                    other => match other.strip_prefix("seq:") {
                        Some(width) if width.len() <= 2 && width.chars().all(|c| c.is_ascii_digit()) => {
                            has_seq = true;
                            Part::Seq(width.parse().unwrap_or(0))
                        }
                        _ => {
                            return Err(pattern_error(format!(
                                "The pattern may use {{year}}, {{seq}} or {{seq:03}}, not {{{other}}}"
                            )))
                        }
                    },
                });
            }
            '}' => return Err(pattern_error("A } in the pattern has no opening {".into())),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    if !has_seq {
        return Err(pattern_error(
            "The pattern must contain {seq} so that each case gets its own number".into(),
        ));
    }
    Ok(parts)
}

/// Reads (year, seq) back out of a reference made with the pattern.
fn match_reference(parts: &[Part], reference: &str) -> Option<(Option<i32>, u32)> {
    let mut rest = reference;
    let mut year = None;
    let mut seq = None;
    for part in parts {
        match part {
            Part::Text(text) => rest = rest.strip_prefix(text.as_str())?,
            Part::Year | Part::Seq(_) => {
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                let (number, after) = rest.split_at(digits);
                rest = after;
                if *part == Part::Year {
                    year = Some(number.parse().ok()?);
                } else {
                    seq = Some(number.parse().ok()?);
                }
            }
        }
    }
    if rest.is_empty() {
        Some((year, seq?))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_follow_the_pattern() {
        assert_eq!(
            format_reference(DEFAULT_REFERENCE_PATTERN, 2026, 3).unwrap(),
            "SCR-2026-003"
        );
        assert_eq!(
            format_reference(DEFAULT_REFERENCE_PATTERN, 2026, 1234).unwrap(),
            "SCR-2026-1234"
        );
        assert_eq!(format_reference("CR/{seq}/{year}", 2026, 7).unwrap(), "CR/7/2026");
        assert_eq!(format_reference("{{{seq:02}}}", 2026, 7).unwrap(), "{07}");
        for bad in [
            "SCR-{year}",
            "SCR-{yr}-{seq}",
            "SCR-{seq",
            "SCR-}{seq}",
            "{seq:x}",
        ] {
            assert!(format_reference(bad, 2026, 1).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_next_reference_counts_per_year() {
        let existing = [
            "SCR-2025-009",
            "SCR-2026-001",
            "SCR-2026-002",
            "other",
            "SCR-2026-x",
        ];
        assert_eq!(
            next_reference(DEFAULT_REFERENCE_PATTERN, 2026, existing).unwrap(),
            "SCR-2026-003"
        );
        assert_eq!(
            next_reference(DEFAULT_REFERENCE_PATTERN, 2027, existing).unwrap(),
            "SCR-2027-001"
        );
        // A pattern without a year numbers cases across years.
        assert_eq!(
            next_reference("CR-{seq:04}", 2027, ["CR-0041"]).unwrap(),
            "CR-0042"
        );
    }

    #[test]
    fn a_case_saved_half_filled_round_trips() {
        let case = CaseSummary {
            pseudonym: Some("Child A".into()),
            notification_date: NaiveDate::from_ymd_opt(2026, 3, 17),
            parallel_processes: ParallelProcesses {
                none_known: false,
                items: vec![ParallelProcess {
                    kind: ParallelProcessKind::CoronersInquest,
                    status: ProcessStatus::Expected,
                    description: None,
                    liaison: Some("Through the coroner's officer".into()),
                }],
            },
            ..CaseSummary::default()
        };
        let json = serde_json::to_string(&case).unwrap();
        assert!(json.contains("\"notificationDate\":\"2026-03-17\""), "{json}");
        assert_eq!(serde_json::from_str::<CaseSummary>(&json).unwrap(), case);
        // Archives written before the IPC names became camelCase hold the snake_case form.
        let stored = r#"{"pseudonym":"Child A","notification_date":"2026-03-17",
            "parallel_processes":{"none_known":false,"items":[{"kind":"coroners_inquest",
            "status":"expected","description":null,"liaison":"Through the coroner's officer"}]}}"#;
        assert_eq!(serde_json::from_str::<CaseSummary>(stored).unwrap(), case);
        assert_eq!(
            serde_json::from_str::<CaseSummary>("{}").unwrap(),
            CaseSummary::default()
        );
    }
}
