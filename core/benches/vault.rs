//! The hot paths of the vault: key derivation, sealing, durable saves, unlock (decrypt and
//! index) and search. Figures go to BENCHMARKS.md. Run: `cargo bench -p attune-core`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use attune_core::crypto::keys::SecretKey;
use attune_core::{
    CreateOptions, KdfParams, ReflectionDraft, ReflectionFilter, ReflectionKind, Unlock, Vault,
};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};

const PASS: &str = "benchmark passphrase";

/// Deterministic pseudo-random numbers, so every run indexes the same text.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A vocabulary of a few thousand made-up words, drawn with a skew like real prose.
struct Prose {
    words: Vec<String>,
    rng: Rng,
}

impl Prose {
    fn new() -> Self {
        const SYL: [&str; 24] = [
            "ba", "ne", "mo", "ri", "tal", "sen", "ko", "lu", "vi", "dra", "pe", "sho", "ma",
            "ter", "na", "gli", "fo", "ca", "zu", "wen", "hol", "di", "ré", "ña",
        ];
        let mut words = vec![
            "the".to_owned(),
            "baby".to_owned(),
            "mother".to_owned(),
            "held".to_owned(),
        ];
        for a in SYL {
            for b in SYL {
                words.push(format!("{a}{b}"));
                for c in ["", "ing", "ed"] {
                    words.push(format!("{a}{b}{c}s"));
                }
            }
        }
        Prose {
            words,
            rng: Rng(0x9E37_79B9_7F4A_7C15),
        }
    }

    fn text(&mut self, bytes: usize) -> String {
        let mut s = String::with_capacity(bytes + 16);
        while s.len() < bytes {
            // Squaring a uniform draw skews towards the common words at the front.
            let u = (self.rng.next() % 10_000) as f64 / 10_000.0;
            let i = ((u * u) * self.words.len() as f64) as usize;
            s.push_str(&self.words[i.min(self.words.len() - 1)]);
            s.push(if self.rng.next().is_multiple_of(12) {
                '.'
            } else {
                ' '
            });
        }
        s
    }

    /// A reflection of about 2 KB over four sections.
    fn reflection(&mut self) -> ReflectionDraft {
        ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: NaiveDate::from_ymd_opt(
                2026,
                1 + (self.rng.next() % 9) as u32,
                1 + (self.rng.next() % 28) as u32,
            )
            .unwrap(),
            title: self.text(40),
            family: format!("Family{}", self.rng.next() % 40),
            tags: vec![format!("tag{}", self.rng.next() % 20)],
            parent_infant: self.text(500),
            practitioner_parent: self.text(500),
            supervisor_practitioner: self.text(450),
            self_: self.text(450),
            for_supervision: self.text(60),
        }
    }
}

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
