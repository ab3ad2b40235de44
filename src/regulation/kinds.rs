//! Typed content: the kinds of pages the regulation names, their schemas, and the typed
//! values read from a page's `[extra]` table.
//!
//! A section declares the kind of its pages in its `_index.md` (`kind = "van_ban"`); its
//! subsections inherit it. Each kind has a schema ([`Kind::fields`]): Vietnamese field names
//! without diacritics, as editors write them, each with a label in both languages and an
//! example. Reading a page against its kind ([`read_page`]) returns the typed value and every
//! problem, each naming the file, the line and the field. The schemas double as the
//! reference of docs/vi/quy-dinh.md. Pure: file existence comes in as a set of paths.

use super::dates::days_between;
use super::messages::{Lang, M};
use super::symbol::{self, DocumentForm, DocumentNumber, FormMismatch, SymbolError};
use crate::content::{front_matter, Page, Site};
use crate::diagnostics::Diagnostic;
use crate::vi::{fold, Date};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A kind of page (QĐ 14/2015 Điều 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Tin tức, sự kiện (Điều 7 khoản 1 điểm b).
    News,
    /// Thông tin chỉ đạo, điều hành (điểm c).
    Direction,
    /// Lịch công tác của lãnh đạo (điểm c).
    WorkSchedule,
    /// Tuyên truyền, phổ biến, hướng dẫn pháp luật (điểm d).
    Guidance,
    /// Chiến lược, định hướng, quy hoạch, kế hoạch phát triển (điểm đ).
    Plan,
    /// Văn bản quy phạm pháp luật và văn bản quản lý hành chính (điểm e).
    LegalDocument,
    /// Dự án, hạng mục đầu tư, đấu thầu, mua sắm công (điểm g).
    Project,
    /// Dự thảo lấy ý kiến góp ý (điểm h).
    Consultation,
    /// Ý kiến góp ý về một dự thảo (điểm h).
    Comment,
    /// Câu hỏi của tổ chức, cá nhân (khoản 3 điểm b).
    Question,
    /// Dịch vụ công trực tuyến (điểm l).
    PublicService,
    /// Lãnh đạo đơn vị (điểm a).
    Leader,
    /// Phòng, đơn vị trực thuộc (điểm a): the data of the org chart.
    Unit,
    /// Sản phẩm, dịch vụ, ngành nghề của doanh nghiệp (điểm m).
    Product,
    /// Thông tin liên hệ, giao dịch (điểm i, k).
    Contact,
}

impl Kind {
    /// Every kind, in documentation order.
    pub const ALL: &'static [Kind] = &[
        Kind::Leader,
        Kind::Unit,
        Kind::News,
        Kind::Direction,
        Kind::WorkSchedule,
        Kind::Guidance,
        Kind::Plan,
        Kind::LegalDocument,
        Kind::Project,
        Kind::Consultation,
        Kind::Comment,
        Kind::Question,
        Kind::PublicService,
        Kind::Product,
        Kind::Contact,
    ];

    /// The canonical (English) id, as manifests write it.
    pub fn id(self) -> &'static str {
        self.name_set().0
    }

    /// The Vietnamese id editors may write instead.
    pub fn vietnamese_id(self) -> &'static str {
        self.name_set().1
    }

    fn name_set(self) -> (&'static str, &'static str, &'static [&'static str]) {
        match self {
            Kind::News => ("news", "tin_tuc", &[]),
            Kind::Direction => ("direction", "chi_dao_dieu_hanh", &[]),
            Kind::WorkSchedule => ("work_schedule", "lich_cong_tac", &["lich_lam_viec"]),
            Kind::Guidance => ("guidance", "pho_bien_phap_luat", &[]),
            Kind::Plan => ("plan", "quy_hoach_ke_hoach", &["chien_luoc"]),
            Kind::LegalDocument => ("legal_document", "van_ban", &[]),
            Kind::Project => ("project", "du_an", &[]),
            Kind::Consultation => ("consultation", "lay_y_kien", &["du_thao"]),
            Kind::Comment => ("comment", "gop_y", &[]),
            Kind::Question => ("question", "hoi_dap", &["cau_hoi"]),
            Kind::PublicService => ("public_service", "dich_vu_cong", &[]),
            Kind::Leader => ("leader", "lanh_dao", &[]),
            Kind::Unit => ("unit", "don_vi", &["phong_ban"]),
            Kind::Product => ("product", "san_pham", &["san_pham_dich_vu"]),
            Kind::Contact => ("contact", "lien_he", &[]),
        }
    }

    /// Reads a kind name: the English or Vietnamese id, `-` or `_`, any case.
    pub fn parse(name: &str) -> Option<Kind> {
        let key = name.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL.iter().copied().find(|k| {
            let (en, vi, more) = k.name_set();
            en == key || vi == key || more.contains(&key.as_str())
        })
    }

    /// "news (tin_tuc), …" for messages.
    pub fn names_list() -> String {
        Kind::ALL
            .iter()
            .map(|k| format!("{} ({})", k.id(), k.vietnamese_id()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The canonical ids, comma separated.
    pub fn names() -> String {
        Kind::ALL
            .iter()
            .map(|k| k.id())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The kind's name for editors.
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Kind::News => ("Tin tức", "News"),
            Kind::Direction => ("Chỉ đạo, điều hành", "Direction"),
            Kind::WorkSchedule => ("Lịch công tác", "Work schedule"),
            Kind::Guidance => ("Phổ biến pháp luật", "Legal guidance"),
            Kind::Plan => ("Chiến lược, quy hoạch, kế hoạch", "Strategy or plan"),
            Kind::LegalDocument => ("Văn bản", "Legal document"),
            Kind::Project => ("Dự án", "Project"),
            Kind::Consultation => ("Dự thảo lấy ý kiến", "Consultation draft"),
            Kind::Comment => ("Ý kiến góp ý", "Comment"),
            Kind::Question => ("Hỏi đáp", "Question"),
            Kind::PublicService => ("Dịch vụ công", "Public service"),
            Kind::Leader => ("Lãnh đạo", "Leader"),
            Kind::Unit => ("Đơn vị", "Unit"),
            Kind::Product => ("Sản phẩm, dịch vụ", "Product or service"),
            Kind::Contact => ("Liên hệ", "Contact"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The article the kind comes from.
    pub fn citation(self) -> &'static str {
        match self {
            Kind::Leader | Kind::Unit => "Điều 7 khoản 1 điểm a",
            Kind::News => "Điều 7 khoản 1 điểm b",
            Kind::Direction | Kind::WorkSchedule => "Điều 7 khoản 1 điểm c",
            Kind::Guidance => "Điều 7 khoản 1 điểm d",
            Kind::Plan => "Điều 7 khoản 1 điểm đ",
            Kind::LegalDocument => "Điều 7 khoản 1 điểm e",
            Kind::Project => "Điều 7 khoản 1 điểm g",
            Kind::Consultation | Kind::Comment => "Điều 7 khoản 1 điểm h",
            Kind::Contact => "Điều 7 khoản 1 điểm k",
            Kind::PublicService => "Điều 7 khoản 1 điểm l",
            Kind::Product => "Điều 7 khoản 1 điểm m",
            Kind::Question => "Điều 7 khoản 3 điểm b",
        }
    }

    /// What the page's `title` holds for this kind (the project's name, the leader's full
    /// name…), when the kind requires it.
    pub fn title_means(self) -> Option<(&'static str, &'static str)> {
        match self {
            Kind::Project => Some(("tên dự án", "project name")),
            Kind::PublicService => Some(("tên dịch vụ, thủ tục", "service name")),
            Kind::Leader => Some(("họ tên", "full name")),
            Kind::Unit => Some(("tên đơn vị", "unit name")),
            Kind::Product => Some(("tên sản phẩm, dịch vụ", "product name")),
            Kind::Consultation => Some(("tên dự thảo", "draft title")),
            _ => None,
        }
    }

    /// Whether the front matter `date` is required (dated articles).
    pub fn needs_date(self) -> bool {
        matches!(
            self,
            Kind::News | Kind::Direction | Kind::Guidance | Kind::Plan
        )
    }

    /// Kinds whose pages publish people's contact details on purpose: the personal
    /// information scan skips them (Điều 5).
    pub fn publishes_contacts(self) -> bool {
        matches!(self, Kind::Leader | Kind::Unit | Kind::Contact)
    }

    /// The fields of the kind's `[extra]` table.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            Kind::News | Kind::Guidance | Kind::Contact => &[],
            Kind::Direction => DIRECTION,
            Kind::WorkSchedule => WORK_SCHEDULE,
            Kind::Plan => PLAN,
            Kind::LegalDocument => LEGAL_DOCUMENT,
            Kind::Project => PROJECT,
            Kind::Consultation => CONSULTATION,
            Kind::Comment => COMMENT,
            Kind::Question => QUESTION,
            Kind::PublicService => PUBLIC_SERVICE,
            Kind::Leader => LEADER,
            Kind::Unit => UNIT,
            Kind::Product => PRODUCT,
        }
    }
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Required,
    Optional,
    /// Required unless the page's body holds the text.
    RequiredOrBody,
    /// Required once the question is answered (`tinh_trang = "da_tra_loi"`).
    RequiredWhenAnswered,
    /// Personal data of a citizen: kept in the source, never published unless
    /// `cong_khai_nguoi_hoi = true`.
    Private,
}

/// One accepted value of a choice field: its id and the Vietnamese phrase also accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub id: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "values")]
pub enum FieldType {
    Text,
    /// Text, or a list of texts (one item per line in the page).
    TextOrList,
    /// A list of texts.
    List,
    /// A TOML date, `2015-06-08`.
    Date,
    /// `07:30`, or a part of the day: sáng, chiều, tối, cả ngày.
    Time,
    /// A file next to the page, under static/ (`/tep/a.pdf`), or an http(s) URL.
    File,
    /// A list of such files.
    Files,
    Url,
    Email,
    Phone,
    Choice(&'static [Choice]),
    /// A document form: Quyết định, Nghị định, Thông tư, …
    DocumentForm,
    /// A number/symbol, `14/2015/QĐ-UBND` or `123/QĐ-UBND`.
    DocumentNumber,
    /// A number of đồng, or a text such as "120 tỷ đồng".
    Money,
    /// Service level 1 to 4, or `toan_trinh` / `mot_phan`.
    ServiceLevel,
    /// A link to another page, `@/path/file.md`.
    PageLink,
    /// Links to pages (`@/…`) or document numbers.
    DocumentLinks,
    /// A document link (`@/…`) or number.
    DocumentLink,
    /// A tracking code: letters, digits, `-`, `_`, `.`, `/`.
    Code,
    Bool,
    /// A list of tables: `[[extra.lich]]`.
    Entries(&'static [FieldSpec]),
}

/// One field of a kind's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub presence: Presence,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// An example value in TOML, for hints and the docs.
    pub example: &'static str,
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

const fn f(
    key: &'static str,
    vi: &'static str,
    en: &'static str,
    presence: Presence,
    ty: FieldType,
    example: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        vi,
        en,
        presence,
        ty,
        example,
    }
}

const fn c(id: &'static str, vi: &'static str, en: &'static str) -> Choice {
    Choice { id, vi, en }
}

use FieldType as T;
use Presence::{
    Optional as O, Private as P, Required as R, RequiredOrBody as RB, RequiredWhenAnswered as RA,
};

/// Fields every page may carry, whatever its kind.
pub const COMMON: &[FieldSpec] = &[
    f(
        "dap_ung",
        "yêu cầu mà trang đáp ứng",
        "requirements the page meets",
        O,
        T::List,
        r#"["qua-trinh-phat-trien"]"#,
    ),
    f(
        "duyet_boi",
        "thành viên Ban Biên tập đã duyệt",
        "editorial board member who approved it",
        O,
        T::Text,
        r#""Trần Thị B""#,
    ),
    f(
        "ngay_duyet",
        "ngày duyệt",
        "approval date",
        O,
        T::Date,
        "2025-06-02",
    ),
    f(
        "ngay_cap_nhat",
        "ngày xem lại, cập nhật nội dung",
        "date the content was last reviewed",
        O,
        T::Date,
        "2025-06-02",
    ),
    f(
        "da_kiem_tra_ca_nhan",
        "thông tin cá nhân đã kiểm tra, được phép công bố",
        "personal data checked and allowed",
        O,
        T::List,
        r#"["0912 345 678"]"#,
    ),
    f(
        "mau",
        "nội dung mẫu, cần thay bằng nội dung thật",
        "sample content still to be replaced",
        O,
        T::Bool,
        "true",
    ),
];

/// `[contact]` in trang.toml: the person in charge of the site (Điều 7 khoản 1 điểm i).
pub const CONTACT: &[FieldSpec] = &[
    f(
        "name",
        "họ tên",
        "full name",
        R,
        T::Text,
        r#""Nguyễn Văn A""#,
    ),
    f(
        "title",
        "chức vụ",
        "position",
        R,
        T::Text,
        r#""Chánh Văn phòng""#,
    ),
    f(
        "unit",
        "đơn vị công tác",
        "unit",
        R,
        T::Text,
        r#""Văn phòng Sở""#,
    ),
    f(
        "phone",
        "số điện thoại (hoặc fax)",
        "phone (or fax)",
        R,
        T::Phone,
        r#""0229 3871 234""#,
    ),
    f("fax", "số fax", "fax", O, T::Phone, r#""0229 3871 200""#),
    f(
        "email",
        "thư điện tử chính thức",
        "official email",
        R,
        T::Email,
        r#""vanphong.stttt@ninhbinh.gov.vn""#,
    ),
];

/// `[[transaction_contacts]]` in trang.toml (Điều 7 khoản 1 điểm k).
pub const TRANSACTION_CONTACT: &[FieldSpec] = &[
    f(
        "name",
        "bộ phận",
        "desk",
        O,
        T::Text,
        r#""Bộ phận tiếp nhận và trả kết quả""#,
    ),
    f(
        "address",
        "địa chỉ",
        "address",
        R,
        T::Text,
        r#""Số 2 đường Lê Hồng Phong, thành phố Ninh Bình""#,
    ),
    f(
        "phone",
        "điện thoại",
        "phone",
        R,
        T::Phone,
        r#""0229 3871 234""#,
    ),
    f("fax", "số fax", "fax", O, T::Phone, r#""0229 3871 200""#),
    f(
        "email",
        "thư điện tử chính thức",
        "official email",
        R,
        T::Email,
        r#""stttt@ninhbinh.gov.vn""#,
    ),
    f(
        "updated",
        "ngày xác nhận thông tin",
        "date confirmed",
        O,
        T::Date,
        "2025-01-15",
    ),
];

pub const DOCUMENT_STATUS: &[Choice] = &[
    c("con_hieu_luc", "còn hiệu lực", "in force"),
    c(
        "het_hieu_luc_mot_phan",
        "hết hiệu lực một phần",
        "partly expired",
    ),
    c("het_hieu_luc", "hết hiệu lực", "expired"),
];

const LEGAL_DOCUMENT: &[FieldSpec] = &[
    f(
        "hinh_thuc",
        "hình thức văn bản",
        "form",
        R,
        T::DocumentForm,
        r#""Quyết định""#,
    ),
    f(
        "so_ky_hieu",
        "số, ký hiệu",
        "number and symbol",
        R,
        T::DocumentNumber,
        r#""14/2015/QĐ-UBND""#,
    ),
    f(
        "co_quan_ban_hanh",
        "cơ quan ban hành (thẩm quyền)",
        "issuing authority",
        R,
        T::Text,
        r#""Ủy ban nhân dân tỉnh Ninh Bình""#,
    ),
    f(
        "ngay_ban_hanh",
        "ngày ban hành",
        "issue date",
        R,
        T::Date,
        "2015-06-08",
    ),
    f(
        "ngay_hieu_luc",
        "ngày hiệu lực",
        "effective date",
        R,
        T::Date,
        "2015-06-18",
    ),
    f(
        "trich_yeu",
        "trích yếu",
        "summary",
        R,
        T::Text,
        r#""Ban hành Quy chế hoạt động của các trang thông tin điện tử nội bộ""#,
    ),
    f(
        "tep",
        "tệp văn bản cho phép tải về",
        "downloadable files",
        R,
        T::Files,
        r#"["qd-14-2015.pdf"]"#,
    ),
    f(
        "linh_vuc",
        "lĩnh vực",
        "field",
        O,
        T::Text,
        r#""Thông tin và Truyền thông""#,
    ),
    f(
        "nguoi_ky",
        "người ký",
        "signer",
        O,
        T::Text,
        r#""Trần Hữu Bình""#,
    ),
    f(
        "tinh_trang",
        "tình trạng hiệu lực",
        "status",
        O,
        T::Choice(DOCUMENT_STATUS),
        r#""con_hieu_luc""#,
    ),
    f(
        "ngay_het_hieu_luc",
        "ngày hết hiệu lực",
        "expiry date",
        O,
        T::Date,
        "2030-12-31",
    ),
    f(
        "thay_the",
        "văn bản được thay thế",
        "documents it replaces",
        O,
        T::DocumentLinks,
        r#"["@/van-ban/qd-20-2010.md"]"#,
    ),
    f(
        "bi_thay_the_boi",
        "văn bản thay thế",
        "replaced by",
        O,
        T::DocumentLink,
        r#""15/2024/QĐ-UBND""#,
    ),
];

pub const PROJECT_STATUS: &[Choice] = &[
    c("chuan_bi", "đang chuẩn bị đầu tư", "preparing"),
    c("dang_trien_khai", "đang triển khai", "in progress"),
    c("hoan_thanh", "đã hoàn tất", "completed"),
];

const PROJECT: &[FieldSpec] = &[
    f(
        "muc_tieu",
        "mục tiêu chính",
        "main objective",
        R,
        T::Text,
        r#""Số hóa hồ sơ hành chính""#,
    ),
    f(
        "linh_vuc",
        "lĩnh vực chuyên môn",
        "field",
        R,
        T::Text,
        r#""Công nghệ thông tin""#,
    ),
    f(
        "loai_du_an",
        "loại dự án",
        "type",
        R,
        T::Text,
        r#""Dự án nhóm C""#,
    ),
    f(
        "thoi_gian_thuc_hien",
        "thời gian thực hiện",
        "duration",
        R,
        T::Text,
        r#""2024–2026""#,
    ),
    f(
        "kinh_phi",
        "kinh phí dự án",
        "budget",
        R,
        T::Money,
        "12500000000",
    ),
    f(
        "loai_hinh_tai_tro",
        "loại hình tài trợ",
        "funding type",
        R,
        T::Text,
        r#""Ngân sách nhà nước""#,
    ),
    f(
        "nha_tai_tro",
        "nhà tài trợ",
        "sponsor",
        R,
        T::Text,
        r#""Ngân sách tỉnh Ninh Bình""#,
    ),
    f(
        "tinh_trang",
        "tình trạng dự án",
        "status",
        R,
        T::Choice(PROJECT_STATUS),
        r#""dang_trien_khai""#,
    ),
    f(
        "chu_dau_tu",
        "chủ đầu tư",
        "investor",
        O,
        T::Text,
        r#""Sở Thông tin và Truyền thông""#,
    ),
    f(
        "dia_diem",
        "địa điểm",
        "location",
        O,
        T::Text,
        r#""Thành phố Ninh Bình""#,
    ),
    f(
        "tep",
        "tệp đính kèm",
        "files",
        O,
        T::Files,
        r#"["quyet-dinh-phe-duyet.pdf"]"#,
    ),
];

pub const SERVICE_LEVELS: &[Choice] = &[
    c("1", "mức độ 1", "level 1"),
    c("2", "mức độ 2", "level 2"),
    c("3", "mức độ 3", "level 3"),
    c("4", "mức độ 4", "level 4"),
    c("toan_trinh", "toàn trình", "fully online"),
    c("mot_phan", "một phần", "partly online"),
];

const PUBLIC_SERVICE: &[FieldSpec] = &[
    f(
        "linh_vuc",
        "ngành, lĩnh vực",
        "sector",
        R,
        T::Text,
        r#""Báo chí""#,
    ),
    f(
        "muc_do",
        "mức độ dịch vụ",
        "level",
        R,
        T::ServiceLevel,
        r#""toan_trinh""#,
    ),
    f(
        "duong_dan",
        "đường dẫn thực hiện",
        "link",
        R,
        T::Url,
        r#""https://dichvucong.ninhbinh.gov.vn/thu-tuc/1.001234""#,
    ),
    f(
        "co_quan_thuc_hien",
        "cơ quan có thẩm quyền",
        "competent agency",
        R,
        T::Text,
        r#""Sở Thông tin và Truyền thông""#,
    ),
    f(
        "ma_thu_tuc",
        "mã thủ tục",
        "procedure code",
        O,
        T::Text,
        r#""1.001234""#,
    ),
    f(
        "thoi_han_giai_quyet",
        "thời hạn giải quyết",
        "processing time",
        O,
        T::Text,
        r#""07 ngày làm việc""#,
    ),
    f(
        "phi_le_phi",
        "phí, lệ phí",
        "fees",
        O,
        T::Text,
        r#""Không""#,
    ),
];

const CONSULTATION: &[FieldSpec] = &[
    f(
        "ngay_bat_dau",
        "ngày bắt đầu lấy ý kiến",
        "opening date",
        R,
        T::Date,
        "2025-06-01",
    ),
    f(
        "ngay_ket_thuc",
        "hạn cuối nhận ý kiến",
        "closing date",
        R,
        T::Date,
        "2025-06-30",
    ),
    f(
        "dia_chi_gop_y",
        "địa chỉ nhận ý kiến góp ý",
        "address for comments",
        R,
        T::Text,
        r#""Số 2 đường Lê Hồng Phong, thành phố Ninh Bình""#,
    ),
    f(
        "email_gop_y",
        "thư điện tử nhận ý kiến góp ý",
        "email for comments",
        R,
        T::Email,
        r#""gopy.stttt@ninhbinh.gov.vn""#,
    ),
    f(
        "tep",
        "toàn văn dự thảo (tệp)",
        "full text (files)",
        RB,
        T::Files,
        r#"["du-thao.pdf"]"#,
    ),
    f(
        "co_quan_chu_tri",
        "cơ quan chủ trì soạn thảo",
        "drafting agency",
        O,
        T::Text,
        r#""Sở Tư pháp""#,
    ),
];

const COMMENT: &[FieldSpec] = &[
    f(
        "du_thao",
        "dự thảo được góp ý",
        "the draft",
        R,
        T::PageLink,
        r#""@/lay-y-kien/du-thao-quy-che.md""#,
    ),
    f(
        "ngay_gop_y",
        "ngày góp ý",
        "date received",
        R,
        T::Date,
        "2025-06-10",
    ),
    f(
        "to_chuc",
        "tổ chức, cá nhân góp ý",
        "from",
        O,
        T::Text,
        r#""Hội Nông dân huyện""#,
    ),
];

pub const QUESTION_STATUS: &[Choice] = &[
    c("da_tiep_nhan", "đã tiếp nhận", "received"),
    c("dang_xu_ly", "đang xử lý", "in progress"),
    c("da_tra_loi", "đã trả lời", "answered"),
];

const QUESTION: &[FieldSpec] = &[
    f(
        "ma_theo_doi",
        "mã theo dõi",
        "tracking code",
        R,
        T::Code,
        r#""HD-2025-0042""#,
    ),
    f(
        "ngay_hoi",
        "ngày hỏi",
        "date asked",
        R,
        T::Date,
        "2025-05-20",
    ),
    f(
        "cau_hoi",
        "câu hỏi",
        "question",
        R,
        T::Text,
        r#""Thủ tục cấp giấy phép xuất bản bản tin cần những giấy tờ gì?""#,
    ),
    f(
        "tinh_trang",
        "tình trạng xử lý",
        "status",
        R,
        T::Choice(QUESTION_STATUS),
        r#""da_tra_loi""#,
    ),
    f(
        "tra_loi",
        "câu trả lời",
        "answer",
        RA,
        T::Text,
        r#""Hồ sơ gồm …""#,
    ),
    f(
        "ngay_tra_loi",
        "ngày trả lời",
        "answer date",
        RA,
        T::Date,
        "2025-05-27",
    ),
    f("linh_vuc", "lĩnh vực", "field", O, T::Text, r#""Báo chí""#),
    f(
        "nguoi_hoi",
        "họ tên người hỏi",
        "asker's name",
        P,
        T::Text,
        r#""Nguyễn Văn A""#,
    ),
    f(
        "dia_chi_nguoi_hoi",
        "địa chỉ người hỏi",
        "asker's address",
        P,
        T::Text,
        r#""Xã Ninh Nhất""#,
    ),
    f(
        "dien_thoai_nguoi_hoi",
        "điện thoại người hỏi",
        "asker's phone",
        P,
        T::Phone,
        r#""0912 345 678""#,
    ),
    f(
        "email_nguoi_hoi",
        "thư điện tử người hỏi",
        "asker's email",
        P,
        T::Email,
        r#""a@example.com""#,
    ),
    f(
        "cong_khai_nguoi_hoi",
        "công khai thông tin người hỏi (người hỏi đồng ý)",
        "publish the asker's details (with consent)",
        O,
        T::Bool,
        "false",
    ),
];

const LEADER: &[FieldSpec] = &[
    f(
        "chuc_vu",
        "chức vụ",
        "position",
        R,
        T::Text,
        r#""Giám đốc Sở""#,
    ),
    f(
        "nhiem_vu",
        "nhiệm vụ đảm nhiệm",
        "duties",
        R,
        T::TextOrList,
        r#"["Lãnh đạo, quản lý chung", "Phụ trách công tác tổ chức cán bộ"]"#,
    ),
    f(
        "tieu_su",
        "tiểu sử tóm tắt",
        "short biography",
        RB,
        T::Text,
        r#""Sinh năm 1970; thạc sĩ quản lý công …""#,
    ),
    f("anh", "ảnh", "photo", R, T::File, r#""anh.jpg""#),
    f(
        "dien_thoai",
        "điện thoại công vụ",
        "office phone",
        O,
        T::Phone,
        r#""0229 3871 234""#,
    ),
    f(
        "email",
        "thư điện tử công vụ",
        "official email",
        O,
        T::Email,
        r#""giamdoc.stttt@ninhbinh.gov.vn""#,
    ),
];

const UNIT: &[FieldSpec] = &[
    f(
        "chuc_nang_nhiem_vu",
        "chức năng, nhiệm vụ",
        "functions and duties",
        RB,
        T::TextOrList,
        r#"["Tham mưu về báo chí, xuất bản", "Quản lý thông tin điện tử"]"#,
    ),
    f(
        "truong_don_vi",
        "người đứng đầu",
        "head",
        R,
        T::Text,
        r#""Lê Văn C – Trưởng phòng""#,
    ),
    f(
        "don_vi_cap_tren",
        "đơn vị cấp trên",
        "parent unit",
        O,
        T::PageLink,
        r#""@/to-chuc/van-phong.md""#,
    ),
    f(
        "dien_thoai",
        "điện thoại",
        "phone",
        O,
        T::Phone,
        r#""0229 3871 235""#,
    ),
    f(
        "email",
        "thư điện tử",
        "email",
        O,
        T::Email,
        r#""vanphong.stttt@ninhbinh.gov.vn""#,
    ),
    f(
        "dia_chi",
        "địa chỉ",
        "address",
        O,
        T::Text,
        r#""Tầng 3, trụ sở Sở""#,
    ),
];

const SCHEDULE_ENTRY: &[FieldSpec] = &[
    f("ngay", "ngày", "date", R, T::Date, "2025-06-02"),
    f("gio", "giờ", "time", R, T::Time, r#""07:30""#),
    f(
        "noi_dung",
        "nội dung",
        "what",
        R,
        T::Text,
        r#""Giao ban tuần""#,
    ),
    f(
        "dia_diem",
        "địa điểm",
        "place",
        R,
        T::Text,
        r#""Phòng họp tầng 2""#,
    ),
    f(
        "thanh_phan",
        "thành phần tham dự",
        "who attends",
        R,
        T::Text,
        r#""Giám đốc, các Phó Giám đốc, trưởng phòng""#,
    ),
    f(
        "chu_tri",
        "chủ trì",
        "chaired by",
        O,
        T::Text,
        r#""Giám đốc Sở""#,
    ),
];

const WORK_SCHEDULE: &[FieldSpec] = &[
    f(
        "tu_ngay",
        "từ ngày (đầu tuần)",
        "week from",
        R,
        T::Date,
        "2025-06-02",
    ),
    f(
        "den_ngay",
        "đến ngày (cuối tuần)",
        "week to",
        R,
        T::Date,
        "2025-06-08",
    ),
    f(
        "lich",
        "các buổi công tác",
        "entries",
        R,
        T::Entries(SCHEDULE_ENTRY),
        "[[extra.lich]]",
    ),
];

pub const DIRECTION_TYPES: &[Choice] = &[
    c("chi_dao", "ý kiến chỉ đạo, điều hành", "direction"),
    c(
        "phan_hoi",
        "xử lý, phản hồi kiến nghị",
        "reply to a petition",
    ),
    c("khen_thuong", "khen thưởng", "award"),
    c("xu_phat", "xử phạt", "sanction"),
];

const DIRECTION: &[FieldSpec] = &[f(
    "loai",
    "loại thông tin",
    "type",
    O,
    T::Choice(DIRECTION_TYPES),
    r#""chi_dao""#,
)];

const PLAN: &[FieldSpec] = &[
    f(
        "giai_doan",
        "giai đoạn, kỳ kế hoạch",
        "period",
        R,
        T::Text,
        r#""2021–2030""#,
    ),
    f(
        "linh_vuc",
        "lĩnh vực",
        "field",
        O,
        T::Text,
        r#""Chuyển đổi số""#,
    ),
    f(
        "tep",
        "tệp đính kèm",
        "files",
        O,
        T::Files,
        r#"["ke-hoach.pdf"]"#,
    ),
];

const PRODUCT: &[FieldSpec] = &[
    f(
        "nganh_nghe",
        "ngành, nghề kinh doanh",
        "business line",
        R,
        T::Text,
        r#""Sản xuất xi măng""#,
    ),
    f(
        "mo_ta",
        "mô tả",
        "description",
        RB,
        T::Text,
        r#""Xi măng PCB40 …""#,
    ),
    f(
        "giay_phep",
        "giấy phép (ngành nghề kinh doanh có điều kiện)",
        "licence (conditional business lines)",
        O,
        T::Text,
        r#""Giấy phép số 12/GP-STTTT""#,
    ),
    f("anh", "ảnh", "image", O, T::File, r#""san-pham.jpg""#),
];

/// A reference to a page or, for documents, a number/symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// As written: `@/van-ban/qd.md` or `14/2015/QĐ-UBND`.
    pub written: String,
    /// The URL path of the page it points to, when it is a page of this site.
    pub path: Option<String>,
}

/// A legal document (Điều 7 khoản 1 điểm e).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalDocument {
    pub form: &'static str,
    pub number: String,
    pub parsed_number: DocumentNumber,
    pub authority: String,
    pub issued: Date,
    pub effective: Date,
    pub summary: String,
    /// URLs of the files: site paths (`/van-ban/qd/qd.pdf`) or external URLs.
    pub files: Vec<String>,
    pub field: Option<String>,
    pub signer: Option<String>,
    /// `con_hieu_luc`, `het_hieu_luc_mot_phan` or `het_hieu_luc`.
    pub status: Option<&'static str>,
    pub expires: Option<Date>,
    pub replaces: Vec<Reference>,
    pub replaced_by: Option<Reference>,
}

/// A project (Điều 7 khoản 1 điểm g).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    pub objective: String,
    pub field: String,
    pub project_type: String,
    pub duration: String,
    pub budget: Money,
    pub funding_type: String,
    pub sponsor: String,
    /// `chuan_bi`, `dang_trien_khai` or `hoan_thanh`.
    pub status: &'static str,
    pub investor: Option<String>,
    pub location: Option<String>,
    pub files: Vec<String>,
}

/// An amount of money: a number of đồng or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Money {
    Dong(i64),
    Text(String),
}

/// A public service (Điều 7 khoản 1 điểm l).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicService {
    pub sector: String,
    /// `1`–`4`, `toan_trinh` or `mot_phan`.
    pub level: &'static str,
    pub link: String,
    pub agency: String,
    pub code: Option<String>,
    pub processing_time: Option<String>,
    pub fees: Option<String>,
}

/// Whether a consultation takes comments on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationStatus {
    Upcoming,
    Open,
    Closed,
}

/// A draft put out for comments (Điều 7 khoản 1 điểm h).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    pub opens: Date,
    pub closes: Date,
    pub address: String,
    pub email: String,
    pub files: Vec<String>,
    pub agency: Option<String>,
}

impl Consultation {
    /// Open or closed on `today` (the build date).
    pub fn status(&self, today: Date) -> ConsultationStatus {
        if days_between(today, self.opens) > 0 {
            ConsultationStatus::Upcoming
        } else if days_between(self.closes, today) > 0 {
            ConsultationStatus::Closed
        } else {
            ConsultationStatus::Open
        }
    }
}

/// A comment received on a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub draft: Reference,
    pub date: Date,
    pub from: Option<String>,
}

/// A question and its answer (Điều 7 khoản 3 điểm b). The asker's personal data is not
/// part of this value unless the asker agreed to publish it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub code: String,
    pub asked: Date,
    pub question: String,
    /// `da_tiep_nhan`, `dang_xu_ly` or `da_tra_loi`.
    pub status: &'static str,
    /// The answer; `None` with an answered status means the page body holds it.
    pub answer: Option<String>,
    pub answered: Option<Date>,
    pub field: Option<String>,
    /// The asker's name, only when `cong_khai_nguoi_hoi = true`.
    pub asker: Option<String>,
}

/// A leader of the unit (Điều 7 khoản 1 điểm a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leader {
    pub position: String,
    pub duties: Vec<String>,
    /// `None` when the page body is the biography.
    pub bio: Option<String>,
    pub photo: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A department or subordinate unit (Điều 7 khoản 1 điểm a): a node of the org chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Empty when the page body describes them.
    pub functions: Vec<String>,
    pub head: String,
    pub parent: Option<Reference>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// One entry of a work schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleEntry {
    pub date: Date,
    pub time: String,
    pub content: String,
    pub place: String,
    pub attendees: String,
    pub chair: Option<String>,
}

/// A week of the leaders' work schedule (Điều 7 khoản 1 điểm c).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkSchedule {
    pub from: Date,
    pub to: Date,
    pub entries: Vec<ScheduleEntry>,
}

/// A product or service of an enterprise (Điều 7 khoản 1 điểm m).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Product {
    pub business_line: String,
    pub description: Option<String>,
    pub licence: Option<String>,
    pub image: Option<String>,
}

/// A page read against its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Typed {
    LegalDocument(LegalDocument),
    Project(Project),
    PublicService(PublicService),
    Consultation(Consultation),
    Comment(Comment),
    Question(Question),
    Leader(Leader),
    Unit(Unit),
    WorkSchedule(WorkSchedule),
    Product(Product),
    /// News, direction, guidance, plans, contacts: dated or free articles.
    Article {
        date: Option<Date>,
        /// The direction type or the plan's period.
        label: Option<String>,
        files: Vec<String>,
    },
}

/// The files a built site will hold, relative to the output folder (`van-ban/qd/qd.pdf`):
/// page and section assets and everything under static/.
pub type SiteFiles = BTreeSet<String>;

/// The kinds of a site's sections and pages.
#[derive(Debug, Clone, Default)]
pub struct SiteKinds {
    /// The kind each section declares itself.
    pub declared: Vec<Option<Kind>>,
    /// The kind of each section, declared or inherited.
    pub sections: Vec<Option<Kind>>,
    /// The kind of each page: its section's.
    pub pages: Vec<Option<Kind>>,
}

/// The kind of every section and page (inherited from the nearest section that declares
/// one), and errors for sections that declare an unknown kind.
pub fn site_kinds(site: &Site, lang: Lang) -> (SiteKinds, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let declared: Vec<Option<Kind>> = site
        .sections
        .iter()
        .map(|s| {
            let name = s.kind.as_deref()?;
            let kind = Kind::parse(name);
            if kind.is_none() {
                let line = s.front_matter_lines.get("kind").copied().unwrap_or(1);
                diags.push(
                    Diagnostic::error(
                        &s.file,
                        "kind.unknown",
                        tr!(lang, KindUnknown, kind = name, valid = Kind::names_list()),
                    )
                    .at(line, 0)
                    .with_help(M::HelpKindUnknown.text(lang)),
                );
            }
            kind
        })
        .collect();
    let section_kind = |mut i: usize| loop {
        if let Some(k) = declared[i] {
            return Some(k);
        }
        i = site.sections[i].parent?;
    };
    let sections = (0..site.sections.len()).map(section_kind).collect();
    let pages = site.pages.iter().map(|p| section_kind(p.section)).collect();
    (
        SiteKinds {
            declared,
            sections,
            pages,
        },
        diags,
    )
}

/// What reading a page needs from the rest of the site.
pub struct Context<'a> {
    pub site: &'a Site,
    pub files: &'a SiteFiles,
    pub today: Date,
    pub lang: Lang,
    /// `@/` keys (paths relative to content/) → page index.
    pub page_by_key: HashMap<&'a str, usize>,
    pub kinds: &'a [Option<Kind>],
}

impl<'a> Context<'a> {
    pub fn new(
        site: &'a Site,
        files: &'a SiteFiles,
        kinds: &'a [Option<Kind>],
        today: Date,
        lang: Lang,
    ) -> Self {
        Context {
            site,
            files,
            today,
            lang,
            page_by_key: site
                .pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.source_key.as_str(), i))
                .collect(),
            kinds,
        }
    }

    /// The page an `@/…` link points to.
    pub fn linked_page(&self, link: &str) -> Option<usize> {
        let key = link.trim().strip_prefix("@/")?;
        let key = key.split('#').next().unwrap_or(key);
        self.page_by_key.get(key).copied()
    }

    /// Resolves a file written in a page to its URL, if the built site will have it.
    /// External http(s) URLs are accepted as they are.
    pub fn resolve_file(&self, page: &Page, written: &str) -> Option<String> {
        let w = written.trim();
        if w.starts_with("http://") || w.starts_with("https://") {
            return Some(w.to_string());
        }
        let candidates: Vec<String> = if let Some(abs) = w.strip_prefix('/') {
            vec![abs.to_string()]
        } else {
            let own = page.path.trim_start_matches('/').to_string();
            let parent = match own.trim_end_matches('/').rfind('/') {
                Some(i) => own[..=i].to_string(),
                None => String::new(),
            };
            vec![format!("{own}{w}"), format!("{parent}{w}")]
        };
        candidates
            .into_iter()
            .filter_map(|c| normalize_path(&c))
            .find(|c| self.files.contains(c))
            .map(|c| format!("/{c}"))
    }
}

/// Resolves `.` and `..` segments; `None` when the path leaves the site.
fn normalize_path(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(crate::vi::nfc_string(out.join("/")))
}

/// Reads the fields of one table (a page's `[extra]` or an entry of a list) against a
/// schema, collecting located diagnostics.
struct Reader<'a, 'c> {
    cx: &'c Context<'a>,
    page: &'c Page,
    kind: Kind,
    table: &'c toml::Table,
    /// The key path of `table` in the front matter: `extra` or `extra.lich[0]`.
    path: String,
    /// How the table is named in messages: `` or `lich[1].`.
    shown: String,
    specs: &'static [FieldSpec],
    diags: Vec<Diagnostic>,
}

impl<'a, 'c> Reader<'a, 'c> {
    fn new(cx: &'c Context<'a>, page: &'c Page, kind: Kind, table: &'c toml::Table) -> Self {
        Reader {
            cx,
            page,
            kind,
            table,
            path: "extra".into(),
            shown: String::new(),
            specs: kind.fields(),
            diags: Vec::new(),
        }
    }

    fn lang(&self) -> Lang {
        self.cx.lang
    }

    fn spec(&self, key: &str) -> &'static FieldSpec {
        self.specs
            .iter()
            .find(|s| s.key == key)
            .unwrap_or_else(|| panic!("field `{key}` is not in the schema of {:?}", self.kind))
    }

    /// The file line of a key of this table, falling back to the enclosing tables.
    fn line(&self, key: &str) -> usize {
        line_of(self.page, &format!("{}.{key}", self.path))
    }

    fn field_name(&self, key: &str) -> String {
        format!("{}{key}", self.shown)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d.with_article(self.kind.citation()));
    }

    fn error(&mut self, key: &str, rule: &'static str, message: String, help: Option<String>) {
        let mut d = Diagnostic::error(&self.page.file, rule, message).at(self.line(key), 0);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.push(d);
    }

    fn warning(&mut self, key: &str, rule: &'static str, message: String, help: Option<String>) {
        let mut d = Diagnostic::warning(&self.page.file, rule, message).at(self.line(key), 0);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.push(d);
    }

    fn prefix(&self) -> &'static str {
        self.kind.label(self.lang())
    }

    fn missing(&mut self, key: &str) {
        let spec = self.spec(key);
        let lang = self.lang();
        let field = self.field_name(key);
        let m = tr!(
            lang,
            FieldMissing,
            kind = self.prefix(),
            field = field,
            label = spec.label(lang)
        );
        let help = if self.shown.is_empty() {
            tr!(lang, HelpAddField, field = key, example = spec.example)
        } else {
            tr!(lang, HelpAddEntryField, field = key, example = spec.example)
        };
        self.error(key, "kind.missing-field", m, Some(help));
    }

    fn invalid(&mut self, key: &str, why: String) {
        let spec = self.spec(key);
        let lang = self.lang();
        let field = self.field_name(key);
        let m = tr!(
            lang,
            FieldInvalid,
            kind = self.prefix(),
            field = field,
            label = spec.label(lang),
            why = why
        );
        let help = tr!(lang, HelpExample, field = key, example = spec.example);
        self.error(key, "kind.invalid-field", m, Some(help));
    }

    fn present(&self, key: &str) -> Option<&'c toml::Value> {
        self.table.get(key)
    }

    /// A non-empty string; reports a missing required field.
    fn text(&mut self, key: &str) -> Option<String> {
        let required = self.spec(key).presence == Presence::Required;
        match self.present(key) {
            None => {
                if required {
                    self.missing(key);
                }
                None
            }
            Some(toml::Value::String(s)) if s.trim().is_empty() => {
                let why = M::WhyEmpty.text(self.lang()).to_string();
                self.invalid(key, why);
                None
            }
            Some(toml::Value::String(s)) => Some(s.trim().to_string()),
            Some(other) => {
                let why = tr!(self.lang(), WhyNotText, value = other);
                self.invalid(key, why);
                None
            }
        }
    }

    /// A text or a list of texts.
    fn texts(&mut self, key: &str) -> Option<Vec<String>> {
        match self.present(key) {
            Some(toml::Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_str().map(str::trim) {
                        Some(s) if !s.is_empty() => out.push(s.to_string()),
                        _ => {
                            let why = tr!(self.lang(), WhyNotTextItem, value = item);
                            self.invalid(key, why);
                            return None;
                        }
                    }
                }
                if out.is_empty() {
                    let why = M::WhyEmpty.text(self.lang()).to_string();
                    self.invalid(key, why);
                    return None;
                }
                Some(out)
            }
            _ => self.text(key).map(|s| vec![s]),
        }
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let required = self.spec(key).presence == Presence::Required;
        match self.present(key) {
            None => {
                if required {
                    self.missing(key);
                }
                None
            }
            Some(v) => {
                let parsed = front_matter::parse_date(v);
                if parsed.is_none() {
                    let why = tr!(self.lang(), WhyNotDate, value = v);
                    self.invalid(key, why);
                }
                parsed
            }
        }
    }

    fn choice(&mut self, key: &str) -> Option<&'static Choice> {
        let spec = self.spec(key);
        let choices = match spec.ty {
            T::Choice(c) => c,
            T::ServiceLevel => SERVICE_LEVELS,
            _ => unreachable!("{key} is not a choice"),
        };
        let value = match self.present(key) {
            Some(toml::Value::Integer(n)) => n.to_string(),
            Some(_) => self.text(key)?,
            None => {
                if spec.presence == Presence::Required {
                    self.missing(key);
                }
                return None;
            }
        };
        let folded = fold(&value).replace(['-', ' '], "_");
        let found = choices
            .iter()
            .find(|c| c.id == folded || fold(c.vi).replace(' ', "_") == folded);
        if found.is_none() {
            let lang = self.lang();
            let valid = choices
                .iter()
                .map(|c| match lang {
                    Lang::Vi => format!("{} ({})", c.id, c.vi),
                    Lang::En => format!("{} ({})", c.id, c.en),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let why = tr!(lang, WhyChoice, value = value, valid = valid);
            self.invalid(key, why);
        }
        found
    }

    fn email(&mut self, key: &str) -> Option<String> {
        self.text_checked(key, is_email, M::WhyNotEmail)
    }

    fn phone(&mut self, key: &str) -> Option<String> {
        self.text_checked(key, is_phone, M::WhyNotPhone)
    }

    fn url(&mut self, key: &str) -> Option<String> {
        self.text_checked(key, is_url, M::WhyNotUrl)
    }

    /// A text field that must pass `valid`; otherwise `why` (with the `{value}`) is reported.
    fn text_checked(&mut self, key: &str, valid: fn(&str) -> bool, why: M) -> Option<String> {
        let v = self.text(key)?;
        if !valid(&v) {
            let why = super::messages::render(
                self.lang(),
                why,
                &[("value", &v as &dyn std::fmt::Display)],
            );
            self.invalid(key, why);
            return None;
        }
        Some(v)
    }

    fn boolean(&mut self, key: &str) -> Option<bool> {
        match self.present(key)? {
            toml::Value::Boolean(b) => Some(*b),
            other => {
                let why = tr!(self.lang(), WhyNotBool, value = other);
                self.invalid(key, why);
                None
            }
        }
    }

    /// Files that must exist; `required` asks for at least one.
    fn files(&mut self, key: &str, required: bool) -> Vec<String> {
        let written: Vec<String> = match self.present(key) {
            None => {
                if required {
                    self.missing(key);
                }
                return Vec::new();
            }
            Some(toml::Value::Array(_)) => match self.texts(key) {
                Some(v) => v,
                None => return Vec::new(),
            },
            Some(_) => match self.text(key) {
                Some(v) => vec![v],
                None => return Vec::new(),
            },
        };
        let mut out = Vec::new();
        for w in written {
            match self.cx.resolve_file(self.page, &w) {
                Some(url) => out.push(url),
                None => {
                    let lang = self.lang();
                    let field = self.field_name(key);
                    let m = tr!(
                        lang,
                        FileMissing,
                        kind = self.prefix(),
                        file = w,
                        field = field
                    );
                    self.error(
                        key,
                        "kind.file-missing",
                        m,
                        Some(M::HelpFileMissing.text(lang).to_string()),
                    );
                }
            }
        }
        out
    }

    /// A link `@/…` to a page of kind `target`.
    fn page_link(&mut self, key: &str, target: Kind) -> Option<Reference> {
        let v = self.text(key)?;
        self.resolve_link(key, &v, target, false)
    }

    /// Resolves one `@/` link (or, with `numbers`, a document number).
    fn resolve_link(
        &mut self,
        key: &str,
        v: &str,
        target: Kind,
        numbers: bool,
    ) -> Option<Reference> {
        let lang = self.lang();
        if !v.starts_with("@/") {
            if numbers {
                if let Err(e) = symbol::parse_symbol(v) {
                    let why = symbol_why(lang, &e);
                    self.invalid(key, tr!(lang, WhyReference, value = v, why = why));
                    return None;
                }
                return Some(Reference {
                    written: v.to_string(),
                    path: None,
                });
            }
            self.invalid(key, tr!(lang, WhyNotLink, value = v));
            return None;
        }
        let Some(i) = self.cx.linked_page(v) else {
            let field = self.field_name(key);
            let m = tr!(
                lang,
                LinkMissing,
                kind = self.prefix(),
                field = field,
                target = v
            );
            self.error(
                key,
                "kind.link",
                m,
                Some(M::HelpLink.text(lang).to_string()),
            );
            return None;
        };
        if self.cx.kinds[i] != Some(target) {
            let field = self.field_name(key);
            let other = &self.cx.site.pages[i].file;
            let m = tr!(
                lang,
                LinkWrongKind,
                kind = self.prefix(),
                field = field,
                target = other,
                expected = target.label(lang)
            );
            self.error(key, "kind.link", m, None);
            return None;
        }
        Some(Reference {
            written: v.to_string(),
            path: Some(self.cx.site.pages[i].path.clone()),
        })
    }

    /// The page body, when it has text.
    fn body(&self) -> Option<&'c str> {
        let b = self.page.body.trim();
        (!b.is_empty()).then_some(b)
    }

    /// A field that the body may replace: reports when neither is there.
    fn text_or_body(&mut self, key: &str) -> Option<Option<Vec<String>>> {
        if self.present(key).is_some() {
            return self.texts(key).map(Some);
        }
        if self.body().is_some() {
            return Some(None);
        }
        let spec = self.spec(key);
        let lang = self.lang();
        let m = tr!(
            lang,
            FieldOrBodyMissing,
            kind = self.prefix(),
            field = key,
            label = spec.label(lang)
        );
        let help = tr!(lang, HelpAddField, field = key, example = spec.example);
        self.error(key, "kind.missing-field", m, Some(help));
        None
    }

    /// Warns about keys that are not in the schema or common to all pages (kinds without
    /// a schema leave `[extra]` free for themes).
    fn unknown_fields(&mut self) {
        if self.specs.is_empty() {
            return;
        }
        let mut unknown: Vec<&String> = self
            .table
            .keys()
            .filter(|k| {
                let in_schema = self.specs.iter().any(|s| s.key == *k);
                let common = self.shown.is_empty() && COMMON.iter().any(|s| s.key == *k);
                !(in_schema || common)
            })
            .collect();
        unknown.sort();
        for key in unknown {
            let lang = self.lang();
            let valid = self
                .specs
                .iter()
                .map(|s| s.key)
                .collect::<Vec<_>>()
                .join(", ");
            let field = self.field_name(key);
            let m = tr!(
                lang,
                FieldUnknown,
                kind = self.prefix(),
                field = field,
                valid = valid
            );
            let line = self.line(key);
            let d = Diagnostic::warning(&self.page.file, "kind.unknown-field", m)
                .at(line, 0)
                .with_help(M::HelpUnknownField.text(lang));
            self.push(d);
        }
    }

    /// `later` must not be before `earlier`.
    fn ordered(&mut self, earlier: (&str, Option<Date>), later: (&str, Option<Date>)) {
        if let ((ek, Some(e)), (lk, Some(l))) = (earlier, later) {
            if days_between(e, l) < 0 {
                let lang = self.lang();
                let m = tr!(
                    lang,
                    DateBefore,
                    kind = self.prefix(),
                    field = self.field_name(lk),
                    label = self.spec(lk).label(lang),
                    date = l,
                    other = self.field_name(ek),
                    other_label = self.spec(ek).label(lang),
                    other_date = e
                );
                self.error(lk, "kind.date-order", m, None);
            }
        }
    }
}

/// The file line of a dotted key path of a page, falling back to enclosing tables, then
/// line 1.
pub fn line_of(page: &Page, path: &str) -> usize {
    line_in(&page.front_matter_lines, path).unwrap_or(1)
}

/// The line of a dotted key path in a map of key lines, falling back to enclosing tables.
pub fn line_in(lines: &std::collections::BTreeMap<String, usize>, path: &str) -> Option<usize> {
    let mut path = path.to_string();
    loop {
        if let Some(&l) = lines.get(&path) {
            return Some(l);
        }
        let i = path.rfind(['.', '['])?;
        path.truncate(i);
    }
}

/// Whether `s` looks like an email address.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.trim().split_once('@') else {
        return false;
    };
    let ok_local = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let ok_domain = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    ok_local && ok_domain
}

/// Whether `s` looks like a phone number: digits with spaces, dots, dashes, parentheses
/// and a leading +, 8 to 13 digits; several numbers may be separated by `;` or `,`.
pub fn is_phone(s: &str) -> bool {
    s.split([';', ',']).all(|one| {
        let one = one.trim();
        let digits = one.chars().filter(char::is_ascii_digit).count();
        (8..=13).contains(&digits)
            && one
                .chars()
                .all(|c| c.is_ascii_digit() || " .-()+".contains(c))
            && (!one.contains('+') || one.trim_start_matches('(').starts_with('+'))
    })
}

/// Whether `s` is an absolute http(s) URL.
pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !s.contains(char::is_whitespace)
    })
}

fn symbol_why(lang: Lang, e: &SymbolError) -> String {
    match e {
        SymbolError::Spaces(fixed) => tr!(lang, SymbolSpaces, fixed = fixed),
        SymbolError::Shape => M::SymbolShape.text(lang).to_string(),
        SymbolError::Number => M::SymbolNumber.text(lang).to_string(),
        SymbolError::Year => M::SymbolYear.text(lang).to_string(),
        SymbolError::Codes => M::SymbolCodes.text(lang).to_string(),
    }
}

/// Reads one page against its kind. The typed value is returned only when the page has no
/// error; warnings do not prevent it.
pub fn read_page(cx: &Context<'_>, index: usize, kind: Kind) -> (Option<Typed>, Vec<Diagnostic>) {
    let page = &cx.site.pages[index];
    let mut r = Reader::new(cx, page, kind, &page.extra);
    let lang = cx.lang;
    if let Some((vi, en)) = kind.title_means() {
        if !page.front_matter_lines.contains_key("title") {
            let label = match lang {
                Lang::Vi => vi,
                Lang::En => en,
            };
            let m = tr!(lang, TitleMissing, kind = r.prefix(), label = label);
            let d = Diagnostic::error(&page.file, "kind.missing-field", m)
                .at(1, 0)
                .with_help(M::HelpTitle.text(lang));
            r.push(d);
        }
    }
    if kind.needs_date() && page.date.is_none() {
        let m = tr!(lang, DateMissing, kind = r.prefix());
        let d = Diagnostic::error(&page.file, "kind.missing-field", m)
            .at(1, 0)
            .with_help(M::HelpDate.text(lang));
        r.push(d);
    }
    let typed = match kind {
        Kind::LegalDocument => read_legal_document(&mut r).map(Typed::LegalDocument),
        Kind::Project => read_project(&mut r).map(Typed::Project),
        Kind::PublicService => read_public_service(&mut r).map(Typed::PublicService),
        Kind::Consultation => read_consultation(&mut r).map(Typed::Consultation),
        Kind::Comment => read_comment(&mut r).map(Typed::Comment),
        Kind::Question => read_question(&mut r).map(Typed::Question),
        Kind::Leader => read_leader(&mut r).map(Typed::Leader),
        Kind::Unit => read_unit(&mut r).map(Typed::Unit),
        Kind::WorkSchedule => read_work_schedule(&mut r).map(Typed::WorkSchedule),
        Kind::Product => read_product(&mut r).map(Typed::Product),
        Kind::Direction => {
            let label = r.choice("loai").map(|c| c.id.to_string());
            Some(Typed::Article {
                date: page.date,
                label,
                files: Vec::new(),
            })
        }
        Kind::Plan => {
            let label = r.text("giai_doan");
            r.text("linh_vuc");
            let files = r.files("tep", false);
            Some(Typed::Article {
                date: page.date,
                label,
                files,
            })
        }
        Kind::News | Kind::Guidance | Kind::Contact => Some(Typed::Article {
            date: page.date,
            label: None,
            files: Vec::new(),
        }),
    };
    r.unknown_fields();
    let diags = r.diags;
    let typed = if diags.iter().any(Diagnostic::is_error) {
        None
    } else {
        typed
    };
    (typed, diags)
}

fn read_legal_document(r: &mut Reader<'_, '_>) -> Option<LegalDocument> {
    let lang = r.lang();
    let form: Option<&'static DocumentForm> = match r.text("hinh_thuc") {
        Some(name) => {
            let found = symbol::find_form(&name);
            if found.is_none() {
                let valid = symbol::DOCUMENT_FORMS
                    .iter()
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", ");
                r.invalid("hinh_thuc", tr!(lang, WhyForm, value = name, valid = valid));
            }
            found
        }
        None => None,
    };
    let number_text = r.text("so_ky_hieu");
    let authority = r.text("co_quan_ban_hanh");
    let issued = r.date("ngay_ban_hanh");
    let effective = r.date("ngay_hieu_luc");
    let summary = r.text("trich_yeu");
    let files = r.files("tep", true);
    let field = r.text("linh_vuc");
    let signer = r.text("nguoi_ky");
    let status = r.choice("tinh_trang").map(|c| c.id);
    let expires = r.date("ngay_het_hieu_luc");
    let replaces = match r.present("thay_the") {
        None => Vec::new(),
        Some(_) => r
            .texts("thay_the")
            .unwrap_or_default()
            .iter()
            .filter_map(|v| r.resolve_link("thay_the", v, Kind::LegalDocument, true))
            .collect(),
    };
    let replaced_by = r
        .text("bi_thay_the_boi")
        .and_then(|v| r.resolve_link("bi_thay_the_boi", &v, Kind::LegalDocument, true));

    let mut parsed_number = None;
    if let Some(n) = &number_text {
        match symbol::parse_symbol(n) {
            Err(e) => {
                let why = symbol_why(lang, &e);
                r.error(
                    "so_ky_hieu",
                    "kind.document-number",
                    tr!(lang, SymbolInvalid, kind = r.prefix(), value = n, why = why),
                    Some(M::HelpSymbol.text(lang).to_string()),
                );
            }
            Ok(p) => {
                if let Some(form) = form {
                    let why = match symbol::check_form(&p, form) {
                        Some(FormMismatch::NeedsYear) => {
                            Some(tr!(lang, SymbolNeedsYear, form = form.name))
                        }
                        Some(FormMismatch::NoYear) => {
                            Some(tr!(lang, SymbolNoYear, form = form.name))
                        }
                        Some(FormMismatch::Code(found, expected)) => Some(tr!(
                            lang,
                            SymbolCode,
                            code = found,
                            form = form.name,
                            expected = expected
                        )),
                        None => None,
                    };
                    if let Some(why) = why {
                        r.error(
                            "so_ky_hieu",
                            "kind.document-number",
                            tr!(lang, SymbolInvalid, kind = r.prefix(), value = n, why = why),
                            Some(M::HelpSymbol.text(lang).to_string()),
                        );
                    }
                }
                if let (Some(y), Some(d)) = (p.year, issued) {
                    if y != d.year {
                        let why = tr!(lang, SymbolYearMismatch, year = y, issued = d.year);
                        r.error(
                            "so_ky_hieu",
                            "kind.document-number",
                            tr!(lang, SymbolInvalid, kind = r.prefix(), value = n, why = why),
                            None,
                        );
                    }
                }
                parsed_number = Some(p);
            }
        }
    }
    r.ordered(("ngay_ban_hanh", issued), ("ngay_hieu_luc", effective));
    r.ordered(("ngay_hieu_luc", effective), ("ngay_het_hieu_luc", expires));
    if let Some(d) = issued {
        if days_between(r.cx.today, d) > 0 {
            let m = tr!(
                lang,
                DateInFuture,
                kind = r.prefix(),
                field = "ngay_ban_hanh",
                date = d,
                today = r.cx.today
            );
            r.warning("ngay_ban_hanh", "kind.date-future", m, None);
        }
    }
    if status == Some("con_hieu_luc") {
        if replaced_by.is_some() {
            let m = tr!(lang, InForceButReplaced, kind = r.prefix());
            r.warning(
                "tinh_trang",
                "kind.document-status",
                m,
                Some(M::HelpDocumentStatus.text(lang).to_string()),
            );
        } else if let Some(e) = expires {
            if days_between(e, r.cx.today) > 0 {
                let m = tr!(lang, InForceButExpired, kind = r.prefix(), date = e);
                r.warning(
                    "tinh_trang",
                    "kind.document-status",
                    m,
                    Some(M::HelpDocumentStatus.text(lang).to_string()),
                );
            }
        }
    }
    Some(LegalDocument {
        form: form?.name,
        number: number_text?,
        parsed_number: parsed_number?,
        authority: authority?,
        issued: issued?,
        effective: effective?,
        summary: summary?,
        files,
        field,
        signer,
        status,
        expires,
        replaces,
        replaced_by,
    })
}

fn read_project(r: &mut Reader<'_, '_>) -> Option<Project> {
    let objective = r.text("muc_tieu");
    let field = r.text("linh_vuc");
    let project_type = r.text("loai_du_an");
    let duration = r.text("thoi_gian_thuc_hien");
    let budget = match r.present("kinh_phi") {
        None => {
            r.missing("kinh_phi");
            None
        }
        Some(toml::Value::Integer(n)) if *n >= 0 => Some(Money::Dong(*n)),
        Some(toml::Value::Integer(_)) => {
            let why = M::WhyNegative.text(r.lang()).to_string();
            r.invalid("kinh_phi", why);
            None
        }
        Some(toml::Value::String(_)) => r.text("kinh_phi").map(Money::Text),
        Some(other) => {
            let why = tr!(r.lang(), WhyMoney, value = other);
            r.invalid("kinh_phi", why);
            None
        }
    };
    let funding_type = r.text("loai_hinh_tai_tro");
    let sponsor = r.text("nha_tai_tro");
    let status = r.choice("tinh_trang").map(|c| c.id);
    let investor = r.text("chu_dau_tu");
    let location = r.text("dia_diem");
    let files = r.files("tep", false);
    Some(Project {
        objective: objective?,
        field: field?,
        project_type: project_type?,
        duration: duration?,
        budget: budget?,
        funding_type: funding_type?,
        sponsor: sponsor?,
        status: status?,
        investor,
        location,
        files,
    })
}

fn read_public_service(r: &mut Reader<'_, '_>) -> Option<PublicService> {
    let sector = r.text("linh_vuc");
    let level = r.choice("muc_do").map(|c| c.id);
    let link = r.url("duong_dan");
    let agency = r.text("co_quan_thuc_hien");
    let code = r.text("ma_thu_tuc");
    let processing_time = r.text("thoi_han_giai_quyet");
    let fees = r.text("phi_le_phi");
    Some(PublicService {
        sector: sector?,
        level: level?,
        link: link?,
        agency: agency?,
        code,
        processing_time,
        fees,
    })
}

fn read_consultation(r: &mut Reader<'_, '_>) -> Option<Consultation> {
    let opens = r.date("ngay_bat_dau");
    let closes = r.date("ngay_ket_thuc");
    let address = r.text("dia_chi_gop_y");
    let email = r.email("email_gop_y");
    let has_body = r.body().is_some();
    let files = if r.present("tep").is_some() {
        r.files("tep", true)
    } else {
        if !has_body {
            r.text_or_body("tep");
        }
        Vec::new()
    };
    let agency = r.text("co_quan_chu_tri");
    r.ordered(("ngay_bat_dau", opens), ("ngay_ket_thuc", closes));
    Some(Consultation {
        opens: opens?,
        closes: closes?,
        address: address?,
        email: email?,
        files,
        agency,
    })
}

fn read_comment(r: &mut Reader<'_, '_>) -> Option<Comment> {
    let lang = r.lang();
    let draft = r.page_link("du_thao", Kind::Consultation);
    let date = r.date("ngay_gop_y");
    let from = r.text("to_chuc");
    if r.body().is_none() {
        let m = tr!(lang, CommentEmpty, kind = r.prefix());
        let d = Diagnostic::error(&r.page.file, "kind.missing-field", m)
            .at(r.page.body_line, 0)
            .with_help(M::HelpCommentBody.text(lang));
        r.push(d);
    }
    // A comment is expected within the draft's consultation period.
    if let (Some(link), Some(d)) = (&draft, date) {
        if let Some(i) = r.cx.linked_page(&link.written) {
            let draft_page = &r.cx.site.pages[i];
            let get = |k: &str| draft_page.extra.get(k).and_then(front_matter::parse_date);
            if let (Some(open), Some(close)) = (get("ngay_bat_dau"), get("ngay_ket_thuc")) {
                if days_between(open, d) < 0 || days_between(d, close) < 0 {
                    let m = tr!(
                        lang,
                        CommentOutsidePeriod,
                        kind = r.prefix(),
                        date = d,
                        open = open,
                        close = close
                    );
                    r.warning("ngay_gop_y", "kind.comment-date", m, None);
                }
            }
        }
    }
    Some(Comment {
        draft: draft?,
        date: date?,
        from,
    })
}

fn read_question(r: &mut Reader<'_, '_>) -> Option<Question> {
    let lang = r.lang();
    let code = r.text("ma_theo_doi");
    if let Some(c) = &code {
        let ok = c.len() <= 40
            && c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_./".contains(ch));
        if !ok {
            r.invalid("ma_theo_doi", tr!(lang, WhyCode, value = c));
        }
    }
    let asked = r.date("ngay_hoi");
    let question = r.text("cau_hoi");
    let status = r.choice("tinh_trang").map(|c| c.id);
    let answer = r.text("tra_loi");
    let answered = r.date("ngay_tra_loi");
    let field = r.text("linh_vuc");
    let public = r.boolean("cong_khai_nguoi_hoi").unwrap_or(false);
    let asker = r.text("nguoi_hoi");
    r.text("dia_chi_nguoi_hoi");
    r.phone("dien_thoai_nguoi_hoi");
    r.email("email_nguoi_hoi");
    if status == Some("da_tra_loi") {
        if answer.is_none() && r.present("tra_loi").is_none() && r.body().is_none() {
            let m = tr!(
                lang,
                AnswerMissing,
                kind = r.prefix(),
                field = "tra_loi",
                label = r.spec("tra_loi").label(lang)
            );
            let help = tr!(
                lang,
                HelpAddField,
                field = "tra_loi",
                example = r.spec("tra_loi").example
            );
            r.error("tinh_trang", "kind.missing-field", m, Some(help));
        }
        if answered.is_none() && r.present("ngay_tra_loi").is_none() {
            let m = tr!(
                lang,
                AnswerMissing,
                kind = r.prefix(),
                field = "ngay_tra_loi",
                label = r.spec("ngay_tra_loi").label(lang)
            );
            let help = tr!(
                lang,
                HelpAddField,
                field = "ngay_tra_loi",
                example = r.spec("ngay_tra_loi").example
            );
            r.error("tinh_trang", "kind.missing-field", m, Some(help));
        }
    } else if status.is_some() && (answer.is_some() || answered.is_some()) {
        let m = tr!(lang, AnswerButOpen, kind = r.prefix());
        r.warning(
            "tinh_trang",
            "kind.question-status",
            m,
            Some(M::HelpAnswerStatus.text(lang).to_string()),
        );
    }
    r.ordered(("ngay_hoi", asked), ("ngay_tra_loi", answered));
    Some(Question {
        code: code?,
        asked: asked?,
        question: question?,
        status: status?,
        answer,
        answered,
        field,
        asker: asker.filter(|_| public),
    })
}

fn read_leader(r: &mut Reader<'_, '_>) -> Option<Leader> {
    let position = r.text("chuc_vu");
    let duties = r.texts("nhiem_vu");
    let bio = r.text_or_body("tieu_su");
    let photo = r.files("anh", true).into_iter().next();
    let phone = r.phone("dien_thoai");
    let email = r.email("email");
    Some(Leader {
        position: position?,
        duties: duties?,
        bio: bio?.map(|v| v.join("\n")),
        photo: photo?,
        phone,
        email,
    })
}

fn read_unit(r: &mut Reader<'_, '_>) -> Option<Unit> {
    let functions = r.text_or_body("chuc_nang_nhiem_vu");
    let head = r.text("truong_don_vi");
    let parent = r.page_link("don_vi_cap_tren", Kind::Unit);
    let phone = r.phone("dien_thoai");
    let email = r.email("email");
    let address = r.text("dia_chi");
    Some(Unit {
        functions: functions?.unwrap_or_default(),
        head: head?,
        parent,
        phone,
        email,
        address,
    })
}

fn read_work_schedule(r: &mut Reader<'_, '_>) -> Option<WorkSchedule> {
    let lang = r.lang();
    let from = r.date("tu_ngay");
    let to = r.date("den_ngay");
    r.ordered(("tu_ngay", from), ("den_ngay", to));
    if let (Some(a), Some(b)) = (from, to) {
        let days = days_between(a, b) + 1;
        if days > 7 {
            let m = tr!(lang, WeekTooLong, kind = r.prefix(), days = days);
            r.warning("den_ngay", "kind.schedule-week", m, None);
        }
    }
    let mut entries = Vec::new();
    let mut ok = true;
    match r.present("lich") {
        None => r.missing("lich"),
        Some(toml::Value::Array(items)) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let Some(table) = item.as_table() else {
                    let why = tr!(lang, WhyNotEntry, value = item);
                    r.invalid("lich", why);
                    ok = false;
                    continue;
                };
                let mut e = Reader {
                    cx: r.cx,
                    page: r.page,
                    kind: r.kind,
                    table,
                    path: format!("extra.lich[{i}]"),
                    shown: format!("lich[{}].", i + 1),
                    specs: SCHEDULE_ENTRY,
                    diags: Vec::new(),
                };
                let date = e.date("ngay");
                let time = e.text("gio");
                if let Some(t) = &time {
                    if !is_time(t) {
                        let why = tr!(lang, WhyTime, value = t);
                        e.invalid("gio", why);
                    }
                }
                let content = e.text("noi_dung");
                let place = e.text("dia_diem");
                let attendees = e.text("thanh_phan");
                let chair = e.text("chu_tri");
                if let (Some(d), Some(a), Some(b)) = (date, from, to) {
                    if days_between(a, d) < 0 || days_between(d, b) < 0 {
                        let m = tr!(
                            lang,
                            EntryOutsideWeek,
                            kind = e.prefix(),
                            field = e.field_name("ngay"),
                            date = d,
                            from = a,
                            to = b
                        );
                        e.error("ngay", "kind.schedule-week", m, None);
                    }
                }
                e.unknown_fields();
                ok &= !e.diags.iter().any(Diagnostic::is_error);
                r.diags.append(&mut e.diags);
                if let (Some(date), Some(time), Some(content), Some(place), Some(attendees)) =
                    (date, time, content, place, attendees)
                {
                    entries.push(ScheduleEntry {
                        date,
                        time,
                        content,
                        place,
                        attendees,
                        chair,
                    });
                }
            }
        }
        Some(other) => {
            let why = tr!(lang, WhyNotEntries, value = other);
            r.invalid("lich", why);
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    Some(WorkSchedule {
        from: from?,
        to: to?,
        entries,
    })
}

/// `07:30`, `7h30`, `14h`, or a part of the day (sáng, trưa, chiều, tối, cả ngày).
fn is_time(s: &str) -> bool {
    let f = fold(s.trim());
    if ["sang", "trua", "chieu", "toi", "ca ngay"].contains(&f.as_str()) {
        return true;
    }
    let f = f.replace('h', ":");
    let Some((h, m)) = f.split_once(':') else {
        return false;
    };
    let m = if m.is_empty() { "00" } else { m };
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit())
    };
    digits(h, 1..=2)
        && digits(m, 2..=2)
        && h.parse::<u32>().is_ok_and(|h| h < 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

fn read_product(r: &mut Reader<'_, '_>) -> Option<Product> {
    let business_line = r.text("nganh_nghe");
    let description = r.text_or_body("mo_ta");
    let licence = r.text("giay_phep");
    let image = if r.present("anh").is_some() {
        r.files("anh", false).into_iter().next()
    } else {
        None
    };
    Some(Product {
        business_line: business_line?,
        description: description?.map(|v| v.join("\n")),
        licence,
        image,
    })
}

/// Checks across pages: document numbers and tracking codes are unique, units do not form
/// a cycle.
pub fn cross_checks(cx: &Context<'_>, typed: &[Option<Typed>]) -> Vec<Diagnostic> {
    let lang = cx.lang;
    let mut diags = Vec::new();
    let mut numbers: HashMap<(String, String), usize> = HashMap::new();
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (i, t) in typed.iter().enumerate() {
        let page = &cx.site.pages[i];
        let dup = |field: &str, value: &str, other: usize, kind: Kind| {
            Diagnostic::error(
                &page.file,
                "kind.duplicate",
                tr!(
                    lang,
                    Duplicate,
                    kind = kind.label(lang),
                    field = field,
                    value = value,
                    other = cx.site.pages[other].file
                ),
            )
            .at(line_of(page, &format!("extra.{field}")), 0)
            .with_article(kind.citation())
        };
        match t {
            Some(Typed::LegalDocument(d)) => {
                let key = (d.number.clone(), fold(&d.authority));
                match numbers.get(&key) {
                    Some(&other) => {
                        diags.push(dup("so_ky_hieu", &d.number, other, Kind::LegalDocument))
                    }
                    None => {
                        numbers.insert(key, i);
                    }
                }
            }
            Some(Typed::Question(q)) => match codes.get(&q.code) {
                Some(&other) => diags.push(dup("ma_theo_doi", &q.code, other, Kind::Question)),
                None => {
                    codes.insert(q.code.clone(), i);
                }
            },
            _ => {}
        }
    }
    // Units: following `don_vi_cap_tren` must end at a top unit.
    let parent_of = |i: usize| match &typed[i] {
        Some(Typed::Unit(u)) => u.parent.as_ref().and_then(|p| cx.linked_page(&p.written)),
        _ => None,
    };
    for (i, t) in typed.iter().enumerate() {
        if !matches!(t, Some(Typed::Unit(_))) {
            continue;
        }
        let mut chain = vec![i];
        let mut cur = i;
        while let Some(p) = parent_of(cur) {
            if p == i {
                let names: Vec<&str> = chain
                    .iter()
                    .chain([&i])
                    .map(|&j| cx.site.pages[j].title.as_str())
                    .collect();
                let page = &cx.site.pages[i];
                diags.push(
                    Diagnostic::error(
                        &page.file,
                        "kind.unit-cycle",
                        tr!(lang, UnitCycle, chain = names.join(" → ")),
                    )
                    .at(line_of(page, "extra.don_vi_cap_tren"), 0)
                    .with_article(Kind::Unit.citation()),
                );
                break;
            }
            if chain.contains(&p) {
                break;
            }
            chain.push(p);
            cur = p;
        }
    }
    diags
}

/// The extra fields of a page that may be published: the asker's personal data of a
/// question is removed unless `cong_khai_nguoi_hoi = true`. Themes render this, not
/// `page.extra`.
pub fn public_extra(kind: Option<Kind>, extra: &toml::Table) -> toml::Table {
    let mut out = extra.clone();
    out.remove("da_kiem_tra_ca_nhan");
    if let Some(k) = kind {
        let public = extra
            .get("cong_khai_nguoi_hoi")
            .and_then(toml::Value::as_bool)
            == Some(true);
        if !public {
            for spec in k
                .fields()
                .iter()
                .filter(|s| s.presence == Presence::Private)
            {
                out.remove(spec.key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_in_both_languages() {
        assert_eq!(Kind::parse("legal_document"), Some(Kind::LegalDocument));
        assert_eq!(Kind::parse("van-ban"), Some(Kind::LegalDocument));
        assert_eq!(Kind::parse(" Lich_Cong_Tac "), Some(Kind::WorkSchedule));
        assert_eq!(Kind::parse("lich-lam-viec"), Some(Kind::WorkSchedule));
        assert_eq!(Kind::parse("tin"), None);
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.id()), Some(*k));
            assert_eq!(Kind::parse(k.vietnamese_id()), Some(*k));
        }
    }

    #[test]
    fn field_keys_are_unique_and_editor_friendly() {
        for k in Kind::ALL {
            let mut seen = BTreeSet::new();
            for s in k.fields().iter().chain(COMMON) {
                assert!(seen.insert(s.key), "{k:?}: {} twice", s.key);
                assert!(
                    s.key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{}",
                    s.key
                );
                assert!(!s.example.is_empty() && !s.vi.is_empty() && !s.en.is_empty());
            }
        }
    }

    #[test]
    fn values_that_look_right() {
        for ok in ["a@ninhbinh.gov.vn", "van.phong+1@x-y.vn"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["a", "a@b", "@b.vn", "a b@c.vn", "a@.vn", "a@b.vn."] {
            assert!(!is_email(bad), "{bad}");
        }
        for ok in [
            "0229 3871 234",
            "(0229) 3.871.234",
            "+84 229 3871 234",
            "0912345678; 0229 3871 235",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "0229 3871 234 ext", "02-29+38", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(is_url("https://ninhbinh.gov.vn") && is_url("http://a.vn/x?y"));
        assert!(
            !is_url("ninhbinh.gov.vn")
                && !is_url("https://localhost")
                && !is_url("https://a.vn/x y")
        );
        for ok in ["07:30", "7h30", "14h", "Sáng", "chiều", "Cả ngày", "23:59"] {
            assert!(is_time(ok), "{ok}");
        }
        for bad in ["25:00", "7:75", "buổi sáng sớm", ""] {
            assert!(!is_time(bad), "{bad}");
        }
    }

    #[test]
    fn consultation_status_follows_the_date() {
        let d = |s| Date::parse(s).unwrap();
        let c = Consultation {
            opens: d("2025-06-01"),
            closes: d("2025-06-30"),
            address: String::new(),
            email: String::new(),
            files: vec![],
            agency: None,
        };
        assert_eq!(c.status(d("2025-05-31")), ConsultationStatus::Upcoming);
        assert_eq!(c.status(d("2025-06-01")), ConsultationStatus::Open);
        assert_eq!(c.status(d("2025-06-30")), ConsultationStatus::Open);
        assert_eq!(c.status(d("2025-07-01")), ConsultationStatus::Closed);
    }

    #[test]
    fn private_fields_are_not_public_without_consent() {
        let extra: toml::Table = toml::from_str("ma_theo_doi = 'A'\nnguoi_hoi = 'B'\nemail_nguoi_hoi = 'c@d.vn'\nda_kiem_tra_ca_nhan = ['x']").unwrap();
        let out = public_extra(Some(Kind::Question), &extra);
        assert_eq!(out.keys().collect::<Vec<_>>(), ["ma_theo_doi"]);
        let mut consent = extra.clone();
        consent.insert("cong_khai_nguoi_hoi".into(), toml::Value::Boolean(true));
        assert!(public_extra(Some(Kind::Question), &consent).contains_key("nguoi_hoi"));
    }
}
