//! Rendering: Markdown bodies to HTML, then every output page through the templates.
//!
//! Templates get small view values, never the whole site: a list page gets the summaries of
//! the pages it shows (title, URL, date, description), built once per page and shared. This
//! keeps section and taxonomy pages of a 10,000-page site cheap (Zola copies whole page
//! objects into each list, which costs it half its build time).
//!
//! Rendering returns bytes through a sink; it never writes files.

pub mod markdown;
pub mod templates;
pub mod typed;

use crate::content::{Page, Section, Site};
use crate::diagnostics::Diagnostic;
use markdown::Rendered;
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use templates::Templates;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/` separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Markdown of every page and section, rendered in parallel.
pub struct RenderedContent {
    pub pages: Vec<Rendered>,
    pub sections: Vec<Rendered>,
    /// The images content uses, cleaned of metadata, and their variants (`images::process`
    /// fills it and rewrites the `<img>` tags above).
    pub images: Vec<OutputFile>,
    /// Output path of each shown image → its responsive data, to rewrite pages again.
    pub responsive: std::collections::HashMap<String, crate::images::Responsive>,
    /// Output path of each leader's photo → its portrait thumbnails, narrowest first
    /// (`images::process` fills it; `typed` adds them to the photo's value).
    pub thumbnails: std::collections::HashMap<String, Vec<crate::images::Thumbnail>>,
    /// Ids of the regulation requirements no content meets (`None` when not checked).
    pub missing_requirements: Option<Vec<String>>,
}

/// The path prefix of the site when its base URL has a path (`https://x.vn/sub` → `/sub`).
pub fn base_path(base_url: &str) -> String {
    let without_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let p = without_scheme.trim_matches('/');
    if base_url.contains("://") {
        if p.is_empty() {
            String::new()
        } else {
            format!("/{p}")
        }
    } else if p.is_empty() {
        String::new()
    } else {
        format!("/{p}")
    }
}

/// Renders the Markdown of every page and section; broken links are diagnostics.
pub fn render_markdown(site: &Site) -> (RenderedContent, Vec<Diagnostic>) {
    let base = base_path(&site.config.base_url);
    let one = |file: &str, body: &str, body_line: usize| {
        markdown::render(
            body,
            &markdown::Context {
                file,
                body_line,
                links: &site.links,
                base_path: &base,
            },
        )
    };
    let (pages, mut diags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .pages
        .par_iter()
        .map(|p| one(&p.file, &p.body, p.body_line))
        .unzip();
    let (sections, sdiags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .sections
        .par_iter()
        .map(|s| one(&s.file, &s.body, s.body_line))
        .unzip();
    diags.extend(sdiags);
    (
        RenderedContent {
            pages,
            sections,
            images: Vec::new(),
            responsive: Default::default(),
            thumbnails: Default::default(),
            missing_requirements: None,
        },
        diags.into_iter().flatten().collect(),
    )
}

/// A description for lists and `<meta>`: the front matter's, or the first words of the text.
pub fn description(explicit: Option<&str>, text: &str) -> String {
    if let Some(d) = explicit.filter(|d| !d.trim().is_empty()) {
        return d.trim().to_string();
    }
    const MAX_CHARS: usize = 200;
    // The words, one space apart, until they pass MAX_CHARS characters (this runs for
    // every page, for its summary and for the portal API: it reads no further).
    let mut flat = String::with_capacity(MAX_CHARS * 3);
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
        if chars > MAX_CHARS {
            break;
        }
    }
    if chars <= MAX_CHARS {
        return flat;
    }
    let end = flat
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(flat.len(), |(i, _)| i);
    let cut = &flat[..end];
    let at_word = cut.rfind(' ').map_or(cut, |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.']))
}

/// The values of one rendering, on top of its language's base context (see
/// [`Renderer::render_template`]): values are moved in, not serialized again.
struct Cx {
    map: Map<String, Value>,
    /// The language whose base context (`t`, `menu`, `config`…) the template sees.
    lang: String,
}

impl Cx {
    fn insert(&mut self, key: &str, value: impl Into<Value>) {
        self.map.insert(key.to_string(), value.into());
    }
}

/// Everything the template pass needs, computed once.
pub struct Renderer<'a> {
    site: &'a Site,
    content: &'a RenderedContent,
    templates: &'a Templates,
    base_path: String,
    base_context: Map<String, Value>,
    /// Per page: the small value lists show.
    summaries: Vec<Value>,
    /// Per other language with content (`en`): the context values that differ from the
    /// default language's (`lang`, `t`, `menu`, `home_url`).
    language_contexts: Vec<(String, Map<String, Value>)>,
    /// The kind of each section, declared or inherited (selects `kinds/<kind>.html`).
    section_kinds: Vec<Option<crate::regulation::Kind>>,
    /// Tells this renderer's base contexts from another's in [`BASE_CONTEXT`].
    id: u64,
}

/// Numbers renderers for [`BASE_CONTEXT`].
static RENDERER_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One base context per thread, reused from one rendering to the next: cloning the shared
/// values (`config`, the ~160 strings of `t`, `menu`…) for every page cost more than
/// rendering some templates.
struct BaseContext {
    renderer: u64,
    lang: String,
    cx: tera::Context,
    /// False while a rendering's own values are in `cx`.
    clean: bool,
}

thread_local! {
    static BASE_CONTEXT: std::cell::RefCell<Option<BaseContext>> =
        const { std::cell::RefCell::new(None) };
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, content: &'a RenderedContent, templates: &'a Templates) -> Self {
        let base_path = base_path(&site.config.base_url);
        let typed = typed::typed_pages(site, &content.thumbnails);
        let summaries = site
            .pages
            .par_iter()
            .zip(&content.pages)
            .zip(typed.kinds.par_iter().zip(typed.values))
            .map(|((p, r), (k, t))| page_summary(p, r, &base_path, *k, t))
            .collect();
        Self::with_summaries(site, content, templates, summaries)
    }

    /// The summary lists show for page `i` (title, URL, date, description…).
    pub fn summary_of(site: &Site, content: &RenderedContent, i: usize) -> Value {
        let (kind, typed) = typed::typed_page(site, i, &content.thumbnails);
        page_summary(
            &site.pages[i],
            &content.pages[i],
            &base_path(&site.config.base_url),
            kind,
            typed,
        )
    }

    /// The page summaries, to keep between incremental rebuilds.
    pub fn into_summaries(self) -> Vec<Value> {
        self.summaries
    }

    /// A renderer reusing summaries computed before (one per page, in page order).
    pub fn with_summaries(
        site: &'a Site,
        content: &'a RenderedContent,
        templates: &'a Templates,
        summaries: Vec<Value>,
    ) -> Self {
        let base_path = base_path(&site.config.base_url);
        let root = site.root_section();
        let menu: Vec<Value> = root
            .subsections
            .iter()
            .map(|&i| &site.sections[i])
            .filter(|s| s.render)
            .map(|s| json!({"title": s.title, "url": format!("{base_path}{}", s.path), "path": s.path}))
            .collect();
        let lang = site.config.default_language.clone();
        let mut base_context = Map::new();
        base_context.insert("config".into(), config_value(site));
        base_context.insert("lang".into(), json!(lang));
        base_context.insert(
            "t".into(),
            serde_json::to_value(templates::ui_strings(&lang)).unwrap_or_default(),
        );
        base_context.insert("menu".into(), Value::Array(menu));
        base_context.insert("base_path".into(), json!(base_path));
        base_context.insert("home_url".into(), json!(format!("{base_path}/")));
        base_context.insert("translations".into(), json!([]));
        base_context.insert(
            "feeds".into(),
            feed_links(site, &site.config.default_language, &base_path),
        );
        let language_contexts = language_contexts(site, &base_path);
        base_context.insert(
            "assets".into(),
            json!({
                "css": format!("{base_path}/{}", css_path()),
                "search_js": format!("{base_path}/{}", search_js_path()),
                "ui_js": format!("{base_path}/{}", ui_js_path()),
            }),
        );
        let search = &site.config.search;
        base_context.insert(
            "search".into(),
            json!({
                "enabled": search.enabled,
                "engine": search.engine,
                "url": format!("{base_path}{}", crate::config::SearchConfig::PAGE_PATH),
                "index_url": match search.engine {
                    crate::config::SearchEngine::Trang => format!("{base_path}/search/"),
                    crate::config::SearchEngine::Elasticlunr => format!("{base_path}/search_index.{lang}.js"),
                },
                "facets": search.facets,
            }),
        );
        base_context.insert(
            "taxonomies".into(),
            site
                .taxonomies
                .iter()
                .map(|t| json!({"name": t.name, "title": t.title, "url": format!("{base_path}{}", t.path)}))
                .collect::<Value>(),
        );
        Renderer {
            site,
            content,
            templates,
            base_path,
            base_context,
            summaries,
            language_contexts,
            section_kinds: crate::regulation::kinds::site_kinds(site, crate::regulation::Lang::Vi)
                .0
                .sections,
            id: RENDERER_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    fn context(&self, current_path: &str) -> Cx {
        let lang = crate::i18n::language_of_path(self.site, current_path);
        let mut cx = Cx {
            map: Map::new(),
            lang: lang.to_string(),
        };
        cx.insert("current_path", current_path);
        let mut parts = current_path.split('/').filter(|s| !s.is_empty());
        let root = if self.language_contexts.iter().any(|(l, _)| l == lang) {
            // The menu's current item is the second folder: `/en/news/a/` → `/en/news/`.
            match (parts.next(), parts.next()) {
                (Some(l), Some(s)) => format!("/{l}/{s}/"),
                (Some(l), None) => format!("/{l}/"),
                _ => "/".to_string(),
            }
        } else {
            parts
                .next()
                .map_or_else(|| "/".to_string(), |s| format!("/{s}/"))
        };
        cx.insert("current_root", root);
        cx
    }

    /// The values every template in `lang` sees: the default language's, with `lang`'s own
    /// (`t`, `menu`, `home_url`…) over them.
    fn base_context(&self, lang: &str) -> tera::Context {
        let mut map = self.base_context.clone();
        if let Some((_, values)) = self.language_contexts.iter().find(|(l, _)| l == lang) {
            for (k, v) in values {
                map.insert(k.clone(), v.clone());
            }
        }
        tera::Context::from_value(Value::Object(map)).unwrap_or_default()
    }

    /// Breadcrumb entries from the home page down to section `index` (inclusive).
    fn ancestors(&self, mut index: Option<usize>) -> Vec<Value> {
        let mut chain = Vec::new();
        while let Some(i) = index {
            let s = &self.site.sections[i];
            let title = if i == 0 {
                self.home_title()
            } else if s.parent.is_none() {
                self.home_title_in(&s.lang)
            } else {
                s.title.clone()
            };
            chain.push(json!({"title": title, "url": self.url(&s.path)}));
            index = s.parent;
        }
        chain.reverse();
        chain
    }

    /// Renders every output file in parallel and hands each to `sink`. Returns all problems.
    pub fn render_all<F>(&self, sink: F) -> Vec<Diagnostic>
    where
        F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
    {
        let site = self.site;
        let emit = |r: Result<OutputFile, Diagnostic>| -> Vec<Diagnostic> {
            match r.and_then(&sink) {
                Ok(()) => Vec::new(),
                Err(d) => vec![d],
            }
        };
        let mut diags: Vec<Diagnostic> = site
            .pages
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, _)| emit(self.page(i)))
            .collect();
        diags.extend(
            (0..site.sections.len())
                .into_par_iter()
                .flat_map_iter(|i| {
                    self.section_outputs(i)
                        .into_iter()
                        .flat_map(&emit)
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>(),
        );
        let terms: Vec<(usize, usize)> = site
            .taxonomies
            .iter()
            .enumerate()
            .flat_map(|(t, tax)| (0..tax.terms.len()).map(move |k| (t, k)))
            .collect();
        diags.extend(
            terms
                .into_par_iter()
                .flat_map_iter(|(t, k)| {
                    self.term_outputs(t, k)
                        .into_iter()
                        .flat_map(&emit)
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>(),
        );
        for t in 0..site.taxonomies.len() {
            diags.extend(emit(self.taxonomy_list(t)));
        }
        for r in self.redirects() {
            diags.extend(emit(r));
        }
        diags.extend(emit(self.not_found()));
        if site.config.search.enabled {
            for r in self.search_pages() {
                diags.extend(emit(r));
            }
            diags.extend(emit(Ok(OutputFile {
                path: search_js_path(),
                bytes: templates::DEFAULT_SEARCH_JS.as_bytes().to_vec(),
            })));
        }
        diags.extend(emit(Ok(OutputFile {
            path: ui_js_path(),
            bytes: templates::DEFAULT_UI_JS.as_bytes().to_vec(),
        })));
        diags.extend(emit(Ok(OutputFile {
            path: css_path(),
            bytes: templates::DEFAULT_CSS.as_bytes().to_vec(),
        })));
        diags
    }

    /// The HTML of page `i`.
    pub fn page(&self, i: usize) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let page = &site.pages[i];
        let rendered = &self.content.pages[i];
        let section = &site.sections[page.section];
        let mut cx = self.context(&page.path);
        let mut value = self.summaries[i].clone();
        if let Value::Object(map) = &mut value {
            map.insert("content".into(), Value::String(rendered.html.clone()));
            map.insert(
                "toc".into(),
                serde_json::to_value(&rendered.toc).unwrap_or_default(),
            );
            map.insert("word_count".into(), json!(rendered.word_count));
            map.insert(
                "reading_time".into(),
                json!(rendered.word_count.div_ceil(200)),
            );
            map.insert("authors".into(), json!(page.authors));
            // Only what may be published: a question asker's personal data stays out (Điều 5).
            let kind = map
                .get("kind")
                .and_then(Value::as_str)
                .and_then(crate::regulation::Kind::parse);
            map.insert(
                "extra".into(),
                serde_json::to_value(typed::public_extra(kind, &page.extra)).unwrap_or_default(),
            );
            map.insert("terms".into(), Value::Array(self.page_terms(page)));
            map.insert("taxonomies".into(), json!(page.taxonomies));
            map.insert(
                "permalink".into(),
                json!(site
                    .config
                    .permalink(&self.url(&page.path)[self.base_path.len()..])),
            );
            map.insert(
                "section".into(),
                json!({"title": section.title, "url": self.url(&section.path)}),
            );
            let pos = section.pages.iter().position(|&p| p == i);
            let neighbour = |p: Option<usize>| p.map(|p| self.summaries[p].clone());
            map.insert(
                "lower".into(),
                neighbour(pos.and_then(|k| section.pages.get(k + 1).copied()))
                    .unwrap_or(Value::Null),
            );
            map.insert(
                "higher".into(),
                neighbour(
                    pos.and_then(|k| k.checked_sub(1))
                        .and_then(|k| section.pages.get(k).copied()),
                )
                .unwrap_or(Value::Null),
            );
        }
        cx.insert("page", value);
        let alternates = crate::i18n::page_alternates(site, i);
        cx.insert(
            "translations",
            crate::i18n::alternates_value(site, &alternates, &page.lang, &self.base_path),
        );
        cx.insert("ancestors", self.ancestors(Some(page.section)));
        let template = page
            .template
            .clone()
            .or_else(|| self.inherited_page_template(page.section))
            .or_else(|| self.kind_template(page.section, ""))
            .unwrap_or_else(|| "page.html".into());
        let html = self.render_template(&template, cx, &page.file)?;
        Ok(OutputFile {
            path: index_path(&page.path),
            bytes: html,
        })
    }

    fn inherited_page_template(&self, mut section: usize) -> Option<String> {
        loop {
            let s = &self.site.sections[section];
            if let Some(t) = &s.page_template {
                return Some(t.clone());
            }
            section = s.parent?;
        }
    }

    fn render_template(&self, name: &str, cx: Cx, file: &str) -> Result<Vec<u8>, Diagnostic> {
        if !self.templates.has(name) {
            return Err(Diagnostic::error(
                file,
                "template.missing",
                format!("template `{name}` does not exist"),
            )
            .with_help(
                "create it under templates/, or remove the `template` key to use the default",
            ));
        }
        let size_hint = cx
            .map
            .get("page")
            .and_then(|p| p.get("content"))
            .and_then(Value::as_str)
            .map_or(16 * 1024, |c| c.len() + 8 * 1024);
        BASE_CONTEXT.with(|cell| {
            let mut slot = cell.borrow_mut();
            let reusable = slot
                .as_ref()
                .is_some_and(|b| b.renderer == self.id && b.lang == cx.lang && b.clean);
            if !reusable {
                *slot = None;
            }
            let base = slot.get_or_insert_with(|| BaseContext {
                renderer: self.id,
                lang: cx.lang.clone(),
                cx: self.base_context(&cx.lang),
                clean: true,
            });
            // Lay this rendering's values over the base, render, then put the base back.
            base.clean = false;
            let keys: Vec<String> = cx.map.keys().cloned().collect();
            let mut covered = Map::new();
            for k in &keys {
                if let Some(v) = base.cx.remove(k) {
                    covered.insert(k.clone(), v);
                }
            }
            base.cx
                .extend(tera::Context::from_value(Value::Object(cx.map)).unwrap_or_default());
            let result = self.templates.render(name, &base.cx, file, size_hint);
            for k in &keys {
                base.cx.remove(k);
            }
            base.cx
                .extend(tera::Context::from_value(Value::Object(covered)).unwrap_or_default());
            base.clean = true;
            result
        })
    }

    fn page_terms(&self, page: &Page) -> Vec<Value> {
        let mut out = Vec::new();
        if !self.site.is_default_language(&page.lang) {
            return out; // taxonomies list the default language's pages only
        }
        for t in &self.site.taxonomies {
            if let Some(names) = page.taxonomies.get(&t.name) {
                for name in names {
                    let slug = crate::vi::slugify(name);
                    if let Some(term) = t.terms.iter().find(|x| x.slug == slug) {
                        out.push(json!({"taxonomy": t.name, "name": term.name, "url": self.url(&term.path)}));
                    }
                }
            }
        }
        out
    }

    fn section_value(&self, i: usize) -> Value {
        let site = self.site;
        let s: &Section = &site.sections[i];
        let rendered = &self.content.sections[i];
        json!({
            "title": s.title,
            "description": description(s.description.as_deref(), &rendered.text),
            "content": rendered.html,
            "url": self.url(&s.path),
            "path": s.path,
            "permalink": site.config.permalink(&s.path),
            "extra": s.extra,
            "kind": self.section_kinds[i].map(crate::regulation::Kind::id),
            "pages_count": s.pages.len(),
            "subsections": s.subsections.iter().map(|&c| {
                let c = &site.sections[c];
                json!({"title": c.title, "url": self.url(&c.path), "pages_count": c.pages.len(), "description": c.description})
            }).collect::<Vec<_>>(),
        })
    }

    /// Every list page of section `i` (or its redirect).
    pub fn section_outputs(&self, i: usize) -> Vec<Result<OutputFile, Diagnostic>> {
        let site = self.site;
        let s = &site.sections[i];
        if let Some(target) = &s.redirect_to {
            return vec![self.redirect(&s.path, target, &s.file)];
        }
        if !s.render {
            return Vec::new();
        }
        let template = s
            .template
            .clone()
            .or_else(|| self.kind_template(i, "_list"))
            .unwrap_or_else(|| {
                if s.parent.is_none() {
                    "index.html"
                } else {
                    "section.html"
                }
                .to_string()
            });
        let section_value = self.section_value(i);
        let ancestors = self.ancestors(s.parent);
        let alternates = crate::i18n::section_alternates(site, i);
        let translations =
            crate::i18n::alternates_value(site, &alternates, &s.lang, &self.base_path);
        let section_feeds = if crate::feeds::section_has_feed(site, i) {
            crate::feeds::links_value(&self.url(&s.path), &s.title)
        } else {
            json!([])
        };
        let file = if s.file.is_empty() {
            "content/_index.md"
        } else {
            &s.file
        };
        let latest: Vec<Value> = if s.parent.is_none() {
            latest_pages_in(site, 10, &s.lang)
                .into_iter()
                .map(|p| self.summaries[p].clone())
                .collect()
        } else {
            Vec::new()
        };
        let org_chart = if self.section_kinds[i] == Some(crate::regulation::Kind::Unit) {
            self.org_chart(&s.pages)
        } else {
            Value::Null
        };
        let home = if s.parent.is_none() {
            self.home_lists(&s.lang)
        } else {
            Value::Null
        };
        self.paginate(&s.path, &s.paginate_path, s.paginate_by, &s.pages)
            .into_iter()
            .map(|(out_path, paginator)| {
                let mut cx = self.context(&s.path);
                cx.insert("section", section_value.clone());
                cx.insert("paginator", paginator);
                cx.insert("ancestors", ancestors.clone());
                cx.insert("latest", latest.clone());
                cx.insert("translations", translations.clone());
                cx.insert("section_feeds", section_feeds.clone());
                cx.insert("org_chart", org_chart.clone());
                cx.insert("home", home.clone());
                let html = self.render_template(&template, cx, file)?;
                Ok(OutputFile {
                    path: out_path,
                    bytes: html,
                })
            })
            .collect()
    }

    /// `kinds/<kind><suffix>.html` for section `i`'s kind, when the theme has it.
    fn kind_template(&self, i: usize, suffix: &str) -> Option<String> {
        let kind = self.section_kinds[i]?;
        let name = format!("kinds/{}{suffix}.html", kind.id());
        self.templates.has(&name).then_some(name)
    }

    /// The org chart of a unit section: its pages as a tree by `don_vi_cap_tren`
    /// (`[{title, url, head, phone, email, children: […]}]`), in the section's order.
    fn org_chart(&self, pages: &[usize]) -> Value {
        let parent_of = |p: usize| -> Option<usize> {
            let path = self.summaries[p].pointer("/typed/parent/path")?.as_str()?;
            pages
                .iter()
                .copied()
                .find(|&q| self.site.pages[q].path == path && q != p)
        };
        fn node(
            r: &Renderer<'_>,
            p: usize,
            pages: &[usize],
            parent_of: &dyn Fn(usize) -> Option<usize>,
            depth: usize,
        ) -> Value {
            let s = &r.summaries[p];
            let children: Vec<Value> = if depth > 16 {
                Vec::new()
            } else {
                pages
                    .iter()
                    .copied()
                    .filter(|&c| parent_of(c) == Some(p))
                    .map(|c| node(r, c, pages, parent_of, depth + 1))
                    .collect()
            };
            json!({
                "title": s["title"], "url": s["url"],
                "head": s.pointer("/typed/head"), "phone": s.pointer("/typed/phone"),
                "email": s.pointer("/typed/email"), "children": children,
            })
        }
        pages
            .iter()
            .copied()
            .filter(|&p| parent_of(p).is_none())
            .map(|p| node(self, p, pages, &parent_of, 0))
            .collect()
    }

    /// What the default theme's home page lists: the latest pages of some kinds and the
    /// sections of the kinds it links to (`{news, notices, schedule, documents, services,
    /// consultations, sections: {kind: {title, url}}}`).
    fn home_lists(&self, lang: &str) -> Value {
        use crate::regulation::Kind;
        let latest = |kinds: &[Kind], n: usize| -> Vec<Value> {
            let mut list: Vec<usize> = (0..self.site.pages.len())
                .filter(|&i| self.site.pages[i].lang == lang)
                .filter(|&i| {
                    let k = self.summaries[i].get("kind").and_then(Value::as_str);
                    kinds.iter().any(|kind| Some(kind.id()) == k)
                })
                .collect();
            let key = |i: usize| {
                (
                    std::cmp::Reverse(self.site.pages[i].date),
                    self.site.pages[i].path.as_str(),
                )
            };
            list.sort_by(|&a, &b| key(a).cmp(&key(b)));
            list.into_iter()
                .take(n)
                .map(|i| self.summaries[i].clone())
                .collect()
        };
        let mut sections = Map::new();
        for (i, s) in self.site.sections.iter().enumerate() {
            if let (Some(k), true) = (self.section_kinds[i], s.lang == lang && s.render) {
                let declared = s.kind.is_some();
                if declared && !sections.contains_key(k.id()) {
                    sections.insert(
                        k.id().to_string(),
                        json!({"title": s.title, "url": self.url(&s.path)}),
                    );
                }
            }
        }
        json!({
            "news": latest(&[Kind::News], 5),
            "notices": latest(&[Kind::Direction], 4),
            "schedule": latest(&[Kind::WorkSchedule], 1),
            "documents": latest(&[Kind::LegalDocument], 4),
            "consultations": latest(&[Kind::Consultation], 2),
            "sections": sections,
        })
    }

    /// Splits `list` into pages of `per_page`: (output path, paginator value) for each.
    fn paginate(
        &self,
        path: &str,
        paginate_path: &str,
        per_page: usize,
        list: &[usize],
    ) -> Vec<(String, Value)> {
        let per_page = if per_page == 0 {
            list.len().max(1)
        } else {
            per_page
        };
        let chunks: Vec<&[usize]> = if list.is_empty() {
            vec![&[]]
        } else {
            list.chunks(per_page).collect()
        };
        let total = chunks.len();
        let pager_path = |n: usize| {
            if n == 1 {
                path.to_string()
            } else {
                format!("{path}{paginate_path}/{n}/")
            }
        };
        chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let n = k + 1;
                let pages: Vec<Value> = chunk.iter().map(|&p| self.summaries[p].clone()).collect();
                let paginator = json!({
                    "pages": pages,
                    "current_index": n,
                    "number_pagers": total,
                    "paginate_by": per_page,
                    "total_pages": list.len(),
                    "first": self.url(&pager_path(1)),
                    "last": self.url(&pager_path(total)),
                    "previous": if n > 1 { Value::String(self.url(&pager_path(n - 1))) } else { Value::Null },
                    "next": if n < total { Value::String(self.url(&pager_path(n + 1))) } else { Value::Null },
                });
                (index_path(&pager_path(n)), paginator)
            })
            .collect()
    }

    fn taxonomy_value(&self, t: usize) -> Value {
        let t = &self.site.taxonomies[t];
        json!({"name": t.name, "title": t.title, "url": self.url(&t.path)})
    }

    fn term_value(&self, t: usize, k: usize) -> Value {
        let term = &self.site.taxonomies[t].terms[k];
        json!({"name": term.name, "url": self.url(&term.path), "count": term.pages.len()})
    }

    /// The page listing every term of taxonomy `t`.
    pub fn taxonomy_list(&self, t: usize) -> Result<OutputFile, Diagnostic> {
        let tax = &self.site.taxonomies[t];
        let terms: Vec<Value> = (0..tax.terms.len())
            .map(|k| self.term_value(t, k))
            .collect();
        let mut cx = self.context(&tax.path);
        cx.insert("taxonomy", self.taxonomy_value(t));
        cx.insert("terms", terms);
        let label = format!("taxonomy `{}`", tax.name);
        self.render_template("taxonomy_list.html", cx, &label)
            .map(|html| OutputFile {
                path: index_path(&tax.path),
                bytes: html,
            })
    }

    /// The list pages of term `k` of taxonomy `t`.
    pub fn term_outputs(&self, t: usize, k: usize) -> Vec<Result<OutputFile, Diagnostic>> {
        let tax = &self.site.taxonomies[t];
        let term = &tax.terms[k];
        let label = format!("taxonomy `{}`", tax.name);
        let tax_value = self.taxonomy_value(t);
        let term_value = self.term_value(t, k);
        let ancestors = vec![
            json!({"title": self.home_title(), "url": self.url("/")}),
            tax_value.clone(),
        ];
        self.paginate(&term.path, "trang", tax.paginate_by, &term.pages)
            .into_iter()
            .map(|(path, paginator)| {
                let mut cx = self.context(&term.path);
                cx.insert("taxonomy", tax_value.clone());
                cx.insert("term", term_value.clone());
                cx.insert("paginator", paginator);
                cx.insert("ancestors", ancestors.clone());
                self.render_template("taxonomy_single.html", cx, &label)
                    .map(|html| OutputFile { path, bytes: html })
            })
            .collect()
    }

    /// "Home" in `lang`, for the breadcrumb of another language's pages.
    fn home_title_in(&self, lang: &str) -> String {
        templates::ui_strings(lang)
            .get("home")
            .and_then(toml::Value::as_str)
            .unwrap_or("Home")
            .to_string()
    }

    fn home_title(&self) -> String {
        self.base_context
            .get("t")
            .and_then(|t| t.get("home"))
            .and_then(Value::as_str)
            .unwrap_or("Trang chủ")
            .to_string()
    }

    fn redirect(&self, from: &str, target: &str, file: &str) -> Result<OutputFile, Diagnostic> {
        let target = if target.starts_with('/') {
            self.url(target)
        } else {
            target.to_string()
        };
        let mut cx = self.context(from);
        cx.insert("target", target);
        let html = self.render_template("redirect.html", cx, file)?;
        Ok(OutputFile {
            path: index_path(from),
            bytes: html,
        })
    }

    fn redirects(&self) -> Vec<Result<OutputFile, Diagnostic>> {
        let site = self.site;
        let mut out = Vec::new();
        for s in &site.sections {
            for a in &s.aliases {
                out.push(self.redirect(a, &s.path, &s.file));
            }
        }
        for p in &site.pages {
            for a in &p.aliases {
                out.push(self.redirect(a, &p.path, &p.file));
            }
        }
        out
    }

    /// The search pages: `/tim-kiem/` reading the index of `search/`, and one per other
    /// language with content (`/en/tim-kiem/` reading `en/search/`).
    fn search_pages(&self) -> Vec<Result<OutputFile, Diagnostic>> {
        let page = crate::config::SearchConfig::PAGE_PATH;
        let mut paths = vec![page.to_string()];
        paths.extend(
            self.language_contexts
                .iter()
                .map(|(lang, _)| format!("/{lang}{page}")),
        );
        paths
            .into_iter()
            .map(|path| {
                let html =
                    self.render_template("search.html", self.context(&path), "search.html")?;
                Ok(OutputFile {
                    path: index_path(&path),
                    bytes: html,
                })
            })
            .collect()
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let cx = self.context("/404.html");
        let html = self.render_template("404.html", cx, "404.html")?;
        Ok(OutputFile {
            path: "404.html".into(),
            bytes: html,
        })
    }
}

/// The search client's output path, with a content hash (see [`css_path`]).
pub fn search_js_path() -> String {
    format!(
        "assets/search.{:016x}.js",
        fnv1a(templates::DEFAULT_SEARCH_JS.as_bytes())
    )
}

/// The default theme's enhancement script (document filter, Q&A lookup), hashed like the CSS.
pub fn ui_js_path() -> String {
    format!(
        "assets/trang-ui.{:016x}.js",
        fnv1a(templates::DEFAULT_UI_JS.as_bytes())
    )
}

/// The stylesheet's output path, with a content hash so it can be cached for ever.
pub fn css_path() -> String {
    format!(
        "assets/trang.{:016x}.css",
        fnv1a(templates::DEFAULT_CSS.as_bytes())
    )
}

/// FNV-1a, 64 bits: a stable (across runs and platforms) content hash for asset names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `/a/b/` → `a/b/index.html`; a path ending in a file name stays as it is.
pub fn index_path(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        "index.html".into()
    } else if p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// The `n` most recent dated pages in `lang`, newest first.
pub fn latest_pages_in(site: &Site, n: usize, lang: &str) -> Vec<usize> {
    let mut dated: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].date.is_some() && site.pages[i].lang == lang)
        .collect();
    let key = |i: usize| {
        (
            std::cmp::Reverse(site.pages[i].date),
            site.pages[i].path.as_str(),
        )
    };
    if dated.len() > n {
        dated.select_nth_unstable_by(n - 1, |&a, &b| key(a).cmp(&key(b)));
        dated.truncate(n);
    }
    dated.sort_by(|&a, &b| key(a).cmp(&key(b)));
    dated
}

/// Per other language with content: the context values that differ from the default
/// language's (`lang`, its UI strings `t`, its `menu` and `home_url`, its feeds).
fn language_contexts(site: &Site, base_path: &str) -> Vec<(String, Map<String, Value>)> {
    site.languages
        .iter()
        .skip(1)
        .filter_map(|lang| {
            let root = site.language_root(lang)?;
            let menu: Vec<Value> = site.sections[root]
                .subsections
                .iter()
                .map(|&i| &site.sections[i])
                .filter(|s| s.render)
                .map(|s| json!({"title": s.title, "url": format!("{base_path}{}", s.path), "path": s.path}))
                .collect();
            let mut values = Map::new();
            values.insert("lang".into(), json!(lang));
            values.insert("t".into(), serde_json::to_value(templates::ui_strings(lang)).unwrap_or_default());
            values.insert("menu".into(), Value::Array(menu));
            values.insert("home_url".into(), json!(format!("{base_path}{}", site.sections[root].path)));
            values.insert("feeds".into(), feed_links(site, lang, base_path));
            // This language's own search page and index (see `search::build_index`).
            let search = &site.config.search;
            values.insert(
                "search".into(),
                json!({
                    "enabled": search.enabled,
                    "engine": search.engine,
                    "url": format!("{base_path}/{lang}{}", crate::config::SearchConfig::PAGE_PATH),
                    "index_url": match search.engine {
                        crate::config::SearchEngine::Trang => format!("{base_path}/{lang}/search/"),
                        crate::config::SearchEngine::Elasticlunr => format!("{base_path}/search_index.{lang}.js"),
                    },
                    "facets": search.facets,
                }),
            );
            Some((lang.clone(), values))
        })
        .collect()
}

/// The site feeds of `lang` for `<link rel="alternate">`, when feeds are on.
fn feed_links(site: &Site, lang: &str, base_path: &str) -> Value {
    match site.language_root(lang) {
        // Only feeds that are written: a language with no dated page has none.
        Some(root) if crate::feeds::section_has_feed(site, root) => crate::feeds::links_value(
            &format!("{base_path}{}", site.sections[root].path),
            &site.config.title,
        ),
        _ => json!([]),
    }
}

/// The `n` most recent dated pages of the whole site, newest first.
pub fn latest_pages(site: &Site, n: usize) -> Vec<usize> {
    let mut dated: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].date.is_some())
        .collect();
    let key = |i: usize| {
        (
            std::cmp::Reverse(site.pages[i].date),
            site.pages[i].path.as_str(),
        )
    };
    if dated.len() > n {
        dated.select_nth_unstable_by(n - 1, |&a, &b| key(a).cmp(&key(b)));
        dated.truncate(n);
    }
    dated.sort_by(|&a, &b| key(a).cmp(&key(b)));
    dated
}

fn config_value(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "title": c.title,
        "base_url": c.base_url,
        "description": c.description,
        "default_language": c.default_language,
        "unit_type": c.unit_type.as_str(),
        "unit_type_name": c.unit_type.vietnamese(),
        "extra": c.extra,
        "portal_url": c.portal_url,
        "feedback_email": c.feedback_email,
        "form_endpoint": c.extra.get("form_endpoint").and_then(toml::Value::as_str).filter(|s| !s.trim().is_empty()),
        "contact": c.contact.as_ref().map(|p| json!({
            "name": p.name, "title": p.title, "unit": p.unit, "phone": p.phone, "fax": p.fax, "email": p.email,
        })),
        "transaction_contacts": c.transaction_contacts.iter().map(|t| json!({
            "name": t.name, "address": t.address, "phone": t.phone, "fax": t.fax, "email": t.email,
        })).collect::<Vec<_>>(),
    })
}

fn page_summary(
    page: &Page,
    rendered: &Rendered,
    base_path: &str,
    kind: Option<crate::regulation::Kind>,
    typed: Value,
) -> Value {
    let mut map = Map::new();
    map.insert("kind".into(), json!(kind.map(crate::regulation::Kind::id)));
    map.insert("typed".into(), typed);
    map.insert("title".into(), json!(page.title));
    map.insert("url".into(), json!(format!("{base_path}{}", page.path)));
    map.insert("path".into(), json!(page.path));
    map.insert("slug".into(), json!(page.slug));
    map.insert(
        "description".into(),
        json!(description(page.description.as_deref(), &rendered.text)),
    );
    map.insert("date".into(), json!(page.date.map(|d| d.iso())));
    map.insert("date_vi".into(), json!(page.date.map(|d| d.vietnamese())));
    map.insert(
        "date_short".into(),
        json!(page.date.map(|d| d.vietnamese_short())),
    );
    map.insert("updated".into(), json!(page.updated.map(|d| d.iso())));
    map.insert("weight".into(), json!(page.weight));
    map.insert("summary".into(), json!(rendered.summary));
    map.insert("draft".into(), json!(page.draft));
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_base_url() {
        assert_eq!(base_path("https://a.gov.vn"), "");
        assert_eq!(base_path("https://a.gov.vn/"), "");
        assert_eq!(base_path("https://a.gov.vn/sub/dir/"), "/sub/dir");
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("/preview"), "/preview");
    }

    #[test]
    fn index_paths() {
        assert_eq!(index_path("/"), "index.html");
        assert_eq!(index_path("/tin-tuc/a/"), "tin-tuc/a/index.html");
        assert_eq!(index_path("/cu/trang.html"), "cu/trang.html");
    }

    #[test]
    fn description_falls_back_to_first_words() {
        assert_eq!(description(Some(" Mô tả "), "x"), "Mô tả");
        assert_eq!(description(None, "Một  hai\nba"), "Một hai ba");
        // Around the limit: exactly 200 characters stay whole; 201 are cut at a word.
        let words = |n: usize| vec!["ủy"; n].join(" ");
        assert_eq!(description(None, &words(67)).chars().count(), 200);
        assert_eq!(description(None, &words(67)), words(67));
        assert_eq!(
            description(None, &format!("{} x", words(67))),
            format!("{}…", words(66))
        );
        assert_eq!(
            description(None, &format!("{}, hết.", words(66))),
            format!("{}…", words(66))
        );
        let long = "từ ".repeat(200);
        let d = description(None, &long);
        assert!(d.ends_with('…') && d.chars().count() <= 201, "{d}");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
