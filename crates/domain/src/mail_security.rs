//! How the connection to the board's mail server is protected: one closed set for the settings
//! the archive keeps, the Mail settings page, `scr-desk settings smtp` and the mail transport.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum MailSecurity {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587, RFC 3207).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465, RFC 8314).
    Tls,
    /// No encryption at all: letters and the password cross the network readable. Only on an
    /// explicit choice, for a relay on the same machine or a council network that encrypts itself.
    Plain,
}

impl MailSecurity {
    pub const ALL: [MailSecurity; 3] = [MailSecurity::Starttls, MailSecurity::Tls, MailSecurity::Plain];

    /// The stable name the settings store and the command line take.
    pub fn as_str(self) -> &'static str {
        match self {
            MailSecurity::Starttls => "starttls",
            MailSecurity::Tls => "tls",
            MailSecurity::Plain => "plain",
        }
    }

    /// The usual port for this protection (RFC 8314 §3.3 for 465, RFC 6409 for 587).
    pub fn default_port(self) -> u16 {
        match self {
            MailSecurity::Starttls => 587,
            MailSecurity::Tls => 465,
            MailSecurity::Plain => 25,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_name_is_the_serialised_one() {
        for security in MailSecurity::ALL {
            assert_eq!(
                serde_json::to_value(security).expect("json"),
                serde_json::json!(security.as_str())
            );
        }
        assert_eq!(
            serde_json::from_str::<MailSecurity>("\"ssl\"").ok(),
            None,
            "only the three names are read"
        );
    }
}
