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
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file, relative to the site root, for messages.
    pub file: String,
    /// The file on disk.
    pub source: PathBuf,
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
    /// The page's language: the site's default, or one of `languages` for `page.en.md`.
    pub lang: String,
    /// The same page in the other languages (indices into `Site::pages`), in the order of
    /// the site's languages.
    pub translations: Vec<usize>,
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
    /// The section's language; `_index.en.md` is the English section of its folder.
    pub lang: String,
    /// The same section in the other languages (indices into `Site::sections`).
    pub translations: Vec<usize>,
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
    /// The languages that have content: the default first, then those of `languages` in
    /// their configured order.
    pub languages: Vec<String>,
}

impl Site {
    /// The root section (home page).
    pub fn root_section(&self) -> &Section {
        &self.sections[0]
    }

    /// The home section of a language: section 0 for the default language, the section of
    /// `/en/` for English.
    pub fn language_root(&self, lang: &str) -> Option<usize> {
        if lang == self.config.default_language {
            return Some(0);
        }
        self.sections
            .iter()
            .position(|s| s.lang == lang && s.parent.is_none() && s.components.is_empty())
    }

    /// Whether `lang` is the site's default language.
    pub fn is_default_language(&self, lang: &str) -> bool {
        lang == self.config.default_language
    }
}

/// Splits the language off a Markdown file name: `bai.en.md` → (`bai`, `Some("en")`) when
/// `en` is one of the site's other languages; `bai.md` → (`bai`, `None`). Other dotted
/// names (`bao-cao-v1.2.md`) keep their dots.
pub fn split_language<'a>(name: &'a str, languages: &[String]) -> (&'a str, Option<&'a str>) {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if let Some((base, lang)) = stem.rsplit_once('.') {
        if !base.is_empty() && languages.iter().any(|l| l == lang) {
            return (base, Some(lang));
        }
    }
    (stem, None)
}

/// The key shared by a file and its translations: `tin-tuc/a.en.md` → `tin-tuc/a.md`.
fn translation_key(source_key: &str, lang: &str, default: &str) -> String {
    if lang == default {
        return source_key.to_string();
    }
    match source_key.strip_suffix(&format!(".{lang}.md")) {
        Some(base) => format!("{base}.md"),
        None => source_key.to_string(),
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

    // Each file, read and parsed in one go (its text is dropped before the thread reads
    // the next file, instead of the whole site's texts being held until all are read):
    // its parse result, and the warnings about its text as written (garbled legacy text is
    // an error among them: the file is reported, not published).
    let parsed: Vec<ParsedWithWarnings> = owned
        .par_iter()
        .map(|file| match source::read(file) {
            Err(d) => (Err(vec![d]), Vec::new()),
            Ok((text, warnings)) => (parse_file(file, text), warnings),
        })
        .collect();

    let mut builder = SiteBuilder::new(root, config);
    let mut pending_pages = Vec::new();
    for (file, (parsed, mut warnings)) in owned.iter().zip(parsed) {
        let garbled = warnings.iter().any(Diagnostic::is_error);
        diags.append(&mut warnings);
        if garbled {
            continue;
        }
        match parsed {
            Err(mut d) => diags.append(&mut d),
            Ok(Parsed::Section(s)) => builder.add_section(file, *s, options, &mut diags),
            Ok(Parsed::Page(p)) => pending_pages.push((file, p)),
        }
    }
    let langs: Vec<String> = markdown
        .iter()
        .filter_map(|f| {
            let name = f.components.last()?;
            split_language(name, &builder.config.languages)
                .1
                .map(str::to_string)
        })
        .collect();
    builder.ensure_root(&langs);
    for (file, page) in pending_pages {
        builder.add_page(file, *page, options, &mut diags);
    }
    for asset in files.iter().filter(|f| f.kind == SourceKind::Asset) {
        builder.add_asset(asset);
    }
    let site = builder.finish(&mut diags);
    (site, diags)
}

/// Reads page `index` of `site` again from disk, as [`load`] would, for incremental
/// rebuilds. `Ok(None)` when the page is no longer published (now a draft). The site's
/// sections are reused: a change that moves the page elsewhere shows up as a different
/// `path` or `section` in the returned page.
pub fn reload_page(
    site: &Site,
    index: usize,
    options: LoadOptions,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    let old = &site.pages[index];
    let content_dir = site.root.join("content");
    let rel = old.source.strip_prefix(&content_dir).unwrap_or(&old.source);
    let file = SourceFile {
        kind: SourceKind::Page,
        path: old.source.clone(),
        display: old.file.clone(),
        components: rel
            .components()
            .map(|c| crate::vi::nfc_string(c.as_os_str().to_string_lossy().into_owned()))
            .collect(),
    };
    let bytes = std::fs::read(&file.path).map_err(|e| {
        vec![Diagnostic::error(
            &file.display,
            "content.unreadable",
            format!("cannot read the file: {e}"),
        )]
    })?;
    let text = source::decode(&file.display, bytes).map_err(|d| vec![d])?;
    let parsed = match parse_file(&file, text)? {
        Parsed::Page(p) => p,
        Parsed::Section(_) => return Ok(None),
    };
    let mut builder = SiteBuilder::new(&site.root, site.config.clone());
    for (i, section) in site.sections.iter().enumerate() {
        builder
            .section_by_dir
            .insert(builder.dir_key(&section.lang, &section.components), i);
    }
    let mut diags = Vec::new();
    builder.add_page(&file, *parsed, options, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok(builder.pages.pop())
}

/// A file's parse result, and the warnings about its text as written.
type ParsedWithWarnings = (Result<Parsed, Vec<Diagnostic>>, Vec<Diagnostic>);

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
            return Err(format!(
                "`{seg}` segments would leave the site's output folder"
            ));
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
    /// Bundle folder key → pages of the bundle in other languages, for their assets.
    bundle_translations: HashMap<String, Vec<usize>>,
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
            bundle_translations: HashMap::new(),
        }
    }

    /// The key of a folder in `section_by_dir` and `draft_dirs`: the folder path for the
    /// default language (so existing keys stay as they are), prefixed with the language
    /// for the others.
    fn dir_key(&self, lang: &str, dir: &[String]) -> String {
        if lang == self.config.default_language {
            dir.join("/")
        } else {
            format!("{lang}\u{1}{}", dir.join("/"))
        }
    }

    /// The URL prefix of a language: empty for the default, `/en` for English.
    fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.config.default_language {
            String::new()
        } else {
            format!("/{lang}")
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
        let name = file.components.last().map(String::as_str).unwrap_or("");
        let lang = match split_language(name, &self.config.languages) {
            ("_index", Some(lang)) => lang.to_string(),
            ("_index", None) => self.config.default_language.clone(),
            (stem, _) => {
                let code = stem.trim_start_matches("_index.");
                diags.push(
                    Diagnostic::error(
                        &file.display,
                        "content.unknown-language",
                        format!("`{name}` is a section for the language `{code}`, which is not in `languages` of trang.toml"),
                    )
                    .with_help(format!("add languages = [\"{code}\"] to trang.toml, or rename the file to _index.md")),
                );
                return;
            }
        };
        let key = self.dir_key(&lang, dir);
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
            path: format!("{}{}", self.lang_prefix(&lang), Self::dir_path(dir)),
            parent: None,
            subsections: Vec::new(),
            pages: Vec::new(),
            components: dir.to_vec(),
            source_key: file.components.join("/"),
            kind: fm.kind,
            front_matter_lines: parsed.front_matter_lines,
            lang,
            translations: Vec::new(),
        };
        self.section_by_dir.insert(key, self.sections.len());
        self.sections.push(section);
    }

    /// Makes sure section 0 is the root, creating an implicit one when `content/_index.md`
    /// is missing, and that every other language in `langs` has a root section (`/en/`).
    fn ensure_root(&mut self, langs: &[String]) {
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
                    lang: self.config.default_language.clone(),
                    translations: Vec::new(),
                };
                self.sections.insert(0, implicit);
                for v in self.section_by_dir.values_mut() {
                    *v += 1;
                }
                self.section_by_dir.insert(String::new(), 0);
            }
        }
        // A home for each other language with content: `/en/`, implicit unless
        // `content/_index.en.md` exists.
        for lang in langs.iter().filter(|l| **l != self.config.default_language) {
            let key = self.dir_key(lang, &[]);
            if self.section_by_dir.contains_key(&key) {
                continue;
            }
            let mut home = self.sections[0].clone();
            home.file = String::new();
            home.title = self.config.title.clone();
            home.description = None;
            home.template = None;
            home.page_template = None;
            home.redirect_to = None;
            home.aliases = Vec::new();
            home.extra = toml::Table::new();
            home.body = String::new();
            home.body_line = 1;
            home.path = format!("/{lang}/");
            home.source_key = format!("_index.{lang}.md");
            home.kind = None;
            home.front_matter_lines = BTreeMap::new();
            home.lang = lang.clone();
            self.section_by_dir.insert(key, self.sections.len());
            self.sections.push(home);
        }
        // Parents: the nearest ancestor folder that is a section of the same language.
        for i in 1..self.sections.len() {
            let s = &self.sections[i];
            if s.components.is_empty() {
                continue; // the home of another language
            }
            let parent =
                self.nearest_section_in(&s.lang.clone(), &s.components[..s.components.len() - 1]);
            self.sections[i].parent = Some(parent);
        }
    }

    /// The section of `lang` nearest to folder `dir`; the language's home at the latest.
    fn nearest_section_in(&self, lang: &str, dir: &[String]) -> usize {
        (0..=dir.len())
            .rev()
            .find_map(|n| {
                self.section_by_dir
                    .get(&self.dir_key(lang, &dir[..n]))
                    .copied()
            })
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
        let name = file.components.last().map(String::as_str).unwrap_or("");
        let (base_name, lang) = split_language(name, &self.config.languages);
        let lang = lang.unwrap_or(&self.config.default_language).to_string();
        if (fm.draft && !options.drafts) || self.in_draft_dir_of(&lang, &file.components) {
            return;
        }
        let is_bundle = base_name == "index";
        let (dir, stem) = if is_bundle {
            let dir = &file.components[..file.components.len() - 1];
            (
                &dir[..dir.len().saturating_sub(1)],
                dir.last().map(String::as_str).unwrap_or(""),
            )
        } else {
            (&file.components[..file.components.len() - 1], base_name)
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
        let prefix = self.lang_prefix(&lang);
        let path = match &fm.path {
            Some(p) => match safe_site_path(p) {
                Ok(p) if prefix.is_empty() || p.starts_with(&format!("{prefix}/")) => p,
                Ok(p) => format!("{prefix}{p}"),
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
            None => format!("{prefix}{}{}/", Self::dir_path(dir), slug),
        };
        let mut aliases = Vec::new();
        for alias in &fm.aliases {
            match safe_site_path(alias) {
                Ok(p) => aliases.push(p),
                Err(why) => diags.push(
                    unsafe_path(&file.display, "aliases", alias, &why).at(line("aliases"), 1),
                ),
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
        let section = self.nearest_section_in(&lang, dir);
        let index = self.pages.len();
        if is_bundle {
            let key = file.components[..file.components.len() - 1].join("/");
            if lang == self.config.default_language || !self.bundle_by_dir.contains_key(&key) {
                if let Some(previous) = self.bundle_by_dir.insert(key.clone(), index) {
                    self.bundle_translations
                        .entry(key)
                        .or_default()
                        .push(previous);
                }
            } else {
                self.bundle_translations.entry(key).or_default().push(index);
            }
        }
        self.pages.push(Page {
            file: file.display.clone(),
            source: file.path.clone(),
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
            lang,
            translations: Vec::new(),
        });
    }

    /// Whether a file lies below a draft section's folder.
    fn in_draft_dir(&self, components: &[String]) -> bool {
        let dir = &components[..components.len() - 1];
        (1..=dir.len()).any(|n| self.draft_dirs.contains(&dir[..n].join("/")))
    }

    /// Whether a file of `lang` lies below a draft section's folder: a draft section of
    /// the default language hides every language, `_index.en.md` only English.
    fn in_draft_dir_of(&self, lang: &str, components: &[String]) -> bool {
        let dir = &components[..components.len() - 1];
        self.in_draft_dir(components)
            || (1..=dir.len()).any(|n| self.draft_dirs.contains(&self.dir_key(lang, &dir[..n])))
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
        // Translations of a bundle get their own copy, so relative links work in each.
        if let Some((n, _)) = bundle {
            let key = dir[..n].join("/");
            for &page in self.bundle_translations.get(&key).into_iter().flatten() {
                let mut base = self.pages[page].path.clone();
                for c in &dir[n..] {
                    base.push_str(c);
                    base.push('/');
                }
                self.assets.push(Asset {
                    source: file.path.clone(),
                    output: format!("{}{}", base.trim_start_matches('/'), name),
                });
            }
        }
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

        self.link_translations();
        let taxonomies = build_taxonomies(&self.config, &self.pages, diags);

        // Two sources that would write the same URL: an error naming both.
        let mut owners: HashMap<String, String> = HashMap::new();
        let mut claim = |path: &str, file: &str, diags: &mut Vec<Diagnostic>| match owners.get(path)
        {
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
        };
        for s in self.sections.iter().filter(|s| s.render) {
            let label = if s.file.is_empty() {
                "content/_index.md"
            } else {
                &s.file
            };
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

        let mut languages = vec![self.config.default_language.clone()];
        for lang in &self.config.languages {
            if self.sections.iter().any(|s| &s.lang == lang) {
                languages.push(lang.clone());
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
            languages,
        }
    }

    /// Links every page and section to its versions in the other languages: `a.md`,
    /// `a.en.md` and `a/index.en.md`-style bundles share a translation key.
    fn link_translations(&mut self) {
        let default = self.config.default_language.clone();
        let order = |lang: &str| {
            if lang == default {
                0
            } else {
                1 + self
                    .config
                    .languages
                    .iter()
                    .position(|l| l == lang)
                    .unwrap_or(usize::MAX - 1)
            }
        };
        let mut pages: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            pages
                .entry(translation_key(&p.source_key, &p.lang, &default))
                .or_default()
                .push(i);
        }
        for group in pages.values_mut().filter(|g| g.len() > 1) {
            group.sort_by_key(|&i| order(&self.pages[i].lang));
            for &i in group.iter() {
                self.pages[i].translations = group.iter().copied().filter(|&j| j != i).collect();
            }
        }
        let mut sections: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in self.sections.iter().enumerate() {
            sections
                .entry(translation_key(&s.source_key, &s.lang, &default))
                .or_default()
                .push(i);
        }
        for group in sections.values_mut().filter(|g| g.len() > 1) {
            group.sort_by_key(|&i| order(&self.sections[i].lang));
            for &i in group.iter() {
                self.sections[i].translations = group.iter().copied().filter(|&j| j != i).collect();
            }
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
                date(pb).cmp(&date(pa)).then_with(|| pa.path.cmp(&pb.path))
            });
        }
        SortBy::Weight => list.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            (pa.weight.is_none(), pa.weight, &pa.path).cmp(&(
                pb.weight.is_none(),
                pb.weight,
                &pb.path,
            ))
        }),
        SortBy::Title => {
            let keys: HashMap<usize, vi::CollationKey> = list
                .iter()
                .map(|&i| (i, vi::collation_key(&pages[i].title, order)))
                .collect();
            list.sort_by(|a, b| {
                keys[a]
                    .cmp(&keys[b])
                    .then_with(|| pages[*a].path.cmp(&pages[*b].path))
            });
        }
        SortBy::TitleBytes => list.sort_by(|&a, &b| {
            (&pages[a].title, &pages[a].path).cmp(&(&pages[b].title, &pages[b].path))
        }),
        SortBy::Slug => list.sort_by(|&a, &b| {
            (&pages[a].slug, &pages[a].path).cmp(&(&pages[b].slug, &pages[b].path))
        }),
        SortBy::None => list.sort_by(|&a, &b| pages[a].file.cmp(&pages[b].file)),
    }
}

/// The spellings of one term seen in front matter, and the pages that use it.
type TermGroup = (Vec<String>, Vec<usize>);

/// Groups pages by taxonomy term. Taxonomies used in front matter but not declared in
/// `trang.toml` are created, with a note (so a Zola site builds unchanged).
fn build_taxonomies(
    config: &SiteConfig,
    pages: &[Page],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let order = config.collation;
    let mut declared: Vec<(String, Option<String>, usize)> = config
        .taxonomies
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                t.title.clone(),
                t.paginate_by
                    .filter(|&n| n > 0)
                    .unwrap_or(config.paginate_by),
            )
        })
        .collect();
    // name → term slug → (names seen, pages)
    let mut grouped: BTreeMap<String, BTreeMap<String, TermGroup>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if page.lang != config.default_language {
            continue; // taxonomies list the pages of the default language
        }
        for (name, terms) in &page.taxonomies {
            if !declared.iter().any(|(n, _, _)| n == name) {
                diags.push(
                    Diagnostic::note(
                        &page.file,
                        "taxonomy.undeclared",
                        format!("taxonomy `{name}` is not declared in trang.toml; it was created"),
                    )
                    .with_help(format!(
                        "add [[taxonomies]] name = \"{name}\" to trang.toml to give it a title"
                    )),
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
        terms
            .sort_by(|a, b| vi::compare(&a.name, &b.name, order).then_with(|| a.slug.cmp(&b.slug)));
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
