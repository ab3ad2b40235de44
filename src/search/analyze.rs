//! The Vietnamese search pipeline: text → syllable tokens → (folded key, strict variant).
//!
//! Why it exists: no off-the-shelf search pipeline treats Vietnamese right (English stemmers
//! cut syllables apart, stop-word lists drop real syllables, đ is not folded). The rules are
//! those of `tests/data/vi/README.md`, and `themes/default/static/search.js` mirrors them
//! line for line; both are tested against `tests/data/vi/search_folding.tsv`.
//!
//! Nothing is ever dropped: every word run of the text is a token.

use crate::vi::text::{fold, has_diacritic, is_word_char, nfc, syllable_key, tokens};

/// The word runs of `text`, as slices of it (no allocation). The text should be NFC; the
/// slices keep their case, [`Term::of`] normalizes them.
pub fn word_slices(text: &str) -> WordSlices<'_> {
    let (mask, last) = block_mask(text, 0, false);
    WordSlices {
        text,
        block: 0,
        mask,
        last,
    }
}

/// Iterator of [`word_slices`]. It reads the text 64 bytes at a time into a mask of the
/// bytes that belong to word characters, then finds runs with bit operations: the branches
/// taken per character of a byte-by-byte scan (ASCII or not, which lead byte) were most of
/// tokenizing's time.
pub struct WordSlices<'a> {
    text: &'a str,
    /// The first byte of the block `mask` covers (a multiple of 64).
    block: usize,
    /// Bit `i` is set when byte `block + i` belongs to a word character not yet returned.
    mask: u64,
    /// Whether the block's last byte belongs to a word character.
    last: bool,
}

/// The classes of [`LEAD_CLASS`]: the row of [`BY_NEXT`] to read with the next byte.
/// The lead bytes of Latin Extended-A and B (C4–C9) and of combining marks U+0300–U+033F
/// (CC): always a word character.
const LEAD_WORD: u8 = 0;
/// Lead bytes whose word-ness the next byte decides (or [`decoded_is_word`], for [`SLOW`]).
const LEAD_C3: u8 = 1;
const LEAD_CD: u8 = 2;
const LEAD_E1: u8 = 3;
const LEAD_OTHER: u8 = 4;
/// A value of [`BY_NEXT`]: ask [`decoded_is_word`].
const SLOW: u8 = 2;

/// The class of every lead byte, by its low six bits (lead bytes are `11xxxxxx`).
const LEAD_CLASS: [u8; 64] = {
    let mut t = [LEAD_OTHER; 64];
    let mut b = 0;
    while b < 64 {
        t[b] = match 0xC0 | b as u8 {
            0xC4..=0xC9 | 0xCC => LEAD_WORD,
            0xC3 => LEAD_C3,
            0xCD => LEAD_CD,
            0xE1 => LEAD_E1,
            _ => LEAD_OTHER,
        };
        b += 1;
    }
    t
};

/// By class, then by the next byte: 1 for a word character, 0 for another, [`SLOW`] when
/// the character must be decoded. The blocks Vietnamese text is made of are decided here:
/// Latin-1 letters but × and ÷ (C3 97, C3 B7), combining marks U+0340–U+036F (CD 80–AF)
/// and Latin Extended Additional U+1E00–U+1EFF (E1 B8–BB, every precomposed letter with a
/// tone).
const BY_NEXT: [[u8; 256]; 5] = {
    let mut t = [[0u8; 256]; 5];
    let mut n = 0;
    while n < 256 {
        t[LEAD_WORD as usize][n] = 1;
        t[LEAD_C3 as usize][n] = (n != 0x97 && n != 0xB7) as u8;
        t[LEAD_CD as usize][n] = if n <= 0xAF { 1 } else { SLOW };
        t[LEAD_E1 as usize][n] = if n >= 0xB8 && n <= 0xBB { 1 } else { SLOW };
        t[LEAD_OTHER as usize][n] = SLOW;
        n += 1;
    }
    t
};

/// Eight bytes at once (SWAR): byte `i` of a `u64` is byte `i` of the text (little end).
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (whose bytes are all below 0x80) that is at least `lo`
/// (1..=0x80): adding `0x80 - lo` carries into the high bit exactly then, and never into
/// the next byte.
#[inline(always)]
fn at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH
}

/// Gathers the high bits of the eight bytes of `m` (no other bits set) into bits 0–7:
/// byte `i`'s to bit `i`. The multiplier puts bit `8i` at `56 + i`; the other products
/// land on distinct bits below 56 or past 63, so nothing carries into the top byte.
#[inline(always)]
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Classifies eight bytes: (ASCII word bytes, continuation bytes, lead bytes), one bit
/// each in bits 0–7.
#[inline(always)]
fn classify8(w: u64) -> (u64, u64, u64) {
    let x = w & !HIGH;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    let lower = x | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let underscore = at_least(x, b'_') & !at_least(x, b'_' + 1);
    let ascii_word = (digit | letter | underscore) & !w & HIGH;
    // Bit 6 of each byte, moved to bit 7: set for lead bytes (11xxxxxx), clear for
    // continuation bytes (10xxxxxx).
    let six = w << 1;
    let cont = w & !six & HIGH;
    let lead = w & six & HIGH;
    (gather(ascii_word), gather(cont), gather(lead))
}

/// What [`classify`] finds in 64 bytes, a bit a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Classes {
    /// ASCII letters, digits and `_`.
    ascii: u64,
    /// Continuation bytes (they belong where their lead byte does).
    cont: u64,
    /// Lead bytes of word characters, as [`BY_NEXT`] decides them with the next byte.
    lead_word: u64,
    /// Lead bytes [`BY_NEXT`] leaves to [`decoded_is_word`].
    lead_slow: u64,
}

/// [`classify`] with SSE2 (every x86-64 processor): sixteen bytes take a few vector
/// comparisons, the lead bytes of Vietnamese text included.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classify_sse2(block: &[u8; 64], after: u8) -> Classes {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
        _mm_cvtsi32_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x, _mm_slli_si128, _mm_srli_si128,
    };
    let mut c = Classes {
        ascii: 0,
        cont: 0,
        lead_word: 0,
        lead_slow: 0,
    };
    let byte = |b: u8| _mm_set1_epi8(b as i8);
    // Bytes compare as signed: 0x80–0xFF are -128..-1, below every ASCII byte.
    let within = |x: __m128i, lo: u8, hi: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(x, _mm_set1_epi8(lo.wrapping_sub(1) as i8)),
            _mm_cmplt_epi8(x, _mm_set1_epi8(hi.wrapping_add(1) as i8)),
        )
    };
    let is = |x: __m128i, b: u8| _mm_cmpeq_epi8(x, byte(b));
    let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16);
    for (j, chunk) in block.chunks_exact(16).enumerate() {
        let half = |from: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&chunk[from..from + 8]);
            i64::from_le_bytes(w)
        };
        let v: __m128i = _mm_set_epi64x(half(8), half(0));
        // The byte after each: the vector shifted down one, the next chunk's first on top.
        let following = block.get(16 * (j + 1)).copied().unwrap_or(after);
        let next = _mm_or_si128(
            _mm_srli_si128::<1>(v),
            _mm_slli_si128::<15>(_mm_cvtsi32_si128(i32::from(following))),
        );
        let lower = _mm_or_si128(v, byte(0x20));
        let ascii = _mm_or_si128(
            _mm_or_si128(within(v, b'0', b'9'), within(lower, b'a', b'z')),
            is(v, b'_'),
        );
        // Continuation bytes 0x80–0xBF are the signed bytes below 0xC0 (-64).
        let cont = _mm_cmplt_epi8(v, byte(0xC0));
        let lead = _mm_andnot_si128(cont, _mm_cmplt_epi8(v, byte(0)));
        // BY_NEXT: C4–C9 and CC always; C3 but before 97 and B7 (× ÷); E1 before B8–BB;
        // CD before 80–AF. The rest is decoded.
        let c3 = is(v, 0xC3);
        let times = is(_mm_and_si128(next, byte(0xDF)), 0x97);
        let e1 = _mm_and_si128(is(v, 0xE1), is(_mm_and_si128(next, byte(0xFC)), 0xB8));
        let cd = _mm_and_si128(is(v, 0xCD), is(_mm_max_epu8(next, byte(0xAF)), 0xAF));
        let always = _mm_or_si128(within(v, 0xC4, 0xC9), is(v, 0xCC));
        let word = _mm_or_si128(
            _mm_or_si128(always, _mm_andnot_si128(times, c3)),
            _mm_or_si128(e1, cd),
        );
        let decided = _mm_or_si128(_mm_or_si128(always, c3), _mm_or_si128(e1, cd));
        let at = 16 * j;
        c.ascii |= bits(ascii) << at;
        c.cont |= bits(cont) << at;
        c.lead_word |= bits(word) << at;
        c.lead_slow |= bits(_mm_andnot_si128(decided, lead)) << at;
    }
    c
}

/// Classifies the 64 bytes of `block`, `after` being the byte that follows it (0 at the
/// end of the text).
#[inline]
fn classify(block: &[u8; 64], after: u8) -> Classes {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 processor has it (the
    // compiler enables it for the target by default; only the attribute makes the call
    // unsafe).
    return unsafe { classify_sse2(block, after) };
    #[cfg(not(target_arch = "x86_64"))]
    classify_swar(block, after)
}

/// [`classify`] eight bytes at a time with integer arithmetic ([`classify8`]) and the lead
/// bytes one by one through the tables: for other processors, and the tests' reference.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn classify_swar(block: &[u8; 64], after: u8) -> Classes {
    let (mut ascii, mut cont, mut lead) = (0u64, 0u64, 0u64);
    for (j, chunk) in block.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let (a, c, l) = classify8(u64::from_le_bytes(word));
        ascii |= a << (8 * j);
        cont |= c << (8 * j);
        lead |= l << (8 * j);
    }
    let (mut lead_word, mut lead_slow) = (0u64, 0u64);
    while lead != 0 {
        let i = lead.trailing_zeros() as usize;
        lead &= lead - 1;
        let class = LEAD_CLASS[(block[i] & 0x3F) as usize];
        let next = block.get(i + 1).copied().unwrap_or(after);
        match BY_NEXT[class as usize][next as usize] {
            SLOW => lead_slow |= 1 << i,
            own => lead_word |= u64::from(own) << i,
        }
    }
    Classes {
        ascii,
        cont,
        lead_word,
        lead_slow,
    }
}

/// The mask of the 64-byte block at `start` ([`WordSlices::mask`]) and whether its last
/// byte belongs to a word character; `prev` says so of the byte before the block.
///
/// Bytes are classified sixteen or eight at a time ([`classify`]); only the characters the
/// tables leave open are decoded, and the continuation bytes then take their lead byte's
/// bit: a character is at most four bytes, so three shifts carry it to the last.
fn block_mask(text: &str, start: usize, prev: bool) -> (u64, bool) {
    let bytes = text.as_bytes();
    let block = &bytes[start.min(bytes.len())..(start + 64).min(bytes.len())];
    if block.is_empty() {
        return (0, prev);
    }
    // A short last block is padded with zeros (not word bytes).
    let mut padded = [0u8; 64];
    let full: &[u8; 64] = match block.try_into() {
        Ok(full) => full,
        Err(_) => {
            padded[..block.len()].copy_from_slice(block);
            &padded
        }
    };
    let c = classify(full, bytes.get(start + 64).copied().unwrap_or(0));
    let mut word = c.ascii | c.lead_word;
    let mut slow = c.lead_slow;
    while slow != 0 {
        let i = slow.trailing_zeros() as usize;
        slow &= slow - 1;
        word |= u64::from(decoded_is_word(text, start + i)) << i;
    }
    for _ in 0..3 {
        word |= ((word << 1) | u64::from(prev)) & c.cont;
    }
    let last = (word >> (block.len() - 1)) & 1 == 1;
    (word, last)
}

/// Whether the character at byte `i` of `text` (a character boundary) is a word character
/// ([`is_word_char`]): the slow path of [`block_mask`], for the characters its tables do
/// not decide.
fn decoded_is_word(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(is_word_char)
}

impl WordSlices<'_> {
    /// Moves to the next block; false past the end of the text.
    fn advance(&mut self) -> bool {
        self.block += 64;
        if self.block >= self.text.len() {
            self.mask = 0;
            return false;
        }
        (self.mask, self.last) = block_mask(self.text, self.block, self.last);
        true
    }
}

impl<'a> Iterator for WordSlices<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        // The run's first byte.
        while self.mask == 0 {
            if !self.advance() {
                return None;
            }
        }
        let start = self.block + self.mask.trailing_zeros() as usize;
        // Its end: the first byte after it that is not a word byte, maybe blocks later.
        let mut from = start - self.block;
        let end = loop {
            let rest = !self.mask & (u64::MAX << from);
            if rest != 0 {
                let end = rest.trailing_zeros() as usize;
                // Bits below `end` are this run's: clear them.
                self.mask &= u64::MAX << end;
                break self.block + end;
            }
            if !self.advance() {
                break self.text.len();
            }
            from = 0;
        };
        Some(&self.text[start..end.min(self.text.len())])
    }
}

/// How one indexed word is keyed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// `fold()` of the word: diacritics dropped, đ→d, lower case. `Đường` → `duong`.
    pub folded: String,
    /// `syllable_key()` of the word: exact letters, tone number last, blind to tone
    /// placement, case and NFC/NFD. `Hoà` → `hoa1`.
    pub variant: String,
}

impl Term {
    /// Keys a word run (one token of [`word_slices`]).
    pub fn of(word: &str) -> Term {
        let lower = lower_word(word);
        Term {
            folded: fold(&lower),
            variant: syllable_key(&lower),
        }
    }
}

/// A word run NFC-normalized, with Ð/ð mapped to Đ/đ and lower-cased, as [`tokens`] does.
fn lower_word(word: &str) -> String {
    let mut t = tokens(word);
    if t.len() == 1 {
        t.pop().unwrap_or_default()
    } else {
        t.concat()
    }
}

/// One word of a query, with how it must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The word as typed, lower-cased and NFC (for messages).
    pub text: String,
    /// The folded key: every variant under it matches in the folded pass.
    pub folded: String,
    /// `Some(syllable key)` when the word carries a diacritic: the strict pass matches only
    /// that variant. `None` for a word typed without diacritics: every variant matches.
    pub strict: Option<String>,
}

impl QueryWord {
    pub fn new(token: &str) -> QueryWord {
        let text = lower_word(token);
        QueryWord {
            folded: fold(&text),
            strict: has_diacritic(&text).then(|| syllable_key(&text)),
            text,
        }
    }

    /// Whether an indexed variant matches this word in the strict (`strict = true`) or the
    /// folded pass. The caller has already matched the folded key.
    pub fn accepts(&self, variant: &str, strict: bool) -> bool {
        match (&self.strict, strict) {
            (Some(key), true) => key == variant,
            _ => true,
        }
    }
}

/// A parsed query: groups of consecutive words. Each quoted phrase is one group; outside
/// quotes, a document number (`14/2015/QĐ-UBND`, `14/2015`) is one group; every other word is
/// a group of its own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Vec<QueryWord>>,
    /// Whether the query looks like a document number: its first group is boosted in titles.
    pub document_number: bool,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let input = nfc(input);
        let mut groups = Vec::new();
        let mut document_number = false;
        for (i, part) in input.split('"').enumerate() {
            if i % 2 == 1 {
                let words: Vec<QueryWord> =
                    tokens(part).iter().map(|t| QueryWord::new(t)).collect();
                if !words.is_empty() {
                    groups.push(words);
                }
                continue;
            }
            for chunk in part.split_whitespace() {
                let words: Vec<QueryWord> =
                    tokens(chunk).iter().map(|t| QueryWord::new(t)).collect();
                if is_document_number(chunk) && words.len() > 1 {
                    document_number = true;
                    groups.push(words);
                } else {
                    groups.extend(words.into_iter().map(|w| vec![w]));
                }
            }
        }
        Query {
            groups,
            document_number,
        }
    }

    pub fn words(&self) -> impl Iterator<Item = &QueryWord> {
        self.groups.iter().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// `14/2015`, `14/2015/QĐ-UBND`, `05/2023/TT-BTTTT`: digits, a slash, then more.
pub fn is_document_number(chunk: &str) -> bool {
    let mut parts = chunk.split('/');
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit())
        && second.is_some_and(|s| s.chars().next().is_some_and(|c| c.is_alphanumeric()))
}

/// Judges one row of the vector file: whether `query` matches `text` as a phrase of whole
/// tokens, strict (`strict = true`) or fully folded. This is the reference rule the index
/// and the client must agree with.
pub fn phrase_matches(query: &str, text: &str, strict: bool) -> bool {
    let q: Vec<QueryWord> = tokens(query).iter().map(|t| QueryWord::new(t)).collect();
    let t: Vec<Term> = word_slices(&nfc(text)).map(Term::of).collect();
    if q.is_empty() {
        return false;
    }
    t.windows(q.len()).any(|win| {
        win.iter()
            .zip(&q)
            .all(|(term, word)| term.folded == word.folded && word.accepts(&term.variant, strict))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn vectors() -> Vec<Vec<String>> {
        let path = format!(
            "{}/tests/data/vi/search_folding.tsv",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect(&path);
        text.lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn every_vector_row_is_judged_right_strict_and_folded() {
        let rows = vectors();
        assert_eq!(rows.len(), 64);
        for row in &rows {
            let (id, query, text) = (&row[0], &row[2], &row[3]);
            let strict = phrase_matches(query, text, true);
            let folded = phrase_matches(query, text, false);
            assert_eq!(
                strict,
                row[4] == "match",
                "{id} strict: {query:?} in {text:?}"
            );
            assert_eq!(
                folded,
                row[5] == "match",
                "{id} folded: {query:?} in {text:?}"
            );
        }
    }

    #[test]
    fn word_slices_are_unicode_word_runs() {
        let w: Vec<&str> = word_slices("Số 14/2015/QĐ-UBND, ngày 08/6 — Ủy ban").collect();
        assert_eq!(
            w,
            ["Số", "14", "2015", "QĐ", "UBND", "ngày", "08", "6", "Ủy", "ban"]
        );
        assert_eq!(word_slices("— … !").count(), 0);
        // The byte classes agree with is_word_char on every character of the BMP blocks
        // the fast paths cover and around them, alone and between two letters.
        for c in (0u32..0x3000)
            .chain(0x1E00..0x1F10)
            .filter_map(char::from_u32)
        {
            let s = format!("a{c}b");
            let want: Vec<String> = if is_word_char(c) {
                vec![s.clone()]
            } else {
                vec!["a".into(), "b".into()]
            };
            let got: Vec<&str> = word_slices(&s).collect();
            assert_eq!(got, want, "U+{:04X}", c as u32);
        }
        let nfd: Vec<&str> = word_slices("Ni\u{0300}nh Bi\u{0300}nh").collect();
        assert_eq!(nfd, ["Ni\u{0300}nh", "Bi\u{0300}nh"]);
    }

    #[test]
    fn eight_byte_classes_match_byte_by_byte() {
        for pattern in 0u64..256 {
            let m = (0..8).fold(0u64, |m, i| m | ((pattern >> i) & 1) << (8 * i + 7));
            assert_eq!(gather(m), pattern);
        }
        // Every byte value at every position, among neighbours of every kind.
        for b in 0..=255u8 {
            for pos in 0..8 {
                for fill in [0u8, b'a', 0x80, 0xC3, 0xFF] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let (ascii, cont, lead) = classify8(u64::from_le_bytes(bytes));
                    for (i, &x) in bytes.iter().enumerate() {
                        let bit = |m: u64| (m >> i) & 1 == 1;
                        assert_eq!(bit(ascii), x.is_ascii_alphanumeric() || x == b'_', "{x:#x}");
                        assert_eq!(bit(cont), (0x80..0xC0).contains(&x), "{x:#x}");
                        assert_eq!(bit(lead), x >= 0xC0, "{x:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn block_classes_agree_with_eight_byte_classes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut block = [0u8; 64];
            for b in &mut block {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = seed as u8;
            }
            let after = block[0] ^ block[63];
            assert_eq!(
                classify(&block, after),
                classify_swar(&block, after),
                "{block:?}"
            );
        }
    }

    /// Word runs by characters: the rule [`word_slices`] reads from bytes.
    fn word_runs_by_chars(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push(&text[s..i]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push(&text[s..]);
        }
        out
    }

    #[test]
    fn word_slices_agree_with_characters_across_blocks() {
        // Runs that start, end or span the 64-byte blocks, in texts of Vietnamese, NFD,
        // punctuation of every width, and letters of other scripts.
        let palette = [
            "a",
            "Z",
            "0",
            "_",
            " ",
            ".",
            "-",
            "/",
            "\n",
            "ư",
            "Đ",
            "ộ",
            "ế",
            "ả",
            "à",
            "×",
            "÷",
            "e\u{0301}",
            "\u{0345}",
            "\u{0360}",
            "“",
            "”",
            "—",
            "…",
            "€",
            "ß",
            "Ω",
            "中",
            "ⁱ",
            "Ⅻ",
            "😀",
            "ﬁ",
            "\u{00a0}",
            "ỹ",
            "\u{1e9e}",
            "Ạ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3_000 {
            let len = rand(200);
            let text: String = (0..len).map(|_| palette[rand(palette.len())]).collect();
            let got: Vec<&str> = word_slices(&text).collect();
            assert_eq!(got, word_runs_by_chars(&text), "{text:?}");
        }
        let long = "Ủy ban nhân dân tỉnh ".repeat(50);
        assert_eq!(
            word_slices(&long).collect::<Vec<_>>(),
            word_runs_by_chars(&long)
        );
        assert_eq!(word_slices("").count(), 0);
        let one_run = "ư".repeat(100);
        assert_eq!(
            word_slices(&one_run).collect::<Vec<_>>(),
            [one_run.as_str()]
        );
    }

    #[test]
    fn terms_fold_and_key() {
        let cases = [
            ("Đường", "duong", "đương1"),
            ("HOÀ", "hoa", "hoa1"),
            ("Ðà", "da", "đa1"),
            ("QĐ", "qd", "qđ0"),
            ("2015", "2015", "20150"),
        ];
        for (word, folded, variant) in cases {
            let t = Term::of(word);
            assert_eq!(
                (t.folded.as_str(), t.variant.as_str()),
                (folded, variant),
                "{word}"
            );
        }
    }

    #[test]
    fn query_words_are_strict_only_with_diacritics() {
        let q = Query::parse("ủy ban nhan dan");
        let strict: Vec<Option<&str>> = q.words().map(|w| w.strict.as_deref()).collect();
        assert_eq!(strict, [Some("uy2"), None, None, None]);
        assert_eq!(q.groups.len(), 4);
    }

    #[test]
    fn quotes_and_document_numbers_make_phrases() {
        let q = Query::parse("\"hòa bình\" thủy lợi");
        assert_eq!(q.groups.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1, 1]);
        assert!(!q.document_number);
        let q = Query::parse("14/2015/QĐ-UBND");
        assert_eq!(q.groups.len(), 1);
        assert_eq!(q.groups[0].len(), 4);
        assert!(q.document_number);
        assert!(Query::parse("quyết định 14/2015").document_number);
        assert!(!is_document_number("2015"));
        assert!(!is_document_number("a/b"));
        assert!(Query::parse("  \"\" ").is_empty());
    }
}
