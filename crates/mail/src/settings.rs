//! The board's SMTP settings (everything but the password, which lives in the OS keyring).

use scr_domain::mail_security::MailSecurity;
use serde::{Deserialize, Serialize};

use crate::MailError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    /// Empty when the server takes mail without signing in.
    pub username: String,
    pub sender_name: String,
    pub sender_address: String,
    pub reply_to: Option<String>,
    /// The council's own CA certificate (PEM), for a server whose certificate it issued.
    pub ca_pem: Option<String>,
    /// Puts the board's protective marking (e.g. OFFICIAL-SENSITIVE) at the start of subjects.
    pub marking_in_subject: bool,
}

impl SmtpSettings {
    /// Checks what can be checked without the network; returns the settings trimmed.
    pub fn validated(&self) -> Result<SmtpSettings, MailError> {
        let invalid = |field, reason: &str| MailError::InvalidSettings {
            field,
            reason: reason.to_owned(),
        };
        let mut s = self.clone();
        s.host = s.host.trim().to_owned();
        s.username = s.username.trim().to_owned();
        s.sender_name = s.sender_name.trim().to_owned();
        s.sender_address = s.sender_address.trim().to_owned();
        s.reply_to = s.reply_to.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
        s.ca_pem = s.ca_pem.filter(|pem| !pem.trim().is_empty());
        if s.host.is_empty() || s.host.contains(char::is_whitespace) {
            return Err(invalid(
                "host",
                "give the mail server's name, e.g. smtp.council.gov.uk",
            ));
        }
        if s.port == 0 {
            return Err(invalid("port", "give the port number, e.g. 587"));
        }
        parse_mailbox(&s.sender_address)?;
        if let Some(reply_to) = &s.reply_to {
            parse_mailbox(reply_to)?;
        }
        if s.ca_pem.is_some() {
            crate::smtp::tls_parameters(&s)?;
        }
        Ok(s)
    }

    /// The domain of the sender's address: Message-IDs are made in it.
    pub fn sender_domain(&self) -> &str {
        self.sender_address
            .rsplit_once('@')
            .map_or("localhost", |(_, domain)| domain)
    }
}

pub(crate) fn parse_mailbox(address: &str) -> Result<lettre::Address, MailError> {
    address
        .trim()
        .parse()
        .map_err(|error: lettre::address::AddressError| MailError::InvalidAddress {
            address: address.to_owned(),
            reason: error.to_string(),
        })
}
