//! The programs under test, as cargo built them for this profile. Another package's
//! binaries have no `CARGO_BIN_EXE_*` here, so they are found where cargo puts them:
//! this test runs as `target/<profile>/deps/<name>-<hash>`, they are in
//! `target/<profile>/`. `cargo test --workspace` builds both before any test runs (the
//! CLI and the desktop packages have integration tests, so their binaries are built).

use std::path::{Path, PathBuf};

/// The folder cargo puts this profile's binaries in.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("this test's own path");
    exe.parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("{} is not in target/<profile>/deps", exe.display()))
        .to_path_buf()
}

/// The binary `name` of this profile; fails (never skips) with how to build it.
fn binary(name: &str, package: &str) -> PathBuf {
    let dir = profile_dir();
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !path.is_file() {
        let release = dir.file_name().is_some_and(|n| n == "release");
        panic!(
            "{} is not built, so the end-to-end tests cannot run. Build it first: `cargo test \
             --workspace` builds it with everything else, or `cargo build{} -p {package}` \
             alone (`bash scripts/test.sh` does all of it)",
            path.display(),
            if release { " --release" } else { "" },
        );
    }
    path
}

/// The desktop app, `attune-desktop`.
pub fn desktop_app() -> PathBuf {
    binary("attune-desktop", "attune-desktop")
}

/// The command line, `attune`.
pub fn command_line() -> PathBuf {
    binary("attune", "attune-cli")
}
