//! The disposal certificate: what class of record was disposed of, for which case, when, under
//! which rule and on whose authority, and which backups made before it still hold the records.
//! It is kept in the archive for good, pinned by the audit chain, and holds none of the disposed
//! content: only the case reference, counts and row numbers, and the SHA-256 hashes of the
//! letters and decisions (so that a copy someone still holds can be recognised as once issued).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EndAction, RecordClass};
use crate::letter_kind::{LetterKind, Recipient};
use crate::{DomainError, FieldProblem};

/// The stored certificate's format, so that a later version can read older ones.
pub const CERTIFICATE_FORMAT: &str = "scr-desk-disposal-certificate/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposalCertificate {
    pub format: String,
    /// The certificate's number in this archive (1, 2, ...).
    #[ts(type = "number")]
    pub number: i64,
    pub reference: String,
    pub class: RecordClass,
    pub class_label: String,
    /// When the records were removed (RFC 3339, UTC).
    pub disposed_at: String,
    pub rule: RuleApplied,
    pub authorised_by: Authorisation,
    /// What was removed, table by table: how many rows and their numbers.
    pub removed: Vec<RemovedRows>,
    /// The letters whose files were removed, with the hashes kept to recognise them.
    pub letters: Vec<LetterFingerprint>,
    /// The finalised decisions removed, by version and content hash.
    pub decisions: Vec<DecisionFingerprint>,
    /// Backups made before this disposal: they still hold the records.
    pub backups_before: Vec<BackupBefore>,
    /// How the removed content was erased from the archive file.
    pub erasure: String,
}

/// The schedule's rule as it stood when the records were disposed of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleApplied {
    pub schedule_id: String,
    pub schedule_version: String,
    /// The rule in one sentence.
    pub rule: String,
    pub citation: String,
    pub action: EndAction,
    /// The day the period ended; None when the annex was disposed of before its period ended.
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Authorisation {
    /// The chair, as the board's settings name them, who confirmed the disposal.
    pub chair: String,
    /// The computer account that made the change (as the audit trail records it).
    pub account: String,
    /// The second person, when the board's setting requires one.
    pub second_person: Option<SecondPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecondPerson {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemovedRows {
    /// What the rows were, in words ("delivery", "acknowledgement", ...).
    pub what: String,
    #[ts(type = "number")]
    pub count: u64,
    #[ts(type = "number[]")]
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterFingerprint {
    #[ts(type = "number")]
    pub letter_id: i64,
    pub kind: LetterKind,
    pub recipient: Recipient,
    /// Upper-case hex, as the verifier reports a file's SHA-256.
    pub sha256: String,
    pub issued_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionFingerprint {
    pub version: u32,
    pub content_hash: String,
}

/// A backup made before the disposal, so still holding the disposed records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupBefore {
    /// When it was made (RFC 3339, UTC).
    pub made_at: String,
    /// Where it was written, when the archive recorded that.
    pub location: Option<String>,
    /// Whether the file was still there at the time of the disposal (when its place is known).
    pub still_present: Option<bool>,
}

/// The words a certificate uses for how the content was erased.
pub const ERASURE: &str = "Removed in one audited transaction with SQLite's secure_delete on (freed \
space overwritten with zeros); the archive file was then rebuilt with VACUUM, so that no free page \
keeps the removed content, and its write-ahead log emptied. The audit trail records the rebuild.";

/// The second person's name and role when the board requires one (trimmed), or the problems.
pub fn checked_second_person(
    required: bool,
    given: Option<&SecondPerson>,
    chair: &str,
) -> Result<Option<SecondPerson>, DomainError> {
    let Some(person) = given.filter(|p| !(p.name.trim().is_empty() && p.role.trim().is_empty())) else {
        if required {
            return Err(DomainError::Invalid {
                summary: "The board requires a second person to confirm a disposal".to_owned(),
                problems: vec![
                    FieldProblem {
                        field: "second_name",
                        message: "Enter the name of the second person confirming the disposal".to_owned(),
                    },
                    FieldProblem {
                        field: "second_role",
                        message: "Enter their role, for example Board business manager".to_owned(),
                    },
                ],
            });
        }
        return Ok(None);
    };
    let name = person.name.trim();
    let role = person.role.trim();
    let mut problems = Vec::new();
    if name.is_empty() {
        problems.push(FieldProblem {
            field: "second_name",
            message: "Enter the name of the second person confirming the disposal".to_owned(),
        });
    } else if name.eq_ignore_ascii_case(chair.trim()) {
        problems.push(FieldProblem {
            field: "second_name",
            message: "The second person must be someone other than the chair".to_owned(),
        });
    }
    if role.is_empty() {
        problems.push(FieldProblem {
            field: "second_role",
            message: "Enter their role, for example Board business manager".to_owned(),
        });
    }
    for (field, text) in [("second_name", name), ("second_role", role)] {
        if text.chars().count() > 200 {
            problems.push(FieldProblem {
                field,
                message: "Write at most 200 characters".to_owned(),
            });
        }
    }
    if problems.is_empty() {
        Ok(Some(SecondPerson {
            name: name.to_owned(),
            role: role.to_owned(),
        }))
    } else {
        Err(DomainError::Invalid {
            summary: "The second person's confirmation needs correcting".to_owned(),
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, role: &str) -> SecondPerson {
        SecondPerson {
            name: name.into(),
            role: role.into(),
        }
    }

    #[test]
    fn a_second_person_is_asked_for_only_when_required_and_is_not_the_chair() {
        assert_eq!(checked_second_person(false, None, "Dr Jane Smith"), Ok(None));
        assert!(checked_second_person(true, None, "Dr Jane Smith").is_err());
        assert!(checked_second_person(true, Some(&person(" ", "")), "Dr Jane Smith").is_err());
        let Err(DomainError::Invalid { problems, .. }) =
            checked_second_person(true, Some(&person("dr jane smith", "Manager")), "Dr Jane Smith")
        else {
            panic!("the chair cannot be the second person");
        };
        assert_eq!(problems[0].field, "second_name");
        assert_eq!(
            checked_second_person(
                true,
                Some(&person(" Sam Lee ", " Business manager ")),
                "Dr Jane Smith"
            ),
            Ok(Some(person("Sam Lee", "Business manager")))
        );
    }
}
