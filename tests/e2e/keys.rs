//! A new recovery key asks for the current passphrase: the dialog opens on a labelled
//! password field, a wrong passphrase is told on that field (and changes nothing), the right
//! one shows the new key once. The unlock screen, with the key dates where the vault records
//! them. After an unlock with the recovery key, a step asks for a new passphrase.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, active_id, heading, lock_by_keyboard, shoot, shown, text_of, unlock_with, until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a kettle singing on the stove";

#[tokio::test(flavor = "current_thread")]
async fn a_new_recovery_key_asks_for_the_passphrase() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, old_key) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    let old_key = old_key.to_display().to_string();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = new_key_flow(&driver).await;
    let quit = driver.quit().await;
    let new_key = result.expect("the new recovery key flow failed");
    quit.expect("the WebDriver session did not close");
    assert_ne!(new_key, old_key);
    let by_key =
        |key: &str| attune_core::Vault::unlock(&vault, attune_core::Unlock::RecoveryKey(key));
    assert!(matches!(
        by_key(&old_key),
        Err(attune_core::Error::WrongRecoveryKey)
    ));
    by_key(&new_key).unwrap().lock().unwrap();
}

async fn new_key_flow(driver: &WebDriver) -> WebDriverResult<String> {
    heading(driver, "Welcome back").await?;
    // The unlock screen says when the keys were set (the vault records it since format 2).
    let dates = shown(driver, "key-dates").await?.text().await?;
    assert!(
        dates.contains("Recovery key made on ") && dates.contains("Passphrase set on "),
        "{dates}"
    );
    shoot(driver, "keys-01-unlock").await?;
    accessible(driver, "unlock").await?;
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    // The rest of the story in the dark theme at the largest text, to see both at work.
    for choice in [
        "input[name='theme'][value='dark']",
        "input[name='text-size'][value='larger']",
    ] {
        driver.find(By::Css(choice)).await?.click().await?;
    }
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await?;
    shown(driver, "new-recovery-key").await?.click().await?;

    // The dialog opens on its passphrase field.
    shown(driver, "key-passphrase").await?;
    until(
        driver,
        "focus on the passphrase field",
        "document.activeElement?.id === 'key-passphrase'",
    )
    .await?;
    shoot(driver, "keys-02-new-key-dialog").await?;
    accessible(driver, "new recovery key dialog").await?;

    // Wrong: told on the field, which keeps focus; the dialog stays open.
    driver
        .active_element()
        .await?
        .send_keys("not my passphrase".to_string() + Key::Enter)
        .await?;
    let error = shown(driver, "key-passphrase-error").await?.text().await?;
    assert_eq!(error, "That passphrase does not open this journal.");
    let field = driver.find(By::Id("key-passphrase")).await?;
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    until(
        driver,
        "focus back on the passphrase field",
        "document.activeElement?.id === 'key-passphrase'",
    )
    .await?;
    assert_eq!(active_id(driver).await?, "key-passphrase");
    shoot(driver, "keys-03-new-key-wrong-passphrase").await?;

    // Right: the new key, shown once, confirmed with its last group.
    field.send_keys(PASSPHRASE.to_string() + Key::Enter).await?;
    shown(driver, "recovery-key").await?;
    let mut groups = Vec::new();
    for group in driver.find_all(By::Css("#recovery-key .group")).await? {
        groups.push(group.text().await?);
    }
    assert_eq!(groups.len(), 14, "groups: {groups:?}");
    shown(driver, "confirm-group")
        .await?
        .send_keys(groups[13].clone() + Key::Enter)
        .await?;
    lock_by_keyboard(driver).await?;
    shown(driver, "key-dates").await?;
    shoot(driver, "keys-04-unlock-after-new-key").await?;
    Ok(groups.join("-"))
}

const NEW_PASSPHRASE: &str = "rain on the porch roof at dusk";

/// Someone who forgot their passphrase unlocks with the recovery key: a step asks for a new
/// one (the same strength rule and confirmation as creating a journal). Put off, it comes
/// again at the next unlock with the key; set, the new passphrase opens the journal and the
/// forgotten one no longer does. At the largest text, in the dark theme and the light one.
#[tokio::test(flavor = "current_thread")]
async fn a_recovery_key_unlock_asks_for_a_new_passphrase() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, key) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    let key = key.to_display().to_string();
    created.lock().unwrap();
    // The window opens dark, at the largest text (as saved by an earlier run).
    let config = tmp.path().join("home/config/org.attune.app");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("appearance.json"),
        r#"{"theme":"dark","text_size":"larger"}"#,
    )
    .unwrap();
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = new_passphrase_flow(&driver, &key).await;
    let quit = driver.quit().await;
    result.expect("the new passphrase flow failed");
    quit.expect("the WebDriver session did not close");
    let by =
        |secret: &str| attune_core::Vault::unlock(&vault, attune_core::Unlock::Passphrase(secret));
    assert!(matches!(
        by(PASSPHRASE),
        Err(attune_core::Error::WrongPassphrase)
    ));
    by(NEW_PASSPHRASE).unwrap().lock().unwrap();
    attune_core::Vault::unlock(&vault, attune_core::Unlock::RecoveryKey(&key))
        .unwrap()
        .lock()
        .unwrap();
}

/// Unlocks with the recovery key by keyboard, and waits for the new-passphrase step.
async fn unlock_with_key(driver: &WebDriver, key: &str) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    shown(driver, "toggle-method").await?.click().await?;
    until(
        driver,
        "the recovery key field",
        "document.getElementById('secret')?.tagName === 'TEXTAREA'",
    )
    .await?;
    shown(driver, "secret")
        .await?
        .send_keys(key.to_string() + Key::Enter)
        .await?;
    heading(driver, "Choose a new passphrase").await?;
    until(
        driver,
        "focus on the new passphrase",
        "document.activeElement?.id === 'reset-passphrase'",
    )
    .await
}

async fn new_passphrase_flow(driver: &WebDriver, key: &str) -> WebDriverResult<()> {
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await?;
    unlock_with_key(driver, key).await?;
    shoot(driver, "keys-05-new-passphrase-dark-larger").await?;
    accessible(driver, "new passphrase step").await?;

    // Put off: the journal opens; the next unlock with the key asks again.
    shown(driver, "not-now").await?.click().await?;
    shown(driver, "search").await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
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
    lock_by_keyboard(driver).await?;
    unlock_with_key(driver, key).await?;
    shoot(driver, "keys-06-new-passphrase-light-larger").await?;
    accessible(driver, "new passphrase step, light").await?;

    // The rules of a new passphrase: too short is told on the field; two that differ too.
    driver
        .active_element()
        .await?
        .send_keys("short".to_string() + Key::Enter)
        .await?;
    let error = text_of(driver, "reset-passphrase-error").await?;
    assert!(error.contains("more character"), "{error}");
    let field = driver.find(By::Id("reset-passphrase")).await?;
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    shoot(driver, "keys-07-new-passphrase-too-short").await?;
    field.clear().await?;
    field.send_keys(NEW_PASSPHRASE).await?;
    until(
        driver,
        "the error gone once the passphrase is long enough",
        "document.getElementById('reset-passphrase-error') === null",
    )
    .await?;
    let repeat = shown(driver, "reset-passphrase-repeat").await?;
    repeat
        .send_keys("rain on the porch".to_string() + Key::Enter)
        .await?;
    let error = text_of(driver, "reset-passphrase-repeat-error").await?;
    assert_eq!(error, "The two passphrases are not the same.");
    repeat.clear().await?;
    repeat
        .send_keys(NEW_PASSPHRASE.to_string() + Key::Enter)
        .await?;

    // Set: said so, then on to the journal.
    heading(driver, "Your new passphrase is set").await?;
    until(
        driver,
        "focus on the way on",
        "document.activeElement?.id === 'open-journal'",
    )
    .await?;
    shoot(driver, "keys-08-new-passphrase-set").await?;
    accessible(driver, "new passphrase set").await?;
    driver.active_element().await?.send_keys(Key::Enter).await?;
    shown(driver, "search").await?;

    // Locked, the new passphrase opens the journal straight away.
    lock_by_keyboard(driver).await?;
    unlock_with(driver, NEW_PASSPHRASE).await?;
    lock_by_keyboard(driver).await
}
