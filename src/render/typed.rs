//! Typed content for templates: each page read against its section's kind
//! (`regulation::kinds::read_page`), as a JSON value themes can show without parsing
//! `[extra]` again.
//!
//! Why here: the regulation reads pages to check them; themes need the same values (a
//! document's number, a consultation's status, a service's level). Dates become ISO strings,
//! files become `{url, name, ext, size}` so download links can show type and size, and a
//! consultation gets its `status` on the build date. A leader's photo also gets its
//! portrait thumbnails (`images::process` made them) as `small` (lists) and `medium`
//! (detail page), each `{url, srcset, width, height}` with a 2x copy in `srcset`. Personal data of question askers is not
//! part of `Typed::Question`, and [`public_extra`] removes it from `[extra]` (Điều 5).
//!
//! Everything is computed from the site (and the sizes of the files it publishes), never
//! from rendering state, so `serve` and `build` produce the same bytes.

use crate::content::Site;
use crate::images::Thumbnail;
use crate::regulation::kinds::{self, Kind, Typed};
use crate::regulation::Lang;
use crate::vi::Date;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Output path of an image → its portrait thumbnails (`RenderedContent::thumbnails`).
pub type Thumbnails = HashMap<String, Vec<Thumbnail>>;

pub use crate::regulation::kinds::public_extra;

/// The kind and typed value of every page (`Value::Null` when a page has no kind or its
/// fields are invalid).
pub struct TypedPages {
    pub kinds: Vec<Option<Kind>>,
    pub values: Vec<Value>,
}

/// Reads every page of the site against its kind.
pub fn typed_pages(site: &Site, thumbnails: &Thumbnails) -> TypedPages {
    use rayon::prelude::*;
    let (kinds, values) = reading(site, |cx, today| {
        (0..site.pages.len())
            .into_par_iter()
            .map(|i| value_of(site, cx, i, today, thumbnails))
            .collect()
    });
    TypedPages { kinds, values }
}

/// The kind and typed value of page `i` alone (for incremental rebuilds).
pub fn typed_page(site: &Site, i: usize, thumbnails: &Thumbnails) -> (Option<Kind>, Value) {
    let (kinds, value) = reading(site, |cx, today| value_of(site, cx, i, today, thumbnails));
    (kinds[i], value)
}

/// Runs `read` with what reading pages needs (each page's kind, the files the site
/// publishes, the build date); returns the pages' kinds with its result.
fn reading<R>(
    site: &Site,
    read: impl FnOnce(&kinds::Context<'_>, Date) -> R,
) -> (Vec<Option<Kind>>, R) {
    let (site_kinds, _) = kinds::site_kinds(site, Lang::Vi);
    let files = crate::regulation::load::site_files(site);
    let today = crate::regulation::load::today();
    let cx = kinds::Context::new(site, &files, &site_kinds.pages, today, Lang::Vi);
    let result = read(&cx, today);
    (site_kinds.pages, result)
}

fn value_of(
    site: &Site,
    cx: &kinds::Context<'_>,
    i: usize,
    today: Date,
    thumbnails: &Thumbnails,
) -> Value {
    let Some(kind) = cx.kinds[i] else {
        return Value::Null;
    };
    let (typed, _) = kinds::read_page(cx, i, kind);
    let Some(typed) = typed else {
        return Value::Null;
    };
    let status = match &typed {
        Typed::Consultation(c) => Some(c.status(today)),
        _ => None,
    };
    let mut value = serde_json::to_value(&typed).unwrap_or(Value::Null);
    view(site, &mut value, None, thumbnails);
    if let (Some(status), Value::Object(map)) = (status, &mut value) {
        map.insert(
            "status".into(),
            serde_json::to_value(status).unwrap_or_default(),
        );
    }
    value
}

/// Rewrites a serialized typed value for templates: dates to ISO strings, file lists to
/// file objects (with portrait thumbnails for photos that have them).
fn view(site: &Site, value: &mut Value, key: Option<&str>, thumbnails: &Thumbnails) {
    match value {
        Value::Object(map) => {
            if let Some(iso) = as_date(map) {
                *value = Value::String(iso);
                return;
            }
            for (k, v) in map.iter_mut() {
                view(site, v, Some(k), thumbnails);
            }
        }
        Value::Array(items) => {
            if key == Some("files") {
                for item in items.iter_mut() {
                    if let Value::String(url) = item {
                        *item = file_value(site, url);
                    }
                }
            } else {
                for item in items.iter_mut() {
                    view(site, item, None, thumbnails);
                }
            }
        }
        Value::String(url) if matches!(key, Some("photo" | "image")) => {
            let thumbs = url
                .strip_prefix('/')
                .and_then(|rel| thumbnails.get(rel))
                .map_or(&[][..], Vec::as_slice);
            let mut file = file_value(site, url);
            if let Value::Object(map) = &mut file {
                add_thumbnails(map, thumbs);
            }
            *value = file;
        }
        _ => {}
    }
}

/// Adds `small` and `medium` to a photo's value: the thumbnails lists and the detail page
/// show (first and second of `images::THUMB_WIDTHS`), each with its twice-as-wide copy in
/// `srcset` when there is one. A photo smaller than those sizes uses the largest it has.
/// Nothing is added without thumbnails, so templates fall back to the photo itself.
fn add_thumbnails(map: &mut Map<String, Value>, thumbs: &[Thumbnail]) {
    let Some(largest) = thumbs.last() else {
        return;
    };
    let [small_w, medium_w, _] = crate::images::THUMB_WIDTHS;
    let pick = |w: u32| {
        let base = thumbs.iter().find(|t| t.width == w).unwrap_or(largest);
        let double = thumbs.iter().find(|t| t.width == 2 * base.width);
        json!({
            "url": base.url,
            "width": base.width,
            "height": base.height,
            "srcset": double.map(|d| format!("{} 1x, {} 2x", base.url, d.url)),
        })
    };
    map.insert("small".into(), pick(small_w));
    map.insert("medium".into(), pick(medium_w));
    map.insert(
        "thumbs".into(),
        serde_json::to_value(thumbs).unwrap_or_default(),
    );
}

fn as_date(map: &Map<String, Value>) -> Option<String> {
    if map.len() != 4 || !map.contains_key("seconds") {
        return None;
    }
    let n = |k: &str| map.get(k).and_then(Value::as_i64);
    Some(format!(
        "{:04}-{:02}-{:02}",
        n("year")?,
        n("month")?,
        n("day")?
    ))
}

/// `{url, name, ext, size, size_text}` of a published file; `size` is null for external
/// URLs.
pub fn file_value(site: &Site, url: &str) -> Value {
    let name = url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(url)
        .to_string();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .filter(|e| e.len() <= 5)
        .unwrap_or_default();
    // The file on disk behind a site path: a page or section asset, else under static/.
    let source = url.strip_prefix('/').map(|rel| {
        site.assets
            .iter()
            .find(|a| a.output == rel)
            .map(|a| a.source.clone())
            .unwrap_or_else(|| site.root.join("static").join(rel))
    });
    let size = source
        .as_ref()
        .and_then(|s| std::fs::metadata(s).ok().map(|m| m.len()));
    // Width and height of local images, so pages reserve their space (no layout shift).
    let dims = source
        .as_ref()
        .filter(|_| matches!(ext.as_str(), "PNG" | "JPG" | "JPEG" | "WEBP"))
        .and_then(|s| image::image_dimensions(s).ok());
    let base = crate::render::base_path(&site.config.base_url);
    let href = if url.starts_with('/') {
        format!("{base}{url}")
    } else {
        url.to_string()
    };
    json!({
        "url": href,
        "name": name,
        "ext": ext,
        "size": size,
        "size_text": size.map(size_text),
        "external": !url.starts_with('/'),
        "width": dims.map(|d| d.0),
        "height": dims.map(|d| d.1),
    })
}

/// A file size for people: `850 B`, `12 KB`, `1,4 MB` (Vietnamese decimal comma).
pub fn size_text(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(size_text(0), "0 B");
        assert_eq!(size_text(1023), "1023 B");
        assert_eq!(size_text(1024), "1 KB");
        assert_eq!(size_text(1500), "2 KB");
        assert_eq!(size_text(1024 * 1024 * 3 / 2), "1,5 MB");
    }

    #[test]
    fn photos_get_small_and_medium_thumbnails_with_2x_copies() {
        let t = |w: u32| Thumbnail {
            url: format!("/assets/img/a-{w}.jpg"),
            width: w,
            height: w * 4 / 3,
        };
        let mut m = Map::new();
        add_thumbnails(&mut m, &[t(120), t(240), t(480)]);
        assert_eq!(
            m["small"],
            json!({"url": "/assets/img/a-120.jpg", "width": 120, "height": 160,
                   "srcset": "/assets/img/a-120.jpg 1x, /assets/img/a-240.jpg 2x"})
        );
        assert_eq!(
            m["medium"]["srcset"],
            "/assets/img/a-240.jpg 1x, /assets/img/a-480.jpg 2x"
        );
        // A 300-pixel-wide photo: no 480, so the detail page has no 2x copy.
        let mut m = Map::new();
        add_thumbnails(&mut m, &[t(120), t(240)]);
        assert_eq!(m["medium"]["url"], "/assets/img/a-240.jpg");
        assert_eq!(m["medium"]["srcset"], Value::Null);
        // Smaller than every size: its one thumbnail everywhere.
        let mut m = Map::new();
        add_thumbnails(&mut m, &[t(75)]);
        assert_eq!(
            (m["small"]["width"].clone(), m["medium"]["width"].clone()),
            (json!(75), json!(75))
        );
        // No thumbnails (images disabled, external URL): nothing added.
        let mut m = Map::new();
        add_thumbnails(&mut m, &[]);
        assert!(m.is_empty());
    }

    #[test]
    fn dates_become_iso() {
        let mut m = Map::new();
        for (k, v) in [("year", 2025), ("month", 6), ("day", 2)] {
            m.insert(k.into(), json!(v));
        }
        m.insert("seconds".into(), Value::Null);
        assert_eq!(as_date(&m).as_deref(), Some("2025-06-02"));
    }
}
