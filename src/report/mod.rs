//! Reports the regulation asks for, made from the site itself: the yearly activity report of
//! a unit (QĐ 14/2015 Điều 15 khoản 1, Điều 16 khoản 1, Điều 17 khoản 1), the province-wide
//! summary the department of information and communications sends before 15 December
//! (Điều 12 khoản 2 điểm đ), and the list of news, articles and photos per author that
//! royalties are paid from (Điều 10 khoản 5 điểm đ).
//!
//! Why: units wrote these by hand, counting pages in the browser. The numbers are all in the
//! repository already (front matter, the regulation check, git history, the built site).
//!
//! The flow is gathered data → report model → document → format:
//! - [`gather`] is the only I/O: it loads the site, runs the regulation check, reads the git
//!   history ([`history::read`]) and measures a fresh build;
//! - [`activity`], [`summary`] and [`royalties`] turn that data into typed models (pure,
//!   serializable: the `json` format is the model itself);
//! - [`document`] lays a model out as a printable document (Vietnamese administrative
//!   layout) and renders it as HTML, Markdown or CSV.
//!
//! Nothing here depends on the clock: the year, the cut-off date and the royalty period come
//! in as arguments.

pub mod activity;
pub mod document;
pub mod gather;
pub mod history;
pub mod items;
pub mod layout;
pub mod royalties;
pub mod summary;

use crate::config::{SiteConfig, UnitType};
use crate::regulation::Lang;
use crate::vi::Date;
use serde::Serialize;

/// The output formats of every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A printable page (A4), ready to sign.
    Html,
    /// Markdown, for a wiki or an email.
    Md,
    /// CSV (UTF-8 with a byte-order mark, so spreadsheet programs show Vietnamese).
    Csv,
    /// The report model as JSON.
    Json,
}

impl Format {
    /// The format a file name asks for (`bao-cao.html` → HTML).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Text in the report's language.
pub(crate) fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Who reports, to whom, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitInfo {
    /// The unit's name: `[report] unit`, else the site's title.
    pub name: String,
    /// The governing body (cơ quan chủ quản).
    pub parent: Option<String>,
    pub site_title: String,
    pub base_url: String,
    #[serde(serialize_with = "unit_type_id")]
    pub unit_type: UnitType,
    /// The place of the date line.
    pub place: Option<String>,
    /// Where the report goes.
    pub recipient: String,
    /// The last day to send it, when the regulation sets one.
    #[serde(serialize_with = "iso_opt")]
    pub deadline: Option<Date>,
    /// The article that asks for the report.
    pub basis: String,
    pub signer_title: Option<String>,
    pub signer: Option<String>,
}

fn unit_type_id<S: serde::Serializer>(u: &UnitType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(u.as_str())
}

impl UnitInfo {
    /// The unit of a site, reporting for `year`: departments and districts to the department
    /// of information and communications before 30 November (Điều 15 khoản 1, Điều 16 khoản
    /// 1), enterprises to their district (Điều 17 khoản 1, no date set).
    pub fn of(config: &SiteConfig, year: i32, lang: Lang) -> UnitInfo {
        let r = &config.report;
        let ministry = t(
            lang,
            "Sở Thông tin và Truyền thông tỉnh Ninh Bình",
            "Department of Information and Communications of Ninh Bình province",
        );
        let (recipient, deadline, basis) = match config.unit_type {
            UnitType::Department => (ministry, Date::new(year, 11, 30), "Điều 15 khoản 1"),
            UnitType::District => (ministry, Date::new(year, 11, 30), "Điều 16 khoản 1"),
            UnitType::Enterprise => (
                t(
                    lang,
                    "Ủy ban nhân dân huyện, thành phố nơi đơn vị có trụ sở (qua Phòng Văn hóa - Thông tin)",
                    "People's committee of the district or city where the unit is based (through its culture and information office)",
                ),
                None,
                "Điều 17 khoản 1",
            ),
        };
        let some = |v: &Option<String>| {
            v.as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        UnitInfo {
            name: some(&r.unit).unwrap_or_else(|| config.title.clone()),
            parent: some(&r.parent),
            site_title: config.title.clone(),
            base_url: config.base_url.clone(),
            unit_type: config.unit_type,
            place: some(&r.place),
            recipient: some(&r.recipient).unwrap_or_else(|| recipient.to_string()),
            deadline,
            basis: citation(basis, lang),
            signer_title: some(&r.signer_title),
            signer: some(&r.signer),
        }
    }
}

/// A citation in the report's language: "Điều 15 khoản 1" → "Article 15(1)" in English.
pub fn citation(vi: &str, lang: Lang) -> String {
    if lang == Lang::Vi {
        return vi.to_string();
    }
    let mut out = String::new();
    let words: Vec<&str> = vi.split_whitespace().collect();
    for pair in words.chunks(2) {
        match pair {
            ["Điều", n] => out.push_str(&format!("Article {n}")),
            ["khoản", n] => out.push_str(&format!("({n})")),
            ["điểm", n] => out.push_str(&format!("({n})")),
            _ => return vi.to_string(),
        }
    }
    out
}

/// The first and last day of `year`.
pub fn year_bounds(year: i32) -> (Date, Date) {
    (
        Date::new(year, 1, 1).expect("1 January"),
        Date::new(year, 12, 31).expect("31 December"),
    )
}

/// The day a yearly report's numbers are counted up to: 31 December, or `today` when the
/// report is made during the year (units send it before 30 November). An error when the
/// year has not begun.
pub fn cut_off(year: i32, today: Date) -> Result<Date, String> {
    let (first, last) = year_bounds(year);
    let today = crate::regulation::dates::day_of(today);
    if today < first {
        return Err(format!(
            "the year {year} has not begun on {today}; report on an earlier year or pass --today"
        ));
    }
    Ok(today.min(last))
}

pub(crate) fn iso<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.iso())
}

pub(crate) fn iso_opt<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.iso()),
        None => s.serialize_none(),
    }
}

/// A date as the report shows it: 05/3/2026 in Vietnamese, 2026-03-05 in English.
pub fn show_date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => d.vietnamese_short(),
        Lang::En => d.iso(),
    }
}

/// A count with thousands separators: 1.234 in Vietnamese, 1,234 in English.
pub fn show_count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = t(lang, ".", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A size in bytes, in KB/MB/GB with one decimal (decimal comma in Vietnamese).
pub fn show_bytes(bytes: u64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = if lang == Lang::Vi {
        text.replace('.', ",")
    } else {
        text
    };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn cut_off_is_the_year_end_or_today() {
        assert_eq!(cut_off(2026, d("2027-02-01")), Ok(d("2026-12-31")));
        assert_eq!(cut_off(2026, d("2026-11-20")), Ok(d("2026-11-20")));
        assert_eq!(cut_off(2026, d("2026-11-20T10:00:00")), Ok(d("2026-11-20")));
        assert!(cut_off(2026, d("2025-12-31")).is_err());
    }

    #[test]
    fn numbers_and_sizes_in_each_language() {
        let cases: &[(u64, &str, &str)] = &[
            (0, "0", "0"),
            (999, "999", "999"),
            (1000, "1.000", "1,000"),
            (1234567, "1.234.567", "1,234,567"),
        ];
        for (n, vi, en) in cases {
            assert_eq!(show_count(*n, Lang::Vi), *vi);
            assert_eq!(show_count(*n, Lang::En), *en);
        }
        assert_eq!(show_bytes(500, Lang::Vi), "500 B");
        assert_eq!(show_bytes(1536, Lang::Vi), "1,5 KB");
        assert_eq!(show_bytes(5 * 1024 * 1024, Lang::En), "5.0 MB");
        assert_eq!(show_date(d("2026-03-05"), Lang::Vi), "05/3/2026");
        assert_eq!(show_date(d("2026-03-05"), Lang::En), "2026-03-05");
    }

    #[test]
    fn citations_in_english() {
        assert_eq!(citation("Điều 15 khoản 1", Lang::En), "Article 15(1)");
        assert_eq!(
            citation("Điều 7 khoản 1 điểm đ", Lang::En),
            "Article 7(1)(đ)"
        );
        assert_eq!(citation("Điều 15 khoản 1", Lang::Vi), "Điều 15 khoản 1");
    }

    #[test]
    fn recipients_and_deadlines_by_unit_type() {
        let mut c = SiteConfig::new("Sở Mẫu", "/");
        let u = UnitInfo::of(&c, 2026, Lang::Vi);
        assert_eq!(u.recipient, "Sở Thông tin và Truyền thông tỉnh Ninh Bình");
        assert_eq!(
            (u.deadline, u.basis.as_str()),
            (Some(d("2026-11-30")), "Điều 15 khoản 1")
        );
        c.unit_type = UnitType::Enterprise;
        c.report.recipient = Some("UBND thành phố Ninh Bình".into());
        c.report.unit = Some(" Công ty Mẫu ".into());
        let u = UnitInfo::of(&c, 2026, Lang::Vi);
        assert_eq!(
            (u.name.as_str(), u.recipient.as_str(), u.deadline),
            ("Công ty Mẫu", "UBND thành phố Ninh Bình", None)
        );
        assert_eq!(u.basis, "Điều 17 khoản 1");
        assert_eq!(
            Format::from_file_name("bao-cao-2026.HTML"),
            Some(Format::Html)
        );
        assert_eq!(Format::from_file_name("bao-cao"), None);
    }
}
