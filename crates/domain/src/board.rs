//! The board's identity: the name and area printed on every letter and shown in the app's header.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, FieldProblem};

/// Longest name we accept: a letterhead line has room for about this much.
pub const MAX_NAME_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardProfile {
    pub name: String,
    pub area: String,
}

impl BoardProfile {
    /// Trims what was typed and checks it, so that nothing half-filled reaches the archive.
    pub fn validated(name: &str, area: &str) -> Result<BoardProfile, DomainError> {
        let profile = BoardProfile {
            name: collapse_whitespace(name),
            area: collapse_whitespace(area),
        };
        let mut problems = Vec::new();
        check_text(&mut problems, "name", &profile.name, "the board's name");
        check_text(&mut problems, "area", &profile.area, "the area the board covers");
        if problems.is_empty() {
            Ok(profile)
        } else {
            Err(DomainError::Invalid {
                summary: "The board's details need correcting".to_owned(),
                problems,
            })
        }
    }
}

/// The marking printed at the top and foot of every letter unless the board chooses another.
pub const DEFAULT_PROTECTIVE_MARKING: &str = "OFFICIAL-SENSITIVE";
/// What the board calls its case review sub-group unless it says otherwise.
pub const DEFAULT_SUBGROUP_NAME: &str = "Case Review Sub-group";
/// A letterhead has room for this many address lines.
pub const MAX_ADDRESS_LINES: usize = 6;

/// How the board's letters are headed and signed, and the defaults for new cases.
/// The logo is kept beside these (see the desk), as it is checked and scaled there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct BoardSettings {
    /// The postal address for the letterhead, one line each, postcode last.
    #[serde(alias = "address_lines")]
    pub address_lines: Vec<String>,
    #[serde(alias = "chair_name")]
    pub chair_name: String,
    #[serde(alias = "chair_title")]
    pub chair_title: String,
    #[serde(alias = "chair_email")]
    pub chair_email: String,
    #[serde(alias = "protective_marking")]
    pub protective_marking: String,
    /// The framework new cases follow, e.g. "wt2015-scr".
    #[serde(alias = "framework_id")]
    pub framework_id: String,
    #[serde(alias = "subgroup_name")]
    pub subgroup_name: String,
    /// Members are to be told of a decision within this many working days of it: the measure
    /// the Quality Marker 3 report and the chair's home page use.
    #[serde(alias = "told_within_working_days")]
    pub told_within_working_days: u32,
}

/// The longest a board may allow itself to tell its members of a decision, in working days.
pub const MAX_TOLD_WITHIN_WORKING_DAYS: u32 = 30;

impl Default for BoardSettings {
    fn default() -> Self {
        BoardSettings {
            address_lines: Vec::new(),
            chair_name: String::new(),
            chair_title: "Independent Chair".to_owned(),
            chair_email: String::new(),
            protective_marking: DEFAULT_PROTECTIVE_MARKING.to_owned(),
            framework_id: crate::framework::DEFAULT_FRAMEWORK_ID.to_owned(),
            subgroup_name: DEFAULT_SUBGROUP_NAME.to_owned(),
            told_within_working_days: crate::qm3::DEFAULT_TOLD_WITHIN_WORKING_DAYS,
        }
    }
}

impl BoardSettings {
    /// Trims what was typed, drops empty address lines and checks the rest. `framework_ids` are
    /// the frameworks available to choose from.
    pub fn validated(&self, framework_ids: &[String]) -> Result<BoardSettings, DomainError> {
        let settings = BoardSettings {
            address_lines: self
                .address_lines
                .iter()
                .flat_map(|line| line.lines())
                .map(collapse_whitespace)
                .filter(|line| !line.is_empty())
                .collect(),
            chair_name: collapse_whitespace(&self.chair_name),
            chair_title: collapse_whitespace(&self.chair_title),
            chair_email: self.chair_email.trim().to_owned(),
            protective_marking: collapse_whitespace(&self.protective_marking),
            framework_id: self.framework_id.trim().to_owned(),
            subgroup_name: collapse_whitespace(&self.subgroup_name),
            told_within_working_days: self.told_within_working_days,
        };

        let mut problems = Vec::new();
        if !(1..=MAX_TOLD_WITHIN_WORKING_DAYS).contains(&settings.told_within_working_days) {
            problems.push(FieldProblem {
                field: "told_within_working_days",
                message: format!("Enter a number of working days from 1 to {MAX_TOLD_WITHIN_WORKING_DAYS}"),
            });
        }
        if settings.address_lines.len() > MAX_ADDRESS_LINES {
            problems.push(FieldProblem {
                field: "address_lines",
                message: format!("The address must be {MAX_ADDRESS_LINES} lines or fewer"),
            });
        }
        if let Some(line) = settings
            .address_lines
            .iter()
            .find(|line| line.chars().count() > MAX_NAME_CHARS)
        {
            problems.push(FieldProblem {
                field: "address_lines",
                message: format!(
                    "Each address line must be {MAX_NAME_CHARS} characters or fewer (“{}…”)",
                    line.chars().take(20).collect::<String>()
                ),
            });
        }
        optional_text(
            &mut problems,
            "chair_name",
            &settings.chair_name,
            "the chair's name",
        );
        optional_text(
            &mut problems,
            "chair_title",
            &settings.chair_title,
            "the chair's title",
        );
        if !settings.chair_email.is_empty() {
            if let Some(message) = crate::register::email_problem(&settings.chair_email) {
                problems.push(FieldProblem {
                    field: "chair_email",
                    message: message.replace("the member's", "the chair's"),
                });
            }
        }
        check_text(
            &mut problems,
            "protective_marking",
            &settings.protective_marking,
            "the protective marking, for example OFFICIAL-SENSITIVE",
        );
        check_text(
            &mut problems,
            "subgroup_name",
            &settings.subgroup_name,
            "the name of the case review sub-group",
        );
        if !framework_ids.contains(&settings.framework_id) {
            problems.push(FieldProblem {
                field: "framework_id",
                message: "Select the framework new cases follow".to_owned(),
            });
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(DomainError::Invalid {
                summary: "The board's settings need correcting".to_owned(),
                problems,
            })
        }
    }
}

fn optional_text(problems: &mut Vec<FieldProblem>, field: &'static str, value: &str, what: &str) {
    if !value.is_empty() {
        check_text(problems, field, value, what);
    }
}

/// A sensible default area for a board set up from a script: its name without the usual
/// suffix, e.g. "Anytown" from "Anytown Safeguarding Children Board".
pub fn area_from_board_name(board_name: &str) -> String {
    let name = collapse_whitespace(board_name);
    let suffixes = [
        " Local Safeguarding Children Board",
        " Safeguarding Children Board",
        " Safeguarding Children Partnership",
        " Safeguarding Partnership",
        " LSCB",
    ];
    suffixes
        .iter()
        .find_map(|suffix| {
            name.len()
                .checked_sub(suffix.len())
                .filter(|&cut| name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(suffix))
                .map(|cut| name[..cut].to_owned())
        })
        .unwrap_or(name)
}

fn check_text(problems: &mut Vec<FieldProblem>, field: &'static str, value: &str, what: &str) {
    problems.extend(FieldProblem::in_required_text(field, value, what, MAX_NAME_CHARS));
}

/// Pasted text often carries doubled spaces or line breaks; a letterhead should not.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems<T: std::fmt::Debug>(result: Result<T, DomainError>) -> Vec<FieldProblem> {
        match result {
            Err(DomainError::Invalid { problems, .. }) => problems,
            Ok(profile) => panic!("expected a validation error, got {profile:?}"),
            Err(other) => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn trims_and_collapses_whitespace() {
        let profile =
            BoardProfile::validated("  Anytown  Safeguarding\nChildren Board ", " Anytown ").expect("valid");
        assert_eq!(profile.name, "Anytown Safeguarding Children Board");
        assert_eq!(profile.area, "Anytown");
    }

    #[test]
    fn empty_fields_are_named_with_what_to_do() {
        let found = problems(BoardProfile::validated("  ", ""));
        assert_eq!(
            found,
            vec![
                FieldProblem {
                    field: "name",
                    message: "Enter the board's name".into()
                },
                FieldProblem {
                    field: "area",
                    message: "Enter the area the board covers".into()
                },
            ]
        );
    }

    #[test]
    fn overlong_name_is_refused() {
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let found = problems(BoardProfile::validated(&long, "Anytown"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "name");
        assert!(found[0].message.starts_with("The board's name must be 120"));
    }

    #[test]
    fn the_area_is_the_name_without_its_suffix() {
        assert_eq!(
            area_from_board_name("Anytown Safeguarding Children Board"),
            "Anytown"
        );
        assert_eq!(
            area_from_board_name("Gŵyr Local Safeguarding Children Board"),
            "Gŵyr"
        );
        assert_eq!(area_from_board_name("Northshire LSCB"), "Northshire");
        assert_eq!(area_from_board_name("Somewhere Else"), "Somewhere Else");
    }

    #[test]
    fn settings_default_to_the_seed_framework_and_marking() {
        let settings = BoardSettings::default();
        assert_eq!(settings.protective_marking, "OFFICIAL-SENSITIVE");
        assert_eq!(settings.framework_id, "wt2015-scr");
        let ids = vec!["wt2015-scr".to_owned()];
        assert_eq!(settings.validated(&ids), Ok(settings.clone()));
    }

    #[test]
    fn settings_problems_name_their_fields() {
        let settings = BoardSettings {
            address_lines: vec!["  1 High Street ".into(), "".into(), "Anytown\nAT1 1AA".into()],
            chair_email: "chair@".into(),
            protective_marking: " ".into(),
            framework_id: "nope".into(),
            ..BoardSettings::default()
        };
        let found = problems(settings.validated(&["wt2015-scr".to_owned()]));
        let fields: Vec<&str> = found.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["chair_email", "protective_marking", "framework_id"]);
        let ok = BoardSettings {
            address_lines: vec!["  1 High Street ".into(), "".into(), "Anytown\nAT1 1AA".into()],
            ..BoardSettings::default()
        }
        .validated(&["wt2015-scr".to_owned()])
        .expect("valid");
        assert_eq!(ok.address_lines, ["1 High Street", "Anytown", "AT1 1AA"]);
    }

    #[test]
    fn non_ascii_names_are_kept() {
        let profile = BoardProfile::validated("Bwrdd Diogelu Plant Gŵyr", "Gŵyr").expect("valid");
        assert_eq!(profile.name, "Bwrdd Diogelu Plant Gŵyr");
    }
}
