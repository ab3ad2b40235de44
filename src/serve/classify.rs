//! Which rebuild a set of changed files needs. Pure: paths in, a [`Plan`] out.
//!
//! The cheapest correct rebuild wins: an edited Markdown page is re-rendered alone (with the
//! lists that show it); templates re-render every page without re-reading content; static
//! files are only re-listed; anything that changes the site's structure (config, sections,
//! new, deleted or renamed files, content assets) reloads everything in memory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What to do after some files changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Nothing the site is built from changed.
    Nothing,
    /// Only these existing Markdown pages changed (paths relative to the site root).
    Pages(BTreeSet<PathBuf>),
    /// Only files under `static/` changed.
    Static,
    /// Templates (site or theme) changed: re-render everything from the loaded content.
    Templates,
    /// Reload everything.
    Full,
}

/// The kind of one changed path, relative to the site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Ignored,
    Page,
    Static,
    Template,
    Structure,
}

/// Files editors and tools write next to real files and that never matter.
fn is_noise(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's write test
}

fn kind_of(rel: &Path, output: Option<&Path>) -> Kind {
    if output.is_some_and(|o| rel.starts_with(o)) {
        return Kind::Ignored;
    }
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else {
        return Kind::Ignored;
    };
    if is_noise(&name)
        || rel.components().any(|c| {
            let c = c.as_os_str().to_string_lossy();
            c.starts_with('.') && c != "." && c != ".."
        })
    {
        return Kind::Ignored;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    match first.as_str() {
        "trang.toml" => Kind::Structure,
        "content" => {
            if name == "_index.md" || !name.ends_with(".md") {
                Kind::Structure
            } else {
                Kind::Page
            }
        }
        "static" => Kind::Static,
        "templates" => Kind::Template,
        "themes" => {
            if rel
                .components()
                .nth(2)
                .is_some_and(|c| c.as_os_str() == "templates")
            {
                Kind::Template
            } else if rel
                .components()
                .nth(2)
                .is_some_and(|c| c.as_os_str() == "static")
            {
                Kind::Static
            } else {
                Kind::Structure
            }
        }
        "manifests" => Kind::Structure,
        _ => Kind::Ignored,
    }
}

/// Classifies changed paths (relative to the site root). `existed` tells whether a changed
/// page was part of the last build: a page that appears or disappears changes the structure.
/// `output` is the output folder relative to the root, whose changes are ignored.
pub fn classify(
    changed: &[PathBuf],
    output: Option<&Path>,
    existed: impl Fn(&Path) -> bool,
    exists_now: impl Fn(&Path) -> bool,
) -> Plan {
    let mut worst = Kind::Ignored;
    let mut pages = BTreeSet::new();
    for rel in changed {
        let mut kind = kind_of(rel, output);
        if kind == Kind::Page {
            if existed(rel) && exists_now(rel) {
                pages.insert(rel.clone());
            } else {
                kind = Kind::Structure;
            }
        }
        worst = worst.max(kind);
    }
    match worst {
        Kind::Ignored => Plan::Nothing,
        Kind::Page => Plan::Pages(pages),
        // Templates re-render everything, which also picks up page edits... but not their
        // new text: page edits together with templates need a full reload.
        Kind::Static if pages.is_empty() => Plan::Static,
        Kind::Template if pages.is_empty() => Plan::Templates,
        _ => Plan::Full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(paths: &[&str]) -> Plan {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(
            &paths,
            Some(Path::new("public")),
            |p| !p.to_string_lossy().contains("moi"),
            |p| !p.to_string_lossy().contains("xoa"),
        )
    }

    #[test]
    fn classification_table() {
        let pages = |v: &[&str]| Plan::Pages(v.iter().map(PathBuf::from).collect());
        let cases: Vec<(&[&str], Plan)> = vec![
            (&[], Plan::Nothing),
            (&["public/index.html"], Plan::Nothing),
            (
                &["content/.a.md.swp", "content/a.md~", "content/4913"],
                Plan::Nothing,
            ),
            (&[".git/index"], Plan::Nothing),
            (&["README.md"], Plan::Nothing),
            (&["content/tin-tuc/a.md"], pages(&["content/tin-tuc/a.md"])),
            (
                &["content/a.md", "content/b.md", "content/a.md"],
                pages(&["content/a.md", "content/b.md"]),
            ),
            (&["content/tin-tuc/bai-moi.md"], Plan::Full),
            (&["content/tin-tuc/xoa.md"], Plan::Full),
            (&["content/tin-tuc/_index.md"], Plan::Full),
            (&["content/tin-tuc/anh.png"], Plan::Full),
            (&["trang.toml"], Plan::Full),
            (&["static/logo.png"], Plan::Static),
            (&["themes/xanh/static/a.css"], Plan::Static),
            (&["templates/page.html"], Plan::Templates),
            (&["themes/xanh/templates/page.html"], Plan::Templates),
            (&["themes/xanh/theme.toml"], Plan::Full),
            (&["templates/page.html", "static/a.css"], Plan::Templates),
            (&["templates/page.html", "content/a.md"], Plan::Full),
            (&["static/a.css", "content/a.md"], Plan::Full),
        ];
        for (paths, want) in cases {
            assert_eq!(plan(paths), want, "{paths:?}");
        }
    }
}
