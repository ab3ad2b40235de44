//! Languages of a site: the names shown by the language switch and the alternates
//! (`hreflang`) of a page or section.
//!
//! Why a module: the page templates, the sitemap and the feeds all need the same answer to
//! "which versions of this page exist, and where"; computing it once here keeps them in
//! agreement. Pure: it reads the site model only (translations are linked by
//! `content::load`), and never renders or writes.

use crate::content::Site;
use crate::diagnostics::Diagnostic;
use serde_json::{json, Value};

/// The name of a language in that language (an autonym), as language switches show it so
/// that a reader finds their own language whatever the page's language is.
pub fn language_name(code: &str) -> String {
    match code {
        "vi" => "Tiếng Việt",
        "en" => "English",
        "fr" => "Français",
        "zh" => "中文",
        "ja" => "日本語",
        "ko" => "한국어",
        "lo" => "ພາສາລາວ",
        "km" => "ភាសាខ្មែរ",
        "ru" => "Русский",
        "de" => "Deutsch",
        other => return other.to_uppercase(),
    }
    .to_string()
}

/// One version of a page: its language, where it is and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    pub lang: String,
    /// The site path, `/en/news/a/`.
    pub path: String,
    pub title: String,
}

/// Every version of page `i`, itself included, in the site's language order; empty when
/// the page has no translation.
pub fn page_alternates(site: &Site, i: usize) -> Vec<Alternate> {
    let page = &site.pages[i];
    if page.translations.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Alternate> = std::iter::once(i)
        .chain(page.translations.iter().copied())
        .map(|j| {
            let p = &site.pages[j];
            Alternate {
                lang: p.lang.clone(),
                path: p.path.clone(),
                title: p.title.clone(),
            }
        })
        .collect();
    sort_by_language(site, &mut out);
    out
}

/// Every version of section `i`, itself included; empty when it has no translation.
/// The homes of the languages (`/` and `/en/`) are versions of each other.
pub fn section_alternates(site: &Site, i: usize) -> Vec<Alternate> {
    let section = &site.sections[i];
    let mut others = section.translations.clone();
    if section.parent.is_none() && section.components.is_empty() && others.is_empty() {
        others = site
            .languages
            .iter()
            .filter(|l| **l != section.lang)
            .filter_map(|l| site.language_root(l))
            .collect();
    }
    if others.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Alternate> = std::iter::once(i)
        .chain(others)
        .map(|j| {
            let s = &site.sections[j];
            Alternate {
                lang: s.lang.clone(),
                path: s.path.clone(),
                title: s.title.clone(),
            }
        })
        .collect();
    sort_by_language(site, &mut out);
    out
}

fn sort_by_language(site: &Site, list: &mut [Alternate]) {
    list.sort_by_key(|a| {
        site.languages
            .iter()
            .position(|l| *l == a.lang)
            .unwrap_or(usize::MAX)
    });
}

/// The alternates as templates get them (`translations`): language code and name, URL
/// (with the base path), permalink, title, and whether it is the page being rendered.
pub fn alternates_value(
    site: &Site,
    list: &[Alternate],
    current_lang: &str,
    base_path: &str,
) -> Value {
    list.iter()
        .map(|a| {
            json!({
                "lang": a.lang,
                "name": language_name(&a.lang),
                "url": format!("{base_path}{}", a.path),
                "permalink": site.config.permalink(&a.path),
                "title": a.title,
                "current": a.lang == current_lang,
                "default": site.is_default_language(&a.lang),
            })
        })
        .collect()
}

/// The language of a site path: `/en/…` is English when `en` has content, else the
/// default language.
pub fn language_of_path<'a>(site: &'a Site, path: &str) -> &'a str {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    site.languages
        .iter()
        .skip(1)
        .find(|l| l.as_str() == first)
        .map_or(site.config.default_language.as_str(), String::as_str)
}

/// For `trang check`: the pages among `pages` (those that meet a requirement) that have no
/// version in `lang`. A note by default (Điều 7 khoản 2 encourages foreign-language
/// pages); an error when `required` (a manifest may require English for the organisation,
/// functions and contacts, as NĐ 42/2022/NĐ-CP does for state agencies). Nothing when `lang`
/// is not one of the site's languages.
pub fn missing_translations(
    site: &Site,
    pages: &[usize],
    lang: &str,
    required: bool,
) -> Vec<Diagnostic> {
    if !site.config.languages.iter().any(|l| l == lang) {
        return Vec::new();
    }
    let mut list: Vec<usize> = pages
        .iter()
        .copied()
        .filter(|&i| site.is_default_language(&site.pages[i].lang))
        .filter(|&i| {
            !site.pages[i]
                .translations
                .iter()
                .any(|&t| site.pages[t].lang == lang)
        })
        .collect();
    list.sort_unstable();
    list.dedup();
    list.into_iter()
        .map(|i| {
            let p = &site.pages[i];
            let message = format!("the page has no {} version", language_name(lang));
            let d = if required {
                Diagnostic::error(&p.file, "translation.missing", message)
            } else {
                Diagnostic::note(&p.file, "translation.missing", message)
            };
            let stem = p.file.strip_suffix(".md").unwrap_or(&p.file);
            d.with_help(format!(
                "add {stem}.{lang}.md beside it, with the same front matter keys translated"
            ))
            .with_article("Điều 7 khoản 2")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_translations_are_notes_or_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "trang.toml",
            "title = 'S'\nbase_url = 'https://a.gov.vn'\nlanguages = ['en']\n",
        );
        write("content/a.md", "+++\ntitle = 'A'\n+++\n");
        write("content/a.en.md", "+++\ntitle = 'A (en)'\n+++\n");
        write("content/b.md", "+++\ntitle = 'B'\n+++\n");
        let (site, diags) =
            crate::build::load_site(&crate::build::BuildOptions::new(root)).unwrap();
        assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
        let all: Vec<usize> = (0..site.pages.len()).collect();
        let notes = missing_translations(&site, &all, "en", false);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].to_string().lines().next().unwrap(),
            "content/b.md: note: the page has no English version (Điều 7 khoản 2)"
        );
        assert!(missing_translations(&site, &all, "en", true)[0].is_error());
        assert!(missing_translations(&site, &all, "fr", true).is_empty());
        let a = site.pages.iter().position(|p| p.title == "A").unwrap();
        let en = site.pages.iter().position(|p| p.title == "A (en)").unwrap();
        assert_eq!(site.pages[en].path, "/en/a/");
        assert_eq!(
            page_alternates(&site, a)
                .iter()
                .map(|x| x.lang.as_str())
                .collect::<Vec<_>>(),
            ["vi", "en"]
        );
        assert_eq!(language_of_path(&site, "/en/a/"), "en");
        assert_eq!(language_of_path(&site, "/eng/"), "vi");
        let homes = section_alternates(&site, 0);
        assert_eq!(
            homes.iter().map(|x| x.path.as_str()).collect::<Vec<_>>(),
            ["/", "/en/"]
        );
    }

    #[test]
    fn language_names_are_autonyms() {
        assert_eq!(language_name("vi"), "Tiếng Việt");
        assert_eq!(language_name("en"), "English");
        assert_eq!(language_name("xx"), "XX");
    }
}
