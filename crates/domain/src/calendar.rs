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

/// A day on which the board's office is closed, with the name shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// The rule-based bank holidays, as named in the data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Rule {
    NewYear,
    GoodFriday,
    EasterMonday,
    EarlyMay,
    Spring,
    Summer,
    Christmas,
    BoxingDay,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Moved {
    year: i32,
    holiday: Rule,
    date: NaiveDate,
    #[allow(dead_code)] // documentation in the data file
    reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarData {
    #[serde(default)]
    moved: Vec<Moved>,
    #[serde(default)]
    extra: Vec<Holiday>,
}

const ENGLAND_AND_WALES: &str = include_str!("../calendar/england-and-wales.toml");

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
    /// The bank holidays of England and Wales, with the built-in moved and one-off holidays.
    pub fn england() -> WorkingCalendar {
        let data: CalendarData = toml::from_str(ENGLAND_AND_WALES)
            .unwrap_or_else(|error| panic!("built-in calendar/england-and-wales.toml is invalid: {error}"));
        WorkingCalendar {
            moved: data.moved,
            extra: data.extra,
            closures: BTreeMap::new(),
            weekday_holidays: Arc::default(),
        }
    }

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

    /// The bank holidays of England and Wales in `year`, in date order (closures not included).
    pub fn bank_holidays(&self, year: i32) -> Vec<Holiday> {
        let mut days: Vec<Holiday> = Vec::with_capacity(10);
        let mut push = |rule: Rule, usual: Option<NaiveDate>, name: &str| {
            let moved = self.moved.iter().find(|m| m.year == year && m.holiday == rule);
            if let Some(date) = moved.map(|m| m.date).or(usual) {
                days.push(Holiday {
                    date,
                    name: name.to_owned(),
                });
            }
        };
        push(Rule::NewYear, new_year(year), "New Year's Day");
        let easter = easter_sunday(year);
        push(
            Rule::GoodFriday,
            easter.and_then(|d| d.checked_sub_days(Days::new(2))),
            "Good Friday",
        );
        push(
            Rule::EasterMonday,
            easter.and_then(|d| d.checked_add_days(Days::new(1))),
            "Easter Monday",
        );
        push(
            Rule::EarlyMay,
            NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Mon, 1),
            "Early May bank holiday",
        );
        push(Rule::Spring, last_monday(year, 5), "Spring bank holiday");
        push(Rule::Summer, last_monday(year, 8), "Summer bank holiday");
        let (christmas, boxing) = christmas_and_boxing_day(year);
        push(Rule::Christmas, christmas, "Christmas Day");
        push(Rule::BoxingDay, boxing, "Boxing Day");
        days.extend(self.extra.iter().filter(|h| h.date.year() == year).cloned());
        days.sort();
        days
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

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known as
/// the Meeus/Jones/Butcher algorithm).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// 1 January, or the Monday after when it falls at a weekend.
fn new_year(year: i32) -> Option<NaiveDate> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1)?;
    next_weekday(day)
}

/// Christmas Day and Boxing Day, moved to the next free weekday when either falls at a weekend.
fn christmas_and_boxing_day(year: i32) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some(christmas) = NaiveDate::from_ymd_opt(year, 12, 25) else {
        return (None, None);
    };
    let boxing = christmas.succ_opt();
    match christmas.weekday() {
        // Saturday: Christmas on Monday 27, Boxing Day on Tuesday 28.
        Weekday::Sat => (
            christmas.checked_add_days(Days::new(2)),
            christmas.checked_add_days(Days::new(3)),
        ),
        // Sunday: Boxing Day is Monday 26 as usual; Christmas is observed on Tuesday 27.
        Weekday::Sun => (christmas.checked_add_days(Days::new(2)), boxing),
        // Friday: Boxing Day (Saturday 26) is observed on Monday 28.
        Weekday::Fri => (Some(christmas), christmas.checked_add_days(Days::new(3))),
        _ => (Some(christmas), boxing),
    }
}

fn next_weekday(day: NaiveDate) -> Option<NaiveDate> {
    match day.weekday() {
        Weekday::Sat => day.checked_add_days(Days::new(2)),
        Weekday::Sun => day.succ_opt(),
        _ => Some(day),
    }
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_monday();
    last.checked_sub_days(Days::new(u64::from(back)))
}

fn out_of_range(what: &str) -> DomainError {
    DomainError::DateOutOfRange {
        what: what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    /// Every bank holiday in England and Wales, 2015–2030, written out by hand from the
    /// published lists (2015–2026) and worked out by the rules for 2027–2030.
    #[rustfmt::skip]
    const BANK_HOLIDAYS: &[(i32, &[&str])] = &[
        (2015, &["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"]),
        (2016, &["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"]),
        (2017, &["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26"]),
        (2018, &["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"]),
        (2019, &["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"]),
        (2020, &["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"]),
        (2021, &["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"]),
        (2022, &["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"]),
        (2023, &["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"]),
        (2024, &["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"]),
        (2025, &["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]),
        (2026, &["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
        (2027, &["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
        (2028, &["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]),
        (2029, &["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"]),
        (2030, &["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"]),
    ];

    #[test]
    fn bank_holidays_2015_to_2030_match_the_published_dates() {
        let calendar = WorkingCalendar::england();
        for (year, expected) in BANK_HOLIDAYS {
            let expected: BTreeSet<NaiveDate> = expected.iter().map(|text| d(text)).collect();
            let computed: BTreeSet<NaiveDate> = calendar
                .bank_holidays(*year)
                .into_iter()
                .map(|h| h.date)
                .collect();
            assert_eq!(computed, expected, "bank holidays in {year}");
        }
    }

    #[test]
    fn easter_sunday_by_the_computus() {
        let known = [
            (2015, "2015-04-05"),
            (2016, "2016-03-27"),
            (2017, "2017-04-16"),
            (2018, "2018-04-01"),
            (2019, "2019-04-21"),
            (2020, "2020-04-12"),
            (2021, "2021-04-04"),
            (2022, "2022-04-17"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2029, "2029-04-01"),
            (2030, "2030-04-21"),
            // The extremes of the Gregorian range of dates.
            (1818, "1818-03-22"),
            (2285, "2285-03-22"),
            (1943, "1943-04-25"),
            (2038, "2038-04-25"),
        ];
        for (year, sunday) in known {
            assert_eq!(easter_sunday(year), Some(d(sunday)), "Easter {year}");
        }
        for year in 1600..2500 {
            let sunday = easter_sunday(year).expect("in range");
            assert_eq!(sunday.weekday(), Weekday::Sun, "{year}");
            assert!(sunday >= d(&format!("{year}-03-22")) && sunday <= d(&format!("{year}-04-25")));
        }
    }

    #[test]
    fn one_off_and_moved_holidays_from_the_data() {
        let calendar = WorkingCalendar::england();
        let dates = |year| -> BTreeSet<NaiveDate> {
            calendar.bank_holidays(year).into_iter().map(|h| h.date).collect()
        };
        assert!(dates(1999).contains(&d("1999-12-31")));
        assert!(dates(2011).contains(&d("2011-04-29")));
        let y1995 = dates(1995);
        assert!(y1995.contains(&d("1995-05-08")) && !y1995.contains(&d("1995-05-01")));
        let y2002 = dates(2002);
        assert!(y2002.contains(&d("2002-06-03")) && y2002.contains(&d("2002-06-04")));
        assert!(!y2002.contains(&d("2002-05-27")));
        let y2012 = dates(2012);
        assert!(y2012.contains(&d("2012-06-04")) && y2012.contains(&d("2012-06-05")));
        assert!(!y2012.contains(&d("2012-05-28")));
        assert_eq!(
            calendar.non_working_reason(d("2022-09-19")).as_deref(),
            Some("State Funeral of Queen Elizabeth II")
        );
    }

    #[test]
    fn substitute_days_for_christmas_and_new_year() {
        // 25 December on a Saturday: Monday 27 and Tuesday 28.
        assert_eq!(
            christmas_and_boxing_day(2021),
            (Some(d("2021-12-27")), Some(d("2021-12-28")))
        );
        // On a Sunday: Boxing Day Monday 26, Christmas substitute Tuesday 27.
        assert_eq!(
            christmas_and_boxing_day(2022),
            (Some(d("2022-12-27")), Some(d("2022-12-26")))
        );
        // On a Friday: Boxing Day substitute Monday 28.
        assert_eq!(
            christmas_and_boxing_day(2020),
            (Some(d("2020-12-25")), Some(d("2020-12-28")))
        );
        assert_eq!(new_year(2022), Some(d("2022-01-03")));
        assert_eq!(new_year(2023), Some(d("2023-01-02")));
    }

    #[test]
    fn weekends_holidays_and_closures_are_not_working_days() {
        let mut calendar = WorkingCalendar::england();
        assert!(!calendar.is_working_day(d("2026-01-03"))); // Saturday
        assert!(!calendar.is_working_day(d("2026-01-04"))); // Sunday
        assert!(!calendar.is_working_day(d("2026-01-01")));
        assert!(calendar.is_working_day(d("2026-01-02")));
        calendar.add_closure(d("2026-01-02"), "Office closed");
        assert!(!calendar.is_working_day(d("2026-01-02")));
        assert_eq!(
            calendar.non_working_reason(d("2026-01-02")).as_deref(),
            Some("Office closed")
        );
        assert_eq!(calendar.closures().len(), 1);
    }

    #[test]
    fn adding_working_days_counts_from_the_day_after() {
        let calendar = WorkingCalendar::england();
        // Friday 3 April 2026 is Good Friday, Monday 6 Easter Monday.
        assert_eq!(
            calendar.add_working_days(d("2026-04-02"), 1).unwrap(),
            d("2026-04-07")
        );
        assert_eq!(
            calendar.add_working_days(d("2026-04-02"), 0).unwrap(),
            d("2026-04-02")
        );
        // A notification on Saturday: day 1 is Monday.
        assert_eq!(
            calendar.add_working_days(d("2026-01-10"), 1).unwrap(),
            d("2026-01-12")
        );
        // 15 working days from Monday 2 March 2026: Monday 23 March.
        assert_eq!(
            calendar.add_working_days(d("2026-03-02"), 15).unwrap(),
            d("2026-03-23")
        );
        // Across Christmas 2026: Thursday 24 December + 1 = Tuesday 29.
        assert_eq!(
            calendar.add_working_days(d("2026-12-24"), 1).unwrap(),
            d("2026-12-29")
        );
        assert_eq!(
            calendar.subtract_working_days(d("2026-12-29"), 1).unwrap(),
            d("2026-12-24")
        );
        assert_eq!(calendar.working_days_between(d("2026-12-24"), d("2026-12-29")), 1);
        assert_eq!(
            calendar.working_days_between(d("2026-12-29"), d("2026-12-24")),
            -1
        );
        assert_eq!(calendar.working_days_between(d("2026-12-24"), d("2026-12-24")), 0);
    }

    #[test]
    fn adding_working_days_never_lands_on_a_closed_day_and_is_inverted_by_counting() {
        let calendar = WorkingCalendar::england();
        let mut start = d("2019-12-01");
        while start < d("2023-02-01") {
            for n in [1u32, 2, 3, 5, 10, 15, 20] {
                let end = calendar.add_working_days(start, n).unwrap();
                assert!(calendar.is_working_day(end), "{start} + {n} = {end}");
                assert_eq!(
                    calendar.working_days_between(start, end),
                    i64::from(n),
                    "{start} + {n}"
                );
                // Every day strictly between the n-1-th and n-th working day is closed.
                let previous = calendar.add_working_days(start, n - 1).unwrap();
                assert!(previous
                    .iter_days()
                    .skip(1)
                    .take_while(|day| *day < end)
                    .all(|day| !calendar.is_working_day(day)));
                let back = calendar.subtract_working_days(end, n).unwrap();
                assert!(back <= start);
                assert_eq!(calendar.working_days_between(back, end), i64::from(n));
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months(d("2026-01-31"), 1).unwrap(), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1).unwrap(), d("2028-02-29"));
        assert_eq!(add_months(d("2026-08-31"), 1).unwrap(), d("2026-09-30"));
        assert_eq!(add_months(d("2026-03-17"), 6).unwrap(), d("2026-09-17"));
        assert_eq!(add_months(d("2026-08-31"), 6).unwrap(), d("2027-02-28"));
        assert_eq!(subtract_months(d("2026-03-31"), 1).unwrap(), d("2026-02-28"));
        assert_eq!(add_calendar_days(d("2026-12-25"), 14).unwrap(), d("2027-01-08"));
        assert_eq!(add_calendar_days(d("2026-01-08"), -14).unwrap(), d("2025-12-25"));
        assert!(add_calendar_days(NaiveDate::MAX, 1).is_err());
        assert!(add_months(NaiveDate::MAX, 1).is_err());
    }

    #[test]
    fn counting_over_years_agrees_with_each_day_asked_in_turn() {
        let mut calendar = WorkingCalendar::england();
        calendar.add_closure(d("2019-12-27"), "Office closed");
        calendar.add_closure(d("2022-09-19"), "Already a bank holiday");
        calendar.add_closure(d("2024-08-17"), "A Saturday");
        let one_by_one = |from: NaiveDate, to: NaiveDate| {
            from.iter_days()
                .skip(1)
                .take_while(|day| *day <= to)
                .filter(|day| calendar.non_working_reason(*day).is_none())
                .count() as i64
        };
        let (from, to) = (d("2006-12-29"), d("2027-01-04"));
        assert_eq!(calendar.working_days_between(from, to), one_by_one(from, to));
        assert_eq!(calendar.working_days_between(to, from), -one_by_one(from, to));
        // Every span of up to three weeks starting on each day of 2019-2024: each weekday the
        // span starts and ends on, and the holidays and closures at its edges.
        let mut start = d("2019-01-01");
        while start < d("2025-01-01") {
            for length in 0..22 {
                let end = start + Days::new(length);
                assert_eq!(
                    calendar.working_days_between(start, end),
                    one_by_one(start, end),
                    "{start} to {end}"
                );
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn the_holiday_index_agrees_with_each_day_worked_out_alone_and_past_its_years() {
        let mut calendar = WorkingCalendar::england();
        calendar.add_closure(d("1949-12-28"), "Closed before the index");
        calendar.add_closure(d("2200-12-29"), "Closed at its end");
        let mut day = d("1940-01-01");
        while day < d("2210-01-01") {
            assert_eq!(
                calendar.is_working_day(day),
                calendar.non_working_reason(day).is_none(),
                "{day}"
            );
            day = day.succ_opt().unwrap();
        }
        // Spans that start before the indexed years, end after them, or lie wholly outside.
        for (from, to) in [
            ("1948-06-01", "1951-06-01"),
            ("2199-06-01", "2202-01-10"),
            ("1940-01-01", "2210-01-01"),
            ("2203-03-01", "2203-12-31"),
        ] {
            let (from, to) = (d(from), d(to));
            let asked = from
                .iter_days()
                .skip(1)
                .take_while(|day| *day <= to)
                .filter(|day| calendar.non_working_reason(*day).is_none())
                .count() as i64;
            assert_eq!(calendar.working_days_between(from, to), asked, "{from} to {to}");
        }
    }

    #[test]
    fn every_year_has_its_eight_usual_holidays_on_weekdays() {
        let calendar = WorkingCalendar::england();
        for year in 1978..2200 {
            let days = calendar.bank_holidays(year);
            assert!(days.len() >= 8, "{year}");
            for day in &days {
                assert!(
                    !matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{year}: {day:?}"
                );
            }
            let distinct: BTreeSet<_> = days.iter().map(|h| h.date).collect();
            assert_eq!(distinct.len(), days.len(), "{year}: two holidays on one day");
        }
    }
}
