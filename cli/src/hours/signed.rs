//! `attune hours provided`: the RSC you provided, as the attestations you signed show it
//! (one entry for a group session several supervisees logged), with its totals.

use std::io::Write;
use std::path::Path;

use attune_core::desk::write_signed_csv;
use attune_core::hours::format_hmm;
use attune_core::views::provided_from_attestations;

use super::PeriodArgs;
use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

pub(super) fn provided(
    dir: &Path,
    secrets: &mut Secrets,
    period: &PeriodArgs,
    json: bool,
    csv: bool,
) -> CliResult {
    let period = period.period()?;
    let vault = unlock(dir, secrets)?;
    let log = provided_from_attestations(&vault, period);
    vault.lock()?;
    let mut o = crate::terminal::stdout();
    if json {
        writeln!(o, "{}", to_json(&log)?)?;
        return Ok(());
    }
    if csv {
        o.write_all(&write_signed_csv(&log)?)?;
        return Ok(());
    }
    if log.sessions.is_empty() {
        writeln!(
            crate::terminal::stderr(),
            "No signed sessions{}: what you sign with `attune attest` shows here.",
            match (period.from, period.to) {
                (None, None) => String::new(),
                _ => " in that period".to_owned(),
            }
        )?;
        return Ok(());
    }
    for s in &log.sessions {
        writeln!(
            o,
            "{}  {:>6}  {:<10}  {}",
            s.date,
            format_hmm(s.minutes),
            s.format.as_str(),
            s.supervisees.join(", ")
        )?;
    }
    let t = &log.totals;
    writeln!(
        o,
        "Provided (signed): {} h in {} session{} to {} {} ({} h individual, {} h group).",
        format_hmm(t.minutes),
        t.sessions,
        if t.sessions == 1 { "" } else { "s" },
        t.supervisees,
        if t.supervisees == 1 {
            "supervisee"
        } else {
            "supervisees"
        },
        format_hmm(t.individual_minutes),
        format_hmm(t.group_minutes),
    )?;
    Ok(())
}
