//! The only writer: the output set → a staging folder → an atomic swap into the output.
//!
//! Why: a failed build must leave the previous site byte-for-byte as it was (Zola wipes its
//! output first, its issue #574), and on a slow disk creating 10,000 files takes longer than
//! the whole build, so a rebuild that changes nothing must write nothing.
//!
//! How: each file is compared with the one already in the output; only new or changed files
//! are written, into a staging folder beside the output. Nothing in the output is touched
//! until the whole build has succeeded; then [`Output::commit`] moves the changed files in and
//! the stale ones out (each old file is first moved to a backup folder, so a failure halfway
//! rolls everything back). A build that fails calls [`Output::abort`], which only removes the
//! staging folder.

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// What a commit did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Output paths written (new or changed), sorted.
    pub written_paths: Vec<String>,
    /// Output paths removed, sorted.
    pub removed_paths: Vec<String>,
}

/// An output being built.
pub struct Output {
    out_dir: PathBuf,
    staging: PathBuf,
    backup: PathBuf,
    /// Output path → (who wrote it, whether it differs from the current output).
    files: Mutex<HashMap<String, (String, bool)>>,
    /// Whether the output folder existed (if not, every file is new: no comparing).
    existing: bool,
    /// Folders made in the staging folder so far (each file's would be made again).
    made_dirs: Mutex<std::collections::HashSet<PathBuf>>,
}

/// Names of entries at the top of the output that trang never removes.
const KEEP_AT_ROOT: &[&str] = &[".git", ".nojekyll", "CNAME"];

impl Output {
    /// Prepares an empty staging folder beside `out_dir`.
    pub fn begin(out_dir: &Path) -> io::Result<Output> {
        let out_dir = absolute(out_dir)?;
        let name = out_dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = out_dir
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        fs::create_dir_all(&parent)?;
        let staging = parent.join(format!(".{name}.trang-staging"));
        let backup = parent.join(format!(".{name}.trang-backup"));
        for dir in [&staging, &backup] {
            if dir.exists() {
                fs::remove_dir_all(dir)?;
            }
        }
        fs::create_dir_all(&staging)?;
        Ok(Output {
            existing: out_dir.exists(),
            out_dir,
            staging,
            backup,
            files: Mutex::new(HashMap::new()),
            made_dirs: Mutex::new(std::collections::HashSet::new()),
        })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.out_dir
    }

    /// Claims `path` for `source`; two sources for one path is an error naming both.
    fn claim(&self, path: &str, source: &str) -> Result<(), Diagnostic> {
        check_relative(path).map_err(|why| {
            Diagnostic::error(
                source,
                "output.unsafe-path",
                format!("cannot write `{path}`: {why}"),
            )
            .with_help("output paths must stay inside the output folder")
        })?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((other, _)) = files.get(path) {
            return Err(Diagnostic::error(
                source,
                "output.conflict",
                format!("`{path}` would be written twice: by {source} and by {other}"),
            )
            .with_help("rename or remove one of them"));
        }
        files.insert(path.to_string(), (source.to_string(), false));
        Ok(())
    }

    fn mark_changed(&self, path: &str) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = files.get_mut(path) {
            entry.1 = true;
        }
    }

    /// Adds a generated file.
    pub fn add(&self, file: OutputFile, source: &str) -> Result<(), Diagnostic> {
        self.claim(&file.path, source)?;
        if self.existing && same_contents(&self.out_dir.join(&file.path), &file.bytes) {
            return Ok(());
        }
        let staged = self.staging.join(&file.path);
        self.make_parent(&staged)
            .and_then(|()| fs::write(&staged, &file.bytes))
            .map_err(|e| io_error(&file.path, &e))?;
        self.mark_changed(&file.path);
        Ok(())
    }

    /// Adds a file copied from `src` (static files, page assets).
    pub fn copy(&self, path: &str, src: &Path, source: &str) -> Result<(), Diagnostic> {
        self.claim(path, source)?;
        let current = self.out_dir.join(path);
        let differs = !self.existing
            || match (fs::metadata(src), fs::metadata(&current)) {
                (Ok(a), Ok(b)) if a.len() == b.len() => match (fs::read(src), fs::read(&current)) {
                    (Ok(x), Ok(y)) => x != y,
                    _ => true,
                },
                _ => true,
            };
        if !differs {
            return Ok(());
        }
        let staged = self.staging.join(path);
        self.make_parent(&staged).map_err(|e| io_error(path, &e))?;
        fs::copy(src, &staged).map_err(|e| {
            Diagnostic::error(
                source,
                "output.copy",
                format!("cannot copy to `{path}`: {e}"),
            )
        })?;
        self.mark_changed(path);
        Ok(())
    }

    /// Makes the folder of `staged`, once per folder.
    fn make_parent(&self, staged: &Path) -> io::Result<()> {
        let Some(parent) = staged.parent() else {
            return Ok(());
        };
        if self
            .made_dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(parent)
        {
            return Ok(());
        }
        fs::create_dir_all(parent)?;
        self.made_dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(parent.to_path_buf());
        Ok(())
    }

    /// Throws the staged files away; the output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    /// Moves the staged files into the output and removes stale ones, atomically per file and
    /// rolled back as a whole on failure.
    pub fn commit(self) -> io::Result<WriteStats> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut stats = WriteStats::default();
        let mut changed: Vec<&String> = Vec::new();
        for (path, (_, is_changed)) in &files {
            if *is_changed {
                changed.push(path);
            } else {
                stats.unchanged += 1;
            }
        }
        changed.sort();
        stats.written = changed.len();
        stats.written_paths = changed.iter().map(|p| p.to_string()).collect();

        if !self.out_dir.exists() {
            fs::rename(&self.staging, &self.out_dir)?;
            return Ok(stats);
        }

        let stale = stale_files(&self.out_dir, &files)?;
        stats.removed = stale.len();
        stats.removed_paths = stale.clone();
        let mut journal: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        let result = (|| -> io::Result<()> {
            for rel in &stale {
                let from = self.out_dir.join(rel);
                let to = self.backup.join(rel);
                move_path(&from, &to)?;
                journal.push((from, Some(to)));
            }
            for rel in changed {
                let target = self.out_dir.join(rel);
                let mut saved = None;
                // A file where a folder must go, or the old version of the file: back it up.
                for ancestor in Path::new(rel).ancestors().skip(1) {
                    let p = self.out_dir.join(ancestor);
                    if ancestor.as_os_str().is_empty() {
                        break;
                    }
                    if p.is_file() {
                        let to = self.backup.join(ancestor);
                        move_path(&p, &to)?;
                        journal.push((p, Some(to)));
                    }
                }
                if target.exists() || target.is_symlink() {
                    let to = self.backup.join(rel);
                    move_path(&target, &to)?;
                    saved = Some(to);
                }
                move_path(&self.staging.join(rel), &target)?;
                journal.push((target, saved));
            }
            Ok(())
        })();
        if let Err(e) = result {
            for (path, saved) in journal.into_iter().rev() {
                if let Some(saved) = saved {
                    let _ = move_path(&saved, &path);
                } else {
                    let _ = fs::remove_file(&path);
                }
            }
            let _ = fs::remove_dir_all(&self.staging);
            return Err(e);
        }
        remove_empty_dirs(&self.out_dir);
        let _ = fs::remove_dir_all(&self.staging);
        let _ = fs::remove_dir_all(&self.backup);
        Ok(stats)
    }
}

fn absolute(p: &Path) -> io::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(p))
    }
}

/// A relative path with no `..`, root or prefix components.
fn check_relative(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    if path.contains('\\') || path.contains('\0') {
        return Err("it contains a backslash or NUL".into());
    }
    for c in Path::new(path).components() {
        match c {
            Component::Normal(_) => {}
            Component::CurDir => {}
            _ => return Err("it leaves the output folder".into()),
        }
    }
    Ok(())
}

fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn move_path(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::rename(from, to)
}

fn io_error(path: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        "output.io",
        format!("cannot write the output file: {e}"),
    )
    .with_help("check free disk space and permissions of the output folder")
}

/// Files in the output that the new build does not produce.
fn stale_files(out_dir: &Path, files: &HashMap<String, (String, bool)>) -> io::Result<Vec<String>> {
    let mut stale = Vec::new();
    let walker = walkdir::WalkDir::new(out_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            !(e.depth() == 1 && KEEP_AT_ROOT.contains(&e.file_name().to_string_lossy().as_ref()))
        });
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out_dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if !files.contains_key(&rel) {
            stale.push(rel);
        }
    }
    Ok(stale)
}

fn remove_empty_dirs(dir: &Path) {
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = fs::remove_dir(d); // fails, harmlessly, when not empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn first_build_then_unchanged_then_changed_and_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "a"), "x").unwrap();
        o.add(file("tin-tuc/a/index.html", "b"), "x").unwrap();
        assert_eq!(o.commit().unwrap().written, 2);

        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "a"), "x").unwrap();
        o.add(file("tin-tuc/a/index.html", "b"), "x").unwrap();
        let s = o.commit().unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (0, 2, 0));

        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "a2"), "x").unwrap();
        let s = o.commit().unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (1, 0, 1));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a2");
        assert!(!out.join("tin-tuc").exists(), "empty folders are removed");
        assert!(!tmp.path().join(".public.trang-staging").exists());
    }

    #[test]
    fn abort_leaves_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "old"), "x").unwrap();
        o.commit().unwrap();
        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "new"), "x").unwrap();
        o.abort();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn conflicts_and_escapes_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let o = Output::begin(&tmp.path().join("public")).unwrap();
        o.add(file("a.html", "1"), "static/a.html").unwrap();
        let e = o.add(file("a.html", "2"), "content/a.md").unwrap_err();
        assert_eq!(
            e.message,
            "`a.html` would be written twice: by content/a.md and by static/a.html"
        );
        for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
            let e = o.add(file(bad, "x"), "s").unwrap_err();
            assert_eq!(e.rule, "output.unsafe-path", "{bad}");
        }
        o.abort();
    }

    #[test]
    fn git_folder_in_output_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        fs::write(out.join("old.html"), "x").unwrap();
        let o = Output::begin(&out).unwrap();
        o.add(file("index.html", "a"), "x").unwrap();
        let s = o.commit().unwrap();
        assert_eq!(s.removed, 1);
        assert!(out.join(".git/HEAD").exists());
        assert!(!out.join("old.html").exists());
    }

    #[test]
    fn a_file_may_become_a_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let o = Output::begin(&out).unwrap();
        o.add(file("a", "file"), "x").unwrap();
        o.commit().unwrap();
        let o = Output::begin(&out).unwrap();
        o.add(file("a/index.html", "dir"), "x").unwrap();
        o.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "dir");
    }
}
