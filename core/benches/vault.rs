//! The hot paths of the vault: key derivation, sealing, durable saves, unlock (decrypt and
//! index) and search. Figures go to BENCHMARKS.md. Run: `cargo bench -p attune-core`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use attune_core::crypto::keys::SecretKey;
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, ReflectionFilter, Unlock, Vault};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

mod prose;
use prose::Prose;

const PASS: &str = "benchmark passphrase";

fn fast() -> CreateOptions {
    CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    }
}

/// A locked vault with `n` reflections; returns its dir and recovery key.
fn vault_with(n: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, key) = Vault::create(dir.path(), PASS, &fast()).unwrap();
    let mut prose = Prose::new();
    for chunk in (0..n).collect::<Vec<_>>().chunks(5_000) {
        vault
            .journal_mut()
            .add_many(chunk.iter().map(|_| prose.reflection()).collect())
            .unwrap();
    }
    let key = key.to_display().to_string();
    vault.lock().unwrap();
    (dir, key)
}

fn kdf(c: &mut Criterion) {
    let mut g = c.benchmark_group("kdf");
    g.sample_size(10);
    g.bench_function("argon2id_default_64MiB_t3", |b| {
        b.iter(|| {
            KdfParams::DEFAULT
                .derive(black_box(PASS), &[7u8; 32])
                .unwrap()
        })
    });
    g.finish();
}

fn seal_open(c: &mut Criterion) {
    let key = SecretKey::random().unwrap();
    let plain = Prose::new().text(2_000);
    let sealed = key.seal(b"aad", plain.as_bytes()).unwrap();
    c.bench_function("seal_2KB", |b| {
        b.iter(|| key.seal(b"aad", black_box(plain.as_bytes())).unwrap())
    });
    c.bench_function("open_2KB", |b| {
        b.iter(|| key.open(b"aad", black_box(&sealed)).unwrap())
    });
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = Vault::create(dir.path(), PASS, &fast()).unwrap();
    let mut prose = Prose::new();
    let drafts: Vec<ReflectionDraft> = (0..64).map(|_| prose.reflection()).collect();
    let mut i = 0;
    c.bench_function("save_one_reflection_durably", |b| {
        b.iter(|| {
            i += 1;
            vault
                .journal_mut()
                .add(drafts[i % drafts.len()].clone())
                .unwrap()
        })
    });
}

fn unlock(c: &mut Criterion) {
    let (dir, key) = vault_with(10_000);
    let mut g = c.benchmark_group("unlock");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    // The recovery key skips Argon2id: this measures reading, decrypting and indexing.
    g.bench_function("decrypt_and_index_10k", |b| {
        // One vault alive at a time, dropped outside the timing, as a user's unlock.
        b.iter_batched(
            || (),
            |()| Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let mut g = c.benchmark_group("search_one_word");
    for n in [10_000usize, 100_000] {
        let (dir, key) = vault_with(n);
        let vault = Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap();
        assert_eq!(vault.journal().len(), n);
        let filter = ReflectionFilter::default();
        // A mid-frequency whole word, and a short prefix that matches many words.
        for q in ["tersen", "ba"] {
            let hits = vault.journal().search(q, &filter).len();
            assert!(hits > 0, "{q} finds nothing");
            g.bench_with_input(
                BenchmarkId::new(format!("{q}({hits}_hits)"), n),
                &q,
                |b, q| b.iter(|| vault.journal().search(black_box(q), &filter).len()),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, kdf, seal_open, save, unlock, search);
criterion_main!(benches);
