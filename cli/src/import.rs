//! `attune import PATH --from jrnl|markdown|json [--dry-run]`: entries of other journals as
//! reflections, all or none; what was imported before is skipped. A backup is taken first.

use std::io::Write;
use std::path::Path;

use attune_core::backup::BackupReason;
use attune_core::import::{self, Source};
use attune_core::journal::today;
use attune_core::vault::backups_dir;
use attune_core::{Error, ReflectionKind};

use crate::common::unlock;
use crate::error::CliResult;
use crate::secrets::Secrets;

pub(crate) fn run(
    dir: &Path,
    secrets: &mut Secrets,
    path: &Path,
    from: &str,
    dry_run: bool,
    kind: &str,
) -> CliResult {
    let source = Source::parse(from)?;
    let kind = ReflectionKind::parse(kind)?;
    let incoming = import::read_path(path, source, today()).map_err(|e| match e {
        Error::InvalidInput {
            field,
            message,
            place,
        } if field == "path" => Error::InvalidInput {
            field: "PATH".into(),
            message,
            place,
        },
        e => e,
    })?;
    let mut incoming = incoming;
    for item in incoming.items.iter_mut().filter(|i| i.attune_id.is_none()) {
        item.draft.kind = kind;
    }
    let mut vault = unlock(dir, secrets)?;
    let preview = vault.journal_mut().import(incoming.items.clone(), true);
    let outcome = match preview {
        Ok(p) if !dry_run && !p.added.is_empty() => {
            // A backup first: an import is undone by restoring it.
            let backed_up = vault.back_up(&backups_dir(dir), BackupReason::BeforeImport);
            match backed_up {
                Ok(_) => vault.journal_mut().import(incoming.items, false),
                Err(e) => Err(e),
            }
        }
        other => other,
    };
    vault.lock()?;
    let outcome = outcome?;
    let mut out = crate::terminal::stdout();
    let n = outcome.added.len();
    let days = outcome.added.iter().map(|r| r.content.date);
    let range = match (days.clone().min(), days.max()) {
        (Some(a), Some(b)) if a == b => format!(" (on {a})"),
        (Some(a), Some(b)) => format!(" (from {a} to {b})"),
        _ => String::new(),
    };
    writeln!(
        out,
        "{} {n} reflection{}{range}; {} already imported, skipped.",
        if dry_run { "Would import" } else { "Imported" },
        if n == 1 { "" } else { "s" },
        outcome.skipped
    )?;
    let first: Vec<&str> = outcome
        .added
        .iter()
        .take(5)
        .map(|r| r.content.title.as_str())
        .collect();
    if !first.is_empty() {
        writeln!(out, "First: {}", first.join("; "))?;
    }
    if !incoming.dropped.is_empty() {
        writeln!(out, "Not kept: {}.", incoming.dropped.join("; "))?;
    }
    if dry_run {
        writeln!(out, "Nothing was changed (--dry-run).")?;
    }
    Ok(())
}
