//! After sending: who was told, acknowledgements, reminders, and the secure-export folder.

use std::path::Path;

use chrono::NaiveDate;

use scr_archive::{Archive, DeliveryRecord, ReminderRecord};
use scr_domain::calendar::WorkingCalendar;
use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};
use scr_domain::register::parse_date;
use scr_mail::{export_batch, new_message_id, ExportItem, OutgoingMessage, ReminderEmail};

use super::batch::{member_name, names_of, queue_all};
use super::letters_of::letters_of_decision;
use super::settings::DEFAULT_REMINDER_WORKING_DAYS;
use super::views::{
    AcknowledgementInput, DeliveryView, DistributionView, ExportDone, ReminderReport, ToldRow,
};
use crate::{Desk, DeskError};

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// The date in England of a time the archive wrote (in UTC), as the board counts its days.
fn day_of(time: &str) -> Option<NaiveDate> {
    scr_domain::clock::date_in_england(time)
}

/// Sent `n` working days ago or more, and not reminded in the last `n` working days.
fn reminder_due(
    calendar: &WorkingCalendar,
    sent: NaiveDate,
    last_reminder: Option<NaiveDate>,
    today: NaiveDate,
    n: u32,
) -> bool {
    let since = last_reminder.unwrap_or(sent);
    calendar.add_working_days(since, n).is_ok_and(|due| due <= today)
}

impl Desk {
    /// Who was told: every member in post on the decision date against the delivery log, with
    /// acknowledgements and reminders; anyone missed is listed first.
    pub fn distribution(&self, reference: &str) -> Result<DistributionView, DeskError> {
        let today = self.today();
        self.with_archive(|archive| {
            let decision = letters_of_decision(archive, reference, today)?;
            // Reminders count the board's working days: its closure days are not among them.
            let calendar = self.calendar(archive)?;
            let log = archive.deliveries(reference)?;
            let acks = archive.acknowledgements(reference)?;
            let reminders = archive.reminders(reference)?;
            let days = archive
                .mail_settings()?
                .map_or(DEFAULT_REMINDER_WORKING_DAYS, |(_, d)| d);
            let names = names_of(archive)?;
            let told: Vec<ToldRow> = decision
                .members
                .iter()
                .map(|(entry, _)| {
                    let id = entry.member_id;
                    let delivery = log.iter().filter(|d| d.member_id == id).max_by_key(|d| d.id);
                    let ack = acks.iter().filter(|a| a.member_id == id).max_by_key(|a| a.id);
                    let theirs: Vec<&ReminderRecord> =
                        reminders.iter().filter(|r| r.member_id == id).collect();
                    let delivered = delivery.is_some_and(|d| d.status.is_delivered());
                    let sent_on = delivery
                        .and_then(|d| d.outcome.sent_at.as_deref())
                        .and_then(day_of);
                    let last_reminder = theirs.last().and_then(|r| day_of(&r.sent_at));
                    ToldRow {
                        member_id: id,
                        name: entry.details.name.clone(),
                        agency: entry.details.agency.clone(),
                        email: entry.details.email.clone(),
                        channel: entry.details.channel,
                        receives_letters: entry.details.receives_letters,
                        status: delivery.map(|d| d.status),
                        delivery_id: delivery.map(|d| d.id),
                        missed: entry.details.receives_letters && !delivered,
                        acknowledged_on: ack.and_then(|a| a.acknowledged_on.parse().ok()),
                        acknowledged_how: ack.map(|a| a.how.clone()),
                        reminders_sent: u32::try_from(theirs.len()).unwrap_or(u32::MAX),
                        reminder_due: ack.is_none()
                            && delivery.is_some_and(|d| d.status == DeliveryStatus::Sent)
                            && sent_on
                                .is_some_and(|s| reminder_due(&calendar, s, last_reminder, today, days)),
                        can_acknowledge: entry.details.receives_letters && delivered && ack.is_none(),
                    }
                })
                .collect();
            Ok(DistributionView {
                reference: reference.to_owned(),
                register_date: decision.date,
                register_date_is_decision_date: decision.date_is_decision_date,
                letters_issued: decision.members.iter().any(|(_, l)| l.is_some()),
                mail_configured: archive.mail_settings()?.is_some(),
                reminder_working_days: days,
                missed: told.iter().filter(|r| r.missed).map(|r| r.name.clone()).collect(),
                not_acknowledged: told
                    .iter()
                    .filter(|r| r.can_acknowledge)
                    .map(|r| r.name.clone())
                    .collect(),
                uncertain: count(log.iter().filter(|d| d.status == DeliveryStatus::Uncertain)),
                to_send: count(log.iter().filter(|d| super::batch::worth_sending(d))),
                to_export: count(told.iter().filter(|r| {
                    r.receives_letters && r.missed && r.channel != scr_domain::register::Channel::Email
                })),
                reminders_due: count(told.iter().filter(|r| r.reminder_due)),
                deliveries: log
                    .into_iter()
                    .map(|d| {
                        let name = names.get(&d.member_id).cloned().unwrap_or_default();
                        DeliveryView::from_record(d, name)
                    })
                    .collect(),
                told,
                progress: self.distribution.progress(reference),
            })
        })
    }

    /// Records that a member acknowledged the decision's letter (audited with who recorded it);
    /// returns the decision's distribution as it now stands.
    pub fn record_acknowledgement(&self, input: AcknowledgementInput) -> Result<DistributionView, DeskError> {
        let date = match input.date.trim() {
            "" => self.today(),
            text => parse_date(text)?,
        };
        let how = match input.how.trim() {
            "" => "Recorded by the board manager",
            how => how,
        };
        self.with_archive(|archive| {
            archive
                .register()?
                .member(input.member_id)
                .ok_or(DeskError::MemberNotFound(input.member_id))?;
            archive.record_acknowledgement(
                input.reference.trim(),
                input.member_id,
                &date.to_string(),
                how,
            )?;
            Ok(())
        })?;
        self.distribution(input.reference.trim())
    }

    /// The member with this email address, for the command line.
    pub fn member_id_by_email(&self, email: &str) -> Result<i64, DeskError> {
        self.with_archive(|archive| {
            archive
                .register()?
                .find_by_email(email)
                .map(|m| m.id)
                .ok_or_else(|| DeskError::MemberEmailUnknown {
                    email: email.to_owned(),
                })
        })
    }

    /// A short reminder, referring to the original message, to everyone whose reminder is due.
    pub fn send_reminders(&self, reference: &str) -> Result<ReminderReport, DeskError> {
        let view = self.distribution(reference)?;
        let due: Vec<&ToldRow> = view.told.iter().filter(|r| r.reminder_due).collect();
        let mut report = ReminderReport {
            reminded: Vec::new(),
            failed: Vec::new(),
        };
        if due.is_empty() {
            return Ok(report);
        }
        let sender = self.sender()?;
        for row in due {
            let Some(id) = row.delivery_id else { continue };
            let delivery: DeliveryRecord = self.with_archive(|a| Ok(a.delivery(id)?))?;
            let sent_on = delivery
                .outcome
                .sent_at
                .as_deref()
                .and_then(day_of)
                .map(scr_domain::register::dates::long_date);
            let email = ReminderEmail {
                to: sender.writing(reference, &row.name),
                sent_on: sent_on.as_deref().unwrap_or("an earlier date"),
            };
            let message = OutgoingMessage {
                to_name: row.name.clone(),
                to_address: delivery.address.clone(),
                subject: email.subject(),
                text: email.text(),
                html: None,
                attachment: None,
                message_id: new_message_id(sender.mailer.settings().sender_domain()),
                in_reply_to: delivery.outcome.message_id.clone(),
                date: self.clock().now().into(),
            };
            match sender.mailer.send(&message) {
                Ok(receipt) => {
                    self.with_archive(|a| {
                        Ok(a.record_reminder(&delivery, &receipt.message_id, &receipt.server_reply)?)
                    })?;
                    report.reminded.push(row.name.clone());
                }
                Err(error) => report.failed.push((row.name.clone(), error.to_string())),
            }
        }
        Ok(report)
    }

    /// Writes one folder with a signed PDF per member who takes letters by secure export (or
    /// post) and an index.csv; marks each "exported". `parent`: the folder to write in (the
    /// app's exports folder in Documents when none).
    pub fn export_for_secure_mail(
        &self,
        reference: &str,
        parent: Option<&Path>,
    ) -> Result<ExportDone, DeskError> {
        let parent = match parent {
            Some(p) => p.to_owned(),
            None => crate::desk::documents_folder("SCR Decision Desk exports")?,
        };
        let today = self.today();
        self.with_archive(|archive| {
            queue_all(archive, reference, today)?;
            let rows: Vec<DeliveryRecord> = archive
                .deliveries(reference)?
                .into_iter()
                .filter(|d| {
                    d.channel == DeliveryChannel::SecureExport
                        && matches!(d.status, DeliveryStatus::Queued | DeliveryStatus::Failed)
                })
                .collect();
            if rows.is_empty() {
                return Err(DeskError::NothingToExport {
                    reference: reference.to_owned(),
                });
            }
            let items = export_items(archive, reference, &rows)?;
            let stamp = self.clock().stamp().replace([':', '.'], "-");
            let batch = export_batch(&parent, &format!("{reference}-export-{stamp}"), &items)?;
            for (row, file) in rows.iter().zip(&batch.files) {
                archive.mark_delivery_exported(row.id, file)?;
            }
            Ok(ExportDone {
                folder: batch.folder.display().to_string(),
                files: u32::try_from(batch.files.len()).unwrap_or(u32::MAX),
            })
        })
    }
}

fn export_items(
    archive: &Archive,
    reference: &str,
    rows: &[DeliveryRecord],
) -> Result<Vec<ExportItem>, DeskError> {
    let register = archive.register()?;
    rows.iter()
        .map(|row| {
            let member = register.member(row.member_id);
            let pdf = archive
                .issued_letter(row.letter_id)?
                .ok_or(scr_archive::ArchiveError::LetterUnknown { id: row.letter_id })?
                .pdf;
            Ok(ExportItem {
                member_name: member.as_ref().map_or_else(
                    || member_name(archive, row.member_id).unwrap_or_default(),
                    |m| m.details.name.clone(),
                ),
                email: row.address.clone(),
                agency: member.map(|m| m.details.agency).unwrap_or_default(),
                reference: reference.to_owned(),
                pdf,
            })
        })
        .collect()
}
