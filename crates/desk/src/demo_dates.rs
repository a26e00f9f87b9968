//! The demonstration lives in the present: the example case ("Child T", decided on Tuesday
//! 12 April 2016 in `scr_domain::example`) moved forward by whole weeks, so that its decision falls
//! in the week before the desk's today and every date keeps its weekday. Nothing on it is then
//! overdue by years on a first look (the timers run from the decision).

use chrono::{Days, NaiveDate};

use scr_domain::case::{CaseSummary, RestrictedAnnex};
use scr_domain::decision::DecisionDraft;
use scr_domain::example;

/// The example's decision date.
const EXAMPLE_DECISION: (i32, u32, u32) = (2016, 4, 12);

/// Whole weeks from the example's decision to the latest date at least a day before `today`
/// (none when `today` is before the example itself).
pub(crate) fn demo_shift(today: NaiveDate) -> Days {
    let (y, m, d) = EXAMPLE_DECISION;
    let decided = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let target = today.pred_opt().unwrap_or(today);
    let weeks = (target - decided).num_days().max(0) / 7;
    Days::new(u64::try_from(weeks * 7).unwrap_or(0))
}

fn moved(date: Option<NaiveDate>, by: Days) -> Option<NaiveDate> {
    date.map(|d| d.checked_add_days(by).unwrap_or(d))
}

/// The example case's summary with its dates (and its reference's year) moved.
pub(crate) fn demo_case(by: Days) -> CaseSummary {
    let mut case = example::case();
    case.incident_date = moved(case.incident_date, by);
    case.notification_date = moved(case.notification_date, by);
    case.referral_date = moved(case.referral_date, by);
    if let Some(plan) = case.family_plan.as_mut() {
        plan.planned_date = moved(plan.planned_date, by);
    }
    if let Some(notified) = case.notification_date {
        case.reference = Some(format!("SCR-{}-004", notified.format("%Y")));
    }
    case
}

/// The example annex with the child's date of birth moved too, so the child stays aged one.
pub(crate) fn demo_annex(by: Days) -> RestrictedAnnex {
    let mut annex = example::annex();
    annex.date_of_birth = moved(annex.date_of_birth, by);
    annex
}

/// The example draft's dates moved.
pub(crate) fn moved_draft(mut draft: DecisionDraft, by: Days) -> DecisionDraft {
    if let Some(advice) = draft.advice.as_mut() {
        advice.date = moved(advice.date, by);
    }
    draft.decision_date = moved(draft.decision_date, by);
    if let Some(plan) = draft.review_plan.as_mut() {
        plan.expected_completion = moved(plan.expected_completion, by);
    }
    for notification in &mut draft.notifications {
        notification.planned_date = moved(notification.planned_date, by);
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_decision_falls_in_the_week_before_today_on_its_weekday() {
        for today in ["2026-05-11", "2026-12-25", "2030-02-28", "2016-04-13"] {
            let today = day(today);
            let decided = day("2016-04-12") + demo_shift(today);
            let before = (today - decided).num_days();
            assert!((1..8).contains(&before), "{today}: decided {decided}");
            assert_eq!(decided.weekday(), chrono::Weekday::Tue);
        }
        // Before the example: unmoved.
        assert_eq!(demo_shift(day("2016-01-01")), Days::new(0));
    }

    #[test]
    fn every_date_moves_by_the_same_weeks() {
        let by = demo_shift(day("2026-05-11"));
        let case = demo_case(by);
        assert_eq!(case.notification_date, Some(day("2026-04-09")));
        assert_eq!(case.reference.as_deref(), Some("SCR-2026-004"));
        assert_eq!(demo_annex(by).date_of_birth, Some(day("2024-07-01")));
    }
}
