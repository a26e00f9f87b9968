//! The use cases of SCR Decision Desk. The desktop app, the command line and the tests all go
//! through [`Desk`]; nothing here knows about windows or IPC.
#![forbid(unsafe_code)]

mod annex_guard;
mod case_facts;
mod cases;
mod closures;
mod data_dir;
mod demo;
mod demo_cases;
mod demo_dates;
mod desk;
mod distribution;
mod error;
mod first_screen;
mod folder_file;
mod frameworks;
mod home;
mod idle;
mod input_files;
mod integrity;
pub mod ipc;
mod issuing;
mod kept_home;
mod letter_facts;
mod letter_signing;
mod letter_verification;
mod letters_from_decisions;
mod logo;
mod milestones;
mod new_board;
mod prepared_letters;
mod qm3_export;
mod qm3_pdf;
mod register;
mod retention;
mod signing;
pub mod spreadsheet;
pub use spreadsheet::MAX_IMPORT_BYTES;
#[cfg(feature = "test-support")]
pub mod testing;
mod timestamping;

pub use annex_guard::{AnnexOverrideView, BoardTextWarning};
pub use cases::{CaseListEntry, CaseView, DecisionVersion, NewCase, NextDeadline};
pub use data_dir::{resolve_data_dir, DATA_DIR_ENV};
pub use demo::{demo_profile, DemoCreated, DemoRecoveryKey, DemoStarted, DEMO_BOARD_NAME};
pub use desk::{
    verify_backup, AppStatus, BackupMade, Desk, IssuedRecoveryKey, KeyStoreConnector, PassphraseKept,
};
pub use distribution::{
    AcknowledgementInput, BatchProgress, DeliveryView, DistributionView, ExportDone, MailSettingsInput,
    MailSettingsView, PlannedLetter, ReminderReport, SendReport, TestMessageSent, ToldRow,
};
pub use error::{DeskError, ErrorCode};
pub use first_screen::FirstScreen;
pub use folder_file::FolderFileProblem;
pub use frameworks::{
    load_board_frameworks, FrameworksView, FRAMEWORKS_FOLDER, MAX_FRAMEWORK_FILES, MAX_FRAMEWORK_FILE_BYTES,
};
pub use home::{year_to, HomeView, HOME_PAGE_SIZE};
pub use input_files::{read_input_file, MAX_CERTIFICATE_FILE_BYTES, MAX_CONTENT_FILE_BYTES};
pub use integrity::IntegrityReport;
pub use letter_facts::{DocumentCheck, TimestampCheck};
pub use letter_signing::{IssuedLetterSummary, LetterToIssue};
pub use letter_verification::{
    verify_letter_with_certificates, LetterVerification, SignatureCheck, TrustSource, MAX_LETTER_BYTES,
    VERIFY_TIME_LIMIT,
};
pub use letters_from_decisions::{CaseLetter, LetterPreview, LetterRequest, LetterSaved, PreviewWritten};
pub use logo::{Logo, LogoView, MAX_LOGO_PIXELS};
pub use milestones::{
    MilestoneChange, MilestoneCorrection, MilestoneInput, MilestoneSlotView, MilestonesView,
};
pub use new_board::{InitOutcome, SigningOutcome};
pub use qm3_export::Qm3Exported;
pub use qm3_pdf::Qm3Format;
pub use register::{
    ExportFormat, FileUpload, ImportDone, ImportPreviewView, MemberRecord, RegisterExported, RegisterView,
    SettingsView,
};
pub use retention::{
    check_board_schedule, CaseRetentionView, DisposalInput, DisposalPreview, HoldInput, HoldView,
    KeepLongerInput, LiftHoldInput, RetentionOverview, MAX_SCHEDULE_FILE_BYTES, RETENTION_FOLDER,
};
pub use scr_archive::{
    recovery_key_file_text, BackupReport, BackupSummary, BackupUnlock, ExportSummary, KeyStore, KeyringError,
    RecoveryKey, SystemKeyring,
};
pub use scr_domain::board::BoardProfile;
pub use scr_domain::clock::Clock;
pub use scr_domain::letter_kind::{Addressing, LetterKind, Recipient};
/// The letters crate, for callers that build a [`LetterDocument`](scr_letters::LetterDocument).
pub use scr_letters;
pub use signing::{
    CertificateExported, CertificateSummary, SignerSummary, SigningSetupInput, SigningStatus,
    AUTHORITY_VALIDITY_YEARS, CHAIR_LABEL, SIGNER_VALIDITY_YEARS,
};
pub use timestamping::{TimestampSettingsInput, TimestampSettingsView};

/// The product's version, as the CLI and the About page show it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
