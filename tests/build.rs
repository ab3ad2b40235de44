//! Integration tests of `trang build`: fixture sites in, HTML and exact diagnostics out.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use trang::build::{build, BuildOptions, BuildReport};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site-basic");

/// Copies a fixture into a fresh temporary folder so tests can change it.
fn copy_fixture(src: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(src, tmp.path());
    tmp
}

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A minimal valid site with the given extra files.
fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "trang.toml",
        b"title = \"S\xe1\xbb\x9f A\"\nbase_url = \"https://a.gov.vn\"\n",
    );
    for (path, bytes) in files {
        write(tmp.path(), path, bytes);
    }
    tmp
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

fn run(root: &Path) -> (BuildReport, PathBuf) {
    let opts = BuildOptions::new(root);
    let out = opts.output_dir();
    (build(&opts), out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The diagnostics as the CLI prints them (first line of each). Missing or stale regulation
/// requirements (warnings that depend on the fixture's completeness and today's date) are
/// left out; tests/check.rs asserts them.
fn messages(report: &BuildReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| !d.rule.starts_with("regulation."))
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect()
}

fn errors(report: &BuildReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect()
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn basic_site_renders_pages_sections_taxonomies_and_assets() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors(), "{:?}", messages(&report));
    assert_eq!(
        messages(&report),
        ["content/tin-tuc/cu.md: note: taxonomy `the` is not declared in trang.toml; it was created"]
    );

    let page = read(&out, "tin-tuc/hoi-nghi/index.html");
    // The date comes from the Zola-style file name prefix.
    assert!(page.contains(r#"<time datetime="2024-03-05">ngày 05 tháng 3 năm 2024</time>"#));
    assert!(page.contains(r#"<h2 id="noi-dung-hoi-nghi">Nội dung hội nghị</h2>"#));
    assert!(page.contains(r#"<h2 id="noi-dung-hoi-nghi-1">"#));
    assert!(page.contains(r#"href="/van-ban/quyet-dinh-14-2015-qd-ubnd/#dieu-7""#));
    assert!(
        page.contains("<table>") && page.contains("<del>cũ</del>") && page.contains("checkbox")
    );
    assert!(page.contains(r#"<a href="/chu-de/chuyen-doi-so/">Chuyển đổi số</a>"#));
    assert!(page.contains(r#"<html lang="vi">"#));
    assert!(page.contains("<title>Hội nghị chuyển đổi số năm 2024 | Sở Thông tin và Truyền thông tỉnh Ninh Bình</title>"));

    // Page bundle: its image is copied next to it; date-times and authors.
    let bundle = read(&out, "tin-tuc/le-hoi-trang-an/index.html");
    assert!(bundle.contains(r#"<img src="anh.png" alt="Ảnh lễ hội""#));
    assert!(bundle.contains("ngày 01 tháng 02 năm 2025"));
    assert!(bundle.contains("Nguyễn Văn An"));
    assert!(out.join("tin-tuc/le-hoi-trang-an/anh.png").is_file());
    assert_eq!(read(&out, "files/huong-dan.txt"), "Tệp đính kèm\n");

    // Drafts are left out.
    assert!(!out.join("tin-tuc/ban-nhap").exists());
    // Slugs from front matter are folded.
    assert!(out
        .join("van-ban/quyet-dinh-14-2015-qd-ubnd/index.html")
        .is_file());
    // Aliases redirect.
    let alias = read(&out, "tin-cu/thong-bao.html");
    assert!(alias.contains(r#"<meta http-equiv="refresh" content="0; url=/tin-tuc/cu/">"#));
    // The site's own 404 template overrides the default theme's.
    assert!(read(&out, "404.html").contains("Không có trang này (mẫu riêng)"));
    // Hashed stylesheet.
    let index = read(&out, "index.html");
    let css = index
        .split("href=\"/assets/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(out.join("assets").join(css).is_file(), "{css}");
}

#[test]
fn lists_sort_in_vietnamese_dictionary_order_and_paginate() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors());
    // paginate_by = 2 over five pages sorted by title (Vietlex order).
    let titles = |rel: &str| -> Vec<String> {
        read(&out, rel)
            .split("<li>\n<a href=\"/gioi-thieu/")
            .skip(1)
            .map(|s| {
                s.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        titles("gioi-thieu/index.html"),
        ["An toàn thông tin", "Ánh sáng"]
    );
    assert_eq!(
        titles("gioi-thieu/trang/2/index.html"),
        ["Bản đồ hành chính", "Đường dây nóng"]
    );
    assert_eq!(titles("gioi-thieu/trang/3/index.html"), ["Ủy ban nhân dân"]);
    let first = read(&out, "gioi-thieu/index.html");
    assert!(first.contains(r#"<a rel="next" href="/gioi-thieu/trang/2/">"#));
    assert!(first.contains("Trang 1 trên 3"));
    // News newest first: 2025, 2024, then 2015 on page 2.
    let news = read(&out, "tin-tuc/index.html");
    let a = news.find("Lễ hội Tràng An").unwrap();
    let b = news.find("Hội nghị chuyển đổi số").unwrap();
    assert!(a < b);
    assert!(read(&out, "tin-tuc/trang/2/index.html").contains("Thông báo cũ"));
}

#[test]
fn drafts_flag_includes_drafts() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let mut opts = BuildOptions::new(tmp.path());
    opts.drafts = true;
    let report = build(&opts);
    assert!(!report.has_errors());
    assert!(opts
        .output_dir()
        .join("tin-tuc/ban-nhap/index.html")
        .is_file());
}

#[test]
fn nfd_and_mixed_input_gives_nfc_output_everywhere() {
    use unicode_normalization::UnicodeNormalization;
    let nfd = |s: &str| s.nfd().collect::<String>();
    let tmp = site(&[
        (
            &nfd("content/tin-tức/_index.md"),
            nfd("+++\ntitle = \"Tin tức\"\n+++\nỦy ban nhân dân tỉnh Ninh Bình\n").as_bytes(),
        ),
        (
            &nfd("content/tin-tức/Thông báo.md"),
            nfd("+++\ntitle = \"Thông báo về việc hòa giải\"\ndate = 2024-01-02\n+++\n## Điều khoản\n\nNgười dân, đường dây nóng.\n").as_bytes(),
        ),
    ]);
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors(), "{:?}", messages(&report));
    let page = read(&out, "tin-tuc/thong-bao/index.html");
    assert!(page.contains("Thông báo về việc hòa giải"));
    assert!(page.contains(r#"<h2 id="dieu-khoan">Điều khoản</h2>"#));
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        assert!(unicode_normalization::is_nfc(&text), "{path} is not NFC");
        assert!(
            unicode_normalization::is_nfc(&path),
            "path {path} is not NFC"
        );
    }
}

#[test]
fn same_input_gives_byte_identical_output() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let mut a = BuildOptions::new(tmp.path());
    a.output = Some(tmp.path().join("out-a"));
    let mut b = BuildOptions::new(tmp.path());
    b.output = Some(tmp.path().join("out-b"));
    assert!(!build(&a).has_errors());
    assert!(!build(&b).has_errors());
    let (sa, sb) = (
        snapshot(&tmp.path().join("out-a")),
        snapshot(&tmp.path().join("out-b")),
    );
    assert!(sa.len() > 20);
    assert_eq!(sa, sb);
}

#[test]
fn rebuild_without_changes_writes_nothing_and_a_change_writes_only_it() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let (first, _) = run(tmp.path());
    let total = first.stats.unwrap().written;
    let (again, _) = run(tmp.path());
    let s = again.stats.unwrap();
    assert_eq!((s.written, s.unchanged, s.removed), (0, total, 0));
    // Search index files change with any text; the rest must be exactly what changed.
    let pages = |paths: &[String]| -> Vec<String> {
        paths
            .iter()
            .filter(|p| p.ends_with(".html"))
            .cloned()
            .collect()
    };

    // Changing one page body rewrites that page and the one list page that shows its
    // description (page 3 of its section), nothing else.
    let p = tmp.path().join("content/gioi-thieu/uy-ban.md");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("Nội dung.", "Nội dung mới.");
    fs::write(&p, text).unwrap();
    let (third, out) = run(tmp.path());
    let s = third.stats.unwrap();
    assert_eq!(
        pages(&s.written_paths),
        [
            "gioi-thieu/trang/3/index.html",
            "gioi-thieu/uy-ban/index.html"
        ]
    );
    assert!(pages(&s.removed_paths).is_empty(), "{s:?}");
    assert!(read(&out, "gioi-thieu/uy-ban/index.html").contains("Nội dung mới."));
    assert!(read(&out, "gioi-thieu/trang/3/index.html").contains("Nội dung mới."));

    // Removing a page removes its output.
    fs::remove_file(tmp.path().join("content/tin-tuc/cu.md")).unwrap();
    let (fourth, out) = run(tmp.path());
    let s = fourth.stats.unwrap();
    assert!(pages(&s.removed_paths).contains(&"tin-tuc/cu/index.html".to_string()));
    assert!(pages(&s.removed_paths).contains(&"tin-cu/thong-bao.html".to_string()));
    assert!(!out.join("tin-tuc/cu").exists());
    assert!(!out.join("tin-cu/thong-bao.html").exists());
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors());
    let before = snapshot(&out);
    write(
        tmp.path(),
        "content/tin-tuc/hong.md",
        b"+++\ntitle = 1\n+++\n",
    );
    write(
        tmp.path(),
        "content/gioi-thieu/uy-ban.md",
        "+++\ntitle = \"Ủy ban nhân dân (đã sửa)\"\n+++\nMới.\n".as_bytes(),
    );
    let (report, _) = run(tmp.path());
    assert!(report.has_errors());
    assert_eq!(snapshot(&out), before);
    let parent = out.parent().unwrap();
    let leftovers: Vec<_> = fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains("trang-staging") || name.contains("trang-backup")
        })
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn url_conflicts_name_both_files() {
    let tmp = site(&[
        ("content/a/_index.md", b"+++\ntitle = \"A\"\n+++\n"),
        (
            "content/a/thong-bao.md",
            "+++\ntitle = \"Thông báo\"\n+++\n".as_bytes(),
        ),
        (
            "content/a/khac.md",
            "+++\ntitle = \"Khác\"\nslug = \"Thông báo\"\n+++\n".as_bytes(),
        ),
    ]);
    let (report, _) = run(tmp.path());
    assert_eq!(
        errors(&report),
        ["content/a/thong-bao.md: error: this page and content/a/khac.md would both be written to /a/thong-bao/"]
    );
}

#[test]
fn broken_internal_link_is_located_on_the_file_line() {
    let tmp = site(&[(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\n\nĐoạn một.\n\nXem [văn bản](@/van-ban/khong-co.md) nhé.\n"
            .as_bytes(),
    )]);
    let (report, _) = run(tmp.path());
    assert_eq!(
        errors(&report),
        ["content/a.md:7:5: error: the link `@/van-ban/khong-co.md` points to content/van-ban/khong-co.md, which does not exist"]
    );
    let help = report.diagnostics[0].help.as_deref().unwrap();
    assert!(help.contains("relative to content/"), "{help}");
}

#[test]
fn all_problems_are_reported_in_one_run_with_exact_messages() {
    let big_page = {
        let mut s = String::from("+++\ntitle = \"Trang lớn\"\n+++\n");
        let para = "Ủy ban nhân dân tỉnh Ninh Bình ban hành quy chế hoạt động của trang thông tin điện tử nội bộ. ";
        while s.len() < 20 * 1024 * 1024 {
            s.push_str(para);
            s.push_str("\n\n");
        }
        s
    };
    let tmp = site(&[
        (
            "content/bad-utf8.md",
            b"+++\ntitle = \"Th\xF4ng b\xE1o\"\n+++\n",
        ),
        (
            "content/bom.md",
            "\u{feff}+++\ntitle = \"Có BOM\"\n+++\nNội dung.\n".as_bytes(),
        ),
        (
            "content/crlf.md",
            "+++\r\ntitle = \"CRLF\"\r\n+++\r\nDòng một.\r\n".as_bytes(),
        ),
        ("content/nul.md", b"+++\ntitle = \"x\"\n+++\nab\0c\n"),
        ("content/empty.md", b""),
        ("content/unclosed.md", b"+++\ntitle = \"x\"\n\nBody\n"),
        (
            "content/type.md",
            b"+++\ntitle = \"x\"\ndraft = \"yes\"\n+++\n",
        ),
        (
            "content/unknown.md",
            b"+++\ntitle = \"x\"\ntieude = \"y\"\n+++\n",
        ),
        (
            "content/date.md",
            b"+++\ntitle = \"x\"\ndate = \"31/12/2024\"\n+++\n",
        ),
        (
            "content/escape.md",
            b"+++\ntitle = \"x\"\npath = \"../../etc\"\n+++\n",
        ),
        (
            "content/escape-slug.md",
            b"+++\ntitle = \"x\"\nslug = \"../../\"\n+++\n",
        ),
        (
            "content/alias.md",
            b"+++\ntitle = \"x\"\naliases = [\"/ok/\", \"/../../x\"]\n+++\n",
        ),
        ("content/big.md", big_page.as_bytes()),
        ("content/yaml.md", b"---\ntitle: x\n---\n"),
    ]);
    let (report, out) = run(tmp.path());
    let errs = errors(&report);
    assert_eq!(
        errs,
        [
            "content/alias.md:3:1: error: `aliases` \"/../../x\" is not allowed: `..` segments would leave the site's output folder",
            "content/bad-utf8.md:2:12: error: encoded as Windows-1258 (not UTF-8, confidence 96%); run `trang fix content/bad-utf8.md` (Điều 6 khoản 6)",
            "content/date.md:3:1: error: `date` is not a valid date: \"31/12/2024\"",
            "content/empty.md:1:1: error: the file does not start with TOML front matter: the file is empty",
            "content/escape-slug.md:3:1: error: `slug` \"../../\" has no letter or digit to make a URL from",
            "content/escape.md:3:1: error: `path` \"../../etc\" is not allowed: `..` segments would leave the site's output folder",
            "content/nul.md:4:3: error: the file contains a NUL byte, which text never has",
            "content/type.md:3:9: error: invalid type: string \"yes\", expected a boolean",
            "content/unclosed.md:1:1: error: the front matter opened by `+++` on line 1 is never closed",
            "content/unknown.md:3:1: error: unknown front matter key `tieude`, expected one of `title`, `description`, `date`, `updated`, `draft`, `slug`, `path`, `weight`, `template`, `aliases`, `taxonomies`, `authors`, `in_search_index`, `extra`",
            "content/yaml.md:1:1: error: the file does not start with TOML front matter: it starts with `---` (YAML front matter), which trang does not read",
        ]
    );
    // BOM, CRLF and the 20 MB page are fine; nothing was written.
    assert!(!out.exists());
    let ok = site(&[
        (
            "content/bom.md",
            "\u{feff}+++\ntitle = \"Có BOM\"\n+++\nNội dung.\n".as_bytes(),
        ),
        (
            "content/crlf.md",
            "+++\r\ntitle = \"CRLF\"\r\n+++\r\nDòng một.\r\n".as_bytes(),
        ),
        ("content/big.md", big_page.as_bytes()),
    ]);
    let (report, out) = run(ok.path());
    assert!(!report.has_errors(), "{:?}", messages(&report));
    assert!(read(&out, "bom/index.html").contains("<h1>Có BOM</h1>"));
    assert!(read(&out, "crlf/index.html").contains("<p>Dòng một.</p>"));
    assert!(fs::metadata(out.join("big/index.html")).unwrap().len() > 20_000_000);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_not_a_hang() {
    let tmp = site(&[("content/a/x.md", b"+++\ntitle = \"x\"\n+++\n")]);
    std::os::unix::fs::symlink(
        tmp.path().join("content"),
        tmp.path().join("content/a/loop"),
    )
    .unwrap();
    let (report, _) = run(tmp.path());
    assert_eq!(
        errors(&report),
        ["content/a/loop: error: symbolic link loop: this link points back to one of its own parent folders"]
    );
}

#[test]
fn config_errors_are_located() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "trang.toml",
        b"title = \"x\"\nbase_url = \"/\"\nunit_type = \"ministry\"\n",
    );
    let (report, _) = run(tmp.path());
    let e = &errors(&report)[0];
    assert!(
        e.starts_with("trang.toml:3:13: error: unknown variant `ministry`, expected one of"),
        "{e}"
    );

    let empty = tempfile::tempdir().unwrap();
    let (report, _) = run(empty.path());
    assert!(errors(&report)[0].starts_with("trang.toml: error: cannot read trang.toml"));
}

#[test]
fn template_errors_name_the_template_file() {
    let tmp = site(&[
        ("content/a.md", b"+++\ntitle = \"x\"\n+++\n"),
        ("templates/page.html", b"{% extends \"base.html\" %}\n{% block content %}{{ page.nope.deeper }}{% endblock content %}\n"),
    ]);
    let (report, _) = run(tmp.path());
    let e = &errors(&report)[0];
    assert!(
        e.starts_with("templates/page.html: error: Failed to render 'page.html'"),
        "{e}"
    );
    assert!(e.contains("(while rendering content/a.md)"), "{e}");

    let tmp = site(&[
        ("content/a.md", b"+++\ntitle = \"x\"\n+++\n"),
        ("templates/page.html", b"<p>\n{% if %}\n"),
    ]);
    let (report, _) = run(tmp.path());
    let e = &errors(&report)[0];
    assert!(e.starts_with("templates/page.html:2:"), "{e}");

    let tmp = site(&[(
        "content/a.md",
        b"+++\ntitle = \"x\"\ntemplate = \"khong-co.html\"\n+++\n",
    )]);
    let (report, _) = run(tmp.path());
    assert_eq!(
        errors(&report),
        ["content/a.md: error: template `khong-co.html` does not exist"]
    );
}

#[test]
fn theme_templates_sit_between_site_and_default() {
    let tmp = site(&[
        ("content/a.md", b"+++\ntitle = \"x\"\n+++\n"),
        ("themes/xanh/templates/page.html", b"THEME {{ page.title }}"),
        ("themes/xanh/templates/404.html", b"THEME 404"),
        ("templates/404.html", b"SITE 404"),
    ]);
    let cfg = tmp.path().join("trang.toml");
    let mut text = fs::read_to_string(&cfg).unwrap();
    text.push_str("theme = \"xanh\"\n");
    fs::write(&cfg, text).unwrap();
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors(), "{:?}", messages(&report));
    assert_eq!(read(&out, "a/index.html"), "THEME x");
    assert_eq!(read(&out, "404.html"), "SITE 404");
}

#[test]
fn zola_content_builds_unchanged() {
    // Front matter keys Zola sites use, undeclared taxonomies and date-prefixed names.
    let tmp = site(&[
        (
            "content/blog/_index.md",
            b"+++\ntitle = \"Blog\"\nsort_by = \"date\"\npaginate_by = 5\ninsert_anchor_links = \"right\"\ntemplate = \"section.html\"\npage_template = \"page.html\"\ngenerate_feed = true\n[extra]\nx = 1\n+++\n",
        ),
        (
            "content/blog/2023-05-01-hello.md",
            b"+++\ntitle = \"Hello\"\ndescription = \"d\"\nupdated = 2023-05-02\nweight = 3\nin_search_index = true\n[taxonomies]\ntags = [\"rust\", \"Rust\"]\ncategories = [\"news\"]\n[extra]\nimage = \"a.png\"\n+++\nHi, see [x](@/blog/_index.md).\n",
        ),
    ]);
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors(), "{:?}", messages(&report));
    assert_eq!(
        messages(&report),
        [
            "content/blog/2023-05-01-hello.md: note: taxonomy `categories` is not declared in trang.toml; it was created",
            "content/blog/2023-05-01-hello.md: note: taxonomy `tags` is not declared in trang.toml; it was created",
        ]
    );
    assert!(read(&out, "blog/hello/index.html").contains("ngày 01 tháng 5 năm 2023"));
    assert!(read(&out, "blog/hello/index.html").contains(r#"href="/blog/""#));
    // "rust" and "Rust" are one term.
    assert!(read(&out, "tags/index.html").contains("(1 bài)"));
    assert!(out.join("categories/news/index.html").is_file());
}

#[test]
fn base_url_with_a_path_prefixes_links() {
    let tmp = copy_fixture(Path::new(FIXTURE));
    let mut opts = BuildOptions::new(tmp.path());
    opts.base_url = Some("https://example.gov.vn/stttt/".into());
    assert!(!build(&opts).has_errors());
    let page = read(&opts.output_dir(), "tin-tuc/hoi-nghi/index.html");
    assert!(page.contains(r#"href="/stttt/van-ban/quyet-dinh-14-2015-qd-ubnd/#dieu-7""#));
    assert!(page.contains(r#"href="/stttt/assets/trang."#));
}

fn trang() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trang"))
}

#[test]
fn cli_build_exit_codes_and_messages() {
    let tmp = site(&[("content/a.md", b"+++\ntitle = \"x\"\n+++\n[y](@/z.md)\n")]);
    let out = trang()
        .args(["build", "--root"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/a.md:4:1: error: the link `@/z.md`"),
        "{stderr}"
    );
    assert!(stderr.contains("  = help: "), "{stderr}");
    assert!(stderr.contains("Build failed: 1 error(s); the output folder was not changed."));

    fs::write(
        tmp.path().join("content/a.md"),
        "+++\ntitle = \"x\"\n+++\nxin chào\n",
    )
    .unwrap();
    let dest = tmp.path().join("ra");
    let out = trang()
        .args(["build", "--verbose", "--root"])
        .arg(tmp.path())
        .arg("--output")
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Built 1 pages in 1 sections"), "{stderr}");
    assert!(
        stderr.contains("markdown"),
        "timings with --verbose: {stderr}"
    );
    assert!(dest.join("a/index.html").is_file());
}

#[test]
fn cli_new_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("huyen-moi");
    let out = trang()
        .arg("new")
        .arg(&dir)
        .args(["--kind", "huyen"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read_to_string(dir.join("trang.toml"))
        .unwrap()
        .contains("unit_type = \"district\""));
    let out = trang()
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir
        .join("public/tin-tuc/tap-huan-an-toan-thong-tin/index.html")
        .is_file());
    // A second `new` into a non-empty folder is refused.
    let out = trang().arg("new").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists and is not empty"));
}

#[test]
fn cli_help_explains_every_flag() {
    let out = trang().args(["build", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in ["--root", "--output", "--base-url", "--drafts", "--verbose"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    let out = trang().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("build") && help.contains("new"));
}

/// Issue 6: garbled legacy text fails the build with the fix to run; text not in NFC and
/// mixed tone placement are warnings (the output is NFC either way).
#[test]
fn text_problems_are_found_on_every_build() {
    let mixed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/vi/samples/quyche.mixed.utf8.txt"
    ))
    .unwrap();
    let mut page = b"+++\ntitle = \"Quy ch\xe1\xba\xbf\"\n+++\n".to_vec();
    page.extend_from_slice(&mixed);
    let tmp = site(&[
        ("content/tron.md", &page),
        (
            "content/hong.md",
            "+++\ntitle = \"Tin\"\n+++\nTh«ng tin ®iÖn tö cña Uû ban.\n".as_bytes(),
        ),
    ]);
    let (report, out) = run(tmp.path());
    let rules = |file: &str| -> Vec<&str> {
        let mut r: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.file == file)
            .map(|d| d.rule)
            .collect();
        r.dedup();
        r
    };
    assert_eq!(rules("content/hong.md"), ["encoding.mojibake"]);
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.file == "content/hong.md")
        .unwrap();
    assert_eq!(e.line, 4);
    assert!(e
        .help
        .as_deref()
        .unwrap()
        .contains("trang fix content/hong.md"));
    let tron = rules("content/tron.md");
    assert!(
        tron.contains(&"text.not-nfc") || tron.iter().any(|r| r.contains("nfc")),
        "{tron:?}"
    );
    assert!(tron.iter().any(|r| r.contains("tone")), "{tron:?}");
    assert!(report.has_errors());
    assert!(!out.exists());
}

#[test]
fn each_template_sees_only_its_own_values_and_the_shared_ones() {
    // Pages, sections and terms are rendered in parallel on threads that reuse one base
    // context each: a value of one rendering (a section's `paginator`, a page's `page`)
    // must never reach the next.
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "templates/page.html".into(),
            b"PAGE {{ __tera_context | safe }}".to_vec(),
        ),
        (
            "templates/section.html".into(),
            b"SECTION {{ __tera_context | safe }}".to_vec(),
        ),
    ];
    for s in 0..4 {
        files.push((
            format!("content/muc-{s}/_index.md"),
            format!("+++\ntitle = \"Mục {s}\"\npaginate_by = 2\n+++\n").into_bytes(),
        ));
        for p in 0..6 {
            files.push((
                format!("content/muc-{s}/bai-{p}.md"),
                format!(
                    "+++\ntitle = \"Bài {p}\"\ndate = 2026-01-0{}\n[taxonomies]\ntags = [\"thẻ {p}\"]\n+++\nNội dung.\n",
                    p + 1
                )
                .into_bytes(),
            ));
        }
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let tmp = site(&refs);
    let (report, out) = run(tmp.path());
    assert!(!report.has_errors(), "{:?}", errors(&report));
    let keys = |rel: &str, prefix: &str| -> Vec<String> {
        let html = read(&out, rel);
        let json = html
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{rel}: {html}"));
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let page_keys = keys("muc-0/bai-0/index.html", "PAGE ");
    let section_keys = keys("muc-0/index.html", "SECTION ");
    assert!(page_keys.contains(&"page".to_string()) && page_keys.contains(&"t".to_string()));
    assert!(
        !page_keys.contains(&"paginator".to_string()),
        "{page_keys:?}"
    );
    assert!(section_keys.contains(&"paginator".to_string()));
    assert!(
        !section_keys.contains(&"page".to_string()),
        "{section_keys:?}"
    );
    for s in 0..4 {
        assert_eq!(
            keys(&format!("muc-{s}/index.html"), "SECTION "),
            section_keys
        );
        assert_eq!(
            keys(&format!("muc-{s}/trang/2/index.html"), "SECTION "),
            section_keys
        );
        for p in 0..6 {
            let rel = format!("muc-{s}/bai-{p}/index.html");
            assert_eq!(keys(&rel, "PAGE "), page_keys, "{rel}");
        }
    }
}
