//! A member's delivery of a decision found by the member's email address, for the command line's
//! `deliveries confirm|resend`: the same transitions (and audit) as the window's buttons.

use crate::distribution::DeliveryView;
use crate::{Desk, DeskError};

/// What the user asks of a member's letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryAction {
    /// It did go (an uncertain or exported letter).
    ConfirmSent,
    /// Send it again (a failed or uncertain letter).
    Resend,
}

impl DeliveryAction {
    fn statuses(self) -> (&'static [&'static str], &'static str) {
        match self {
            DeliveryAction::ConfirmSent => (&["uncertain", "exported"], "uncertain or exported"),
            DeliveryAction::Resend => (&["uncertain", "failed"], "uncertain or failed"),
        }
    }
}

impl Desk {
    /// Confirms or resends the member's newest letter of the decision that waits for it, with the
    /// note or reason given (audited as in the window).
    pub fn act_on_member_delivery(
        &self,
        reference: &str,
        email: &str,
        action: DeliveryAction,
        note: &str,
    ) -> Result<DeliveryView, DeskError> {
        let member_id = self.member_id_by_email(email)?;
        let (statuses, waiting) = action.statuses();
        let id = self
            .distribution(reference)?
            .deliveries
            .into_iter()
            .filter(|d| d.member_id == member_id && statuses.contains(&d.status.as_str()))
            .max_by_key(|d| d.id)
            .map(|d| d.id)
            .ok_or_else(|| DeskError::DeliveryNotFound {
                reference: reference.to_owned(),
                member: email.to_owned(),
                waiting,
            })?;
        match action {
            DeliveryAction::ConfirmSent => self.confirm_delivery_sent(id, note),
            DeliveryAction::Resend => self.resend_delivery(id, note),
        }
    }
}
