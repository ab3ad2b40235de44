//! The `trang` binary: parse arguments, call the library, print diagnostics, set the exit code.

use clap::Parser;

// mimalloc: the build allocates and frees many short strings on every thread; with it the
// 10,000-page benchmark uses ~11% less CPU than with glibc malloc (1.52 s vs 1.71 s user).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use trang::build::{build, BuildOptions};
use trang::cli::{Cli, Command, FormatArg};
use trang::diagnostics::Diagnostic;

/// `mi_option_purge_delay` in mimalloc.h (v3): how long freed memory waits before it is
/// returned to the system, in ms; -1 never. (The Rust bindings name only the options of
/// mimalloc v2; the test below pins the number to this version's default.)
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For commands that run once and exit: keep freed memory for reuse instead of returning
/// it to the system, which the next allocation would fault in and zero again. The process
/// ends soon and gives everything back then. `serve` keeps the default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer option; mimalloc reads it on its next
    // purge decision, and any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// For `build`: no transparent huge pages. mimalloc asks for them, and when the system's
/// memory is fragmented (after another big process, as in the benchmark that alternates
/// with Hugo) each 2 MiB fault waits for the kernel to compact memory. Measured on the
/// 10,000-page benchmark after Hugo: 1.36–1.46 s and 346 MiB peak without, 1.54–1.67 s
/// and 410 MiB with; alone, the time is the same either way.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process, read by the kernel at
    // its next page faults; the extra arguments must be 0.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            keep_freed_memory();
            no_huge_pages();
            let options = BuildOptions {
                root: args.root.clone(),
                output: args.output.clone(),
                base_url: args.base_url.clone(),
                drafts: args.drafts,
            };
            let report = build(&options);
            print_build_diagnostics(&report.diagnostics);
            if args.verbose {
                for lap in &report.timings {
                    let memory = lap.memory.map_or(String::new(), |(rss, peak)| {
                        format!("  {:>6} MiB held, {:>6} MiB peak", rss / 1024, peak / 1024)
                    });
                    let cpu = lap
                        .cpu
                        .map_or(String::new(), |c| format!("  {:>6} ms CPU", c.as_millis()));
                    eprintln!(
                        "  {:<10} {:>8.1} ms{cpu}{memory}",
                        lap.stage,
                        lap.time.as_secs_f64() * 1000.0
                    );
                }
            }
            if report.has_errors() {
                let n = report.diagnostics.iter().filter(|d| d.is_error()).count();
                eprintln!("Build failed: {n} error(s); the output folder was not changed.");
                return ExitCode::FAILURE;
            }
            let stats = report.stats.clone().unwrap_or_default();
            eprintln!(
                "Built {} pages in {} sections into {} ({} files written, {} unchanged, {} removed).",
                report.pages,
                report.sections,
                options.output_dir().display(),
                stats.written,
                stats.unchanged,
                stats.removed
            );
            ExitCode::SUCCESS
        }
        Command::Serve(args) => {
            let base_url = args
                .base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}:{}", args.bind, args.port));
            let options = trang::serve::ServeOptions {
                build: BuildOptions {
                    root: args.root.clone(),
                    output: None,
                    base_url: Some(base_url),
                    drafts: args.drafts,
                },
                bind: args.bind.clone(),
                port: args.port,
                poll: args.poll,
                open: args.open,
            };
            match trang::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diags) => {
                    print_diagnostics(&diags);
                    eprintln!("Cannot serve: fix the errors above and run `trang serve` again.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check(args) => {
            let mut options = BuildOptions::new(&args.root);
            options.drafts = args.drafts;
            let lang = args.lang.into();
            let today = args.today.unwrap_or_else(trang::regulation::load::today);
            match trang::build::check(&options, today, lang) {
                Ok(report) => {
                    match args.format {
                        FormatArg::Text => {
                            print!("{}", trang::regulation::report::text(&report, args.strict))
                        }
                        FormatArg::Json => println!(
                            "{:#}",
                            trang::regulation::report::json(&report, args.strict)
                        ),
                    }
                    if report.passed(args.strict) {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(diags) => {
                    for d in &diags {
                        eprintln!("{}", trang::regulation::report::diagnostic_text(d, lang));
                    }
                    ExitCode::FAILURE
                }
            }
        }
        Command::Fix(args) => {
            let options = trang::fix::RunOptions {
                fix: trang::fix::FixOptions {
                    from: args.from,
                    tone_style: args.tone_style,
                },
                dry_run: args.dry_run,
                force: args.force,
            };
            let paths = if args.paths.is_empty() {
                trang::fix::default_paths(std::path::Path::new("."))
            } else {
                args.paths.clone()
            };
            let results = trang::fix::fix_paths(&paths, &options);
            let (diffs, log) = trang::fix::render(&results, &options);
            print!("{diffs}");
            eprint!("{log}");
            if results.iter().any(trang::fix::FileResult::is_failure) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Report(args) => report_command(args),
        Command::Archive(args) => archive_command(args),
        Command::New(args) if args.page.is_some() && args.dir.as_os_str() == "page" => {
            let target = args.page.as_deref().unwrap_or_default();
            match trang::new::create_page(&args.root, target, trang::regulation::load::today()) {
                Ok(file) => {
                    eprintln!(
                        "Đã tạo {} (created): điền các trường, rồi chạy trang check.",
                        file.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_diagnostics(&[d]);
                    ExitCode::FAILURE
                }
            }
        }
        Command::New(args) => {
            match trang::new::create(&args.dir, args.kind.into(), args.title.as_deref()) {
                Ok(()) => {
                    eprint!("{}", trang::new::next_steps(&args.dir));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print_diagnostics(&[d]);
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Like [`print_diagnostics`], but notes of one rule past the third are counted, not listed
/// (a starter has ~40 "sample content" notes; `trang check` lists them all).
fn print_build_diagnostics(diags: &[Diagnostic]) {
    use std::collections::BTreeMap;
    let mut notes_seen: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diags {
        if d.severity == trang::diagnostics::Severity::Note {
            let n = notes_seen.entry(d.rule).or_default();
            *n += 1;
            if *n > 3 {
                continue;
            }
        }
        eprintln!("{d}");
    }
    for (rule, n) in notes_seen {
        if n > 3 {
            eprintln!(
                "… and {} more notes `{rule}` (run `trang check` to list them all)",
                n - 3
            );
        }
    }
}

/// `trang report`: one site's yearly report, the summary over `SITE…`, or the royalty list.
fn report_command(args: trang::cli::ReportArgs) -> ExitCode {
    use trang::report::{gather, layout, show_date, summary::SummaryOptions};
    let today = args.today.unwrap_or_else(trang::regulation::load::today);
    if let Some(trang::cli::ReportCommand::Royalties(r)) = &args.command {
        let lang = r.out.lang.into();
        return match gather::royalties(&r.root, r.from, r.to, lang) {
            Ok(model) => write_report(&r.out, &layout::royalties(&model, r.out.format())),
            Err(d) => report_failed(&d),
        };
    }
    let Some(year) = args.year else {
        eprintln!("error: say which year to report on, e.g. `trang report --year 2026`");
        return ExitCode::FAILURE;
    };
    let lang = args.out.lang.into();
    let options = gather::ReportOptions {
        year,
        today,
        lang,
        public: args.public.clone(),
    };
    let format = args.out.format();
    if args.sites.is_empty() {
        return match gather::site_report(&args.root, &options) {
            Ok(model) => {
                let code = write_report(&args.out, &layout::site_report(&model, format));
                let u = &model.unit;
                match (u.deadline, lang) {
                    (Some(d), trang::regulation::Lang::Vi) => eprintln!(
                        "Gửi báo cáo tới {} trước ngày {} ({}).",
                        u.recipient,
                        show_date(d, lang),
                        u.basis
                    ),
                    (Some(d), trang::regulation::Lang::En) => eprintln!(
                        "Send the report to {} by {} ({}).",
                        u.recipient,
                        show_date(d, lang),
                        u.basis
                    ),
                    (None, trang::regulation::Lang::Vi) => {
                        eprintln!("Gửi báo cáo tới {} ({}).", u.recipient, u.basis)
                    }
                    (None, trang::regulation::Lang::En) => {
                        eprintln!("Send the report to {} ({}).", u.recipient, u.basis)
                    }
                }
                code
            }
            Err(d) => report_failed(&d),
        };
    }
    let mut summary_options = SummaryOptions::province(year, lang);
    if let Some(unit) = &args.unit {
        summary_options.compiler = unit.clone();
        summary_options.parent = None;
    }
    if let Some(recipient) = &args.recipient {
        summary_options.recipient = recipient.clone();
    }
    match gather::summary(&args.sites, &options, summary_options) {
        Ok(model) => {
            for u in model.units.iter().filter(|u| u.error.is_some()) {
                eprintln!("warning: {}: {}", u.site, u.error.as_deref().unwrap_or(""));
            }
            write_report(&args.out, &layout::summary(&model, format))
        }
        Err(d) => report_failed(&d),
    }
}

fn write_report(out: &trang::cli::ReportOutputArgs, text: &str) -> ExitCode {
    match &out.output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                eprintln!("Wrote {}.", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

fn report_failed(diags: &[Diagnostic]) -> ExitCode {
    print_diagnostics(diags);
    eprintln!("No report was made: fix the errors above and run `trang report` again.");
    ExitCode::FAILURE
}

/// `trang archive` and `trang archive verify FILE`.
fn archive_command(args: trang::cli::ArchiveArgs) -> ExitCode {
    if let Some(trang::cli::ArchiveCommand::Verify(v)) = &args.command {
        let result = trang::archive::verify(&v.file);
        let shown = result.archive.display();
        if !result.ok() {
            for p in &result.problems {
                eprintln!("{shown}: {p}");
            }
            eprintln!(
                "The snapshot does not verify: {} problem(s).",
                result.problems.len()
            );
            return ExitCode::FAILURE;
        }
        let m = result
            .manifest
            .as_ref()
            .expect("a verified snapshot has a manifest");
        println!(
            "OK: {shown}: {} files, {} bytes, {} of {}, commit {}",
            m.files.len(),
            m.total_bytes,
            m.date,
            m.site,
            m.commit.as_deref().unwrap_or("unknown")
        );
        if !result.outer_checked {
            eprintln!("note: no manifest beside the archive, so the archive's own SHA-256 was not checked");
        }
        return ExitCode::SUCCESS;
    }
    let options = trang::archive::ArchiveOptions {
        root: args.root.clone(),
        output_dir: args.output_dir.clone(),
        date: args.date.unwrap_or_else(trang::regulation::load::today),
    };
    match trang::archive::run(&options) {
        Ok(c) => {
            let m = &c.manifest;
            if c.unchanged {
                eprintln!(
                    "An identical snapshot is already there: {}",
                    c.archive.display()
                );
            } else {
                eprintln!(
                    "Archived {} files ({} bytes) into {}",
                    m.files.len(),
                    m.total_bytes,
                    c.archive.display()
                );
            }
            eprintln!("Manifest: {}", c.manifest_file.display());
            if let Some(a) = &m.archive {
                eprintln!("SHA-256: {}", a.sha256);
            }
            match (&m.commit, m.uncommitted_changes) {
                (Some(commit), Some(true)) => eprintln!("Content commit: {commit} (the site had uncommitted changes: commit them and archive again)"),
                (Some(commit), _) => eprintln!("Content commit: {commit}"),
                (None, _) => eprintln!("The site is not in git: the snapshot names no commit."),
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&d);
            eprintln!("No snapshot was made: fix the errors above and run `trang archive` again.");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_delay_option_number_matches_the_bundled_mimalloc() {
        // The bundled mimalloc's default purge delay is 1000 ms (src/options.c); another
        // option at this number would have another default.
        // SAFETY: reading an option has no preconditions.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off() {
        no_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE only reads the flag.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }
}
