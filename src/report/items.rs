//! What a published page counts as in the reports: a news item, an article, a photo, or
//! another kind of content, and how long it is.
//!
//! Why here: the regulation pays royalties for "tin, bài, ảnh" (QĐ 14/2015 Điều 10 khoản 5
//! điểm đ) but its content kinds (`regulation::kinds`) are about what a site must publish,
//! not about who wrote what. This module maps one onto the other, in one place, so the
//! activity report and the royalty list always agree. Pure: pages in, categories out.
//!
//! The rules (docs/vi/bao-cao.md, "Tin, bài, ảnh"):
//! - `[extra] the_loai = "tin" | "bai" | "anh" | "khac"` on a page decides (English ids
//!   `news`, `article`, `photo`, `other` are accepted too);
//! - otherwise a page of a `news` section is a news item, a page of a `guidance` section
//!   (tuyên truyền, phổ biến pháp luật) an article, a page of another kind counts under that
//!   kind, and a page of no kind is "other";
//! - `[extra] nguoi_chup = "…"` (or a list) credits the photos of a news item or article to
//!   their photographers, each of whom gets a photo line in the royalty list.

use crate::regulation::{Kind, Lang};
use crate::vi::{self, Date};
use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;
use std::cmp::Ordering;

/// The front-matter key that sets a page's category.
pub const CATEGORY_KEY: &str = "the_loai";
/// The front-matter key that names the photographers of a page's photos.
pub const PHOTOGRAPHER_KEY: &str = "nguoi_chup";

/// What a published page counts as in the activity report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Tin: a news item.
    News,
    /// Bài: an article (bài viết, bài tuyên truyền).
    Article,
    /// Ảnh: a photo item (phóng sự ảnh, ảnh tin).
    Photo,
    /// Another kind of the regulation (legal documents, directions, schedules…).
    Kind(Kind),
    /// No kind.
    Other,
}

impl Category {
    /// Whether authors are paid for it (Điều 10 khoản 5 điểm đ): news, articles, photos.
    pub fn earns_royalties(self) -> bool {
        matches!(self, Category::News | Category::Article | Category::Photo)
    }

    /// The id in JSON and CSV: `news`, `article`, `photo`, a kind's id, `other`.
    pub fn id(self) -> &'static str {
        match self {
            Category::News => "news",
            Category::Article => "article",
            Category::Photo => "photo",
            Category::Kind(k) => k.id(),
            Category::Other => "other",
        }
    }

    /// The name in reports.
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Category::News => ("Tin", "News"),
            Category::Article => ("Bài viết", "Articles"),
            Category::Photo => ("Ảnh", "Photos"),
            Category::Kind(k) => return k.label(lang),
            Category::Other => ("Nội dung khác", "Other content"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The order of rows in reports: news, articles, photos, then the kinds in the
    /// regulation's order, then other.
    pub fn rank(self) -> usize {
        match self {
            Category::News => 0,
            Category::Article => 1,
            Category::Photo => 2,
            Category::Kind(k) => 3 + Kind::ALL.iter().position(|&x| x == k).unwrap_or(0),
            Category::Other => usize::MAX,
        }
    }
}

impl Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// Reads `the_loai`: `Ok(None)` when absent, `Err(value)` when not one of the values.
pub fn explicit_category(extra: &toml::Table) -> Result<Option<Category>, String> {
    let Some(v) = extra.get(CATEGORY_KEY) else {
        return Ok(None);
    };
    let Some(s) = v.as_str() else {
        return Err(v.to_string());
    };
    let key = vi::fold(s.trim()).to_lowercase();
    match key.as_str() {
        "tin" | "tin tuc" | "news" => Ok(Some(Category::News)),
        "bai" | "bai viet" | "article" => Ok(Some(Category::Article)),
        "anh" | "photo" => Ok(Some(Category::Photo)),
        "khac" | "other" => Ok(Some(Category::Other)),
        _ => Err(format!("\"{s}\"")),
    }
}

/// The category of a page of section kind `kind` with front matter `extra`. An invalid
/// `the_loai` falls back to the kind (the reports list it as a problem).
pub fn classify(kind: Option<Kind>, extra: &toml::Table) -> Category {
    if let Ok(Some(c)) = explicit_category(extra) {
        return c;
    }
    match kind {
        Some(Kind::News) => Category::News,
        Some(Kind::Guidance) => Category::Article,
        Some(k) => Category::Kind(k),
        None => Category::Other,
    }
}

/// The length of a page's body: words (Vietnamese "chữ", i.e. syllables, as royalties are
/// counted) of its text, and images.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Length {
    pub words: usize,
    pub images: usize,
}

/// Measures a Markdown body: words of the text (not of URLs, code fences' info or images'
/// alternative text), and images.
pub fn measure(markdown: &str) -> Length {
    let mut length = Length::default();
    let mut in_image = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                length.words += t.split_whitespace().count()
            }
            Event::Start(Tag::Image { .. }) => {
                length.images += 1;
                in_image += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => length.images += h.matches("<img").count(),
            _ => {}
        }
    }
    length
}

/// A person's name as written, tidied: NFC, single spaces, no surrounding space.
pub fn tidy_name(name: &str) -> String {
    vi::nfc(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key two spellings of a name share: tidied, lower case.
pub fn person_key(name: &str) -> String {
    tidy_name(name).to_lowercase()
}

/// Vietnamese name order for lists: by given name (the last word), then the whole name.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let given = |n: &str| n.rsplit(' ').next().unwrap_or(n).to_string();
    let order = vi::ToneOrder::default();
    vi::compare(&given(a), &given(b), order).then_with(|| vi::compare(a, b, order))
}

/// The photographers named in `nguoi_chup` (a name or a list of names).
pub fn photographers(extra: &toml::Table) -> Vec<String> {
    let names: Vec<&str> = match extra.get(PHOTOGRAPHER_KEY) {
        Some(toml::Value::String(s)) => vec![s],
        Some(toml::Value::Array(a)) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    names
        .into_iter()
        .map(tidy_name)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Whether `date` lies within `from..=to` (by calendar day).
pub fn within(date: Date, from: Date, to: Date) -> bool {
    let day = |d: Date| (d.year, d.month, d.day);
    day(from) <= day(date) && day(date) <= day(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extra(toml: &str) -> toml::Table {
        toml.parse().unwrap()
    }

    #[test]
    fn category_comes_from_the_loai_then_the_section_kind() {
        let cases: &[(Option<Kind>, &str, Category)] = &[
            (Some(Kind::News), "", Category::News),
            (Some(Kind::Guidance), "", Category::Article),
            (
                Some(Kind::LegalDocument),
                "",
                Category::Kind(Kind::LegalDocument),
            ),
            (None, "", Category::Other),
            (Some(Kind::News), "the_loai = \"anh\"", Category::Photo),
            (
                Some(Kind::News),
                "the_loai = \"Bài viết\"",
                Category::Article,
            ),
            (None, "the_loai = \"tin\"", Category::News),
            (None, "the_loai = \"article\"", Category::Article),
            (Some(Kind::News), "the_loai = \"khac\"", Category::Other),
            // An invalid value falls back to the kind.
            (Some(Kind::News), "the_loai = \"video\"", Category::News),
            (Some(Kind::News), "the_loai = 3", Category::News),
        ];
        for (kind, fm, want) in cases {
            assert_eq!(classify(*kind, &extra(fm)), *want, "{kind:?} {fm}");
        }
        assert_eq!(
            explicit_category(&extra("the_loai = \"video\"")),
            Err("\"video\"".into())
        );
        assert_eq!(explicit_category(&extra("")), Ok(None));
    }

    #[test]
    fn royalties_are_for_news_articles_and_photos_only() {
        assert!(Category::News.earns_royalties());
        assert!(Category::Photo.earns_royalties());
        assert!(!Category::Kind(Kind::LegalDocument).earns_royalties());
        assert!(!Category::Other.earns_royalties());
        assert!(Category::Photo.rank() < Category::Kind(Kind::Leader).rank());
        assert!(Category::Kind(Kind::Contact).rank() < Category::Other.rank());
    }

    #[test]
    fn measure_counts_words_of_text_and_images() {
        let cases: &[(&str, usize, usize)] = &[
            ("", 0, 0),
            ("Hội nghị chuyển đổi số", 5, 0),
            ("## Tiêu đề\n\nMột hai ba.\n\n- bốn\n- năm", 7, 0),
            ("Xem [văn bản](https://example.gov.vn/a/b/c) mới", 4, 0),
            ("![Ảnh hội nghị](anh.jpg)\n\nChú thích ảnh", 3, 1),
            ("<img src=\"a.jpg\"> và <img src=\"b.jpg\">", 1, 2),
            ("```rust\nfn main() {}\n```", 3, 0),
        ];
        for (md, words, images) in cases {
            assert_eq!(
                measure(md),
                Length {
                    words: *words,
                    images: *images
                },
                "{md}"
            );
        }
    }

    #[test]
    fn names_are_tidied_and_listed_by_given_name() {
        assert_eq!(tidy_name("  Nguyễn   Văn  An "), "Nguyễn Văn An");
        assert_eq!(person_key("NGUYỄN Văn an"), person_key("Nguyễn Văn An"));
        let mut names = vec![
            "Trần Thị Bình",
            "Nguyễn Văn An",
            "Lê Văn Cường",
            "Đỗ Minh An",
        ];
        names.sort_by(|a, b| compare_names(a, b));
        assert_eq!(
            names,
            [
                "Đỗ Minh An",
                "Nguyễn Văn An",
                "Trần Thị Bình",
                "Lê Văn Cường"
            ]
        );
    }

    #[test]
    fn photographers_from_a_name_or_a_list() {
        assert_eq!(
            photographers(&extra("nguoi_chup = \" Lê  Hoa \"")),
            ["Lê Hoa"]
        );
        assert_eq!(
            photographers(&extra("nguoi_chup = [\"A B\", \"\", \"C\"]")),
            ["A B", "C"]
        );
        assert!(photographers(&extra("")).is_empty());
    }

    #[test]
    fn within_compares_calendar_days() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert!(within(
            d("2026-01-01T08:00:00"),
            d("2026-01-01"),
            d("2026-01-31")
        ));
        assert!(within(
            d("2026-01-31T23:59:00"),
            d("2026-01-01"),
            d("2026-01-31")
        ));
        assert!(!within(d("2026-02-01"), d("2026-01-01"), d("2026-01-31")));
        assert!(!within(d("2025-12-31"), d("2026-01-01"), d("2026-01-31")));
    }
}
