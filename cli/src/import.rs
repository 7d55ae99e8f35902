//! `attune import PATH --from jrnl|markdown|json [--dry-run]`: entries of other journals as
//! reflections, all or none; what was imported before is skipped. A backup is taken first.

use std::io::Write;
use std::path::Path;

use attune_core::backup::BackupReason;
use attune_core::files::read_capped;
use attune_core::import::{self, Incoming, Source};
use attune_core::journal::today;
use attune_core::vault::backups_dir;
use attune_core::Error;

use crate::common::unlock;
use crate::error::CliResult;
use crate::secrets::Secrets;

/// The largest file read for an import: some hundred thousand entries.
const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// Reads and checks everything to import, before the vault is opened.
fn incoming(path: &Path, source: Source) -> CliResult<Incoming> {
    let today = today();
    Ok(match source {
        Source::Jrnl => import::jrnl(
            &read_capped(path, MAX_IMPORT_BYTES, "the jrnl export")?,
            today,
        )?,
        Source::AttuneJson => import::attune_json(
            &read_capped(path, MAX_IMPORT_BYTES, "the journal export")?,
            today,
        )?,
        Source::Markdown => {
            let mut files = Vec::new();
            let paths: Vec<std::path::PathBuf> = if path.is_dir() {
                let mut p: Vec<_> = std::fs::read_dir(path)?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
                    .collect();
                p.sort();
                p
            } else {
                vec![path.to_path_buf()]
            };
            for p in paths {
                let bytes = read_capped(&p, MAX_IMPORT_BYTES, "a Markdown file")?;
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::invalid(name.clone(), "is not UTF-8 text"))?;
                files.push((name, text));
            }
            if files.is_empty() {
                return Err(Error::invalid(
                    "PATH",
                    format!("{} holds no .md file", path.display()),
                )
                .into());
            }
            import::markdown(&files, today)?
        }
    })
}

pub(crate) fn run(
    dir: &Path,
    secrets: &mut Secrets,
    path: &Path,
    from: &str,
    dry_run: bool,
) -> CliResult {
    let source = Source::parse(from)?;
    let incoming = incoming(path, source)?;
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
