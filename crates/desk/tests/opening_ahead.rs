//! The window opens the archive on a thread of its own while WebKit starts
//! (`Desk::open_ahead`), racing the first screen's call: against a real Secret Service, the two
//! must end with one archive, one keyring entry, and the same answer as opening without the race.
//! What it works out ahead is the first screen's answer only while nothing has changed.

mod common;

use std::sync::Arc;

use common::{at, TestDesk};
use scr_desk::testing::{change_kept_home, remove_keyring_entries, while_archive_held};
use scr_desk::{BoardProfile, Clock, Desk};

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
            .first_screen()
            .expect("a Secret Service is needed: run through scripts/test.sh")
            .status;
        ahead.join().expect("the opening thread did not panic");
        assert!(
            status.board.is_none(),
            "round {round}: a new archive has no board"
        );
        assert!(!status.leads_home());
        assert_eq!(
            desk.first_screen().expect("again").status.data_dir,
            status.data_dir
        );
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

/// The demonstration board on a stopped clock, opened as new starts of the app open it.
struct DemoBoard {
    now: chrono::DateTime<chrono::Utc>,
    test: TestDesk,
}

impl DemoBoard {
    fn new() -> DemoBoard {
        let now = at("2026-05-11T10:00:00Z");
        let test = TestDesk::stopped_at(now);
        test.desk.seed_demo().expect("demo");
        DemoBoard { now, test }
    }

    fn new_start(&self) -> Desk {
        self.start_on(self.now)
    }

    fn start_on(&self, now: chrono::DateTime<chrono::Utc>) -> Desk {
        Desk::with_system_keyring(self.test.dir.clone(), "app").with_clock(Clock::fixed(now))
    }
}

/// How many things the first screen's home page says are owed.
fn owed_on_first_screen(desk: &Desk) -> u32 {
    desk.first_screen()
        .expect("first screen")
        .home
        .expect("the home page comes with it")
        .obligations_total
}

#[test]
fn the_home_page_is_kept_from_one_opening_to_the_next_until_anything_it_depends_on_changes() {
    let board = DemoBoard::new();
    let owed = owed_on_first_screen(&board.new_start());
    assert!(owed > 0);
    // The kept page is marked, so that it can be told from one worked out afresh.
    let mark = |desk: &Desk| change_kept_home(desk, |home| home.obligations_total += 1000);

    mark(&board.new_start());
    assert_eq!(
        owed_on_first_screen(&board.new_start()),
        owed + 1000,
        "a new start shows the kept page"
    );
    let ahead = board.new_start();
    ahead.open_ahead();
    let ready = ahead.first_screen_if_ready().expect("worked out ahead");
    assert_eq!(
        ready.home.expect("home").obligations_total,
        owed + 1000,
        "so does the opening ahead"
    );
    assert_eq!(
        board.new_start().home(1).expect("home").obligations_total,
        owed + 1000
    );
    assert_eq!(
        board.new_start().home(2).expect("page 2").obligations_total,
        owed,
        "other pages are worked out"
    );

    // Any change to the archive: the page is worked out again, with the change.
    let renamed = BoardProfile {
        name: "Westmoor and District Safeguarding Children Board".into(),
        area: "Westmoor".into(),
    };
    board
        .new_start()
        .save_board_profile(renamed.clone())
        .expect("renamed");
    let after = board.new_start().first_screen().expect("first screen");
    assert_eq!(after.status.board, Some(renamed));
    assert_eq!(after.home.as_ref().expect("home").obligations_total, owed);
    // The change removed the kept page, so that start worked the page out and kept it: the
    // next one reads it back exactly as it was worked out.
    assert_eq!(board.new_start().first_screen().expect("first screen"), after);

    // Another day owes other things.
    mark(&board.new_start());
    let tomorrow = board.now + chrono::Duration::days(1);
    let next_day = board.start_on(tomorrow).first_screen().expect("first screen");
    let home = next_day.home.expect("home");
    assert_eq!(home.today, tomorrow.date_naive());
    assert!(
        home.obligations_total < 1000,
        "worked out for the day: {}",
        home.obligations_total
    );

    // So do the board's own rules: a framework file added to its folder.
    mark(&board.start_on(tomorrow));
    assert!(
        owed_on_first_screen(&board.start_on(tomorrow)) >= 1000,
        "kept for tomorrow"
    );
    let folder = board.test.dir.join(scr_desk::FRAMEWORKS_FOLDER);
    std::fs::create_dir_all(&folder).expect("folder");
    let framework = include_str!("../../domain/frameworks/wt2015-scr.toml").replacen(
        "id = \"wt2015-scr\"",
        "id = \"westmoor-local\"",
        1,
    );
    std::fs::write(folder.join("westmoor.toml"), framework).expect("framework file");
    let with_file = board.start_on(tomorrow);
    assert!(with_file.frameworks().iter().any(|f| f.id == "westmoor-local"));
    assert!(
        owed_on_first_screen(&with_file) < 1000,
        "worked out under the new rules"
    );
}

#[test]
fn the_first_screen_worked_out_ahead_is_the_home_page_and_never_outlives_a_change() {
    let board = DemoBoard::new();
    let desk = || board.new_start();

    let ahead = desk();
    ahead.open_ahead();
    let first = ahead.first_screen().expect("first screen");
    assert!(first.status.leads_home());
    let home = first.home.as_ref().expect("the home page comes with it");
    assert_eq!(home.page, 1);
    assert!(home.obligations_total > 0);
    assert_eq!(
        first,
        desk().first_screen().expect("without opening ahead"),
        "the same answer as a desk that did not open ahead"
    );
    assert_eq!(Some(ahead.home(1).expect("home")), first.home);

    // A change made after opening ahead is in the first screen: what was worked out is dropped.
    let changed = desk();
    changed.open_ahead();
    let renamed = BoardProfile {
        name: "Westmoor and District Safeguarding Children Board".into(),
        area: "Westmoor".into(),
    };
    changed.save_board_profile(renamed.clone()).expect("renamed");
    let after = changed.first_screen().expect("first screen");
    assert_eq!(after.status.board, Some(renamed));
}

#[test]
fn an_unused_desk_gives_its_page_cache_back_once_and_reads_the_same_after() {
    let now = at("2026-05-11T10:00:00Z");
    let test = TestDesk::stopped_at(now);
    test.desk.seed_demo().expect("demo");
    let idle = std::time::Duration::from_millis(50);
    let pause = || std::thread::sleep(std::time::Duration::from_millis(80));

    let unopened = Desk::with_system_keyring(test.dir.clone(), "app");
    pause();
    assert!(
        !unopened.release_memory_when_idle(idle),
        "an archive not opened is not opened to be released"
    );

    let desk = &test.desk;
    let home = desk.home(1).expect("home");
    assert!(
        !desk.release_memory_when_idle(std::time::Duration::from_secs(600)),
        "used within the idle time"
    );
    pause();
    assert!(desk.release_memory_when_idle(idle));
    pause();
    assert!(!desk.release_memory_when_idle(idle), "once until used again");
    assert_eq!(desk.home(1).expect("home after"), home);
    pause();
    assert!(desk.release_memory_when_idle(idle), "used since, so again");
}

#[test]
fn the_first_screen_ready_for_the_page_is_given_once_and_only_while_nothing_has_changed() {
    let board = DemoBoard::new();
    let desk = || board.new_start();

    let not_ahead = desk();
    assert_eq!(not_ahead.first_screen_if_ready(), None, "nothing was worked out");

    let ahead = desk();
    ahead.open_ahead();
    let ready = ahead.first_screen_if_ready().expect("worked out ahead");
    assert!(ready.status.leads_home());
    assert_eq!(ready, desk().first_screen().expect("without opening ahead"));
    assert_eq!(ahead.first_screen_if_ready(), None, "given once");
    assert_eq!(ahead.first_screen().expect("asked again"), ready);

    let used = desk();
    used.open_ahead();
    used.home(1).expect("a use of the archive");
    assert_eq!(used.first_screen_if_ready(), None, "a use drops what was kept");

    // While the opening is at work (it holds the archive), the page is not kept waiting, and
    // what is worked out stays for the page's own call.
    let busy = desk();
    busy.open_ahead();
    while_archive_held(&busy, || assert_eq!(busy.first_screen_if_ready(), None));
    assert_eq!(busy.first_screen_if_ready(), Some(ready));
}
