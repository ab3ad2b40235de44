//! The reports' models laid out as [`Document`]s (HTML, Markdown) and [`CsvTable`]s, in the
//! report's language, and [`render`] to pick the format. Pure.

use super::activity::{HistorySource, SiteReport};
use super::document::{self, Block, CsvTable, Document, Head, Signature, Signer, Table, BLANK};
use super::royalties::{RoyaltyItem, RoyaltyReport, RoyaltyTotals};
use super::summary::{Shortfall, Summary, UnitStatus};
use super::{show_bytes, show_count, show_date, t, Format, UnitInfo};
use crate::config::{ContactPerson, UnitType};
use crate::regulation::Lang;
use crate::vi::Date;
use serde::Serialize;

/// The name of the regulation, as the reports cite it.
const REGULATION_VI: &str = "Quy chế hoạt động của các trang thông tin điện tử nội bộ ban hành kèm theo Quyết định số 14/2015/QĐ-UBND của Ủy ban nhân dân tỉnh Ninh Bình";
const REGULATION_EN: &str = "the Regulation on internal websites issued with Decision 14/2015/QĐ-UBND of the Ninh Bình Provincial People's Committee";

/// Renders any report model in a format: JSON is the model itself.
pub fn render<M: Serialize>(
    model: &M,
    format: Format,
    doc: impl FnOnce() -> Document,
    tables: impl FnOnce() -> Vec<CsvTable>,
) -> String {
    match format {
        Format::Html => document::html(&doc()),
        Format::Md => document::markdown(&doc()),
        Format::Csv => document::csv(&tables()),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(model).expect("report models serialize");
            s.push('\n');
            s
        }
    }
}

/// The yearly report of one site in `format`.
pub fn site_report(r: &SiteReport, format: Format) -> String {
    render(r, format, || site_document(r), || site_tables(r))
}

/// The summary in `format`.
pub fn summary(s: &Summary, format: Format) -> String {
    render(s, format, || summary_document(s), || summary_tables(s))
}

/// The royalty list in `format`.
pub fn royalties(r: &RoyaltyReport, format: Format) -> String {
    render(r, format, || royalty_document(r), || royalty_tables(r))
}

fn date_line(place: Option<&str>, year: i32, lang: Lang) -> String {
    let place = place.unwrap_or(BLANK);
    match lang {
        Lang::Vi => format!("{place}, ngày {BLANK} tháng {BLANK} năm {year}"),
        Lang::En => format!("{place}, {BLANK} {year}"),
    }
}

fn head(unit: &UnitInfo, year: i32, number: bool, lang: Lang) -> Head {
    Head {
        parent: unit.parent.clone(),
        issuer: unit.name.clone(),
        number: number.then(|| format!("{} {BLANK}/BC-{BLANK}", t(lang, "Số:", "No.:"))),
        date_line: date_line(unit.place.as_deref(), year, lang),
    }
}

fn head_signer(title: Option<&str>, name: Option<&str>, lang: Lang) -> Signer {
    Signer {
        title: title.map_or_else(
            || t(lang, "THỦ TRƯỞNG ĐƠN VỊ", "HEAD OF THE UNIT").to_string(),
            str::to_uppercase,
        ),
        note: t(
            lang,
            "(Ký, ghi rõ họ tên, đóng dấu)",
            "(Signature, full name, seal)",
        )
        .into(),
        name: name.map(str::to_string),
    }
}

/// The subtitle line that dates a report's figures.
fn figures_up_to(as_of: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("(Số liệu tính đến ngày {})", show_date(as_of, lang)),
        Lang::En => format!("(Figures up to {})", show_date(as_of, lang)),
    }
}

fn copies(lang: Lang) -> Vec<String> {
    vec![
        t(lang, "Như trên;", "As above;").into(),
        t(lang, "Lưu: VT.", "Archive: clerical office.").into(),
    ]
}

fn n(v: usize, lang: Lang) -> String {
    show_count(v as u64, lang)
}

fn opt_date(d: Option<Date>, lang: Lang) -> String {
    d.map_or_else(|| "—".into(), |d| show_date(d, lang))
}

fn iso_opt(d: Option<Date>) -> String {
    d.map_or_else(String::new, |d| d.iso())
}

fn month_headers(first: &str, last: &str, lang: Lang) -> Vec<String> {
    let mut h = vec![first.to_string()];
    h.extend((1..=12).map(|m| format!("{}{m}", t(lang, "T", "M"))));
    h.push(last.to_string());
    h
}

fn unit_type_label(u: UnitType, lang: Lang) -> &'static str {
    match u {
        UnitType::Department => t(
            lang,
            "Sở, Ban, ngành, đoàn thể cấp tỉnh",
            "Provincial department or agency",
        ),
        UnitType::District => t(
            lang,
            "Ủy ban nhân dân huyện, thành phố",
            "District or city people's committee",
        ),
        UnitType::Enterprise => t(
            lang,
            "Cơ quan, tổ chức, doanh nghiệp",
            "Organization or enterprise",
        ),
    }
}

fn manager_text(c: Option<&ContactPerson>, lang: Lang) -> String {
    let Some(c) = c.filter(|c| c.name.is_some()) else {
        return t(
            lang,
            "Chưa khai báo ([contact] trong trang.toml)",
            "Not declared ([contact] in trang.toml)",
        )
        .into();
    };
    let mut parts: Vec<String> = [&c.name, &c.title, &c.unit]
        .into_iter()
        .filter_map(|v| v.clone())
        .collect();
    if let Some(p) = &c.phone {
        parts.push(format!("{} {p}", t(lang, "điện thoại", "phone")));
    }
    if let Some(e) = &c.email {
        parts.push(format!("email {e}"));
    }
    parts.join(", ")
}

/// "Đạt", "Thiếu", "Cần cập nhật": the check's label with a capital, as table cells start.
fn status_label(s: crate::regulation::RequirementStatus, lang: Lang) -> String {
    let label = s.label(lang);
    let mut chars = label.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn max_age_text(days: Option<u32>, lang: Lang) -> String {
    days.map_or_else(
        || "—".into(),
        |d| format!("{d} {}", t(lang, "ngày", "days")),
    )
}

/// The yearly report as a document.
pub fn site_document(r: &SiteReport) -> Document {
    let lang = r.lang;
    let u = &r.unit;
    let mut blocks = Vec::new();
    blocks.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "Thực hiện {} {}, {} báo cáo kết quả hoạt động trang thông tin điện tử nội bộ năm {} như sau:",
            u.basis, REGULATION_VI, u.name, r.year
        ),
        Lang::En => format!(
            "Pursuant to {} of {}, {} reports on the activity of its internal website in {}:",
            u.basis, REGULATION_EN, u.name, r.year
        ),
    }));

    // I. General information.
    blocks.push(Block::Heading(
        t(lang, "I. THÔNG TIN CHUNG", "I. GENERAL INFORMATION").into(),
    ));
    let board = if r.editorial_board.is_empty() {
        t(
            lang,
            "Chưa khai báo ([editorial] board trong trang.toml)",
            "Not declared ([editorial] board in trang.toml)",
        )
        .to_string()
    } else {
        r.editorial_board.join(", ")
    };
    blocks.push(Block::Facts(vec![
        (t(lang, "Tên trang", "Site").into(), u.site_title.clone()),
        (t(lang, "Địa chỉ", "Address").into(), u.base_url.clone()),
        (
            t(lang, "Loại đơn vị", "Unit type").into(),
            unit_type_label(u.unit_type, lang).into(),
        ),
        (
            t(lang, "Người phụ trách trang", "Person in charge").into(),
            manager_text(r.manager.as_ref(), lang),
        ),
        (t(lang, "Ban Biên tập", "Editorial board").into(), board),
        (
            t(
                lang,
                "Duyệt tin, bài trước khi đăng",
                "Approval before publication",
            )
            .into(),
            if r.require_approval {
                t(
                    lang,
                    "Có (bắt buộc ghi người duyệt)",
                    "Yes (approver required)",
                )
            } else {
                t(lang, "Không bắt buộc", "Not required")
            }
            .into(),
        ),
    ]));

    // II. Updates.
    blocks.push(Block::Heading(
        t(lang, "II. KẾT QUẢ CẬP NHẬT THÔNG TIN", "II. UPDATES").into(),
    ));
    blocks.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "1. Tin, bài, ảnh và nội dung khác đã đăng trong năm (theo ngày đăng; tổng cộng {} mục):",
            n(r.published.total, lang)
        ),
        Lang::En => format!("1. News, articles, photos and other content published in the year (by publication date; {} items):", n(r.published.total, lang)),
    }));
    let mut table = Table {
        headers: month_headers(t(lang, "Loại", "Kind"), t(lang, "Cộng", "Total"), lang),
        numeric: (0..14).map(|i| i > 0).collect(),
        ..Table::default()
    };
    for row in &r.published.rows {
        let mut cells = vec![row.label.clone()];
        cells.extend(row.by_month.iter().map(|&v| n(v, lang)));
        cells.push(n(row.total, lang));
        table.rows.push(cells);
    }
    let mut total = vec![t(lang, "Tổng cộng", "Total").to_string()];
    total.extend(r.published.by_month.iter().map(|&v| n(v, lang)));
    total.push(n(r.published.total, lang));
    table.total = Some(total);
    blocks.push(Block::Table(table));
    if r.published.translations > 0 {
        blocks.push(Block::Paragraph(match lang {
            Lang::Vi => format!(
                "Ngoài ra, {} bản dịch tiếng nước ngoài.",
                n(r.published.translations, lang)
            ),
            Lang::En => format!(
                "Also {} translations into other languages.",
                n(r.published.translations, lang)
            ),
        }));
    }

    let source = match (r.history_source, &r.history) {
        (HistorySource::Git, Some(h)) => match lang {
            Lang::Vi => format!(
                "theo lịch sử thay đổi (git): {} lần cập nhật trong năm{}",
                n(h.commits, lang),
                h.last.map_or_else(String::new, |d| format!(
                    ", lần gần nhất ngày {}",
                    show_date(d, lang)
                ))
            ),
            Lang::En => format!(
                "from the change history (git): {} updates in the year{}",
                n(h.commits, lang),
                h.last.map_or_else(String::new, |d| format!(
                    ", the last on {}",
                    show_date(d, lang)
                ))
            ),
        },
        _ => t(
            lang,
            "theo ngày đăng và ngày cập nhật ghi trong từng trang, do trang không quản lý bằng git",
            "from the publication and update dates of the pages, as the site is not kept in git",
        )
        .to_string(),
    };
    blocks.push(Block::Paragraph(match lang {
        Lang::Vi => format!("2. Cập nhật các nội dung bắt buộc ({source}):"),
        Lang::En => format!("2. Updates of the required content ({source}):"),
    }));
    let mut table = Table {
        headers: [
            t(lang, "STT", "No."),
            t(lang, "Nội dung", "Content"),
            t(lang, "Căn cứ", "Basis"),
            t(lang, "Số lần cập nhật", "Updates"),
            t(lang, "Người cập nhật", "Updated by"),
            t(lang, "Lần gần nhất", "Last"),
        ]
        .map(String::from)
        .to_vec(),
        numeric: vec![true, false, false, true, false, false],
        nowrap: vec![false, false, true, false, false, true],
        ..Table::default()
    };
    for (i, q) in r.requirements.iter().enumerate() {
        let tracked = !q.paths.is_empty();
        table.rows.push(vec![
            (i + 1).to_string(),
            q.title.clone(),
            q.citation.clone(),
            if tracked {
                n(q.changes.count, lang)
            } else {
                "—".into()
            },
            q.changes.authors.join(", "),
            opt_date(q.changes.last, lang),
        ]);
    }
    blocks.push(Block::Table(table));
    if let Some(h) = r.history.as_ref().filter(|h| h.commits > 0) {
        blocks.push(Block::Paragraph(
            t(
                lang,
                "3. Số lần cập nhật theo tháng và theo người cập nhật:",
                "3. Updates by month and by person:",
            )
            .into(),
        ));
        let mut months = Table {
            headers: month_headers("", t(lang, "Cộng", "Total"), lang),
            numeric: (0..14).map(|i| i > 0).collect(),
            ..Table::default()
        };
        let mut row = vec![t(lang, "Số lần cập nhật", "Updates").to_string()];
        row.extend(h.by_month.iter().map(|&v| n(v, lang)));
        row.push(n(h.commits, lang));
        months.rows.push(row);
        blocks.push(Block::Table(months));
        let mut people = Table {
            headers: [
                t(lang, "STT", "No."),
                t(lang, "Họ tên", "Name"),
                t(lang, "Số lần cập nhật", "Updates"),
            ]
            .map(String::from)
            .to_vec(),
            numeric: vec![true, false, true],
            ..Table::default()
        };
        for (i, a) in h.authors.iter().enumerate() {
            people.rows.push(vec![
                (i + 1).to_string(),
                a.name.clone(),
                n(a.commits, lang),
            ]);
        }
        blocks.push(Block::Table(people));
    }

    // III. Compliance.
    let c = &r.compliance;
    blocks.push(Block::Heading(match lang {
        Lang::Vi => format!(
            "III. VIỆC ĐÁP ỨNG YÊU CẦU CỦA QUY CHẾ (đến ngày {})",
            show_date(r.as_of, lang)
        ),
        Lang::En => format!(
            "III. REQUIREMENTS OF THE REGULATION (on {})",
            show_date(r.as_of, lang)
        ),
    }));
    blocks.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "Đối chiếu danh mục \"{}\" ({}): đạt {}/{} yêu cầu; còn thiếu {}; cần cập nhật {}.",
            c.manifest, c.regulation, c.met, c.total, c.missing, c.stale
        ),
        Lang::En => format!(
            "Against \"{}\" ({}): {} of {} requirements met; {} missing; {} stale.",
            c.manifest, c.regulation, c.met, c.total, c.missing, c.stale
        ),
    }));
    let mut table = Table {
        headers: [
            t(lang, "STT", "No."),
            t(lang, "Yêu cầu", "Requirement"),
            t(lang, "Căn cứ", "Basis"),
            t(lang, "Tình trạng", "Status"),
            t(lang, "Số trang", "Pages"),
            t(lang, "Cập nhật gần nhất", "Last updated"),
            t(lang, "Thời hạn cập nhật", "Maximum age"),
        ]
        .map(String::from)
        .to_vec(),
        numeric: vec![true, false, false, false, true, false, false],
        nowrap: vec![false, false, true, false, false, true, true],
        ..Table::default()
    };
    for (i, q) in r.requirements.iter().enumerate() {
        table.rows.push(vec![
            (i + 1).to_string(),
            q.title.clone(),
            q.citation.clone(),
            status_label(q.status, lang),
            n(q.pages, lang),
            opt_date(q.last_updated, lang),
            max_age_text(q.max_age_days, lang),
        ]);
    }
    blocks.push(Block::Table(table));

    // IV. Size.
    blocks.push(Block::Heading(
        t(lang, "IV. QUY MÔ TRANG", "IV. SIZE OF THE SITE").into(),
    ));
    match &r.built {
        Some(b) => blocks.push(Block::Facts(vec![
            (
                t(lang, "Số trang (HTML)", "Pages (HTML)").into(),
                n(b.pages, lang),
            ),
            (
                t(lang, "Tài liệu để tải về", "Documents for download").into(),
                n(b.documents, lang),
            ),
            (t(lang, "Ảnh", "Images").into(), n(b.images, lang)),
            (t(lang, "Tổng số tệp", "Files").into(), n(b.files, lang)),
            (
                t(lang, "Dung lượng", "Size").into(),
                show_bytes(b.bytes, lang),
            ),
        ])),
        None => blocks.push(Block::Paragraph(
            t(
                lang,
                "Không dựng được trang để đo (xem ghi chú).",
                "The site could not be built to measure it (see the notes).",
            )
            .into(),
        )),
    }
    if !r.notes.is_empty() {
        blocks.push(Block::Paragraph(t(lang, "Ghi chú:", "Notes:").into()));
        blocks.push(Block::Bullets(r.notes.clone()));
    }
    blocks.push(Block::Heading(
        t(
            lang,
            "V. ĐÁNH GIÁ, ĐỀ XUẤT, KIẾN NGHỊ",
            "V. ASSESSMENT AND PROPOSALS",
        )
        .into(),
    ));
    blocks.push(Block::FillIn(5));

    Document {
        lang,
        head: head(u, r.year, true, lang),
        title: t(lang, "BÁO CÁO", "REPORT").into(),
        subtitle: vec![
            match lang {
                Lang::Vi => format!(
                    "Kết quả hoạt động trang thông tin điện tử nội bộ năm {}",
                    r.year
                ),
                Lang::En => format!("Activity of the internal website in {}", r.year),
            },
            figures_up_to(r.as_of, lang),
        ],
        recipient: Some(u.recipient.clone()),
        blocks,
        signature: Signature {
            copies: copies(lang),
            signers: vec![head_signer(
                u.signer_title.as_deref(),
                u.signer.as_deref(),
                lang,
            )],
        },
    }
}

/// The yearly report as CSV tables: general facts, published items, requirements.
pub fn site_tables(r: &SiteReport) -> Vec<CsvTable> {
    let lang = r.lang;
    let u = &r.unit;
    let b = r.built.unwrap_or_default();
    let fact = |k: &str, v: String| vec![k.to_string(), v];
    let general = CsvTable {
        caption: t(lang, "Thông tin chung", "General information").into(),
        headers: vec![
            t(lang, "Mục", "Item").into(),
            t(lang, "Giá trị", "Value").into(),
        ],
        rows: vec![
            fact(t(lang, "Đơn vị", "Unit"), u.name.clone()),
            fact(t(lang, "Tên trang", "Site"), u.site_title.clone()),
            fact(t(lang, "Địa chỉ", "Address"), u.base_url.clone()),
            fact(
                t(lang, "Loại đơn vị", "Unit type"),
                u.unit_type.as_str().into(),
            ),
            fact(t(lang, "Năm báo cáo", "Year"), r.year.to_string()),
            fact(t(lang, "Số liệu đến ngày", "Figures up to"), r.as_of.iso()),
            fact(
                t(lang, "Người phụ trách", "Person in charge"),
                manager_text(r.manager.as_ref(), lang),
            ),
            fact(
                t(lang, "Ban Biên tập", "Editorial board"),
                r.editorial_board.join("; "),
            ),
            fact(
                t(lang, "Nguồn số liệu cập nhật", "Source of update counts"),
                match r.history_source {
                    HistorySource::Git => "git".into(),
                    HistorySource::FrontMatter => "front matter".into(),
                },
            ),
            fact(
                t(lang, "Số lần cập nhật trong năm", "Updates in the year"),
                r.changes.to_string(),
            ),
            fact(
                t(lang, "Cập nhật gần nhất", "Last change"),
                iso_opt(r.last_change),
            ),
            fact(
                t(lang, "Yêu cầu đạt", "Requirements met"),
                format!("{}/{}", r.compliance.met, r.compliance.total),
            ),
            fact(
                t(lang, "Số trang (HTML)", "Pages (HTML)"),
                b.pages.to_string(),
            ),
            fact(t(lang, "Tài liệu", "Documents"), b.documents.to_string()),
            fact(t(lang, "Ảnh", "Images"), b.images.to_string()),
            fact(t(lang, "Tổng số tệp", "Files"), b.files.to_string()),
            fact(
                t(lang, "Dung lượng (byte)", "Size (bytes)"),
                b.bytes.to_string(),
            ),
        ],
    };
    let mut published = CsvTable {
        caption: t(lang, "Đã đăng theo tháng", "Published by month").into(),
        headers: month_headers(t(lang, "Loại", "Kind"), t(lang, "Cộng", "Total"), lang),
        rows: Vec::new(),
    };
    published.headers.insert(0, "id".into());
    for row in &r.published.rows {
        let mut cells = vec![row.category.id().to_string(), row.label.clone()];
        cells.extend(row.by_month.iter().map(|v| v.to_string()));
        cells.push(row.total.to_string());
        published.rows.push(cells);
    }
    let mut total = vec!["total".to_string(), t(lang, "Tổng cộng", "Total").into()];
    total.extend(r.published.by_month.iter().map(|v| v.to_string()));
    total.push(r.published.total.to_string());
    published.rows.push(total);
    let requirements = CsvTable {
        caption: t(lang, "Yêu cầu của Quy chế", "Requirements").into(),
        headers: [
            "id",
            t(lang, "Yêu cầu", "Requirement"),
            t(lang, "Căn cứ", "Basis"),
            t(lang, "Tình trạng", "Status"),
            t(lang, "Số trang", "Pages"),
            t(lang, "Cập nhật gần nhất", "Last updated"),
            t(lang, "Số ngày", "Age (days)"),
            t(lang, "Thời hạn (ngày)", "Maximum age (days)"),
            t(lang, "Số lần cập nhật trong năm", "Updates in the year"),
            t(lang, "Người cập nhật", "Updated by"),
            t(lang, "Lần cập nhật gần nhất", "Last update"),
            t(lang, "Thư mục", "Paths"),
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .requirements
            .iter()
            .map(|q| {
                vec![
                    q.id.clone(),
                    q.title.clone(),
                    q.citation.clone(),
                    status_label(q.status, lang),
                    q.pages.to_string(),
                    iso_opt(q.last_updated),
                    q.age_days.map_or_else(String::new, |a| a.to_string()),
                    q.max_age_days.map_or_else(String::new, |a| a.to_string()),
                    q.changes.count.to_string(),
                    q.changes.authors.join("; "),
                    iso_opt(q.changes.last),
                    q.paths.join("; "),
                ]
            })
            .collect(),
    };
    vec![general, published, requirements]
}

/// A missing requirement's title; a stale one's with its last update and age.
fn shortfall_text(s: &Shortfall, stale: bool, lang: Lang) -> String {
    if !stale {
        return s.title.clone();
    }
    match (s.last_updated, s.age_days, lang) {
        (Some(d), Some(age), Lang::Vi) => format!(
            "{} (cập nhật gần nhất {}, đã {} ngày)",
            s.title,
            show_date(d, lang),
            age
        ),
        (Some(d), Some(age), Lang::En) => format!(
            "{} (last updated {}, {} days ago)",
            s.title,
            show_date(d, lang),
            age
        ),
        (None, _, Lang::Vi) => format!("{} (không ghi ngày)", s.title),
        (None, _, Lang::En) => format!("{} (undated)", s.title),
        _ => s.title.clone(),
    }
}

/// The summary as a document.
pub fn summary_document(s: &Summary) -> Document {
    let lang = s.lang;
    let o = &s.options;
    let tt = &s.totals;
    let mut blocks = vec![Block::Paragraph(match lang {
        Lang::Vi => format!(
            "Thực hiện {} {}, {} tổng hợp kết quả hoạt động năm {} của {} trang thông tin điện tử nội bộ như sau:",
            o.basis, REGULATION_VI, o.compiler, s.year, tt.units
        ),
        Lang::En => format!(
            "Pursuant to {} of {}, {} sums up the activity in {} of {} internal websites:",
            o.basis, REGULATION_EN, o.compiler, s.year, tt.units
        ),
    })];
    blocks.push(Block::Heading(
        t(lang, "I. TỔNG HỢP CHUNG", "I. OVERVIEW").into(),
    ));
    blocks.push(Block::Paragraph(match lang {
        Lang::Vi => format!(
            "Tổng số đơn vị: {}; đáp ứng đầy đủ yêu cầu: {}; chậm cập nhật: {}; còn thiếu nội dung bắt buộc: {}; không đọc được số liệu: {}. Tổng số mục đã đăng trong năm: {} (tin: {}, bài: {}, ảnh: {}).",
            tt.units, tt.ok, tt.stale, tt.missing, tt.unreadable, n(tt.published, lang), n(tt.news, lang), n(tt.articles, lang), n(tt.photos, lang)
        ),
        Lang::En => format!(
            "Units: {}; meeting every requirement: {}; stale: {}; missing required content: {}; unreadable: {}. Items published in the year: {} (news: {}, articles: {}, photos: {}).",
            tt.units, tt.ok, tt.stale, tt.missing, tt.unreadable, n(tt.published, lang), n(tt.news, lang), n(tt.articles, lang), n(tt.photos, lang)
        ),
    }));
    let mut table = Table {
        headers: [
            t(lang, "STT", "No."),
            t(lang, "Đơn vị", "Unit"),
            t(lang, "Tin", "News"),
            t(lang, "Bài", "Articles"),
            t(lang, "Ảnh", "Photos"),
            t(lang, "Tổng số mục đã đăng", "Published"),
            t(lang, "Số lần cập nhật", "Updates"),
            t(lang, "Cập nhật gần nhất", "Last update"),
            t(lang, "Yêu cầu đạt", "Requirements met"),
            t(lang, "Tình trạng", "Status"),
        ]
        .map(String::from)
        .to_vec(),
        numeric: vec![
            true, false, true, true, true, true, true, false, true, false,
        ],
        nowrap: vec![
            false, false, false, false, false, false, false, true, false, false,
        ],
        ..Table::default()
    };
    for (i, u) in s.units.iter().enumerate() {
        let unreadable = u.status == UnitStatus::Unreadable;
        let num = |v: usize| {
            if unreadable {
                "—".to_string()
            } else {
                n(v, lang)
            }
        };
        table.rows.push(vec![
            (i + 1).to_string(),
            u.name.clone(),
            num(u.news),
            num(u.articles),
            num(u.photos),
            num(u.published),
            num(u.changes),
            opt_date(u.last_change, lang),
            if unreadable {
                "—".into()
            } else {
                format!("{}/{}", u.met, u.requirements)
            },
            u.status.label(lang).into(),
        ]);
    }
    table.total = Some(vec![
        String::new(),
        t(lang, "Tổng cộng", "Total").into(),
        n(tt.news, lang),
        n(tt.articles, lang),
        n(tt.photos, lang),
        n(tt.published, lang),
        n(tt.changes, lang),
        String::new(),
        String::new(),
        String::new(),
    ]);
    blocks.push(Block::Table(table));

    let shortfalls = |title: &str, stale: bool, blocks: &mut Vec<Block>| {
        let pick = |u: &super::summary::UnitRow| {
            if stale {
                u.stale.clone()
            } else {
                u.missing.clone()
            }
        };
        blocks.push(Block::Heading(title.to_string()));
        let rows: Vec<Vec<String>> = s
            .units
            .iter()
            .filter(|u| !pick(u).is_empty())
            .enumerate()
            .map(|(i, u)| {
                let items: Vec<String> = pick(u)
                    .iter()
                    .map(|x| shortfall_text(x, stale, lang))
                    .collect();
                vec![(i + 1).to_string(), u.name.clone(), items.join("; ")]
            })
            .collect();
        if rows.is_empty() {
            blocks.push(Block::Paragraph(t(lang, "Không có.", "None.").into()));
        } else {
            blocks.push(Block::Table(Table {
                headers: [
                    t(lang, "STT", "No."),
                    t(lang, "Đơn vị", "Unit"),
                    t(lang, "Nội dung", "Content"),
                ]
                .map(String::from)
                .to_vec(),
                rows,
                numeric: vec![true, false, false],
                nowrap: Vec::new(),
                total: None,
            }));
        }
    };
    shortfalls(
        t(
            lang,
            "II. ĐƠN VỊ CÒN THIẾU NỘI DUNG BẮT BUỘC",
            "II. UNITS MISSING REQUIRED CONTENT",
        ),
        false,
        &mut blocks,
    );
    shortfalls(
        t(
            lang,
            "III. ĐƠN VỊ CHẬM CẬP NHẬT",
            "III. UNITS WITH STALE CONTENT",
        ),
        true,
        &mut blocks,
    );
    let unreadable: Vec<String> = s
        .units
        .iter()
        .filter(|u| u.status == UnitStatus::Unreadable)
        .map(|u| format!("{}: {}", u.site, u.error.as_deref().unwrap_or("")))
        .collect();
    if !unreadable.is_empty() {
        blocks.push(Block::Heading(
            t(
                lang,
                "IV. TRANG KHÔNG ĐỌC ĐƯỢC SỐ LIỆU",
                "IV. SITES THAT COULD NOT BE READ",
            )
            .into(),
        ));
        blocks.push(Block::Bullets(unreadable));
    }
    blocks.push(Block::Heading(
        if unreadable_count(s) > 0 {
            t(lang, "V. ĐỀ XUẤT, KIẾN NGHỊ", "V. PROPOSALS")
        } else {
            t(lang, "IV. ĐỀ XUẤT, KIẾN NGHỊ", "IV. PROPOSALS")
        }
        .into(),
    ));
    blocks.push(Block::FillIn(5));

    Document {
        lang,
        head: Head {
            parent: o.parent.clone(),
            issuer: o.compiler.clone(),
            number: Some(format!("{} {BLANK}/BC-{BLANK}", t(lang, "Số:", "No.:"))),
            date_line: date_line(o.place.as_deref(), s.year, lang),
        },
        title: t(lang, "BÁO CÁO", "REPORT").into(),
        subtitle: vec![
            match lang {
                Lang::Vi => format!(
                    "Tổng hợp kết quả hoạt động các trang thông tin điện tử nội bộ năm {}",
                    s.year
                ),
                Lang::En => format!("Activity of the internal websites in {}", s.year),
            },
            figures_up_to(s.as_of, lang),
        ],
        recipient: Some(o.recipient.clone()),
        blocks,
        signature: Signature {
            copies: copies(lang),
            signers: vec![head_signer(None, None, lang)],
        },
    }
}

fn unreadable_count(s: &Summary) -> usize {
    s.totals.unreadable
}

/// The summary as one CSV table, a row per unit and a totals row.
pub fn summary_tables(s: &Summary) -> Vec<CsvTable> {
    let lang = s.lang;
    let headers = [
        t(lang, "STT", "No."),
        t(lang, "Đơn vị", "Unit"),
        t(lang, "Thư mục", "Folder"),
        t(lang, "Loại đơn vị", "Unit type"),
        t(lang, "Địa chỉ", "Address"),
        t(lang, "Tin", "News"),
        t(lang, "Bài", "Articles"),
        t(lang, "Ảnh", "Photos"),
        t(lang, "Tổng số mục đã đăng", "Published"),
        t(lang, "Số lần cập nhật", "Updates"),
        t(lang, "Nguồn số liệu", "Source"),
        t(lang, "Cập nhật gần nhất", "Last update"),
        t(lang, "Số yêu cầu", "Requirements"),
        t(lang, "Đạt", "Met"),
        t(lang, "Thiếu", "Missing"),
        t(lang, "Cần cập nhật", "Stale"),
        t(lang, "Nội dung thiếu", "Missing content"),
        t(lang, "Nội dung chậm cập nhật", "Stale content"),
        t(lang, "Dung lượng (byte)", "Size (bytes)"),
        t(lang, "Tình trạng", "Status"),
        t(lang, "Lỗi", "Error"),
    ]
    .map(String::from)
    .to_vec();
    let ids = |v: &[Shortfall]| {
        v.iter()
            .map(|x| x.id.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows: Vec<Vec<String>> = s
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                (i + 1).to_string(),
                u.name.clone(),
                u.site.clone(),
                u.unit_type
                    .map_or_else(String::new, |t| t.as_str().to_string()),
                u.base_url.clone(),
                u.news.to_string(),
                u.articles.to_string(),
                u.photos.to_string(),
                u.published.to_string(),
                u.changes.to_string(),
                match u.history_source {
                    Some(HistorySource::Git) => "git".into(),
                    Some(HistorySource::FrontMatter) => "front matter".into(),
                    None => String::new(),
                },
                iso_opt(u.last_change),
                u.requirements.to_string(),
                u.met.to_string(),
                u.missing.len().to_string(),
                u.stale.len().to_string(),
                ids(&u.missing),
                ids(&u.stale),
                u.bytes.map_or_else(String::new, |b| b.to_string()),
                u.status.label(lang).into(),
                u.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let tt = &s.totals;
    let mut total = vec![String::new(); headers.len()];
    total[1] = t(lang, "Tổng cộng", "Total").into();
    total[5] = tt.news.to_string();
    total[6] = tt.articles.to_string();
    total[7] = tt.photos.to_string();
    total[8] = tt.published.to_string();
    total[9] = tt.changes.to_string();
    total[18] = tt.bytes.to_string();
    rows.push(total);
    vec![CsvTable {
        caption: String::new(),
        headers,
        rows,
    }]
}

fn length_text(i: &RoyaltyItem, lang: Lang) -> String {
    if i.category == super::items::Category::Photo {
        format!(
            "{} {}",
            n(i.images, lang),
            t(lang, "ảnh", if i.images == 1 { "photo" } else { "photos" })
        )
    } else {
        format!("{} {}", n(i.words, lang), t(lang, "chữ", "words"))
    }
}

fn totals_text(tt: &RoyaltyTotals, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} tin, {} bài, {} ảnh", tt.news, tt.articles, tt.photos),
        Lang::En => format!(
            "{} news, {} articles, {} photos",
            tt.news, tt.articles, tt.photos
        ),
    }
}

fn item_table(items: &[RoyaltyItem], lang: Lang, with_coauthors: bool) -> Table {
    let mut headers = vec![
        t(lang, "STT", "No."),
        t(lang, "Ngày đăng", "Published"),
        t(lang, "Thể loại", "Kind"),
        t(lang, "Tiêu đề", "Title"),
        t(lang, "Độ dài", "Length"),
    ];
    if with_coauthors {
        headers.push(t(lang, "Đồng tác giả", "Co-authors"));
    }
    headers.push(t(lang, "Nhuận bút (đồng)", "Royalty (VND)"));
    let mut numeric = vec![true, false, false, false, true];
    if with_coauthors {
        numeric.push(false);
    }
    numeric.push(true);
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut row = vec![
                (i + 1).to_string(),
                show_date(item.date, lang),
                item.category.label(lang).to_string(),
                item.title.clone(),
                length_text(item, lang),
            ];
            if with_coauthors {
                row.push(item.coauthors.join(", "));
            }
            row.push(String::new());
            row
        })
        .collect();
    Table {
        headers: headers.into_iter().map(String::from).collect(),
        rows,
        numeric,
        nowrap: vec![false, true],
        total: None,
    }
}

/// The royalty list as a document: totals per author, then each author's items, then the
/// items without an author. The royalty column is left empty for the accountant.
pub fn royalty_document(r: &RoyaltyReport) -> Document {
    let lang = r.lang;
    let mut blocks = Vec::new();
    blocks.push(Block::Heading(
        t(lang, "I. TỔNG HỢP THEO TÁC GIẢ", "I. TOTALS BY AUTHOR").into(),
    ));
    let mut table = Table {
        headers: [
            t(lang, "STT", "No."),
            t(lang, "Tác giả", "Author"),
            t(lang, "Tin", "News"),
            t(lang, "Bài", "Articles"),
            t(lang, "Ảnh", "Photos"),
            t(lang, "Số chữ", "Words"),
            t(lang, "Số ảnh", "Images"),
            t(lang, "Nhuận bút (đồng)", "Royalty (VND)"),
            t(lang, "Ký nhận", "Signature"),
        ]
        .map(String::from)
        .to_vec(),
        numeric: vec![true, false, true, true, true, true, true, true, false],
        ..Table::default()
    };
    for (i, a) in r.authors.iter().enumerate() {
        let tt = &a.totals;
        table.rows.push(vec![
            (i + 1).to_string(),
            a.name.clone(),
            n(tt.news, lang),
            n(tt.articles, lang),
            n(tt.photos, lang),
            n(tt.words, lang),
            n(tt.images, lang),
            String::new(),
            String::new(),
        ]);
    }
    let tt = &r.totals;
    table.total = Some(vec![
        String::new(),
        t(lang, "Tổng cộng", "Total").into(),
        n(tt.news, lang),
        n(tt.articles, lang),
        n(tt.photos, lang),
        n(tt.words, lang),
        n(tt.images, lang),
        String::new(),
        String::new(),
    ]);
    blocks.push(Block::Table(table));

    blocks.push(Block::Heading(
        t(lang, "II. CHI TIẾT THEO TÁC GIẢ", "II. ITEMS BY AUTHOR").into(),
    ));
    if r.authors.is_empty() {
        blocks.push(Block::Paragraph(t(lang, "Không có.", "None.").into()));
    }
    for (i, a) in r.authors.iter().enumerate() {
        blocks.push(Block::Paragraph(format!(
            "{}. {} ({})",
            i + 1,
            a.name,
            totals_text(&a.totals, lang)
        )));
        blocks.push(Block::Table(item_table(&a.items, lang, true)));
    }
    blocks.push(Block::Heading(
        t(
            lang,
            "III. TIN, BÀI, ẢNH CHƯA GHI TÁC GIẢ",
            "III. ITEMS WITHOUT AN AUTHOR",
        )
        .into(),
    ));
    if r.uncredited.is_empty() {
        blocks.push(Block::Paragraph(t(lang, "Không có.", "None.").into()));
    } else {
        blocks.push(Block::Paragraph(t(
            lang,
            "Ghi tác giả vào `authors` (ảnh: `nguoi_chup`) của các trang sau rồi lập lại bảng kê:",
            "Add the authors (`authors`; photos: `nguoi_chup`) to these pages and make the list again:",
        ).into()));
        let mut table = item_table(&r.uncredited, lang, false);
        table.headers.insert(4, t(lang, "Tệp", "File").into());
        table.numeric.insert(4, false);
        for (row, item) in table.rows.iter_mut().zip(&r.uncredited) {
            row.insert(4, item.file.clone());
        }
        blocks.push(Block::Table(table));
    }
    let sign = |title: &str, note: &str, name: Option<&str>| Signer {
        title: title.into(),
        note: note.into(),
        name: name.map(str::to_string),
    };
    let u = &r.unit;
    let head_of = head_signer(u.signer_title.as_deref(), u.signer.as_deref(), lang);
    Document {
        lang,
        head: head(u, r.to.year, false, lang),
        title: t(lang, "BẢNG KÊ TIN, BÀI, ẢNH ĐÃ ĐĂNG", "NEWS, ARTICLES AND PHOTOS PUBLISHED").into(),
        subtitle: vec![
            match lang {
                Lang::Vi => format!("trên trang {} từ ngày {} đến ngày {}", u.site_title, show_date(r.from, lang), show_date(r.to, lang)),
                Lang::En => format!("on {} from {} to {}", u.site_title, show_date(r.from, lang), show_date(r.to, lang)),
            },
            match lang {
                Lang::Vi => "(căn cứ chi trả nhuận bút theo Điều 10 khoản 5 điểm đ Quy chế ban hành kèm theo Quyết định số 14/2015/QĐ-UBND)".to_string(),
                Lang::En => "(for royalties under Article 10(5)(đ) of the Regulation issued with Decision 14/2015/QĐ-UBND)".to_string(),
            },
        ],
        recipient: None,
        blocks,
        signature: Signature {
            copies: Vec::new(),
            signers: vec![
                sign(t(lang, "NGƯỜI LẬP BẢNG", "PREPARED BY"), t(lang, "(Ký, ghi rõ họ tên)", "(Signature, full name)"), None),
                sign(t(lang, "KẾ TOÁN", "ACCOUNTANT"), t(lang, "(Ký, ghi rõ họ tên)", "(Signature, full name)"), None),
                head_of,
            ],
        },
    }
}

/// The royalty list as one flat CSV table, a row per author and item (items without an
/// author have an empty author).
pub fn royalty_tables(r: &RoyaltyReport) -> Vec<CsvTable> {
    let lang = r.lang;
    let headers = [
        t(lang, "Tác giả", "Author"),
        t(lang, "Ngày đăng", "Published"),
        t(lang, "Thể loại", "Kind"),
        t(lang, "Tiêu đề", "Title"),
        t(lang, "Số chữ", "Words"),
        t(lang, "Số ảnh", "Images"),
        t(lang, "Đồng tác giả", "Co-authors"),
        t(lang, "Địa chỉ", "Address"),
        t(lang, "Tệp", "File"),
        t(lang, "Nhuận bút (đồng)", "Royalty (VND)"),
    ]
    .map(String::from)
    .to_vec();
    let line = |author: &str, i: &RoyaltyItem| {
        vec![
            author.to_string(),
            i.date.iso(),
            i.category.label(lang).to_string(),
            i.title.clone(),
            i.words.to_string(),
            i.images.to_string(),
            i.coauthors.join("; "),
            i.url.clone(),
            i.file.clone(),
            String::new(),
        ]
    };
    let mut rows = Vec::new();
    for a in &r.authors {
        rows.extend(a.items.iter().map(|i| line(&a.name, i)));
    }
    rows.extend(r.uncredited.iter().map(|i| line("", i)));
    vec![CsvTable {
        caption: String::new(),
        headers,
        rows,
    }]
}
