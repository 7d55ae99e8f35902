//! The application portfolio in a real vault file: items saved, locked, reopened, edited,
//! deleted; older vaults open with an empty portfolio; nothing readable on disk.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::portfolio::{checklist, ItemStatus, PortfolioItemDraft, PortfolioPart, RaterRole};
use attune_core::{Error, Unlock, Vault};
use chrono::NaiveDate;
use common::{new_vault, snapshot, PASS};

fn reference(title: &str) -> PortfolioItemDraft {
    PortfolioItemDraft {
        part: PortfolioPart::Reference,
        title: title.into(),
        status: ItemStatus::Requested,
        date: NaiveDate::from_ymd_opt(2026, 10, 1),
        rater_role: Some(RaterRole::RscProvider),
        known_months: Some(26),
        note: "asked after our October session".into(),
    }
}

#[test]
fn portfolio_items_survive_lock_and_unlock_and_go_when_deleted() {
    let (dir, mut vault, _) = new_vault();
    let a = vault
        .portfolio_mut()
        .add(reference("Quillon Marchetti-Abara"))
        .unwrap();
    let b = vault
        .portfolio_mut()
        .add(PortfolioItemDraft {
            part: PortfolioPart::Education,
            title: "MSW, Wayne State University".into(),
            status: ItemStatus::Done,
            date: NaiveDate::from_ymd_opt(2019, 5, 4),
            rater_role: None,
            known_months: None,
            note: String::new(),
        })
        .unwrap();
    vault.lock().unwrap();
    for bytes in snapshot(dir.path()).values() {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("Marchetti"), "a rater's name is on disk");
        assert!(!text.contains("Wayne State"), "a degree is on disk");
    }

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let parts: Vec<PortfolioPart> = vault
        .portfolio()
        .items()
        .iter()
        .map(|i| i.content.part)
        .collect();
    assert_eq!(parts, [PortfolioPart::Education, PortfolioPart::Reference]);
    assert_eq!(vault.portfolio().item(&a.id).unwrap().content, a.content);

    let mut done = a.content.clone();
    done.status = ItemStatus::Done;
    let edited = vault.portfolio_mut().update(&a.id, done).unwrap();
    assert_eq!(edited.created_at, a.created_at);
    vault.portfolio_mut().delete(&b.id).unwrap();
    assert!(matches!(
        vault.portfolio_mut().delete(&b.id),
        Err(Error::NotFound { .. })
    ));
    vault.lock().unwrap();

    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let items = vault.portfolio().items();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].content.status, ItemStatus::Done);
    let c = checklist(Some("imh-e/imhs"), items).unwrap();
    assert_eq!((c.parts[2].done, c.parts[2].requested), (1, 0));
}

#[test]
fn a_bad_item_is_refused_whole_and_nothing_is_saved() {
    let (dir, mut vault, _) = new_vault();
    let mut bad = reference("Sam Rivera");
    bad.part = PortfolioPart::Membership;
    match vault.portfolio_mut().add(bad) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "rater_role"),
        other => panic!("{other:?}"),
    }
    vault.lock().unwrap();
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(vault.portfolio().items().is_empty());
}

/// Vaults made before the portfolio existed (the committed format-1 and format-2 fixtures)
/// open with an empty portfolio and take new items.
#[test]
fn vaults_from_before_the_portfolio_open_with_an_empty_one() {
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
        assert!(vault.damaged().is_empty());
        assert!(vault.portfolio().items().is_empty());
        vault.portfolio_mut().add(reference("Sam Rivera")).unwrap();
        vault.lock().unwrap();
        let vault = Vault::unlock(tmp.path(), Unlock::Passphrase(pass)).unwrap();
        assert_eq!(vault.portfolio().items().len(), 1);
    }
}
