//! Integration tests of the integration outputs (issue 8): feeds, sitemap, robots.txt, the
//! portal API and its schemas, multilingual pages, images and server configuration, on the
//! `tests/fixtures/outputs` site (Vietnamese and English pages, typed sections, photos
//! with EXIF orientation and GPS tags made here) and on the `trang new` starters.

use image::{DynamicImage, GenericImageView};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;
use trang::build::{build, BuildOptions, BuildReport};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/outputs");

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let target = dst.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A TIFF (EXIF) block with an orientation and a GPS IFD holding a latitude reference.
fn exif_tiff(orientation: u16) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&0x0112u16.to_le_bytes());
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&orientation.to_le_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0x8825u16.to_le_bytes());
    t.extend_from_slice(&4u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&38u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes()); // GPSLatitudeRef
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&2u32.to_le_bytes());
    t.extend_from_slice(b"N\0\0\0");
    t.extend_from_slice(&0u32.to_le_bytes());
    t
}

/// A photo-like JPEG of `w`×`h` with EXIF (orientation, GPS) and a comment.
fn photo(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x ^ y) & 0xFF) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut jpeg, 90,
        ))
        .unwrap();
    let tiff = exif_tiff(orientation);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&[0xFF, 0xFE, 0, 12]);
    out.extend_from_slice(b"GPS 20.25N");
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A flat drawing (PNG), where lossless WebP wins.
fn drawing(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgba([0, 80, 160, 255])
        } else {
            image::Rgba([255, 255, 255, 255])
        }
    });
    let mut png = Vec::new();
    DynamicImage::ImageRgba8(img)
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut png))
        .unwrap();
    png
}

/// The fixture in a temporary folder, with its images.
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), tmp.path());
    let root = tmp.path();
    fs::write(
        root.join("content/tin-tuc/le-hoi/anh.jpg"),
        photo(1600, 1000, 6),
    )
    .unwrap();
    fs::write(
        root.join("content/tin-tuc/le-hoi/so-do.png"),
        drawing(1200, 600),
    )
    .unwrap();
    fs::write(root.join("static/tep/giam-doc.jpg"), photo(300, 400, 1)).unwrap();
    tmp
}

fn run(root: &Path) -> (BuildReport, PathBuf) {
    let opts = BuildOptions::new(root);
    let out = opts.output_dir();
    let report = build(&opts);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (report, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn parse_feed(out: &Path, rel: &str) -> feed_rs::model::Feed {
    let bytes = fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel} does not parse: {e}"))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// Validates every API file of a built site against its published schema; returns how
/// many files were checked.
fn validate_api(out: &Path) -> usize {
    let api = out.join("api/v1");
    let mut checked = 0;
    for file in files_under(&api) {
        let rel = file
            .strip_prefix(&api)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("schemas/") {
            continue;
        }
        let collection = rel.split(['/', '.']).next().unwrap();
        let schema: Value = json(&api, &format!("schemas/{collection}.schema.json"));
        let validator =
            jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema of {rel}: {e}"));
        let instance = json(&api, &rel);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{rel} does not match its schema:\n{}",
            errors.join("\n")
        );
        checked += 1;
    }
    checked
}

#[test]
fn feeds_parse_with_a_real_feed_parser_per_site_section_and_language() {
    let tmp = fixture();
    let (_, out) = run(tmp.path());

    let rss = parse_feed(&out, "rss.xml");
    assert_eq!(rss.feed_type, feed_rs::model::FeedType::RSS2);
    assert_eq!(
        rss.title.unwrap().content,
        "Sở Thông tin và Truyền thông tỉnh Ninh Bình"
    );
    assert_eq!(rss.language.as_deref(), Some("vi"));
    let titles: Vec<String> = rss
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(
        titles[0], "Dự thảo Quy chế hoạt động trang thông tin điện tử",
        "newest first"
    );
    assert!(titles.contains(&"Tập huấn an toàn thông tin".to_string()));
    assert!(
        !titles.iter().any(|t| t.contains("Digital")),
        "the Vietnamese feed has no English item"
    );
    let first = &rss.entries[0];
    assert_eq!(
        first.links[0].href,
        "https://stttt.ninhbinh.gov.vn/lay-y-kien/du-thao-quy-che/"
    );
    assert_eq!(
        first.published.unwrap().to_rfc3339(),
        "2025-05-31T17:00:00+00:00",
        "dates are Vietnam time"
    );

    let atom = parse_feed(&out, "atom.xml");
    assert_eq!(atom.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(atom.entries.len(), rss.entries.len());
    let tap_huan = atom
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content.starts_with("Tập huấn"))
        .unwrap();
    assert_eq!(
        tap_huan.updated.unwrap().to_rfc3339(),
        "2024-05-11T17:00:00+00:00"
    );
    assert_eq!(
        tap_huan.published.unwrap().to_rfc3339(),
        "2024-05-10T01:30:00+00:00"
    );
    assert_eq!(
        tap_huan.summary.as_ref().unwrap().content,
        "Lớp tập huấn <an toàn> “thông tin” cho cán bộ."
    );

    // A section's feeds list its pages only; sections without dated pages have none.
    let news = parse_feed(&out, "tin-tuc/rss.xml");
    assert_eq!(news.entries.len(), 3);
    parse_feed(&out, "tin-tuc/atom.xml");
    assert!(!out.join("gioi-thieu/rss.xml").exists());
    // Documents dated only by their issue date (`ngay_ban_hanh`) are in their feed too.
    let docs = parse_feed(&out, "van-ban/rss.xml");
    let qd2 = docs
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content.contains("số 2/2025"))
        .unwrap();
    assert_eq!(
        qd2.published.unwrap().to_rfc3339(),
        "2025-02-09T17:00:00+00:00"
    );
    assert!(!out.join("lanh-dao/atom.xml").exists());

    // English has its own feeds.
    let en = parse_feed(&out, "en/rss.xml");
    assert_eq!(en.language.as_deref(), Some("en"));
    let en_titles: Vec<String> = en
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(
        en_titles,
        [
            "Trang An festival",
            "Digital transformation conference 2024"
        ]
    );
    parse_feed(&out, "en/atom.xml");

    // Pages announce the feeds.
    let home = read(&out, "index.html");
    assert!(
        home.contains(r#"<link rel="alternate" type="application/rss+xml" href="/rss.xml""#),
        "{home}"
    );
    let section = read(&out, "tin-tuc/index.html");
    assert!(section.contains(r#"href="/tin-tuc/atom.xml""#));
    assert!(read(&out, "en/index.html").contains(r#"href="/en/rss.xml""#));
}

#[test]
fn full_text_feeds_carry_the_html_with_absolute_links() {
    let tmp = fixture();
    let config = tmp.path().join("trang.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!("{text}\n[feeds]\nfull_text = true\nlimit = 3\n"),
    )
    .unwrap();
    let (_, out) = run(tmp.path());
    let atom = parse_feed(&out, "tin-tuc/atom.xml");
    assert_eq!(atom.entries.len(), 3, "limit");
    assert_eq!(parse_feed(&out, "rss.xml").entries.len(), 3, "limit");
    let festival = &atom.entries[0];
    let html = &festival.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        html.contains(r#"src="https://stttt.ninhbinh.gov.vn/tin-tuc/le-hoi/anh.jpg""#),
        "{html}"
    );
    assert!(
        html.contains("https://stttt.ninhbinh.gov.vn/assets/img/anh-480w."),
        "{html}"
    );
    let rss = read(&out, "tin-tuc/rss.xml");
    assert!(rss.contains("&lt;a href=&quot;https://stttt.ninhbinh.gov.vn/gioi-thieu/chuc-nang-nhiem-vu/&quot;&gt;"), "{rss}");
}

#[test]
fn sitemap_robots_and_404() {
    let tmp = fixture();
    let (_, out) = run(tmp.path());
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
    assert!(sitemap.contains("<url><loc>https://stttt.ninhbinh.gov.vn/tin-tuc/tap-huan/</loc><lastmod>2024-05-12</lastmod></url>"), "{sitemap}");
    // A section's lastmod is its newest page's.
    assert!(
        sitemap.contains(
            "<loc>https://stttt.ninhbinh.gov.vn/tin-tuc/</loc><lastmod>2025-02-01</lastmod>"
        ),
        "{sitemap}"
    );
    // Translations are alternates of each other.
    assert!(sitemap.contains(concat!(
        "<url><loc>https://stttt.ninhbinh.gov.vn/tin-tuc/hoi-nghi/</loc><lastmod>2024-03-05</lastmod>",
        "<xhtml:link rel=\"alternate\" hreflang=\"vi\" href=\"https://stttt.ninhbinh.gov.vn/tin-tuc/hoi-nghi/\"/>",
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://stttt.ninhbinh.gov.vn/en/tin-tuc/hoi-nghi/\"/></url>"
    )), "{sitemap}");
    assert!(sitemap
        .contains("<loc>https://stttt.ninhbinh.gov.vn/en/gioi-thieu/chuc-nang-nhiem-vu/</loc>"));
    assert!(sitemap.contains("<loc>https://stttt.ninhbinh.gov.vn/chu-de/chuyen-doi-so/</loc>"));
    assert!(!sitemap.contains("/trang/2/"), "no pagination pages");
    let urls = sitemap.matches("<url>").count();
    assert_eq!(urls, sitemap.matches("</url>").count());
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nDisallow:\n\nSitemap: https://stttt.ninhbinh.gov.vn/sitemap.xml\n"
    );
    assert!(read(&out, "404.html").contains("<html lang=\"vi\">"));

    // Dates come from the content, never the clock: a second build writes nothing new.
    let (report, _) = run(tmp.path());
    let stats = report.stats.unwrap();
    assert_eq!(stats.written, 0, "{:?}", stats.written_paths);
}

#[test]
fn the_portal_api_matches_its_schemas_and_the_pages() {
    let tmp = fixture();
    let (_, out) = run(tmp.path());
    assert!(validate_api(&out) >= 10);

    let site = json(&out, "api/v1/site.json");
    assert_eq!(site["unit"]["type"], "department");
    assert_eq!(
        site["unit"]["type_name"],
        "Sở, Ban, ngành, đoàn thể cấp tỉnh"
    );
    assert_eq!(site["languages"], serde_json::json!(["vi", "en"]));
    assert_eq!(site["portal_url"], "https://ninhbinh.gov.vn");
    // The fixture meets some requirements only: the API lists the missing ones by id.
    assert_eq!(site["manifest"]["status"], "incomplete");
    let missing: Vec<&str> = site["manifest"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"lich-cong-tac"), "{missing:?}");
    assert!(
        !missing.contains(&"van-ban"),
        "documents are published: {missing:?}"
    );
    assert_eq!(site["collections"]["documents"]["total"], 3);
    assert_eq!(site["collections"]["documents"]["pages"], 2);
    assert_eq!(
        site["feeds"][1]["rss"],
        "https://stttt.ninhbinh.gov.vn/en/rss.xml"
    );

    // Paged: page_size = 2 in the fixture.
    let docs = json(&out, "api/v1/documents.json");
    assert_eq!(
        (
            docs["page"].as_u64(),
            docs["pages"].as_u64(),
            docs["total"].as_u64()
        ),
        (Some(1), Some(2), Some(3))
    );
    assert_eq!(
        docs["next"],
        "https://stttt.ninhbinh.gov.vn/api/v1/documents/2.json"
    );
    let newest = &docs["items"][0];
    assert_eq!(newest["number"], "3/2025/QĐ-UBND");
    assert_eq!(newest["issued"], "2025-03-10");
    assert_eq!(
        newest["files"],
        serde_json::json!(["https://stttt.ninhbinh.gov.vn/tep/qd-3.pdf"])
    );
    assert_eq!(
        newest["replaces"],
        serde_json::json!([
            "https://stttt.ninhbinh.gov.vn/van-ban/qd-1/",
            "20/2010/QĐ-UBND"
        ])
    );
    assert_eq!(newest["replaced_by"], Value::Null);
    let page2 = json(&out, "api/v1/documents/2.json");
    assert_eq!(page2["items"][0]["number"], "1/2025/QĐ-UBND");
    assert_eq!(
        page2["prev"],
        "https://stttt.ninhbinh.gov.vn/api/v1/documents.json"
    );

    let leaders = json(&out, "api/v1/leaders.json");
    assert_eq!(leaders["items"][0]["title"], "Trần Văn B");
    assert_eq!(
        leaders["items"][0]["duties"][1],
        "Phụ trách công tác tổ chức cán bộ"
    );
    assert_eq!(
        leaders["items"][0]["photo"],
        "https://stttt.ninhbinh.gov.vn/tep/giam-doc.jpg"
    );
    let units = json(&out, "api/v1/units.json");
    let press = units["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["title"] == "Phòng Báo chí, Xuất bản")
        .unwrap();
    assert_eq!(
        press["parent"],
        "https://stttt.ninhbinh.gov.vn/to-chuc/van-phong/"
    );
    assert_eq!(json(&out, "api/v1/services.json")["items"][0]["level"], "4");
    assert_eq!(
        json(&out, "api/v1/projects.json")["items"][0]["budget"],
        12_500_000_000i64
    );
    assert_eq!(
        json(&out, "api/v1/consultations.json")["items"][0]["closes"],
        "2025-06-30"
    );

    // News lists the default language; translations are linked from each item.
    let news = json(&out, "api/v1/news.json");
    assert_eq!(news["total"], 3);
    let mut items = news["items"].as_array().unwrap().clone();
    items.extend(
        json(&out, "api/v1/news/2.json")["items"]
            .as_array()
            .unwrap()
            .iter()
            .cloned(),
    );
    assert_eq!(items.len(), 3, "{items:#?}");
    assert!(items.iter().all(|i| i["lang"] == "vi"));
    let conf = items
        .iter()
        .find(|i| i["id"] == "/tin-tuc/hoi-nghi/")
        .unwrap();
    assert_eq!(
        conf["translations"][0]["url"],
        "https://stttt.ninhbinh.gov.vn/en/tin-tuc/hoi-nghi/"
    );

    let contacts = json(&out, "api/v1/contacts.json");
    let mut all = contacts["items"].as_array().unwrap().clone();
    all.extend(
        json(&out, "api/v1/contacts/2.json")["items"]
            .as_array()
            .unwrap()
            .iter()
            .cloned(),
    );
    let roles: Vec<&str> = all.iter().map(|c| c["role"].as_str().unwrap()).collect();
    assert_eq!(
        roles,
        ["person_in_charge", "transaction", "feedback", "page"]
    );
    assert_eq!(contacts["items"][1]["updated"], "2025-01-15");

    // The schemas are published with the site.
    for name in [
        "site",
        "documents",
        "services",
        "projects",
        "consultations",
        "news",
        "leaders",
        "units",
        "contacts",
    ] {
        assert!(
            out.join(format!("api/v1/schemas/{name}.schema.json"))
                .is_file(),
            "{name}"
        );
    }
}

#[test]
fn api_never_publishes_personal_data_of_questions() {
    let tmp = fixture();
    let root = tmp.path();
    fs::create_dir_all(root.join("content/hoi-dap")).unwrap();
    fs::write(
        root.join("content/hoi-dap/_index.md"),
        "+++\ntitle = \"Hỏi đáp\"\nkind = \"hoi_dap\"\n+++\n",
    )
    .unwrap();
    fs::write(
        root.join("content/hoi-dap/cau-1.md"),
        "+++\ntitle = \"Câu hỏi về giấy phép\"\ndate = 2025-05-20\n[extra]\nma_theo_doi = \"HD-2025-0042\"\nngay_hoi = 2025-05-20\ncau_hoi = \"Cần giấy tờ gì?\"\ntinh_trang = \"da_tiep_nhan\"\nnguoi_hoi = \"Nguyễn Thị Hỏi\"\nemail_nguoi_hoi = \"hoi@example.com\"\n+++\n",
    )
    .unwrap();
    let (_, out) = run(root);
    for file in files_under(&out.join("api")) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("Nguyễn Thị Hỏi") && !text.contains("hoi@example.com"),
            "{}",
            file.display()
        );
    }
}

#[test]
fn english_pages_have_their_urls_strings_switch_and_alternates() {
    let tmp = fixture();
    let (_, out) = run(tmp.path());

    let en = read(&out, "en/tin-tuc/hoi-nghi/index.html");
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(en.contains("<title>Digital transformation conference 2024 | "));
    assert!(
        en.contains(r##"<a class="skip-link" href="#noi-dung">Skip to main content</a>"##),
        "English UI strings"
    );
    assert!(
        en.contains(r#"<a href="/tin-tuc/hoi-nghi/" hreflang="vi" lang="vi">Tiếng Việt</a>"#),
        "{en}"
    );
    assert!(en.contains(r#"<link rel="alternate" hreflang="en" href="https://stttt.ninhbinh.gov.vn/en/tin-tuc/hoi-nghi/">"#));
    assert!(en.contains(r#"<link rel="alternate" hreflang="x-default" href="https://stttt.ninhbinh.gov.vn/tin-tuc/hoi-nghi/">"#));
    // Its breadcrumb and menu stay in English.
    assert!(en.contains(r#"<li><a href="/en/">Home</a></li>"#), "{en}");
    assert!(
        en.contains(r#"<a href="/en/tin-tuc/" aria-current="page">News</a>"#),
        "{en}"
    );

    let vi = read(&out, "tin-tuc/hoi-nghi/index.html");
    assert!(vi.contains(r#"<html lang="vi">"#));
    assert!(vi.contains(r#"<a href="/en/tin-tuc/hoi-nghi/" hreflang="en" lang="en">English</a>"#));
    assert!(vi.contains(r#"<link rel="alternate" hreflang="vi" href="https://stttt.ninhbinh.gov.vn/tin-tuc/hoi-nghi/">"#));
    // A page without a translation has no switch.
    let lone = read(&out, "tin-tuc/tap-huan/index.html");
    assert!(!lone.contains("lang-switch") && !lone.contains("hreflang"));

    // Homes: each lists its own language's latest pages and menu.
    let en_home = read(&out, "en/index.html");
    assert!(en_home.contains("<h1>Ninh Binh Department of Information and Communications</h1>"));
    assert!(en_home.contains("Trang An festival") && !en_home.contains("Tập huấn"));
    assert!(
        en_home.contains(r#"<a href="/en/gioi-thieu/">About us</a>"#),
        "{en_home}"
    );
    assert!(
        read(&out, "index.html").contains(r#"<a href="/en/" hreflang="en" lang="en">English</a>"#)
    );
    // Sections and bundles: the English bundle has its own copy of the photo.
    assert!(read(&out, "en/gioi-thieu/index.html").contains("Functions and duties"));
    assert!(out.join("en/tin-tuc/le-hoi/anh.jpg").is_file());
    // Taxonomies list the default language only.
    assert!(!read(&out, "chu-de/chuyen-doi-so/index.html").contains("Digital"));
}

#[test]
fn a_section_for_an_undeclared_language_is_an_error() {
    let tmp = fixture();
    fs::write(
        tmp.path().join("content/tin-tuc/_index.fr.md"),
        "+++\ntitle = \"Actualités\"\n+++\n",
    )
    .unwrap();
    let report = build(&BuildOptions::new(tmp.path()));
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect();
    assert_eq!(
        errors,
        ["content/tin-tuc/_index.fr.md: error: `_index.fr.md` is a section for the language `fr`, which is not in `languages` of trang.toml"]
    );
}

/// The image of a built page, decoded.
fn decoded(out: &Path, rel: &str) -> DynamicImage {
    image::load_from_memory(&fs::read(out.join(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn has_metadata(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w == b"Exif") || bytes.windows(4).any(|w| w == b"GPS ")
}

#[test]
fn images_are_upright_stripped_responsive_and_cached() {
    let tmp = fixture();
    let t0 = Instant::now();
    let (_, out) = run(tmp.path());
    let first = t0.elapsed();

    // EXIF orientation applied, metadata gone from every published copy.
    let photo = decoded(&out, "tin-tuc/le-hoi/anh.jpg");
    assert_eq!(photo.dimensions(), (1000, 1600));
    for file in files_under(&out) {
        let name = file.to_string_lossy().to_string();
        if name.ends_with(".jpg") || name.ends_with(".png") || name.ends_with(".webp") {
            assert!(
                !has_metadata(&fs::read(&file).unwrap()),
                "{name} still has metadata"
            );
        }
    }
    // Not shown by content: only cleaned, at its path.
    assert_eq!(decoded(&out, "tep/giam-doc.jpg").dimensions(), (300, 400));

    // The page gets srcset, sizes, width and height; the variants exist and are hashed.
    let page = read(&out, "tin-tuc/le-hoi/index.html");
    let img = page
        .split("<img src=\"anh.jpg\"")
        .nth(1)
        .unwrap()
        .split('>')
        .next()
        .unwrap();
    assert!(
        img.contains(r#"width="1000" height="1600" loading="lazy" decoding="async""#),
        "{img}"
    );
    assert!(
        img.contains(r#"sizes="(max-width: 60rem) 100vw, 60rem""#),
        "{img}"
    );
    let srcset = img
        .split("srcset=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let entries: Vec<&str> = srcset.split(", ").collect();
    assert_eq!(entries.len(), 3, "{srcset}");
    assert!(
        entries[0].starts_with("/assets/img/anh-480w.") && entries[0].ends_with(".jpg 480w"),
        "{srcset}"
    );
    assert!(
        entries[1].ends_with(".jpg 960w") && entries[2] == "anh.jpg 1000w",
        "{srcset}"
    );
    let variant = entries[0]
        .split(' ')
        .next()
        .unwrap()
        .trim_start_matches('/');
    assert_eq!(decoded(&out, variant).dimensions(), (480, 768));
    // The drawing: WebP is smaller, so it comes first in a <picture>.
    assert!(
        page.contains(r#"<picture><source type="image/webp" srcset="/assets/img/so-do-480w."#),
        "{page}"
    );
    assert!(page.contains(r#"alt="Sơ đồ""#) && page.contains(r#"width="1200" height="600""#));
    // The English copy of the bundle uses the same variants.
    let en = read(&out, "en/tin-tuc/le-hoi/index.html");
    assert!(en.contains(entries[0]), "{en}");

    // A rebuild with no image changed does no image work.
    let cache = tmp.path().join(trang::images::CACHE_DIR);
    let entries_before = fs::read_dir(&cache).unwrap().count();
    assert_eq!(entries_before, 3, "one cache entry per source image");
    let t1 = Instant::now();
    let (report, _) = run(tmp.path());
    let rebuild = t1.elapsed();
    assert_eq!(report.stats.as_ref().unwrap().written, 0);
    let (site, _) = trang::build::load_site(&BuildOptions::new(tmp.path())).unwrap();
    // The leaders' photos, as the build passes them (the fixture has one leader).
    let check = trang::regulation::load::check_site(
        &site,
        trang::regulation::load::today(),
        trang::regulation::Lang::Vi,
    )
    .unwrap();
    let leader_photos = trang::images::leader_photos(&check.typed);
    assert_eq!(leader_photos.len(), 1, "{leader_photos:?}");
    let (mut content, _) = trang::render::render_markdown(&site);
    let again = trang::images::process(&site, &mut content, &leader_photos);
    assert_eq!(
        (
            again.stats.images,
            again.stats.processed,
            again.stats.cached
        ),
        (3, 0, 3)
    );
    let lap = |r: &BuildReport| {
        r.timings
            .iter()
            .find(|l| l.stage == "images")
            .map(|l| l.time)
            .unwrap()
    };
    eprintln!(
        "image cache: first build {first:?}, unchanged rebuild {rebuild:?} (images stage {:?})",
        lap(&report)
    );

    // A changed image is processed again; the stale entry is removed.
    fs::write(
        tmp.path().join("content/tin-tuc/le-hoi/so-do.png"),
        drawing(800, 400),
    )
    .unwrap();
    let (mut content, _) = trang::render::render_markdown(&site);
    let changed = trang::images::process(&site, &mut content, &leader_photos);
    assert_eq!((changed.stats.processed, changed.stats.cached), (1, 2));
    assert_eq!(fs::read_dir(&cache).unwrap().count(), 3);
}

#[test]
fn a_corrupt_or_unsupported_image_is_an_error_naming_the_file() {
    let tmp = fixture();
    fs::write(
        tmp.path().join("content/tin-tuc/le-hoi/anh.jpg"),
        b"not really a photo",
    )
    .unwrap();
    fs::write(
        tmp.path().join("content/tin-tuc/hong.md"),
        "+++\ntitle = \"Ảnh iPhone\"\ndate = 2025-01-01\n+++\n![Ảnh](/tep/iphone.heic)\n",
    )
    .unwrap();
    fs::write(tmp.path().join("static/tep/iphone.heic"), b"ftypheic").unwrap();
    let report = build(&BuildOptions::new(tmp.path()));
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("content/tin-tuc/hong.md: error: `/tep/iphone.heic` is a .heic image, which browsers cannot show"), "{errors:#?}");
    assert!(
        errors[1].starts_with("content/tin-tuc/le-hoi/anh.jpg: error: cannot process the image:"),
        "{errors:#?}"
    );
}

#[test]
fn server_configuration_and_a_strict_policy_the_pages_respect() {
    let tmp = fixture();
    let (report, out) = run(tmp.path());
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.rule == "hosting.inline-code"));
    let nginx = read(&out, "nginx.conf");
    assert!(nginx.contains("add_header Content-Security-Policy \"default-src 'self';"));
    assert!(nginx.contains(
        "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;"
    ));
    assert!(nginx.contains("error_page 404 /404.html;"));
    let htaccess = read(&out, ".htaccess");
    assert!(htaccess.contains("Header always set X-Content-Type-Options \"nosniff\""));
    assert!(
        htaccess.contains("Header always set Referrer-Policy \"strict-origin-when-cross-origin\"")
    );
    let headers = read(&out, "_headers");
    assert!(headers.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable"));
    assert!(read(&out, "web.config").contains("<error statusCode=\"404\" path=\"/404.html\""));
    for text in [&nginx, &htaccess, &headers] {
        assert!(!text.contains("unsafe-inline"));
    }
    // Every asset under assets/ carries a content hash the cache rules match.
    let re = regex_lite(trang::hosting::HASHED_ASSET_RE);
    for file in files_under(&out.join("assets")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(re(&name), "{name} has no content hash");
    }
    // No page has inline code the policy would block.
    for file in files_under(&out) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(&file).unwrap();
            assert_eq!(
                trang::hosting::find_inline(&html),
                None,
                "{}",
                file.display()
            );
        }
    }
    // Inline code written in Markdown is a warning naming the file.
    fs::write(
        tmp.path().join("content/tin-tuc/mau.md"),
        "+++\ntitle = \"Màu\"\ndate = 2025-01-02\n+++\n<p style=\"color:red\">Đỏ</p>\n",
    )
    .unwrap();
    let (report, _) = run(tmp.path());
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "hosting.inline-code")
        .unwrap();
    assert_eq!(warning.file, "content/tin-tuc/mau.md");
}

/// A matcher for `\.[0-9a-f]{16}\.(ext|…)$`, the one pattern the tests need.
fn regex_lite(re: &str) -> impl Fn(&str) -> bool {
    let exts: Vec<String> = re
        .split('(')
        .nth(1)
        .unwrap()
        .trim_end_matches(")$")
        .split('|')
        .flat_map(|e| match e {
            "jpe?g" => vec!["jpg".to_string(), "jpeg".to_string()],
            "woff2?" => vec!["woff".to_string(), "woff2".to_string()],
            e => vec![e.to_string()],
        })
        .collect();
    move |name: &str| {
        let mut parts = name.rsplit('.');
        let (ext, hash) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        exts.iter().any(|e| e == ext)
            && hash.len() == 16
            && hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    }
}

#[test]
fn starters_build_valid_feeds_sitemap_and_api() {
    for kind in [
        trang::config::UnitType::Department,
        trang::config::UnitType::District,
        trang::config::UnitType::Enterprise,
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        trang::new::create(&root, kind, None).unwrap();
        assert!(fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("/.trang-cache/"));
        let (_, out) = run(&root);
        assert!(validate_api(&out) >= 9, "{kind:?}");
        let site = json(&out, "api/v1/site.json");
        assert_eq!(site["unit"]["type"], kind.as_str());
        for feed in ["rss.xml", "atom.xml", "tin-tuc/rss.xml", "tin-tuc/atom.xml"] {
            assert!(
                !parse_feed(&out, feed).entries.is_empty(),
                "{kind:?} {feed}"
            );
        }
        let base = trang::config::load(&root)
            .map(|c| c.base_url)
            .unwrap_or_default();
        assert!(read(&out, "sitemap.xml").contains(&format!(
            "<loc>{}/gioi-thieu/</loc>",
            base.trim_end_matches('/')
        )));
        assert!(out.join("robots.txt").is_file() && out.join("404.html").is_file());
    }
}

/// The department starter has English pages (organisation, functions, contact: what
/// NĐ 42/2022/NĐ-CP asks in English): every multilingual output works on it.
#[test]
fn the_department_starter_publishes_its_english_pages_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    trang::new::create(&root, trang::config::UnitType::Department, None).unwrap();
    let (_, out) = run(&root);
    let base = trang::config::load(&root).unwrap().base_url;
    let base = base.trim_end_matches('/');

    let en = read(&out, "en/gioi-thieu/chuc-nang-nhiem-vu/index.html");
    assert!(en.contains(r#"<html lang="en""#));
    assert!(en.contains("Functions, duties and powers"));
    // hreflang alternates both ways, and the language switch.
    assert!(en.contains(r#"hreflang="vi""#) && en.contains(r#"hreflang="en""#));
    let vi = read(&out, "gioi-thieu/chuc-nang-nhiem-vu/index.html");
    assert!(vi.contains(r#"hreflang="en""#));
    assert!(vi.contains("/en/gioi-thieu/chuc-nang-nhiem-vu/"));
    assert!(read(&out, "en/lien-he/index.html")
        .contains("Department of Information and Communications"));
    // Per-language sitemap entries and search. The English pages are undated, so there is no
    // English feed (feeds list dated items), and no English page may link to one.
    assert!(!out.join("en/rss.xml").exists());
    assert!(
        !en.contains("/en/rss.xml") && !en.contains("/en/atom.xml"),
        "{en}"
    );
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(&format!(
        "<loc>{base}/en/gioi-thieu/chuc-nang-nhiem-vu/</loc>"
    )));
    assert!(out.join("en/search/meta.json").is_file());
    assert!(read(&out, "en/tim-kiem/index.html").contains(r#"data-trang-index="/en/search/""#));
    assert!(validate_api(&out) >= 9);
}

/// Issue 8: one search index per language. The English pages are searched from
/// `/en/tim-kiem/` in `en/search/`; the Vietnamese index does not hold them.
#[test]
fn each_language_has_its_own_search_index_and_page() {
    let tmp = fixture();
    let (_, out) = run(tmp.path());
    assert!(out.join("search/meta.json").is_file());
    assert!(out.join("en/search/meta.json").is_file());
    let vi_page = fs::read_to_string(out.join("tim-kiem/index.html")).unwrap();
    let en_page = fs::read_to_string(out.join("en/tim-kiem/index.html")).unwrap();
    assert!(
        vi_page.contains(r#"<html lang="vi""#)
            && vi_page.contains(r#"data-trang-index="/search/""#)
    );
    assert!(
        en_page.contains(r#"<html lang="en""#)
            && en_page.contains(r#"data-trang-index="/en/search/""#)
    );
    // English pages' header search form goes to the English search page.
    let en_home = fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(en_home.contains(r#"action="/en/tim-kiem/""#), "{en_home}");

    // The documents each index holds: English paths only in the English one.
    let opts = BuildOptions::new(tmp.path());
    let (site, _) = trang::build::load_site(&opts).unwrap();
    let (content, _) = trang::render::render_markdown(&site);
    let files = std::sync::Mutex::new(Vec::new());
    trang::search::build_index(&site, &content, &site.config.search, &|f| {
        files.lock().unwrap().push(f)
    });
    let files = files.into_inner().unwrap();
    let meta = |prefix: &str| -> String {
        let f = files
            .iter()
            .find(|f| f.path == format!("{prefix}search/meta.json"))
            .unwrap();
        String::from_utf8(f.bytes.clone()).unwrap()
    };
    let (vi, en) = (meta(""), meta("en/"));
    assert!(en.contains("\"/en/"), "{en}");
    assert!(
        !vi.contains("\"/en/"),
        "the Vietnamese index lists English pages: {vi}"
    );
}
