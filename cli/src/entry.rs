//! `attune entry ...` and `attune search`: reflections on the command line.

use std::io::Write;
use std::path::Path;

use attune_core::files::read_capped;
use attune_core::journal::{today, QueryWords, MAX_DRAFT_JSON_BYTES};
use attune_core::views::{short_id, ReflectionSummary};
use attune_core::{Error, Reflection, ReflectionDraft, ReflectionFilter, ReflectionKind};
use clap::{Args, Subcommand};

use crate::common::{optional_date, to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;
use crate::share::{comment_views, comments_json, write_comments};

/// `attune entry ...`
#[derive(Debug, Subcommand)]
pub enum EntryCommand {
    /// Add a reflection from JSON (a file, or - for standard input); prints its id
    Add {
        /// The reflection as JSON: {"kind":"home_visit","date":"YYYY-MM-DD","title":...}
        #[arg(long, value_name = "FILE|-")]
        json: String,
    },
    /// List reflections, newest first
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Show one reflection (the id, or at least its first 4 characters)
    Show {
        /// The reflection's id or a unique prefix of it
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Replace a reflection's content with JSON (a file, or - for standard input): the
    /// fields `entry add` takes; what `entry show --json` prints may be given back as is
    /// (its `version` then keeps another device's version synced in meanwhile as a revision)
    Edit {
        /// The reflection's id or a unique prefix of it
        id: String,
        /// The new content as JSON: {"kind":"home_visit","date":"YYYY-MM-DD","title":...}
        #[arg(long, value_name = "FILE|-")]
        json: String,
    },
    /// Delete one reflection for good (its key is destroyed)
    Delete {
        /// The reflection's id or a unique prefix of it
        id: String,
    },
}

/// Filters shared by `entry list` and `search`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only this kind: home_visit, supervision or note
    #[arg(long)]
    kind: Option<String>,
    /// Only reflections with this tag
    #[arg(long)]
    tag: Option<String>,
    /// Only this family pseudonym
    #[arg(long)]
    family: Option<String>,
    /// Only on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
}

impl FilterArgs {
    fn to_filter(&self) -> CliResult<ReflectionFilter> {
        Ok(ReflectionFilter {
            kind: self
                .kind
                .as_deref()
                .map(ReflectionKind::parse)
                .transpose()?,
            tag: self.tag.clone(),
            family: self.family.clone(),
            from: optional_date("--from", &self.from)?,
            to: optional_date("--to", &self.to)?,
        })
    }
}

/// `attune search QUERY`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find
    query: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Print a JSON array of the matching reflections, best first
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(dir: &Path, secrets: &mut Secrets, action: EntryCommand) -> CliResult {
    match action {
        EntryCommand::Add { json } => {
            // Read and validate the input before the vault is touched: bad input writes nothing.
            let mut vault_opt = None;
            let text = if json == "-" {
                // The passphrase (if on stdin) comes first, then the JSON.
                vault_opt = Some(unlock(dir, secrets)?);
                secrets.rest_of_stdin()?
            } else {
                let bytes = read_capped(Path::new(&json), MAX_DRAFT_JSON_BYTES, "a reflection")?;
                String::from_utf8(bytes)
                    .map_err(|_| CliError::Input(format!("{json}: is not UTF-8 text")))?
            };
            let draft = ReflectionDraft::from_json(&text, today())?;
            let mut vault = match vault_opt {
                Some(v) => v,
                None => unlock(dir, secrets)?,
            };
            let saved = vault.journal_mut().add(draft)?;
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved.id)?;
            Ok(())
        }
        EntryCommand::List { filter, json } => {
            let filter = filter.to_filter()?;
            let vault = unlock(dir, secrets)?;
            let list = vault.journal().list(&filter);
            print_list(&list, json)?;
            drop(list);
            vault.lock()?;
            Ok(())
        }
        EntryCommand::Show { id, json } => {
            let vault = unlock(dir, secrets)?;
            let r = vault.journal().resolve(&id)?;
            let comments = comment_views(&vault.sharing().comments_on_mine(&r.id));
            let mut out = crate::terminal::stdout();
            if json {
                // The reflection's fields, plus the comments others sent back on it.
                let mut v = serde_json::to_value(r)
                    .map_err(|e| CliError::Input(format!("JSON output: {e}")))?;
                let revisions = serde_json::to_value(vault.revisions(&r.id)?)
                    .map_err(|e| CliError::Input(format!("JSON output: {e}")))?;
                let version = vault.reflection_version(&r.id)?;
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("comments".into(), comments_json(&comments)?);
                    obj.insert("revisions".into(), revisions);
                    if let Some(version) = version {
                        obj.insert("version".into(), version.into());
                    }
                }
                writeln!(out, "{}", to_json(&v)?)?;
            } else {
                write_reflection(&mut out, r)?;
                write_comments(&mut out, &comments)?;
                for rev in vault.revisions(&r.id)? {
                    writeln!(
                        out,
                        "\nAlso edited on {} at {} UTC (kept as a revision): {}",
                        rev.device,
                        rev.at.format("%Y-%m-%d %H:%M"),
                        if rev.reflection.content.title.is_empty() {
                            "(untitled)"
                        } else {
                            &rev.reflection.content.title
                        }
                    )?;
                    writeln!(
                        out,
                        "  keep either: attune sync keep {} --current | --other",
                        rev.id
                    )?;
                }
            }
            vault.lock()?;
            Ok(())
        }
        EntryCommand::Edit { id, json } => edit(dir, secrets, &id, &json),
        EntryCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.journal().resolve(&id)?.id.clone();
            vault.delete_reflection(&id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted reflection {id}.")?;
            Ok(())
        }
    }
}

/// `attune entry edit ID --json FILE|-`: the new content, validated as `entry add`
/// validates, replaces the old; bad input writes nothing.
fn edit(dir: &Path, secrets: &mut Secrets, id: &str, json: &str) -> CliResult {
    let (mut vault, text) = if json == "-" {
        // The passphrase (if on stdin) comes first, then the JSON.
        let vault = unlock(dir, secrets)?;
        let text = secrets.rest_of_stdin()?;
        (vault, text)
    } else {
        let bytes = read_capped(Path::new(json), MAX_DRAFT_JSON_BYTES, "a reflection")?;
        let text = String::from_utf8(bytes)
            .map_err(|_| CliError::Input(format!("{json}: is not UTF-8 text")))?;
        (unlock(dir, secrets)?, text)
    };
    let id = vault.journal().resolve(id)?.id.clone();
    let (draft, version) = edited_draft(&text, &id)?;
    let saved = vault
        .journal_mut()
        .update_from(&id, draft, version.as_deref());
    vault.lock()?;
    writeln!(crate::terminal::stdout(), "{}", saved?.id)?;
    Ok(())
}

/// The fields `entry show --json` prints besides the content, accepted (and left as they
/// are) so that its output can be edited and given back.
const SHOWN_ONLY: [&str; 4] = ["created_at", "updated_at", "comments", "revisions"];

/// The reflection JSON of an edit: `entry add`'s fields, plus what `entry show --json`
/// prints besides them (`id`, which must be this reflection's, [`SHOWN_ONLY`], and
/// `version`, the version it was shown at, returned to name what the edit started from).
fn edited_draft(text: &str, id: &str) -> CliResult<(ReflectionDraft, Option<String>)> {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        // Not JSON: the draft parser names the line and column.
        return Ok((ReflectionDraft::from_json(text, today())?, None));
    };
    let mut version = None;
    if let Some(obj) = value.as_object_mut() {
        match obj.remove("version") {
            None => {}
            Some(serde_json::Value::String(v)) => version = Some(v),
            Some(_) => {
                return Err(Error::invalid(
                    "version",
                    "is not a version `entry show --json` gave; leave it out",
                )
                .into())
            }
        }
        if let Some(given) = obj.remove("id") {
            if given.as_str() != Some(id) {
                return Err(Error::invalid(
                    "id",
                    format!("is not the id of the reflection edited ({id}); leave it out"),
                )
                .into());
            }
        }
        for field in SHOWN_ONLY {
            obj.remove(field);
        }
    }
    let text = serde_json::to_string(&value)
        .map_err(|e| CliError::Input(format!("reflection JSON: {e}")))?;
    Ok((ReflectionDraft::from_json(&text, today())?, version))
}

pub(crate) fn search(dir: &Path, secrets: &mut Secrets, args: &SearchArgs) -> CliResult {
    let filter = args.filter.to_filter()?;
    let vault = unlock(dir, secrets)?;
    let hits: Vec<&Reflection> = vault
        .journal()
        .search(&args.query, &filter)
        .into_iter()
        .map(|h| h.reflection)
        .collect();
    print_list(&hits, args.json)?;
    drop(hits);
    vault.lock()?;
    Ok(())
}

fn print_list(list: &[&Reflection], json: bool) -> CliResult {
    let mut out = crate::terminal::stdout();
    if json {
        writeln!(out, "{}", to_json(list)?)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(crate::terminal::stderr(), "No reflections.")?;
        return Ok(());
    }
    // The window's list items, without the excerpt the command line does not print.
    let plain = QueryWords::default();
    for r in list {
        let item = ReflectionSummary::of(r, &plain, 0);
        let title = item.title_text();
        writeln!(
            out,
            "{}  {}  {:<11}  {:<14}  {}",
            short_id(&item.id),
            item.date,
            item.kind.as_str(),
            if item.family.is_empty() {
                "-"
            } else {
                &item.family
            },
            if title.is_empty() {
                "(untitled)"
            } else {
                &title
            }
        )?;
    }
    Ok(())
}

fn write_reflection(out: &mut impl Write, r: &Reflection) -> CliResult {
    let c = &r.content;
    writeln!(
        out,
        "{}",
        if c.title.is_empty() {
            "(untitled)"
        } else {
            &c.title
        }
    )?;
    writeln!(out, "id:     {}", r.id)?;
    writeln!(out, "date:   {}", c.date)?;
    writeln!(out, "kind:   {}", c.kind.as_str())?;
    if !c.family.is_empty() {
        writeln!(out, "family: {}", c.family)?;
    }
    if !c.tags.is_empty() {
        writeln!(out, "tags:   {}", c.tags.join(", "))?;
    }
    for (heading, text) in [
        ("Parent and infant", &c.parent_infant),
        ("Practitioner and parent", &c.practitioner_parent),
        ("Supervisor and practitioner", &c.supervisor_practitioner),
        ("Self", &c.self_),
        ("To bring to supervision", &c.for_supervision),
    ] {
        if !text.is_empty() {
            writeln!(out, "\n## {heading}\n{text}")?;
        }
    }
    Ok(())
}
