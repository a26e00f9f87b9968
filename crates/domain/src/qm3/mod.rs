//! The Quality Marker 3 report for a period: evidence, for the board's annual report and for
//! inspectors, that every member was told of each decision and of its outcome, on time, with a
//! full rationale (SCIE/NSPCC Quality Marker 3: "a mechanism to advise the board membership as a
//! whole of the decision ... and of the outcome of the process").
//!
//! Which cases it covers: those decided in the period, and those whose review ended (completed or
//! published) or whose outcome notice was issued in it. The period's figures count the cases
//! decided in it, except the outcome notices, which count the reviews that ended in it.

mod figures;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::WorkingCalendar;
use crate::framework::{CaseEvent, DecisionKind};
use crate::obligations::{CaseFacts, LetterKind};
use crate::register::Channel;

pub use figures::{median, percent};

/// The board's setting for "told within N working days" when it has not chosen one.
pub const DEFAULT_TOLD_WITHIN_WORKING_DAYS: u32 = 5;

/// How far the chart of members told runs, in working days after the decision.
pub const TOLD_CHART_DAYS: u32 = 15;

/// One case's line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Qm3Row {
    #[ts(type = "number")]
    pub case_id: i64,
    pub reference: String,
    pub pseudonym: String,
    pub notified: Option<NaiveDate>,
    pub decided: Option<NaiveDate>,
    /// Working days from notification to decision.
    pub working_days_to_decision: Option<u32>,
    /// The framework's timescale for the decision, in working days from the notification.
    pub timescale_working_days: Option<u32>,
    /// Decided on or before the framework's due date.
    pub within_timescale: Option<bool>,
    /// "Serious Case Review", "Alternative review: learning review", "No review".
    pub decision: String,
    pub letters_issued: u32,
    /// Members in post on the decision date who receive letters.
    pub members_in_post: u32,
    /// Members told by any channel: the three counts below added.
    pub members_told: u32,
    pub told_by_email: u32,
    pub told_by_secure_export: u32,
    pub told_by_post: u32,
    /// Told of the decision within the board's N working days of it.
    pub told_within: u32,
    pub acknowledged: u32,
    pub updates_sent: u32,
    /// The day the first outcome notice was issued.
    pub outcome_notice_sent: Option<NaiveDate>,
    pub review_ended: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
}

/// The period in figures. Each share is given with its parts, so that nobody has to trust a
/// rounded percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Qm3Totals {
    pub decisions: u32,
    /// Decisions with a timescale (a notification date and a decision timer).
    pub decisions_with_timescale: u32,
    pub decisions_on_time: u32,
    pub decisions_on_time_percent: Option<u32>,
    /// The median of the working days from notification to decision.
    pub median_working_days_to_decision: Option<f64>,
    pub members_to_tell: u32,
    pub members_told: u32,
    pub members_told_within: u32,
    pub members_told_within_percent: Option<u32>,
    pub members_acknowledged: u32,
    /// Of the members told.
    pub members_acknowledged_percent: Option<u32>,
    /// Reviews that ended (completed or published) in the period.
    pub reviews_ended: u32,
    pub outcome_notices_sent: u32,
    pub outcome_notices_percent: Option<u32>,
}

/// One bar of the decisions chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionBar {
    pub reference: String,
    pub pseudonym: String,
    pub working_days: u32,
    pub timescale: Option<u32>,
    pub within_timescale: Option<bool>,
}

/// The share of members told by a working day after the decision (cumulative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ToldByDay {
    pub day: u32,
    pub told: u32,
    pub percent: u32,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Qm3Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub told_within_working_days: u32,
    pub rows: Vec<Qm3Row>,
    pub totals: Qm3Totals,
    pub decision_chart: Vec<DecisionBar>,
    /// Days 0..=[`TOLD_CHART_DAYS`]; empty when nobody was to be told.
    pub told_chart: Vec<ToldByDay>,
}

fn in_period(date: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> bool {
    date.is_some_and(|d| from <= d && d <= to)
}

/// The words for the decision taken: the framework's option, and the kind of alternative review.
fn decision_words(case: &CaseFacts<'_>) -> String {
    let Some(decided) = &case.decided else {
        return "Not yet decided".to_owned();
    };
    let option = case
        .framework
        .decision_option(decided.kind)
        .map_or_else(|| format!("{:?}", decided.kind), |o| o.label.clone());
    match (decided.kind, decided.alternative_type.as_deref()) {
        (DecisionKind::AlternativeReview, Some(id)) => match case.framework.alternative_review_type(id) {
            Some(kind) => format!("{option}: {}", kind.label.to_lowercase()),
            None => option,
        },
        _ => option,
    }
}

/// The decision timer: due date and the working days it allows from its start.
fn timescale(case: &CaseFacts<'_>, calendar: &WorkingCalendar) -> Option<(NaiveDate, u32)> {
    let timer = case
        .framework
        .timers
        .iter()
        .find(|t| t.end == CaseEvent::Decision && t.start == CaseEvent::Notification)?;
    let notified = case.events.get(CaseEvent::Notification)?;
    let due = crate::timers::due_date(calendar, timer, notified).ok()?;
    let days = u32::try_from(calendar.working_days_between(notified, due)).ok()?;
    Some((due, days))
}

fn row(case: &CaseFacts<'_>, calendar: &WorkingCalendar, n: u32) -> Qm3Row {
    let notified = case.events.get(CaseEvent::Notification);
    let decided = case.decided.as_ref().map(|d| d.date);
    let working_days_to_decision = notified
        .zip(decided)
        .and_then(|(from, to)| u32::try_from(calendar.working_days_between(from, to)).ok());
    let scale = timescale(case, calendar);
    // As the decision timer reads it: met when decided on or before its due date.
    let within_timescale = scale.zip(decided).map(|((due, _), on)| on <= due);
    let deadline = decided.and_then(|d| calendar.add_working_days(d, n).ok());
    let told: Vec<(NaiveDate, Channel)> = case
        .members
        .iter()
        .filter_map(|m| m.letter(LetterKind::DecisionNotice).and_then(|l| l.told))
        .collect();
    let by = |channel: Channel| told.iter().filter(|(_, c)| *c == channel).count() as u32;
    let outcome_notice_sent = case
        .issues
        .iter()
        .filter(|i| i.kind == LetterKind::OutcomeNotice)
        .map(|i| i.issued_on)
        .min();
    let (email, secure_export, post) = (by(Channel::Email), by(Channel::SecureExport), by(Channel::Post));
    Qm3Row {
        case_id: case.case_id,
        reference: case.reference.clone(),
        pseudonym: case.pseudonym.clone(),
        notified,
        decided,
        working_days_to_decision,
        timescale_working_days: scale.map(|(_, days)| days),
        within_timescale,
        decision: decision_words(case),
        letters_issued: case.issues.iter().map(|i| i.letters).sum(),
        members_in_post: case.members.len() as u32,
        members_told: email + secure_export + post,
        told_by_email: email,
        told_by_secure_export: secure_export,
        told_by_post: post,
        told_within: told
            .iter()
            .filter(|(on, _)| deadline.is_some_and(|d| *on <= d))
            .count() as u32,
        acknowledged: case
            .members
            .iter()
            .filter(|m| m.acknowledged_on.is_some())
            .count() as u32,
        updates_sent: case
            .issues
            .iter()
            .filter(|i| i.kind == LetterKind::Update)
            .count() as u32,
        outcome_notice_sent,
        review_ended: case
            .milestone(CaseEvent::ReviewCompleted)
            .or_else(|| case.milestone(CaseEvent::Publication)),
        published: case.milestone(CaseEvent::Publication),
    }
}

/// The report for `from..=to`, counting "told within" as `n` working days after each decision.
pub fn qm3_report(
    cases: &[CaseFacts<'_>],
    calendar: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
    n: u32,
) -> Qm3Report {
    let covered: Vec<&CaseFacts<'_>> = cases
        .iter()
        .filter(|case| {
            let decided = case.decided.as_ref().map(|d| d.date);
            let ended = case
                .milestone(CaseEvent::ReviewCompleted)
                .or_else(|| case.milestone(CaseEvent::Publication));
            let outcome = case
                .issues
                .iter()
                .any(|i| i.kind == LetterKind::OutcomeNotice && in_period(Some(i.issued_on), from, to));
            in_period(decided, from, to) || in_period(ended, from, to) || outcome
        })
        .collect();
    let mut rows: Vec<(Qm3Row, &CaseFacts<'_>)> = covered.iter().map(|c| (row(c, calendar, n), *c)).collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.decided
            .cmp(&b.decided)
            .then_with(|| a.reference.cmp(&b.reference))
    });
    let decided_here: Vec<&Qm3Row> = rows
        .iter()
        .map(|(r, _)| r)
        .filter(|r| in_period(r.decided, from, to))
        .collect();
    let ended_here: Vec<&Qm3Row> = rows
        .iter()
        .map(|(r, _)| r)
        .filter(|r| in_period(r.review_ended, from, to))
        .collect();
    let totals = figures::totals(&decided_here, &ended_here);
    let decision_chart = decided_here
        .iter()
        .filter_map(|r| {
            Some(DecisionBar {
                reference: r.reference.clone(),
                pseudonym: r.pseudonym.clone(),
                working_days: r.working_days_to_decision?,
                timescale: r.timescale_working_days,
                within_timescale: r.within_timescale,
            })
        })
        .collect();
    let told_chart = figures::told_by_day(
        rows.iter()
            .filter(|(r, _)| in_period(r.decided, from, to))
            .map(|(_, case)| *case),
        calendar,
        TOLD_CHART_DAYS,
    );
    Qm3Report {
        from,
        to,
        told_within_working_days: n,
        rows: rows.into_iter().map(|(r, _)| r).collect(),
        totals,
        decision_chart,
        told_chart,
    }
}
