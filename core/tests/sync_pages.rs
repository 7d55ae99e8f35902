//! A vault made before pages grew to 16 KiB (SQLite's default 4 KiB) is rewritten with the
//! larger pages when sync is enabled on it (docs/formats/vault.md, "Page size"): the shipped
//! format-2 fixture and a vault of a few hundred reflections both come out whole, in WAL
//! mode, at 16 KiB; and a process killed at random moments while it does so (SIGKILL, 100
//! times) leaves a vault that opens with everything in it, at one page size or the other.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attune_core::{ReflectionFilter, Unlock, Vault};
use common::crash::{run_and_kill, seed, Rng};
use common::{draft, fast, PASS};

const CHILD_ENV: &str = "ATTUNE_PAGES_CHILD";
const KILLS: usize = 100;
const DB: &str = "attune.vault";

/// The page size and journal mode of the vault file in `dir`, read by SQLite itself.
fn pages_of(dir: &Path) -> (i64, String) {
    let conn = rusqlite::Connection::open(dir.join(DB)).unwrap();
    let size = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let mode = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    (size, mode)
}

/// Gives the (locked) vault in `dir` the 4 KiB pages of a vault made before they grew.
fn make_old_pages(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join(DB)).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL;",
    )
    .unwrap();
    drop(conn);
    assert_eq!(pages_of(dir).0, 4096);
}

/// What a vault shows: every reflection's id and title, what a search finds, the hours.
fn shown(v: &Vault) -> Vec<String> {
    let mut out: Vec<String> = v
        .journal()
        .list(&ReflectionFilter::default())
        .iter()
        .map(|r| format!("{} {}", r.id, r.content.title))
        .collect();
    out.sort();
    let mut found: Vec<String> = v
        .journal()
        .search("holding", &ReflectionFilter::default())
        .iter()
        .map(|h| h.reflection.id.clone())
        .collect();
    found.sort();
    out.push(format!("found {found:?}"));
    out.push(format!("sessions {}", v.hours().sessions().len()));
    out.push(format!("damaged {:?}", v.damaged()));
    out
}

fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() && e.file_name() != "attune.lock" {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A locked vault of 300 reflections with 4 KiB pages, in `dir`.
fn old_vault(dir: &Path) {
    let (mut v, _) = Vault::create(dir, PASS, &fast()).unwrap();
    let drafts = (0..300)
        .map(|i| {
            draft(
                &format!("Visit {i}"),
                &format!("{i} holding and bath ").repeat(40),
            )
        })
        .collect();
    v.journal_mut().add_many(drafts).unwrap();
    v.lock().unwrap();
    make_old_pages(dir);
}

#[test]
fn the_shipped_format_2_vault_gets_larger_pages_when_it_starts_syncing() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("vault");
    copy_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v2"),
        &dir,
    );
    assert_eq!(
        pages_of(&dir).0,
        4096,
        "the fixture was made with 4 KiB pages"
    );
    let passphrase = "fixture passphrase v2";
    let mut v = Vault::unlock(&dir, Unlock::Passphrase(passphrase)).unwrap();
    let before = shown(&v);
    v.sync_enable(&work.path().join("Sync"), "Laptop").unwrap();
    assert_eq!(shown(&v), before);
    v.lock().unwrap();
    assert_eq!(pages_of(&dir), (16_384, "wal".to_owned()));
    assert!(!dir.join(format!("{DB}-journal")).exists());
    let v = Vault::unlock(&dir, Unlock::Passphrase(passphrase)).unwrap();
    assert_eq!(shown(&v), before);
    assert!(v.sync_status().unwrap().is_some());
}

#[test]
fn an_old_vault_comes_out_whole_and_takes_writes_after() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("old");
    old_vault(&dir);
    let mut v = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
    let before = shown(&v);
    v.sync_enable(&work.path().join("Sync"), "Laptop").unwrap();
    // Writes go on as before, into the rewritten file.
    let added = v.journal_mut().add(draft("After", "holding")).unwrap();
    v.lock().unwrap();
    assert_eq!(pages_of(&dir), (16_384, "wal".to_owned()));
    let v = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
    let mut after = shown(&v);
    let line = format!("{} After", added.id);
    let at = after.iter().position(|l| *l == line).unwrap();
    after.remove(at);
    let mut expected = before.clone();
    // The new reflection is found by the search too.
    let found = expected
        .iter()
        .position(|l| l.starts_with("found"))
        .unwrap();
    assert_ne!(after[found], expected[found]);
    expected[found] = after[found].clone();
    assert_eq!(after, expected);
    assert!(after[found].contains(&added.id));
}

/// The child: when started by `killed_while_pages_grow_loses_nothing`, unlocks the vault
/// named in its job and enables sync on it, saying when it starts and when it is done.
/// Run by the test harness directly (no variable set), it does nothing.
#[test]
fn pages_child() {
    let Ok(job) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (vault, folder) = job.split_once('|').unwrap();
    let mut v = Vault::unlock(Path::new(vault), Unlock::Passphrase(PASS)).unwrap();
    println!("ready");
    v.sync_enable(Path::new(folder), "Killed laptop").unwrap();
    println!("done");
}

/// Starts the child on `job` and waits for its "ready".
fn start_child(job: &str) -> std::process::Child {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "pages_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, job)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    child
}

/// Kills the child the moment SQLite's rollback journal appears beside the vault in `dir`
/// (the rewrite is under way), or after `window` if it never does.
fn kill_mid_rewrite(job: &str, dir: &Path, window: Duration) {
    let mut child = start_child(job);
    let journal = dir.join(format!("{DB}-journal"));
    let start = Instant::now();
    while !journal.exists() && start.elapsed() < window {
        std::thread::sleep(Duration::from_micros(50));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
}

#[test]
fn killed_while_pages_grow_loses_nothing() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let template = work.path().join("template");
    old_vault(&template);
    let expected = shown(&Vault::unlock(&template, Unlock::Passphrase(PASS)).unwrap());
    let job = |round: usize| -> (PathBuf, String) {
        let dir = work.path().join(format!("round-{round}"));
        copy_files(&template, &dir);
        let folder = work.path().join(format!("sync-{round}"));
        let job = format!("{}|{}", dir.display(), folder.display());
        (dir, job)
    };
    // The window: how long enabling sync takes here, unkilled.
    let (calibration, calibration_job) = job(KILLS);
    let mut child = start_child(&calibration_job);
    let start = Instant::now();
    assert!(child.wait().unwrap().success());
    let window = start.elapsed();
    assert_eq!(pages_of(&calibration).0, 16_384);
    let seed = seed();
    let mut rng = Rng(seed);
    let (mut small, mut large, mut journal_left) = (0, 0, 0);
    for round in 0..KILLS {
        let (dir, job) = job(round);
        // Half the kills at any moment; half the moment the rewrite is seen under way.
        if round % 2 == 0 {
            run_and_kill("pages_child", CHILD_ENV, &job, window, &mut rng);
        } else {
            kill_mid_rewrite(&job, &dir, window);
        }
        if dir.join(format!("{DB}-journal")).exists() {
            journal_left += 1;
        }
        let v = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap_or_else(|e| {
            panic!("round {round} (seed {seed}): the vault does not open: {e}")
        });
        assert_eq!(shown(&v), expected, "round {round} (seed {seed})");
        v.lock().unwrap();
        match pages_of(&dir) {
            (4096, mode) if mode == "wal" => small += 1,
            (16_384, mode) if mode == "wal" => large += 1,
            other => panic!("round {round} (seed {seed}): {other:?}"),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "{KILLS} kills in a window of {window:?}: {small} left at 4 KiB, {large} at 16 KiB, {journal_left} with a rollback journal left to put back"
    );
    // The kills must have landed before, during and after the rewrite.
    assert!(small > 0 && large > 0);
    assert!(
        journal_left >= KILLS / 10,
        "{journal_left} killed mid-rewrite"
    );
}
