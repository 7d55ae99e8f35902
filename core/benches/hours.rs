//! Summaries, rule evaluation and exports over 5,000 supervision sessions (about twenty years
//! of weekly supervision, or a supervisor's whole caseload). Figures go to BENCHMARKS.md.
//! Run: `cargo bench -p attune-core --bench hours`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use attune_core::hours::{
    evaluate, parse_csv, rule_set, summarize, summary_pdf, write_csv, Hours, Modality, PdfReport,
    Period, Provider, ProviderDraft, SessionDraft, SessionFormat, SupervisionSession, Training,
    TrainingDraft, TrainingTopic,
};
use chrono::{Days, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};

const SESSIONS: u64 = 5_000;

/// Deterministic pseudo-random numbers, so every run measures the same sessions.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn sessions() -> Vec<SupervisionSession> {
    let providers = [
        ("Lucía Pérez", Some("IMHM-C")),
        ("Ben Ode", Some("IMHS")),
        ("Zoé Lind", Some("IMHM-C")),
        ("Peer group", None),
        ("Ana Ruiz", Some("IFRS")),
        ("Mo Kline", Some("IMHM-C")),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = NaiveDate::from_ymd_opt(2006, 1, 2).unwrap();
    (0..SESSIONS)
        .map(|i| {
            let r = rng.next();
            let (provider, credential) = providers[(r % providers.len() as u64) as usize];
            SupervisionSession {
                id: format!("{i:032x}"),
                content: SessionDraft {
                    date: start + Days::new(i * 3 / 2),
                    minutes: [30, 45, 60, 60, 90, 120][((r >> 8) % 6) as usize],
                    format: if (r >> 16).is_multiple_of(4) {
                        SessionFormat::Group
                    } else {
                        SessionFormat::Individual
                    },
                    modality: Some(Modality::Virtual),
                    provider: provider.to_owned(),
                    credential: credential.map(str::to_owned),
                    facilitated: None,
                    age_focus: None,
                    about_rsc_provided: (r >> 24).is_multiple_of(2),
                    note: "talked about pacing, and about waiting".to_owned(),
                    reflections: Vec::new(),
                },
                created_at: Utc::now(),
                updated_at: Utc::now(),
            }
        })
        .collect()
}

fn training() -> Vec<Training> {
    (0..60u64)
        .map(|i| Training {
            id: format!("t{i}"),
            content: TrainingDraft {
                date: NaiveDate::from_ymd_opt(2006, 1, 2).unwrap() + Days::new(i * 120),
                minutes: 180,
                title: "In-service training".into(),
                organiser: String::new(),
                topic: if i.is_multiple_of(5) {
                    TrainingTopic::Dei
                } else {
                    TrainingTopic::ProvidingRsc
                },
                note: String::new(),
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
        })
        .collect()
}

/// The address book as the app holds it: the five credentialed providers, each with a dated
/// credential, so that every session's credential is looked up on its day.
fn providers() -> Vec<Provider> {
    [
        ("Lucía Pérez", "IMHM-C"),
        ("Ben Ode", "IMHS"),
        ("Zoé Lind", "IMHM-C"),
        ("Ana Ruiz", "IFRS"),
        ("Mo Kline", "IMHM-C"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, credential))| {
        let draft: ProviderDraft = serde_json::from_value(serde_json::json!({
            "name": name,
            "credentials": [{"credential": credential, "since": "2005-01-01"}]
        }))
        .unwrap();
        Provider {
            id: format!("{i:032x}"),
            content: draft,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    })
    .collect()
}

fn hours(c: &mut Criterion) {
    let all = sessions();
    let book = providers();
    let refs: Vec<&SupervisionSession> = all.iter().collect();
    let t = training();
    let trefs: Vec<&Training> = t.iter().collect();
    let today = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mentor = rule_set("imh-e/imhm-c").unwrap();
    let renewal = rule_set("renewal/annual").unwrap();

    let mut g = c.benchmark_group("hours_5000");
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("summary", |b| {
        b.iter(|| black_box(summarize(black_box(&refs), Period::ALL, |_| false)))
    });
    g.bench_function("summary_and_rules_imhm_c", |b| {
        b.iter(|| {
            let mut s = summarize(black_box(&refs), Period::ALL, |_| false);
            s.requirement = Some(evaluate(mentor, &refs, &trefs, &book, Period::ALL, today));
            black_box(s)
        })
    });
    g.bench_function("summary_and_rules_renewal", |b| {
        b.iter(|| {
            let mut s = summarize(black_box(&refs), Period::ALL, |_| false);
            s.requirement = Some(evaluate(renewal, &refs, &trefs, &book, Period::ALL, today));
            black_box(s)
        })
    });
    g.bench_function("csv_export", |b| {
        b.iter(|| black_box(write_csv(refs.iter().copied()).unwrap()))
    });
    let csv = write_csv(refs.iter().copied()).unwrap();
    g.bench_function("csv_parse", |b| {
        b.iter(|| black_box(parse_csv(black_box(&csv), today).unwrap()))
    });
    g.finish();

    let mut s = summarize(&refs, Period::ALL, |_| false);
    s.requirement = Some(evaluate(mentor, &refs, &trefs, &book, Period::ALL, today));
    let empty = Hours::default();
    let mut g = c.benchmark_group("hours_pdf");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("pdf_5000_sessions", |b| {
        b.iter(|| {
            black_box(
                summary_pdf(&PdfReport {
                    name: "Ana María Núñez",
                    summary: &s,
                    sessions: &refs,
                    training: &[],
                    hours: &empty,
                    rules: Some(mentor),
                    page: attune_core::hours::PageSize::A4,
                    generated_on: today,
                })
                .unwrap(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, hours);
criterion_main!(benches);
