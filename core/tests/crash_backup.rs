//! A child process takes backups in a loop, or restores one in a loop, and is killed with
//! SIGKILL at random moments, 200 times each. After every kill the vault opens with every
//! record it had and nothing damaged, and every backup on disk is whole and verifies (every
//! record decrypted): a backup is complete or absent, never half there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use attune_core::backup::{self, BackupReason};
use attune_core::vault::{backups_dir, restore_backup, verify_backup};
use attune_core::{Unlock, Vault};
use common::crash::{seed, Rng};
use common::{draft, fast, PASS};

const CHILD_ENV: &str = "ATTUNE_BACKUP_CRASH_CHILD";

/// The two tests run one after the other: a child process forked for one test briefly holds
/// copies of every file the test process has open (until it execs), the other test's vault
/// lock included, which that test would then find taken.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
const KILLS: usize = 200;

/// The child: `backup DIR` backs the vault up in a loop; `restore DIR FILE` restores FILE
/// over the vault in a loop. Run by the harness directly (no variable set), it does nothing.
#[test]
fn backup_crash_child() {
    let Ok(what) = std::env::var(CHILD_ENV) else {
        return;
    };
    let parts: Vec<&str> = what.split('\n').collect();
    let dir = PathBuf::from(parts[1]);
    let mut out = std::io::stdout().lock();
    match parts[0] {
        "backup" => {
            let mut vault = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
            writeln!(out, "ready").unwrap();
            out.flush().unwrap();
            loop {
                vault.auto_backup(BackupReason::Lock);
                writeln!(out, "backed up").unwrap();
                out.flush().unwrap();
            }
        }
        _ => {
            let file = PathBuf::from(parts[2]);
            writeln!(out, "ready").unwrap();
            out.flush().unwrap();
            loop {
                restore_backup(&file, Unlock::Passphrase(PASS), &dir).unwrap();
                writeln!(out, "restored").unwrap();
                out.flush().unwrap();
            }
        }
    }
}

/// Starts the child on `job` and kills it at a random moment.
fn run_and_kill(job: &str, rng: &mut Rng) {
    common::crash::run_and_kill(
        "backup_crash_child",
        CHILD_ENV,
        job,
        Duration::from_millis(40),
        rng,
    );
}

/// Every backup file in `folder` not checked before is whole and verifies.
fn every_backup_verifies(
    folder: &Path,
    checked: &mut BTreeSet<(PathBuf, u64)>,
    round: usize,
    seed: u64,
) {
    for e in backup::list(folder).unwrap() {
        assert!(
            e.problem.is_none(),
            "round {round} (seed {seed}): {} is a damaged backup: {:?}",
            e.path.display(),
            e.problem
        );
        if checked.insert((e.path.clone(), e.bytes)) {
            verify_backup(&e.path, Unlock::Passphrase(PASS)).unwrap_or_else(|err| {
                panic!(
                    "round {round} (seed {seed}): {} does not verify: {err}",
                    e.path.display()
                )
            });
        }
    }
}

fn vault_of(titles: &[&str]) -> (tempfile::TempDir, BTreeSet<String>) {
    let dir = tempfile::tempdir().unwrap();
    let (mut v, _) = Vault::create(dir.path(), PASS, &fast()).unwrap();
    let mut ids = BTreeSet::new();
    for t in titles {
        ids.insert(
            v.journal_mut()
                .add(draft(t, &"text ".repeat(400)))
                .unwrap()
                .id,
        );
    }
    v.lock().unwrap();
    (dir, ids)
}

fn ids_of(dir: &Path, round: usize, seed: u64) -> BTreeSet<String> {
    let v = Vault::unlock(dir, Unlock::Passphrase(PASS))
        .unwrap_or_else(|e| panic!("round {round} (seed {seed}): the vault does not open: {e}"));
    assert!(
        v.damaged().is_empty(),
        "round {round} (seed {seed}): {:?}",
        v.damaged()
    );
    let ids = v
        .journal()
        .list(&Default::default())
        .iter()
        .map(|r| r.id.clone())
        .collect();
    v.lock().unwrap();
    ids
}

#[test]
fn killed_while_backing_up_every_backup_is_whole_or_absent() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let seed = seed();
    let mut rng = Rng(seed);
    let (dir, ids) = vault_of(&["one", "two", "three"]);
    let job = format!("backup\n{}", dir.path().display());
    let mut checked = BTreeSet::new();
    for round in 0..KILLS {
        run_and_kill(&job, &mut rng);
        assert_eq!(
            ids_of(dir.path(), round, seed),
            ids,
            "round {round} (seed {seed})"
        );
        every_backup_verifies(&backups_dir(dir.path()), &mut checked, round, seed);
    }
    assert!(!checked.is_empty(), "no backup was ever completed");
}

#[test]
fn killed_while_restoring_the_vault_is_the_old_or_the_new_one() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let seed = seed();
    let mut rng = Rng(seed);
    // The backup holds one reflection; the vault it is restored over holds two more.
    let (dir, _) = vault_of(&["kept"]);
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let file = dir.path().join("the.attune-backup");
    v.back_up_to(&file, BackupReason::Manual).unwrap();
    v.lock().unwrap();
    let backed_up = ids_of(dir.path(), 0, seed);
    let mut restored_rounds = 0;
    let mut checked = BTreeSet::new();
    for round in 0..KILLS {
        // Before each round the vault differs from the backup: two more reflections.
        let mut v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
        for t in ["extra a", "extra b"] {
            v.journal_mut().add(draft(t, "more")).unwrap();
        }
        v.lock().unwrap();
        let before = ids_of(dir.path(), round, seed);
        run_and_kill(
            &format!("restore\n{}\n{}", dir.path().display(), file.display()),
            &mut rng,
        );
        let after = ids_of(dir.path(), round, seed);
        if after == backed_up {
            restored_rounds += 1;
        } else {
            assert_eq!(
                after, before,
                "round {round} (seed {seed}): neither the old vault nor the backup"
            );
        }
        every_backup_verifies(&backups_dir(dir.path()), &mut checked, round, seed);
    }
    assert!(
        restored_rounds > 0,
        "no restore ever completed (seed {seed})"
    );
}
