//! Site search: the index files for the browser, built with the Vietnamese pipeline.
//!
//! Why it exists: Điều 7.3.a asks for a search that finds fully and exactly what the site
//! holds, and no static-site search handles Vietnamese (see [`analyze`]). This stage is pure:
//! [`build_index`] takes the site and its rendered text and hands each index file, as it is
//! made, to a callback of the orchestrator, which passes it to the output writer (so the
//! text fragments are not all in memory at once). It never writes and never renders HTML.
//!
//! Two engines: the default sharded index ([`index`], read by `search.js`), and an
//! elasticlunr.js index ([`elasticlunr`]) for small sites and Zola-style themes.

pub mod analyze;
pub mod elasticlunr;
pub mod encode;
pub mod index;
pub mod reader;

use crate::config::{SearchConfig, SearchEngine};
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::render::{base_path, OutputFile, RenderedContent};
use crate::vi::Date;

/// The URL path of the search page.
pub const SEARCH_PAGE_PATH: &str = "/tim-kiem/";

/// Whether a document is a page or a section's own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Page,
    Section,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Page => "page",
            DocKind::Section => "section",
        }
    }
}

/// One searchable document: what the index needs of a page or section.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub kind: DocKind,
    /// Site path (`/tin-tuc/bai/`), without the base path.
    pub path: &'a str,
    pub title: &'a str,
    /// The plain text of the body.
    pub text: &'a str,
    pub section_title: &'a str,
    pub section_path: &'a str,
    pub date: Option<Date>,
    /// Values of each configured facet, in the order of `search.facets`.
    pub facets: Vec<Vec<String>>,
    /// The language of the page or section (each language gets its own index).
    pub lang: &'a str,
}

/// What building the index found (its files went to the `emit` of [`build_index`]).
#[derive(Debug, Default)]
pub struct SearchOutput {
    pub diagnostics: Vec<Diagnostic>,
    pub stats: index::IndexStats,
}

/// The documents of the site in index order: pages newest first (then by path), then the
/// sections' own pages by path. Pages or sections with `in_search_index = false`, sections
/// that are not rendered and redirects are left out.
pub fn documents<'a>(
    site: &'a Site,
    content: &'a RenderedContent,
    facets: &[String],
) -> Vec<Document<'a>> {
    let mut pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].in_search_index)
        .collect();
    pages.sort_by(|&a, &b| {
        let (pa, pb) = (&site.pages[a], &site.pages[b]);
        pb.date.cmp(&pa.date).then_with(|| pa.path.cmp(&pb.path))
    });
    let mut docs: Vec<Document<'a>> = pages
        .into_iter()
        .map(|i| {
            let p = &site.pages[i];
            let s = &site.sections[p.section];
            Document {
                kind: DocKind::Page,
                lang: &p.lang,
                path: &p.path,
                title: &p.title,
                text: content.pages.get(i).map_or("", |r| r.text.as_str()),
                section_title: &s.title,
                section_path: &s.path,
                date: p.date,
                facets: facets
                    .iter()
                    .map(|f| facet_values(p.taxonomies.get(f), p.extra.get(f)))
                    .collect(),
            }
        })
        .collect();
    let mut sections: Vec<usize> = (0..site.sections.len())
        .filter(|&i| {
            let s = &site.sections[i];
            s.in_search_index && s.render && s.redirect_to.is_none()
        })
        .collect();
    sections.sort_by(|&a, &b| site.sections[a].path.cmp(&site.sections[b].path));
    docs.extend(sections.into_iter().map(|i| {
        let s = &site.sections[i];
        Document {
            kind: DocKind::Section,
            lang: &s.lang,
            path: &s.path,
            title: &s.title,
            text: content.sections.get(i).map_or("", |r| r.text.as_str()),
            section_title: &s.title,
            section_path: &s.path,
            date: None,
            facets: facets
                .iter()
                .map(|f| facet_values(None, s.extra.get(f)))
                .collect(),
        }
    }));
    docs
}

/// The values of one facet: taxonomy terms, or a front-matter `extra` value (text, number
/// or a list of them).
fn facet_values(terms: Option<&Vec<String>>, extra: Option<&toml::Value>) -> Vec<String> {
    if let Some(t) = terms {
        return t
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    let one = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    };
    match extra {
        Some(toml::Value::Array(a)) => a.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Builds the search index of the site with the configured engine, handing each file to
/// `emit` as it is made.
pub fn build_index(
    site: &Site,
    content: &RenderedContent,
    config: &SearchConfig,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> SearchOutput {
    if !config.enabled {
        return SearchOutput::default();
    }
    let base = base_path(&site.config.base_url);
    let mut out = SearchOutput::default();
    // One index per language with content: the default language's under `search/`, the
    // others' under `<lang>/search/` (elasticlunr: `search_index.<lang>.js`), so a reader
    // searching in English gets English pages.
    for lang in &site.languages {
        let docs: Vec<Document<'_>> = documents(site, content, &config.facets)
            .into_iter()
            .filter(|d| d.lang == lang.as_str())
            .collect();
        let prefix = if site.is_default_language(lang) {
            String::new()
        } else {
            format!("{lang}/")
        };
        match config.engine {
            SearchEngine::Trang => {
                let stats = index::build(&docs, &config.facets, &base, &|mut f| {
                    f.path.insert_str(0, &prefix);
                    emit(f);
                });
                if prefix.is_empty() {
                    out.stats = stats;
                }
            }
            SearchEngine::Elasticlunr => {
                let (file, diagnostics) = elasticlunr::build(&docs, &base, lang);
                emit(file);
                out.diagnostics.extend(diagnostics);
            }
        }
    }
    out
}
