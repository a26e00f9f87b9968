//! Sending through the board's SMTP server with lettre over rustls. One connection per message:
//! on loopback and council LANs that is faster than a pooled connection (whose messages wait on Nagle's algorithm),
//! and a failure never leaves a half-used connection behind for the next member.

use std::error::Error as _;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use scr_domain::mail_security::MailSecurity;

use crate::{FailureKind, MailError, OutgoingMessage, SmtpSettings};

/// What the server said when it took a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentReceipt {
    pub message_id: String,
    /// e.g. "250 2.0.0 Ok: queued as 4F2A".
    pub server_reply: String,
}

pub struct Mailer {
    settings: SmtpSettings,
    transport: SmtpTransport,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("host", &self.settings.host)
            .field("port", &self.settings.port)
            .finish()
    }
}

impl Mailer {
    /// `password` is ignored when the settings have no user name.
    pub fn new(settings: &SmtpSettings, password: Option<&str>) -> Result<Mailer, MailError> {
        let settings = settings.validated()?;
        let tls = match settings.security {
            MailSecurity::Plain => Tls::None,
            MailSecurity::Starttls => Tls::Required(tls_parameters(&settings)?),
            MailSecurity::Tls => Tls::Wrapper(tls_parameters(&settings)?),
        };
        let mut builder = SmtpTransport::builder_dangerous(settings.host.clone())
            .port(settings.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if !settings.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                settings.username.clone(),
                password.unwrap_or_default().to_owned(),
            ));
        }
        Ok(Mailer {
            transport: builder.build(),
            settings,
        })
    }

    pub fn settings(&self) -> &SmtpSettings {
        &self.settings
    }

    pub fn send(&self, message: &OutgoingMessage) -> Result<SentReceipt, MailError> {
        let email = message.build(&self.settings)?;
        let response = self
            .transport
            .send(&email)
            .map_err(|error| self.classify(&error))?;
        let reply = response.message().collect::<Vec<_>>().join(" ");
        Ok(SentReceipt {
            message_id: message.message_id.clone(),
            server_reply: format!("{} {reply}", response.code()),
        })
    }

    fn classify(&self, error: &lettre::transport::smtp::Error) -> MailError {
        let host = self.settings.host.clone();
        if let Some(code) = error.status() {
            let code_number = code.to_string().parse().unwrap_or(0);
            return MailError::Rejected {
                code: code_number,
                reply: first_reason(error),
                kind: if error.is_transient() {
                    FailureKind::Retryable
                } else {
                    FailureKind::Permanent
                },
            };
        }
        if let Some(tls) = find_source::<rustls::Error>(error) {
            return match tls {
                rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer) => {
                    MailError::UnknownCa { host }
                }
                other => MailError::Tls {
                    host,
                    reason: other.to_string(),
                },
            };
        }
        if let Some(io) = find_source::<std::io::Error>(error) {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return MailError::ConnectionRefused {
                    host,
                    port: self.settings.port,
                };
            }
        }
        if error.is_tls() {
            return MailError::Tls {
                host,
                reason: first_reason(error),
            };
        }
        MailError::Connection {
            host,
            reason: first_reason(error),
        }
    }
}

pub(crate) fn tls_parameters(settings: &SmtpSettings) -> Result<TlsParameters, MailError> {
    let mut builder = TlsParameters::builder(settings.host.clone());
    if let Some(pem) = &settings.ca_pem {
        // lettre takes a PEM without a certificate in it as an empty list: say so here instead.
        if !pem.contains("-----BEGIN CERTIFICATE-----") {
            return Err(MailError::CaCertificate("it holds no PEM certificate".into()));
        }
        let certificate = Certificate::from_pem(pem.as_bytes())
            .map_err(|error| MailError::CaCertificate(error.to_string()))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build_rustls().map_err(|error| match settings.ca_pem {
        Some(_) => MailError::CaCertificate(error.to_string()),
        None => MailError::Tls {
            host: settings.host.clone(),
            reason: error.to_string(),
        },
    })
}

/// The first error of type `T` in the chain (rustls errors travel inside io::Error).
fn find_source<'e, T: std::error::Error + 'static>(
    error: &'e (dyn std::error::Error + 'static),
) -> Option<&'e T> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<T>())
        {
            return Some(inner);
        }
        current = e.source();
    }
    None
}

fn first_reason(error: &lettre::transport::smtp::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}
