//! Content: from the files under `content/` to the site model.
//!
//! [`load`] discovers and reads the files ([`source`]), parses their front matter
//! ([`front_matter`]) and assembles the [`Site`]: sections with their pages sorted, URLs, and
//! taxonomies. It finds every problem it can in one pass and returns them all; it never
//! renders Markdown and never writes.

pub mod front_matter;
pub mod source;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::vi::{self, slugify, Date};
use front_matter::{PageFrontMatter, SectionFrontMatter, SortBy};
use rayon::prelude::*;
use serde::Serialize;
use source::{SourceFile, SourceKind};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include pages and sections marked `draft = true`.
    pub drafts: bool,
}

/// A page: one Markdown file (or a bundle folder's `index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// The file, relative to the site root, for messages.
    pub file: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub slug: String,
    /// The URL path, starting and ending with `/`.
    pub path: String,
    pub template: Option<String>,
    pub aliases: Vec<String>,
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub authors: Vec<String>,
    pub in_search_index: bool,
    pub extra: toml::Table,
    /// The Markdown body (NFC).
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// Index of the section that lists the page.
    pub section: usize,
    /// Content components of the file, relative to `content/`, for `@/` links.
    pub source_key: String,
    /// The file line of every front matter key (`title`, `extra`, `extra.so_ky_hieu`), for
    /// diagnostics found after loading.
    pub front_matter_lines: BTreeMap<String, usize>,
}

/// A section: a folder with `_index.md` (or the site root).
#[derive(Debug, Clone)]
pub struct Section {
    /// The `_index.md` file, relative to the site root; empty for an implicit root section.
    pub file: String,
    pub title: String,
    pub description: Option<String>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub sort_by: SortBy,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub paginate_by: usize,
    pub paginate_path: String,
    pub paginate_reversed: bool,
    pub render: bool,
    pub redirect_to: Option<String>,
    pub aliases: Vec<String>,
    pub in_search_index: bool,
    pub extra: toml::Table,
    pub body: String,
    pub body_line: usize,
    /// The URL path, starting and ending with `/`.
    pub path: String,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    /// Pages listed by this section, in its sort order.
    pub pages: Vec<usize>,
    /// Folder components relative to `content/`.
    pub components: Vec<String>,
    pub source_key: String,
    /// The kind of the section's pages as written in front matter (`kind = "van_ban"`);
    /// `regulation::kinds` resolves it and checks the pages against the kind's schema.
    pub kind: Option<String>,
    /// The file line of every front matter key, as for pages.
    pub front_matter_lines: BTreeMap<String, usize>,
}

/// A file copied as it is into the output (page bundle or section assets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub source: PathBuf,
    /// Output path relative to the output folder, `/` separated, no leading `/`.
    pub output: String,
}

/// One term of a taxonomy, with its pages sorted newest first.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub path: String,
    #[serde(skip)]
    pub pages: Vec<usize>,
}

/// A taxonomy (tags, categories, fields…) with its terms in Vietnamese dictionary order.
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub name: String,
    pub title: String,
    pub slug: String,
    pub path: String,
    pub paginate_by: usize,
    pub terms: Vec<Term>,
}

/// The whole site as read from disk: the value every later stage works on.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub root: PathBuf,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    pub taxonomies: Vec<Taxonomy>,
    /// `@/path/file.md` keys → URL paths, for internal links.
    pub links: HashMap<String, String>,
}

impl Site {
    /// The root section (home page).
    pub fn root_section(&self) -> &Section {
        &self.sections[0]
    }
}

/// Loads `root/content` into a [`Site`]. Problems are collected, not fatal: the returned
/// diagnostics say whether the site can be rendered (no errors) or not.
pub fn load(root: &Path, config: SiteConfig, options: LoadOptions) -> (Site, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let (files, mut diags) = source::discover(root, &content_dir);
    let markdown: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.kind != SourceKind::Asset)
        .collect();
    let owned: Vec<SourceFile> = markdown.iter().map(|f| (*f).clone()).collect();
    let texts = source::read_all(&owned);

    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = owned
        .par_iter()
        .zip(texts)
        .map(|(file, text)| {
            let text = text.map_err(|d| vec![d])?;
            parse_file(file, text)
        })
        .collect();

    let mut builder = SiteBuilder::new(root, config);
    let mut pending_pages = Vec::new();
    for (file, parsed) in owned.iter().zip(parsed) {
        match parsed {
            Err(mut d) => diags.append(&mut d),
            Ok(Parsed::Section(s)) => builder.add_section(file, *s, options, &mut diags),
            Ok(Parsed::Page(p)) => pending_pages.push((file, p)),
        }
    }
    builder.ensure_root();
    for (file, page) in pending_pages {
        builder.add_page(file, *page, options, &mut diags);
    }
    for asset in files.iter().filter(|f| f.kind == SourceKind::Asset) {
        builder.add_asset(asset);
    }
    let site = builder.finish(&mut diags);
    (site, diags)
}

enum Parsed {
    Section(Box<ParsedSection>),
    Page(Box<ParsedPage>),
}

struct ParsedSection {
    fm: SectionFrontMatter,
    body: String,
    body_line: usize,
    front_matter_lines: BTreeMap<String, usize>,
}

struct ParsedPage {
    fm: PageFrontMatter,
    date: Option<Date>,
    updated: Option<Date>,
    body: String,
    body_line: usize,
    /// Line of `slug =` / `path =` / `aliases =` for later errors.
    lines: HashMap<&'static str, usize>,
    front_matter_lines: BTreeMap<String, usize>,
}

/// Parses one decoded Markdown file: front matter keys and typed values.
fn parse_file(file: &SourceFile, text: String) -> Result<Parsed, Vec<Diagnostic>> {
    let name = &file.display;
    let split = front_matter::split(name, &text).map_err(|d| vec![d])?;
    let body = split.body.to_string();
    if file.kind == SourceKind::Section {
        let fm: SectionFrontMatter =
            front_matter::parse(name, &text, &split).map_err(|d| vec![d])?;
        return Ok(Parsed::Section(Box::new(ParsedSection {
            fm,
            body,
            body_line: split.body_line,
            front_matter_lines: front_matter::key_lines(&text, &split),
        })));
    }
    let fm: PageFrontMatter = front_matter::parse(name, &text, &split).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let mut date_of = |key: &'static str, value: &Option<toml::Value>| -> Option<Date> {
        let value = value.as_ref()?;
        let parsed = front_matter::parse_date(value);
        if parsed.is_none() {
            errors.push(
                Diagnostic::error(
                    name,
                    "front-matter.date",
                    format!("`{key}` is not a valid date: {value}"),
                )
                .at(front_matter::key_line(&text, &split, key), 1)
                .with_help(format!(
                    "write it as {key} = 2024-05-31 (year-month-day), optionally with a time: 2024-05-31T08:30:00"
                )),
            );
        }
        parsed
    };
    let date = date_of("date", &fm.date);
    let updated = date_of("updated", &fm.updated);
    if let (Some(d), Some(u)) = (date, updated) {
        if u < d {
            errors.push(
                Diagnostic::error(
                    name,
                    "front-matter.updated-before-date",
                    format!("`updated` ({u}) is before `date` ({d})"),
                )
                .at(front_matter::key_line(&text, &split, "updated"), 1)
                .with_help("a page cannot be updated before it was published; check both dates"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let lines = ["slug", "path", "aliases", "title"]
        .into_iter()
        .map(|k| (k, front_matter::key_line(&text, &split, k)))
        .collect();
    Ok(Parsed::Page(Box::new(ParsedPage {
        fm,
        date,
        updated,
        body,
        body_line: split.body_line,
        lines,
        front_matter_lines: front_matter::key_lines(&text, &split),
    })))
}

/// Checks a URL path written by an editor (`path`, `aliases`, `redirect_to`): it must stay
/// inside the site. Returns the path normalized to start with `/`.
pub fn safe_site_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    if trimmed.contains('\\') || trimmed.contains('\0') {
        return Err("it contains a backslash or NUL character".into());
    }
    if trimmed.contains("://") || trimmed.starts_with("//") {
        return Err("it is an absolute URL, not a path of this site".into());
    }
    let mut out = String::from("/");
    for seg in trimmed.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." {
            return Err(format!("`{seg}` segments would leave the site's output folder"));
        }
        if seg.contains(':') {
            return Err("a segment contains `:`".into());
        }
        out.push_str(seg);
        out.push('/');
    }
    if let Some(last) = trimmed.rsplit('/').next() {
        if last.contains('.') && !trimmed.ends_with('/') {
            out.pop(); // a file path such as /old/page.html
        }
    }
    Ok(out)
}

/// Strips a Zola-style `YYYY-MM-DD-` or `YYYY-MM-DD_` date prefix from a file stem.
fn date_prefix(stem: &str) -> (Option<Date>, &str) {
    if stem.len() > 11 {
        if let (Some(d), Some(sep)) = (Date::parse(&stem[..10]), stem.as_bytes().get(10)) {
            if *sep == b'-' || *sep == b'_' {
                return (Some(d), &stem[11..]);
            }
        }
    }
    (None, stem)
}

struct SiteBuilder {
    root: PathBuf,
    config: SiteConfig,
    sections: Vec<Section>,
    pages: Vec<Page>,
    assets: Vec<Asset>,
    /// Folder key (components joined by `/`) → section index.
    section_by_dir: HashMap<String, usize>,
    /// Bundle folder key → page index, for assets.
    bundle_by_dir: HashMap<String, usize>,
    /// Folders of draft sections left out of this build: everything below them is too.
    draft_dirs: Vec<String>,
}

impl SiteBuilder {
    fn new(root: &Path, config: SiteConfig) -> Self {
        SiteBuilder {
            root: root.to_path_buf(),
            config,
            sections: Vec::new(),
            pages: Vec::new(),
            assets: Vec::new(),
            section_by_dir: HashMap::new(),
            bundle_by_dir: HashMap::new(),
            draft_dirs: Vec::new(),
        }
    }

    /// URL path of a content folder: each component slugified.
    fn dir_path(components: &[String]) -> String {
        let mut path = String::from("/");
        for c in components {
            let s = slugify(c);
            if !s.is_empty() {
                path.push_str(&s);
                path.push('/');
            }
        }
        path
    }

    fn add_section(
        &mut self,
        file: &SourceFile,
        parsed: ParsedSection,
        options: LoadOptions,
        diags: &mut Vec<Diagnostic>,
    ) {
        let dir = &file.components[..file.components.len() - 1];
        let key = dir.join("/");
        let fm = parsed.fm;
        if fm.draft && !options.drafts && !dir.is_empty() {
            self.draft_dirs.push(key);
            return;
        }
        let title = fm.title.clone().unwrap_or_else(|| {
            dir.last()
                .cloned()
                .unwrap_or_else(|| self.config.title.clone())
        });
        let mut aliases = Vec::new();
        for alias in &fm.aliases {
            match safe_site_path(alias) {
                Ok(p) => aliases.push(p),
                Err(why) => diags.push(unsafe_path(&file.display, "aliases", alias, &why)),
            }
        }
        let section = Section {
            file: file.display.clone(),
            title,
            description: fm.description,
            draft: fm.draft,
            weight: fm.weight,
            sort_by: fm.sort_by.unwrap_or_default(),
            template: fm.template,
            page_template: fm.page_template,
            paginate_by: fm.paginate_by.unwrap_or(self.config.paginate_by),
            paginate_path: fm
                .paginate_path
                .map(|p| slugify(&p))
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "trang".into()),
            paginate_reversed: fm.paginate_reversed,
            render: fm.render.unwrap_or(true),
            redirect_to: fm.redirect_to,
            aliases,
            in_search_index: fm.in_search_index.unwrap_or(true),
            extra: fm.extra,
            body: parsed.body,
            body_line: parsed.body_line,
            path: Self::dir_path(dir),
            parent: None,
            subsections: Vec::new(),
            pages: Vec::new(),
            components: dir.to_vec(),
            source_key: file.components.join("/"),
            kind: fm.kind,
            front_matter_lines: parsed.front_matter_lines,
        };
        self.section_by_dir.insert(key, self.sections.len());
        self.sections.push(section);
    }

    /// Makes sure section 0 is the root, creating an implicit one when `content/_index.md`
    /// is missing.
    fn ensure_root(&mut self) {
        let root_idx = self.section_by_dir.get("").copied();
        match root_idx {
            Some(0) => {}
            Some(i) => {
                self.sections.swap(0, i);
                for v in self.section_by_dir.values_mut() {
                    if *v == 0 {
                        *v = i;
                    } else if *v == i {
                        *v = 0;
                    }
                }
            }
            None => {
                let implicit = Section {
                    file: String::new(),
                    title: self.config.title.clone(),
                    description: Some(self.config.description.clone()).filter(|d| !d.is_empty()),
                    draft: false,
                    weight: None,
                    sort_by: SortBy::Date,
                    template: None,
                    page_template: None,
                    paginate_by: self.config.paginate_by,
                    paginate_path: "trang".into(),
                    paginate_reversed: false,
                    render: true,
                    redirect_to: None,
                    aliases: Vec::new(),
                    in_search_index: true,
                    extra: toml::Table::new(),
                    body: String::new(),
                    body_line: 1,
                    path: "/".into(),
                    parent: None,
                    subsections: Vec::new(),
                    pages: Vec::new(),
                    components: Vec::new(),
                    source_key: "_index.md".into(),
                    kind: None,
                    front_matter_lines: BTreeMap::new(),
                };
                self.sections.insert(0, implicit);
                for v in self.section_by_dir.values_mut() {
                    *v += 1;
                }
                self.section_by_dir.insert(String::new(), 0);
            }
        }
        // Parents: the nearest ancestor folder that is a section.
        for i in 1..self.sections.len() {
            let parent = self.nearest_section(&self.sections[i].components[..self.sections[i].components.len() - 1]);
            self.sections[i].parent = Some(parent);
        }
    }

    fn nearest_section(&self, dir: &[String]) -> usize {
        (0..=dir.len())
            .rev()
            .find_map(|n| self.section_by_dir.get(&dir[..n].join("/")).copied())
            .unwrap_or(0)
    }

    fn add_page(
        &mut self,
        file: &SourceFile,
        parsed: ParsedPage,
        options: LoadOptions,
        diags: &mut Vec<Diagnostic>,
    ) {
        let fm = parsed.fm;
        if (fm.draft && !options.drafts) || self.in_draft_dir(&file.components) {
            return;
        }
        let name = file.components.last().map(String::as_str).unwrap_or("");
        let is_bundle = name == "index.md";
        let (dir, stem) = if is_bundle {
            let dir = &file.components[..file.components.len() - 1];
            (&dir[..dir.len().saturating_sub(1)], dir.last().map(String::as_str).unwrap_or(""))
        } else {
            (
                &file.components[..file.components.len() - 1],
                name.strip_suffix(".md").unwrap_or(name),
            )
        };
        let (prefix_date, stem) = date_prefix(stem);
        let line = |k: &str| parsed.lines.get(k).copied().unwrap_or(1);
        let slug = match &fm.slug {
            Some(s) => {
                let slug = slugify(s);
                if slug.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            &file.display,
                            "front-matter.slug",
                            format!("`slug` \"{s}\" has no letter or digit to make a URL from"),
                        )
                        .at(line("slug"), 1)
                        .with_help("use letters and digits, e.g. slug = \"bao-cao-quy-3\""),
                    );
                    return;
                }
                slug
            }
            None => slugify(stem),
        };
        let path = match &fm.path {
            Some(p) => match safe_site_path(p) {
                Ok(p) => p,
                Err(why) => {
                    diags.push(unsafe_path(&file.display, "path", p, &why).at(line("path"), 1));
                    return;
                }
            },
            None if slug.is_empty() => {
                diags.push(
                    Diagnostic::error(
                        &file.display,
                        "content.no-slug",
                        format!("the file name `{name}` has no letter or digit to make a URL from"),
                    )
                    .with_help("rename the file (e.g. thong-bao.md) or set slug = \"...\" in its front matter"),
                );
                return;
            }
            None => format!("{}{}/", Self::dir_path(dir), slug),
        };
        let mut aliases = Vec::new();
        for alias in &fm.aliases {
            match safe_site_path(alias) {
                Ok(p) => aliases.push(p),
                Err(why) => {
                    diags.push(unsafe_path(&file.display, "aliases", alias, &why).at(line("aliases"), 1))
                }
            }
        }
        let title = match fm.title {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => {
                diags.push(
                    Diagnostic::warning(&file.display, "front-matter.title", "the page has no `title`")
                        .at(line("title"), 1)
                        .with_help("add title = \"...\" to the front matter: lists, search and the browser tab show it"),
                );
                stem.to_string()
            }
        };
        let section = self.nearest_section(dir);
        let index = self.pages.len();
        if is_bundle {
            let key = file.components[..file.components.len() - 1].join("/");
            self.bundle_by_dir.insert(key, index);
        }
        self.pages.push(Page {
            file: file.display.clone(),
            title,
            description: fm.description,
            date: parsed.date.or(prefix_date),
            updated: parsed.updated,
            draft: fm.draft,
            weight: fm.weight,
            slug,
            path,
            template: fm.template,
            aliases,
            taxonomies: fm.taxonomies,
            authors: fm.authors,
            in_search_index: fm.in_search_index.unwrap_or(true),
            extra: fm.extra,
            body: parsed.body,
            body_line: parsed.body_line,
            section,
            source_key: file.components.join("/"),
            front_matter_lines: parsed.front_matter_lines,
        });
    }

    /// Whether a file lies below a draft section's folder.
    fn in_draft_dir(&self, components: &[String]) -> bool {
        let dir = &components[..components.len() - 1];
        (1..=dir.len()).any(|n| self.draft_dirs.contains(&dir[..n].join("/")))
    }

    fn add_asset(&mut self, file: &SourceFile) {
        if self.in_draft_dir(&file.components) {
            return;
        }
        let dir = &file.components[..file.components.len() - 1];
        let name = file.components.last().cloned().unwrap_or_default();
        // The innermost page bundle holding the file, else its folder's URL.
        let bundle = (1..=dir.len())
            .rev()
            .find_map(|n| self.bundle_by_dir.get(&dir[..n].join("/")).map(|&p| (n, p)));
        let base = match bundle {
            Some((n, page)) => {
                let mut base = self.pages[page].path.clone();
                for c in &dir[n..] {
                    base.push_str(c);
                    base.push('/');
                }
                base
            }
            None => Self::dir_path(dir),
        };
        self.assets.push(Asset {
            source: file.path.clone(),
            output: format!("{}{}", base.trim_start_matches('/'), name),
        });
    }

    fn finish(mut self, diags: &mut Vec<Diagnostic>) -> Site {
        for (i, page) in self.pages.iter().enumerate() {
            self.sections[page.section].pages.push(i);
        }
        for i in 1..self.sections.len() {
            if let Some(p) = self.sections[i].parent {
                self.sections[p].subsections.push(i);
            }
        }
        let order = self.config.collation;
        let pages = &self.pages;
        for section in &mut self.sections {
            sort_pages(&mut section.pages, pages, section.sort_by, order);
            if section.paginate_reversed {
                section.pages.reverse();
            }
        }
        let keys: Vec<(Option<i64>, vi::CollationKey, String)> = self
            .sections
            .iter()
            .map(|s| (s.weight, vi::collation_key(&s.title, order), s.path.clone()))
            .collect();
        for section in &mut self.sections {
            section.subsections.sort_by(|&a, &b| {
                let (wa, ta, pa) = &keys[a];
                let (wb, tb, pb) = &keys[b];
                (wa.is_none(), wa, ta, pa).cmp(&(wb.is_none(), wb, tb, pb))
            });
        }

        // Internal link targets: `@/` keys are paths relative to content/.
        let mut links = HashMap::new();
        for p in &self.pages {
            links.insert(p.source_key.clone(), p.path.clone());
        }
        for s in &self.sections {
            links.insert(s.source_key.clone(), s.path.clone());
        }

        let taxonomies = build_taxonomies(&self.config, &self.pages, diags);

        // Two sources that would write the same URL: an error naming both.
        let mut owners: HashMap<String, String> = HashMap::new();
        let mut claim = |path: &str, file: &str, diags: &mut Vec<Diagnostic>| {
            match owners.get(path) {
                Some(other) if other != file => diags.push(
                    Diagnostic::error(
                        file,
                        "content.url-conflict",
                        format!("this page and {other} would both be written to {path}"),
                    )
                    .with_help("give one of them another file name or `slug`"),
                ),
                Some(_) => {}
                None => {
                    owners.insert(path.to_string(), file.to_string());
                }
            }
        };
        for s in self.sections.iter().filter(|s| s.render) {
            let label = if s.file.is_empty() { "content/_index.md" } else { &s.file };
            claim(&s.path, label, diags);
        }
        for p in &self.pages {
            claim(&p.path, &p.file, diags);
        }
        for t in &taxonomies {
            claim(&t.path, &format!("the taxonomy `{}`", t.name), diags);
        }
        for s in &self.sections {
            for a in &s.aliases {
                claim(a, &s.file, diags);
            }
        }
        for p in &self.pages {
            for a in &p.aliases {
                claim(a, &p.file, diags);
            }
        }

        Site {
            config: self.config,
            root: self.root,
            sections: self.sections,
            pages: self.pages,
            assets: self.assets,
            taxonomies,
            links,
        }
    }
}

fn unsafe_path(file: &str, key: &str, value: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        "front-matter.unsafe-path",
        format!("`{key}` \"{value}\" is not allowed: {why}"),
    )
    .with_help("write a path inside the site, such as \"/tin-tuc/ten-bai/\"")
}

/// Sorts page indices by the section's order; ties break by URL path so output is stable.
pub fn sort_pages(list: &mut [usize], pages: &[Page], by: SortBy, order: vi::ToneOrder) {
    match by {
        SortBy::Date | SortBy::UpdateDate => {
            let date = |p: &Page| match by {
                SortBy::UpdateDate => p.updated.or(p.date),
                _ => p.date,
            };
            list.sort_by(|&a, &b| {
                let (pa, pb) = (&pages[a], &pages[b]);
                // Newest first; `None` orders before `Some`, so reversed, undated pages go last.
                date(pb)
                    .cmp(&date(pa))
                    .then_with(|| pa.path.cmp(&pb.path))
            });
        }
        SortBy::Weight => list.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            (pa.weight.is_none(), pa.weight, &pa.path).cmp(&(pb.weight.is_none(), pb.weight, &pb.path))
        }),
        SortBy::Title => {
            let keys: HashMap<usize, vi::CollationKey> = list
                .iter()
                .map(|&i| (i, vi::collation_key(&pages[i].title, order)))
                .collect();
            list.sort_by(|a, b| keys[a].cmp(&keys[b]).then_with(|| pages[*a].path.cmp(&pages[*b].path)));
        }
        SortBy::TitleBytes => list.sort_by(|&a, &b| {
            (&pages[a].title, &pages[a].path).cmp(&(&pages[b].title, &pages[b].path))
        }),
        SortBy::Slug => list.sort_by(|&a, &b| (&pages[a].slug, &pages[a].path).cmp(&(&pages[b].slug, &pages[b].path))),
        SortBy::None => list.sort_by(|&a, &b| pages[a].file.cmp(&pages[b].file)),
    }
}

/// Groups pages by taxonomy term. Taxonomies used in front matter but not declared in
/// `trang.toml` are created, with a note (so a Zola site builds unchanged).
fn build_taxonomies(config: &SiteConfig, pages: &[Page], diags: &mut Vec<Diagnostic>) -> Vec<Taxonomy> {
    let order = config.collation;
    let mut declared: Vec<(String, Option<String>, usize)> = config
        .taxonomies
        .iter()
        .map(|t| (t.name.clone(), t.title.clone(), t.paginate_by.filter(|&n| n > 0).unwrap_or(config.paginate_by)))
        .collect();
    // name → term slug → (names seen, pages)
    let mut grouped: BTreeMap<String, BTreeMap<String, (Vec<String>, Vec<usize>)>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for (name, terms) in &page.taxonomies {
            if !declared.iter().any(|(n, _, _)| n == name) {
                diags.push(
                    Diagnostic::note(
                        &page.file,
                        "taxonomy.undeclared",
                        format!("taxonomy `{name}` is not declared in trang.toml; it was created"),
                    )
                    .with_help(format!("add [[taxonomies]] name = \"{name}\" to trang.toml to give it a title")),
                );
                declared.push((name.clone(), None, config.paginate_by));
            }
            let by_slug = grouped.entry(name.clone()).or_default();
            for term in terms {
                let slug = slugify(term);
                if slug.is_empty() {
                    continue;
                }
                let entry = by_slug.entry(slug).or_default();
                entry.0.push(term.trim().to_string());
                entry.1.push(i);
            }
        }
    }
    let mut out = Vec::new();
    for (name, title, paginate_by) in declared {
        let slug = slugify(&name);
        let path = format!("/{slug}/");
        let mut terms: Vec<Term> = grouped
            .remove(&name)
            .unwrap_or_default()
            .into_iter()
            .map(|(term_slug, (mut names, mut list))| {
                names.sort();
                list.dedup();
                sort_pages(&mut list, pages, SortBy::Date, order);
                Term {
                    name: names.swap_remove(0),
                    path: format!("{path}{term_slug}/"),
                    slug: term_slug,
                    pages: list,
                }
            })
            .collect();
        terms.sort_by(|a, b| vi::compare(&a.name, &b.name, order).then_with(|| a.slug.cmp(&b.slug)));
        out.push(Taxonomy {
            title: title.unwrap_or_else(|| name.clone()),
            name,
            slug,
            path,
            paginate_by,
            terms,
        });
    }
    out
}
