//! Markdown → HTML with pulldown-cmark, the Vietnamese way.
//!
//! Headings get ids from Vietnamese slugs (`## Thủ tục` → `id="thu-tuc"`), internal links
//! written `@/section/page.md` become site URLs, and a link to a page that does not exist is
//! an error with the file's real line. Pure: the caller passes the link table.

use crate::diagnostics::Diagnostic;
use crate::vi::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A heading for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The HTML before `<!-- more -->`, when the body has that marker.
    pub summary: Option<String>,
    pub toc: Vec<Heading>,
    /// The text without markup, for descriptions and the search index.
    pub text: String,
    pub word_count: usize,
}

/// What the renderer needs to know about the page and the site.
pub struct Context<'a> {
    /// The content file, for diagnostics.
    pub file: &'a str,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// `@/` keys (paths relative to content/) → URL paths.
    pub links: &'a HashMap<String, String>,
    /// Prefix for site paths when the site is not served at the root (e.g. `/sub`).
    pub base_path: &'a str,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `body`, resolving `@/` links against `cx.links`.
pub fn render(body: &str, cx: &Context<'_>) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut text = String::with_capacity(body.len());
    let mut summary_at = None;
    // Index in `events` of the open heading, with its level and explicit id.
    let mut open_heading: Option<(usize, HeadingLevel, Option<String>)> = None;
    let mut heading_text = String::new();
    // Line starts, computed only when a diagnostic needs them.
    let mut line_index: Option<Vec<usize>> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                open_heading = Some((events.len(), level, id.map(|i| i.to_string())));
                heading_text.clear();
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _, explicit)) = open_heading.take() {
                    let title = heading_text.trim().to_string();
                    let id = unique_id(explicit.unwrap_or_else(|| slugify(&title)), &mut used_ids);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    toc.push(Heading {
                        level: level as u8,
                        id,
                        title,
                    });
                }
                text.push('\n');
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: resolve(dest_url, range.start, body, cx, &mut line_index, &mut diags),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: resolve(dest_url, range.start, body, cx, &mut line_index, &mut diags),
                title,
                id,
            }),
            Event::Text(t) => {
                if open_heading.is_some() {
                    heading_text.push_str(&t);
                }
                text.push_str(&t);
                Event::Text(t)
            }
            Event::Code(t) => {
                if open_heading.is_some() {
                    heading_text.push_str(&t);
                }
                text.push_str(&t);
                Event::Code(t)
            }
            Event::Html(h) | Event::InlineHtml(h) if h.trim() == "<!-- more -->" => {
                summary_at.get_or_insert(events.len());
                Event::Html(h)
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                event
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                text.push('\n');
                event
            }
            other => other,
        };
        events.push(event);
    }

    let summary = summary_at.map(|at| {
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, events[..at].iter().cloned());
        s
    });
    // The HTML is written into a buffer kept by the thread and copied out at its exact
    // size: grown or estimated, every page's would hold a quarter more than it needs, and
    // the site's pages are all kept until the build ends.
    thread_local! {
        static HTML: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let html = HTML.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        pulldown_cmark::html::push_html(&mut buf, events.into_iter());
        buf.as_str().to_owned()
    });
    let text = text.as_str().to_owned();
    let word_count = count_words(&text);
    (
        Rendered {
            html,
            summary,
            toc,
            text,
            word_count,
        },
        diags,
    )
}

/// Counts runs of non-space characters. ASCII spacing only: this runs over every page's
/// whole text, and `split_whitespace`'s Unicode check costs ~5% of a build.
fn count_words(text: &str) -> usize {
    // A word starts at each non-space byte after a space (or at the start): counted
    // without branches, a byte at a time.
    let mut count = 0;
    let mut prev_space = true;
    for &b in text.as_bytes() {
        let space = matches!(b, b' ' | b'\n' | b'\t' | b'\r' | b'\x0c');
        count += usize::from(prev_space & !space);
        prev_space = space;
    }
    count
}

/// Makes `id` unique within the page by adding `-1`, `-2`…
fn unique_id(id: String, used: &mut HashSet<String>) -> String {
    let base = if id.is_empty() { "muc".to_string() } else { id };
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Resolves an `@/` link; other links pass through.
fn resolve<'e>(
    dest: CowStr<'e>,
    offset: usize,
    body: &str,
    cx: &Context<'_>,
    line_index: &mut Option<Vec<usize>>,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'e> {
    let Some(target) = dest.strip_prefix("@/") else {
        return dest;
    };
    let (key, fragment) = match target.split_once('#') {
        Some((k, f)) => (k, Some(f)),
        None => (target, None),
    };
    let key = crate::vi::nfc(key);
    let key = key.trim_end_matches('/');
    let found = cx
        .links
        .get(key)
        .or_else(|| cx.links.get(&format!("{key}/_index.md")))
        .or_else(|| cx.links.get(&format!("{key}/index.md")));
    match found {
        Some(path) => {
            let mut url = format!("{}{}", cx.base_path, path);
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(f);
            }
            CowStr::from(url)
        }
        None => {
            let starts = line_index.get_or_insert_with(|| {
                std::iter::once(0)
                    .chain(body.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            });
            let line = starts.partition_point(|&s| s <= offset);
            let column = body[starts[line - 1]..offset.min(body.len())]
                .chars()
                .count()
                + 1;
            diags.push(
                Diagnostic::error(
                    cx.file,
                    "link.broken",
                    format!("the link `{dest}` points to content/{key}, which does not exist"),
                )
                .at(cx.body_line + line - 1, column)
                .with_help(
                    "write the path of the target file relative to content/, e.g. @/tin-tuc/bai-viet.md (drafts are left out unless --drafts)",
                ),
            );
            dest
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx<'a>(links: &'a HashMap<String, String>) -> Context<'a> {
        Context {
            file: "content/a.md",
            body_line: 5,
            links,
            base_path: "",
        }
    }

    #[test]
    fn headings_get_vietnamese_ids_unique_per_page() {
        let links = HashMap::new();
        let (r, d) = render(
            "## Thủ tục hành chính\n\n## Thủ tục hành chính\n\n### Câu hỏi {#hoi}\n",
            &cx(&links),
        );
        assert!(d.is_empty());
        assert!(r
            .html
            .contains(r#"<h2 id="thu-tuc-hanh-chinh">Thủ tục hành chính</h2>"#));
        assert!(r.html.contains(r#"<h2 id="thu-tuc-hanh-chinh-1">"#));
        assert!(r.html.contains(r#"<h3 id="hoi">"#));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].title, "Câu hỏi");
    }

    #[test]
    fn internal_links_resolve_and_broken_ones_are_located() {
        let mut links = HashMap::new();
        links.insert("tin-tuc/a.md".to_string(), "/tin-tuc/a/".to_string());
        links.insert("tin-tuc/_index.md".to_string(), "/tin-tuc/".to_string());
        let body =
            "Xem [bài](@/tin-tuc/a.md#y) và [mục](@/tin-tuc).\n\nDòng ba [hỏng](@/khong-co.md).\n";
        let (r, d) = render(body, &cx(&links));
        assert!(r.html.contains(r#"href="/tin-tuc/a/#y""#), "{}", r.html);
        assert!(r.html.contains(r#"href="/tin-tuc/""#));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (7, 9));
        assert_eq!(
            d[0].message,
            "the link `@/khong-co.md` points to content/khong-co.md, which does not exist"
        );
    }

    #[test]
    fn extensions_are_on() {
        let links = HashMap::new();
        let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~\n\n- [x] xong\n\nChú thích[^1]\n\n[^1]: Ghi chú.\n";
        let (r, _) = render(body, &cx(&links));
        for needle in [
            "<table>",
            "<del>cũ</del>",
            "checkbox",
            "footnote-definition",
        ] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }

    #[test]
    fn summary_text_and_word_count() {
        let links = HashMap::new();
        let (r, _) = render(
            "Mở đầu ngắn.\n\n<!-- more -->\n\nPhần còn lại.\n",
            &cx(&links),
        );
        assert_eq!(r.summary.as_deref(), Some("<p>Mở đầu ngắn.</p>\n"));
        assert_eq!(r.word_count, 6);
        assert_eq!(count_words("  một\thai\n\nba "), 3);
        assert_eq!(count_words(""), 0);
        assert!(r.text.contains("Phần còn lại."));
    }
}
