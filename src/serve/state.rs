//! The site held in memory while serving, and its incremental rebuilds.
//!
//! A full build here runs exactly the stages of `trang build` (through
//! [`crate::build::generate`]) but keeps the files in memory instead of writing them. An edit
//! to one page's text then re-renders only that page and the lists that show its summary;
//! the search index and other whole-site files are regenerated after the new HTML is in
//! place ([`SiteState::refresh_derived`]). Anything structural reloads the whole site. The
//! result is always the same bytes `trang build` would write: the tests check it.

use super::classify::Plan;
use crate::build::{self, BuildOptions, Timer};
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::render::{self, templates::Templates, OutputFile, RenderedContent, Renderer};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// Generated in memory.
    Bytes(Arc<[u8]>),
    /// Copied from a source file (static files, page assets): read on request.
    File(PathBuf),
}

/// The last good build, in memory.
pub struct SiteState {
    pub options: BuildOptions,
    pub site: Site,
    pub content: RenderedContent,
    pub templates: Templates,
    summaries: Vec<Value>,
    /// Output path → file. Paths are relative, `/` separated, like the output folder's.
    pub files: HashMap<String, Served>,
    /// Output paths produced by the whole-site stages (search index…), replaced as a set.
    derived: BTreeSet<String>,
}

/// Whole-site files computed after fast updates, waiting to be installed.
pub struct Derived {
    files: HashMap<String, Served>,
}

/// What an update changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Output paths whose bytes changed, appeared or disappeared, sorted.
    pub changed: Vec<String>,
    /// Warnings and notes of the rebuild.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether whole-site files (search index…) still need [`SiteState::refresh_derived`].
    pub derived_stale: bool,
}

type Collected = Mutex<Vec<(OutputFile, String)>>;

fn collector(into: &Collected) -> impl Fn(OutputFile, &str) -> Result<(), Diagnostic> + Sync + '_ {
    move |file, source| {
        into.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((file, source.to_string()));
        Ok(())
    }
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics::sort(&mut diags);
    diags
}

impl SiteState {
    /// Builds the whole site in memory. Errors come back as the `Err` value.
    pub fn build(options: &BuildOptions) -> Result<(SiteState, Vec<Diagnostic>), Vec<Diagnostic>> {
        let build::Prepared {
            site,
            templates,
            content,
            mut diagnostics,
        } = build::prepare(options, &mut Timer::new())?;
        let Some(templates) = templates else {
            return Err(sorted(diagnostics));
        };
        if has_errors(&diagnostics) {
            return Err(sorted(diagnostics));
        }
        let mut diags = std::mem::take(&mut diagnostics);
        let mut state = SiteState {
            options: options.clone(),
            site,
            content,
            templates,
            summaries: Vec::new(),
            files: HashMap::new(),
            derived: BTreeSet::new(),
        };
        // One renderer makes the site and keeps its page summaries for later edits.
        let renderer = Renderer::new(&state.site, &state.content, &state.templates);
        let (files, derived, more) = state.generate_all(&renderer)?;
        let summaries = renderer.into_summaries();
        diags.extend(more);
        state.files = files;
        state.derived = derived;
        state.summaries = summaries;
        Ok((state, sorted(diags)))
    }

    /// Runs every generating stage plus the copy list.
    #[allow(clippy::type_complexity)]
    fn generate_all(
        &self,
        renderer: &Renderer<'_>,
    ) -> Result<(HashMap<String, Served>, BTreeSet<String>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let collected: Collected = Mutex::new(Vec::new());
        let mut timer = Timer::new();
        let mut diags = build::generate(
            &self.site,
            &self.content,
            renderer,
            &mut timer,
            &collector(&collected),
        );
        let (copies, copy_diags) = build::files_to_copy(&self.site);
        diags.extend(copy_diags);
        let mut files = HashMap::new();
        let mut derived = BTreeSet::new();
        for (file, source) in collected.into_inner().unwrap_or_else(|e| e.into_inner()) {
            if source != "a generated page" {
                derived.insert(file.path.clone());
            }
            if files
                .insert(file.path.clone(), Served::Bytes(file.bytes.into()))
                .is_some()
            {
                diags.push(Diagnostic::error(
                    source,
                    "output.conflict",
                    format!("`{}` would be written twice", file.path),
                ));
            }
        }
        for (path, source) in copies {
            if files
                .insert(path.clone(), Served::File(source.clone()))
                .is_some()
            {
                diags.push(Diagnostic::error(
                    diagnostics::display_path(&self.site.root, &source),
                    "output.conflict",
                    format!("`{path}` would be written twice"),
                ));
            }
        }
        if has_errors(&diags) {
            return Err(sorted(diags));
        }
        Ok((files, derived, diags))
    }

    /// Applies a plan. On errors the state is left as it was (the last good build stays
    /// served) and the errors are returned.
    pub fn apply(&mut self, plan: &Plan) -> Result<Update, Vec<Diagnostic>> {
        match plan {
            Plan::Nothing => Ok(Update::default()),
            Plan::Pages(paths) => self.update_pages(paths),
            Plan::Static => self.update_static(),
            Plan::Templates => self.reload_templates(),
            Plan::Full => self.reload(),
        }
    }

    /// Replaces the whole state by a fresh build.
    fn reload(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let (fresh, diags) = SiteState::build(&self.options)?;
        let changed = diff(&self.files, &fresh.files);
        *self = fresh;
        Ok(Update {
            changed,
            diagnostics: diags,
            derived_stale: false,
        })
    }

    fn reload_templates(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let templates = Templates::load(&self.site.root, self.site.config.theme.as_deref())?;
        let old = std::mem::replace(&mut self.templates, templates);
        let generated = {
            let renderer = Renderer::new(&self.site, &self.content, &self.templates);
            self.generate_all(&renderer)
        };
        match generated {
            Ok((files, derived, diags)) => {
                let changed = diff(&self.files, &files);
                self.files = files;
                self.derived = derived;
                Ok(Update {
                    changed,
                    diagnostics: sorted(diags),
                    derived_stale: false,
                })
            }
            Err(e) => {
                self.templates = old;
                Err(e)
            }
        }
    }

    fn update_static(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let (copies, diags) = build::files_to_copy(&self.site);
        if has_errors(&diags) {
            return Err(sorted(diags));
        }
        let mut files: HashMap<String, Served> = self
            .files
            .iter()
            .filter(|(_, f)| matches!(f, Served::Bytes(_)))
            .map(|(p, f)| (p.clone(), f.clone()))
            .collect();
        for (path, source) in copies {
            if files.insert(path.clone(), Served::File(source)).is_some() {
                return Err(vec![Diagnostic::error(
                    "static",
                    "output.conflict",
                    format!("`{path}` would be written twice"),
                )]);
            }
        }
        let mut changed = diff(&self.files, &files);
        // A static file edited in place keeps its entry: report every static path touched.
        for (p, f) in &files {
            if matches!(f, Served::File(_)) && !changed.contains(p) {
                changed.push(p.clone());
            }
        }
        changed.sort();
        self.files = files;
        Ok(Update {
            changed,
            diagnostics: diags,
            derived_stale: false,
        })
    }

    /// The fast path: the text of existing pages changed. Falls back to a full reload when
    /// anything but the Markdown body changed (front matter, links to it, its place).
    fn update_pages(&mut self, paths: &BTreeSet<PathBuf>) -> Result<Update, Vec<Diagnostic>> {
        let root = self.site.root.clone();
        let mut indices = Vec::new();
        for rel in paths {
            let abs = root.join(rel);
            match self.site.pages.iter().position(|p| p.source == abs) {
                Some(i) => indices.push(i),
                None => return self.reload(),
            }
        }
        let load = LoadOptions {
            drafts: self.options.drafts,
        };
        // Re-read and re-render each page; any structural difference means a full reload.
        let mut updates = Vec::new();
        for &i in &indices {
            let Some(page) = content::reload_page(&self.site, i, load)? else {
                return self.reload();
            };
            let old = &self.site.pages[i];
            let same_structure = same_but_body(old, &page);
            if !same_structure {
                return self.reload();
            }
            let base = render::base_path(&self.site.config.base_url);
            let (rendered, diags) = render::markdown::render(
                &page.body,
                &render::markdown::Context {
                    file: &page.file,
                    body_line: page.body_line,
                    links: &self.site.links,
                    base_path: &base,
                },
            );
            if has_errors(&diags) {
                return Err(sorted(diags));
            }
            // Images: the page's responsive <img> attributes come from the last image pass;
            // when the page shows other images than before, that pass must run again.
            let mut rendered = rendered;
            if crate::images::img_sources(&rendered.html)
                != crate::images::img_sources(&self.content.pages[i].html)
            {
                return self.reload();
            }
            crate::images::rewrite_rendered(
                &self.site,
                &self.content.responsive,
                &mut rendered,
                &page.path,
            );
            updates.push((i, page, rendered, diags));
        }

        // Swap the new pages in, remembering the old ones to roll back on errors.
        let mut previous = Vec::new();
        let mut diags = Vec::new();
        let mut touched_summaries = Vec::new();
        for (i, page, rendered, d) in updates {
            let old_page = std::mem::replace(&mut self.site.pages[i], page);
            let old_rendered = std::mem::replace(&mut self.content.pages[i], rendered);
            previous.push((i, old_page, old_rendered));
            diags.extend(d);
            let summary = Renderer::summary_of(&self.site, &self.content, i);
            if summary != self.summaries[i] {
                touched_summaries.push(i);
                self.summaries[i] = summary;
            }
        }
        let outputs = self.render_affected(&indices, &touched_summaries);
        let mut errors = Vec::new();
        let mut new_files = Vec::new();
        for r in outputs {
            match r {
                Ok(f) => new_files.push(f),
                Err(d) => errors.push(d),
            }
        }
        if !errors.is_empty() {
            for (i, page, rendered) in previous {
                self.site.pages[i] = page;
                self.content.pages[i] = rendered;
                self.summaries[i] = Renderer::summary_of(&self.site, &self.content, i);
            }
            return Err(sorted(errors));
        }
        let mut changed = Vec::new();
        for f in new_files {
            let bytes: Arc<[u8]> = f.bytes.into();
            let differs = match self.files.get(&f.path) {
                Some(Served::Bytes(old)) => **old != *bytes,
                _ => true,
            };
            if differs {
                changed.push(f.path.clone());
                self.files.insert(f.path, Served::Bytes(bytes));
            }
        }
        changed.sort();
        changed.dedup();
        Ok(Update {
            changed,
            diagnostics: sorted(diags),
            derived_stale: true,
        })
    }

    /// Renders the outputs that show pages `edited`: their own pages always; where the
    /// summary changed, the lists that show it and the neighbours that link to it.
    fn render_affected(
        &mut self,
        edited: &[usize],
        touched: &[usize],
    ) -> Vec<Result<OutputFile, Diagnostic>> {
        let summaries = std::mem::take(&mut self.summaries);
        let renderer =
            Renderer::with_summaries(&self.site, &self.content, &self.templates, summaries);
        let site = &self.site;
        let mut pages: BTreeSet<usize> = edited.iter().copied().collect();
        let mut sections = BTreeSet::new();
        let mut terms = BTreeSet::new();
        for &i in touched {
            let section = &site.sections[site.pages[i].section];
            sections.insert(site.pages[i].section);
            if let Some(pos) = section.pages.iter().position(|&p| p == i) {
                if pos > 0 {
                    pages.insert(section.pages[pos - 1]);
                }
                if let Some(&next) = section.pages.get(pos + 1) {
                    pages.insert(next);
                }
            }
            for (t, tax) in site.taxonomies.iter().enumerate() {
                for (k, term) in tax.terms.iter().enumerate() {
                    if term.pages.contains(&i) {
                        terms.insert((t, k));
                    }
                }
            }
        }
        // The home page shows the latest pages, and the default theme's home lists the latest
        // of some kinds (news, notices) too: any changed summary may show there.
        if !touched.is_empty() {
            sections.insert(0);
        }
        let mut out: Vec<Result<OutputFile, Diagnostic>> =
            pages.into_iter().map(|i| renderer.page(i)).collect();
        for s in sections {
            out.extend(renderer.section_outputs(s));
        }
        for (t, k) in terms {
            out.extend(renderer.term_outputs(t, k));
        }
        self.summaries = renderer.into_summaries();
        out
    }

    /// Regenerates the whole-site files (search index, feeds…) after fast updates. Only
    /// reads the state, so requests are answered meanwhile; [`SiteState::install_derived`]
    /// then swaps the result in.
    pub fn compute_derived(&self) -> Result<Derived, Vec<Diagnostic>> {
        let collected: Collected = Mutex::new(Vec::new());
        let diags = build::derive(
            &self.site,
            &self.content,
            &mut Timer::new(),
            &collector(&collected),
        );
        if has_errors(&diags) {
            return Err(sorted(diags));
        }
        let files = collected
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|(f, _)| (f.path, Served::Bytes(f.bytes.into())))
            .collect();
        Ok(Derived { files })
    }

    /// Replaces the whole-site files by freshly computed ones; returns the changed paths.
    pub fn install_derived(&mut self, derived: Derived) -> Vec<String> {
        let mut changed = Vec::new();
        for path in &self.derived {
            if !derived.files.contains_key(path) {
                self.files.remove(path);
                changed.push(path.clone());
            }
        }
        let mut set = BTreeSet::new();
        for (path, file) in derived.files {
            if self.files.get(&path) != Some(&file) {
                changed.push(path.clone());
            }
            set.insert(path.clone());
            self.files.insert(path, file);
        }
        self.derived = set;
        changed.sort();
        changed
    }

    /// Both steps at once (tests and simple callers).
    pub fn refresh_derived(&mut self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let derived = self.compute_derived()?;
        Ok(self.install_derived(derived))
    }

    /// The bytes of an output file (reading copied files from disk).
    pub fn read(&self, path: &str) -> Option<Arc<[u8]>> {
        match self.files.get(path)? {
            Served::Bytes(b) => Some(b.clone()),
            Served::File(p) => std::fs::read(p).ok().map(Into::into),
        }
    }

    /// Whether `rel` (relative to the root) is the source of a page of the last build.
    pub fn has_page_source(&self, rel: &Path) -> bool {
        let abs = self.site.root.join(rel);
        self.site.pages.iter().any(|p| p.source == abs)
    }
}

/// Whether two versions of a page differ only in their Markdown body.
fn same_but_body(old: &content::Page, new: &content::Page) -> bool {
    let mut a = old.clone();
    a.body = new.body.clone();
    a == *new
}

/// Paths whose entries differ between two file maps, sorted.
fn diff(old: &HashMap<String, Served>, new: &HashMap<String, Served>) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(p, f)| old.get(*p) != Some(f))
        .map(|(p, _)| p.clone())
        .chain(old.keys().filter(|p| !new.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}
