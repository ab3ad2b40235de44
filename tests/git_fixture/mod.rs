//! Fixture sites with a scripted git history, for `tests/report.rs` and `tests/archive.rs`:
//! files written and committed step by step, each commit with its own author and date.

#![allow(dead_code)]

use std::fs;
use std::path::Path;
use std::process::Command;

pub fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs git in `dir` with no system or global configuration, as `author` on `date`
/// (author and committer alike). Returns its standard output.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
    let email = format!(
        "{}@example.gov.vn",
        author
            .split_whitespace()
            .last()
            .unwrap_or("bbt")
            .to_lowercase()
    );
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            &format!("user.email={email}"),
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    git_as(dir, "Biên tập", "2026-01-01T08:00:00+07:00", args)
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// One step of a history: who, when, which files (path, contents).
pub struct Step<'a> {
    pub author: &'a str,
    /// ISO 8601 with offset, e.g. `2026-03-05T09:00:00+07:00`.
    pub date: &'a str,
    pub files: &'a [(&'a str, &'a str)],
}

/// Writes each step's files and commits them, in order, in a new repository at `root`.
pub fn commit_history(root: &Path, steps: &[Step<'_>]) {
    git(root, &["init", "-q"]);
    for (i, step) in steps.iter().enumerate() {
        for (path, text) in step.files {
            write(root, path, text);
        }
        git_as(root, step.author, step.date, &["add", "-A", "--", "."]);
        git_as(
            root,
            step.author,
            step.date,
            &["commit", "-q", "-m", &format!("bước {}", i + 1)],
        );
    }
}

pub const TRANG_TOML: &str = r#"title = "Sở Thông tin và Truyền thông tỉnh Mẫu"
base_url = "https://stttt.mau.gov.vn"
unit_type = "department"
feedback_email = "hoidap@stttt.mau.gov.vn"

[contact]
name = "Nguyễn Văn An"
title = "Chánh Văn phòng"
unit = "Văn phòng"
phone = "0229 3871 234"
email = "vanphong@stttt.mau.gov.vn"

[editorial]
board = ["Trần Thị Bình", "Lê Văn Cường"]

[report]
parent = "UBND tỉnh Mẫu"
place = "Mẫu Sơn"
signer_title = "Giám đốc"
signer = "Phạm Văn Đức"
"#;

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>\n";

/// The history of the sample department site:
///
/// | # | date       | author        | change                                            |
/// |---|------------|---------------|---------------------------------------------------|
/// | 1 | 2025-12-30 | Lê Thị Hoa    | site, news section, an old news item, intro page  |
/// | 2 | 2026-01-15 | Nguyễn Văn An | news a (An, 10 words)                             |
/// | 3 | 2026-03-05 | Lê Thị Hoa    | news b (Hoa + An, 9 words, 2 photos by Trần Minh) |
/// | 4 | 2026-03-20 | Trần Minh     | photo item c (3 photos)                           |
/// | 5 | 2026-04-10 | Lê Thị Hoa    | guidance section, article e (14 words)            |
/// | 6 | 2026-06-01 | Nguyễn Văn An | news d, no author (5 words)                       |
/// | 7 | 2026-07-01 | Nguyễn Văn An | intro page reviewed                               |
/// | 8 | 2026-12-10 | Trần Minh     | news "late", after the 2026-11-20 cut-off          |
pub fn department_site(root: &Path) {
    let intro_2025 = "+++\ntitle = \"Chức năng, nhiệm vụ\"\n[extra]\ndap_ung = [\"chuc-nang-nhiem-vu\"]\nngay_cap_nhat = 2025-12-30\n+++\nSở có chức năng tham mưu.\n";
    let intro_2026 = "+++\ntitle = \"Chức năng, nhiệm vụ\"\n[extra]\ndap_ung = [\"chuc-nang-nhiem-vu\"]\nngay_cap_nhat = 2026-07-01\n+++\nSở có chức năng tham mưu, quản lý nhà nước.\n";
    commit_history(
        root,
        &[
            Step {
                author: "Lê Thị Hoa",
                date: "2025-12-30T09:00:00+07:00",
                files: &[
                    ("trang.toml", TRANG_TOML),
                    ("content/_index.md", "+++\ntitle = \"Trang chủ\"\n+++\n"),
                    ("content/gioi-thieu/_index.md", "+++\ntitle = \"Giới thiệu\"\n+++\n"),
                    ("content/gioi-thieu/chuc-nang.md", intro_2025),
                    ("content/tin-tuc/_index.md", "+++\ntitle = \"Tin tức\"\nkind = \"news\"\n+++\n"),
                    ("content/tin-tuc/cu.md", "+++\ntitle = \"Tin cũ\"\ndate = 2025-12-30\nauthors = [\"Lê Thị Hoa\"]\n+++\nTin năm trước.\n"),
                    ("static/anh/1.svg", SVG),
                    ("static/anh/2.svg", SVG),
                    ("static/anh/3.svg", SVG),
                    ("static/van-ban/ke-hoach.pdf", "%PDF-1.4\n"),
                ],
            },
            Step {
                author: "Nguyễn Văn An",
                date: "2026-01-15T10:00:00+07:00",
                files: &[(
                    "content/tin-tuc/a.md",
                    "+++\ntitle = \"Hội nghị chuyển đổi số\"\ndate = 2026-01-15\nauthors = [\"Nguyễn Văn An\"]\n+++\nSở tổ chức hội nghị chuyển đổi số năm 2026.\n",
                )],
            },
            Step {
                author: "Lê Thị Hoa",
                date: "2026-03-05T14:30:00+07:00",
                files: &[(
                    "content/tin-tuc/b.md",
                    "+++\ntitle = \"Tập huấn an toàn thông tin\"\ndate = 2026-03-05\nauthors = [\"Lê Thị Hoa\", \"Nguyễn Văn An\"]\n[extra]\nnguoi_chup = \"Trần Minh\"\n+++\nTập huấn an toàn thông tin cho cán bộ.\n\n![Lớp tập huấn](/anh/1.svg)\n\n![Giảng viên](/anh/2.svg)\n",
                )],
            },
            Step {
                author: "Trần Minh",
                date: "2026-03-20T08:00:00+07:00",
                files: &[(
                    "content/tin-tuc/c.md",
                    "+++\ntitle = \"Phóng sự ảnh: Ngày hội số\"\ndate = 2026-03-20\nauthors = [\"Trần Minh\"]\n[extra]\nthe_loai = \"anh\"\n+++\nPhóng sự ảnh.\n\n![a](/anh/1.svg)\n![b](/anh/2.svg)\n![c](/anh/3.svg)\n",
                )],
            },
            Step {
                author: "Lê Thị Hoa",
                date: "2026-04-10T09:00:00+07:00",
                files: &[
                    ("content/pho-bien-phap-luat/_index.md", "+++\ntitle = \"Phổ biến pháp luật\"\nkind = \"guidance\"\n+++\n"),
                    (
                        "content/pho-bien-phap-luat/e.md",
                        "+++\ntitle = \"Hướng dẫn Luật Giao dịch điện tử\"\ndate = 2026-04-10\nauthors = [\"Lê Thị Hoa\"]\n+++\nHướng dẫn thực hiện Luật Giao dịch điện tử năm 2023 tại cơ quan.\n",
                    ),
                ],
            },
            Step {
                author: "Nguyễn Văn An",
                date: "2026-06-01T16:00:00+07:00",
                files: &[("content/tin-tuc/d.md", "+++\ntitle = \"Thông báo nghỉ lễ\"\ndate = 2026-06-01\n+++\nTin không ghi tác giả.\n")],
            },
            Step {
                author: "Nguyễn Văn An",
                date: "2026-07-01T09:00:00+07:00",
                files: &[("content/gioi-thieu/chuc-nang.md", intro_2026)],
            },
            Step {
                author: "Trần Minh",
                date: "2026-12-10T09:00:00+07:00",
                files: &[(
                    "content/tin-tuc/muon.md",
                    "+++\ntitle = \"Tổng kết năm\"\ndate = 2026-12-10\nauthors = [\"Trần Minh\"]\n+++\nTổng kết hoạt động năm.\n",
                )],
            },
        ],
    );
}

/// A district site, not in git, with one news item and nothing else.
pub fn district_site(root: &Path) {
    write(
        root,
        "trang.toml",
        "title = \"UBND huyện Mẫu\"\nbase_url = \"https://mau.gov.vn\"\nunit_type = \"district\"\n",
    );
    write(
        root,
        "content/_index.md",
        "+++\ntitle = \"Trang chủ\"\n+++\n",
    );
    write(
        root,
        "content/tin-tuc/_index.md",
        "+++\ntitle = \"Tin tức\"\nkind = \"news\"\n+++\n",
    );
    write(
        root,
        "content/tin-tuc/x.md",
        "+++\ntitle = \"Hội nghị\"\ndate = 2026-11-02\nupdated = 2026-11-10\nauthors = [\"Đỗ Minh An\"]\n+++\nHội nghị tổng kết.\n",
    );
}
