//! Site search (issue 5): the index a built site ships, read back the way the browser reads
//! it, against the shared vectors (`tests/data/vi/search_folding.tsv`) and every word of
//! every page.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use trang::build::{build, load_site, BuildOptions};
use trang::search::analyze::{word_slices, Term};
use trang::search::reader::Index;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn vectors() -> Vec<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/vi/search_folding.tsv"
    );
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// A site with one page per vector row: the row's text is the page's body.
fn vector_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "trang.toml",
        "title = \"Vectors\"\nbase_url = \"https://a.gov.vn\"\n",
    );
    for (i, row) in vectors().iter().enumerate() {
        let date = format!("2020-01-{:02}", 1 + i % 28);
        write(
            tmp.path(),
            &format!("content/v/{}.md", row[0].to_lowercase()),
            &format!(
                "+++\ntitle = \"Trang {}\"\ndate = {date}\n+++\n{}\n",
                row[0], row[3]
            ),
        );
    }
    tmp
}

fn open(out: &Path) -> Index<impl Fn(&str) -> Option<Vec<u8>>> {
    let dir = out.join("search");
    Index::open(move |name: &str| fs::read(dir.join(name)).ok()).expect("meta.json")
}

/// Doc id → page URL, from the fragment files.
fn urls(out: &Path, docs: u32) -> Vec<String> {
    let per = trang::search::index::FRAGMENT_BUNDLE;
    (0..docs as usize)
        .map(|i| {
            let json = fs::read(out.join(format!("search/f/{}.json", i / per))).unwrap();
            let f: serde_json::Value = serde_json::from_slice(&json).unwrap();
            f[i % per]["url"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn every_vector_row_through_the_built_index() {
    let site = vector_site();
    let out = site.path().join("public");
    let report = build(&BuildOptions::new(site.path()));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let index = open(&out);
    let urls = urls(&out, index.docs);
    let (mut must, mut found, mut wrong) = (0, 0, Vec::new());
    for row in vectors() {
        let (id, query) = (&row[0], &row[2]);
        let url = format!("/v/{}/", id.to_lowercase());
        let answer = index.search(query);
        let strict_hit =
            !answer.approximate && answer.hits.iter().any(|(d, _)| urls[*d as usize] == url);
        let any_hit = answer.hits.iter().any(|(d, _)| urls[*d as usize] == url);
        if row[4] == "match" {
            must += 1;
            if strict_hit {
                found += 1;
            } else {
                wrong.push(format!("{id}: {query:?} misses its page"));
            }
        } else if strict_hit {
            wrong.push(format!(
                "{id}: {query:?} ranks its page in the strict results"
            ));
        }
        // The folded fallback: when the strict pass is empty, folded matches show.
        if row[4] == "no_match" && row[5] == "match" && answer.approximate {
            assert!(
                any_hit,
                "{id}: folded fallback of {query:?} misses its page"
            );
        }
    }
    assert_eq!(must, 47);
    assert!(wrong.is_empty(), "{found}/{must} found; {wrong:#?}");
}

#[test]
fn strict_first_then_approximate() {
    let site = vector_site();
    let out = site.path().join("public");
    assert!(!build(&BuildOptions::new(site.path())).has_errors());
    let index = open(&out);
    // "bính" exists only folded (Bình, Bính in S48's text has sắc): strict finds S48.
    let a = index.search("bính");
    assert!(!a.approximate && !a.hits.is_empty());
    // No page has "đa" with ngang tone: the folded pass answers, marked approximate.
    let a = index.search("đa");
    assert!(a.approximate && !a.hits.is_empty(), "{a:?}");
    // A word found nowhere is reported, not dropped.
    let a = index.search("ninh xyzzy");
    assert!(a.hits.is_empty());
    assert_eq!(a.missing, ["xyzzy"]);
}

#[test]
fn document_number_finds_its_document_first() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "trang.toml",
        "title = \"S\"\nbase_url = \"https://a.gov.vn\"\n",
    );
    for i in 0..30 {
        write(
            root,
            &format!("content/tin/t{i}.md"),
            &format!("+++\ntitle = \"Tin {i}\"\ndate = 2024-01-{:02}\n+++\nThực hiện Quyết định số 14/2015/QĐ-UBND về quản lý trang thông tin điện tử nội bộ, năm 2015.\n", 1 + i % 28),
        );
    }
    write(
        root,
        "content/van-ban/qd-14.md",
        "+++\ntitle = \"Quyết định số 14/2015/QĐ-UBND ban hành Quy chế\"\ndate = 2015-06-08\n+++\nBan hành Quy chế quản lý trang thông tin điện tử nội bộ.\n",
    );
    assert!(!build(&BuildOptions::new(root)).has_errors());
    let out = root.join("public");
    let index = open(&out);
    let urls = urls(&out, index.docs);
    for q in [
        "14/2015/QĐ-UBND",
        "14/2015",
        "14/2015/qd-ubnd",
        "quyết định 14/2015",
    ] {
        let a = index.search(q);
        assert_eq!(a.hits.len(), 31, "{q}");
        assert_eq!(urls[a.hits[0].0 as usize], "/van-ban/qd-14/", "{q}");
    }
}

/// Every word of every page's title and body is in the index under that page, in both its
/// folded and exact forms. `TRANG_SEARCH_CORPUS=DIR` runs it on a whole site instead of the
/// fixture (the benchmark's 10,000 pages, say).
fn check_every_word(root: &Path) -> usize {
    let out = tempfile::tempdir().unwrap();
    let mut opts = BuildOptions::new(root);
    opts.output = Some(out.path().to_path_buf());
    let report = build(&opts);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let index = open(out.path());
    let urls = urls(out.path(), index.docs);
    let doc_of: HashMap<&str, u32> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i as u32))
        .collect();
    let mut have: HashSet<(String, u32)> = HashSet::new();
    for (key, term) in index.all_terms() {
        if !key.contains(' ') {
            for p in &term.postings {
                have.insert((term.variant.clone(), p.doc));
            }
            assert!(term.postings.iter().all(|_| !term.variant.is_empty()));
        }
    }
    let (site, _) = load_site(&BuildOptions::new(root)).unwrap();
    let (content, _) = trang::render::render_markdown(&site);
    let docs = trang::search::documents(&site, &content, &[]);
    let mut checked = 0;
    for d in &docs {
        let id = doc_of[d.path];
        for w in word_slices(&trang::vi::nfc(d.title)).chain(word_slices(&trang::vi::nfc(d.text))) {
            let t = Term::of(w);
            assert!(
                have.contains(&(t.variant.clone(), id)),
                "{w:?} of {} is not findable",
                d.path
            );
            assert!(index.shard_for(&t.folded).is_some());
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_word_of_every_page_is_findable() {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/site-basic"
    ));
    let site = vector_site();
    assert!(check_every_word(site.path()) > 300);
    assert!(check_every_word(&root) > 50);
}

#[test]
#[ignore = "needs TRANG_SEARCH_CORPUS=DIR (a site folder); run by bench/search.sh"]
fn every_word_of_the_corpus_is_findable() {
    let dir = std::env::var("TRANG_SEARCH_CORPUS").expect("TRANG_SEARCH_CORPUS");
    let n = check_every_word(Path::new(&dir));
    println!("checked {n} words");
}

#[test]
#[ignore = "needs TRANG_SEARCH_CORPUS=DIR; prints index build times"]
fn time_index_build() {
    let dir = std::env::var("TRANG_SEARCH_CORPUS").expect("TRANG_SEARCH_CORPUS");
    let (site, _) = load_site(&BuildOptions::new(&dir)).unwrap();
    let (content, _) = trang::render::render_markdown(&site);
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let out = trang::search::build_index(&site, &content, &site.config.search, &|_| {});
        best = best.min(t.elapsed().as_secs_f64());
        println!("{:?}", out.stats);
    }
    println!("best {best:.3} s");
}
