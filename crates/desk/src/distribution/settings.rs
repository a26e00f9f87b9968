//! The board's mail settings: kept in the archive, the password in the OS keyring (the same
//! store, and the same no-fallback rule, as the archive's own key).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use scr_archive::{Archive, AuditAction};
use scr_domain::mail_security::MailSecurity;
use scr_mail::{new_message_id, Correspondence, Mailer, OutgoingMessage, SmtpSettings};

use crate::{Desk, DeskError};

/// Working days before a member who has not acknowledged is reminded, until the board says.
pub const DEFAULT_REMINDER_WORKING_DAYS: u32 = 5;

/// The mail settings as the form shows them (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MailSettingsView {
    pub configured: bool,
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    pub username: String,
    pub sender_name: String,
    pub sender_address: String,
    pub reply_to: String,
    pub ca_pem: String,
    pub marking_in_subject: bool,
    pub reminder_working_days: u32,
    pub password_saved: bool,
}

/// The mail settings as typed. An empty password keeps the one in the keyring.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MailSettingsInput {
    pub host: String,
    /// Empty: the usual port for the security chosen.
    pub port: String,
    pub security: MailSecurity,
    pub username: String,
    pub password: String,
    pub sender_name: String,
    pub sender_address: String,
    pub reply_to: String,
    pub ca_pem: String,
    pub marking_in_subject: bool,
    /// Empty: keep the board's number (5 working days at first).
    pub reminder_working_days: String,
    /// Required with security "plain": the user read the warning and accepts it.
    pub allow_plain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestMessageSent {
    pub to: String,
    pub message_id: String,
    pub server_reply: String,
}

/// What the covering emails need from the board.
pub(crate) struct Sender {
    pub mailer: Mailer,
    pub board_name: String,
    pub chair_name: String,
    pub marking: Option<String>,
}

impl Sender {
    /// The board, through its chair, writing to `recipient_name` about case `reference`.
    pub fn writing<'a>(&'a self, reference: &'a str, recipient_name: &'a str) -> Correspondence<'a> {
        Correspondence {
            board_name: &self.board_name,
            reference,
            recipient_name,
            chair_name: &self.chair_name,
            marking: self.marking.as_deref(),
        }
    }
}

fn stored(archive: &Archive) -> Result<Option<(SmtpSettings, u32)>, DeskError> {
    match archive.mail_settings()? {
        Some((json, days)) => {
            let settings = serde_json::from_str(&json)
                .map_err(|error| DeskError::MailSettingsDamaged(error.to_string()))?;
            Ok(Some((settings, days)))
        }
        None => Ok(None),
    }
}

impl Desk {
    fn mail_password_account(archive: &Archive) -> String {
        format!("smtp-password:{}", archive.archive_id())
    }

    pub fn mail_settings(&self) -> Result<MailSettingsView, DeskError> {
        let keystore = self.keystore()?;
        self.with_archive(|archive| {
            let password_saved = keystore
                .read(&Self::mail_password_account(archive))
                .map_err(scr_archive::ArchiveError::from)?
                .is_some();
            let (s, days) =
                stored(archive)?.unwrap_or((SmtpSettings::default(), DEFAULT_REMINDER_WORKING_DAYS));
            Ok(MailSettingsView {
                configured: !s.host.is_empty(),
                host: s.host,
                port: s.port,
                security: s.security,
                username: s.username,
                sender_name: s.sender_name,
                sender_address: s.sender_address,
                reply_to: s.reply_to.unwrap_or_default(),
                ca_pem: s.ca_pem.unwrap_or_default(),
                marking_in_subject: s.marking_in_subject,
                reminder_working_days: days,
                password_saved,
            })
        })
    }

    /// Checks and saves the settings (audited); a password given goes into the keyring.
    pub fn save_mail_settings(&self, input: MailSettingsInput) -> Result<MailSettingsView, DeskError> {
        if input.security == MailSecurity::Plain && !input.allow_plain {
            return Err(DeskError::PlainNotConfirmed);
        }
        let port = match input.port.trim() {
            "" => input.security.default_port(),
            text => text.parse().map_err(|_| scr_mail::MailError::InvalidSettings {
                field: "port",
                reason: format!("'{text}' is not a port number (1 to 65535)"),
            })?,
        };
        let settings = SmtpSettings {
            host: input.host,
            port,
            security: input.security,
            username: input.username,
            sender_name: input.sender_name,
            sender_address: input.sender_address,
            reply_to: Some(input.reply_to),
            ca_pem: Some(input.ca_pem),
            marking_in_subject: input.marking_in_subject,
        }
        .validated()?;
        let json = serde_json::to_string(&settings)
            .map_err(|error| scr_archive::ArchiveError::Encoding(error.to_string()))?;
        self.with_archive(|archive| {
            let days = match input.reminder_working_days.trim() {
                "" => stored(archive)?.map_or(DEFAULT_REMINDER_WORKING_DAYS, |(_, days)| days),
                text => text
                    .parse()
                    .ok()
                    .filter(|d| (1..=60).contains(d))
                    .ok_or_else(|| scr_mail::MailError::InvalidSettings {
                        field: "reminderWorkingDays",
                        reason: format!("'{text}' is not a number of working days from 1 to 60"),
                    })?,
            };
            archive.save_mail_settings(&json, days)?;
            Ok(())
        })?;
        if !input.password.is_empty() {
            self.set_mail_password(&Zeroizing::new(input.password))?;
        }
        self.mail_settings()
    }

    /// Puts the mail password in the OS keyring (never in the archive or a log).
    pub fn set_mail_password(&self, password: &str) -> Result<(), DeskError> {
        let keystore = self.keystore()?;
        self.with_archive(|archive| {
            keystore
                .write(&Self::mail_password_account(archive), password.as_bytes())
                .map_err(scr_archive::ArchiveError::from)?;
            archive.record_mail_event(AuditAction::MailPasswordSaved, &"keyring")?;
            Ok(())
        })
    }

    pub(crate) fn sender(&self) -> Result<Sender, DeskError> {
        let keystore = self.keystore()?;
        self.with_archive(|archive| {
            let (settings, _) = stored(archive)?.ok_or(DeskError::MailNotConfigured)?;
            let password = match settings.username.is_empty() {
                true => None,
                false => keystore
                    .read(&Self::mail_password_account(archive))
                    .map_err(scr_archive::ArchiveError::from)?
                    .map(|bytes| Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned())),
            };
            let board = archive.board_settings()?;
            let marking = settings
                .marking_in_subject
                .then(|| board.protective_marking.clone())
                .filter(|m| !m.trim().is_empty());
            Ok(Sender {
                mailer: Mailer::new(&settings, password.as_deref().map(String::as_str))?,
                board_name: archive.board_profile()?.map(|b| b.name).unwrap_or_default(),
                chair_name: Some(board.chair_name)
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| "The Chair".into()),
                marking,
            })
        })
    }

    /// A short message to check the settings: to `to`, or to the sender's own address.
    pub fn send_test_message(&self, to: Option<&str>) -> Result<TestMessageSent, DeskError> {
        let sender = self.sender()?;
        let settings = sender.mailer.settings();
        let to = to
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(&settings.sender_address)
            .to_owned();
        let message = OutgoingMessage {
            to_name: String::new(),
            to_address: to.clone(),
            subject: format!("{}: test message from SCR Decision Desk", sender.board_name),
            text: "This is a test message from SCR Decision Desk. The board's mail settings work.\n".into(),
            html: None,
            attachment: None,
            message_id: new_message_id(settings.sender_domain()),
            in_reply_to: None,
            date: self.clock().now().into(),
        };
        let receipt = sender.mailer.send(&message)?;
        self.with_archive(|archive| {
            Ok(archive.record_mail_event(AuditAction::MailTestSent, &(&to, &receipt.message_id))?)
        })?;
        Ok(TestMessageSent {
            to,
            message_id: receipt.message_id,
            server_reply: receipt.server_reply,
        })
    }
}
