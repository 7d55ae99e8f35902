//! Sync from Settings (issue 19): a journal mirrored into a synced folder (turned on by the
//! core library before the app starts: GTK's folder chooser did not take a typed path
//! reliably under Xvfb) shows its folder and this computer's name; another device (a second
//! vault, joined from the folder) writes a reflection; "Sync now" in the window brings it in,
//! names the other device, and the journal shows it. Screenshots of the section, and of it and
//! the other spellings of one's name (Sharing → Contacts) dark at the largest text.

use std::path::Path;

use attune_e2e::built::{desktop_app, note, quick_vault};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, dark_and_larger, heading, shoot, shown, text_of, unlock_with, until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the kettle on the left";

#[tokio::test(flavor = "current_thread")]
async fn a_journal_synced_from_settings_takes_in_another_devices_reflection() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let folder = tmp.path().join("Sync");
    std::fs::create_dir_all(&folder).unwrap();
    let mut v = quick_vault(&vault, PASSPHRASE);
    v.journal_mut().add(note("Written on the laptop")).unwrap();
    v.set_name("Ana Ruiz").unwrap();
    v.sync_enable(&folder, "Agency laptop").unwrap();
    v.lock().unwrap();

    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = story(&driver, tmp.path(), &folder).await;
    let quit = driver.quit().await;
    result.expect("the sync story failed");
    quit.expect("the WebDriver session did not close");
}

async fn story(driver: &WebDriver, tmp: &Path, folder: &Path) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    shown(driver, "sync-heading")
        .await?
        .scroll_into_view()
        .await?;
    until_text(driver, "sync-status", "Agency laptop").await?;
    until_text(driver, "sync-status", "None yet").await?;
    let status = text_of(driver, "sync-status").await?;
    assert!(status.contains(folder.to_str().unwrap()), "{status}");

    // The home computer joins from the folder and writes there.
    let home_dir = tmp.join("home-vault");
    let mut home = attune_core::Vault::sync_join(
        &home_dir,
        folder,
        attune_core::Unlock::Passphrase(PASSPHRASE),
        "Home computer",
    )
    .expect("the home computer joins");
    assert_eq!(home.journal().len(), 1, "the laptop's reflection arrived");
    home.journal_mut().add(note("Written at home")).unwrap();
    home.sync_now().expect("the home computer syncs");
    home.lock().unwrap();

    shown(driver, "sync-now").await?.click().await?;
    until_text(driver, "sync-result", "Up to date").await?;
    until_text(driver, "sync-status", "Home computer").await?;
    shoot(driver, "70-settings-sync").await?;
    accessible(driver, "sync").await?;

    shown(driver, "nav-journal").await?.click().await?;
    until_text(driver, "results", "Written at home").await?;
    let list = text_of(driver, "results").await?;
    assert!(list.contains("Written on the laptop"), "{list}");

    // This section and the other spellings of one's name, dark at the largest text.
    dark_and_larger(driver).await?;
    shown(driver, "sync-heading")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "70-settings-sync-dark-larger").await?;
    shown(driver, "nav-sharing").await?.click().await?;
    shown(driver, "sharing-contacts").await?.click().await?;
    // A practitioner's vault: the section is folded until opened.
    let summary = shown(driver, "provider-spellings-summary").await?;
    summary.scroll_into_view().await?;
    summary.click().await?;
    shown(driver, "provider-spellings")
        .await?
        .send_keys("A. Ruiz")
        .await?;
    shoot(driver, "68-provider-spellings-dark-larger").await?;
    Ok(())
}
