//! "The letters of a decision": which letter each member gets. One function, so that the rule
//! can be refined in one place when the letters composition lands.

use chrono::NaiveDate;

use scr_archive::{Archive, IssuedLetterRecord};
use scr_domain::letter_kind::Recipient;
use scr_domain::register::RegisterEntry;

use crate::DeskError;

pub(crate) struct DecisionLetters {
    /// The date the register is read for.
    pub date: NaiveDate,
    /// False when there is no finalised decision for the reference and today was used.
    pub date_is_decision_date: bool,
    /// Every member in post on that date, with the letter they get (none: nothing issued).
    pub members: Vec<(RegisterEntry, Option<IssuedLetterRecord>)>,
}

/// For reference R: the newest issue of letters (those signed together: the same kind and
/// time), and from it each member in post (the register as at the decision date, or today when
/// there is no finalised decision) gets their own copy, or else that circular. An
/// earlier issue (say, the decision notice before an update) keeps its own deliveries in the log.
pub(crate) fn letters_of_decision(
    archive: &Archive,
    reference: &str,
    today: NaiveDate,
) -> Result<DecisionLetters, DeskError> {
    let decided_on = decision_date(archive, reference)?;
    let date = decided_on.unwrap_or(today);
    // Newest first, as the archive lists them; keep the newest issue only.
    let mut issued = archive.issued_letters(Some(reference))?;
    if let Some((created_at, kind)) = issued.first().map(|l| (l.created_at.clone(), l.kind)) {
        issued.retain(|l| l.created_at == created_at && l.kind == kind);
    }
    let circular = issued.iter().find(|l| l.recipient == Recipient::Circular);
    let members = archive
        .register()?
        .serving_on(date)
        .into_iter()
        .map(|entry| {
            let own = Recipient::Member(entry.member_id);
            let letter = issued.iter().find(|l| l.recipient == own).or(circular).cloned();
            (entry, letter)
        })
        .collect();
    Ok(DecisionLetters {
        date,
        date_is_decision_date: decided_on.is_some(),
        members,
    })
}

/// The date of the latest finalised decision on the case with this reference, if any.
fn decision_date(archive: &Archive, reference: &str) -> Result<Option<NaiveDate>, DeskError> {
    let Some(case) = archive
        .list_cases(None)?
        .into_iter()
        .find(|c| c.reference == reference)
    else {
        return Ok(None);
    };
    Ok(archive
        .decisions(case.id)?
        .last()
        .and_then(|d| d.record.decision.decision_date))
}
