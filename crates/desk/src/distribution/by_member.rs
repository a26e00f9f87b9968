//! A member's delivery of a decision found by the member's email address, for the command line's
//! `deliveries confirm|resend`: the actions the delivery log offers on that row (the same
//! transitions and audit as the window's buttons).

use scr_domain::delivery::DeliveryAction;

use crate::distribution::DeliveryView;
use crate::{Desk, DeskError};

fn waiting_for(action: DeliveryAction) -> &'static str {
    match action {
        DeliveryAction::ConfirmSent => "uncertain or exported",
        DeliveryAction::Resend => "sent, failed, uncertain or exported",
    }
}

impl Desk {
    /// Takes `action` on the member's newest letter of the decision that offers it, with the note
    /// or reason given (audited as in the window).
    pub fn act_on_member_delivery(
        &self,
        reference: &str,
        email: &str,
        action: DeliveryAction,
        note: &str,
    ) -> Result<DeliveryView, DeskError> {
        let member_id = self.member_id_by_email(email)?;
        let id = self
            .distribution(reference)?
            .deliveries
            .into_iter()
            .filter(|d| d.member_id == member_id && d.actions.contains(&action))
            .max_by_key(|d| d.id)
            .map(|d| d.id)
            .ok_or_else(|| DeskError::DeliveryNotFound {
                reference: reference.to_owned(),
                member: email.to_owned(),
                waiting: waiting_for(action),
            })?;
        match action {
            DeliveryAction::ConfirmSent => self.confirm_delivery_sent(id, note),
            DeliveryAction::Resend => self.resend_delivery(id, note),
        }
    }
}
