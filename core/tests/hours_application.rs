//! The experiences CSV of an application against its committed vector: the sessions of
//! `tests/vectors/experiences/sessions.csv` (an hours CSV), with a provider whose credential
//! changes, under the IMHS rule set on a fixed day, must export byte for byte as
//! `experiences.csv` (`UPDATE_VECTORS=1` rewrites it; review the difference).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use attune_core::hours::{
    experiences, parse_csv, rule_set, write_experiences_csv, HeldCredential, Period, Provider,
    ProviderDraft, SupervisionSession,
};
use chrono::{NaiveDate, TimeZone, Utc};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/experiences")
}

#[test]
fn the_experiences_csv_matches_its_vector() {
    let today = day("2026-06-30");
    let input = std::fs::read(vectors().join("sessions.csv")).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let sessions: Vec<SupervisionSession> = parse_csv(&input, today)
        .unwrap()
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| SupervisionSession {
            id: format!("{i:032x}"),
            content: r.session,
            created_at: at,
            updated_at: at,
        })
        .collect();
    let held = |c: &str, since: &str, number: &str| HeldCredential {
        credential: Some(c.into()),
        since: Some(day(since)),
        association: "MI-AIMH".into(),
        endorsement_number: number.into(),
    };
    let providers = [Provider {
        id: "p".into(),
        content: ProviderDraft {
            name: "Lucía Pérez".into(),
            credentials: vec![
                held("IMHS", "2019-05-01", "111"),
                held("IMHM-C", "2025-02-15", "222"),
            ],
        },
        created_at: at,
        updated_at: at,
    }];
    let refs: Vec<&SupervisionSession> = sessions.iter().collect();
    let rules = rule_set("imh-e/imhs").unwrap();
    let rows = experiences(rules, &refs, &providers, Period::ALL, today);
    let got = write_experiences_csv(&rows).unwrap();

    // Every session in exactly one row.
    let minutes: u32 = sessions.iter().map(|s| s.content.minutes).sum();
    assert_eq!(rows.iter().map(|r| r.minutes).sum::<u32>(), minutes);
    assert_eq!(rows.iter().map(|r| r.sessions).sum::<u32>(), 9);

    let path = vectors().join("experiences.csv");
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read(&path).unwrap();
    assert_eq!(
        String::from_utf8(got).unwrap(),
        String::from_utf8(want).unwrap(),
        "the experiences CSV changed: a new header is a new version (docs/formats/hours-exports.md)"
    );
}
