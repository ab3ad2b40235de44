//! Forms of Vietnamese documents and their number/symbol ("số, ký hiệu").
//!
//! Điều 7 khoản 1 điểm e asks a state agency's site to state each document's form, number and
//! symbol. The symbol has two shapes: a legal normative document (văn bản quy phạm pháp luật,
//! Luật Ban hành VBQPPL 2015) carries its year, `14/2015/QĐ-UBND`; an administrative
//! document (Nghị định 30/2020/NĐ-CP, Phụ lục I and III) does not, `123/QĐ-UBND`, and an
//! official letter (công văn) has no type code, `123/UBND-VP`. Pure functions.

/// Whether a form's symbol carries the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolShape {
    /// Always a legal normative document: `số/năm/mã`.
    Normative,
    /// Always without the year: `số/mã`.
    Administrative,
    /// Either (a Quyết định may be normative or individual).
    Either,
}

/// One form of document: its name, the type code of its symbol, and the symbol's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentForm {
    pub name: &'static str,
    /// The type code that starts the symbol's letters (`QĐ`), when the form has one.
    pub code: Option<&'static str>,
    pub shape: SymbolShape,
}

const fn form(name: &'static str, code: Option<&'static str>, shape: SymbolShape) -> DocumentForm {
    DocumentForm { name, code, shape }
}

use SymbolShape::{Administrative as A, Either as E, Normative as N};

/// The forms accepted in `hinh_thuc`: legal normative documents (Luật Ban hành VBQPPL 2015,
/// Điều 4) and administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục III).
pub const DOCUMENT_FORMS: &[DocumentForm] = &[
    form("Hiến pháp", None, N),
    form("Bộ luật", None, N),
    form("Luật", None, N),
    form("Pháp lệnh", None, N),
    form("Lệnh", Some("L"), N),
    form("Nghị quyết", Some("NQ"), E),
    form("Nghị quyết liên tịch", Some("NQLT"), N),
    form("Nghị định", Some("NĐ"), N),
    form("Quyết định", Some("QĐ"), E),
    form("Thông tư", Some("TT"), N),
    form("Thông tư liên tịch", Some("TTLT"), N),
    form("Chỉ thị", Some("CT"), E),
    form("Văn bản hợp nhất", Some("VBHN"), A),
    form("Quy chế", Some("QC"), A),
    form("Quy định", Some("QyĐ"), A),
    form("Thông cáo", Some("TC"), A),
    form("Thông báo", Some("TB"), A),
    form("Hướng dẫn", Some("HD"), A),
    form("Chương trình", Some("CTr"), A),
    form("Kế hoạch", Some("KH"), A),
    form("Phương án", Some("PA"), A),
    form("Đề án", Some("ĐA"), A),
    form("Dự án", Some("DA"), A),
    form("Báo cáo", Some("BC"), A),
    form("Biên bản", Some("BB"), A),
    form("Tờ trình", Some("TTr"), A),
    form("Hợp đồng", Some("HĐ"), A),
    form("Công văn", None, A),
    form("Công điện", Some("CĐ"), A),
    form("Bản ghi nhớ", Some("BGN"), A),
    form("Bản thỏa thuận", Some("BTT"), A),
    form("Giấy ủy quyền", Some("GUQ"), A),
    form("Giấy mời", Some("GM"), A),
    form("Giấy giới thiệu", Some("GGT"), A),
    form("Giấy nghỉ phép", Some("GNP"), A),
    form("Phiếu gửi", Some("PG"), A),
    form("Phiếu chuyển", Some("PC"), A),
    form("Phiếu báo", Some("PB"), A),
    form("Thư công", None, A),
];

/// Finds a form by name, ignoring case, diacritics and tone placement (`quyet dinh`,
/// `Quyết Định`, `thỏa`/`thoả` all match).
pub fn find_form(name: &str) -> Option<&'static DocumentForm> {
    let key = crate::vi::fold(name.trim());
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    DOCUMENT_FORMS
        .iter()
        .find(|f| crate::vi::fold(f.name) == key)
}

/// A parsed number/symbol.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentNumber {
    /// The number as written (`01`, `14`).
    pub number: String,
    /// The year of a normative document's symbol.
    pub year: Option<i32>,
    /// The letter codes: the type code (when the form has one) and the issuing bodies,
    /// e.g. `["QĐ", "UBND"]`.
    pub codes: Vec<String>,
}

/// Why a symbol is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SymbolError {
    /// It contains spaces; the value without them is suggested.
    Spaces(String),
    /// Not `số/mã` or `số/năm/mã`.
    Shape,
    /// The number is not 1 to 6 digits.
    Number,
    /// The middle part is not a four-digit year.
    Year,
    /// The letter codes are not letters and digits joined by `-`.
    Codes,
}

/// Parses `14/2015/QĐ-UBND`, `123/QĐ-UBND` or `123/UBND-VP`.
pub fn parse_symbol(raw: &str) -> Result<DocumentNumber, SymbolError> {
    let s = raw.trim();
    if s.chars().any(char::is_whitespace) {
        return Err(SymbolError::Spaces(s.split_whitespace().collect()));
    }
    // Legacy conversions leave the Icelandic eth where Vietnamese Đ belongs.
    let s = s.replace('\u{00D0}', "Đ");
    let parts: Vec<&str> = s.split('/').collect();
    let (number, year, codes) = match parts.as_slice() {
        [n, c] => (*n, None, *c),
        [n, y, c] => (*n, Some(*y), *c),
        _ => return Err(SymbolError::Shape),
    };
    if number.is_empty() || number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SymbolError::Number);
    }
    let year = match year {
        None => None,
        Some(y) => {
            let ok = y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
            let v: i32 = if ok { y.parse().unwrap_or(0) } else { 0 };
            if !(1945..=2100).contains(&v) {
                return Err(SymbolError::Year);
            }
            Some(v)
        }
    };
    let codes: Vec<String> = codes.split('-').map(str::to_string).collect();
    let valid = |c: &String| {
        c.chars().next().is_some_and(char::is_alphabetic) && c.chars().all(char::is_alphanumeric)
    };
    if codes.is_empty() || !codes.iter().all(valid) {
        return Err(SymbolError::Codes);
    }
    Ok(DocumentNumber {
        number: number.to_string(),
        year,
        codes,
    })
}

/// What a parsed symbol says against the document's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormMismatch {
    /// A normative-only form written without the year.
    NeedsYear,
    /// An administrative form written with a year.
    NoYear,
    /// The type code is not the form's (found, expected).
    Code(String, &'static str),
}

/// Checks a symbol against the form: year or not, and the type code.
pub fn check_form(number: &DocumentNumber, form: &DocumentForm) -> Option<FormMismatch> {
    match (form.shape, number.year) {
        (SymbolShape::Normative, None) => return Some(FormMismatch::NeedsYear),
        (SymbolShape::Administrative, Some(_)) => return Some(FormMismatch::NoYear),
        _ => {}
    }
    let code = form.code?;
    let first = number.codes.first()?;
    if first != code {
        return Some(FormMismatch::Code(first.clone(), code));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_in_both_shapes_parse() {
        let ok = [
            ("14/2015/QĐ-UBND", "14", Some(2015), vec!["QĐ", "UBND"]),
            ("123/QĐ-UBND", "123", None, vec!["QĐ", "UBND"]),
            ("43/2011/NĐ-CP", "43", Some(2011), vec!["NĐ", "CP"]),
            ("09/2014/TT-BTTTT", "09", Some(2014), vec!["TT", "BTTTT"]),
            ("80/2015/QH13", "80", Some(2015), vec!["QH13"]),
            ("314/TTr-STTTT", "314", None, vec!["TTr", "STTTT"]),
            ("123/UBND-VP", "123", None, vec!["UBND", "VP"]),
            (
                "01/2016/TTLT-BTC-BTP",
                "01",
                Some(2016),
                vec!["TTLT", "BTC", "BTP"],
            ),
            ("5/\u{00D0}A-UBND", "5", None, vec!["ĐA", "UBND"]),
        ];
        for (raw, number, year, codes) in ok {
            let n = parse_symbol(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
            assert_eq!((n.number.as_str(), n.year), (number, year), "{raw}");
            assert_eq!(n.codes, codes, "{raw}");
        }
    }

    #[test]
    fn malformed_symbols_say_why() {
        let bad = [
            (
                "14 /2015/QĐ-UBND",
                SymbolError::Spaces("14/2015/QĐ-UBND".into()),
            ),
            ("QĐ-UBND", SymbolError::Shape),
            ("14/2015/QĐ/UBND/x", SymbolError::Shape),
            ("", SymbolError::Shape),
            ("/QĐ-UBND", SymbolError::Number),
            ("14a/QĐ-UBND", SymbolError::Number),
            ("14/15/QĐ-UBND", SymbolError::Year),
            ("14/1900/QĐ-UBND", SymbolError::Year),
            ("14/2015/QĐ--UBND", SymbolError::Codes),
            ("14/2015/", SymbolError::Codes),
            ("14/2015/1QĐ-UBND", SymbolError::Codes),
        ];
        for (raw, err) in bad {
            assert_eq!(parse_symbol(raw), Err(err), "{raw}");
        }
    }

    #[test]
    fn forms_are_found_without_diacritics_and_checked_against_symbols() {
        assert_eq!(find_form("quyet dinh").unwrap().name, "Quyết định");
        assert_eq!(find_form("  Quyết   Định ").unwrap().name, "Quyết định");
        assert_eq!(find_form("Bản thoả thuận").unwrap().name, "Bản thỏa thuận");
        assert!(find_form("Sắc lệnh").is_none());
        let qd = find_form("Quyết định").unwrap();
        let nd = find_form("Nghị định").unwrap();
        let kh = find_form("Kế hoạch").unwrap();
        let cv = find_form("Công văn").unwrap();
        let p = |s| parse_symbol(s).unwrap();
        assert_eq!(check_form(&p("14/2015/QĐ-UBND"), qd), None);
        assert_eq!(check_form(&p("123/QĐ-UBND"), qd), None);
        assert_eq!(
            check_form(&p("123/CT-UBND"), qd),
            Some(FormMismatch::Code("CT".into(), "QĐ"))
        );
        assert_eq!(
            check_form(&p("43/NĐ-CP"), nd),
            Some(FormMismatch::NeedsYear)
        );
        assert_eq!(
            check_form(&p("12/2024/KH-UBND"), kh),
            Some(FormMismatch::NoYear)
        );
        assert_eq!(check_form(&p("123/UBND-VP"), cv), None);
    }

    #[test]
    fn every_form_name_is_unique_after_folding() {
        let mut seen = std::collections::HashSet::new();
        for f in DOCUMENT_FORMS {
            assert!(seen.insert(crate::vi::fold(f.name)), "{}", f.name);
        }
    }
}
