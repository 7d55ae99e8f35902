//! `attune export --format markdown|json --out DIR|FILE`: the whole journal as the person's
//! own files, one Markdown file per reflection or one JSON file. Plaintext by nature: it
//! says so, and writes nothing anywhere but where it is told.

use std::io::Write;
use std::path::Path;

use attune_core::export::{write_export, Form};
use attune_core::{Error, ReflectionFilter};
use clap::ValueEnum;

use crate::common::unlock;
use crate::error::CliResult;
use crate::secrets::Secrets;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One Markdown file per reflection, with front matter, into a folder
    Markdown,
    /// One JSON file
    Json,
}

pub(crate) fn export(
    dir: &Path,
    secrets: &mut Secrets,
    format: ExportFormat,
    out: &Path,
) -> CliResult {
    // Checked before the vault is opened: nothing is written where it would mix with other files.
    if format == ExportFormat::Markdown && out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| Error::invalid("--out", format!("{} cannot be read: {e}", out.display())))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::invalid(
                "--out",
                format!(
                    "{} is not empty; choose a new or empty folder",
                    out.display()
                ),
            )
            .into());
        }
    }
    let vault = unlock(dir, secrets)?;
    let form = match format {
        ExportFormat::Markdown => Form::Markdown,
        ExportFormat::Json => Form::Json,
    };
    let written = write_export(
        out,
        form,
        vault.journal().list(&ReflectionFilter::default()),
    );
    vault.lock()?;
    let count = written?;
    let mut err = crate::terminal::stderr();
    writeln!(
        err,
        "Exported {count} reflection{} to {}. The export is not encrypted: keep it somewhere safe, and delete it when you no longer need it.",
        if count == 1 { "" } else { "s" },
        out.display()
    )?;
    Ok(())
}
