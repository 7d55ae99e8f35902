//! The RSC a supervisor provides, in a real vault file: logged, locked, reopened, totalled
//! beside the RSC received; refused when dated ahead; older vaults open with none.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::hours::{Period, SessionFormat};
use attune_core::journal::today;
use attune_core::provided::ProvidedDraft;
use attune_core::views::provided_log;
use attune_core::{Error, Unlock, Vault};
use chrono::Days;
use common::hours::session;
use common::{new_vault, snapshot, PASS};

fn provided(days_ago: u64, minutes: u32, format: SessionFormat, who: &str) -> ProvidedDraft {
    ProvidedDraft {
        date: today() - Days::new(days_ago),
        minutes,
        format,
        modality: None,
        supervisee: who.into(),
        note: String::new(),
    }
}

#[test]
fn rsc_provided_survives_lock_and_is_totalled_beside_rsc_received() {
    let (dir, mut vault, _) = new_vault();
    vault
        .provided_mut()
        .add(provided(10, 60, SessionFormat::Individual, "Quillon M."))
        .unwrap();
    let group = vault
        .provided_mut()
        .add(provided(3, 90, SessionFormat::Group, "Tuesday group"))
        .unwrap();
    vault
        .hours_mut()
        .add_session(session("2026-03-02", 45, "Lucía Pérez", Some("imhm-c")))
        .unwrap();
    match vault
        .provided_mut()
        .add(provided(0, 60, SessionFormat::Individual, "Quillon M.").clone())
    {
        Ok(_) => {}
        Err(e) => panic!("today is allowed: {e}"),
    }
    let mut ahead = provided(0, 60, SessionFormat::Individual, "Quillon M.");
    ahead.date = today() + Days::new(1);
    match vault.provided_mut().add(ahead) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "date"),
        other => panic!("{other:?}"),
    }
    vault.lock().unwrap();
    for bytes in snapshot(dir.path()).values() {
        assert!(
            !String::from_utf8_lossy(bytes).contains("Quillon"),
            "a supervisee's name is on disk"
        );
    }

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let all = Period {
        from: None,
        to: None,
    };
    let log = provided_log(&vault, all);
    assert_eq!(log.sessions.len(), 3);
    assert_eq!(log.sessions[0].content.date, today(), "newest first");
    assert_eq!(log.provided.minutes, 210);
    assert_eq!(log.provided.group_minutes, 90);
    assert_eq!(log.provided.supervisees, 2);
    assert_eq!((log.received_sessions, log.received_minutes), (1, 45));

    vault.provided_mut().delete(&group.id).unwrap();
    vault.lock().unwrap();
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(provided_log(&vault, all).provided.minutes, 120);
}

/// Vaults made before this log existed open with it empty and take new sessions.
#[test]
fn vaults_from_before_the_provided_log_open_with_an_empty_one() {
    for (fixture, pass) in [
        ("tests/fixtures/vault-v1", "fixture passphrase v1"),
        ("tests/fixtures/vault-v2", "fixture passphrase v2"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        for e in std::fs::read_dir(&src).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
        let mut vault = Vault::unlock(tmp.path(), Unlock::Passphrase(pass)).unwrap();
        assert!(vault.provided().sessions().is_empty());
        vault
            .provided_mut()
            .add(provided(1, 60, SessionFormat::Group, "Tuesday group"))
            .unwrap();
        vault.lock().unwrap();
        let vault = Vault::unlock(tmp.path(), Unlock::Passphrase(pass)).unwrap();
        assert_eq!(vault.provided().sessions().len(), 1);
    }
}
