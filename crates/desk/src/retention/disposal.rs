//! Disposal as the chair does it: a preview of what goes, what stays and which backups still hold
//! it; then, on the chair's confirmation (and a second person's, when the board requires one),
//! the disposal, which leaves its certificate in the archive. The archive refuses a hold, a second
//! disposal and the wrong order; this module adds the schedule: nothing before its period ends,
//! except the restricted details, which may always go early (UK GDPR art. 5(1)(c), data
//! minimisation), and nothing while the board's own schedule file cannot be used.

use scr_archive::{Archive, DisposalOrder};
use scr_domain::retention::certificate::{checked_second_person, DisposalCertificate, RuleApplied};
use scr_domain::retention::{EndAction, RecordClass, RetentionState};
use scr_domain::FieldProblem;

use super::views::{DisposalInput, DisposalPreview};
use super::{due_of, schedule_blocks};
use crate::{Desk, DeskError};

/// What the schedule says about one class of one case today, and whether anything stops its
/// disposal.
struct Plan {
    reference: String,
    rule: RuleApplied,
    early: bool,
    blocked: Option<DeskError>,
}

impl Desk {
    /// What disposing of `class` of a case would remove and keep; nothing is changed.
    pub fn disposal_preview(&self, case_id: i64, class: RecordClass) -> Result<DisposalPreview, DeskError> {
        self.with_archive(|archive| {
            let plan = self.disposal_plan(archive, case_id, class)?;
            let mut preview = DisposalPreview {
                case_id,
                reference: plan.reference,
                class,
                class_label: class.label().to_owned(),
                rule: plan.rule.rule,
                action: plan.rule.action,
                due: plan.rule.due,
                early: plan.early,
                removed: Vec::new(),
                kept: kept(class),
                letters: Vec::new(),
                decisions: Vec::new(),
                backups_before: Vec::new(),
                chair: chair_name(archive)?.unwrap_or_default(),
                second_person_required: archive.second_person_required()?,
                blocked: plan
                    .blocked
                    .as_ref()
                    .map(|error| crate::ipc::IpcError::from(error).message),
            };
            if class.is_per_case() {
                preview.fill_scope(archive.disposal_scope(case_id, class)?);
            }
            Ok(preview)
        })
    }

    /// Disposes of one class of a case's records on the chair's confirmation, and returns the
    /// certificate it leaves. Refused while a hold covers the case (`retention.on_hold`).
    pub fn dispose_records(&self, input: DisposalInput) -> Result<DisposalCertificate, DeskError> {
        self.with_archive(|archive| {
            let chair = chair_name(archive)?;
            let mut problems = Vec::new();
            if chair.is_none() {
                problems.push(FieldProblem {
                    field: "confirm",
                    message: "Enter the chair's name in Settings first: the certificate names who authorised the disposal"
                        .to_owned(),
                });
            } else if !input.chair_confirmed {
                problems.push(FieldProblem {
                    field: "confirm",
                    message: "Confirm that you, the chair, authorise this disposal".to_owned(),
                });
            }
            let chair = chair.unwrap_or_default();
            let second_person = match checked_second_person(
                archive.second_person_required()?,
                input.second_person.as_ref(),
                &chair,
            ) {
                Ok(person) => person,
                Err(scr_domain::DomainError::Invalid { problems: more, .. }) => {
                    problems.extend(more);
                    None
                }
                Err(other) => return Err(other.into()),
            };
            if !problems.is_empty() {
                return Err(DeskError::RetentionInvalid {
                    summary: "The disposal needs confirming".to_owned(),
                    problems,
                });
            }
            let plan = self.disposal_plan(archive, input.case_id, input.class)?;
            if let Some(refusal) = plan.blocked {
                return Err(refusal);
            }
            let disposal = archive.dispose(DisposalOrder {
                case_id: input.case_id,
                class: input.class,
                rule: plan.rule,
                chair,
                second_person,
            })?;
            Ok(disposal.certificate)
        })
    }

    fn disposal_plan(&self, archive: &Archive, case_id: i64, class: RecordClass) -> Result<Plan, DeskError> {
        let loaded = &self.rules.retention;
        let view = self.case_retention_of(archive, case_id)?;
        let status = view.classes.iter().find(|status| status.class == class);
        let rule = loaded.schedule.rule(class);
        let state = status.map_or(RetentionState::NotStarted, |status| status.state.clone());
        let is_due = matches!(state, RetentionState::Due { .. });
        let early = class == RecordClass::RestrictedAnnex && !is_due;
        let mut blocked = archive.disposal_refusal(case_id, class)?.map(DeskError::from);
        if blocked.is_none() {
            if let Some(reason) = schedule_blocks(loaded) {
                blocked = Some(DeskError::ScheduleUnusable { reason });
            }
        }
        if blocked.is_none() && !is_due && !early {
            blocked = Some(DeskError::NotDue {
                reference: view.reference.clone(),
                what: class.label().to_lowercase(),
                due: due_of(&state).map_or_else(
                    || "their period has not started".to_owned(),
                    |due| format!("their period ends on {}", due.format("%-d %B %Y")),
                ),
            });
        }
        Ok(Plan {
            reference: view.reference,
            rule: RuleApplied {
                schedule_id: loaded.schedule.id.clone(),
                schedule_version: loaded.schedule.version.clone(),
                rule: rule.map(|rule| rule.describe()).unwrap_or_default(),
                citation: rule.map(|rule| rule.citation.clone()).unwrap_or_default(),
                action: rule.map_or(EndAction::Keep, |rule| rule.action),
                due: if is_due { due_of(&state) } else { None },
            },
            early,
            blocked,
        })
    }
}

/// The chair as the board's settings name them, or else the chair's signing certificate.
fn chair_name(archive: &Archive) -> Result<Option<String>, DeskError> {
    let named = archive.board_settings()?.chair_name;
    if !named.trim().is_empty() {
        return Ok(Some(named.trim().to_owned()));
    }
    Ok(archive
        .signers()?
        .into_iter()
        .find(|signer| signer.label == crate::CHAIR_LABEL)
        .map(|signer| signer.name))
}

/// What stays after disposing of `class`, in words for the confirmation page.
fn kept(class: RecordClass) -> Vec<String> {
    let trail = "The audit trail, with this disposal's certificate: it holds no case content".to_owned();
    let mut kept = match class {
        RecordClass::RestrictedAnnex => vec![
            "The case summary, the finalised decisions and the letters".to_owned(),
        ],
        RecordClass::Letters => vec![
            "Each letter's SHA-256 hash, kind, recipient and date, so that a copy a member still holds can be recognised as once issued"
                .to_owned(),
            "The case summary and the decisions".to_owned(),
        ],
        RecordClass::DeliveryLog => vec!["The letters (or their hashes) and the case record".to_owned()],
        RecordClass::CaseRecord => vec![
            "The case reference, which is never given to another case".to_owned(),
            "The decisions' content hashes, in the certificate".to_owned(),
            "The letters' hashes".to_owned(),
        ],
        RecordClass::AuditTrail | RecordClass::Backups => Vec::new(),
    };
    kept.push(trail);
    kept
}
