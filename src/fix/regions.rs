//! Which bytes of a content file are prose, and which must never be rewritten.
//!
//! Repairs (mojibake, NFC, tone placement) apply to prose only. Code spans and blocks,
//! raw HTML, link and image destinations, autolinks, bare URLs and e-mail addresses,
//! heading ids, and in TOML everything but string values and comments are protected: they
//! are identifiers, paths or code, where "Th«ng" may well be a real file name.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// What a file holds, which decides where its prose is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Markdown, with optional `+++` TOML front matter.
    Markdown,
    /// A TOML file (site data, `trang.toml`): only string values and comments are prose.
    Toml,
    /// Anything else: all prose except URLs.
    Plain,
}

impl FileKind {
    /// By extension: `.md`/`.markdown` are Markdown, `.toml` is TOML.
    pub fn from_path(path: impl AsRef<Path>) -> FileKind {
        let ext = path
            .as_ref()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown") => FileKind::Markdown,
            Some("toml") => FileKind::Toml,
            _ => FileKind::Plain,
        }
    }
}

/// The protected byte ranges of `text`, sorted and merged.
pub fn protected_ranges(text: &str, kind: FileKind) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    match kind {
        FileKind::Markdown => {
            let body_start = match front_matter_end(text) {
                Some((fm, end)) => {
                    out.push(0..fm.start);
                    toml_protected(&text[fm.clone()], fm.start, &mut out);
                    out.push(fm.end..end);
                    end
                }
                None => 0,
            };
            markdown_protected(&text[body_start..], body_start, &mut out);
        }
        FileKind::Toml => toml_protected(text, 0, &mut out),
        FileKind::Plain => {}
    }
    urls(text, &mut out);
    merge(out)
}

/// The complement of `protected` in `0..len`: the prose ranges.
pub fn prose_ranges(len: usize, protected: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in protected {
        if r.start > at {
            out.push(at..r.start);
        }
        at = at.max(r.end);
    }
    if at < len {
        out.push(at..len);
    }
    out
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `+++` front matter: the TOML's range and where the body starts.
fn front_matter_end(text: &str) -> Option<(Range<usize>, usize)> {
    let first = text.split_inclusive('\n').next()?;
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if first[bom..].trim_end() != "+++" {
        return None;
    }
    let start = first.len();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((start..at, at + line.len()));
        }
        at += line.len();
    }
    None
}

/// Protects everything in a TOML text except the contents of strings and comments; and
/// protects string values that look like paths or URLs.
fn toml_protected(toml: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let b = toml.as_bytes();
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                let end = toml[i..].find('\n').map_or(b.len(), |n| i + n);
                prose.push(i + 1..end);
                i = end;
            }
            b'"' | b'\'' => {
                let quote = b[i];
                let triple = b[i..].starts_with(&[quote; 3]);
                let open = if triple { 3 } else { 1 };
                let start = i + open;
                let mut j = start;
                let end = loop {
                    if j >= b.len() {
                        break b.len();
                    }
                    if quote == b'"' && b[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if !triple && b[j] == b'\n' {
                        break j;
                    }
                    if b[j] == quote && (!triple || b[j..].starts_with(&[quote; 3])) {
                        break j;
                    }
                    j += 1;
                };
                let end = end.min(b.len());
                if !looks_like_path(&toml[start..end]) {
                    prose.push(start..end);
                }
                i = (end + open).min(b.len());
            }
            _ => i += 1,
        }
    }
    for r in prose_ranges(b.len(), &merge(prose)) {
        out.push(base + r.start..base + r.end);
    }
}

/// A string value without spaces that holds a slash, an `@`, a `#` anchor or a file
/// extension: a path, URL, address or id, never prose.
fn looks_like_path(s: &str) -> bool {
    if s.is_empty() || s.contains(char::is_whitespace) {
        return false;
    }
    if s.contains(['/', '\\', '@']) || s.starts_with('#') {
        return true;
    }
    match s.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Code, raw HTML, link destinations, autolinks and heading ids in a Markdown body.
fn markdown_protected(body: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let shift = |r: Range<usize>| base + r.start..base + r.end;
    // Open links and images: (start, end of their text so far, end).
    let mut links: Vec<(usize, usize, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some(top) = links.last_mut() {
            if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) && range.end <= top.2 {
                top.1 = top.1.max(range.end);
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                out.push(shift(range))
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => out.push(shift(range)),
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    out.push(shift(range.clone()));
                }
                let text_start = range.start
                    + if body[range.clone()].starts_with('!') {
                        2
                    } else {
                        1
                    };
                links.push((range.start, text_start.min(range.end), range.end));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((_, text_end, end)) = links.pop() {
                    out.push(shift(text_end..end));
                }
            }
            _ => {}
        }
    }
    // Link reference definitions ("[id]: url") and heading ids ("## Title {#id}") have no
    // event of their own.
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 && trimmed.starts_with('[') {
            if let Some(close) = trimmed.find("]:") {
                let url_start = at + indent + close + 2;
                out.push(base + url_start..base + at + line.trim_end().len());
            }
        }
        if indent <= 3 && trimmed.starts_with('#') {
            let content = line.trim_end();
            if content.ends_with('}') {
                if let Some(open) = content.rfind('{') {
                    out.push(base + at + open..base + at + content.len());
                }
            }
        }
        at += line.len();
    }
}

/// Bare URLs and e-mail addresses anywhere in the text.
fn urls(text: &str, out: &mut Vec<Range<usize>>) {
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let separator = i == text.len()
            || c.is_whitespace()
            || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']');
        if !separator {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else {
            continue;
        };
        let chunk = &text[s..i];
        if !chunk.contains([':', '@']) && !chunk.contains("ww.") && !chunk.contains("WW.") {
            continue;
        }
        let lower = chunk.to_ascii_lowercase();
        let url_at = ["http://", "https://", "ftp://", "mailto:", "www."]
            .iter()
            .filter_map(|p| lower.find(p))
            .min();
        let begin = match url_at {
            Some(b) => b,
            None if is_email(chunk) => 0,
            None => continue,
        };
        let end = chunk
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_'])
            .len();
        if end > begin {
            out.push(s + begin..s + end);
        }
    }
}

fn is_email(chunk: &str) -> bool {
    match chunk.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && domain.is_ascii()
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The protected text, joined by `|`.
    fn shown(text: &str, kind: FileKind) -> String {
        protected_ranges(text, kind)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn markdown_code_links_and_urls_are_protected() {
        let md = "Xem `mã Th«ng` và [Th«ng b¸o](tai-lieu/Th«ng.pdf \"t\") hoặc ![ảnh](a/b.png).\n\n```\nTh«ng\n```\n\nhttps://ninhbinh.gov.vn/a. Gửi vanphong@ninhbinh.gov.vn <https://x.vn>\n";
        let p = shown(md, FileKind::Markdown);
        assert_eq!(
            p,
            "`mã Th«ng`|](tai-lieu/Th«ng.pdf \"t\")|](a/b.png)|```\nTh«ng\n```|https://ninhbinh.gov.vn/a|vanphong@ninhbinh.gov.vn|<https://x.vn>"
        );
    }

    #[test]
    fn front_matter_keeps_only_strings_and_comments_as_prose() {
        let md = "+++\ntitle = \"Th«ng b¸o\" # chú thích\nimage = \"anh/Th«ng.jpg\"\ndate = 2015-06-08\n+++\nNội dung.\n";
        let prose: Vec<String> = prose_ranges(md.len(), &protected_ranges(md, FileKind::Markdown))
            .into_iter()
            .map(|r| md[r].to_string())
            .collect();
        assert_eq!(prose, ["Th«ng b¸o", " chú thích", "Nội dung.\n"]);
    }

    #[test]
    fn toml_multiline_and_literal_strings() {
        let toml = "a = '''\nTh«ng\n'''\nb = 'x y'\nc = \"q \\\"t\"\n";
        let prose: Vec<String> = prose_ranges(toml.len(), &protected_ranges(toml, FileKind::Toml))
            .into_iter()
            .map(|r| toml[r].to_string())
            .collect();
        assert_eq!(prose, ["\nTh«ng\n", "x y", "q \\\"t"]);
    }

    #[test]
    fn reference_definitions_heading_ids_and_html() {
        let md = "## Hòa bình {#hoa-binh}\n\n[id]: https://x.vn/Th«ng\n\n<div class=\"hòa\">\nx\n</div>\n";
        assert_eq!(
            shown(md, FileKind::Markdown),
            "{#hoa-binh}| https://x.vn/Th«ng|<div class=\"hòa\">\nx\n</div>\n"
        );
    }

    #[test]
    fn kinds_from_paths() {
        assert_eq!(FileKind::from_path("content/a.md"), FileKind::Markdown);
        assert_eq!(FileKind::from_path("data/x.TOML"), FileKind::Toml);
        assert_eq!(FileKind::from_path("notes.txt"), FileKind::Plain);
    }

    #[test]
    fn unclosed_things_never_panic() {
        for t in [
            "+++\ntitle = \"x",
            "[a](",
            "`x",
            "a = '''",
            "\"\\",
            "+++\n+++",
            "[x]:",
            "# {",
        ] {
            let _ = protected_ranges(t, FileKind::Markdown);
            let _ = protected_ranges(t, FileKind::Toml);
        }
    }
}
