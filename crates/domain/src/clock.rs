//! The one clock: now in UTC, and today as a board in England reads its calendar.
//!
//! Nothing in the rules reads the time by itself. The desk owns one [`Clock`] and hands it to
//! everything that stamps or counts: the archive's audit trail and records, the letters' dates and
//! signing times, the timers, reminders and deadlines. Tests and the demonstration fix it.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};

/// Now, on whatever clock the desk was given.
#[derive(Clone)]
pub struct Clock {
    now: Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>,
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Clock").field("now", &self.now()).finish()
    }
}

impl Clock {
    /// A clock that asks `now` each time (the app passes the system's clock).
    pub fn from_fn(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Clock {
        Clock { now: Arc::new(now) }
    }

    /// A clock stopped at one instant (tests, the demonstration board).
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock::from_fn(move || at)
    }

    /// A clock stopped at midday (UTC) on a date: the same date in England, GMT or BST.
    pub fn fixed_on(date: NaiveDate) -> Clock {
        Clock::fixed(Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap_or_default()))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    /// Today's date in England (GMT or BST): the date a board's letters carry and its working-day
    /// timers count from, whatever the computer's own time zone.
    pub fn today(&self) -> NaiveDate {
        uk_wall_clock(self.now()).0.date()
    }

    /// Now as stored text: RFC 3339 in UTC with milliseconds, so that sorting the text sorts the
    /// times ("2026-12-06T14:03:00.000Z").
    pub fn stamp(&self) -> String {
        stamp(self.now())
    }
}

/// An instant as stored text (see [`Clock::stamp`]).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The date in England of a stored time ([`Clock::stamp`], or any RFC 3339 time): a letter sent at
/// 23:30 UTC in summer went on the next day, as the board counts days.
pub fn date_in_england(stamp: &str) -> Option<NaiveDate> {
    parse_stamp(stamp).map(england_date)
}

/// A stored time ([`Clock::stamp`], or any RFC 3339 time) read back, in UTC.
pub fn parse_stamp(stamp: &str) -> Option<DateTime<Utc>> {
    Some(DateTime::parse_from_rfc3339(stamp).ok()?.with_timezone(&Utc))
}

/// The date in England of an instant.
pub fn england_date(at: DateTime<Utc>) -> NaiveDate {
    uk_wall_clock(at).0.date()
}

/// An instant as the clock on the wall in England reads it, with "GMT" or "BST". British Summer
/// Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
/// October (Summer Time Act 1972, as amended by the Summer Time Order 2002, SI 2002/262).
pub fn uk_wall_clock(at: DateTime<Utc>) -> (NaiveDateTime, &'static str) {
    let year = at.year();
    let (starts, ends) = (last_sunday_at_one(year, 3), last_sunday_at_one(year, 10));
    let utc = at.naive_utc();
    if utc >= starts && utc < ends {
        (utc + Duration::hours(1), "BST")
    } else {
        (utc, "GMT")
    }
}

/// 01:00 on the last Sunday of a month with 31 days (March, October).
fn last_sunday_at_one(year: i32, month: u32) -> NaiveDateTime {
    let last = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
    let back = i64::from(last.weekday().num_days_from_sunday());
    (last - Duration::days(back))
        .and_hms_opt(1, 0, 0)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_in_the_morning_utc() {
        // 2016: from 27 March 01:00 UTC to 30 October 01:00 UTC.
        assert_eq!(uk_wall_clock(utc("2016-03-27T00:59:59Z")).1, "GMT");
        assert_eq!(uk_wall_clock(utc("2016-03-27T01:00:00Z")).1, "BST");
        assert_eq!(uk_wall_clock(utc("2016-10-30T00:59:59Z")).1, "BST");
        assert_eq!(uk_wall_clock(utc("2016-10-30T01:00:00Z")).1, "GMT");
        let (local, zone) = uk_wall_clock(utc("2016-04-12T14:03:00Z"));
        assert_eq!(
            (local.format("%H:%M").to_string().as_str(), zone),
            ("15:03", "BST")
        );
    }

    #[test]
    fn today_is_the_date_in_england() {
        // 23:30 UTC on 30 June is already 1 July in England.
        assert_eq!(
            Clock::fixed(utc("2026-06-30T23:30:00Z")).today(),
            NaiveDate::from_ymd_opt(2026, 7, 1).expect("date")
        );
        // In winter, midnight UTC is midnight in England.
        assert_eq!(
            Clock::fixed(utc("2026-12-31T23:30:00Z")).today(),
            NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")
        );
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).expect("the day summer time starts");
        assert_eq!(Clock::fixed_on(day).today(), day);
    }

    #[test]
    fn a_stored_time_is_dated_as_england_reads_it() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(date_in_england("2026-06-30T23:30:00.000Z"), Some(day(2026, 7, 1)));
        assert_eq!(
            date_in_england("2026-12-31T23:30:00.000Z"),
            Some(day(2026, 12, 31))
        );
        assert_eq!(date_in_england("not a time"), None);
    }

    #[test]
    fn stamps_sort_as_the_times_do() {
        let early = stamp(utc("2026-12-06T09:05:00.5Z"));
        let late = stamp(utc("2026-12-06T10:00:00Z"));
        assert_eq!(early, "2026-12-06T09:05:00.500Z");
        assert!(early < late);
    }
}
