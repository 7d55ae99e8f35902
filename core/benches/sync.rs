//! Sync's hot paths (docs/design/sync.md, "What is tested"): merging 10,000 operations from
//! another device, unlocking a synced vault with nothing new in the folder against one that
//! does not sync, the folder's size after compaction against the vault's, and enabling sync
//! on a vault made with 4 KiB pages (rewritten at 16 KiB first) against one made now. Figures
//! go to BENCHMARKS.md ("Sync"). Run: `cargo bench -p attune-core --bench sync`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::Path;
use std::time::Duration;

use attune_core::{CreateOptions, KdfParams, Unlock, Vault};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

mod prose;
use prose::Prose;

const PASS: &str = "benchmark passphrase";
const N: usize = 10_000;

fn fast() -> CreateOptions {
    CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    }
}

fn add_reflections(vault: &mut Vault, n: usize) {
    let mut prose = Prose::new();
    for chunk in (0..n).collect::<Vec<_>>().chunks(5_000) {
        vault
            .journal_mut()
            .add_many(chunk.iter().map(|_| prose.reflection()).collect())
            .unwrap();
    }
}

fn size_of(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let meta = e.metadata().unwrap();
        total += if meta.is_dir() {
            size_of(&e.path())
        } else {
            meta.len()
        };
    }
    total
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// A device B (locked, its directory kept as a template) that joined before device A wrote
/// 10,000 reflections into the folder; A's vault stays open.
struct World {
    root: tempfile::TempDir,
    a: Vault,
}

fn world() -> World {
    let root = tempfile::tempdir().unwrap();
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &fast()).unwrap();
    a.sync_enable(&root.path().join("Sync"), "Device A")
        .unwrap();
    let b = Vault::sync_join(
        &root.path().join("b"),
        &root.path().join("Sync"),
        Unlock::Passphrase(PASS),
        "Device B",
    )
    .unwrap();
    b.lock().unwrap();
    add_reflections(&mut a, N);
    // Mirrors the 10,000 operations; past 500, A also compacts.
    a.sync_now().unwrap();
    World { root, a }
}

fn merge(c: &mut Criterion) {
    let w = world();
    let mut g = c.benchmark_group("sync_merge");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    // A fresh copy of B each time (nothing of A's merged yet), unlocked outside the timing.
    g.bench_function("merge_10k_operations_from_another_device", |b| {
        b.iter_batched(
            || {
                let dir = w.root.path().join("b-copy");
                let _ = std::fs::remove_dir_all(&dir);
                copy_dir(&w.root.path().join("b"), &dir);
                Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap()
            },
            |mut v| {
                let report = v.sync_now().unwrap();
                assert!(report.merged >= N);
                v
            },
            BatchSize::PerIteration,
        )
    });
    // The everyday case: one reflection written on A, merged into B, which already holds
    // the 10,000 (a copy of B that merged them, unlocked outside the timing).
    let full = w.root.path().join("b-full");
    copy_dir(&w.root.path().join("b"), &full);
    let mut b = Vault::unlock(&full, Unlock::Passphrase(PASS)).unwrap();
    b.sync_now().unwrap();
    b.lock().unwrap();
    let mut a = w.a;
    add_reflections(&mut a, 1);
    a.sync_now().unwrap();
    g.bench_function("merge_1_operation_into_a_10k_vault", |b| {
        b.iter_batched(
            || {
                let dir = w.root.path().join("b-copy");
                let _ = std::fs::remove_dir_all(&dir);
                copy_dir(&full, &dir);
                Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap()
            },
            |mut v| {
                let report = v.sync_now().unwrap();
                assert_eq!(report.merged, 1);
                v
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    drop(a);
}

fn unlock(c: &mut Criterion) {
    // The same 10,000 reflections in a vault that does not sync and in one that does, with
    // nothing new in the folder (the other device's changes already merged).
    let plain_dir = tempfile::tempdir().unwrap();
    let (mut plain, plain_key) = Vault::create(plain_dir.path(), PASS, &fast()).unwrap();
    add_reflections(&mut plain, N);
    plain.lock().unwrap();
    let plain_key = plain_key.to_display().to_string();

    let root = tempfile::tempdir().unwrap();
    let (mut synced, synced_key) = Vault::create(&root.path().join("a"), PASS, &fast()).unwrap();
    add_reflections(&mut synced, N);
    synced
        .sync_enable(&root.path().join("Sync"), "Device A")
        .unwrap();
    let other = Vault::sync_join(
        &root.path().join("b"),
        &root.path().join("Sync"),
        Unlock::Passphrase(PASS),
        "Device B",
    )
    .unwrap();
    other.lock().unwrap();
    synced.sync_now().unwrap();
    synced.lock().unwrap();
    let synced_key = synced_key.to_display().to_string();
    let synced_dir = root.path().join("a");

    let mut g = c.benchmark_group("sync_unlock");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    // The recovery key skips Argon2id, as in the vault benchmark's unlock.
    g.bench_function("unlock_10k_without_sync", |b| {
        b.iter_batched(
            || (),
            |()| Vault::unlock(plain_dir.path(), Unlock::RecoveryKey(&plain_key)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    // The synced vault's unlock alone, to tell its cost from `sync now`'s.
    g.bench_function("unlock_10k_synced_vault_only", |b| {
        b.iter_batched(
            || (),
            |()| Vault::unlock(&synced_dir, Unlock::RecoveryKey(&synced_key)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("unlock_10k_and_sync_nothing_new", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut v = Vault::unlock(&synced_dir, Unlock::RecoveryKey(&synced_key)).unwrap();
                let report = v.sync_now().unwrap();
                assert_eq!((report.mirrored, report.merged), (0, 0));
                v
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// Enabling sync on a vault of 10,000 reflections made now (16 KiB pages) and on one made
/// before pages grew (4 KiB, which `sync enable` rewrites at 16 KiB first): the difference
/// is what rewriting the file costs, once.
fn enable(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let new_pages = root.path().join("new");
    let (mut v, _) = Vault::create(&new_pages, PASS, &fast()).unwrap();
    add_reflections(&mut v, N);
    v.lock().unwrap();
    let old_pages = root.path().join("old");
    copy_dir(&new_pages, &old_pages);
    let conn = rusqlite::Connection::open(old_pages.join("attune.vault")).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL;",
    )
    .unwrap();
    drop(conn);
    let mut g = c.benchmark_group("sync_enable");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    for (name, template) in [
        ("enable_on_10k_vault_with_16k_pages", &new_pages),
        ("enable_on_10k_vault_with_4k_pages", &old_pages),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = root.path().join("copy");
                    let _ = std::fs::remove_dir_all(&dir);
                    let _ = std::fs::remove_dir_all(root.path().join("Sync"));
                    copy_dir(template, &dir);
                    let _ = std::fs::remove_file(dir.join("attune.lock"));
                    Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap()
                },
                |mut v| {
                    v.sync_enable(&root.path().join("Sync"), "Device A")
                        .unwrap();
                    v
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// Not timed: the synced folder's size after compaction, for 10,000 reflections, against
/// the vault's (printed; BENCHMARKS.md keeps the figure).
fn folder_size(_c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &fast()).unwrap();
    add_reflections(&mut a, N);
    a.sync_enable(&root.path().join("Sync"), "Device A")
        .unwrap();
    let report = a.sync_compact().unwrap().unwrap();
    a.lock().unwrap();
    let folder = size_of(&root.path().join("Sync"));
    let vault = size_of(&root.path().join("a"));
    println!(
        "sync_folder_size: {N} reflections, folder after compaction {folder} bytes ({} operations in c{:09}), vault {vault} bytes, ratio {:.3}",
        report.operations,
        report.segment,
        folder as f64 / vault as f64
    );
}

criterion_group!(benches, folder_size, merge, unlock, enable);
criterion_main!(benches);
