//! Settings keep every change without a Save button: the idle minutes typed and left for the
//! Journal are there on coming back (and in the vault, for the next process), the names to
//! avoid typed and left by a keyboard shortcut too; each field says "Saved" beside itself, and
//! an invalid value is told beside its field and not applied. About says the version, where
//! the journal and the logs are, and the licence. Screenshots at the largest text, dark and
//! light.

use std::path::Path;

use attune_core::{Unlock, Vault};
use attune_e2e::built::{desktop_app, quick_vault};
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, heading, lock_by_keyboard, retype, shoot, shown, text_of, unlock_with, until,
    until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the garden gate swings both ways";

#[tokio::test(flavor = "current_thread")]
async fn settings_keep_every_change_without_a_save_button() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    quick_vault(&vault, PASSPHRASE).lock().unwrap();
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = settings_story(&driver, &vault, &tmp.path().join("home")).await;
    let quit = driver.quit().await;
    result.expect("the settings story failed");
    quit.expect("the WebDriver session did not close");

    // Another process opening the vault sees both changes.
    let opened = Vault::unlock(&vault, Unlock::Passphrase(PASSPHRASE)).unwrap();
    assert_eq!(opened.settings().auto_lock_minutes, 7);
    assert_eq!(opened.settings().names_to_avoid, ["Wren"]);
    assert!(opened.settings().provides_rsc);
    opened.lock().unwrap();
}

async fn open_settings(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await
}

async fn settings_story(driver: &WebDriver, vault: &Path, home: &Path) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    // A first reflection with no names to avoid yet: a tip points to them, and its button
    // opens Settings with the list ready to type in.
    driver
        .active_element()
        .await?
        .send_keys(Key::Control + "n")
        .await?;
    let tip = shown(driver, "names-tip").await?.text().await?;
    assert!(tip.contains("names to avoid"), "{tip}");
    shown(driver, "names-tip-open").await?.click().await?;
    heading(driver, "Settings").await?;
    until(
        driver,
        "the names field focused",
        "document.activeElement?.id === 'names'",
    )
    .await?;
    assert!(
        driver.find_all(By::Id("save-settings")).await?.is_empty(),
        "no Save button is left to forget"
    );

    // The largest text in the dark theme: applied at once, each saying "Saved".
    driver
        .find(By::Css("input[name='theme'][value='dark']"))
        .await?
        .click()
        .await?;
    until_text(driver, "theme-status", "Saved").await?;
    driver
        .find(By::Css("input[name='text-size'][value='larger']"))
        .await?
        .click()
        .await?;
    until_text(driver, "text-size-status", "Saved").await?;
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await?;

    // The idle minutes, typed and left for the Journal without pressing anything.
    retype(driver, "auto-lock", "7").await?;
    shown(driver, "nav-journal").await?.click().await?;
    shown(driver, "search").await?;
    open_settings(driver).await?;
    let minutes = shown(driver, "auto-lock").await?.value().await?;
    assert_eq!(minutes.as_deref(), Some("7"), "the idle minutes were lost");

    // The names to avoid, typed and left by a keyboard shortcut while the field has focus.
    let names = shown(driver, "names").await?;
    names.click().await?;
    names.send_keys("  Wren").await?;
    names.send_keys(Key::Control + "f").await?;
    shown(driver, "search").await?;
    open_settings(driver).await?;
    let kept = shown(driver, "names").await?.value().await?;
    assert_eq!(
        kept.as_deref(),
        Some("Wren"),
        "the names were lost (or not tidied)"
    );

    // Saved, and said so beside the field (committed with Enter).
    retype(driver, "auto-lock", "8").await?;
    shown(driver, "auto-lock")
        .await?
        .send_keys(Key::Enter)
        .await?;
    until_text(driver, "auto-lock-status", "Saved").await?;
    into_view(driver, "auto-lock").await?;
    shoot(driver, "settings-01-minutes-saved-dark-larger").await?;

    // An invalid value: told beside the field, not applied; fixing it clears the error.
    retype(driver, "auto-lock", "0").await?;
    shown(driver, "auto-lock")
        .await?
        .send_keys(Key::Enter)
        .await?;
    let error = text_of(driver, "auto-lock-error").await?;
    assert!(error.contains("from 1 to 240"), "{error}");
    let field = driver.find(By::Id("auto-lock")).await?;
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    let status = driver
        .find(By::Id("auto-lock-status"))
        .await?
        .text()
        .await?;
    assert!(!status.contains("Saved"), "{status}");
    into_view(driver, "auto-lock").await?;
    shoot(driver, "settings-01-minutes-invalid-dark-larger").await?;
    retype(driver, "auto-lock", "7").await?;
    until(
        driver,
        "the error gone once the value is fixed",
        "document.getElementById('auto-lock-error') === null",
    )
    .await?;
    shown(driver, "nav-journal").await?.click().await?;
    shown(driver, "search").await?;
    open_settings(driver).await?;
    assert_eq!(
        shown(driver, "auto-lock").await?.value().await?.as_deref(),
        Some("7")
    );

    // "About the RSC I provide" is asked only of those who say they provide RSC.
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "session-provider").await?;
    assert!(
        driver.find_all(By::Id("session-about")).await?.is_empty(),
        "a practitioner who provides no RSC is not asked about it"
    );
    open_settings(driver).await?;
    shown(driver, "provides-rsc").await?.click().await?;
    until_text(driver, "provides-rsc-status", "Saved").await?;
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "session-about").await?;
    open_settings(driver).await?;

    // About: the real folders of the running app, the version and the licence.
    let version = text_of(driver, "about-version").await?;
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert_eq!(
        text_of(driver, "about-vault").await?,
        vault.display().to_string()
    );
    let logs = text_of(driver, "about-logs").await?;
    assert_eq!(
        logs,
        home.join("data/org.attune.app/logs").display().to_string(),
        "the log folder under the app's XDG_DATA_HOME"
    );
    assert!(
        Path::new(&logs).is_dir(),
        "the app logs where About says: {logs}"
    );
    let license = text_of(driver, "about-license").await?;
    assert!(license.contains("AGPL-3.0-or-later"), "{license}");
    accessible(driver, "settings").await?;

    shoot_settings(driver, "dark").await?;
    driver
        .find(By::Css("input[name='theme'][value='light']"))
        .await?
        .click()
        .await?;
    until(
        driver,
        "the light theme",
        "document.documentElement.dataset.theme === 'light'",
    )
    .await?;
    accessible(driver, "settings, light").await?;
    shoot_settings(driver, "light").await?;
    // Locked, so that the vault is free for the next process.
    lock_by_keyboard(driver).await
}

/// Scrolls the element with this id to the middle of its pane.
async fn into_view(driver: &WebDriver, id: &str) -> WebDriverResult<()> {
    driver
        .execute(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'center'}); return true;",
            vec![serde_json::json!(id)],
        )
        .await?;
    Ok(())
}

/// The top of Settings and its About part, in `theme`.
async fn shoot_settings(driver: &WebDriver, theme: &str) -> WebDriverResult<()> {
    let scroll = |id: &str| {
        format!("document.getElementById('{id}').scrollIntoView({{block: 'start'}}); return true;")
    };
    driver
        .execute(&scroll("appearance-heading"), Vec::new())
        .await?;
    shoot(driver, &format!("settings-02-top-{theme}-larger")).await?;
    driver
        .execute(&scroll("privacy-heading"), Vec::new())
        .await?;
    shoot(driver, &format!("settings-03-locking-{theme}-larger")).await?;
    driver.execute(&scroll("about-heading"), Vec::new()).await?;
    shoot(driver, &format!("settings-04-about-{theme}-larger")).await
}
