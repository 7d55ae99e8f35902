//! Supervision sessions: `attune hours add`, `import`, `list` and `delete`.

use std::io::Write;
use std::path::Path;

use attune_core::files::read_capped;
use attune_core::hours::{
    format_hmm, normalize_credential, parse_csv, parse_minutes, AgeFocus, AttestationStatus,
    Concern, ImportReport, Modality, SessionDraft, SessionFormat, MAX_CSV_BYTES,
    MAX_SESSION_MINUTES,
};
use attune_core::journal::{parse_date, today};
use attune_core::views::{short_id, LoggedSession};
use attune_core::Error;
use clap::Args;
use serde::Serialize;

use super::{dashed, warn, PeriodArgs};
use crate::common::{to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune hours add`
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The day of the session
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    /// Clock minutes, whole (90 for an hour and a half)
    #[arg(long, allow_hyphen_values = true)]
    minutes: String,
    /// individual or group
    #[arg(long, value_name = "individual|group")]
    format: String,
    /// Who provided it, as the association knows them
    #[arg(long)]
    provider: String,
    /// The provider's endorsement category (IMHM-C, IMHS, IFRS, ...); remembered per provider
    #[arg(long, value_name = "CAT")]
    credential: Option<String>,
    /// in-person, virtual or phone
    #[arg(long, value_name = "in-person|virtual|phone")]
    modality: Option<String>,
    /// The session was about the RSC you provide to others (for Mentor applications)
    #[arg(long)]
    about_rsc_provided: bool,
    /// A group facilitated by an identified RSC provider; without it a group is peer
    /// consultation, which no application category counts
    #[arg(long)]
    facilitated: bool,
    /// The ages the session was about: 0-3 (IMH-E®) or 3-6 (ECMH-E®); left out: both
    #[arg(long, value_name = "0-3|3-6")]
    age_focus: Option<String>,
    /// A short reminder (no family details)
    #[arg(long, default_value = "")]
    note: String,
    /// Id of a reflection brought to this session (repeat for several)
    #[arg(long = "reflection", value_name = "ID")]
    reflections: Vec<String>,
    /// Log it even on the same day as a session with a provider of the same or a similar
    /// name ("Dr. L. Perez" and "Lucía Pérez"); without it such a session is refused, as a
    /// session logged twice
    #[arg(long)]
    allow_duplicate: bool,
    /// Log it even when longer than 3 hours; without it such a session is refused, as a
    /// typing mistake
    #[arg(long)]
    allow_long: bool,
}

/// A session as `hours list --json` prints it: the contract's fields, exactly.
#[derive(Debug, Serialize)]
struct SessionLine<'a> {
    id: &'a str,
    date: chrono::NaiveDate,
    minutes: u32,
    format: SessionFormat,
    provider: &'a str,
    credential: Option<&'a str>,
    modality: Option<Modality>,
    about_rsc_provided: bool,
    verified: bool,
    /// The supervisor who attested it, by the name on their card (whatever spelling the
    /// session was logged under); absent when it is not attested.
    #[serde(skip_serializing_if = "Option::is_none")]
    attested_by: Option<&'a str>,
}

impl<'a> SessionLine<'a> {
    fn of(logged: &'a LoggedSession) -> Self {
        let (s, c) = (&logged.session, &logged.session.content);
        SessionLine {
            id: &s.id,
            date: c.date,
            minutes: c.minutes,
            format: c.format,
            provider: &c.provider,
            credential: c.credential.as_deref(),
            modality: c.modality,
            about_rsc_provided: c.about_rsc_provided,
            verified: logged.attestation.is_attested(),
            attested_by: match &logged.attestation {
                AttestationStatus::Attested { supervisor, .. } => Some(supervisor),
                AttestationStatus::NotAttested => None,
            },
        }
    }
}

/// `attune hours add`: prints the new session's id.
pub(super) fn add(dir: &Path, secrets: &mut Secrets, a: AddArgs) -> CliResult {
    let format = SessionFormat::parse("--format", &a.format)?;
    let draft = SessionDraft {
        date: parse_date("--date", &a.date)?,
        minutes: parse_minutes("--minutes", &a.minutes, MAX_SESSION_MINUTES)?,
        format,
        modality: a
            .modality
            .as_deref()
            .map(|m| Modality::parse("--modality", m))
            .transpose()?,
        provider: a.provider,
        credential: match a.credential.as_deref() {
            Some(c) => normalize_credential("--credential", c)?,
            None => None,
        },
        facilitated: match format {
            SessionFormat::Group => Some(a.facilitated),
            SessionFormat::Individual if a.facilitated => {
                return Err(Error::invalid(
                    "--facilitated",
                    "only a group session is facilitated; leave it out for an individual one",
                )
                .into())
            }
            SessionFormat::Individual => None,
        },
        age_focus: a
            .age_focus
            .as_deref()
            .map(|f| AgeFocus::parse("--age-focus", f))
            .transpose()?,
        about_rsc_provided: a.about_rsc_provided,
        note: a.note,
        reflections: a.reflections,
    }
    .validated()
    .map_err(dashed)?;
    let mut vault = unlock(dir, secrets)?;
    // A date ahead is only warned about, after saving (as ever); the rest needs a flag.
    let refused: Vec<Concern> = vault
        .hours()
        .check_session(&draft, None, today())
        .into_iter()
        .filter(|c| (c.is_same_day() && !a.allow_duplicate) || (c.is_long() && !a.allow_long))
        .collect();
    if !refused.is_empty() {
        return Err(refusal(&refused));
    }
    let saved = vault.hours_mut().add_session(draft).map_err(dashed)?;
    vault.lock()?;
    warn(&saved.content.warnings(today()));
    if saved.content.format == SessionFormat::Group && !saved.content.facilitated_group() {
        writeln!(
            crate::terminal::stderr(),
            "note: a group without --facilitated is peer consultation, which no application category counts"
        )?;
    }
    writeln!(crate::terminal::stdout(), "{}", saved.id)?;
    Ok(())
}

/// Why `hours add` refuses a session, in one line: each concern (its field named as the
/// option), then the flag that logs it anyway.
fn refusal(concerns: &[Concern]) -> CliError {
    let mut line: Vec<String> = concerns
        .iter()
        .map(|c| {
            Concern {
                field: format!("--{}", c.field),
                ..c.clone()
            }
            .to_string()
        })
        .collect();
    let mut flags = Vec::new();
    if concerns.iter().any(Concern::is_same_day) {
        flags.push("--allow-duplicate");
    }
    if concerns.iter().any(Concern::is_long) {
        flags.push("--allow-long");
    }
    line.push(format!(
        "Nothing was saved; if it is right, log it again with {}.",
        flags.join(" ")
    ));
    CliError::Input(line.join(" "))
}

/// `attune hours import FILE.csv`: all rows or none; with `dry_run`, what it would do, saving
/// nothing. Rows a form would ask about (the same day as a similar provider, long) are
/// listed as warnings, by line, and imported.
pub(super) fn import(dir: &Path, secrets: &mut Secrets, file: &Path, dry_run: bool) -> CliResult {
    let bytes = read_capped(file, MAX_CSV_BYTES, "an hours CSV")?;
    let parsed = parse_csv(&bytes, today())?;
    let mut vault = unlock(dir, secrets)?;
    let report = if dry_run {
        vault.hours_mut().preview_import(parsed.rows)?
    } else {
        vault.hours_mut().import_sessions(parsed.rows)?
    };
    vault.lock()?;
    warn(&parsed.warnings);
    for c in &report.concerns {
        let _ = writeln!(crate::terminal::stderr(), "warning: {c}");
    }
    imported(&report, dry_run)
}

/// What an import did (or, with `dry_run`, would do).
fn imported(report: &ImportReport, dry_run: bool) -> CliResult {
    let n = report.imported.len();
    let mut out = crate::terminal::stdout();
    writeln!(
        out,
        "{} {n} session{}{}{}.",
        if dry_run { "Would import" } else { "Imported" },
        if n == 1 { "" } else { "s" },
        match report.new_providers.len() {
            0 => String::new(),
            1 => " and 1 new provider".to_owned(),
            p => format!(" and {p} new providers"),
        },
        if dry_run {
            " (--dry-run: nothing was saved)"
        } else {
            ""
        }
    )?;
    if !report.duplicates.is_empty() {
        let at: Vec<String> = report.duplicates.iter().map(|d| d.at.to_string()).collect();
        writeln!(
            out,
            "{} {} already logged (not added twice): {}.",
            if dry_run { "Would skip" } else { "Skipped" },
            report.duplicates.len(),
            at.join(", ")
        )?;
    }
    Ok(())
}

/// `attune hours list`: the sessions of a period, oldest first, each with whether it is
/// attested (the same [`LoggedSession`]s the window's log shows).
pub(super) fn list(
    dir: &Path,
    secrets: &mut Secrets,
    period: &PeriodArgs,
    json: bool,
) -> CliResult {
    let period = period.period()?;
    let vault = unlock(dir, secrets)?;
    let hours = vault.hours();
    let logged: Vec<LoggedSession> = hours
        .sessions_in(period)
        .into_iter()
        .map(|s| LoggedSession::of(hours, s))
        .collect();
    let mut out = crate::terminal::stdout();
    if json {
        let lines: Vec<SessionLine<'_>> = logged.iter().map(SessionLine::of).collect();
        writeln!(out, "{}", to_json(&lines)?)?;
    } else if logged.is_empty() {
        writeln!(crate::terminal::stderr(), "No sessions.")?;
    } else {
        for l in &logged {
            let (s, c) = (&l.session, &l.session.content);
            writeln!(
                out,
                "{}  {}  {:>6}  {:<10}  {:<9}  {:<3}  {:<3}  {:<12}  {}{}",
                short_id(&s.id),
                c.date,
                format_hmm(c.minutes),
                match (c.format, c.facilitated_group()) {
                    (SessionFormat::Group, false) => "peer group",
                    (f, _) => f.as_str(),
                },
                c.modality.map_or("-", Modality::as_str),
                if c.about_rsc_provided { "rsc" } else { "-" },
                c.age_focus.map_or("-", AgeFocus::as_str),
                if l.attestation.is_attested() {
                    "attested"
                } else {
                    "not attested"
                },
                c.provider,
                c.credential
                    .as_deref()
                    .map_or(String::new(), |x| format!(" ({x})")),
            )?;
        }
    }
    drop(logged);
    vault.lock()?;
    Ok(())
}

/// `attune hours delete ID`.
pub(super) fn delete(dir: &Path, secrets: &mut Secrets, id: &str) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let id = vault.hours().resolve_session(id)?.id.clone();
    vault.hours_mut().delete_session(&id)?;
    vault.lock()?;
    writeln!(crate::terminal::stderr(), "Deleted session {id}.")?;
    Ok(())
}
