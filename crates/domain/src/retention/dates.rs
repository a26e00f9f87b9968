//! Dates of a retention schedule: a period added to a date, and the 18th birthday.
//!
//! Both count whole years and months as anniversaries. An anniversary that does not exist (29
//! February in a year that is not a leap year, 31 March plus one month) falls on the first day of
//! the next month: under the Family Law Reform Act 1969 s. 9 a person attains an age at the start
//! of the anniversary of their birth, and a record is never due before the day a period has run.

use chrono::{Datelike, Months, NaiveDate};

use super::RetentionPeriod;

/// `date` plus `period`, or None when the result would be past the calendar's end.
pub fn add_period(date: NaiveDate, period: RetentionPeriod) -> Option<NaiveDate> {
    let months = i64::from(period.years)
        .checked_mul(12)?
        .checked_add(i64::from(period.months))?;
    let month_index = i64::from(date.month0()).checked_add(months)?;
    let year = i64::from(date.year()).checked_add(month_index.div_euclid(12))?;
    let year = i32::try_from(year).ok()?;
    let month = u32::try_from(month_index.rem_euclid(12)).ok()? + 1;
    match NaiveDate::from_ymd_opt(year, month, date.day()) {
        Some(anniversary) => Some(anniversary),
        // The day does not exist in that month: the first of the next month.
        None => NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_months(Months::new(1)),
    }
}

/// The day a child born on `date_of_birth` turns 18.
pub fn eighteenth_birthday(date_of_birth: NaiveDate) -> Option<NaiveDate> {
    add_period(date_of_birth, RetentionPeriod { years: 18, months: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn years(years: u32) -> RetentionPeriod {
        RetentionPeriod { years, months: 0 }
    }

    #[test]
    fn whole_years_and_months_are_anniversaries() {
        assert_eq!(add_period(day(2016, 4, 12), years(6)), Some(day(2022, 4, 12)));
        let period = RetentionPeriod { years: 1, months: 11 };
        assert_eq!(add_period(day(2016, 4, 12), period), Some(day(2018, 3, 12)));
    }

    #[test]
    fn a_missing_anniversary_falls_on_the_first_of_the_next_month() {
        assert_eq!(eighteenth_birthday(day(2008, 2, 29)), Some(day(2026, 3, 1)));
        assert_eq!(eighteenth_birthday(day(2000, 2, 29)), Some(day(2018, 3, 1)));
        // 2028 is a leap year: the birthday itself exists.
        assert_eq!(eighteenth_birthday(day(2010, 2, 28)), Some(day(2028, 2, 28)));
        let one_month = RetentionPeriod { years: 0, months: 1 };
        assert_eq!(add_period(day(2026, 1, 31), one_month), Some(day(2026, 3, 1)));
        assert_eq!(add_period(day(2026, 12, 31), one_month), Some(day(2027, 1, 31)));
    }

    #[test]
    fn the_end_of_the_calendar_is_none_not_a_panic() {
        assert_eq!(add_period(NaiveDate::MAX, years(1)), None);
        assert_eq!(
            add_period(
                day(2026, 1, 1),
                RetentionPeriod {
                    years: u32::MAX,
                    months: u32::MAX
                }
            ),
            None
        );
    }
}
