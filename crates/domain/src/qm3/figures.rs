//! The period's figures and the chart of members told by day.

use super::{Qm3Row, Qm3Totals, ToldByDay};
use crate::calendar::WorkingCalendar;
use crate::obligations::{CaseFacts, LetterKind};

/// `part` of `whole` as a whole percentage, halves rounded up; none of nothing.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let (part, whole) = (u64::from(part), u64::from(whole));
    u32::try_from((part * 200 + whole) / (2 * whole)).ok()
}

/// The middle value (the mean of the middle two for an even count); none of nothing.
pub fn median(values: &[u32]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

pub(super) fn totals(decided: &[&Qm3Row], ended: &[&Qm3Row]) -> Qm3Totals {
    let sum = |f: fn(&Qm3Row) -> u32| decided.iter().map(|r| f(r)).sum::<u32>();
    let with_timescale = decided.iter().filter(|r| r.within_timescale.is_some()).count() as u32;
    let on_time = decided
        .iter()
        .filter(|r| r.within_timescale == Some(true))
        .count() as u32;
    let days: Vec<u32> = decided
        .iter()
        .filter_map(|r| r.working_days_to_decision)
        .collect();
    let members_to_tell = sum(|r| r.members_in_post);
    let members_told = sum(|r| r.members_told);
    let members_told_within = sum(|r| r.told_within);
    let members_acknowledged = sum(|r| r.acknowledged);
    let reviews_ended = ended.len() as u32;
    let outcome_notices_sent = ended.iter().filter(|r| r.outcome_notice_sent.is_some()).count() as u32;
    Qm3Totals {
        decisions: decided.len() as u32,
        decisions_with_timescale: with_timescale,
        decisions_on_time: on_time,
        decisions_on_time_percent: percent(on_time, with_timescale),
        median_working_days_to_decision: median(&days),
        members_to_tell,
        members_told,
        members_told_within,
        members_told_within_percent: percent(members_told_within, members_to_tell),
        members_acknowledged,
        members_acknowledged_percent: percent(members_acknowledged, members_told),
        reviews_ended,
        outcome_notices_sent,
        outcome_notices_percent: percent(outcome_notices_sent, reviews_ended),
    }
}

/// Of every member to be told of a decision in the period, the share told of it by each working
/// day after the decision (day 0 is the day itself), up to `days`.
pub(super) fn told_by_day<'a, 'f: 'a>(
    cases: impl Iterator<Item = &'a CaseFacts<'f>>,
    calendar: &WorkingCalendar,
    days: u32,
) -> Vec<ToldByDay> {
    let mut counts = vec![0u32; days as usize + 1];
    let mut whole = 0u32;
    for case in cases {
        let Some(decided) = case.decided.as_ref().map(|d| d.date) else {
            continue;
        };
        for member in &case.members {
            whole += 1;
            let told = member
                .letter(LetterKind::DecisionNotice)
                .and_then(|l| l.told)
                .map(|(on, _)| calendar.working_days_between(decided, on).max(0));
            if let Some(day) = told.and_then(|d| usize::try_from(d).ok()) {
                if let Some(count) = counts.get_mut(day) {
                    *count += 1;
                }
            }
        }
    }
    if whole == 0 {
        return Vec::new();
    }
    let mut running = 0;
    counts
        .into_iter()
        .enumerate()
        .map(|(day, count)| {
            running += count;
            ToldByDay {
                day: day as u32,
                told: running,
                percent: percent(running, whole).unwrap_or(0),
            }
        })
        .collect()
}
