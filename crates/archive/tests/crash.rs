//! Durability: a writer process is killed with SIGKILL at random moments while it saves, over
//! and over. After every kill the archive must open, pass `check`, and show each transaction
//! either whole or not at all (the board's row and its audit event always agree).
#![cfg(unix)]

mod common;

use common::{actor, keyring, kill_a_writer, Lcg, TestArchive};
use scr_archive::Archive;
use scr_domain::board::BoardProfile;

const CHILD_DIR: &str = "SCR_ARCHIVE_CRASH_WRITER_DIR";
const KILLS: usize = 60;

/// In the child process this writes until it is killed; in a normal test run it does nothing.
#[test]
fn crash_writer() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let mut archive = Archive::open(std::path::Path::new(&dir), &keyring(), &actor()).expect("child open");
    println!("ready");
    let start = archive
        .audit_events()
        .expect("events")
        .iter()
        .filter(|event| event.action == "board.profile_saved")
        .count();
    for round in start.. {
        archive
            .save_board_profile(&BoardProfile {
                name: format!("Board after save {round} {}", "w".repeat(round % 200)),
                area: format!("Area {round}"),
            })
            .expect("save");
    }
}

#[test]
fn sigkill_at_random_moments_leaves_each_transaction_whole_or_absent() {
    let (test, archive) = TestArchive::create();
    drop(archive);
    let mut random = Lcg::seeded();
    eprintln!("crash test seed: {}", random.0);
    let mut saves_seen = Vec::new();

    for kill in 0..KILLS {
        let (archive, report) =
            kill_a_writer("crash_writer", CHILD_DIR, &test.dir, kill, &mut random, 60_000);
        let saves: Vec<_> = archive
            .audit_events()
            .expect("events")
            .into_iter()
            .filter(|event| event.action == "board.profile_saved")
            .collect();
        // `check` compares the board's row with the audit event that pinned it (a torn
        // transaction would leave them disagreeing); here, that the row is there at all.
        assert!(report.tampered_rows.is_empty());
        if !saves.is_empty() {
            assert!(
                archive.board_profile().expect("read").is_some(),
                "after kill {kill}: a save was recorded but its row is missing"
            );
        }
        saves_seen.push(saves.len());
    }
    // The writer really was interrupted mid-stream, not before it began.
    assert!(
        saves_seen.last().copied().unwrap_or(0) > KILLS,
        "too few saves happened to exercise the kills: {saves_seen:?}"
    );
}
