//! VIQR (RFC 1456): Vietnamese in plain ASCII, marks typed after the vowel.
//!
//! `(` breve, `^` circumflex, `+` horn; `'` sắc, `` ` `` huyền, `?` hỏi, `~` ngã, `.` nặng;
//! `dd` is đ. "Tho^ng ba'o" is "Thông báo". A mark character only combines with a vowel
//! that can take it and does not have one yet, so "Y.." is "Ỵ." and "lo+'n." is "lớn.";
//! a backslash keeps the next character literal (`ba\.` is "ba.").

const BREVE: char = '\u{0306}';
const CIRCUMFLEX: char = '\u{0302}';
const HORN: char = '\u{031B}';

fn tone_of(c: char) -> Option<char> {
    match c {
        '\'' => Some('\u{0301}'),
        '`' => Some('\u{0300}'),
        '?' => Some('\u{0309}'),
        '~' => Some('\u{0303}'),
        '.' => Some('\u{0323}'),
        _ => None,
    }
}

fn modifier_of(c: char) -> Option<char> {
    match c {
        '(' => Some(BREVE),
        '^' => Some(CIRCUMFLEX),
        '+' => Some(HORN),
        _ => None,
    }
}

fn modifier_fits(vowel: char, m: char) -> bool {
    match m {
        BREVE => vowel == 'a',
        CIRCUMFLEX => matches!(vowel, 'a' | 'e' | 'o'),
        _ => matches!(vowel, 'o' | 'u'),
    }
}

/// Whether `c` is a VIQR mark character.
pub(crate) fn is_mark(c: char) -> bool {
    tone_of(c).is_some() || modifier_of(c).is_some()
}

#[derive(Clone, Copy)]
struct Open {
    vowel: char,
    modifier: bool,
    tone: bool,
}

/// Decodes VIQR text to Unicode (not yet NFC). Characters other than ASCII marks pass
/// through unchanged.
pub(crate) fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<Open> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if is_mark(next) || next == 'd' || next == 'D' || next == '\\' {
                    out.push(next);
                    chars.next();
                    open = None;
                    continue;
                }
            }
            out.push(c);
            open = None;
            continue;
        }
        if (c == 'd' || c == 'D') && matches!(chars.peek(), Some('d' | 'D')) {
            chars.next();
            out.push(if c == 'D' { 'Đ' } else { 'đ' });
            open = None;
            continue;
        }
        if let Some(o) = open {
            if let Some(m) = modifier_of(c) {
                if !o.modifier && !o.tone && modifier_fits(o.vowel, m) {
                    out.push(m);
                    open = Some(Open {
                        modifier: true,
                        ..o
                    });
                    continue;
                }
            } else if let Some(t) = tone_of(c) {
                if !o.tone {
                    out.push(t);
                    open = Some(Open { tone: true, ..o });
                    continue;
                }
            }
        }
        out.push(c);
        let lower = c.to_ascii_lowercase();
        open = matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some(Open {
            vowel: lower,
            modifier: false,
            tone: false,
        });
    }
    out
}

/// Encodes NFC text as VIQR, escaping mark characters that would otherwise combine.
/// Characters VIQR cannot write (outside ASCII and Vietnamese letters) pass through.
pub(crate) fn encode(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len() * 2);
    let mut open: Option<Open> = None;
    let mut prev_d = false;
    for c in text.chars() {
        match c {
            'đ' => {
                out.push_str("dd");
                open = None;
                prev_d = false;
                continue;
            }
            'Đ' => {
                out.push_str("DD");
                open = None;
                prev_d = false;
                continue;
            }
            _ => {}
        }
        let mut parts = c.nfd();
        let base = parts.next().unwrap_or(c);
        let mut modifier = None;
        let mut tone = None;
        let mut foreign = false;
        for m in parts {
            match m {
                BREVE | CIRCUMFLEX | HORN => modifier = Some(m),
                '\u{0300}' => tone = Some('`'),
                '\u{0309}' => tone = Some('?'),
                '\u{0303}' => tone = Some('~'),
                '\u{0301}' => tone = Some('\''),
                '\u{0323}' => tone = Some('.'),
                _ => foreign = true,
            }
        }
        if foreign || !base.is_ascii() {
            out.push(c);
            open = None;
            prev_d = false;
            continue;
        }
        // A literal mark right after a vowel that could take it needs a backslash.
        if let Some(o) = open {
            let combines = match (modifier_of(base), tone_of(base)) {
                (Some(m), _) => !o.modifier && !o.tone && modifier_fits(o.vowel, m),
                (_, Some(_)) => !o.tone,
                _ => false,
            };
            if combines {
                out.push('\\');
            }
        }
        if prev_d && (base == 'd' || base == 'D') {
            out.push('\\');
        }
        out.push(base);
        if let Some(m) = modifier {
            out.push(match m {
                BREVE => '(',
                CIRCUMFLEX => '^',
                _ => '+',
            });
        }
        if let Some(t) = tone {
            out.push(t);
        }
        let lower = base.to_ascii_lowercase();
        open = matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some(Open {
            vowel: lower,
            modifier: modifier.is_some(),
            tone: tone.is_some(),
        });
        prev_d = base == 'd' || base == 'D';
    }
    out
}
