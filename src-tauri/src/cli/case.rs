//! `scr-desk case ...`: what happens to a case after its decision, from the command line. The
//! same desk calls as the case page: each recording and correction is checked and audited there.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use scr_desk::{Desk, DeskError, MilestoneCorrection, MilestoneInput, MilestonesView};
use scr_domain::framework::CaseEvent;

use super::output::print_out;

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// List the milestones the case can record after its decision, and every recording and
    /// correction so far.
    Milestones {
        /// The case's reference, e.g. SCR-2026-003.
        #[arg(long = "case", value_name = "REF")]
        reference: String,
    },
    /// Record a milestone after the decision; it stops the framework's timers that end on it.
    Event {
        #[command(flatten)]
        milestone: WhichMilestone,
        /// When it happened (e.g. 2026-05-04 or 4/5/2026); not in the future.
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        date: NaiveDate,
    },
    /// Correct a recorded milestone's date, or withdraw it, giving the reason (kept in the audit trail).
    CorrectEvent {
        #[command(flatten)]
        milestone: WhichMilestone,
        /// The right date.
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date, required_unless_present = "withdraw")]
        date: Option<NaiveDate>,
        /// Withdraw the recording: it did not happen.
        #[arg(long, conflicts_with = "date")]
        withdraw: bool,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// Which milestone of which case a recording or a correction is about.
#[derive(Debug, Args)]
pub struct WhichMilestone {
    #[arg(long = "case", value_name = "REF")]
    reference: String,
    #[arg(long, value_enum)]
    event: EventArg,
    /// For a national notification: which one, as `case milestones` lists it (e.g. ofsted_review).
    #[arg(long, value_name = "ID")]
    notification: Option<String>,
}

/// The events a board records after the decision.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EventArg {
    ReviewStart,
    NationalNotificationSent,
    AdvanceCopySent,
    ReviewCompleted,
    Publication,
}

impl From<EventArg> for CaseEvent {
    fn from(value: EventArg) -> CaseEvent {
        match value {
            EventArg::ReviewStart => CaseEvent::ReviewStart,
            EventArg::NationalNotificationSent => CaseEvent::NationalNotificationSent,
            EventArg::AdvanceCopySent => CaseEvent::AdvanceCopySent,
            EventArg::ReviewCompleted => CaseEvent::ReviewCompleted,
            EventArg::Publication => CaseEvent::Publication,
        }
    }
}

fn parse_cli_date(text: &str) -> Result<NaiveDate, scr_domain::DomainError> {
    scr_domain::register::parse_date(text)
}

pub fn run(desk: &Desk, command: CaseCommand, json: bool) -> Result<ExitCode, DeskError> {
    match command {
        CaseCommand::Milestones { reference } => {
            let view = desk.case_milestones(desk.case_id_for(&reference)?)?;
            Ok(print_out(json, &view, || describe(&view)))
        }
        CaseCommand::Event { milestone, date } => {
            let case_id = desk.case_id_for(&milestone.reference)?;
            let view = desk.record_milestone(
                case_id,
                MilestoneInput {
                    event: milestone.event.into(),
                    notification_id: milestone.notification,
                    date,
                },
            )?;
            Ok(print_out(json, &view, || {
                format!("Recorded.\n{}", describe(&view))
            }))
        }
        CaseCommand::CorrectEvent {
            milestone,
            date,
            withdraw,
            reason,
        } => {
            let WhichMilestone {
                reference,
                event,
                notification,
            } = milestone;
            let case_id = desk.case_id_for(&reference)?;
            let event: CaseEvent = event.into();
            let current = desk.case_milestones(case_id)?;
            let record_id = current
                .slots
                .iter()
                .find(|s| s.slot.event == event && s.slot.notification_id == notification)
                .and_then(|s| s.record_id)
                .ok_or_else(|| DeskError::MilestoneInvalid {
                    summary: format!("{reference} has no such milestone recorded to correct"),
                    problems: Vec::new(),
                })?;
            let view = desk.correct_milestone(
                case_id,
                MilestoneCorrection {
                    record_id,
                    date: if withdraw { None } else { date },
                    reason,
                },
            )?;
            Ok(print_out(json, &view, || {
                format!("Corrected.\n{}", describe(&view))
            }))
        }
    }
}

fn describe(view: &MilestonesView) -> String {
    let mut lines = Vec::new();
    match view.decision_date {
        Some(date) => lines.push(format!("{}: decided on {date}", view.reference)),
        None => lines.push(format!("{}: no finalised decision yet", view.reference)),
    }
    for slot in &view.slots {
        let id = slot
            .slot
            .notification_id
            .as_deref()
            .map(|id| format!(" [--notification {id}]"))
            .unwrap_or_default();
        let when = slot
            .slot
            .recorded
            .map_or_else(|| "not recorded".to_owned(), |d| d.to_string());
        lines.push(format!("  {}{id}: {when}", slot.slot.label));
    }
    if !view.history.is_empty() {
        lines.push("History:".to_owned());
        for change in &view.history {
            let what = change
                .date
                .map_or_else(|| "withdrawn".to_owned(), |d| d.to_string());
            let why = change
                .reason
                .as_deref()
                .map(|r| format!(" (correction: {r})"))
                .unwrap_or_default();
            lines.push(format!("  {} {}: {what}{why}", change.recorded_at, change.label));
        }
    }
    lines.join("\n")
}
