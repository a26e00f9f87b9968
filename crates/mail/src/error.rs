use std::path::PathBuf;

/// How a failed send should be treated: the delivery log keeps this beside the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The server said "try later" (4xx), or the connection failed: sending again may work.
    Retryable,
    /// The server refused for good (5xx), or the settings are wrong: resending as is will not help.
    Permanent,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail settings are not usable: {field}: {reason}")]
    InvalidSettings { field: &'static str, reason: String },
    #[error("'{address}' is not an email address this app can send to: {reason}")]
    InvalidAddress { address: String, reason: String },
    #[error("the CA certificate given for the mail server cannot be read: {0}. Give the PEM file of the council's CA certificate")]
    CaCertificate(String),
    #[error("the mail server {host}:{port} refused the connection: check the host and port, and that the server is running")]
    ConnectionRefused { host: String, port: u16 },
    #[error("the mail server {host} presented a certificate from a certificate authority this app does not know. If your council runs its own mail server, add the council's CA certificate in the mail settings")]
    UnknownCa { host: String },
    #[error("a secure connection to the mail server {host} could not be made: {reason}")]
    Tls { host: String, reason: String },
    #[error("the mail server answered {code}: {reply}")]
    Rejected {
        code: u16,
        reply: String,
        kind: FailureKind,
    },
    #[error("the mail server {host} could not be reached: {reason}")]
    Connection { host: String, reason: String },
    #[error("the message could not be built: {0}")]
    Message(String),
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} already exists: the export will not overwrite an earlier one")]
    ExportExists { path: PathBuf },
}

impl MailError {
    /// Whether sending the same message again later may succeed.
    pub fn kind(&self) -> FailureKind {
        match self {
            MailError::Rejected { kind, .. } => *kind,
            MailError::ConnectionRefused { .. } | MailError::Connection { .. } => FailureKind::Retryable,
            _ => FailureKind::Permanent,
        }
    }

    pub fn retryable(&self) -> bool {
        self.kind() == FailureKind::Retryable
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> MailError {
        MailError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
