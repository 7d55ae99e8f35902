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

/// Unlocks the vault in `dir` once the app that had it open has let it go: after the
/// WebDriver session ends, the app still locks the vault (and takes its backup on quit)
/// before it exits. Waits up to 60 s while the vault is in use; any other error is returned.
pub fn unlock_when_free(
    dir: &std::path::Path,
    passphrase: &str,
) -> attune_core::Result<attune_core::Vault> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match attune_core::Vault::unlock(dir, attune_core::Unlock::Passphrase(passphrase)) {
            Err(attune_core::Error::VaultInUse(_)) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// A new vault in `dir` with no name, made with the cheapest key derivation (the tests'
/// vaults hold nothing secret; the app unlocks them in milliseconds), open.
pub fn quick_vault(dir: &Path, passphrase: &str) -> attune_core::Vault {
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    attune_core::Vault::create(dir, passphrase, &options)
        .expect("a test vault")
        .0
}

/// A short note dated 2 March 2026 with this title (its self-reflection says "held"): what
/// stories write into a vault before the app starts.
pub fn note(title: &str) -> attune_core::ReflectionDraft {
    attune_core::ReflectionDraft {
        kind: attune_core::ReflectionKind::Note,
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("a real date"),
        title: title.into(),
        family: String::new(),
        tags: Vec::new(),
        parent_infant: String::new(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: "held".into(),
        for_supervision: String::new(),
    }
}
