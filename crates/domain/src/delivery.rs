//! The delivery log's closed sets: where a (letter, member) pair stands, how it travels, and
//! what a person may do about it. The rules of which step follows which live here, once: the
//! archive refuses any other step, and the UI offers exactly the actions a row carries.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a (letter, member) pair stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Recorded, nothing attempted yet.
    Queued,
    /// Handed to the mail server; not yet known whether it took the message.
    Sending,
    Sent,
    Failed,
    /// Found in `sending` after a crash: it may or may not have gone. Never sent again
    /// automatically; the user confirms it went or asks for it to be sent again.
    Uncertain,
    /// Written to a secure-export folder for the board manager to send.
    Exported,
    /// The board manager confirmed sending an exported (or uncertain) letter.
    ConfirmedSent,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 7] = [
        DeliveryStatus::Queued,
        DeliveryStatus::Sending,
        DeliveryStatus::Sent,
        DeliveryStatus::Failed,
        DeliveryStatus::Uncertain,
        DeliveryStatus::Exported,
        DeliveryStatus::ConfirmedSent,
    ];

    /// The stable name the log stores and scripts read.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Queued => "queued",
            DeliveryStatus::Sending => "sending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Uncertain => "uncertain",
            DeliveryStatus::Exported => "exported",
            DeliveryStatus::ConfirmedSent => "confirmed_sent",
        }
    }

    pub fn parse(text: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// The member has (as far as anyone knows) been given the letter.
    pub fn is_delivered(self) -> bool {
        matches!(self, DeliveryStatus::Sent | DeliveryStatus::ConfirmedSent)
    }

    /// What a person may do about a pair in this state.
    pub fn actions(self) -> Vec<DeliveryAction> {
        let mut actions = Vec::new();
        if matches!(self, DeliveryStatus::Exported | DeliveryStatus::Uncertain) {
            actions.push(DeliveryAction::ConfirmSent);
        }
        if !matches!(self, DeliveryStatus::Queued | DeliveryStatus::Sending) {
            actions.push(DeliveryAction::Resend);
        }
        actions
    }

    /// Whether sending by email will take this pair: waiting, or failed in a way worth retrying.
    pub fn awaits_sending(self, retryable: Option<bool>) -> bool {
        match self {
            DeliveryStatus::Queued => true,
            DeliveryStatus::Failed => retryable == Some(true),
            _ => false,
        }
    }
}

impl std::fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for DeliveryChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a person may do about a row of the delivery log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryAction {
    /// Say that an exported (or uncertain) letter did reach the member.
    ConfirmSent,
    /// Ask for the letter to go again, with a reason.
    Resend,
}

/// How a letter travels to a member: email from the app, or a folder for the board manager
/// to send through an agency's secure mail (which also serves members who take letters by post).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryChannel {
    Email,
    SecureExport,
}

impl DeliveryChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryChannel::Email => "email",
            DeliveryChannel::SecureExport => "secure_export",
        }
    }

    pub fn parse(text: &str) -> Option<DeliveryChannel> {
        [DeliveryChannel::Email, DeliveryChannel::SecureExport]
            .into_iter()
            .find(|channel| channel.as_str() == text)
    }

    /// The log's channel for a member who takes letters the way the register says.
    pub fn for_member(channel: crate::register::Channel) -> DeliveryChannel {
        match channel {
            crate::register::Channel::Email => DeliveryChannel::Email,
            crate::register::Channel::SecureExport | crate::register::Channel::Post => {
                DeliveryChannel::SecureExport
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_stored_name() {
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_value(status).expect("json"),
                serde_json::json!(status.as_str())
            );
        }
        assert_eq!(DeliveryStatus::parse("lost"), None);
        for channel in [DeliveryChannel::Email, DeliveryChannel::SecureExport] {
            assert_eq!(DeliveryChannel::parse(channel.as_str()), Some(channel));
        }
    }

    #[test]
    fn the_actions_a_row_offers_follow_its_status() {
        use DeliveryAction::*;
        use DeliveryStatus::*;
        let table = [
            (Queued, vec![]),
            (Sending, vec![]),
            (Sent, vec![Resend]),
            (Failed, vec![Resend]),
            (Uncertain, vec![ConfirmSent, Resend]),
            (Exported, vec![ConfirmSent, Resend]),
            (ConfirmedSent, vec![Resend]),
        ];
        for (status, actions) in table {
            assert_eq!(status.actions(), actions, "{status:?}");
        }
        assert!(Queued.awaits_sending(None));
        assert!(Failed.awaits_sending(Some(true)));
        assert!(!Failed.awaits_sending(Some(false)));
        assert!(!Uncertain.awaits_sending(None));
    }
}

/// How sending one (letter, member) pair has gone so far: the tries, what the mail server said,
/// the exported file, and when. The archive stores it with the row and the Distribution page
/// shows it as it is, so it is declared once, here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryOutcome {
    #[ts(type = "number")]
    pub attempts: i64,
    pub message_id: Option<String>,
    pub server_reply: Option<String>,
    pub error: Option<String>,
    pub retryable: Option<bool>,
    pub export_file: Option<String>,
    pub queued_at: String,
    pub sent_at: Option<String>,
}
