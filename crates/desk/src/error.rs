use serde::Serialize;
use ts_rs::TS;

use scr_archive::{ArchiveError, KeyringError};
use scr_domain::{DomainError, FieldProblem};
use scr_letters::LetterError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// An archive exists but the keyring could not open it: the recovery key can.
    #[error("{source}")]
    Locked { source: ArchiveError },
    #[error("no data directory could be found for this user; start the app with --data-dir DIR")]
    NoDataDir,
    #[error("an earlier operation failed part-way and the archive was closed to protect it")]
    Poisoned,
    /// A secret (a passphrase, a recovery key, a password) given on standard input or typed
    /// could not be read, or was empty or far too long.
    #[error("{0}")]
    StandardInput(String),
    /// A file the chair chose arrived damaged through the window (its base64 is broken).
    #[error("the file did not arrive intact: {0}")]
    UploadDamaged(String),
    #[error("{} must end in {expected}, which says the format to write", path.display())]
    FormatUnknown {
        path: std::path::PathBuf,
        expected: &'static str,
    },
    #[error("cannot write {}: {source}", path.display())]
    FileNotWritten {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a text file", path.display())]
    NotText { path: std::path::PathBuf },
    #[error("{} is not a letter's content ({reason}); see `scr-desk letters issue --help`", path.display())]
    LetterContentUnreadable {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("the register could not be written as a spreadsheet: {0}")]
    RegisterNotWritten(String),
    /// The demonstration only ever fills a new, empty archive: it never mixes with real records.
    #[error("the demonstration can only fill a new, empty archive: choose an empty folder with --data-dir")]
    DemoNeedsNewArchive,
    #[error("give the signer a label, e.g. \"police\"")]
    SignerLabelMissing,
    #[error(
        "the timestamp authority's CA file is larger than {limit} bytes, too large to be a few certificates"
    )]
    TimestampCaTooLarge { limit: usize },
    #[error("say why the letter should be sent again")]
    ResendReasonMissing,
    #[error("no member in the register has the email address {email}")]
    MemberEmailUnknown { email: String },
    #[error("no letter for {reference} is waiting for secure export: no member in post takes letters that way, or they were exported already")]
    NothingToExport { reference: String },
    #[error("the saved mail settings cannot be read: {0}")]
    MailSettingsDamaged(String),
    /// The operating system would not start the thread that checks a letter.
    #[error("the check could not be started: {0}")]
    VerifyNotStarted(std::io::Error),
    #[error("the decision on {reference} is already final; amend it to change it")]
    AlreadyFinalised { reference: String },
    #[error("the decision on {reference} has not been finalised yet, so there is nothing to amend")]
    NotFinalised { reference: String },
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// The chair's details for signing are not filled in correctly.
    #[error("{summary}")]
    SigningInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    #[error("the board's name has not been set yet")]
    BoardNotSetUp,
    #[error("letter {reference} names {printed} as signing, but it would be signed by {signing}")]
    SignerMismatch {
        reference: String,
        printed: String,
        signing: String,
    },
    #[error("there is no member {0} in the register")]
    MemberNotFound(i64),
    #[error("the file cannot be read: {0}")]
    ImportUnreadable(String),
    #[error("the file has {problems} problem(s), so nothing was imported")]
    ImportRejected { problems: usize },
    #[error("the register, or the file, changed after the preview was made")]
    ImportStale,
    #[error("{0}")]
    LogoInvalid(String),
    /// What the chair wrote for an update or outcome letter is incomplete.
    #[error("{summary}")]
    LetterInvalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
    /// A letter would print something from the restricted annex; nothing was signed.
    #[error("the letter for {reference} would print restricted details ({})", details.join(", "))]
    LetterShowsRestricted { reference: String, details: Vec<String> },
    #[error("there is no case {reference}")]
    CaseUnknown { reference: String },
    /// An override named a term that the case's restricted annex does not (or no longer) hold.
    #[error("the case's restricted details have no such term")]
    AnnexTermUnknown,
    #[error("no member in post on {on} receives letters")]
    NoRecipients { on: chrono::NaiveDate },
    #[error("{reference} has no decision version {version}")]
    DecisionVersionUnknown { reference: String, version: u32 },
    /// Issuing names a preview this desk does not hold: issued from already, too old, or made
    /// before the app was restarted.
    #[error("the letters previewed are no longer ready to issue")]
    PreviewUnknown,
    /// Something the letters print (the decision, the register, the board's settings, the date)
    /// changed between the preview and issuing them.
    #[error("the letters for {reference} have changed since they were previewed")]
    ChangedSincePreview { reference: String },
    // Distribution
    #[error(transparent)]
    Mail(#[from] scr_mail::MailError),
    #[error("the mail settings have not been saved yet")]
    MailNotConfigured,
    #[error("sending without encryption was chosen but not confirmed")]
    PlainNotConfirmed,
    #[error("no letters have been issued for {reference}, so there is nothing to send")]
    NoLettersToSend { reference: String },
    #[error("the letters for {reference} are being sent already")]
    DistributionBusy { reference: String },
    // Hostile and broken files
    /// Checking a letter took longer than any letter takes; the file was built to be slow.
    #[error("checking the letter took longer than {seconds} seconds")]
    VerifyTimedOut { seconds: u64 },
    /// A file named on the command line or found in the data folder was not read.
    #[error("{} was not read: {source}", path.display())]
    File {
        path: std::path::PathBuf,
        source: scr_archive::files::FileReadError,
    },
    #[error("{0}")]
    ImportTooLarge(String),
    #[error("{0}")]
    ImportTooManyCells(String),
}

impl DeskError {
    pub fn file_exists(path: &std::path::Path) -> DeskError {
        DeskError::Archive(ArchiveError::FileExists {
            path: path.to_owned(),
        })
    }
}

/// Stable machine codes for every error the app can show. The UI and scripts match on these,
/// so a code, once released, never changes meaning; the JSON is pinned by tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum ErrorCode {
    #[serde(rename = "keyring.unavailable")]
    KeyringUnavailable,
    #[serde(rename = "keyring.locked")]
    KeyringLocked,
    #[serde(rename = "keyring.failed")]
    KeyringFailed,
    #[serde(rename = "keyring.entry_missing")]
    KeyringEntryMissing,
    #[serde(rename = "keyring.backend_changed")]
    KeyringBackendChanged,
    #[serde(rename = "archive.wrong_key")]
    ArchiveWrongKey,
    #[serde(rename = "archive.incomplete")]
    ArchiveIncomplete,
    #[serde(rename = "archive.header_invalid")]
    ArchiveHeaderInvalid,
    #[serde(rename = "archive.newer_version")]
    ArchiveNewerVersion,
    #[serde(rename = "archive.migration_failed")]
    ArchiveMigrationFailed,
    #[serde(rename = "archive.database")]
    ArchiveDatabase,
    #[serde(rename = "archive.io")]
    ArchiveIo,
    #[serde(rename = "recovery.mistyped")]
    RecoveryMistyped,
    #[serde(rename = "recovery.wrong_key")]
    RecoveryWrongKey,
    #[serde(rename = "passphrase.wrong")]
    PassphraseWrong,
    #[serde(rename = "passphrase.not_set")]
    PassphraseNotSet,
    #[serde(rename = "passphrase.too_short")]
    PassphraseTooShort,
    #[serde(rename = "archive.not_found")]
    ArchiveNotFound,
    #[serde(rename = "archive.exists")]
    ArchiveExists,
    #[serde(rename = "file.exists")]
    FileExists,
    #[serde(rename = "backup.damaged")]
    BackupDamaged,
    #[serde(rename = "record.not_found")]
    RecordNotFound,
    #[serde(rename = "decision.incomplete")]
    DecisionIncomplete,
    #[serde(rename = "decision.final")]
    DecisionFinal,
    #[serde(rename = "decision.not_final")]
    DecisionNotFinal,
    #[serde(rename = "framework.invalid")]
    FrameworkInvalid,
    #[serde(rename = "framework.unknown")]
    FrameworkUnknown,
    #[serde(rename = "date.out_of_range")]
    DateOutOfRange,
    #[serde(rename = "date.unreadable")]
    DateUnreadable,
    #[serde(rename = "input.unreadable")]
    InputUnreadable,
    #[serde(rename = "board.invalid")]
    BoardInvalid,
    #[serde(rename = "member.invalid")]
    MemberInvalid,
    #[serde(rename = "member.not_found")]
    MemberNotFound,
    #[serde(rename = "import.unreadable")]
    ImportUnreadable,
    #[serde(rename = "import.rejected")]
    ImportRejected,
    #[serde(rename = "import.stale")]
    ImportStale,
    #[serde(rename = "logo.invalid")]
    LogoInvalid,
    #[serde(rename = "data_dir.unknown")]
    DataDirUnknown,
    #[serde(rename = "internal")]
    Internal,
    #[serde(rename = "board.not_set_up")]
    BoardNotSetUp,
    #[serde(rename = "signing.not_set_up")]
    SigningNotSetUp,
    #[serde(rename = "signing.already_set_up")]
    SigningAlreadySetUp,
    #[serde(rename = "signing.invalid")]
    SigningInvalid,
    #[serde(rename = "signing.signer_unknown")]
    SignerUnknown,
    #[serde(rename = "signing.signer_mismatch")]
    SignerMismatch,
    #[serde(rename = "letter.unknown")]
    LetterUnknown,
    #[serde(rename = "letter.render_failed")]
    LetterRenderFailed,
    #[serde(rename = "letter.bad_logo")]
    LetterBadLogo,
    #[serde(rename = "letter.bad_certificate")]
    LetterBadCertificate,
    #[serde(rename = "letter.signing_failed")]
    LetterSigningFailed,
    #[serde(rename = "letter.malformed_pdf")]
    LetterMalformedPdf,
    #[serde(rename = "letter.signature_too_large")]
    LetterSignatureTooLarge,
    #[serde(rename = "letter.no_such_signature_slot")]
    LetterNoSuchSignatureSlot,
    #[serde(rename = "letter.timestamp_failed")]
    LetterTimestampFailed,
    #[serde(rename = "letter.invalid")]
    LetterInvalid,
    #[serde(rename = "letter.restricted_detail")]
    LetterShowsRestricted,
    #[serde(rename = "case.unknown")]
    CaseUnknown,
    #[serde(rename = "annex.term_unknown")]
    AnnexTermUnknown,
    #[serde(rename = "letter.no_recipients")]
    LetterNoRecipients,
    #[serde(rename = "decision.version_unknown")]
    DecisionVersionUnknown,
    #[serde(rename = "letter.preview_unknown")]
    LetterPreviewUnknown,
    #[serde(rename = "letter.changed_since_preview")]
    LetterChangedSincePreview,
    // Distribution
    #[serde(rename = "mail.not_configured")]
    MailNotConfigured,
    #[serde(rename = "mail.plain_not_confirmed")]
    MailPlainNotConfirmed,
    #[serde(rename = "mail.invalid_settings")]
    MailInvalidSettings,
    #[serde(rename = "mail.invalid_address")]
    MailInvalidAddress,
    #[serde(rename = "mail.ca_certificate")]
    MailCaCertificate,
    #[serde(rename = "mail.unknown_ca")]
    MailUnknownCa,
    #[serde(rename = "mail.tls")]
    MailTls,
    #[serde(rename = "mail.connection_refused")]
    MailConnectionRefused,
    #[serde(rename = "mail.connection")]
    MailConnection,
    #[serde(rename = "mail.rejected")]
    MailRejected,
    #[serde(rename = "mail.failed")]
    MailFailed,
    #[serde(rename = "mail.export_exists")]
    MailExportExists,
    #[serde(rename = "delivery.state")]
    DeliveryState,
    #[serde(rename = "distribution.no_letters")]
    DistributionNoLetters,
    #[serde(rename = "distribution.busy")]
    DistributionBusy,
    // Hostile and broken files
    #[serde(rename = "letter.too_large")]
    LetterTooLarge,
    #[serde(rename = "letter.too_many_signatures")]
    LetterTooManySignatures,
    #[serde(rename = "letter.too_many_revisions")]
    LetterTooManyRevisions,
    #[serde(rename = "letter.decompression_bomb")]
    LetterDecompressionBomb,
    #[serde(rename = "letter.verify_timeout")]
    LetterVerifyTimeout,
    #[serde(rename = "file.too_large")]
    FileTooLarge,
    #[serde(rename = "file.not_regular")]
    FileNotRegular,
    #[serde(rename = "file.outside_folder")]
    FileOutsideFolder,
    #[serde(rename = "import.too_large")]
    ImportTooLarge,
    #[serde(rename = "import.too_many_cells")]
    ImportTooManyCells,
    #[serde(rename = "backup.too_large")]
    BackupTooLarge,
    #[serde(rename = "passphrase.kdf_out_of_range")]
    PassphraseKdfOutOfRange,
    // What was one 'input.unreadable' for every kind of input
    #[serde(rename = "input.upload_damaged")]
    UploadDamaged,
    #[serde(rename = "file.format_unknown")]
    FileFormatUnknown,
    #[serde(rename = "file.not_written")]
    FileNotWritten,
    #[serde(rename = "file.not_text")]
    FileNotText,
    #[serde(rename = "letter.content_unreadable")]
    LetterContentUnreadable,
    #[serde(rename = "register.not_written")]
    RegisterNotWritten,
    #[serde(rename = "demo.needs_new_archive")]
    DemoNeedsNewArchive,
    #[serde(rename = "signing.label_missing")]
    SignerLabelMissing,
    #[serde(rename = "timestamp.ca_too_large")]
    TimestampCaTooLarge,
    #[serde(rename = "delivery.reason_missing")]
    DeliveryReasonMissing,
    #[serde(rename = "member.email_unknown")]
    MemberEmailUnknown,
    #[serde(rename = "distribution.nothing_to_export")]
    DistributionNothingToExport,
    #[serde(rename = "mail.settings_damaged")]
    MailSettingsDamaged,
}

impl DeskError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::Archive(error) | DeskError::Locked { source: error } => archive_code(error),
            DeskError::Domain(DomainError::Invalid { .. }) => ErrorCode::BoardInvalid,
            DeskError::Domain(DomainError::NotFinalisable { .. }) => ErrorCode::DecisionIncomplete,
            DeskError::Domain(DomainError::FrameworkInvalid { .. }) => ErrorCode::FrameworkInvalid,
            DeskError::Domain(DomainError::FrameworkUnknown { .. }) => ErrorCode::FrameworkUnknown,
            DeskError::Domain(DomainError::DateOutOfRange { .. }) => ErrorCode::DateOutOfRange,
            DeskError::Domain(DomainError::DateUnreadable { .. }) => ErrorCode::DateUnreadable,
            DeskError::NoDataDir => ErrorCode::DataDirUnknown,
            DeskError::Poisoned => ErrorCode::Internal,
            DeskError::StandardInput(_) => ErrorCode::InputUnreadable,
            DeskError::UploadDamaged(_) => ErrorCode::UploadDamaged,
            DeskError::FormatUnknown { .. } => ErrorCode::FileFormatUnknown,
            DeskError::FileNotWritten { .. } => ErrorCode::FileNotWritten,
            DeskError::NotText { .. } => ErrorCode::FileNotText,
            DeskError::LetterContentUnreadable { .. } => ErrorCode::LetterContentUnreadable,
            DeskError::RegisterNotWritten(_) => ErrorCode::RegisterNotWritten,
            DeskError::DemoNeedsNewArchive => ErrorCode::DemoNeedsNewArchive,
            DeskError::SignerLabelMissing => ErrorCode::SignerLabelMissing,
            DeskError::TimestampCaTooLarge { .. } => ErrorCode::TimestampCaTooLarge,
            DeskError::ResendReasonMissing => ErrorCode::DeliveryReasonMissing,
            DeskError::MemberEmailUnknown { .. } => ErrorCode::MemberEmailUnknown,
            DeskError::NothingToExport { .. } => ErrorCode::DistributionNothingToExport,
            DeskError::MailSettingsDamaged(_) => ErrorCode::MailSettingsDamaged,
            DeskError::VerifyNotStarted(_) => ErrorCode::Internal,
            DeskError::AlreadyFinalised { .. } => ErrorCode::DecisionFinal,
            DeskError::NotFinalised { .. } => ErrorCode::DecisionNotFinal,
            DeskError::Letter(error) => letter_code(error),
            DeskError::SigningInvalid { .. } => ErrorCode::SigningInvalid,
            DeskError::BoardNotSetUp => ErrorCode::BoardNotSetUp,
            DeskError::SignerMismatch { .. } => ErrorCode::SignerMismatch,
            DeskError::Domain(DomainError::MemberInvalid { .. }) => ErrorCode::MemberInvalid,
            DeskError::MemberNotFound(_) => ErrorCode::MemberNotFound,
            DeskError::ImportUnreadable(_) => ErrorCode::ImportUnreadable,
            DeskError::ImportRejected { .. } => ErrorCode::ImportRejected,
            DeskError::ImportStale => ErrorCode::ImportStale,
            DeskError::LogoInvalid(_) => ErrorCode::LogoInvalid,
            DeskError::LetterInvalid { .. } => ErrorCode::LetterInvalid,
            DeskError::LetterShowsRestricted { .. } => ErrorCode::LetterShowsRestricted,
            DeskError::DecisionVersionUnknown { .. } => ErrorCode::DecisionVersionUnknown,
            DeskError::NoRecipients { .. } => ErrorCode::LetterNoRecipients,
            DeskError::PreviewUnknown => ErrorCode::LetterPreviewUnknown,
            DeskError::ChangedSincePreview { .. } => ErrorCode::LetterChangedSincePreview,
            DeskError::CaseUnknown { .. } => ErrorCode::CaseUnknown,
            DeskError::AnnexTermUnknown => ErrorCode::AnnexTermUnknown,
            DeskError::Mail(error) => mail_code(error),
            DeskError::MailNotConfigured => ErrorCode::MailNotConfigured,
            DeskError::PlainNotConfirmed => ErrorCode::MailPlainNotConfirmed,
            DeskError::NoLettersToSend { .. } => ErrorCode::DistributionNoLetters,
            DeskError::DistributionBusy { .. } => ErrorCode::DistributionBusy,
            DeskError::VerifyTimedOut { .. } => ErrorCode::LetterVerifyTimeout,
            DeskError::File { source, .. } => file_code(source),
            DeskError::ImportTooLarge(_) => ErrorCode::ImportTooLarge,
            DeskError::ImportTooManyCells(_) => ErrorCode::ImportTooManyCells,
        }
    }
}

fn archive_code(error: &ArchiveError) -> ErrorCode {
    match error {
        ArchiveError::Keyring(KeyringError::Unavailable(_)) => ErrorCode::KeyringUnavailable,
        ArchiveError::Keyring(KeyringError::Locked(_)) => ErrorCode::KeyringLocked,
        ArchiveError::Keyring(KeyringError::Failed(_)) => ErrorCode::KeyringFailed,
        ArchiveError::KeyringEntryMissing => ErrorCode::KeyringEntryMissing,
        ArchiveError::KeyringBackendChanged { .. } => ErrorCode::KeyringBackendChanged,
        ArchiveError::WrongKeyOrDamaged => ErrorCode::ArchiveWrongKey,
        ArchiveError::Incomplete { .. } => ErrorCode::ArchiveIncomplete,
        ArchiveError::HeaderInvalid { .. } => ErrorCode::ArchiveHeaderInvalid,
        ArchiveError::NewerSchema { .. } => ErrorCode::ArchiveNewerVersion,
        ArchiveError::MigrationFailed { .. } => ErrorCode::ArchiveMigrationFailed,
        ArchiveError::Database(_) if error.is_damage() => ErrorCode::ArchiveWrongKey,
        ArchiveError::Database(_) => ErrorCode::ArchiveDatabase,
        ArchiveError::Io { .. } => ErrorCode::ArchiveIo,
        ArchiveError::RecoveryKeyMistyped { .. } => ErrorCode::RecoveryMistyped,
        ArchiveError::WrongRecoveryKey => ErrorCode::RecoveryWrongKey,
        ArchiveError::WrongPassphrase => ErrorCode::PassphraseWrong,
        ArchiveError::NoPassphraseSet => ErrorCode::PassphraseNotSet,
        ArchiveError::PassphraseTooShort { .. } => ErrorCode::PassphraseTooShort,
        ArchiveError::NoArchive { .. } => ErrorCode::ArchiveNotFound,
        ArchiveError::ArchiveExists { .. } => ErrorCode::ArchiveExists,
        ArchiveError::FileExists { .. } => ErrorCode::FileExists,
        ArchiveError::BackupDamaged { .. } => ErrorCode::BackupDamaged,
        ArchiveError::BackupTooLarge { .. } => ErrorCode::BackupTooLarge,
        ArchiveError::KdfOutOfRange { .. } => ErrorCode::PassphraseKdfOutOfRange,
        ArchiveError::NotFound { .. } => ErrorCode::RecordNotFound,
        ArchiveError::SigningNotSetUp => ErrorCode::SigningNotSetUp,
        ArchiveError::SigningAlreadySetUp => ErrorCode::SigningAlreadySetUp,
        ArchiveError::SignerUnknown { .. } => ErrorCode::SignerUnknown,
        ArchiveError::LetterUnknown { .. } => ErrorCode::LetterUnknown,
        ArchiveError::DeliveryState { .. } => ErrorCode::DeliveryState,
        ArchiveError::Random(_) | ArchiveError::Encoding(_) => ErrorCode::Internal,
    }
}

fn letter_code(error: &LetterError) -> ErrorCode {
    match error {
        LetterError::Render(_) => ErrorCode::LetterRenderFailed,
        LetterError::BadLogo(_) => ErrorCode::LetterBadLogo,
        LetterError::BadCertificate(_) => ErrorCode::LetterBadCertificate,
        LetterError::SigningFailed(_) => ErrorCode::LetterSigningFailed,
        LetterError::MalformedPdf(_) => ErrorCode::LetterMalformedPdf,
        LetterError::SignatureTooLarge { .. } => ErrorCode::LetterSignatureTooLarge,
        LetterError::NoSuchSlot(_) => ErrorCode::LetterNoSuchSignatureSlot,
        LetterError::Timestamp(_) => ErrorCode::LetterTimestampFailed,
        LetterError::TooLarge { .. } => ErrorCode::LetterTooLarge,
        LetterError::TooManySignatures { .. } => ErrorCode::LetterTooManySignatures,
        LetterError::TooManyRevisions { .. } => ErrorCode::LetterTooManyRevisions,
        LetterError::DecompressionBomb { .. } => ErrorCode::LetterDecompressionBomb,
    }
}

/// The code for a file that was not read: its kind, or the generic "unreadable".
pub(crate) fn file_code(error: &scr_archive::files::FileReadError) -> ErrorCode {
    use scr_archive::files::FileReadError as F;
    match error {
        F::TooLarge { .. } => ErrorCode::FileTooLarge,
        F::NotAFile => ErrorCode::FileNotRegular,
        F::Io(_) => ErrorCode::InputUnreadable,
    }
}

impl ErrorCode {
    /// The code as scripts and the UI see it, e.g. `keyring.unavailable`.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{self:?}"))
    }
}

fn mail_code(error: &scr_mail::MailError) -> ErrorCode {
    use scr_mail::MailError as M;
    match error {
        M::InvalidSettings { .. } => ErrorCode::MailInvalidSettings,
        M::InvalidAddress { .. } => ErrorCode::MailInvalidAddress,
        M::CaCertificate(_) => ErrorCode::MailCaCertificate,
        M::UnknownCa { .. } => ErrorCode::MailUnknownCa,
        M::Tls { .. } => ErrorCode::MailTls,
        M::ConnectionRefused { .. } => ErrorCode::MailConnectionRefused,
        M::Connection { .. } => ErrorCode::MailConnection,
        M::Rejected { .. } => ErrorCode::MailRejected,
        M::Message(_) | M::Io { .. } => ErrorCode::MailFailed,
        M::ExportExists { .. } => ErrorCode::MailExportExists,
    }
}
