//! A child process imports a jrnl file and is killed with SIGKILL at random moments, 200
//! times. After every kill the vault opens with nothing damaged and holds either none of
//! the file's entries or all of them: an import is never partial.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::time::Duration;

use attune_core::import;
use attune_core::{Unlock, Vault};
use common::crash::{seed, Rng};
use common::{fast, PASS};

const CHILD_ENV: &str = "ATTUNE_IMPORT_CRASH_CHILD";
const KILLS: usize = 200;
const PER_FILE: usize = 20;

/// The child: imports the jrnl file named in the variable into the vault beside it, says so.
#[test]
fn import_crash_child() {
    let Ok(job) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (dir, file) = job.split_once('\n').unwrap();
    let mut vault = Vault::unlock(std::path::Path::new(dir), Unlock::Passphrase(PASS)).unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    let today = attune_core::journal::today();
    let incoming = import::jrnl(&std::fs::read(file).unwrap(), today).unwrap();
    vault.journal_mut().import(incoming.items, false).unwrap();
    writeln!(out, "imported").unwrap();
    out.flush().unwrap();
    vault.lock().unwrap();
}

fn jrnl_file(round: usize) -> String {
    let entries: Vec<String> = (0..PER_FILE)
        .map(|i| {
            format!(
                r#"{{"title": "Round {round} entry {i}.", "body": "{}", "date": "2024-05-01", "time": "09:00", "tags": ["@r{round}"], "starred": false, "uuid": "r{round}-{i}"}}"#,
                "text ".repeat(200)
            )
        })
        .collect();
    format!(r#"{{"tags": {{}}, "entries": [{}]}}"#, entries.join(","))
}

#[test]
fn killed_while_importing_an_import_is_all_or_nothing() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = dir.path().join("vault");
    let (v, _) = Vault::create(&vault_dir, PASS, &fast()).unwrap();
    v.lock().unwrap();
    let mut count = 0usize;
    let (mut whole, mut none) = (0, 0);
    for round in 0..KILLS {
        let file = dir.path().join(format!("jrnl-{round}.json"));
        std::fs::write(&file, jrnl_file(round)).unwrap();
        let job = format!("{}\n{}", vault_dir.display(), file.display());
        common::crash::run_and_kill(
            "import_crash_child",
            CHILD_ENV,
            &job,
            Duration::from_millis(30),
            &mut rng,
        );
        let v = Vault::unlock(&vault_dir, Unlock::Passphrase(PASS)).unwrap_or_else(|e| {
            panic!("round {round} (seed {seed}): the vault does not open: {e}")
        });
        assert!(
            v.damaged().is_empty(),
            "round {round} (seed {seed}): {:?}",
            v.damaged()
        );
        let now = v.journal().len();
        if now == count + PER_FILE {
            whole += 1;
            // And the import log knows them: the same file again adds nothing.
            assert!(v.journal().was_imported(&format!("jrnl:r{round}-0")));
        } else {
            assert_eq!(now, count, "round {round} (seed {seed}): a partial import");
            assert!(!v.journal().was_imported(&format!("jrnl:r{round}-0")));
            none += 1;
        }
        count = now;
        v.lock().unwrap();
    }
    eprintln!("{whole} imports finished, {none} killed before they committed");
    assert!(
        whole > 0 && none > 0,
        "every round ended the same way (seed {seed}): the test proves nothing"
    );
}
