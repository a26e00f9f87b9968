//! The board's identity: the name and area printed on every letter and shown in the app's header.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::sentence_case;
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
    let message = if value.is_empty() {
        format!("Enter {what}")
    } else if value.chars().count() > MAX_NAME_CHARS {
        format!(
            "{} must be {MAX_NAME_CHARS} characters or fewer",
            sentence_case(what)
        )
    } else if value.chars().any(char::is_control) {
        format!("{} must not contain control characters", sentence_case(what))
    } else {
        return;
    };
    problems.push(FieldProblem { field, message });
}

/// Pasted text often carries doubled spaces or line breaks; a letterhead should not.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(result: Result<BoardProfile, DomainError>) -> Vec<FieldProblem> {
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
    fn non_ascii_names_are_kept() {
        let profile = BoardProfile::validated("Bwrdd Diogelu Plant Gŵyr", "Gŵyr").expect("valid");
        assert_eq!(profile.name, "Bwrdd Diogelu Plant Gŵyr");
    }
}
