//! `scr-desk deliveries confirm|resend`: the window's buttons for a letter that may not have gone
//! (uncertain), failed, or was exported for secure mail, from the command line; same audit.

use std::process::ExitCode;

use clap::Subcommand;
use scr_desk::{Desk, DeskError};
use scr_domain::delivery::DeliveryAction;

use super::output::print_out;

#[derive(Debug, Subcommand)]
pub enum DeliveriesAction {
    /// The member's uncertain (or exported) letter did go: record it as sent.
    Confirm {
        #[arg(long, value_name = "REF")]
        decision: String,
        /// The member's email address as in the register.
        #[arg(long, value_name = "EMAIL")]
        member: String,
        /// How you know, kept in the audit trail.
        #[arg(long, value_name = "TEXT", default_value = "Confirmed from the command line")]
        note: String,
    },
    /// Send the member's uncertain (or failed) letter again with the next `scr-desk send`.
    Resend {
        #[arg(long, value_name = "REF")]
        decision: String,
        #[arg(long, value_name = "EMAIL")]
        member: String,
        /// Why it should go again, kept in the audit trail.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

pub fn run(desk: &Desk, action: DeliveriesAction, json: bool) -> Result<ExitCode, DeskError> {
    let (reference, member, what, note) = match action {
        DeliveriesAction::Confirm {
            decision,
            member,
            note,
        } => (decision, member, DeliveryAction::ConfirmSent, note),
        DeliveriesAction::Resend {
            decision,
            member,
            reason,
        } => (decision, member, DeliveryAction::Resend, reason),
    };
    let view = desk.act_on_member_delivery(&reference, &member, what, &note)?;
    Ok(print_out(json, &view, || match what {
        DeliveryAction::ConfirmSent => format!("{}'s letter is recorded as sent.", view.member_name),
        DeliveryAction::Resend => format!(
            "{}'s letter will be sent again with the next `scr-desk send --decision {reference}`.",
            view.member_name
        ),
    }))
}
