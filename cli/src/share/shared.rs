//! `attune shared ...`: what others shared with me, by person, with comments.

use std::io::Write;
use std::path::Path;

use attune_core::hours::format_duration;
use attune_core::share::{
    Fingerprint, Section, SessionItem, SharedMark, SharedReflection, SharedSession, Sharing,
    SignedState,
};
use attune_core::views::{self, short_id, CommentView, SharedByPerson};
use attune_core::Error;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use serde::Serialize;

use super::comments::{comment_views, write_comments};
use super::session_line;
use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune shared ...`
#[derive(Debug, Subcommand)]
pub enum SharedCommand {
    /// What others shared with you, by person, with comments: reflections marked [new]
    /// until opened, sessions with whether you signed them
    List {
        /// Only what this person shared (their name, or the first 8+ characters of their
        /// fingerprint)
        #[arg(long, value_name = "NAME")]
        from: Option<String>,
        /// Only reflections not yet opened or marked seen
        #[arg(long)]
        new: bool,
        /// Only reflections with these words (each must start a word of the title, family
        /// or a section; case and accents ignored)
        #[arg(long, value_name = "WORDS")]
        search: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Mark a shared reflection seen (or new again), discussed, or archived
    Mark(MarkArgs),
    /// Show one shared reflection (or session) with its comments; a reflection shown is
    /// no longer new
    Show {
        /// Its id, or at least its first 4 characters
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

/// `attune shared mark`
#[derive(Debug, clap::Args)]
#[command(group(
    clap::ArgGroup::new("mark")
        .required(true)
        .args(["seen", "unseen", "discussed", "not_discussed", "archived", "unarchived"])
))]
pub struct MarkArgs {
    /// The shared reflection's id, or at least its first 4 characters
    id: String,
    /// Seen: no longer new
    #[arg(long)]
    seen: bool,
    /// New again, as if not yet opened
    #[arg(long = "new")]
    unseen: bool,
    /// Discussed (in supervision): no longer waiting for an answer
    #[arg(long)]
    discussed: bool,
    /// Not discussed after all
    #[arg(long)]
    not_discussed: bool,
    /// Put away as done
    #[arg(long)]
    archived: bool,
    /// Back from the archive
    #[arg(long)]
    unarchived: bool,
}

impl MarkArgs {
    fn mark(&self) -> SharedMark {
        if self.unseen {
            SharedMark::Unseen
        } else if self.discussed {
            SharedMark::Discussed
        } else if self.not_discussed {
            SharedMark::NotDiscussed
        } else if self.archived {
            SharedMark::Archived
        } else if self.unarchived {
            SharedMark::Unarchived
        } else {
            SharedMark::Seen
        }
    }
}

/// A shared item as `shared list --json` prints it (the command line's contract: `id, from,
/// date, title, comments`, in the order the items are kept).
#[derive(Debug, Serialize)]
struct SharedLine<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    from: &'a str,
    from_fingerprint: String,
    date: NaiveDate,
    title: String,
    comments: Vec<CommentView>,
    /// Reflections: when it arrived (first, while it comes again unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    received_at: Option<DateTime<Utc>>,
    /// Reflections: not yet opened or marked seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<bool>,
    /// Reflections: marked discussed.
    #[serde(skip_serializing_if = "Option::is_none")]
    discussed: Option<bool>,
    /// Reflections: archived.
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<bool>,
    /// Sessions: whether an attestation I issued covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    signed: Option<SignedState>,
}

fn reflection_line<'a>(sh: &'a Sharing, r: &'a SharedReflection) -> SharedLine<'a> {
    SharedLine {
        id: &r.id,
        kind: "reflection",
        from: &r.from_name,
        from_fingerprint: r.from.to_string(),
        date: r.reflection.date,
        title: r.reflection.title.clone(),
        comments: comment_views(&sh.comments_on(r.from, &r.reflection.id)),
        received_at: Some(r.received_at),
        new: Some(r.unread),
        discussed: Some(r.discussed),
        archived: Some(r.archived),
        signed: None,
    }
}

fn session_item_line<'a>(sh: &Sharing, s: &'a SharedSession) -> SharedLine<'a> {
    SharedLine {
        received_at: None,
        new: None,
        discussed: None,
        archived: None,
        signed: Some(sh.signed_state(s)),
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
    let mut vault = unlock(dir, secrets)?;
    let mut o = crate::terminal::stdout();
    match action {
        SharedCommand::List {
            from,
            new,
            search,
            json,
        } => {
            let sh = vault.sharing();
            let from = from
                .map(|who| sh.resolve_contact(&who).map(|c| c.card.fingerprint()))
                .transpose()?;
            let by = |fp: Fingerprint| from.is_none_or(|f| f == fp);
            let reflections: Vec<&SharedReflection> = match &search {
                Some(query) => sh.search_shared(query),
                None => sh.shared_reflections(),
            }
            .into_iter()
            .filter(|r| by(r.from) && (!new || r.unread))
            .collect();
            // Filtering by what is new or by words is about reflections: sessions go then.
            let filtered = new || search.is_some();
            if json {
                let mut lines: Vec<SharedLine<'_>> =
                    reflections.iter().map(|r| reflection_line(sh, r)).collect();
                if !filtered {
                    lines.extend(
                        sh.shared_sessions()
                            .into_iter()
                            .filter(|s| by(s.from))
                            .map(|s| session_item_line(sh, s)),
                    );
                }
                writeln!(o, "{}", to_json(&lines)?)?;
            } else {
                let mut people = views::shared_with_me(&vault);
                people.retain(|p| from.is_none_or(|f| p.fingerprint == f.to_string()));
                for p in &mut people {
                    p.reflections
                        .retain(|r| reflections.iter().any(|x| x.id == r.shared_id));
                    if filtered {
                        p.sessions.clear();
                    }
                }
                people.retain(|p| !filtered || !p.reflections.is_empty());
                write_people(&mut o, sh, &people)?;
            }
        }
        SharedCommand::Mark(args) => {
            let marked = vault.sharing_mut().mark_shared(&args.id, args.mark())?;
            writeln!(
                o,
                "{}  {}  {}",
                short_id(&marked.id),
                untitled(&marked.reflection.title),
                states(&marked).join(", ")
            )?;
        }
        SharedCommand::Show { id, json } => {
            let shown_reflection = show(&mut o, vault.sharing(), &id, json)?;
            if let Some(shared_id) = shown_reflection {
                vault
                    .sharing_mut()
                    .mark_shared(&shared_id, SharedMark::Seen)?;
            }
        }
    }
    o.flush()?;
    vault.lock()?;
    Ok(())
}

fn untitled(title: &str) -> &str {
    if title.is_empty() {
        "(untitled)"
    } else {
        title
    }
}

/// A shared reflection's state in words: new, discussed, archived (or seen).
fn states(r: &SharedReflection) -> Vec<&'static str> {
    let mut v = Vec::new();
    if r.unread {
        v.push("new");
    }
    if r.discussed {
        v.push("discussed");
    }
    if r.archived {
        v.push("archived");
    }
    if v.is_empty() {
        v.push("seen");
    }
    v
}

/// `shared list`: each person who shared with me (as the window groups them), their
/// reflections with how many comments, and the sessions they sent for confirmation.
fn write_people(o: &mut impl Write, sh: &Sharing, people: &[SharedByPerson]) -> CliResult {
    if people.is_empty() {
        writeln!(
            crate::terminal::stderr(),
            "Nothing has been shared with you yet."
        )?;
        return Ok(());
    }
    for p in people {
        writeln!(o, "{} ({})", p.name, p.fingerprint)?;
        if let Some(old) = &p.renamed_from {
            writeln!(
                o,
                "  name changed from {old}: not verified under this name; compare fingerprints again"
            )?;
        }
        for r in &p.reflections {
            let marks = sh
                .resolve_shared(&r.shared_id)
                .map(|x| {
                    states(x)
                        .into_iter()
                        .filter(|s| *s != "seen")
                        .map(|s| format!("  [{s}]"))
                        .collect::<String>()
                })
                .unwrap_or_default();
            writeln!(
                o,
                "  {}  {}  {}{}{marks}",
                short_id(&r.shared_id),
                r.reflection.date,
                untitled(&r.reflection.title),
                match r.comments.len() {
                    0 => String::new(),
                    1 => "  (1 comment)".to_owned(),
                    n => format!("  ({n} comments)"),
                }
            )?;
        }
        if !p.sessions.is_empty() {
            writeln!(o, "  sessions sent for confirmation:")?;
            for s in &p.sessions {
                let signed = sh
                    .resolve_shared_session(&s.shared_id)
                    .map(|x| match sh.signed_state(x) {
                        SignedState::Signed {
                            attestation_id,
                            signed_on,
                        } => format!(
                            "  [signed {signed_on}, attestation {}]",
                            short_id(&attestation_id)
                        ),
                        SignedState::Unsigned => String::new(),
                    })
                    .unwrap_or_default();
                writeln!(
                    o,
                    "    {}  {}{signed}",
                    short_id(&s.shared_id),
                    session_line(&s.session)
                )?;
            }
        }
    }
    Ok(())
}

/// `shared show ID`: one shared reflection, or one session sent for confirmation. Returns
/// the record id of the reflection shown (to mark it seen).
fn show(o: &mut impl Write, sh: &Sharing, id: &str, json: bool) -> CliResult<Option<String>> {
    match sh.resolve_shared(id) {
        Ok(r) => {
            let comments = comment_views(&sh.comments_on(r.from, &r.reflection.id));
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
                write_comments(o, &comments)?;
            }
            Ok(Some(r.id.clone()))
        }
        Err(Error::NotFound { .. }) => {
            let s = sh.resolve_shared_session(id).map_err(|_| Error::NotFound {
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
                    line: session_item_line(sh, s),
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
                if let SignedState::Signed {
                    attestation_id,
                    signed_on,
                } = sh.signed_state(s)
                {
                    writeln!(
                        o,
                        "signed: {signed_on}, attestation {}",
                        short_id(&attestation_id)
                    )?;
                }
            }
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}
