//! The vault-v2-application fixture: a vault written by the build of 2 December 2026 (issue
//! 16), holding every record shape that build added: providers with dated credentials,
//! sessions with a group leader and an age focus, training in one part, the renewal choice in
//! the settings, portfolio items and sessions of RSC provided. It must keep opening, with the
//! same contents, in every later version.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use attune_core::hours::{AgeFocus, Period, SessionFormat, TrainingTopic};
use attune_core::portfolio::{ItemStatus, PortfolioPart, RaterRole};
use attune_core::{Unlock, Vault};
use chrono::NaiveDate;

const DIR: &str = "tests/fixtures/vault-v2-application";
const PASSPHRASE: &str = "fixture passphrase v2 application";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A copy of the fixture: opening may migrate, and the fixture must never change.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    (tmp, dir)
}

#[test]
fn the_application_fixture_opens_with_everything_it_held() {
    let (_tmp, dir) = copy();
    let vault = Vault::unlock(&dir, Unlock::Passphrase(PASSPHRASE)).unwrap();
    assert!(vault.damaged().is_empty(), "{:?}", vault.damaged());

    let s = vault.settings();
    assert_eq!(s.rule_set.as_deref(), Some("imh-e/imhs"));
    assert_eq!(s.association.as_deref(), Some("mi-aimh"));
    assert_eq!(s.endorsement_category.as_deref(), Some("IMHS"));
    assert_eq!(s.endorsed_on, Some(day("2024-05-01")));
    assert!(s.provides_rsc);

    let providers = vault.hours().providers();
    assert_eq!(providers.len(), 1);
    let held = &providers[0].content.credentials;
    assert_eq!(held.len(), 2);
    assert_eq!(held[1].credential.as_deref(), Some("IMHM-C"));
    assert_eq!(held[1].since, Some(day("2025-01-15")));
    assert_eq!(held[1].endorsement_number, "MI-222");

    let sessions = vault.hours().sessions();
    assert_eq!(sessions.len(), 2);
    let group = &sessions[1].content;
    assert_eq!(group.format, SessionFormat::Group);
    assert_eq!(group.facilitated, Some(true));
    assert_eq!(group.age_focus, Some(AgeFocus::Infant));
    assert_eq!(
        vault.hours().training()[0].content.topic,
        TrainingTopic::Dei
    );

    let items = vault.portfolio().items();
    assert_eq!(items.len(), 2);
    let reference = items
        .iter()
        .find(|i| i.content.part == PortfolioPart::Reference)
        .unwrap();
    assert_eq!(reference.content.status, ItemStatus::Requested);
    assert_eq!(reference.content.rater_role, Some(RaterRole::RscProvider));
    assert_eq!(reference.content.known_months, Some(26));

    let all = Period {
        from: None,
        to: None,
    };
    let provided = vault.provided().totals(all);
    assert_eq!((provided.sessions, provided.minutes), (2, 150));
    vault.lock().unwrap();

    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{DIR}.recovery-key")),
    )
    .unwrap();
    Vault::unlock(&dir, Unlock::RecoveryKey(key.trim()))
        .unwrap()
        .lock()
        .unwrap();
}

/// Writes the fixture. Run once, by hand, with the build of 2 December 2026:
/// `cargo test -p attune-core --test fixture_application -- --ignored make_fixture`.
/// Records are given as the JSON of that time, so that this still says what was written.
#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_fixture() {
    use attune_core::hours::{ProviderDraft, TrainingDraft};
    use attune_core::portfolio::PortfolioItemDraft;
    use attune_core::provided::ProvidedDraft;
    use attune_core::{CreateOptions, SessionDraft};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    assert!(
        !dir.exists(),
        "the fixture exists; it must never be rewritten"
    );
    let options = CreateOptions {
        name: Some("Fixture Applicant".into()),
        ..CreateOptions::default()
    };
    let (mut vault, key) = Vault::create(&dir, PASSPHRASE, &options).unwrap();
    let mut settings = vault.settings().clone();
    settings.rule_set = Some("imh-e/imhs".into());
    settings.association = Some("mi-aimh".into());
    settings.endorsement_category = Some("IMHS".into());
    settings.endorsed_on = Some(day("2024-05-01"));
    settings.provides_rsc = true;
    vault.save_settings(settings).unwrap();

    let provider: ProviderDraft = serde_json::from_value(serde_json::json!({
        "name": "Lucía Pérez",
        "credentials": [
            {"credential": "IMHS", "since": "2019-03-01", "association": "MI-AIMH", "endorsement_number": "MI-111"},
            {"credential": "IMHM-C", "since": "2025-01-15", "association": "MI-AIMH", "endorsement_number": "MI-222"}
        ]
    }))
    .unwrap();
    vault.hours_mut().add_provider(provider).unwrap();
    for session in [
        serde_json::json!({"date": "2026-03-02", "minutes": 60, "format": "individual",
            "provider": "Lucía Pérez", "credential": "IMHM-C", "modality": "virtual"}),
        serde_json::json!({"date": "2026-03-09", "minutes": 90, "format": "group",
            "provider": "Lucía Pérez", "credential": "IMHM-C", "facilitated": true,
            "age_focus": "0-3"}),
    ] {
        let draft: SessionDraft = serde_json::from_value(session).unwrap();
        vault.hours_mut().add_session(draft).unwrap();
    }
    let training: TrainingDraft = serde_json::from_value(serde_json::json!({
        "date": "2026-02-01", "minutes": 180, "title": "Equity in home visiting", "topic": "dei"
    }))
    .unwrap();
    vault.hours_mut().add_training(training).unwrap();
    for item in [
        serde_json::json!({"part": "reference", "title": "Sam Rivera", "status": "requested",
            "date": "2026-10-01", "rater_role": "rsc_provider", "known_months": 26}),
        serde_json::json!({"part": "education", "title": "MSW", "status": "done",
            "date": "2019-05-04"}),
    ] {
        let draft: PortfolioItemDraft = serde_json::from_value(item).unwrap();
        vault.portfolio_mut().add(draft).unwrap();
    }
    for s in [
        serde_json::json!({"date": "2026-11-02", "minutes": 60, "format": "individual",
            "supervisee": "J. R."}),
        serde_json::json!({"date": "2026-11-09", "minutes": 90, "format": "group",
            "modality": "in-person", "supervisee": "Tuesday group"}),
    ] {
        let draft: ProvidedDraft = serde_json::from_value(s).unwrap();
        vault.provided_mut().add(draft).unwrap();
    }
    vault.lock().unwrap();
    std::fs::write(
        dir.with_extension("recovery-key"),
        format!("{}\n", key.to_display().as_str()),
    )
    .unwrap();
}
