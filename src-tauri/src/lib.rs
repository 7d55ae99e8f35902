//! Attune's desktop app: the window over attune-core. The binary (`attune-desktop`) opens it;
//! this library holds the shell, so that the command tests can drive its commands through
//! Tauri's mock runtime. The command line is another crate (`attune-cli`), without Tauri.

pub mod gui;
