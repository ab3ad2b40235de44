//! `trang.toml` → [`SiteConfig`].
//!
//! Parsing is a pure function of the file's text ([`parse`]); [`load`] only reads the file and
//! names it in errors. Unknown keys are errors that list the valid ones, so a typo never
//! silently changes a site.

use crate::diagnostics::{line_col, Diagnostic};
use crate::vi::{nfc_string, ToneOrder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
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
    /// The person in charge of the site (`[contact]`, QĐ 14/2015 Điều 7 khoản 1 điểm i).
    #[serde(default)]
    pub contact: Option<ContactPerson>,
    /// Where organizations and citizens deal with the unit (`[[transaction_contacts]]`,
    /// Điều 7 khoản 1 điểm k).
    #[serde(default)]
    pub transaction_contacts: Vec<TransactionContact>,
    /// The address that receives questions and feedback (Điều 7 khoản 3 điểm b).
    #[serde(default)]
    pub feedback_email: Option<String>,
    /// The provincial portal the site links to (Điều 7 khoản 4).
    #[serde(default)]
    pub portal_url: Option<String>,
    /// Editorial review of published pages (`[editorial]`, Điều 6 khoản 4 and 5).
    #[serde(default)]
    pub editorial: EditorialConfig,
    /// Maximum ages in days by requirement id, overriding the manifest's (`[freshness]`,
    /// Điều 8 khoản 1 điểm a); 0 turns the check off for that requirement.
    #[serde(default)]
    pub freshness: BTreeMap<String, u32>,
    /// A custom regulation manifest, relative to the site root (docs/vi/quy-dinh.md).
    #[serde(default)]
    pub manifest: Option<String>,
    /// Site search (`[search]`, Điều 7 khoản 3 điểm a).
    #[serde(default)]
    pub search: SearchConfig,
    /// Other languages the site is translated into, e.g. `["en"]`: `page.en.md` beside
    /// `page.md` is its English version, published under `/en/` (Điều 7 khoản 2).
    #[serde(default)]
    pub languages: Vec<String>,
    /// RSS and Atom feeds, `sitemap.xml` and `robots.txt` (`[feeds]`).
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// The static JSON API for the provincial portal under `api/v1/` (`[api]`, Điều 7 khoản 4).
    #[serde(default)]
    pub api: ApiConfig,
    /// Responsive variants of content images (`[images]`).
    #[serde(default)]
    pub images: ImagesConfig,
    /// Web server configuration written with the site (`[hosting]`).
    #[serde(default)]
    pub hosting: HostingConfig,
    /// The yearly activity report (`[report]`, Điều 15 khoản 1, Điều 16 khoản 1, Điều 17
    /// khoản 1): who issues it, where it goes, who signs it.
    #[serde(default)]
    pub report: ReportConfig,
    /// The line of every key of trang.toml (`contact.email`, `transaction_contacts[0].phone`),
    /// for diagnostics found after parsing.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
}

/// The person in charge of the site (Điều 7 khoản 1 điểm i). Every field is optional here;
/// the regulation rules report the missing ones with their line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPerson {
    /// Họ tên.
    pub name: Option<String>,
    /// Chức vụ.
    pub title: Option<String>,
    /// Đơn vị công tác.
    pub unit: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    /// The official email address.
    pub email: Option<String>,
}

/// A transaction contact of the unit (Điều 7 khoản 1 điểm k): address, phone, fax, official
/// email; `updated` says when the details were last confirmed (Điều 8 khoản 1 điểm a).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionContact {
    /// What the contact is for, e.g. "Bộ phận tiếp nhận và trả kết quả".
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// e.g. `updated = 2025-01-15`.
    pub updated: Option<toml::Value>,
}

/// Which search index to build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchEngine {
    /// The default: a sharded index that the browser fetches on demand (`search.js`).
    #[default]
    Trang,
    /// One elasticlunr.js file (`search_index.vi.js`), for small sites and Zola-style themes.
    Elasticlunr,
}

/// Site search (`[search]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Build the index and the search page (`/tim-kiem/`); true by default.
    #[serde(default = "default_true")]
    pub enabled: bool,
    #[serde(default)]
    pub engine: SearchEngine,
    /// Front-matter keys (taxonomies or `[extra]` keys) offered as search filters, e.g.
    /// `["hinh-thuc", "co-quan-ban-hanh", "linh-vuc"]`. Section, kind and year always are.
    #[serde(default)]
    pub facets: Vec<String>,
}

impl SearchConfig {
    /// The URL path of the search page.
    pub const PAGE_PATH: &'static str = "/tim-kiem/";
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            engine: SearchEngine::default(),
            facets: Vec::new(),
        }
    }
}

fn default_true() -> bool {
    true
}

/// Feeds and crawler files (`[feeds]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedsConfig {
    /// Write `rss.xml` and `atom.xml` for the site and each section, `sitemap.xml` and
    /// `robots.txt`; true by default.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Put the whole text of each page in the feeds, not only its summary.
    #[serde(default)]
    pub full_text: bool,
    /// Items per feed, newest first.
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            enabled: true,
            full_text: false,
            limit: default_feed_limit(),
        }
    }
}

fn default_feed_limit() -> usize {
    20
}

/// The portal API (`[api]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// Write `api/v1/`; true by default.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Items per file of a collection; larger collections are split into numbered pages.
    #[serde(default = "default_api_page_size")]
    pub page_size: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            enabled: true,
            page_size: default_api_page_size(),
        }
    }
}

fn default_api_page_size() -> usize {
    100
}

/// Image processing (`[images]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// Make resized variants and strip metadata; true by default.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Widths of the variants in pixels (only those narrower than the original are made).
    #[serde(default = "default_image_widths")]
    pub widths: Vec<u32>,
    /// JPEG quality of the variants, 1–100.
    #[serde(default = "default_jpeg_quality")]
    pub quality: u8,
    /// The `sizes` attribute of content images.
    #[serde(default = "default_image_sizes")]
    pub sizes: String,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            enabled: true,
            widths: default_image_widths(),
            quality: default_jpeg_quality(),
            sizes: default_image_sizes(),
        }
    }
}

fn default_image_widths() -> Vec<u32> {
    vec![480, 960, 1440]
}

fn default_jpeg_quality() -> u8 {
    82
}

fn default_image_sizes() -> String {
    "(max-width: 60rem) 100vw, 60rem".into()
}

/// A web server trang can write configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServerKind {
    /// `nginx.conf`: a snippet to include in the site's `server { }` block.
    Nginx,
    /// `.htaccess` for Apache httpd.
    Apache,
    /// `_headers`, read by static hosts and CDNs that support the format.
    Headers,
    /// `web.config` for IIS.
    Iis,
}

/// Server configuration (`[hosting]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostingConfig {
    /// Which files to write: `["nginx", "apache", "headers", "iis"]`; none by default.
    #[serde(default)]
    pub servers: Vec<ServerKind>,
    /// `max-age` of the HSTS header in seconds; 0 leaves the header out (for sites that are
    /// not on HTTPS yet).
    #[serde(default = "default_hsts")]
    pub hsts_max_age: u64,
    /// Extra origins allowed by the Content-Security-Policy for images, frames and scripts,
    /// e.g. `["https://www.youtube-nocookie.com"]`.
    #[serde(default)]
    pub csp_allow: Vec<String>,
}

fn default_hsts() -> u64 {
    31_536_000
}

/// The heading and signature of the yearly report (`[report]`); everything optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The unit's name on the report, when it differs from `title`.
    pub unit: Option<String>,
    /// The governing body printed above the unit's name (cơ quan chủ quản), e.g.
    /// "UBND TỈNH NINH BÌNH".
    pub parent: Option<String>,
    /// The place of the date line (địa danh), e.g. "Ninh Bình".
    pub place: Option<String>,
    /// Where the report is sent; by default the department of information and
    /// communications (department, district) or the district's people's committee
    /// (enterprise).
    pub recipient: Option<String>,
    /// The signer's position, e.g. "GIÁM ĐỐC".
    pub signer_title: Option<String>,
    /// The signer's name.
    pub signer: Option<String>,
}

/// Editorial review (Điều 6 khoản 4 and 5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorialConfig {
    /// Every published page must name the board member who approved it (`[extra] duyet_boi`).
    #[serde(default)]
    pub require_approval: bool,
    /// The members of the editorial board; when given, `duyet_boi` must be one of them.
    #[serde(default)]
    pub board: Vec<String>,
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
            contact: None,
            transaction_contacts: Vec::new(),
            feedback_email: None,
            portal_url: None,
            editorial: EditorialConfig::default(),
            freshness: BTreeMap::new(),
            manifest: None,
            search: SearchConfig::default(),
            languages: Vec::new(),
            feeds: FeedsConfig::default(),
            api: ApiConfig::default(),
            images: ImagesConfig::default(),
            hosting: HostingConfig::default(),
            report: ReportConfig::default(),
            key_lines: BTreeMap::new(),
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
        Diagnostic::error(
            CONFIG_FILE,
            "config.invalid",
            e.message().trim().to_string(),
        )
        .at(line, column)
        .with_help("see docs/en/configuration.md (docs/vi/cau-hinh.md) for every key of trang.toml")
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
    check_languages(text, &config)?;
    config.base_url = config.base_url.trim_end_matches('/').to_string();
    if config.base_url.is_empty() {
        config.base_url = String::new();
    }
    config.key_lines = key_lines(text);
    Ok(config)
}

/// Checks `languages`: short lowercase codes (`en`, `fr`, `zh`), none repeated and none the
/// default language.
fn check_languages(text: &str, config: &SiteConfig) -> Result<(), Diagnostic> {
    let mut seen = Vec::new();
    for lang in &config.languages {
        let valid = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
        let problem = if !valid {
            Some(format!("`{lang}` is not a language code"))
        } else if *lang == config.default_language {
            Some(format!("`{lang}` is the default language"))
        } else if seen.contains(&lang) {
            Some(format!("`{lang}` is listed twice"))
        } else {
            None
        };
        if let Some(problem) = problem {
            let (line, column) = find_key(text, "languages");
            return Err(Diagnostic::error(CONFIG_FILE, "config.languages", problem)
                .at(line, column)
                .with_help(
                    "list the other languages by their two-letter code, e.g. languages = [\"en\"]",
                ));
        }
        seen.push(lang);
    }
    Ok(())
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
        Diagnostic::error(
            CONFIG_FILE,
            "encoding.not-utf8",
            "the file is not valid UTF-8",
        )
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

/// The 1-based line of every key in a TOML text, by dotted path: `title`, `extra`,
/// `extra.so_ky_hieu`, `transaction_contacts[1].phone`, `extra.lich[0].ngay`. Table headers
/// are keys too (`extra` → the line of `[extra]`). Elements of a multi-line inline array
/// that start their own line are `key[i]`. Used to locate problems found after parsing;
/// a key that cannot be located is simply absent.
pub fn key_lines(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut table = String::new();
    let mut array_counts: HashMap<String, usize> = HashMap::new();
    let mut multiline: Option<&'static str> = None;
    // Inside a multi-line value: its key path, bracket depth and element counter.
    let mut open: Option<(String, i32, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(delim) = multiline {
            if line.contains(delim) {
                multiline = None;
            }
            continue;
        }
        if let Some((key, depth, count)) = open.as_mut() {
            if *depth == 1 && line.trim_start().starts_with('{') {
                out.entry(format!("{key}[{count}]")).or_insert(n);
                *count += 1;
            }
            *depth += bracket_delta(line);
            if *depth <= 0 {
                open = None;
            }
            continue;
        }
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(rest) = t.strip_prefix("[[") {
            let name = normalize_key(rest.split("]]").next().unwrap_or(""));
            let count = array_counts.entry(name.clone()).or_insert(0);
            table = format!("{name}[{count}]");
            *count += 1;
            out.entry(name).or_insert(n);
            out.entry(table.clone()).or_insert(n);
            continue;
        }
        if let Some(rest) = t.strip_prefix('[') {
            table = normalize_key(rest.split(']').next().unwrap_or(""));
            out.entry(table.clone()).or_insert(n);
            continue;
        }
        let Some((key, value)) = split_key_value(t) else {
            continue;
        };
        let full = if table.is_empty() {
            normalize_key(key)
        } else {
            format!("{table}.{}", normalize_key(key))
        };
        out.entry(full.clone()).or_insert(n);
        let value = value.trim_start();
        for delim in ["\"\"\"", "'''"] {
            if let Some(rest) = value.strip_prefix(delim) {
                if !rest.contains(delim) {
                    multiline = Some(delim);
                }
            }
        }
        let depth = bracket_delta(value);
        if depth > 0 {
            open = Some((full, depth, 0));
        }
    }
    out
}

/// `key = value` → (key, value), ignoring `=` inside quoted keys.
fn split_key_value(line: &str) -> Option<(&str, &str)> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') => return Some((line[..i].trim(), &line[i + 1..])),
            _ => {}
        }
    }
    None
}

/// `"a b" . c` → `a b.c`.
fn normalize_key(key: &str) -> String {
    key.split('.')
        .map(|p| p.trim().trim_matches(|c| c == '"' || c == '\''))
        .collect::<Vec<_>>()
        .join(".")
}

/// Opening minus closing brackets and braces outside strings and comments.
fn bracket_delta(s: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in s.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            '#' => break,
            _ => {}
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_follow_tables_arrays_and_multiline_values() {
        let text = r#"title = "x"
# comment = 1
[contact]
name = "A"
"email" = "a@b.vn"

[[transaction_contacts]]
phone = "1"
[[transaction_contacts]]
phone = "2"
notes = """
fake = 1
"""
[extra]
lich = [
  { ngay = 2025-06-02 },
  { ngay = 2025-06-03, x = [1,
    2] },
]
after = true
"#;
        let lines = key_lines(text);
        let get = |k: &str| lines.get(k).copied();
        assert_eq!(get("title"), Some(1));
        assert_eq!(get("comment"), None);
        assert_eq!(get("contact"), Some(3));
        assert_eq!(get("contact.name"), Some(4));
        assert_eq!(get("contact.email"), Some(5));
        assert_eq!(get("transaction_contacts"), Some(7));
        assert_eq!(get("transaction_contacts[0].phone"), Some(8));
        assert_eq!(get("transaction_contacts[1].phone"), Some(10));
        assert_eq!(get("transaction_contacts[1].notes"), Some(11));
        assert_eq!(get("fake"), None);
        assert_eq!(get("transaction_contacts[1].fake"), None);
        assert_eq!(get("extra.lich"), Some(15));
        assert_eq!(get("extra.lich[0]"), Some(16));
        assert_eq!(get("extra.lich[1]"), Some(17));
        assert_eq!(get("extra.lich[2]"), None);
        assert_eq!(get("extra.after"), Some(20));
    }

    #[test]
    fn contacts_and_regulation_settings_parse() {
        let c = parse(
            "title='x'\nbase_url='/'\nportal_url='https://ninhbinh.gov.vn'\n[contact]\nname='A'\nemail='a@x.gov.vn'\n[[transaction_contacts]]\naddress='B'\nupdated=2025-01-02\n[editorial]\nrequire_approval=true\n[freshness]\ntin-tuc=14\n",
        )
        .unwrap();
        assert_eq!(c.contact.as_ref().unwrap().name.as_deref(), Some("A"));
        assert_eq!(c.transaction_contacts.len(), 1);
        assert!(c.editorial.require_approval);
        assert_eq!(c.freshness["tin-tuc"], 14);
        assert_eq!(c.key_lines["contact.email"], 6);
        let e = parse("title='x'\nbase_url='/'\n[contact]\nmail='a'\n").unwrap_err();
        assert!(e.message.contains("unknown field `mail`"), "{}", e.message);
        assert_eq!(e.line, 4);
    }

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
    fn integration_settings_parse_with_defaults() {
        let c = parse("title='x'\nbase_url='/'\n").unwrap();
        assert!(c.feeds.enabled && !c.feeds.full_text && c.api.enabled && c.images.enabled);
        assert!(c.hosting.servers.is_empty() && c.languages.is_empty());
        let c = parse(
            "title='x'\nbase_url='/'\nlanguages=['en']\n[feeds]\nfull_text=true\n[hosting]\nservers=['nginx','apache']\n[images]\nwidths=[320]\n",
        )
        .unwrap();
        assert_eq!(c.languages, ["en"]);
        assert!(c.feeds.full_text);
        assert_eq!(c.hosting.servers, [ServerKind::Nginx, ServerKind::Apache]);
        assert_eq!(c.images.widths, [320]);
        for (bad, why) in [
            ("['vi']", "default language"),
            ("['EN']", "not a language code"),
            ("['en','en']", "twice"),
        ] {
            let e = parse(&format!("title='x'\nbase_url='/'\nlanguages={bad}\n")).unwrap_err();
            assert_eq!((e.rule, e.line), ("config.languages", 3));
            assert!(e.message.contains(why), "{}", e.message);
        }
    }

    #[test]
    fn text_is_normalized_to_nfc() {
        let c = parse("title='Ninh Bi\u{0300}nh'\nbase_url='/'\n").unwrap();
        assert_eq!(c.title, "Ninh Bình");
    }
}
