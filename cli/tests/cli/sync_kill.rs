//! `attune sync now` killed with SIGKILL at random moments, at least 200 times, while it
//! mirrors this device's changes and merges the other's: every write acknowledged before is
//! kept, each vault always opens with nothing damaged, the next `sync now` converges, and a
//! new device joining from the folder afterwards reads exactly the same journal (so the folder
//! never held a segment that opens but is wrong). The vaults are small and made with the
//! cheapest key derivation, so that the killed processes spend their time syncing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use attune_core::journal::today;
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, Unlock, Vault};

use crate::sync::{journal, reflection_json, status, sync_now, PASS};

const KILLS: usize = 200;

/// xorshift, seeded from the clock (or `ATTUNE_CRASH_SEED`) and printed for a replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn seed() -> u64 {
    let seed = std::env::var("ATTUNE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("sync kill test seed: {seed} (set ATTUNE_CRASH_SEED to replay)");
    seed
}

fn draft(title: &str, text: &str) -> ReflectionDraft {
    ReflectionDraft::from_json(&reflection_json(title, text), today()).unwrap()
}

/// One device: its vault, and what was acknowledged on it (id → the text last saved).
struct Device {
    dir: PathBuf,
    acked: BTreeMap<String, String>,
    /// Its folder in the synced folder.
    own: PathBuf,
}

/// The segments (whole names) and temporary files in a device's folder.
fn files_in(own: &Path) -> (usize, usize) {
    let names: Vec<String> = std::fs::read_dir(own)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let segments = names.iter().filter(|n| n.ends_with(".attune-seg")).count();
    (segments, names.len() - segments)
}

fn own_folder(dir: &Path, folder: &Path) -> PathBuf {
    let v = Vault::unlock(dir, Unlock::Passphrase(PASS)).unwrap();
    let id = v.sync_status().unwrap().unwrap().device_id;
    v.lock().unwrap();
    folder.join("devices").join(id)
}

impl Device {
    /// Opens the vault in-process, checks it, writes one change (a new reflection, or an
    /// edit of one of its own), and closes it: the write is acknowledged once this returns.
    fn write(&mut self, round: usize, rng: &mut Rng, seed: u64) {
        let mut v = Vault::unlock(&self.dir, Unlock::Passphrase(PASS))
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): does not open: {e}"));
        self.check(&v, round, seed);
        let text = format!("round {round} text");
        if self.acked.is_empty() || rng.next().is_multiple_of(2) {
            let r = v.journal_mut().add(draft("t", &text)).unwrap();
            self.acked.insert(r.id, text);
        } else {
            let ids: Vec<String> = self.acked.keys().cloned().collect();
            let id = &ids[rng.next() as usize % ids.len()];
            v.journal_mut().update(id, draft("t", &text)).unwrap();
            self.acked.insert(id.clone(), text);
        }
        v.lock().unwrap();
    }

    /// Nothing damaged, and this device's own acknowledged writes all there.
    fn check(&self, v: &Vault, round: usize, seed: u64) {
        assert!(
            v.damaged().is_empty(),
            "round {round} (seed {seed}): damaged {:?}",
            v.damaged()
        );
        for (id, text) in &self.acked {
            let r = v.journal().get(id);
            assert_eq!(
                r.map(|r| r.content.self_.as_str()),
                Some(text.as_str()),
                "round {round} (seed {seed}): {id} lost its acknowledged text"
            );
        }
    }
}

/// `attune ARGS --passphrase-stdin --vault DIR`, given `stdin`, running.
fn spawn_attune(args: &[&str], dir: &Path, stdin: &str) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(args)
        .args(["--passphrase-stdin", "--vault"])
        .arg(dir)
        .env_remove("ATTUNE_VAULT")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child
}

fn spawn_sync_now(dir: &Path) -> std::process::Child {
    spawn_attune(&["sync", "now"], dir, &format!("{PASS}\n"))
}

#[test]
fn killed_sync_now_loses_nothing_and_the_next_converges() {
    let seed = seed();
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let mut a = Device {
        dir: tmp.path().join("a"),
        acked: BTreeMap::new(),
        own: PathBuf::new(),
    };
    let (mut va, _) = Vault::create(&a.dir, PASS, &options).unwrap();
    for i in 0..3 {
        let text = format!("first {i}");
        let r = va.journal_mut().add(draft("t", &text)).unwrap();
        a.acked.insert(r.id, text);
    }
    va.sync_enable(&folder, "A").unwrap();
    va.lock().unwrap();
    let mut b = Device {
        dir: tmp.path().join("b"),
        acked: BTreeMap::new(),
        own: PathBuf::new(),
    };
    Vault::sync_join(&b.dir, &folder, Unlock::Passphrase(PASS), "B")
        .unwrap()
        .lock()
        .unwrap();

    a.own = own_folder(&a.dir, &folder);
    b.own = own_folder(&b.dir, &folder);
    // How long one `sync now` takes here (not asserted): kills fall anywhere in it.
    let started = Instant::now();
    for d in [&a.dir, &b.dir] {
        assert_eq!(spawn_sync_now(d).wait().unwrap().code(), Some(0));
    }
    let mut span = (started.elapsed() / 2).as_micros() as f64 + 1.0;

    let (mut kills, mut finished, mut round) = (0, 0, 0);
    // Kills before this run's segment was in the folder, and after (marking it, merging).
    let (mut before_segment, mut after_segment, mut temporaries) = (0, 0, 0);
    while kills < KILLS {
        round += 1;
        assert!(round < 20 * KILLS, "only {kills} kills in {round} rounds");
        let device = if round % 2 == 0 { &mut a } else { &mut b };
        device.write(round, &mut rng, seed);
        let (segments, _) = files_in(&device.own);
        let mut child = spawn_sync_now(&device.dir);
        // Anywhere in the run: the window follows how long runs take here, so that about
        // one in five finishes whole (it shrinks when one does, and grows when one is killed).
        std::thread::sleep(Duration::from_micros(rng.next() % (span as u64 + 1)));
        if child.try_wait().unwrap().is_some() {
            finished += 1;
            span *= 0.9;
        } else {
            span *= 1.03;
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            kills += 1;
            let (now, others) = files_in(&device.own);
            if now > segments {
                after_segment += 1;
            } else {
                before_segment += 1;
            }
            temporaries = temporaries.max(others);
        }
        child.wait().unwrap();
    }
    eprintln!(
        "{kills} kills ({before_segment} before the run's segment was written, \
         {after_segment} after it), {finished} runs finished first, {round} rounds; \
         at most {temporaries} other files in a device's folder"
    );

    // The test must have killed runs both before and after they wrote their segment.
    assert!(
        before_segment >= 10 && after_segment >= 10,
        "seed {seed}: kills not spread over the run"
    );

    // Unkilled: each device syncs until both hold the same journal, with everything
    // acknowledged on either.
    for _ in 0..2 {
        sync_now(&a.dir);
        sync_now(&b.dir);
    }
    let (ja, jb) = (journal(&a.dir), journal(&b.dir));
    assert_eq!(ja, jb, "seed {seed}: the two devices differ after syncing");
    let texts: BTreeMap<String, String> = ja
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_owned();
            (id, r["self"].as_str().unwrap().to_owned())
        })
        .collect();
    for (id, text) in a.acked.iter().chain(&b.acked) {
        assert_eq!(texts.get(id), Some(text), "seed {seed}: {id} after syncing");
    }
    assert_eq!(texts.len(), a.acked.len() + b.acked.len());
    for d in [&a.dir, &b.dir] {
        let st = status(d);
        assert_eq!(st["rollbacks"], serde_json::json!([]), "seed {seed}: {st}");
        assert_eq!(st["waiting"], 0, "seed {seed}: {st}");
        eprintln!("files ignored: {}", st["files_ignored"]);
    }
    for d in [&mut a, &mut b] {
        let v = Vault::unlock(&d.dir, Unlock::Passphrase(PASS)).unwrap();
        d.check(&v, round, seed);
        v.lock().unwrap();
    }

    // A new device reads the folder alone: the same journal, nothing damaged.
    let c = Vault::sync_join(
        &tmp.path().join("c"),
        &folder,
        Unlock::Passphrase(PASS),
        "C",
    )
    .unwrap();
    assert!(c.damaged().is_empty(), "seed {seed}: {:?}", c.damaged());
    let joined: BTreeMap<String, String> = c
        .journal()
        .list(&Default::default())
        .iter()
        .map(|r| (r.id.clone(), r.content.self_.clone()))
        .collect();
    assert_eq!(
        joined, texts,
        "seed {seed}: the folder alone holds another journal"
    );
    c.lock().unwrap();
}

/// `attune passphrase change` on a device that syncs, killed with SIGKILL at random
/// moments (before, during and after it writes the next key generation's file): each time,
/// exactly one of the old and the new passphrase opens the vault (the new one finishing a
/// change whose key file was written), nothing acknowledged is lost, and the other device
/// and a new one follow with whichever holds.
#[test]
fn killed_passphrase_changes_leave_one_passphrase_that_holds_everywhere() {
    const CHANGES: usize = 40;
    let seed = seed();
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let a = tmp.path().join("a");
    let (mut va, _) = Vault::create(&a, PASS, &options).unwrap();
    let mut acked = BTreeMap::new();
    let r = va
        .journal_mut()
        .add(draft("t", "before any change"))
        .unwrap();
    acked.insert(r.id, "before any change".to_owned());
    va.sync_enable(&folder, "A").unwrap();
    va.lock().unwrap();
    let b = tmp.path().join("b");
    Vault::sync_join(&b, &folder, Unlock::Passphrase(PASS), "B")
        .unwrap()
        .lock()
        .unwrap();

    let spawn_change = |current: &str, next: &str| {
        spawn_attune(
            &["passphrase", "change"],
            &a,
            &format!("{current}\n{next}\n"),
        )
    };
    let started = Instant::now();
    let first = "the first changed passphrase";
    assert_eq!(spawn_change(PASS, first).wait().unwrap().code(), Some(0));
    let span = started.elapsed().as_micros() as u64 + 1;
    let mut current = first.to_owned();
    let (mut killed, mut taken) = (0, 0);
    for round in 0..CHANGES {
        let next = format!("passphrase number {round} of the test");
        let mut child = spawn_change(&current, &next);
        std::thread::sleep(Duration::from_micros(rng.next() % span));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let old = Vault::unlock(&a, Unlock::Passphrase(&current));
        let new = Vault::unlock(&a, Unlock::Passphrase(&next));
        let opened = match (old, new) {
            (Ok(v), Err(_)) => v,
            (Err(_), Ok(v)) => {
                taken += 1;
                current = next;
                v
            }
            (Ok(_), Ok(_)) => panic!("round {round} (seed {seed}): both passphrases open"),
            (Err(e1), Err(e2)) => {
                panic!("round {round} (seed {seed}): neither opens: {e1}; {e2}")
            }
        };
        // The one that holds opens it again (the change, if finished by the unlock above,
        // is now the vault's own).
        opened.lock().unwrap();
        let mut v = Vault::unlock(&a, Unlock::Passphrase(&current))
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"));
        assert!(v.damaged().is_empty(), "round {round} (seed {seed})");
        for (id, text) in &acked {
            let got = v.journal().get(id).map(|r| r.content.self_.clone());
            assert_eq!(
                got.as_ref(),
                Some(text),
                "round {round} (seed {seed}): {id}"
            );
        }
        let text = format!("written in round {round}");
        let r = v.journal_mut().add(draft("t", &text)).unwrap();
        acked.insert(r.id, text);
        v.sync_now().unwrap();
        v.lock().unwrap();
    }
    eprintln!(
        "{killed} of {CHANGES} passphrase changes killed; the new passphrase held after {taken}"
    );
    assert!(
        killed >= CHANGES / 4,
        "seed {seed}: too few changes were killed"
    );

    // B follows with the passphrase that holds, and holds the same journal.
    let mut vb = Vault::unlock(&b, Unlock::Passphrase(&current))
        .unwrap_or_else(|e| panic!("seed {seed}: B: {e}"));
    vb.sync_now().unwrap();
    for (id, text) in &acked {
        let got = vb.journal().get(id).map(|r| r.content.self_.clone());
        assert_eq!(got.as_ref(), Some(text), "seed {seed}: B lacks {id}");
    }
    vb.lock().unwrap();
    assert!(Vault::unlock(&b, Unlock::Passphrase(PASS)).is_err());
    // And so does a new device, from the folder alone.
    let c = Vault::sync_join(
        &tmp.path().join("c"),
        &folder,
        Unlock::Passphrase(&current),
        "C",
    )
    .unwrap_or_else(|e| panic!("seed {seed}: C: {e}"));
    assert_eq!(c.journal().len(), acked.len(), "seed {seed}");
}
