//! A UTC instant, passed in by the caller: nothing in this crate reads the clock (the desk's one
//! clock hands the time over). Calendar arithmetic is chrono's.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{LetterError, Result};

/// A moment in UTC, to the second. Serialises as RFC 3339 text, "2016-04-12T14:03:00Z".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl UtcDateTime {
    /// A checked constructor.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Result<Self> {
        let t = UtcDateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        };
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
            || !(1950..=9999).contains(&year)
        {
            return Err(LetterError::Render(format!("not a valid date and time: {t:?}")));
        }
        Ok(t)
    }

    /// The instant a chrono time names, to the second (the desk's clock hands these over).
    pub fn from_chrono(at: DateTime<Utc>) -> Self {
        Self::from_unix(at.timestamp())
    }

    /// The same instant as chrono sees it.
    pub fn to_chrono(&self) -> DateTime<Utc> {
        self.naive().and_utc()
    }

    fn naive(&self) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.month), u32::from(self.day))
            .and_then(|date| {
                date.and_hms_opt(
                    u32::from(self.hour),
                    u32::from(self.minute),
                    u32::from(self.second),
                )
            })
            .unwrap_or_default()
    }

    /// From seconds since 1970-01-01T00:00:00Z (out of chrono's range: the epoch itself).
    pub fn from_unix(secs: i64) -> Self {
        let at = DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or_default();
        UtcDateTime {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn to_unix(&self) -> i64 {
        self.to_chrono().timestamp()
    }

    /// Adds whole days (negative to go back).
    pub fn plus_days(&self, days: i64) -> Self {
        Self::from_unix(self.to_unix() + days * 86_400)
    }

    /// A PDF date string: `D:YYYYMMDDHHmmSSZ`.
    pub fn to_pdf_date(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// Parses the PDF date forms `D:YYYYMMDDHHmmSS` followed by `Z`, `+HH'mm'` or `-HH'mm'`
    /// (trailing parts may be missing, as the PDF standard allows), converted to UTC.
    pub fn parse_pdf_date(s: &str) -> Option<Self> {
        let s = s.strip_prefix("D:").unwrap_or(s);
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() < 4 {
            return None;
        }
        let field = |from: usize, len: usize, default: u32| -> Option<u32> {
            if digits.len() >= from + len {
                digits[from..from + len].parse().ok()
            } else {
                Some(default)
            }
        };
        let year = field(0, 4, 0)? as i32;
        let month = field(4, 2, 1)? as u8;
        let day = field(6, 2, 1)? as u8;
        let hour = field(8, 2, 0)? as u8;
        let minute = field(10, 2, 0)? as u8;
        let second = field(12, 2, 0)? as u8;
        let local = UtcDateTime::new(year, month, day, hour, minute, second).ok()?;
        let rest = &s[digits.len()..];
        let offset_secs = match rest.chars().next() {
            Some(sign @ ('+' | '-')) => {
                let secs = utc_offset_secs(rest.get(1..)?)?;
                if sign == '+' {
                    secs
                } else {
                    -secs
                }
            }
            _ => 0,
        };
        Some(Self::from_unix(local.to_unix().checked_sub(offset_secs)?))
    }

    /// "12 April 2016"
    pub fn long_date(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// "14:03"
    pub fn hour_minute(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    /// The same instant as the clock on the wall in England: (local time, "GMT" or "BST").
    pub fn uk_local(&self) -> (UtcDateTime, &'static str) {
        let (local, zone) = scr_domain::clock::uk_wall_clock(self.to_chrono());
        (Self::from_chrono(local.and_utc()), zone)
    }

    /// ISO 8601, "2016-04-12T14:03:00Z".
    pub fn to_rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl Serialize for UtcDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for UtcDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        UtcDateTime::parse_rfc3339(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("not a UTC time like 2016-04-12T14:03:00Z: {text}"))
        })
    }
}

impl UtcDateTime {
    /// Parses "2016-04-12T14:03:00Z" (UTC only).
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        if b[19] != b'Z' {
            return None;
        }
        let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        UtcDateTime::new(
            n(0..4)? as i32,
            n(5..7)? as u8,
            n(8..10)? as u8,
            n(11..13)? as u8,
            n(14..16)? as u8,
            n(17..19)? as u8,
        )
        .ok()
    }
}

/// The `HH'mm'` of a PDF date's offset from UTC, in seconds (ISO 32000-1 §7.9.4): hours up
/// to 23 and minutes up to 59, each of at most two digits; anything else is not a date (a file
/// once gave `+999999999999999999`, which overflowed the multiplication).
fn utc_offset_secs(text: &str) -> Option<i64> {
    let mut parts = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(2);
    let number = |part: Option<&str>, max: i64| -> Option<i64> {
        match part {
            None => Some(0),
            Some(p) if p.len() <= 2 => p.parse::<i64>().ok().filter(|n| *n <= max),
            Some(_) => None,
        }
    };
    let hours = number(parts.next(), 23)?;
    let minutes = number(parts.next(), 59)?;
    Some(hours * 3600 + minutes * 60)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let first = NaiveDate::from_ymd_opt(year, u32::from(month), 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, u32::from(month) + 1, 1)
    };
    match (first, next) {
        (Some(first), Some(next)) => (next - first).num_days() as u8,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_round_trip() {
        for secs in [0_i64, 951_782_400, 1_460_469_780, 4_102_444_799, -86_400] {
            assert_eq!(UtcDateTime::from_unix(secs).to_unix(), secs);
        }
        let t = UtcDateTime::from_unix(1_460_469_780);
        assert_eq!(t, UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap());
        assert_eq!(t.to_pdf_date(), "D:20160412140300Z");
        assert_eq!(t.long_date(), "12 April 2016");
    }

    #[test]
    fn pdf_dates_parse_with_offsets() {
        let t = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160412140300Z"), Some(t));
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160412150300+01'00'"), Some(t));
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160412090300-05'00"), Some(t));
        assert_eq!(UtcDateTime::parse_pdf_date("nonsense"), None);
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160412150300+01"), Some(t));
        // Found by a member's crafted letter: the offset overflowed the multiplication.
        assert_eq!(
            UtcDateTime::parse_pdf_date("D:20160101000000+999999999999999999"),
            None
        );
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160101000000-24'00'"), None);
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160101000000+01'60'"), None);
        assert!(UtcDateTime::new(2015, 2, 29, 0, 0, 0).is_err());
        assert!(UtcDateTime::new(2016, 2, 29, 0, 0, 0).is_ok());
    }

    #[test]
    fn serialises_as_rfc3339() {
        let t = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
        assert_eq!(t.to_rfc3339(), "2016-04-12T14:03:00Z");
        assert_eq!(UtcDateTime::parse_rfc3339("2016-04-12T14:03:00Z"), Some(t));
        assert_eq!(UtcDateTime::parse_rfc3339("2016-04-12T14:03:00+01:00"), None);
        assert_eq!(UtcDateTime::parse_rfc3339("2016-02-30T14:03:00Z"), None);
    }

    #[test]
    fn british_summer_time() {
        // 2016: BST from 27 March 01:00 UTC to 30 October 01:00 UTC.
        let april = UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap();
        let (local, zone) = april.uk_local();
        assert_eq!((local.hour_minute().as_str(), zone), ("15:03", "BST"));
        let before = UtcDateTime::new(2016, 3, 27, 0, 59, 59).unwrap();
        assert_eq!(before.uk_local().1, "GMT");
        let start = UtcDateTime::new(2016, 3, 27, 1, 0, 0).unwrap();
        assert_eq!(start.uk_local().1, "BST");
        let end = UtcDateTime::new(2016, 10, 30, 1, 0, 0).unwrap();
        assert_eq!(end.uk_local().1, "GMT");
        let january = UtcDateTime::new(2016, 1, 12, 14, 3, 0).unwrap();
        assert_eq!(january.uk_local(), (january, "GMT"));
    }
}
