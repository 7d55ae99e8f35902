//! Search by keyboard, from the journal's search box to the match in the reflection opened.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{accessible, shoot, shown, unlock_with, until};
use thirtyfour::prelude::*;

use super::{appearance, settled, vault_with_everything, PASSPHRASE, WORD};

/// Search by keyboard: Down from the search box reaches the results, Up and Down move
/// between them, Up from the first (or Escape) goes back; Enter opens one, and the opened
/// reflection is scrolled to the first match, which is selected. At "Larger" text, in the
/// light theme and in the dark.
#[tokio::test(flavor = "current_thread")]
async fn search_by_keyboard() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    vault_with_everything(&vault, &tmp.path().join("supervisor"));
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = search_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the search flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn search_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    for theme in ["light", "dark"] {
        appearance(driver, theme, "larger").await?;
        search_and_open(driver, &format!("{theme}-larger")).await?;
    }
    Ok(())
}

async fn search_and_open(driver: &WebDriver, look: &str) -> WebDriverResult<()> {
    shown(driver, "nav-journal").await?.click().await?;
    let search = shown(driver, "search").await?;
    search.click().await?;
    search.send_keys("kestrel").await?;
    until(
        driver,
        "two results",
        "document.querySelectorAll('#results .item').length === 2 \
         && document.getElementById('result-count').textContent.includes('2 matches')",
    )
    .await?;
    let focused_item = "return document.activeElement.classList.contains('item') \
                        ? [...document.querySelectorAll('#results .item')].indexOf(document.activeElement) \
                        : document.activeElement.id;";
    let at = |driver: &WebDriver| {
        let driver = driver.clone();
        async move {
            Ok::<_, WebDriverError>(
                driver
                    .execute(focused_item, Vec::new())
                    .await?
                    .json()
                    .clone(),
            )
        }
    };
    let press = |key: Key| {
        let driver = driver.clone();
        async move { driver.active_element().await?.send_keys(key).await }
    };
    // Down: the first result, with a visible focus ring.
    press(Key::Down).await?;
    assert_eq!(
        at(driver).await?,
        serde_json::json!(0),
        "Down from the search box"
    );
    let ring = driver
        .execute(
            "const e = document.activeElement; const s = getComputedStyle(e);\
             return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        ring.json(),
        &serde_json::json!(true),
        "no visible focus ring on the result"
    );
    shoot(driver, &format!("layout-search-down-{look}")).await?;
    accessible(driver, "journal, a result focused").await?;
    press(Key::Down).await?;
    assert_eq!(at(driver).await?, serde_json::json!(1), "Down again");
    // Down at the last result stays there.
    press(Key::Down).await?;
    assert_eq!(at(driver).await?, serde_json::json!(1), "Down at the last");
    press(Key::Up).await?;
    assert_eq!(at(driver).await?, serde_json::json!(0), "Up");
    press(Key::Up).await?;
    assert_eq!(
        at(driver).await?,
        serde_json::json!("search"),
        "Up from the first result"
    );
    // The search box keeps what was typed.
    assert_eq!(search.value().await?.as_deref(), Some("kestrel"));
    press(Key::Down).await?;
    press(Key::Down).await?;
    press(Key::Escape).await?;
    assert_eq!(
        at(driver).await?,
        serde_json::json!("search"),
        "Escape in the results"
    );
    assert_eq!(search.value().await?.as_deref(), Some("kestrel"));

    // Enter on the long reflection opens it, scrolled to its match, marked.
    press(Key::Down).await?;
    let long_one = driver
        .execute(
            "const items = [...document.querySelectorAll('#results .item')];\
             return items.findIndex((e) => e.textContent.includes('A long visit'));",
            Vec::new(),
        )
        .await?;
    if long_one.json() == &serde_json::json!(1) {
        press(Key::Down).await?;
    }
    let chosen = driver
        .execute("return document.activeElement.dataset.id;", Vec::new())
        .await?;
    assert!(
        driver
            .active_element()
            .await?
            .text()
            .await?
            .contains("A long visit"),
        "the long reflection is not the focused result"
    );
    press(Key::Enter).await?;
    until(
        driver,
        "the long reflection open",
        "(document.getElementById('for_supervision')?.value ?? '').length > 500",
    )
    .await?;
    let current = driver
        .execute(
            "return document.querySelector('#results .item[aria-current=\"true\"]')?.dataset.id;",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        current.json(),
        chosen.json(),
        "Enter opened another reflection"
    );
    // The field holding the first match has focus, with the match selected (as a find in
    // any editor does), and the pane is scrolled so that its line is in view below the
    // editor's sticky top. Where the line is: measured on a copy of the field's text box.
    until(
        driver,
        "the match selected",
        "document.activeElement?.id === 'self' && document.activeElement.selectionEnd > 0",
    )
    .await?;
    settled(driver).await?;
    let found = driver
        .execute(
            "const field = document.activeElement;\
             const s = getComputedStyle(field);\
             const copy = document.createElement('div');\
             for (const p of ['font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing',\
               'white-space', 'overflow-wrap', 'word-break', 'box-sizing', 'padding-top', 'padding-right',\
               'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width',\
               'border-bottom-width', 'border-left-width', 'border-style'])\
               copy.style.setProperty(p, s.getPropertyValue(p));\
             copy.style.width = field.getBoundingClientRect().width + 'px';\
             copy.style.position = 'absolute';\
             copy.style.visibility = 'hidden';\
             copy.textContent = field.value.slice(0, field.selectionStart);\
             const word = document.createElement('span');\
             word.textContent = field.value.slice(field.selectionStart, field.selectionEnd);\
             copy.append(word);\
             field.parentElement.append(copy);\
             const top = field.getBoundingClientRect().top + word.offsetTop;\
             const bottom = top + word.offsetHeight;\
             copy.remove();\
             const pane = document.querySelector('.journal > .main').getBoundingClientRect();\
             const sticky = document.querySelector('.editor .top').getBoundingClientRect();\
             return { focus: field.id, selected: word.textContent, top, bottom,\
               visibleFrom: sticky.bottom, visibleTo: pane.bottom };",
            Vec::new(),
        )
        .await?;
    let found = found.json();
    assert_eq!(found["focus"], serde_json::json!("self"), "{found}");
    assert_eq!(found["selected"], serde_json::json!(WORD), "{found}");
    let n = |k: &str| found[k].as_f64().unwrap();
    // In the upper half of what is seen, where the eye lands (not at an edge).
    let middle = (n("visibleFrom") + n("visibleTo")) / 2.0;
    assert!(
        n("top") >= n("visibleFrom") && n("bottom") <= middle,
        "the match is not in the upper half of the pane below the editor's top: {found}"
    );
    shoot(driver, &format!("layout-search-opened-{look}")).await?;
    accessible(driver, "journal, opened from search").await?;
    Ok(())
}
