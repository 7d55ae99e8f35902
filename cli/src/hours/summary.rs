//! `attune hours summary`: totals per provider and month and progress toward a rule set, as
//! text, JSON, the sessions' CSV, or the PDF summary.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{write_atomic, Readers};
use attune_core::hours::{
    format_duration, format_hmm, rule_set, summary_pdf, write_csv, HoursSummary, PageSize,
    PdfReport, Period, ProviderBook, SupervisionSession,
};
use attune_core::journal::today;
use attune_core::Error;
use clap::{Args, ValueEnum};

use super::renewal::{self, RenewalArgs};
use super::PeriodArgs;
use crate::common::{to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// What `hours summary` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Readable text
    Text,
    /// One JSON object
    Json,
    /// The sessions of the period in the import CSV format
    Csv,
    /// A PDF summary (needs --out)
    Pdf,
}

/// `attune hours summary`
#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// Show progress toward this rule set (see `attune rules list`), e.g. imh-e/imhm-c
    #[arg(long, value_name = "ID")]
    rules: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: SummaryFormat,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The PDF's paper: a4 or letter (default: that of your locale, LC_PAPER or LANG)
    #[arg(long, value_name = "SIZE", value_parser = page_size)]
    page_size: Option<PageSize>,
    #[command(flatten)]
    renewal: RenewalArgs,
}

/// Reads `--page-size`.
pub(super) fn page_size(name: &str) -> Result<PageSize, String> {
    PageSize::parse(name).ok_or_else(|| format!("{name:?} is not a4 or letter"))
}

/// Writes `bytes` to `out` (whole or not at all, readable by the owner alone: it names
/// supervisors and hours), or to standard output.
pub(super) fn emit(out: Option<&Path>, bytes: &[u8]) -> CliResult {
    match out {
        Some(path) => Ok(write_atomic(path, bytes, "the summary", Readers::Owner)?),
        None => {
            let mut o = crate::terminal::stdout();
            o.write_all(bytes)?;
            o.flush()?;
            Ok(())
        }
    }
}

pub(super) fn summary(dir: &Path, secrets: &mut Secrets, args: &SummaryArgs) -> CliResult {
    let mut period = args.period.period()?;
    let renewal_year = renewal::asked(&args.renewal)?;
    if renewal_year.is_some() {
        if args.rules.is_some() {
            return Err(Error::invalid(
                "--renewal-year",
                "picks its own rule set: leave out --rules",
            )
            .into());
        }
        if period != Period::ALL {
            return Err(Error::invalid(
                "--renewal-year",
                "picks its own days: leave out --from and --to",
            )
            .into());
        }
    }
    let mut rules = args
        .rules
        .as_deref()
        .map(rule_set)
        .transpose()
        .map_err(|e| match e {
            Error::InvalidInput { message, .. } => Error::invalid("--rules", message),
            e => e,
        })?;
    if args.format == SummaryFormat::Pdf && args.out.is_none() {
        return Err(
            Error::invalid("--out", "a PDF needs a file to go to: add --out FILE.pdf").into(),
        );
    }
    let vault = unlock(dir, secrets)?;
    let bytes = {
        let hours = vault.hours();
        let renewal = match renewal_year {
            Some(year) => {
                let choice = renewal::choice(&args.renewal, vault.settings())?;
                let r = hours.renewal(&choice, year, today())?;
                period = renewal::period(&r);
                rules = Some(rule_set(&r.rules)?);
                Some(r)
            }
            None => None,
        };
        let sessions = hours.sessions_in(period);
        let mut s = hours.summary(period, rules.filter(|_| renewal.is_none()), today());
        if let Some(r) = &renewal {
            s.requirement = r.progress.clone();
        }
        match args.format {
            SummaryFormat::Json => {
                let json_err = |e: serde_json::Error| CliError::Input(format!("JSON output: {e}"));
                let mut v = serde_json::to_value(&s).map_err(json_err)?;
                if let (Some(r), Some(obj)) = (&renewal, v.as_object_mut()) {
                    let mut r = serde_json::to_value(r).map_err(json_err)?;
                    if let Some(o) = r.as_object_mut() {
                        // The progress is `requirement`, as without --renewal-year.
                        o.remove("progress");
                    }
                    obj.insert("renewal".into(), r);
                }
                let mut t = to_json(&v)?;
                t.push('\n');
                t.into_bytes()
            }
            SummaryFormat::Csv => write_csv(
                ProviderBook::new(vault.hours().providers())
                    .as_held(&sessions)
                    .iter(),
            )?,
            SummaryFormat::Pdf => summary_pdf(&PdfReport {
                name: &vault.profile().name,
                summary: &s,
                sessions: &sessions,
                training: &hours.training_in(period),
                hours,
                rules,
                page: args.page_size.unwrap_or_else(PageSize::from_environment),
                generated_on: today(),
            })?,
            SummaryFormat::Text => {
                let head = renewal.as_ref().map(renewal::heading).unwrap_or_default();
                format!("{head}{}", summary_text(&s, &sessions)).into_bytes()
            }
        }
    };
    vault.lock()?;
    emit(args.out.as_deref(), &bytes)?;
    if let Some(out) = &args.out {
        writeln!(crate::terminal::stderr(), "Wrote {}.", out.display())?;
    }
    Ok(())
}

fn summary_text(s: &HoursSummary, sessions: &[&SupervisionSession]) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let period = match (s.from, s.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "no sessions yet".to_owned(),
    };
    let _ = writeln!(o, "Supervision hours, {period}");
    let _ = writeln!(
        o,
        "Total       {:>8}  ({}) in {} session{}",
        format_hmm(s.total_minutes),
        format_duration(s.total_minutes),
        s.sessions,
        if s.sessions == 1 { "" } else { "s" }
    );
    if s.planned_sessions > 0 {
        let _ = writeln!(
            o,
            "Planned     {:>8}  in {} session{} dated after today (not counted)",
            format_hmm(s.planned_minutes),
            s.planned_sessions,
            if s.planned_sessions == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(o, "Individual  {:>8}", format_hmm(s.individual_minutes));
    let _ = writeln!(o, "Group       {:>8}", format_hmm(s.group_minutes));
    if s.about_rsc_provided_minutes > 0 {
        let _ = writeln!(
            o,
            "About the RSC you provide {:>8}",
            format_hmm(s.about_rsc_provided_minutes)
        );
    }
    let _ = writeln!(
        o,
        "Attested    {} of {} sessions",
        s.attested_sessions,
        sessions.len()
    );
    if s.unmarked_focus_sessions > 0 {
        let _ = writeln!(
            o,
            "No age focus {:>7}  in {} session{} (counted for both 0-3 and 3-6)",
            format_hmm(s.unmarked_focus_minutes),
            s.unmarked_focus_sessions,
            if s.unmarked_focus_sessions == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    if !s.by_provider.is_empty() {
        let _ = writeln!(o, "\nBy provider");
        for p in &s.by_provider {
            let _ = writeln!(
                o,
                "  {:>8}  {}{}",
                format_hmm(p.minutes),
                p.provider,
                p.credential
                    .as_deref()
                    .map_or(String::new(), |c| format!(" ({c})"))
            );
        }
        let _ = writeln!(o, "\nBy month     individual   group   total");
        for m in &s.by_month {
            let _ = writeln!(
                o,
                "  {}   {:>8} {:>8} {:>7}",
                m.month,
                format_hmm(m.individual_minutes),
                format_hmm(m.group_minutes),
                format_hmm(m.minutes)
            );
        }
    }
    if let Some(p) = &s.requirement {
        let _ = writeln!(o, "\n{} ({})", p.name, p.id);
        let _ = writeln!(o, "  {}.", p.verdict);
        let _ = writeln!(
            o,
            "  RSC counted {} of {} required",
            format_hmm(p.counted_minutes),
            format_hmm(p.required_minutes)
        );
        if let Some(w) = &p.window {
            let _ = writeln!(
                o,
                "  counted sessions: {} to {} ({} month{})",
                w.from,
                w.to,
                w.months,
                if w.months == 1 { "" } else { "s" }
            );
        }
        for x in p.providers.iter() {
            let _ = writeln!(
                o,
                "  {:>8}  {}{}",
                format_hmm(x.minutes),
                x.provider,
                if x.counted {
                    format!(" ({} %)", x.share_percent)
                } else {
                    " (not counted)".to_owned()
                }
            );
        }
        for f in &p.shortfalls {
            let _ = writeln!(o, "  - {f}");
        }
        for n in &p.not_counted {
            let _ = writeln!(o, "  note: {}", n.text);
        }
        for c in &p.cautions {
            let _ = writeln!(o, "  caution: {c}");
        }
        let _ = writeln!(o, "  Not checked by Attune: {}.", p.not_checked.join(", "));
    }
    o
}
