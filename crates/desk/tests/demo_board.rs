//! The demonstration board lives in the present: made on several days (a weekday, a Saturday,
//! Christmas Eve, Easter Monday), its five cases show every stage, nothing on it is overdue by
//! more than 60 days, its letters are marked as a demonstration and carry no restricted detail;
//! and the home page's and the cases list's batched reads give what reading each case alone gives.

mod common;

use common::day;
use scr_desk::testing::remove_keyring_entries;
use scr_desk::{Clock, DemoRecoveryKey, Desk, DEMO_BOARD_NAME};
use scr_domain::framework::CaseEvent;
use scr_domain::obligations::{LetterKind, Obligation, Owed};
use scr_domain::timers::TimerStatus;

/// A demonstration made by `scr-desk demo` on `today`; its keyring entry goes when dropped.
struct Demo {
    _temp: tempfile::TempDir,
    dir: std::path::PathBuf,
    desk: Desk,
    created: scr_desk::DemoCreated,
}

impl Drop for Demo {
    fn drop(&mut self) {
        remove_keyring_entries(&self.dir);
    }
}

fn demo_on(today: &str) -> Demo {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let desk = Desk::with_system_keyring(dir.clone(), "test").with_clock(Clock::fixed_on(day(today)));
    let created = desk
        .start_demo(DemoRecoveryKey::ShowNow)
        .expect("the demonstration (needs a running Secret Service)")
        .created;
    Demo {
        _temp: temp,
        dir,
        desk,
        created,
    }
}

fn owed_on<'a>(obligations: &'a [Obligation], pseudonym: &str) -> Vec<&'a Owed> {
    obligations
        .iter()
        .filter(|o| o.pseudonym == pseudonym)
        .map(|o| &o.owed)
        .collect()
}

#[test]
fn the_demonstration_shows_every_stage_and_nothing_long_overdue_on_any_day() {
    for today in ["2026-05-11", "2026-12-05", "2026-12-24", "2027-03-29"] {
        let demo = demo_on(today);
        let desk = &demo.desk;
        assert_eq!(demo.created.board, DEMO_BOARD_NAME);
        assert!(demo.created.board.contains("(demonstration)"));
        let cases = desk.list_cases(None).expect("cases");
        let names: Vec<&str> = cases.iter().map(|c| c.pseudonym.as_str()).collect();
        assert_eq!(
            names,
            ["Child T", "Child M", "Child R", "Child K", "Child P"],
            "{today}: newest first"
        );
        assert_eq!(demo.created.cases.len(), 5, "{:?}", demo.created.cases);
        assert_eq!(demo.created.decisions.len(), 4, "{:?}", demo.created.decisions);
        assert!(demo.created.decisions[0].starts_with(&cases[0].reference));
        // Child T's twelve letters (a circular and eleven personal copies) are those issued today.
        assert_eq!(demo.created.letters.len(), 12);

        let home = desk.home(1).expect("home");
        let owed = &desk.obligations().expect("obligations");
        assert_eq!(home.obligations_total as usize, owed.len());
        // 1. Child M: the decision is due within the next few days.
        let m: Vec<&Obligation> = owed.iter().filter(|o| o.pseudonym == "Child M").collect();
        assert_eq!(m.len(), 1, "{today}: {m:?}");
        assert_eq!(m[0].owed, Owed::Decision);
        assert!(
            !m[0].overdue && (1..=10).contains(&m[0].calendar_days),
            "{today}: {m:?}"
        );
        // 2. Child T: decided in the past week, letters issued, not sent; the Panel and Ofsted
        //    still to be told.
        let t = owed_on(owed, "Child T");
        assert!(t.contains(&&Owed::SendLetters {
            letter: LetterKind::DecisionNotice,
            members: 11
        }));
        assert_eq!(
            t.iter()
                .filter(|o| matches!(o, Owed::NationalNotification { .. }))
                .count(),
            2,
            "{today}: {t:?}"
        );
        // 3. Child R: told by secure mail; five of the eleven have not acknowledged.
        assert_eq!(
            owed_on(owed, "Child R"),
            [&Owed::Acknowledgements { members: 5 }],
            "{today}"
        );
        // 4. Child K: past its expected completion, not completed: an update is owed (QM8).
        let k = owed_on(owed, "Child K");
        assert_eq!(k.len(), 1, "{today}: {k:?}");
        assert!(matches!(k[0], Owed::Update { .. }), "{today}: {k:?}");
        // 5. Child P: completed and published, its outcome notice sent and acknowledged.
        assert_eq!(owed_on(owed, "Child P"), Vec::<&Owed>::new(), "{today}");
        let p = cases.iter().find(|c| c.pseudonym == "Child P").expect("P");
        let recorded: Vec<CaseEvent> = desk
            .case_milestones(p.id)
            .expect("milestones")
            .slots
            .iter()
            .filter(|s| s.slot.recorded.is_some())
            .map(|s| s.slot.event)
            .collect();
        for event in [CaseEvent::ReviewCompleted, CaseEvent::Publication] {
            assert!(recorded.contains(&event), "{today}: {recorded:?}");
        }
        let kinds: Vec<String> = desk
            .case_letters(p.id)
            .expect("letters")
            .into_iter()
            .map(|l| l.kind_label)
            .collect();
        assert_eq!(kinds, ["Outcome notice", "Update", "Decision notice"], "{today}");

        // Nothing anywhere is overdue by more than 60 days: no obligation, no timer.
        for o in owed {
            assert!(!o.overdue || o.calendar_days <= 60, "{today}: {o:?}");
        }
        for case in &cases {
            for timer in desk.case_view(case.id).expect("case").timers {
                if let TimerStatus::Overdue { calendar_days, .. } = timer.status {
                    assert!(calendar_days <= 60, "{today} {}: {timer:?}", case.pseudonym);
                }
            }
        }

        // The year in figures, counted by hand: four decisions (T, R, K, P) of eleven members
        // each; R's, K's and P's members told by secure mail three days after the decision;
        // acknowledged: six of R's, all of K's and P's; one review ended, its outcome notice sent.
        assert_eq!(home.year.decisions, 4, "{today}");
        assert_eq!(home.year.members_to_tell, 44);
        assert_eq!(home.year.members_told, 33);
        assert_eq!(home.year.members_told_within, 33);
        assert_eq!(home.year.members_acknowledged, 28);
        assert_eq!(home.year.reviews_ended, 1);
        assert_eq!(home.year.outcome_notices_sent, 1);
    }
}

#[test]
fn batched_reads_give_what_each_case_read_alone_gives() {
    let demo = demo_on("2026-12-05");
    let desk = &demo.desk;
    let home = desk.home(1).expect("home");
    let cases = desk.list_cases(None).expect("cases");
    assert_eq!(cases.len(), 5);
    let mut counted = 0;
    for case in &cases {
        // The home page's obligations (all cases read at once) against the case read alone.
        let batched: Vec<&Obligation> = home.obligations.iter().filter(|o| o.case_id == case.id).collect();
        let alone = desk.case_obligations(case.id).expect("case obligations");
        assert_eq!(batched, alone.iter().collect::<Vec<_>>(), "{}", case.pseudonym);
        counted += alone.len();
        // The cases list's next deadline against the case page's own timers.
        let timers = desk.case_view(case.id).expect("case").timers;
        let next = timers
            .iter()
            .filter_map(|t| match t.status {
                TimerStatus::Running { due, .. } | TimerStatus::Overdue { due, .. } => {
                    Some((due, t.label.clone()))
                }
                _ => None,
            })
            .min_by_key(|(due, _)| *due);
        assert_eq!(
            case.next_deadline.as_ref().map(|d| (d.due, d.label.clone())),
            next,
            "{}",
            case.pseudonym
        );
    }
    assert_eq!(counted, home.obligations.len());
    // A search reads the same way.
    let found = desk.list_cases(Some("child k")).expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(Some(&found[0]), cases.iter().find(|c| c.pseudonym == "Child K"));
}

#[test]
fn the_demonstration_letters_are_marked_and_carry_no_restricted_detail() {
    let demo = demo_on("2026-12-05");
    let desk = &demo.desk;
    for case in desk.list_cases(None).expect("cases") {
        let annex = desk.read_annex(case.id).expect("annex");
        let mut restricted: Vec<String> = annex
            .child_given_names
            .iter()
            .chain(annex.child_family_name.iter())
            .cloned()
            .collect();
        restricted.extend(annex.address.iter().flat_map(|a| a.lines.clone()));
        restricted.extend(annex.family_members.iter().filter_map(|f| f.name.clone()));
        assert!(restricted.len() >= 3, "{}: {annex:?}", case.pseudonym);
        for letter in desk.case_letters(case.id).expect("letters") {
            let text = common::pdftotext(&desk.issued_letter_pdf(letter.letter.id).expect("pdf"));
            assert!(text.contains("demonstration"), "{}", case.pseudonym);
            assert!(text.contains(&case.pseudonym), "{}", case.pseudonym);
            for detail in &restricted {
                assert!(!text.contains(detail.as_str()), "{}: {detail}", case.pseudonym);
            }
        }
    }
}
