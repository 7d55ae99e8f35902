//! `attune` with no command opens the window: it starts `attune-desktop` from beside itself
//! (else from PATH) on the same vault, and says so clearly when there is none. The desktop
//! app here is a stand-in that prints its arguments (`echo`), so no display is needed.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::run::{assert_one_error, Run};

/// A folder holding `attune` (a hard link to the built binary, so that it finds what is
/// beside the link and not what is beside the real file), and an empty folder for PATH.
struct Install {
    _tmp: tempfile::TempDir,
    bin: PathBuf,
    empty: PathBuf,
}

impl Install {
    fn new() -> Install {
        // In cargo's temporary folder for tests: the same file system as the binary, so it
        // can be linked rather than copied.
        let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let bin = tmp.path().join("bin");
        let empty = tmp.path().join("empty");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(&empty).unwrap();
        let attune = bin.join("attune");
        if std::fs::hard_link(env!("CARGO_BIN_EXE_attune"), &attune).is_err() {
            std::fs::copy(env!("CARGO_BIN_EXE_attune"), &attune).unwrap();
        }
        Install {
            _tmp: tmp,
            bin,
            empty,
        }
    }

    /// Puts the stand-in desktop app (a link to `echo`) in `dir`.
    fn desktop_in(&self, dir: &Path) {
        let echo = ["/bin/echo", "/usr/bin/echo"]
            .into_iter()
            .map(Path::new)
            .find(|p| p.is_file())
            .expect("echo is installed");
        std::os::unix::fs::symlink(echo, dir.join("attune-desktop")).unwrap();
    }

    /// Runs the linked `attune` with `args`, PATH set to `path` and the data folder (where
    /// the default vault is) under `data`.
    fn run(&self, args: &[&str], path: &Path, data: &Path, env_vault: Option<&Path>) -> Run {
        let mut cmd = Command::new(self.bin.join("attune"));
        cmd.args(args)
            .env_remove("ATTUNE_VAULT")
            .env("PATH", path)
            .env("XDG_DATA_HOME", data)
            .stdin(Stdio::null());
        if let Some(v) = env_vault {
            cmd.env("ATTUNE_VAULT", v);
        }
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

#[test]
fn without_a_command_the_desktop_app_beside_it_opens_on_the_same_vault() {
    let install = Install::new();
    install.desktop_in(&install.bin);
    let data = install.empty.join("data");

    let r = install.run(&["--vault", "/some/vault"], &install.empty, &data, None);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.stdout, "--vault /some/vault\n");

    // The vault from the environment, and the default one: the same rule as any command.
    let r = install.run(&[], &install.empty, &data, Some(Path::new("/from/env")));
    assert_eq!(r.stdout, "--vault /from/env\n", "{}", r.stderr);
    let r = install.run(&[], &install.empty, &data, None);
    assert_eq!(
        r.stdout,
        format!("--vault {}\n", data.join("attune").display()),
        "{}",
        r.stderr
    );
    // Global options that concern commands only change nothing.
    let r = install.run(
        &["--passphrase-stdin", "--vault", "/v"],
        &install.empty,
        &data,
        None,
    );
    assert_eq!(r.stdout, "--vault /v\n", "{}", r.stderr);
}

#[test]
fn without_a_command_the_desktop_app_is_found_on_path_too() {
    let install = Install::new();
    let elsewhere = install.empty.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    install.desktop_in(&elsewhere);
    let path = std::env::join_paths([install.empty.as_path(), elsewhere.as_path()]).unwrap();
    let r = install.run(&["--vault", "/v"], Path::new(&path), &install.empty, None);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "--vault /v\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn without_a_command_and_without_the_desktop_app_one_error_line() {
    let install = Install::new();
    let args = ["--vault", "/v"];
    let r = install.run(&args, &install.empty, &install.empty, None);
    assert_one_error(
        &args,
        &r,
        "the desktop app (attune-desktop) is not installed",
    );
    assert!(
        r.stderr.contains(&install.bin.display().to_string()) && r.stderr.contains("PATH"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    // Commands still work.
    let r = install.run(&["--version"], &install.empty, &install.empty, None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("attune "), "{}", r.stdout);
}
