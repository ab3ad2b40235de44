//! The summary over many sites: one row per unit, totals, and the units that miss
//! requirements or let them go stale. The department of information and communications sends
//! it to the provincial people's committee before 15 December (QĐ 14/2015 Điều 12 khoản 2
//! điểm đ); a department or district summing up its own units uses the same table (Điều 15
//! khoản 1, Điều 16 khoản 1).
//!
//! Pure: [`summarize`] takes the units' [`SiteReport`]s (and the sites that could not be
//! read) and returns the model.

use super::activity::{HistorySource, SiteReport};
use super::items::Category;
use super::{iso, iso_opt, t};
use crate::config::UnitType;
use crate::regulation::{Lang, RequirementStatus};
use crate::vi::{self, Date};
use serde::Serialize;

/// The JSON schema id of [`Summary`].
pub const SCHEMA: &str = "trang-report-summary/1";

/// Where a unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitStatus {
    /// Every requirement met and fresh.
    Ok,
    /// Some requirements are fresh enough but others have gone stale; none missing.
    Stale,
    /// At least one requirement missing.
    Missing,
    /// The site could not be read.
    Unreadable,
}

impl UnitStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UnitStatus::Ok => t(lang, "Đạt", "Meets all"),
            UnitStatus::Stale => t(lang, "Chậm cập nhật", "Stale"),
            UnitStatus::Missing => t(lang, "Thiếu nội dung", "Missing content"),
            UnitStatus::Unreadable => t(lang, "Không đọc được", "Unreadable"),
        }
    }
}

/// A requirement a unit misses or lets go stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortfall {
    pub id: String,
    pub title: String,
    pub citation: String,
    #[serde(serialize_with = "iso_opt")]
    pub last_updated: Option<Date>,
    pub age_days: Option<i64>,
    pub max_age_days: Option<u32>,
}

/// One unit's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRow {
    /// The folder the site was read from, as given.
    pub site: String,
    pub name: String,
    #[serde(serialize_with = "unit_type_opt")]
    pub unit_type: Option<UnitType>,
    pub base_url: String,
    pub news: usize,
    pub articles: usize,
    pub photos: usize,
    /// Every page published in the year (default language).
    pub published: usize,
    /// Commits (git) or dated page edits in the year.
    pub changes: usize,
    pub history_source: Option<HistorySource>,
    #[serde(serialize_with = "iso_opt")]
    pub last_change: Option<Date>,
    pub requirements: usize,
    pub met: usize,
    pub missing: Vec<Shortfall>,
    pub stale: Vec<Shortfall>,
    /// Size of the built site.
    pub bytes: Option<u64>,
    pub status: UnitStatus,
    /// Why the site could not be read.
    pub error: Option<String>,
}

fn unit_type_opt<S: serde::Serializer>(u: &Option<UnitType>, s: S) -> Result<S::Ok, S::Error> {
    match u {
        Some(u) => s.serialize_str(u.as_str()),
        None => s.serialize_none(),
    }
}

/// Sums over the units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SummaryTotals {
    pub units: usize,
    pub news: usize,
    pub articles: usize,
    pub photos: usize,
    pub published: usize,
    pub changes: usize,
    pub ok: usize,
    pub stale: usize,
    pub missing: usize,
    pub unreadable: usize,
    pub bytes: u64,
}

/// Who sends the summary, to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryOptions {
    /// The unit that compiles the summary.
    pub compiler: String,
    /// Its governing body, printed above its name.
    pub parent: Option<String>,
    pub recipient: String,
    pub place: Option<String>,
    #[serde(serialize_with = "iso_opt")]
    pub deadline: Option<Date>,
    pub basis: String,
}

impl SummaryOptions {
    /// The province-wide summary: the department of information and communications to the
    /// provincial people's committee before 15 December (Điều 12 khoản 2 điểm đ).
    pub fn province(year: i32, lang: Lang) -> SummaryOptions {
        SummaryOptions {
            compiler: t(
                lang,
                "Sở Thông tin và Truyền thông tỉnh Ninh Bình",
                "Department of Information and Communications of Ninh Bình province",
            )
            .into(),
            parent: Some(
                t(
                    lang,
                    "UBND TỈNH NINH BÌNH",
                    "NINH BÌNH PROVINCIAL PEOPLE'S COMMITTEE",
                )
                .into(),
            ),
            recipient: t(
                lang,
                "Ủy ban nhân dân tỉnh Ninh Bình",
                "Ninh Bình Provincial People's Committee",
            )
            .into(),
            place: Some("Ninh Bình".into()),
            deadline: Date::new(year, 12, 15),
            basis: super::citation("Điều 12 khoản 2 điểm đ", lang),
        }
    }
}

/// The summary.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub schema: &'static str,
    pub lang: Lang,
    pub year: i32,
    #[serde(serialize_with = "iso")]
    pub as_of: Date,
    pub options: SummaryOptions,
    /// Departments, then districts, then enterprises, each in name order; unreadable sites
    /// last.
    pub units: Vec<UnitRow>,
    pub totals: SummaryTotals,
}

/// A site that could not be reported on: its folder and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub site: String,
    pub error: String,
}

fn shortfall(r: &super::activity::RequirementUpdates) -> Shortfall {
    Shortfall {
        id: r.id.clone(),
        title: r.title.clone(),
        citation: r.citation.clone(),
        last_updated: r.last_updated,
        age_days: r.age_days,
        max_age_days: r.max_age_days,
    }
}

/// One unit's row from its report.
pub fn row(site: &str, r: &SiteReport) -> UnitRow {
    let count = |c: Category| {
        r.published
            .rows
            .iter()
            .find(|row| row.category == c)
            .map_or(0, |row| row.total)
    };
    let missing: Vec<Shortfall> = r
        .requirements
        .iter()
        .filter(|q| q.status == RequirementStatus::Missing)
        .map(shortfall)
        .collect();
    let stale: Vec<Shortfall> = r
        .requirements
        .iter()
        .filter(|q| q.status == RequirementStatus::Stale)
        .map(shortfall)
        .collect();
    let status = if !missing.is_empty() {
        UnitStatus::Missing
    } else if !stale.is_empty() {
        UnitStatus::Stale
    } else {
        UnitStatus::Ok
    };
    UnitRow {
        site: site.to_string(),
        name: r.unit.name.clone(),
        unit_type: Some(r.unit.unit_type),
        base_url: r.unit.base_url.clone(),
        news: count(Category::News),
        articles: count(Category::Article),
        photos: count(Category::Photo),
        published: r.published.total,
        changes: r.changes,
        history_source: Some(r.history_source),
        last_change: r.last_change,
        requirements: r.compliance.total,
        met: r.compliance.met,
        missing,
        stale,
        bytes: r.built.map(|b| b.bytes),
        status,
        error: None,
    }
}

/// The summary of `reports` (site folder, report) and the sites that could not be read.
pub fn summarize(
    year: i32,
    as_of: Date,
    lang: Lang,
    options: SummaryOptions,
    reports: &[(String, SiteReport)],
    unreadable: &[Unreadable],
) -> Summary {
    let mut units: Vec<UnitRow> = reports.iter().map(|(site, r)| row(site, r)).collect();
    let type_rank = |u: Option<UnitType>| match u {
        Some(UnitType::Department) => 0,
        Some(UnitType::District) => 1,
        Some(UnitType::Enterprise) => 2,
        None => 3,
    };
    units.sort_by(|a, b| {
        type_rank(a.unit_type)
            .cmp(&type_rank(b.unit_type))
            .then_with(|| vi::compare(&a.name, &b.name, vi::ToneOrder::default()))
            .then_with(|| a.site.cmp(&b.site))
    });
    units.extend(unreadable.iter().map(|u| UnitRow {
        site: u.site.clone(),
        name: u.site.clone(),
        unit_type: None,
        base_url: String::new(),
        news: 0,
        articles: 0,
        photos: 0,
        published: 0,
        changes: 0,
        history_source: None,
        last_change: None,
        requirements: 0,
        met: 0,
        missing: Vec::new(),
        stale: Vec::new(),
        bytes: None,
        status: UnitStatus::Unreadable,
        error: Some(u.error.clone()),
    }));
    let mut totals = SummaryTotals {
        units: units.len(),
        ..SummaryTotals::default()
    };
    for u in &units {
        totals.news += u.news;
        totals.articles += u.articles;
        totals.photos += u.photos;
        totals.published += u.published;
        totals.changes += u.changes;
        totals.bytes += u.bytes.unwrap_or(0);
        match u.status {
            UnitStatus::Ok => totals.ok += 1,
            UnitStatus::Stale => totals.stale += 1,
            UnitStatus::Missing => totals.missing += 1,
            UnitStatus::Unreadable => totals.unreadable += 1,
        }
    }
    Summary {
        schema: SCHEMA,
        lang,
        year,
        as_of,
        options,
        units,
        totals,
    }
}
