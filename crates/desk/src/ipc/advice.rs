//! The advice every error code carries: what the person in front of the screen should do next,
//! in plain words. One arm a code, so a new code cannot be added without its advice.

use crate::ErrorCode;

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
        ErrorCode::ArchiveInUse => {
            "Nothing has been changed. Switch to the window that has it open (or wait for the \
             command to finish), or close that window, then try again."
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
