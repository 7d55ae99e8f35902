//! Hint text in empty fields, measured on the screen in both themes.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{heading, lock_by_keyboard, shown, unlock_with, until};
use attune_e2e::screen::hints_readable;
use thirtyfour::prelude::*;

use super::{appearance, settled, vault_with_everything, PASSPHRASE};

/// Hint text in empty fields (the search box, the empty date filters, the credential of a
/// new session, the recovery key field) is readable in the light theme and in the dark.
#[tokio::test(flavor = "current_thread")]
async fn hint_text_is_readable() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    vault_with_everything(&vault, &tmp.path().join("supervisor"));
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = hints_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the hint text flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn hints_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    for (theme, size) in [("light", "normal"), ("dark", "larger")] {
        appearance(driver, theme, size).await?;
        shown(driver, "nav-journal").await?.click().await?;
        shown(driver, "search").await?;
        driver
            .execute(
                "document.querySelector('details.filters').open = true;",
                Vec::new(),
            )
            .await?;
        // The search box (the empty date filters draw nothing: nothing faint to read).
        let measured = hints_readable(driver, &format!("journal-{theme}")).await?;
        assert!(measured >= 1, "no hint measured on the journal");
        driver
            .execute(
                "document.querySelector('details.filters').open = false;",
                Vec::new(),
            )
            .await?;
        shown(driver, "nav-hours").await?.click().await?;
        heading(driver, "Supervision hours").await?;
        shown(driver, "session-credential").await?;
        let credential = driver
            .execute(
                "const c = document.getElementById('session-credential'); c.value = '';\
                 c.dispatchEvent(new Event('input', { bubbles: true }));\
                 c.scrollIntoView({ block: 'center' }); return c.placeholder;",
                Vec::new(),
            )
            .await?;
        assert!(credential.json().as_str().is_some_and(|p| !p.is_empty()));
        settled(driver).await?;
        let measured = hints_readable(driver, &format!("hours-{theme}")).await?;
        assert!(measured >= 1, "no hint measured on hours");
        // The recovery key's field on the unlock screen.
        lock_by_keyboard(driver).await?;
        shown(driver, "toggle-method").await?.click().await?;
        until(
            driver,
            "the recovery key field",
            "document.getElementById('secret')?.tagName === 'TEXTAREA'",
        )
        .await?;
        let measured = hints_readable(driver, &format!("unlock-{theme}")).await?;
        assert!(measured >= 1, "no hint measured on the unlock screen");
        shown(driver, "toggle-method").await?.click().await?;
        until(
            driver,
            "the passphrase field",
            "document.getElementById('secret')?.tagName === 'INPUT'",
        )
        .await?;
        unlock_with(driver, PASSPHRASE).await?;
    }
    Ok(())
}
