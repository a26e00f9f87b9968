//! Which column is which field: the header names a board's spreadsheet may use for each member
//! field ("E-mail", "Email address", "Job title"...), compared without case or punctuation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The member field a column was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Name,
    FirstName,
    LastName,
    Role,
    Agency,
    Email,
    Phone,
    TermStart,
    TermEnd,
    Voting,
    ReceivesLetters,
    Channel,
    Notes,
}

impl ImportField {
    pub const ALL: [ImportField; 13] = [
        ImportField::Name,
        ImportField::FirstName,
        ImportField::LastName,
        ImportField::Role,
        ImportField::Agency,
        ImportField::Email,
        ImportField::Phone,
        ImportField::TermStart,
        ImportField::TermEnd,
        ImportField::Voting,
        ImportField::ReceivesLetters,
        ImportField::Channel,
        ImportField::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "Name",
            ImportField::FirstName => "First name",
            ImportField::LastName => "Last name",
            ImportField::Role => "Role",
            ImportField::Agency => "Agency",
            ImportField::Email => "Email address",
            ImportField::Phone => "Phone",
            ImportField::TermStart => "Term start",
            ImportField::TermEnd => "Term end",
            ImportField::Voting => "Voting or advisory",
            ImportField::ReceivesLetters => "Receives decision letters",
            ImportField::Channel => "Preferred channel",
            ImportField::Notes => "Notes",
        }
    }

    /// The header names recognised for this field, compared after [`header_key`].
    fn names(self) -> &'static [&'static str] {
        match self {
            ImportField::Name => &[
                "name",
                "fullname",
                "membername",
                "nameofmember",
                "boardmember",
                "member",
            ],
            ImportField::FirstName => &["firstname", "forename", "forenames", "givenname", "christianname"],
            ImportField::LastName => &["lastname", "surname", "familyname"],
            ImportField::Role => &[
                "role",
                "jobtitle",
                "roletitle",
                "position",
                "job",
                "designation",
                "boardrole",
                "post",
                "roleorjobtitle",
                "roleposition",
            ],
            ImportField::Agency => &[
                "agency",
                "organisation",
                "organization",
                "org",
                "employer",
                "partneragency",
                "sector",
                "agencyorganisation",
                "organisationagency",
                "memberagency",
            ],
            ImportField::Email => &[
                "email",
                "emailaddress",
                "mail",
                "emailaddr",
                "workemail",
                "securemail",
            ],
            ImportField::Phone => &[
                "phone",
                "telephone",
                "tel",
                "phonenumber",
                "telephonenumber",
                "mobile",
                "contactnumber",
                "telno",
                "phoneno",
            ],
            ImportField::TermStart => &[
                "termstart",
                "startdate",
                "start",
                "joined",
                "datejoined",
                "appointed",
                "dateappointed",
                "termstarts",
                "termfrom",
                "memberfrom",
                "startofterm",
                "termofficestart",
            ],
            ImportField::TermEnd => &[
                "termend",
                "enddate",
                "end",
                "left",
                "dateleft",
                "termends",
                "termto",
                "memberuntil",
                "endofterm",
                "termofficeend",
                "until",
            ],
            ImportField::Voting => &[
                "voting",
                "votingmember",
                "votingoradvisory",
                "votingadvisory",
                "membershiptype",
                "membership",
                "vote",
            ],
            ImportField::ReceivesLetters => &[
                "receivesletters",
                "receivesdecisionletters",
                "decisionletters",
                "letters",
                "sendletters",
                "receiveletters",
            ],
            ImportField::Channel => &[
                "channel",
                "preferredchannel",
                "preferredcontact",
                "contactmethod",
                "delivery",
                "howtosend",
                "sendby",
                "preferredcontactmethod",
            ],
            ImportField::Notes => &["notes", "note", "comments", "comment", "remarks"],
        }
    }

    /// The member field whose validation problems belong to this column.
    pub(super) fn member_field(self) -> &'static str {
        match self {
            ImportField::Name | ImportField::FirstName | ImportField::LastName => "name",
            ImportField::Role => "role",
            ImportField::Agency => "agency",
            ImportField::Email => "email",
            ImportField::Phone => "phone",
            ImportField::TermStart => "term_start",
            ImportField::TermEnd => "term_end",
            ImportField::Voting => "voting",
            ImportField::ReceivesLetters => "receives_letters",
            ImportField::Channel => "channel",
            ImportField::Notes => "notes",
        }
    }

    /// The field a header names, if it is one we know: "E-mail", "Email address", "Job title"...
    pub fn recognise(header: &str) -> Option<ImportField> {
        let key = header_key(header);
        ImportField::ALL
            .into_iter()
            .find(|field| field.names().contains(&key.as_str()))
    }
}

/// Lower case, letters and digits only: "E-mail address" → "emailaddress".
pub(super) fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
