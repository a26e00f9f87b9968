//! One process at a time in an archive's folder. While another process holds the folder (a
//! second window of the app, or a command run while the app is open; here util-linux's flock(1)
//! takes the same lock), every desk operation is refused with `archive.in_use` and changes
//! nothing; once it has gone, the desk opens the archive. Desks in one process share the folder.
//! Between the app's own processes: `src-tauri/tests/cli_promises.rs` and the e2e recovery
//! journey. Needs a running Secret Service.

use scr_archive::folder_lock_testing::{free_for_others, other_process_holding};
use scr_desk::ipc::IpcError;
use scr_desk::testing::{names_in, TestBoard};
use scr_desk::{BackupUnlock, ErrorCode};

#[test]
fn while_another_process_holds_the_folder_the_desk_is_refused_and_changes_nothing() {
    let board = TestBoard::new();
    let backup = board.temp.path().join("board.scrbackup");
    board.desk().backup(&backup, None).expect("backup");
    let before = names_in(&board.dir);

    let mut other = other_process_holding(&board.dir);
    let desk = board.desk();
    let refusals = [
        desk.status().expect_err("status"),
        desk.check().expect_err("check"),
        // A restore would move the archive aside under the other process's feet.
        desk.restore(&backup, BackupUnlock::Passphrase("not asked"), true)
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
    assert_eq!(names_in(&board.dir), before, "a refused desk changed the folder");

    drop(other.stdin.take());
    assert!(other.wait().expect("wait").success());
    let status = desk
        .status()
        .expect("the other has gone: the desk opens the archive");
    assert_eq!(
        status.board.expect("a board").name,
        "Anytown Safeguarding Children Board"
    );
    // The desk now keeps other processes out, and a second desk in this process shares it.
    assert!(!free_for_others(&board.dir));
    board.desk().check().expect("a second desk in the same process");
    drop(desk);
    assert!(
        free_for_others(&board.dir),
        "the folder was kept after the last desk"
    );
}
