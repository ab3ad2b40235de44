//! The optional elasticlunr.js index (`[search] engine = "elasticlunr"`), for small sites and
//! Zola-style themes that already ship elasticlunr.js.
//!
//! Why a custom [`Language`]: elasticlunr's English pipeline cuts Vietnamese words apart
//! (`đường` → `ng`) and its stop words drop real syllables (`an`, `to`, `so`). Here each word
//! is indexed under its folded form (`duong`) and, when it has diacritics, under its
//! syllable key (`đương1`), so a query word typed without diacritics matches folded and one
//! with diacritics matches exactly. Query words must go through the same mapping: the
//! pipeline is named `trang-vi`, and `search.js` registers a function of that name with
//! elasticlunr.js (`trang.registerElasticlunr(elasticlunr)`).
//!
//! The whole index is one file that every visitor downloads: past [`WARN_BYTES`] a warning
//! suggests the default engine.

use super::analyze::{word_slices, Term};
use super::Document;
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use crate::vi::has_diacritic;
use elasticlunr::pipeline::{FnWrapper, Pipeline};
use elasticlunr::{Index, Language};

/// Past this size the single index file is too heavy for visitors.
pub const WARN_BYTES: usize = 3 * 1024 * 1024;

/// The name of the pipeline function clients must register.
pub const PIPELINE_FN: &str = "trang-vi";

/// Vietnamese for elasticlunr: Unicode word runs, folded and exact keys, no stop words.
#[derive(Debug, Clone, Copy, Default)]
pub struct Vietnamese;

impl Language for Vietnamese {
    fn name(&self) -> String {
        "Vietnamese".into()
    }

    fn code(&self) -> String {
        "vi".into()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        Pipeline {
            queue: vec![Box::new(FnWrapper(PIPELINE_FN.into(), Some))],
        }
    }
}

/// The keys of a text: per word its folded form, plus its syllable key when it has
/// diacritics.
pub fn tokenize(text: &str) -> Vec<String> {
    let text = crate::vi::nfc(text);
    let mut out = Vec::new();
    for w in word_slices(&text) {
        let t = Term::of(w);
        let exact = has_diacritic(w);
        out.push(t.folded);
        if exact {
            out.push(t.variant);
        }
    }
    out
}

/// Builds `search_index.<lang>.js` (`window.searchIndex = {…};`, as Zola names and shapes it).
pub fn build(docs: &[Document<'_>], base_path: &str, lang: &str) -> (OutputFile, Vec<Diagnostic>) {
    let mut index = Index::with_language(Box::new(Vietnamese), ["title", "body"]);
    for d in docs {
        index.add_doc(&format!("{base_path}{}", d.path), [d.title, d.text]);
    }
    let json = index.to_json();
    let path = format!("search_index.{lang}.js");
    let mut diags = Vec::new();
    if json.len() > WARN_BYTES {
        diags.push(
            Diagnostic::warning(
                crate::config::CONFIG_FILE,
                "search.index-size",
                format!(
                    "the elasticlunr search index {path} is {:.1} MB: every visitor who searches downloads all of it",
                    json.len() as f64 / 1e6
                ),
            )
            .with_help("use the default engine (remove `engine = \"elasticlunr\"` under [search]): it splits the index into small files fetched on demand"),
        );
    }
    let bytes = format!("window.searchIndex = {json};\n").into_bytes();
    (OutputFile { path, bytes }, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_syllable_folded_and_exact() {
        assert_eq!(
            tokenize("Đường an to"),
            ["duong", "đương1", "an", "to"],
            "no stop words, no stemming"
        );
        assert_eq!(tokenize("Ủy ban"), ["uy", "uy2", "ban"]);
        assert_eq!(tokenize("Hoà"), tokenize("hòa"));
    }
}
