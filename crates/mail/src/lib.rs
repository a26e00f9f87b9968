//! Distribution channels: email through the board's SMTP server, and export to a folder for
//! members whose agency requires its own secure mail. This crate knows nothing of the archive:
//! the desk records every step in the delivery log around these calls.
#![forbid(unsafe_code)]

mod compose;
mod error;
mod export;
mod settings;
mod smtp;

pub use compose::{new_message_id, Correspondence, LetterEmail, OutgoingMessage, ReminderEmail};
pub use error::{FailureKind, MailError};
pub use export::{export_batch, ExportItem, ExportedBatch, INDEX_FILE};
pub use settings::SmtpSettings;
pub use smtp::{Mailer, SentReceipt};
#[cfg(feature = "test-server")]
pub mod test_server;
