use super::bank_holidays::{christmas_and_boxing_day, new_year};
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
    let dates =
        |year| -> BTreeSet<NaiveDate> { calendar.bank_holidays(year).into_iter().map(|h| h.date).collect() };
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
