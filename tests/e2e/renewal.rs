//! The renewal chosen once in Settings (association and Endorsement category, saved without a
//! Save button), then the dashboard's renewal card: the current renewal year, its due date and
//! days, progress toward it, and a switch to the year before. Screenshots at the largest text
//! in the dark theme.

use attune_core::{CreateOptions, KdfParams, SessionDraft, TrainingDraft, Unlock, Vault};
use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, choose, heading, lock_by_keyboard, shoot, shown, text_of, unlock_with, until,
    until_text,
};
use chrono::Datelike;
use serde_json::json;
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the lantern hangs by the blue door";

fn days_ago(n: u64) -> chrono::NaiveDate {
    chrono::Local::now().date_naive() - chrono::Days::new(n)
}

/// A journal with a session a month for fourteen months and a day of training, built the way
/// records are read back (fields not named take their defaults).
fn journal(dir: &std::path::Path) {
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        name: Some("Robin Ahmadi".into()),
        ..Default::default()
    };
    let (mut vault, _) = Vault::create(dir, PASSPHRASE, &options).unwrap();
    for i in 0..14 {
        let draft: SessionDraft = serde_json::from_value(json!({
            "date": days_ago(30 * i + 3), "minutes": 60, "format": "individual",
            "provider": "Ana Ruiz", "credential": "IMHM-C", "about_rsc_provided": false,
        }))
        .unwrap();
        vault.hours_mut().add_session(draft).unwrap();
    }
    let course: TrainingDraft = serde_json::from_value(json!({
        "date": days_ago(20), "minutes": 360, "title": "Equity in home visiting", "topics": ["dei"],
    }))
    .unwrap();
    vault.hours_mut().add_training(course).unwrap();
    vault.lock().unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn the_renewal_year_chosen_in_settings_shows_on_the_dashboard() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    journal(&vault);
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = renewal_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the renewal story failed");
    quit.expect("the WebDriver session did not close");

    // The choice is in the vault, for the next process (and the command line).
    let opened = Vault::unlock(&vault, Unlock::Passphrase(PASSPHRASE)).unwrap();
    assert_eq!(opened.settings().association.as_deref(), Some("massaimh"));
    assert_eq!(
        opened.settings().endorsement_category.as_deref(),
        Some("IMHS")
    );
    opened.lock().unwrap();
}

async fn renewal_story(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    for (name, value, status) in [
        ("theme", "dark", "theme-status"),
        ("text-size", "larger", "text-size-status"),
    ] {
        driver
            .find(By::Css(format!("input[name='{name}'][value='{value}']")))
            .await?
            .click()
            .await?;
        until_text(driver, status, "Saved").await?;
    }

    // Before a choice, the dashboard says where to make it.
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "hours-progress").await?.click().await?;
    let nudge = text_of(driver, "renewal-choose").await?;
    assert!(nudge.contains("Choose your association"), "{nudge}");

    // The association and the category, each saved as soon as chosen.
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    choose(driver, "renewal-association", "massaimh").await?;
    until_text(driver, "association-status", "Saved").await?;
    let help = text_of(driver, "renewal-association-help").await?;
    assert!(
        help.contains("Renewals are due by") && help.contains("massaimh.org/endorsement-renewal"),
        "{help}"
    );
    choose(driver, "renewal-category", "IMHS").await?;
    until_text(driver, "category-status", "Saved").await?;
    driver
        .execute(
            "document.getElementById('renewal-heading').scrollIntoView({block: 'start'}); return true;",
            Vec::new(),
        )
        .await?;
    shoot(driver, "renewal-01-settings-dark-larger").await?;
    accessible(driver, "settings with the renewal chosen").await?;

    // The dashboard: the current renewal year (MassAIMH: due 31 December of this year).
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "hours-progress").await?.click().await?;
    let this_year = chrono::Local::now().date_naive().year();
    until_text(driver, "renewal-year", &this_year.to_string()).await?;
    let title = text_of(driver, "renewal-title").await?;
    assert!(
        title.starts_with(&format!("Renewal {this_year} with Massachusetts")),
        "{title}"
    );
    let days = text_of(driver, "renewal-days").await?;
    assert!(days.starts_with("Due ") && days.contains("count"), "{days}");
    shown(driver, "renewal-verdict").await?;
    assert!(
        driver.find_all(By::Id("renewal-later")).await?.is_empty(),
        "no renewal after the current one"
    );
    shown(driver, "renewal-title")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "renewal-02-current-year-dark-larger").await?;

    // The year before: its own days, its own progress.
    shown(driver, "renewal-earlier").await?.click().await?;
    let before = (this_year - 1).to_string();
    until_text(driver, "renewal-year", &before).await?;
    until(
        driver,
        "the earlier year's heading",
        &format!("(document.getElementById('renewal-title')?.textContent ?? '').startsWith('Renewal {before}')"),
    )
    .await?;
    until(
        driver,
        "a way back to the current year",
        &format!(
            "(document.getElementById('renewal-later')?.textContent ?? '').includes('{this_year}')"
        ),
    )
    .await?;
    shown(driver, "renewal-title")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "renewal-03-earlier-year-dark-larger").await?;
    accessible(driver, "progress with the renewal card").await?;
    lock_by_keyboard(driver).await
}
