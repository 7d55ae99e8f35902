//! The command line, tested by running the real `attune` binary: one test target (one link),
//! a module per part of the contract.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backup;
mod completions;
mod export;
mod hostile;
mod hours;
mod import;
mod journal;
mod recovery;
mod run;
mod share;
mod sync;
mod sync_kill;
mod sync_upkeep;
mod syncthing;
mod window;
