//! Calendar arithmetic for freshness and date rules: day numbers, ages in days.
//!
//! `vi::Date` is a plain calendar date; here it gets a day count so the rules can say
//! "last updated 45 days ago". Pure functions; the current date comes from the caller.

use crate::vi::Date;

/// Days since 1970-01-01 (proleptic Gregorian calendar; negative before).
pub fn day_number(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (the inverse of [`day_number`]).
pub fn from_day_number(z: i64) -> Date {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: year as i32,
        month: month as u8,
        day: day as u8,
        seconds: None,
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier); times are ignored.
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// The calendar date without its time, so dates compare by day.
pub fn day_of(d: Date) -> Date {
    Date { seconds: None, ..d }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip_and_count_days() {
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("2000-03-01")), 11_017);
        for s in [
            "1900-02-28",
            "2000-02-29",
            "2015-06-08",
            "2024-12-31",
            "2100-03-01",
        ] {
            assert_eq!(from_day_number(day_number(d(s))), d(s), "{s}");
        }
        let cases = [
            ("2015-06-08", "2015-06-18", 10),
            ("2024-02-28", "2024-03-01", 2),
            ("2023-02-28", "2023-03-01", 1),
            ("2024-12-31", "2025-01-01", 1),
            ("2025-06-10", "2025-06-01", -9),
            ("2015-06-08T23:00:00", "2015-06-09T01:00:00", 1),
        ];
        for (a, b, n) in cases {
            assert_eq!(days_between(d(a), d(b)), n, "{a} → {b}");
        }
    }
}
