//! The thin I/O around [`super::check`]: the site's own manifest file, the files under
//! static/, and today's date in Vietnam. Everything else in `regulation` is pure.

use super::manifest::{self, Manifest};
use super::messages::{Lang, M};
use super::{check, CheckOptions, CheckReport, SiteFiles};
use crate::config::CONFIG_FILE;
use crate::content::Site;
use crate::diagnostics::{display_path, Diagnostic};
use crate::vi::Date;
use std::time::{SystemTime, UNIX_EPOCH};

/// Today's date in Vietnam (UTC+7), the default `--today`.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    super::dates::from_day_number((secs + 7 * 3600).div_euclid(86_400))
}

/// The files the built site will hold, relative to the output folder: page and section
/// assets and everything under static/.
pub fn site_files(site: &Site) -> SiteFiles {
    let mut files: SiteFiles = site
        .assets
        .iter()
        .map(|a| crate::vi::nfc_string(a.output.clone()))
        .collect();
    let static_dir = site.root.join("static");
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() {
                if let Ok(rel) = entry.path().strip_prefix(&static_dir) {
                    files.insert(crate::vi::nfc_string(
                        rel.to_string_lossy().replace('\\', "/"),
                    ));
                }
            }
        }
    }
    files
}

/// The site's manifest: the built-in one of its unit type, extended or replaced by the file
/// named in `manifest = "..."`.
pub fn manifest_for(site: &Site, lang: Lang) -> Result<Manifest, Vec<Diagnostic>> {
    let unit = site.config.unit_type;
    let Some(rel) = site.config.manifest.as_deref() else {
        return Ok(manifest::builtin(unit).clone());
    };
    let path = site.root.join(rel);
    let shown = display_path(&site.root, &path);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let line = site.config.key_lines.get("manifest").copied().unwrap_or(0);
        vec![Diagnostic::error(
            CONFIG_FILE,
            "manifest.unreadable",
            tr!(lang, ManifestUnreadable, error = format!("{shown}: {e}")),
        )
        .at(line, 0)
        .with_help(M::HelpManifestPath.text(lang))]
    })?;
    let custom = manifest::parse_in(&shown, &text, lang)?;
    let (file, builtin_text) = manifest::BUILTIN_FILES
        .iter()
        .find(|(u, _, _)| *u == unit)
        .map(|(_, f, t)| (*f, *t))
        .expect("a manifest per unit type");
    let base = manifest::parse(file, builtin_text).expect("embedded manifests parse");
    let removed = manifest::check_removed(&shown, &text, &custom, &base.resolve(None, unit), lang);
    if !removed.is_empty() {
        return Err(removed);
    }
    Ok(base.resolve(Some(&custom), unit))
}

/// Loads the manifest and the file list, then checks the site.
pub fn check_site(site: &Site, today: Date, lang: Lang) -> Result<CheckReport, Vec<Diagnostic>> {
    let manifest = manifest_for(site, lang)?;
    let files = site_files(site);
    Ok(check(
        site,
        &manifest,
        &files,
        &CheckOptions { today, lang },
    ))
}
