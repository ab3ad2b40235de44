//! The orchestrator: runs the stages in order, times each, and decides success.
//!
//! config → load (discover, decode + NFC, front matter, model) → render Markdown →
//! generate (templates, search index…) → write. Each stage returns values and diagnostics;
//! this module only sequences them. Output is committed only when no stage reported an error.
//!
//! [`prepare`] and [`generate`] are shared with `serve`, which keeps the files in memory
//! instead of writing them: both commands make the same site.

use crate::config::{self, SiteConfig};
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{self, display_path, Diagnostic};
use crate::output::{Output, WriteStats};
use crate::render::{self, templates::Templates, OutputFile, RenderedContent, Renderer};
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
    pub timings: Vec<Lap>,
    pub stats: Option<WriteStats>,
    pub pages: usize,
    pub sections: usize,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One stage's wall-clock time and the process's memory after it (for `--verbose`).
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub time: Duration,
    /// CPU time of all threads during the stage (in the system's clock ticks, 10 ms on
    /// Linux); above `time` when the stage ran in parallel. `None` off Linux.
    pub cpu: Option<Duration>,
    /// Resident memory (KiB) when the stage ended, and the peak so far; `None` where the
    /// system does not say (anything but Linux).
    pub memory: Option<(u64, u64)>,
}

/// Per-stage wall-clock and CPU timings and memory (for `--verbose`).
pub struct Timer {
    last: Instant,
    last_cpu: Option<Duration>,
    pub timings: Vec<Lap>,
}

impl Default for Timer {
    fn default() -> Self {
        Timer::new()
    }
}

impl Timer {
    pub fn new() -> Self {
        Timer {
            last: Instant::now(),
            last_cpu: cpu_time(),
            timings: Vec::new(),
        }
    }

    /// Records the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        self.timings.push(Lap {
            stage,
            time: now - self.last,
            cpu: cpu.zip(self.last_cpu).map(|(c, l)| c.saturating_sub(l)),
            memory: memory_kib(),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// The user and system CPU time of this process so far, all threads (Linux `/proc`).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): utime
    // and stime are the 12th and 13th, in clock ticks of 1/100 s (USER_HZ on Linux).
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let ticks: u64 = fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The resident and peak resident memory of this process in KiB (Linux `/proc`).
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
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

/// The site read and checked, its Markdown rendered: everything before generating files.
pub struct Prepared {
    pub site: Site,
    /// `None` when the templates have errors (they are in `diagnostics`).
    pub templates: Option<Templates>,
    pub content: RenderedContent,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the stages before generation: load, content rules, templates, Markdown.
/// `Err` when the configuration cannot be read at all.
pub fn prepare(options: &BuildOptions, timer: &mut Timer) -> Result<Prepared, Vec<Diagnostic>> {
    let (site, mut diags) = load_site(options)?;
    timer.lap("load");

    // The regulation's rules (QĐ 14/2015): content errors fail the build, missing or stale
    // requirements are warnings (`trang check` reports them in full).
    // Which requirements no content meets: published in the portal API's site.json. It does
    // not depend on the date (staleness does, and is left out so builds stay reproducible).
    let mut missing_requirements = None;
    // Leaders' photos, as the check read the pages: the images stage makes their thumbnails.
    let mut leader_photos = Vec::new();
    match crate::regulation::load::check_site(
        &site,
        crate::regulation::load::today(),
        crate::regulation::Lang::Vi,
    ) {
        Ok(check) => {
            missing_requirements = Some(
                check
                    .requirements
                    .iter()
                    .filter(|r| r.status == crate::regulation::RequirementStatus::Missing)
                    .map(|r| r.id.clone())
                    .collect::<Vec<String>>(),
            );
            diags.extend(check.build_diagnostics());
            leader_photos = crate::images::leader_photos(&check.typed);
        }
        Err(d) => diags.extend(d),
    }
    timer.lap("regulation");

    let templates = match Templates::load(&site.root, site.config.theme.as_deref()) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    timer.lap("templates");

    let (mut content, md_diags) = render::render_markdown(&site);
    diags.extend(md_diags);
    timer.lap("markdown");

    content.missing_requirements = missing_requirements;
    let images = crate::images::process(&site, &mut content, &leader_photos);
    diags.extend(images.diagnostics);
    content.images = images.files;
    timer.lap("images");
    Ok(Prepared {
        site,
        templates,
        content,
        diagnostics: diags,
    })
}

/// Where every generated file goes: `build` writes to the output folder, `serve` keeps them in
/// memory. The second argument names the producer for conflict messages.
pub type Sink<'a> = dyn Fn(OutputFile, &str) -> Result<(), Diagnostic> + Sync + 'a;

/// Produces every generated file of the site (pages, lists, search index…) into `sink`.
/// Shared by `build` and `serve`, so both make the same site. Stages that derive files from
/// the whole site (search index, feeds, sitemap, API) go after the pages, each with a timing
/// lap; `serve` re-runs them after each edit.
/// `renderer` is made from the same `site` and `content` (`serve` keeps its summaries).
pub fn generate(
    site: &Site,
    content: &RenderedContent,
    renderer: &Renderer<'_>,
    timer: &mut Timer,
    sink: &Sink<'_>,
) -> Vec<Diagnostic> {
    let mut diags = renderer.render_all(|file| sink(file, "a generated page"));
    timer.lap("render");
    diags.extend(derive(site, content, timer, sink));
    diags
}

/// The stages that derive files from the whole site after the pages are rendered (search
/// index, feeds, sitemap, API…). `serve` re-runs only these after an edit.
pub fn derive(
    site: &Site,
    content: &RenderedContent,
    timer: &mut Timer,
    sink: &Sink<'_>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let failed = std::sync::Mutex::new(Vec::new());
    let search = crate::search::build_index(site, content, &site.config.search, &|file| {
        if let Err(d) = sink(file, "the search index") {
            failed.lock().unwrap_or_else(|e| e.into_inner()).push(d);
        }
    });
    diags.extend(search.diagnostics);
    diags.extend(failed.into_inner().unwrap_or_else(|e| e.into_inner()));
    timer.lap("index");

    diags.extend(
        content
            .images
            .iter()
            .cloned()
            .filter_map(|file| sink(file, "the images").err()),
    );

    let feeds = crate::feeds::build(site, content);
    diags.extend(
        feeds
            .into_iter()
            .filter_map(|file| sink(file, "the feeds and sitemap").err()),
    );
    timer.lap("feeds");

    let status = match &content.missing_requirements {
        Some(missing) => crate::api::ManifestStatus::Checked {
            missing: missing.clone(),
        },
        None => crate::api::ManifestStatus::NotChecked,
    };
    let api = crate::api::build(site, content, &status);
    diags.extend(
        api.into_iter()
            .filter_map(|file| sink(file, "the portal API").err()),
    );
    timer.lap("api");

    diags.extend(crate::hosting::inline_code(site, content));
    let servers = crate::hosting::build(&site.config);
    diags.extend(
        servers
            .into_iter()
            .filter_map(|file| sink(file, "the server configuration").err()),
    );
    timer.lap("hosting");
    diags
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

    let prepared = match prepare(options, &mut timer) {
        Ok(p) => p,
        Err(d) => {
            report.diagnostics = d;
            return finish(report, timer);
        }
    };
    let Prepared {
        site,
        templates,
        content,
        diagnostics,
    } = prepared;
    report.diagnostics = diagnostics;
    report.pages = site.pages.len();
    report.sections = site.sections.len();
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

    let sink = |file: OutputFile, source: &str| output.add(file, source);
    let renderer = Renderer::new(&site, &content, &templates);
    report
        .diagnostics
        .extend(generate(&site, &content, &renderer, &mut timer, &sink));

    let (copies, diags) = files_to_copy(&site);
    report.diagnostics.extend(diags);
    let root: &Path = &site.root;
    report.diagnostics.extend(
        copies
            .par_iter()
            .filter_map(|(rel, src)| output.copy(rel, src, &display_path(root, src)).err())
            .collect::<Vec<_>>(),
    );
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

/// Files copied as they are: `static/` and page or section assets, as (output path, source).
pub fn files_to_copy(site: &Site) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
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
                Ok(e)
                    if e.file_type().is_file()
                        && !is_editor_litter(&e.file_name().to_string_lossy()) =>
                {
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
                        e.path()
                            .map_or_else(|| "static".into(), |p| display_path(&site.root, p)),
                        "static.unreadable",
                        format!("cannot read: {e}"),
                    )
                    .with_help("remove the broken link or loop under static/"),
                ),
            }
        }
    }
    // Raster images are published by `images::process`, without their metadata.
    jobs.retain(|(rel, _)| !crate::images::publishes(&site.config, rel));
    (jobs, diags)
}

/// Files that version control and desktops leave in folders, never part of a site.
fn is_editor_litter(name: &str) -> bool {
    matches!(
        name,
        ".gitkeep" | ".gitignore" | ".DS_Store" | "Thumbs.db" | "desktop.ini"
    )
}

/// `trang check`: loads the site, renders the Markdown (for its broken links), and checks
/// it against its regulation manifest. The report's diagnostics include those of loading
/// and Markdown. `Err` when the configuration or the site's own manifest cannot be read.
pub fn check(
    options: &BuildOptions,
    today: crate::vi::Date,
    lang: crate::regulation::Lang,
) -> Result<crate::regulation::CheckReport, Vec<Diagnostic>> {
    let (site, mut diags) = load_site(options)?;
    let (_, markdown) = render::render_markdown(&site);
    diags.extend(markdown);
    let mut report = match crate::regulation::load::check_site(&site, today, lang) {
        Ok(r) => r,
        Err(d) => {
            diags.extend(d);
            diagnostics::sort(&mut diags);
            return Err(diags);
        }
    };
    report.diagnostics.extend(diags);
    diagnostics::sort(&mut report.diagnostics);
    Ok(report)
}
