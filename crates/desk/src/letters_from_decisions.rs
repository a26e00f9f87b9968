//! Letters about a finalised decision: compose them from the archive's records and preview them
//! (which prepares them, under a token bound to their content), then issue exactly what was
//! previewed. Every letter is scanned against the case's restricted annex before anything is
//! signed: the board sees the pseudonym only.

use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::{Archive, ArchiveError, StoredSigner};
use scr_domain::annex_scan::AnnexScanner;
use scr_domain::case::RestrictedAnnex;
use scr_domain::finalise::FinalisedDecision;
use scr_domain::notices::LetterContent;
use scr_domain::DomainError;
use scr_letters::compose::{compose_letter, Addressee, BoardForLetters, DecisionFacts, ListedMember};
use scr_letters::{LetterDocument, LetterRenderer, RenderedLetter, Signatory};

use crate::annex_guard::{board_text_warnings, case_guard, details_shown, BoardText, BoardTextWarning};
use crate::letter_signing::chosen_signers;
use crate::prepared_letters::{content_token, PreparedIssue};
use crate::register::{free_name, write_new_file};
use crate::signing::grouped_fingerprint;
use scr_domain::letter_kind::{Addressing, LetterKind, Recipient};

use crate::{Desk, DeskError, IssuedLetterSummary, LetterToIssue};

/// Which letters to write about which decision, signed by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterRequest {
    #[ts(type = "number")]
    pub case_id: i64,
    /// The decision version the letters are about; none: the latest.
    #[serde(default)]
    pub decision_version: Option<u32>,
    pub content: LetterContent,
    pub addressing: Addressing,
    /// Who signs, in order; empty: the chair.
    #[serde(default)]
    #[ts(type = "Array<number>")]
    pub signer_ids: Vec<i64>,
}

/// The first of the letters as it will look, unsigned, before anything is issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterPreview {
    /// The unsigned PDF, base64.
    pub pdf_base64: String,
    pub page_count: u32,
    pub title: String,
    /// Whose copy this is: "the circular to every member", or a member's name.
    pub shown: String,
    /// How many letters issuing will sign and store.
    pub letter_count: u32,
    /// The distribution list: the members in post on the decision date who receive letters.
    pub distribution: Vec<String>,
    pub signatories: Vec<String>,
    /// Members, signatories or board settings whose text matches the case's restricted details.
    /// Their text is not checked against the annex (it is the board's, not the case's), so the
    /// chair is told here instead; nothing is blocked.
    pub warnings: Vec<BoardTextWarning>,
    /// Characters of the letter no bundled font can show (they would print as empty boxes):
    /// the chair is warned before signing.
    pub missing_characters: Vec<String>,
    /// What issuing these letters takes: bound to their exact content and signers.
    pub token: String,
}

/// An issued letter with words for the list on the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseLetter {
    pub letter: IssuedLetterSummary,
    /// "Decision notice", "Update", "Outcome notice".
    pub kind_label: String,
    /// "All members (circular)" or the member's name.
    pub recipient_label: String,
}

/// Where an unsigned preview was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewWritten {
    pub path: String,
    pub shown: String,
    pub page_count: u32,
}

/// Where a letter was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterSaved {
    pub path: String,
}

/// The composed letters of a request, ready to sign, and who signs them.
struct Composed {
    letters: Vec<LetterToIssue>,
    signers: Vec<StoredSigner>,
    shown: String,
    distribution: Vec<String>,
    warnings: Vec<BoardTextWarning>,
}

/// The letters of a request, and what the annex guard reads of them.
struct ComposedForGuard {
    composed: Composed,
    /// The same letters with the board's own text blanked: only what comes from the case.
    scanned: Vec<LetterDocument>,
    guard: AnnexScanner,
    reference: String,
}

impl Desk {
    /// Composes the letters and renders the first, unsigned, so the chair sees exactly what the
    /// members will read, and keeps them for [`Desk::issue_previewed`] under the preview's token.
    /// Nothing is stored in the archive.
    pub fn preview_letters(&self, request: &LetterRequest) -> Result<LetterPreview, DeskError> {
        let (composed, rendered) = self.render_first(request)?;
        let first = &composed.letters[0].document;
        let token = content_token(&composed.letters, &composed.signers)?;
        let reference = first.reference.clone();
        let preview = LetterPreview {
            pdf_base64: base64::engine::general_purpose::STANDARD.encode(&rendered.pdf),
            page_count: u32::try_from(rendered.page_count).unwrap_or(u32::MAX),
            title: first.title.clone(),
            shown: composed.shown,
            letter_count: u32::try_from(composed.letters.len()).unwrap_or(u32::MAX),
            distribution: composed.distribution,
            signatories: first.signatories.iter().map(|s| s.name.clone()).collect(),
            warnings: composed.warnings,
            missing_characters: scr_letters::missing_glyphs(composed.letters.iter().map(|l| &l.document))?
                .iter()
                .map(char::to_string)
                .collect(),
            token: token.clone(),
        };
        self.prepared.keep(PreparedIssue {
            token,
            request: request.clone(),
            letters: composed.letters,
            reference,
        });
        Ok(preview)
    }

    /// Signs and stores, in one audited change, exactly the letters of the preview with this
    /// token. The letters are composed again from the archive under the same lock first: if
    /// anything they print or who signs them has changed since, nothing is signed
    /// (`letter.changed_since_preview`). A preview issues once.
    pub fn issue_previewed(&self, token: &str) -> Result<Vec<IssuedLetterSummary>, DeskError> {
        let prepared = self.prepared.take(token)?;
        let content = validated(&prepared.request.content)?;
        let letter_date = self.today();
        self.with_archive(|archive| {
            let again = self.compose_in(archive, &prepared.request, &content, letter_date)?;
            refuse_restricted(&again.guard, &again.reference, &again.scanned)?;
            let current = content_token(&again.composed.letters, &again.composed.signers)?;
            if current != prepared.token {
                return Err(DeskError::ChangedSincePreview {
                    reference: prepared.reference.clone(),
                });
            }
            self.sign_and_store_in(archive, &prepared.letters, &again.composed.signers)
        })
    }

    /// Previews and issues at once (the command line, the demonstration): the same guarded
    /// path as the app's, with nothing able to change in between.
    pub fn issue_letters(&self, request: &LetterRequest) -> Result<Vec<IssuedLetterSummary>, DeskError> {
        let preview = self.preview_letters(request)?;
        self.issue_previewed(&preview.token)
    }

    /// Renders the first letter of a request, unsigned, to a new file (for a look before issuing).
    pub fn write_preview(
        &self,
        request: &LetterRequest,
        path: &std::path::Path,
    ) -> Result<PreviewWritten, DeskError> {
        let (composed, rendered) = self.render_first(request)?;
        write_new_file(path, &rendered.pdf)?;
        Ok(PreviewWritten {
            path: path.display().to_string(),
            shown: composed.shown,
            page_count: u32::try_from(rendered.page_count).unwrap_or(u32::MAX),
        })
    }

    /// The id of the case with this reference.
    pub fn case_id_for(&self, reference: &str) -> Result<i64, DeskError> {
        self.list_cases(Some(reference))?
            .into_iter()
            .find(|c| c.reference.eq_ignore_ascii_case(reference.trim()))
            .map(|c| c.id)
            .ok_or_else(|| DeskError::CaseUnknown {
                reference: reference.trim().to_owned(),
            })
    }

    /// The letters issued on a case, newest first, labelled for people.
    pub fn case_letters(&self, case_id: i64) -> Result<Vec<CaseLetter>, DeskError> {
        self.with_archive(|archive| {
            let reference = archive.case(case_id)?.reference;
            let register = archive.register()?;
            let letters = archive.issued_letters(Some(&reference))?;
            Ok(letters
                .into_iter()
                .map(|record| {
                    let summary = IssuedLetterSummary::from(record);
                    let recipient_label = match summary.recipient {
                        Recipient::Circular => "All members (circular)".to_owned(),
                        Recipient::Member(id) => register
                            .member(id)
                            .map(|m| m.details.name)
                            .unwrap_or_else(|| format!("Member {id}")),
                    };
                    CaseLetter {
                        kind_label: summary.kind.label().to_owned(),
                        recipient_label,
                        letter: summary,
                    }
                })
                .collect())
        })
    }

    /// An issued letter's exact bytes, base64, to show in the app.
    pub fn issued_letter_base64(&self, id: i64) -> Result<String, DeskError> {
        Ok(base64::engine::general_purpose::STANDARD.encode(self.issued_letter_pdf(id)?))
    }

    /// Writes an issued letter, byte for byte, to `path` (never over an existing file).
    pub fn save_issued_letter(&self, id: i64, path: &std::path::Path) -> Result<LetterSaved, DeskError> {
        write_new_file(path, &self.issued_letter_pdf(id)?)?;
        Ok(LetterSaved {
            path: path.display().to_string(),
        })
    }

    /// Saves an issued letter into the Documents folder, named by its reference and kind.
    pub fn save_issued_letter_to_documents(&self, id: i64) -> Result<LetterSaved, DeskError> {
        let letter = self.with_archive(|archive| {
            archive
                .issued_letter(id)?
                .ok_or(DeskError::from(ArchiveError::LetterUnknown { id }))
        })?;
        let folder = crate::desk::documents_folder("SCR Decision Desk letters")?;
        let record = &letter.record;
        let stem = format!(
            "{}-{}-{}",
            record.reference,
            record.kind.as_str().replace('_', "-"),
            record.recipient.to_stored()
        );
        let path = free_name(&folder, &stem, "pdf");
        write_new_file(&path, &letter.pdf)?;
        Ok(LetterSaved {
            path: path.display().to_string(),
        })
    }

    /// The request's letters, and the first of them rendered unsigned.
    fn render_first(&self, request: &LetterRequest) -> Result<(Composed, RenderedLetter), DeskError> {
        let composed = self.compose(request)?;
        let rendered = LetterRenderer::new()?.render(&composed.letters[0].document, self.now())?;
        Ok((composed, rendered))
    }

    fn compose(&self, request: &LetterRequest) -> Result<Composed, DeskError> {
        let all = self.compose_with_guard(request)?;
        refuse_restricted(&all.guard, &all.reference, &all.scanned)?;
        Ok(all.composed)
    }

    /// The request's letters with the board's own text blanked, as the annex guard reads them.
    pub(crate) fn compose_for_scan(&self, request: &LetterRequest) -> Result<Vec<LetterDocument>, DeskError> {
        Ok(self.compose_with_guard(request)?.scanned)
    }

    fn compose_with_guard(&self, request: &LetterRequest) -> Result<ComposedForGuard, DeskError> {
        let content = validated(&self.content_with_milestones(request)?)?;
        let letter_date = self.today();
        self.with_archive(|archive| self.compose_in(archive, request, &content, letter_date))
    }

    fn compose_in(
        &self,
        archive: &Archive,
        request: &LetterRequest,
        content: &LetterContent,
        letter_date: NaiveDate,
    ) -> Result<ComposedForGuard, DeskError> {
        {
            let case = archive.case(request.case_id)?;
            let decision = chosen_decision(archive, request, &case.reference)?;
            let framework = self
                .rules
                .registry
                .get(&decision.record.framework_id, &decision.record.framework_version)?;
            let board = board_for_letters(archive)?;
            let authority = archive
                .signing_authority()?
                .ok_or(ArchiveError::SigningNotSetUp)?;
            let signers = chosen_signers(archive, authority.id, &request.signer_ids)?;
            let signatories: Vec<Signatory> = signers
                .iter()
                .map(|s| Signatory {
                    name: s.name.clone(),
                    role: s.role.clone(),
                })
                .collect();
            let decided_on = decision.record.decision.decision_date.unwrap_or(letter_date);
            let members = members_in_post(archive, decided_on)?;
            if members.is_empty() {
                return Err(DeskError::NoRecipients { on: decided_on });
            }
            let fingerprint = grouped_fingerprint(&authority.fingerprint);
            let calendar = self.calendar(archive)?;
            let facts = DecisionFacts {
                board: &board,
                framework,
                decision: &decision.record,
                calendar: &calendar,
                members: &members,
                signatories: &signatories,
                board_fingerprint: &fingerprint,
                letter_date,
            };
            let kind = LetterKind::of(content);
            let mut letters = Vec::new();
            if request.addressing.includes_circular() {
                letters.push(LetterToIssue {
                    document: compose_letter(&facts, content, Addressee::Board),
                    kind,
                    recipient: Recipient::Circular,
                });
            }
            if request.addressing.includes_personal_copies() {
                letters.extend(members.iter().map(|member| LetterToIssue {
                    document: compose_letter(&facts, content, Addressee::Member(member)),
                    kind,
                    recipient: Recipient::Member(member.id),
                }));
            }
            let shown = match request.addressing {
                Addressing::Personalised => format!("{}’s copy", members[0].name),
                _ => "The circular to every member".to_owned(),
            };
            let annex: RestrictedAnnex = archive.annex_for_checks(request.case_id)?;
            let warnings = board_text_warnings(&annex, &board, &members, &signatories);
            let blanked = BoardText::blanked(&board, &members, &signatories);
            let scan_facts = DecisionFacts {
                board: &blanked.board,
                members: &blanked.members,
                signatories: &blanked.signatories,
                ..facts
            };
            let mut scanned = Vec::new();
            if request.addressing.includes_circular() {
                scanned.push(compose_letter(&scan_facts, content, Addressee::Board));
            }
            // With the board's text blanked, every member's copy reads the same: one is enough.
            if let (Addressing::Personalised | Addressing::Both, Some(member)) =
                (request.addressing, blanked.members.first())
            {
                scanned.push(compose_letter(&scan_facts, content, Addressee::Member(member)));
            }
            Ok(ComposedForGuard {
                composed: Composed {
                    letters,
                    signers,
                    shown,
                    distribution: members
                        .iter()
                        .map(|m| format!("{}, {}", m.name, m.agency))
                        .collect(),
                    warnings,
                },
                scanned,
                guard: case_guard(archive, request.case_id)?,
                reference: case.reference,
            })
        }
    }
}

/// The chair's text for an update or outcome letter, or what is missing from it.
fn validated(content: &LetterContent) -> Result<LetterContent, DeskError> {
    content.validated().map_err(|error| match error {
        DomainError::Invalid { summary, problems } => DeskError::LetterInvalid { summary, problems },
        other => other.into(),
    })
}

fn chosen_decision(
    archive: &Archive,
    request: &LetterRequest,
    reference: &str,
) -> Result<FinalisedDecision, DeskError> {
    let mut decisions = archive.decisions(request.case_id)?;
    match request.decision_version {
        None => decisions.pop().ok_or_else(|| DeskError::NotFinalised {
            reference: reference.to_owned(),
        }),
        Some(version) => decisions
            .into_iter()
            .find(|d| d.record.version == version)
            .ok_or_else(|| DeskError::DecisionVersionUnknown {
                reference: reference.to_owned(),
                version,
            }),
    }
}

pub(crate) fn board_for_letters(archive: &Archive) -> Result<BoardForLetters, DeskError> {
    let profile = archive.board_profile()?.ok_or(DeskError::BoardNotSetUp)?;
    let settings = archive.board_settings()?;
    let contact = match (settings.chair_name.is_empty(), settings.chair_email.is_empty()) {
        (_, true) => None,
        (true, false) => Some(settings.chair_email.clone()),
        (false, false) => Some(format!("{} ({})", settings.chair_name, settings.chair_email)),
    };
    Ok(BoardForLetters {
        name: profile.name,
        address_lines: settings.address_lines,
        logo: archive.board_logo()?.map(|(_, bytes)| bytes),
        protective_marking: settings.protective_marking,
        subgroup_name: settings.subgroup_name,
        contact,
        timestamp_authority: crate::timestamping::authority_host(archive)?,
    })
}

/// The distribution list: every member in post on the date who receives letters, by name.
fn members_in_post(archive: &Archive, on: NaiveDate) -> Result<Vec<ListedMember>, DeskError> {
    let mut members: Vec<ListedMember> = archive
        .register()?
        .serving_on(on)
        .into_iter()
        .filter(|entry| entry.details.receives_letters)
        .map(|entry| ListedMember {
            id: entry.member_id,
            name: entry.details.name,
            role: entry.details.role,
            agency: entry.details.agency,
        })
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(members)
}

/// The last line of defence: the case-derived text of the letters checked against the annex (less
/// the chair's overrides) once more, before anything is signed.
fn refuse_restricted(
    guard: &AnnexScanner,
    reference: &str,
    scanned: &[LetterDocument],
) -> Result<(), DeskError> {
    let found = details_shown(guard, scanned);
    if found.is_empty() {
        return Ok(());
    }
    Err(DeskError::LetterShowsRestricted {
        reference: reference.to_owned(),
        details: found.into_iter().map(|d| d.description().to_owned()).collect(),
    })
}
