//! One rule per obligation; each says whether it is owed on a case and by when.

use chrono::NaiveDate;

use super::facts::{CaseFacts, Decided, Delivery, LetterKind, Policy};
use super::{Obligation, Owed, PlaceToAct};
use crate::calendar::WorkingCalendar;
use crate::framework::{CaseEvent, DecisionKind, TimerDirection};
use crate::milestones::{body_name, timers_with_milestones, with_milestones};
use crate::register::dates::long_date;
use crate::timers::{due_date, TimerStatus};

/// What a rule found, before it is dated against today.
struct Found {
    owed: Owed,
    title: String,
    detail: String,
    due: NaiveDate,
    act: PlaceToAct,
}

/// Every obligation of one case on `today`.
pub fn obligations_of(
    case: &CaseFacts<'_>,
    calendar: &WorkingCalendar,
    policy: Policy,
    today: NaiveDate,
) -> Vec<Obligation> {
    let mut found = Vec::new();
    match &case.decided {
        None => found.extend(decision_due(case, calendar, today)),
        Some(decided) => {
            found.extend(decision_notice(case, decided, calendar, policy));
            found.extend(send_letters(case, decided, calendar, policy));
            found.extend(delivery_problems(case));
            found.extend(acknowledgements(case, calendar, policy, today));
            found.extend(national_notifications(case, decided, calendar));
            found.extend(update(case, decided, calendar, policy, today));
            found.extend(outcome_notice(case, decided, calendar, policy));
        }
    }
    found
        .into_iter()
        .map(|f| dated(case, f, calendar, today))
        .collect()
}

fn dated(case: &CaseFacts<'_>, found: Found, calendar: &WorkingCalendar, today: NaiveDate) -> Obligation {
    let overdue = today > found.due;
    let (from, to) = if overdue {
        (found.due, today)
    } else {
        (today, found.due)
    };
    Obligation {
        case_id: case.case_id,
        reference: case.reference.clone(),
        pseudonym: case.pseudonym.clone(),
        owed: found.owed,
        title: found.title,
        detail: found.detail,
        due: found.due,
        overdue,
        working_days: calendar.working_days_between(from, to),
        calendar_days: (to - from).num_days(),
        act: found.act,
    }
}

/// `n` working days after `date` (the date itself when the calendar runs out).
fn plus_working_days(calendar: &WorkingCalendar, date: NaiveDate, n: u32) -> NaiveDate {
    calendar.add_working_days(date, n).unwrap_or(date)
}

fn members(n: u32) -> String {
    if n == 1 {
        "1 member".to_owned()
    } else {
        format!("{n} members")
    }
}

/// The framework's timer that ends on the decision, while it runs or is overdue.
fn decision_due(case: &CaseFacts<'_>, calendar: &WorkingCalendar, today: NaiveDate) -> Option<Found> {
    let timers = timers_with_milestones(
        case.framework,
        calendar,
        &case.events,
        &case.milestones,
        None,
        today,
    )
    .ok()?;
    let (timer, due) = case
        .framework
        .timers
        .iter()
        .zip(&timers)
        .filter(|(timer, _)| timer.end == CaseEvent::Decision)
        .find_map(|(timer, report)| match report.status {
            TimerStatus::Running { due, .. } | TimerStatus::Overdue { due, .. } => Some((timer, due)),
            _ => None,
        })?;
    Some(Found {
        owed: Owed::Decision,
        title: format!(
            "Decide whether to hold {}",
            an(&case.framework.terminology.review_short_name)
        ),
        detail: format!("{} is due.", timer.label),
        due,
        act: PlaceToAct::Wizard,
    })
}

/// "an SCR", "an LCSPR": the short names are initialisms read letter by letter.
fn an(short_name: &str) -> String {
    let article = match short_name.chars().next() {
        Some('A' | 'E' | 'F' | 'H' | 'I' | 'L' | 'M' | 'N' | 'O' | 'R' | 'S' | 'X') => "an",
        _ => "a",
    };
    format!("{article} {short_name}")
}

fn decision_notice(
    case: &CaseFacts<'_>,
    decided: &Decided,
    calendar: &WorkingCalendar,
    policy: Policy,
) -> Option<Found> {
    if case.newest_issue(LetterKind::DecisionNotice).is_some() {
        return None;
    }
    Some(Found {
        owed: Owed::DecisionNotice,
        title: "Write the decision notice".to_owned(),
        detail: format!(
            "Every member is to be told of the decision within {} working days (Quality Marker 3).",
            policy.told_within_working_days
        ),
        due: plus_working_days(calendar, decided.date, policy.told_within_working_days),
        act: PlaceToAct::WriteLetters {
            letter: LetterKind::DecisionNotice,
        },
    })
}

fn send_letters(
    case: &CaseFacts<'_>,
    decided: &Decided,
    calendar: &WorkingCalendar,
    policy: Policy,
) -> Vec<Found> {
    let kinds = [
        LetterKind::DecisionNotice,
        LetterKind::Update,
        LetterKind::OutcomeNotice,
    ];
    kinds
        .into_iter()
        .filter_map(|kind| {
            let issue = case.newest_issue(kind)?;
            let waiting = case
                .members
                .iter()
                .filter(|m| {
                    matches!(
                        m.letter(kind).map_or(Delivery::NotQueued, |l| l.newest),
                        Delivery::NotQueued | Delivery::Queued
                    )
                })
                .count() as u32;
            if waiting == 0 {
                return None;
            }
            // The decision notice is counted from the decision (Quality Marker 3); the others from
            // the day they were issued.
            let from = match kind {
                LetterKind::DecisionNotice => decided.date,
                _ => issue.issued_on,
            };
            Some(Found {
                owed: Owed::SendLetters {
                    letter: kind,
                    members: waiting,
                },
                title: format!("Send {}", super::facts::letter_words(kind)),
                detail: format!(
                    "{} in post {} not been sent it or had it exported.",
                    members(waiting),
                    if waiting == 1 { "has" } else { "have" }
                ),
                due: plus_working_days(calendar, from, policy.told_within_working_days),
                act: PlaceToAct::Distribution,
            })
        })
        .collect()
}

fn delivery_problems(case: &CaseFacts<'_>) -> Option<Found> {
    let newest = case
        .members
        .iter()
        .flat_map(|m| m.letters.iter().map(|l| l.newest));
    let (mut failed, mut uncertain, mut since) = (0u32, 0u32, None::<NaiveDate>);
    for delivery in newest {
        match delivery {
            Delivery::Failed { .. } => failed += 1,
            Delivery::Uncertain { .. } => uncertain += 1,
            _ => continue,
        }
        if let Some(date) = delivery.in_trouble() {
            since = Some(since.map_or(date, |s| s.min(date)));
        }
    }
    let since = since?;
    let mut parts = Vec::new();
    if uncertain > 0 {
        parts.push(format!("{uncertain} may not have gone (confirm or send again)"));
    }
    if failed > 0 {
        parts.push(format!("{failed} failed"));
    }
    Some(Found {
        owed: Owed::DeliveryProblems { failed, uncertain },
        title: "Sort out deliveries that did not go through".to_owned(),
        detail: format!("Of the letters to members, {}.", parts.join(" and ")),
        due: since,
        act: PlaceToAct::Distribution,
    })
}

fn acknowledgements(
    case: &CaseFacts<'_>,
    calendar: &WorkingCalendar,
    policy: Policy,
    today: NaiveDate,
) -> Option<Found> {
    let overdue_since: Vec<NaiveDate> = case
        .members
        .iter()
        .filter_map(|m| {
            // The newest letter they were sent, and whether they acknowledged it since.
            let sent = m
                .letters
                .iter()
                .filter_map(|l| match l.newest {
                    Delivery::Delivered { on } => Some(on),
                    _ => None,
                })
                .max()?;
            if m.acknowledged_on.is_some_and(|ack| ack >= sent) {
                return None;
            }
            let due = plus_working_days(calendar, sent, policy.reminder_working_days);
            (due < today).then_some(due)
        })
        .collect();
    let due = overdue_since.iter().min().copied()?;
    let n = overdue_since.len() as u32;
    Some(Found {
        owed: Owed::Acknowledgements { members: n },
        title: "Chase acknowledgements".to_owned(),
        detail: format!(
            "{} {} not acknowledged a letter sent more than {} working days ago.",
            members(n),
            if n == 1 { "has" } else { "have" },
            policy.reminder_working_days
        ),
        due,
        act: PlaceToAct::Distribution,
    })
}

fn national_notifications(case: &CaseFacts<'_>, decided: &Decided, calendar: &WorkingCalendar) -> Vec<Found> {
    let events = with_milestones(
        case.events.clone().with(CaseEvent::Decision, decided.date),
        &case.milestones,
    );
    case.framework
        .national_notifications
        .iter()
        .filter(|n| n.on_decision.contains(&decided.kind))
        .filter(|n| {
            !case.milestones.iter().any(|m| {
                m.event == CaseEvent::NationalNotificationSent && m.notification_id.as_deref() == Some(&n.id)
            })
        })
        .map(|n| {
            let timer = n
                .deadline_timer
                .as_deref()
                .and_then(|id| case.framework.timer(id));
            // A timer counted back from an event not yet dated gives no due date.
            let by_timer = timer
                .filter(|t| t.direction == TimerDirection::After)
                .and_then(|t| {
                    events
                        .get(t.start)
                        .and_then(|start| due_date(calendar, t, start).ok())
                });
            let planned = decided
                .planned_notifications
                .iter()
                .find(|p| p.notification_id == n.id)
                .and_then(|p| p.planned_date);
            let due = by_timer.or(planned).unwrap_or(decided.date);
            let detail = match (timer, planned) {
                (Some(t), _) if by_timer.is_some() => format!("{}.", t.label),
                (_, Some(planned)) => format!("Planned for {}.", long_date(planned)),
                _ => "The framework asks for it with this decision.".to_owned(),
            };
            Found {
                owed: Owed::NationalNotification {
                    notification_id: n.id.clone(),
                    recipient: n.recipient.clone(),
                },
                title: format!("Tell {}", body_name(&n.recipient)),
                detail,
                due,
                act: PlaceToAct::RecordMilestone {
                    event: CaseEvent::NationalNotificationSent,
                    notification_id: Some(n.id.clone()),
                },
            }
        })
        .collect()
}

/// When a review is expected to end: the plan's date, or the framework's completion timer.
fn expected_completion(
    case: &CaseFacts<'_>,
    decided: &Decided,
    calendar: &WorkingCalendar,
) -> Option<NaiveDate> {
    decided.expected_completion.or_else(|| {
        case.framework
            .timers
            .iter()
            .find(|t| {
                t.end == CaseEvent::ReviewCompleted
                    && t.start == CaseEvent::Decision
                    && crate::timers::applies(t, Some(decided.kind))
            })
            .and_then(|t| due_date(calendar, t, decided.date).ok())
    })
}

fn is_review(kind: DecisionKind) -> bool {
    matches!(kind, DecisionKind::Review | DecisionKind::AlternativeReview)
}

fn update(
    case: &CaseFacts<'_>,
    decided: &Decided,
    calendar: &WorkingCalendar,
    policy: Policy,
    today: NaiveDate,
) -> Option<Found> {
    if !is_review(decided.kind)
        || case.milestone(CaseEvent::ReviewCompleted).is_some()
        || case.milestone(CaseEvent::Publication).is_some()
    {
        return None;
    }
    let expected = expected_completion(case, decided, calendar)?;
    if today <= expected || case.issued_since(LetterKind::Update, expected) {
        return None;
    }
    Some(Found {
        owed: Owed::Update {
            expected_completion: expected,
        },
        title: "Write an update on the delay".to_owned(),
        detail: format!(
            "The review was expected to be completed by {}; members are to be told of the delay and why \
             (Quality Marker 8).",
            long_date(expected)
        ),
        due: plus_working_days(calendar, expected, policy.told_within_working_days),
        act: PlaceToAct::WriteLetters {
            letter: LetterKind::Update,
        },
    })
}

fn outcome_notice(
    case: &CaseFacts<'_>,
    decided: &Decided,
    calendar: &WorkingCalendar,
    policy: Policy,
) -> Option<Found> {
    if !is_review(decided.kind) {
        return None;
    }
    let ended = case
        .milestone(CaseEvent::ReviewCompleted)
        .or_else(|| case.milestone(CaseEvent::Publication))?;
    if case.issued_since(LetterKind::OutcomeNotice, ended) {
        return None;
    }
    Some(Found {
        owed: Owed::OutcomeNotice { ended_on: ended },
        title: "Write the outcome notice".to_owned(),
        detail: format!(
            "The review ended on {}; every member is to be told of its outcome (Quality Marker 3).",
            long_date(ended)
        ),
        due: plus_working_days(calendar, ended, policy.told_within_working_days),
        act: PlaceToAct::WriteLetters {
            letter: LetterKind::OutcomeNotice,
        },
    })
}
