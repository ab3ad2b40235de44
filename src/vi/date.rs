//! Calendar dates as content carries them, and their Vietnamese administrative form.
//!
//! Front matter dates are TOML dates (`2015-06-08`) or date-times; pages only ever need the
//! calendar date plus an optional time for ordering. Vietnamese documents write dates as
//! "ngày 08 tháng 6 năm 2015": a leading zero for days under 10 and for months 1 and 2
//! (Nghị định 30/2020/NĐ-CP on administrative documents), so that no digit can be added later.

use serde::Serialize;
use std::fmt;

/// A calendar date with an optional time of day, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Seconds since midnight, when the source gave a time.
    pub seconds: Option<u32>,
}

impl Date {
    /// Builds a date, checking the month and the day against the month's length.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month,
            day,
            seconds: None,
        })
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS]` and an
    /// offset, which is kept only for ordering.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let bytes = s.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        let mut date = Date::new(year, month, day)?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Some(date);
        }
        let time = rest.strip_prefix(['T', 't', ' '])?;
        let hh: u32 = time.get(0..2)?.parse().ok()?;
        if time.as_bytes().get(2) != Some(&b':') {
            return None;
        }
        let mm: u32 = time.get(3..5)?.parse().ok()?;
        let ss: u32 = match time.as_bytes().get(5) {
            Some(b':') => time.get(6..8)?.parse().ok()?,
            _ => 0,
        };
        if hh > 23 || mm > 59 || ss > 60 {
            return None;
        }
        date.seconds = Some(hh * 3600 + mm * 60 + ss);
        Some(date)
    }

    /// ISO 8601 calendar date, for `<time datetime>` and feeds.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "ngày 08 tháng 6 năm 2015".
    pub fn vietnamese(&self) -> String {
        format!(
            "ngày {:02} tháng {} năm {}",
            self.day,
            admin_month(self.month),
            self.year
        )
    }

    /// "08/6/2015", the short form used in lists and tables.
    pub fn vietnamese_short(&self) -> String {
        format!("{:02}/{}/{}", self.day, admin_month(self.month), self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Months 1 and 2 take a leading zero; the others do not.
fn admin_month(month: u8) -> String {
    if month < 3 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_administrative_form() {
        let cases = [
            ("2015-06-08", "ngày 08 tháng 6 năm 2015", "08/6/2015"),
            ("2024-01-05", "ngày 05 tháng 01 năm 2024", "05/01/2024"),
            ("2024-02-29", "ngày 29 tháng 02 năm 2024", "29/02/2024"),
            ("2023-12-31", "ngày 31 tháng 12 năm 2023", "31/12/2023"),
            ("2023-03-10", "ngày 10 tháng 3 năm 2023", "10/3/2023"),
        ];
        for (iso, long, short) in cases {
            let d = Date::parse(iso).unwrap();
            assert_eq!(d.vietnamese(), long);
            assert_eq!(d.vietnamese_short(), short);
            assert_eq!(d.iso(), iso);
        }
    }

    #[test]
    fn parse_accepts_times_and_rejects_impossible_dates() {
        let d = Date::parse("2015-06-08T07:30:00+07:00").unwrap();
        assert_eq!(d.seconds, Some(27000));
        assert_eq!(
            Date::parse("2015-06-08 07:30").unwrap().seconds,
            Some(27000)
        );
        for bad in [
            "2023-02-29",
            "2015-13-01",
            "2015-06-31",
            "08/06/2015",
            "2015-6-8",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_order_chronologically() {
        let a = Date::parse("2015-06-08").unwrap();
        let b = Date::parse("2015-06-08T01:00:00").unwrap();
        let c = Date::parse("2015-06-09").unwrap();
        assert!(a < b && b < c);
    }
}
