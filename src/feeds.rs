//! Feeds and crawler files: RSS 2.0 and Atom for the site and each section, `sitemap.xml`
//! (with `lastmod` and `hreflang` alternates) and `robots.txt`.
//!
//! Why: readers, the provincial portal and search engines follow a unit's news without
//! visiting it (QĐ 14/2015 Điều 7 khoản 4). Every date comes from the content (`date`,
//! `updated`), never from the clock, so the same site always gives the same bytes and a
//! rebuild that changes nothing writes nothing.
//!
//! Pure: the site model and the rendered Markdown in, [`OutputFile`]s out. Each language has
//! its own feeds (`/rss.xml`, `/en/rss.xml`); sections have theirs (`/tin-tuc/rss.xml`).

use crate::content::Site;
use crate::i18n;
use crate::render::{description, OutputFile, RenderedContent};
use crate::vi::Date;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// File names of the two feeds in a section's folder.
pub const RSS_FILE: &str = "rss.xml";
pub const ATOM_FILE: &str = "atom.xml";

/// The most URLs one sitemap file may hold (sitemaps.org); more are split into numbered
/// files listed by a sitemap index.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Everything this module writes: feeds, `sitemap.xml` and `robots.txt`. Nothing when
/// `[feeds] enabled = false`.
pub fn build(site: &Site, content: &RenderedContent) -> Vec<OutputFile> {
    if !site.config.feeds.enabled {
        return Vec::new();
    }
    let mut out = Vec::new();
    for i in 0..site.sections.len() {
        if let Some(items) = feed_items(site, i) {
            out.push(OutputFile {
                path: feed_path(&site.sections[i].path, RSS_FILE),
                bytes: rss(site, content, i, &items).into_bytes(),
            });
            out.push(OutputFile {
                path: feed_path(&site.sections[i].path, ATOM_FILE),
                bytes: atom(site, content, i, &items).into_bytes(),
            });
        }
    }
    out.extend(sitemaps(site));
    out.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots(site).into_bytes(),
    });
    out
}

/// Whether section `i` gets feeds: feeds are on, the section is rendered and it (or a
/// subsection) has a dated page.
pub fn section_has_feed(site: &Site, i: usize) -> bool {
    site.config.feeds.enabled && feed_items(site, i).is_some()
}

/// The `<link rel="alternate">` entries of a section's feeds, for templates (`feeds`,
/// `section_feeds`): `dir_url` is the section's URL with the base path.
pub fn links_value(dir_url: &str, title: &str) -> Value {
    json!([
        {"type": "application/rss+xml", "url": format!("{dir_url}{RSS_FILE}"), "title": format!("{title} (RSS)")},
        {"type": "application/atom+xml", "url": format!("{dir_url}{ATOM_FILE}"), "title": format!("{title} (Atom)")},
    ])
}

/// `/tin-tuc/` → `tin-tuc/rss.xml`.
fn feed_path(section_path: &str, file: &str) -> String {
    format!("{}{file}", section_path.trim_start_matches('/'))
}

/// The dated, published pages of section `i` and its subsections, newest first, at most
/// `limit`; `None` when the section has no feed.
fn feed_items(site: &Site, i: usize) -> Option<Vec<usize>> {
    let section = &site.sections[i];
    if !section.render || section.redirect_to.is_some() {
        return None;
    }
    let mut items: Vec<usize> = subtree_pages(site, i)
        .into_iter()
        .filter(|&p| page_date(site, p).is_some() && !site.pages[p].draft)
        .collect();
    if items.is_empty() {
        return None;
    }
    let key = |p: usize| {
        (
            std::cmp::Reverse(page_date(site, p)),
            site.pages[p].path.as_str(),
        )
    };
    items.sort_by(|&a, &b| key(a).cmp(&key(b)));
    items.dedup();
    items.truncate(site.config.feeds.limit.max(1));
    Some(items)
}

/// Pages of section `i` and of every section below it.
fn subtree_pages(site: &Site, i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![i];
    while let Some(s) = stack.pop() {
        out.extend(site.sections[s].pages.iter().copied());
        stack.extend(site.sections[s].subsections.iter().copied());
    }
    out
}

/// The date of a page for feeds: `date`, else the date its kind carries in `[extra]` (a
/// document's issue date, a consultation's opening date, a schedule's first day), so a
/// documents section whose pages only say `ngay_ban_hanh` still has a feed.
fn page_date(site: &Site, page: usize) -> Option<Date> {
    let p = &site.pages[page];
    p.date.or_else(|| {
        ["ngay_ban_hanh", "ngay_bat_dau", "tu_ngay"]
            .iter()
            .find_map(|k| match p.extra.get(*k)? {
                toml::Value::Datetime(d) => Date::parse(&d.to_string()),
                toml::Value::String(s) => Date::parse(s),
                _ => None,
            })
    })
}

/// The last change of a page: `updated`, else its date.
fn last_change(site: &Site, page: usize) -> Option<Date> {
    site.pages[page].updated.or_else(|| page_date(site, page))
}

fn feed_title(site: &Site, i: usize) -> String {
    let s = &site.sections[i];
    if s.parent.is_none() {
        site.config.title.clone()
    } else {
        format!("{} – {}", s.title, site.config.title)
    }
}

fn feed_description(site: &Site, content: &RenderedContent, i: usize) -> String {
    let s = &site.sections[i];
    let d = description(s.description.as_deref(), &content.sections[i].text);
    if !d.is_empty() {
        d
    } else if !site.config.description.is_empty() {
        site.config.description.clone()
    } else {
        feed_title(site, i)
    }
}

/// The text of an item: the full HTML with absolute links when `[feeds] full_text`, else
/// the page's description.
fn item_body(site: &Site, content: &RenderedContent, page: usize) -> (String, Option<String>) {
    let p = &site.pages[page];
    let summary = description(p.description.as_deref(), &content.pages[page].text);
    let full = site
        .config
        .feeds
        .full_text
        .then(|| absolutize(&content.pages[page].html, &site.config.permalink(&p.path)));
    (summary, full)
}

fn rss(site: &Site, content: &RenderedContent, i: usize, items: &[usize]) -> String {
    let s = &site.sections[i];
    let link = site.config.permalink(&s.path);
    let updated = items.iter().filter_map(|&p| last_change(site, p)).max();
    let mut x = String::with_capacity(1024 + items.len() * 512);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(x, "<title>{}</title>", esc(&feed_title(site, i)));
    let _ = writeln!(x, "<link>{}</link>", esc(&link));
    let _ = writeln!(
        x,
        "<description>{}</description>",
        esc(&feed_description(site, content, i))
    );
    let _ = writeln!(x, "<language>{}</language>", esc(&s.lang));
    x.push_str("<generator>trang</generator>\n");
    if let Some(d) = updated {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(d));
    }
    let _ = writeln!(
        x,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        esc(&format!("{link}{RSS_FILE}"))
    );
    for &p in items {
        let page = &site.pages[p];
        let url = site.config.permalink(&page.path);
        let (summary, full) = item_body(site, content, p);
        x.push_str("<item>\n");
        let _ = writeln!(x, "<title>{}</title>", esc(&page.title));
        let _ = writeln!(x, "<link>{}</link>", esc(&url));
        let _ = writeln!(x, "<guid isPermaLink=\"true\">{}</guid>", esc(&url));
        if let Some(d) = page_date(site, p) {
            let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc822(d));
        }
        let _ = writeln!(
            x,
            "<description>{}</description>",
            esc(full.as_deref().unwrap_or(&summary))
        );
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn atom(site: &Site, content: &RenderedContent, i: usize, items: &[usize]) -> String {
    let s = &site.sections[i];
    let link = site.config.permalink(&s.path);
    let updated = items
        .iter()
        .filter_map(|&p| last_change(site, p))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+07:00".to_string(), rfc3339);
    let mut x = String::with_capacity(1024 + items.len() * 512);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&s.lang)
    );
    let _ = writeln!(x, "<title>{}</title>", esc(&feed_title(site, i)));
    let _ = writeln!(
        x,
        "<subtitle>{}</subtitle>",
        esc(&feed_description(site, content, i))
    );
    let _ = writeln!(x, "<id>{}</id>", esc(&link));
    let _ = writeln!(x, "<link href=\"{}\"/>", esc(&link));
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&format!("{link}{ATOM_FILE}"))
    );
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "<author><name>{}</name></author>",
        esc(&site.config.title)
    );
    x.push_str("<generator>trang</generator>\n");
    for &p in items {
        let page = &site.pages[p];
        let url = site.config.permalink(&page.path);
        let (summary, full) = item_body(site, content, p);
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", esc(&page.title));
        let _ = writeln!(x, "<id>{}</id>", esc(&url));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&url)
        );
        if let Some(d) = page_date(site, p) {
            let _ = writeln!(x, "<published>{}</published>", rfc3339(d));
        }
        if let Some(d) = last_change(site, p) {
            let _ = writeln!(x, "<updated>{}</updated>", rfc3339(d));
        }
        for a in &page.authors {
            let _ = writeln!(x, "<author><name>{}</name></author>", esc(a));
        }
        let _ = writeln!(x, "<summary type=\"text\">{}</summary>", esc(&summary));
        if let Some(html) = full {
            let _ = writeln!(x, "<content type=\"html\">{}</content>", esc(&html));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// One URL of the sitemap.
struct SitemapUrl {
    path: String,
    lastmod: Option<Date>,
    alternates: Vec<i18n::Alternate>,
}

/// `sitemap.xml`: every rendered page, section and taxonomy page, with the last change of
/// its content and its versions in other languages. Split with a sitemap index when there
/// are more than [`SITEMAP_MAX_URLS`].
fn sitemaps(site: &Site) -> Vec<OutputFile> {
    let urls = sitemap_urls(site);
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(site, &urls).into_bytes(),
        }];
    }
    let mut out = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str("<sitemap>");
        let _ = write!(
            index,
            "<loc>{}</loc>",
            esc(&site.config.permalink(&format!("/{name}")))
        );
        if let Some(d) = chunk.iter().filter_map(|u| u.lastmod).max() {
            let _ = write!(index, "<lastmod>{}</lastmod>", d.iso());
        }
        index.push_str("</sitemap>\n");
        out.push(OutputFile {
            path: name,
            bytes: sitemap(site, chunk).into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    out
}

fn sitemap_urls(site: &Site) -> Vec<SitemapUrl> {
    let mut urls = Vec::with_capacity(site.pages.len() + site.sections.len());
    for (i, s) in site.sections.iter().enumerate() {
        if !s.render || s.redirect_to.is_some() || s.draft {
            continue;
        }
        urls.push(SitemapUrl {
            path: s.path.clone(),
            lastmod: subtree_pages(site, i)
                .into_iter()
                .filter_map(|p| last_change(site, p))
                .max(),
            alternates: i18n::section_alternates(site, i),
        });
    }
    for (i, p) in site.pages.iter().enumerate() {
        if p.draft {
            continue;
        }
        urls.push(SitemapUrl {
            path: p.path.clone(),
            lastmod: last_change(site, i),
            alternates: i18n::page_alternates(site, i),
        });
    }
    for t in &site.taxonomies {
        let all = t.terms.iter().flat_map(|term| term.pages.iter().copied());
        urls.push(SitemapUrl {
            path: t.path.clone(),
            lastmod: all.filter_map(|p| last_change(site, p)).max(),
            alternates: Vec::new(),
        });
        for term in &t.terms {
            urls.push(SitemapUrl {
                path: term.path.clone(),
                lastmod: term
                    .pages
                    .iter()
                    .filter_map(|&p| last_change(site, p))
                    .max(),
                alternates: Vec::new(),
            });
        }
    }
    urls.sort_by(|a, b| a.path.cmp(&b.path));
    urls.dedup_by(|a, b| a.path == b.path);
    urls
}

fn sitemap(site: &Site, urls: &[SitemapUrl]) -> String {
    let mut x = String::with_capacity(128 + urls.len() * 128);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for u in urls {
        x.push_str("<url>");
        let _ = write!(x, "<loc>{}</loc>", esc(&site.config.permalink(&u.path)));
        if let Some(d) = u.lastmod {
            let _ = write!(x, "<lastmod>{}</lastmod>", d.iso());
        }
        for a in &u.alternates {
            let _ = write!(
                x,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                esc(&a.lang),
                esc(&site.config.permalink(&a.path))
            );
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; the sitemap's address when the base URL is
/// absolute (crawlers need one).
fn robots(site: &Site) -> String {
    let mut x = String::from("User-agent: *\nDisallow:\n");
    if site.config.base_url.starts_with("http://") || site.config.base_url.starts_with("https://") {
        let _ = write!(x, "\nSitemap: {}\n", site.config.permalink("/sitemap.xml"));
    }
    x
}

/// Escapes text for XML and drops the control characters XML 1.0 forbids.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Vietnam's offset from UTC: content dates are local dates.
const OFFSET: &str = "+07:00";

fn hms(d: Date) -> (u32, u32, u32) {
    let s = d.seconds.unwrap_or(0);
    (s / 3600, s / 60 % 60, s % 60)
}

/// `2024-03-05T08:30:00+07:00`.
pub fn rfc3339(d: Date) -> String {
    let (h, m, s) = hms(d);
    format!("{}T{h:02}:{m:02}:{s:02}{OFFSET}", d.iso())
}

/// `Tue, 05 Mar 2024 08:30:00 +0700`, the date form of RSS 2.0.
pub fn rfc822(d: Date) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (h, m, s) = hms(d);
    format!(
        "{}, {:02} {} {:04} {h:02}:{m:02}:{s:02} +0700",
        DAYS[weekday(d)],
        d.day,
        MONTHS[usize::from(d.month - 1)],
        d.year
    )
}

/// Day of the week, Monday = 0 (days since 1970-01-01, a Thursday).
fn weekday(d: Date) -> usize {
    // Howard Hinnant's days_from_civil.
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (days + 3).rem_euclid(7) as usize
}

/// Makes the links and image sources of a page's HTML absolute, so the text works in a
/// feed reader: `/a/` → `https://site/a/`, `anh.jpg` → the page's URL + `anh.jpg`;
/// `srcset` lists too.
pub fn absolutize(html: &str, page_url: &str) -> String {
    let origin = match page_url.find("://") {
        Some(i) => page_url[..i
            + 3
            + page_url[i + 3..]
                .find('/')
                .unwrap_or(page_url.len() - i - 3)]
            .to_string(),
        None => String::new(),
    };
    let dir = match page_url.rfind('/') {
        Some(i) if i >= origin.len() => page_url[..=i].to_string(),
        _ => format!("{page_url}/"),
    };
    let resolve = |v: &str| -> String {
        let v = v.trim();
        if v.is_empty()
            || v.starts_with('#')
            || v.starts_with("//")
            || v.contains("://")
            || v.starts_with("mailto:")
            || v.starts_with("tel:")
            || v.starts_with("data:")
        {
            v.to_string()
        } else if v.starts_with('/') {
            format!("{origin}{v}")
        } else {
            format!("{dir}{v}")
        }
    };
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    loop {
        let next = [" href=\"", " src=\"", " srcset=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, *a)))
            .min_by_key(|(i, _)| *i);
        let Some((i, attr)) = next else {
            out.push_str(rest);
            break;
        };
        let start = i + attr.len();
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('"') else {
            out.push_str(&rest[start..]);
            break;
        };
        let value = &rest[start..start + len];
        if attr == " srcset=\"" {
            let parts: Vec<String> = value
                .split(',')
                .map(|part| {
                    let part = part.trim();
                    match part.split_once(' ') {
                        Some((url, size)) => format!("{} {size}", resolve(url)),
                        None => resolve(part),
                    }
                })
                .collect();
            out.push_str(&parts.join(", "));
        } else {
            out.push_str(&resolve(value));
        }
        rest = &rest[start + len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_in_feed_formats() {
        assert_eq!(
            rfc822(date("2024-03-05")),
            "Tue, 05 Mar 2024 00:00:00 +0700"
        );
        assert_eq!(
            rfc822(date("2026-01-05T08:30:00")),
            "Mon, 05 Jan 2026 08:30:00 +0700"
        );
        assert_eq!(
            rfc822(date("2000-02-29")),
            "Tue, 29 Feb 2000 00:00:00 +0700"
        );
        assert_eq!(
            rfc822(date("1970-01-01")),
            "Thu, 01 Jan 1970 00:00:00 +0700"
        );
        assert_eq!(
            rfc3339(date("2015-06-08T07:05:09")),
            "2015-06-08T07:05:09+07:00"
        );
    }

    #[test]
    fn xml_escaping_drops_forbidden_controls() {
        assert_eq!(esc("a<b>&\"'\u{1}c\n"), "a&lt;b&gt;&amp;&quot;&apos;c\n");
    }

    #[test]
    fn links_become_absolute() {
        let html = r##"<a href="/tin-tuc/">x</a><img src="anh.jpg" srcset="anh-480.jpg 480w, /s/b.jpg 960w"><a href="#h">y</a><a href="https://x.vn/">z</a><a href="mailto:a@b.vn">m</a>"##;
        assert_eq!(
            absolutize(html, "https://a.gov.vn/tin-tuc/bai/"),
            r##"<a href="https://a.gov.vn/tin-tuc/">x</a><img src="https://a.gov.vn/tin-tuc/bai/anh.jpg" srcset="https://a.gov.vn/tin-tuc/bai/anh-480.jpg 480w, https://a.gov.vn/s/b.jpg 960w"><a href="#h">y</a><a href="https://x.vn/">z</a><a href="mailto:a@b.vn">m</a>"##
        );
        assert_eq!(
            absolutize("<a href=\"b/\">", "https://a.gov.vn"),
            "<a href=\"https://a.gov.vn/b/\">"
        );
    }

    #[test]
    fn feed_paths_and_links() {
        assert_eq!(feed_path("/", RSS_FILE), "rss.xml");
        assert_eq!(feed_path("/en/tin-tuc/", ATOM_FILE), "en/tin-tuc/atom.xml");
        let v = links_value("/sub/tin-tuc/", "Tin");
        assert_eq!(v[0]["url"], "/sub/tin-tuc/rss.xml");
        assert_eq!(v[1]["type"], "application/atom+xml");
    }
}
