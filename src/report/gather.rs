//! The I/O of the reports: load the site, check it, read its git history, build it into a
//! temporary folder to measure it. Everything it gathers goes to the pure builders
//! ([`activity::assemble`], [`summary::summarize`], [`royalties::royalties`]).

use super::activity::{self, BuiltStats, Gathered, SiteReport};
use super::royalties::{self, RoyaltyReport};
use super::summary::{self, Summary, SummaryOptions, Unreadable};
use super::{cut_off, history};
use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::regulation::Lang;
use crate::vi::Date;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a yearly report is made from.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub year: i32,
    /// The day the report is made (`--today`); numbers are counted up to this day or
    /// 31 December, whichever comes first.
    pub today: Date,
    pub lang: Lang,
    /// Measure this built site instead of building the site into a temporary folder.
    pub public: Option<PathBuf>,
}

/// The yearly report of the site in `root`.
pub fn site_report(root: &Path, options: &ReportOptions) -> Result<SiteReport, Vec<Diagnostic>> {
    let as_of = cut_off(options.year, options.today)
        .map_err(|e| vec![Diagnostic::error("--year", "report.year", e)])?;
    let (site, _) = build::load_site(&BuildOptions::new(root))?;
    let site = activity::site_as_of(&site, as_of);
    let check = crate::regulation::load::check_site(&site, as_of, options.lang)?;
    let history = history::read(root);
    let built = match &options.public {
        Some(dir) => measure(dir).map_err(|e| format!("cannot read {}: {e}", dir.display())),
        None => build_and_measure(root, options.lang),
    };
    Ok(activity::assemble(&Gathered {
        site: &site,
        check: &check,
        history: history.as_deref(),
        built,
        year: options.year,
        as_of,
        lang: options.lang,
    }))
}

/// The summary over the sites in `roots`. Sites that cannot be read become rows that say
/// why, not errors: one broken site must not stop the province's report.
pub fn summary(
    roots: &[PathBuf],
    options: &ReportOptions,
    summary_options: SummaryOptions,
) -> Result<Summary, Vec<Diagnostic>> {
    let as_of = cut_off(options.year, options.today)
        .map_err(|e| vec![Diagnostic::error("--year", "report.year", e)])?;
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for root in roots {
        let shown = root.display().to_string();
        let options = ReportOptions {
            public: None,
            ..options.clone()
        };
        match site_report(root, &options) {
            Ok(r) => reports.push((shown, r)),
            Err(diags) => {
                let first = diags.iter().find(|d| d.is_error()).or(diags.first());
                unreadable.push(Unreadable {
                    site: shown,
                    error: first.map_or_else(
                        || "unknown error".into(),
                        |d| format!("{}: {}", d.file, d.message),
                    ),
                });
            }
        }
    }
    Ok(summary::summarize(
        options.year,
        as_of,
        options.lang,
        summary_options,
        &reports,
        &unreadable,
    ))
}

/// The royalty list of the site in `root` for `from..=to`.
pub fn royalties(
    root: &Path,
    from: Date,
    to: Date,
    lang: Lang,
) -> Result<RoyaltyReport, Vec<Diagnostic>> {
    if to < from {
        return Err(vec![Diagnostic::error(
            "--to",
            "report.period",
            format!("the period ends ({to}) before it begins ({from})"),
        )]);
    }
    let (site, _) = build::load_site(&BuildOptions::new(root))?;
    Ok(royalties::royalties(&site, from, to, lang))
}

/// Counts the files of a built site.
pub fn measure(dir: &Path) -> std::io::Result<BuiltStats> {
    let mut stats = BuiltStats::default();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            stats.add(&rel.to_string_lossy(), entry.metadata()?.len());
        }
    }
    Ok(stats)
}

/// A temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "trang-report-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the site into a temporary folder and measures it.
fn build_and_measure(root: &Path, lang: Lang) -> Result<BuiltStats, String> {
    let tmp = TempDir::new().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let out = tmp.0.join("public");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(root)
    };
    let report = build::build(&options);
    if report.has_errors() {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        return Err(match lang {
            Lang::Vi => format!(
                "Trang chưa dựng được ({errors} lỗi): chạy `trang build` để xem và sửa lỗi."
            ),
            Lang::En => format!(
                "The site does not build ({errors} errors): run `trang build` to see and fix them."
            ),
        });
    }
    measure(&out).map_err(|e| format!("cannot read the built site: {e}"))
}
