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

/// A migration is always preceded by a backup of the vault as it was (still format 1),
/// which restores into a format-1 vault that opens and migrates in its turn.
#[test]
fn a_backup_of_the_format_1_vault_is_taken_before_it_migrates() {
    let (_tmp, dir) = fixture_copy();
    Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_PASSPHRASE))
        .unwrap()
        .lock()
        .unwrap();
    let kept = attune_core::backup::list(&dir.join("backups")).unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let m = kept[0].manifest.as_ref().unwrap();
    assert_eq!(m.reason, attune_core::backup::BackupReason::BeforeMigration);
    assert_eq!(m.vault_format, 1);
    let v =
        attune_core::vault::verify_backup(&kept[0].path, Unlock::Passphrase(FIXTURE_PASSPHRASE))
            .unwrap();
    assert_eq!(v.manifest.records.get("reflection"), Some(&2));
    // Opening again migrates nothing, so takes no second backup.
    Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_PASSPHRASE))
        .unwrap()
        .lock()
        .unwrap();
    assert_eq!(
        attune_core::backup::list(&dir.join("backups"))
            .unwrap()
            .len(),
        1
    );
    let back = tempfile::tempdir().unwrap();
    attune_core::vault::restore_backup(
        &kept[0].path,
        Unlock::Passphrase(FIXTURE_PASSPHRASE),
        back.path(),
    )
    .unwrap();
    let v = Vault::unlock(back.path(), Unlock::Passphrase(FIXTURE_PASSPHRASE)).unwrap();
    assert_eq!(v.journal().len(), 2);
    v.lock().unwrap();
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

/// The format-2 fixture: a vault made when format 2 was current, with records of the journal,
/// the hours and sharing, and a reflection deleted (so the epoch key has rotated).
const FIXTURE_V2_DIR: &str = "tests/fixtures/vault-v2";
const FIXTURE_V2_PASSPHRASE: &str = "fixture passphrase v2";

fn copy_dir(src: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let dir = tmp.path().to_path_buf();
    (tmp, dir)
}

#[test]
fn format_v2_fixture_opens_with_passphrase_and_recovery_key() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_V2_DIR);
    let (_tmp, dir) = copy_dir(&src);
    let mut vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_V2_PASSPHRASE)).unwrap();
    assert!(vault.damaged().is_empty());
    assert_eq!(vault.profile().name, "Fixture Supervisee");
    let list = vault.journal().list(&ReflectionFilter::default());
    let titles: Vec<&str> = list.iter().map(|r| r.content.title.as_str()).collect();
    assert_eq!(titles, vec!["After the Rowan visit"]);
    assert_eq!(vault.hours().sessions().len(), 1);
    assert_eq!(vault.hours().sessions()[0].content.minutes, 60);
    assert_eq!(
        vault
            .sharing_mut()
            .my_card()
            .unwrap()
            .fingerprint()
            .to_string(),
        std::fs::read_to_string(src.with_extension("fingerprint"))
            .unwrap()
            .trim()
    );
    vault.lock().unwrap();
    let dates = Vault::key_dates(&dir).unwrap();
    assert!(dates.passphrase_set_at.is_some() && dates.recovery_key_made_at.is_some());
    let key = std::fs::read_to_string(src.with_extension("recovery-key")).unwrap();
    Vault::unlock(&dir, Unlock::RecoveryKey(key.trim()))
        .unwrap()
        .lock()
        .unwrap();
}

/// A format-1 vault opened by its passphrase becomes format 2 but keeps its format-1
/// recovery slot (it cannot be re-wrapped without the recovery key): a passphrase change
/// then says the vault key did not rotate, and a new recovery key completes it.
#[test]
fn a_format_1_vault_keeps_working_and_rotates_once_it_has_a_new_recovery_key() {
    let (_tmp, dir) = fixture_copy();
    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1.recovery-key"),
    )
    .unwrap();
    let mut vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_PASSPHRASE)).unwrap();
    assert_eq!(
        Vault::key_dates(&dir).unwrap(),
        attune_core::KeyDates::default()
    );
    let change = vault
        .change_passphrase(FIXTURE_PASSPHRASE, "a second passphrase")
        .unwrap();
    assert!(!change.vault_key_rotated);
    vault.lock().unwrap();
    // The old recovery key still opens it, and so does the new passphrase.
    Vault::unlock(&dir, Unlock::RecoveryKey(key.trim()))
        .unwrap()
        .lock()
        .unwrap();
    let mut vault = Vault::unlock(&dir, Unlock::Passphrase("a second passphrase")).unwrap();
    let new_key = vault
        .new_recovery_key("a second passphrase")
        .unwrap()
        .to_display()
        .to_string();
    let change = vault
        .change_passphrase("a second passphrase", "a third passphrase")
        .unwrap();
    assert!(change.vault_key_rotated);
    assert_eq!(vault.journal().len(), 2);
    vault.lock().unwrap();
    let vault = Vault::unlock(&dir, Unlock::RecoveryKey(&new_key)).unwrap();
    assert_eq!(vault.journal().len(), 2);
    assert!(vault.damaged().is_empty());
    vault.lock().unwrap();
    assert!(matches!(
        Vault::unlock(&dir, Unlock::RecoveryKey(key.trim())),
        Err(attune_core::Error::WrongRecoveryKey)
    ));
}

/// Writes the v2 fixture. Run once, by hand, when format 2 was current:
/// `cargo test -p attune-core --test fixture -- --ignored make_fixture_v2`
#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_fixture_v2() {
    use attune_core::{CreateOptions, ReflectionDraft, ReflectionKind, SessionDraft};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_V2_DIR);
    assert!(
        !dir.exists(),
        "the fixture exists; it must never be rewritten"
    );
    let options = CreateOptions {
        name: Some("Fixture Supervisee".into()),
        ..CreateOptions::default()
    };
    let (mut vault, key) = Vault::create(&dir, FIXTURE_V2_PASSPHRASE, &options).unwrap();
    let date = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let draft = |title: &str| ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: date(30),
        title: title.into(),
        family: "Rowan".into(),
        tags: vec!["sleep".into()],
        parent_infant: "The father rocked the baby and hummed.".into(),
        practitioner_parent: "He wanted me to stay longer.".into(),
        supervisor_practitioner: String::new(),
        self_: "I felt welcome and a little unsure.".into(),
        for_supervision: String::new(),
    };
    vault
        .journal_mut()
        .add(draft("After the Rowan visit"))
        .unwrap();
    let gone = vault.journal_mut().add(draft("Deleted draft")).unwrap();
    vault.delete_reflection(&gone.id).unwrap();
    let session: SessionDraft = serde_json::from_value(serde_json::json!({
        "date": "2026-11-27", "minutes": 60, "format": "individual",
        "provider": "Lucía Pérez", "credential": "IMHM-C"
    }))
    .unwrap();
    vault.hours_mut().add_session(session).unwrap();
    let fingerprint = vault
        .sharing_mut()
        .my_card()
        .unwrap()
        .fingerprint()
        .to_string();
    vault.lock().unwrap();
    std::fs::write(
        dir.with_extension("recovery-key"),
        format!("{}\n", key.to_display().as_str()),
    )
    .unwrap();
    std::fs::write(
        dir.with_extension("fingerprint"),
        format!("{fingerprint}\n"),
    )
    .unwrap();
}

/// A vault written by the build of early December 2026, before providers had dated
/// credentials: each provider then had one credential, number and association, no date.
const FIXTURE_V2_HOURS_DIR: &str = "tests/fixtures/vault-v2-hours";
const FIXTURE_V2_HOURS_PASSPHRASE: &str = "fixture passphrase v2 hours";

/// Writes the vault-v2-hours fixture. Run once, by hand, with the build of early December
/// 2026: `cargo test -p attune-core --test fixture -- --ignored make_fixture_v2_hours`.
/// Providers are given as the JSON of that time, so that this still says what was written.
#[test]
#[ignore = "writes the committed fixture; run by hand only"]
fn make_fixture_v2_hours() {
    use attune_core::hours::ProviderDraft;
    use attune_core::{CreateOptions, SessionDraft};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_V2_HOURS_DIR);
    assert!(
        !dir.exists(),
        "the fixture exists; it must never be rewritten"
    );
    let options = CreateOptions {
        name: Some("Fixture Applicant".into()),
        ..CreateOptions::default()
    };
    let (mut vault, key) = Vault::create(&dir, FIXTURE_V2_HOURS_PASSPHRASE, &options).unwrap();
    for provider in [
        serde_json::json!({
            "name": "Lucía Pérez", "credential": "IMHM-C",
            "endorsement_number": "MI-12345", "association": "MI-AIMH"
        }),
        serde_json::json!({
            "name": "Ben Ode", "credential": null,
            "endorsement_number": "TX-777", "association": "First3Years"
        }),
    ] {
        let draft: ProviderDraft = serde_json::from_value(provider).unwrap();
        vault.hours_mut().add_provider(draft).unwrap();
    }
    for (date, provider, credential) in [
        ("2024-06-03", "Lucía Pérez", Some("IMHM-C")),
        ("2025-06-02", "Lucía Pérez", Some("IMHM-C")),
        ("2025-06-09", "Ben Ode", None),
        ("2025-06-16", "Ana Reyes", Some("IMHS")),
    ] {
        let session: SessionDraft = serde_json::from_value(serde_json::json!({
            "date": date, "minutes": 60, "format": "individual",
            "provider": provider, "credential": credential
        }))
        .unwrap();
        vault.hours_mut().add_session(session).unwrap();
    }
    vault.lock().unwrap();
    std::fs::write(
        dir.with_extension("recovery-key"),
        format!("{}\n", key.to_display().as_str()),
    )
    .unwrap();
}

/// Providers saved before credentials had dates (one credential, number and association)
/// open as one credential whose start is not known, keep their number and association, and
/// count as they did: under the credential each session was logged with.
#[test]
fn providers_from_before_dated_credentials_open_as_credentials_with_no_known_start() {
    use attune_core::hours::{HeldCredential, Period, ProviderDraft};
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_V2_HOURS_DIR);
    let (_tmp, dir) = copy_dir(&src);
    let mut vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_V2_HOURS_PASSPHRASE)).unwrap();
    assert!(vault.damaged().is_empty());
    let undated = |c: Option<&str>, number: &str, association: &str| HeldCredential {
        credential: c.map(str::to_owned),
        since: None,
        association: association.into(),
        endorsement_number: number.into(),
    };
    let book: Vec<(String, Vec<HeldCredential>)> = vault
        .hours()
        .providers()
        .iter()
        .map(|p| (p.content.name.clone(), p.content.credentials.clone()))
        .collect();
    assert_eq!(
        book,
        vec![
            (
                "Lucía Pérez".to_owned(),
                vec![undated(Some("IMHM-C"), "MI-12345", "MI-AIMH")]
            ),
            (
                "Ben Ode".to_owned(),
                vec![undated(None, "TX-777", "First3Years")]
            ),
            ("Ana Reyes".to_owned(), vec![undated(Some("IMHS"), "", "")]),
        ]
    );
    // Counted as logged: both of Lucía's sessions under IMHM-C.
    let rules = attune_core::hours::rule_set("imh-e/imhm-c").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let r = vault
        .hours()
        .summary(Period::ALL, Some(rules), today)
        .requirement
        .unwrap();
    assert_eq!(r.counted_minutes, 120);
    // Saved again with a date, it is written in the new form and reads back so.
    let p = vault.hours().provider_named("Lucía Pérez").unwrap().clone();
    let mut dated = p.content.credentials[0].clone();
    dated.since = chrono::NaiveDate::from_ymd_opt(2025, 1, 15);
    vault
        .hours_mut()
        .update_provider(
            &p.id,
            ProviderDraft {
                name: p.content.name.clone(),
                credentials: vec![dated.clone()],
            },
        )
        .unwrap();
    vault.lock().unwrap();
    let vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_V2_HOURS_PASSPHRASE)).unwrap();
    let p = vault.hours().provider_named("Lucía Pérez").unwrap();
    assert_eq!(p.content.credentials, vec![dated]);
    let r = vault
        .hours()
        .summary(Period::ALL, Some(rules), today)
        .requirement
        .unwrap();
    assert_eq!(
        r.counted_minutes, 60,
        "the 2024 session was before 2025-01-15"
    );
    vault.lock().unwrap();

    // The v2 fixture's provider, made from a session, reads the same way.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_V2_DIR);
    let (_tmp2, dir) = copy_dir(&src);
    let vault = Vault::unlock(&dir, Unlock::Passphrase(FIXTURE_V2_PASSPHRASE)).unwrap();
    assert_eq!(
        vault.hours().providers()[0].content.credentials,
        vec![undated(Some("IMHM-C"), "", "")]
    );
    vault.lock().unwrap();
}
