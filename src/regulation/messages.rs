//! Every message of the regulation checks, in Vietnamese and English, in one table.
//!
//! Rules name a message ([`M`]) and its arguments with the `tr!` macro; the language is
//! chosen per run (`trang check --lang en`). Keeping the text here, away from the rules,
//! makes a translation a change to one file, and a test checks that both languages use the
//! same placeholders.

use serde::Serialize;
use std::fmt::Display;

/// The language of messages and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

macro_rules! messages {
    ($($name:ident => $vi:literal, $en:literal;)*) => {
        /// A message of the regulation checks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum M { $($name),* }

        impl M {
            /// Every message, for tests.
            pub const ALL: &'static [M] = &[$(M::$name),*];

            /// The text with its `{placeholders}`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((M::$name, Lang::Vi) => $vi, (M::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

/// Fills `{name}` placeholders.
pub fn render(lang: Lang, m: M, args: &[(&str, &dyn Display)]) -> String {
    let mut out = m.text(lang).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// `tr!(lang, Message, name = value, …)` → the message in `lang` with its placeholders filled.
macro_rules! tr {
    ($lang:expr, $m:ident $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::regulation::messages::render(
            $lang,
            $crate::regulation::messages::M::$m,
            &[$((stringify!($k), &$v as &dyn std::fmt::Display)),*],
        )
    };
}

messages! {
    // Kinds and their fields.
    KindUnknown => "loại nội dung kind = \"{kind}\" không có; các loại: {valid}",
        "unknown kind \"{kind}\"; the kinds are: {valid}";
    HelpKindUnknown => "sửa `kind` trong _index.md của mục theo một tên trong danh sách (tiếng Anh hoặc tiếng Việt đều được)",
        "fix `kind` in the section's _index.md to one of the listed names (English or Vietnamese)";
    FieldMissing => "{kind}: thiếu trường `{field}` ({label})",
        "{kind}: missing field `{field}` ({label})";
    FieldOrBodyMissing => "{kind}: thiếu {label}: ghi vào trường `{field}` hoặc vào nội dung trang",
        "{kind}: missing {label}: write it in the field `{field}` or in the page's text";
    FieldInvalid => "{kind}: trường `{field}` ({label}) không hợp lệ: {why}",
        "{kind}: field `{field}` ({label}) is invalid: {why}";
    FieldUnknown => "{kind}: trường `{field}` không thuộc loại nội dung này; các trường: {valid}",
        "{kind}: field `{field}` is not part of this kind; its fields are: {valid}";
    HelpUnknownField => "sửa tên trường nếu gõ nhầm; trường riêng của giao diện vẫn được dùng bình thường",
        "fix the name if it is a typo; a theme's own field still works";
    HelpAddField => "thêm vào bảng [extra] của trang: {field} = {example}",
        "add to the page's [extra] table: {field} = {example}";
    HelpAddEntryField => "thêm vào mục lịch này: {field} = {example}",
        "add to this schedule entry: {field} = {example}";
    HelpExample => "ví dụ: {field} = {example}",
        "for example: {field} = {example}";
    TitleMissing => "{kind}: thiếu `title` ({label})",
        "{kind}: missing `title` ({label})";
    HelpTitle => "thêm title = \"...\" vào đầu trang (front matter)",
        "add title = \"...\" to the front matter";
    DateMissing => "{kind}: thiếu `date` (ngày đăng)",
        "{kind}: missing `date` (publication date)";
    HelpDate => "thêm date = 2025-06-02 vào đầu trang (front matter), hoặc đặt tên tệp dạng 2025-06-02-ten-bai.md",
        "add date = 2025-06-02 to the front matter, or name the file 2025-06-02-title.md";
    WhyEmpty => "đang để trống", "it is empty";
    WhyNotText => "phải là chuỗi văn bản trong ngoặc kép, không phải {value}",
        "it must be text in quotes, not {value}";
    WhyNotTextItem => "mỗi phần tử phải là chuỗi văn bản không rỗng, không phải {value}",
        "each item must be non-empty text, not {value}";
    WhyNotDate => "{value} không phải ngày; viết dạng năm-tháng-ngày, không có ngoặc kép",
        "{value} is not a date; write it as year-month-day, without quotes";
    WhyChoice => "\"{value}\" không phải giá trị được chấp nhận; chọn một trong: {valid}",
        "\"{value}\" is not accepted; choose one of: {valid}";
    WhyNotEmail => "\"{value}\" không phải địa chỉ thư điện tử",
        "\"{value}\" is not an email address";
    WhyNotPhone => "\"{value}\" không giống số điện thoại",
        "\"{value}\" does not look like a phone number";
    WhyNotUrl => "\"{value}\" không phải địa chỉ bắt đầu bằng https:// hoặc http://",
        "\"{value}\" is not an address starting with https:// or http://";
    WhyNotBool => "phải là true hoặc false, không phải {value}",
        "it must be true or false, not {value}";
    WhyNotLink => "\"{value}\" không phải liên kết tới trang; viết dạng \"@/thu-muc/tep.md\"",
        "\"{value}\" is not a link to a page; write it as \"@/folder/file.md\"";
    WhyReference => "\"{value}\" không phải liên kết \"@/...md\" hay số ký hiệu hợp lệ: {why}",
        "\"{value}\" is neither a \"@/...md\" link nor a valid number and symbol: {why}";
    WhyForm => "\"{value}\" không phải hình thức văn bản; chọn một trong: {valid}",
        "\"{value}\" is not a document form; choose one of: {valid}";
    WhyNegative => "kinh phí không thể âm", "a budget cannot be negative";
    WhyMoney => "phải là số đồng (12500000000) hoặc chuỗi như \"12,5 tỷ đồng\", không phải {value}",
        "it must be a number of đồng (12500000000) or text such as \"12,5 tỷ đồng\", not {value}";
    WhyCode => "\"{value}\" chỉ được gồm chữ không dấu, chữ số và - _ . / (tối đa 40 ký tự)",
        "\"{value}\" may only hold ASCII letters, digits and - _ . / (40 characters at most)";
    WhyTime => "\"{value}\" không phải giờ; viết 07:30, 14h hoặc sáng, trưa, chiều, tối, cả ngày",
        "\"{value}\" is not a time; write 07:30, 14h, or sáng, trưa, chiều, tối, cả ngày";
    WhyNotEntry => "mỗi mục lịch phải là một bảng [[extra.lich]], không phải {value}",
        "each entry must be a table [[extra.lich]], not {value}";
    WhyNotEntries => "phải là danh sách các bảng [[extra.lich]] có ít nhất một mục, không phải {value}",
        "it must be a list of [[extra.lich]] tables with at least one entry, not {value}";
    FileMissing => "{kind}: tệp `{file}` trong `{field}` không tồn tại",
        "{kind}: the file `{file}` in `{field}` does not exist";
    HelpFileMissing => "đặt tệp cạnh trang (trang dạng thư mục index.md) và ghi tên tệp, hoặc đặt trong static/ và ghi đường dẫn bắt đầu bằng / (static/tep/a.pdf → \"/tep/a.pdf\"), hoặc ghi địa chỉ https://",
        "put the file next to the page (a folder with index.md) and write its name, or put it under static/ and write its path from / (static/files/a.pdf → \"/files/a.pdf\"), or give an https:// address";
    LinkMissing => "{kind}: `{field}` trỏ tới {target}, không có trang này",
        "{kind}: `{field}` points to {target}, which does not exist";
    HelpLink => "viết đường dẫn của tệp tính từ thư mục content/, ví dụ \"@/don-vi/van-phong.md\"",
        "write the file's path relative to content/, e.g. \"@/units/office.md\"";
    LinkWrongKind => "{kind}: `{field}` trỏ tới {target}, không phải trang loại {expected}",
        "{kind}: `{field}` points to {target}, which is not a page of kind {expected}";
    DateBefore => "{kind}: `{field}` ({label}, {date}) trước `{other}` ({other_label}, {other_date})",
        "{kind}: `{field}` ({label}, {date}) is before `{other}` ({other_label}, {other_date})";
    DateInFuture => "{kind}: `{field}` ({date}) ở sau ngày kiểm tra ({today})",
        "{kind}: `{field}` ({date}) is after the check date ({today})";
    Duplicate => "{kind}: `{field}` \"{value}\" trùng với {other}",
        "{kind}: `{field}` \"{value}\" is also used by {other}";
    // Documents.
    SymbolInvalid => "{kind}: số ký hiệu \"{value}\" không đúng: {why}",
        "{kind}: number and symbol \"{value}\" is wrong: {why}";
    HelpSymbol => "văn bản quy phạm pháp luật: số/năm/mã loại-mã cơ quan, ví dụ 14/2015/QĐ-UBND; văn bản hành chính: số/mã loại-mã cơ quan, ví dụ 123/QĐ-UBND; công văn: 123/UBND-VP",
        "legal normative document: number/year/type-issuer, e.g. 14/2015/QĐ-UBND; administrative document: number/type-issuer, e.g. 123/QĐ-UBND; official letter: 123/UBND-VP";
    SymbolSpaces => "có khoảng trắng; viết liền: {fixed}", "it contains spaces; write it as {fixed}";
    SymbolShape => "phải có dạng số/mã hoặc số/năm/mã", "it must read number/codes or number/year/codes";
    SymbolNumber => "phần số phải gồm 1 đến 6 chữ số", "the number must have 1 to 6 digits";
    SymbolYear => "phần năm phải có 4 chữ số, từ 1945", "the year must have 4 digits, from 1945";
    SymbolCodes => "phần mã phải là các chữ viết tắt nối bằng dấu -, ví dụ QĐ-UBND",
        "the codes must be abbreviations joined by -, e.g. QĐ-UBND";
    SymbolNeedsYear => "{form} là văn bản quy phạm pháp luật nên số ký hiệu phải có năm, ví dụ 43/2011/NĐ-CP",
        "a {form} is a legal normative document, so its symbol carries the year, e.g. 43/2011/NĐ-CP";
    SymbolNoYear => "{form} là văn bản hành chính nên số ký hiệu không có năm, ví dụ 123/KH-UBND",
        "a {form} is an administrative document, so its symbol has no year, e.g. 123/KH-UBND";
    SymbolCode => "mã loại văn bản là {code} nhưng hình thức là {form} (mã {expected})",
        "the type code is {code} but the form is {form} (code {expected})";
    SymbolYearMismatch => "năm trong số ký hiệu ({year}) khác năm ban hành ({issued})",
        "the year of the symbol ({year}) is not the year of issue ({issued})";
    InForceButReplaced => "{kind}: ghi còn hiệu lực nhưng đã có văn bản thay thế (`bi_thay_the_boi`)",
        "{kind}: marked in force but replaced (`bi_thay_the_boi`)";
    InForceButExpired => "{kind}: ghi còn hiệu lực nhưng đã hết hiệu lực từ {date}",
        "{kind}: marked in force but expired on {date}";
    HelpDocumentStatus => "sửa tinh_trang = \"het_hieu_luc\" (hoặc \"het_hieu_luc_mot_phan\")",
        "set tinh_trang = \"het_hieu_luc\" (or \"het_hieu_luc_mot_phan\")";
    // Consultations, questions, schedules, units.
    CommentEmpty => "{kind}: nội dung ý kiến góp ý đang để trống",
        "{kind}: the comment has no text";
    HelpCommentBody => "ghi nội dung ý kiến vào phần thân trang, sau dòng +++ thứ hai",
        "write the comment below the second +++ line";
    CommentOutsidePeriod => "{kind}: ngày góp ý {date} nằm ngoài thời hạn lấy ý kiến ({open} – {close})",
        "{kind}: the comment date {date} is outside the consultation period ({open} – {close})";
    AnswerMissing => "{kind}: đã trả lời nhưng thiếu `{field}` ({label})",
        "{kind}: answered but `{field}` ({label}) is missing";
    AnswerButOpen => "{kind}: có câu trả lời nhưng tinh_trang chưa là \"da_tra_loi\"",
        "{kind}: there is an answer but tinh_trang is not \"da_tra_loi\"";
    HelpAnswerStatus => "sửa tinh_trang = \"da_tra_loi\" khi đã trả lời",
        "set tinh_trang = \"da_tra_loi\" once answered";
    WeekTooLong => "{kind}: lịch kéo dài {days} ngày, quá một tuần",
        "{kind}: the schedule spans {days} days, more than a week";
    EntryOutsideWeek => "{kind}: `{field}` ({date}) nằm ngoài tuần {from} – {to}",
        "{kind}: `{field}` ({date}) is outside the week {from} – {to}";
    UnitCycle => "Đơn vị: `don_vi_cap_tren` tạo thành vòng lặp: {chain}",
        "Unit: `don_vi_cap_tren` forms a loop: {chain}";
    // Fields common to every page.
    MarkUnknown => "`dap_ung`: \"{id}\" không phải yêu cầu của quy định áp dụng cho trang này; các yêu cầu: {valid}",
        "`dap_ung`: \"{id}\" is not a requirement of this site's regulation; the requirements are: {valid}";
    ApprovalMissing => "trang chưa ghi thành viên Ban Biên tập đã duyệt (`duyet_boi`)",
        "the page does not name the editorial board member who approved it (`duyet_boi`)";
    HelpApproval => "thêm vào bảng [extra] của trang: duyet_boi = \"Họ tên thành viên Ban Biên tập\"",
        "add to the page's [extra] table: duyet_boi = \"Name of the board member\"";
    ApproverUnknown => "`duyet_boi` = \"{name}\" không có trong danh sách Ban Biên tập: {board}",
        "`duyet_boi` = \"{name}\" is not on the editorial board: {board}";
    SampleContent => "nội dung mẫu cần thay: trang còn là nội dung mẫu của bộ khởi tạo (`mau = true`)",
        "sample content to replace: the page is still the starter's sample (`mau = true`)";
    HelpSampleContent => "viết nội dung thật của đơn vị, rồi xóa dòng mau = true trong [extra]; trang không cần thì xóa tệp",
        "write the unit's real content, then remove mau = true from [extra]; delete the file if the site does not need it";
    HelpApprover => "ghi đúng họ tên như trong [editorial] board của trang.toml",
        "write the name as in [editorial] board of trang.toml";
    // Personal information (Điều 5).
    PageLabel => "Trang", "Page";
    PiiCitizenId => "có vẻ là số CMND/CCCD của công dân: {value}",
        "this looks like a citizen ID number: {value}";
    PiiMobile => "có vẻ là số điện thoại di động cá nhân: {value}",
        "this looks like a personal mobile number: {value}";
    PiiEmail => "có vẻ là hộp thư cá nhân: {value}",
        "this looks like a private email address: {value}";
    HelpPii => "xóa thông tin cá nhân khỏi nội dung công bố; nếu đã được người đó đồng ý, ghi vào [extra]: da_kiem_tra_ca_nhan = [\"{value}\"]",
        "remove the personal data from the published text; if the person agreed, add to [extra]: da_kiem_tra_ca_nhan = [\"{value}\"]";
    // trang.toml.
    ConfigMissingField => "{table}: thiếu `{field}` ({label})",
        "{table}: missing `{field}` ({label})";
    ConfigInvalid => "{table}: `{field}` ({label}) không hợp lệ: {why}",
        "{table}: `{field}` ({label}) is invalid: {why}";
    ConfigFaxMissing => "{table}: chưa có số fax (`fax`); quy định liệt kê số fax trong thông tin giao dịch",
        "{table}: no fax number (`fax`); the regulation lists it among the transaction details";
    HelpConfig => "xem mục \"Cấu hình liên hệ\" trong docs/vi/quy-dinh.md",
        "see \"Contacts in trang.toml\" in docs/en/regulation.md";
    EmailNotOfficial => "`{field}` = \"{value}\" là hộp thư cá nhân, không phải thư điện tử chính thức",
        "`{field}` = \"{value}\" is a private mailbox, not an official email address";
    HelpOfficialEmail => "dùng hộp thư công vụ của đơn vị (ví dụ …@ninhbinh.gov.vn)",
        "use the unit's official mailbox (e.g. …@ninhbinh.gov.vn)";
    FreshnessUnknown => "[freshness]: \"{id}\" không phải yêu cầu của quy định áp dụng; các yêu cầu: {valid}",
        "[freshness]: \"{id}\" is not a requirement of the site's regulation; the requirements are: {valid}";
    // Requirements.
    RequirementMissing => "chưa đáp ứng yêu cầu `{id}`: {title}",
        "requirement `{id}` is not met: {title}";
    StaleDetail => "cập nhật lần cuối ngày {date}, đã {age} ngày (tối đa {max} ngày)",
        "last updated on {date}, {age} days ago (at most {max} days)";
    UndatedDetail => "không xác định được ngày cập nhật (tối đa {max} ngày)",
        "no date shows when it was last updated (at most {max} days)";
    RequirementStale => "{title}: {detail}", "{title}: {detail}";
    HintKindSection => "tạo một mục (_index.md) có kind = \"{kind}\" (hoặc \"{kind_vi}\")",
        "create a section (_index.md) with kind = \"{kind}\" (or \"{kind_vi}\")";
    HintKindPages => "tạo một mục (_index.md) có kind = \"{kind}\" (hoặc \"{kind_vi}\") với ít nhất {min} trang",
        "create a section (_index.md) with kind = \"{kind}\" (or \"{kind_vi}\") holding at least {min} page(s)";
    HintContact => "khai báo [contact] trong trang.toml: name, title, unit, phone hoặc fax, email",
        "declare [contact] in trang.toml: name, title, unit, phone or fax, email";
    HintTransaction => "khai báo [[transaction_contacts]] trong trang.toml: address, phone, fax, email, updated",
        "declare [[transaction_contacts]] in trang.toml: address, phone, fax, email, updated";
    HintFeedbackEmail => "khai báo feedback_email = \"...\" trong trang.toml",
        "declare feedback_email = \"...\" in trang.toml";
    HintSearch => "bật tìm kiếm: [search] enabled = true trong trang.toml (mặc định đã bật)",
        "turn search on: [search] enabled = true in trang.toml (the default)";
    HintPortal => "khai báo portal_url = \"https://ninhbinh.gov.vn\" trong trang.toml",
        "declare portal_url = \"https://ninhbinh.gov.vn\" in trang.toml";
    HintMark => "ghi dap_ung = [\"{id}\"] trong [extra] của trang đáp ứng yêu cầu",
        "write dap_ung = [\"{id}\"] in the [extra] table of the page that meets it";
    HintOr => "; hoặc ", "; or ";
    HintStale => "cập nhật nội dung; nếu đã xem lại mà không cần sửa, ghi ngày xem lại: ngay_cap_nhat = {today} trong [extra]",
        "update the content; if it was reviewed and still holds, record it: ngay_cap_nhat = {today} in [extra]";
    HintStaleContacts => "xác nhận lại thông tin giao dịch và ghi updated = {today} trong [[transaction_contacts]]",
        "confirm the transaction contacts and set updated = {today} in [[transaction_contacts]]";
    HintStaleSchedule => "đăng lịch công tác của tuần này (tu_ngay, den_ngay và các buổi [[extra.lich]])",
        "publish this week's schedule (tu_ngay, den_ngay and its [[extra.lich]] entries)";
    DetailPages => "{count} trang", "{count} page(s)";
    DetailSearch => "tìm kiếm tích hợp của trang", "trang's built-in search";
    DetailLatest => "mới nhất ngày {date}, {age} ngày trước", "newest on {date}, {age} days ago";
    // Manifests.
    HelpManifestFormat => "xem định dạng tệp quy định trong docs/vi/quy-dinh.md (mục \"Tệp quy định riêng\")",
        "see the manifest format in docs/en/regulation.md (\"A site's own manifest\")";
    ManifestBadId => "id \"{id}\" chỉ được gồm chữ thường không dấu, chữ số, - và _",
        "id \"{id}\" may only hold lower-case ASCII letters, digits, - and _";
    ManifestDuplicateId => "yêu cầu `{id}` trùng id với yêu cầu ở dòng {line}",
        "requirement `{id}` has the same id as the one on line {line}";
    ManifestEmpty => "yêu cầu `{id}`: `{key}` đang để trống",
        "requirement `{id}`: `{key}` is empty";
    ManifestZeroAge => "yêu cầu `{id}`: max_age_days phải lớn hơn 0 (bỏ dòng này nếu không theo dõi độ mới)",
        "requirement `{id}`: max_age_days must be above 0 (leave it out to track no age)";
    ManifestCriterion => "yêu cầu `{id}`: mỗi cách đáp ứng trong satisfied_by ghi đúng một trong kind (có thể kèm min), config, feature",
        "requirement `{id}`: each way in satisfied_by names exactly one of kind (with an optional min), config, feature";
    ManifestUnknownKind => "yêu cầu `{id}`: loại nội dung \"{kind}\" không có; các loại: {valid}",
        "requirement `{id}`: unknown kind \"{kind}\"; the kinds are: {valid}";
    ManifestRemoveUnknown => "`remove`: \"{id}\" không phải yêu cầu có sẵn; các yêu cầu: {valid}",
        "`remove`: \"{id}\" is not a built-in requirement; the requirements are: {valid}";
    ManifestUnreadable => "không đọc được tệp quy định riêng: {error}",
        "cannot read the site's manifest: {error}";
    HelpManifestPath => "sửa `manifest` trong trang.toml: đường dẫn tính từ thư mục của trang, ví dụ manifest = \"quy-dinh.toml\"",
        "fix `manifest` in trang.toml: a path relative to the site's folder, e.g. manifest = \"rules.toml\"";
    // Report.
    StatusMet => "đạt", "met";
    StatusMissing => "thiếu", "missing";
    StatusStale => "cần cập nhật", "stale";
    ReportTitle => "Kiểm tra theo {regulation}", "Check against {regulation}";
    ReportSite => "Trang: {title} — {unit} — ngày kiểm tra {today}",
        "Site: {title} — {unit} — checked on {today}";
    ReportRequirements => "Yêu cầu ({count}):", "Requirements ({count}):";
    ReportContent => "Nội dung:", "Content:";
    ReportNoProblem => "  Không có lỗi hay cảnh báo.", "  No errors or warnings.";
    ReportMore => "… và {count} tệp khác", "… and {count} more files";
    ReportHint => "cách đáp ứng", "how to meet it";
    ReportHelp => "gợi ý", "help";
    SeverityError => "lỗi", "error";
    SeverityWarning => "cảnh báo", "warning";
    SeverityNote => "ghi chú", "note";
    ReportSummary => "Tóm tắt: {met}/{total} yêu cầu đạt, {missing} thiếu, {stale} cần cập nhật; {errors} lỗi, {warnings} cảnh báo.",
        "Summary: {met}/{total} requirements met, {missing} missing, {stale} stale; {errors} error(s), {warnings} warning(s).";
    ReportPassed => "Kết quả: ĐẠT", "Result: PASSED";
    ReportFailed => "Kết quả: CHƯA ĐẠT", "Result: FAILED";
    ReportStrict => " (--strict: cảnh báo cũng tính là chưa đạt)", " (--strict: warnings fail too)";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect()
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for m in M::ALL {
            let (vi, en) = (m.text(Lang::Vi), m.text(Lang::En));
            assert_eq!(placeholders(vi), placeholders(en), "{m:?}");
            assert!(!vi.is_empty() && !en.is_empty(), "{m:?}");
        }
    }

    #[test]
    fn render_fills_placeholders() {
        let s = tr!(
            Lang::Vi,
            FieldMissing,
            kind = "Văn bản",
            field = "so_ky_hieu",
            label = "số, ký hiệu"
        );
        assert_eq!(s, "Văn bản: thiếu trường `so_ky_hieu` (số, ký hiệu)");
        let s = tr!(
            Lang::En,
            FieldMissing,
            kind = "Legal document",
            field = "so_ky_hieu",
            label = "number and symbol"
        );
        assert_eq!(
            s,
            "Legal document: missing field `so_ky_hieu` (number and symbol)"
        );
    }
}
