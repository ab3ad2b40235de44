//! `trang.toml` → [`SiteConfig`].
//!
//! Parsing is a pure function of the file's text ([`parse`]); [`load`] only reads the file and
//! names it in errors. Unknown keys are errors that list the valid ones, so a typo never
//! silently changes a site.

use crate::diagnostics::{line_col, Diagnostic};
use crate::vi::{nfc_string, ToneOrder};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "trang.toml";

/// Which kind of unit runs the site (QĐ 14/2015 Điều 2 and Điều 7): it selects the
/// regulation manifest the site is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UnitType {
    /// Sở, Ban, ngành, đoàn thể cấp tỉnh.
    #[default]
    #[serde(alias = "so")]
    Department,
    /// Ủy ban nhân dân huyện, thành phố.
    #[serde(alias = "huyen")]
    District,
    /// Doanh nghiệp.
    #[serde(alias = "doanh-nghiep")]
    Enterprise,
}

impl UnitType {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitType::Department => "department",
            UnitType::District => "district",
            UnitType::Enterprise => "enterprise",
        }
    }

    /// The Vietnamese name of the unit type.
    pub fn vietnamese(self) -> &'static str {
        match self {
            UnitType::Department => "Sở, Ban, ngành, đoàn thể cấp tỉnh",
            UnitType::District => "Ủy ban nhân dân huyện, thành phố",
            UnitType::Enterprise => "Doanh nghiệp",
        }
    }
}

/// A taxonomy declared in `trang.toml` (`[[taxonomies]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The key used in front matter, e.g. `tags` or `linh-vuc`.
    pub name: String,
    /// Shown as the heading of the taxonomy's pages; defaults to the name.
    #[serde(default)]
    pub title: Option<String>,
    /// Terms per page on a term's list; 0 uses the site default.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Zola compatibility: accepted, feeds are written by a later stage.
    #[serde(default)]
    pub feed: bool,
}

/// The site's configuration, with defaults for everything optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header and title.
    pub title: String,
    /// Absolute URL the site is served from, e.g. `https://stttt.ninhbinh.gov.vn`.
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    /// Language of the content, `vi` by default.
    #[serde(default = "default_language")]
    pub default_language: String,
    /// The unit the site belongs to (department, district, enterprise).
    #[serde(default)]
    pub unit_type: UnitType,
    /// A theme folder under `themes/`; the embedded default theme when absent.
    #[serde(default)]
    pub theme: Option<String>,
    /// Pages per list page in sections and taxonomies; 0 means no pagination.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// The tone order of title sorting.
    #[serde(default)]
    pub collation: ToneOrder,
    #[serde(default)]
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Free values for templates (`config.extra`).
    #[serde(default)]
    pub extra: toml::Table,
}

fn default_language() -> String {
    "vi".into()
}

fn default_paginate_by() -> usize {
    20
}

impl SiteConfig {
    /// A configuration with defaults, for tests and `trang new`.
    pub fn new(title: &str, base_url: &str) -> SiteConfig {
        SiteConfig {
            title: title.into(),
            base_url: base_url.into(),
            description: String::new(),
            default_language: default_language(),
            unit_type: UnitType::default(),
            theme: None,
            paginate_by: default_paginate_by(),
            collation: ToneOrder::default(),
            taxonomies: Vec::new(),
            extra: toml::Table::new(),
        }
    }

    /// The base URL without its trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// An absolute URL for a site path that starts with `/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base(), path)
    }
}

/// Parses the text of `trang.toml`. Every string is normalized to NFC first.
pub fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
    let text = nfc_string(text.replace("\r\n", "\n"));
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        Diagnostic::error(CONFIG_FILE, "config.invalid", e.message().trim().to_string())
            .at(line, column)
            .with_help(
                "see docs/en/configuration.md (docs/vi/cau-hinh.md) for every key of trang.toml",
            )
    })?;
    if !(config.base_url.starts_with("http://")
        || config.base_url.starts_with("https://")
        || config.base_url.starts_with('/'))
    {
        let (line, column) = find_key(text, "base_url");
        return Err(Diagnostic::error(
            CONFIG_FILE,
            "config.base-url",
            format!("base_url `{}` is not an absolute URL", config.base_url),
        )
        .at(line, column)
        .with_help("write it as https://ten-mien.gov.vn (or / for a site served at the root)"));
    }
    config.base_url = config.base_url.trim_end_matches('/').to_string();
    if config.base_url.is_empty() {
        config.base_url = String::new();
    }
    Ok(config)
}

/// Reads and parses `root/trang.toml`.
pub fn load(root: &Path) -> Result<SiteConfig, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(CONFIG_FILE, "config.missing", format!("cannot read {CONFIG_FILE}: {e}"))
            .with_help(format!(
                "run trang in the site's folder, pass --root DIR, or create a site with `trang new DIR`; looked in {}",
                root.display()
            ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Diagnostic::error(CONFIG_FILE, "encoding.not-utf8", "the file is not valid UTF-8")
            .at(line, column)
            .with_help("save it as UTF-8 (Unicode, TCVN 6909:2001)")
            .with_article("Điều 6 khoản 6")
    })?;
    parse(&text)
}

/// The position of `key = ` in a TOML text, for errors found after parsing.
fn find_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or((0, 0), |i| (i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"Sở A\"\nbase_url = \"https://a.gov.vn/\"\n").unwrap();
        assert_eq!(c.base_url, "https://a.gov.vn");
        assert_eq!(c.default_language, "vi");
        assert_eq!(c.unit_type, UnitType::Department);
        assert_eq!(c.paginate_by, 20);
        assert_eq!(c.permalink("/tin-tuc/"), "https://a.gov.vn/tin-tuc/");
    }

    #[test]
    fn vietnamese_unit_type_aliases() {
        let c = parse("title='x'\nbase_url='/'\nunit_type='huyen'").unwrap();
        assert_eq!(c.unit_type, UnitType::District);
        let c = parse("title='x'\nbase_url='/'\nunit_type='doanh-nghiep'").unwrap();
        assert_eq!(c.unit_type, UnitType::Enterprise);
    }

    #[test]
    fn unknown_key_lists_valid_ones_with_line() {
        let e = parse("title='x'\nbase_url='/'\ntitel='y'\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown field `titel`"), "{}", e.message);
        assert!(e.message.contains("`title`"), "{}", e.message);
    }

    #[test]
    fn type_errors_and_bad_urls_are_located() {
        let e = parse("title='x'\nbase_url='/'\npaginate_by='ten'\n").unwrap_err();
        assert_eq!((e.line, e.rule), (3, "config.invalid"));
        let e = parse("title='x'\nbase_url='ninhbinh.gov.vn'\n").unwrap_err();
        assert_eq!((e.line, e.rule), (2, "config.base-url"));
        let e = parse("title='x'\n").unwrap_err();
        assert!(e.message.contains("base_url"), "{}", e.message);
    }

    #[test]
    fn text_is_normalized_to_nfc() {
        let c = parse("title='Ninh Bi\u{0300}nh'\nbase_url='/'\n").unwrap();
        assert_eq!(c.title, "Ninh Bình");
    }
}
