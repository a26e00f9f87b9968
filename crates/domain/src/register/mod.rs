//! The board register: who the members are, and who they were on any date.
//!
//! Members are never deleted. Each change is a new [`MemberVersion`] that takes effect from a
//! date; leaving sets the end of the member's term. [`Register::at`] lists the register as it
//! stood on a date, from the versions alone, so that a decision letter can be shown to have gone
//! to the board membership **as a whole** on the day it was made (Quality Marker 3).
//!
//! Two kinds of fact live in a version:
//! - the member's **details** (name, role, agency, email, ...): a version says "from this date
//!   on, the details are these", so the register on a date shows the most recently recorded
//!   version that had taken effect by then (a later correction back-dated to an earlier day
//!   overrides what was recorded before it for every day from then on);
//! - the member's **term** (start and end): a fact about the whole membership, so the most
//!   recently recorded version says it. Correcting a start date, or leaving, is therefore true
//!   for every date, while a new email address applies only from the day it was given.

pub mod dates;
pub mod import;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, FieldProblem};

pub use dates::parse_date;

/// The archive's number for a member; it never changes and is never reused.
pub type MemberId = i64;

pub const MAX_TEXT_CHARS: usize = 120;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_PHONE_CHARS: usize = 30;
pub const MAX_NOTES_CHARS: usize = 2000;

/// The agencies a new archive offers; the board edits the list in its settings.
pub const DEFAULT_AGENCIES: &[&str] = &[
    "Local authority children's services",
    "Local authority education",
    "Police",
    "Health / ICB",
    "NHS provider",
    "Education (schools and colleges)",
    "Probation",
    "Youth justice",
    "CAFCASS",
    "Housing",
    "Voluntary sector",
    "Lay member",
    "Other",
];

/// Whether a member votes at the board or attends in an advisory role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Voting {
    Voting,
    Advisory,
}

impl Voting {
    pub fn label(self) -> &'static str {
        match self {
            Voting::Voting => "Voting",
            Voting::Advisory => "Advisory",
        }
    }
}

/// How a member prefers to receive decision letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    SecureExport,
    Post,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "Email",
            Channel::SecureExport => "Secure export",
            Channel::Post => "Post",
        }
    }
}

/// A member as typed into the form (or read from a spreadsheet row), before it is checked.
/// Dates are text so that a mistyped date is reported against its field, not lost in transit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[serde(default)]
pub struct MemberInput {
    pub name: String,
    pub role: String,
    pub agency: String,
    pub email: String,
    pub phone: String,
    /// A date as people write it: 2025-04-01, 01/04/2025 or 1 April 2025.
    pub term_start: String,
    /// Empty while the term is open.
    pub term_end: String,
    pub voting: Option<Voting>,
    pub receives_letters: bool,
    pub channel: Option<Channel>,
    pub notes: String,
}

/// A member's details once checked: what the archive keeps in each version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetails {
    pub name: String,
    pub role: String,
    pub agency: String,
    pub email: String,
    pub phone: Option<String>,
    pub term_start: NaiveDate,
    /// The last day of the member's term; none while it is open.
    pub term_end: Option<NaiveDate>,
    pub voting: Voting,
    pub receives_letters: bool,
    pub channel: Channel,
    pub notes: String,
}

impl MemberDetails {
    /// The form's fields filled from these details, for editing.
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            name: self.name.clone(),
            role: self.role.clone(),
            agency: self.agency.clone(),
            email: self.email.clone(),
            phone: self.phone.clone().unwrap_or_default(),
            term_start: self.term_start.to_string(),
            term_end: self.term_end.map(|d| d.to_string()).unwrap_or_default(),
            voting: Some(self.voting),
            receives_letters: self.receives_letters,
            channel: Some(self.channel),
            notes: self.notes.clone(),
        }
    }

    /// Whether the term covers `date` (both ends inclusive).
    pub fn serving_on(&self, date: NaiveDate) -> bool {
        self.term_start <= date && self.term_end.is_none_or(|end| date <= end)
    }
}

impl MemberInput {
    /// Trims and checks every field; all problems are reported at once, each naming its field.
    pub fn validated(&self) -> Result<MemberDetails, DomainError> {
        let mut problems = Vec::new();
        let name = collapse(&self.name);
        let role = collapse(&self.role);
        let agency = collapse(&self.agency);
        let email = self.email.trim().to_owned();
        let phone = collapse(&self.phone);
        let notes = self.notes.trim().to_owned();

        required_text(&mut problems, "name", &name, "the member's full name");
        required_text(&mut problems, "role", &role, "the member's role or job title");
        required_text(&mut problems, "agency", &agency, "the member's agency");
        if let Some(message) = email_problem(&email) {
            problems.push(FieldProblem {
                field: "email",
                message,
            });
        }
        if !phone.is_empty() && !phone_ok(&phone) {
            problems.push(FieldProblem {
                field: "phone",
                message: format!(
                    "Enter a telephone number, like 01632 960 001 or +44 7700 900 982 ({MAX_PHONE_CHARS} characters or fewer)"
                ),
            });
        }
        if notes.chars().count() > MAX_NOTES_CHARS {
            problems.push(FieldProblem {
                field: "notes",
                message: format!("Notes must be {MAX_NOTES_CHARS} characters or fewer"),
            });
        }
        let term_start = match self.term_start.trim() {
            "" => {
                problems.push(FieldProblem {
                    field: "term_start",
                    message: "Enter the date the member's term started".to_owned(),
                });
                None
            }
            text => match parse_date(text) {
                Ok(date) => Some(date),
                Err(reason) => {
                    problems.push(FieldProblem {
                        field: "term_start",
                        message: format!("The start of the term must be a real date: {reason}"),
                    });
                    None
                }
            },
        };
        let term_end = match self.term_end.trim() {
            "" => None,
            text => match parse_date(text) {
                Ok(date) => Some(date),
                Err(reason) => {
                    problems.push(FieldProblem {
                        field: "term_end",
                        message: format!("The end of the term must be a real date: {reason}"),
                    });
                    None
                }
            },
        };
        if let (Some(start), Some(end)) = (term_start, term_end) {
            if end < start {
                problems.push(FieldProblem {
                    field: "term_end",
                    message: format!(
                        "The end of the term must be on or after its start ({})",
                        dates::long_date(start)
                    ),
                });
            }
        }
        if self.voting.is_none() {
            problems.push(FieldProblem {
                field: "voting",
                message: "Select whether the member votes or is advisory".to_owned(),
            });
        }
        if self.channel.is_none() {
            problems.push(FieldProblem {
                field: "channel",
                message: "Select how the member prefers to receive letters".to_owned(),
            });
        }
        match (term_start, self.voting, self.channel) {
            (Some(term_start), Some(voting), Some(channel)) if problems.is_empty() => Ok(MemberDetails {
                name,
                role,
                agency,
                email,
                phone: (!phone.is_empty()).then_some(phone),
                term_start,
                term_end,
                voting,
                receives_letters: self.receives_letters,
                channel,
                notes,
            }),
            _ => Err(invalid(problems)),
        }
    }
}

pub(crate) fn invalid(problems: Vec<FieldProblem>) -> DomainError {
    DomainError::MemberInvalid {
        summary: "The member's details need correcting".to_owned(),
        problems,
    }
}

/// The board's list of agencies, trimmed and checked: at least one, none blank or repeated.
pub fn validated_agencies(list: &[String]) -> Result<Vec<String>, DomainError> {
    let cleaned: Vec<String> = list
        .iter()
        .flat_map(|entry| entry.lines())
        .map(collapse)
        .filter(|entry| !entry.is_empty())
        .collect();
    let mut problems = Vec::new();
    if cleaned.is_empty() {
        problems.push(FieldProblem {
            field: "agencies",
            message: "Enter at least one agency".to_owned(),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    for entry in &cleaned {
        if entry.chars().count() > MAX_TEXT_CHARS {
            problems.push(FieldProblem {
                field: "agencies",
                message: format!("Each agency must be {MAX_TEXT_CHARS} characters or fewer"),
            });
        } else if !seen.insert(entry.to_lowercase()) {
            problems.push(FieldProblem {
                field: "agencies",
                message: format!("“{entry}” is in the list twice"),
            });
        }
    }
    if problems.is_empty() {
        Ok(cleaned)
    } else {
        Err(DomainError::Invalid {
            summary: "The list of agencies needs correcting".to_owned(),
            problems,
        })
    }
}

/// Two members may not share an email address (compared without regard to case): letters
/// and acknowledgements are matched to members by it.
pub fn check_unique_email(
    register: &Register,
    details: &MemberDetails,
    except: Option<MemberId>,
) -> Result<(), DomainError> {
    match register.find_by_email(&details.email) {
        Some(other) if Some(other.id) != except => Err(invalid(vec![FieldProblem {
            field: "email",
            message: format!(
                "{} already has the email address {}; each member needs their own",
                other.details.name, other.details.email
            ),
        }])),
        _ => Ok(()),
    }
}

fn required_text(problems: &mut Vec<FieldProblem>, field: &'static str, value: &str, what: &str) {
    problems.extend(FieldProblem::in_required_text(field, value, what, MAX_TEXT_CHARS));
}

/// The reason an email address cannot be used, in words for the form; `None` when it can.
/// Deliberately plain: one `@`, something before it, a domain with a dot, no spaces.
pub fn email_problem(email: &str) -> Option<String> {
    const EXAMPLE: &str = "Enter an email address in the correct format, like name@example.org";
    if email.is_empty() {
        return Some("Enter the member's email address".to_owned());
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Some(format!(
            "The email address must be {MAX_EMAIL_CHARS} characters or fewer"
        ));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Some(EXAMPLE.to_owned());
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
    if local_ok && domain_ok {
        None
    } else {
        Some(EXAMPLE.to_owned())
    }
}

fn phone_ok(phone: &str) -> bool {
    phone.chars().count() <= MAX_PHONE_CHARS
        && phone.chars().filter(char::is_ascii_digit).count() >= 6
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-.".contains(c) || c.eq_ignore_ascii_case(&'x'))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key emails are compared by.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// One recorded state of a member, in effect from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberVersion {
    #[ts(type = "number")]
    pub member_id: MemberId,
    /// The order in which versions were recorded, across the whole register.
    #[ts(type = "number")]
    pub seq: i64,
    pub effective_from: NaiveDate,
    pub details: MemberDetails,
}

/// A member as the register knows them now: the details of their latest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    #[ts(type = "number")]
    pub id: MemberId,
    pub details: MemberDetails,
}

/// Where a member stands on the date a register was drawn up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Serving on that date.
    Active,
    /// Their term had ended by then.
    Left,
    /// Their term had not started yet.
    NotStarted,
}

/// One line of the register on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterEntry {
    #[ts(type = "number")]
    pub member_id: MemberId,
    pub status: MemberStatus,
    pub details: MemberDetails,
}

/// Every member's versions, ready to answer "who was on the board on this date?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// Per member, versions in the order they were recorded.
    members: BTreeMap<MemberId, Vec<MemberVersion>>,
}

impl Register {
    pub fn from_versions(versions: impl IntoIterator<Item = MemberVersion>) -> Register {
        let mut members: BTreeMap<MemberId, Vec<MemberVersion>> = BTreeMap::new();
        for version in versions {
            members.entry(version.member_id).or_default().push(version);
        }
        for versions in members.values_mut() {
            versions.sort_by_key(|v| v.seq);
        }
        Register { members }
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn history(&self, id: MemberId) -> Option<&[MemberVersion]> {
        self.members.get(&id).map(Vec::as_slice)
    }

    /// The member as last recorded: the details that hold once every version has taken effect.
    pub fn member(&self, id: MemberId) -> Option<Member> {
        let details = self.members.get(&id)?.last()?.details.clone();
        Some(Member { id, details })
    }

    /// Every member with their latest details, in the order they were added.
    pub fn members(&self) -> Vec<Member> {
        self.members.keys().filter_map(|&id| self.member(id)).collect()
    }

    pub fn find_by_email(&self, email: &str) -> Option<Member> {
        let key = email_key(email);
        self.members()
            .into_iter()
            .find(|m| email_key(&m.details.email) == key)
    }

    /// The register as it stood on `date`: every member, with the details in effect on that date
    /// and where they stood. Ordered by name, then by id.
    pub fn at(&self, date: NaiveDate) -> Vec<RegisterEntry> {
        let mut entries: Vec<RegisterEntry> = self
            .members
            .iter()
            .filter_map(|(&member_id, versions)| {
                let in_effect = versions
                    .iter()
                    .rev()
                    .find(|v| v.effective_from <= date)
                    // Before every version took effect: the details as first recorded.
                    .or_else(|| versions.first())?;
                let mut details = in_effect.details.clone();
                apply_term(&mut details, versions);
                let status = if date < details.term_start {
                    MemberStatus::NotStarted
                } else if details.term_end.is_some_and(|end| end < date) {
                    MemberStatus::Left
                } else {
                    MemberStatus::Active
                };
                Some(RegisterEntry {
                    member_id,
                    status,
                    details,
                })
            })
            .collect();
        entries.sort_by(|a, b| {
            a.details
                .name
                .to_lowercase()
                .cmp(&b.details.name.to_lowercase())
                .then(a.member_id.cmp(&b.member_id))
        });
        entries
    }

    /// Only the members serving on `date`.
    pub fn serving_on(&self, date: NaiveDate) -> Vec<RegisterEntry> {
        self.at(date)
            .into_iter()
            .filter(|entry| entry.status == MemberStatus::Active)
            .collect()
    }

    /// The version that records a member leaving after `last_day` (the last day of their term):
    /// their details are unchanged, only the term ends. Returns (effective from, details).
    pub fn leaving(
        &self,
        id: MemberId,
        last_day: NaiveDate,
    ) -> Option<Result<(NaiveDate, MemberDetails), DomainError>> {
        let member = self.member(id)?;
        let effective_from = self.term_change_effective_from(id)?;
        if last_day < member.details.term_start {
            return Some(Err(invalid(vec![FieldProblem {
                field: "term_end",
                message: format!(
                    "The last day must be on or after the start of their term ({})",
                    dates::long_date(member.details.term_start)
                ),
            }])));
        }
        let mut details = member.details;
        details.term_end = Some(last_day);
        Some(Ok((effective_from, details)))
    }

    /// The date from which a leaving (a change to the term only) is recorded: the latest date any
    /// of the member's versions takes effect, so that leaving never changes their details on any day.
    pub fn term_change_effective_from(&self, id: MemberId) -> Option<NaiveDate> {
        self.members
            .get(&id)
            .and_then(|versions| versions.iter().map(|v| v.effective_from).max())
    }
}

/// The term comes from the most recently recorded version (see the module's notes).
fn apply_term(details: &mut MemberDetails, versions: &[MemberVersion]) {
    if let Some(latest) = versions.last() {
        details.term_start = latest.details.term_start;
        details.term_end = latest.details.term_end;
    }
}

#[cfg(test)]
mod tests;
