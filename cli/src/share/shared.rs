//! `attune shared ...`: what others shared with me, by person, with comments.

use std::io::Write;
use std::path::Path;

use attune_core::hours::format_duration;
use attune_core::share::{Section, SessionItem, SharedReflection, SharedSession, Sharing};
use attune_core::views::{self, short_id, CommentView, SharedByPerson};
use attune_core::Error;
use chrono::NaiveDate;
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
    let mut o = crate::terminal::stdout();
    match action {
        SharedCommand::List { json: true } => {
            let sh = vault.sharing();
            let mut lines: Vec<SharedLine<'_>> = sh
                .shared_reflections()
                .into_iter()
                .map(|r| reflection_line(sh, r))
                .collect();
            lines.extend(sh.shared_sessions().into_iter().map(session_item_line));
            writeln!(o, "{}", to_json(&lines)?)?;
        }
        SharedCommand::List { json: false } => {
            write_people(&mut o, &views::shared_with_me(&vault))?;
        }
        SharedCommand::Show { id, json } => show(&mut o, vault.sharing(), &id, json)?,
    }
    vault.lock()?;
    Ok(())
}

/// `shared list`: each person who shared with me (as the window groups them), their
/// reflections with how many comments, and the sessions they sent for confirmation.
fn write_people(o: &mut impl Write, people: &[SharedByPerson]) -> CliResult {
    if people.is_empty() {
        writeln!(
            crate::terminal::stderr(),
            "Nothing has been shared with you yet."
        )?;
        return Ok(());
    }
    for p in people {
        writeln!(o, "{} ({})", p.name, p.fingerprint)?;
        for r in &p.reflections {
            writeln!(
                o,
                "  {}  {}  {}{}",
                short_id(&r.shared_id),
                r.reflection.date,
                if r.reflection.title.is_empty() {
                    "(untitled)"
                } else {
                    &r.reflection.title
                },
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
                writeln!(
                    o,
                    "    {}  {}",
                    short_id(&s.shared_id),
                    session_line(&s.session)
                )?;
            }
        }
    }
    Ok(())
}

/// `shared show ID`: one shared reflection, or one session sent for confirmation.
fn show(o: &mut impl Write, sh: &Sharing, id: &str, json: bool) -> CliResult {
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
    }
    Ok(())
}
