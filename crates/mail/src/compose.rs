//! The messages we send: written for the person who receives them, with the signed letter
//! attached exactly as the archive holds it, and a Message-ID of ours that the log records.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

use crate::settings::parse_mailbox;
use crate::{MailError, SmtpSettings};

/// One message, ready to hand to a channel.
#[derive(Debug, Clone)]
pub struct OutgoingMessage {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// (file name, exact bytes)
    pub attachment: Option<(String, Vec<u8>)>,
    /// With the angle brackets, e.g. `<abc@council.gov.uk>`.
    pub message_id: String,
    /// A reminder points at the message it follows up.
    pub in_reply_to: Option<String>,
    /// The message's Date, from the desk's clock (lettre would otherwise read the system's).
    pub date: std::time::SystemTime,
}

impl OutgoingMessage {
    /// The same message dated `at` (the desk's clock).
    pub fn dated(mut self, at: impl Into<std::time::SystemTime>) -> OutgoingMessage {
        self.date = at.into();
        self
    }

    pub(crate) fn build(&self, settings: &SmtpSettings) -> Result<Message, MailError> {
        let from = Mailbox::new(
            Some(settings.sender_name.clone()).filter(|n| !n.is_empty()),
            parse_mailbox(&settings.sender_address)?,
        );
        let to = Mailbox::new(
            Some(self.to_name.clone()).filter(|n| !n.is_empty()),
            parse_mailbox(&self.to_address)?,
        );
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(&self.subject)
            .message_id(Some(self.message_id.clone()))
            .date(self.date);
        if let Some(reply_to) = &settings.reply_to {
            builder = builder.reply_to(Mailbox::new(None, parse_mailbox(reply_to)?));
        }
        if let Some(original) = &self.in_reply_to {
            builder = builder.in_reply_to(original.clone()).references(original.clone());
        }
        let body = match &self.html {
            Some(html) => MultiPart::alternative_plain_html(self.text.clone(), html.clone()),
            None => MultiPart::mixed().singlepart(SinglePart::plain(self.text.clone())),
        };
        let body = match &self.attachment {
            Some((name, bytes)) => {
                let pdf = ContentType::parse("application/pdf")
                    .map_err(|error| MailError::Message(error.to_string()))?;
                MultiPart::mixed()
                    .multipart(body)
                    .singlepart(Attachment::new(name.clone()).body(bytes.clone(), pdf))
            }
            None => body,
        };
        builder
            .multipart(body)
            .map_err(|error| MailError::Message(error.to_string()))
    }
}

/// A new Message-ID in the sender's domain: random, so that it identifies this one attempt.
pub fn new_message_id(domain: &str) -> String {
    static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut bytes = [0u8; 16];
    // Without randomness the ID is still unique on this machine through the process and a
    // counter; never fail a send for it.
    if getrandom::fill(&mut bytes).is_err() {
        let sequence = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        bytes[..8].copy_from_slice(&sequence.to_le_bytes());
        bytes[8..12].copy_from_slice(&std::process::id().to_le_bytes());
    }
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<scr-desk.{id}@{domain}>")
}

/// Who writes to whom, about which case: what every email to a member carries.
#[derive(Debug, Clone, Copy)]
pub struct Correspondence<'a> {
    pub board_name: &'a str,
    pub reference: &'a str,
    pub recipient_name: &'a str,
    pub chair_name: &'a str,
    /// The protective marking, when the board wants it in subjects.
    pub marking: Option<&'a str>,
}

impl Correspondence<'_> {
    /// `text` after the marking, when there is one.
    fn subject(&self, text: String) -> String {
        match self.marking.map(str::trim).filter(|m| !m.is_empty()) {
            Some(marking) => format!("[{marking}] {text}"),
            None => text,
        }
    }
}

/// The covering email for a signed letter. It names the case only by its reference: the
/// letter itself carries the detail, and email subjects travel through many systems.
#[derive(Debug, Clone)]
pub struct LetterEmail<'a> {
    pub to: Correspondence<'a>,
    /// "decision", "update", "outcome".
    pub about: &'a str,
}

impl LetterEmail<'_> {
    pub fn subject(&self) -> String {
        let to = &self.to;
        to.subject(format!(
            "{} {}: {} letter",
            to.board_name, to.reference, self.about
        ))
    }

    pub fn text(&self) -> String {
        plain_text(&self.paragraphs(str::to_owned), &self.to)
    }

    pub fn html(&self) -> String {
        html_text(&self.paragraphs(escape), &self.to)
    }

    /// The message above the signature, with `value` applied to each name put into it (so the
    /// HTML escapes them).
    fn paragraphs(&self, value: impl Fn(&str) -> String) -> [String; 4] {
        [
            format!("Dear {},", value(self.to.recipient_name)),
            format!(
                "Please find attached the {}'s {} letter for case {}, signed by the chair.",
                value(self.to.board_name),
                value(self.about),
                value(self.to.reference),
            ),
            "You can check that the attached PDF is genuine and unchanged: its digital signature \
             shows who signed it, and the letter explains how to verify it."
                .to_owned(),
            "Please reply to confirm that you have received it.".to_owned(),
        ]
    }
}

/// A short follow-up to someone who has not acknowledged a letter.
#[derive(Debug, Clone)]
pub struct ReminderEmail<'a> {
    pub to: Correspondence<'a>,
    /// The day the letter went, in words.
    pub sent_on: &'a str,
}

impl ReminderEmail<'_> {
    pub fn subject(&self) -> String {
        let to = &self.to;
        to.subject(format!(
            "Reminder: {} {}: please acknowledge",
            to.board_name, to.reference
        ))
    }

    pub fn text(&self) -> String {
        let paragraphs = [
            format!("Dear {},", self.to.recipient_name),
            format!(
                "On {} the {} sent you its letter for case {}. We have not yet had your \
                 acknowledgement. Please reply to confirm that you received it, or tell us if it \
                 did not reach you and we will send it again.",
                self.sent_on, self.to.board_name, self.to.reference,
            ),
        ];
        plain_text(&paragraphs, &self.to)
    }
}

/// Paragraphs, then the chair's name over the board's, as plain text.
fn plain_text(paragraphs: &[String], from: &Correspondence) -> String {
    let (chair, board) = (from.chair_name, from.board_name);
    format!("{}\n\n{chair}\n{board}\n", paragraphs.join("\n\n"))
}

/// The same as HTML; the paragraphs come with their names already escaped.
fn html_text(paragraphs: &[String], from: &Correspondence) -> String {
    let mut html: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    html.push_str(&format!(
        "<p>{}<br>{}</p>",
        escape(from.chair_name),
        escape(from.board_name)
    ));
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
