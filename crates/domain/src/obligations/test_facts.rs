//! A hand-written case for the tests of the obligations and the QM3 report.

use chrono::NaiveDate;

use super::facts::{
    CaseFacts, Decided, Delivery, LetterIssue, LetterKind, MemberFacts, MemberLetter, Policy,
};
use crate::decision::PlannedNotification;
use crate::framework::{CaseEvent, DecisionKind, Framework, FrameworkRegistry};
use crate::milestones::Milestone;
use crate::register::Channel;
use crate::timers::EventDates;

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

pub const POLICY: Policy = Policy {
    told_within_working_days: 5,
    reminder_working_days: 5,
};

pub fn registry() -> FrameworkRegistry {
    FrameworkRegistry::with_builtins()
}

/// A case under `framework` notified on `notified`, not decided.
pub fn undecided<'a>(framework: &'a Framework, reference: &str, notified: &str) -> CaseFacts<'a> {
    CaseFacts {
        case_id: 1,
        reference: reference.to_owned(),
        pseudonym: format!("Child {}", reference.chars().last().unwrap_or('X')),
        framework,
        events: EventDates::default().with(CaseEvent::Notification, d(notified)),
        decided: None,
        milestones: Vec::new(),
        issues: Vec::new(),
        members: Vec::new(),
    }
}

/// The same case decided on `on`.
pub fn decide<'a>(mut case: CaseFacts<'a>, kind: DecisionKind, on: &str) -> CaseFacts<'a> {
    case.events = case.events.with(CaseEvent::Decision, d(on));
    case.decided = Some(Decided {
        kind,
        alternative_type: None,
        date: d(on),
        expected_completion: None,
        planned_notifications: case
            .framework
            .national_notifications
            .iter()
            .filter(|n| n.on_decision.contains(&kind))
            .map(|n| PlannedNotification {
                notification_id: n.id.clone(),
                recipient: n.recipient.clone(),
                planned_date: Some(d(on)),
                note: None,
            })
            .collect(),
    });
    case
}

pub fn milestone(event: CaseEvent, notification: Option<&str>, on: &str) -> Milestone {
    Milestone {
        event,
        notification_id: notification.map(str::to_owned),
        date: d(on),
    }
}

/// Every national notification the decision needs, recorded on `on`.
pub fn notifications_sent<'a>(mut case: CaseFacts<'a>, on: &str) -> CaseFacts<'a> {
    let kind = case.decided.as_ref().expect("decided").kind;
    let ids: Vec<String> = case
        .framework
        .national_notifications
        .iter()
        .filter(|n| n.on_decision.contains(&kind))
        .map(|n| n.id.clone())
        .collect();
    for id in ids {
        case.milestones
            .push(milestone(CaseEvent::NationalNotificationSent, Some(&id), on));
    }
    case
}

pub fn issue(kind: LetterKind, on: &str, letters: u32) -> LetterIssue {
    LetterIssue {
        kind,
        issued_on: d(on),
        letters,
    }
}

pub fn member(id: i64, letters: Vec<MemberLetter>, acknowledged: Option<&str>) -> MemberFacts {
    MemberFacts {
        member_id: id,
        letters,
        acknowledged_on: acknowledged.map(d),
    }
}

/// A member's letter of `kind` in the state given; told on its date (by `channel`) when it was
/// handed over.
pub fn letter(kind: LetterKind, newest: Delivery, channel: Channel) -> MemberLetter {
    let told = match newest {
        Delivery::Delivered { on } | Delivery::Exported { on } => Some((on, channel)),
        _ => None,
    };
    MemberLetter { kind, newest, told }
}

pub fn delivered(on: &str) -> Delivery {
    Delivery::Delivered { on: d(on) }
}
