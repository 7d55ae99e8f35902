//! The Attune binary's library: the command-line interface and the desktop shell.
//! Both are thin: the domain lives in `attune-core`.

pub mod cli;
pub mod gui;
