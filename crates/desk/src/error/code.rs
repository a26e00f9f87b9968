//! The stable codes themselves, and how each is written for scripts and the UI.

use serde::Serialize;
use ts_rs::TS;

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
    #[serde(rename = "archive.in_use")]
    ArchiveInUse,
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
    // After the decision
    #[serde(rename = "milestone.invalid")]
    MilestoneInvalid,
    #[serde(rename = "milestone.already_recorded")]
    MilestoneAlreadyRecorded,
    #[serde(rename = "decision.none")]
    NoDecisionYet,
    #[serde(rename = "report.invalid")]
    ReportInvalid,
    #[serde(rename = "report.restricted_detail")]
    ReportShowsRestricted,
    #[serde(rename = "delivery.not_found")]
    DeliveryNotFound,
    #[serde(rename = "report.not_written")]
    ReportNotWritten,
    // Records governance
    #[serde(rename = "retention.invalid")]
    RetentionInvalid,
    #[serde(rename = "retention.schedule_invalid")]
    RetentionScheduleInvalid,
    #[serde(rename = "retention.on_hold")]
    RetentionOnHold,
    #[serde(rename = "retention.disposed")]
    RetentionDisposed,
    #[serde(rename = "retention.order")]
    RetentionOrder,
    #[serde(rename = "retention.not_due")]
    RetentionNotDue,
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

impl ErrorCode {
    /// The code as scripts and the UI see it, e.g. `keyring.unavailable`.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{self:?}"))
    }
}
