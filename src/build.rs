//! The orchestrator: runs the stages in order, times each, and decides success.
//!
//! config → load (discover, decode + NFC, front matter, model) → render Markdown →
//! render templates → write. Each stage returns values and diagnostics; this module only
//! sequences them. Output is committed only when no stage reported an error.

use crate::config::{self, SiteConfig};
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{self, display_path, Diagnostic};
use crate::output::{Output, WriteStats};
use crate::render::{self, templates::Templates, Renderer};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of trang.toml.
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The outcome of a build: diagnostics (sorted), per-stage timings, and what was written.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
    pub stats: Option<WriteStats>,
    pub pages: usize,
    pub sections: usize,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

struct Timer {
    last: Instant,
    timings: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        Timer {
            last: Instant::now(),
            timings: Vec::new(),
        }
    }
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push((stage, now - self.last));
        self.last = now;
    }
}

/// Loads the configuration and content: the first stages, shared with `check` and `serve`.
pub fn load_site(options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut config: SiteConfig = config::load(&options.root).map_err(|d| vec![d])?;
    if let Some(url) = &options.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    Ok(content::load(
        &options.root,
        config,
        LoadOptions {
            drafts: options.drafts,
        },
    ))
}

/// Builds the site. The output folder changes only when the build has no errors.
pub fn build(options: &BuildOptions) -> BuildReport {
    let mut timer = Timer::new();
    let mut report = BuildReport::default();
    let finish = |mut report: BuildReport, timer: Timer| {
        diagnostics::sort(&mut report.diagnostics);
        report.timings = timer.timings;
        report
    };

    let (site, diags) = match load_site(options) {
        Ok(v) => v,
        Err(d) => {
            report.diagnostics = d;
            return finish(report, timer);
        }
    };
    report.diagnostics = diags;
    report.pages = site.pages.len();
    report.sections = site.sections.len();
    timer.lap("load");

    let templates = match Templates::load(&site.root, site.config.theme.as_deref()) {
        Ok(t) => Some(t),
        Err(d) => {
            report.diagnostics.extend(d);
            None
        }
    };
    timer.lap("templates");

    let (content, diags) = render::render_markdown(&site);
    report.diagnostics.extend(diags);
    timer.lap("markdown");

    let Some(templates) = templates else {
        return finish(report, timer);
    };
    if report.has_errors() {
        return finish(report, timer);
    }

    let out_dir = options.output_dir();
    let output = match Output::begin(&out_dir) {
        Ok(o) => o,
        Err(e) => {
            report.diagnostics.push(
                Diagnostic::error(
                    display_path(&site.root, &out_dir),
                    "output.io",
                    format!("cannot prepare the output folder: {e}"),
                )
                .with_help("check that the folder's parent exists and is writable"),
            );
            return finish(report, timer);
        }
    };

    let renderer = Renderer::new(&site, &content, &templates);
    let diags = renderer.render_all(|file| output.add(file, "a generated page"));
    report.diagnostics.extend(diags);
    timer.lap("render");

    report.diagnostics.extend(copy_files(&site, &output));
    timer.lap("copy");

    if report.has_errors() {
        output.abort();
        return finish(report, timer);
    }
    match output.commit() {
        Ok(stats) => report.stats = Some(stats),
        Err(e) => report.diagnostics.push(
            Diagnostic::error(
                display_path(&site.root, &out_dir),
                "output.io",
                format!("cannot move the new files into the output folder: {e}; the previous output was restored"),
            )
            .with_help("check free disk space and permissions"),
        ),
    }
    timer.lap("write");
    finish(report, timer)
}

/// Copies `static/` and page or section assets.
fn copy_files(site: &Site, output: &Output) -> Vec<Diagnostic> {
    let static_dir = site.root.join("static");
    let mut jobs: Vec<(String, PathBuf)> = site
        .assets
        .iter()
        .map(|a| (a.output.clone(), a.source.clone()))
        .collect();
    let mut diags = Vec::new();
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() && !is_editor_litter(&e.file_name().to_string_lossy()) => {
                    let rel = e
                        .path()
                        .strip_prefix(&static_dir)
                        .unwrap_or(e.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    jobs.push((crate::vi::nfc_string(rel), e.into_path()));
                }
                Ok(_) => {}
                Err(e) => diags.push(
                    Diagnostic::error(
                        e.path().map_or_else(|| "static".into(), |p| display_path(&site.root, p)),
                        "static.unreadable",
                        format!("cannot read: {e}"),
                    )
                    .with_help("remove the broken link or loop under static/"),
                ),
            }
        }
    }
    let root: &Path = &site.root;
    diags.extend(
        jobs.par_iter()
            .filter_map(|(rel, src)| output.copy(rel, src, &display_path(root, src)).err())
            .collect::<Vec<_>>(),
    );
    diags
}

/// Files that version control and desktops leave in folders, never part of a site.
fn is_editor_litter(name: &str) -> bool {
    matches!(name, ".gitkeep" | ".gitignore" | ".DS_Store" | "Thumbs.db" | "desktop.ini")
}
