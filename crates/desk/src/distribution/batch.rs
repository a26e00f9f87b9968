//! Sending a decision's letters: queue every pair, then one message at a time, each bracketed
//! by its own committed `sending` and `sent`/`failed` (see the module's note on crash safety).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use scr_archive::{Archive, DeliveryRecord, NewDelivery};
use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};
use scr_domain::letter_kind::LetterKind;
use scr_mail::{new_message_id, LetterEmail, OutgoingMessage};

use super::letters_of::letters_of_decision;
use super::settings::Sender;
use super::views::{BatchProgress, DeliveryView, PlannedLetter, SendReport};
use crate::{Desk, DeskError};

impl Desk {
    /// Sends the decision's letters by email to every member who takes them by email and has
    /// not had them; a retry sends only what is unsent (queued, or failed in a way worth
    /// retrying). Runs on the caller's thread: the app calls it from a background thread and
    /// polls [`Desk::distribution_progress`]. `dry_run` lists what would happen and changes nothing.
    pub fn send_decision(&self, reference: &str, dry_run: bool) -> Result<SendReport, DeskError> {
        if dry_run {
            return self.plan(reference);
        }
        if !self.distribution.begin(reference, 0) {
            return Err(DeskError::DistributionBusy {
                reference: reference.to_owned(),
            });
        }
        let mut progress = BatchProgress::start(reference, 0);
        let result = self.run_batch(reference, &mut progress);
        progress.running = false;
        progress.current = None;
        if let Err(error) = &result {
            progress.stopped_by = Some(crate::ipc::IpcError::from(error));
        }
        self.distribution.update(&progress);
        result
    }

    /// Stops the batch under way after the message being sent now.
    pub fn cancel_sending(&self) {
        self.distribution.cancel();
    }

    pub fn distribution_progress(&self, reference: &str) -> Option<BatchProgress> {
        self.distribution.progress(reference)
    }

    /// Puts a letter back in the queue on the user's explicit word (audited with the reason);
    /// the next send sends it.
    pub fn resend_delivery(&self, id: i64, reason: &str) -> Result<DeliveryView, DeskError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DeskError::ResendReasonMissing);
        }
        self.with_archive(|archive| {
            let record = archive.request_resend(id, reason)?;
            let name = member_name(archive, record.member_id)?;
            Ok(DeliveryView::from_record(record, name))
        })
    }

    /// The board manager confirms that an exported (or uncertain) letter did reach the member.
    pub fn confirm_delivery_sent(&self, id: i64, note: &str) -> Result<DeliveryView, DeskError> {
        self.with_archive(|archive| {
            let record = archive.confirm_delivery_sent(id, note.trim())?;
            let name = member_name(archive, record.member_id)?;
            Ok(DeliveryView::from_record(record, name))
        })
    }

    fn run_batch(&self, reference: &str, progress: &mut BatchProgress) -> Result<SendReport, DeskError> {
        let sender = self.sender()?;
        let (queue, names, mut report) = self.with_archive(|archive| {
            let mut report = queue_all(archive, reference, self.today())?;
            // Only this process sends, and it is not sending this reference now (begin() said so):
            // anything still `sending` was cut off by a crash.
            for stale in archive
                .deliveries(reference)?
                .iter()
                .filter(|d| d.status == DeliveryStatus::Sending)
            {
                archive.mark_delivery_uncertain(stale.id)?;
            }
            let log = archive.deliveries(reference)?;
            report.uncertain = count(&log, |d| d.status == DeliveryStatus::Uncertain);
            report.already_sent = count(&log, |d| d.status.is_delivered());
            report.to_export = count(&log, |d| {
                d.channel == DeliveryChannel::SecureExport && !d.status.is_delivered()
            });
            let queue: Vec<DeliveryRecord> = log.into_iter().filter(worth_sending).collect();
            let names = names_of(archive)?;
            Ok((queue, names, report))
        })?;
        progress.total = u32::try_from(queue.len()).unwrap_or(u32::MAX);
        self.distribution.update(progress);

        let mut letters: HashMap<i64, (LetterKind, Vec<u8>)> = HashMap::new();
        for delivery in queue {
            if self.distribution.cancelled() {
                report.cancelled = true;
                progress.cancelled = true;
                break;
            }
            let name = names.get(&delivery.member_id).cloned().unwrap_or_default();
            progress.current = Some(name.clone());
            self.distribution.update(progress);
            let (kind, pdf) = match letters.entry(delivery.letter_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    let letter = self.with_archive(|archive| {
                        Ok(archive.issued_letter(delivery.letter_id)?.ok_or(
                            scr_archive::ArchiveError::LetterUnknown {
                                id: delivery.letter_id,
                            },
                        )?)
                    })?;
                    slot.insert((letter.record.kind, letter.pdf))
                }
            };
            let message = letter_message(&sender, reference, *kind, &name, &delivery.address, pdf)
                .dated(self.clock().now());
            self.with_archive(
                |archive| Ok(archive.mark_delivery_sending(delivery.id, &message.message_id)?),
            )?;
            match sender.mailer.send(&message) {
                Ok(receipt) => {
                    self.with_archive(|a| Ok(a.mark_delivery_sent(delivery.id, &receipt.server_reply)?))?;
                    report.sent += 1;
                    progress.sent += 1;
                }
                Err(error) => {
                    let text = error.to_string();
                    self.with_archive(|a| {
                        Ok(a.mark_delivery_failed(delivery.id, &text, error.retryable())?)
                    })?;
                    report.failed += 1;
                    progress.failed += 1;
                }
            }
            progress.done += 1;
            self.distribution.update(progress);
        }
        report.letters = self.with_archive(|archive| planned(archive, reference, &names))?;
        Ok(report)
    }

    /// What a send would do, without queuing or sending anything.
    fn plan(&self, reference: &str) -> Result<SendReport, DeskError> {
        self.with_archive(|archive| {
            let decision = letters_of_decision(archive, reference, self.today())?;
            let log = archive.deliveries(reference)?;
            let mut report = empty_report(reference, true);
            for (entry, letter) in decision
                .members
                .iter()
                .filter(|(e, _)| e.details.receives_letters)
            {
                let Some(letter) = letter else { continue };
                let status = log
                    .iter()
                    .find(|d| d.letter_id == letter.id && d.member_id == entry.member_id)
                    .map(|d| d.status);
                report.letters.push(PlannedLetter {
                    member_name: entry.details.name.clone(),
                    address: entry.details.email.clone(),
                    channel: DeliveryChannel::for_member(entry.details.channel),
                    letter_id: letter.id,
                    status,
                });
            }
            if report.letters.is_empty() {
                return Err(DeskError::NoLettersToSend {
                    reference: reference.to_owned(),
                });
            }
            Ok(report)
        })
    }
}

/// Records every (letter, member) pair of the decision as queued, before anything is sent.
pub(crate) fn queue_all(
    archive: &mut Archive,
    reference: &str,
    today: chrono::NaiveDate,
) -> Result<SendReport, DeskError> {
    let decision = letters_of_decision(archive, reference, today)?;
    let pairs: Vec<NewDelivery<'_>> = decision
        .members
        .iter()
        .filter(|(entry, _)| entry.details.receives_letters)
        .filter_map(|(entry, letter)| {
            letter.as_ref().map(|letter| NewDelivery {
                letter_id: letter.id,
                member_id: entry.member_id,
                channel: DeliveryChannel::for_member(entry.details.channel),
                address: &entry.details.email,
            })
        })
        .collect();
    if pairs.is_empty() {
        return Err(DeskError::NoLettersToSend {
            reference: reference.to_owned(),
        });
    }
    archive.queue_deliveries(reference, &pairs)?;
    Ok(empty_report(reference, false))
}

fn empty_report(reference: &str, dry_run: bool) -> SendReport {
    SendReport {
        reference: reference.to_owned(),
        dry_run,
        letters: Vec::new(),
        sent: 0,
        failed: 0,
        already_sent: 0,
        uncertain: 0,
        to_export: 0,
        cancelled: false,
    }
}

/// Email rows never tried, or that failed in a way a retry may cure.
pub(crate) fn worth_sending(d: &DeliveryRecord) -> bool {
    d.channel == DeliveryChannel::Email && d.status.awaits_sending(d.outcome.retryable)
}

fn count(log: &[DeliveryRecord], test: impl Fn(&DeliveryRecord) -> bool) -> u32 {
    u32::try_from(log.iter().filter(|d| test(d)).count()).unwrap_or(u32::MAX)
}

pub(crate) fn names_of(archive: &Archive) -> Result<HashMap<i64, String>, DeskError> {
    Ok(archive
        .register()?
        .members()
        .into_iter()
        .map(|m| (m.id, m.details.name))
        .collect())
}

pub(crate) fn member_name(archive: &Archive, id: i64) -> Result<String, DeskError> {
    Ok(names_of(archive)?.remove(&id).unwrap_or_default())
}

fn planned(
    archive: &Archive,
    reference: &str,
    names: &HashMap<i64, String>,
) -> Result<Vec<PlannedLetter>, DeskError> {
    Ok(archive
        .deliveries(reference)?
        .into_iter()
        .map(|d| PlannedLetter {
            member_name: names.get(&d.member_id).cloned().unwrap_or_default(),
            address: d.address,
            channel: d.channel,
            letter_id: d.letter_id,
            status: Some(d.status),
        })
        .collect())
}

/// The word for the letter in the email's subject and the attachment's name.
pub(crate) fn about(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::DecisionNotice => "decision",
        LetterKind::Update => "update",
        LetterKind::OutcomeNotice => "outcome",
    }
}

fn letter_message(
    sender: &Sender,
    reference: &str,
    kind: LetterKind,
    name: &str,
    address: &str,
    pdf: &[u8],
) -> OutgoingMessage {
    let email = LetterEmail {
        to: sender.writing(reference, name),
        about: about(kind),
    };
    OutgoingMessage {
        to_name: name.to_owned(),
        to_address: address.to_owned(),
        subject: email.subject(),
        text: email.text(),
        html: Some(email.html()),
        attachment: Some((format!("{reference}-{}-letter.pdf", about(kind)), pdf.to_vec())),
        message_id: new_message_id(sender.mailer.settings().sender_domain()),
        in_reply_to: None,
        date: std::time::SystemTime::UNIX_EPOCH,
    }
}
