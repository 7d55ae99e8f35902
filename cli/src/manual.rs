//! `attune manpage`: the manual pages, as clap_mangen writes them from the commands' own
//! definitions (so they never say other than `--help`). attune(1) to standard output; with
//! `--dir`, attune(1) and one page for every command (attune-hours(1),
//! attune-hours-add(1) and so on, the names attune(1) refers to) written into a folder, for
//! the packages.

use std::io::Write;
use std::path::Path;

use attune_core::files::{write_atomic, Readers};
use clap::CommandFactory;

use crate::error::{CliError, CliResult};
use crate::{terminal, Cli};

/// The commands as the pages describe them: without clap's `help` command (each page says
/// what `help` would), hidden commands left out by clap_mangen.
fn commands() -> clap::Command {
    let mut top = Cli::command().disable_help_subcommand(true);
    // Names every command as `man` looks it up (attune-hours-add), and fills in what clap
    // derives (version, help flags).
    top.build();
    top
}

/// One page: its file name (attune-hours-add.1) and its roff.
fn page(cmd: clap::Command) -> CliResult<(String, Vec<u8>)> {
    let man = clap_mangen::Man::new(cmd);
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    Ok((man.get_filename(), roff))
}

/// attune(1) and every command's page, by file name.
fn pages() -> CliResult<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut todo = vec![commands()];
    while let Some(cmd) = todo.pop() {
        todo.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        out.push(page(cmd)?);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// `attune manpage [--dir DIR]`.
pub(crate) fn manpage(dir: Option<&Path>) -> CliResult {
    let Some(dir) = dir else {
        let (_, roff) = page(commands())?;
        let mut out = terminal::script_stdout().lock();
        out.write_all(&roff)?;
        return Ok(out.flush()?);
    };
    let pages = pages()?;
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::Input(format!("could not make the folder {}: {e}", dir.display()))
    })?;
    for (name, roff) in &pages {
        // Whole or not at all, as every file Attune writes.
        write_atomic(&dir.join(name), roff, "a manual page", Readers::Anyone)?;
    }
    let mut out = terminal::stdout();
    writeln!(
        out,
        "Wrote {} manual pages to {}",
        pages.len(),
        dir.display()
    )?;
    Ok(())
}
