//! Which code each error carries: the desk's own errors, and those of the crates below it.

use scr_archive::{ArchiveError, KeyringError};
use scr_domain::DomainError;
use scr_letters::LetterError;

use super::{DeskError, ErrorCode};

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
            DeskError::MilestoneInvalid { .. } => ErrorCode::MilestoneInvalid,
            DeskError::MilestoneAlreadyRecorded { .. } => ErrorCode::MilestoneAlreadyRecorded,
            DeskError::NoDecisionYet { .. } => ErrorCode::NoDecisionYet,
            DeskError::ReportInvalid { .. } => ErrorCode::ReportInvalid,
            DeskError::ReportShowsRestricted { .. } => ErrorCode::ReportShowsRestricted,
            DeskError::DeliveryNotFound { .. } => ErrorCode::DeliveryNotFound,
            DeskError::ReportNotWritten(_) => ErrorCode::ReportNotWritten,
            DeskError::Domain(DomainError::RetentionScheduleInvalid { .. })
            | DeskError::ScheduleUnusable { .. } => ErrorCode::RetentionScheduleInvalid,
            DeskError::RetentionInvalid { .. } => ErrorCode::RetentionInvalid,
            DeskError::NotDue { .. } => ErrorCode::RetentionNotDue,
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
        ArchiveError::InUse { .. } => ErrorCode::ArchiveInUse,
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
        ArchiveError::OnHold { .. } => ErrorCode::RetentionOnHold,
        ArchiveError::Disposed { .. } => ErrorCode::RetentionDisposed,
        ArchiveError::DisposeFirst { .. } => ErrorCode::RetentionOrder,
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
