//! Backups of a vault of 10,000 reflections: taking one (image, manifest, write, read back
//! and decrypt every record), verifying one with the passphrase, and restoring one into a
//! new folder (verify, write, unlock); and importing 10,000 Day One entries (read, check,
//! seal, one transaction). Figures go to BENCHMARKS.md. Run:
//! `cargo bench -p attune-core --bench backup`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

use attune_core::backup::BackupReason;
use attune_core::vault::{restore_backup, verify_backup};
use attune_core::{CreateOptions, KdfParams, Unlock, Vault};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

mod prose;
use prose::Prose;

const PASS: &str = "benchmark passphrase";
const N: usize = 10_000;

fn backups(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let (mut vault, _) = Vault::create(&dir.path().join("vault"), PASS, &options).unwrap();
    let mut prose = Prose::new();
    for chunk in (0..N).collect::<Vec<_>>().chunks(5_000) {
        vault
            .journal_mut()
            .add_many(chunk.iter().map(|_| prose.reflection()).collect())
            .unwrap();
    }
    let out = dir.path().join("backups");
    let file = dir.path().join("one.attune-backup");
    vault.back_up_to(&file, BackupReason::Manual).unwrap();

    let mut g = c.benchmark_group("backup_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("take_and_verify", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&out);
            },
            |()| vault.back_up(&out, BackupReason::Manual).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("verify_with_passphrase", |b| {
        b.iter(|| verify_backup(&file, Unlock::Passphrase(PASS)).unwrap())
    });
    g.bench_function("restore_into_new_folder", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |to| {
                restore_backup(&file, Unlock::Passphrase(PASS), &to.path().join("v")).unwrap();
                to
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    vault.lock().unwrap();
}

/// A Day One journal of `n` entries, a paragraph or two each.
fn day_one(n: usize) -> Vec<u8> {
    let mut prose = Prose::new();
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let r = prose.reflection();
            serde_json::json!({
                "uuid": format!("{i:032X}"),
                "creationDate": format!("2024-{:02}-{:02}T20:30:00Z", 1 + i % 12, 1 + i % 28),
                "timeZone": "America/Los_Angeles",
                "text": format!("# {}\n\n{}", r.title, r.parent_infant),
                "tags": r.tags,
                "starred": false
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"metadata": {"version": "1.0"}, "entries": entries}))
        .unwrap()
}

fn imports(c: &mut Criterion) {
    let file = day_one(N);
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let mut g = c.benchmark_group("import_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("day_one_into_a_new_vault", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let (vault, _) = Vault::create(&dir.path().join("v"), PASS, &options).unwrap();
                (dir, vault)
            },
            |(dir, mut vault)| {
                let today = attune_core::journal::today();
                let incoming = attune_core::import::read_day_one(&file, today).unwrap();
                let done = vault.journal_mut().import(incoming.items, false).unwrap();
                assert_eq!(done.added.len(), N);
                (dir, vault)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, backups, imports);
criterion_main!(benches);
