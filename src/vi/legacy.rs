//! Legacy Vietnamese encodings (TCVN3, VNI-Windows, VISCII, Windows-1258, VN1, VIQR):
//! decoding, encoding, and finding which one a file is in.
//!
//! Agencies still receive text typed with the `.VnTime` (TCVN3) or `VNI-Times` fonts;
//! Điều 6 khoản 6 asks for Unicode (TCVN 6909:2001). The loader calls
//! [`legacy_encoding_diagnostic`] for every content file that is not valid UTF-8, and
//! `trang fix` converts with [`detect`] or, when the editor names it, [`decode`].
//!
//! Detection never guesses from byte frequencies: it decodes the bytes in each candidate
//! encoding and counts how many of the words that come out are Vietnamese syllables
//! ([`crate::vi::tone::is_syllable`]). The right encoding gives "Thông báo"; the wrong
//! ones give "Thụng bỏo", "Thềng bịo", "Th«ng b¸o". Nothing here reads files.

mod tables;
pub(crate) mod viqr;
mod vni;

use crate::diagnostics::Diagnostic;
use crate::vi::tone::{is_word_char, parse_syllable};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A text encoding trang can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    /// UTF-16 with a byte-order mark (Notepad's "Unicode").
    Utf16,
    /// Windows-1258, precomposed or with combining tone bytes.
    Cp1258,
    /// VISCII 1.1 (RFC 1456).
    Viscii,
    /// TCVN3 (ABC, TCVN 5712:1993 VN3), the `.VnTime` fonts.
    Tcvn3,
    /// TCVN 5712:1993 VN1.
    Vn1,
    /// VNI-Windows, the `VNI-Times` fonts.
    Vni,
    /// VIQR (RFC 1456): marks typed as ASCII after the vowel.
    Viqr,
}

impl Encoding {
    /// The single-byte legacy encodings, most common first: the order breaks ties.
    pub const LEGACY: [Encoding; 5] = [
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Cp1258,
        Encoding::Viscii,
        Encoding::Vn1,
    ];

    /// The name editors know, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Cp1258 => "Windows-1258",
            Encoding::Viscii => "VISCII",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vn1 => "TCVN 5712:1993 VN1",
            Encoding::Vni => "VNI-Windows",
            Encoding::Viqr => "VIQR",
        }
    }

    /// The name to type after `--from`.
    pub fn id(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Cp1258 => "cp1258",
            Encoding::Viscii => "viscii",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vn1 => "vn1",
            Encoding::Vni => "vni",
            Encoding::Viqr => "viqr",
        }
    }

    /// Whether this is one of the single-byte legacy encodings.
    pub fn is_single_byte(self) -> bool {
        Encoding::LEGACY.contains(&self)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    /// Accepts the `--from` names and the usual aliases, in any case:
    /// `utf-8`, `utf-16`, `cp1258` (`windows-1258`), `viscii`, `tcvn3` (`abc`, `vn3`),
    /// `vn1` (`tcvn5712-1`), `vni` (`vni-windows`), `viqr`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' ' | '.' | ':'))
            .collect();
        Ok(match key.as_str() {
            "utf8" | "unicode" => Encoding::Utf8,
            "utf16" | "utf16le" | "utf16be" => Encoding::Utf16,
            "cp1258" | "windows1258" | "win1258" | "1258" => Encoding::Cp1258,
            "viscii" => Encoding::Viscii,
            "tcvn3" | "abc" | "vn3" | "tcvn" | "vntime" => Encoding::Tcvn3,
            "vn1" | "tcvn57121" | "tcvn5712" | "tcvn57121993" => Encoding::Vn1,
            "vni" | "vniwindows" | "vniwin" | "vnitimes" => Encoding::Vni,
            "viqr" => Encoding::Viqr,
            _ => {
                return Err(format!(
                    "unknown encoding `{}`: use one of tcvn3, vni, viscii, cp1258, vn1, viqr, utf-8, utf-16",
                    s.trim()
                ))
            }
        })
    }
}

/// A byte that means nothing in the encoding it was decoded with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub encoding: Encoding,
    /// Offset of the byte in the input.
    pub offset: usize,
    pub byte: u8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "byte 0x{:02X} at offset {} is not {}",
            self.byte,
            self.offset,
            self.encoding.name()
        )
    }
}

/// A character the target encoding cannot write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    pub encoding: Encoding,
    pub character: char,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} cannot write `{}` (U+{:04X})",
            self.encoding.name(),
            self.character,
            self.character as u32
        )
    }
}

/// A single-byte table: the upper half, and the letters placed in the C0 range.
type Table = (&'static [u16; 128], &'static [(u8, char)]);

fn single_byte(encoding: Encoding) -> Option<Table> {
    match encoding {
        Encoding::Cp1258 => Some((&tables::CP1258_HIGH, &[])),
        Encoding::Viscii => Some((&tables::VISCII_HIGH, &tables::VISCII_LOW)),
        Encoding::Tcvn3 => Some((&tables::TCVN3_HIGH, &[])),
        Encoding::Vn1 => Some((&tables::VN1_HIGH, &tables::VN1_LOW)),
        _ => None,
    }
}

/// Decodes a single-byte table; returns the text (not NFC) and the offsets of unused bytes,
/// which come out as U+FFFD.
fn decode_table(bytes: &[u8], high: &[u16; 128], low: &[(u8, char)]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut unmapped = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x80 {
            match char::from_u32(u32::from(high[usize::from(b - 0x80)])) {
                Some(c) if c != '\0' => out.push(c),
                _ => {
                    out.push('\u{FFFD}');
                    unmapped.push(i);
                }
            }
        } else if b < 0x20 {
            match low.iter().find(|(byte, _)| *byte == b) {
                Some(&(_, c)) => out.push(c),
                None => out.push(char::from(b)),
            }
        } else {
            out.push(char::from(b));
        }
    }
    (out, unmapped)
}

/// Decodes with `encoding`, replacing bytes it does not use with U+FFFD; returns the text
/// (not NFC) and how many bytes were replaced. UTF-8 and UTF-16 replace invalid sequences.
pub(crate) fn decode_lossy(bytes: &[u8], encoding: Encoding) -> (String, usize) {
    match encoding {
        Encoding::Utf8 | Encoding::Viqr => {
            let s = String::from_utf8_lossy(strip_utf8_bom(bytes));
            let bad = s.matches('\u{FFFD}').count();
            let s = if encoding == Encoding::Viqr {
                viqr::decode(&s)
            } else {
                s.into_owned()
            };
            (s, bad)
        }
        Encoding::Utf16 => decode_utf16(bytes),
        Encoding::Vni => vni::decode(bytes),
        other => {
            let (high, low) = single_byte(other).unwrap_or((&tables::CP1258_HIGH, &[]));
            let (s, unmapped) = decode_table(bytes, high, low);
            (s, unmapped.len())
        }
    }
}

/// Bytes as a Windows-1252 editor shows them (Latin-1 for the five undefined bytes): how
/// an editor sees a legacy file, and how legacy text pasted into UTF-8 ends up.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7F => char::from(b),
            _ => match tables::CP1252_HIGH[usize::from(b - 0x80)] {
                0 => char::from(b),
                u => char::from_u32(u32::from(u)).unwrap_or(char::from(b)),
            },
        })
        .collect()
}

fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// UTF-16 by its byte-order mark (little-endian when there is none).
fn decode_utf16(bytes: &[u8]) -> (String, usize) {
    let (big, body) = match bytes {
        [0xFE, 0xFF, rest @ ..] => (true, rest),
        [0xFF, 0xFE, rest @ ..] => (false, rest),
        _ => (false, bytes),
    };
    let units = body.chunks(2).map(|c| match (c, big) {
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    let mut bad = body.len() % 2;
    let s = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    (s, bad)
}

/// Decodes `bytes` from `encoding` into NFC text. Fails on the first byte the encoding does
/// not use (or an invalid UTF-8/UTF-16 sequence) instead of guessing.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    let text = match encoding {
        Encoding::Utf8 | Encoding::Viqr => {
            let body = strip_utf8_bom(bytes);
            let s = std::str::from_utf8(body).map_err(|e| {
                let offset = e.valid_up_to() + (bytes.len() - body.len());
                DecodeError {
                    encoding,
                    offset,
                    byte: bytes[offset],
                }
            })?;
            if encoding == Encoding::Viqr {
                viqr::decode(s)
            } else {
                s.to_string()
            }
        }
        Encoding::Utf16 => {
            let (s, bad) = decode_utf16(bytes);
            if bad > 0 {
                let offset = bytes.len().saturating_sub(1);
                return Err(DecodeError {
                    encoding,
                    offset,
                    byte: bytes.get(offset).copied().unwrap_or(0),
                });
            }
            s
        }
        Encoding::Vni => {
            let (s, unmapped) = vni::decode(bytes);
            if unmapped > 0 {
                let offset = bytes
                    .iter()
                    .position(|&b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
                    .unwrap_or(0);
                return Err(DecodeError {
                    encoding,
                    offset,
                    byte: bytes[offset],
                });
            }
            s
        }
        other => {
            let (high, low) = single_byte(other).unwrap_or((&tables::CP1258_HIGH, &[]));
            let (s, unmapped) = decode_table(bytes, high, low);
            if let Some(&offset) = unmapped.first() {
                return Err(DecodeError {
                    encoding,
                    offset,
                    byte: bytes[offset],
                });
            }
            s
        }
    };
    Ok(text.nfc().collect())
}

/// Encodes text in `encoding`. Windows-1258 uses precomposed letters where the code page
/// has them (like iconv); TCVN3 writes toned capitals with the lower-case byte, as the ABC
/// fonts do (lossy). Used by the round-trip tests and to show editors what went wrong.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, EncodeError> {
    let text: String = text.nfc().collect();
    let fail = |character| EncodeError {
        encoding,
        character,
    };
    match encoding {
        Encoding::Utf8 => Ok(text.into_bytes()),
        Encoding::Utf16 => {
            let mut out = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                out.extend(u.to_le_bytes());
            }
            Ok(out)
        }
        Encoding::Viqr => Ok(viqr::encode(&text).into_bytes()),
        Encoding::Vni => vni::encode(&text).map_err(fail),
        other => encode_table(&text, other, false).map_err(fail),
    }
}

/// Windows-1258 with every toned vowel written as base letter + combining tone byte, as
/// UniKey's "Windows CP 1258" output does.
pub fn encode_cp1258_decomposed(text: &str) -> Result<Vec<u8>, EncodeError> {
    let text: String = text.nfc().collect();
    encode_table(&text, Encoding::Cp1258, true).map_err(|character| EncodeError {
        encoding: Encoding::Cp1258,
        character,
    })
}

fn byte_of(c: char, high: &[u16; 128], low: &[(u8, char)]) -> Option<u8> {
    if (c as u32) < 0x80 {
        let b = c as u8;
        return (!low.iter().any(|(byte, _)| *byte == b)).then_some(b);
    }
    if let Some(&(b, _)) = low.iter().find(|(_, lc)| *lc == c) {
        return Some(b);
    }
    high.iter()
        .position(|&u| u != 0 && u32::from(u) == c as u32)
        .map(|p| 0x80 + p as u8)
}

fn encode_table(text: &str, encoding: Encoding, decomposed: bool) -> Result<Vec<u8>, char> {
    let (high, low) = single_byte(encoding).ok_or(' ')?;
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let (untoned, tone) = split_tone_mark(c);
        if !(decomposed && tone.is_some()) {
            if let Some(b) = byte_of(c, high, low) {
                out.push(b);
                continue;
            }
        }
        // TCVN3 has no toned capitals: the ABC fonts write them with the lower-case byte.
        if encoding == Encoding::Tcvn3 && c.is_uppercase() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            if let Some(b) = byte_of(lower, high, low) {
                out.push(b);
                continue;
            }
        }
        // Base letter (with its breve, circumflex or horn) + combining tone byte.
        if let (Some(t), Some(base)) = (tone, byte_of(untoned, high, low)) {
            if let Some(tb) = byte_of(t, high, low) {
                out.extend([base, tb]);
                continue;
            }
        }
        return Err(c);
    }
    Ok(out)
}

/// Splits a precomposed letter into the letter without its tone and the combining tone:
/// 'ặ' → ('ă', U+0323). Other characters come back whole.
fn split_tone_mark(c: char) -> (char, Option<char>) {
    let is_tone = |m: char| {
        matches!(
            m,
            '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
        )
    };
    let Some(tone) = c.nfd().find(|&m| is_tone(m)) else {
        return (c, None);
    };
    let mut rest = c.nfd().filter(|&m| !is_tone(m)).nfc();
    match (rest.next(), rest.next()) {
        (Some(one), None) => (one, Some(tone)),
        _ => (c, None),
    }
}

/// How a stretch of text reads as Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Nothing to judge: ASCII words, numbers, punctuation, a lone letter.
    Neutral,
    /// Has words with Vietnamese letters, and every one is a syllable.
    Valid,
    /// Like `Valid`, but a word needs a rare rhyme ("thoõng", "ngoao"): weaker evidence.
    Rare,
    /// Has a word that is no syllable, or a symbol or control character inside a word.
    Invalid,
}

/// Typographic punctuation that may open or close a word in any encoding's output.
fn is_edge_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '•')
}

/// About 380 frequent syllables with diacritics (administrative and everyday words), sorted
/// by code point. Only a tie-breaker: when two decodings are both valid Vietnamese ("Thông"
/// in Windows-1258, "Thụng" read as TCVN3), the one with common words is listed first. It
/// never changes a score or a confidence.
#[rustfmt::skip]
const COMMON: [&str; 381] = [
    "biên", "biết", "biển", "biểu", "biệt", "buồn", "bà", "bác", "báo", "bãi", "bên", "bình",
    "bí", "bạn", "bản", "bảo", "bệnh", "bỏ", "bổ", "bộ", "bởi", "chiến", "chiều", "chào",
    "cháu", "chính", "chóng", "chú", "chúng", "chưa", "chương", "chất", "chế", "chết", "chỉ",
    "chị", "chồng", "chủ", "chức", "chứng", "cá", "các", "cán", "cáo", "còn", "có", "cô",
    "công", "cùng", "cũ", "cũng", "cơ", "cạnh", "cả", "cảm", "cấp", "cấu", "cần", "cầu",
    "cộng", "cục", "của", "cựu", "diện", "duyệt", "dân", "dây", "dương", "dưới", "dạy", "dẫn",
    "dịch", "dục", "dự", "dựng", "ghét", "già", "giá", "giám", "giáo", "giúp", "giải", "giấy",
    "giới", "giờ", "giữa", "gái", "gì", "gần", "gửi", "hiểm", "hiểu", "hiện", "hiệp", "hiệu",
    "hoà", "hoạch", "hoạt", "hoặc", "huyện", "hàng", "hành", "hòa", "hóa", "hơn", "hướng",
    "hạnh", "hải", "hết", "hệ", "học", "họp", "hỏi", "hồ", "hỗ", "hộ", "hội", "hợp", "khiếu",
    "khoản", "khoẻ", "không", "khẩu", "khỏe", "kiếm", "kiến", "kiểm", "kiện", "kèm", "ký",
    "kế", "kết", "kịp", "liên", "luận", "luật", "là", "làm", "làng", "lãnh", "lên", "lý",
    "lương", "lượng", "lại", "lập", "lệ", "lịch", "lớn", "lớp", "lời", "lực", "miền", "muốn",
    "mà", "mình", "môi", "mạng", "mật", "mặt", "mọi", "mỗi", "một", "mới", "mục", "mức",
    "nghiệp", "nghĩ", "nghĩa", "nghệ", "nghị", "ngoài", "nguyên", "nguồn", "ngành", "ngày",
    "ngân", "người", "nhiều", "nhiệm", "nhà", "nhân", "nhìn", "như", "nhưng", "nhận", "nhập",
    "nhỏ", "nhớ", "những", "niên", "nào", "này", "nên", "nói", "nóng", "nông", "núi", "năm",
    "nước", "nại", "nếu", "nội", "nữ", "pháp", "phát", "phép", "phòng", "phúc", "phường",
    "phải", "phản", "phần", "phố", "phụ", "phủ", "quyết", "quân", "quên", "quả", "quản",
    "quận", "quốc", "riêng", "rất", "sách", "sáng", "sát", "sông", "sơ", "sản", "sẽ", "số",
    "sống", "sở", "sợ", "sửa", "sự", "thiệu", "thuế", "thuốc", "thành", "tháng", "thì",
    "thích", "thôn", "thông", "thương", "thường", "thưởng", "thấp", "thấy", "thế", "thể",
    "thị", "thời", "thủ", "thực", "tiếp", "toàn", "triển", "triệu", "trách", "trên", "trăm",
    "trước", "trường", "trưởng", "trả", "trấn", "trận", "trẻ", "trị", "trợ", "trực", "tuyến",
    "tuần", "tài", "tác", "tìm", "tích", "tòa", "tôi", "tư", "tưởng", "tại", "tạm", "tạo",
    "tải", "tất", "tế", "tỉnh", "tố", "tối", "tốt", "tổ", "tổng", "tục", "tức", "từ", "từng",
    "tử", "tự", "tỷ", "uỷ", "viên", "viết", "việc", "viện", "việt", "và", "vào", "vì", "vùng",
    "văn", "vẫn", "vận", "vật", "về", "vệ", "vị", "vốn", "với", "vợ", "vụ", "xuất", "xuống",
    "xây", "xã", "xét", "xóm", "xấu", "yêu", "án", "ánh", "ông", "ý", "đai", "đang", "đau",
    "đi", "điều", "điện", "đoàn", "đua", "đào", "đánh", "đáp", "đâu", "đây", "đã", "đình",
    "đó", "đúng", "đăng", "đơn", "đường", "được", "đạo", "đảm", "đảng", "đảo", "đất", "đầu",
    "đẹp", "đến", "đề", "để", "định", "đọc", "đồng", "đổi", "độ", "độc", "đội", "động", "đỡ",
    "ơn", "ấp", "ấy", "ủy",
];

/// Whether every word with diacritics in `chunk` is one of the [`COMMON`] syllables.
pub(crate) fn is_common(chunk: &str) -> bool {
    let mut any = false;
    for (_, word) in crate::vi::tone::words(chunk) {
        if word.is_ascii() {
            continue;
        }
        let key: String = word.nfc().flat_map(char::to_lowercase).collect();
        if COMMON.binary_search(&key.as_str()).is_err() {
            return false;
        }
        any = true;
    }
    any
}

/// "QĐ", "NĐ", "HĐND", "TTĐT": abbreviations are vowel-less, and đ is their only
/// non-ASCII letter. Neither Vietnamese syllables nor garbage.
fn is_abbreviation(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(c, 'đ' | 'Đ')
            || (c.is_ascii_alphabetic()
                && !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    })
}

/// Judges one whitespace-free chunk of text ("b¸o,", "(Thông", "14/2015/QĐ-UBND").
pub(crate) fn assess(chunk: &str) -> Verdict {
    let core = chunk.trim_matches(is_edge_punctuation);
    let mut letters = core.chars().filter(|&c| !is_combining_mark(c));
    if letters.nth(1).is_none() {
        return Verdict::Neutral;
    }
    let mut verdict = Verdict::Neutral;
    let mut start: Option<usize> = None;
    let mut ascii_word = true;
    let end = core.len();
    for (i, c) in core.char_indices().chain(std::iter::once((end, ' '))) {
        if i < end && is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                ascii_word = true;
            }
            ascii_word &= c.is_ascii();
            continue;
        }
        if let Some(s) = start.take() {
            let word = &core[s..i];
            if !ascii_word && !is_abbreviation(word) {
                match parse_syllable(word) {
                    None => return Verdict::Invalid,
                    Some(syl) if syl.is_rare() => verdict = Verdict::Rare,
                    Some(_) if verdict == Verdict::Neutral => verdict = Verdict::Valid,
                    Some(_) => {}
                }
            }
        }
        if i < end && !c.is_ascii() && !c.is_whitespace() && !is_edge_punctuation(c) {
            return Verdict::Invalid;
        }
        if i < end && c.is_control() && !c.is_whitespace() {
            return Verdict::Invalid;
        }
    }
    verdict
}

/// Counts of chunks judged [`Verdict::Valid`] and [`Verdict::Invalid`] in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Valid chunks, rare ones included.
    pub valid: usize,
    /// Valid chunks made of [`COMMON`] syllables.
    pub common: usize,
    /// Valid chunks that need a rare rhyme.
    pub rare: usize,
    pub invalid: usize,
}

pub(crate) fn tally(text: &str) -> Tally {
    let mut t = Tally::default();
    for chunk in text.split(char::is_whitespace) {
        match assess(chunk) {
            Verdict::Valid => {
                t.valid += 1;
                t.common += usize::from(is_common(chunk));
            }
            Verdict::Rare => {
                t.valid += 1;
                t.rare += 1;
            }
            Verdict::Invalid => t.invalid += 1,
            Verdict::Neutral => {}
        }
    }
    t
}

/// What [`detect`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub encoding: Encoding,
    /// 0.0–1.0: how well the best decoding reads as Vietnamese, times how clearly it beats
    /// the other encodings. Below [`CONFIDENT`], ask the editor to name the encoding.
    pub confidence: f64,
    /// The decoded text, NFC, line ends as they were.
    pub text: String,
    /// When the file mixes UTF-8 lines with legacy lines: the 1-based numbers of the legacy
    /// lines (only those were decoded with `encoding`). Empty for a whole-file decoding.
    pub legacy_lines: Vec<usize>,
    /// The other encodings that gave a different text, with their scores' share.
    pub alternatives: Vec<(Encoding, f64)>,
}

/// The confidence from which `trang fix` converts without `--from`.
pub const CONFIDENT: f64 = 0.75;

/// Why [`detect`] found no encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetectError {
    /// No candidate decodes to Vietnamese; `high_bytes` counts bytes ≥ 0x80.
    Unknown { high_bytes: usize },
    /// UTF-8 text with a few invalid bytes that decode to nothing Vietnamese: a damaged
    /// file or a stray byte, not a legacy encoding. `offset` is the first one.
    StrayBytes { offset: usize },
}

struct Candidate {
    encoding: Encoding,
    text: String,
    valid: usize,
    common: usize,
    bad: usize,
    score: f64,
}

/// Scores every legacy encoding on `bytes`; the best first. `None` when nothing reads as
/// Vietnamese.
fn rank(bytes: &[u8]) -> Option<(Vec<Candidate>, f64)> {
    let mut cands: Vec<Candidate> = Vec::new();
    for encoding in Encoding::LEGACY {
        let (text, unmapped) = decode_lossy(bytes, encoding);
        // The same text as a more common encoding: no evidence either way.
        if cands.iter().any(|c| c.text == text) {
            continue;
        }
        let t = tally(&text);
        let bad = t.invalid + unmapped;
        cands.push(Candidate {
            encoding,
            text,
            valid: t.valid,
            common: t.common,
            bad,
            score: t.valid as f64 - 0.5 * t.rare as f64 - 3.0 * bad as f64,
        });
    }
    // Best score first; on a tie, more common words; then the more common encoding (the
    // sort is stable).
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.common.cmp(&a.common))
    });
    let best = cands.first()?;
    if best.valid == 0 {
        return None;
    }
    let fit = best.valid as f64 / (best.valid + best.bad) as f64;
    if fit < 0.5 {
        return None;
    }
    let total: f64 = cands.iter().map(|c| (c.score - best.score).exp()).sum();
    Some((cands, fit / total))
}

/// Finds the encoding of a file's bytes and decodes them.
///
/// UTF-8 (with or without BOM) and UTF-16 with a BOM come back as they are. Otherwise every
/// legacy encoding is tried and the one whose words read as Vietnamese syllables wins; a
/// file that mixes UTF-8 lines with legacy lines has only the latter decoded.
pub fn detect(bytes: &[u8]) -> Result<Detection, DetectError> {
    let whole = |encoding, text| Detection {
        encoding,
        confidence: 1.0,
        text,
        legacy_lines: Vec::new(),
        alternatives: Vec::new(),
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return match decode(bytes, Encoding::Utf16) {
            Ok(text) => Ok(whole(Encoding::Utf16, text)),
            Err(_) => Err(DetectError::Unknown {
                high_bytes: bytes.iter().filter(|&&b| b >= 0x80).count(),
            }),
        };
    }
    if let Ok(text) = std::str::from_utf8(strip_utf8_bom(bytes)) {
        return Ok(whole(Encoding::Utf8, text.nfc().collect()));
    }
    let high_bytes = bytes.iter().filter(|&&b| b >= 0x80).count();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let utf8_lines = lines.iter().filter(|l| is_unicode_line(l)).count();
    if utf8_lines == 0 {
        let (cands, confidence) = rank(bytes).ok_or(DetectError::Unknown { high_bytes })?;
        let best = &cands[0];
        return Ok(Detection {
            encoding: best.encoding,
            confidence,
            text: best.text.nfc().collect(),
            legacy_lines: Vec::new(),
            alternatives: alternatives(&cands),
        });
    }
    // Mixed: decode only the lines that are not UTF-8.
    let bad: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].is_ascii() && !is_unicode_line(lines[i]))
        .collect();
    let sample: Vec<u8> = bad.iter().flat_map(|&i| lines[i].iter().copied()).collect();
    let stray = || DetectError::StrayBytes {
        offset: std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to()),
    };
    let (cands, confidence) = rank(&sample).ok_or_else(stray)?;
    if confidence < 0.5 {
        return Err(stray());
    }
    let encoding = cands[0].encoding;
    let mut text = String::with_capacity(bytes.len());
    for (i, line) in lines.iter().enumerate() {
        if bad.binary_search(&i).is_ok() {
            text.push_str(&decode_lossy(line, encoding).0);
        } else {
            text.push_str(&String::from_utf8_lossy(line));
        }
    }
    Ok(Detection {
        encoding,
        confidence,
        text: text.nfc().collect(),
        legacy_lines: bad.iter().map(|i| i + 1).collect(),
        alternatives: alternatives(&cands),
    })
}

/// Whether a line of a file that is not valid UTF-8 as a whole is a UTF-8 line: valid,
/// not plain ASCII, and reading as Vietnamese at least as much as not (a legacy line can be
/// valid UTF-8 by accident, but then decodes to nonsense).
pub(crate) fn is_unicode_line(line: &[u8]) -> bool {
    if line.is_ascii() {
        return false;
    }
    match std::str::from_utf8(line) {
        Ok(s) => {
            let t = tally(s);
            t.invalid <= t.valid
        }
        Err(_) => false,
    }
}

fn alternatives(cands: &[Candidate]) -> Vec<(Encoding, f64)> {
    let Some(best) = cands.first() else {
        return Vec::new();
    };
    let total: f64 = cands.iter().map(|c| (c.score - best.score).exp()).sum();
    cands[1..]
        .iter()
        .map(|c| (c.encoding, (c.score - best.score).exp() / total))
        .collect()
}

/// A confidence as a whole percentage, never shown as a certain 100%.
pub fn percent(confidence: f64) -> u32 {
    ((confidence * 100.0).floor() as u32).min(99)
}

/// When `bytes` (a content file that is not valid UTF-8) look like Vietnamese text in a
/// legacy encoding, an `encoding.legacy` error naming it, its confidence and the fix; an
/// `encoding.unknown` error when the file has non-ASCII text that no encoding fits.
///
/// `None` when the file is UTF-8 with a stray invalid byte or two (or mostly UTF-8 with
/// undecodable lines): the loader's own `encoding.not-utf8` error, located at the byte, is
/// the more useful message then. The loader sets the line and column.
pub fn legacy_encoding_diagnostic(file: &str, bytes: &[u8]) -> Option<Diagnostic> {
    const ARTICLE: &str = "Điều 6 khoản 6";
    match detect(bytes) {
        Ok(d) => {
            let enc = d.encoding;
            let pct = percent(d.confidence);
            let (rule, message, help) = match enc {
                Encoding::Utf8 | Encoding::Viqr => return None,
                Encoding::Utf16 => (
                    "encoding.utf16",
                    format!("encoded as UTF-16 (not UTF-8); run `trang fix {file}`"),
                    "Notepad's \"Unicode\" is UTF-16; `trang fix` rewrites the file as UTF-8"
                        .to_string(),
                ),
                _ if !d.legacy_lines.is_empty() => (
                    "encoding.legacy",
                    format!(
                        "{} {} in {} (not UTF-8, confidence {pct}%) while the rest is UTF-8; run `trang fix {file}`",
                        d.legacy_lines.len(),
                        if d.legacy_lines.len() == 1 { "line is" } else { "lines are" },
                        enc.name()
                    ),
                    format!(
                        "text pasted from a document typed with old fonts; `trang fix` converts those lines to Unicode (lines {})",
                        list_lines(&d.legacy_lines)
                    ),
                ),
                _ if d.confidence < CONFIDENT => (
                    "encoding.legacy",
                    format!(
                        "probably encoded as {} (not UTF-8, confidence only {pct}%); check with `trang fix --dry-run --from {} {file}`",
                        enc.name(),
                        enc.id()
                    ),
                    format!(
                        "if the preview reads right, run `trang fix --from {} {file}`; otherwise try another encoding: {}",
                        enc.id(),
                        other_ids(enc)
                    ),
                ),
                _ => (
                    "encoding.legacy",
                    format!(
                        "encoded as {} (not UTF-8, confidence {pct}%); run `trang fix {file}`",
                        enc.name()
                    ),
                    format!(
                        "Unicode (TCVN 6909:2001) is required; `trang fix` converts the file to UTF-8 and shows the changes; if the guess is wrong, name the encoding: `trang fix --from ENCODING {file}` ({})",
                        other_ids(enc)
                    ),
                ),
            };
            Some(
                Diagnostic::error(file, rule, message)
                    .with_help(help)
                    .with_article(ARTICLE),
            )
        }
        Err(DetectError::Unknown { high_bytes }) if high_bytes > 2 => Some(
            Diagnostic::error(
                file,
                "encoding.unknown",
                "unknown encoding: the file is not UTF-8, and its text does not read as Vietnamese in TCVN3, VNI-Windows, VISCII, Windows-1258 or VN1",
            )
            .with_help(format!(
                "open the file in the program that made it and save it as UTF-8 (Unicode); if you know the encoding, run `trang fix --from ENCODING {file}`"
            ))
            .with_article(ARTICLE),
        ),
        Err(_) => None,
    }
}

fn other_ids(not: Encoding) -> String {
    Encoding::LEGACY
        .iter()
        .filter(|&&e| e != not)
        .map(|e| e.id())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "3, 5, 9" or "3, 5, 9, 12, 15 and 4 more".
pub(crate) fn list_lines(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
    let mut s = shown.join(", ");
    if lines.len() > 5 {
        s.push_str(&format!(" and {} more", lines.len() - 5));
    }
    s
}

#[cfg(test)]
mod tests;
