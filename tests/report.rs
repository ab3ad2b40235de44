//! `trang report` on fixture repositories with a scripted git history (see
//! `git_fixture::department_site` for the table of commits): exact numbers of the yearly
//! report, the summary and the royalty list, with git and without.

mod git_fixture;

use git_fixture::{department_site, district_site, git_available};
use std::path::{Path, PathBuf};
use std::process::Command;
use trang::regulation::{Lang, RequirementStatus};
use trang::report::activity::{HistorySource, SiteReport};
use trang::report::gather::{self, ReportOptions};
use trang::report::history::AuthorCommits;
use trang::report::items::Category;
use trang::report::summary::{SummaryOptions, UnitStatus};
use trang::report::{layout, Format};
use trang::vi::Date;

const TRANG: &str = env!("CARGO_BIN_EXE_trang");

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn options(today: &str) -> ReportOptions {
    ReportOptions {
        year: 2026,
        today: d(today),
        lang: Lang::Vi,
        public: None,
    }
}

fn department() -> Option<tempfile::TempDir> {
    if !git_available() {
        eprintln!("git is not installed: skipping");
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    department_site(tmp.path());
    Some(tmp)
}

fn row(r: &SiteReport, c: Category) -> [usize; 12] {
    r.published
        .rows
        .iter()
        .find(|row| row.category == c)
        .map(|row| row.by_month)
        .unwrap_or_else(|| panic!("no row {c:?}"))
}

fn requirement<'a>(r: &'a SiteReport, id: &str) -> &'a trang::report::activity::RequirementUpdates {
    r.requirements
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no requirement {id}"))
}

fn names(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn yearly_report_counts_items_by_kind_and_month_up_to_the_cut_off() {
    let Some(site) = department() else { return };
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    assert_eq!((r.year, r.as_of), (2026, d("2026-11-20")));
    // a (Jan), b (Mar), d (Jun) are news; c is a photo item; e an article. The 2025 item and
    // the one dated after the cut-off are not counted.
    assert_eq!(
        row(&r, Category::News),
        [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        row(&r, Category::Photo),
        [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        row(&r, Category::Article),
        [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(r.published.by_month, [1, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(r.published.total, 5);
    let ids: Vec<&str> = r
        .published
        .rows
        .iter()
        .map(|row| row.category.id())
        .collect();
    assert_eq!(ids, ["news", "article", "photo"]);

    // Who runs the site, from trang.toml.
    assert_eq!(r.unit.name, "Sở Thông tin và Truyền thông tỉnh Mẫu");
    assert_eq!(r.unit.deadline, Some(d("2026-11-30")));
    assert_eq!(
        r.manager.as_ref().and_then(|c| c.name.as_deref()),
        Some("Nguyễn Văn An")
    );
    assert_eq!(names(&r.editorial_board), ["Trần Thị Bình", "Lê Văn Cường"]);
}

#[test]
fn yearly_report_counts_updates_per_required_section_from_git() {
    let Some(site) = department() else { return };
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    assert_eq!(r.history_source, HistorySource::Git);
    let h = r.history.as_ref().unwrap();
    // Commits 2–7; commit 1 is in 2025, commit 8 after the cut-off.
    assert_eq!(h.commits, 6);
    assert_eq!(r.changes, 6);
    assert_eq!(h.by_month, [1, 0, 2, 1, 0, 1, 1, 0, 0, 0, 0, 0]);
    assert_eq!(
        h.authors,
        [
            AuthorCommits {
                name: "Nguyễn Văn An".into(),
                commits: 3
            },
            AuthorCommits {
                name: "Lê Thị Hoa".into(),
                commits: 2
            },
            AuthorCommits {
                name: "Trần Minh".into(),
                commits: 1
            },
        ]
    );
    assert_eq!(h.last, Some(d("2026-07-01")));
    assert_eq!(r.last_change, Some(d("2026-07-01")));

    let news = requirement(&r, "tin-tuc");
    assert_eq!(news.paths, ["content/tin-tuc"]);
    assert_eq!(news.changes.count, 4);
    assert_eq!(
        names(&news.changes.authors),
        ["Nguyễn Văn An", "Lê Thị Hoa", "Trần Minh"]
    );
    assert_eq!(news.changes.last, Some(d("2026-06-01")));
    // The newest news item is from 1 June: older than 30 days on 20 November.
    assert_eq!(news.status, RequirementStatus::Stale);
    // Pages of the news section on the cut-off day: the 2025 item, a, b, c (a photo item in
    // the news section) and d.
    assert_eq!(
        (news.pages, news.last_updated, news.age_days),
        (5, Some(d("2026-06-01")), Some(172))
    );

    let guidance = requirement(&r, "pho-bien-phap-luat");
    assert_eq!(
        (guidance.changes.count, guidance.changes.last),
        (1, Some(d("2026-04-10")))
    );
    assert_eq!(names(&guidance.changes.authors), ["Lê Thị Hoa"]);
    assert_eq!(guidance.status, RequirementStatus::Met);

    let duties = requirement(&r, "chuc-nang-nhiem-vu");
    assert_eq!(duties.paths, ["content/gioi-thieu/chuc-nang.md"]);
    assert_eq!(
        (duties.changes.count, duties.changes.last),
        (1, Some(d("2026-07-01")))
    );
    assert_eq!(duties.status, RequirementStatus::Met);

    let documents = requirement(&r, "van-ban");
    assert_eq!(documents.status, RequirementStatus::Missing);
    assert!(documents.paths.is_empty());
    assert_eq!(documents.changes.count, 0);

    let c = &r.compliance;
    assert_eq!(c.total, r.requirements.len());
    assert_eq!(c.met + c.missing + c.stale, c.total);
    assert_eq!(c.stale, 1, "only the news are stale");
}

#[test]
fn at_year_end_the_late_item_and_commit_count() {
    let Some(site) = department() else { return };
    let r = gather::site_report(site.path(), &options("2027-01-15")).unwrap();
    assert_eq!(r.as_of, d("2026-12-31"));
    assert_eq!(
        row(&r, Category::News),
        [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    );
    assert_eq!(r.published.total, 6);
    assert_eq!(r.changes, 7);
    let news = requirement(&r, "tin-tuc");
    assert_eq!(
        (news.changes.count, news.changes.last),
        (5, Some(d("2026-12-10")))
    );
    assert_eq!(
        news.status,
        RequirementStatus::Met,
        "21 days old on 31 December"
    );
}

#[test]
fn without_git_updates_come_from_front_matter_dates() {
    let Some(site) = department() else { return };
    std::fs::remove_dir_all(site.path().join(".git")).unwrap();
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    assert_eq!(r.history_source, HistorySource::FrontMatter);
    assert!(r.history.is_none());
    let news = requirement(&r, "tin-tuc");
    // a, b, c, d are dated in 2026 before the cut-off; d names no author.
    assert_eq!(news.changes.count, 4);
    assert_eq!(
        names(&news.changes.authors),
        ["Nguyễn Văn An", "Lê Thị Hoa", "Trần Minh"]
    );
    assert_eq!(news.changes.last, Some(d("2026-06-01")));
    // Dated page edits across the site: the five items of the year.
    assert_eq!(r.changes, 5);
    assert_eq!(r.published.total, 5);
}

/// Counts the files of a built site the way a person would: HTML pages, PDFs, SVG images.
fn walk(dir: &Path) -> (usize, usize, usize, usize, u64) {
    let (mut pages, mut docs, mut images, mut files, mut bytes) = (0, 0, 0, 0, 0);
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy().to_string();
        files += 1;
        bytes += e.metadata().unwrap().len();
        if name.ends_with(".html") {
            pages += 1;
        } else if name.ends_with(".pdf") {
            docs += 1;
        } else if name.ends_with(".svg") {
            images += 1;
        }
    }
    (pages, docs, images, files, bytes)
}

#[test]
fn built_site_size_matches_a_real_build() {
    let Some(site) = department() else { return };
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    let b = r.built.expect("the fixture builds");
    let report = trang::build::build(&trang::build::BuildOptions::new(site.path()));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let (pages, docs, images, files, bytes) = walk(&site.path().join("public"));
    assert_eq!(
        (b.pages, b.documents, b.images, b.files, b.bytes),
        (pages, docs, images, files, bytes)
    );
    assert_eq!((b.documents, b.images), (1, 3));
    assert!(b.pages >= 9, "home, 3 sections, 5+ pages: {}", b.pages);
    // --public measures a given folder without building.
    let measured = gather::site_report(
        site.path(),
        &ReportOptions {
            public: Some(site.path().join("public")),
            ..options("2026-11-20")
        },
    )
    .unwrap();
    assert_eq!(measured.built, Some(b));
}

#[test]
fn royalties_list_every_item_per_author() {
    let Some(site) = department() else { return };
    let r = gather::royalties(site.path(), d("2026-01-01"), d("2026-06-30"), Lang::Vi).unwrap();
    let authors: Vec<&str> = r.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(authors, ["Nguyễn Văn An", "Lê Thị Hoa", "Trần Minh"]);

    let an = &r.authors[0];
    let lines: Vec<(String, &str, usize, Vec<String>)> = an
        .items
        .iter()
        .map(|i| (i.date.iso(), i.category.id(), i.words, i.coauthors.clone()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2026-01-15".to_string(), "news", 10, vec![]),
            (
                "2026-03-05".to_string(),
                "news",
                9,
                vec!["Lê Thị Hoa".to_string()]
            ),
        ]
    );
    assert_eq!((an.totals.news, an.totals.words), (2, 19));

    let hoa = &r.authors[1];
    assert_eq!(
        (hoa.totals.news, hoa.totals.articles, hoa.totals.words),
        (1, 1, 23)
    );
    assert_eq!(hoa.items[1].title, "Hướng dẫn Luật Giao dịch điện tử");
    assert_eq!(
        hoa.items[1].url,
        "https://stttt.mau.gov.vn/pho-bien-phap-luat/e/"
    );

    // Trần Minh: the photos of news b (nguoi_chup) and the photo item c.
    let minh = &r.authors[2];
    let photos: Vec<(String, usize)> = minh
        .items
        .iter()
        .map(|i| (i.title.clone(), i.images))
        .collect();
    assert_eq!(
        photos,
        [
            ("Tập huấn an toàn thông tin".to_string(), 2),
            ("Phóng sự ảnh: Ngày hội số".to_string(), 3)
        ]
    );
    assert_eq!(
        (minh.totals.photos, minh.totals.images, minh.totals.words),
        (2, 5, 0)
    );

    assert_eq!(r.uncredited.len(), 1);
    assert_eq!(
        (r.uncredited[0].file.as_str(), r.uncredited[0].words),
        ("content/tin-tuc/d.md", 5)
    );
    let t = r.totals;
    assert_eq!(
        (t.news, t.articles, t.photos, t.items, t.words, t.images),
        (3, 1, 2, 6, 42, 5)
    );
    assert_eq!(r.pages, 5);

    // One line per author and item in the CSV, items without an author last.
    let csv = layout::royalties(&r, Format::Csv);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 1 + 6 + 1);
    assert_eq!(lines[0], "Tác giả,Ngày đăng,Thể loại,Tiêu đề,Số chữ,Số ảnh,Đồng tác giả,Địa chỉ,Tệp,Nhuận bút (đồng)");
    assert_eq!(
        lines[1],
        "Nguyễn Văn An,2026-01-15,Tin,Hội nghị chuyển đổi số,10,0,,https://stttt.mau.gov.vn/tin-tuc/a/,content/tin-tuc/a.md,"
    );
    assert!(
        lines[7].starts_with(",2026-06-01,Tin,Thông báo nghỉ lễ,5,0,"),
        "{}",
        lines[7]
    );
}

#[test]
fn royalties_period_bounds_are_inclusive_and_checked() {
    let Some(site) = department() else { return };
    let r = gather::royalties(site.path(), d("2026-03-05"), d("2026-03-05"), Lang::Vi).unwrap();
    assert_eq!(r.pages, 1);
    assert_eq!(r.totals.items, 3, "b: Hoa, An, and Minh's photos");
    let err =
        gather::royalties(site.path(), d("2026-03-05"), d("2026-03-01"), Lang::Vi).unwrap_err();
    assert!(err[0].message.contains("ends"), "{}", err[0].message);
}

#[test]
fn summary_has_a_row_per_unit_totals_and_shortfalls() {
    let Some(site) = department() else { return };
    let district = tempfile::tempdir().unwrap();
    district_site(district.path());
    let missing = district.path().join("khong-co");
    let roots: Vec<PathBuf> = vec![
        district.path().to_path_buf(),
        site.path().to_path_buf(),
        missing.clone(),
    ];
    let s = gather::summary(
        &roots,
        &options("2026-11-20"),
        SummaryOptions::province(2026, Lang::Vi),
    )
    .unwrap();
    let rows: Vec<(&str, usize, usize, usize, usize, UnitStatus)> = s
        .units
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.news,
                u.articles,
                u.photos,
                u.published,
                u.status,
            )
        })
        .collect();
    assert_eq!(
        rows[0],
        (
            "Sở Thông tin và Truyền thông tỉnh Mẫu",
            3,
            1,
            1,
            5,
            UnitStatus::Missing
        )
    );
    assert_eq!(rows[1], ("UBND huyện Mẫu", 1, 0, 0, 1, UnitStatus::Missing));
    assert_eq!(rows[2].5, UnitStatus::Unreadable);
    assert!(s.units[2].error.as_deref().unwrap().contains("trang.toml"));
    // The district is not in git: two dated edits (date and updated) of its one item.
    assert_eq!(
        (s.units[1].changes, s.units[1].last_change),
        (2, Some(d("2026-11-10")))
    );
    assert_eq!(s.units[0].changes, 6);
    assert_eq!(
        s.units[0]
            .stale
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>(),
        ["tin-tuc"]
    );
    let t = s.totals;
    assert_eq!(
        (
            t.units,
            t.news,
            t.articles,
            t.photos,
            t.published,
            t.changes
        ),
        (3, 4, 1, 1, 6, 8)
    );
    assert_eq!((t.ok, t.stale, t.missing, t.unreadable), (0, 0, 2, 1));
    assert_eq!(s.options.deadline, Some(d("2026-12-15")));

    let csv = layout::summary(&s, Format::Csv);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 3 + 1);
    assert!(
        lines[4].starts_with(",Tổng cộng,,,,4,1,1,6,8,"),
        "{}",
        lines[4]
    );
    let html = layout::summary(&s, Format::Html);
    assert!(html.contains("Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình"));
    assert!(html.contains("ĐƠN VỊ CHẬM CẬP NHẬT"));
}

#[test]
fn every_format_of_the_yearly_report() {
    let Some(site) = department() else { return };
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    let html = layout::site_report(&r, Format::Html);
    for needle in [
        "<html lang=\"vi\">",
        "UBND tỉnh Mẫu",
        "Mẫu Sơn, ngày …… tháng …… năm 2026",
        "Kết quả hoạt động trang thông tin điện tử nội bộ năm 2026",
        "(Số liệu tính đến ngày 20/11/2026)",
        "Kính gửi: Sở Thông tin và Truyền thông tỉnh Ninh Bình",
        "<b>Phạm Văn Đức</b>",
        "GIÁM ĐỐC",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let md = layout::site_report(&r, Format::Md);
    assert!(
        md.contains("| Tin | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 3 |"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&layout::site_report(&r, Format::Json)).unwrap();
    assert_eq!(json["schema"], "trang-report/1");
    assert_eq!(json["as_of"], "2026-11-20");
    assert_eq!(json["published"]["rows"][0]["category"], "news");
    assert_eq!(json["history"]["commits"], 6);
    let csv = layout::site_report(&r, Format::Csv);
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("\r\nnews,Tin,1,0,1,0,0,1,0,0,0,0,0,0,3\r\n"),
        "{csv}"
    );
    let en = gather::site_report(
        site.path(),
        &ReportOptions {
            lang: Lang::En,
            ..options("2026-11-20")
        },
    )
    .unwrap();
    let html = layout::site_report(&en, Format::Html);
    assert!(html.contains("Activity of the internal website in 2026"));
    assert!(html.contains("Pursuant to Article 15(1)"));
}

#[test]
fn cli_writes_the_report_and_the_royalties() {
    let Some(site) = department() else { return };
    let out = site.path().join("bao-cao-2026.html");
    let run = Command::new(TRANG)
        .args([
            "report",
            "--year",
            "2026",
            "--today",
            "2026-11-20",
            "--root",
        ])
        .arg(site.path())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("trước ngày 30/11/2026"), "{stderr}");
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));

    let run = Command::new(TRANG)
        .args([
            "report",
            "royalties",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--format",
            "csv",
            "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 8);

    let run = Command::new(TRANG)
        .args(["report", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("--year 2026"));
    let run = Command::new(TRANG)
        .args([
            "report",
            "--year",
            "2027",
            "--today",
            "2026-11-20",
            "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("has not begun"));
}

#[test]
fn commits_outside_the_site_sources_are_not_updates() {
    let Some(site) = department() else { return };
    git_fixture::write(site.path(), "README.md", "Kho nội dung của trang.\n");
    git_fixture::write(site.path(), "archive/x.manifest.json", "{}\n");
    git_fixture::git_as(
        site.path(),
        "Kỹ Thuật",
        "2026-08-01T09:00:00+07:00",
        &["add", "-A"],
    );
    git_fixture::git_as(
        site.path(),
        "Kỹ Thuật",
        "2026-08-01T09:00:00+07:00",
        &["commit", "-q", "-m", "README"],
    );
    let r = gather::site_report(site.path(), &options("2026-11-20")).unwrap();
    assert_eq!(r.changes, 6);
    assert!(r
        .history
        .unwrap()
        .authors
        .iter()
        .all(|a| a.name != "Kỹ Thuật"));
}
