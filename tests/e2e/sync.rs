//! Sync in the window (issue 19). First: a journal mirrored into a synced folder (turned on
//! by the core library before the app starts: GTK's folder chooser did not take a typed path
//! reliably under Xvfb) shows its folder and this computer's name; another device (a second
//! vault, joined from the folder) writes a reflection; "Sync now" in the window brings it in,
//! names the other device, and the journal shows it. Screenshots of the section, and of it and
//! the other spellings of one's name (Sharing → Contacts) dark at the largest text.
//!
//! Second: a new computer opens the journal from the folder on the first screen. The folder
//! is typed into the field that the "Choose…" dialog fills (the same field a person can paste
//! a path into; the GTK dialog itself is not driven, as above). Wrong folder and wrong
//! passphrase are refused on their fields; then the journal opens. A reflection edited on both
//! computers at once (on the laptop through core, here in the editor) reaches the laptop by
//! itself after the save, the laptop's edit reaches the window by itself when the folder
//! changes, the window shows "Also edited on Agency laptop" with a comparison, and "Keep the
//! other" settles it on both. Screenshots of the join screen and of the comparison, normal and
//! dark at the largest text.

use std::path::Path;
use std::time::{Duration, Instant};

use attune_e2e::built::{desktop_app, note, quick_vault};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, dark_and_larger, erase, heading, retype, shoot, shown, text_of, unlock_with, until,
    until_text,
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

#[tokio::test(flavor = "current_thread")]
async fn a_new_computer_opens_the_journal_from_the_folder_and_settles_an_edit_made_on_both() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let mut laptop = quick_vault(&tmp.path().join("laptop"), PASSPHRASE);
    let visit = laptop.journal_mut().add(note("Visit with M.")).unwrap().id;
    laptop.sync_enable(&folder, "Agency laptop").unwrap();

    // The new computer: no journal yet.
    let home = tmp.path().join("home-vault");
    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &home, &desktop_app()).await;
    let result = joined(&driver, tmp.path(), &folder, &mut laptop, &visit).await;
    let quit = driver.quit().await;
    result.expect("the join story failed");
    quit.expect("the WebDriver session did not close");
    laptop.lock().unwrap();
}

/// Sets how the app looks through its own command and loads the page again (the first
/// screen reads it at load), as a person's earlier choice in Settings would.
async fn looks(driver: &WebDriver, theme: &str, size: &str) -> WebDriverResult<()> {
    driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI_INTERNALS__.invoke('set_appearance', { appearance: { theme: arguments[0], text_size: arguments[1] } })\
               .then(() => done(true), (e) => done(String(e)));",
            vec![serde_json::json!(theme), serde_json::json!(size)],
        )
        .await?;
    driver
        .execute("window.location.reload();", Vec::new())
        .await?;
    heading(driver, "Create your journal").await
}

/// Waits, longer than usual, for what sync brings by itself: the app lists the folder every
/// 15 seconds.
async fn until_synced(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let held = driver
            .execute(
                "return document.getElementById(arguments[0])?.textContent ?? '';",
                vec![serde_json::json!(id)],
            )
            .await?;
        let held = held.json().as_str().unwrap_or_default().to_owned();
        if held
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(text)
        {
            return Ok(());
        }
        assert!(
            Instant::now() < deadline,
            "#{id} never said {text:?}: {held:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Syncs the laptop until `done` says what it holds is there (the window syncs by itself).
async fn laptop_until(
    laptop: &mut attune_core::Vault,
    what: &str,
    done: impl Fn(&attune_core::Vault) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        laptop.sync_now().expect("the laptop syncs");
        if done(laptop) {
            return;
        }
        assert!(Instant::now() < deadline, "the laptop never got {what}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Scrolls the control into view inside its scrolling card or pane (WebKit's driver does not
/// always), then clicks it.
async fn press(driver: &WebDriver, id: &str) -> WebDriverResult<()> {
    let control = shown(driver, id).await?;
    control.scroll_into_view().await?;
    control.click().await
}

async fn joined(
    driver: &WebDriver,
    tmp: &Path,
    folder: &Path,
    laptop: &mut attune_core::Vault,
    visit: &str,
) -> WebDriverResult<()> {
    heading(driver, "Create your journal").await?;
    // The join screen, dark at the largest text first, then as most people see it.
    looks(driver, "dark", "larger").await?;
    press(driver, "join-synced").await?;
    heading(driver, "Open your journal from a synced folder").await?;
    shoot(driver, "71-join-synced-folder-dark-larger").await?;
    looks(driver, "system", "normal").await?;
    press(driver, "join-synced").await?;
    heading(driver, "Open your journal from a synced folder").await?;
    assert_eq!(
        attune_e2e::page::active_id(driver).await?,
        "join-folder",
        "the folder field takes focus"
    );

    // Nothing typed: the folder is asked for first.
    press(driver, "join").await?;
    until_text(driver, "join-folder-error", "Choose the synced folder").await?;
    // A folder that is not one.
    retype(driver, "join-folder", tmp.to_str().unwrap()).await?;
    retype(driver, "join-secret", PASSPHRASE).await?;
    retype(driver, "join-device", "Home computer").await?;
    press(driver, "join").await?;
    until_text(
        driver,
        "join-folder-error",
        "is not an Attune synced folder",
    )
    .await?;
    shoot(driver, "71-join-not-a-synced-folder").await?;
    accessible(driver, "join").await?;
    // The right folder, a wrong passphrase (the typed one is not kept).
    retype(driver, "join-folder", folder.to_str().unwrap()).await?;
    retype(driver, "join-secret", "the kettle on the right").await?;
    press(driver, "join").await?;
    until_text(driver, "join-secret-error", "does not open this journal").await?;
    assert!(!attune_core::Vault::exists(&tmp.join("home-vault")));
    retype(driver, "join-secret", PASSPHRASE).await?;
    press(driver, "join").await?;
    until_text(driver, "results", "Visit with M.").await?;
    shoot(driver, "71-joined-journal").await?;

    // The laptop edits the visit (not synced yet); so does this computer, in the editor.
    let mut theirs = laptop.journal().get(visit).unwrap().content.clone();
    theirs.self_ = "Written on the laptop.".into();
    laptop.journal_mut().update(visit, theirs).unwrap();
    driver
        .find(By::Css(format!("#results .item[data-id='{visit}']")))
        .await?
        .click()
        .await?;
    until(
        driver,
        "the visit open",
        "document.getElementById('self')?.value === 'held'",
    )
    .await?;
    retype(driver, "self", "Written at home.").await?;
    until_text(driver, "save-status", "Saved at").await?;

    // No "Sync now": the save reaches the laptop by itself.
    laptop_until(laptop, "the edit saved at home", |l| {
        l.journal()
            .get(visit)
            .is_some_and(|r| r.content.self_ == "Written at home.")
    })
    .await;
    let at_laptop = laptop.revisions(visit).unwrap();
    assert_eq!(at_laptop.len(), 1, "the laptop keeps its own edit beside");
    assert_eq!(at_laptop[0].device, "Agency laptop");

    // And the laptop's edit reaches the window by itself (the folder changed).
    until_synced(driver, "kept-revision-0", "Also edited on Agency laptop").await?;
    until_text(driver, "results", "Edited on two devices").await?;
    press(driver, "revision-compare-0").await?;
    until_text(driver, "revision-versions-0", "Written on the laptop.").await?;
    let versions = text_of(driver, "revision-versions-0").await?;
    assert!(versions.contains("Written at home."), "{versions}");
    assert!(versions.contains("From Agency laptop"), "{versions}");
    shown(driver, "kept-revision-0")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "72-kept-revision-compare").await?;
    accessible(driver, "kept revision").await?;

    // Dark at the largest text: Settings says that sync runs by itself; then the comparison.
    dark_and_larger(driver).await?;
    let sync = shown(driver, "sync-auto").await?;
    sync.scroll_into_view().await?;
    until_text(driver, "sync-status", "Agency laptop").await?;
    shoot(driver, "72-settings-sync-auto-dark-larger").await?;
    shown(driver, "nav-journal").await?.click().await?;
    if driver
        .find_all(By::Id("revision-versions-0"))
        .await?
        .is_empty()
    {
        driver
            .find(By::Css(format!("#results .item[data-id='{visit}']")))
            .await?
            .click()
            .await?;
        press(driver, "revision-compare-0").await?;
    }
    let compare = shown(driver, "revision-versions-0").await?;
    compare.scroll_into_view().await?;
    shoot(driver, "72-kept-revision-compare-dark-larger").await?;

    // Keep the other: the laptop's words, the notice and the mark go.
    shown(driver, "revision-keep-other-0")
        .await?
        .click()
        .await?;
    until_text(
        driver,
        "revision-kept",
        "Kept the version from Agency laptop",
    )
    .await?;
    until(
        driver,
        "the laptop's words in the editor",
        "document.getElementById('self')?.value === 'Written on the laptop.'",
    )
    .await?;
    until(
        driver,
        "the list unmarked",
        "!document.getElementById('results').textContent.includes('Edited on two devices')",
    )
    .await?;
    assert!(driver.find_all(By::Id("kept-revision-0")).await?.is_empty());
    until_text(
        driver,
        "revision-kept",
        "Kept the version from Agency laptop",
    )
    .await?;
    shoot(driver, "72-kept-revision-settled-dark-larger").await?;

    // Settled on the laptop too, by itself.
    laptop_until(laptop, "the version kept", |l| {
        l.journal()
            .get(visit)
            .is_some_and(|r| r.content.self_ == "Written on the laptop.")
            && l.revisions(visit).is_ok_and(|r| r.is_empty())
    })
    .await;

    // Unsaved words here (emptied, so nothing saves) when the laptop's next edit arrives:
    // they are not replaced, and the laptop's version is shown beside them.
    erase(driver, "title").await?;
    erase(driver, "self").await?;
    until_text(driver, "save-status", "Not saved yet").await?;
    let mut later = laptop.journal().get(visit).unwrap().content.clone();
    later.self_ = "Added on the laptop later.".into();
    laptop.journal_mut().update(visit, later).unwrap();
    laptop.sync_now().unwrap();
    until_synced(driver, "changed-meanwhile", "Added on the laptop later.").await?;
    until(
        driver,
        "the unsaved words kept",
        "document.getElementById('self')?.value === ''",
    )
    .await?;
    shown(driver, "changed-meanwhile")
        .await?
        .scroll_into_view()
        .await?;
    driver
        .find(By::Css("#changed-meanwhile summary"))
        .await?
        .click()
        .await?;
    shoot(driver, "73-changed-meanwhile-dark-larger").await?;
    accessible(driver, "changed meanwhile").await?;
    press(driver, "changed-meanwhile-dismiss").await?;
    assert!(driver
        .find_all(By::Id("changed-meanwhile"))
        .await?
        .is_empty());
    // Saved: the words written here are the newest version, and the laptop's, which the
    // writer never had in front of them, is kept beside them (here and on the laptop).
    shown(driver, "title")
        .await?
        .send_keys("Visit with M., again")
        .await?;
    until_text(driver, "save-status", "Saved at").await?;
    until_text(driver, "kept-revision-0", "Agency laptop").await?;
    shown(driver, "kept-revision-0")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "73-changed-meanwhile-kept-dark-larger").await?;
    laptop_until(laptop, "the title, with the laptop's words kept", |l| {
        l.journal()
            .get(visit)
            .is_some_and(|r| r.content.title == "Visit with M., again")
            && l.revisions(visit).is_ok_and(|r| {
                r.len() == 1 && r[0].reflection.content.self_ == "Added on the laptop later."
            })
    })
    .await;
    Ok(())
}
