//! `trang archive`: dated, verifiable snapshots of the built site (QĐ 14/2015 Điều 8 khoản 2:
//! units must archive their site's information, Nghị định 43/2011 Điều 17 khoản 1).
//!
//! Why this shape: an archive is only worth keeping if, years later, anyone can tell that it
//! is complete and unaltered, and which content it came from. So a snapshot is
//! - a `.tar.gz` (readable by every archive tool) holding `site/…` (the built site),
//!   `SHA256SUMS` (so `sha256sum -c` works on the unpacked folder without trang) and
//!   `manifest.json` (site, date, git commit, every file's size and SHA-256);
//! - beside it, `….manifest.json`: the same manifest plus the archive's own SHA-256, to
//!   record in the unit's archive register.
//!
//! The archive is reproducible: entries in byte order of their paths, fixed owner, mode and
//! modification time (the snapshot's date, 00:00 in Vietnam), gzip without a time stamp or
//! a file name. Since builds are deterministic, the same commit archived on the same date
//! gives the same bytes on any machine, and the same file hashes on any date.
//!
//! [`create`] and [`verify`] work on files; the manifest logic ([`Manifest`], [`check`]) is
//! pure. The date comes from the caller, never from the clock.

use crate::vi::Date;
use flate2::{read::GzDecoder, Compression, GzBuilder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The manifest's schema id.
pub const SCHEMA: &str = "trang-archive/1";
/// The folder of the site inside the archive.
pub const SITE_DIR: &str = "site";
/// The manifest inside the archive.
pub const MANIFEST_ENTRY: &str = "manifest.json";
/// The checksum list inside the archive (`sha256sum -c` format, paths under `site/`).
pub const SUMS_ENTRY: &str = "SHA256SUMS";

/// One file of the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the site's output folder, `/` separated.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The archive file a manifest describes (only in the manifest beside the archive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveFile {
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// What a snapshot holds and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: String,
    pub site: String,
    pub base_url: String,
    /// The snapshot's date, YYYY-MM-DD.
    pub date: String,
    /// The git commit of the content (`git rev-parse HEAD`), when the site is in git.
    pub commit: Option<String>,
    /// Whether the site's files differed from that commit when it was built.
    pub uncommitted_changes: Option<bool>,
    pub generator: String,
    pub total_bytes: u64,
    /// Sorted by path.
    pub files: Vec<FileEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveFile>,
}

impl Manifest {
    /// The `SHA256SUMS` text of the files (paths under `site/`).
    pub fn sums(&self) -> String {
        self.files
            .iter()
            .map(|f| format!("{}  {SITE_DIR}/{}\n", f.sha256, f.path))
            .collect()
    }

    fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("manifests serialize");
        s.push('\n');
        s
    }
}

/// Where the content came from: its commit and whether it had uncommitted changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub commit: Option<String>,
    pub uncommitted_changes: Option<bool>,
}

/// The files that make a site, for "uncommitted changes".
const SOURCE_PATHS: &[&str] = &[
    "trang.toml",
    "content",
    "static",
    "templates",
    "themes",
    "data",
    "manifests",
];

/// The site's git commit (`None` outside git), and whether its source files differ from it.
pub fn source(root: &Path) -> Source {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let Some(commit) = git(&["rev-parse", "--verify", "HEAD"]) else {
        return Source::default();
    };
    let mut args = vec!["status", "--porcelain", "--untracked-files=all", "--"];
    args.extend(SOURCE_PATHS);
    let dirty = git(&args).map(|s| !s.is_empty());
    Source {
        commit: Some(commit),
        uncommitted_changes: dirty,
    }
}

/// Seconds since 1970 of 00:00 on `date` in Vietnam (UTC+7): every entry's time stamp.
pub fn entry_time(date: Date) -> u64 {
    let secs = crate::regulation::dates::day_number(date) * 86_400 - 7 * 3600;
    secs.max(0) as u64
}

/// The base of a snapshot's file names: the site's host name (or its title as a slug) and
/// the date, e.g. `stttt.ninhbinh.gov.vn-2026-11-20`.
pub fn snapshot_name(base_url: &str, title: &str, date: Date) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        });
    let base = match host {
        Some(h) => h.to_ascii_lowercase(),
        None => {
            let slug = crate::vi::slugify(title);
            if slug.is_empty() {
                "trang".to_string()
            } else {
                slug
            }
        }
    };
    format!("{base}-{}", date.iso())
}

/// The files of a built site, as (path relative to it, file), sorted by path bytes.
pub fn site_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = entry.map_err(io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == ".git" || rel.starts_with(".git/") {
            continue;
        }
        files.push((rel, entry.into_path()));
    }
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(files)
}

/// A writer that hashes and counts what goes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn header(size: u64, mtime: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Regular);
    h.set_size(size);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(mtime);
    h
}

/// What [`create`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub archive: PathBuf,
    pub manifest_file: PathBuf,
    pub manifest: Manifest,
    /// An identical snapshot was already there; nothing was written.
    pub unchanged: bool,
}

/// What a snapshot is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotInfo {
    pub site: String,
    pub base_url: String,
    pub date: Date,
    pub source: Source,
}

/// What `trang archive` does.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    pub root: PathBuf,
    /// Default: ROOT/archive.
    pub output_dir: Option<PathBuf>,
    pub date: Date,
}

/// `trang archive`: builds the site (into its output folder, as `trang build` does), then
/// archives the output. `Err` with the build's diagnostics when it fails.
pub fn run(options: &ArchiveOptions) -> Result<Created, Vec<crate::diagnostics::Diagnostic>> {
    let build_options = crate::build::BuildOptions::new(&options.root);
    let report = crate::build::build(&build_options);
    if report.has_errors() {
        return Err(report.diagnostics);
    }
    let config = crate::config::load(&options.root).map_err(|d| vec![d])?;
    let info = SnapshotInfo {
        site: config.title.clone(),
        base_url: config.base_url.clone(),
        date: options.date,
        source: source(&options.root),
    };
    let out_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("archive"));
    create(&build_options.output_dir(), &info, &out_dir).map_err(|e| {
        vec![crate::diagnostics::Diagnostic::error(
            out_dir.display().to_string(),
            "archive.io",
            format!("cannot write the snapshot: {e}"),
        )
        .with_help("check that the folder is writable and the disk has room")]
    })
}

/// Archives the built site in `site_dir` into `out_dir` as `NAME.tar.gz` and
/// `NAME.manifest.json`. An existing snapshot of the same name is never overwritten: an
/// identical one is kept (`unchanged`), a different one makes this one `NAME-2…`.
pub fn create(site_dir: &Path, info: &SnapshotInfo, out_dir: &Path) -> io::Result<Created> {
    fs::create_dir_all(out_dir)?;
    let files = site_files(site_dir)?;
    let mtime = entry_time(info.date);
    let name = snapshot_name(&info.base_url, &info.site, info.date);
    let partial = out_dir.join(format!(".{name}.tar.gz.partial"));

    let file = File::create(&partial)?;
    let hashing = Hashing {
        inner: BufWriter::new(file),
        hasher: Sha256::new(),
        len: 0,
    };
    let gz = GzBuilder::new()
        .mtime(0)
        .write(hashing, Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mut entries = Vec::with_capacity(files.len());
    let mut total = 0;
    for (rel, path) in &files {
        let bytes = fs::read(path)?;
        let size = bytes.len() as u64;
        total += size;
        entries.push(FileEntry {
            path: rel.clone(),
            size,
            sha256: sha256_hex(&bytes),
        });
        tar.append_data(
            &mut header(size, mtime),
            format!("{SITE_DIR}/{rel}"),
            bytes.as_slice(),
        )?;
    }
    let mut manifest = Manifest {
        schema: SCHEMA.into(),
        site: info.site.clone(),
        base_url: info.base_url.clone(),
        date: info.date.iso(),
        commit: info.source.commit.clone(),
        uncommitted_changes: info.source.uncommitted_changes,
        generator: format!("trang {}", env!("CARGO_PKG_VERSION")),
        total_bytes: total,
        files: entries,
        archive: None,
    };
    let sums = manifest.sums();
    tar.append_data(
        &mut header(sums.len() as u64, mtime),
        SUMS_ENTRY,
        sums.as_bytes(),
    )?;
    let inner = manifest.to_json();
    tar.append_data(
        &mut header(inner.len() as u64, mtime),
        MANIFEST_ENTRY,
        inner.as_bytes(),
    )?;
    let Hashing {
        inner,
        hasher,
        len: size,
    } = tar.into_inner()?.finish()?;
    inner
        .into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()?;
    let sha256 = hex(&hasher.finalize());

    // Pick the name: keep an identical snapshot, never overwrite a different one.
    let mut n = 1;
    let (archive, manifest_file, unchanged) = loop {
        let stem = if n == 1 {
            name.clone()
        } else {
            format!("{name}-{n}")
        };
        let archive = out_dir.join(format!("{stem}.tar.gz"));
        let manifest_file = out_dir.join(format!("{stem}.manifest.json"));
        if !archive.exists() && !manifest_file.exists() {
            break (archive, manifest_file, false);
        }
        if archive.exists() && sha256_hex(&fs::read(&archive)?) == sha256 {
            break (archive, manifest_file, true);
        }
        n += 1;
    };
    manifest.archive = Some(ArchiveFile {
        file: archive
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        size,
        sha256,
    });
    if unchanged {
        fs::remove_file(&partial)?;
    } else {
        fs::rename(&partial, &archive)?;
    }
    fs::write(&manifest_file, manifest.to_json())?;
    Ok(Created {
        archive,
        manifest_file,
        manifest,
        unchanged,
    })
}

/// Something a verification found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The archive cannot be read (not gzip, truncated…).
    Unreadable(String),
    /// No `manifest.json` in the archive, or not a manifest.
    NoManifest(String),
    /// A file's content differs from its hash.
    Changed(String),
    /// A file of the manifest is not in the archive.
    Missing(String),
    /// A file in the archive is not in the manifest.
    Unexpected(String),
    /// `SHA256SUMS` does not match the manifest.
    SumsDiffer,
    /// The archive's bytes differ from the hash in the manifest beside it.
    ArchiveChanged { expected: String, actual: String },
    /// The manifest beside the archive lists other files than the one inside.
    ManifestsDiffer,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unreadable(e) => write!(f, "the archive cannot be read: {e}"),
            Problem::NoManifest(e) => write!(f, "no valid {MANIFEST_ENTRY} in the archive: {e}"),
            Problem::Changed(p) => write!(
                f,
                "{p}: the content differs from its SHA-256 in the manifest"
            ),
            Problem::Missing(p) => {
                write!(f, "{p}: listed in the manifest, missing from the archive")
            }
            Problem::Unexpected(p) => write!(f, "{p}: in the archive, not in the manifest"),
            Problem::SumsDiffer => write!(f, "{SUMS_ENTRY} does not match {MANIFEST_ENTRY}"),
            Problem::ArchiveChanged { expected, actual } => {
                write!(f, "the archive's SHA-256 is {actual}, its manifest says {expected}: the file was altered")
            }
            Problem::ManifestsDiffer => write!(
                f,
                "the manifest beside the archive does not match the one inside it"
            ),
        }
    }
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub archive: PathBuf,
    /// The manifest inside the archive, when it could be read.
    pub manifest: Option<Manifest>,
    /// Whether a manifest beside the archive was found and checked too.
    pub outer_checked: bool,
    pub problems: Vec<Problem>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Compares the files found in an archive (path → (size, hash)) with a manifest. Pure.
pub fn check(
    manifest: &Manifest,
    found: &BTreeMap<String, (u64, String)>,
    sums: Option<&str>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let listed: BTreeMap<&str, &FileEntry> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for (path, entry) in &listed {
        match found.get(*path) {
            None => problems.push(Problem::Missing(path.to_string())),
            Some((size, hash)) if *size != entry.size || *hash != entry.sha256 => {
                problems.push(Problem::Changed(path.to_string()))
            }
            Some(_) => {}
        }
    }
    for path in found.keys() {
        if !listed.contains_key(path.as_str()) {
            problems.push(Problem::Unexpected(path.clone()));
        }
    }
    if sums.is_some_and(|s| s != manifest.sums()) {
        problems.push(Problem::SumsDiffer);
    }
    problems
}

/// The archive and the manifest beside it, from either of the two.
fn pair(file: &Path) -> (PathBuf, PathBuf) {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = file.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    if let Some(stem) = name.strip_suffix(".manifest.json") {
        (dir.join(format!("{stem}.tar.gz")), file.to_path_buf())
    } else {
        let stem = name
            .strip_suffix(".tar.gz")
            .or(name.strip_suffix(".tgz"))
            .unwrap_or(&name);
        (
            file.to_path_buf(),
            dir.join(format!("{stem}.manifest.json")),
        )
    }
}

/// Checks a snapshot: every file in the archive against the manifest inside it, and, when
/// the manifest beside the archive is there, the archive's own hash and file list.
pub fn verify(file: &Path) -> Verification {
    let (archive, outer_file) = pair(file);
    let mut v = Verification {
        archive: archive.clone(),
        manifest: None,
        outer_checked: false,
        problems: Vec::new(),
    };
    let outer: Option<Manifest> = fs::read(&outer_file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let bytes = match fs::read(&archive) {
        Ok(b) => b,
        Err(e) => {
            v.problems
                .push(Problem::Unreadable(format!("{}: {e}", archive.display())));
            return v;
        }
    };
    if let Some(expected) = outer.as_ref().and_then(|m| m.archive.as_ref()) {
        v.outer_checked = true;
        let actual = sha256_hex(&bytes);
        if actual != expected.sha256 {
            v.problems.push(Problem::ArchiveChanged {
                expected: expected.sha256.clone(),
                actual,
            });
        }
    }
    let mut found = BTreeMap::new();
    let mut sums = None;
    let mut inner = None;
    let read = (|| -> io::Result<()> {
        let mut tar = tar::Archive::new(GzDecoder::new(bytes.as_slice()));
        for entry in tar.entries()? {
            let mut entry = entry?;
            let path = entry.path()?.to_string_lossy().replace('\\', "/");
            let mut data = Vec::new();
            entry.read_to_end(&mut data)?;
            if let Some(rel) = path.strip_prefix(&format!("{SITE_DIR}/")) {
                found.insert(rel.to_string(), (data.len() as u64, sha256_hex(&data)));
            } else if path == SUMS_ENTRY {
                sums = Some(String::from_utf8_lossy(&data).into_owned());
            } else if path == MANIFEST_ENTRY {
                inner = Some(data);
            } else {
                found.insert(path, (data.len() as u64, sha256_hex(&data)));
            }
        }
        Ok(())
    })();
    if let Err(e) = read {
        v.problems.push(Problem::Unreadable(e.to_string()));
        return v;
    }
    let manifest: Manifest = match inner.map(|b| serde_json::from_slice(&b)) {
        Some(Ok(m)) => m,
        Some(Err(e)) => {
            v.problems.push(Problem::NoManifest(e.to_string()));
            return v;
        }
        None => {
            v.problems.push(Problem::NoManifest("not found".into()));
            return v;
        }
    };
    v.problems.extend(check(&manifest, &found, sums.as_deref()));
    if let Some(outer) = &outer {
        let mut same = outer.clone();
        same.archive = None;
        if same != manifest {
            v.problems.push(Problem::ManifestsDiffer);
        }
    }
    v.manifest = Some(manifest);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn snapshot_names_use_the_host_or_the_title() {
        let cases = [
            (
                "https://stttt.ninhbinh.gov.vn",
                "Sở",
                "stttt.ninhbinh.gov.vn-2026-11-20",
            ),
            (
                "https://STTTT.ninhbinh.gov.vn:8443/trang/",
                "Sở",
                "stttt.ninhbinh.gov.vn-2026-11-20",
            ),
            (
                "/",
                "Sở Thông tin và Truyền thông",
                "so-thong-tin-va-truyen-thong-2026-11-20",
            ),
            ("/", "", "trang-2026-11-20"),
        ];
        for (url, title, want) in cases {
            assert_eq!(snapshot_name(url, title, d("2026-11-20")), want);
        }
    }

    #[test]
    fn entry_time_is_midnight_in_vietnam() {
        // 2026-01-01T00:00:00+07:00 = 2025-12-31T17:00:00Z.
        assert_eq!(entry_time(d("2026-01-01")), 1_767_200_400);
        assert_eq!(entry_time(d("1970-01-01")), 0);
    }

    fn manifest(files: &[(&str, &[u8])]) -> Manifest {
        Manifest {
            schema: SCHEMA.into(),
            site: "S".into(),
            base_url: "/".into(),
            date: "2026-11-20".into(),
            commit: None,
            uncommitted_changes: None,
            generator: "trang".into(),
            total_bytes: files.iter().map(|(_, b)| b.len() as u64).sum(),
            files: files
                .iter()
                .map(|(p, b)| FileEntry {
                    path: p.to_string(),
                    size: b.len() as u64,
                    sha256: sha256_hex(b),
                })
                .collect(),
            archive: None,
        }
    }

    #[test]
    fn check_finds_changed_missing_and_unexpected_files() {
        let m = manifest(&[("index.html", b"a"), ("tin-tuc/index.html", b"b")]);
        let found = |files: &[(&str, &[u8])]| -> BTreeMap<String, (u64, String)> {
            files
                .iter()
                .map(|(p, b)| (p.to_string(), (b.len() as u64, sha256_hex(b))))
                .collect()
        };
        assert!(check(
            &m,
            &found(&[("index.html", b"a"), ("tin-tuc/index.html", b"b")]),
            Some(&m.sums())
        )
        .is_empty());
        assert_eq!(
            check(&m, &found(&[("index.html", b"A"), ("x.html", b"x")]), None),
            [
                Problem::Changed("index.html".into()),
                Problem::Missing("tin-tuc/index.html".into()),
                Problem::Unexpected("x.html".into())
            ]
        );
        assert_eq!(
            check(
                &m,
                &found(&[("index.html", b"a"), ("tin-tuc/index.html", b"b")]),
                Some("")
            ),
            [Problem::SumsDiffer]
        );
        assert_eq!(
            m.sums(),
            format!(
                "{}  site/index.html\n{}  site/tin-tuc/index.html\n",
                sha256_hex(b"a"),
                sha256_hex(b"b")
            )
        );
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
