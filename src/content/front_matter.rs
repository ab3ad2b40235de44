//! TOML front matter between `+++` lines: splitting a file and parsing its keys.
//!
//! Pure functions over a file's text. Errors carry the line and column in the *file*, not in
//! the front matter block, so an editor's cursor lands on the right line.

use crate::diagnostics::{line_col, Diagnostic};
use crate::vi::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A content file cut into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front_matter: &'a str,
    /// Byte offset of the front matter in the file text.
    pub front_matter_offset: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (LF line ends, no BOM) into front matter and body.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        let found = if text.trim().is_empty() {
            "the file is empty".to_string()
        } else if first_line.trim_end() == "---" {
            "it starts with `---` (YAML front matter), which trang does not read".to_string()
        } else {
            format!("the first line is `{}`", truncate(first_line, 40))
        };
        return Err(Diagnostic::error(
            file,
            "front-matter.missing",
            format!("the file does not start with TOML front matter: {found}"),
        )
        .at(1, 1)
        .with_help(
            "start the file with a line `+++`, then `title = \"...\"`, then another `+++` line; did you forget to add `+++`?",
        ));
    }
    let fm_start = first_line.len() + 1;
    let rest = text.get(fm_start..).unwrap_or("");
    let mut offset = fm_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = (offset + line.len()).min(text.len());
            let front_matter = &text[fm_start..offset];
            let body_line = text[..body_start].bytes().filter(|&b| b == b'\n').count() + 1;
            return Ok(Split {
                front_matter,
                front_matter_offset: fm_start,
                body: &text[body_start..],
                body_line,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        file,
        "front-matter.unclosed",
        "the front matter opened by `+++` on line 1 is never closed",
    )
    .at(1, 1)
    .with_help("add a line `+++` after the last front matter key, before the text of the page"))
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first.
    #[default]
    Date,
    /// Most recently updated first.
    UpdateDate,
    /// Lowest weight first.
    Weight,
    /// Vietnamese dictionary order.
    Title,
    /// Byte order of titles (Zola's `title_bytes`).
    TitleBytes,
    /// Slug order.
    Slug,
    /// File order.
    None,
}

/// The front matter of a page. Unknown keys are errors listing these.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<toml::Value>,
    pub updated: Option<toml::Value>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    /// Zola compatibility: the whole path of the page.
    pub path: Option<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub taxonomies: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub in_search_index: Option<bool>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// The front matter of a section (`_index.md`). Unknown keys are errors listing these.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub sort_by: Option<SortBy>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub paginate_by: Option<usize>,
    pub paginate_path: Option<String>,
    #[serde(default)]
    pub paginate_reversed: bool,
    /// Zola compatibility: accepted; heading anchors are always present in trang.
    pub insert_anchor_links: Option<String>,
    pub in_search_index: Option<bool>,
    pub render: Option<bool>,
    pub redirect_to: Option<String>,
    #[serde(default)]
    pub transparent: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, alias = "generate_feed")]
    pub generate_feeds: bool,
    /// The kind of the section's pages (`legal_document`, `van_ban`, …), whose schema the
    /// regulation rules check (docs/vi/quy-dinh.md).
    pub kind: Option<String>,
    #[serde(default)]
    pub extra: toml::Table,
}

/// Parses front matter TOML into `T`, turning errors into a located diagnostic.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    toml::from_str(split.front_matter).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| {
            line_col(text, split.front_matter_offset + s.start)
        });
        let mut message = e.message().trim().to_string();
        let help = if message.starts_with("unknown field") {
            message = message.replace("unknown field", "unknown front matter key");
            "remove the key, fix its spelling, or move your own values under `[extra]`"
        } else if message.contains("invalid type") {
            "check the value's type: text in quotes, numbers and true/false without, dates as 2024-05-31, lists in [ ]"
        } else {
            "front matter is TOML: key = value, text in \"quotes\""
        };
        Diagnostic::error(file, "front-matter.invalid", message)
            .at(line, column)
            .with_help(help)
    })
}

/// The line of `key` in the front matter (for errors found after parsing), as a file line.
pub fn key_line(text: &str, split: &Split<'_>, key: &str) -> usize {
    let fm_line = text[..split.front_matter_offset]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1;
    split
        .front_matter
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| fm_line + i)
}

/// The file line of every front matter key, by dotted path (`title`, `extra.so_ky_hieu`,
/// `extra.lich[0].ngay`); see [`crate::config::key_lines`].
pub fn key_lines(text: &str, split: &Split<'_>) -> std::collections::BTreeMap<String, usize> {
    let before = text[..split.front_matter_offset]
        .bytes()
        .filter(|&b| b == b'\n')
        .count();
    crate::config::key_lines(split.front_matter)
        .into_iter()
        .map(|(k, line)| (k, line + before))
        .collect()
}

/// Reads a date from a TOML date, date-time or string value.
pub fn parse_date(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            let mut date = Date::new(i32::from(d.year), d.month, d.day)?;
            if let Some(t) = dt.time {
                date.seconds =
                    Some(u32::from(t.hour) * 3600 + u32::from(t.minute) * 60 + u32::from(t.second));
            }
            Some(date)
        }
        toml::Value::String(s) => Date::parse(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_blocks_and_body_line() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.front_matter, "title = \"A\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("a.md", "+++\n+++").unwrap();
        assert_eq!((s.front_matter, s.body), ("", ""));
    }

    #[test]
    fn split_errors_explain_the_fix() {
        let cases = [
            ("", "front-matter.missing", "the file is empty"),
            ("---\ntitle: a\n---\n", "front-matter.missing", "YAML"),
            ("# Tiêu đề\n", "front-matter.missing", "`# Tiêu đề`"),
            (
                "+++\ntitle = 'a'\nBody",
                "front-matter.unclosed",
                "never closed",
            ),
        ];
        for (text, rule, needle) in cases {
            let e = split("a.md", text).unwrap_err();
            assert_eq!(e.rule, rule, "{text:?}");
            assert!(e.message.contains(needle), "{}", e.message);
        }
    }

    #[test]
    fn parse_errors_point_at_the_file_line() {
        let text = "+++\ntitle = \"A\"\ndraft = \"có\"\n+++\n";
        let s = split("a.md", text).unwrap();
        let e = parse::<PageFrontMatter>("a.md", text, &s).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("invalid type"), "{}", e.message);

        let text = "+++\ntitle = \"A\"\n\ntieu_de = \"B\"\n+++\n";
        let s = split("a.md", text).unwrap();
        let e = parse::<PageFrontMatter>("a.md", text, &s).unwrap_err();
        assert_eq!((e.line, e.column), (4, 1));
        assert!(e
            .message
            .starts_with("unknown front matter key `tieu_de`, expected one of"));
        assert!(e.message.contains("`title`") && e.message.contains("`extra`"));
        assert_eq!(key_line(text, &s, "tieu_de"), 4);
        let lines = key_lines(text, &s);
        assert_eq!((lines["title"], lines["tieu_de"]), (2, 4));
    }

    #[test]
    fn dates_from_toml_values() {
        let v: toml::Table =
            toml::from_str("a = 2015-06-08\nb = 2015-06-08T07:00:00\nc = '2015-06-08'\nd = 3")
                .unwrap();
        assert_eq!(parse_date(&v["a"]).unwrap().iso(), "2015-06-08");
        assert_eq!(parse_date(&v["b"]).unwrap().seconds, Some(25200));
        assert_eq!(parse_date(&v["c"]).unwrap().iso(), "2015-06-08");
        assert_eq!(parse_date(&v["d"]), None);
    }
}
