// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = attune_desktop::gui::Args::parse();
    match args.vault_dir() {
        Ok(dir) => attune_desktop::gui::run(dir, args.file),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
