//! Tests of the legacy encodings against the shared vectors in `tests/data/vi`.

use super::*;

fn data(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/data/vi/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn text(path: &str) -> String {
    String::from_utf8(data(path)).unwrap()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The rows of `legacy_letters.tsv` as maps from column name to cell.
fn letters() -> Vec<std::collections::HashMap<String, String>> {
    let t = text("legacy_letters.tsv");
    let mut lines = t.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let rows: Vec<_> = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 134);
    rows
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

#[test]
fn tcvn3_round_trips_all_letters_lossy_on_toned_capitals() {
    for row in letters() {
        let letter = &row["letter"];
        let bytes = hex(&row["tcvn3_abc_hex"]);
        assert_eq!(encode(letter, Encoding::Tcvn3).unwrap(), bytes, "{letter}");
        let want = if row["tcvn3_abc_lossy"] == "yes" {
            lower(letter)
        } else {
            letter.clone()
        };
        assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap(), want, "{letter}");
    }
}

#[test]
fn vn1_round_trips_all_letters() {
    for row in letters() {
        let letter = &row["letter"];
        let bytes = hex(&row["tcvn5712_1_vn1_hex"]);
        assert_eq!(encode(letter, Encoding::Vn1).unwrap(), bytes, "{letter}");
        assert_eq!(&decode(&bytes, Encoding::Vn1).unwrap(), letter);
    }
}

#[test]
fn vni_round_trips_all_letters_and_shows_through_cp1252() {
    for row in letters() {
        let letter = &row["letter"];
        let bytes = hex(&row["vni_windows_hex"]);
        assert_eq!(encode(letter, Encoding::Vni).unwrap(), bytes, "{letter}");
        assert_eq!(&decode(&bytes, Encoding::Vni).unwrap(), letter);
        // What an editor sees when the VNI bytes are read as Windows-1252.
        let seen: String = bytes
            .iter()
            .map(|&b| match b {
                0..=0x7F => char::from(b),
                _ => char::from_u32(u32::from(tables::CP1252_HIGH[usize::from(b - 0x80)])).unwrap(),
            })
            .collect();
        assert_eq!(seen, row["vni_seen_as_cp1252"], "{letter}");
    }
}

#[test]
fn viscii_round_trips_all_letters_and_reads_unikey_variant() {
    for row in letters() {
        let letter = &row["letter"];
        let bytes = hex(&row["viscii_rfc1456_hex"]);
        assert_eq!(encode(letter, Encoding::Viscii).unwrap(), bytes, "{letter}");
        assert_eq!(&decode(&bytes, Encoding::Viscii).unwrap(), letter);
        // UniKey writes the six capitals of the C0 range (and Õ) with the lower-case byte.
        let unikey = hex(&row["viscii_unikey_hex"]);
        let got = decode(&unikey, Encoding::Viscii).unwrap();
        if unikey == bytes {
            assert_eq!(&got, letter);
        } else {
            assert_eq!(got, lower(letter), "{letter}");
        }
    }
}

#[test]
fn cp1258_round_trips_precomposed_and_decomposed() {
    for row in letters() {
        let letter = &row["letter"];
        let pre = hex(&row["cp1258_hex"]);
        let dec = hex(&row["cp1258_decomposed_hex"]);
        assert_eq!(encode(letter, Encoding::Cp1258).unwrap(), pre, "{letter}");
        assert_eq!(encode_cp1258_decomposed(letter).unwrap(), dec, "{letter}");
        assert_eq!(&decode(&pre, Encoding::Cp1258).unwrap(), letter);
        assert_eq!(&decode(&dec, Encoding::Cp1258).unwrap(), letter);
    }
}

#[test]
fn viqr_round_trips_all_letters() {
    for row in letters() {
        let letter = &row["letter"];
        let viqr = &row["viqr"];
        assert_eq!(
            &String::from_utf8(encode(letter, Encoding::Viqr).unwrap()).unwrap(),
            viqr
        );
        assert_eq!(&decode(viqr.as_bytes(), Encoding::Viqr).unwrap(), letter);
    }
}

#[test]
fn nfd_input_encodes_like_nfc() {
    for row in letters().iter().take(40) {
        let nfd: String = row["letter"].nfd().collect();
        for enc in Encoding::LEGACY {
            assert_eq!(encode(&nfd, enc), encode(&row["letter"], enc));
        }
    }
}

#[test]
fn viqr_escapes_marks_that_would_combine() {
    let cases = [
        ("ba.", "ba\\."),
        ("bạ.", "ba.."),
        ("Có không?", "Co' kho^ng?"),
        ("Bà ơi?", "Ba` o+i\\?"),
        ("Ca?", "Ca\\?"),
        ("Buddha", "Bud\\dha"),
        ("Đà Nẵng", "DDa` Na(~ng"),
    ];
    for (unicode, viqr) in cases {
        let encoded = String::from_utf8(encode(unicode, Encoding::Viqr).unwrap()).unwrap();
        assert_eq!(encoded, viqr, "{unicode}");
        assert_eq!(decode(viqr.as_bytes(), Encoding::Viqr).unwrap(), unicode);
    }
}

/// (sample file, encoding, expected NFC file), from `samples/MANIFEST.tsv`.
fn legacy_samples() -> Vec<(String, Encoding, String)> {
    let manifest = text("samples/MANIFEST.tsv");
    let mut out = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, expected) = (cols[0], cols[3]);
        if expected == "-" {
            continue;
        }
        let encoding = match file {
            f if f.contains(".tcvn3.") => Encoding::Tcvn3,
            f if f.contains(".tcvn5712-1.") => Encoding::Vn1,
            f if f.contains(".vni.") => Encoding::Vni,
            f if f.contains(".viscii.") => Encoding::Viscii,
            f if f.contains(".viqr.") => Encoding::Viqr,
            f if f.contains(".cp1258") => Encoding::Cp1258,
            f if f.contains(".utf8.") => Encoding::Utf8,
            _ => continue,
        };
        out.push((file.to_string(), encoding, expected.to_string()));
    }
    assert_eq!(out.len(), 10, "every sample of the manifest is covered");
    out
}

#[test]
fn every_sample_decodes_exactly_with_its_encoding() {
    for (file, encoding, expected) in legacy_samples() {
        let got = decode(&data(&format!("samples/{file}")), encoding).unwrap();
        assert!(
            got == text(&format!("samples/{expected}")),
            "{file} decoded with {encoding} differs from {expected}"
        );
    }
}

#[test]
fn every_byte_sample_is_detected_exactly() {
    for (file, encoding, expected) in legacy_samples() {
        if encoding == Encoding::Viqr {
            continue; // ASCII, hence valid UTF-8: found by the mojibake scan instead.
        }
        let d = detect(&data(&format!("samples/{file}"))).unwrap();
        assert_eq!(d.encoding, encoding, "{file}");
        assert!(d.text == text(&format!("samples/{expected}")), "{file}");
        assert!(d.confidence >= 0.95, "{file}: {}", d.confidence);
    }
}

#[test]
fn every_word_of_the_passage_reads_as_vietnamese() {
    let t = tally(&text("samples/quyche.expected.nfc.txt"));
    assert_eq!(t.invalid, 0);
    assert!(t.valid > 300, "{t:?}");
}

/// Short snippets: a title, one line. Each is encoded from Unicode (or written as the
/// bytes an editor would have) and must come back with the right encoding.
#[test]
fn short_snippets_are_detected() {
    let titles = [
        "Thông báo",
        "Giới thiệu",
        "Quyết định số 14/2015/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Ninh Bình",
        "Lịch công tác tuần",
        "Tin tức - Sự kiện",
        "Văn bản chỉ đạo, điều hành",
        "Hướng dẫn thủ tục hành chính",
        "Đường dây nóng",
        "Cơ cấu tổ chức",
    ];
    for title in titles {
        for enc in Encoding::LEGACY {
            let bytes = encode(title, enc).unwrap();
            if std::str::from_utf8(&bytes).is_ok() {
                continue;
            }
            let d = detect(&bytes).unwrap_or_else(|e| panic!("{title} in {enc}: {e:?}"));
            let want: String = if enc == Encoding::Tcvn3 {
                decode(&bytes, Encoding::Tcvn3).unwrap()
            } else {
                title.to_string()
            };
            assert_eq!(d.text, want, "{title} in {enc} detected as {}", d.encoding);
            assert!(
                d.confidence >= CONFIDENT,
                "{title} in {enc}: {}",
                d.confidence
            );
        }
    }
}

#[test]
fn literal_snippets_from_editors() {
    let cases: [(&[u8], Encoding, &str); 5] = [
        (b"Th\xABng b\xB8o", Encoding::Tcvn3, "Thông báo"),
        (b"Tho\xE2ng ba\xF9o", Encoding::Vni, "Thông báo"),
        (
            b"\xD1a\xF8o \xF1a\xE1t co\xE2ng tr\xECnh",
            Encoding::Vni,
            "Đào đất công trình",
        ),
        (
            b"Th\xF4ng b\xE1o \xF0i\xEA\xF2n t\xFD\xD2",
            Encoding::Cp1258,
            "Thông báo điện tử",
        ),
        (b"H\xAD\xEDng d\xC9n", Encoding::Tcvn3, "Hướng dẫn"),
    ];
    for (bytes, enc, want) in cases {
        let d = detect(bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (enc, want));
    }
}

#[test]
fn identical_decodings_prefer_the_common_encoding() {
    // "Thông báo" is the same bytes in Windows-1258 and VISCII.
    let d = detect(b"Th\xF4ng b\xE1o").unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (Encoding::Cp1258, "Thông báo")
    );
}

#[test]
fn western_text_is_an_unknown_encoding() {
    let french = "Le café de la rue est très agréable, où l'élève déjeune à midi.";
    let bytes: Vec<u8> = french.chars().map(|c| c as u32 as u8).collect();
    assert_eq!(
        detect(&bytes),
        Err(DetectError::Unknown {
            high_bytes: bytes.iter().filter(|&&b| b >= 0x80).count()
        })
    );
    let d = legacy_encoding_diagnostic("content/a.md", &bytes).unwrap();
    assert_eq!(d.rule, "encoding.unknown");
    assert!(d.message.starts_with("unknown encoding"), "{}", d.message);
}

#[test]
fn a_stray_byte_is_left_to_the_loader() {
    assert_eq!(legacy_encoding_diagnostic("a.md", b"ab\ncd\xFFx"), None);
    let mut bytes = "Thông tin điện tử\nxin chào caf".as_bytes().to_vec();
    bytes.extend(b"\xE9\n");
    assert!(matches!(
        detect(&bytes),
        Err(DetectError::StrayBytes { .. })
    ));
    assert_eq!(legacy_encoding_diagnostic("a.md", &bytes), None);
}

#[test]
fn diagnostic_names_encoding_confidence_and_fix() {
    let d = legacy_encoding_diagnostic("content/x.md", &data("samples/quyche.vni.txt")).unwrap();
    assert_eq!(d.rule, "encoding.legacy");
    assert!(d.is_error());
    assert_eq!(
        d.message,
        "encoded as VNI-Windows (not UTF-8, confidence 99%); run `trang fix content/x.md`"
    );
    assert_eq!(d.article.as_deref(), Some("Điều 6 khoản 6"));
    assert!(d.help.unwrap().contains("--from"));
}

#[test]
fn mixed_utf8_and_legacy_lines_decode_line_by_line() {
    let mut bytes = "Tiêu đề: Thông báo\n".as_bytes().to_vec();
    bytes.extend(b"Th\xABng tin v\xA8n b\xB6n\n");
    bytes.extend("Hết.\n".as_bytes());
    let d = detect(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Tcvn3);
    assert_eq!(d.legacy_lines, [2]);
    assert_eq!(d.text, "Tiêu đề: Thông báo\nThông tin văn bản\nHết.\n");
    let diag = legacy_encoding_diagnostic("a.md", &bytes).unwrap();
    assert!(
        diag.message.starts_with("1 line is in TCVN3 (ABC)"),
        "{}",
        diag.message
    );
}

#[test]
fn utf16_with_bom_is_recognized() {
    let bytes = encode("Thông báo\r\n", Encoding::Utf16).unwrap();
    let d = detect(&bytes).unwrap();
    assert_eq!(
        (d.encoding, d.text.as_str()),
        (Encoding::Utf16, "Thông báo\r\n")
    );
    let diag = legacy_encoding_diagnostic("a.md", &bytes).unwrap();
    assert_eq!(diag.rule, "encoding.utf16");
}

#[test]
fn line_ends_survive_decoding() {
    let bytes = encode("Thông\r\nbáo\n", Encoding::Tcvn3).unwrap();
    assert_eq!(decode(&bytes, Encoding::Tcvn3).unwrap(), "Thông\r\nbáo\n");
}

#[test]
fn strict_decode_reports_unused_bytes() {
    let e = decode(b"ab\xC0", Encoding::Tcvn3).unwrap_err();
    assert_eq!((e.offset, e.byte), (2, 0xC0));
    assert_eq!(e.to_string(), "byte 0xC0 at offset 2 is not TCVN3 (ABC)");
    let e = decode(b"x\x81", Encoding::Cp1258).unwrap_err();
    assert_eq!(e.offset, 1);
    assert!(decode(b"\x81", Encoding::Vni).is_err());
    assert!(decode(b"\xFF", Encoding::Utf8).is_err());
}

#[test]
fn encoding_names_parse() {
    for (s, e) in [
        ("tcvn3", Encoding::Tcvn3),
        ("ABC", Encoding::Tcvn3),
        ("VNI-Windows", Encoding::Vni),
        ("windows-1258", Encoding::Cp1258),
        ("TCVN5712-1", Encoding::Vn1),
        ("viscii", Encoding::Viscii),
        ("VIQR", Encoding::Viqr),
        ("UTF-8", Encoding::Utf8),
    ] {
        assert_eq!(s.parse::<Encoding>(), Ok(e), "{s}");
        assert_eq!(e.id().parse::<Encoding>(), Ok(e));
    }
    assert!("latin9".parse::<Encoding>().unwrap_err().contains("tcvn3"));
}

/// A small deterministic generator, so the fuzz tests need no crate.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(42);
    for round in 0..400 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                // Mostly text-like bytes, some of everything.
                if round % 2 == 0 && !r.is_multiple_of(3) {
                    b"aeiou thng"[(r % 10) as usize]
                } else {
                    (r & 0xFF) as u8
                }
            })
            .collect();
        let _ = detect(&bytes);
        let _ = legacy_encoding_diagnostic("x.md", &bytes);
        for enc in [
            Encoding::Tcvn3,
            Encoding::Vni,
            Encoding::Cp1258,
            Encoding::Viscii,
            Encoding::Vn1,
            Encoding::Viqr,
            Encoding::Utf8,
            Encoding::Utf16,
        ] {
            let _ = decode(&bytes, enc);
            let (s, _) = decode_lossy(&bytes, enc);
            let _ = encode(&s, enc);
        }
        let _ = tally(&String::from_utf8_lossy(&bytes));
    }
}
