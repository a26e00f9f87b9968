//! Every case's facts for the obligations and the QM3 report, read from the archive's overviews
//! (one statement each for cases, decisions, milestones, letters, deliveries and acknowledgements)
//! and turned into the domain's plain values; the rules themselves live in `scr_domain::obligations` and `qm3`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use scr_archive::{Archive, ByReference, CaseRecord, DeliveryOverview, LetterOverview};
use scr_domain::clock::england_date;
use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};
use scr_domain::finalise::DecisionOutline;
use scr_domain::framework::CaseEvent;
use scr_domain::milestones::Milestone;
use scr_domain::obligations::{
    CaseFacts, Decided, Delivery, LetterIssue, LetterKind, MemberFacts, MemberLetter, Policy,
};
use scr_domain::register::{Channel, Register};
use scr_domain::timers::EventDates;

use crate::distribution::DEFAULT_REMINDER_WORKING_DAYS;
use crate::{Desk, DeskError};

/// A case's letters, by kind, each with the date it was issued in England.
type LettersByKind = BTreeMap<LetterKind, Vec<(i64, NaiveDate)>>;

/// The letters, deliveries, acknowledgements and register of the whole archive, each read in one
/// statement, from which any case's facts are drawn.
struct Overviews {
    letters: HashMap<String, LettersByKind>,
    deliveries: ByReference<DeliveryOverview>,
    acknowledgements: HashMap<String, HashMap<i64, NaiveDate>>,
    register: Register,
}

impl Overviews {
    fn read(archive: &Archive) -> Result<Overviews, DeskError> {
        Ok(Overviews {
            letters: letters_by_case(archive.letters_overview()?),
            deliveries: archive.deliveries_overview()?,
            acknowledgements: archive.latest_acknowledgements()?,
            register: archive.register()?,
        })
    }
}

/// Every case's record, latest decision and milestones, each kind read in one statement, and
/// handed out case by case.
pub(crate) struct CaseReadings {
    records: HashMap<i64, CaseRecord>,
    decisions: HashMap<i64, Arc<DecisionOutline>>,
    milestones: HashMap<i64, Vec<Milestone>>,
}

/// One case's record, its latest decision (if any) and its milestones.
pub(crate) struct CaseReading {
    pub record: CaseRecord,
    pub decision: Option<Arc<DecisionOutline>>,
    pub milestones: Vec<Milestone>,
}

impl CaseReadings {
    pub(crate) fn read(archive: &Archive) -> Result<CaseReadings, DeskError> {
        Ok(CaseReadings {
            records: archive.case_records()?,
            decisions: archive.latest_outlines()?,
            milestones: archive.all_milestones()?,
        })
    }

    /// A case's record, latest decision and milestones; each case is taken once.
    pub(crate) fn take(&mut self, case_id: i64) -> Result<CaseReading, DeskError> {
        let record = self
            .records
            .remove(&case_id)
            .ok_or(scr_archive::ArchiveError::NotFound {
                what: "case",
                id: case_id,
            })?;
        Ok(CaseReading {
            record,
            decision: self.decisions.remove(&case_id),
            milestones: self.milestones.remove(&case_id).unwrap_or_default(),
        })
    }
}

impl Desk {
    /// The facts of every case in the archive (newest first), and the board's numbers the rules
    /// use: a fixed number of statements, whatever the number of cases (the cases, their latest
    /// decisions, milestones, letters, deliveries and acknowledgements, each read at once).
    pub(crate) fn all_case_facts(
        &self,
        archive: &Archive,
    ) -> Result<(Vec<CaseFacts<'_>>, Policy), DeskError> {
        let mut readings = CaseReadings::read(archive)?;
        let overviews = Overviews::read(archive)?;
        let mut cases = Vec::new();
        for item in archive.list_cases(None)? {
            let case = readings.take(item.id)?;
            cases.push(self.facts_of(case.record, case.decision.as_deref(), case.milestones, &overviews)?);
        }
        Ok((cases, policy_of(archive)?))
    }

    /// One case's facts, read for that case alone (its record, decisions and milestones).
    pub(crate) fn case_facts(
        &self,
        archive: &Archive,
        case_id: i64,
    ) -> Result<(CaseFacts<'_>, Policy), DeskError> {
        let record = archive.case(case_id)?;
        let decision = archive.decisions(case_id)?.pop().map(|d| DecisionOutline::of(&d));
        let milestones = archive.milestones(case_id)?;
        let facts = self.facts_of(record, decision.as_ref(), milestones, &Overviews::read(archive)?)?;
        Ok((facts, policy_of(archive)?))
    }

    fn facts_of(
        &self,
        record: CaseRecord,
        decision: Option<&DecisionOutline>,
        milestones: Vec<Milestone>,
        overviews: &Overviews,
    ) -> Result<CaseFacts<'_>, DeskError> {
        let framework = match decision {
            Some(d) => self.rules.registry.get(&d.framework_id, &d.framework_version)?,
            None => self.rules.framework_for(record.draft.as_ref())?,
        };
        let mut events = EventDates::from_case(&record.summary, record.draft.as_ref());
        let decided = decision.and_then(|d| {
            let choice = d.choice.as_ref()?;
            Some(Decided {
                kind: choice.kind,
                alternative_type: choice.alternative_type.clone(),
                date: d.decision_date?,
                expected_completion: d.expected_completion,
                planned_notifications: d.notifications.clone(),
            })
        });
        if let Some(decided) = &decided {
            events = events.with(CaseEvent::Decision, decided.date);
        }
        let empty = LettersByKind::new();
        let case_letters = overviews.letters.get(&record.reference).unwrap_or(&empty);
        let members = match &decided {
            Some(decided) => members_of(
                &overviews.register,
                decided.date,
                case_letters,
                overviews
                    .deliveries
                    .get(&record.reference)
                    .map_or(&[][..], Vec::as_slice),
                |member| {
                    overviews
                        .acknowledgements
                        .get(&record.reference)
                        .and_then(|members| members.get(&member))
                        .copied()
                },
            ),
            None => Vec::new(),
        };
        Ok(CaseFacts {
            case_id: record.id,
            pseudonym: record.summary.pseudonym.clone().unwrap_or_default(),
            reference: record.reference,
            framework,
            events,
            decided,
            milestones,
            issues: issues_of(case_letters),
            members,
        })
    }
}

/// The board's numbers the rules use.
fn policy_of(archive: &Archive) -> Result<Policy, DeskError> {
    Ok(Policy {
        told_within_working_days: archive.board_settings()?.told_within_working_days,
        reminder_working_days: archive
            .mail_settings()?
            .map_or(DEFAULT_REMINDER_WORKING_DAYS, |(_, days)| days),
    })
}

fn letters_by_case(letters: ByReference<LetterOverview>) -> HashMap<String, LettersByKind> {
    letters
        .into_iter()
        .map(|(reference, letters)| {
            let mut by_kind = LettersByKind::new();
            for letter in letters {
                by_kind
                    .entry(letter.kind)
                    .or_default()
                    .push((letter.id, letter.issued_on));
            }
            (reference, by_kind)
        })
        .collect()
}

/// One issue per kind and day: the letters of one issue are signed together, so they share it.
fn issues_of(letters: &LettersByKind) -> Vec<LetterIssue> {
    let mut issues = Vec::new();
    for (kind, list) in letters {
        let mut by_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for (_, on) in list {
            *by_day.entry(*on).or_default() += 1;
        }
        issues.extend(by_day.into_iter().map(|(issued_on, letters)| LetterIssue {
            kind: *kind,
            issued_on,
            letters,
        }));
    }
    issues
}

fn members_of(
    register: &Register,
    decided_on: NaiveDate,
    letters: &LettersByKind,
    deliveries: &[DeliveryOverview],
    acknowledged: impl Fn(i64) -> Option<NaiveDate>,
) -> Vec<MemberFacts> {
    register
        .serving_on(decided_on)
        .into_iter()
        .filter(|entry| entry.details.receives_letters)
        .map(|entry| {
            let member = entry.member_id;
            let mine: Vec<&DeliveryOverview> = deliveries.iter().filter(|d| d.member_id == member).collect();
            MemberFacts {
                member_id: member,
                letters: letters
                    .iter()
                    .map(|(kind, list)| member_letter(*kind, list, &mine))
                    .collect(),
                acknowledged_on: acknowledged(member),
            }
        })
        .collect()
}

/// Where the member's copy of the newest issue of `kind` stands, and when they were first told.
fn member_letter(kind: LetterKind, list: &[(i64, NaiveDate)], mine: &[&DeliveryOverview]) -> MemberLetter {
    let newest_day = list.iter().map(|(_, on)| *on).max();
    let newest_ids: Vec<i64> = list
        .iter()
        .filter(|(_, on)| Some(*on) == newest_day)
        .map(|(id, _)| *id)
        .collect();
    let all_ids: Vec<i64> = list.iter().map(|(id, _)| *id).collect();
    let newest = mine
        .iter()
        .filter(|d| newest_ids.contains(&d.letter_id))
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
        .map_or(Delivery::NotQueued, |d| delivery_of(d));
    let told = mine
        .iter()
        .filter(|d| all_ids.contains(&d.letter_id))
        .filter_map(|d| match delivery_of(d) {
            Delivery::Delivered { on } | Delivery::Exported { on } => Some((on, channel_of(d.channel))),
            _ => None,
        })
        .min_by_key(|(on, _)| *on);
    MemberLetter { kind, newest, told }
}

fn delivery_of(d: &DeliveryOverview) -> Delivery {
    let updated = d.updated_at.map(england_date).unwrap_or_default();
    let sent = d.sent_at.map_or(updated, england_date);
    match d.status {
        DeliveryStatus::Queued | DeliveryStatus::Sending => Delivery::Queued,
        DeliveryStatus::Sent | DeliveryStatus::ConfirmedSent => Delivery::Delivered { on: sent },
        DeliveryStatus::Failed => Delivery::Failed { since: updated },
        DeliveryStatus::Uncertain => Delivery::Uncertain { since: updated },
        DeliveryStatus::Exported => Delivery::Exported { on: sent },
    }
}

fn channel_of(channel: DeliveryChannel) -> Channel {
    match channel {
        DeliveryChannel::SecureExport => Channel::SecureExport,
        DeliveryChannel::Email => Channel::Email,
    }
}
