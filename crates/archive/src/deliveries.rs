//! The delivery log (outbox), acknowledgements and reminders. Each change of a delivery's status
//! is its own committed transaction with its audit event, and only from the statuses that may
//! lead to it: the log is the evidence of who was sent what, so it never skips a step.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use scr_domain::delivery::{DeliveryAction, DeliveryChannel, DeliveryOutcome, DeliveryStatus};

use crate::audit::AuditAction;
use crate::audited_rows::{self, AuditedTable};
use crate::database::unknown_name;
use crate::{Archive, ArchiveError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub id: i64,
    pub reference: String,
    pub letter_id: i64,
    pub member_id: i64,
    pub channel: DeliveryChannel,
    pub address: String,
    pub status: DeliveryStatus,
    pub outcome: DeliveryOutcome,
    pub updated_at: String,
    /// Why a person confirmed it went or asked for it to go again.
    pub note: Option<String>,
}

/// A (letter, member) pair to put in the log.
#[derive(Debug, Clone)]
pub struct NewDelivery<'a> {
    pub letter_id: i64,
    pub member_id: i64,
    pub channel: DeliveryChannel,
    pub address: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcknowledgementRecord {
    pub id: i64,
    pub reference: String,
    pub member_id: i64,
    pub acknowledged_on: String,
    pub how: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderRecord {
    pub id: i64,
    pub reference: String,
    pub member_id: i64,
    pub delivery_id: i64,
    pub message_id: String,
    pub server_reply: String,
    pub sent_at: String,
}

const COLUMNS: &str = "id, reference, letter_id, member_id, channel, address, status, attempts, message_id,
     server_reply, error, retryable, export_file, queued_at, updated_at, sent_at, note";

/// A stored name no version of the app writes is damage, not a state to guess at.
fn delivery_from(row: &Row<'_>) -> rusqlite::Result<DeliveryRecord> {
    let channel: String = row.get(4)?;
    let status: String = row.get(6)?;
    Ok(DeliveryRecord {
        id: row.get(0)?,
        reference: row.get(1)?,
        letter_id: row.get(2)?,
        member_id: row.get(3)?,
        channel: DeliveryChannel::parse(&channel)
            .ok_or_else(|| unknown_name(4, &channel, "delivery channel"))?,
        address: row.get(5)?,
        status: DeliveryStatus::parse(&status).ok_or_else(|| unknown_name(6, &status, "delivery state"))?,
        outcome: DeliveryOutcome {
            attempts: row.get(7)?,
            message_id: row.get(8)?,
            server_reply: row.get(9)?,
            error: row.get(10)?,
            retryable: row.get::<_, Option<i64>>(11)?.map(|r| r == 1),
            export_file: row.get(12)?,
            queued_at: row.get(13)?,
            sent_at: row.get(15)?,
        },
        updated_at: row.get(14)?,
        note: row.get(16)?,
    })
}

use DeliveryStatus as S;

/// The states from which a person may take `action` (the domain's rule, enforced here).
fn allowing(action: DeliveryAction) -> Vec<DeliveryStatus> {
    DeliveryStatus::ALL
        .into_iter()
        .filter(|status| status.actions().contains(&action))
        .collect()
}

impl Archive {
    /// Records every pair not yet in the log as queued, in one transaction with one
    /// `delivery.queued` event each. Pairs already there are left as they are. Returns how many
    /// were new.
    pub fn queue_deliveries(
        &mut self,
        reference: &str,
        pairs: &[NewDelivery<'_>],
    ) -> Result<usize, ArchiveError> {
        let now = self.actor.stamp();
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for pair in pairs {
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO deliveries
                   (reference, letter_id, member_id, channel, address, status, queued_at, updated_at,
                    audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?7)",
                (
                    reference,
                    pair.letter_id,
                    pair.member_id,
                    pair.channel.as_str(),
                    pair.address,
                    &now,
                    audited_rows::next_seq(&tx)?,
                ),
            )?;
            if inserted == 1 {
                let id = tx.last_insert_rowid();
                audited_rows::seal(
                    &tx,
                    &self.actor,
                    AuditAction::DeliveryQueued,
                    AuditedTable::Deliveries,
                    id,
                )?;
                added += 1;
            }
        }
        tx.commit()?;
        self.note_head();
        Ok(added)
    }

    pub fn deliveries(&self, reference: &str) -> Result<Vec<DeliveryRecord>, ArchiveError> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM deliveries WHERE reference = ?1 ORDER BY id"
        ))?;
        let rows = statement.query_map([reference], delivery_from)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn delivery(&self, id: i64) -> Result<DeliveryRecord, ArchiveError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM deliveries WHERE id = ?1"),
                [id],
                delivery_from,
            )
            .optional()?
            .ok_or(ArchiveError::NotFound { what: "delivery", id })
    }

    /// Committed on its own before the message is handed to the server (see the migration).
    pub fn mark_delivery_sending(
        &mut self,
        id: i64,
        message_id: &str,
    ) -> Result<DeliveryRecord, ArchiveError> {
        self.transition(
            id,
            &[S::Queued, S::Failed],
            S::Sending,
            AuditAction::DeliverySending,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'sending', attempts = attempts + 1, message_id = ?2,
                        error = NULL, retryable = NULL, updated_at = ?3, audit_seq = ?4 WHERE id = ?1",
                    (id, message_id, now, seq),
                )
            },
        )
    }

    pub fn mark_delivery_sent(
        &mut self,
        id: i64,
        server_reply: &str,
    ) -> Result<DeliveryRecord, ArchiveError> {
        self.transition(
            id,
            &[S::Sending],
            S::Sent,
            AuditAction::DeliverySent,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'sent', server_reply = ?2, sent_at = ?3, updated_at = ?3,
                        audit_seq = ?4 WHERE id = ?1",
                    (id, server_reply, now, seq),
                )
            },
        )
    }

    pub fn mark_delivery_failed(
        &mut self,
        id: i64,
        error: &str,
        retryable: bool,
    ) -> Result<DeliveryRecord, ArchiveError> {
        self.transition(
            id,
            &[S::Sending],
            S::Failed,
            AuditAction::DeliveryFailed,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'failed', error = ?2, retryable = ?3, updated_at = ?4,
                    audit_seq = ?5 WHERE id = ?1",
                    (id, error, i64::from(retryable), now, seq),
                )
            },
        )
    }

    /// A delivery left in `sending` by a crash: it may have gone. Marked uncertain, never resent
    /// without the user's explicit choice.
    pub fn mark_delivery_uncertain(&mut self, id: i64) -> Result<DeliveryRecord, ArchiveError> {
        let detail = "interrupted while the message was with the mail server";
        self.transition(
            id,
            &[S::Sending],
            S::Uncertain,
            AuditAction::DeliveryUncertain,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'uncertain', error = ?2, updated_at = ?3, audit_seq = ?4
                     WHERE id = ?1",
                    (id, detail, now, seq),
                )
            },
        )
    }

    pub fn mark_delivery_exported(&mut self, id: i64, file: &str) -> Result<DeliveryRecord, ArchiveError> {
        self.transition(
            id,
            &[S::Queued, S::Failed],
            S::Exported,
            AuditAction::DeliveryExported,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'exported', export_file = ?2, attempts = attempts + 1,
                        updated_at = ?3, audit_seq = ?4 WHERE id = ?1",
                    (id, file, now, seq),
                )
            },
        )
    }

    /// The board manager says an exported (or uncertain) letter did go.
    pub fn confirm_delivery_sent(&mut self, id: i64, note: &str) -> Result<DeliveryRecord, ArchiveError> {
        let from = [S::Exported, S::Uncertain];
        self.transition(
            id,
            &from,
            S::ConfirmedSent,
            AuditAction::DeliveryConfirmedSent,
            |tx, now, seq| {
                tx.execute(
                "UPDATE deliveries SET status = 'confirmed_sent', sent_at = ?2, updated_at = ?2, note = ?3,
                    audit_seq = ?4 WHERE id = ?1",
                (id, now, note, seq),
            )
            },
        )
    }

    /// The user explicitly asks for a letter to go again (audited with their reason).
    pub fn request_resend(&mut self, id: i64, reason: &str) -> Result<DeliveryRecord, ArchiveError> {
        let from = allowing(DeliveryAction::Resend);
        self.transition(
            id,
            &from,
            S::Queued,
            AuditAction::DeliveryResendRequested,
            |tx, now, seq| {
                tx.execute(
                    "UPDATE deliveries SET status = 'queued', updated_at = ?2, note = ?3, audit_seq = ?4
                     WHERE id = ?1",
                    (id, now, reason, seq),
                )
            },
        )
    }

    fn transition(
        &mut self,
        id: i64,
        from: &[DeliveryStatus],
        to: DeliveryStatus,
        action: AuditAction,
        update: impl FnOnce(&rusqlite::Transaction<'_>, &str, i64) -> rusqlite::Result<usize>,
    ) -> Result<DeliveryRecord, ArchiveError> {
        let before = self.delivery(id)?;
        if !from.contains(&before.status) {
            return Err(ArchiveError::DeliveryState {
                id,
                status: before.status.as_str(),
                wanted: to.as_str(),
            });
        }
        let now = self.actor.stamp();
        self.write_row(action, AuditedTable::Deliveries, |tx, seq| {
            update(tx, &now, seq)?;
            Ok(id)
        })?;
        self.delivery(id)
    }

    pub fn record_acknowledgement(
        &mut self,
        reference: &str,
        member_id: i64,
        acknowledged_on: &str,
        how: &str,
    ) -> Result<AcknowledgementRecord, ArchiveError> {
        let now = self.actor.stamp();
        let by = self.actor.as_str().to_owned();
        let id = self.write_row(
            AuditAction::AcknowledgementRecorded,
            AuditedTable::Acknowledgements,
            |tx, seq| {
                tx.execute(
                    "INSERT INTO acknowledgements
                   (reference, member_id, acknowledged_on, how, recorded_by, recorded_at, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    (reference, member_id, acknowledged_on, how, &by, &now, seq),
                )?;
                Ok(tx.last_insert_rowid())
            },
        )?;
        Ok(AcknowledgementRecord {
            id,
            reference: reference.to_owned(),
            member_id,
            acknowledged_on: acknowledged_on.to_owned(),
            how: how.to_owned(),
            recorded_by: by,
            recorded_at: now,
        })
    }

    pub fn acknowledgements(&self, reference: &str) -> Result<Vec<AcknowledgementRecord>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT id, reference, member_id, acknowledged_on, how, recorded_by, recorded_at
             FROM acknowledgements WHERE reference = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([reference], |row| {
            Ok(AcknowledgementRecord {
                id: row.get(0)?,
                reference: row.get(1)?,
                member_id: row.get(2)?,
                acknowledged_on: row.get(3)?,
                how: row.get(4)?,
                recorded_by: row.get(5)?,
                recorded_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    pub fn record_reminder(
        &mut self,
        delivery: &DeliveryRecord,
        message_id: &str,
        server_reply: &str,
    ) -> Result<(), ArchiveError> {
        let now = self.actor.stamp();
        self.write_row(AuditAction::ReminderSent, AuditedTable::Reminders, |tx, seq| {
            tx.execute(
                "INSERT INTO reminders
                   (reference, member_id, delivery_id, message_id, server_reply, sent_at, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    &delivery.reference,
                    delivery.member_id,
                    delivery.id,
                    message_id,
                    server_reply,
                    &now,
                    seq,
                ),
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(())
    }

    pub fn reminders(&self, reference: &str) -> Result<Vec<ReminderRecord>, ArchiveError> {
        let mut statement = self.conn.prepare(
            "SELECT id, reference, member_id, delivery_id, message_id, server_reply, sent_at
             FROM reminders WHERE reference = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([reference], |row| {
            Ok(ReminderRecord {
                id: row.get(0)?,
                reference: row.get(1)?,
                member_id: row.get(2)?,
                delivery_id: row.get(3)?,
                message_id: row.get(4)?,
                server_reply: row.get(5)?,
                sent_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The saved SMTP settings (JSON, opaque here) and the reminder delay in working days.
    pub fn mail_settings(&self) -> Result<Option<(String, u32)>, ArchiveError> {
        Ok(self
            .conn
            .query_row(
                "SELECT settings_json, reminder_working_days FROM mail_settings WHERE id = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// The settings hold no secret (the password is in the keyring), so the row itself is what
    /// the audit event pins.
    pub fn save_mail_settings(
        &mut self,
        settings_json: &str,
        reminder_working_days: u32,
    ) -> Result<(), ArchiveError> {
        let now = self.actor.stamp();
        self.write_row(
            AuditAction::MailSettingsSaved,
            AuditedTable::MailSettings,
            |tx, seq| {
                tx.execute(
                "INSERT INTO mail_settings (id, settings_json, reminder_working_days, updated_at, audit_seq)
                 VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json,
                   reminder_working_days = excluded.reminder_working_days,
                   updated_at = excluded.updated_at, audit_seq = excluded.audit_seq",
                (settings_json, reminder_working_days, &now, seq),
            )?;
                Ok(1)
            },
        )?;
        Ok(())
    }

    /// An event with no table change (a password put in the keyring, a test message sent).
    pub fn record_mail_event(
        &mut self,
        action: AuditAction,
        payload: &impl Serialize,
    ) -> Result<(), ArchiveError> {
        self.record(action, "mail", payload)
    }
}
