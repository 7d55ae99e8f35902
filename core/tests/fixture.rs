//! Committed vaults of every format version ever shipped. They stay forever: later versions
//! must keep reading them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use attune_core::{ReflectionFilter, Unlock, Vault};

/// The passphrase and recovery key of the committed fixtures (test data, not secrets).
const FIXTURE_PASSPHRASE: &str = "fixture passphrase v1";
const FIXTURE_DIR: &str = "tests/fixtures/vault-v1";

fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    // Work on a copy: opening may run migrations, and the fixture must never change.
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_DIR);
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let dir = tmp.path().to_path_buf();
    (tmp, dir)
}

#[test]
fn format_v1_fixture_opens_with_passphrase_and_recovery_key() {
    let (_tmp, dir) = fixture_copy();
    let vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_PASSPHRASE)).unwrap();
    assert!(vault.damaged().is_empty());
    assert_eq!(vault.profile().name, "Fixture Practitioner");
    let list = vault.journal().list(&ReflectionFilter::default());
    let titles: Vec<&str> = list.iter().map(|r| r.content.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Supervision with Lucía", "First visit with the Rowans"]
    );
    let first = list[1];
    assert_eq!(first.content.family, "Rowan");
    assert_eq!(first.content.tags, vec!["sleep", "feeding"]);
    assert!(first.content.parent_infant.contains("held the baby"));
    assert_eq!(
        vault
            .journal()
            .search("lucia", &ReflectionFilter::default())
            .len(),
        1
    );
    vault.lock().unwrap();
    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1.recovery-key"),
    )
    .unwrap();
    Vault::unlock(&dir, Unlock::RecoveryKey(key.trim()))
        .unwrap()
        .lock()
        .unwrap();
}

/// Writes the v1 fixture. Run once, by hand, when format 1 was current:
/// `cargo test -p attune-core --test fixture -- --ignored make_fixture_v1`
#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_fixture_v1() {
    use attune_core::{CreateOptions, ReflectionDraft, ReflectionKind};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_DIR);
    assert!(
        !dir.exists(),
        "the fixture exists; it must never be rewritten"
    );
    let options = CreateOptions {
        name: Some("Fixture Practitioner".into()),
        ..CreateOptions::default()
    };
    let (mut vault, key) = Vault::create(&dir, FIXTURE_PASSPHRASE, &options).unwrap();
    let date = |d| chrono::NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
    vault
        .journal_mut()
        .add(ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: date(6),
            title: "First visit with the Rowans".into(),
            family: "Rowan".into(),
            tags: vec!["sleep".into(), "feeding".into()],
            parent_infant: "The mother held the baby close and watched her face.".into(),
            practitioner_parent: "She asked me twice whether she was doing it right.".into(),
            supervisor_practitioner: "I want the same patience from my supervisor.".into(),
            self_: "I felt tired and protective.".into(),
            for_supervision: "My urge to reassure.".into(),
        })
        .unwrap();
    vault
        .journal_mut()
        .add(ReflectionDraft {
            kind: ReflectionKind::Supervision,
            date: date(9),
            title: "Supervision with Lucía".into(),
            family: String::new(),
            tags: vec![],
            parent_infant: String::new(),
            practitioner_parent: String::new(),
            supervisor_practitioner: "We talked about slowing down.".into(),
            self_: String::new(),
            for_supervision: String::new(),
        })
        .unwrap();
    vault.lock().unwrap();
    std::fs::write(
        dir.with_extension("recovery-key"),
        format!("{}\n", key.to_display().as_str()),
    )
    .unwrap();
}
