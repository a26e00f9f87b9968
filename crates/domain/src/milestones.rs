//! What happens to a case after its decision, as the board records it: the review starting, each
//! national notification sent (to the body the framework names), the review completed, its report
//! published, the advance copy sent. Each is a [`CaseEvent`] with a date; recording one stops the
//! timers that end on it, and the outcome notice takes its dates from them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::WorkingCalendar;
use crate::framework::{CaseEvent, DecisionKind, Framework, Timer};
use crate::register::dates::long_date;
use crate::timers::{applies, timer_status, EventDates, TimerReport};
use crate::{DomainError, FieldProblem};

/// The events a board records after the decision, in the order a review meets them.
pub const AFTER_DECISION: [CaseEvent; 5] = [
    CaseEvent::NationalNotificationSent,
    CaseEvent::ReviewStart,
    CaseEvent::AdvanceCopySent,
    CaseEvent::ReviewCompleted,
    CaseEvent::Publication,
];

/// One event after the decision, on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub event: CaseEvent,
    /// For `national_notification_sent`: the framework's notification (e.g. `ofsted_review`).
    #[serde(default)]
    #[serde(alias = "notification_id")]
    pub notification_id: Option<String>,
    pub date: NaiveDate,
}

/// A milestone the case can record, with words for people and its date when recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneSlot {
    pub event: CaseEvent,
    pub notification_id: Option<String>,
    /// "Sent to Ofsted", "The review started".
    pub label: String,
    /// What it is for, or what went with it: "Tell the National Panel of a decision not to hold
    /// an SCR"; none when there is nothing to add.
    pub hint: Option<String>,
    pub recorded: Option<NaiveDate>,
}

/// Whether `event` concerns a review being carried out (not a decision against one).
fn is_review_event(event: CaseEvent) -> bool {
    matches!(
        event,
        CaseEvent::ReviewStart
            | CaseEvent::ReviewCompleted
            | CaseEvent::Publication
            | CaseEvent::AdvanceCopySent
    )
}

/// Words for an event after the decision.
pub fn event_label(framework: &Framework, event: CaseEvent) -> String {
    let review = &framework.terminology.review_short_name;
    match event {
        CaseEvent::ReviewStart => format!("The {review} started"),
        CaseEvent::ReviewCompleted => format!("The {review} was completed"),
        CaseEvent::Publication => format!("The {review} report was published"),
        CaseEvent::AdvanceCopySent => "A copy of the report was sent before publication".to_owned(),
        CaseEvent::NationalNotificationSent => "A national notification was sent".to_owned(),
        CaseEvent::Incident => "The incident".to_owned(),
        CaseEvent::Notification => "The notification".to_owned(),
        CaseEvent::Referral => "The referral".to_owned(),
        CaseEvent::Advice => "The sub-group's advice".to_owned(),
        CaseEvent::Decision => "The decision".to_owned(),
    }
}

/// The milestones a decision of this kind can record under the framework, each with its recorded
/// date: one per national notification the decision needs; for a review, its start, completion
/// and publication; the advance copy where the framework has a timer for it.
pub fn slots(framework: &Framework, decision: DecisionKind, recorded: &[Milestone]) -> Vec<MilestoneSlot> {
    let date_of = |event: CaseEvent, notification: Option<&str>| {
        recorded
            .iter()
            .find(|m| m.event == event && m.notification_id.as_deref() == notification)
            .map(|m| m.date)
    };
    let mut out = Vec::new();
    for event in AFTER_DECISION {
        if event == CaseEvent::NationalNotificationSent {
            for n in framework
                .national_notifications
                .iter()
                .filter(|n| n.on_decision.contains(&decision))
            {
                let hint = n
                    .deadline_timer
                    .as_deref()
                    .and_then(|id| framework.timer(id))
                    .map(|t| t.label.clone());
                out.push(MilestoneSlot {
                    event,
                    notification_id: Some(n.id.clone()),
                    label: format!("Sent to {}", body_name(&n.recipient)),
                    hint,
                    recorded: date_of(event, Some(&n.id)),
                });
            }
            continue;
        }
        if !is_review_event(event) || decision == DecisionKind::NoReview {
            continue;
        }
        // The advance copy is a framework's own requirement: offered only where a timer asks for it.
        let timer = framework
            .timers
            .iter()
            .find(|t| t.end == event && applies(t, Some(decision)));
        if event == CaseEvent::AdvanceCopySent && timer.is_none() {
            continue;
        }
        out.push(MilestoneSlot {
            event,
            notification_id: None,
            label: event_label(framework, event),
            hint: timer.map(|t| t.label.clone()),
            recorded: date_of(event, None),
        });
    }
    out
}

/// A national body as a sentence names it: "Ofsted" and "DfE" alone, "the National Panel of
/// Independent Experts" and "the Secretary of State" with the article.
pub fn body_name(recipient: &str) -> String {
    let name = recipient.trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    if name.split_whitespace().count() > 1 {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

/// What the board knows of the case when a milestone is recorded, to check it against.
#[derive(Debug, Clone, Copy)]
pub struct MilestoneContext<'a> {
    pub framework: &'a Framework,
    pub decision: DecisionKind,
    pub decision_date: Option<NaiveDate>,
    pub notification_date: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Checks a milestone before it is recorded: an event this decision can have, the notification
/// named when (and only when) it is a national notification, and a date that is not in the future,
/// not before the notification (or, for the review's events, the decision), and in order with the
/// review's other milestones (`others`, the case's milestones as recorded now).
pub fn validated(
    context: &MilestoneContext<'_>,
    milestone: &Milestone,
    others: &[Milestone],
) -> Result<Milestone, DomainError> {
    let mut problems = Vec::new();
    let notification_id = milestone
        .notification_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    let milestone = Milestone {
        event: milestone.event,
        notification_id,
        date: milestone.date,
    };
    let offered = slots(context.framework, context.decision, others);
    let slot = offered
        .iter()
        .find(|s| s.event == milestone.event && s.notification_id == milestone.notification_id);
    if slot.is_none() {
        let message = if milestone.event == CaseEvent::NationalNotificationSent {
            "Choose one of the national notifications this decision needs".to_owned()
        } else {
            format!(
                "“{}” cannot be recorded for this decision",
                event_label(context.framework, milestone.event)
            )
        };
        problems.push(FieldProblem {
            field: "event",
            message,
        });
    }
    let date = milestone.date;
    let mut date_problem = |message: String| {
        problems.push(FieldProblem {
            field: "date",
            message,
        })
    };
    if date > context.today {
        date_problem(format!(
            "The date must be today ({}) or earlier",
            long_date(context.today)
        ));
    }
    let not_before = if is_review_event(milestone.event) {
        context.decision_date.map(|d| (d, "the decision"))
    } else {
        context.notification_date.map(|d| (d, "the notification"))
    };
    if let Some((earliest, what)) = not_before {
        if date < earliest {
            date_problem(format!(
                "The date must be on or after {what} ({})",
                long_date(earliest)
            ));
        }
    }
    let other = |event: CaseEvent| {
        others
            .iter()
            .find(|m| m.event == event && m.notification_id.is_none())
            .map(|m| m.date)
    };
    let order = [
        (
            CaseEvent::ReviewStart,
            CaseEvent::ReviewCompleted,
            "started",
            "completed",
        ),
        (
            CaseEvent::ReviewCompleted,
            CaseEvent::Publication,
            "completed",
            "published",
        ),
    ];
    for (earlier, later, earlier_word, later_word) in order {
        if milestone.event == later {
            if let Some(before) = other(earlier).filter(|before| date < *before) {
                date_problem(format!(
                    "The review cannot be {later_word} before it {earlier_word} ({})",
                    long_date(before)
                ));
            }
        }
        if milestone.event == earlier {
            if let Some(after) = other(later).filter(|after| date > *after) {
                date_problem(format!(
                    "The review cannot have {earlier_word} after it was {later_word} ({})",
                    long_date(after)
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(milestone)
    } else {
        Err(DomainError::Invalid {
            summary: "The milestone needs correcting".to_owned(),
            problems,
        })
    }
}

/// A correction's reason: required, as every change to a record is explained in the audit trail.
pub fn correction_reason(reason: &str) -> Result<String, DomainError> {
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() {
        return Err(DomainError::Invalid {
            summary: "Say why the milestone is being corrected".to_owned(),
            problems: vec![FieldProblem {
                field: "reason",
                message: "Enter why the date is being corrected".to_owned(),
            }],
        });
    }
    Ok(reason)
}

/// The case's event dates with its milestones added. A timer that ends on a national
/// notification is met by the notification that names it (see [`timers_with_milestones`]); here
/// the earliest notification sent stands for the event.
pub fn with_milestones(events: EventDates, milestones: &[Milestone]) -> EventDates {
    let mut events = events;
    for m in milestones.iter().filter(|m| AFTER_DECISION.contains(&m.event)) {
        let date = match (m.event, events.get(m.event)) {
            (CaseEvent::NationalNotificationSent, Some(known)) => known.min(m.date),
            _ => m.date,
        };
        events = events.with(m.event, date);
    }
    events
}

/// The end date that meets `timer`: for a timer ending on a national notification, the date the
/// notification that names it as its deadline was sent (when one does); otherwise the event's date.
fn end_for(
    framework: &Framework,
    timer: &Timer,
    events: &EventDates,
    milestones: &[Milestone],
) -> EventDates {
    if timer.end != CaseEvent::NationalNotificationSent {
        return events.clone();
    }
    let named = framework
        .national_notifications
        .iter()
        .find(|n| n.deadline_timer.as_deref() == Some(timer.id.as_str()));
    let Some(notification) = named else {
        return events.clone();
    };
    let mut dates = events.dates.clone();
    match milestones.iter().find(|m| {
        m.event == CaseEvent::NationalNotificationSent
            && m.notification_id.as_deref() == Some(&notification.id)
    }) {
        Some(sent) => dates.insert(CaseEvent::NationalNotificationSent, sent.date),
        None => dates.remove(&CaseEvent::NationalNotificationSent),
    };
    EventDates { dates }
}

/// Every timer of the framework on `today`, its end events taken from the milestones too.
pub fn timers_with_milestones(
    framework: &Framework,
    calendar: &WorkingCalendar,
    events: &EventDates,
    milestones: &[Milestone],
    decision: Option<DecisionKind>,
    today: NaiveDate,
) -> Result<Vec<TimerReport>, DomainError> {
    let events = with_milestones(events.clone(), milestones);
    framework
        .timers
        .iter()
        .map(|timer| {
            let own = end_for(framework, timer, &events, milestones);
            timer_status(calendar, timer, &own, decision, today)
        })
        .collect()
}

#[cfg(test)]
mod tests;
