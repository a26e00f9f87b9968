//! The window opens the archive on a thread of its own while WebKit starts
//! (`Desk::open_ahead`), racing the first screen's call: against a real Secret Service, the two
//! must end with one archive, one keyring entry, and the same answer as opening without the race.

use std::sync::Arc;

use scr_desk::testing::remove_keyring_entries;
use scr_desk::Desk;

fn header_account(dir: &std::path::Path) -> String {
    let header = std::fs::read_to_string(dir.join("archive-header.json")).expect("header written");
    let json: serde_json::Value = serde_json::from_str(&header).expect("header is JSON");
    json["keyring"]["account"].as_str().expect("account").to_owned()
}

#[test]
fn opening_ahead_and_the_first_screen_create_one_archive_between_them() {
    let temp = tempfile::tempdir().expect("tempdir");
    let data = temp.path().join("data");
    let mut first_account = None;
    for round in 0..5 {
        // Round 0 creates the archive (the very first run); later rounds open it again as a
        // new start of the app does.
        let desk = Arc::new(Desk::with_system_keyring(data.clone(), "app"));
        let ahead = {
            let desk = Arc::clone(&desk);
            std::thread::spawn(move || desk.open_ahead())
        };
        let status = desk
            .open_app()
            .expect("a Secret Service is needed: run through scripts/test.sh");
        ahead.join().expect("the opening thread did not panic");
        assert!(
            status.board.is_none(),
            "round {round}: a new archive has no board"
        );
        assert_eq!(desk.open_app().expect("again").data_dir, status.data_dir);
        let account = header_account(&data);
        let first = first_account.get_or_insert_with(|| account.clone());
        assert_eq!(&account, first, "round {round}: the archive was made again");
        let databases = std::fs::read_dir(&data)
            .expect("data dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".db"))
            .count();
        assert_eq!(databases, 1, "round {round}: one database in the folder");
    }
    remove_keyring_entries(&data);
}
