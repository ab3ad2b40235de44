//! The starters of `trang new --kind`: each builds, passes `trang check` with its sample
//! content listed, and its key pages show what the regulation asks for, accessibly.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn trang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trang"))
}

/// `trang new DIR --kind KIND`, then `trang build`; returns (site, output folder).
fn new_site(tmp: &Path, kind: &str) -> (PathBuf, PathBuf) {
    let site = tmp.join(kind);
    let out = trang()
        .arg("new")
        .arg(&site)
        .args(["--kind", kind])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let steps = String::from_utf8_lossy(&out.stderr);
    assert!(
        steps.contains("trang serve --open") && steps.contains("trang check"),
        "{steps}"
    );
    let out = trang()
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = site.join("public");
    (site, public)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Every `<tag …>` opening tag in `html`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let t = &after[..end];
        if t[open.len()..].starts_with([' ', '>', '\n']) {
            found.push(t);
        }
        rest = &after[end..];
    }
    found
}

fn check_passes_with_sample_notes(site: &Path) {
    let out = trang()
        .args(["check", "--format", "json", "--root"])
        .arg(site)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(report["summary"]["warnings"], 0, "{report:#}");
    assert_eq!(report["summary"]["missing"], 0);
    assert_eq!(report["summary"]["stale"], 0, "a new starter is current");
    let samples = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "page.sample-content" && d["severity"] == "note")
        .count();
    assert!(samples >= 20, "sample pages are listed: {samples}");
}

fn assert_accessible_markup(out: &Path, transaction_address: &str) {
    for file in html_files(out) {
        let html = fs::read_to_string(&file).unwrap();
        let name = file.display();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // redirects
        }
        assert!(html.contains("<html lang=\""), "{name}");
        for s in tags(&html, "script") {
            assert!(s.contains(" src="), "{name}: inline script {s}");
        }
        assert!(!html.contains(" style="), "{name}: style attribute");
        assert!(!html.contains("<style"), "{name}: style element");
        for img in tags(&html, "img") {
            assert!(
                img.contains(" alt=\"") && img.contains(" width=\"") && img.contains(" height=\""),
                "{name}: {img}"
            );
            assert!(!img.contains(" alt=\"\""), "{name}: empty alt {img}");
        }
        assert!(
            html.contains(transaction_address),
            "{name}: footer without transaction contacts"
        );
        assert!(
            html.contains("href=\"https://ninhbinh.gov.vn\""),
            "{name}: footer without the provincial portal"
        );
        assert!(
            !html.contains("Phạm Thị Dung") && !html.contains("dung.pham@"),
            "{name}: a question asker's data is published"
        );
    }
}

#[test]
fn department_starter() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, out) = new_site(tmp.path(), "so");
    check_passes_with_sample_notes(&site);
    assert_accessible_markup(&out, "Số 2 đường Lê Hồng Phong");
    let home = read(&out, "index.html");
    assert!(
        home.contains("Tin tức mới")
            && home.contains("Thông báo, chỉ đạo điều hành")
            && home.contains("Truy cập nhanh")
    );
    assert!(
        home.contains("href=\"/dich-vu-cong/\"") && home.contains("href=\"/van-ban/\""),
        "quick links"
    );
    // Org chart: a nested list built from the units' parents.
    let org = read(&out, "gioi-thieu/to-chuc/index.html");
    assert!(org.contains("class=\"org-chart\""));
    let cntt = org
        .find("Phòng Công nghệ thông tin – Chuyển đổi số")
        .unwrap();
    let nested = org[cntt..].find("<ul>").unwrap();
    assert!(org[cntt + nested..]
        .find("Tổ Hạ tầng và An toàn thông tin")
        .is_some());
    // Documents: table and filter form; detail with metadata and downloads with type and size.
    let docs = read(&out, "van-ban/index.html");
    assert!(docs.contains("data-trang-doc-filter") && docs.contains("class=\"doc-table\""));
    assert!(docs.contains("data-year=\"2015\"") && docs.contains("14/2015/QĐ-UBND"));
    let doc = read(&out, "van-ban/qd-14-2015/index.html");
    assert!(doc.contains("class=\"meta-table\"") && doc.contains("Ủy ban nhân dân tỉnh Ninh Bình"));
    assert!(
        doc.contains("qd-14-2015.pdf") && doc.contains("(PDF, "),
        "{doc}"
    );
    // Week schedule.
    let week = read(&out, "lich-cong-tac/tuan-nay/index.html");
    assert!(week.contains("class=\"week-table\"") && week.contains("Giao ban lãnh đạo Sở"));
    // Services grouped by sector with their level.
    let services = read(&out, "dich-vu-cong/index.html");
    assert!(
        services.contains("<h2 id=\"linh-vuc-1\">")
            && services.contains("Toàn trình")
            && services.contains("Mức độ 3")
    );
    // Projects grouped by status.
    let projects = read(&out, "du-an/index.html");
    assert!(
        projects.contains("Đang triển khai")
            && projects.contains("Đã hoàn thành")
            && projects.contains("Đang chuẩn bị")
    );
    // Consultations: open and closed, deadline, how to comment.
    let cons = read(&out, "lay-y-kien/index.html");
    assert!(cons.contains("Đang lấy ý kiến") && cons.contains("Đã hết hạn góp ý"));
    let draft = read(&out, "lay-y-kien/du-thao-quy-che-an-toan/index.html");
    assert!(draft.contains("Cách gửi ý kiến") && draft.contains("mailto:gopy@stttt.mau.gov.vn"));
    // Q&A: status and lookup by tracking code; no personal data of askers.
    let qa = read(&out, "hoi-dap/index.html");
    assert!(
        qa.contains("data-trang-qa-lookup")
            && qa.contains("data-code=\"HD-0042\"")
            && qa.contains("Đã trả lời")
            && qa.contains("Đang xử lý")
    );
    // Leaders with photos (thumbnails: `leader_photos_get_build_time_thumbnails`).
    let leaders = read(&out, "gioi-thieu/lanh-dao/index.html");
    assert!(
        leaders.contains("alt=\"Ảnh chân dung Nguyễn Văn Bình\" width=\"120\" height=\"160\""),
        "{leaders}"
    );
}

#[test]
fn district_starter() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, out) = new_site(tmp.path(), "huyen");
    check_passes_with_sample_notes(&site);
    assert_accessible_markup(&out, "Số 1 đường Trần Hưng Đạo");
    let org = read(&out, "gioi-thieu/bo-may/index.html");
    assert!(
        org.contains("class=\"org-chart\"") && org.contains("Bộ phận Tiếp nhận và trả kết quả")
    );
    assert!(read(&out, "gioi-thieu/ban-do-hanh-chinh/index.html")
        .contains("alt=\"Bản đồ địa giới hành chính"));
    assert!(read(&out, "dich-vu-cong/index.html").contains("Hộ tịch"));
    assert!(read(&out, "van-ban/index.html").contains("data-trang-doc-filter"));
    assert!(read(&out, "lich-cong-tac/tuan-nay/index.html").contains("class=\"week-table\""));
}

#[test]
fn enterprise_starter() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, out) = new_site(tmp.path(), "doanh-nghiep");
    check_passes_with_sample_notes(&site);
    assert_accessible_markup(&out, "Khu công nghiệp Gián Khẩu");
    assert!(read(&out, "gioi-thieu/to-chuc/index.html").contains("class=\"org-chart\""));
    let product = read(&out, "san-pham/gach-khong-nung/index.html");
    assert!(product.contains("Sản xuất vật liệu xây dựng"));
    assert!(read(&out, "hoi-dap/index.html").contains("data-trang-qa-lookup"));
    assert!(
        !out.join("van-ban").exists(),
        "enterprises are not asked for legal documents"
    );
}

/// The value of attribute `name` in an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!(" {name}=\"");
    let start = tag.find(&pat)? + pat.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The `<img>` of `html` whose alt text is `alt`.
fn img_with_alt<'a>(html: &'a str, alt: &str) -> &'a str {
    tags(html, "img")
        .into_iter()
        .find(|t| attr(t, "alt") == Some(alt))
        .unwrap_or_else(|| panic!("no <img alt=\"{alt}\"> in {html}"))
}

/// Decodes a published image by its URL and returns its size.
fn pixel_size(out: &Path, url: &str) -> (u32, u32) {
    let bytes =
        fs::read(out.join(url.trim_start_matches('/'))).unwrap_or_else(|e| panic!("{url}: {e}"));
    let img = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{url}: {e}"));
    (img.width(), img.height())
}

/// Checks an `<img>` against its files: `src` is a `WxH` portrait thumbnail whose pixels
/// match `width`/`height`, and `srcset` offers it at 1x and the twice-as-large one at 2x.
/// Returns the two URLs.
fn assert_thumbnail(out: &Path, img: &str, (w, h): (u32, u32)) -> (String, String) {
    let src = attr(img, "src").unwrap();
    assert!(
        src.starts_with(&format!("/assets/img/anh-{w}x{h}.")),
        "{img}"
    );
    assert_eq!(pixel_size(out, src), (w, h), "{img}");
    assert_eq!(attr(img, "width"), Some(w.to_string().as_str()), "{img}");
    assert_eq!(attr(img, "height"), Some(h.to_string().as_str()), "{img}");
    let srcset = attr(img, "srcset").unwrap_or_else(|| panic!("no srcset: {img}"));
    let (one, two) = srcset.split_once(", ").unwrap();
    assert_eq!(one, format!("{src} 1x"));
    let double = two.strip_suffix(" 2x").unwrap();
    assert!(
        double.starts_with(&format!("/assets/img/anh-{}x{}.", 2 * w, 2 * h)),
        "{srcset}"
    );
    assert_eq!(pixel_size(out, double), (2 * w, 2 * h));
    (src.to_string(), double.to_string())
}

#[test]
fn leader_photos_get_build_time_thumbnails() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, out) = new_site(tmp.path(), "so");
    // The list shows 120×160 thumbnails (240×320 for 2x screens), the detail page 240×320
    // (480×640), cropped from the 480×640 photo, never the original.
    let list = read(&out, "gioi-thieu/lanh-dao/index.html");
    let img = img_with_alt(&list, "Ảnh chân dung Nguyễn Văn Bình");
    let (small, small_2x) = assert_thumbnail(&out, img, (120, 160));
    assert!(img.contains(" loading=\"lazy\""), "{img}");
    let other = img_with_alt(&list, "Ảnh chân dung Lê Thị Hoa");
    let (other_small, _) = assert_thumbnail(&out, other, (120, 160));
    assert_ne!(small, other_small, "each photo has its own thumbnail");
    let detail = read(&out, "gioi-thieu/lanh-dao/giam-doc/index.html");
    let img = img_with_alt(&detail, "Ảnh chân dung Nguyễn Văn Bình");
    let (medium, _) = assert_thumbnail(&out, img, (240, 320));
    assert_eq!(
        medium, small_2x,
        "the list's 2x copy is the detail page's 1x"
    );
    assert!(!list.contains("lanh-dao/giam-doc/anh.png\""));

    // Same input, byte-identical thumbnails (their names hash their bytes) in a fresh site.
    let again = tempfile::tempdir().unwrap();
    let (_, out2) = new_site(again.path(), "so");
    let list2 = read(&out2, "gioi-thieu/lanh-dao/index.html");
    let img2 = img_with_alt(&list2, "Ảnh chân dung Nguyễn Văn Bình");
    assert_eq!(
        attr(img2, "srcset"),
        attr(
            img_with_alt(&list, "Ảnh chân dung Nguyễn Văn Bình"),
            "srcset"
        )
    );
    for url in [&small, &small_2x] {
        let rel = url.trim_start_matches('/');
        assert_eq!(
            fs::read(out.join(rel)).unwrap(),
            fs::read(out2.join(rel)).unwrap()
        );
    }

    // A rebuild with nothing changed writes nothing (the image cache is reused).
    let build = |site: &Path| {
        let r = trang()
            .args(["build", "--root"])
            .arg(site)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        String::from_utf8_lossy(&r.stdout).to_string() + &String::from_utf8_lossy(&r.stderr)
    };
    let log = build(&site);
    assert!(log.contains("(0 files written,"), "{log}");

    // A new, landscape photo: new thumbnails cropped from its centre, the old ones gone.
    let photo = site.join("content/gioi-thieu/lanh-dao/giam-doc/anh.png");
    let wide = image::RgbImage::from_fn(1200, 600, |x, _| {
        if (450..750).contains(&x) {
            image::Rgb([200, 40, 40])
        } else {
            image::Rgb([20, 20, 20])
        }
    });
    wide.save_with_format(&photo, image::ImageFormat::Png)
        .unwrap();
    let log = build(&site);
    assert!(!log.contains("(0 files written,"), "{log}");
    let list = read(&out, "gioi-thieu/lanh-dao/index.html");
    let img = img_with_alt(&list, "Ảnh chân dung Nguyễn Văn Bình");
    let (new_small, _) = assert_thumbnail(&out, img, (120, 160));
    assert_ne!(new_small, small);
    assert!(
        !out.join(small.trim_start_matches('/')).exists(),
        "stale thumbnail removed"
    );
    // The crop is the photo's centre, 450 pixels wide: the red band (x 450..750) fills
    // its middle (thumbnail x 20..100), dark on both sides.
    let bytes = fs::read(out.join(new_small.trim_start_matches('/'))).unwrap();
    let thumb = image::load_from_memory(&bytes).unwrap().to_rgb8();
    for x in [30, 60, 90] {
        let p = thumb.get_pixel(x, 80);
        assert!(p[0] > 150 && p[1] < 90, "pixel {x}: {p:?}");
    }
    for x in [5, 114] {
        let p = thumb.get_pixel(x, 80);
        assert!(p[0] < 60, "pixel {x}: {p:?}");
    }
}

#[test]
fn new_page_scaffolds_the_fields_of_the_section_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, _) = new_site(tmp.path(), "so");
    let out = trang()
        .args(["new", "page", "van-ban/qd-moi", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = read(&site, "content/van-ban/qd-moi.md");
    for key in [
        "so_ky_hieu = ",
        "co_quan_ban_hanh = ",
        "trich_yeu = ",
        "tep = ",
        "mau = true",
        "# Số, ký hiệu",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
    // A second time is refused; an unknown section too.
    let again = trang()
        .args(["new", "page", "van-ban/qd-moi", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let none = trang()
        .args(["new", "page", "khong-co/a", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
}
