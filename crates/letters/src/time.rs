//! A UTC instant, passed in by the caller: nothing in this crate reads the clock by itself
//! except [`UtcDateTime::now`], which only callers use.

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

    /// The current time. Only for callers: the crate's logic always takes the time as an argument.
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Self::from_unix(secs)
    }

    /// From seconds since 1970-01-01T00:00:00Z.
    pub fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Civil-from-days (proleptic Gregorian), after Howard Hinnant's published algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        UtcDateTime {
            year,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: ((rem % 3600) / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn to_unix(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
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
    /// British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
    /// last Sunday of October.
    pub fn uk_local(&self) -> (UtcDateTime, &'static str) {
        let last_sunday = |month: u8| -> i64 {
            let last = UtcDateTime {
                year: self.year,
                month,
                day: 31,
                hour: 1,
                minute: 0,
                second: 0,
            };
            let secs = last.to_unix();
            // 1970-01-01 was a Thursday: day index 0 = Thursday, so Sunday = 3.
            let weekday = (secs.div_euclid(86_400) + 4).rem_euclid(7); // 0 = Sunday
            secs - weekday * 86_400
        };
        let t = self.to_unix();
        if t >= last_sunday(3) && t < last_sunday(10) {
            (Self::from_unix(t + 3600), "BST")
        } else {
            (*self, "GMT")
        }
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
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
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
        assert_eq!(UtcDateTime::parse_pdf_date("D:20160101000000+999999999999999999"), None);
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
