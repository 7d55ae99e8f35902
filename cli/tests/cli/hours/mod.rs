//! `attune hours`, `training`, `provider` and `rules`, tested by running the real binary:
//! a vault to run them on (here), and one module per part of the contract.

mod application;
mod concerns;
mod input;
mod never_false_met;
mod portfolio;
mod provided;
mod providers;
mod renewal;
mod summary;
mod training;

use std::path::PathBuf;

use crate::run::{assert_one_error, attune, snapshot, Run};

const PASS: &str = "a calm evening passphrase";

/// A vault in a temp dir, and the arguments every command needs to reach it.
struct Vault {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Vault {
    fn new() -> Vault {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let v = Vault { _tmp: tmp, dir };
        let r = attune(
            &[
                "init",
                "--name",
                "Ana María",
                "--vault",
                v.d(),
                "--passphrase-stdin",
            ],
            &format!("{PASS}\n"),
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        v
    }

    fn d(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    fn tmp(&self, name: &str) -> PathBuf {
        self._tmp.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--vault", self.d(), "--passphrase-stdin"]);
        attune(&all, &format!("{PASS}\n"), None)
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    fn ok_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// Runs a command that must fail with one `error:` line naming `needle`, and change
    /// nothing in the vault.
    fn fails(&self, args: &[&str], needle: &str) {
        let before = snapshot(&self.dir);
        assert_one_error(args, &self.run(args), needle);
        assert_eq!(
            before,
            snapshot(&self.dir),
            "{args:?}: a failed command changed the vault"
        );
    }

    fn sessions(&self) -> Vec<serde_json::Value> {
        self.ok_json(&["hours", "list", "--json"])
            .as_array()
            .unwrap()
            .clone()
    }
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}
