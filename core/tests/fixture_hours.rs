//! Hour records written before issue 16 keep opening and counting as they did, read into
//! the new fields: `tests/fixtures/vault-v2-sessions` was written by the `attune` binary of
//! commit 23572d2 (the build before group sessions had a facilitated flag and training had
//! one part), with these commands:
//!
//! ```text
//! attune init --name "Fixture Applicant"
//! attune hours add --date 2026-10-05 --minutes 90 --format group --provider "Lucía Pérez" --credential IMHM-C --modality virtual
//! attune hours add --date 2026-10-12 --minutes 60 --format group --provider "Peer circle"
//! attune hours add --date 2026-10-19 --minutes 60 --format individual --provider "Lucía Pérez" --credential IMHM-C --about-rsc-provided
//! attune training add --date 2026-09-01 --minutes 180 --title "Equity and providing RSC" --dei --providing-rsc
//! attune training add --date 2026-09-02 --minutes 120 --title "Equity in home visiting" --dei
//! attune training add --date 2026-09-03 --minutes 240 --title "Infant mental health basics"
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use attune_core::hours::{SessionFormat, TrainingTopic};
use attune_core::{ReflectionFilter, Unlock, Vault};

const HOURS_DIR: &str = "tests/fixtures/vault-v2-sessions";
const HOURS_PASSPHRASE: &str = "fixture passphrase hours";

fn copy_of(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let dir = tmp.path().to_path_buf();
    (tmp, dir)
}

/// Groups saved with a credential counted before the flag existed, so they read as
/// facilitated; a group without one stays peer consultation. Training with a list of topics
/// opens in one part: providing RSC if listed, else DEI, else the general part.
#[test]
fn sessions_and_training_from_before_issue_16_open_in_the_new_fields() {
    let (_tmp, dir) = copy_of(HOURS_DIR);
    let mut vault = Vault::unlock(&dir, Unlock::Passphrase(HOURS_PASSPHRASE)).unwrap();
    assert!(vault.damaged().is_empty());
    let sessions: Vec<_> = vault
        .hours()
        .sessions()
        .iter()
        .map(|s| s.content.clone())
        .collect();
    assert_eq!(sessions.len(), 3);
    let led = sessions.iter().find(|s| s.minutes == 90).unwrap();
    assert_eq!(led.format, SessionFormat::Group);
    assert_eq!((led.facilitated, led.age_focus), (None, None));
    assert!(led.facilitated_group());
    let peer = sessions
        .iter()
        .find(|s| s.provider == "Peer circle")
        .unwrap();
    assert!(!peer.facilitated_group());
    let individual = sessions
        .iter()
        .find(|s| s.format == SessionFormat::Individual)
        .unwrap();
    assert!(individual.about_rsc_provided && !individual.facilitated_group());

    let mut topics: Vec<(String, TrainingTopic)> = vault
        .hours()
        .training()
        .iter()
        .map(|t| (t.content.title.clone(), t.content.topic))
        .collect();
    topics.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        topics,
        vec![
            (
                "Equity and providing RSC".into(),
                TrainingTopic::ProvidingRsc
            ),
            ("Equity in home visiting".into(), TrainingTopic::Dei),
            ("Infant mental health basics".into(), TrainingTopic::Iecmh),
        ]
    );

    // Saved again, a record is written in the new shape and reads back the same.
    let t = vault.hours().training()[0].clone();
    vault
        .hours_mut()
        .update_training(&t.id, t.content.clone())
        .unwrap();
    let s = vault.hours().sessions()[0].clone();
    vault
        .hours_mut()
        .update_session(&s.id, s.content.clone())
        .unwrap();
    vault.lock().unwrap();
    let vault = Vault::unlock(&dir, Unlock::Passphrase(HOURS_PASSPHRASE)).unwrap();
    assert_eq!(
        vault.hours().training_entry(&t.id).unwrap().content.topic,
        t.content.topic
    );
    assert_eq!(vault.hours().session(&s.id).unwrap().content, s.content);
    vault.lock().unwrap();
}

/// The format-1 fixture (no hours logged then) still opens with its hour log empty.
#[test]
fn the_v1_fixture_opens_with_an_empty_hour_log() {
    let (_tmp, dir) = copy_of("tests/fixtures/vault-v1");
    let vault = Vault::unlock(&dir, Unlock::Passphrase("fixture passphrase v1")).unwrap();
    assert!(vault.damaged().is_empty());
    assert!(vault.hours().sessions().is_empty());
    assert!(vault.hours().training().is_empty());
    assert_eq!(vault.journal().list(&ReflectionFilter::default()).len(), 2);
    vault.lock().unwrap();
}
