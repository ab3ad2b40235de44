//! `trang new`: writes a minimal working site.
//!
//! The regulation starters (a complete sample unit per kind) come with the manifests; this
//! writes the smallest site that builds, with the unit type set so `check` knows the rules.

use crate::config::UnitType;
use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::Path;

/// The files of a new site: (path, contents). `{title}` and `{unit_type}` are filled in.
const FILES: &[(&str, &str)] = &[
    (
        "trang.toml",
        r#"# Cấu hình trang thông tin điện tử — xem docs/vi/cau-hinh.md
title = "{title}"
base_url = "https://example.gov.vn"
description = "Trang thông tin điện tử nội bộ"
default_language = "vi"
# department (Sở, Ban, ngành) | district (UBND huyện, thành phố) | enterprise (doanh nghiệp)
unit_type = "{unit_type}"
paginate_by = 20

[[taxonomies]]
name = "chu-de"
title = "Chủ đề"
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "{title}"
+++
Chào mừng bạn đến với trang thông tin điện tử của {title}.
"#,
    ),
    (
        "content/gioi-thieu/_index.md",
        r#"+++
title = "Giới thiệu"
weight = 1
sort_by = "weight"
+++
Thông tin giới thiệu về đơn vị.
"#,
    ),
    (
        "content/gioi-thieu/chuc-nang-nhiem-vu.md",
        r#"+++
title = "Chức năng, nhiệm vụ"
weight = 1
+++
## Chức năng

Ghi chức năng của đơn vị ở đây.

## Nhiệm vụ

Ghi nhiệm vụ và quyền hạn ở đây.
"#,
    ),
    (
        "content/tin-tuc/_index.md",
        r#"+++
title = "Tin tức - Sự kiện"
weight = 2
+++
"#,
    ),
    (
        "content/tin-tuc/chao-mung.md",
        r#"+++
title = "Khai trương trang thông tin điện tử"
date = 2026-01-05
description = "Trang thông tin điện tử của đơn vị chính thức hoạt động."
[taxonomies]
chu-de = ["Chuyển đổi số"]
+++
Trang thông tin điện tử của đơn vị chính thức hoạt động từ ngày 05 tháng 01 năm 2026.

Xem [chức năng, nhiệm vụ](@/gioi-thieu/chuc-nang-nhiem-vu.md) của đơn vị.
"#,
    ),
    (
        ".gitignore",
        "# The built site and trang's image cache are made by `trang build`, not kept in git.\n/public/\n/.trang-cache/\n# Snapshots of `trang archive` belong in the unit's archive, not in the site's history.\n/archive/\n",
    ),
    ("static/.gitkeep", ""),
    ("templates/.gitkeep", ""),
];

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn create(dir: &Path, unit_type: UnitType, title: Option<&str>) -> Result<(), Diagnostic> {
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
    let title = title.unwrap_or(match unit_type {
        UnitType::Department => "Sở Mẫu tỉnh Ninh Bình",
        UnitType::District => "Ủy ban nhân dân huyện Mẫu",
        UnitType::Enterprise => "Công ty Mẫu",
    });
    let escaped = title.replace('\\', "\\\\").replace('"', "\\\"");
    for (path, contents) in FILES {
        let target = dir.join(path);
        let text = contents
            .replace("{title}", &escaped)
            .replace("{unit_type}", unit_type.as_str());
        let result = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, text));
        if let Err(e) = result {
            return Err(Diagnostic::error(
                target.display().to_string(),
                "new.io",
                format!("cannot write: {e}"),
            ));
        }
    }
    Ok(())
}
