//! `trang new`: writes a starter site, or scaffolds one page of a section's kind.
//!
//! A starter (`starter/<unit type>/` in the repository, embedded in the binary by the
//! generated list in `new/files.rs`) is a complete fictional unit that builds and passes
//! `trang check`: every requirement of its unit type has Vietnamese sample content, marked
//! `mau = true` so `check` lists what is still to replace. Dates in the starter are written
//! relative to the day `trang new` runs (`@D-3@`, `@MON+0@`…), so the schedule, the news and
//! the open consultation are current on day one.
//!
//! `trang new page SECTION/NAME` writes a page whose front matter lists every field of the
//! section's kind with a Vietnamese comment on what to write.

mod files;

use crate::config::UnitType;
use crate::diagnostics::Diagnostic;
use crate::regulation::dates::{day_number, from_day_number};
use crate::regulation::kinds::{FieldSpec, FieldType, Kind, Presence};
use crate::vi::Date;
use std::fs;
use std::path::{Path, PathBuf};

/// The default title of each starter (a fictional unit; `--title` replaces it).
pub fn default_title(unit_type: UnitType) -> &'static str {
    match unit_type {
        UnitType::Department => "Sở Thông tin và Truyền thông tỉnh Ninh Bình",
        UnitType::District => "Ủy ban nhân dân huyện Yên Hà",
        UnitType::Enterprise => "Công ty Cổ phần Vật liệu Xây dựng Tràng An",
    }
}

/// The embedded files of a unit type's starter: (path, contents).
pub fn starter_files(unit_type: UnitType) -> impl Iterator<Item = (&'static str, &'static [u8])> {
    files::FILES
        .iter()
        .filter(move |(u, _, _)| *u == unit_type)
        .map(|(_, p, b)| (*p, *b))
}

/// Fills a starter file's placeholders: `@TITLE@`, `@D-N@`/`@D+N@` (today ± N days),
/// `@MON+N@` (this week's Monday + N days), `@WEEK@` and `@WEEKYEAR@` (ISO week).
pub fn fill(text: &str, title: &str, today: Date) -> String {
    let today_n = day_number(today);
    let weekday = (today_n + 3).rem_euclid(7); // 1970-01-01 was a Thursday; Monday = 0
    let monday = today_n - weekday;
    let thursday = from_day_number(monday + 3);
    let jan1 = day_number(Date {
        year: thursday.year,
        month: 1,
        day: 1,
        seconds: None,
    });
    let week = (monday + 3 - jan1) / 7 + 1;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('@') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let token = after.find('@').map(|end| &after[..end]);
        let value = token.and_then(|t| match t {
            "TITLE" => Some(title.replace('\\', "\\\\").replace('"', "\\\"")),
            "WEEK" => Some(week.to_string()),
            "WEEKYEAR" => Some(thursday.year.to_string()),
            _ => {
                let (base, offset) = if let Some(o) = t.strip_prefix("MON") {
                    (monday, o)
                } else {
                    (today_n, t.strip_prefix('D')?)
                };
                let n: i64 = offset.strip_prefix('+').unwrap_or(offset).parse().ok()?;
                Some(from_day_number(base + n).iso())
            }
        });
        match (token, value) {
            (Some(t), Some(v)) => {
                out.push_str(&v);
                rest = &after[t.len() + 1..];
            }
            _ => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn io_error(target: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        target.display().to_string(),
        "new.io",
        format!("cannot write: {e}"),
    )
}

/// Creates a new site in `dir` (which must not exist or be empty) from the starter of
/// `unit_type`, with its dates counted from `today`.
pub fn create_on(
    dir: &Path,
    unit_type: UnitType,
    title: Option<&str>,
    today: Date,
) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(
                shown,
                "new.not-empty",
                "the folder already exists and is not empty",
            )
            .with_help("choose a new folder name, e.g. `trang new so-tttt`"));
        }
    }
    let title = title.unwrap_or(default_title(unit_type));
    let extra: [(&str, &[u8]); 2] = [
        (
            ".gitignore",
            b"# The built site and trang's image cache are made by `trang build`, not kept in git.\n/public/\n/.trang-cache/\n# Snapshots of `trang archive` belong in the unit's archive, not in the site's history.\n/archive/\n",
        ),
        ("templates/.gitkeep", b""),
    ];
    for (path, bytes) in starter_files(unit_type).chain(extra) {
        let target = dir.join(path);
        let text_file = path.ends_with(".md") || path.ends_with(".toml");
        let contents: Vec<u8> = if text_file {
            fill(&String::from_utf8_lossy(bytes), title, today).into_bytes()
        } else {
            bytes.to_vec()
        };
        target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, contents))
            .map_err(|e| io_error(&target, e))?;
    }
    Ok(())
}

/// Creates a new site in `dir` from the starter of `unit_type`, dated today (Vietnam time).
pub fn create(dir: &Path, unit_type: UnitType, title: Option<&str>) -> Result<(), Diagnostic> {
    create_on(dir, unit_type, title, crate::regulation::load::today())
}

/// The next steps `trang new` prints.
pub fn next_steps(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        "Đã tạo trang mới trong {dir} (Created a new site).\n\
         Bước tiếp theo (next steps):\n  \
         cd {dir}\n  \
         trang serve --open    # xem trước, tự tải lại khi sửa (preview with live reload)\n  \
         trang check           # đối chiếu quy định; liệt kê nội dung mẫu cần thay (sample content to replace)\n  \
         trang new page tin-tuc/bai-moi   # thêm một trang theo loại của chuyên mục\n\
         Sửa trang.toml (tên đơn vị, liên hệ, thông tin giao dịch) rồi thay từng trang có mau = true.\n"
    )
}

/// `trang new page SECTION/NAME`: writes `content/SECTION/NAME.md` under `root` with the
/// fields of the section's kind. Returns the written file.
pub fn create_page(root: &Path, target: &str, today: Date) -> Result<PathBuf, Diagnostic> {
    let target = target.trim().trim_matches('/').trim_end_matches(".md");
    let (section, name) = target.rsplit_once('/').unwrap_or(("", target));
    let content = root.join("content");
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Diagnostic::error(
            root.display().to_string(),
            "new.no-site",
            "there is no trang.toml here",
        )
        .with_help("run `trang new page` in the site's folder, or pass --root"));
    }
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(Diagnostic::error(
            target,
            "new.page-name",
            "the page name must be lower-case ASCII letters, digits and `-`",
        )
        .with_help("e.g. `trang new page tin-tuc/hoi-nghi-chuyen-doi-so`"));
    }
    let section_dir = content.join(section);
    if !section_dir.join("_index.md").is_file() {
        return Err(Diagnostic::error(
            format!("content/{section}"),
            "new.no-section",
            "the section does not exist (no _index.md)",
        )
        .with_help("create the section first, or name an existing one, e.g. `tin-tuc/bai-moi`"));
    }
    let file = section_dir.join(format!("{name}.md"));
    if file.exists() {
        return Err(Diagnostic::error(
            file.display().to_string(),
            "new.exists",
            "the page already exists",
        ));
    }
    let kind = section_kind(&content, section);
    let text = page_scaffold(kind, today);
    fs::write(&file, text).map_err(|e| io_error(&file, e))?;
    Ok(file)
}

/// The kind a section declares, or inherits from its parents.
fn section_kind(content: &Path, section: &str) -> Option<Kind> {
    let mut path = section.to_string();
    loop {
        let index = content.join(&path).join("_index.md");
        if let Ok(text) = fs::read_to_string(&index) {
            let fm = text
                .trim_start_matches('\u{feff}')
                .strip_prefix("+++")
                .and_then(|t| t.split_once("\n+++"))
                .map(|(fm, _)| fm);
            if let Some(kind) = fm
                .and_then(|fm| fm.parse::<toml::Table>().ok())
                .and_then(|t| t.get("kind").and_then(|k| k.as_str()).and_then(Kind::parse))
            {
                return Some(kind);
            }
        }
        if path.is_empty() {
            return None;
        }
        path = path
            .rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_string());
    }
}

fn presence_vi(p: Presence) -> &'static str {
    match p {
        Presence::Required => "bắt buộc",
        Presence::Optional => "không bắt buộc",
        Presence::RequiredOrBody => "bắt buộc, hoặc viết trong phần nội dung bên dưới",
        Presence::RequiredWhenAnswered => "bắt buộc khi đã trả lời",
        Presence::Private => "thông tin cá nhân, không bao giờ công bố",
    }
}

fn type_hint(ty: FieldType) -> String {
    match ty {
        FieldType::Date => "ngày dạng năm-tháng-ngày, không có ngoặc kép".into(),
        FieldType::Time => "giờ \"07:30\" hoặc buổi: \"Sáng\", \"Chiều\"".into(),
        FieldType::File => {
            "tệp đặt cạnh trang, tệp trong static/ (\"/tep/a.pdf\") hoặc địa chỉ https://".into()
        }
        FieldType::Files => "danh sách tệp".into(),
        FieldType::Choice(choices) => format!(
            "một trong: {}",
            choices
                .iter()
                .map(|c| format!("\"{}\" ({})", c.id, c.vi))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        FieldType::ServiceLevel => {
            "1–4, \"toan_trinh\" (toàn trình) hoặc \"mot_phan\" (một phần)".into()
        }
        FieldType::PageLink => "liên kết tới trang, dạng \"@/thu-muc/tep.md\"".into(),
        FieldType::DocumentNumber => "số/năm/loại-cơ quan, ví dụ 14/2015/QĐ-UBND".into(),
        FieldType::Money => "số đồng hoặc chữ, ví dụ \"14,5 tỷ đồng\"".into(),
        FieldType::TextOrList => "văn bản, hoặc danh sách [\"…\", \"…\"]".into(),
        _ => String::new(),
    }
}

fn field_lines(out: &mut String, spec: &FieldSpec, prefix: &str, today: Date) {
    let hint = type_hint(spec.ty);
    let hint = if hint.is_empty() {
        String::new()
    } else {
        format!("; {hint}")
    };
    out.push_str(&format!(
        "# {} — {}{}\n",
        capitalize(spec.vi),
        presence_vi(spec.presence),
        hint
    ));
    let example = match spec.ty {
        FieldType::Date => today.iso(),
        _ => spec.example.to_string(),
    };
    let commented = matches!(
        spec.presence,
        Presence::Optional | Presence::Private | Presence::RequiredWhenAnswered
    );
    let line = format!("{prefix}{} = {example}\n", spec.key);
    if commented {
        out.push_str("# ");
    }
    out.push_str(&line);
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// The front matter and body of a new page of `kind` (or a plain page without a kind).
pub fn page_scaffold(kind: Option<Kind>, today: Date) -> String {
    let mut out = String::from("+++\n");
    let title_means = kind
        .and_then(Kind::title_means)
        .map_or("tiêu đề của trang", |(vi, _)| vi);
    out.push_str(&format!(
        "# {} — bắt buộc\ntitle = \"\"\n",
        capitalize(title_means)
    ));
    out.push_str(&format!(
        "# Ngày đăng{}\ndate = {}\n",
        if kind.is_some_and(Kind::needs_date) {
            " — bắt buộc"
        } else {
            " — không bắt buộc"
        },
        today.iso()
    ));
    out.push_str(
        "# Mô tả ngắn cho danh sách và máy tìm kiếm — không bắt buộc\n# description = \"\"\n",
    );
    out.push_str("[extra]\n");
    if let Some(k) = kind {
        out.push_str(&format!(
            "# Loại nội dung: {} ({})\n",
            k.label(crate::regulation::Lang::Vi),
            k.citation()
        ));
    }
    out.push_str("# Nội dung mẫu: xóa dòng này khi đã viết xong nội dung thật\nmau = true\n");
    out.push_str("# Thành viên Ban Biên tập đã duyệt (Điều 6) — bắt buộc khi trang.toml có require_approval\n# duyet_boi = \"\"\n");
    let mut tables = Vec::new();
    for spec in kind.map_or(&[][..], Kind::fields) {
        if let FieldType::Entries(entries) = spec.ty {
            tables.push((spec, entries));
            continue;
        }
        field_lines(&mut out, spec, "", today);
    }
    for (spec, entries) in tables {
        out.push_str(&format!(
            "\n# {} — {} (chép khối [[extra.{}]] cho mỗi mục)\n[[extra.{}]]\n",
            capitalize(spec.vi),
            presence_vi(spec.presence),
            spec.key,
            spec.key
        ));
        for e in entries {
            field_lines(&mut out, e, "", today);
        }
    }
    out.push_str("+++\n");
    let body = match kind {
        Some(Kind::Leader) => {
            "Tiểu sử tóm tắt: năm sinh, quê quán, trình độ, quá trình công tác.\n"
        }
        Some(Kind::Comment) => "Nội dung ý kiến góp ý.\n",
        Some(Kind::Question) => "Nội dung trả lời (khi đã trả lời).\n",
        _ => "Viết nội dung ở đây (Markdown).\n",
    };
    out.push_str(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn placeholders_are_dates_relative_to_today() {
        // 2025-06-11 is a Wednesday of ISO week 24.
        let t = d("2025-06-11");
        assert_eq!(
            fill("a = @D-3@\nb = @D+20@\nc = @MON+0@ @MON+6@ tuần @WEEK@/@WEEKYEAR@ \"@TITLE@\" a@b.vn", "Sở \"A\"", t),
            "a = 2025-06-08\nb = 2025-07-01\nc = 2025-06-09 2025-06-15 tuần 24/2025 \"Sở \\\"A\\\"\" a@b.vn"
        );
        // ISO week 1 of 2026 starts on Monday 2025-12-29.
        assert_eq!(
            fill("@WEEK@ @WEEKYEAR@ @MON+0@", "", d("2026-01-01")),
            "1 2026 2025-12-29"
        );
        assert_eq!(fill("@MON+0@", "", d("2025-06-09")), "2025-06-09");
        assert_eq!(fill("@MON+0@", "", d("2025-06-15")), "2025-06-09");
    }

    #[test]
    fn embedded_starters_match_the_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter");
        let mut on_disk = Vec::new();
        for (dir, unit) in [
            ("department", "Department"),
            ("district", "District"),
            ("enterprise", "Enterprise"),
        ] {
            let base = root.join(dir);
            let mut files: Vec<String> = walkdir::WalkDir::new(&base)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    e.path()
                        .strip_prefix(&base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect();
            files.sort();
            for f in files {
                on_disk.push(format!(
                    "    (UnitType::{unit}, \"{f}\", include_bytes!(\"../../starter/{dir}/{f}\")),"
                ));
            }
        }
        let listed = include_str!("new/files.rs");
        let listed: Vec<&str> = listed
            .lines()
            .filter(|l| l.starts_with("    (UnitType::"))
            .collect();
        assert_eq!(
            listed,
            on_disk,
            "update src/new/files.rs with these lines:\n{}",
            on_disk.join("\n")
        );
    }

    #[test]
    fn scaffold_lists_every_field_of_the_kind() {
        for k in Kind::ALL {
            let text = page_scaffold(Some(*k), d("2025-06-11"));
            let fm = text.split("+++").nth(1).unwrap();
            // Uncommenting every field keeps valid TOML.
            let uncommented: String = fm
                .lines()
                .map(|l| {
                    l.strip_prefix("# ")
                        .filter(|r| r.contains(" = "))
                        .unwrap_or(l)
                })
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            uncommented
                .parse::<toml::Table>()
                .unwrap_or_else(|e| panic!("{k:?}: {e}\n{uncommented}"));
            fm.parse::<toml::Table>()
                .unwrap_or_else(|e| panic!("{k:?}: {e}\n{fm}"));
            for f in k.fields() {
                let written = match f.ty {
                    FieldType::Entries(_) => format!("[[extra.{}]]", f.key),
                    _ => format!("{} = ", f.key),
                };
                assert!(fm.contains(&written), "{k:?}: {}", f.key);
            }
        }
    }
}
