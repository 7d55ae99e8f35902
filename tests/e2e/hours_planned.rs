//! Issue 16, "Never a false met", through the window: a session logged ahead is shown as
//! planned on the dashboard and never counted; a group led by an identified RSC provider
//! (the box ticked) counts, a group without one is peer consultation and does not, whatever
//! credential is typed; the verdict names the source Attune read and lists what it does not
//! check. Screenshots in the dark theme at the largest text.

use attune_core::{CreateOptions, KdfParams, Settings, Vault};
use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, choose, dark_and_larger, heading, pick_day, retype, shoot, shown, text_of,
    unlock_with, until, until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the lantern hangs by the door";

#[tokio::test(flavor = "current_thread")]
async fn planned_sessions_and_peer_groups_never_count() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        name: Some("Robin Ahmadi".into()),
        ..Default::default()
    };
    let (mut created, _) = Vault::create(&vault, PASSPHRASE, &options).unwrap();
    let mut settings: Settings = created.settings().clone();
    settings.rule_set = Some("imh-e/ifs".into());
    created.save_settings(settings).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the planned and peer-group story failed");
    quit.expect("the WebDriver session did not close");
}

async fn story(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    dark_and_larger(driver).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    log_a_planned_session(driver).await?;
    log_groups(driver).await?;
    see_the_dashboard(driver).await
}

/// Picks the day `days_ahead` after today in a date field's calendar, by keyboard.
async fn pick_day_ahead(driver: &WebDriver, id: &str, days_ahead: u64) -> WebDriverResult<()> {
    let today = chrono::Local::now().date_naive();
    shown(driver, &format!("{id}-calendar"))
        .await?
        .send_keys(Key::Enter)
        .await?;
    until(
        driver,
        "the calendar on today",
        &format!("document.activeElement?.dataset.day === '{today}'"),
    )
    .await?;
    let ahead: String = std::iter::repeat_n(Key::Right.value(), days_ahead as usize).collect();
    driver
        .active_element()
        .await?
        .send_keys(ahead + Key::Enter)
        .await?;
    let want = (today + chrono::Days::new(days_ahead)).to_string();
    assert_eq!(
        shown(driver, id).await?.attr("data-value").await?,
        Some(want)
    );
    Ok(())
}

/// An individual session ten days ahead, about ages 0-3, logged as planned.
async fn log_a_planned_session(driver: &WebDriver) -> WebDriverResult<()> {
    pick_day_ahead(driver, "session-date", 10).await?;
    retype(driver, "session-minutes", "60").await?;
    retype(driver, "session-provider", "Lucía Pérez").await?;
    retype(driver, "session-credential", "IMHM-C").await?;
    choose(driver, "session-focus", "0-3").await?;
    // No facilitator question for an individual session.
    assert!(driver
        .find_all(By::Id("session-facilitated"))
        .await?
        .is_empty());
    shown(driver, "session-save").await?.click().await?;
    shown(driver, "check-session-confirm")
        .await?
        .click()
        .await?;
    until_text(driver, "sessions-total", "1 session").await?;
    let row = driver
        .find(By::Css("#sessions tbody tr"))
        .await?
        .text()
        .await?;
    assert!(row.contains("planned") && row.contains("0-3"), "{row}");
    Ok(())
}

/// Two groups with the same IMHM-C credential typed: one led by her (the box ticked), one
/// among peers (the box left empty).
async fn log_groups(driver: &WebDriver) -> WebDriverResult<()> {
    pick_day(driver, "session-date", 5).await?;
    retype(driver, "session-minutes", "90").await?;
    driver
        .find(By::Css("input[name='session-format'][value='group']"))
        .await?
        .click()
        .await?;
    let led = shown(driver, "session-facilitated").await?;
    assert!(!led.is_selected().await?, "a new group starts unticked");
    led.click().await?;
    shoot(driver, "hours-planned-01-group-form-dark-larger").await?;
    accessible(driver, "session form with a group").await?;
    shown(driver, "session-save").await?.click().await?;
    until_text(driver, "sessions-total", "2 sessions").await?;

    pick_day(driver, "session-date", 3).await?;
    retype(driver, "session-provider", "Peer circle").await?;
    retype(driver, "session-credential", "IMHM-C").await?;
    // The form starts from the latest session, the planned individual one: a group again,
    // and this time the box is left empty.
    driver
        .find(By::Css("input[name='session-format'][value='group']"))
        .await?
        .click()
        .await?;
    assert!(
        !shown(driver, "session-facilitated")
            .await?
            .is_selected()
            .await?
    );
    shown(driver, "session-save").await?.click().await?;
    until_text(driver, "sessions-total", "3 sessions").await?;
    let rows = driver.find_all(By::Css("#sessions tbody tr")).await?;
    // Newest first: the planned one, the peer group, the led group.
    let peer = rows[1].text().await?;
    assert!(
        peer.contains("Peer group") && peer.contains("not counted"),
        "{peer}"
    );
    let led = rows[2].text().await?;
    assert!(
        led.contains("Group") && !led.contains("Peer group") && !led.contains("not counted"),
        "{led}"
    );
    shoot(driver, "hours-planned-02-sessions-dark-larger").await
}

/// The dashboard: the planned hour shown as planned and not counted, the peer group not
/// counted, the led group counted; the verdict names the source.
async fn see_the_dashboard(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "hours-progress").await?.click().await?;
    until(
        driver,
        "progress toward imh-e/ifs",
        "(document.getElementById('progress-verdict')?.textContent ?? '').includes('as Attune reads')",
    )
    .await?;
    let verdict = text_of(driver, "progress-verdict").await?;
    assert!(
        verdict.contains("Infant Family Specialist")
            && verdict.contains("do not yet meet the requirement as Attune reads https://"),
        "{verdict}"
    );
    let planned = text_of(driver, "progress-planned").await?;
    assert!(
        planned.contains("1:00 h in 1 session dated after today"),
        "{planned}"
    );
    assert_eq!(text_of(driver, "planned-hours").await?, "1:00 h");
    let left_out = text_of(driver, "not-counted").await?;
    assert!(
        left_out.contains("1 h in 1 session do not count yet: they are dated after today (planned)")
            && left_out.contains("1 h in 1 session do not count: a group not facilitated by an identified RSC provider is peer consultation"),
        "{left_out}"
    );
    let bar = driver
        .find(By::Css(
            "[role='progressbar'][aria-labelledby='bar-rsc-label']",
        ))
        .await?
        .attr("aria-valuetext")
        .await?
        .unwrap_or_default();
    assert!(
        bar.starts_with("1:30 of 24:00"),
        "only the led group counts: {bar}"
    );
    let not_checked = text_of(driver, "not-checked").await?;
    assert!(
        not_checked.contains("degree, work experience, references, exam"),
        "{not_checked}"
    );
    shoot(driver, "hours-planned-03-progress-dark-larger").await?;
    driver
        .execute(
            "document.getElementById('not-checked').scrollIntoView({block: 'end'});",
            Vec::new(),
        )
        .await?;
    shoot(driver, "hours-planned-04-progress-end-dark-larger").await?;
    accessible(driver, "progress with planned hours").await?;
    Ok(())
}
