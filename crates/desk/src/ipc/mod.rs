//! What crosses the boundary to the UI and to scripts: one error shape with a stable code,
//! a message that says what to do, and details for the technically minded.

use scr_domain::text::sentence_case;
use serde::Serialize;
use ts_rs::TS;

use scr_domain::DomainError;

use crate::{DeskError, ErrorCode};

mod advice;
mod bindings;

pub use advice::advice;
pub use bindings::typescript_bindings;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub details: Option<ErrorDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorDetails {
    /// The underlying error, for IT support; never case data.
    pub cause: Option<String>,
    /// Form fields to correct, for the error summary and inline messages.
    pub fields: Vec<FieldError>,
    /// What the person can do next, so the UI offers exactly those buttons.
    pub actions: Vec<ErrorAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorAction {
    Retry,
    /// Open the archive with the recovery key (or passphrase) instead of the keyring.
    Recover,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl From<&DeskError> for IpcError {
    fn from(error: &DeskError) -> IpcError {
        let code = error.code();
        let (message, details) = match error {
            DeskError::Domain(
                DomainError::Invalid { summary, problems } | DomainError::MemberInvalid { summary, problems },
            )
            | DeskError::SigningInvalid { summary, problems }
            | DeskError::MilestoneInvalid { summary, problems }
            | DeskError::ReportInvalid { summary, problems }
            | DeskError::LetterInvalid { summary, problems }
            | DeskError::RetentionInvalid { summary, problems } => (
                summary.clone(),
                Some(ErrorDetails {
                    cause: None,
                    actions: Vec::new(),
                    fields: problems
                        .iter()
                        .map(|problem| FieldError {
                            field: problem.field.to_owned(),
                            message: problem.message.clone(),
                        })
                        .collect(),
                }),
            ),
            DeskError::Domain(DomainError::NotFinalisable { blocking }) => (
                advice(code).to_owned(),
                Some(ErrorDetails {
                    cause: None,
                    actions: Vec::new(),
                    fields: blocking
                        .iter()
                        .map(|finding| FieldError {
                            field: finding.code.as_str(),
                            message: finding.message.clone(),
                        })
                        .collect(),
                }),
            ),
            DeskError::LogoInvalid(message) => (
                "The logo cannot be used".to_owned(),
                Some(ErrorDetails {
                    cause: None,
                    actions: Vec::new(),
                    fields: vec![FieldError {
                        field: "logo".to_owned(),
                        message: message.clone(),
                    }],
                }),
            ),
            other => (
                message_for(other, code),
                Some(ErrorDetails {
                    cause: Some(other.to_string()),
                    fields: Vec::new(),
                    actions: actions_for(other),
                }),
            ),
        };
        IpcError {
            code,
            message,
            details,
        }
    }
}

impl From<DeskError> for IpcError {
    fn from(error: DeskError) -> IpcError {
        IpcError::from(&error)
    }
}

/// For errors whose own words say exactly what was wrong, lead with them.
fn message_for(error: &DeskError, code: ErrorCode) -> String {
    let specific = matches!(
        code,
        ErrorCode::RecoveryMistyped
            | ErrorCode::PassphraseTooShort
            | ErrorCode::FileExists
            | ErrorCode::ArchiveExists
            | ErrorCode::ArchiveInUse
            | ErrorCode::ArchiveNotFound
            | ErrorCode::BackupDamaged
            | ErrorCode::InputUnreadable
            | ErrorCode::UploadDamaged
            | ErrorCode::FileFormatUnknown
            | ErrorCode::FileNotWritten
            | ErrorCode::FileNotText
            | ErrorCode::LetterContentUnreadable
            | ErrorCode::RegisterNotWritten
            | ErrorCode::DemoNeedsNewArchive
            | ErrorCode::SignerLabelMissing
            | ErrorCode::TimestampCaTooLarge
            | ErrorCode::DeliveryReasonMissing
            | ErrorCode::MemberEmailUnknown
            | ErrorCode::DistributionNothingToExport
            | ErrorCode::MailSettingsDamaged
            | ErrorCode::FrameworkInvalid
            | ErrorCode::FrameworkUnknown
            | ErrorCode::RecordNotFound
            | ErrorCode::DecisionFinal
            | ErrorCode::DecisionNotFinal
            | ErrorCode::SignerMismatch
            | ErrorCode::SignerUnknown
            | ErrorCode::LetterUnknown
            | ErrorCode::LetterBadCertificate
            | ErrorCode::MemberNotFound
            | ErrorCode::ImportUnreadable
            | ErrorCode::ImportRejected
            | ErrorCode::LetterShowsRestricted
            | ErrorCode::DecisionVersionUnknown
            | ErrorCode::LetterNoRecipients
            | ErrorCode::CaseUnknown
            | ErrorCode::MailInvalidSettings
            | ErrorCode::MailInvalidAddress
            | ErrorCode::MailCaCertificate
            | ErrorCode::MailUnknownCa
            | ErrorCode::MailTls
            | ErrorCode::MailConnectionRefused
            | ErrorCode::MailConnection
            | ErrorCode::MailRejected
            | ErrorCode::MailFailed
            | ErrorCode::MailExportExists
            | ErrorCode::DeliveryState
            | ErrorCode::DistributionNoLetters
            | ErrorCode::DistributionBusy
            | ErrorCode::LetterTooLarge
            | ErrorCode::LetterTooManySignatures
            | ErrorCode::LetterTooManyRevisions
            | ErrorCode::LetterDecompressionBomb
            | ErrorCode::LetterVerifyTimeout
            | ErrorCode::FileTooLarge
            | ErrorCode::FileNotRegular
            | ErrorCode::FileOutsideFolder
            | ErrorCode::ImportTooLarge
            | ErrorCode::ImportTooManyCells
            | ErrorCode::BackupTooLarge
            | ErrorCode::PassphraseKdfOutOfRange
            | ErrorCode::MilestoneAlreadyRecorded
            | ErrorCode::NoDecisionYet
            | ErrorCode::ReportShowsRestricted
            | ErrorCode::DeliveryNotFound
            | ErrorCode::ReportNotWritten
            | ErrorCode::RetentionScheduleInvalid
            | ErrorCode::RetentionOnHold
            | ErrorCode::RetentionDisposed
            | ErrorCode::RetentionOrder
            | ErrorCode::RetentionNotDue
    );
    if specific {
        format!("{}. {}", sentence_case(&error.to_string()), advice(code))
    } else {
        advice(code).to_owned()
    }
}

fn actions_for(error: &DeskError) -> Vec<ErrorAction> {
    match error {
        DeskError::Locked { .. } => vec![ErrorAction::Retry, ErrorAction::Recover],
        DeskError::Archive(
            scr_archive::ArchiveError::OnHold { .. }
            | scr_archive::ArchiveError::Disposed { .. }
            | scr_archive::ArchiveError::DisposeFirst { .. },
        ) => Vec::new(),
        DeskError::Archive(_) | DeskError::Poisoned | DeskError::VerifyNotStarted(_) => {
            vec![ErrorAction::Retry]
        }
        DeskError::FileNotWritten { .. } | DeskError::RegisterNotWritten(_) => vec![ErrorAction::Retry],
        DeskError::Domain(_)
        | DeskError::NoDataDir
        | DeskError::StandardInput(_)
        | DeskError::UploadDamaged(_)
        | DeskError::FormatUnknown { .. }
        | DeskError::NotText { .. }
        | DeskError::LetterContentUnreadable { .. }
        | DeskError::DemoNeedsNewArchive
        | DeskError::SignerLabelMissing
        | DeskError::TimestampCaTooLarge { .. }
        | DeskError::ResendReasonMissing
        | DeskError::MemberEmailUnknown { .. }
        | DeskError::NothingToExport { .. }
        | DeskError::MailSettingsDamaged(_)
        | DeskError::AlreadyFinalised { .. }
        | DeskError::NotFinalised { .. } => Vec::new(),
        DeskError::Letter(_)
        | DeskError::SigningInvalid { .. }
        | DeskError::BoardNotSetUp
        | DeskError::SignerMismatch { .. } => Vec::new(),
        DeskError::MemberNotFound(_)
        | DeskError::ImportUnreadable(_)
        | DeskError::ImportRejected { .. }
        | DeskError::ImportStale
        | DeskError::LogoInvalid(_) => Vec::new(),
        DeskError::LetterInvalid { .. }
        | DeskError::LetterShowsRestricted { .. }
        | DeskError::DecisionVersionUnknown { .. }
        | DeskError::PreviewUnknown
        | DeskError::ChangedSincePreview { .. }
        | DeskError::NoRecipients { .. }
        | DeskError::CaseUnknown { .. }
        | DeskError::AnnexTermUnknown => Vec::new(),
        DeskError::Mail(error) if error.retryable() => vec![ErrorAction::Retry],
        DeskError::Mail(_)
        | DeskError::MailNotConfigured
        | DeskError::PlainNotConfirmed
        | DeskError::NoLettersToSend { .. }
        | DeskError::DistributionBusy { .. } => Vec::new(),
        DeskError::VerifyTimedOut { .. }
        | DeskError::File { .. }
        | DeskError::ImportTooLarge(_)
        | DeskError::ImportTooManyCells(_) => Vec::new(),
        DeskError::MilestoneInvalid { .. }
        | DeskError::MilestoneAlreadyRecorded { .. }
        | DeskError::NoDecisionYet { .. }
        | DeskError::ReportInvalid { .. }
        | DeskError::ReportShowsRestricted { .. }
        | DeskError::DeliveryNotFound { .. }
        | DeskError::ReportNotWritten(_) => Vec::new(),
        DeskError::RetentionInvalid { .. }
        | DeskError::NotDue { .. }
        | DeskError::ScheduleUnusable { .. } => Vec::new(),
    }
}
