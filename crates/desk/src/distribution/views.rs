//! What distribution shows the UI and scripts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::DeliveryRecord;
use scr_domain::delivery::{DeliveryAction, DeliveryChannel, DeliveryOutcome, DeliveryStatus};
use scr_domain::register::Channel;

/// One (letter, member) row of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub letter_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_name: String,
    pub address: String,
    pub channel: DeliveryChannel,
    pub status: DeliveryStatus,
    /// What a person may do about this row now (the page offers exactly these).
    pub actions: Vec<DeliveryAction>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub outcome: DeliveryOutcome,
}

impl DeliveryView {
    pub(crate) fn from_record(record: DeliveryRecord, member_name: String) -> DeliveryView {
        DeliveryView {
            id: record.id,
            letter_id: record.letter_id,
            member_id: record.member_id,
            member_name,
            address: record.address,
            channel: record.channel,
            status: record.status,
            actions: record.status.actions(),
            outcome: record.outcome,
        }
    }
}

/// A member in post on the decision date, against the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ToldRow {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub agency: String,
    pub email: String,
    pub channel: Channel,
    pub receives_letters: bool,
    /// The delivery's status; none when nothing was ever queued for them.
    pub status: Option<DeliveryStatus>,
    #[ts(type = "number | null")]
    pub delivery_id: Option<i64>,
    /// In post, meant to receive letters, and not (as far as anyone knows) given the letter.
    pub missed: bool,
    pub acknowledged_on: Option<NaiveDate>,
    pub acknowledged_how: Option<String>,
    pub reminders_sent: u32,
    /// Sent more than the board's number of working days ago, not acknowledged, not reminded since.
    pub reminder_due: bool,
    /// Given the letter and not yet acknowledged: an acknowledgement can be recorded.
    pub can_acknowledge: bool,
}

/// A batch under way (or just finished) in this app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    pub reference: String,
    pub total: u32,
    pub done: u32,
    pub sent: u32,
    pub failed: u32,
    pub running: bool,
    pub cancelled: bool,
    /// The member whose message is with the server now.
    pub current: Option<String>,
    /// Why the batch stopped early (an error outside any one message), as the app shows errors.
    pub stopped_by: Option<crate::ipc::IpcError>,
}

impl BatchProgress {
    pub(crate) fn start(reference: &str, total: usize) -> BatchProgress {
        BatchProgress {
            reference: reference.to_owned(),
            total: u32::try_from(total).unwrap_or(u32::MAX),
            done: 0,
            sent: 0,
            failed: 0,
            running: true,
            cancelled: false,
            current: None,
            stopped_by: None,
        }
    }
}

/// Everything the Distribution page shows for one decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DistributionView {
    pub reference: String,
    /// The date the register is read for: the decision's date, or today without one.
    pub register_date: NaiveDate,
    pub register_date_is_decision_date: bool,
    pub letters_issued: bool,
    pub mail_configured: bool,
    pub reminder_working_days: u32,
    pub told: Vec<ToldRow>,
    pub deliveries: Vec<DeliveryView>,
    /// Names of members in post who were not given the letter: shown first and prominently.
    pub missed: Vec<String>,
    pub not_acknowledged: Vec<String>,
    #[ts(type = "number")]
    pub uncertain: u32,
    /// Email letters waiting to be sent (never tried, or failed in a way worth retrying).
    pub to_send: u32,
    /// Members who take letters by secure export (or post) and have not been given theirs.
    pub to_export: u32,
    pub reminders_due: u32,
    pub progress: Option<BatchProgress>,
}

/// One member's letter in a send (or a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedLetter {
    pub member_name: String,
    pub address: String,
    pub channel: DeliveryChannel,
    #[ts(type = "number")]
    pub letter_id: i64,
    /// The log's status now; none in a dry run for pairs not yet queued.
    pub status: Option<DeliveryStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendReport {
    pub reference: String,
    pub dry_run: bool,
    pub letters: Vec<PlannedLetter>,
    pub sent: u32,
    pub failed: u32,
    pub already_sent: u32,
    /// Left `sending` by an earlier run that stopped: for the user to confirm or resend.
    pub uncertain: u32,
    /// For members who receive letters through secure export (or post): export them.
    pub to_export: u32,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub folder: String,
    pub files: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderReport {
    pub reminded: Vec<String>,
    /// (member, what went wrong)
    pub failed: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AcknowledgementInput {
    pub reference: String,
    #[ts(type = "number")]
    pub member_id: i64,
    /// As people write dates; today when empty.
    pub date: String,
    /// "Email reply", "Phone call", "In person"...
    pub how: String,
}
