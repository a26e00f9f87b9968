//! Issuing a decision's letters to a 60-member board through the desk, the way the app does it:
//! compose, render (tagged, PDF/A-2a), sign, add the validation data, verify and store all 60 in
//! one audited transaction, against a real SQLCipher archive and the real Secret Service; then
//! the same with every signature timestamped by the local test authority (tests/tsa/server.py).
//! Prints figures; asserts nothing about time. Run with scripts/bench.sh (release build,
//! services started).

use std::time::Instant;

use scr_desk::scr_letters::test_tsa::TestTsa;
use scr_desk::{Addressing, BoardProfile, Desk, LetterRequest, TimestampSettingsInput};
use scr_domain::notices::LetterContent;
use scr_domain::register::{Channel, MemberInput, Voting};

const MEMBERS: usize = 60;
const ROUNDS: usize = 3;

fn main() {
    let temp = tempfile::tempdir().expect("tempdir");
    let desk = Desk::with_system_keyring(temp.path().join("data"), "bench");
    desk.init(BoardProfile {
        name: "Benchmark Safeguarding Children Board".into(),
        area: "Benchmark".into(),
    })
    .expect("init (needs a Secret Service: run scripts/bench.sh)");
    desk.seed_demo().expect("demonstration board");
    // The demonstration has 11 members who receive letters; bring the board to 60.
    for i in 11..MEMBERS {
        desk.add_member(MemberInput {
            name: format!("Member {i:02}"),
            role: "Board member".into(),
            agency: "Anytown Council".into(),
            email: format!("member{i}@anytown.example.org"),
            phone: String::new(),
            term_start: "2015-04-01".into(),
            term_end: String::new(),
            voting: Some(Voting::Voting),
            receives_letters: true,
            channel: Some(Channel::Email),
            notes: String::new(),
        })
        .expect("member");
    }
    let case_id = desk.list_cases(None).expect("cases")[0].id;
    let request = LetterRequest {
        case_id,
        decision_version: None,
        content: LetterContent::DecisionNotice,
        addressing: Addressing::Personalised,
        signer_ids: Vec::new(),
    };
    let tsa = TestTsa::start();
    for timestamped in [false, true] {
        if timestamped {
            desk.save_timestamp_settings(TimestampSettingsInput {
                url: tsa.url(),
                ca_pem: tsa.root_pem(),
            })
            .expect("the local timestamp authority");
        }
        issue_rounds(&desk, &request, timestamped);
    }
    let header: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(temp.path().join("data/archive-header.json")).expect("header"),
    )
    .expect("json");
    if let Some(account) = header["keyring"]["account"].as_str() {
        use scr_desk::KeyStore;
        let _ = scr_desk::SystemKeyring::connect().map(|keyring| keyring.remove(account));
    }
}

fn issue_rounds(desk: &Desk, request: &LetterRequest, timestamped: bool) {
    println!(
        "Issue {MEMBERS} personalised decision notices (compose, render, sign{}, validation data, verify, store):",
        if timestamped {
            ", a timestamp from the local authority for each signature"
        } else {
            ""
        }
    );
    for round in 1..=ROUNDS {
        let started = Instant::now();
        let issued = desk.issue_letters(request).expect("issue");
        let elapsed = started.elapsed();
        assert_eq!(issued.len(), MEMBERS);
        let sizes: Vec<u64> = issued.iter().map(|l| l.size).collect();
        let mean = sizes.iter().sum::<u64>() as f64 / sizes.len() as f64;
        println!(
            "  round {round}: {:.0} ms in all, {:.2} ms per letter; letters {:.1} KB on average, {:.1} KB at most",
            elapsed.as_secs_f64() * 1000.0,
            elapsed.as_secs_f64() * 1000.0 / MEMBERS as f64,
            mean / 1024.0,
            *sizes.iter().max().unwrap_or(&0) as f64 / 1024.0,
        );
    }
}
