//! What crosses the boundary to the UI and to scripts: one error shape with a stable code,
//! a message that says what to do, and details for the technically minded.

use scr_domain::text::sentence_case;
use serde::Serialize;
use ts_rs::TS;

use scr_domain::binding;
use scr_domain::DomainError;

use crate::{DeskError, ErrorCode};

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

/// What the person in front of the screen should do, in plain words.
pub fn advice(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::KeyringUnavailable => {
            "SCR Decision Desk keeps the key to its encrypted archive in your system keyring, \
             and the keyring could not be reached. Make sure you are signed in to your desktop \
             session and that its keyring (for example GNOME Keyring or KWallet) is running, then \
             try again. If this keeps happening, contact your IT support with the details below."
        }
        ErrorCode::KeyringLocked => {
            "Your system keyring is locked. Unlock it (your desktop may ask for your password), \
             then try again."
        }
        ErrorCode::KeyringFailed => {
            "Your system keyring refused to store or return the archive's key. Try again; if it \
             keeps failing, contact your IT support with the details below."
        }
        ErrorCode::KeyringEntryMissing => {
            "The key to this archive is no longer in your system keyring. Your records are safe: \
             open the archive with the recovery key you were given when it was set up."
        }
        ErrorCode::KeyringBackendChanged => {
            "The key to this archive was kept in a different keyring from the one this desktop \
             session offers. Your records are safe and have not been changed: sign in to the \
             desktop you used before, or open the archive with your recovery key."
        }
        ErrorCode::ArchiveWrongKey => {
            "The archive could not be opened with its key: the key does not match, or the \
             archive file is damaged. Nothing has been changed. Restore from a backup or use \
             your recovery key."
        }
        ErrorCode::ArchiveIncomplete => {
            "Part of the archive is missing from its folder. Nothing has been changed or \
             replaced. Restore the missing file from a backup, or contact your IT support."
        }
        ErrorCode::ArchiveHeaderInvalid => {
            "The archive's header file cannot be read. Nothing has been changed. Restore it \
             from a backup, or contact your IT support with the details below."
        }
        ErrorCode::ArchiveNewerVersion => {
            "This archive was last used by a newer version of SCR Decision Desk. Install that \
             version (or a later one) to open it."
        }
        ErrorCode::ArchiveMigrationFailed => {
            "The archive could not be upgraded to this version. It has been left exactly as it \
             was. Contact your IT support with the details below."
        }
        ErrorCode::ArchiveDatabase => {
            "The archive reported an error and the change was not saved. Try again; if it keeps \
             failing, run the integrity check and contact your IT support."
        }
        ErrorCode::ArchiveIo => {
            "A file in the archive's folder could not be read or written. Check that the disk \
             is not full and that you can write to the folder, then try again."
        }
        ErrorCode::RecoveryMistyped => "Check the recovery key against the copy you kept and type it again.",
        ErrorCode::RecoveryWrongKey => {
            "That recovery key does not open this archive. Nothing has been changed, and the attempt \
             has been recorded. Check you have the key for this board's archive and try again."
        }
        ErrorCode::PassphraseWrong => {
            "That passphrase does not open this archive. Nothing has been changed. Try again, or \
             use the recovery key."
        }
        ErrorCode::PassphraseNotSet => {
            "No passphrase was set for this archive: use the recovery key instead."
        }
        ErrorCode::PassphraseTooShort => "Choose a longer passphrase: a short sentence is easy to remember.",
        ErrorCode::ArchiveNotFound => {
            "Check the folder's name: to use an archive elsewhere, give its folder with --data-dir DIR \
             (or set SCR_DESK_DATA_DIR). To create a new archive there, open the app, or run \
             `scr-desk init --board-name NAME`, `scr-desk demo` or `scr-desk restore BACKUP`."
        }
        ErrorCode::ArchiveExists => {
            "Nothing has been changed. To replace it, say so explicitly (for a restore: \
             --replace-existing); the old archive is then kept in a dated folder beside it."
        }
        ErrorCode::FileExists => "Nothing has been overwritten. Choose another name or folder.",
        ErrorCode::BackupDamaged => "Nothing has been restored. Use another backup.",
        ErrorCode::InputUnreadable => "Nothing was changed.",
        ErrorCode::UploadDamaged => "Nothing was changed. Choose the file again.",
        ErrorCode::FileFormatUnknown => {
            "Nothing was written. Give the file a name with one of those endings."
        }
        ErrorCode::FileNotWritten => {
            "Nothing was written there. Check that the folder exists, that you may write to it and \
             that the disk is not full, or choose another folder."
        }
        ErrorCode::FileNotText => "Nothing was changed. Choose the text (PEM) file.",
        ErrorCode::LetterContentUnreadable => "Nothing was issued. Correct the file and try again.",
        ErrorCode::RegisterNotWritten => "Nothing was written. Try again, or export as CSV.",
        ErrorCode::DemoNeedsNewArchive => "Nothing was changed in this archive.",
        ErrorCode::SignerLabelMissing => "Nothing was set up. Give the signer a label.",
        ErrorCode::TimestampCaTooLarge => "Nothing was saved. Choose the authority's CA certificate file.",
        ErrorCode::DeliveryReasonMissing => "Nothing was changed. Say why the letter should go again.",
        ErrorCode::MemberEmailUnknown => "Check the address against the board register.",
        ErrorCode::DistributionNothingToExport => "Nothing was exported.",
        ErrorCode::MailSettingsDamaged => {
            "Enter the board's mail settings again (Settings, Mail); nothing was sent."
        }
        ErrorCode::RecordNotFound => {
            "It may have been opened in another window. Go back to the list and try again."
        }
        ErrorCode::DecisionIncomplete => {
            "The decision cannot be finalised yet. Each item on the check-your-answers page says \
             what is missing and links to where to fix it."
        }
        ErrorCode::DecisionFinal => "A finalised decision never changes: amend it, giving the reason.",
        ErrorCode::DecisionNotFinal => "Finalise the decision first.",
        ErrorCode::FrameworkInvalid => {
            "The framework file cannot be used; the details say which line and why."
        }
        ErrorCode::FrameworkUnknown => {
            "Choose one of the frameworks this version of SCR Decision Desk knows."
        }
        ErrorCode::DateUnreadable => "Enter the date like 01/04/2025, 2025-04-01 or 1 April 2025.",
        ErrorCode::DateOutOfRange => {
            "Check the dates entered: one is outside the range the calendar can count."
        }
        ErrorCode::BoardInvalid => "The board's details need correcting",
        ErrorCode::MemberInvalid => "The member's details need correcting",
        ErrorCode::MemberNotFound => "Go back to the register and choose the member again.",
        ErrorCode::ImportUnreadable => {
            "Nothing was imported. Save the spreadsheet as CSV or .xlsx (in Excel: File, Save As) and \
             choose that file."
        }
        ErrorCode::ImportRejected => {
            "Correct the rows listed, or leave them out, and check the preview again."
        }
        ErrorCode::ImportStale => {
            "Nothing was imported. The register changed after the preview was made (perhaps in \
             another window): check the preview again, then confirm it."
        }
        ErrorCode::LogoInvalid => "The logo cannot be used",
        ErrorCode::DataDirUnknown => {
            "No folder could be found for the archive. Start SCR Decision Desk with \
             --data-dir and a folder of your choice."
        }
        ErrorCode::BoardNotSetUp => "Enter the board's name and area first.",
        ErrorCode::SigningNotSetUp => {
            "Set up signing first: on the Signing page, enter the chair's name and role. SCR Decision \
             Desk then creates the board's certificate and the chair's signing key."
        }
        ErrorCode::SigningAlreadySetUp => {
            "Signing is already set up for this board. Nothing has been changed; its certificate \
             and the chair's signing key are as they were."
        }
        ErrorCode::SigningInvalid => "The signing details need correcting",
        ErrorCode::SignerUnknown => "Choose one of the board's current signers.",
        ErrorCode::SignerMismatch => {
            "Nothing was signed or stored. The names printed under the signature must be the names \
             of the people whose keys sign the letter."
        }
        ErrorCode::LetterUnknown => "Check the letter's number in the list of issued letters.",
        ErrorCode::LetterInvalid => "The letter needs more detail",
        ErrorCode::LetterShowsRestricted => {
            "Nothing was signed or issued. Letters go to the whole board, so they may name the child \
             only by the pseudonym: remove the restricted details from what you wrote, then try again."
        }
        ErrorCode::CaseUnknown => "Check the reference; the Cases page lists every case.",
        ErrorCode::AnnexTermUnknown => {
            "The case's restricted details no longer hold that term; nothing was allowed. Look at the \
             letter again to see what it would print."
        }
        ErrorCode::LetterNoRecipients => {
            "Nothing was issued. Add the board's members to the register (with the dates their terms \
             began), or check which of them receive letters."
        }
        ErrorCode::DecisionVersionUnknown => "Choose one of the decision's versions listed on the case page.",
        ErrorCode::LetterPreviewUnknown => {
            "Nothing was issued. Look at the letters again (Preview), then issue them from that preview."
        }
        ErrorCode::LetterChangedSincePreview => {
            "Nothing was signed or issued: what the letters would print changed after you looked at \
             them (the decision, the register, the board's details or the date). Look at the letters \
             again, then issue them."
        }
        ErrorCode::LetterRenderFailed
        | ErrorCode::LetterBadLogo
        | ErrorCode::LetterSigningFailed
        | ErrorCode::LetterMalformedPdf
        | ErrorCode::LetterSignatureTooLarge
        | ErrorCode::LetterNoSuchSignatureSlot
        | ErrorCode::LetterTimestampFailed => {
            "The letter could not be produced, and nothing was stored or sent. Try again; if it \
             keeps failing, contact your IT support with the details below."
        }
        ErrorCode::LetterBadCertificate => "Check that the file is the board's certificate (.pem or .cer).",
        ErrorCode::MailNotConfigured => "Enter the board's mail server settings first (Settings, Mail).",
        ErrorCode::MailPlainNotConfirmed => {
            "Without encryption, letters and the mail password cross the network readable by \
             anyone on the way. Choose STARTTLS or TLS, or confirm that you accept this risk."
        }
        ErrorCode::MailInvalidSettings | ErrorCode::MailInvalidAddress | ErrorCode::MailCaCertificate => {
            "Correct the mail settings and try again."
        }
        ErrorCode::MailUnknownCa | ErrorCode::MailTls => {
            "Nothing was sent. Check the mail settings with your IT support."
        }
        ErrorCode::MailConnectionRefused | ErrorCode::MailConnection => {
            "Nothing was sent. Check the mail server's name and port, and your network, then try again."
        }
        ErrorCode::MailRejected => {
            "The mail server refused the message. The delivery log shows what it said."
        }
        ErrorCode::MailFailed => "The message could not be prepared. Nothing was sent.",
        ErrorCode::MailExportExists => "Choose another folder, or remove the earlier export first.",
        ErrorCode::DeliveryState => "Reload the delivery log: someone or something changed it meanwhile.",
        ErrorCode::DistributionNoLetters => "Issue the decision's letters first, then send them.",
        ErrorCode::DistributionBusy => "Wait for the sending under way to finish, or cancel it.",
        ErrorCode::LetterTooLarge
        | ErrorCode::LetterTooManySignatures
        | ErrorCode::LetterTooManyRevisions
        | ErrorCode::LetterDecompressionBomb => {
            "This file is not a letter from SCR Decision Desk, and it was not checked further. \
             Ask the sender for the letter as they received it."
        }
        ErrorCode::LetterVerifyTimeout => {
            "The check was stopped. A genuine letter is checked in well under a second, so this \
             file is not one: ask the sender for the letter as they received it."
        }
        ErrorCode::FileTooLarge | ErrorCode::FileNotRegular | ErrorCode::FileOutsideFolder => {
            "Nothing was read from it. Choose the file itself (not a folder, device or link to \
             one), saved where SCR Decision Desk can read it."
        }
        ErrorCode::ImportTooLarge | ErrorCode::ImportTooManyCells => {
            "Nothing was imported. A board register has a few hundred rows and a dozen columns: \
             save just the register's sheet as CSV or .xlsx and choose that file."
        }
        ErrorCode::BackupTooLarge => "Nothing has been restored. Use another backup.",
        ErrorCode::RetentionInvalid => "The details need correcting",
        ErrorCode::RetentionScheduleInvalid => {
            "Nothing was disposed of. Put the board's retention schedule file right (the Retention page \
             and `scr-desk retention schedule` name the line and the reason), then restart the app."
        }
        ErrorCode::RetentionOnHold => {
            "Nothing was disposed of. Lift the hold first, if the reason for it has ended; the hold and \
             its lifting are recorded in the audit trail."
        }
        ErrorCode::RetentionDisposed => {
            "Those records are no longer in the archive; their certificate says when and why."
        }
        ErrorCode::RetentionOrder => {
            "Nothing was disposed of. A case's records go in order: the restricted details first, the \
             case summary and decisions last."
        }
        ErrorCode::RetentionNotDue => {
            "Nothing was disposed of. Records are disposed of when the board's retention schedule says \
             their period has ended; only the restricted details may go sooner."
        }
        ErrorCode::PassphraseKdfOutOfRange => {
            "Nothing was opened or changed. The file asks for a passphrase check far costlier than \
             SCR Decision Desk sets, so it was edited or damaged: use the recovery key, or another copy."
        }
        ErrorCode::MilestoneInvalid => "The milestone needs correcting",
        ErrorCode::MilestoneAlreadyRecorded => {
            "Nothing was recorded. To change its date, correct it on the case page, with the reason."
        }
        ErrorCode::NoDecisionYet => "Finalise the decision first; milestones follow it.",
        ErrorCode::ReportInvalid => "The report's period needs correcting",
        ErrorCode::ReportShowsRestricted => {
            "Nothing was written. The report goes beyond the case, so it may name each child only by \
             the pseudonym: correct the case's pseudonym or decision, then make the report again."
        }
        ErrorCode::DeliveryNotFound => {
            "Nothing was changed. The delivery log (scr-desk deliveries --decision REF) lists each \
             member's letter and where it stands."
        }
        ErrorCode::ReportNotWritten => {
            "Nothing was written. Try again; if it happens again, contact your IT support."
        }
        ErrorCode::Internal => {
            "Something went wrong inside SCR Decision Desk. Nothing was saved. Restart the app \
             and try again; if it happens again, contact your IT support."
        }
    }
}

/// Every type the UI sees, as `(file name, TypeScript)`, for `ui/src/generated/`.
pub fn typescript_bindings() -> Result<Vec<(String, String)>, ts_rs::ExportError> {
    use scr_domain::register::{self, import};
    let cfg = ts_rs::Config::new();
    let mut bindings = vec![
        binding::<crate::AppStatus>(&cfg)?,
        binding::<crate::BoardProfile>(&cfg)?,
        binding::<ErrorCode>(&cfg)?,
        binding::<ErrorDetails>(&cfg)?,
        binding::<FieldError>(&cfg)?,
        binding::<ErrorAction>(&cfg)?,
        binding::<IpcError>(&cfg)?,
        binding::<crate::IssuedRecoveryKey>(&cfg)?,
        binding::<crate::PassphraseKept>(&cfg)?,
        binding::<crate::IntegrityReport>(&cfg)?,
        binding::<crate::BackupMade>(&cfg)?,
        binding::<crate::CaseView>(&cfg)?,
        binding::<crate::AnnexOverrideView>(&cfg)?,
        binding::<crate::BoardTextWarning>(&cfg)?,
        binding::<crate::CaseListEntry>(&cfg)?,
        binding::<crate::DecisionVersion>(&cfg)?,
        binding::<crate::NewCase>(&cfg)?,
        binding::<crate::SigningSetupInput>(&cfg)?,
        binding::<crate::SigningStatus>(&cfg)?,
        binding::<crate::CertificateSummary>(&cfg)?,
        binding::<crate::SignerSummary>(&cfg)?,
        binding::<crate::CertificateExported>(&cfg)?,
        binding::<crate::LetterVerification>(&cfg)?,
        binding::<crate::SignatureCheck>(&cfg)?,
        binding::<crate::TrustSource>(&cfg)?,
        binding::<crate::IssuedLetterSummary>(&cfg)?,
        // letters about a decision
        binding::<crate::LetterRequest>(&cfg)?,
        binding::<crate::LetterPreview>(&cfg)?,
        binding::<crate::CaseLetter>(&cfg)?,
        binding::<crate::LetterSaved>(&cfg)?,
        binding::<crate::DemoCreated>(&cfg)?,
        // the board register
        binding::<crate::RegisterView>(&cfg)?,
        binding::<crate::MemberRecord>(&cfg)?,
        binding::<crate::FileUpload>(&cfg)?,
        binding::<crate::ImportPreviewView>(&cfg)?,
        binding::<crate::ImportDone>(&cfg)?,
        binding::<crate::ExportFormat>(&cfg)?,
        binding::<crate::RegisterExported>(&cfg)?,
        binding::<crate::SettingsView>(&cfg)?,
        binding::<crate::LogoView>(&cfg)?,
        binding::<register::RegisterEntry>(&cfg)?,
        binding::<register::MemberStatus>(&cfg)?,
        binding::<register::Member>(&cfg)?,
        binding::<register::MemberDetails>(&cfg)?,
        binding::<register::MemberInput>(&cfg)?,
        binding::<register::MemberVersion>(&cfg)?,
        binding::<register::Voting>(&cfg)?,
        binding::<register::Channel>(&cfg)?,
        binding::<import::ImportPreview>(&cfg)?,
        binding::<import::ColumnMapping>(&cfg)?,
        binding::<import::ImportField>(&cfg)?,
        binding::<import::ImportAddition>(&cfg)?,
        binding::<import::ImportUpdate>(&cfg)?,
        binding::<import::ImportUnchanged>(&cfg)?,
        binding::<import::ImportProblem>(&cfg)?,
        binding::<import::FieldChange>(&cfg)?,
        binding::<scr_domain::board::BoardSettings>(&cfg)?,
        binding::<scr_domain::framework::FrameworkSummary>(&cfg)?,
        binding::<crate::FrameworksView>(&cfg)?,
        binding::<crate::FrameworkFileProblem>(&cfg)?,
        binding::<crate::NextDeadline>(&cfg)?,
        // Distribution
        binding::<crate::MailSettingsView>(&cfg)?,
        binding::<crate::MailSettingsInput>(&cfg)?,
        binding::<crate::TestMessageSent>(&cfg)?,
        binding::<crate::DistributionView>(&cfg)?,
        binding::<crate::ToldRow>(&cfg)?,
        binding::<crate::DeliveryView>(&cfg)?,
        binding::<crate::BatchProgress>(&cfg)?,
        binding::<crate::SendReport>(&cfg)?,
        binding::<crate::PlannedLetter>(&cfg)?,
        binding::<crate::ExportDone>(&cfg)?,
        binding::<crate::ReminderReport>(&cfg)?,
        binding::<crate::AcknowledgementInput>(&cfg)?,
        // Trusted timestamps
        binding::<crate::TimestampSettingsView>(&cfg)?,
        binding::<crate::TimestampSettingsInput>(&cfg)?,
        binding::<crate::TimestampCheck>(&cfg)?,
        binding::<crate::DocumentCheck>(&cfg)?,
        // After the decision (issue 14)
        binding::<crate::MilestonesView>(&cfg)?,
        binding::<crate::MilestoneSlotView>(&cfg)?,
        binding::<crate::MilestoneChange>(&cfg)?,
        binding::<crate::MilestoneInput>(&cfg)?,
        binding::<crate::MilestoneCorrection>(&cfg)?,
        binding::<crate::HomeView>(&cfg)?,
        binding::<crate::Qm3Exported>(&cfg)?,
        binding::<crate::Qm3Format>(&cfg)?,
        // Records governance
        binding::<crate::RetentionOverview>(&cfg)?,
        binding::<crate::HoldView>(&cfg)?,
        binding::<crate::CaseRetentionView>(&cfg)?,
        binding::<crate::DisposalPreview>(&cfg)?,
        binding::<crate::HoldInput>(&cfg)?,
        binding::<crate::LiftHoldInput>(&cfg)?,
        binding::<crate::DisposalInput>(&cfg)?,
        binding::<crate::KeepLongerInput>(&cfg)?,
        binding::<crate::ScheduleFileProblem>(&cfg)?,
        binding::<scr_domain::retention::RetentionSchedule>(&cfg)?,
        binding::<scr_domain::retention::RetentionRule>(&cfg)?,
        binding::<scr_domain::retention::RetentionPeriod>(&cfg)?,
        binding::<scr_domain::retention::RecordClass>(&cfg)?,
        binding::<scr_domain::retention::RetentionEvent>(&cfg)?,
        binding::<scr_domain::retention::EndAction>(&cfg)?,
        binding::<scr_domain::retention::DueItem>(&cfg)?,
        binding::<scr_domain::retention::BackupDue>(&cfg)?,
        binding::<scr_domain::retention::BackupFile>(&cfg)?,
        binding::<scr_domain::retention::ClassStatus>(&cfg)?,
        binding::<scr_domain::retention::RetentionState>(&cfg)?,
        binding::<scr_domain::retention::certificate::DisposalCertificate>(&cfg)?,
        binding::<scr_domain::retention::certificate::RuleApplied>(&cfg)?,
        binding::<scr_domain::retention::certificate::Authorisation>(&cfg)?,
        binding::<scr_domain::retention::certificate::SecondPerson>(&cfg)?,
        binding::<scr_domain::retention::certificate::RemovedRows>(&cfg)?,
        binding::<scr_domain::retention::certificate::LetterFingerprint>(&cfg)?,
        binding::<scr_domain::retention::certificate::DecisionFingerprint>(&cfg)?,
        binding::<scr_domain::retention::certificate::BackupBefore>(&cfg)?,
    ];
    // The domain's types (frameworks, cases, drafts, findings, timers) sit beside ours.
    for (file, text) in scr_domain::typescript_bindings()? {
        if !bindings.iter().any(|(existing, _)| *existing == file) {
            bindings.push((file, text));
        }
    }
    Ok(bindings)
}
