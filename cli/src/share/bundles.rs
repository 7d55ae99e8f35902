//! `attune share`: reflections (chosen sections) and hours to confirm, as a bundle only the
//! contact can open; `--dry-run` shows what would leave, with what could identify a family.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{write_atomic, Readers};
use attune_core::hours::{format_duration, Period};
use attune_core::share::deid::Finding;
use attune_core::share::{Section, ShareEntry, ShareRequest};
use attune_core::views::{self, short_id, SharePreview};
use attune_core::Error;
use clap::Args;

use super::session_line;
use crate::common::{optional_date, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune share`
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The contact to share with: their name, or the first 8+ characters of their fingerprint
    #[arg(long, value_name = "CONTACT")]
    to: String,
    /// Reflections to share (ids or unique prefixes, comma-separated)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    entries: Vec<String>,
    /// Only these sections of each reflection (comma-separated): parent_infant,
    /// practitioner_parent, supervisor_practitioner, self, for_supervision [default: every
    /// section with text]
    #[arg(long, value_name = "SECTION,...", value_delimiter = ',')]
    sections: Vec<String>,
    /// First day of the hours to send for confirmation
    #[arg(long, value_name = "YYYY-MM-DD", requires = "hours_to")]
    hours_from: Option<String>,
    /// Last day of the hours to send for confirmation
    #[arg(long, value_name = "YYYY-MM-DD", requires = "hours_from")]
    hours_to: Option<String>,
    /// The bundle file to write (*.attune-share)
    #[arg(long, value_name = "FILE", required_unless_present = "dry_run")]
    out: Option<PathBuf>,
    /// Only show what would leave your vault; write nothing
    #[arg(long)]
    dry_run: bool,
}

pub(crate) fn share(dir: &Path, secrets: &mut Secrets, args: ShareArgs) -> CliResult {
    let sections = args
        .sections
        .iter()
        .map(|s| Section::parse(s))
        .collect::<attune_core::Result<Vec<_>>>()
        .map_err(|e| relabel(e, "--sections"))?;
    let hours = match (
        optional_date("--hours-from", &args.hours_from)?,
        optional_date("--hours-to", &args.hours_to)?,
    ) {
        (Some(from), Some(to)) => {
            if to < from {
                return Err(Error::invalid(
                    "--hours-to",
                    format!("{to} is before --hours-from {from}"),
                )
                .into());
            }
            Some(Period {
                from: Some(from),
                to: Some(to),
            })
        }
        _ => None,
    };
    if args.entries.is_empty() && hours.is_none() {
        return Err(Error::invalid(
            "share",
            "nothing to share: give --entries ID,... and/or --hours-from D --hours-to D",
        )
        .into());
    }
    let req = ShareRequest {
        to: args.to.as_str().into(),
        entries: args
            .entries
            .iter()
            .filter(|e| !e.trim().is_empty())
            .map(|id| ShareEntry {
                id: id.trim().to_owned(),
                sections: sections.clone(),
            })
            .collect(),
        hours,
    };
    let mut vault = unlock(dir, secrets)?;
    let (bytes, shown) = if args.dry_run {
        // The check before sending: what could identify a family, flagged.
        (Vec::new(), views::share_preview(&vault, &req)?)
    } else {
        let (bytes, out) = vault.sharing_mut().create_share(&req)?;
        (bytes, SharePreview::of(out, Vec::new()))
    };
    vault.lock()?;
    let path = match (&args.out, args.dry_run) {
        (Some(path), false) => {
            write_atomic(path, &bytes, "the share bundle", Readers::Owner)?;
            Some(path)
        }
        _ => None,
    };
    let mut o = crate::terminal::stdout();
    writeln!(
        o,
        "For {} ({}), this {} your vault:",
        shown.to,
        shown.fingerprint,
        if path.is_some() {
            "leaves"
        } else {
            "would leave"
        }
    )?;
    for r in &shown.reflections {
        let names: Vec<&str> = r.sections.iter().map(|s| s.section.as_str()).collect();
        writeln!(
            o,
            "  reflection {}  {}  {}  [{}]",
            short_id(&r.id),
            r.date,
            if r.title.is_empty() {
                "(untitled)"
            } else {
                &r.title
            },
            names.join(", ")
        )?;
    }
    if let Some(h) = &shown.hours {
        let n = h.sessions.len();
        writeln!(
            o,
            "  {n} session{} from {} to {}, {} in all, for confirmation:",
            if n == 1 { "" } else { "s" },
            h.from,
            h.to,
            format_duration(h.minutes)
        )?;
        for s in &h.sessions {
            writeln!(o, "    {}", session_line(s))?;
        }
    }
    if args.dry_run {
        write_findings(&mut o, &shown.findings)?;
    }
    match path {
        Some(path) => writeln!(
            o,
            "Wrote {}: only {} can open it.",
            path.display(),
            shown.to
        )?,
        None => writeln!(o, "Nothing was written (--dry-run).")?,
    }
    Ok(())
}

/// The de-identification findings, one line each (`reflection, where: kind "text" — reason`),
/// then how many.
fn write_findings(o: &mut impl Write, findings: &[Finding]) -> std::io::Result<()> {
    for f in findings {
        writeln!(
            o,
            "  {}, {}: {} {:?} — {}",
            f.reflection,
            f.place,
            f.hint.kind.as_str(),
            f.hint.text,
            f.hint.kind.reason()
        )?;
    }
    match findings.len() {
        0 => writeln!(
            o,
            "No phone numbers, e-mail addresses, full dates, street addresses or names to avoid were found."
        ),
        1 => writeln!(o, "1 detail above could identify a family."),
        n => writeln!(o, "{n} details above could identify a family."),
    }
}

fn relabel(e: Error, option: &str) -> Error {
    match e {
        Error::InvalidInput { message, .. } => Error::invalid(option, message),
        e => e,
    }
}
