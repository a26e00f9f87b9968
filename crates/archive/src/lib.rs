//! The encrypted archive: one SQLCipher database whose key never touches the disk unwrapped.
//! The data key is wrapped by a key in the OS keyring, by the recovery key shown to the chair,
//! and optionally by a passphrase; every change is recorded in a hash-chained audit trail.
#![forbid(unsafe_code)]

mod archive;
mod attempts;
mod audit;
mod audited_rows;
mod backup;
mod board;
mod cases;
mod check;
mod database;
mod deliveries;
mod disposal;
mod disposal_check;
mod error;
mod export;
pub mod files;
mod folder_lock;
mod header;
mod kept_home;
mod keys;
mod keystore;
mod letters;
mod members;
mod migrations;
mod milestones;
mod overrides;
mod overview;
mod passphrase;
mod recovery;
mod rekey;
mod retention;
mod signing;
#[cfg(test)]
mod tests;
mod timestamping;

pub use archive::{
    directory_state, Archive, DirectoryState, OpenedAs, BACKUPS_DIR as BACKUPS_DIR_NAME, DATABASE_FILE,
    HEADER_FILE,
};
pub use attempts::ATTEMPTS_FILE;
pub use audit::{Actor, AuditAction, AuditEvent, BrokenLink, ChainHead};
pub use audited_rows::TamperedRow;
pub use backup::{verify_backup, BackupReport, BackupSummary, BackupUnlock, MAX_BACKUP_BYTES};
pub use cases::{CaseListItem, CaseRecord};
pub use check::CheckReport;
pub use deliveries::{AcknowledgementRecord, DeliveryRecord, NewDelivery, ReminderRecord};
pub use disposal::{DisposalOrder, DisposalScope, ErasureReport};
pub use error::{ArchiveError, KeyringError};
pub use export::ExportSummary;
#[cfg(all(feature = "test-support", target_os = "linux"))]
pub use folder_lock::testing as folder_lock_testing;
pub use folder_lock::FolderLock;
pub use header::check_header_file;
pub use keystore::{KeyStore, SystemKeyring, KEYRING_SERVICE};
pub use letters::{letter_sha256, IssuedLetter, IssuedLetterRecord, NewIssuedLetter};
pub use members::{ImportCounts, RegisterChange};
pub use migrations::latest_version as latest_schema_version;
pub use milestones::MilestoneRecord;
pub use overrides::AnnexOverride;
pub use overview::{ByReference, DeliveryOverview, LetterOverview};
pub use passphrase::MIN_PASSPHRASE_CHARS;
pub use recovery::{file_text as recovery_key_file_text, RecoveryKey};
pub use rekey::PassphraseAfterRekey;
pub use retention::{CaseRetentionFacts, DecidedFacts, DisposalRecord};
pub use signing::{NewCertificate, NewSigner, StoredAuthority, StoredSigner};
pub use timestamping::TimestampAuthority;
