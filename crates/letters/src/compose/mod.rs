//! Writes a letter about a finalised decision: the decision notice, an update (QM8) or the
//! outcome notice, as one circular to the whole board or personalised for one member.
//!
//! Everything printed comes from the finalised decision record (which never holds the
//! restricted annex), the board's settings and the register; the desk scans the result against
//! the annex once more before anything is signed.

mod decision_notice;
mod follow_up;
pub(crate) mod words;

use chrono::NaiveDate;
use scr_domain::calendar::WorkingCalendar;
use scr_domain::finalise::DecisionRecord;
use scr_domain::framework::Framework;
use scr_domain::notices::LetterContent;

use crate::model::{verification_note, Distribution, LetterDocument, LetterMetadata, Letterhead, Signatory};

pub use words::long_date;

/// The board as its letters show it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardForLetters {
    pub name: String,
    pub address_lines: Vec<String>,
    pub logo: Option<Vec<u8>>,
    pub protective_marking: String,
    /// What the board calls the group that advises the decision-maker ("Case Review Sub-group").
    pub subgroup_name: String,
    /// Who to ask about the letter, as a phrase: "Dr Jane Smith (chair@anytown.example)".
    pub contact: Option<String>,
    /// The timestamp authority that will timestamp the signatures (its host name), if any: the
    /// "how to check" note says whether the signing time is independently proven.
    pub timestamp_authority: Option<String>,
}

/// A member on the distribution list (and, for a personalised letter, its addressee).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedMember {
    /// The member's id in the board register.
    pub id: i64,
    pub name: String,
    pub role: String,
    pub agency: String,
}

impl ListedMember {
    /// "Name, Agency", as the distribution list prints each member.
    fn listed(&self) -> String {
        if self.agency.is_empty() {
            self.name.clone()
        } else {
            format!("{}, {}", self.name, self.agency)
        }
    }
}

/// Who a letter is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressee<'a> {
    /// Every member of the board, in one circular.
    Board,
    /// One member, in a personalised copy.
    Member(&'a ListedMember),
}

/// Everything a letter about a decision draws on.
#[derive(Debug, Clone, Copy)]
pub struct DecisionFacts<'a> {
    pub board: &'a BoardForLetters,
    pub framework: &'a Framework,
    pub decision: &'a DecisionRecord,
    pub calendar: &'a WorkingCalendar,
    /// The members in post on the decision date who receive letters: the distribution list.
    pub members: &'a [ListedMember],
    /// Who signs, in signing order.
    pub signatories: &'a [Signatory],
    /// The board certificate's SHA-256 fingerprint, grouped for reading.
    pub board_fingerprint: &'a str,
    /// The date printed on the letter.
    pub letter_date: NaiveDate,
}

/// Writes one letter. `content` should have been validated
/// ([`LetterContent::validated`]); missing facts are written as "not recorded".
pub fn compose_letter(
    facts: &DecisionFacts<'_>,
    content: &LetterContent,
    to: Addressee<'_>,
) -> LetterDocument {
    let pseudonym = facts
        .decision
        .case
        .pseudonym
        .clone()
        .unwrap_or_else(|| "the child".to_owned());
    let framework = facts.framework;
    let (title, kind, body) = match content {
        LetterContent::DecisionNotice => (
            format!("Decision on a {}: {pseudonym}", framework.terminology.review_name),
            "decision notice",
            decision_notice::body(facts, &pseudonym, to),
        ),
        LetterContent::Update(details) => (
            format!("Update on the case of {pseudonym}"),
            "update",
            follow_up::update_body(facts, &pseudonym, details),
        ),
        LetterContent::OutcomeNotice(details) => (
            format!(
                "Outcome of the {}: {pseudonym}",
                framework.terminology.review_name
            ),
            "outcome notice",
            follow_up::outcome_body(facts, &pseudonym, details),
        ),
    };
    let reference = facts.decision.case.reference.clone().unwrap_or_default();
    let (addressee, salutation, audience) = match to {
        Addressee::Board => (
            vec![format!("To: all members of {}", facts.board.name)],
            "Dear colleagues,".to_owned(),
            "all Board members".to_owned(),
        ),
        Addressee::Member(member) => {
            let mut lines = vec![format!("To: {}", member.name)];
            lines.extend(
                [&member.role, &member.agency]
                    .into_iter()
                    .filter(|l| !l.is_empty())
                    .cloned(),
            );
            (lines, format!("Dear {},", member.name), member.name.clone())
        }
    };
    let signer_names: Vec<&str> = facts.signatories.iter().map(|s| s.name.as_str()).collect();
    let decided_on = facts.decision.decision.decision_date.unwrap_or(facts.letter_date);
    LetterDocument {
        letterhead: Letterhead {
            board_name: facts.board.name.clone(),
            address_lines: facts.board.address_lines.clone(),
            logo: facts.board.logo.clone(),
        },
        protective_marking: facts.board.protective_marking.clone(),
        reference: reference.clone(),
        date: long_date(facts.letter_date),
        addressee,
        title: title.clone(),
        salutation,
        body,
        closing: "Yours sincerely,".to_owned(),
        signatories: facts.signatories.to_vec(),
        distribution: Distribution {
            intro: format!(
                "all {} members of the Board in post on {}:",
                facts.members.len(),
                long_date(decided_on)
            ),
            recipients: facts.members.iter().map(ListedMember::listed).collect(),
        },
        verification_note: verification_note(
            &signer_names,
            facts.board_fingerprint,
            facts.board.timestamp_authority.as_deref(),
        ),
        metadata: LetterMetadata {
            title,
            author: format!("{}, {}", signer_names.join(", "), facts.board.name),
            subject: format!("{reference}: {kind} to {audience}"),
            language: "en-GB".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests;
