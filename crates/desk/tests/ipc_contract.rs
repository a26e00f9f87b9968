//! The IPC error's JSON is a contract with the UI and with scripts: pinned here, byte for byte.

use scr_archive::{ArchiveError, KeyringError};
use scr_desk::ipc::IpcError;
use scr_desk::{BoardProfile, Desk, DeskError, ErrorCode};

#[test]
fn keyring_unavailable_error_json_is_pinned() {
    let error = DeskError::Archive(ArchiveError::Keyring(KeyringError::Unavailable(
        "no D-Bus session".into(),
    )));
    let json = serde_json::to_value(IpcError::from(&error)).expect("json");
    assert_eq!(json["code"], "keyring.unavailable");
    assert!(json["message"]
        .as_str()
        .expect("message")
        .starts_with("SCR Decision Desk keeps the key to its encrypted archive in your system keyring"));
    assert_eq!(
        json["details"],
        serde_json::json!({
            "cause": "the system keyring could not be reached: no D-Bus session",
            "fields": [],
            "actions": ["retry"]
        })
    );
    assert_eq!(
        json.as_object().expect("object").keys().collect::<Vec<_>>(),
        ["code", "details", "message"]
    );
}

#[test]
fn validation_error_json_is_pinned() {
    let error = DeskError::from(BoardProfile::validated("", "Anytown").expect_err("invalid"));
    let json = serde_json::to_string(&IpcError::from(&error)).expect("json");
    assert_eq!(
        json,
        r#"{"code":"board.invalid","message":"The board's details need correcting","details":{"cause":null,"fields":[{"field":"name","message":"Enter the board's name"}],"actions":[]}}"#
    );
}

#[test]
fn every_error_code_has_a_stable_string() {
    let pinned = [
        (ErrorCode::KeyringUnavailable, "keyring.unavailable"),
        (ErrorCode::KeyringLocked, "keyring.locked"),
        (ErrorCode::KeyringFailed, "keyring.failed"),
        (ErrorCode::KeyringEntryMissing, "keyring.entry_missing"),
        (ErrorCode::KeyringBackendChanged, "keyring.backend_changed"),
        (ErrorCode::ArchiveWrongKey, "archive.wrong_key"),
        (ErrorCode::ArchiveIncomplete, "archive.incomplete"),
        (ErrorCode::ArchiveHeaderInvalid, "archive.header_invalid"),
        (ErrorCode::ArchiveNewerVersion, "archive.newer_version"),
        (ErrorCode::ArchiveMigrationFailed, "archive.migration_failed"),
        (ErrorCode::ArchiveDatabase, "archive.database"),
        (ErrorCode::ArchiveIo, "archive.io"),
        (ErrorCode::RecoveryMistyped, "recovery.mistyped"),
        (ErrorCode::RecoveryWrongKey, "recovery.wrong_key"),
        (ErrorCode::PassphraseWrong, "passphrase.wrong"),
        (ErrorCode::PassphraseNotSet, "passphrase.not_set"),
        (ErrorCode::PassphraseTooShort, "passphrase.too_short"),
        (ErrorCode::ArchiveNotFound, "archive.not_found"),
        (ErrorCode::ArchiveExists, "archive.exists"),
        (ErrorCode::ArchiveInUse, "archive.in_use"),
        (ErrorCode::FileExists, "file.exists"),
        (ErrorCode::BackupDamaged, "backup.damaged"),
        (ErrorCode::RecordNotFound, "record.not_found"),
        (ErrorCode::DecisionIncomplete, "decision.incomplete"),
        (ErrorCode::FrameworkInvalid, "framework.invalid"),
        (ErrorCode::FrameworkUnknown, "framework.unknown"),
        (ErrorCode::DateOutOfRange, "date.out_of_range"),
        (ErrorCode::DateUnreadable, "date.unreadable"),
        (ErrorCode::InputUnreadable, "input.unreadable"),
        (ErrorCode::BoardInvalid, "board.invalid"),
        (ErrorCode::MemberInvalid, "member.invalid"),
        (ErrorCode::MemberNotFound, "member.not_found"),
        (ErrorCode::ImportUnreadable, "import.unreadable"),
        (ErrorCode::ImportRejected, "import.rejected"),
        (ErrorCode::ImportStale, "import.stale"),
        (ErrorCode::LogoInvalid, "logo.invalid"),
        (ErrorCode::DataDirUnknown, "data_dir.unknown"),
        (ErrorCode::Internal, "internal"),
        (ErrorCode::BoardNotSetUp, "board.not_set_up"),
        (ErrorCode::SigningNotSetUp, "signing.not_set_up"),
        (ErrorCode::SigningAlreadySetUp, "signing.already_set_up"),
        (ErrorCode::SigningInvalid, "signing.invalid"),
        (ErrorCode::SignerUnknown, "signing.signer_unknown"),
        (ErrorCode::SignerMismatch, "signing.signer_mismatch"),
        (ErrorCode::LetterUnknown, "letter.unknown"),
        (ErrorCode::LetterRenderFailed, "letter.render_failed"),
        (ErrorCode::LetterBadLogo, "letter.bad_logo"),
        (ErrorCode::LetterBadCertificate, "letter.bad_certificate"),
        (ErrorCode::LetterSigningFailed, "letter.signing_failed"),
        (ErrorCode::LetterMalformedPdf, "letter.malformed_pdf"),
        (ErrorCode::LetterSignatureTooLarge, "letter.signature_too_large"),
        (
            ErrorCode::LetterNoSuchSignatureSlot,
            "letter.no_such_signature_slot",
        ),
        (ErrorCode::LetterTimestampFailed, "letter.timestamp_failed"),
        // Letters about a decision.
        (ErrorCode::LetterInvalid, "letter.invalid"),
        (ErrorCode::LetterShowsRestricted, "letter.restricted_detail"),
        (ErrorCode::AnnexTermUnknown, "annex.term_unknown"),
        (ErrorCode::LetterNoRecipients, "letter.no_recipients"),
        (ErrorCode::DecisionVersionUnknown, "decision.version_unknown"),
        (ErrorCode::LetterPreviewUnknown, "letter.preview_unknown"),
        (
            ErrorCode::LetterChangedSincePreview,
            "letter.changed_since_preview",
        ),
        (ErrorCode::CaseUnknown, "case.unknown"),
        // Distribution
        (ErrorCode::MailNotConfigured, "mail.not_configured"),
        (ErrorCode::MailPlainNotConfirmed, "mail.plain_not_confirmed"),
        (ErrorCode::MailInvalidSettings, "mail.invalid_settings"),
        (ErrorCode::MailInvalidAddress, "mail.invalid_address"),
        (ErrorCode::MailCaCertificate, "mail.ca_certificate"),
        (ErrorCode::MailUnknownCa, "mail.unknown_ca"),
        (ErrorCode::MailTls, "mail.tls"),
        (ErrorCode::MailConnectionRefused, "mail.connection_refused"),
        (ErrorCode::MailConnection, "mail.connection"),
        (ErrorCode::MailRejected, "mail.rejected"),
        (ErrorCode::MailFailed, "mail.failed"),
        (ErrorCode::MailExportExists, "mail.export_exists"),
        (ErrorCode::DeliveryState, "delivery.state"),
        (ErrorCode::DistributionNoLetters, "distribution.no_letters"),
        (ErrorCode::DistributionBusy, "distribution.busy"),
        // Hostile and broken files
        (ErrorCode::LetterTooLarge, "letter.too_large"),
        (ErrorCode::LetterTooManySignatures, "letter.too_many_signatures"),
        (ErrorCode::LetterTooManyRevisions, "letter.too_many_revisions"),
        (ErrorCode::LetterDecompressionBomb, "letter.decompression_bomb"),
        (ErrorCode::LetterVerifyTimeout, "letter.verify_timeout"),
        (ErrorCode::FileTooLarge, "file.too_large"),
        (ErrorCode::FileNotRegular, "file.not_regular"),
        (ErrorCode::FileOutsideFolder, "file.outside_folder"),
        (ErrorCode::ImportTooLarge, "import.too_large"),
        (ErrorCode::ImportTooManyCells, "import.too_many_cells"),
        (ErrorCode::BackupTooLarge, "backup.too_large"),
        (ErrorCode::PassphraseKdfOutOfRange, "passphrase.kdf_out_of_range"),
        // After the decision
        (ErrorCode::MilestoneInvalid, "milestone.invalid"),
        (ErrorCode::MilestoneAlreadyRecorded, "milestone.already_recorded"),
        (ErrorCode::NoDecisionYet, "decision.none"),
        (ErrorCode::ReportInvalid, "report.invalid"),
        (ErrorCode::ReportShowsRestricted, "report.restricted_detail"),
        (ErrorCode::DeliveryNotFound, "delivery.not_found"),
        (ErrorCode::ReportNotWritten, "report.not_written"),
        // Records governance
        (ErrorCode::RetentionInvalid, "retention.invalid"),
        (ErrorCode::RetentionScheduleInvalid, "retention.schedule_invalid"),
        (ErrorCode::RetentionOnHold, "retention.on_hold"),
        (ErrorCode::RetentionDisposed, "retention.disposed"),
        (ErrorCode::RetentionOrder, "retention.order"),
        (ErrorCode::RetentionNotDue, "retention.not_due"),
        // Once all input.unreadable
        (ErrorCode::UploadDamaged, "input.upload_damaged"),
        (ErrorCode::FileFormatUnknown, "file.format_unknown"),
        (ErrorCode::FileNotWritten, "file.not_written"),
        (ErrorCode::FileNotText, "file.not_text"),
        (ErrorCode::LetterContentUnreadable, "letter.content_unreadable"),
        (ErrorCode::RegisterNotWritten, "register.not_written"),
        (ErrorCode::DemoNeedsNewArchive, "demo.needs_new_archive"),
        (ErrorCode::SignerLabelMissing, "signing.label_missing"),
        (ErrorCode::TimestampCaTooLarge, "timestamp.ca_too_large"),
        (ErrorCode::DeliveryReasonMissing, "delivery.reason_missing"),
        (ErrorCode::MemberEmailUnknown, "member.email_unknown"),
        (
            ErrorCode::DistributionNothingToExport,
            "distribution.nothing_to_export",
        ),
        (ErrorCode::MailSettingsDamaged, "mail.settings_damaged"),
    ];
    for (code, text) in pinned {
        assert_eq!(code.as_str(), text);
        assert_eq!(serde_json::to_value(code).expect("json"), text);
    }
}

#[test]
fn a_folder_without_an_archive_is_not_found_and_nothing_is_created_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("mistyped");
    let desk = Desk::new(
        data.clone(),
        Box::new(|| Err(KeyringError::Unavailable("never asked".into()))),
        "test",
    );
    let error = desk.status().expect_err("no archive");
    assert_eq!(error.code(), ErrorCode::ArchiveNotFound);
    let ipc = IpcError::from(&error);
    assert!(
        ipc.message.contains(&data.display().to_string()),
        "{}",
        ipc.message
    );
    assert!(ipc.message.contains("--data-dir"), "{}", ipc.message);
    assert!(ipc.message.contains("scr-desk init"), "{}", ipc.message);
    assert!(desk.check().is_err());
    assert!(desk.register_at(None).is_err());
    assert!(
        !data.exists(),
        "a folder was created for an archive that does not exist"
    );
}

#[test]
fn an_unreachable_keyring_gives_the_pinned_code_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let desk = Desk::new(
        data.clone(),
        Box::new(|| {
            Err(KeyringError::Unavailable(
                "Unable to autolaunch a dbus-daemon".into(),
            ))
        }),
        "test",
    );
    let error = desk.first_screen().expect_err("no keyring");
    assert_eq!(error.code(), ErrorCode::KeyringUnavailable);
    assert!(!data.exists(), "a data directory was created without a keyring");
    // A second attempt asks the keyring again rather than remembering the failure.
    assert_eq!(
        desk.first_screen().expect_err("still none").code(),
        ErrorCode::KeyringUnavailable
    );
    // Opening ahead of the first screen (the window does, while WebKit starts) drops the error
    // and creates nothing; the first screen's own call then meets it and shows it.
    desk.open_ahead();
    assert!(
        !data.exists(),
        "opening ahead created a data directory without a keyring"
    );
    assert_eq!(
        desk.first_screen().expect_err("after opening ahead").code(),
        ErrorCode::KeyringUnavailable
    );
}

#[test]
fn a_locked_archive_offers_the_recovery_key() {
    let error = DeskError::Locked {
        source: ArchiveError::KeyringEntryMissing,
    };
    let json = serde_json::to_value(IpcError::from(&error)).expect("json");
    assert_eq!(json["code"], "keyring.entry_missing");
    assert_eq!(
        json["details"]["actions"],
        serde_json::json!(["retry", "recover"])
    );
}

#[test]
fn a_mistyped_recovery_key_names_the_group_in_the_message() {
    let error = DeskError::from(ArchiveError::RecoveryKeyMistyped {
        group: Some(3),
        reason: "'#' is not a character a recovery key uses".into(),
    });
    let json = serde_json::to_value(IpcError::from(&error)).expect("json");
    assert_eq!(json["code"], "recovery.mistyped");
    assert_eq!(
        json["message"],
        "The recovery key was mistyped (check group 3): '#' is not a character a recovery key uses. \
         Check the recovery key against the copy you kept and type it again."
    );
}

#[test]
fn letter_error_codes_match_the_letters_crate() {
    use scr_desk::scr_letters::LetterError;
    for error in [
        LetterError::Render("x".into()),
        LetterError::BadLogo("x".into()),
        LetterError::BadCertificate("x".into()),
        LetterError::SigningFailed("x".into()),
        LetterError::MalformedPdf("x".into()),
        LetterError::SignatureTooLarge {
            needed: 2,
            reserved: 1,
        },
        LetterError::NoSuchSlot(1),
        LetterError::Timestamp("x".into()),
        LetterError::TooLarge { bytes: 2, limit: 1 },
        LetterError::TooManySignatures { limit: 1 },
        LetterError::TooManyRevisions { limit: 1 },
        LetterError::DecompressionBomb { limit: 1 },
    ] {
        let code = error.code();
        assert_eq!(DeskError::from(error).code().as_str(), code);
    }
}

#[test]
fn signing_validation_error_json_is_pinned() {
    let error = DeskError::SigningInvalid {
        summary: "The signing details need correcting".into(),
        problems: vec![scr_domain::FieldProblem {
            field: "chairName",
            message: "Enter the chair's name".into(),
        }],
    };
    assert_eq!(
        serde_json::to_string(&IpcError::from(&error)).expect("json"),
        r#"{"code":"signing.invalid","message":"The signing details need correcting","details":{"cause":null,"fields":[{"field":"chairName","message":"Enter the chair's name"}],"actions":[]}}"#
    );
}

#[test]
fn member_validation_error_json_is_pinned() {
    let input = scr_domain::register::MemberInput {
        name: "Zoë Lloyd".into(),
        role: "Detective Chief Inspector".into(),
        agency: "Police".into(),
        email: "zoe@police".into(),
        term_start: "01/04/2024".into(),
        term_end: "31/03/2024".into(),
        voting: Some(scr_domain::register::Voting::Voting),
        channel: Some(scr_domain::register::Channel::Email),
        ..Default::default()
    };
    let error = DeskError::from(input.validated().expect_err("invalid"));
    let json = serde_json::to_string(&IpcError::from(&error)).expect("json");
    assert_eq!(
        json,
        r#"{"code":"member.invalid","message":"The member's details need correcting","details":{"cause":null,"fields":[{"field":"email","message":"Enter an email address in the correct format, like name@example.org"},{"field":"term_end","message":"The end of the term must be on or after its start (1 April 2024)"}],"actions":[]}}"#
    );
}

#[test]
fn import_errors_say_that_nothing_was_imported() {
    let rejected = IpcError::from(&DeskError::ImportRejected { problems: 2 });
    assert_eq!(rejected.code, ErrorCode::ImportRejected);
    assert_eq!(
        rejected.message,
        "The file has 2 problem(s), so nothing was imported. Correct the rows listed, or leave them \
         out, and check the preview again."
    );
    let stale = IpcError::from(&DeskError::ImportStale);
    assert!(
        stale.message.starts_with("Nothing was imported."),
        "{}",
        stale.message
    );
    let logo = serde_json::to_value(IpcError::from(&DeskError::LogoInvalid(
        "The logo must be a PNG or JPEG image".into(),
    )))
    .expect("json");
    assert_eq!(logo["code"], "logo.invalid");
    assert_eq!(
        logo["details"]["fields"],
        serde_json::json!([{"field": "logo", "message": "The logo must be a PNG or JPEG image"}])
    );
}

#[test]
fn a_verification_time_out_error_json_is_pinned() {
    let error = DeskError::VerifyTimedOut { seconds: 20 };
    let json = serde_json::to_string(&IpcError::from(&error)).expect("json");
    assert_eq!(
        json,
        r#"{"code":"letter.verify_timeout","message":"Checking the letter took longer than 20 seconds. The check was stopped. A genuine letter is checked in well under a second, so this file is not one: ask the sender for the letter as they received it.","details":{"cause":"checking the letter took longer than 20 seconds","fields":[],"actions":[]}}"#
    );
}
