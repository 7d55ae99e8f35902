//! Files handed to the app by the desktop, as a file manager or a mail program opens them
//! (`attune-desktop --vault DIR FILE`): the unlock screen says what will be opened, and after
//! the unlock the file opens on its page with no dialog: a share is received, a contact card
//! added. Screenshots of the unlock screen and of the share received.

use std::path::Path;

use attune_core::share::{ContactRef, Section, ShareEntry, ShareRequest};
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, Role, Vault};
use attune_e2e::built::{desktop_app, unlock_when_free};
use attune_e2e::driver::{session_with_args, ONE_AT_A_TIME};
use attune_e2e::page::{accessible, heading, shoot, shown, text_of, until};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the porch light left on";

fn vault(dir: &Path, name: &str, role: Role) -> Vault {
    let options = CreateOptions {
        name: Some(name.into()),
        role,
        kdf: KdfParams::MINIMUM,
    };
    Vault::create(dir, PASSPHRASE, &options).unwrap().0
}

/// A supervisor's vault that knows and verified a practitioner, the practitioner's share of
/// one reflection for her, and the card of a third person she does not know yet.
fn files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let s_dir = dir.join("ana");
    let mut s = vault(&s_dir, "Ana Ruiz", Role::Supervisor);
    let mut p = vault(&dir.join("sam"), "Sam Lee", Role::Practitioner);
    let s_card = s.sharing_mut().my_card().unwrap();
    let p_card = p.sharing_mut().my_card().unwrap();
    let (s_fp, p_fp) = (
        s_card.fingerprint().to_string(),
        p_card.fingerprint().to_string(),
    );
    s.sharing_mut().add_contact(p_card).unwrap();
    s.sharing_mut().verify_contact(&p_fp).unwrap();
    p.sharing_mut().add_contact(s_card).unwrap();
    p.sharing_mut().verify_contact(&s_fp).unwrap();
    let draft: ReflectionDraft = serde_json::from_value(serde_json::json!({
        "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
        "tags": [], "parent_infant": "", "practitioner_parent": "",
        "supervisor_practitioner": "", "self": "I felt rushed.", "for_supervision": ""
    }))
    .unwrap();
    let r = p.journal_mut().add(draft).unwrap();
    let (bytes, _) = p
        .sharing_mut()
        .create_share(&ShareRequest {
            to: ContactRef::Fingerprint(s_fp),
            entries: vec![ShareEntry {
                id: r.id,
                sections: vec![Section::SelfReflection],
            }],
            hours: None,
        })
        .unwrap();
    p.lock().unwrap();
    s.lock().unwrap();
    let share = dir.join("from sam.attune-share");
    std::fs::write(&share, bytes).unwrap();
    let mut other = vault(&dir.join("kim"), "Kim Park", Role::Practitioner);
    let card = dir.join("kim.attune-card");
    std::fs::write(&card, other.sharing_mut().my_card().unwrap().to_text()).unwrap();
    other.lock().unwrap();
    (s_dir, share, card)
}

#[tokio::test(flavor = "current_thread")]
async fn a_share_and_a_card_opened_from_the_desktop() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (s_dir, share, card) = files(tmp.path());
    let app = desktop_app();

    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run1"),
        &s_dir,
        &app,
        &[share.to_str().unwrap()],
    )
    .await;
    let result = share_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the share opened from the desktop was not received");
    quit.unwrap();
    drop((_x, _d));

    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run2"),
        &s_dir,
        &app,
        &[card.to_str().unwrap()],
    )
    .await;
    let result = card_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the card opened from the desktop was not added");
    quit.unwrap();

    let v = unlock_when_free(&s_dir, PASSPHRASE).unwrap();
    let contacts = v.sharing().contacts();
    assert!(
        contacts
            .iter()
            .any(|c| c.card.name() == "Kim Park" && !c.verified),
        "the card is added, not verified"
    );
    v.lock().unwrap();
}

/// Unlocks; the page the file opens on comes next, not the journal.
async fn type_passphrase(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "secret")
        .await?
        .send_keys(PASSPHRASE.to_string() + Key::Enter)
        .await
}

async fn share_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune receives the share from sam.attune-share."
    );
    shoot(driver, "49-unlock-with-a-file").await?;
    accessible(driver, "unlock with a file handed over").await?;
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the share received",
        "(document.getElementById('receive-status')?.textContent ?? '').startsWith('Received')",
    )
    .await?;
    let status = text_of(driver, "receive-status").await?;
    assert!(status.contains("1 reflection"), "{status}");
    shoot(driver, "50-share-opened-from-the-desktop").await?;
    Ok(())
}

async fn card_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune adds the contact card kim.attune-card."
    );
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the card added",
        "(document.body.textContent ?? '').includes('Kim Park')",
    )
    .await?;
    Ok(())
}
