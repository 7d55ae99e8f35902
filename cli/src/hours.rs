//! `attune hours ...`, `attune training ...`, `attune provider ...` and `attune rules list`:
//! supervision hours on the command line. Input is read and checked before the vault is
//! opened, so bad input writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{write_atomic, Readers};
use attune_core::hours::{
    format_duration, format_hmm, normalize_credential, parse_csv, parse_minutes, rule_set,
    rule_sets, summary_pdf, write_csv, HoursSummary, Modality, PdfReport, Period, ProviderDraft,
    SessionDraft, SessionFormat, SupervisionSession, Training, TrainingDraft, TrainingTopic,
    Warning, MAX_SESSION_MINUTES, MAX_TRAINING_MINUTES,
};
use attune_core::journal::{parse_date, today};
use attune_core::Error;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use crate::common::{optional_date, to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune hours ...`
#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Log a supervision session; prints its id
    Add(AddArgs),
    /// Import sessions from an hours CSV: all rows or none; sessions already logged are
    /// reported and skipped
    Import {
        /// The CSV file; header: date,minutes,format,provider,credential,modality,about_rsc_provided,note
        file: PathBuf,
    },
    /// List sessions, oldest first, with their attestation status
    List {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Totals per provider and per month, and progress toward a rule set
    Summary(SummaryArgs),
    /// Delete one session for good (the id, or at least its first 4 characters)
    Delete {
        /// The session's id or a unique prefix of it
        id: String,
    },
}

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
    /// A short reminder (no family details)
    #[arg(long, default_value = "")]
    note: String,
    /// Id of a reflection brought to this session (repeat for several)
    #[arg(long = "reflection", value_name = "ID")]
    reflections: Vec<String>,
}

/// `--from` and `--to`.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// Only on or after this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only on or before this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
}

impl PeriodArgs {
    fn period(&self) -> CliResult<Period> {
        let p = Period {
            from: optional_date("--from", &self.from)?,
            to: optional_date("--to", &self.to)?,
        };
        if let (Some(f), Some(t)) = (p.from, p.to) {
            if f > t {
                return Err(Error::invalid("--from", format!("{f} is after --to {t}")).into());
            }
        }
        Ok(p)
    }
}

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
}

/// `attune training ...`
#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Log in-service training; prints its id
    Add {
        /// The day (the last day, for a course over several days)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Clock minutes, whole
        #[arg(long, allow_hyphen_values = true)]
        minutes: String,
        /// The training's title
        #[arg(long)]
        title: String,
        /// Who ran it
        #[arg(long, default_value = "")]
        organiser: String,
        /// It was on diversity, equity and inclusion
        #[arg(long)]
        dei: bool,
        /// It was on providing reflective supervision/consultation
        #[arg(long)]
        providing_rsc: bool,
        /// A short reminder
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List training, oldest first
    List {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Delete one training entry for good (the id, or at least its first 4 characters)
    Delete {
        /// The entry's id or a unique prefix of it
        id: String,
    },
}

/// `attune provider ...`
#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// List the providers in your address book
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Add a provider, or change one's details (found by name); logged sessions keep theirs
    Set {
        /// The provider's name, as the association knows them
        name: String,
        /// Endorsement category (IMHM-C, IMHS, ...)
        #[arg(long, value_name = "CAT")]
        credential: Option<String>,
        /// Endorsement number
        #[arg(long, value_name = "NUMBER")]
        endorsement_number: Option<String>,
        /// The association that endorsed them
        #[arg(long)]
        association: Option<String>,
    },
}

/// `attune rules ...`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the Endorsement rule sets this version knows, with their sources
    List {
        /// Print a JSON array of the rule sets
        #[arg(long)]
        json: bool,
    },
}

fn warn(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
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
}

/// Writes `bytes` to `out` (whole or not at all, readable by the owner alone: it names
/// supervisors and hours), or to standard output.
fn emit(out: Option<&Path>, bytes: &[u8]) -> CliResult {
    match out {
        Some(path) => Ok(write_atomic(path, bytes, "the summary", Readers::Owner)?),
        None => {
            let mut o = std::io::stdout().lock();
            o.write_all(bytes)?;
            o.flush()?;
            Ok(())
        }
    }
}

pub(crate) fn run(dir: &Path, secrets: &mut Secrets, action: HoursCommand) -> CliResult {
    match action {
        HoursCommand::Add(a) => {
            let draft = SessionDraft {
                date: parse_date("--date", &a.date)?,
                minutes: parse_minutes("--minutes", &a.minutes, MAX_SESSION_MINUTES)?,
                format: SessionFormat::parse("--format", &a.format)?,
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
                about_rsc_provided: a.about_rsc_provided,
                note: a.note,
                reflections: a.reflections,
            }
            .validated()
            .map_err(dashed)?;
            let mut vault = unlock(dir, secrets)?;
            let saved = vault.hours_mut().add_session(draft).map_err(dashed)?;
            vault.lock()?;
            warn(&saved.content.warnings(today()));
            println!("{}", saved.id);
            Ok(())
        }
        HoursCommand::Import { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
            let parsed = parse_csv(&bytes, today())?;
            let mut vault = unlock(dir, secrets)?;
            let report = vault.hours_mut().import_sessions(parsed.rows)?;
            vault.lock()?;
            warn(&parsed.warnings);
            let n = report.imported.len();
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "Imported {n} session{}{}.",
                if n == 1 { "" } else { "s" },
                match report.new_providers.len() {
                    0 => String::new(),
                    1 => " and 1 new provider".to_owned(),
                    p => format!(" and {p} new providers"),
                }
            )?;
            if !report.duplicates.is_empty() {
                let at: Vec<String> = report.duplicates.iter().map(|d| d.at.to_string()).collect();
                writeln!(
                    out,
                    "Skipped {} already logged (not added twice): {}.",
                    report.duplicates.len(),
                    at.join(", ")
                )?;
            }
            Ok(())
        }
        HoursCommand::List { period, json } => {
            let period = period.period()?;
            let vault = unlock(dir, secrets)?;
            let hours = vault.hours();
            let sessions = hours.sessions_in(period);
            let mut out = std::io::stdout().lock();
            if json {
                let lines: Vec<SessionLine<'_>> = sessions
                    .iter()
                    .map(|s| {
                        let c = &s.content;
                        SessionLine {
                            id: &s.id,
                            date: c.date,
                            minutes: c.minutes,
                            format: c.format,
                            provider: &c.provider,
                            credential: c.credential.as_deref(),
                            modality: c.modality,
                            about_rsc_provided: c.about_rsc_provided,
                            verified: hours.attestation(&s.id).is_attested(),
                        }
                    })
                    .collect();
                writeln!(out, "{}", to_json(&lines)?)?;
            } else if sessions.is_empty() {
                eprintln!("No sessions.");
            } else {
                for s in &sessions {
                    let c = &s.content;
                    writeln!(
                        out,
                        "{}  {}  {:>6}  {:<10}  {:<9}  {:<3}  {:<12}  {}{}",
                        &s.id[..8.min(s.id.len())],
                        c.date,
                        format_hmm(c.minutes),
                        c.format.as_str(),
                        c.modality.map_or("-", Modality::as_str),
                        if c.about_rsc_provided { "rsc" } else { "-" },
                        if hours.attestation(&s.id).is_attested() {
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
            drop(sessions);
            vault.lock()?;
            Ok(())
        }
        HoursCommand::Summary(args) => summary(dir, secrets, &args),
        HoursCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.hours().resolve_session(&id)?.id.clone();
            vault.hours_mut().delete_session(&id)?;
            vault.lock()?;
            eprintln!("Deleted session {id}.");
            Ok(())
        }
    }
}

/// Names command-line options (`--minutes`) where core names fields (`minutes`).
fn dashed(e: Error) -> Error {
    match e {
        Error::InvalidInput {
            field,
            message,
            place,
        } if !field.starts_with("--")
            && field.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
        {
            let field = match field.as_str() {
                "reflections" => "--reflection".to_owned(),
                f => format!("--{}", f.replace('_', "-")),
            };
            Error::InvalidInput {
                field,
                message,
                place,
            }
        }
        e => e,
    }
}

fn summary(dir: &Path, secrets: &mut Secrets, args: &SummaryArgs) -> CliResult {
    let period = args.period.period()?;
    let rules = args
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
        let sessions = hours.sessions_in(period);
        let s = hours.summary(period, rules, today());
        match args.format {
            SummaryFormat::Json => {
                let mut t = to_json(&s)?;
                t.push('\n');
                t.into_bytes()
            }
            SummaryFormat::Csv => write_csv(sessions.iter().copied())?,
            SummaryFormat::Pdf => summary_pdf(&PdfReport {
                name: &vault.profile().name,
                summary: &s,
                sessions: &sessions,
                hours,
                rules,
                generated_on: today(),
            })?,
            SummaryFormat::Text => summary_text(&s, &sessions).into_bytes(),
        }
    };
    vault.lock()?;
    emit(args.out.as_deref(), &bytes)?;
    if let Some(out) = &args.out {
        eprintln!("Wrote {}.", out.display());
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
        let _ = writeln!(
            o,
            "\n{} ({}): {}",
            p.name,
            p.id,
            if p.met { "met" } else { "not met yet" }
        );
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
    }
    o
}

pub(crate) fn training(dir: &Path, secrets: &mut Secrets, action: TrainingCommand) -> CliResult {
    match action {
        TrainingCommand::Add {
            date,
            minutes,
            title,
            organiser,
            dei,
            providing_rsc,
            note,
        } => {
            let mut topics = Vec::new();
            if dei {
                topics.push(TrainingTopic::Dei);
            }
            if providing_rsc {
                topics.push(TrainingTopic::ProvidingRsc);
            }
            let draft = TrainingDraft {
                date: parse_date("--date", &date)?,
                minutes: parse_minutes("--minutes", &minutes, MAX_TRAINING_MINUTES)?,
                title,
                organiser,
                topics,
                note,
            }
            .validated()
            .map_err(dashed)?;
            let mut vault = unlock(dir, secrets)?;
            let saved = vault.hours_mut().add_training(draft)?;
            vault.lock()?;
            warn(&saved.content.warnings(today()));
            println!("{}", saved.id);
            Ok(())
        }
        TrainingCommand::List { period, json } => {
            let period = period.period()?;
            let vault = unlock(dir, secrets)?;
            let list: Vec<&Training> = vault.hours().training_in(period);
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", to_json(&list)?)?;
            } else if list.is_empty() {
                eprintln!("No training.");
            } else {
                for t in &list {
                    let c = &t.content;
                    let topics: Vec<&str> = c.topics.iter().map(|x| x.as_str()).collect();
                    writeln!(
                        out,
                        "{}  {}  {:>6}  {}{}{}",
                        &t.id[..8.min(t.id.len())],
                        c.date,
                        format_hmm(c.minutes),
                        c.title,
                        if c.organiser.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", c.organiser)
                        },
                        if topics.is_empty() {
                            String::new()
                        } else {
                            format!(" [{}]", topics.join(", "))
                        }
                    )?;
                }
            }
            drop(list);
            vault.lock()?;
            Ok(())
        }
        TrainingCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.hours().resolve_training(&id)?.id.clone();
            vault.hours_mut().delete_training(&id)?;
            vault.lock()?;
            eprintln!("Deleted training entry {id}.");
            Ok(())
        }
    }
}

pub(crate) fn provider(dir: &Path, secrets: &mut Secrets, action: ProviderCommand) -> CliResult {
    match action {
        ProviderCommand::List { json } => {
            let vault = unlock(dir, secrets)?;
            let list = vault.hours().providers();
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", to_json(list)?)?;
            } else if list.is_empty() {
                eprintln!("No providers yet: they are added as you log sessions.");
            } else {
                for p in list {
                    let c = &p.content;
                    writeln!(
                        out,
                        "{}  {:<8}  {:<12}  {}",
                        c.name,
                        c.credential.as_deref().unwrap_or("-"),
                        if c.endorsement_number.is_empty() {
                            "-"
                        } else {
                            &c.endorsement_number
                        },
                        c.association
                    )?;
                }
            }
            vault.lock()?;
            Ok(())
        }
        ProviderCommand::Set {
            name,
            credential,
            endorsement_number,
            association,
        } => {
            let credential = credential
                .as_deref()
                .map(|c| normalize_credential("--credential", c))
                .transpose()?;
            let mut vault = unlock(dir, secrets)?;
            let existing = vault.hours().provider_named(&name).cloned();
            let saved = match existing {
                Some(p) => {
                    let c = p.content;
                    let draft = ProviderDraft {
                        name: c.name,
                        credential: credential.unwrap_or(c.credential),
                        endorsement_number: endorsement_number.unwrap_or(c.endorsement_number),
                        association: association.unwrap_or(c.association),
                    };
                    vault
                        .hours_mut()
                        .update_provider(&p.id, draft)
                        .map_err(dashed)?
                }
                None => vault
                    .hours_mut()
                    .add_provider(ProviderDraft {
                        name,
                        credential: credential.flatten(),
                        endorsement_number: endorsement_number.unwrap_or_default(),
                        association: association.unwrap_or_default(),
                    })
                    .map_err(dashed)?,
            };
            vault.lock()?;
            println!("{}", saved.id);
            Ok(())
        }
    }
}

pub(crate) fn rules(action: RulesCommand) -> CliResult {
    let RulesCommand::List { json } = action;
    let sets = rule_sets()?;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", to_json(sets)?)?;
        return Ok(());
    }
    for s in sets {
        let r = &s.rsc;
        let window = match (r.window_min_months, r.window_max_months, r.calendar_year) {
            (_, _, true) => "in one calendar year".to_owned(),
            (Some(a), Some(b), _) => format!("over {a} to {b} months"),
            (Some(a), None, _) => format!("over at least {a} months"),
            (None, Some(b), _) => format!("within {b} months"),
            (None, None, _) => String::new(),
        };
        writeln!(out, "{:<16}{}", s.id, s.name)?;
        writeln!(
            out,
            "{:<16}RSC {} {window}, from {}{}",
            "",
            format_duration(r.required_minutes),
            r.allowed_credentials.join(", "),
            if r.about_rsc_provided_minutes > 0 {
                format!(
                    "; {} about the RSC you provide",
                    format_duration(r.about_rsc_provided_minutes)
                )
            } else {
                String::new()
            }
        )?;
        if let Some(t) = &s.training {
            writeln!(
                out,
                "{:<16}training {}{}{}",
                "",
                format_duration(t.required_minutes),
                if t.dei_minutes > 0 {
                    format!(", {} on DEI", format_duration(t.dei_minutes))
                } else {
                    String::new()
                },
                if t.providing_rsc_minutes > 0 {
                    format!(
                        ", {} on providing RSC",
                        format_duration(t.providing_rsc_minutes)
                    )
                } else {
                    String::new()
                }
            )?;
        }
        writeln!(
            out,
            "{:<16}source: {} (effective {})",
            "", s.source, s.effective
        )?;
    }
    Ok(())
}
