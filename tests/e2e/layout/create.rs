//! The create-journal card, the first screen when there is no journal, at 1000×720.

use std::path::Path;

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{accessible, heading, shoot, until};
use thirtyfour::prelude::*;

use super::{scroll_to_end, window_is_the_opening_size, Scroll};

/// The create-journal card at 1000×720, at normal text in the light theme and at the largest
/// in the light and the dark: its button is in the window, or the card scrolls inside itself
/// (the page never does) and the wheel brings the button into view.
#[tokio::test(flavor = "current_thread")]
async fn the_create_card_fits_the_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = create_card_flow(&driver, &tmp.path().join("home")).await;
    let quit = driver.quit().await;
    result.expect("the create card flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn create_card_flow(driver: &WebDriver, home: &Path) -> WebDriverResult<()> {
    heading(driver, "Create your journal").await?;
    window_is_the_opening_size(driver).await?;
    card_fits(driver, "light-normal").await?;
    // The appearance is the window's own setting, read when the page loads: saved as the
    // Settings screen saves it, then the page loaded again.
    let config = home.join("config").join("org.attune.app");
    std::fs::create_dir_all(&config).unwrap();
    for theme in ["light", "dark"] {
        std::fs::write(
            config.join("appearance.json"),
            format!(r#"{{"theme":"{theme}","text_size":"larger"}}"#),
        )
        .unwrap();
        driver
            .execute("window.beforeReload = true; location.reload();", Vec::new())
            .await?;
        until(
            driver,
            "the create screen again, at the largest text",
            &format!(
                "!window.beforeReload && document.documentElement.style.fontSize === '20px' \
                 && document.documentElement.dataset.theme === '{theme}' \
                 && document.getElementById('create') !== null"
            ),
        )
        .await?;
        card_fits(driver, &format!("{theme}-larger")).await?;
        accessible(driver, &format!("create, at the largest text, {theme}")).await?;
    }
    Ok(())
}

async fn card_fits(driver: &WebDriver, look: &str) -> WebDriverResult<()> {
    const CARD: &str = "main.card";
    let measure = "const doc = document.scrollingElement;\
                   const card = document.querySelector('main.card');\
                   const c = card.getBoundingClientRect();\
                   const b = document.getElementById('create').getBoundingClientRect();\
                   return { pageTop: doc.scrollTop, pageHeight: doc.scrollHeight, viewHeight: doc.clientHeight,\
                     pageWidth: doc.scrollWidth, viewWidth: doc.clientWidth,\
                     cardTop: c.top, cardBottom: c.bottom, buttonTop: b.top, buttonBottom: b.bottom,\
                     scrolls: card.scrollHeight > card.clientHeight\
                       && ['auto', 'scroll'].includes(getComputedStyle(card).overflowY),\
                     innerHeight };";
    let seen = driver.execute(measure, Vec::new()).await?;
    let seen = seen.json().clone();
    let n = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or_else(|| panic!("{k} in {v}"));
    assert!(
        n(&seen, "pageHeight") <= n(&seen, "viewHeight")
            && n(&seen, "pageWidth") <= n(&seen, "viewWidth"),
        "the create page is larger than the window ({look}): {seen}"
    );
    assert!(
        n(&seen, "cardTop") >= 0.0 && n(&seen, "cardBottom") <= n(&seen, "innerHeight"),
        "the create card runs off the window ({look}): {seen}"
    );
    let button_in_view = |v: &serde_json::Value| {
        n(v, "buttonTop") >= 0.0 && n(v, "buttonBottom") <= n(v, "innerHeight")
    };
    if !button_in_view(&seen) {
        assert_eq!(
            seen["scrolls"],
            serde_json::json!(true),
            "the Create button is out of view and the card does not scroll ({look}): {seen}"
        );
        // The wheel over the card brings the button into view; the page stays put.
        scroll_to_end(driver, CARD, Scroll::Wheel).await?;
        let after = driver.execute(measure, Vec::new()).await?.json().clone();
        assert!(
            button_in_view(&after) && n(&after, "pageTop") == 0.0,
            "the wheel did not bring the Create button into view ({look}): {after}"
        );
    }
    shoot(driver, &format!("layout-create-{look}")).await?;
    Ok(())
}
