//! `attune identity`, `contact`, `share`, `receive`, `shared`, `comment`, `reply`, `attest`
//! and `verify`: sharing with a supervisor, without a server. Files are written whole or
//! not at all (a temporary file renamed into place); a refused import changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{read_capped, write_atomic, Readers};
use attune_core::hours::{format_duration, format_hmm, Period};
use attune_core::share::card::MAX_CARD_TEXT_BYTES;
use attune_core::share::deid::{self, Finding};
use attune_core::share::{
    Attestation, Comment, ContactCard, Received, Section, SessionItem, ShareEntry, ShareRequest,
    SharedItem, SharedReflection, SharedSession, Sharing, MAX_ATTESTATION_BYTES, MAX_BUNDLE_BYTES,
};
use attune_core::{Error, Role};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::common::{optional_date, to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune identity ...`
#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Print your contact card (pasteable text) and fingerprint, or write it to a file
    Show {
        /// Write the card to this file instead (e.g. robin.attune-card)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Set the name others see on your card (attestations match it to session providers)
    SetName {
        /// Your name, as the association knows you
        name: String,
    },
}

/// `attune contact ...`
#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add someone's contact card from a file, or - for standard input (pasted text)
    Add {
        /// The card file, or - to read it from standard input
        #[arg(value_name = "FILE|-")]
        file: String,
    },
    /// Mark a contact verified, after reading the fingerprint aloud with them
    Verify {
        /// Their name, or the first characters of their fingerprint
        #[arg(value_name = "NAME|FINGERPRINT")]
        contact: String,
    },
    /// List your contacts with their fingerprints
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
}

/// `attune share`
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The contact to share with: a name or the first characters of a fingerprint
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

/// `attune shared ...`
#[derive(Debug, Subcommand)]
pub enum SharedCommand {
    /// What others shared with you, by person, with comments
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Show one shared reflection (or session) with its comments
    Show {
        /// Its id, or at least its first 4 characters
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

/// `attune reply`
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// Whose reflections the comments are on: a name or a fingerprint prefix
    #[arg(long, value_name = "CONTACT")]
    to: String,
    /// The bundle file to write (*.attune-share)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Send every comment again, not only those not sent yet
    #[arg(long)]
    all: bool,
}

/// `attune attest`
#[derive(Debug, Args)]
pub struct AttestArgs {
    /// The practitioner: a name or a fingerprint prefix
    #[arg(long = "for", value_name = "CONTACT")]
    practitioner: String,
    /// Only sessions on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only sessions on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// The attestation file to write (*.attune-attest)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

fn role_str(r: Role) -> &'static str {
    match r {
        Role::Practitioner => "practitioner",
        Role::Supervisor => "supervisor",
    }
}

pub(crate) fn identity(dir: &Path, secrets: &mut Secrets, action: IdentityCommand) -> CliResult {
    match action {
        IdentityCommand::Show { out } => {
            let mut vault = unlock(dir, secrets)?;
            let card = vault.sharing_mut().my_card()?;
            vault.lock()?;
            let text = card.to_text();
            let fp = card.fingerprint();
            match out {
                Some(path) => {
                    write_atomic(&path, text.as_bytes(), "your contact card", Readers::Anyone)?;
                    eprintln!("Wrote your card to {}.", path.display());
                    eprintln!("Your fingerprint: {fp}");
                }
                None => {
                    let mut o = std::io::stdout().lock();
                    writeln!(o, "Your fingerprint: {fp}")?;
                    writeln!(
                        o,
                        "Read it aloud with the person you give this card to; they compare it with what they see.\n"
                    )?;
                    write!(o, "{text}")?;
                }
            }
            Ok(())
        }
        IdentityCommand::SetName { name } => {
            let mut vault = unlock(dir, secrets)?;
            vault.set_name(&name)?;
            let fp = vault.sharing_mut().my_fingerprint()?;
            vault.lock()?;
            eprintln!("Your card now carries this name; your fingerprint is unchanged: {fp}");
            Ok(())
        }
    }
}

/// A contact as `contact list --json` prints it.
#[derive(Debug, Serialize)]
struct ContactLine<'a> {
    name: &'a str,
    role: &'static str,
    fingerprint: String,
    verified: bool,
    added_at: chrono::DateTime<chrono::Utc>,
}

pub(crate) fn contact(dir: &Path, secrets: &mut Secrets, action: ContactCommand) -> CliResult {
    match action {
        ContactCommand::Add { file } => {
            let mut vault_opt = None;
            let bytes = if file == "-" {
                vault_opt = Some(unlock(dir, secrets)?);
                secrets.rest_of_stdin()?.into_bytes()
            } else {
                read_capped(Path::new(&file), MAX_CARD_TEXT_BYTES, "a contact card")?
            };
            let card = ContactCard::parse(&bytes)?;
            let mut vault = match vault_opt {
                Some(v) => v,
                None => unlock(dir, secrets)?,
            };
            let added = vault.sharing_mut().add_contact(card)?;
            vault.lock()?;
            let c = &added.contact;
            let fp = c.card.fingerprint();
            let mut o = std::io::stdout().lock();
            if added.new {
                writeln!(
                    o,
                    "Added {} ({}).\nFingerprint: {fp}\nRead it aloud with {} (in person or by phone); if it is the same, run:\n  attune contact verify \"{}\"",
                    c.card.name(),
                    role_str(c.card.role()),
                    c.card.name(),
                    c.card.name()
                )?;
            } else {
                writeln!(
                    o,
                    "{} was already a contact (same keys); name and role updated, {}.\nFingerprint: {fp}",
                    c.card.name(),
                    if c.verified { "still verified" } else { "not verified yet" }
                )?;
            }
            Ok(())
        }
        ContactCommand::Verify { contact } => {
            let mut vault = unlock(dir, secrets)?;
            let c = vault.sharing_mut().verify_contact(&contact)?;
            vault.lock()?;
            println!(
                "{} is verified: fingerprint {}. You can now share with them and receive from them.",
                c.card.name(),
                c.card.fingerprint()
            );
            Ok(())
        }
        ContactCommand::List { json } => {
            let vault = unlock(dir, secrets)?;
            let contacts = vault.sharing().contacts();
            let mut o = std::io::stdout().lock();
            if json {
                let lines: Vec<ContactLine<'_>> = contacts
                    .iter()
                    .map(|c| ContactLine {
                        name: c.card.name(),
                        role: role_str(c.card.role()),
                        fingerprint: c.card.fingerprint().to_string(),
                        verified: c.verified,
                        added_at: c.added_at,
                    })
                    .collect();
                writeln!(o, "{}", to_json(&lines)?)?;
            } else if contacts.is_empty() {
                eprintln!("No contacts yet: add a card with `attune contact add FILE`.");
            } else {
                for c in contacts {
                    writeln!(
                        o,
                        "{:<24}  {:<12}  {}  {}",
                        c.card.name(),
                        role_str(c.card.role()),
                        c.card.fingerprint(),
                        if c.verified {
                            "verified"
                        } else {
                            "NOT verified"
                        }
                    )?;
                }
            }
            vault.lock()?;
            Ok(())
        }
    }
}

fn session_line(s: &SessionItem) -> String {
    format!(
        "{}  {:>6}  {:<10}  {}{}{}",
        s.date,
        format_hmm(s.minutes),
        s.format.as_str(),
        s.provider,
        s.credential
            .as_deref()
            .map_or(String::new(), |c| format!(" ({c})")),
        if s.about_rsc_provided {
            "  [about the RSC you provide]"
        } else {
            ""
        }
    )
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
        to: args.to,
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
    let (bytes, out) = if args.dry_run {
        (
            Vec::new(),
            attune_core::share::preview(vault.sharing(), vault.journal(), vault.hours(), &req)?,
        )
    } else {
        vault.sharing_mut().create_share(&req)?
    };
    // A dry run is the check before sending: what could identify a family, flagged.
    let findings = if args.dry_run {
        Some(deid::share_findings(
            &out.items,
            &vault.settings().names_to_avoid,
        )?)
    } else {
        None
    };
    vault.lock()?;
    let path = match (&args.out, args.dry_run) {
        (Some(path), false) => {
            write_atomic(path, &bytes, "the share bundle", Readers::Owner)?;
            Some(path)
        }
        _ => None,
    };
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "For {} ({}), this {} your vault:",
        out.to,
        out.fingerprint,
        if path.is_some() {
            "leaves"
        } else {
            "would leave"
        }
    )?;
    for r in out.reflections() {
        let names: Vec<&str> = r.sections.iter().map(|s| s.as_str()).collect();
        writeln!(
            o,
            "  reflection {}  {}  {}  [{}]",
            &r.id[..8.min(r.id.len())],
            r.date,
            if r.title.is_empty() {
                "(untitled)"
            } else {
                r.title
            },
            names.join(", ")
        )?;
    }
    for item in &out.items {
        if let SharedItem::Sessions { from, to, sessions } = item {
            let total: u32 = sessions.iter().map(|s| s.minutes).sum();
            writeln!(
                o,
                "  {} session{} from {from} to {to}, {} in all, for confirmation:",
                sessions.len(),
                if sessions.len() == 1 { "" } else { "s" },
                format_duration(total)
            )?;
            for s in sessions {
                writeln!(o, "    {}", session_line(s))?;
            }
        }
    }
    if let Some(findings) = findings {
        write_findings(&mut o, &findings)?;
    }
    match path {
        Some(path) => writeln!(o, "Wrote {}: only {} can open it.", path.display(), out.to)?,
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

pub(crate) fn receive(dir: &Path, secrets: &mut Secrets, file: &Path) -> CliResult {
    let bytes = read_capped(
        file,
        MAX_BUNDLE_BYTES.max(MAX_ATTESTATION_BYTES),
        "a share bundle or an attestation",
    )?;
    let mut vault = unlock(dir, secrets)?;
    let got = vault.sharing_mut().receive(&bytes)?;
    vault.lock()?;
    let mut o = std::io::stdout().lock();
    match got {
        Received::Bundle {
            from,
            bundle_id,
            already_received: true,
            ..
        } => writeln!(
            o,
            "Already received: bundle {} from {from}. Nothing changed.",
            &bundle_id[..8]
        )?,
        Received::Bundle {
            from,
            reflections,
            sessions,
            comments,
            comments_skipped,
            ..
        } => {
            let mut parts = Vec::new();
            for (n, what) in [
                (reflections, "reflection"),
                (sessions, "session"),
                (comments, "comment"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
                }
            }
            writeln!(
                o,
                "Received from {from}: {}.",
                if parts.is_empty() {
                    "nothing new".to_owned()
                } else {
                    parts.join(", ")
                }
            )?;
            if comments_skipped > 0 {
                writeln!(
                    o,
                    "{comments_skipped} comment(s) were about reflections no longer in your journal and were not kept."
                )?;
            }
        }
        Received::Attestation {
            from,
            id,
            already_received: true,
            ..
        } => writeln!(
            o,
            "Already received: attestation {} from {from}. Nothing changed.",
            &id[..8]
        )?,
        Received::Attestation {
            from,
            sessions,
            matched,
            ..
        } => {
            writeln!(
                o,
                "Received an attestation from {from}: {sessions} session{} signed for; {matched} match your log and now show as attested.",
                if sessions == 1 { "" } else { "s" }
            )?;
            if matched < sessions {
                writeln!(
                    o,
                    "{} no longer match your log (changed or deleted since you sent them) and are not marked.",
                    sessions - matched
                )?;
            }
        }
    }
    Ok(())
}

/// A comment as the JSON outputs print it.
#[derive(Debug, Serialize)]
struct CommentLine<'a> {
    id: &'a str,
    author: &'a str,
    text: &'a str,
    written_at: chrono::DateTime<chrono::Utc>,
    sent: bool,
}

fn comment_lines<'a>(comments: &[&'a Comment]) -> Vec<CommentLine<'a>> {
    comments
        .iter()
        .map(|c| CommentLine {
            id: &c.id,
            author: &c.author_name,
            text: &c.text,
            written_at: c.written_at,
            sent: c.sent,
        })
        .collect()
}

/// A shared item as `shared list --json` prints it.
#[derive(Debug, Serialize)]
struct SharedLine<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    from: &'a str,
    from_fingerprint: String,
    date: NaiveDate,
    title: String,
    comments: Vec<CommentLine<'a>>,
}

fn reflection_line<'a>(sh: &'a Sharing, r: &'a SharedReflection) -> SharedLine<'a> {
    SharedLine {
        id: &r.id,
        kind: "reflection",
        from: &r.from_name,
        from_fingerprint: r.from.to_string(),
        date: r.reflection.date,
        title: r.reflection.title.clone(),
        comments: comment_lines(&sh.comments_on(r.from, &r.reflection.id)),
    }
}

fn session_item_line(s: &SharedSession) -> SharedLine<'_> {
    SharedLine {
        id: &s.id,
        kind: "session",
        from: &s.from_name,
        from_fingerprint: s.from.to_string(),
        date: s.session.date,
        title: format!(
            "{} {} session with {}",
            format_duration(s.session.minutes),
            s.session.format.as_str(),
            s.session.provider
        ),
        comments: Vec::new(),
    }
}

pub(crate) fn shared(dir: &Path, secrets: &mut Secrets, action: SharedCommand) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let sh = vault.sharing();
    let mut o = std::io::stdout().lock();
    match action {
        SharedCommand::List { json } => {
            let reflections = sh.shared_reflections();
            let sessions = sh.shared_sessions();
            if json {
                let mut lines: Vec<SharedLine<'_>> =
                    reflections.iter().map(|r| reflection_line(sh, r)).collect();
                lines.extend(sessions.iter().map(|s| session_item_line(s)));
                writeln!(o, "{}", to_json(&lines)?)?;
            } else if reflections.is_empty() && sessions.is_empty() {
                eprintln!("Nothing has been shared with you yet.");
            } else {
                let mut people: Vec<(&str, String)> = reflections
                    .iter()
                    .map(|r| (r.from_name.as_str(), r.from.to_string()))
                    .chain(
                        sessions
                            .iter()
                            .map(|s| (s.from_name.as_str(), s.from.to_string())),
                    )
                    .collect();
                people.sort();
                people.dedup();
                for (name, fp) in people {
                    writeln!(o, "{name} ({fp})")?;
                    for r in reflections.iter().filter(|r| r.from.to_string() == fp) {
                        let n = sh.comments_on(r.from, &r.reflection.id).len();
                        writeln!(
                            o,
                            "  {}  {}  {}{}",
                            &r.id[..8],
                            r.reflection.date,
                            if r.reflection.title.is_empty() {
                                "(untitled)"
                            } else {
                                &r.reflection.title
                            },
                            match n {
                                0 => String::new(),
                                1 => "  (1 comment)".to_owned(),
                                n => format!("  ({n} comments)"),
                            }
                        )?;
                    }
                    let theirs: Vec<&&SharedSession> = sessions
                        .iter()
                        .filter(|s| s.from.to_string() == fp)
                        .collect();
                    if !theirs.is_empty() {
                        writeln!(o, "  sessions sent for confirmation:")?;
                        for s in theirs {
                            writeln!(o, "    {}  {}", &s.id[..8], session_line(&s.session))?;
                        }
                    }
                }
            }
        }
        SharedCommand::Show { id, json } => match sh.resolve_shared(&id) {
            Ok(r) => {
                let comments = sh.comments_on(r.from, &r.reflection.id);
                if json {
                    #[derive(Serialize)]
                    struct Shown<'a> {
                        #[serde(flatten)]
                        line: SharedLine<'a>,
                        kind_of_reflection: &'static str,
                        family: &'a str,
                        sections: &'a std::collections::BTreeMap<Section, String>,
                    }
                    let shown = Shown {
                        line: reflection_line(sh, r),
                        kind_of_reflection: r.reflection.kind.as_str(),
                        family: &r.reflection.family,
                        sections: &r.reflection.sections,
                    };
                    writeln!(o, "{}", to_json(&shown)?)?;
                } else {
                    let x = &r.reflection;
                    writeln!(
                        o,
                        "{}",
                        if x.title.is_empty() {
                            "(untitled)"
                        } else {
                            &x.title
                        }
                    )?;
                    writeln!(o, "id:     {}", r.id)?;
                    writeln!(o, "from:   {} ({})", r.from_name, r.from)?;
                    writeln!(o, "date:   {}", x.date)?;
                    writeln!(o, "kind:   {}", x.kind.as_str())?;
                    if !x.family.is_empty() {
                        writeln!(o, "family: {}", x.family)?;
                    }
                    for (s, text) in &x.sections {
                        writeln!(o, "\n## {}\n{text}", s.heading())?;
                    }
                    write_comments(&mut o, &comments)?;
                }
            }
            Err(Error::NotFound { .. }) => {
                let s = sh
                    .resolve_shared_session(&id)
                    .map_err(|_| Error::NotFound {
                        kind: "shared item",
                        id: id.trim().to_owned(),
                    })?;
                if json {
                    #[derive(Serialize)]
                    struct Shown<'a> {
                        #[serde(flatten)]
                        line: SharedLine<'a>,
                        session: &'a SessionItem,
                    }
                    let shown = Shown {
                        line: session_item_line(s),
                        session: &s.session,
                    };
                    writeln!(o, "{}", to_json(&shown)?)?;
                } else {
                    writeln!(
                        o,
                        "Session sent for confirmation by {} ({})",
                        s.from_name, s.from
                    )?;
                    writeln!(o, "id:     {}", s.id)?;
                    writeln!(o, "{}", session_line(&s.session))?;
                }
            }
            Err(e) => return Err(e.into()),
        },
    }
    drop(o);
    vault.lock()?;
    Ok(())
}

/// Writes comments under a reflection (`entry show`, `shared show`).
pub(crate) fn write_comments(out: &mut impl Write, comments: &[&Comment]) -> CliResult {
    if comments.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Comments")?;
    for c in comments {
        writeln!(
            out,
            "{}, {}:\n{}\n",
            c.author_name,
            c.written_at.format("%Y-%m-%d"),
            c.text
        )?;
    }
    Ok(())
}

/// Comments for `entry show --json`.
pub(crate) fn comments_json(comments: &[&Comment]) -> CliResult<serde_json::Value> {
    serde_json::to_value(comment_lines(comments))
        .map_err(|e| CliError::Input(format!("JSON output: {e}")))
}

pub(crate) fn comment(dir: &Path, secrets: &mut Secrets, id: &str, text: &str) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let c = vault.sharing_mut().add_comment(id, text)?;
    let owner = vault
        .sharing()
        .contact(c.owner)
        .map_or_else(|| "them".to_owned(), |x| x.card.name().to_owned());
    vault.lock()?;
    println!("{}", c.id);
    eprintln!("Send it with: attune reply --to \"{owner}\" --out FILE");
    Ok(())
}

pub(crate) fn reply(dir: &Path, secrets: &mut Secrets, args: &ReplyArgs) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let (bytes, ids) = vault.sharing_mut().create_reply(&args.to, args.all)?;
    write_atomic(&args.out, &bytes, "the comments", Readers::Owner)?;
    // Marked sent only once the file is safely written.
    vault.sharing_mut().mark_comments_sent(&ids)?;
    vault.lock()?;
    println!(
        "Wrote {} with {} comment{}.",
        args.out.display(),
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

fn describe(o: &mut impl Write, a: &Attestation) -> CliResult {
    let t = &a.totals;
    writeln!(
        o,
        "signed by:      {} ({})",
        a.supervisor.name(),
        role_str(a.supervisor.role())
    )?;
    writeln!(o, "signer:         {}", a.supervisor.fingerprint())?;
    writeln!(o, "practitioner:   {}", a.practitioner)?;
    writeln!(o, "period:         {} to {}", a.period.from, a.period.to)?;
    writeln!(
        o,
        "sessions:       {}, {} in all ({})",
        t.sessions,
        format_hmm(t.minutes),
        format_duration(t.minutes)
    )?;
    writeln!(
        o,
        "                individual {}, group {}, about the RSC provided {}",
        format_hmm(t.individual_minutes),
        format_hmm(t.group_minutes),
        format_hmm(t.about_rsc_provided_minutes)
    )?;
    writeln!(
        o,
        "issued:         {}",
        a.issued_at.format("%Y-%m-%d %H:%M UTC")
    )?;
    writeln!(o, "attestation id: {}", a.id)?;
    Ok(())
}

pub(crate) fn attest(dir: &Path, secrets: &mut Secrets, args: &AttestArgs) -> CliResult {
    let period = Period {
        from: optional_date("--from", &args.from)?,
        to: optional_date("--to", &args.to)?,
    };
    if let (Some(f), Some(t)) = (period.from, period.to) {
        if t < f {
            return Err(Error::invalid("--to", format!("{t} is before --from {f}")).into());
        }
    }
    let mut vault = unlock(dir, secrets)?;
    let (bytes, a) = vault.sharing_mut().attest(&args.practitioner, period)?;
    vault.lock()?;
    write_atomic(&args.out, &bytes, "the attestation", Readers::Owner)?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "Attested {} session(s):", a.sessions.len())?;
    describe(&mut o, &a)?;
    writeln!(o, "Wrote {}.", args.out.display())?;
    Ok(())
}

pub(crate) fn verify(file: &Path) -> CliResult {
    let bytes = read_capped(file, MAX_ATTESTATION_BYTES, "an attestation")?;
    let a = Attestation::verify(&bytes)?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "Valid attestation: the signature matches its content.")?;
    describe(&mut o, &a)?;
    writeln!(
        o,
        "Check that the signer fingerprint is the supervisor's (ask them, or see their contact card)."
    )?;
    Ok(())
}
