//! Languages of a site: the names shown by the language switch and the alternates
//! (`hreflang`) of a page or section.
//!
//! Why a module: the page templates, the sitemap and the feeds all need the same answer to
//! "which versions of this page exist, and where"; computing it once here keeps them in
//! agreement. Pure: it reads the site model only (translations are linked by
//! `content::load`), and never renders or writes.

use crate::content::Site;
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
    list.sort_by_key(|a| site.languages.iter().position(|l| *l == a.lang).unwrap_or(usize::MAX));
}

/// The alternates as templates get them (`translations`): language code and name, URL
/// (with the base path), permalink, title, and whether it is the page being rendered.
pub fn alternates_value(site: &Site, list: &[Alternate], current_lang: &str, base_path: &str) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names_are_autonyms() {
        assert_eq!(language_name("vi"), "Tiếng Việt");
        assert_eq!(language_name("en"), "English");
        assert_eq!(language_name("xx"), "XX");
    }
}
