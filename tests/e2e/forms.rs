//! The forms outside Hours say every problem at once, each beside its field, and an error goes
//! as soon as its field is fixed (the hours forms' way): creating a journal, changing the
//! passphrase in Settings, adding a contact and naming oneself, and sharing. At the largest
//! text in the dark theme. (The new passphrase after the recovery key is keys.rs's story.)

use std::path::Path;

use attune_core::{CreateOptions, KdfParams, Vault};
use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, active_id, choose, heading, pick_day, shoot, shown, text_of, unlock_with, until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a heron stands in the shallows";

/// The window opens dark, at the largest text (as saved by an earlier run).
fn dark_and_larger(home: &Path) {
    let config = home.join("config/org.attune.app");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("appearance.json"),
        r#"{"theme":"dark","text_size":"larger"}"#,
    )
    .unwrap();
}

/// The error beside a field: its text, or `None` when there is none.
async fn error_of(driver: &WebDriver, id: &str) -> WebDriverResult<Option<String>> {
    let found = driver
        .execute(
            "return document.getElementById(arguments[0])?.textContent?.trim() ?? null;",
            vec![serde_json::json!(id)],
        )
        .await?;
    Ok(found.json().as_str().map(str::to_owned))
}

/// Waits until the error `id` is gone.
async fn until_gone(driver: &WebDriver, id: &str) -> WebDriverResult<()> {
    until(
        driver,
        &format!("{id} gone"),
        &format!("document.getElementById('{id}') === null"),
    )
    .await
}

/// Whether the field is marked invalid.
async fn marked(driver: &WebDriver, id: &str) -> WebDriverResult<bool> {
    Ok(shown(driver, id)
        .await?
        .attr("aria-invalid")
        .await?
        .as_deref()
        == Some("true"))
}

#[tokio::test(flavor = "current_thread")]
async fn creating_a_journal_says_every_problem_at_once_and_each_goes_when_fixed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    dark_and_larger(&tmp.path().join("home"));
    let vault = tmp.path().join("vault");
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = create_form(&driver).await;
    let quit = driver.quit().await;
    result.expect("the create form story failed");
    quit.expect("the WebDriver session did not close");
    assert!(
        !Vault::exists(&vault),
        "a form with problems created a journal"
    );
}

async fn create_form(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Create your journal").await?;
    // A passphrase too short and none typed again: both said at once, on their fields.
    shown(driver, "passphrase")
        .await?
        .send_keys("short".to_string() + Key::Enter)
        .await?;
    let too_short = error_of(driver, "passphrase-error")
        .await?
        .unwrap_or_default();
    assert!(too_short.contains("more character"), "{too_short}");
    assert_eq!(
        error_of(driver, "passphrase-repeat-error")
            .await?
            .as_deref(),
        Some("Type the new passphrase again.")
    );
    assert!(marked(driver, "passphrase").await? && marked(driver, "passphrase-repeat").await?);
    assert_eq!(
        active_id(driver).await?,
        "passphrase",
        "focus on the first problem"
    );
    shoot(driver, "forms-01-create-two-problems-dark-larger").await?;
    accessible(driver, "create, with two problems").await?;

    // Fixing the passphrase takes its error away at once; the other stays until fixed too.
    shown(driver, "passphrase")
        .await?
        .send_keys(" sentence of mine")
        .await?;
    until_gone(driver, "passphrase-error").await?;
    assert!(!marked(driver, "passphrase").await?);
    assert!(error_of(driver, "passphrase-repeat-error").await?.is_some());
    shown(driver, "passphrase-repeat")
        .await?
        .send_keys("short sentence of mine")
        .await?;
    until_gone(driver, "passphrase-repeat-error").await?;
    shoot(driver, "forms-02-create-fixed-dark-larger").await?;
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn passphrase_and_sharing_forms_say_every_problem_at_once_and_each_goes_when_fixed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    dark_and_larger(&tmp.path().join("home"));
    let vault = tmp.path().join("vault");
    let fast = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..Default::default()
    };
    // A journal with no name yet, and one verified contact to share with.
    let (mut created, _) = Vault::create(&vault, PASSPHRASE, &fast).unwrap();
    let (mut ana, _) = Vault::create(
        &tmp.path().join("ana"),
        PASSPHRASE,
        &CreateOptions {
            name: Some("Ana Ruiz".into()),
            ..fast
        },
    )
    .unwrap();
    let card = ana.sharing_mut().my_card().unwrap();
    ana.lock().unwrap();
    created.sharing_mut().add_contact(card).unwrap();
    created.sharing_mut().verify_contact("Ana Ruiz").unwrap();
    created.lock().unwrap();

    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = passphrase_and_sharing(&driver).await;
    let quit = driver.quit().await;
    result.expect("the passphrase and sharing forms story failed");
    quit.expect("the WebDriver session did not close");
    // Nothing was changed by a form with problems: the passphrase is the same (once the app,
    // which holds the vault until it has exited, let it go).
    let deadline = std::time::Instant::now() + attune_e2e::driver::WAIT;
    let opened = loop {
        match Vault::unlock(&vault, attune_core::Unlock::Passphrase(PASSPHRASE)) {
            Err(attune_core::Error::VaultInUse(_)) if std::time::Instant::now() < deadline => {
                std::thread::sleep(attune_e2e::driver::POLL);
            }
            other => break other,
        }
    };
    opened.unwrap().lock().unwrap();
}

async fn passphrase_and_sharing(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    settings_passphrase(driver).await?;
    contacts(driver).await?;
    share(driver).await
}

/// Settings: no current passphrase, a new one too short, the repeat different: all three at
/// once; each goes as it is fixed; a wrong current passphrase is told on its field.
async fn settings_passphrase(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    shown(driver, "new-passphrase")
        .await?
        .send_keys("short")
        .await?;
    shown(driver, "repeat-passphrase")
        .await?
        .send_keys("shirt".to_string() + Key::Enter)
        .await?;
    assert_eq!(
        error_of(driver, "old-passphrase-error").await?.as_deref(),
        Some("Type your current passphrase.")
    );
    let too_short = error_of(driver, "new-passphrase-error")
        .await?
        .unwrap_or_default();
    assert!(too_short.contains("more character"), "{too_short}");
    assert_eq!(
        error_of(driver, "repeat-passphrase-error")
            .await?
            .as_deref(),
        Some("The two passphrases are not the same.")
    );
    for id in ["old-passphrase", "new-passphrase", "repeat-passphrase"] {
        assert!(marked(driver, id).await?, "{id} not marked");
    }
    assert_eq!(active_id(driver).await?, "old-passphrase");
    driver
        .execute(
            "document.getElementById('passphrase-heading').scrollIntoView({ block: 'start' });",
            Vec::new(),
        )
        .await?;
    shoot(
        driver,
        "forms-03-settings-passphrase-three-problems-dark-larger",
    )
    .await?;
    accessible(driver, "settings, passphrase with three problems").await?;

    // One fixed at a time, its error goes and the others stay.
    shown(driver, "old-passphrase")
        .await?
        .send_keys("not my passphrase")
        .await?;
    until_gone(driver, "old-passphrase-error").await?;
    assert!(error_of(driver, "new-passphrase-error").await?.is_some());
    let new = shown(driver, "new-passphrase").await?;
    new.clear().await?;
    new.send_keys("rain on the porch roof").await?;
    until_gone(driver, "new-passphrase-error").await?;
    // The same strength meter and words as when the journal was made.
    let hint = text_of(driver, "new-passphrase-hint").await?;
    assert!(hint.starts_with("Strong"), "settings strength hint: {hint}");
    assert!(error_of(driver, "repeat-passphrase-error").await?.is_some());
    let repeat = shown(driver, "repeat-passphrase").await?;
    repeat.clear().await?;
    repeat
        .send_keys("rain on the porch roof".to_string() + Key::Enter)
        .await?;
    until_gone(driver, "repeat-passphrase-error").await?;

    // The current passphrase was wrong: told on that field, and gone once it is retyped.
    until(
        driver,
        "the wrong current passphrase told on its field",
        "(document.getElementById('old-passphrase-error')?.textContent ?? '').includes('does not open')",
    )
    .await?;
    assert!(marked(driver, "old-passphrase").await?);
    assert_eq!(
        shown(driver, "new-passphrase")
            .await?
            .value()
            .await?
            .as_deref(),
        Some("rain on the porch roof"),
        "the new passphrase stays typed"
    );
    until(
        driver,
        "focus on the current passphrase",
        "document.activeElement?.id === 'old-passphrase'",
    )
    .await?;
    driver.active_element().await?.send_keys("a").await?;
    until_gone(driver, "old-passphrase-error").await
}

/// Contacts: my name empty, a card not pasted, a card that is not one: each told on its
/// field and gone when the field changes.
async fn contacts(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "nav-sharing").await?.click().await?;
    heading(driver, "Sharing").await?;
    shown(driver, "sharing-contacts").await?.click().await?;
    shown(driver, "my-name-save").await?.click().await?;
    assert!(
        error_of(driver, "my-name-error").await?.is_some(),
        "an empty name is told on the field"
    );
    assert!(marked(driver, "my-name").await?);
    shown(driver, "contact-add").await?.click().await?;
    assert_eq!(
        error_of(driver, "contact-card-error").await?.as_deref(),
        Some("Paste their contact card first.")
    );
    assert!(marked(driver, "contact-card").await?);
    assert!(
        error_of(driver, "my-name-error").await?.is_some(),
        "the other form's problem stays"
    );
    shoot(driver, "forms-04-contacts-problems-dark-larger").await?;
    accessible(driver, "contacts, with problems").await?;
    shown(driver, "my-name").await?.send_keys("Robin").await?;
    until_gone(driver, "my-name-error").await?;

    let card = shown(driver, "contact-card").await?;
    card.send_keys("hello Ana").await?;
    until_gone(driver, "contact-card-error").await?;
    shown(driver, "contact-add").await?.click().await?;
    until(
        driver,
        "the card refused on its field",
        "(document.getElementById('contact-card-error')?.textContent ?? '').startsWith('Not added')",
    )
    .await?;
    card.send_keys(Key::Backspace).await?;
    until_gone(driver, "contact-card-error").await
}

/// Share: no contact and nothing chosen, both said at once; the period the wrong way round,
/// said on its last day; each goes when fixed.
async fn share(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "sharing-share").await?.click().await?;
    choose(driver, "share-to", "").await?;
    shown(driver, "share-preview").await?.click().await?;
    assert_eq!(
        error_of(driver, "share-to-error").await?.as_deref(),
        Some("Choose who to share with.")
    );
    assert_eq!(
        error_of(driver, "share-what-error").await?.as_deref(),
        Some("Choose reflections, hours to confirm, or both.")
    );
    assert!(marked(driver, "share-to").await?);
    assert_eq!(active_id(driver).await?, "share-to");
    shoot(driver, "forms-05-share-two-problems-dark-larger").await?;
    accessible(driver, "share, with two problems").await?;

    let fingerprint = driver
        .execute(
            "return document.querySelector('#share-to option:not([value=\"\"])').value;",
            Vec::new(),
        )
        .await?;
    choose(
        driver,
        "share-to",
        fingerprint.json().as_str().unwrap_or_default(),
    )
    .await?;
    until_gone(driver, "share-to-error").await?;
    assert!(error_of(driver, "share-what-error").await?.is_some());
    shown(driver, "share-hours").await?.click().await?;
    until_gone(driver, "share-what-error").await?;

    pick_day(driver, "share-hours-from", 2).await?;
    pick_day(driver, "share-hours-to", 10).await?;
    shown(driver, "share-preview").await?.click().await?;
    assert_eq!(
        error_of(driver, "share-hours-to-error").await?.as_deref(),
        Some("Last day: it is before the first day.")
    );
    shoot(driver, "forms-06-share-period-dark-larger").await?;
    // The first day moved back before the last: the error goes.
    earlier(driver, "share-hours-from", 10).await?;
    until_gone(driver, "share-hours-to-error").await
}

/// Moves the date field `id` back `days` days in its calendar, which opens on its day.
async fn earlier(driver: &WebDriver, id: &str, days: usize) -> WebDriverResult<()> {
    let held = shown(driver, id)
        .await?
        .attr("data-value")
        .await?
        .unwrap_or_default();
    shown(driver, &format!("{id}-calendar"))
        .await?
        .send_keys(Key::Enter)
        .await?;
    until(
        driver,
        "the calendar on the field's day",
        &format!("document.activeElement?.dataset.day === '{held}'"),
    )
    .await?;
    let back: String = std::iter::repeat_n(Key::Left.value(), days).collect();
    driver
        .active_element()
        .await?
        .send_keys(back + Key::Enter)
        .await
}
