//! The framework's timers for a case: when each is due and where it stands on a given day.
//!
//! There is no hidden clock: `today` is always passed in.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::{add_calendar_days, add_months, subtract_months, WorkingCalendar};
use crate::case::CaseSummary;
use crate::decision::DecisionDraft;
use crate::framework::{CaseEvent, DecisionKind, Framework, Timer, TimerDirection, TimerUnit};
use crate::DomainError;

/// The dates on which a case's events happened (or, for planned events, are planned).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct EventDates {
    pub dates: BTreeMap<CaseEvent, NaiveDate>,
}

impl EventDates {
    /// The dates the case and the draft know: incident, notification, referral, advice, decision.
    /// Later events (review start, notification sent, completion, publication) are added with
    /// [`EventDates::with`] from the archive's record.
    pub fn from_case(case: &CaseSummary, draft: Option<&DecisionDraft>) -> EventDates {
        let mut dates = BTreeMap::new();
        let mut put = |event, date: Option<NaiveDate>| {
            if let Some(date) = date {
                dates.insert(event, date);
            }
        };
        put(CaseEvent::Incident, case.incident_date);
        put(CaseEvent::Notification, case.notification_date);
        put(CaseEvent::Referral, case.referral_date);
        if let Some(draft) = draft {
            put(CaseEvent::Advice, draft.advice.as_ref().and_then(|a| a.date));
            put(CaseEvent::Decision, draft.decision_date);
        }
        EventDates { dates }
    }

    pub fn with(mut self, event: CaseEvent, date: NaiveDate) -> EventDates {
        self.dates.insert(event, date);
        self
    }

    pub fn get(&self, event: CaseEvent) -> Option<NaiveDate> {
        self.dates.get(&event).copied()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum TimerStatus {
    /// The timer does not apply to the decision taken.
    NotApplicable,
    /// Its start event has not happened yet.
    NotStarted,
    /// Due on `due`; `calendar_days` and `working_days` left (0 on the day it is due).
    Running {
        due: NaiveDate,
        #[ts(type = "number")]
        calendar_days: i64,
        #[ts(type = "number")]
        working_days: i64,
    },
    /// The end event happened on or before the due date.
    Met { due: NaiveDate, on: NaiveDate },
    /// The end event happened after the due date.
    MetLate {
        due: NaiveDate,
        on: NaiveDate,
        #[ts(type = "number")]
        calendar_days: i64,
        #[ts(type = "number")]
        working_days: i64,
    },
    /// Past due and the end event has not happened: overdue by so many days.
    Overdue {
        due: NaiveDate,
        #[ts(type = "number")]
        calendar_days: i64,
        #[ts(type = "number")]
        working_days: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimerReport {
    pub timer_id: String,
    pub label: String,
    pub unit: TimerUnit,
    pub length: u32,
    pub due: Option<NaiveDate>,
    pub status: TimerStatus,
    pub unverified: bool,
}

impl TimerReport {
    pub fn is_overdue(&self) -> bool {
        matches!(self.status, TimerStatus::Overdue { .. })
    }
}

/// When a timer is due, counted from (or back from) its start date.
///
/// Working days count from the day after the start ([`WorkingCalendar::add_working_days`]);
/// calendar days likewise (14 days from 1 March is 15 March); months clamp to the month's end.
pub fn due_date(
    calendar: &WorkingCalendar,
    timer: &Timer,
    start: NaiveDate,
) -> Result<NaiveDate, DomainError> {
    match (timer.unit, timer.direction) {
        (TimerUnit::WorkingDays, TimerDirection::After) => calendar.add_working_days(start, timer.length),
        (TimerUnit::WorkingDays, TimerDirection::Before) => {
            calendar.subtract_working_days(start, timer.length)
        }
        (TimerUnit::CalendarDays, TimerDirection::After) => add_calendar_days(start, i64::from(timer.length)),
        (TimerUnit::CalendarDays, TimerDirection::Before) => {
            add_calendar_days(start, -i64::from(timer.length))
        }
        (TimerUnit::Months, TimerDirection::After) => add_months(start, timer.length),
        (TimerUnit::Months, TimerDirection::Before) => subtract_months(start, timer.length),
    }
}

/// Whether a timer applies to a decision (`None`: not decided yet, so only the timers that
/// apply to every decision, or have not yet started, are shown).
pub fn applies(timer: &Timer, decision: Option<DecisionKind>) -> bool {
    match decision {
        _ if timer.applies_to.is_empty() => true,
        Some(kind) => timer.applies_to.contains(&kind),
        None => true,
    }
}

/// The status of one timer on `today`.
pub fn timer_status(
    calendar: &WorkingCalendar,
    timer: &Timer,
    events: &EventDates,
    decision: Option<DecisionKind>,
    today: NaiveDate,
) -> Result<TimerReport, DomainError> {
    let report = |due, status| TimerReport {
        timer_id: timer.id.clone(),
        label: timer.label.clone(),
        unit: timer.unit,
        length: timer.length,
        due,
        status,
        unverified: timer.unverified,
    };
    if !applies(timer, decision) {
        return Ok(report(None, TimerStatus::NotApplicable));
    }
    // A timer that depends on the decision is not started until the decision is known.
    if !timer.applies_to.is_empty() && decision.is_none() {
        return Ok(report(None, TimerStatus::NotStarted));
    }
    let Some(start) = events.get(timer.start) else {
        return Ok(report(None, TimerStatus::NotStarted));
    };
    let due = due_date(calendar, timer, start)?;
    let gap =
        |from: NaiveDate, to: NaiveDate| ((to - from).num_days(), calendar.working_days_between(from, to));
    let status = match events.get(timer.end) {
        Some(on) if on <= due => TimerStatus::Met { due, on },
        Some(on) => {
            let (calendar_days, working_days) = gap(due, on);
            TimerStatus::MetLate {
                due,
                on,
                calendar_days,
                working_days,
            }
        }
        None if today <= due => {
            let (calendar_days, working_days) = gap(today, due);
            TimerStatus::Running {
                due,
                calendar_days,
                working_days,
            }
        }
        None => {
            let (calendar_days, working_days) = gap(due, today);
            TimerStatus::Overdue {
                due,
                calendar_days,
                working_days,
            }
        }
    };
    Ok(report(Some(due), status))
}

/// Every timer of the framework for a case, on `today`.
pub fn timers(
    framework: &Framework,
    calendar: &WorkingCalendar,
    events: &EventDates,
    decision: Option<DecisionKind>,
    today: NaiveDate,
) -> Result<Vec<TimerReport>, DomainError> {
    framework
        .timers
        .iter()
        .map(|timer| timer_status(calendar, timer, events, decision, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkRegistry;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn status(
        framework: &Framework,
        id: &str,
        events: &EventDates,
        decision: Option<DecisionKind>,
        today: &str,
    ) -> TimerReport {
        let timer = framework.timer(id).expect("timer");
        timer_status(&WorkingCalendar::england(), timer, events, decision, d(today)).unwrap()
    }

    #[test]
    fn wt2015_decision_is_due_one_month_from_notification() {
        let registry = FrameworkRegistry::with_builtins();
        let f = registry.latest("wt2015-scr").unwrap();
        let none = EventDates::default();
        assert_eq!(
            status(f, "decision_due", &none, None, "2016-03-20").status,
            TimerStatus::NotStarted
        );
        let events = EventDates::default().with(CaseEvent::Notification, d("2016-03-17"));
        assert_eq!(
            status(f, "decision_due", &events, None, "2016-04-12").status,
            TimerStatus::Running {
                due: d("2016-04-17"),
                calendar_days: 5,
                working_days: 3
            }
        );
        assert_eq!(
            status(f, "decision_due", &events, None, "2016-04-17").status,
            TimerStatus::Running {
                due: d("2016-04-17"),
                calendar_days: 0,
                working_days: 0
            }
        );
        assert_eq!(
            status(f, "decision_due", &events, None, "2016-04-20").status,
            TimerStatus::Overdue {
                due: d("2016-04-17"),
                calendar_days: 3,
                working_days: 3
            }
        );
        let decided = events.clone().with(CaseEvent::Decision, d("2016-04-12"));
        assert_eq!(
            status(
                f,
                "decision_due",
                &decided,
                Some(DecisionKind::Review),
                "2016-05-01"
            )
            .status,
            TimerStatus::Met {
                due: d("2016-04-17"),
                on: d("2016-04-12")
            }
        );
        let late = events.with(CaseEvent::Decision, d("2016-04-19"));
        assert_eq!(
            status(f, "decision_due", &late, Some(DecisionKind::Review), "2016-05-01").status,
            TimerStatus::MetLate {
                due: d("2016-04-17"),
                on: d("2016-04-19"),
                calendar_days: 2,
                working_days: 2
            }
        );
        // 31 January + 1 month is the end of February.
        let jan = EventDates::default().with(CaseEvent::Notification, d("2026-01-31"));
        assert_eq!(
            status(f, "decision_due", &jan, None, "2026-02-01").due,
            Some(d("2026-02-28"))
        );
    }

    #[test]
    fn wt2015_panel_notification_only_for_no_review_within_14_days() {
        let registry = FrameworkRegistry::with_builtins();
        let f = registry.latest("wt2015-scr").unwrap();
        let events = EventDates::default()
            .with(CaseEvent::Notification, d("2026-03-02"))
            .with(CaseEvent::Decision, d("2026-03-30"));
        let report = status(
            f,
            "panel_notification_no_review",
            &events,
            Some(DecisionKind::NoReview),
            "2026-04-10",
        );
        assert_eq!(report.due, Some(d("2026-04-13")));
        assert!(matches!(
            report.status,
            TimerStatus::Running { calendar_days: 3, .. }
        ));
        assert_eq!(
            status(
                f,
                "panel_notification_no_review",
                &events,
                Some(DecisionKind::Review),
                "2026-04-10"
            )
            .status,
            TimerStatus::NotApplicable
        );
        assert_eq!(
            status(f, "panel_notification_no_review", &events, None, "2026-04-10").status,
            TimerStatus::NotStarted
        );
        let sent = events.with(CaseEvent::NationalNotificationSent, d("2026-04-01"));
        assert!(matches!(
            status(
                f,
                "panel_notification_no_review",
                &sent,
                Some(DecisionKind::NoReview),
                "2026-05-01"
            )
            .status,
            TimerStatus::Met { .. }
        ));
    }

    #[test]
    fn review_completion_is_six_months_from_the_decision() {
        let registry = FrameworkRegistry::with_builtins();
        for id in ["wt2015-scr", "wt2018-lcspr", "wt2023-lcspr"] {
            let f = registry.latest(id).unwrap();
            let events = EventDates::default().with(CaseEvent::Decision, d("2016-04-12"));
            let report = status(
                f,
                "review_completion",
                &events,
                Some(DecisionKind::Review),
                "2016-11-01",
            );
            assert_eq!(report.due, Some(d("2016-10-12")), "{id}");
            assert!(report.is_overdue());
            assert_eq!(
                report.status,
                TimerStatus::Overdue {
                    due: d("2016-10-12"),
                    calendar_days: 20,
                    working_days: 14
                }
            );
            assert_eq!(
                status(
                    f,
                    "review_completion",
                    &events,
                    Some(DecisionKind::NoReview),
                    "2016-11-01"
                )
                .status,
                TimerStatus::NotApplicable
            );
        }
    }

    #[test]
    fn lcspr_rapid_review_is_15_working_days_and_skips_bank_holidays() {
        let registry = FrameworkRegistry::with_builtins();
        for id in ["wt2018-lcspr", "wt2023-lcspr"] {
            let f = registry.latest(id).unwrap();
            // Notified Thursday 24 December 2026: Christmas (Fri 25) and Boxing Day
            // substitute (Mon 28) and New Year's Day (Fri 1 Jan) do not count.
            let events = EventDates::default().with(CaseEvent::Notification, d("2026-12-24"));
            let report = status(f, "decision_due", &events, None, "2027-01-04");
            assert_eq!(report.due, Some(d("2027-01-19")), "{id}");
            assert_eq!(
                report.status,
                TimerStatus::Running {
                    due: d("2027-01-19"),
                    calendar_days: 15,
                    working_days: 11
                }
            );
            let panel = status(f, "panel_rapid_review", &events, None, "2027-01-20");
            assert_eq!(
                panel.status,
                TimerStatus::Overdue {
                    due: d("2027-01-19"),
                    calendar_days: 1,
                    working_days: 1
                }
            );
            // The advance copy is due 7 working days before publication (unverified).
            let published = EventDates::default()
                .with(CaseEvent::Decision, d("2027-01-15"))
                .with(CaseEvent::Publication, d("2027-07-15"));
            let advance = status(
                f,
                "advance_copy_to_panel",
                &published,
                Some(DecisionKind::Review),
                "2027-07-01",
            );
            assert!(advance.unverified);
            assert_eq!(advance.due, Some(d("2027-07-06")));
        }
    }

    #[test]
    fn every_timer_of_a_framework_is_reported() {
        let registry = FrameworkRegistry::with_builtins();
        let f = registry.default_framework();
        let case = CaseSummary {
            notification_date: Some(d("2026-03-02")),
            ..CaseSummary::default()
        };
        let events = EventDates::from_case(&case, None);
        let all = timers(f, &WorkingCalendar::england(), &events, None, d("2026-03-03")).unwrap();
        assert_eq!(all.len(), f.timers.len());
        assert!(matches!(all[0].status, TimerStatus::Running { .. }));
        let json = serde_json::to_string(&all[0]).unwrap();
        assert!(json.contains("\"state\":\"running\""), "{json}");
    }
}
