//! The annex guard for letters. What is scanned is the text that comes from the case (the
//! decision record, and what the chair wrote for an update or outcome letter); the board's own
//! text (its register's names, agencies and roles, the signatories, the letterhead, the board's
//! name, the sub-group's name and the contact) is not, since a member who shares the child's
//! surname must not block every letter. Where that board text matches an annex term, the chair
//! is warned on the letters page instead. A chair may also judge one term safe in context for a
//! case: an override, kept in the archive and audited without the term.

use serde::Serialize;
use ts_rs::TS;

use scr_archive::Archive;
use scr_domain::annex_scan::{describe, AnnexScanner, AnnexTerm, RestrictedDetail};
use scr_domain::case::RestrictedAnnex;
use scr_letters::compose::{BoardForLetters, ListedMember};
use scr_letters::{LetterDocument, Signatory};

use crate::letters_from_decisions::LetterRequest;
use crate::{Desk, DeskError};

/// Stands in the scanned copy of a letter wherever the board's own text is printed: no letters or
/// digits, so it can neither match an annex term nor join the words on either side into one.
const BOARD_TEXT: &str = "\u{2026}";

/// An override in force, as the letters page lists it: by kind of detail, never by value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnexOverrideView {
    #[ts(type = "number")]
    pub id: i64,
    pub kinds: Vec<RestrictedDetail>,
    /// "the child's surname and a family member's name"
    pub description: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
}

/// Board text that matches the annex: shown to the chair, never blocking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardTextWarning {
    /// Whose entry: "Sam Blackwood (a member)", "the board's settings".
    pub source: String,
    /// The kinds of detail it matches: "the child's surname".
    pub details: Vec<String>,
}

/// The board's text in a letter, and the same letter's facts with that text blanked.
pub(crate) struct BoardText {
    pub board: BoardForLetters,
    pub members: Vec<ListedMember>,
    pub signatories: Vec<Signatory>,
}

impl BoardText {
    /// The board, members and signatories with every piece of their text blanked.
    pub fn blanked(
        board: &BoardForLetters,
        members: &[ListedMember],
        signatories: &[Signatory],
    ) -> BoardText {
        let blank = || BOARD_TEXT.to_owned();
        BoardText {
            board: BoardForLetters {
                name: blank(),
                address_lines: vec![blank(); board.address_lines.len()],
                logo: None,
                protective_marking: blank(),
                subgroup_name: blank(),
                contact: board.contact.as_ref().map(|_| blank()),
                timestamp_authority: board.timestamp_authority.as_ref().map(|_| blank()),
            },
            members: members
                .iter()
                .map(|m| ListedMember {
                    id: m.id,
                    name: blank(),
                    role: blank(),
                    agency: blank(),
                })
                .collect(),
            signatories: signatories
                .iter()
                .map(|_| Signatory {
                    name: blank(),
                    role: blank(),
                })
                .collect(),
        }
    }
}

/// The guard for a case: its annex less the terms the chair has allowed.
pub(crate) fn case_guard(archive: &Archive, case_id: i64) -> Result<AnnexScanner, DeskError> {
    let annex = archive.annex_for_checks(case_id)?;
    let allowed = archive.annex_overrides(case_id)?;
    Ok(AnnexScanner::new(&annex).allowing(allowed.iter().map(|o| o.term_key.as_str())))
}

/// The kinds of detail the case-derived text of these letters shows.
pub(crate) fn details_shown<'a>(
    guard: &AnnexScanner,
    scanned: impl IntoIterator<Item = &'a LetterDocument>,
) -> std::collections::BTreeSet<RestrictedDetail> {
    scanned
        .into_iter()
        .flat_map(|document| guard.find(&document.printed_text().join("\n")))
        .collect()
}

/// Members, signatories and board settings whose text matches the annex (every term: an
/// override says a word is safe in a letter, not that a member is unrelated to the child).
pub(crate) fn board_text_warnings(
    annex: &RestrictedAnnex,
    board: &BoardForLetters,
    members: &[ListedMember],
    signatories: &[Signatory],
) -> Vec<BoardTextWarning> {
    let guard = AnnexScanner::new(annex);
    let mut warnings = Vec::new();
    let mut warn = |source: String, texts: &[&str]| {
        let found = guard.find(&texts.join("\n"));
        if !found.is_empty() {
            warnings.push(BoardTextWarning {
                source,
                details: found.iter().map(|d| d.description().to_owned()).collect(),
            });
        }
    };
    for member in members {
        warn(
            format!("{} (a member)", member.name),
            &[&member.name, &member.role, &member.agency],
        );
    }
    for signatory in signatories {
        warn(
            format!("{} (signs the letter)", signatory.name),
            &[&signatory.name, &signatory.role],
        );
    }
    let mut settings: Vec<&str> = vec![&board.name, &board.subgroup_name, &board.protective_marking];
    settings.extend(board.address_lines.iter().map(String::as_str));
    settings.extend(board.contact.as_deref());
    warn("the board's settings".to_owned(), &settings);
    warnings
}

impl Desk {
    /// The overrides in force for a case.
    pub fn annex_overrides(&self, case_id: i64) -> Result<Vec<AnnexOverrideView>, DeskError> {
        self.with_archive(|archive| overrides_of(archive, case_id))
    }

    /// The annex terms that the letters of a request would print, with the annex's own wording,
    /// for the chair to judge whether one is safe in context. This shows annex content, so it is
    /// recorded as a reading of the annex.
    pub fn restricted_terms_in_letters(&self, request: &LetterRequest) -> Result<Vec<AnnexTerm>, DeskError> {
        let scanned = self.compose_for_scan(request)?;
        self.with_archive(|archive| {
            archive.read_annex(request.case_id)?;
            let guard = case_guard(archive, request.case_id)?;
            let mut found: Vec<AnnexTerm> = Vec::new();
            for document in &scanned {
                for term in guard.find_terms(&document.printed_text().join("\n")) {
                    if !found.iter().any(|t| t.key == term.key) {
                        found.push(term);
                    }
                }
            }
            Ok(found)
        })
    }

    /// Lets one annex term appear in the case's letters (and its finalised text): the chair has
    /// judged it safe in context. Audited by kind of detail, never by value.
    pub fn allow_annex_term(
        &self,
        case_id: i64,
        term_key: &str,
    ) -> Result<Vec<AnnexOverrideView>, DeskError> {
        self.with_archive(|archive| {
            let annex = archive.annex_for_checks(case_id)?;
            let kinds = AnnexScanner::new(&annex).kinds_of(term_key);
            if kinds.is_empty() {
                return Err(DeskError::AnnexTermUnknown);
            }
            archive.add_annex_override(case_id, term_key, &kinds)?;
            overrides_of(archive, case_id)
        })
    }

    /// Withdraws an override: its term blocks the case's letters again. Audited.
    pub fn withdraw_annex_override(
        &self,
        case_id: i64,
        id: i64,
    ) -> Result<Vec<AnnexOverrideView>, DeskError> {
        self.with_archive(|archive| {
            archive.withdraw_annex_override(case_id, id)?;
            overrides_of(archive, case_id)
        })
    }
}

fn overrides_of(archive: &Archive, case_id: i64) -> Result<Vec<AnnexOverrideView>, DeskError> {
    archive.case(case_id)?;
    Ok(archive
        .annex_overrides(case_id)?
        .into_iter()
        .map(|o| AnnexOverrideView {
            id: o.id,
            description: describe(&o.kinds),
            kinds: o.kinds,
            created_at: o.created_at,
        })
        .collect())
}
