//! A supervisor's credentials with dates, set in the window: sessions logged before and after
//! the day she was endorsed IMHM-C, and the progress toward IMHM-C counting only those after.
//! At the largest text, in the dark theme.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, choose, heading, heading_h2, pick_day, retype, shoot, shown, text_of, unlock_with,
    until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a lantern on the garden wall";

#[tokio::test(flavor = "current_thread")]
async fn a_supervisors_dated_credentials_set_in_the_window_decide_which_sessions_count() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    let config = tmp.path().join("home/config/org.attune.app");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("appearance.json"),
        r#"{"theme":"dark","text_size":"larger"}"#,
    )
    .unwrap();
    let (xvfb, driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the providers flow failed");
    quit.expect("the WebDriver session did not close");

    // What the window saved is what the journal holds, once the app has let it go.
    drop(driver_process);
    drop(xvfb);
    let mut tries = 0;
    let opened = loop {
        match attune_core::Vault::unlock(&vault, attune_core::Unlock::Passphrase(PASSPHRASE)) {
            Err(attune_core::Error::VaultInUse(_)) if tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            other => break other.unwrap(),
        }
    };
    let p = opened
        .hours()
        .provider_named("Lucía Pérez")
        .unwrap()
        .clone();
    opened.lock().unwrap();
    let since = chrono::Local::now().date_naive() - chrono::Days::new(50);
    assert_eq!(p.content.credentials.len(), 1);
    let c = &p.content.credentials[0];
    assert_eq!(c.credential.as_deref(), Some("IMHM-C"));
    assert_eq!(c.since, Some(since));
    assert_eq!(c.endorsement_number, "MI-222");
    assert_eq!(c.association, "MI-AIMH");
}

async fn flow(driver: &WebDriver) -> WebDriverResult<()> {
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await?;
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;

    // Two sessions with Lucía Pérez, logged as IMHM-C: 100 days ago and 10 days ago.
    pick_day(driver, "session-date", 100).await?;
    retype(driver, "session-minutes", "60").await?;
    retype(driver, "session-provider", "Lucía Pérez").await?;
    retype(driver, "session-credential", "imhm-c").await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "the first session logged",
        "(document.getElementById('session-status')?.textContent ?? '').includes('Logged 1 h with Lucía Pérez')",
    )
    .await?;
    pick_day(driver, "session-date", 10).await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "two sessions",
        "(document.getElementById('sessions-total')?.textContent ?? '').includes('2 sessions')",
    )
    .await?;

    // Progress toward IMHM-C before any date: both count, as logged.
    shown(driver, "hours-progress").await?.click().await?;
    choose(driver, "progress-rules", "imh-e/imhm-c").await?;
    until(
        driver,
        "both sessions counted",
        "(document.querySelector(\"[aria-labelledby='bar-rsc-label']\")?.getAttribute('aria-valuetext') ?? '').startsWith('2:00 of ')",
    )
    .await?;

    // Her credential, with the day she was endorsed: 50 days ago.
    shown(driver, "hours-providers").await?.click().await?;
    let listed = text_of(driver, "providers").await?;
    assert!(
        listed.contains("IMHM-C") && listed.contains("start date not known"),
        "{listed}"
    );
    driver
        .find(By::XPath(
            "//table[@id='providers']//button[starts-with(normalize-space(.), 'Edit')]",
        ))
        .await?
        .click()
        .await?;
    heading_h2(driver, "provider-form-title", "Edit Lucía Pérez").await?;
    assert_eq!(
        shown(driver, "credential-0").await?.value().await?,
        Some("IMHM-C".into())
    );
    shoot(driver, "providers-01-undated-dark-larger").await?;
    pick_day(driver, "since-0", 50).await?;
    retype(driver, "association-0", "MI-AIMH").await?;
    retype(driver, "number-0", "MI-222").await?;
    // A second credential, begun and then removed again.
    shown(driver, "add-credential").await?.click().await?;
    choose(driver, "credential-1", "IMHS").await?;
    shoot(driver, "providers-02-two-credentials-dark-larger").await?;
    accessible(driver, "the supervisors' form").await?;
    shown(driver, "credential-1")
        .await?
        .find(By::XPath(
            "ancestor::fieldset//button[starts-with(normalize-space(.), 'Remove credential')]",
        ))
        .await?
        .click()
        .await?;
    shown(driver, "provider-save").await?.click().await?;
    until(
        driver,
        "the credential saved",
        "(document.getElementById('provider-status')?.textContent ?? '').includes('Saved Lucía Pérez, with 1 credential')",
    )
    .await?;
    let listed = text_of(driver, "providers").await?;
    assert!(
        listed.contains("IMHM-C") && listed.contains("since") && listed.contains("MI-222"),
        "{listed}"
    );
    shoot(driver, "providers-03-dated-dark-larger").await?;
    accessible(driver, "the supervisors' list").await?;

    // Now only the session after that day counts; the one before is named and explained.
    shown(driver, "hours-progress").await?.click().await?;
    until(
        driver,
        "one session counted",
        "(document.querySelector(\"[aria-labelledby='bar-rsc-label']\")?.getAttribute('aria-valuetext') ?? '').startsWith('1:00 of ')",
    )
    .await?;
    until(
        driver,
        "the earlier session not counted, and why",
        "[...document.querySelectorAll('li')].some((li) => li.textContent.includes('1 h in 1 session do not count: they took place before the provider'))",
    )
    .await?;
    shoot(driver, "providers-04-progress-dark-larger").await?;
    Ok(())
}
