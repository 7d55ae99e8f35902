//! The application portfolio through the window: the checklist of what the chosen category
//! asks (the exam for an IMHS), a reference rating added (refused first without a name),
//! marked done, deleted; counts only, never "met"; looked at in the dark theme at "Larger".

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, choose, dark_and_larger, fill, heading, lock_by_keyboard, shoot, shown, text_of,
    unlock_with, until, until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a heron stands in the shallows";

#[tokio::test(flavor = "current_thread")]
async fn portfolio_checklist_through_the_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        name: Some("Robin Ahmadi".into()),
        ..Default::default()
    };
    let (mut created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    let mut settings = created.settings().clone();
    settings.rule_set = Some("imh-e/imhs".into());
    created.save_settings(settings).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = portfolio_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the portfolio flow failed");
    quit.expect("the WebDriver session did not close");

    // What was recorded is in the vault, sealed.
    let vault =
        attune_core::Vault::unlock(&vault, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let items = vault.portfolio().items();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].content.title, "Sam Rivera");
    assert_eq!(items[0].content.known_months, Some(26));
}

async fn portfolio_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    shown(driver, "hours-portfolio").await?.click().await?;
    until_text(driver, "portfolio-title", "Your application's other parts").await?;

    // What an IMHS is asked, as published, and that Attune does not judge it.
    let exam = text_of(driver, "portfolio-exam").await?;
    assert!(exam.contains("A written exam."), "{exam}");
    let refs = text_of(driver, "portfolio-reference").await?;
    assert!(refs.contains("3 reference ratings"), "{refs}");
    assert!(
        refs.contains("Nothing recorded yet. 3 asked for."),
        "{refs}"
    );
    let not_checked = text_of(driver, "portfolio-not-checked").await?;
    assert!(not_checked.contains("does not judge"), "{not_checked}");

    // "Add a reference rating" opens the form for that part; without a name it is refused,
    // naming what is missing, together with a bad number of months.
    driver
        .find(By::Css("#portfolio-reference button"))
        .await?
        .click()
        .await?;
    until_text(driver, "portfolio-form-title", "Add a reference rating").await?;
    fill(driver, "portfolio-known", "two years").await?;
    shown(driver, "portfolio-save").await?.click().await?;
    until(
        driver,
        "both problems shown at once",
        "(document.querySelector('#portfolio-form .error')?.textContent ?? '').includes('rater') \
         && (document.querySelector('#portfolio-form .error')?.textContent ?? '').includes('whole number')",
    )
    .await?;
    fill(driver, "portfolio-item-title", "Sam Rivera").await?;
    fill(driver, "portfolio-known", "26").await?;
    choose(driver, "portfolio-rater", "rsc_provider").await?;
    choose(driver, "portfolio-state", "requested").await?;
    shown(driver, "portfolio-save").await?.click().await?;
    until_text(
        driver,
        "portfolio-status",
        "Added \"Sam Rivera\" under Reference ratings.",
    )
    .await?;
    until(
        driver,
        "the reference rating listed",
        "(document.getElementById('portfolio-reference')?.textContent ?? '')\
         .includes('1 recorded (1 asked for or under way). 3 asked for.')",
    )
    .await?;
    let refs = text_of(driver, "portfolio-reference").await?;
    assert!(refs.contains("My supervisor or consultant (RSC)"), "{refs}");
    assert!(refs.contains("known 26 months"), "{refs}");

    // Marked done through Edit.
    driver
        .find(By::Css("#portfolio-reference li button"))
        .await?
        .click()
        .await?;
    until_text(driver, "portfolio-form-title", "Edit \"Sam Rivera\"").await?;
    choose(driver, "portfolio-state", "done").await?;
    shown(driver, "portfolio-save").await?.click().await?;
    until(
        driver,
        "the rating marked done",
        "(document.getElementById('portfolio-reference')?.textContent ?? '')\
         .includes('1 recorded (1 done). 3 asked for.')",
    )
    .await?;
    let page = driver
        .execute(
            "return document.querySelector('main').innerText;",
            Vec::new(),
        )
        .await?;
    let page = page.json().as_str().unwrap_or_default().to_lowercase();
    assert!(
        !page.contains(" met"),
        "the portfolio must never say met: {page}"
    );
    accessible(driver, "portfolio").await?;
    shoot(driver, "portfolio-light").await?;

    // Dark theme, larger text: looked at.
    dark_and_larger(driver).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    shown(driver, "hours-portfolio").await?.click().await?;
    until_text(driver, "portfolio-title", "Your application's other parts").await?;
    shoot(driver, "portfolio-dark-larger").await?;
    driver
        .execute(
            "document.getElementById('portfolio-form-title').scrollIntoView();",
            Vec::new(),
        )
        .await?;
    shoot(driver, "portfolio-dark-larger-form").await?;
    // Locked, so the vault can be opened by the test afterwards.
    lock_by_keyboard(driver).await
}
