//! `trang archive` and `trang archive verify`: snapshots are reproducible (the same commit
//! built and archived twice, in two clones, gives the same bytes and hashes), readable by
//! standard tools, and verification finds altered files and archives.

mod git_fixture;

use flate2::read::GzDecoder;
use git_fixture::{department_site, git, git_available};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trang::archive::{self, Manifest, Problem};

const TRANG: &str = env!("CARGO_BIN_EXE_trang");
const DATE: &str = "2026-11-20";

fn trang(args: &[&str], root: &Path) -> Output {
    Command::new(TRANG)
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

fn archive_site(root: &Path, out: &Path, date: &str) -> (PathBuf, Manifest) {
    let run = Command::new(TRANG)
        .args(["archive", "--date", date, "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let name = format!("stttt.mau.gov.vn-{date}");
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(out.join(format!("{name}.manifest.json"))).unwrap())
            .unwrap();
    (out.join(format!("{name}.tar.gz")), manifest)
}

fn verify(file: &Path) -> Output {
    Command::new(TRANG)
        .args(["archive", "verify"])
        .arg(file)
        .output()
        .unwrap()
}

fn site() -> Option<tempfile::TempDir> {
    if !git_available() {
        eprintln!("git is not installed: skipping");
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    department_site(tmp.path());
    Some(tmp)
}

/// The archive's entries as (path, bytes), in archive order.
fn entries(archive: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = fs::read(archive).unwrap();
    let mut tar = tar::Archive::new(GzDecoder::new(bytes.as_slice()));
    tar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let path = e.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            (path, data)
        })
        .collect()
}

/// Writes an archive of `entries` the way a careless hand would: same paths, fresh headers.
fn repack(entries: &[(String, Vec<u8>)], to: &Path) {
    let gz = flate2::write::GzEncoder::new(
        fs::File::create(to).unwrap(),
        flate2::Compression::default(),
    );
    let mut tar = tar::Builder::new(gz);
    for (path, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        tar.append_data(&mut h, path, data.as_slice()).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
}

#[test]
fn the_same_commit_archived_in_two_clones_gives_identical_bytes() {
    let Some(a) = site() else { return };
    let b = tempfile::tempdir().unwrap();
    let clone = b.path().join("clone");
    git(
        a.path(),
        &[
            "clone",
            "-q",
            a.path().to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    let out = tempfile::tempdir().unwrap();
    let (archive_a, manifest_a) = archive_site(a.path(), &out.path().join("a"), DATE);
    let (archive_b, manifest_b) = archive_site(&clone, &out.path().join("b"), DATE);

    assert_eq!(
        fs::read(&archive_a).unwrap(),
        fs::read(&archive_b).unwrap(),
        "archive bytes differ"
    );
    assert_eq!(manifest_a, manifest_b);
    let head = git(a.path(), &["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(manifest_a.commit.as_deref(), Some(head.as_str()));
    assert_eq!(manifest_a.uncommitted_changes, Some(false));
    assert_eq!(
        (manifest_a.date.as_str(), manifest_a.schema.as_str()),
        (DATE, "trang-archive/1")
    );
    let a_meta = manifest_a.archive.as_ref().unwrap();
    assert_eq!(
        a_meta.sha256,
        archive::sha256_hex(&fs::read(&archive_a).unwrap())
    );
    assert_eq!(a_meta.file, format!("stttt.mau.gov.vn-{DATE}.tar.gz"));

    // Every file of the built site is listed with its hash, in path order.
    let public = a.path().join("public");
    let listed: Vec<&str> = manifest_a.files.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted);
    for f in &manifest_a.files {
        let bytes = fs::read(public.join(&f.path)).unwrap();
        assert_eq!(
            (f.size, f.sha256.as_str()),
            (bytes.len() as u64, archive::sha256_hex(&bytes).as_str()),
            "{}",
            f.path
        );
    }
    assert!(listed.contains(&"index.html") && listed.contains(&"van-ban/ke-hoach.pdf"));
    assert_eq!(
        manifest_a.total_bytes,
        manifest_a.files.iter().map(|f| f.size).sum::<u64>()
    );
}

#[test]
fn rebuilding_gives_the_same_hashes_and_an_identical_snapshot_is_kept() {
    let Some(a) = site() else { return };
    let out = tempfile::tempdir().unwrap();
    let (archive_1, manifest_1) = archive_site(a.path(), out.path(), DATE);
    fs::remove_dir_all(a.path().join("public")).unwrap();
    let (archive_2, manifest_2) = archive_site(a.path(), out.path(), DATE);
    assert_eq!(archive_1, archive_2);
    assert_eq!(manifest_1, manifest_2);
    let names: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no second copy, no partial file: {names:?}");

    // Another day: other archive bytes (dates in the entries), the same file hashes.
    let (archive_3, manifest_3) = archive_site(a.path(), out.path(), "2026-12-31");
    assert_ne!(fs::read(&archive_1).unwrap(), fs::read(&archive_3).unwrap());
    assert_eq!(manifest_1.files, manifest_3.files);

    // A changed site archived on the same day does not overwrite the first snapshot.
    git_fixture::write(
        a.path(),
        "content/tin-tuc/moi.md",
        "+++\ntitle = \"Tin mới\"\ndate = 2026-11-20\n+++\nMới.\n",
    );
    let run = trang(
        &[
            "archive",
            "--date",
            DATE,
            "--output-dir",
            out.path().to_str().unwrap(),
        ],
        a.path(),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("uncommitted changes"));
    let second = out.path().join(format!("stttt.mau.gov.vn-{DATE}-2.tar.gz"));
    assert!(second.is_file());
    assert_eq!(fs::read(&archive_1).unwrap(), fs::read(&archive_2).unwrap());
    let m: Manifest = serde_json::from_slice(
        &fs::read(
            out.path()
                .join(format!("stttt.mau.gov.vn-{DATE}-2.manifest.json")),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(m.uncommitted_changes, Some(true));
}

#[test]
fn the_archive_is_sorted_with_fixed_owner_mode_and_time() {
    let Some(a) = site() else { return };
    let out = tempfile::tempdir().unwrap();
    let (file, manifest) = archive_site(a.path(), out.path(), DATE);
    let bytes = fs::read(&file).unwrap();
    // gzip: no time stamp (bytes 4..8), no file name flag.
    assert_eq!(&bytes[4..8], &[0, 0, 0, 0]);
    assert_eq!(bytes[3] & 0x08, 0);
    let mut tar = tar::Archive::new(GzDecoder::new(bytes.as_slice()));
    let mut paths = Vec::new();
    for e in tar.entries().unwrap() {
        let e = e.unwrap();
        let h = e.header();
        assert_eq!(
            (h.uid().unwrap(), h.gid().unwrap(), h.mode().unwrap()),
            (0, 0, 0o644)
        );
        assert_eq!(h.mtime().unwrap(), 1_795_107_600, "2026-11-20 00:00 +07:00");
        paths.push(e.path().unwrap().to_string_lossy().into_owned());
    }
    assert_eq!(&paths[paths.len() - 2..], ["SHA256SUMS", "manifest.json"]);
    let expected: Vec<String> = manifest
        .files
        .iter()
        .map(|f| format!("site/{}", f.path))
        .collect();
    assert_eq!(paths[..paths.len() - 2], expected[..]);
}

#[test]
fn standard_tools_can_check_an_unpacked_snapshot() {
    let Some(a) = site() else { return };
    let tools = ["tar", "sha256sum"].iter().all(|t| {
        Command::new(t)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !tools {
        eprintln!("tar or sha256sum is not installed: skipping");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let (file, _) = archive_site(a.path(), out.path(), DATE);
    let unpacked = out.path().join("unpacked");
    fs::create_dir_all(&unpacked).unwrap();
    let run = Command::new("tar")
        .arg("-xzf")
        .arg(&file)
        .arg("-C")
        .arg(&unpacked)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = Command::new("sha256sum")
        .args(["--check", "--strict", "--quiet", "SHA256SUMS"])
        .current_dir(&unpacked)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn verify_accepts_a_snapshot_and_finds_a_modified_file() {
    let Some(a) = site() else { return };
    let out = tempfile::tempdir().unwrap();
    let (file, manifest) = archive_site(a.path(), out.path(), DATE);
    let ok = verify(&file);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.starts_with("OK: "), "{stdout}");
    assert!(
        stdout.contains(&format!("{} files", manifest.files.len())),
        "{stdout}"
    );
    // The manifest beside the archive can be named instead.
    assert!(verify(
        &out.path()
            .join(format!("stttt.mau.gov.vn-{DATE}.manifest.json"))
    )
    .status
    .success());

    // One page changed inside the archive, the manifests kept: a copy without the manifest
    // beside it is caught by the hashes inside.
    let mut list = entries(&file);
    let i = list
        .iter()
        .position(|(p, _)| p == "site/index.html")
        .unwrap();
    list[i].1.extend_from_slice(b"<!-- sua -->");
    let tampered_dir = tempfile::tempdir().unwrap();
    let tampered = tampered_dir.path().join("ban-sao.tar.gz");
    repack(&list, &tampered);
    let result = archive::verify(&tampered);
    assert!(!result.outer_checked);
    assert_eq!(result.problems, [Problem::Changed("index.html".into())]);
    let run = verify(&tampered);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("index.html: the content differs from its SHA-256"),
        "{stderr}"
    );

    // With the manifest beside it, the archive's own hash is checked too.
    let beside = tampered_dir.path().join("ban-sao.manifest.json");
    fs::copy(
        out.path()
            .join(format!("stttt.mau.gov.vn-{DATE}.manifest.json")),
        &beside,
    )
    .unwrap();
    let result = archive::verify(&tampered);
    assert!(result.outer_checked);
    assert!(
        matches!(result.problems[0], Problem::ArchiveChanged { .. }),
        "{:?}",
        result.problems
    );
    assert!(result
        .problems
        .contains(&Problem::Changed("index.html".into())));

    // A file removed and one added.
    let mut list = entries(&file);
    list.retain(|(p, _)| p != "site/van-ban/ke-hoach.pdf");
    list.insert(0, ("site/them.html".into(), b"x".to_vec()));
    let other = tampered_dir.path().join("thieu.tar.gz");
    repack(&list, &other);
    let problems = archive::verify(&other).problems;
    assert_eq!(
        problems,
        [
            Problem::Missing("van-ban/ke-hoach.pdf".into()),
            Problem::Unexpected("them.html".into())
        ]
    );

    // Not an archive at all.
    let junk = tampered_dir.path().join("hong.tar.gz");
    fs::write(&junk, b"not gzip").unwrap();
    assert!(matches!(
        archive::verify(&junk).problems[..],
        [Problem::Unreadable(_)]
    ));
}

#[test]
fn a_site_outside_git_is_archived_without_a_commit() {
    let Some(a) = site() else { return };
    fs::remove_dir_all(a.path().join(".git")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (file, manifest) = archive_site(a.path(), out.path(), DATE);
    assert_eq!(
        (manifest.commit, manifest.uncommitted_changes),
        (None, None)
    );
    assert!(verify(&file).status.success());
}
