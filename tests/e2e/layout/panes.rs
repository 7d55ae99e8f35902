//! Only the panes scroll: each pane scrolled to its end (by its scroll position, the wheel,
//! the keyboard) leaves the top bar whole and the pane reaching the window's bottom, and
//! nothing is wider than the window, in the light theme at normal text and at the largest,
//! and in the dark theme at the largest. The journal's two panes, Hours, Sharing, Settings.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME, POLL, WAIT};
use attune_e2e::page::{accessible, heading, shoot, shown, unlock_with, until};
use thirtyfour::prelude::*;

use super::{
    appearance, scroll_to_end, vault_with_everything, window_is_the_opening_size, Scroll,
    PASSPHRASE,
};

/// Only the panes scroll: each pane scrolled to its end (by its scroll position, the wheel,
/// the keyboard) leaves the top bar whole and the pane reaching the window's bottom.
#[tokio::test(flavor = "current_thread")]
async fn only_the_panes_scroll() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    vault_with_everything(&vault, &tmp.path().join("supervisor"));
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = panes_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the panes flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn panes_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    window_is_the_opening_size(driver).await?;
    for (theme, size) in [("light", "normal"), ("light", "larger"), ("dark", "larger")] {
        appearance(driver, theme, size).await?;
        let shot = |pane: &str| format!("layout-{pane}-end-{theme}-{size}");

        // The journal: the list and the long reflection, each to its end.
        shown(driver, "nav-journal").await?.click().await?;
        open_the_long_reflection(driver).await?;
        for how in Scroll::ALL {
            scroll_to_end(driver, JOURNAL_EDITOR, how).await?;
            only_the_pane_moved(driver, JOURNAL_EDITOR, "the reflection", how).await?;
        }
        shoot(driver, &shot("journal")).await?;
        scroll_to_end(driver, JOURNAL_LIST, Scroll::Position).await?;
        only_the_pane_moved(driver, JOURNAL_LIST, "the list", Scroll::Position).await?;

        for (nav, title, name) in [
            ("nav-hours", "Supervision hours", "hours"),
            ("nav-sharing", "Sharing", "sharing"),
            ("nav-settings", "Settings", "settings"),
        ] {
            shown(driver, nav).await?.click().await?;
            heading(driver, title).await?;
            for how in Scroll::ALL {
                scroll_to_end(driver, PANE, how).await?;
                only_the_pane_moved(driver, PANE, name, how).await?;
            }
            shoot(driver, &shot(name)).await?;
        }
    }
    accessible(driver, "settings at the largest text in the dark theme").await?;
    Ok(())
}

/// The journal's two panes and the pane every other screen scrolls in.
const JOURNAL_EDITOR: &str = ".journal > .main";
const JOURNAL_LIST: &str = ".journal > .side";
const PANE: &str = "main.content";

async fn open_the_long_reflection(driver: &WebDriver) -> WebDriverResult<()> {
    let item = driver
        .query(By::XPath(
            "//*[@id='results']//button[contains(., 'A long visit')]",
        ))
        .wait(WAIT, POLL)
        .first()
        .await?;
    item.click().await?;
    until(
        driver,
        "the long reflection open",
        "(document.getElementById('for_supervision')?.value ?? '').length > 500",
    )
    .await
}

/// After a pane was scrolled to its end: it is at its end, the page itself did not move and
/// cannot (in either direction), the top bar is whole in view, and the pane reaches the
/// window's bottom edge (no blank band below it, nothing of it cut off).
async fn only_the_pane_moved(
    driver: &WebDriver,
    pane: &str,
    name: &str,
    how: Scroll,
) -> WebDriverResult<()> {
    let seen = driver
        .execute(
            "const doc = document.scrollingElement;\
             const pane = document.querySelector(arguments[0]);\
             const p = pane.getBoundingClientRect();\
             const bar = document.querySelector('header.bar').getBoundingClientRect();\
             return {\
               pageTop: doc.scrollTop, pageLeft: doc.scrollLeft,\
               pageHeight: doc.scrollHeight, pageWidth: doc.scrollWidth,\
               viewHeight: doc.clientHeight, viewWidth: doc.clientWidth,\
               innerHeight, innerWidth,\
               barTop: bar.top, barBottom: bar.bottom, barLeft: bar.left, barRight: bar.right,\
               paneTop: p.top, paneBottom: p.bottom,\
               scrolled: pane.scrollTop, scrollEnd: pane.scrollHeight - pane.clientHeight,\
               paneWidth: pane.scrollWidth, paneClientWidth: pane.clientWidth,\
             };",
            vec![serde_json::json!(pane)],
        )
        .await?;
    let seen = seen.json();
    let n = |k: &str| {
        seen[k]
            .as_f64()
            .unwrap_or_else(|| panic!("no {k} in {seen}"))
    };
    let what = format!("{name} scrolled to its end ({how:?}): {seen}");
    // The pane is at its end (within a pixel: scroll positions may be fractional).
    assert!(
        n("scrolled") >= n("scrollEnd") - 1.0,
        "not at its end: {what}"
    );
    // The page itself never scrolls, and there is nothing for it to scroll to.
    assert_eq!(n("pageTop"), 0.0, "the page scrolled: {what}");
    assert_eq!(n("pageLeft"), 0.0, "the page scrolled sideways: {what}");
    assert!(
        n("pageHeight") <= n("viewHeight"),
        "the page is taller than the window: {what}"
    );
    assert!(
        n("pageWidth") <= n("viewWidth"),
        "the page is wider than the window (a horizontal scroll bar): {what}"
    );
    assert!(
        n("paneWidth") <= n("paneClientWidth"),
        "the pane is wider than itself (a horizontal scroll bar): {what}"
    );
    // The top bar, whole, at the top.
    assert!(
        n("barTop") == 0.0 && n("barBottom") > 0.0 && n("barBottom") < n("paneTop") + 1.0,
        "the top bar is not whole at the top: {what}"
    );
    assert!(
        n("barLeft") >= 0.0 && n("barRight") <= n("innerWidth"),
        "the top bar is cut at a side: {what}"
    );
    // The pane reaches the window's bottom: no blank band, nothing cut off.
    assert!(
        (n("paneBottom") - n("innerHeight")).abs() < 1.0,
        "the pane does not end at the window's bottom: {what}"
    );
    Ok(())
}
