//! A demonstration board that lives in the present: fictional members and five cases, one at each
//! stage the desk knows (demo_cases.rs), among them a finalised decision about "Child T" whose
//! signed letters are issued today and not yet sent, so that a new user can look around and a
//! tester can check letters end to end. Every date is counted back from the desk's today.
//! Every name here is invented; the board is called a demonstration wherever it is shown.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use scr_archive::RecoveryKey;
use scr_domain::board::{BoardProfile, BoardSettings};
use scr_domain::example;
use scr_domain::notices::LetterContent;
use scr_domain::register::{Channel, MemberInput, Voting};

use crate::cases::NewCase;
use crate::demo_dates::{demo_annex, demo_case, demo_shift, moved_draft};
use crate::letters_from_decisions::LetterRequest;
use crate::Addressing;
use crate::{Desk, DeskError, SigningSetupInput};

pub const DEMO_BOARD_NAME: &str = "Anytown Safeguarding Children Board (demonstration)";

/// How long before today the demonstration board was set up (before its oldest case).
const SET_UP_DAYS_AGO: u64 = 365;

/// What the demonstration created, for the CLI to print and the UI to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoCreated {
    pub board: String,
    pub members: u32,
    /// Each finalised decision: its case's reference with its decision version (Child T's first).
    pub decisions: Vec<String>,
    /// Each case's reference and pseudonym, where it stands and what is owed on it, newest first.
    pub cases: Vec<String>,
    /// "SCR-2016-004 decision notice to all members (circular), 46 KB", one per letter of
    /// Child T's decision (the letters issued today).
    pub letters: Vec<String>,
    pub data_dir: String,
}

/// (name, role, agency, receives letters)
const MEMBERS: [(&str, &str, &str, bool); 12] = [
    (
        "Amira Ahmed",
        "Director of Children’s Services",
        "Anytown Council",
        true,
    ),
    ("Ben Brown", "Detective Superintendent", "Anyshire Police", true),
    (
        "Chloé Clarke",
        "Designated Nurse",
        "Anytown Integrated Care Board",
        true,
    ),
    (
        "Dafydd Davies",
        "Head of Safeguarding",
        "Anytown Hospitals NHS Trust",
        true,
    ),
    (
        "Eleanor Evans",
        "Head of Service",
        "National Probation Service",
        true,
    ),
    (
        "Farid Fletcher",
        "Headteacher",
        "Anytown Schools Partnership",
        true,
    ),
    ("Gwenllian Green", "Service Manager", "Cafcass", true),
    ("Harry Hughes", "Lay member", "Lay member", true),
    (
        "Ifeoma Iqbal",
        "Designated Doctor",
        "Anytown Integrated Care Board",
        true,
    ),
    ("Jürgen Jones", "Head of Housing", "Anytown Council", true),
    ("Kate King", "Chief Officer", "Anytown Voluntary Action", true),
    ("Liam Lewis", "Board observer", "Ofsted", false),
];

/// The chair's notes on each Quality Marker 2 factor, as a real chair might write them.
pub(crate) const QM2_NOTES: [(&str, &str); 8] = [
    (
        "likely_learning",
        "Three agencies each held part of the picture; the learning about sharing it is considerable",
    ),
    (
        "previous_learning",
        "The themes echo our 2014 review of neglect, so this review will test whether its actions took hold",
    ),
    (
        "resources",
        "About six months of an independent reviewer’s time, within the Board’s budget for this year",
    ),
    (
        "impact_on_practitioners",
        "Practitioners will be supported by their agencies and kept informed throughout",
    ),
    (
        "impact_on_family",
        "The family will be told first and offered the chance to contribute",
    ),
    (
        "other_processes",
        "The police investigation comes first; we will agree timings with the senior investigating officer",
    ),
    (
        "political_media_interest",
        "There is local press interest; it has not weighed on the decision",
    ),
    (
        "public_trust",
        "Learning openly from this case is what keeps the public’s trust",
    ),
];

/// When the new demonstration archive's recovery key is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoRecoveryKey {
    /// Now, to whoever ran `scr-desk demo`: the folder must be new, and the key is returned.
    ShowNow,
    /// Later, by the app: its first-run screen has already created the archive, and the key is
    /// issued once the chair is asked to keep one, as for any board.
    ShowLater,
}

/// What [`Desk::start_demo`] made, with the recovery key when it is to be shown now.
#[derive(Debug)]
pub struct DemoStarted {
    pub created: DemoCreated,
    pub recovery_key: Option<RecoveryKey>,
}

impl Desk {
    /// Names the archive's board as the demonstration board and fills it (the app's first-run
    /// "Explore with a demo board", and `scr-desk demo`). Refused once a board has been set up.
    pub fn start_demo(&self, key: DemoRecoveryKey) -> Result<DemoStarted, DeskError> {
        let recovery_key = match key {
            DemoRecoveryKey::ShowNow => Some(self.init(demo_profile())?.1),
            DemoRecoveryKey::ShowLater => {
                self.open_or_create()?;
                if self.status()?.board.is_some() {
                    return Err(DeskError::DemoNeedsNewArchive);
                }
                self.save_board_profile(demo_profile())?;
                None
            }
        };
        Ok(DemoStarted {
            created: self.seed_demo()?,
            recovery_key,
        })
    }

    /// Fills a new archive whose board has nothing yet with the demonstration board's members,
    /// signing identity, four cases with their past (demo_cases.rs), and Child T's decision
    /// finalised with its letters (circular and personalised) issued today: the second step of
    /// [`Desk::start_demo`], and on its own for tests that name their own board.
    pub fn seed_demo(&self) -> Result<DemoCreated, DeskError> {
        let board = self.status()?.board.map(|b| b.name).unwrap_or_default();
        if !self.list_cases(None)?.is_empty() || !self.register_at(None)?.entries.is_empty() {
            return Err(DeskError::DemoNeedsNewArchive);
        }
        let settings = BoardSettings {
            address_lines: vec!["Civic Centre, 1 Market Street".into(), "Anytown AT1 1AA".into()],
            chair_name: "Dr Jane Smith".into(),
            chair_title: "Independent Chair".into(),
            chair_email: "lscb@anytown.example.org".into(),
            ..BoardSettings::default()
        };
        let mut agencies: Vec<String> = MEMBERS.iter().map(|m| m.2.to_owned()).collect();
        agencies.sort();
        agencies.dedup();
        let today = self.today();
        // The board's set-up, a year ago: its older cases' letters are signed then.
        let set_up = today
            .checked_sub_days(Days::new(SET_UP_DAYS_AGO))
            .unwrap_or(today);
        let members = self.as_on(set_up, || {
            self.save_board_settings(settings, agencies)?;
            let mut members = Vec::new();
            for (i, (name, role, agency, receives_letters)) in MEMBERS.iter().enumerate() {
                // Until lately every member took letters through the board's secure mail.
                let mut member = demo_member(i, name, role, agency, *receives_letters);
                let channel = member.channel.replace(Channel::SecureExport);
                members.push((self.add_member(member.clone())?.id, member, channel));
            }
            self.set_up_signing(SigningSetupInput {
                chair_name: "Dr Jane Smith".into(),
                chair_role: "Independent Chair".into(),
            })?;
            Ok(members)
        })?;
        let older_cases = self.seed_demo_cases(today)?;
        // A fortnight ago most members chose email instead (Child T's letters go that way).
        let switched = today.checked_sub_days(Days::new(14)).unwrap_or(today);
        self.as_on(switched, || {
            for (id, mut member, channel) in members {
                member.channel = channel;
                self.edit_member(id, member, &switched.to_string())?;
            }
            Ok(())
        })?;
        // The example case moved to the present (see demo_dates).
        let shift = demo_shift(self.today());
        let case = self.open_case(NewCase {
            summary: demo_case(shift),
            annex: demo_annex(shift),
        })?;
        let framework = self.framework(&case.draft.framework_id, &case.draft.framework_version)?;
        let mut draft = moved_draft(example::wt2015_draft(&framework), shift);
        for (factor, note) in QM2_NOTES {
            draft.qm2.insert(factor.to_owned(), note.to_owned());
        }
        self.save_draft(case.id, draft)?;
        let finalised = self.finalise_decision(case.id)?;
        let issued = self.issue_letters(&LetterRequest {
            case_id: case.id,
            decision_version: None,
            content: LetterContent::DecisionNotice,
            addressing: Addressing::Both,
            signer_ids: Vec::new(),
        })?;
        let letters = self
            .case_letters(case.id)?
            .into_iter()
            .rev()
            .map(|l| {
                format!(
                    "{} {} to {}, {} KB, SHA-256 {}",
                    l.letter.reference,
                    l.kind_label.to_lowercase(),
                    l.recipient_label,
                    l.letter.size.div_ceil(1024),
                    l.letter.sha256
                )
            })
            .collect();
        debug_assert_eq!(issued.len(), MEMBERS.len());
        let mut decisions: Vec<String> = finalised
            .decisions
            .iter()
            .map(|d| format!("{} (decision version {})", finalised.reference, d.version))
            .collect();
        let mut cases = vec![self.demo_case_line(case.id)?];
        for case_id in older_cases.into_iter().rev() {
            let older = self.case_view(case_id)?;
            decisions.extend(
                older
                    .decisions
                    .iter()
                    .map(|d| format!("{} (decision version {})", older.reference, d.version)),
            );
            cases.push(self.demo_case_line(case_id)?);
        }
        Ok(DemoCreated {
            board,
            members: MEMBERS.len() as u32,
            decisions,
            cases,
            letters,
            data_dir: self.data_dir().display().to_string(),
        })
    }
}

pub fn demo_profile() -> BoardProfile {
    BoardProfile {
        name: DEMO_BOARD_NAME.into(),
        area: "Anytown".into(),
    }
}

fn demo_member(i: usize, name: &str, role: &str, agency: &str, receives_letters: bool) -> MemberInput {
    let email = format!(
        "{}@anytown.example.org",
        name.to_lowercase().replace(' ', ".").replace(['é', 'ü'], "e")
    );
    // Terms start before the example decision (12 April 2016, or later when moved to the
    // present), staggered like a real board's.
    let start = NaiveDate::from_ymd_opt(2014 + (i % 2) as i32, 4, 1).unwrap_or_default();
    MemberInput {
        name: name.into(),
        role: role.into(),
        agency: agency.into(),
        email,
        phone: String::new(),
        term_start: start.to_string(),
        term_end: String::new(),
        voting: Some(if receives_letters {
            Voting::Voting
        } else {
            Voting::Advisory
        }),
        receives_letters,
        channel: Some(if i == 1 {
            Channel::SecureExport
        } else {
            Channel::Email
        }),
        notes: String::new(),
    }
}
