//! The royalty list: per author, every news item, article and photo published in a period,
//! with its date, kind and length (QĐ 14/2015 Điều 10 khoản 5 điểm đ pays authors "có tin,
//! bài, ảnh được đăng tải"). The unit decides the rates (khoản 6); this list gives the
//! accountant what to apply them to.
//!
//! Pure: [`royalties`] reads the loaded site. Authors come from front matter: `authors` of a
//! page, and `[extra] nguoi_chup` for the photos of a news item or article. A page with
//! several authors appears under each, with the others named as co-authors. Pages without an
//! author are listed apart, so nobody is forgotten silently.

use super::items::{self, compare_names, person_key, tidy_name, Category};
use super::{iso, UnitInfo};
use crate::content::Site;
use crate::regulation::{kinds, Lang};
use crate::vi::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON schema id of [`RoyaltyReport`].
pub const SCHEMA: &str = "trang-royalties/1";

/// One published item under one author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoyaltyItem {
    #[serde(serialize_with = "iso")]
    pub date: Date,
    /// News, article or photo.
    pub category: Category,
    pub title: String,
    /// The page's address.
    pub url: String,
    /// The source file, relative to the site.
    pub file: String,
    /// Words of the text (news, articles).
    pub words: usize,
    /// Photos (photo items: at least 1).
    pub images: usize,
    /// The other authors of the same item.
    pub coauthors: Vec<String>,
    /// The page's language.
    pub lang: String,
}

/// Counts and lengths of a list of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoyaltyTotals {
    pub news: usize,
    pub articles: usize,
    pub photos: usize,
    pub items: usize,
    /// Words of the news items and articles.
    pub words: usize,
    /// Photos of the photo items.
    pub images: usize,
}

impl RoyaltyTotals {
    fn add(&mut self, item: &RoyaltyItem) {
        self.items += 1;
        match item.category {
            Category::News => self.news += 1,
            Category::Article => self.articles += 1,
            _ => self.photos += 1,
        }
        if item.category == Category::Photo {
            self.images += item.images;
        } else {
            self.words += item.words;
        }
    }

    fn of(items: &[RoyaltyItem]) -> RoyaltyTotals {
        let mut t = RoyaltyTotals::default();
        for i in items {
            t.add(i);
        }
        t
    }
}

/// One author's items, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorItems {
    pub name: String,
    pub items: Vec<RoyaltyItem>,
    pub totals: RoyaltyTotals,
}

/// The royalty list of a period.
#[derive(Debug, Clone, Serialize)]
pub struct RoyaltyReport {
    pub schema: &'static str,
    pub lang: Lang,
    #[serde(serialize_with = "iso")]
    pub from: Date,
    #[serde(serialize_with = "iso")]
    pub to: Date,
    pub unit: UnitInfo,
    /// In Vietnamese name order (by given name).
    pub authors: Vec<AuthorItems>,
    /// Items whose page names no author.
    pub uncredited: Vec<RoyaltyItem>,
    /// Every line of `authors` (an item with two authors counts twice).
    pub totals: RoyaltyTotals,
    /// Distinct pages listed.
    pub pages: usize,
}

/// The royalty list of `site` for pages dated `from..=to`.
pub fn royalties(site: &Site, from: Date, to: Date, lang: Lang) -> RoyaltyReport {
    let (kinds, _) = kinds::site_kinds(site, lang);
    // person key → (name as first written, items)
    let mut by_author: BTreeMap<String, (String, Vec<RoyaltyItem>)> = BTreeMap::new();
    let mut uncredited = Vec::new();
    let mut pages = 0;
    for (p, kind) in site.pages.iter().zip(&kinds.pages) {
        let Some(date) = p.date.filter(|&d| items::within(d, from, to)) else {
            continue;
        };
        let category = items::classify(*kind, &p.extra);
        let photographers = items::photographers(&p.extra);
        if !category.earns_royalties() && photographers.is_empty() {
            continue;
        }
        pages += 1;
        let length = items::measure(&p.body);
        let item = |category: Category, coauthors: Vec<String>| RoyaltyItem {
            date,
            category,
            title: p.title.clone(),
            url: site.config.permalink(&p.path),
            file: p.file.clone(),
            words: if category == Category::Photo {
                0
            } else {
                length.words
            },
            images: if category == Category::Photo {
                length.images.max(1)
            } else {
                0
            },
            coauthors,
            lang: p.lang.clone(),
        };
        let mut credit = |names: &[String], category: Category| {
            let names: Vec<String> = names
                .iter()
                .map(|n| tidy_name(n))
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                uncredited.push(item(category, Vec::new()));
            }
            for name in &names {
                let others = names
                    .iter()
                    .filter(|n| person_key(n) != person_key(name))
                    .cloned()
                    .collect();
                by_author
                    .entry(person_key(name))
                    .or_insert_with(|| (name.clone(), Vec::new()))
                    .1
                    .push(item(category, others));
            }
        };
        if category.earns_royalties() {
            credit(&p.authors, category);
        }
        if category != Category::Photo && !photographers.is_empty() {
            credit(&photographers, Category::Photo);
        }
    }
    let order = |a: &RoyaltyItem, b: &RoyaltyItem| {
        (a.date, a.category.rank(), &a.title, &a.url).cmp(&(
            b.date,
            b.category.rank(),
            &b.title,
            &b.url,
        ))
    };
    let mut authors: Vec<AuthorItems> = by_author
        .into_values()
        .map(|(name, mut list)| {
            list.sort_by(order);
            AuthorItems {
                name,
                totals: RoyaltyTotals::of(&list),
                items: list,
            }
        })
        .collect();
    authors.sort_by(|a, b| compare_names(&a.name, &b.name));
    uncredited.sort_by(order);
    let mut totals = RoyaltyTotals::default();
    for a in &authors {
        for i in &a.items {
            totals.add(i);
        }
    }
    RoyaltyReport {
        schema: SCHEMA,
        lang,
        from,
        to,
        unit: UnitInfo::of(&site.config, to.year, lang),
        authors,
        uncredited,
        totals,
        pages,
    }
}
