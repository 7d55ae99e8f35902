//! A session that looks logged twice, or mistyped, asks before it is saved: the same day as a
//! session with "Dr." added to the provider's name, then a length over 3 hours, each in the
//! one "check before saving" question, answered by keyboard. Pictured at Larger text in the
//! dark theme.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, active_id, dark_and_larger, heading, retype, shoot, shown, text_of, unlock_with,
    until, until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the lantern by the garden gate";

#[tokio::test(flavor = "current_thread")]
async fn a_session_the_same_day_with_dr_added_asks_before_it_is_saved() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        name: Some("Robin Ahmadi".into()),
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = same_day_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the same-day session flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn sessions_total(driver: &WebDriver) -> WebDriverResult<String> {
    text_of(driver, "sessions-total").await
}

async fn same_day_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    dark_and_larger(driver).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;

    // The first session of the day: nothing to ask.
    retype(driver, "session-provider", "Lucía Pérez").await?;
    shown(driver, "session-save").await?.click().await?;
    until_text(driver, "sessions-total", "1 session").await?;

    // The same day, "Dr." added: it asks, naming the other session, before saving anything.
    retype(driver, "session-provider", "Dr. Lucía Pérez").await?;
    shown(driver, "session-save").await?.click().await?;
    let ask = shown(driver, "check-session").await?;
    let words = ask.text().await?;
    assert!(
        words.contains("Check before saving")
            && words.contains("same day as your session with Lucía Pérez (1 h,")
            && words.contains("is it another one?"),
        "{words}"
    );
    assert!(sessions_total(driver).await?.starts_with("1 session"));
    // The safe answer has focus.
    assert_eq!(active_id(driver).await?, "check-session-cancel");
    shoot(driver, "duplicates-same-day-larger-dark").await?;
    accessible(driver, "check before saving").await?;
    // Go back (Enter on the focused button): nothing saved, back on the supervisor.
    driver.active_element().await?.send_keys(Key::Enter).await?;
    until(
        driver,
        "back on the supervisor's name",
        "document.activeElement?.id === 'session-provider' \
         && document.querySelector('dialog[open]') === null",
    )
    .await?;
    assert!(sessions_total(driver).await?.starts_with("1 session"));

    // Asked again, "Save anyway" reached by keyboard: saved.
    shown(driver, "session-save").await?.click().await?;
    shown(driver, "check-session").await?;
    driver
        .active_element()
        .await?
        .send_keys(Key::Shift + Key::Tab)
        .await?;
    assert_eq!(active_id(driver).await?, "check-session-confirm");
    driver.active_element().await?.send_keys(Key::Enter).await?;
    until_text(driver, "sessions-total", "2 sessions").await?;
    until_text(driver, "session-status", "with Dr. Lucía Pérez").await?;

    // Over 3 hours with the same provider the same day: every concern in one question, each
    // session of that day, then the length.
    retype(driver, "session-minutes", "4:00").await?;
    shown(driver, "session-save").await?.click().await?;
    let ask = shown(driver, "check-session").await?;
    let items = ask.find_all(By::Css("li")).await?;
    assert_eq!(items.len(), 3, "{}", ask.text().await?);
    assert!(items[0].text().await?.contains("with Lucía Pérez (1 h,"));
    assert!(items[1]
        .text()
        .await?
        .contains("with Dr. Lucía Pérez (1 h,"));
    let long = items[2].text().await?;
    assert_eq!(long, "It is 4 h long, more than 3 h; is the length right?");
    shoot(driver, "duplicates-two-concerns-larger-dark").await?;
    accessible(driver, "check before saving, two concerns").await?;
    driver
        .active_element()
        .await?
        .send_keys(Key::Escape)
        .await?;
    until(
        driver,
        "back on the supervisor's name after Escape",
        "document.activeElement?.id === 'session-provider' \
         && document.querySelector('dialog[open]') === null",
    )
    .await?;
    assert!(sessions_total(driver).await?.starts_with("2 sessions"));

    // Another provider, the same length: only the length is asked about; back to it.
    retype(driver, "session-provider", "Sam Okafor").await?;
    shown(driver, "session-save").await?.click().await?;
    let ask = shown(driver, "check-session").await?;
    assert_eq!(
        text_of(driver, "check-session-text").await?,
        "It is 4 h long, more than 3 h; is the length right?",
        "{}",
        ask.text().await?
    );
    shown(driver, "check-session-cancel").await?.click().await?;
    until(
        driver,
        "back on the length",
        "document.activeElement?.id === 'session-minutes'",
    )
    .await?;
    assert!(sessions_total(driver).await?.starts_with("2 sessions"));
    Ok(())
}
