//! The chair's home ("What needs doing") and the QM3 report's figures, both computed in `domain`
//! from every case's facts on the desk's today.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use scr_archive::Archive;
use scr_domain::obligations::{all_obligations, Obligation};
use scr_domain::qm3::{qm3_report, Qm3Report, Qm3Totals};
use scr_domain::retention::DueItem;

use crate::{Desk, DeskError};

/// How many obligations the home page shows at once: an archive of many open cases owes
/// thousands (a twenty-year archive, 4,981), and the most urgent come first.
pub const HOME_PAGE_SIZE: u32 = 20;

/// What needs doing across all cases, most urgent first, one page at a time; records due for
/// review; and the past year in figures. Everything the home page shows, in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeView {
    pub today: NaiveDate,
    /// The page of obligations asked for (the last one, when fewer pages are left).
    pub obligations: Vec<Obligation>,
    /// Obligations on every page.
    pub obligations_total: u32,
    /// The page shown, counted from 1.
    pub page: u32,
    pub page_size: u32,
    /// Records that reached the end of their retention period, longest overdue first.
    pub retention_due: Vec<DueItem>,
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

/// The places of `page`'s obligations among `total`, and the page they are on: a page past the
/// last (the list shrank since it was shown) is the last; page 0 is the first.
fn page_of(total: usize, page: u32) -> (std::ops::Range<usize>, u32) {
    let size = HOME_PAGE_SIZE as usize;
    let pages = total.div_ceil(size).max(1);
    let page = usize::try_from(page).unwrap_or(usize::MAX).clamp(1, pages);
    let start = (page - 1) * size;
    (
        start..total.min(start + size),
        u32::try_from(page).unwrap_or(u32::MAX),
    )
}

impl Desk {
    /// The home page showing `page` of the obligations (counted from 1; past the last page, the
    /// last one).
    pub fn home(&self, page: u32) -> Result<HomeView, DeskError> {
        self.with_archive(|archive| match page {
            1 => self.home_first_page(archive),
            _ => self.home_of(archive, page),
        })
    }

    /// Every obligation on every case, most urgent first: the home page's list unpaged.
    pub fn obligations(&self) -> Result<Vec<Obligation>, DeskError> {
        let today = self.today();
        self.with_archive(|archive| {
            let (cases, policy) = self.all_case_facts(archive)?;
            Ok(all_obligations(&cases, &self.calendar(archive)?, policy, today))
        })
    }

    pub(crate) fn home_of(&self, archive: &Archive, page: u32) -> Result<HomeView, DeskError> {
        let today = self.today();
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
        let mut all = all_obligations(&cases, &calendar, policy, today);
        let (shown, page) = page_of(all.len(), page);
        Ok(HomeView {
            today,
            obligations_total: u32::try_from(all.len()).unwrap_or(u32::MAX),
            obligations: all.drain(shown).collect(),
            page,
            page_size: HOME_PAGE_SIZE,
            retention_due: self.retention_due_in(archive)?,
            year_from,
            year: year.totals,
            told_within_working_days: policy.told_within_working_days,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_twenty_and_a_page_past_the_end_is_the_last() {
        assert_eq!(page_of(0, 1), (0..0, 1), "no obligations: one empty page");
        assert_eq!(page_of(45, 1), (0..20, 1));
        assert_eq!(page_of(45, 2), (20..40, 2));
        assert_eq!(page_of(45, 3), (40..45, 3));
        assert_eq!(
            page_of(45, 4),
            (40..45, 3),
            "the list shrank since page 4 was shown"
        );
        assert_eq!(page_of(40, u32::MAX), (20..40, 2));
        assert_eq!(page_of(45, 0), (0..20, 1));
    }
}
