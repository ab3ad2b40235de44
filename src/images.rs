//! Images: every published JPEG, PNG and WebP without its metadata, and responsive variants
//! of the images content shows.
//!
//! Why: photos from phones carry EXIF data — the place they were taken (GPS), the camera's
//! owner, the time — that must not be published with them (QĐ 14/2015 Điều 5, personal
//! data); and a 4,000-pixel photo sent to a phone wastes the reader's data. So:
//! - every raster image of page bundles and `static/` is published without EXIF, XMP, IPTC
//!   and text chunks. When nothing else changes that is done on the bytes, losslessly; a
//!   photo whose EXIF says "rotate" is decoded, turned upright and re-encoded, since the
//!   rotation would otherwise be lost with the metadata;
//! - an image shown by a page (`<img>` in its HTML) also gets narrower copies (`[images]
//!   widths`), a lossless WebP of each when that is smaller, and `srcset`, `sizes`,
//!   `width`, `height`, `loading="lazy"` in the page. Variant names carry a hash of their
//!   bytes (`assets/img/anh-480w.<hash>.jpg`), so servers may cache them for a year.
//!
//! - a leader's photo (`anh` of a `lanh_dao` page, shown by the theme's templates, not by
//!   Markdown) gets portrait thumbnails: a 3:4 crop at [`THUMB_WIDTHS`] (120×160, 240×320,
//!   480×640: the list and detail sizes and their 2x copies for high-density screens),
//!   hash-named like variants, so templates set `srcset`, `width` and `height`
//!   (`render::typed` adds them to the photo's value).
//!
//! Processing is slow, so results are cached in `.trang-cache/images/` under the site,
//! keyed by the hash of the source bytes and of the parameters: a rebuild that changes no
//! image decodes nothing. This module writes only there; published files go through the
//! build's output like every other file. The pure parts (metadata stripping, `srcset`
//! rewriting) are functions of bytes and strings, tested below.

use crate::config::SiteConfig;
use crate::content::Site;
use crate::diagnostics::{display_path, Diagnostic};
use crate::render::{base_path, fnv1a, OutputFile, RenderedContent};
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".trang-cache/images";

/// Bump when the processing changes, so old cache entries are not reused.
const CACHE_VERSION: u32 = 3;

/// Where variants are published.
const VARIANT_DIR: &str = "assets/img";

/// Widths of the portrait thumbnails of leaders' photos (3:4, so 160, 320 and 640 pixels
/// high): the list shows the first at 1x and the second at 2x, the detail page the second
/// and the third. Widths wider than the photo are left out, never enlarged.
pub const THUMB_WIDTHS: [u32; 3] = [120, 240, 480];

/// The raster formats processed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The format of a file name, by its extension.
    pub fn of(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

/// Image formats content may not show: browsers cannot display them (or not all).
const UNSUPPORTED: &[&str] = &[
    "heic", "heif", "tif", "tiff", "bmp", "psd", "raw", "cr2", "nef",
];

/// Whether this module publishes the file at output path `rel` (so the copy stage must
/// not): raster images, when `[images] enabled`.
pub fn publishes(config: &SiteConfig, rel: &str) -> bool {
    config.images.enabled && Format::of(rel).is_some()
}

/// What processing produced.
#[derive(Debug, Default)]
pub struct ImageBuild {
    /// Cleaned originals at their own paths, and variants.
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: ImageStats,
}

/// How much work was done: `processed` counts images decoded or cleaned this run,
/// `cached` those taken from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImageStats {
    pub images: usize,
    pub processed: usize,
    pub cached: usize,
}

/// One variant of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Variant {
    width: u32,
    height: u32,
    format: Format,
    /// File name in the cache entry and hash-named output name.
    name: String,
}

/// A processed image, as stored in the cache (`meta.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Processed {
    /// File name of the cleaned original in the cache entry.
    original: String,
    /// Size of the upright original; 0 when only cleaned (not shown by content).
    width: u32,
    height: u32,
    variants: Vec<Variant>,
    /// Portrait thumbnails (leaders' photos), narrowest first.
    #[serde(default)]
    thumbs: Vec<Variant>,
}

/// A portrait thumbnail of a published image, for templates: its URL (with the site's
/// base path) and size in pixels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Thumbnail {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One image's result: what was made, its files by name, whether it came from the cache,
/// and its cache key.
type Made = (Processed, BTreeMap<String, Vec<u8>>, bool, String);

/// A source image and the output paths it is published at (a bundle translated into
/// English has two).
struct Source {
    path: PathBuf,
    outputs: Vec<String>,
    format: Format,
    /// Whether content shows it (variants are made only then).
    shown: bool,
    /// Whether it is a leader's photo (portrait thumbnails are made only then).
    thumb: bool,
}

/// Processes every raster image of the site and rewrites the `<img>` tags of `content`.
/// `leader_photos` ([`leader_photos`]) get portrait thumbnails.
pub fn process(site: &Site, content: &mut RenderedContent, leader_photos: &[String]) -> ImageBuild {
    let mut build = ImageBuild::default();
    if !site.config.images.enabled {
        return build;
    }
    let base = base_path(&site.config.base_url);
    let mut sources = image_sources(site);

    // Which images content shows, and unsupported ones it tries to show.
    let by_output: HashMap<String, usize> = sources
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.outputs.iter().map(move |o| (o.clone(), i)))
        .collect();
    let htmls: Vec<((&str, &str), &crate::render::markdown::Rendered)> = site
        .pages
        .iter()
        .map(|p| (p.path.as_str(), p.file.as_str()))
        .zip(content.pages.iter())
        .chain(
            site.sections
                .iter()
                .map(|s| (s.path.as_str(), s.file.as_str()))
                .zip(content.sections.iter()),
        )
        .collect();
    // Finding the tags reads every page's HTML: in parallel.
    let found: Vec<Vec<String>> = htmls
        .par_iter()
        .map(|(_, rendered)| img_sources(&rendered.html))
        .collect();
    for (((page_path, file), _), srcs) in htmls.into_iter().zip(found) {
        for src in srcs {
            let Some(rel) = output_path(&src, page_path, &base) else {
                continue;
            };
            if let Some(&i) = by_output.get(&rel) {
                sources[i].shown = true;
            } else if let Some(ext) = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
                if UNSUPPORTED.contains(&ext.as_str()) {
                    build.diagnostics.push(
                        Diagnostic::error(file, "image.unsupported", format!("`{src}` is a .{ext} image, which browsers cannot show"))
                            .with_help("convert it to JPEG (photos) or PNG (drawings, screenshots) and link that file"),
                    );
                }
            }
        }
    }

    // Leaders' photos get portrait thumbnails.
    for rel in leader_photos {
        if let Some(&i) = by_output.get(rel) {
            sources[i].thumb = true;
        }
    }

    let cache = site.root.join(CACHE_DIR);
    let config = &site.config;
    let results: Vec<Result<Made, Diagnostic>> = sources
        .par_iter()
        .map(|s| {
            let file = display_path(&site.root, &s.path);
            let bytes = std::fs::read(&s.path)
                .map_err(|e| Diagnostic::error(&file, "image.unreadable", format!("cannot read the image: {e}")))?;
            let key = cache_key(&bytes, s.format, s.shown, s.thumb, config);
            if let Some((p, files)) = cache_read(&cache.join(&key)) {
                return Ok((p, files, true, key));
            }
            let (p, files) = make(&bytes, s.format, s.shown, s.thumb, config).map_err(|e| {
                Diagnostic::error(&file, "image.invalid", format!("cannot process the image: {e}"))
                    .with_help("the file is damaged or not really a JPEG, PNG or WebP image; open it in an image editor and save it again")
            })?;
            cache_write(&cache.join(&key), &p, &files);
            Ok((p, files, false, key))
        })
        .collect();

    let mut used_keys = HashSet::new();
    let mut variant_paths = HashSet::new();
    // Output path → the HTML attributes of its `<img>`.
    let mut responsive: HashMap<String, Responsive> = HashMap::new();
    let mut thumbnails: HashMap<String, Vec<Thumbnail>> = HashMap::new();
    for (s, r) in sources.iter().zip(results) {
        let (p, mut files, cached, key) = match r {
            Ok(v) => v,
            Err(d) => {
                build.diagnostics.push(d);
                continue;
            }
        };
        used_keys.insert(key);
        build.stats.images += 1;
        if cached {
            build.stats.cached += 1;
        } else {
            build.stats.processed += 1;
        }
        let original = files.remove(&p.original).unwrap_or_default();
        for out in &s.outputs {
            build.files.push(OutputFile {
                path: out.clone(),
                bytes: original.clone(),
            });
        }
        let stem = file_stem(&s.outputs[0]);
        let mut published = Vec::new();
        for v in &p.variants {
            let bytes = files.remove(&v.name).unwrap_or_default();
            let path = variant_path(&stem, v, &bytes);
            published.push((v.clone(), format!("{base}/{path}")));
            if variant_paths.insert(path.clone()) {
                build.files.push(OutputFile { path, bytes });
            }
        }
        let mut thumbs = Vec::new();
        for v in &p.thumbs {
            let bytes = files.remove(&v.name).unwrap_or_default();
            let path = thumb_path(&stem, v, &bytes);
            thumbs.push(Thumbnail {
                url: format!("{base}/{path}"),
                width: v.width,
                height: v.height,
            });
            if variant_paths.insert(path.clone()) {
                build.files.push(OutputFile { path, bytes });
            }
        }
        if !thumbs.is_empty() {
            for out in &s.outputs {
                thumbnails.insert(out.clone(), thumbs.clone());
            }
        }
        if s.shown && p.width > 0 {
            for out in &s.outputs {
                responsive.insert(
                    out.clone(),
                    Responsive {
                        width: p.width,
                        height: p.height,
                        format: s.format,
                        variants: published.clone(),
                    },
                );
            }
        }
    }
    cache_prune(&cache, &used_keys);

    if !responsive.is_empty() {
        site.pages
            .par_iter()
            .zip(content.pages.par_iter_mut())
            .for_each(|(page, rendered)| {
                rewrite_rendered(site, &responsive, rendered, &page.path);
            });
        site.sections
            .par_iter()
            .zip(content.sections.par_iter_mut())
            .for_each(|(section, rendered)| {
                rewrite_rendered(site, &responsive, rendered, &section.path);
            });
    }
    content.responsive = responsive;
    content.thumbnails = thumbnails;
    build.files.sort_by(|a, b| a.path.cmp(&b.path));
    build
}

/// Adds the responsive attributes of shown images to one rendered page (its HTML and
/// summary). `serve` calls it for a page whose images did not change.
pub fn rewrite_rendered(
    site: &Site,
    responsive: &HashMap<String, Responsive>,
    rendered: &mut crate::render::markdown::Rendered,
    page_path: &str,
) {
    let base = base_path(&site.config.base_url);
    let sizes = &site.config.images.sizes;
    let rewrite = |html: &mut String| {
        if find_img(html).is_some() {
            *html = rewrite_images(html, |src| {
                let rel = output_path(src, page_path, &base)?;
                responsive.get(&rel).map(|r| r.attributes(src, sizes))
            });
        }
    };
    rewrite(&mut rendered.html);
    if let Some(summary) = rendered.summary.as_mut() {
        rewrite(summary);
    }
}

/// Every raster image the site publishes: page and section assets, then `static/`.
fn image_sources(site: &Site) -> Vec<Source> {
    let mut by_path: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for a in &site.assets {
        if Format::of(&a.output).is_some() {
            by_path
                .entry(a.source.clone())
                .or_default()
                .push(a.output.clone());
        }
    }
    let static_dir = site.root.join("static");
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e
                        .path()
                        .strip_prefix(&static_dir)
                        .unwrap_or(e.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    if Format::of(&rel).is_some() {
                        by_path
                            .entry(e.into_path())
                            .or_default()
                            .push(crate::vi::nfc_string(rel));
                    }
                }
                Ok(_) => {}
                Err(_) => {} // the copy stage reports unreadable entries
            }
        }
    }
    by_path
        .into_iter()
        .filter_map(|(path, mut outputs)| {
            outputs.sort();
            outputs.dedup();
            let format = Format::of(&outputs[0])?;
            Some(Source {
                path,
                outputs,
                format,
                shown: false,
                thumb: false,
            })
        })
        .collect()
}

/// The output paths (without the leading `/`) of the photos of leader pages, from the pages
/// as the regulation check read them (`CheckReport::typed`). Their templates show them,
/// not their Markdown; external URLs are left out.
pub fn leader_photos(typed: &[Option<crate::regulation::kinds::Typed>]) -> Vec<String> {
    use crate::regulation::kinds::Typed;
    typed
        .iter()
        .filter_map(|t| match t {
            Some(Typed::Leader(l)) => l.photo.strip_prefix('/').map(str::to_string),
            _ => None,
        })
        .collect()
}

/// `assets/img/anh-240x320.0123456789abcdef.jpg`: a portrait thumbnail's name, like a
/// variant's with both dimensions.
fn thumb_path(stem: &str, v: &Variant, bytes: &[u8]) -> String {
    format!(
        "{VARIANT_DIR}/{stem}-{}x{}.{:016x}.{}",
        v.width,
        v.height,
        fnv1a(bytes),
        v.format.ext()
    )
}

/// `assets/img/anh-480w.0123456789abcdef.jpg`: the source's name, the width, and a hash
/// of the bytes.
fn variant_path(stem: &str, v: &Variant, bytes: &[u8]) -> String {
    format!(
        "{VARIANT_DIR}/{stem}-{}w.{:016x}.{}",
        v.width,
        fnv1a(bytes),
        v.format.ext()
    )
}

/// A URL-safe stem of an output path: `tin-tuc/a/Ảnh 1.JPG` → `anh-1`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let slug = crate::vi::slugify(stem);
    if slug.is_empty() {
        "anh".into()
    } else {
        slug
    }
}

/// The output path an `<img src>` points to, relative to the output folder; `None` for
/// other sites' images and data URLs.
pub fn output_path(src: &str, page_path: &str, base: &str) -> Option<String> {
    let src = src.trim();
    if src.is_empty() || src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
        return None;
    }
    let src = src.split(['?', '#']).next().unwrap_or(src);
    let joined = if let Some(abs) = src.strip_prefix('/') {
        let abs = format!("/{abs}");
        abs.strip_prefix(base)
            .filter(|_| !base.is_empty())
            .map_or(abs.clone(), str::to_string)
    } else {
        let dir = match page_path.rfind('/') {
            Some(i) => &page_path[..=i],
            None => "/",
        };
        format!("{dir}{src}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let decoded = percent_decode(&parts.join("/"));
    Some(crate::vi::nfc_string(decoded))
}

/// Decodes `%XX` escapes (Markdown image URLs with spaces or Vietnamese letters).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The responsive data of a shown image.
#[derive(Debug, Clone, PartialEq)]
pub struct Responsive {
    width: u32,
    height: u32,
    format: Format,
    /// Variants with their URLs.
    variants: Vec<(Variant, String)>,
}

impl Responsive {
    /// The new `<img>` (and `<picture>` when there are WebP variants) attributes.
    fn attributes(&self, src: &str, sizes: &str) -> ImgAttributes {
        let list = |format: Format| -> Vec<String> {
            self.variants
                .iter()
                .filter(|(v, _)| v.format == format)
                .map(|(v, url)| format!("{url} {}w", v.width))
                .collect()
        };
        let mut srcset = list(self.format);
        let has_smaller = !srcset.is_empty();
        if has_smaller {
            srcset.push(format!("{src} {}w", self.width));
        }
        let webp = if self.format == Format::WebP {
            Vec::new()
        } else {
            list(Format::WebP)
        };
        ImgAttributes {
            srcset: if has_smaller {
                Some(srcset.join(", "))
            } else {
                None
            },
            webp: if webp.is_empty() {
                None
            } else {
                Some(webp.join(", "))
            },
            sizes: sizes.to_string(),
            width: self.width,
            height: self.height,
        }
    }
}

/// What an `<img>` tag gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImgAttributes {
    pub srcset: Option<String>,
    /// A `<source type="image/webp">` srcset, when WebP variants exist.
    pub webp: Option<String>,
    pub sizes: String,
    pub width: u32,
    pub height: u32,
}

/// Where the first `<img` of `html` starts.
fn find_img(html: &str) -> Option<usize> {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"<img"));
    FINDER.find(html.as_bytes())
}

/// The `src` of every `<img>` of `html`.
pub fn img_sources(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = find_img(rest) {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        if let Some(src) = attribute(&rest[i..tag_end], "src") {
            out.push(unescape(&src));
        }
        rest = &rest[tag_end..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The value of attribute `name` in a tag (double-quoted, as pulldown-cmark writes it).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let start = tag.find(&pat)? + pat.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// Rewrites every `<img>` of `html` that `info` knows (by its `src`) and that has no
/// `srcset` yet: adds `srcset`, `sizes`, `width`, `height`, `loading`, `decoding`, and
/// wraps it in a `<picture>` with a WebP `<source>` when there is one.
pub fn rewrite_images(html: &str, info: impl Fn(&str) -> Option<ImgAttributes>) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(i) = find_img(rest) {
        let Some(len) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i..=i + len];
        out.push_str(&rest[..i]);
        rest = &rest[i + len + 1..];
        let attrs = if tag.contains(" srcset=") || tag.contains(" width=") {
            None
        } else {
            attribute(tag, "src").and_then(|src| info(&unescape(&src)))
        };
        let Some(a) = attrs else {
            out.push_str(tag);
            continue;
        };
        let body = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
        let esc = crate::render::templates::escape_html;
        let mut img = String::from(body);
        if let Some(s) = &a.srcset {
            img.push_str(&format!(
                " srcset=\"{}\" sizes=\"{}\"",
                esc(s),
                esc(&a.sizes)
            ));
        }
        img.push_str(&format!(
            " width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\" />",
            a.width, a.height
        ));
        match &a.webp {
            Some(webp) => out.push_str(&format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
                esc(webp),
                esc(&a.sizes)
            )),
            None => out.push_str(&img),
        }
    }
    out.push_str(rest);
    out
}

/// The cache key: hashes of the bytes and of every parameter that changes the result.
fn cache_key(
    bytes: &[u8],
    format: Format,
    shown: bool,
    thumb: bool,
    config: &SiteConfig,
) -> String {
    let params = format!(
        "v{CACHE_VERSION} {format:?} shown={shown} thumb={thumb} widths={:?} q={}",
        config.images.widths, config.images.quality
    );
    format!("{:016x}-{:016x}", fnv1a(bytes), fnv1a(params.as_bytes()))
}

fn cache_read(dir: &Path) -> Option<(Processed, BTreeMap<String, Vec<u8>>)> {
    let meta = std::fs::read(dir.join("meta.json")).ok()?;
    let p: Processed = serde_json::from_slice(&meta).ok()?;
    let mut files = BTreeMap::new();
    let names = std::iter::once(&p.original)
        .chain(p.variants.iter().map(|v| &v.name))
        .chain(p.thumbs.iter().map(|v| &v.name));
    for name in names {
        files.insert(name.clone(), std::fs::read(dir.join(name)).ok()?);
    }
    Some((p, files))
}

/// Stores a result; a failure only means the next build does the work again.
fn cache_write(dir: &Path, p: &Processed, files: &BTreeMap<String, Vec<u8>>) {
    let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&tmp)?;
        for (name, bytes) in files {
            std::fs::write(tmp.join(name), bytes)?;
        }
        std::fs::write(
            tmp.join("meta.json"),
            serde_json::to_vec(p).unwrap_or_default(),
        )?;
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::rename(&tmp, dir)
    };
    if write().is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

/// Removes cache entries this build did not use (images deleted or changed).
fn cache_prune(cache: &Path, used: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !used.contains(&name) && !name.contains(".tmp") {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Cleans an image and, when content shows it, makes its variants; portrait thumbnails
/// when it is a leader's photo.
fn make(
    bytes: &[u8],
    format: Format,
    shown: bool,
    thumb: bool,
    config: &SiteConfig,
) -> Result<(Processed, BTreeMap<String, Vec<u8>>), String> {
    let mut files = BTreeMap::new();
    let stripped = strip(bytes, format)?;
    let original_name = format!("original.{}", format.ext());
    let mut p = Processed {
        original: original_name.clone(),
        width: 0,
        height: 0,
        variants: Vec::new(),
        thumbs: Vec::new(),
    };
    let upright = stripped.orientation.is_none_or(|o| o == 1);
    if upright && !shown && !thumb {
        // Only cleaned; check that it decodes, so a damaged file is reported.
        decode_header(bytes)?;
        files.insert(original_name, stripped.bytes);
        return Ok((p, files));
    }
    let img = decode(bytes)?;
    if upright {
        files.insert(original_name, stripped.bytes);
    } else {
        files.insert(original_name, encode(&img, format, 92)?);
    }
    p.width = img.width();
    p.height = img.height();
    if thumb {
        for (v, bytes) in portrait_thumbnails(&img, format, config.images.quality)? {
            files.insert(v.name.clone(), bytes);
            p.thumbs.push(v);
        }
    }
    if !shown {
        return Ok((p, files));
    }
    let mut widths: Vec<u32> = config
        .images
        .widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w < img.width())
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();
    // The image crate encodes WebP losslessly only: that beats PNG on drawings and
    // screenshots, never JPEG on photos, so photos are not tried (it would only cost time).
    let try_webp = format == Format::Png;
    // Widest first, each from the previous one: a 6,000-pixel photo is read once.
    let mut previous: Option<DynamicImage> = None;
    for w in widths {
        let h = ((u64::from(img.height()) * u64::from(w) + u64::from(img.width()) / 2)
            / u64::from(img.width()))
        .max(1) as u32;
        let from = previous
            .as_ref()
            .filter(|p| p.width() <= 2 * w)
            .unwrap_or(&img);
        let small = from.resize_exact(w, h, image::imageops::FilterType::CatmullRom);
        let fallback = encode(&small, format, config.images.quality)?;
        let name = format!("{w}.{}", format.ext());
        p.variants.push(Variant {
            width: w,
            height: h,
            format,
            name: name.clone(),
        });
        if try_webp {
            let webp = encode(&small, Format::WebP, 100)?;
            if webp.len() < fallback.len() {
                let wname = format!("{w}.webp");
                p.variants.push(Variant {
                    width: w,
                    height: h,
                    format: Format::WebP,
                    name: wname.clone(),
                });
                files.insert(wname, webp);
            }
        }
        files.insert(name, fallback);
        previous = Some(small);
    }
    p.variants.sort_by_key(|v| (v.width, v.format != format));
    // The full size in WebP too, when that is smaller than the original.
    if try_webp && !p.variants.is_empty() {
        let original_len = files.get(&p.original).map_or(0, Vec::len);
        let webp = encode(&img, Format::WebP, 100)?;
        if webp.len() < original_len {
            p.variants.push(Variant {
                width: p.width,
                height: p.height,
                format: Format::WebP,
                name: "full.webp".into(),
            });
            files.insert("full.webp".into(), webp);
        }
    }
    Ok((p, files))
}

/// The 3:4 portrait box of a `w`×`h` image, as (x, y, width, height): the full height of a
/// wider image, centred; the full width of a taller one, with a third of the spare height
/// above the box and two thirds below (heads sit high in portraits).
fn portrait_box(w: u32, h: u32) -> (u32, u32, u32, u32) {
    let (w64, h64) = (u64::from(w), u64::from(h));
    if w64 * 4 > h64 * 3 {
        let cw = ((h64 * 3 + 2) / 4).clamp(1, w64) as u32;
        ((w - cw) / 2, 0, cw, h)
    } else {
        let ch = ((w64 * 4 + 1) / 3).clamp(1, h64) as u32;
        (0, (h - ch) / 3, w, ch)
    }
}

/// Portrait thumbnails of an upright image: the [`portrait_box`] scaled to each of
/// [`THUMB_WIDTHS`] that is not wider than the box (a smaller photo gets one thumbnail at
/// the box's own size). A photo with transparency stays PNG; a JPEG stays JPEG; other
/// photos (PNG, WebP) are JPEG or PNG, whichever is smaller (drawings compress better as
/// PNG, photos as JPEG). Same image, same bytes.
fn portrait_thumbnails(
    img: &DynamicImage,
    format: Format,
    quality: u8,
) -> Result<Vec<(Variant, Vec<u8>)>, String> {
    let (x, y, cw, ch) = portrait_box(img.width(), img.height());
    let crop = img.crop_imm(x, y, cw, ch);
    let mut sizes: Vec<(u32, u32)> = THUMB_WIDTHS
        .iter()
        .filter(|&&w| w <= cw)
        .map(|&w| (w, w * 4 / 3))
        .collect();
    if sizes.is_empty() {
        sizes.push((cw, ch));
    }
    let formats: &[Format] = if img.color().has_alpha() {
        &[Format::Png]
    } else if format == Format::Jpeg {
        &[Format::Jpeg]
    } else {
        &[Format::Jpeg, Format::Png]
    };
    let mut out = Vec::new();
    for (w, h) in sizes {
        let small = if (w, h) == (cw, ch) {
            crop.clone()
        } else {
            crop.resize_exact(w, h, image::imageops::FilterType::Lanczos3)
        };
        let mut best: Option<(Format, Vec<u8>)> = None;
        for &f in formats {
            let bytes = encode(&small, f, quality)?;
            if best.as_ref().is_none_or(|(_, b)| bytes.len() < b.len()) {
                best = Some((f, bytes));
            }
        }
        let (f, bytes) = best.ok_or("no thumbnail format")?;
        out.push((
            Variant {
                width: w,
                height: h,
                format: f,
                name: format!("thumb-{w}x{h}.{}", f.ext()),
            },
            bytes,
        ));
    }
    Ok(out)
}

/// Decodes an image and turns it upright as its EXIF orientation says.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// Reads only the header and checks the pixels decode, without keeping them.
fn decode_header(bytes: &[u8]) -> Result<(), String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    let mut buf = vec![0; usize::try_from(decoder.total_bytes()).map_err(|e| e.to_string())?];
    decoder.read_image(&mut buf).map_err(|e| e.to_string())
}

/// Encodes without any metadata. `quality` is for JPEG.
fn encode(img: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let r = match format {
        Format::Jpeg => {
            let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
            rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out,
                quality.clamp(1, 100),
            ))
        }
        Format::Png => img.write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )),
        Format::WebP => {
            let img = if img.color().has_alpha() {
                DynamicImage::ImageRgba8(img.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(img.to_rgb8())
            };
            img.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        }
    };
    r.map_err(|e| e.to_string())?;
    Ok(out)
}

/// An image without its metadata, and the EXIF orientation it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub bytes: Vec<u8>,
    pub orientation: Option<u8>,
}

/// Removes metadata from an image's bytes without decoding it: EXIF, XMP, IPTC and
/// comments from JPEG; `eXIf`, text and time chunks from PNG; `EXIF` and `XMP ` chunks
/// from WebP. Colour profiles stay.
pub fn strip(bytes: &[u8], format: Format) -> Result<Stripped, String> {
    match format {
        Format::Jpeg => strip_jpeg(bytes),
        Format::Png => strip_png(bytes),
        Format::WebP => strip_webp(bytes),
    }
}

fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    image::metadata::Orientation::from_exif_chunk(tiff).map(|o| o.to_exif())
}

fn strip_jpeg(b: &[u8]) -> Result<Stripped, String> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != 0xD8 {
        return Err("not a JPEG file (no start marker)".into());
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut orientation = None;
    let mut i = 2;
    loop {
        // Fill bytes (0xFF) may precede a marker.
        while i < b.len() && b[i] == 0xFF && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if i + 4 > b.len() || b[i] != 0xFF {
            return Err("damaged JPEG: a segment is cut short".into());
        }
        let marker = b[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            // Start of scan (or end): the rest is image data.
            out.extend_from_slice(&b[i..]);
            break;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if len < 2 || i + 2 + len > b.len() {
            return Err("damaged JPEG: a segment is longer than the file".into());
        }
        let payload = &b[i + 4..i + 2 + len];
        let keep = match marker {
            0xE1 => {
                if let Some(tiff) = payload.strip_prefix(b"Exif\0\0") {
                    orientation = orientation.or_else(|| exif_orientation(tiff));
                }
                false
            }
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xE0 | 0xEE => true, // JFIF, Adobe (colour transform)
            0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&b[i..i + 2 + len]);
        }
        i += 2 + len;
    }
    Ok(Stripped {
        bytes: out,
        orientation,
    })
}

fn strip_png(b: &[u8]) -> Result<Stripped, String> {
    const SIG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !b.starts_with(SIG) {
        return Err("not a PNG file (no signature)".into());
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(SIG);
    let mut orientation = None;
    let mut i = SIG.len();
    while i < b.len() {
        if i + 12 > b.len() {
            return Err("damaged PNG: a chunk is cut short".into());
        }
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let end = i
            .checked_add(12 + len)
            .filter(|&e| e <= b.len())
            .ok_or("damaged PNG: a chunk is longer than the file")?;
        let kind = &b[i + 4..i + 8];
        match kind {
            b"eXIf" => {
                orientation = orientation.or_else(|| exif_orientation(&b[i + 8..i + 8 + len]))
            }
            b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" => {}
            _ => out.extend_from_slice(&b[i..end]),
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    Ok(Stripped {
        bytes: out,
        orientation,
    })
}

fn strip_webp(b: &[u8]) -> Result<Stripped, String> {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return Err("not a WebP file".into());
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..12]);
    let mut orientation = None;
    let mut i = 12;
    while i + 8 <= b.len() {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let end = (i + 8).checked_add(len + (len & 1)).ok_or("damaged WebP")?;
        if end > b.len() + (len & 1) {
            return Err("damaged WebP: a chunk is longer than the file".into());
        }
        let end = end.min(b.len());
        match kind {
            b"EXIF" => {
                let data = &b[i + 8..i + 8 + len];
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
                orientation = orientation.or_else(|| exif_orientation(tiff));
            }
            b"XMP " => {}
            b"VP8X" => {
                let start = out.len();
                out.extend_from_slice(&b[i..end]);
                if len > 0 {
                    out[start + 8] &= !(0x08 | 0x04); // no EXIF, no XMP
                }
            }
            _ => out.extend_from_slice(&b[i..end]),
        }
        i = end;
    }
    let size = u32::try_from(out.len() - 8).map_err(|_| "WebP too large")?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(Stripped {
        bytes: out,
        orientation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TIFF (EXIF) block with an orientation and a GPS latitude reference.
    pub(crate) fn exif_tiff(orientation: u16) -> Vec<u8> {
        let mut t = b"II*\0".to_vec();
        t.extend_from_slice(&8u32.to_le_bytes()); // IFD0 at 8
        t.extend_from_slice(&2u16.to_le_bytes()); // 2 entries
                                                  // Orientation (0x0112), SHORT, 1, value.
        t.extend_from_slice(&0x0112u16.to_le_bytes());
        t.extend_from_slice(&3u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&orientation.to_le_bytes());
        t.extend_from_slice(&[0, 0]);
        // GPSInfo pointer (0x8825), LONG, 1 → IFD at 38.
        t.extend_from_slice(&0x8825u16.to_le_bytes());
        t.extend_from_slice(&4u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&38u32.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
                                                  // GPS IFD: GPSLatitudeRef = "N".
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&2u32.to_le_bytes());
        t.extend_from_slice(b"N\0\0\0");
        t.extend_from_slice(&0u32.to_le_bytes());
        t
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, _| {
            image::Rgb([(x * 255 / w) as u8, 80, 160])
        }));
        encode(&img, Format::Jpeg, 90).unwrap()
    }

    /// Puts an APP1 EXIF segment and a comment after the SOI marker.
    pub(crate) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let tiff = exif_tiff(orientation);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
        app1.extend_from_slice(b"Exif\0\0");
        app1.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&app1);
        out.extend_from_slice(&[0xFF, 0xFE, 0, 7, b'G', b'P', b'S', b'!', b'!']);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn jpeg_metadata_is_stripped_losslessly() {
        let plain = jpeg(40, 20);
        let tagged = with_exif(&plain, 6);
        assert!(tagged.windows(4).any(|w| w == b"Exif"));
        let s = strip(&tagged, Format::Jpeg).unwrap();
        assert_eq!(s.orientation, Some(6));
        assert_eq!(
            s.bytes, plain,
            "everything but the metadata is kept byte for byte"
        );
        assert_eq!(strip(&plain, Format::Jpeg).unwrap().orientation, None);
        assert!(strip(b"\xFF\xD8\xFF\xE1\xFF\xFF", Format::Jpeg).is_err());
        assert!(strip(b"GIF89a", Format::Jpeg).is_err());
    }

    #[test]
    fn png_and_webp_metadata_chunks_are_dropped() {
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            8,
            4,
            image::Rgba([1, 2, 3, 255]),
        ));
        let png = encode(&img, Format::Png, 0).unwrap();
        // Insert a tEXt and an eXIf chunk after IHDR (8 + 25 bytes).
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]); // CRC is not checked here
            c
        };
        let mut tagged = png[..33].to_vec();
        tagged.extend(chunk(b"tEXt", b"Author\0Nguyen Van A"));
        tagged.extend(chunk(b"eXIf", &exif_tiff(3)));
        tagged.extend_from_slice(&png[33..]);
        let s = strip(&tagged, Format::Png).unwrap();
        assert_eq!((s.bytes, s.orientation), (png, Some(3)));

        let webp = encode(&img, Format::WebP, 100).unwrap();
        let mut tagged = webp.clone();
        let exif = exif_tiff(1);
        tagged.extend_from_slice(b"EXIF");
        tagged.extend_from_slice(&(exif.len() as u32).to_le_bytes());
        tagged.extend_from_slice(&exif);
        let size = (tagged.len() - 8) as u32;
        tagged[4..8].copy_from_slice(&size.to_le_bytes());
        let s = strip(&tagged, Format::WebP).unwrap();
        assert_eq!((s.bytes, s.orientation), (webp, Some(1)));
    }

    /// Width, height and format of each variant.
    fn sizes<'a>(variants: impl IntoIterator<Item = &'a Variant>) -> Vec<(u32, u32, Format)> {
        variants
            .into_iter()
            .map(|v| (v.width, v.height, v.format))
            .collect()
    }

    #[test]
    fn rotated_photo_is_made_upright_with_variants() {
        let config =
            crate::config::parse("title='x'\nbase_url='/'\n[images]\nwidths=[10, 16, 999]\n")
                .unwrap();
        let tagged = with_exif(&jpeg(40, 20), 6); // stored landscape, shown portrait
        let (p, files) = make(&tagged, Format::Jpeg, true, false, &config).unwrap();
        assert_eq!((p.width, p.height), (20, 40));
        let widths = sizes(p.variants.iter().filter(|v| v.format == Format::Jpeg));
        assert_eq!(widths, [(10, 20, Format::Jpeg), (16, 32, Format::Jpeg)]);
        for bytes in files.values() {
            assert!(
                !bytes.windows(4).any(|w| w == b"Exif"),
                "no EXIF in any published copy"
            );
            assert!(!bytes.windows(4).any(|w| w == b"GPS!"));
        }
        let original = decode(&files[&p.original]).unwrap();
        assert_eq!((original.width(), original.height()), (20, 40));
        // Not shown: cleaned only, not decoded into variants.
        let (p, _) = make(
            &with_exif(&jpeg(40, 20), 1),
            Format::Jpeg,
            false,
            false,
            &config,
        )
        .unwrap();
        assert!(p.variants.is_empty() && p.width == 0);
        assert!(make(&jpeg(40, 20)[..100], Format::Jpeg, true, false, &config).is_err());
    }

    #[test]
    fn portrait_box_is_three_by_four_centred_across_and_high() {
        assert_eq!(portrait_box(300, 400), (0, 0, 300, 400));
        assert_eq!(
            portrait_box(1600, 1200),
            (350, 0, 900, 1200),
            "landscape: centred"
        );
        assert_eq!(
            portrait_box(600, 1100),
            (0, 100, 600, 800),
            "tall: a third above"
        );
        assert_eq!(portrait_box(240, 300), (7, 0, 225, 300));
        assert_eq!(portrait_box(1, 1), (0, 0, 1, 1));
        for (w, h) in [(1, 7), (7, 1), (999, 1001), (4000, 3000), (3, 4)] {
            let (x, y, cw, ch) = portrait_box(w, h);
            assert!(x + cw <= w && y + ch <= h && cw > 0 && ch > 0, "{w}x{h}");
        }
    }

    #[test]
    fn leader_photos_get_portrait_thumbnails_that_never_enlarge() {
        let config = crate::config::parse("title='x'\nbase_url='/'\n").unwrap();
        // A tall JPEG: thumbnails at every width, JPEG, exactly 3:4, deterministic.
        let tall = with_exif(&jpeg(600, 1000), 1);
        let (p, files) = make(&tall, Format::Jpeg, false, true, &config).unwrap();
        assert_eq!(
            sizes(&p.thumbs),
            [
                (120, 160, Format::Jpeg),
                (240, 320, Format::Jpeg),
                (480, 640, Format::Jpeg)
            ]
        );
        assert!(p.variants.is_empty(), "not shown by Markdown: no variants");
        for v in &p.thumbs {
            let img = decode(&files[&v.name]).unwrap();
            assert_eq!((img.width(), img.height()), (v.width, v.height));
            assert!(!files[&v.name].windows(4).any(|w| w == b"Exif"));
        }
        let (_, again) = make(&tall, Format::Jpeg, false, true, &config).unwrap();
        assert_eq!(files, again, "same photo, same bytes");
        // A small PNG drawing: no enlargement, and PNG beats JPEG on flat colours.
        let flat = DynamicImage::ImageRgb8(image::RgbImage::from_fn(200, 300, |x, _| {
            image::Rgb(if x < 100 {
                [200, 200, 210]
            } else {
                [90, 100, 120]
            })
        }));
        let png = encode(&flat, Format::Png, 0).unwrap();
        let (p, _) = make(&png, Format::Png, false, true, &config).unwrap();
        assert_eq!(sizes(&p.thumbs), [(120, 160, Format::Png)]);
        // Smaller than the smallest thumbnail: one, at the crop's own size.
        let (p, _) = make(&jpeg(90, 100), Format::Jpeg, false, true, &config).unwrap();
        assert_eq!(sizes(&p.thumbs), [(75, 100, Format::Jpeg)]);
    }

    #[test]
    fn img_sources_resolve_to_output_paths() {
        assert_eq!(
            output_path("anh.jpg", "/tin-tuc/a/", ""),
            Some("tin-tuc/a/anh.jpg".into())
        );
        assert_eq!(
            output_path("/sub/tep/x.png", "/a/", "/sub"),
            Some("tep/x.png".into())
        );
        assert_eq!(
            output_path("/tep/x.png", "/a/", ""),
            Some("tep/x.png".into())
        );
        assert_eq!(
            output_path("../b/%E1%BA%A2nh.png?v=1", "/tin-tuc/a/", ""),
            Some("tin-tuc/b/Ảnh.png".into())
        );
        assert_eq!(output_path("https://x.vn/a.jpg", "/", ""), None);
        assert_eq!(output_path("../../../x.jpg", "/a/", ""), None);
        assert_eq!(
            img_sources(r#"<p><img src="a.jpg" alt="A" /> <img alt="" src="b&amp;c.png"></p>"#),
            ["a.jpg", "b&c.png"]
        );
    }

    #[test]
    fn img_tags_get_srcset_sizes_and_dimensions() {
        let html =
            r#"<p><img src="anh.jpg" alt="Ảnh" /></p><img src="x.png" alt="x" srcset="a 1w" />"#;
        let out = rewrite_images(html, |src| {
            (src == "anh.jpg").then(|| ImgAttributes {
                srcset: Some("/assets/img/anh-480w.1.jpg 480w, anh.jpg 1600w".into()),
                webp: Some("/assets/img/anh-480w.2.webp 480w".into()),
                sizes: "100vw".into(),
                width: 1600,
                height: 1200,
            })
        });
        assert_eq!(
            out,
            r#"<p><picture><source type="image/webp" srcset="/assets/img/anh-480w.2.webp 480w" sizes="100vw"><img src="anh.jpg" alt="Ảnh" srcset="/assets/img/anh-480w.1.jpg 480w, anh.jpg 1600w" sizes="100vw" width="1600" height="1200" loading="lazy" decoding="async" /></picture></p><img src="x.png" alt="x" srcset="a 1w" />"#
        );
    }

    #[test]
    fn names_and_formats() {
        assert_eq!(Format::of("a/B.JPEG"), Some(Format::Jpeg));
        assert_eq!(Format::of("a.gif"), None);
        assert_eq!(file_stem("tin-tuc/a/Ảnh 1.JPG"), "anh-1");
        let v = Variant {
            width: 480,
            height: 1,
            format: Format::WebP,
            name: String::new(),
        };
        assert!(variant_path("anh", &v, b"x").starts_with("assets/img/anh-480w."));
        assert!(variant_path("anh", &v, b"x").ends_with(".webp"));
    }
}
