//! The yearly activity report of one site (QĐ 14/2015 Điều 15 khoản 1, Điều 16 khoản 1,
//! Điều 17 khoản 1): what was published, month by month; how each required section was
//! kept up to date and by whom; where the site stands against the regulation on the cut-off
//! day; who runs it; how big it is.
//!
//! [`assemble`] is pure: the loaded site, its regulation check, the git history and the
//! build's size come in ([`Gathered`]); the [`SiteReport`] model goes out. [`site_as_of`]
//! turns the site of today into the site of the cut-off day, so a report on a past year does
//! not count what was published after it.

use super::history::{self, Changes, Commit, HistoryStats};
use super::items::{self, Category};
use super::{iso, iso_opt, year_bounds, UnitInfo};
use crate::config::ContactPerson;
use crate::content::Site;
use crate::regulation::{kinds, CheckReport, Lang, RequirementStatus};
use crate::vi::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON schema id of [`SiteReport`].
pub const SCHEMA: &str = "trang-report/1";

/// The size of the built site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BuiltStats {
    /// HTML pages.
    pub pages: usize,
    /// Documents for download (PDF, Word, Excel, OpenDocument, archives).
    pub documents: usize,
    /// Images.
    pub images: usize,
    /// Every file.
    pub files: usize,
    /// Total size in bytes.
    pub bytes: u64,
}

/// What counts as a document in [`BuiltStats`].
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "zip", "rar",
    "7z",
];
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"];

impl BuiltStats {
    /// Adds one file of the built site.
    pub fn add(&mut self, path: &str, bytes: u64) {
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        self.files += 1;
        self.bytes += bytes;
        if ext == "html" || ext == "htm" {
            self.pages += 1;
        } else if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            self.documents += 1;
        } else if IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            self.images += 1;
        }
    }
}

/// Where update counts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HistorySource {
    /// Commits of the site's git repository.
    Git,
    /// Pages' `date` and `updated` (the site is not in git).
    FrontMatter,
}

/// One row of the published-items table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedRow {
    pub category: Category,
    pub label: String,
    /// January first.
    pub by_month: [usize; 12],
    pub total: usize,
}

/// Pages published in the year (by their `date`), in the site's default language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Published {
    /// News, articles and photos always; other categories when they have items.
    pub rows: Vec<PublishedRow>,
    pub by_month: [usize; 12],
    pub total: usize,
    /// Pages in other languages published in the year.
    pub translations: usize,
}

/// How one requirement of the manifest was kept up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementUpdates {
    pub id: String,
    pub title: String,
    pub citation: String,
    /// Status on the cut-off day.
    pub status: RequirementStatus,
    /// Pages that meet it on the cut-off day.
    pub pages: usize,
    /// The newest item's date, as the regulation check sees it.
    #[serde(serialize_with = "iso_opt")]
    pub last_updated: Option<Date>,
    pub age_days: Option<i64>,
    pub max_age_days: Option<u32>,
    /// The folders and files of the site that hold it (`content/tin-tuc`, `trang.toml`).
    pub paths: Vec<String>,
    /// Changes to those paths in the year.
    pub changes: Changes,
}

/// The regulation's requirements on the cut-off day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Compliance {
    pub manifest: String,
    pub regulation: String,
    pub total: usize,
    pub met: usize,
    pub missing: usize,
    pub stale: usize,
}

/// The yearly report of one site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteReport {
    pub schema: &'static str,
    pub lang: Lang,
    pub year: i32,
    /// The day the numbers are counted up to.
    #[serde(serialize_with = "iso")]
    pub as_of: Date,
    pub unit: UnitInfo,
    /// The person in charge of the site (`[contact]`).
    pub manager: Option<ContactPerson>,
    pub editorial_board: Vec<String>,
    pub require_approval: bool,
    pub published: Published,
    pub history_source: HistorySource,
    /// Commits per month and author (git only).
    pub history: Option<HistoryStats>,
    /// Changes in the year: commits (git) or dated page edits.
    pub changes: usize,
    /// The newest change or publication in the year.
    #[serde(serialize_with = "iso_opt")]
    pub last_change: Option<Date>,
    pub requirements: Vec<RequirementUpdates>,
    pub compliance: Compliance,
    /// `None` when the site could not be built (see `notes`).
    pub built: Option<BuiltStats>,
    /// Problems the reader should know about (values that were not understood, a failed
    /// build).
    pub notes: Vec<String>,
}

/// What [`assemble`] works from.
pub struct Gathered<'a> {
    /// The site as of the cut-off day ([`site_as_of`]).
    pub site: &'a Site,
    /// Its regulation check on the cut-off day.
    pub check: &'a CheckReport,
    /// The git history, when the site is in git.
    pub history: Option<&'a [Commit]>,
    pub built: Result<BuiltStats, String>,
    pub year: i32,
    pub as_of: Date,
    pub lang: Lang,
}

fn day(d: Date) -> Date {
    crate::regulation::dates::day_of(d)
}

/// The site as it stood on `as_of`: pages dated later are left out, later `updated` dates
/// are forgotten. Indices (section pages, translations, taxonomy terms) are renumbered.
pub fn site_as_of(site: &Site, as_of: Date) -> Site {
    let as_of = day(as_of);
    let mut index = vec![None; site.pages.len()];
    let mut pages = Vec::new();
    for (i, p) in site.pages.iter().enumerate() {
        if p.date.is_some_and(|d| day(d) > as_of) {
            continue;
        }
        index[i] = Some(pages.len());
        let mut p = p.clone();
        if p.updated.is_some_and(|u| day(u) > as_of) {
            p.updated = None;
        }
        pages.push(p);
    }
    let remap = |list: &[usize]| list.iter().filter_map(|&i| index[i]).collect::<Vec<_>>();
    for p in &mut pages {
        p.translations = remap(&p.translations);
    }
    let mut out = site.clone();
    out.pages = pages;
    for s in &mut out.sections {
        s.pages = remap(&s.pages);
    }
    for tax in &mut out.taxonomies {
        for term in &mut tax.terms {
            term.pages = remap(&term.pages);
        }
        tax.terms.retain(|t| !t.pages.is_empty());
    }
    out
}

/// The folder or file of the site a requirement's evidence lives in: a section's folder
/// (`content/tin-tuc/_index.md` → `content/tin-tuc`), a bundle's folder, else the file.
pub fn evidence_path(file: &str) -> String {
    if let Some((dir, name)) = file.rsplit_once('/') {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let base = stem.split('.').next().unwrap_or(stem);
        if base == "_index" || base == "index" {
            return dir.to_string();
        }
    }
    file.to_string()
}

/// Builds the report.
pub fn assemble(g: &Gathered<'_>) -> SiteReport {
    let site = g.site;
    let lang = g.lang;
    let (first, _) = year_bounds(g.year);
    let in_year = |d: Date| items::within(d, first, g.as_of);
    let (kinds, _) = kinds::site_kinds(site, lang);
    let mut notes = Vec::new();

    // Published items.
    let mut rows: BTreeMap<Category, [usize; 12]> = BTreeMap::new();
    for c in [Category::News, Category::Article, Category::Photo] {
        rows.insert(c, [0; 12]);
    }
    let mut published = Published::default();
    for (p, kind) in site.pages.iter().zip(&kinds.pages) {
        if let Err(value) = items::explicit_category(&p.extra) {
            notes.push(match lang {
                Lang::Vi => format!(
                    "{}: `the_loai = {value}` không phải tin, bai, anh hoặc khac; trang được tính theo loại của chuyên mục",
                    p.file
                ),
                Lang::En => format!(
                    "{}: `the_loai = {value}` is not tin, bai, anh or khac; the page counts under its section's kind",
                    p.file
                ),
            });
        }
        let Some(date) = p.date.filter(|&d| in_year(d)) else {
            continue;
        };
        if !site.is_default_language(&p.lang) {
            published.translations += 1;
            continue;
        }
        let month = usize::from(date.month) - 1;
        rows.entry(items::classify(*kind, &p.extra))
            .or_insert([0; 12])[month] += 1;
        published.by_month[month] += 1;
        published.total += 1;
    }
    let mut rows: Vec<(Category, [usize; 12])> = rows.into_iter().collect();
    rows.sort_by_key(|(c, _)| c.rank());
    published.rows = rows
        .into_iter()
        .map(|(category, by_month)| PublishedRow {
            category,
            label: category.label(lang).to_string(),
            total: by_month.iter().sum(),
            by_month,
        })
        .collect();

    // Updates per requirement.
    let requirements: Vec<RequirementUpdates> = g
        .check
        .requirements
        .iter()
        .map(|r| {
            let mut paths: Vec<String> = r.files.iter().map(|f| evidence_path(f)).collect();
            paths.dedup();
            let changes = match g.history {
                Some(commits) => history::changes(commits, &paths, first, g.as_of),
                None => front_matter_changes(site, &paths, first, g.as_of),
            };
            RequirementUpdates {
                id: r.id.clone(),
                title: r.title.clone(),
                citation: r.citation.clone(),
                status: r.status,
                pages: r.pages,
                last_updated: r.last_updated,
                age_days: r.age_days,
                max_age_days: r.max_age_days,
                paths,
                changes,
            }
        })
        .collect();

    let (history_source, history, changes) = match g.history {
        Some(commits) => {
            let stats = history::stats(commits, first, g.as_of);
            (HistorySource::Git, Some(stats.clone()), stats.commits)
        }
        None => {
            let all = front_matter_changes(site, &["content".to_string()], first, g.as_of);
            (HistorySource::FrontMatter, None, all.count)
        }
    };
    let last_published = site
        .pages
        .iter()
        .filter_map(|p| p.date)
        .filter(|&d| in_year(d))
        .max();
    let last_change = history
        .as_ref()
        .and_then(|h| h.last)
        .into_iter()
        .chain(last_published)
        .chain(requirements.iter().filter_map(|r| r.changes.last))
        .map(day)
        .max();

    let count = |s: RequirementStatus| requirements.iter().filter(|r| r.status == s).count();
    let compliance = Compliance {
        manifest: g.check.manifest_name.clone(),
        regulation: g.check.regulation.clone(),
        total: requirements.len(),
        met: count(RequirementStatus::Met),
        missing: count(RequirementStatus::Missing),
        stale: count(RequirementStatus::Stale),
    };
    let built = match &g.built {
        Ok(b) => Some(*b),
        Err(why) => {
            notes.push(why.clone());
            None
        }
    };
    let config = &site.config;
    SiteReport {
        schema: SCHEMA,
        lang,
        year: g.year,
        as_of: g.as_of,
        unit: UnitInfo::of(config, g.year, lang),
        manager: config.contact.clone(),
        editorial_board: config.editorial.board.clone(),
        require_approval: config.editorial.require_approval,
        published,
        history_source,
        history,
        changes,
        last_change,
        requirements,
        compliance,
        built,
        notes,
    }
}

/// Without git: every `date` and `updated` in the period of a page under `paths` counts as
/// one change by the page's authors.
pub fn front_matter_changes(site: &Site, paths: &[String], from: Date, to: Date) -> Changes {
    let mut count = 0;
    let mut authors = Vec::new();
    let mut last: Option<Date> = None;
    for p in &site.pages {
        if !paths.iter().any(|path| history::touches(&p.file, path)) {
            continue;
        }
        let mut dates: Vec<Date> = [p.date, p.updated]
            .into_iter()
            .flatten()
            .filter(|&d| items::within(d, from, to))
            .map(day)
            .collect();
        dates.dedup();
        if dates.is_empty() {
            continue;
        }
        count += dates.len();
        authors.extend(p.authors.iter().cloned());
        last = last.max(dates.iter().copied().max());
    }
    Changes {
        count,
        authors: history::unique_names(authors),
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_paths_are_section_and_bundle_folders() {
        let cases = [
            ("content/tin-tuc/_index.md", "content/tin-tuc"),
            ("content/tin-tuc/_index.en.md", "content/tin-tuc"),
            (
                "content/lanh-dao/giam-doc/index.md",
                "content/lanh-dao/giam-doc",
            ),
            (
                "content/gioi-thieu/lich-su.md",
                "content/gioi-thieu/lich-su.md",
            ),
            ("content/_index.md", "content"),
            ("trang.toml", "trang.toml"),
        ];
        for (file, want) in cases {
            assert_eq!(evidence_path(file), want, "{file}");
        }
    }

    #[test]
    fn built_stats_sort_files_by_extension() {
        let mut b = BuiltStats::default();
        for (path, size) in [
            ("index.html", 100),
            ("tin-tuc/a/index.html", 200),
            ("van-ban/qd.PDF", 1000),
            ("van-ban/bieu-mau.docx", 500),
            ("anh/a.jpg", 300),
            ("search.js", 50),
        ] {
            b.add(path, size);
        }
        assert_eq!(
            b,
            BuiltStats {
                pages: 2,
                documents: 2,
                images: 1,
                files: 6,
                bytes: 2150
            }
        );
    }
}
