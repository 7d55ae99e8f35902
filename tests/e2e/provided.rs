//! The RSC a supervisor provides, through the window: the tab appears only for those who
//! provide RSC; a session is refused without whom (a pseudonym), then logged; the totals sit
//! beside the RSC received; looked at in the dark theme at "Larger".

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, dark_and_larger, fill, heading, lock_by_keyboard, shoot, shown, text_of, until,
    until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the kettle sings on the stove";

#[tokio::test(flavor = "current_thread")]
async fn rsc_provided_through_the_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        name: Some("Sam Supervisor".into()),
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = provided_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the RSC-provided flow failed");
    quit.expect("the WebDriver session did not close");

    let vault =
        attune_core::Vault::unlock(&vault, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let logged = vault.provided().sessions();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].content.supervisee, "J. R.");
    assert_eq!(logged[0].content.minutes, 75);
}

async fn provided_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_and_open_hours(driver).await?;
    // Not offered to someone who does not provide RSC.
    assert!(
        driver.find_all(By::Id("hours-provided")).await?.is_empty(),
        "the tab shows before the setting is on"
    );
    dark_and_larger(driver).await?;
    driver.find(By::Id("provides-rsc")).await?.click().await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    shown(driver, "hours-provided").await?.click().await?;
    until_text(driver, "provided-totals", "Nothing logged yet.").await?;

    // Without whom, refused, with the length's problem at the same time.
    fill(driver, "provided-minutes", "abc").await?;
    shown(driver, "provided-save").await?.click().await?;
    until(
        driver,
        "both problems shown at once",
        "(document.querySelector('#provided-form .error')?.textContent ?? '').includes('pseudonym') \
         && (document.querySelector('#provided-form .error')?.textContent ?? '').includes('Length')",
    )
    .await?;
    fill(driver, "provided-minutes", "1:15").await?;
    fill(driver, "provided-supervisee", "J. R.").await?;
    shown(driver, "provided-save").await?.click().await?;
    until_text(
        driver,
        "provided-status",
        "Logged 1 h 15 min of RSC with J. R.",
    )
    .await?;
    // One full stop after the initials, not two.
    assert_eq!(
        text_of(driver, "provided-status").await?,
        "Logged 1 h 15 min of RSC with J. R."
    );
    until_text(
        driver,
        "provided-totals",
        "Provided: 1:15 h in 1 session to 1 person or group (1:15 h individual, 0:00 h group). Received: 0:00 h in 0 sessions.",
    )
    .await?;
    accessible(driver, "rsc provided").await?;
    shoot(driver, "provided-dark-larger").await?;
    driver
        .execute(
            "document.getElementById('provided-list-title').scrollIntoView();",
            Vec::new(),
        )
        .await?;
    shoot(driver, "provided-dark-larger-list").await?;
    lock_by_keyboard(driver).await
}

async fn unlock_and_open_hours(driver: &WebDriver) -> WebDriverResult<()> {
    attune_e2e::page::unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await
}
