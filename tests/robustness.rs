//! No input makes trang panic: random mutations of real content files go through every pure
//! stage (decode, front matter, Markdown), and random files go through a whole build.

use std::collections::HashMap;
use trang::content::front_matter::{self, PageFrontMatter, SectionFrontMatter};
use trang::content::source::decode;
use trang::render::markdown;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEED: &str = "+++\ntitle = \"Quyết định số 14/2015/QĐ-UBND\"\ndate = 2015-06-08\nslug = \"qd-14\"\naliases = [\"/cu/\"]\n[taxonomies]\nchu-de = [\"Văn bản\"]\n[extra]\nso = 1\n+++\n## Điều 7\n\n| a | b |\n|---|---|\n| Ủy ban | [liên kết](@/tin-tuc/a.md#x) |\n\n- [x] việc\n\nChú thích[^1] ~~cũ~~ <!-- more -->\n\n[^1]: Ghi chú.\n\n```\nmã\n```\n";

/// Pieces that stress parsers: delimiters, multi-byte characters, invalid bytes.
const PIECES: &[&[u8]] = &[
    b"+++",
    b"\n",
    b"\r\n",
    b"\"",
    b"[",
    b"]",
    b"=",
    b"#",
    b"@/",
    b"](",
    b"|",
    b"`",
    b"<!--",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xC3",
    b"\0",
    "đ".as_bytes(),
    "\u{0300}".as_bytes(),
    b"[^",
    b"{#",
    b"date = 2024-13-45",
    b"title = 1",
    b"[extra]\n",
    b"[[x]]",
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(3) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            1 if !bytes.is_empty() => {
                let end = (at + rng.below(12)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            _ => {
                let b = (rng.next() & 0xFF) as u8;
                bytes.insert(at, b);
            }
        }
    }
    bytes
}

#[test]
fn random_mutations_never_panic_in_any_pure_stage() {
    let mut rng = Rng(0x0014_2015);
    let mut links = HashMap::new();
    links.insert("tin-tuc/a.md".to_string(), "/tin-tuc/a/".to_string());
    let mut parsed_ok = 0;
    for _ in 0..3000 {
        let bytes = mutate(&mut rng, SEED.as_bytes());
        let Ok(text) = decode("content/x.md", bytes) else {
            continue;
        };
        let Ok(split) = front_matter::split("content/x.md", &text) else {
            continue;
        };
        let page = front_matter::parse::<PageFrontMatter>("content/x.md", &text, &split);
        let _ = front_matter::parse::<SectionFrontMatter>("content/x.md", &text, &split);
        if let Ok(fm) = page {
            parsed_ok += 1;
            if let Some(d) = &fm.date {
                let _ = front_matter::parse_date(d);
            }
        }
        let cx = markdown::Context {
            file: "content/x.md",
            body_line: split.body_line,
            links: &links,
            base_path: "",
        };
        let (rendered, diags) = markdown::render(split.body, &cx);
        for d in diags {
            assert!(d.line >= split.body_line, "{d}");
        }
        assert!(rendered.html.len() < 100 * (text.len() + 100));
    }
    assert!(
        parsed_ok > 100,
        "mutations too destructive to test parsing: {parsed_ok}"
    );
}

#[test]
fn random_files_never_panic_a_whole_build() {
    let mut rng = Rng(0x0608_2015);
    for round in 0..25 {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("trang.toml"),
            "title = \"x\"\nbase_url = \"/\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(tmp.path().join("content/a")).unwrap();
        for i in 0..4 {
            let name = match rng.below(3) {
                0 => format!("content/a/p{i}.md"),
                1 => "content/a/_index.md".to_string(),
                _ => format!("content/p{round}{i}.md"),
            };
            std::fs::write(tmp.path().join(name), mutate(&mut rng, SEED.as_bytes())).unwrap();
        }
        let report = trang::build::build(&trang::build::BuildOptions::new(tmp.path()));
        // Either it built, or every problem is a located, explained diagnostic.
        for d in &report.diagnostics {
            assert!(!d.file.is_empty() && !d.message.is_empty(), "{d:?}");
        }
    }
}
