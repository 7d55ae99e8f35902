//! Running the real `attune` binary, shared by the command-line tests.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `attune` with `args`, `stdin` on its standard input, and `$ATTUNE_VAULT` set only
/// when `env_vault` is given.
pub fn attune(args: &[&str], stdin: &str, env_vault: Option<&Path>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    cmd.args(args)
        .env_remove("ATTUNE_VAULT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(v) = env_vault {
        cmd.env("ATTUNE_VAULT", v);
    }
    let mut child = cmd.spawn().unwrap();
    // The child may exit before reading (e.g. a usage error): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        // Lossy: `--out -` may print a PDF.
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Asserts that a run failed with exactly one `error:` line that mentions `needle`.
pub fn assert_one_error(args: &[&str], r: &Run, needle: &str) {
    assert_ne!(r.code, 0, "{args:?} should fail");
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("error: "),
        "{args:?}: want one error: line, got {:?}",
        r.stderr
    );
    assert!(
        lines[0].contains(needle),
        "{args:?}: {:?} does not mention {needle:?}",
        lines[0]
    );
}

/// Every file directly in `dir` with its bytes (empty if `dir` does not exist).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd {
            let p = e.unwrap().path();
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    out
}

/// Runs `attune` with `args` on the vault in `dir`, reading secrets from `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--vault", dir.to_str().unwrap(), "--passphrase-stdin"]);
    attune(&all, stdin, None)
}

/// Makes a vault in `dir` with the passphrase `pass`.
pub fn init_at(dir: &Path, pass: &str) {
    let r = attune(
        &[
            "init",
            "--vault",
            dir.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        &format!("{pass}\n"),
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}
