//! Personal information in published text (QĐ 14/2015 Điều 5, Luật Công nghệ thông tin
//! Điều 21–22): what looks like a citizen ID number, a personal mobile number or a private
//! email address.
//!
//! A scanner, not a judge: it finds candidates and the rules turn them into warnings that a
//! page can acknowledge (`da_kiem_tra_ca_nhan`). It favours few false alarms: landlines
//! (`0229 3871 234`), hotlines and amounts are not mobiles; a 9-digit number is an old
//! identity card number only next to words such as "CMND"; an email is private only at a
//! public webmail provider. Pure functions over text.

use serde::Serialize;

/// What a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A citizen ID (CCCD, 12 digits) or identity card (CMND, 9 digits) number.
    CitizenId,
    /// A Vietnamese mobile number (03x, 05x, 07x, 08x, 09x; +84).
    Mobile,
    /// An email address at a public webmail provider.
    PrivateEmail,
}

/// One candidate in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// As written in the text.
    pub value: String,
    /// Byte offset in the text.
    pub offset: usize,
}

/// Public webmail domains: addresses there belong to people, not to agencies.
pub const WEBMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.com.vn",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "outlook.com",
    "outlook.com.vn",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "zoho.com",
    "gmx.com",
    "mail.ru",
    "yandex.com",
    "qq.com",
    "163.com",
];

/// Whether an email address is at a public webmail provider.
pub fn is_webmail(email: &str) -> bool {
    let domain = email.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
    WEBMAIL_DOMAINS.contains(&domain.as_str())
}

/// The form a finding is compared in when a page acknowledges it: digits only, a mobile
/// in its `0…` form, an email in lower case.
pub fn normalize(value: &str) -> String {
    if value.contains('@') {
        return value.trim().to_lowercase();
    }
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if value.trim_start().starts_with('+') || (digits.starts_with("84") && digits.len() == 11) {
        return format!("0{}", &digits[2..]);
    }
    digits
}

/// Words that announce an identity number within the 40 characters before it.
const ID_WORDS: &[&str] = &["cmnd", "cmt", "cccd", "chung minh", "can cuoc", "dinh danh"];

/// Finds every candidate in `text`, in order.
pub fn scan(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    scan_numbers(text, &mut out);
    scan_emails(text, &mut out);
    out.sort_by_key(|f| f.offset);
    out
}

fn is_sep(b: u8) -> bool {
    matches!(b, b' ' | b'.' | b'-')
}

fn scan_numbers(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let starts_run =
            b.is_ascii_digit() || (b == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts_run || !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let glued = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '+');
        if glued {
            i += 1;
            continue;
        }
        // A run of digits with single separators between them.
        let start = i;
        let mut end = i + 1;
        let mut digits = String::new();
        if b.is_ascii_digit() {
            digits.push(b as char);
        }
        let mut plain = true;
        loop {
            match bytes.get(end) {
                Some(d) if d.is_ascii_digit() => {
                    digits.push(*d as char);
                    end += 1;
                }
                Some(&s) if is_sep(s) && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                    plain = false;
                    end += 1;
                }
                _ => break,
            }
        }
        let glued_after = text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if !glued_after {
            if let Some(kind) = classify(text, start, &digits, plain, b == b'+') {
                out.push(Finding {
                    kind,
                    value: text[start..end].to_string(),
                    offset: start,
                });
            }
        }
        i = end;
    }
}

fn classify(
    text: &str,
    start: usize,
    digits: &str,
    plain: bool,
    plus: bool,
) -> Option<FindingKind> {
    let mobile_rest = |rest: &str| {
        rest.len() == 9 && matches!(rest.as_bytes()[0], b'3' | b'5' | b'7' | b'8' | b'9')
    };
    if plus {
        return (digits.starts_with("84") && mobile_rest(&digits[2..]))
            .then_some(FindingKind::Mobile);
    }
    if digits.len() == 10 && digits.starts_with('0') && mobile_rest(&digits[1..]) {
        return Some(FindingKind::Mobile);
    }
    if digits.len() == 11 && digits.starts_with("84") && mobile_rest(&digits[2..]) {
        return Some(FindingKind::Mobile);
    }
    if !plain {
        return None;
    }
    let announced = || {
        let from = text[..start]
            .char_indices()
            .rev()
            .nth(39)
            .map_or(0, |(i, _)| i);
        let before = crate::vi::fold(&text[from..start]);
        ID_WORDS.iter().any(|w| before.contains(w))
    };
    match digits.len() {
        12 => {
            let province: u32 = digits[..3].parse().unwrap_or(0);
            ((1..=96).contains(&province) || announced()).then_some(FindingKind::CitizenId)
        }
        9 => announced().then_some(FindingKind::CitizenId),
        _ => None,
    }
}

fn scan_emails(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        if start == at || !text[at + 1..end].contains('.') {
            continue;
        }
        let value = &text[start..end];
        if is_webmail(value) {
            out.push(Finding {
                kind: FindingKind::PrivateEmail,
                value: value.to_string(),
                offset: start,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(FindingKind, &str)> {
        scan(text)
            .into_iter()
            .map(|f| (f.kind, &text[f.offset..f.offset + f.value.len()]))
            .collect()
    }

    #[test]
    fn mobiles_in_every_common_spelling() {
        use FindingKind::Mobile;
        let cases = [
            ("Gọi 0912345678 nhé", vec![(Mobile, "0912345678")]),
            ("ĐT: 0912 345 678.", vec![(Mobile, "0912 345 678")]),
            ("ĐT: 0912.345.678", vec![(Mobile, "0912.345.678")]),
            ("ĐT: 091-234-5678", vec![(Mobile, "091-234-5678")]),
            ("(+84) +84 912 345 678", vec![(Mobile, "+84 912 345 678")]),
            ("84912345678", vec![(Mobile, "84912345678")]),
            (
                "0386 123 456 và 0868123456",
                vec![(Mobile, "0386 123 456"), (Mobile, "0868123456")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn landlines_hotlines_dates_and_amounts_are_not_mobiles() {
        for text in [
            "Điện thoại: 0229 3871 234",
            "Đường dây nóng 1900 1234",
            "ngày 08/6/2015, số 14/2015/QĐ-UBND",
            "Kinh phí 150.000.000 đồng",
            "mã 09123456789 (11 chữ số)",
            "x0912345678",
            "0912345678x",
            "Năm 2015 có 0 sự cố, 912345678 lượt truy cập",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn citizen_ids_need_a_province_code_or_a_word_before_them() {
        use FindingKind::CitizenId;
        assert_eq!(
            found("Số CCCD 037085001234 cấp"),
            vec![(CitizenId, "037085001234")]
        );
        assert_eq!(found("mã 037085001234"), vec![(CitizenId, "037085001234")]);
        assert_eq!(found("mã 999085001234"), vec![]);
        assert_eq!(
            found("căn cước 999085001234"),
            vec![(CitizenId, "999085001234")]
        );
        assert_eq!(found("CMND số: 164123456"), vec![(CitizenId, "164123456")]);
        assert_eq!(found("Dân số 164123456 người"), vec![]);
        assert_eq!(found("037 085 001 234"), vec![]);
    }

    #[test]
    fn only_webmail_addresses_are_private() {
        use FindingKind::PrivateEmail;
        assert_eq!(
            found("Gửi nguyen.van.a@gmail.com, vp@ninhbinh.gov.vn hoặc <b@Yahoo.com.vn>."),
            vec![
                (PrivateEmail, "nguyen.van.a@gmail.com"),
                (PrivateEmail, "b@Yahoo.com.vn")
            ]
        );
        assert_eq!(found("@gmail.com và a@b"), vec![]);
    }

    #[test]
    fn acknowledgements_compare_normalized_values() {
        assert_eq!(normalize("0912.345.678"), "0912345678");
        assert_eq!(normalize("+84 912 345 678"), "0912345678");
        assert_eq!(normalize("84912345678"), "0912345678");
        assert_eq!(normalize("037085001234"), "037085001234");
        assert_eq!(normalize(" A@Gmail.com "), "a@gmail.com");
    }
}
