//! `trang fix` end to end: the built binary on fixture repositories made in a temporary
//! folder (diff output, dry run, the git refusal, --from, --tone-style, errors).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TRANG: &str = env!("CARGO_BIN_EXE_trang");

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vi/samples")
}

fn sample(name: &str) -> Vec<u8> {
    fs::read(samples().join(name)).unwrap()
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Biên tập",
            "-c",
            "user.email=bbt@example.vn",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A site folder with `files`, committed in a fresh git repository when `commit`.
fn site(files: &[(&str, &[u8])], commit: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let p = tmp.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    if commit {
        git(tmp.path(), &["init", "-q"]);
        git(tmp.path(), &["add", "."]);
        git(tmp.path(), &["commit", "-q", "-m", "nội dung"]);
    }
    tmp
}

fn trang(dir: &Path, args: &[&str]) -> Output {
    Command::new(TRANG)
        .arg("fix")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const MOJIBAKE: &str = "+++\ntitle = \"Th«ng b¸o\"\n+++\nXem `Th«ng` và [tệp](files/Th«ng.pdf).\n";

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let tmp = site(&[("content/a.md", MOJIBAKE.as_bytes())], false);
    let out = trang(tmp.path(), &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "--- a/content/a.md\n+++ b/content/a.md\n@@ -1,4 +1,4 @@\n +++\n-title = \"Th«ng b¸o\"\n+title = \"Thông báo\"\n +++\n Xem `Th«ng` và [tệp](files/Th«ng.pdf).\n"
    );
    assert_eq!(
        stderr(&out),
        "would fix content/a.md: repaired 1 line of TCVN3 (ABC) text read as Windows-1252 (line 2)\n1 file would change, 0 unchanged; nothing was written (--dry-run).\n"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("content/a.md")).unwrap(),
        MOJIBAKE
    );
}

#[test]
fn fix_rewrites_committed_files_and_keeps_code_links_and_line_ends() {
    if !git_available() {
        eprintln!("git not found: skipped");
        return;
    }
    let crlf = MOJIBAKE.replace('\n', "\r\n");
    let tmp = site(&[("content/a.md", crlf.as_bytes())], true);
    let out = trang(tmp.path(), &["content/a.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("-title = \"Th«ng b¸o\"\n+title = \"Thông báo\"\n"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("content/a.md")).unwrap(),
        "+++\r\ntitle = \"Thông báo\"\r\n+++\r\nXem `Th«ng` và [tệp](files/Th«ng.pdf).\r\n"
    );
    // A second run finds nothing to do.
    let again = trang(tmp.path(), &["content/a.md"]);
    assert!(again.status.success());
    assert_eq!(stdout(&again), "");
    assert_eq!(stderr(&again), "Fixed 0 files, 1 unchanged.\n");
}

#[test]
fn uncommitted_and_untracked_files_are_refused_unless_forced() {
    if !git_available() {
        eprintln!("git not found: skipped");
        return;
    }
    let tmp = site(&[("content/a.md", MOJIBAKE.as_bytes())], true);
    let edited = format!("{MOJIBAKE}Thêm một dòng.\n");
    fs::write(tmp.path().join("content/a.md"), &edited).unwrap();
    fs::write(tmp.path().join("content/new.md"), MOJIBAKE).unwrap();

    let out = trang(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "error: content/a.md: not rewritten: the file has uncommitted changes (git status `M`)"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: content/new.md: not rewritten: git does not track this file"),
        "{err}"
    );
    assert!(
        err.ends_with("Fixed 0 files, 0 unchanged, 2 not fixed.\n"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("content/a.md")).unwrap(),
        edited
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("content/new.md")).unwrap(),
        MOJIBAKE
    );

    let forced = trang(tmp.path(), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(fs::read_to_string(tmp.path().join("content/a.md"))
        .unwrap()
        .contains("title = \"Thông báo\""));
}

#[test]
fn outside_a_git_work_tree_files_are_written() {
    let tmp = site(&[("content/a.md", MOJIBAKE.as_bytes())], false);
    let out = trang(tmp.path(), &["content"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read_to_string(tmp.path().join("content/a.md"))
        .unwrap()
        .contains("Thông báo"));
}

#[test]
fn legacy_samples_convert_detected_and_named() {
    let cases = [
        ("quyche.tcvn3.txt", "tcvn3", "quyche.tcvn3.expected.nfc.txt"),
        ("quyche.tcvn5712-1.txt", "vn1", "quyche.expected.nfc.txt"),
        ("quyche.vni.txt", "vni", "quyche.expected.nfc.txt"),
        ("quyche.viscii.txt", "viscii", "quyche.expected.nfc.txt"),
        ("quyche.cp1258.txt", "cp1258", "quyche.expected.nfc.txt"),
        (
            "quyche.cp1258-decomposed.txt",
            "cp1258",
            "quyche.expected.nfc.txt",
        ),
        ("quyche.viqr.txt", "viqr", "quyche.expected.nfc.txt"),
        ("quyche.nfd.utf8.txt", "utf-8", "quyche.expected.nfc.txt"),
        (
            "quyche.mixed.utf8.txt",
            "utf-8",
            "quyche.mixed.expected.nfc.txt",
        ),
    ];
    for (file, from, expected) in cases {
        for args in [vec!["x.txt"], vec!["--from", from, "x.txt"]] {
            let tmp = site(&[("x.txt", &sample(file))], false);
            let out = trang(tmp.path(), &args);
            assert!(out.status.success(), "{file} {args:?}: {}", stderr(&out));
            assert!(
                fs::read(tmp.path().join("x.txt")).unwrap() == sample(expected),
                "{file} {args:?} differs from {expected}"
            );
        }
    }
}

#[test]
fn legacy_diff_shows_what_the_editor_sees() {
    let tmp = site(
        &[("content/a.md", b"+++\ntitle = \"Th\xABng b\xB8o\"\n+++\n")],
        false,
    );
    let out = trang(tmp.path(), &["--dry-run", "content/a.md"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("-title = \"Th«ng b¸o\"\n+title = \"Thông báo\"\n"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("would fix content/a.md: converted from TCVN3 (ABC) (confidence 9")
    );
}

#[test]
fn tone_style_unifies_placement() {
    let tmp = site(
        &[(
            "content/a.md",
            "+++\ntitle = \"Hoà bình\"\n+++\nThuỷ lợi, hòa giải, `hoà`.\n".as_bytes(),
        )],
        false,
    );
    let out = trang(tmp.path(), &["--tone-style", "old"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(tmp.path().join("content/a.md")).unwrap(),
        "+++\ntitle = \"Hòa bình\"\n+++\nThủy lợi, hòa giải, `hoà`.\n"
    );
    assert!(stderr(&out).contains("respelled 2 words in one tone placement"));
    let bad = trang(tmp.path(), &["--tone-style", "sideways"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("unknown tone style `sideways`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn unknown_encoding_and_bad_from_are_errors() {
    let french: Vec<u8> = "Le café est très agréable à midi.\n"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let tmp = site(
        &[
            ("data/a.toml", &french[..]),
            ("content/b.md", &b"ab\n\xC0\n"[..]),
        ],
        false,
    );
    let out = trang(tmp.path(), &["data/a.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: data/a.toml: unknown encoding"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(tmp.path().join("data/a.toml")).unwrap(), french);

    let out = trang(tmp.path(), &["--from", "tcvn3", "content/b.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .starts_with("error: content/b.md: line 2, column 1: byte 0xC0 is not TCVN3 (ABC)"),
        "{}",
        stderr(&out)
    );
    let out = trang(tmp.path(), &["--from", "latin9", "content/b.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown encoding `latin9`"));

    let out = trang(tmp.path(), &["missing.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: missing.md: no such file or folder"));
}

#[test]
fn clean_files_are_left_untouched() {
    let clean = "+++\ntitle = \"Thông báo\"\n+++\nNội dung.\n";
    let tmp = site(
        &[
            ("content/a.md", clean.as_bytes()),
            ("content/b.md", clean.as_bytes()),
        ],
        false,
    );
    let before = fs::metadata(tmp.path().join("content/a.md"))
        .unwrap()
        .modified()
        .unwrap();
    let out = trang(tmp.path(), &[]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "Fixed 0 files, 2 unchanged.\n");
    let after = fs::metadata(tmp.path().join("content/a.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}
