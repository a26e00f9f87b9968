//! The review's milestones on the case page and from the command line: what can be recorded for
//! the decision taken, recording one (checked against the decision and the framework), and
//! correcting or withdrawing one with a reason. Every change is a new, audited row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::{Archive, MilestoneRecord};
use scr_domain::finalise::FinalisedDecision;
use scr_domain::framework::{CaseEvent, DecisionKind, Framework};
use scr_domain::milestones::{self, event_label, Milestone, MilestoneContext, MilestoneSlot};
use scr_domain::notices::LetterContent;
use scr_domain::register::dates::long_date;
use scr_domain::DomainError;

use crate::letters_from_decisions::LetterRequest;
use crate::{Desk, DeskError};

/// A case's milestones: what it can record, and every recording and correction so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestonesView {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    /// None until a decision is finalised: there is nothing to record before it.
    pub decision: Option<DecisionKind>,
    pub decision_date: Option<NaiveDate>,
    pub slots: Vec<MilestoneSlotView>,
    pub history: Vec<MilestoneChange>,
}

/// One milestone the case can record, with the row in force when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneSlotView {
    pub slot: MilestoneSlot,
    /// The row in force, to correct or withdraw.
    #[ts(type = "number | null")]
    pub record_id: Option<i64>,
}

/// One row of the history, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneChange {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    /// None: withdrawn.
    pub date: Option<NaiveDate>,
    pub correction: bool,
    pub reason: Option<String>,
    pub recorded_at: String,
}

/// A milestone to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneInput {
    pub event: CaseEvent,
    #[serde(default)]
    pub notification_id: Option<String>,
    pub date: NaiveDate,
}

/// A correction of the milestone row `record_id`: a new date, or none to withdraw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneCorrection {
    #[ts(type = "number")]
    pub record_id: i64,
    pub date: Option<NaiveDate>,
    pub reason: String,
}

fn invalid(error: DomainError) -> DeskError {
    match error {
        DomainError::Invalid { summary, problems } => DeskError::MilestoneInvalid { summary, problems },
        other => other.into(),
    }
}

/// Words for a recorded row: its slot's label when the decision offers it, else the event's.
fn label_of(framework: &Framework, slots: &[MilestoneSlot], record: &MilestoneRecord) -> String {
    slots
        .iter()
        .find(|s| s.event == record.event && s.notification_id == record.notification_id)
        .map_or_else(|| event_label(framework, record.event), |s| s.label.clone())
}

/// What a milestone is checked against: the decision taken, its date and the notification's.
fn context_of<'f>(
    decision: &FinalisedDecision,
    framework: &'f Framework,
    reference: &str,
    today: NaiveDate,
) -> Result<MilestoneContext<'f>, DeskError> {
    let record = &decision.record;
    let kind = record.decision.kind().ok_or_else(|| DeskError::NoDecisionYet {
        reference: reference.to_owned(),
    })?;
    Ok(MilestoneContext {
        framework,
        decision: kind,
        decision_date: record.decision.decision_date,
        notification_date: record.case.notification_date,
        today,
    })
}

impl Desk {
    /// What the case can record after its decision, and what it has recorded.
    pub fn case_milestones(&self, case_id: i64) -> Result<MilestonesView, DeskError> {
        self.with_archive(|archive| self.milestones_view(archive, case_id))
    }

    /// Records a milestone on a case with a finalised decision; refused when it is already
    /// recorded (correct it instead) or does not fit the decision, the framework or the dates.
    pub fn record_milestone(&self, case_id: i64, input: MilestoneInput) -> Result<MilestonesView, DeskError> {
        let today = self.today();
        self.with_archive(|archive| {
            let (reference, decision, framework) = self.decided(archive, case_id)?;
            let recorded = archive.milestones(case_id)?;
            let context = context_of(&decision, framework, &reference, today)?;
            let milestone = milestones::validated(
                &context,
                &Milestone {
                    event: input.event,
                    notification_id: input.notification_id.clone(),
                    date: input.date,
                },
                &recorded,
            )
            .map_err(invalid)?;
            if let Some(already) = recorded
                .iter()
                .find(|m| m.event == milestone.event && m.notification_id == milestone.notification_id)
            {
                let slots = milestones::slots(framework, context.decision, &recorded);
                let what = slots
                    .iter()
                    .find(|s| s.event == milestone.event && s.notification_id == milestone.notification_id)
                    .map_or_else(|| event_label(framework, milestone.event), |s| s.label.clone());
                return Err(DeskError::MilestoneAlreadyRecorded {
                    what,
                    on: already.date,
                });
            }
            archive.record_milestone(case_id, &milestone)?;
            self.milestones_view(archive, case_id)
        })
    }

    /// Corrects a recorded milestone's date, or withdraws it, for the reason given (audited).
    pub fn correct_milestone(
        &self,
        case_id: i64,
        correction: MilestoneCorrection,
    ) -> Result<MilestonesView, DeskError> {
        let reason = milestones::correction_reason(&correction.reason).map_err(invalid)?;
        let today = self.today();
        self.with_archive(|archive| {
            let (reference, decision, framework) = self.decided(archive, case_id)?;
            if let Some(date) = correction.date {
                let history = archive.milestone_history(case_id)?;
                let row = history.iter().find(|r| r.id == correction.record_id).ok_or(
                    scr_archive::ArchiveError::NotFound {
                        what: "milestone",
                        id: correction.record_id,
                    },
                )?;
                // The corrected date is checked as a new recording would be, against the others.
                let others: Vec<Milestone> = archive
                    .milestones(case_id)?
                    .into_iter()
                    .filter(|m| !(m.event == row.event && m.notification_id == row.notification_id))
                    .collect();
                let context = context_of(&decision, framework, &reference, today)?;
                milestones::validated(
                    &context,
                    &Milestone {
                        event: row.event,
                        notification_id: row.notification_id.clone(),
                        date,
                    },
                    &others,
                )
                .map_err(invalid)?;
            }
            archive.correct_milestone(case_id, correction.record_id, correction.date, &reason)?;
            self.milestones_view(archive, case_id)
        })
    }

    /// The case's reference, latest finalised decision and its framework.
    fn decided<'r>(
        &'r self,
        archive: &Archive,
        case_id: i64,
    ) -> Result<(String, FinalisedDecision, &'r Framework), DeskError> {
        let reference = archive.case(case_id)?.reference;
        let decision = archive
            .decisions(case_id)?
            .pop()
            .ok_or_else(|| DeskError::NoDecisionYet {
                reference: reference.clone(),
            })?;
        let framework = self
            .rules
            .registry
            .get(&decision.record.framework_id, &decision.record.framework_version)?;
        Ok((reference, decision, framework))
    }

    fn milestones_view(&self, archive: &Archive, case_id: i64) -> Result<MilestonesView, DeskError> {
        let reference = archive.case(case_id)?.reference;
        let latest = archive.decisions(case_id)?.pop();
        let history = archive.milestone_history(case_id)?;
        let in_force = archive.milestones(case_id)?;
        let Some(decision) = latest else {
            return Ok(MilestonesView {
                case_id,
                reference,
                decision: None,
                decision_date: None,
                slots: Vec::new(),
                history: Vec::new(),
            });
        };
        let framework = self
            .rules
            .registry
            .get(&decision.record.framework_id, &decision.record.framework_version)?;
        let kind = decision.record.decision.kind();
        let slots = kind.map_or_else(Vec::new, |kind| milestones::slots(framework, kind, &in_force));
        let replaced: Vec<i64> = history.iter().filter_map(|r| r.replaces).collect();
        let current = |slot: &MilestoneSlot| {
            history
                .iter()
                .filter(|r| !replaced.contains(&r.id) && r.date.is_some())
                .find(|r| r.event == slot.event && r.notification_id == slot.notification_id)
                .map(|r| r.id)
        };
        Ok(MilestonesView {
            case_id,
            reference,
            decision: kind,
            decision_date: decision.record.decision.decision_date,
            history: history
                .iter()
                .map(|r| MilestoneChange {
                    id: r.id,
                    label: label_of(framework, &slots, r),
                    date: r.date,
                    correction: r.replaces.is_some(),
                    reason: r.reason.clone(),
                    recorded_at: r.recorded_at.clone(),
                })
                .collect(),
            slots: slots
                .iter()
                .map(|slot| MilestoneSlotView {
                    slot: slot.clone(),
                    record_id: current(slot),
                })
                .collect(),
        })
    }
}

/// The outcome notice's dates as the case's milestones record them: the review's completion
/// (which the timers see) replaces any date typed for the letter, and a recorded publication
/// says the report is published, and when, unless the chair wrote where. Other letters unchanged.
pub(crate) fn outcome_with_milestones(content: &LetterContent, recorded: &[Milestone]) -> LetterContent {
    let LetterContent::OutcomeNotice(details) = content else {
        return content.clone();
    };
    let date_of = |event: CaseEvent| recorded.iter().find(|m| m.event == event).map(|m| m.date);
    let mut details = details.clone();
    if let Some(completed) = date_of(CaseEvent::ReviewCompleted) {
        details.completed_on = Some(completed);
    }
    if let Some(published) = date_of(CaseEvent::Publication) {
        details.published = Some(true);
        if details.publication.trim().is_empty() {
            details.publication = format!("on {}", long_date(published));
        }
    }
    LetterContent::OutcomeNotice(details)
}

impl Desk {
    /// The request's content with the case's milestones' dates in it (see
    /// [`outcome_with_milestones`]).
    pub(crate) fn content_with_milestones(
        &self,
        request: &LetterRequest,
    ) -> Result<LetterContent, DeskError> {
        if !matches!(request.content, LetterContent::OutcomeNotice(_)) {
            return Ok(request.content.clone());
        }
        let recorded = self.with_archive(|archive| Ok(archive.milestones(request.case_id)?))?;
        Ok(outcome_with_milestones(&request.content, &recorded))
    }
}
