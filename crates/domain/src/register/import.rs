//! Importing the register from a spreadsheet: the rules, not the file format.
//!
//! The desk turns the file's bytes (CSV in any of the ways Excel writes it, or `.xlsx`) into a
//! [`Table`] of text cells, each row with the physical line it starts on. Here the header row is
//! mapped to fields, every row is checked, and the [`ImportPreview`] says what would be added,
//! what updated (matched by email address, without regard to case), and every problem by line.
//! Nothing here writes anything: the preview is what the person confirms.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::long_date;
use super::{email_key, Channel, MemberDetails, MemberId, MemberInput, Register, Voting};
use crate::DomainError;

mod columns;

use columns::header_key;
pub use columns::ImportField;

/// A spreadsheet as text: the rows in file order, each with the line it starts on (1-based;
/// a quoted cell with line breaks makes a row span several lines).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<String>,
}

impl TableRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    /// 1-based, as spreadsheets number columns (A = 1).
    pub column: usize,
    pub header: String,
    /// None when the column is not imported.
    pub field: Option<ImportField>,
    pub field_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportAddition {
    pub line: usize,
    pub details: MemberDetails,
    /// True when the file gave no start date and the import date was used.
    pub start_defaulted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportUpdate {
    pub line: usize,
    #[ts(type = "number")]
    pub member_id: MemberId,
    pub name: String,
    pub changes: Vec<FieldChange>,
    pub details: MemberDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportUnchanged {
    pub line: usize,
    #[ts(type = "number")]
    pub member_id: MemberId,
    pub name: String,
}

/// A problem that stops the import, on a line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    pub line: usize,
    /// The column's header as the file has it, when the problem is in one cell.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub header_line: usize,
    pub columns: Vec<ColumnMapping>,
    /// What the import will assume for columns the file does not have.
    pub assumptions: Vec<String>,
    pub additions: Vec<ImportAddition>,
    pub updates: Vec<ImportUpdate>,
    pub unchanged: Vec<ImportUnchanged>,
    /// Lines the person chose to leave out.
    pub excluded_lines: Vec<usize>,
    pub problems: Vec<ImportProblem>,
    /// Agencies not yet on the board's list; they are added to it on import.
    pub new_agencies: Vec<String>,
}

impl ImportPreview {
    /// Nothing is imported while any problem remains.
    pub fn can_import(&self) -> bool {
        self.problems.is_empty()
    }

    /// The lines with problems, each once, in order: what "leave these rows out" excludes.
    pub fn problem_lines(&self) -> Vec<usize> {
        let header = self.header_line;
        self.problems
            .iter()
            .map(|p| p.line)
            .filter(|&line| line != header)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    fn empty(header_line: usize) -> ImportPreview {
        ImportPreview {
            header_line,
            columns: Vec::new(),
            assumptions: Vec::new(),
            additions: Vec::new(),
            updates: Vec::new(),
            unchanged: Vec::new(),
            excluded_lines: Vec::new(),
            problems: Vec::new(),
            new_agencies: Vec::new(),
        }
    }
}

/// Builds the preview of importing `table` into `register` on `today`. Rows starting on an
/// `excluded` line are left out. `agencies` is the board's list, used to spell agencies the way
/// the list does and to say which are new.
pub fn preview(
    table: &Table,
    register: &Register,
    agencies: &[String],
    today: NaiveDate,
    excluded: &[usize],
) -> ImportPreview {
    let mut rows = table.rows.iter().filter(|row| !row.is_blank());
    let Some(header) = rows.next() else {
        let mut preview = ImportPreview::empty(1);
        preview.problems.push(ImportProblem {
            line: 1,
            column: None,
            message: "The file is empty: it needs a header row (Name, Email, Agency, Role...) and a row for each member".to_owned(),
        });
        return preview;
    };
    let mut preview = ImportPreview::empty(header.line);
    let mut by_field: BTreeMap<ImportField, usize> = BTreeMap::new();
    for (index, title) in header.cells.iter().enumerate() {
        let field = ImportField::recognise(title);
        if let Some(field) = field {
            if let Some(&first) = by_field.get(&field) {
                preview.problems.push(ImportProblem {
                    line: header.line,
                    column: Some(title.trim().to_owned()),
                    message: format!(
                        "Columns {} and {} both look like “{}”: rename or remove one of them",
                        first + 1,
                        index + 1,
                        field.label()
                    ),
                });
            } else {
                by_field.insert(field, index);
            }
        }
        preview.columns.push(ColumnMapping {
            column: index + 1,
            header: title.trim().to_owned(),
            field,
            field_label: field.map(|f| f.label().to_owned()),
        });
    }
    let has = |field: ImportField| by_field.contains_key(&field);
    let name_ok = has(ImportField::Name) || (has(ImportField::FirstName) && has(ImportField::LastName));
    let mut missing = Vec::new();
    if !name_ok {
        missing
            .push("the member's name (a column called “Name” or “Full name”, or “First name” and “Surname”)");
    }
    if !has(ImportField::Email) {
        missing.push("the email address (a column called “Email” or “Email address”)");
    }
    if !has(ImportField::Agency) {
        missing.push("the agency (a column called “Agency” or “Organisation”)");
    }
    if !has(ImportField::Role) {
        missing.push("the role (a column called “Role” or “Job title”)");
    }
    for what in missing {
        preview.problems.push(ImportProblem {
            line: header.line,
            column: None,
            message: format!("The header row has no column for {what}"),
        });
    }
    if !preview.problems.is_empty() {
        return preview;
    }
    if !has(ImportField::TermStart) {
        preview.assumptions.push(format!(
            "There is no term start column: new members’ terms start on {}, the day of the import.",
            long_date(today)
        ));
    }
    if !has(ImportField::Voting) {
        preview
            .assumptions
            .push("There is no voting column: new members are recorded as voting members.".to_owned());
    }
    if !has(ImportField::ReceivesLetters) {
        preview
            .assumptions
            .push("There is no column for decision letters: new members receive them.".to_owned());
    }
    if !has(ImportField::Channel) {
        preview
            .assumptions
            .push("There is no preferred channel column: new members receive letters by email.".to_owned());
    }

    let known_agencies: BTreeMap<String, &String> = agencies.iter().map(|a| (agency_key(a), a)).collect();
    let mut new_agencies: BTreeMap<String, String> = BTreeMap::new();
    let mut seen_emails: BTreeMap<String, usize> = BTreeMap::new();
    let excluded: BTreeSet<usize> = excluded.iter().copied().collect();

    for row in rows {
        if excluded.contains(&row.line) {
            preview.excluded_lines.push(row.line);
            continue;
        }
        let cell = |field: ImportField| -> Option<&str> {
            by_field
                .get(&field)
                .map(|&index| row.cells.get(index).map_or("", |text| unquote(text.trim())))
        };
        let column_of = |field: ImportField| -> Option<String> {
            by_field
                .get(&field)
                .map(|&index| header.cells[index].trim().to_owned())
        };
        let mut problem = |field: Option<ImportField>, message: String| {
            preview.problems.push(ImportProblem {
                line: row.line,
                column: field.and_then(column_of),
                message,
            });
        };

        let email = cell(ImportField::Email).unwrap_or_default();
        if !email.is_empty() {
            if let Some(first) = seen_emails.get(&email_key(email)) {
                problem(
                    Some(ImportField::Email),
                    format!("The email address {email} is also on line {first}: each member needs their own"),
                );
                continue;
            }
            seen_emails.insert(email_key(email), row.line);
        }
        let existing = (!email.is_empty())
            .then(|| register.find_by_email(email))
            .flatten();
        let mut input = match &existing {
            Some(member) => member.details.to_input(),
            None => MemberInput {
                term_start: today.to_string(),
                voting: Some(Voting::Voting),
                receives_letters: true,
                channel: Some(Channel::Email),
                ..MemberInput::default()
            },
        };
        let mut start_defaulted = existing.is_none();
        let mut row_ok = true;

        if let Some(name) = cell(ImportField::Name) {
            input.name = name.to_owned();
        } else {
            let first = cell(ImportField::FirstName).unwrap_or_default();
            let last = cell(ImportField::LastName).unwrap_or_default();
            input.name = format!("{first} {last}");
        }
        for (field, target) in [
            (ImportField::Role, &mut input.role),
            (ImportField::Agency, &mut input.agency),
            (ImportField::Email, &mut input.email),
            (ImportField::Phone, &mut input.phone),
            (ImportField::TermEnd, &mut input.term_end),
            (ImportField::Notes, &mut input.notes),
        ] {
            if let Some(value) = cell(field) {
                *target = value.to_owned();
            }
        }
        if let Some(start) = cell(ImportField::TermStart).filter(|s| !s.is_empty()) {
            input.term_start = start.to_owned();
            start_defaulted = false;
        }
        if let Some(text) = cell(ImportField::Voting).filter(|s| !s.is_empty()) {
            match parse_voting(text) {
                Some(voting) => input.voting = Some(voting),
                None => {
                    row_ok = false;
                    problem(
                        Some(ImportField::Voting),
                        format!("“{text}” is not one of: voting, advisory"),
                    );
                }
            }
        }
        if let Some(text) = cell(ImportField::ReceivesLetters).filter(|s| !s.is_empty()) {
            match parse_yes_no(text) {
                Some(yes) => input.receives_letters = yes,
                None => {
                    row_ok = false;
                    problem(
                        Some(ImportField::ReceivesLetters),
                        format!("“{text}” is not yes or no"),
                    );
                }
            }
        }
        if let Some(text) = cell(ImportField::Channel).filter(|s| !s.is_empty()) {
            match parse_channel(text) {
                Some(channel) => input.channel = Some(channel),
                None => {
                    row_ok = false;
                    problem(
                        Some(ImportField::Channel),
                        format!("“{text}” is not one of: email, secure export, post"),
                    );
                }
            }
        }
        if let Some(known) = known_agencies.get(&agency_key(&input.agency)) {
            input.agency = (*known).clone();
        }

        let details = match input.validated() {
            Ok(details) => details,
            Err(DomainError::MemberInvalid { problems, .. }) => {
                for found in problems {
                    let field = ImportField::ALL
                        .into_iter()
                        .find(|f| f.member_field() == found.field && has(*f));
                    let message = if found.field == "email" && !email.is_empty() {
                        format!("{} (found “{email}”)", found.message)
                    } else {
                        found.message
                    };
                    problem(field, message);
                }
                continue;
            }
            Err(other) => {
                problem(None, other.to_string());
                continue;
            }
        };
        if !row_ok {
            continue;
        }
        let agency = agency_key(&details.agency);
        if !known_agencies.contains_key(&agency) {
            new_agencies
                .entry(agency)
                .or_insert_with(|| details.agency.clone());
        }
        match existing {
            Some(member) => {
                let changes = changes_between(&member.details, &details);
                if changes.is_empty() {
                    preview.unchanged.push(ImportUnchanged {
                        line: row.line,
                        member_id: member.id,
                        name: details.name,
                    });
                } else {
                    preview.updates.push(ImportUpdate {
                        line: row.line,
                        member_id: member.id,
                        name: details.name.clone(),
                        changes,
                        details,
                    });
                }
            }
            None => preview.additions.push(ImportAddition {
                line: row.line,
                details,
                start_defaulted,
            }),
        }
    }
    preview.problems.sort_by_key(|p| p.line);
    preview.new_agencies = new_agencies.into_values().collect();
    preview
}

/// A leading apostrophe is how spreadsheets (and our own export) keep "+44 ..." or "=..." as
/// text; it is not part of the value.
fn unquote(text: &str) -> &str {
    text.strip_prefix('\'')
        .filter(|rest| rest.starts_with(['=', '+', '-', '@']))
        .unwrap_or(text)
}

fn agency_key(agency: &str) -> String {
    agency
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

fn parse_voting(text: &str) -> Option<Voting> {
    match header_key(text).as_str() {
        "voting" | "votingmember" | "vote" | "votes" | "yes" | "y" | "full" | "fullmember" | "true" => {
            Some(Voting::Voting)
        }
        "advisory" | "adviser" | "advisor" | "nonvoting" | "observer" | "no" | "n" | "false"
        | "advisorymember" | "participant" => Some(Voting::Advisory),
        _ => None,
    }
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match header_key(text).as_str() {
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ if text.trim() == "✓" || text.trim() == "✔" => Some(true),
        _ => None,
    }
}

fn parse_channel(text: &str) -> Option<Channel> {
    match header_key(text).as_str() {
        "email" | "emailaddress" => Some(Channel::Email),
        "secureexport" | "secure" | "secureemail" | "securemail" | "cjsm" | "egress" | "export" => {
            Some(Channel::SecureExport)
        }
        "post" | "letter" | "postal" | "bypost" => Some(Channel::Post),
        _ => None,
    }
}

/// What an update changes, field by field, in words for the preview.
pub fn changes_between(before: &MemberDetails, after: &MemberDetails) -> Vec<FieldChange> {
    let date = |d: Option<NaiveDate>| d.map(long_date).unwrap_or_else(|| "none".to_owned());
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_owned();
    let pairs = [
        ("Name", before.name.clone(), after.name.clone()),
        ("Role", before.role.clone(), after.role.clone()),
        ("Agency", before.agency.clone(), after.agency.clone()),
        ("Email address", before.email.clone(), after.email.clone()),
        (
            "Phone",
            before.phone.clone().unwrap_or_default(),
            after.phone.clone().unwrap_or_default(),
        ),
        (
            "Term start",
            date(Some(before.term_start)),
            date(Some(after.term_start)),
        ),
        ("Term end", date(before.term_end), date(after.term_end)),
        (
            "Voting or advisory",
            before.voting.label().to_owned(),
            after.voting.label().to_owned(),
        ),
        (
            "Receives decision letters",
            yes_no(before.receives_letters),
            yes_no(after.receives_letters),
        ),
        (
            "Preferred channel",
            before.channel.label().to_owned(),
            after.channel.label().to_owned(),
        ),
        ("Notes", before.notes.clone(), after.notes.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| FieldChange {
            field: field.to_owned(),
            from,
            to,
        })
        .collect()
}

#[cfg(test)]
mod tests;
