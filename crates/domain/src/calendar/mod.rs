//! Working days in England: weekends, bank holidays and the board's own closure days.
//!
//! Bank holidays follow the rules of the Banking and Financial Dealings Act 1971 as applied
//! since 1978 (when the early May bank holiday began), computed for any year. Holidays moved or
//! added by royal proclamation are data (`calendar/england-and-wales.toml`), so a future one is
//! a line in that file, and the board can add its own closure days on top.
//!
//! Years before 1978 are computed by today's rules and are not historically accurate.
//!
//! Counting conventions, used by every timer:
//! - [`WorkingCalendar::add_working_days`] counts from the day **after** `start`: the result is
//!   the n-th working day after `start`, whether or not `start` itself is a working day
//!   (so "within 15 working days of notification" on a Friday begins counting on Monday).
//! - [`WorkingCalendar::working_days_between`] counts the working days in `(from, to]`, so it is
//!   the inverse of `add_working_days`.
//! - [`add_months`] keeps the day of the month and clamps it to the month's end
//!   (31 January + 1 month = 28 February, or 29 in a leap year).

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

mod bank_holidays;
#[cfg(test)]
mod tests;

pub use bank_holidays::easter_sunday;
use bank_holidays::Moved;

/// A day on which the board's office is closed, with the name shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// The working-day calendar of England (bank holidays of England and Wales) plus closures.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    moved: Vec<Moved>,
    extra: Vec<Holiday>,
    closures: BTreeMap<NaiveDate, String>,
    /// The bank holidays that fall on a weekday in [`INDEXED_YEARS`], in date order: worked out
    /// once and shared by every copy of the calendar (they do not depend on closure days), so
    /// that counting working days never works out a year's holidays again.
    weekday_holidays: Arc<OnceLock<Vec<NaiveDate>>>,
}

/// The years whose bank holidays are indexed; a date outside them is worked out as asked.
const INDEXED_YEARS: std::ops::RangeInclusive<i32> = 1950..=2200;

impl WorkingCalendar {
    /// Adds a day the board's office is closed (or a new one-off bank holiday).
    pub fn add_closure(&mut self, date: NaiveDate, name: impl Into<String>) {
        self.closures.insert(date, name.into());
    }

    /// The calendar with these closure days added.
    pub fn with_closures(mut self, closures: impl IntoIterator<Item = Holiday>) -> WorkingCalendar {
        for closure in closures {
            self.add_closure(closure.date, closure.name);
        }
        self
    }

    /// The board's own closure days, in date order.
    pub fn closures(&self) -> Vec<Holiday> {
        self.closures
            .iter()
            .map(|(date, name)| Holiday {
                date: *date,
                name: name.clone(),
            })
            .collect()
    }

    /// Why `date` is not a working day, if it is not: "Saturday", a holiday's or closure's name.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<String> {
        match date.weekday() {
            Weekday::Sat => return Some("Saturday".to_owned()),
            Weekday::Sun => return Some("Sunday".to_owned()),
            _ => {}
        }
        if let Some(name) = self.closures.get(&date) {
            return Some(name.clone());
        }
        self.bank_holidays(date.year())
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        is_weekday(date) && !self.closures.contains_key(&date) && !self.is_weekday_holiday(date)
    }

    fn weekday_holidays(&self) -> &[NaiveDate] {
        self.weekday_holidays.get_or_init(|| {
            INDEXED_YEARS
                .flat_map(|year| self.bank_holidays(year))
                .map(|holiday| holiday.date)
                .filter(|date| is_weekday(*date))
                .collect()
        })
    }

    /// Whether a weekday is a bank holiday.
    fn is_weekday_holiday(&self, date: NaiveDate) -> bool {
        if INDEXED_YEARS.contains(&date.year()) {
            self.weekday_holidays().binary_search(&date).is_ok()
        } else {
            self.bank_holidays(date.year()).iter().any(|h| h.date == date)
        }
    }

    /// The bank holidays on weekdays in `(from, to]`.
    fn weekday_holidays_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let indexed = INDEXED_YEARS.contains(&from.year()) && INDEXED_YEARS.contains(&to.year());
        let count = if indexed {
            let days = self.weekday_holidays();
            days.partition_point(|d| *d <= to) - days.partition_point(|d| *d <= from)
        } else {
            (from.year()..=to.year())
                .flat_map(|year| self.bank_holidays(year))
                .filter(|h| h.date > from && h.date <= to && is_weekday(h.date))
                .count()
        };
        i64::try_from(count).unwrap_or(i64::MAX)
    }

    /// The n-th working day after `start` (`start` itself never counts; `n = 0` gives `start`).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date
                .succ_opt()
                .ok_or_else(|| out_of_range("adding working days"))?;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The n-th working day before `start` (`start` itself never counts; `n = 0` gives `start`).
    pub fn subtract_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date
                .pred_opt()
                .ok_or_else(|| out_of_range("subtracting working days"))?;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The number of working days in `(from, to]`; negative when `to` is before `from`.
    ///
    /// `working_days_between(s, add_working_days(s, n)) == n` for every `s` and `n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        // Counted, not walked: an overdue timer on an old case spans years, and the home page
        // counts one for each of thousands of obligations (a day-by-day walk was most of its
        // time over twenty years of cases). Weekdays come from whole weeks and the few days
        // over; then each closed weekday in the span (bank holidays year by year, and the
        // board's closure days, each date once) is taken off.
        let days = (to - from).num_days();
        let mut weekdays = days / 7 * 5;
        let mut day = from;
        for _ in 0..days % 7 {
            day = day.succ_opt().unwrap_or(day);
            if is_weekday(day) {
                weekdays += 1;
            }
        }
        // A closure day that is also a bank holiday is one closed day, not two.
        let closures = self
            .closures
            .range((Bound::Excluded(from), Bound::Included(to)))
            .filter(|(date, _)| is_weekday(**date) && !self.is_weekday_holiday(**date))
            .count();
        weekdays - self.weekday_holidays_in(from, to) - i64::try_from(closures).unwrap_or(i64::MAX)
    }
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        WorkingCalendar::england()
    }
}

/// `start` plus `n` calendar days (`n` may be negative).
pub fn add_calendar_days(start: NaiveDate, n: i64) -> Result<NaiveDate, DomainError> {
    let days = Days::new(n.unsigned_abs());
    let result = if n >= 0 {
        start.checked_add_days(days)
    } else {
        start.checked_sub_days(days)
    };
    result.ok_or_else(|| out_of_range("adding calendar days"))
}

/// `start` plus `n` calendar months, keeping the day of the month and clamping it to the end of
/// a shorter month: 31 January + 1 month = 28 February (29 in a leap year); 31 August + 1 month
/// = 30 September.
pub fn add_months(start: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
    start
        .checked_add_months(Months::new(n))
        .ok_or_else(|| out_of_range("adding months"))
}

/// `start` minus `n` calendar months, clamped like [`add_months`].
pub fn subtract_months(start: NaiveDate, n: u32) -> Result<NaiveDate, DomainError> {
    start
        .checked_sub_months(Months::new(n))
        .ok_or_else(|| out_of_range("subtracting months"))
}

fn out_of_range(what: &str) -> DomainError {
    DomainError::DateOutOfRange {
        what: what.to_owned(),
    }
}
