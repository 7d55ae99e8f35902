//! The de-identification check (`share::deid::find_hints`) over a 20,000-character reflection,
//! as the editor asks for it after a pause in typing: with a few names to avoid, with 300, and
//! over inputs that would make a backtracking pattern blow up. Figures go to BENCHMARKS.md.
//! Run: `cargo bench -p attune-core --bench deid`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use attune_core::share::deid::find_hints;
use criterion::{criterion_group, criterion_main, Criterion};

const PARAGRAPH: &str =
    "Home visit with Lucía (born 03/14/2023, now 14 months). Mum Mary Ann called from \
(555) 123-4567 and wrote from mum.gomez@example.org; they moved to 12 Oak Street, Apt 4B \
on March 1, 2024. We played for 3 weeks of sessions, 10:30-11:45, 2019-2021 records. \
Dad's French number is +33 6 12 34 56 78. PO Box 77. Lucia's banana, Anatomy. 👶🏽\n";

fn reflection() -> String {
    PARAGRAPH.repeat(20_000usize.div_ceil(PARAGRAPH.encode_utf16().count()))
}

fn bench(c: &mut Criterion) {
    let text = reflection();
    let few = ["Lucía", "Mary Ann", "Gomez"];
    let mut many: Vec<String> = (0..300u32)
        .map(|i| format!("Name{}{i}", char::from_u32(97 + i % 26).unwrap()))
        .collect();
    many.push("Lucía".into());
    // Compile the patterns before measuring.
    find_hints(&text, &few).unwrap();
    let mut g = c.benchmark_group("deid");
    g.bench_function("20k chars, 3 names", |b| {
        b.iter(|| find_hints(black_box(&text), &few).unwrap())
    });
    g.bench_function("20k chars, 301 names", |b| {
        b.iter(|| find_hints(black_box(&text), &many).unwrap())
    });
    for (what, input) in [
        ("spaced digits", "1 ".repeat(10_000)),
        ("capital words", format!("12 {}", "Aa ".repeat(7_000))),
        ("many ats", "a@".repeat(10_000)),
    ] {
        g.bench_function(what, |b| {
            b.iter(|| find_hints(black_box(&input), &few).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
