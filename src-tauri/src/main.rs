// No console window on Windows release builds; the CLI still attaches to its parent's.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = attune_app::cli::Cli::parse();
    match cli.command {
        None => match cli.vault_dir() {
            Ok(dir) => attune_app::gui::run(dir),
            Err(e) => attune_app::cli::report(&e),
        },
        Some(_) => attune_app::cli::run(cli),
    }
}
