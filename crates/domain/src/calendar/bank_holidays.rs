//! The bank holidays of England and Wales: the rules of the Banking and Financial Dealings Act
//! 1971 computed for any year, and the data file of holidays moved or added by proclamation.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{Holiday, WorkingCalendar};

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
pub(super) struct Moved {
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

const ENGLAND_AND_WALES: &str = include_str!("../../calendar/england-and-wales.toml");

impl WorkingCalendar {
    /// The bank holidays of England and Wales, with the built-in moved and one-off holidays.
    pub fn england() -> WorkingCalendar {
        let data: CalendarData = toml::from_str(ENGLAND_AND_WALES)
            .unwrap_or_else(|error| panic!("built-in calendar/england-and-wales.toml is invalid: {error}"));
        WorkingCalendar {
            moved: data.moved,
            extra: data.extra,
            closures: BTreeMap::new(),
            weekday_holidays: Default::default(),
        }
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
pub(super) fn new_year(year: i32) -> Option<NaiveDate> {
    let day = NaiveDate::from_ymd_opt(year, 1, 1)?;
    next_weekday(day)
}

/// Christmas Day and Boxing Day, moved to the next free weekday when either falls at a weekend.
pub(super) fn christmas_and_boxing_day(year: i32) -> (Option<NaiveDate>, Option<NaiveDate>) {
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
