//! One process at a time in an archive's folder. A second desk on an archive that one has open
//! stands for a second window of the app, or a command run while the app is open: it is refused
//! with `archive.in_use` and changes nothing, the first carries on, and once the first has gone
//! the second opens the archive. The refusal between two real processes is in the command line's
//! tests (`src-tauri/tests/cli_promises.rs`). Needs a running Secret Service.

use scr_desk::ipc::IpcError;
use scr_desk::testing::{names_in, TestBoard};
use scr_desk::{BackupUnlock, ErrorCode};

#[test]
fn a_second_desk_on_an_open_archive_is_refused_changes_nothing_and_opens_it_once_the_first_has_gone() {
    let board = TestBoard::new();
    let first = board.desk();
    let backup = board.temp.path().join("board.scrbackup");
    first
        .backup(&backup, None)
        .expect("the first desk opens the archive and backs it up");
    let files_before = names_in(&board.dir);

    let second = board.desk();
    let refusals = [
        second.status().expect_err("status"),
        second.check().expect_err("check"),
        // A restore would move the open archive aside under the first desk's feet.
        second
            .restore(&backup, BackupUnlock::Passphrase("not asked"), true)
            .expect_err("restore"),
    ];
    for error in &refusals {
        assert_eq!(error.code(), ErrorCode::ArchiveInUse, "{error}");
    }
    let shown = IpcError::from(&refusals[0]);
    assert!(
        shown.message.contains("open in another SCR Decision Desk")
            && shown.message.contains("Switch to the window that has it open"),
        "{}",
        shown.message
    );
    assert_eq!(
        names_in(&board.dir),
        files_before,
        "the second desk changed the folder"
    );

    first.check().expect("the first desk carries on");
    drop(first);
    let status = second
        .status()
        .expect("the first has gone: the second opens the archive");
    assert_eq!(
        status.board.expect("a board").name,
        "Anytown Safeguarding Children Board"
    );
}
