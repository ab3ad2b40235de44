//! Command-line arguments → validated options. No file access here.

use crate::config::UnitType;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// trang: static sites for Vietnamese internal information websites
/// (trang thông tin điện tử nội bộ, QĐ 14/2015/QĐ-UBND).
#[derive(Debug, Parser)]
#[command(name = "trang", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// The previous output stays untouched unless the whole build succeeds; files that did
    /// not change are not rewritten.
    Build(BuildArgs),
    /// Create a new site in DIR.
    New(NewArgs),
    // Later commands (check, fix, serve, report, archive) are added here.
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (the one holding trang.toml).
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; default: ROOT/public.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Use this base URL instead of trang.toml's `base_url` (e.g. for a preview host).
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    /// Include pages and sections marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print the time of each stage and what was written.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// Unit types accepted on the command line, with Vietnamese aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Sở, Ban, ngành, đoàn thể cấp tỉnh.
    #[value(alias = "so")]
    Department,
    /// Ủy ban nhân dân huyện, thành phố.
    #[value(alias = "huyen")]
    District,
    /// Doanh nghiệp.
    #[value(alias = "doanh-nghiep")]
    Enterprise,
}

impl From<KindArg> for UnitType {
    fn from(k: KindArg) -> UnitType {
        match k {
            KindArg::Department => UnitType::Department,
            KindArg::District => UnitType::District,
            KindArg::Enterprise => UnitType::Enterprise,
        }
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create (must not exist or be empty).
    pub dir: PathBuf,
    /// The kind of unit the site is for (so, huyen, doanh-nghiep).
    #[arg(long, short = 'k', value_enum, default_value = "department")]
    pub kind: KindArg,
    /// The site's title.
    #[arg(long)]
    pub title: Option<String>,
}
