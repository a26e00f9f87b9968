//! Shared by the distribution tests of the desk and the app, and by the mail benchmark (feature
//! `test-support`): a board on a throwaway archive with signing set up, members, and a
//! decision's letters issued; the keyring entries go when it is dropped.

use std::path::{Path, PathBuf};

use scr_archive::{KeyStore, SystemKeyring, HEADER_FILE};
use scr_domain::board::BoardProfile;
use scr_domain::register::{Channel, MemberInput, Voting};
use scr_letters::{sample, LetterDocument};

use crate::{
    Desk, IssuedLetterSummary, LetterKind, LetterToIssue, MailSettingsInput, Recipient, SigningSetupInput,
};

/// The reference of the sample letter (`scr_letters::sample::anytown_child_t`).
pub const REFERENCE: &str = "SCR-2016-004";

#[derive(Debug)]
pub struct TestBoard {
    pub temp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl TestBoard {
    /// A new archive with the chair's signing set up (needs a running Secret Service).
    pub fn new() -> TestBoard {
        let temp = tempfile::tempdir().expect("tempdir");
        let dir = temp.path().join("data");
        let board = TestBoard { temp, dir };
        let desk = board.desk();
        desk.init(BoardProfile {
            name: "Anytown Safeguarding Children Board".into(),
            area: "Anytown".into(),
        })
        .expect("these tests need a running Secret Service: run them through scripts/test.sh");
        desk.set_up_signing(SigningSetupInput {
            chair_name: "Dr Jane Smith".into(),
            chair_role: "Independent Chair".into(),
        })
        .expect("signing");
        board
    }

    pub fn desk(&self) -> Desk {
        Desk::with_system_keyring(self.dir.clone(), "test")
    }
}

impl Default for TestBoard {
    fn default() -> Self {
        TestBoard::new()
    }
}

impl Drop for TestBoard {
    fn drop(&mut self) {
        remove_keyring_entries(&self.dir);
    }
}

/// Removes the archive's key and its SMTP password from the keyring.
pub fn remove_keyring_entries(dir: &Path) {
    let Ok(text) = std::fs::read_to_string(dir.join(HEADER_FILE)) else {
        return;
    };
    let header: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let Ok(keyring) = SystemKeyring::connect() else {
        return;
    };
    if let Some(account) = header["keyring"]["account"].as_str() {
        let _ = keyring.remove(account);
    }
    if let Some(id) = header["archive_id"].as_str() {
        let _ = keyring.remove(&format!("smtp-password:{id}"));
    }
}

/// The names in a folder, sorted: to show that a refused operation left it as it was.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Member `n` of a test board, with their own address at example.org.
pub fn member(n: usize, channel: Channel) -> MemberInput {
    MemberInput {
        name: format!("Member {n:02}"),
        role: "Designated Safeguarding Lead".into(),
        agency: "Anyshire Police".into(),
        email: format!("member{n:02}@example.org"),
        phone: String::new(),
        term_start: "2015-04-01".into(),
        term_end: String::new(),
        voting: Some(Voting::Voting),
        receives_letters: true,
        channel: Some(channel),
        notes: String::new(),
    }
}

/// Adds `count` members who take letters by email; returns their ids.
pub fn add_email_members(desk: &Desk, count: usize) -> Vec<i64> {
    (1..=count)
        .map(|n| desk.add_member(member(n, Channel::Email)).expect("member").id)
        .collect()
}

fn chair_letter(desk: &Desk) -> LetterDocument {
    let status = desk.signing_status().expect("status");
    let mut doc = sample::anytown_child_t();
    doc.verification_note = scr_letters::standard_verification_note(
        &["Dr Jane Smith"],
        &status.board_certificate.expect("certificate").fingerprint_grouped,
    );
    doc
}

/// Issues the decision's circular letter (signed and stored).
pub fn issue_circular(desk: &Desk) -> IssuedLetterSummary {
    issue(desk, Recipient::Circular)
}

/// Issues a circular letter under another reference (a case opened in the test).
pub fn issue_circular_for(desk: &Desk, reference: &str) -> IssuedLetterSummary {
    let mut document = chair_letter(desk);
    document.reference = reference.to_owned();
    issue_document(desk, document, Recipient::Circular)
}

/// Issues a personalised letter to one member.
pub fn issue_personal(desk: &Desk, member_id: i64) -> IssuedLetterSummary {
    issue(desk, Recipient::Member(member_id))
}

/// Issues, together (one issue, as one signing does), the circular and a personal copy for each
/// of `member_ids`; in that order.
pub fn issue_circular_and_personal(desk: &Desk, member_ids: &[i64]) -> Vec<IssuedLetterSummary> {
    let letters: Vec<LetterToIssue> = std::iter::once(Recipient::Circular)
        .chain(member_ids.iter().map(|id| Recipient::Member(*id)))
        .map(|recipient| LetterToIssue {
            document: chair_letter(desk),
            kind: LetterKind::DecisionNotice,
            recipient,
        })
        .collect();
    desk.sign_and_store(&letters, &[]).expect("sign and store")
}

fn issue(desk: &Desk, recipient: Recipient) -> IssuedLetterSummary {
    issue_document(desk, chair_letter(desk), recipient)
}

fn issue_document(desk: &Desk, document: LetterDocument, recipient: Recipient) -> IssuedLetterSummary {
    let letter = LetterToIssue {
        document,
        kind: LetterKind::DecisionNotice,
        recipient,
    };
    desk.sign_and_store(&[letter], &[])
        .expect("sign and store")
        .remove(0)
}

/// Signs and stores documents made by a test, without a case behind them and so without the
/// annex guard: only for tests of signing itself (the app and scripts issue through
/// `Desk::issue_previewed`).
pub fn sign_documents(
    desk: &Desk,
    letters: &[LetterToIssue],
    signer_ids: &[i64],
) -> Result<Vec<IssuedLetterSummary>, crate::DeskError> {
    desk.sign_and_store(letters, signer_ids)
}

/// Settings for the plain test server on `port`, the risk of no encryption accepted.
pub fn plain_settings(port: u16) -> MailSettingsInput {
    MailSettingsInput {
        host: "127.0.0.1".into(),
        port: port.to_string(),
        security: scr_domain::mail_security::MailSecurity::Plain,
        sender_name: "Anytown SCB".into(),
        sender_address: "board@anytown.example".into(),
        reply_to: "manager@anytown.example".into(),
        marking_in_subject: true,
        allow_plain: true,
        ..MailSettingsInput::default()
    }
}

/// Leaves a delivery as a crash would: handed to the mail server with no answer recorded, so the
/// next run finds it uncertain.
pub fn leave_in_flight(dir: &Path, delivery_id: i64) {
    let keyring = scr_archive::SystemKeyring::connect().expect("keyring");
    let mut archive = scr_archive::Archive::open(
        dir,
        &keyring,
        &scr_archive::Actor::new(
            "test",
            "crash",
            scr_domain::clock::Clock::from_fn(chrono::Utc::now),
        ),
    )
    .expect("open");
    archive
        .mark_delivery_sending(delivery_id, "<lost@anytown.example>")
        .expect("sending");
}

/// Two members told of the circular by email, and a first run that stopped with Member 01's
/// message handed to `server` and no answer recorded (the app closed mid-send): the next run
/// finds that delivery uncertain. Returns its id; the server answers normally again.
pub fn cut_off_first_send(board: &TestBoard, server: &scr_mail::test_server::TestSmtpServer) -> i64 {
    let desk = board.desk();
    add_email_members(&desk, 2);
    issue_circular(&desk);
    desk.save_mail_settings(plain_settings(server.port))
        .expect("settings");
    server.control(r#"{"script": ["451 4.7.1 later", "451 4.7.1 later"]}"#);
    desk.send_decision(REFERENCE, false).expect("first run");
    let first = desk.distribution(REFERENCE).expect("view").deliveries[0].id;
    drop(desk);
    leave_in_flight(&board.dir, first);
    server.control(r#"{}"#);
    first
}

/// Runs `during` while the desk's archive is held, as a long operation (the opening ahead, a
/// batch) holds it.
pub fn while_archive_held(desk: &Desk, during: impl FnOnce()) {
    let _held = desk.archive.lock().expect("the archive's lock");
    during();
}

/// Changes the home page kept in the desk's archive for its present day and rules (one must be
/// kept), so that a test can tell the kept page from one worked out afresh.
pub fn change_kept_home(desk: &Desk, change: impl FnOnce(&mut crate::HomeView)) {
    let key = desk.home_worked_out_for().expect("the rules' fingerprint");
    desk.with_archive(|archive| {
        let kept = archive.kept_home(&key)?.expect("a home page kept for today");
        let mut home: crate::HomeView = serde_json::from_str(&kept).expect("a kept page reads back");
        change(&mut home);
        archive.keep_home(&key, &serde_json::to_string(&home).expect("JSON"))?;
        Ok(())
    })
    .expect("the archive opens");
}
