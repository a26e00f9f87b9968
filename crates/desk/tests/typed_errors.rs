//! Each kind of bad input has its own error and stable code (they were all one
//! `input.unreadable` once), and the message leads with what was wrong; nothing is written.

mod common;

use common::TestDesk;
use scr_desk::ipc::IpcError;
use scr_desk::ErrorCode;

fn code_and_message(error: scr_desk::DeskError) -> (ErrorCode, String) {
    let code = error.code();
    (code, IpcError::from(&error).message)
}

#[test]
fn each_kind_of_bad_input_has_its_own_code_and_changes_nothing() {
    let test = TestDesk::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = &test.desk;
    let before = test.actions();

    let wrong_ending = dir.path().join("register.txt");
    let (code, message) = code_and_message(desk.export_register(&wrong_ending, None).unwrap_err());
    assert_eq!(code, ErrorCode::FileFormatUnknown);
    assert!(message.contains(".csv or .xlsx"), "{message}");
    assert!(!wrong_ending.exists());

    let no_folder = dir.path().join("not-made-yet").join("register.csv");
    let (code, message) = code_and_message(desk.export_register(&no_folder, None).unwrap_err());
    assert_eq!(code, ErrorCode::FileNotWritten);
    assert!(message.contains("not-made-yet"), "{message}");

    let (code, _) = code_and_message(desk.add_signer("   ", "A. Officer", "Police").unwrap_err());
    assert_eq!(code, ErrorCode::SignerLabelMissing);

    let (code, message) = code_and_message(desk.member_id_by_email("nobody@example.org").unwrap_err());
    assert_eq!(code, ErrorCode::MemberEmailUnknown);
    assert!(message.contains("nobody@example.org"), "{message}");

    // None of the refusals so far wrote anything.
    assert_eq!(test.actions(), before);

    desk.seed_demo()
        .expect("the demonstration fills an empty archive");
    let (code, message) = code_and_message(desk.seed_demo().unwrap_err());
    assert_eq!(code, ErrorCode::DemoNeedsNewArchive);
    assert!(message.contains("--data-dir"), "{message}");
}
