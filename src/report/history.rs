//! A site's change history from git: who changed which files, when.
//!
//! Why: "how often was each required section updated this year, and by whom" is the heart of
//! the yearly report (QĐ 14/2015 Điều 8 khoản 1 điểm a asks for regular updates), and a site
//! kept in git already records it exactly. [`read`] is the only I/O: one `git log` over the
//! site's folder. Everything else is pure and works on [`Commit`] values, so tests build
//! histories by hand. A site that is not in git gets `None`, and the report falls back on
//! front-matter dates.

use super::items::{compare_names, person_key, tidy_name, within};
use crate::vi::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// One commit that changed files of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    /// The day of the author date, as the author's clock showed it.
    pub date: Date,
    pub author: String,
    pub email: String,
    /// Changed files, relative to the site's root, `/` separated, NFC.
    pub files: Vec<String>,
}

/// The record and field separators of [`LOG_FORMAT`].
const RS: char = '\u{1e}';
const FS: char = '\u{1f}';
/// `git log --format`: hash, ISO author date, author name and email.
const LOG_FORMAT: &str = "%x1e%H%x1f%aI%x1f%an%x1f%ae";

/// What makes a site: changes elsewhere in the repository (a README, CI files, archives)
/// are not updates of the site.
pub const SITE_SOURCES: &[&str] = &[
    "trang.toml",
    "content",
    "static",
    "templates",
    "themes",
    "data",
    "manifests",
];

/// The commits that changed the site's sources ([`SITE_SOURCES`]) under `root`, newest
/// first, with paths relative to `root`. `None` when `root` is not in a git work tree or git cannot be run.
pub fn read(root: &Path) -> Option<Vec<Commit>> {
    let inside = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .ok()?;
    if !inside.status.success() || String::from_utf8_lossy(&inside.stdout).trim() != "true" {
        return None;
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--no-renames",
            "--relative",
        ])
        .arg(format!("--format={LOG_FORMAT}"))
        .args(["--name-only", "HEAD", "--"])
        .args(SITE_SOURCES)
        .output()
        .ok()?;
    if !out.status.success() {
        // A repository without commits yet: no history, but still "in git".
        return Some(Vec::new());
    }
    Some(parse_log(&String::from_utf8_lossy(&out.stdout)))
}

/// Parses the output of `git log --format=LOG_FORMAT --name-only`. Records that cannot be
/// read (no date) are skipped.
pub fn parse_log(text: &str) -> Vec<Commit> {
    text.split(RS)
        .filter_map(|record| {
            let (head, files) = record.split_once('\n').unwrap_or((record, ""));
            let mut fields = head.split(FS);
            let hash = fields.next()?.trim().to_string();
            let date = crate::regulation::dates::day_of(Date::parse(fields.next()?)?);
            let author = tidy_name(fields.next().unwrap_or(""));
            let email = fields.next().unwrap_or("").trim().to_string();
            let files = files
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| crate::vi::nfc_string(l.replace('\\', "/")))
                .collect();
            Some(Commit {
                hash,
                date,
                author,
                email,
                files,
            })
        })
        .collect()
}

/// Whether `file` is `path` or lies under the folder `path`.
pub fn touches(file: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    file == path || (file.starts_with(path) && file.as_bytes().get(path.len()) == Some(&b'/'))
}

/// Changes to a set of paths in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Commits (or, without git, dated page edits) in the period.
    pub count: usize,
    /// Who made them, in Vietnamese name order.
    pub authors: Vec<String>,
    /// The newest in the period.
    #[serde(serialize_with = "super::iso_opt")]
    pub last: Option<Date>,
}

/// Sorts names in Vietnamese order and drops second spellings of the same person.
pub fn unique_names(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut by_key: BTreeMap<String, String> = BTreeMap::new();
    for n in names {
        let n = tidy_name(&n);
        if !n.is_empty() {
            by_key.entry(person_key(&n)).or_insert(n);
        }
    }
    let mut names: Vec<String> = by_key.into_values().collect();
    names.sort_by(|a, b| compare_names(a, b));
    names
}

/// The commits in `from..=to` that changed something under one of `paths`.
pub fn changes(commits: &[Commit], paths: &[String], from: Date, to: Date) -> Changes {
    let hits: Vec<&Commit> = commits
        .iter()
        .filter(|c| within(c.date, from, to))
        .filter(|c| c.files.iter().any(|f| paths.iter().any(|p| touches(f, p))))
        .collect();
    Changes {
        count: hits.len(),
        authors: unique_names(hits.iter().map(|c| c.author.clone())),
        last: hits.iter().map(|c| c.date).max(),
    }
}

/// The site's whole history in a period: commits per month and per author.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HistoryStats {
    /// Commits in the period that changed the site.
    pub commits: usize,
    /// Commits by month (January first) of the period's year.
    pub by_month: [usize; 12],
    /// (author, commits), most commits first, then in name order.
    pub authors: Vec<AuthorCommits>,
    #[serde(serialize_with = "super::iso_opt")]
    pub last: Option<Date>,
}

/// One author's commits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorCommits {
    pub name: String,
    pub commits: usize,
}

/// Commits per month and per author in `from..=to` (one calendar year at most).
pub fn stats(commits: &[Commit], from: Date, to: Date) -> HistoryStats {
    let mut out = HistoryStats::default();
    let mut by_author: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for c in commits
        .iter()
        .filter(|c| within(c.date, from, to) && !c.files.is_empty())
    {
        out.commits += 1;
        out.by_month[usize::from(c.date.month) - 1] += 1;
        let entry = by_author
            .entry(person_key(&c.author))
            .or_insert_with(|| (c.author.clone(), 0));
        entry.1 += 1;
        out.last = out.last.max(Some(c.date));
    }
    out.authors = by_author
        .into_values()
        .map(|(name, commits)| AuthorCommits { name, commits })
        .collect();
    out.authors.sort_by(|a, b| {
        b.commits
            .cmp(&a.commits)
            .then_with(|| compare_names(&a.name, &b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn commit(date: &str, author: &str, files: &[&str]) -> Commit {
        Commit {
            hash: format!("{date}{author}"),
            date: d(date),
            author: author.into(),
            email: String::new(),
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn parses_git_log_records() {
        let text = "\u{1e}abc\u{1f}2026-03-05T10:00:00+07:00\u{1f}Nguyễn Văn An\u{1f}an@x.vn\n\ncontent/tin-tuc/a.md\ncontent/tin-tuc/b.md\n\
                    \u{1e}def\u{1f}2026-01-02T08:00:00+07:00\u{1f}  Lê  Hoa \u{1f}hoa@x.vn\n\ntrang.toml\n\
                    \u{1e}bad\u{1f}not a date\u{1f}X\u{1f}x\n\ncontent/x.md\n";
        let commits = parse_log(text);
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].hash, "abc");
        assert_eq!(commits[0].date.iso(), "2026-03-05");
        assert_eq!(commits[0].author, "Nguyễn Văn An");
        assert_eq!(
            commits[0].files,
            ["content/tin-tuc/a.md", "content/tin-tuc/b.md"]
        );
        assert_eq!(commits[1].author, "Lê Hoa");
        assert_eq!(commits[1].files, ["trang.toml"]);
        assert!(parse_log("").is_empty());
    }

    #[test]
    fn touches_a_file_or_what_is_under_a_folder() {
        let cases = [
            ("content/tin-tuc/a.md", "content/tin-tuc", true),
            ("content/tin-tuc/a.md", "content/tin-tuc/", true),
            ("content/tin-tuc/a.md", "content/tin-tuc/a.md", true),
            ("content/tin-tuc-cu/a.md", "content/tin-tuc", false),
            ("content/tin", "content/tin-tuc", false),
            ("trang.toml", "trang.toml", true),
        ];
        for (file, path, want) in cases {
            assert_eq!(touches(file, path), want, "{file} {path}");
        }
    }

    #[test]
    fn changes_count_commits_in_the_period_under_the_paths() {
        let commits = vec![
            commit("2026-11-02", "Lê Hoa", &["content/tin-tuc/c.md"]),
            commit(
                "2026-06-01",
                "Nguyễn Văn An",
                &["content/tin-tuc/b.md", "content/van-ban/x.md"],
            ),
            commit("2026-03-05", "nguyễn văn an", &["content/tin-tuc/a.md"]),
            commit("2026-02-01", "Trần Bình", &["content/van-ban/y.md"]),
            commit("2025-12-30", "Lê Hoa", &["content/tin-tuc/z.md"]),
        ];
        let paths = vec!["content/tin-tuc".to_string()];
        let c = changes(&commits, &paths, d("2026-01-01"), d("2026-12-31"));
        assert_eq!(c.count, 3);
        assert_eq!(c.authors, ["Nguyễn Văn An", "Lê Hoa"]);
        assert_eq!(c.last, Some(d("2026-11-02")));
        // Cut off before November.
        let c = changes(&commits, &paths, d("2026-01-01"), d("2026-10-31"));
        assert_eq!((c.count, c.last), (2, Some(d("2026-06-01"))));
        let none = changes(
            &commits,
            &["content/du-an".to_string()],
            d("2026-01-01"),
            d("2026-12-31"),
        );
        assert_eq!(none, Changes::default());
    }

    #[test]
    fn stats_by_month_and_author() {
        let commits = vec![
            commit("2026-11-02", "Lê Hoa", &["a"]),
            commit("2026-03-20", "Nguyễn Văn An", &["b"]),
            commit("2026-03-05", "Lê Hoa", &["c"]),
            commit("2026-03-01", "Merge", &[]),
            commit("2025-12-30", "Lê Hoa", &["z"]),
        ];
        let s = stats(&commits, d("2026-01-01"), d("2026-12-31"));
        assert_eq!(s.commits, 3);
        assert_eq!(s.by_month, [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        assert_eq!(
            s.authors,
            [
                AuthorCommits {
                    name: "Lê Hoa".into(),
                    commits: 2
                },
                AuthorCommits {
                    name: "Nguyễn Văn An".into(),
                    commits: 1
                },
            ]
        );
        assert_eq!(s.last, Some(d("2026-11-02")));
    }
}
