//! Command-line arguments → validated options. No file access here.

use crate::config::UnitType;
use crate::regulation::Lang;
use crate::vi::Date;
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
    /// Check the site against the regulation (QĐ 14/2015/QĐ-UBND): required sections,
    /// typed content, freshness, editorial approval, personal information.
    ///
    /// Exit code 0 when every requirement is met and the content is valid, 1 otherwise
    /// (with --strict, warnings and stale requirements fail too).
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it on 127.0.0.1, rebuild what changes and
    /// reload the open pages. Build errors show in the browser; the last good build stays
    /// served.
    Serve(ServeArgs),
    /// Repair content files: convert legacy encodings (TCVN3, VNI-Windows, VISCII,
    /// Windows-1258, VN1) and garbled text to Unicode NFC, optionally unify tone placement.
    ///
    /// Shows a unified diff of every change. Code, URLs and file names in links are never
    /// touched. Refuses files with uncommitted changes in a git work tree (--force to
    /// override), so every fix can be undone with git. Exit code 1 if a file could not be
    /// fixed.
    Fix(FixArgs),
    /// The yearly activity report of the site (QĐ 14/2015 Điều 15, 16, 17), the summary over
    /// many sites (Điều 12 khoản 2 điểm đ) with `SITE…`, or the royalty list of a period
    /// (`trang report royalties --from DATE --to DATE`, Điều 10 khoản 5 điểm đ).
    ///
    /// The HTML format is a printable A4 page in the layout of an administrative report,
    /// ready to sign; CSV opens in spreadsheet programs; JSON is the report's data.
    Report(ReportArgs),
    /// Archive the built site (Điều 8 khoản 2): build it, then write a dated, reproducible
    /// .tar.gz with the SHA-256 of every file and the git commit it was built from.
    /// `trang archive verify FILE` checks a snapshot.
    Archive(ArchiveArgs),
    // Later commands (check, fix, serve, report, archive) are added here.
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or folders to fix (Markdown and TOML files in folders); default: content/ and
    /// data/.
    pub paths: Vec<PathBuf>,
    /// Show the changes as a unified diff; write nothing.
    #[arg(long, short = 'n')]
    pub dry_run: bool,
    /// Unify tone placement: `old` (hòa, thủy) or `new` (hoà, thuỷ).
    #[arg(long, value_name = "old|new")]
    pub tone_style: Option<crate::vi::tone::ToneStyle>,
    /// The source encoding, when detection is unsure: tcvn3, vni, viscii, cp1258, vn1,
    /// viqr, utf-8, utf-16.
    #[arg(long, value_name = "ENCODING")]
    pub from: Option<crate::vi::legacy::Encoding>,
    /// Rewrite files even when git has uncommitted changes in them.
    #[arg(long)]
    pub force: bool,
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
    /// Print the time of each stage (wall clock and CPU of all threads), the memory held
    /// and its peak after it, and what was written.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (the one holding trang.toml).
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// The language of the report: vi (tiếng Việt) or en.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
    /// The report's format: text, or json (schema trang-check/1, see docs/en/regulation.md).
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Fail on warnings and stale requirements too.
    #[arg(long)]
    pub strict: bool,
    /// Judge freshness and open consultations on this date (YYYY-MM-DD); default: today.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Include pages and sections marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

/// The language of `trang check`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// The format of `trang check`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
        .filter(|d| d.seconds.is_none())
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2025-06-02"))
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
    /// The folder to create (must not exist or be empty); or `page` to add a page:
    /// `trang new page SECTION/NAME` writes content/SECTION/NAME.md with every field of the
    /// section's kind.
    pub dir: PathBuf,
    /// With `trang new page`: the page to create, `SECTION/NAME` (e.g. `tin-tuc/hoi-nghi`).
    pub page: Option<String>,
    /// With `trang new page`: the site's folder.
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// The kind of unit the site is for (so, huyen, doanh-nghiep).
    #[arg(long, short = 'k', value_enum, default_value = "department")]
    pub kind: KindArg,
    /// The site's title.
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one holding trang.toml).
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Loopback by default: only this computer can see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Base URL of the preview; default http://BIND:PORT.
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    /// Include pages and sections marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using the system's file events (network drives, VMs).
    #[arg(long)]
    pub poll: bool,
}

/// The format of `trang report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    Html,
    Md,
    Csv,
    Json,
}

impl From<ReportFormatArg> for crate::report::Format {
    fn from(f: ReportFormatArg) -> crate::report::Format {
        match f {
            ReportFormatArg::Html => crate::report::Format::Html,
            ReportFormatArg::Md => crate::report::Format::Md,
            ReportFormatArg::Csv => crate::report::Format::Csv,
            ReportFormatArg::Json => crate::report::Format::Json,
        }
    }
}

/// Where a report goes and in which format and language.
#[derive(Debug, Args)]
pub struct ReportOutputArgs {
    /// html (printable page), md, csv or json; default: from --output's extension, else md.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormatArg>,
    /// Write the report to this file instead of the standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// The language of the report: vi (tiếng Việt) or en.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
}

impl ReportOutputArgs {
    /// The format asked for: --format, else the output file's extension, else Markdown.
    pub fn format(&self) -> crate::report::Format {
        self.format.map(Into::into).unwrap_or_else(|| {
            self.output
                .as_ref()
                .and_then(|p| crate::report::Format::from_file_name(&p.to_string_lossy()))
                .unwrap_or(crate::report::Format::Md)
        })
    }
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// The site's folder (the one holding trang.toml), for a one-site report.
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// The year reported on.
    #[arg(long, short = 'y')]
    pub year: Option<i32>,
    /// The day the report is made (YYYY-MM-DD); numbers count up to it or to 31 December,
    /// whichever comes first. Default: today.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Measure this built site instead of building the site into a temporary folder.
    #[arg(long, value_name = "DIR")]
    pub public: Option<PathBuf>,
    /// For the summary: the unit that compiles it (default: the provincial department of
    /// information and communications).
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    /// For the summary: where it goes (default: the provincial people's committee).
    #[arg(long, value_name = "NAME")]
    pub recipient: Option<String>,
    #[command(flatten)]
    pub out: ReportOutputArgs,
    /// Site folders to sum up in one table (one row per unit); without them, the report is
    /// on the site in --root.
    #[arg(value_name = "SITE")]
    pub sites: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Per author, every news item, article and photo published from --from to --to, with
    /// its date, kind and length: the list royalties are paid from.
    Royalties(RoyaltiesArgs),
}

#[derive(Debug, Args)]
pub struct RoyaltiesArgs {
    /// The site's folder (the one holding trang.toml).
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// The first day of the period (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Date,
    /// The last day of the period (YYYY-MM-DD), included.
    #[arg(long, value_parser = parse_date)]
    pub to: Date,
    #[command(flatten)]
    pub out: ReportOutputArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArchiveArgs {
    #[command(subcommand)]
    pub command: Option<ArchiveCommand>,
    /// The site's folder (the one holding trang.toml).
    #[arg(long, short = 'r', default_value = ".")]
    pub root: PathBuf,
    /// Where to write the snapshot; default: ROOT/archive.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The snapshot's date (YYYY-MM-DD), in its file name and manifest; default: today.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Check a snapshot: every file against its SHA-256, and the archive against its
    /// manifest beside it. Exit code 1 when anything differs.
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The snapshot (.tar.gz) or its manifest (.manifest.json).
    pub file: PathBuf,
}
