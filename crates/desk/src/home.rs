//! The chair's home ("What needs doing") and the QM3 report's figures, both computed in `domain`
//! from every case's facts on the desk's today.

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use scr_domain::obligations::{all_obligations, Obligation};
use scr_domain::qm3::{qm3_report, Qm3Report, Qm3Totals};

use crate::{Desk, DeskError};

/// What needs doing across all cases, most urgent first, and the past year in figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeView {
    pub today: NaiveDate,
    pub obligations: Vec<Obligation>,
    /// The year to today: from the day after the same date a year ago.
    pub year_from: NaiveDate,
    pub year: Qm3Totals,
    pub told_within_working_days: u32,
}

/// The year ending on `today`: a report period of twelve months.
pub fn year_to(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.succ_opt())
        .unwrap_or(today)
}

impl Desk {
    /// The home page: every obligation on every case, most urgent first.
    pub fn home(&self) -> Result<HomeView, DeskError> {
        let today = self.today();
        self.with_archive(|archive| {
            let (cases, policy) = self.all_case_facts(archive)?;
            let calendar = self.calendar(archive)?;
            let year_from = year_to(today);
            let year = qm3_report(
                &cases,
                &calendar,
                year_from,
                today,
                policy.told_within_working_days,
            );
            Ok(HomeView {
                today,
                obligations: all_obligations(&cases, &calendar, policy, today),
                year_from,
                year: year.totals,
                told_within_working_days: policy.told_within_working_days,
            })
        })
    }

    /// What is owed on one case, most urgent first, read for that case alone: the same rules as
    /// [`Desk::home`], which reads every case at once.
    pub fn case_obligations(&self, case_id: i64) -> Result<Vec<Obligation>, DeskError> {
        let today = self.today();
        self.with_archive(|archive| {
            let (case, policy) = self.case_facts(archive, case_id)?;
            let calendar = self.calendar(archive)?;
            Ok(all_obligations(
                std::slice::from_ref(&case),
                &calendar,
                policy,
                today,
            ))
        })
    }

    /// The QM3 report's rows, figures and charts for `from..=to` (both in the past or today).
    pub fn qm3(&self, from: NaiveDate, to: NaiveDate) -> Result<Qm3Report, DeskError> {
        if from > to {
            return Err(DeskError::ReportInvalid {
                summary: "The report's period ends before it starts".to_owned(),
                problems: vec![scr_domain::FieldProblem {
                    field: "to",
                    message: "Enter an end date on or after the start date".to_owned(),
                }],
            });
        }
        self.with_archive(|archive| {
            let (cases, policy) = self.all_case_facts(archive)?;
            let calendar = self.calendar(archive)?;
            Ok(qm3_report(
                &cases,
                &calendar,
                from,
                to,
                policy.told_within_working_days,
            ))
        })
    }
}
