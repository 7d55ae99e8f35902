//! A long journal through the window: a page of reflections at first, the next brought as
//! the list scrolls to its end, until every one is there.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME, POLL, WAIT};
use attune_e2e::page::{unlock_with, until};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the heron waits by the cold river";

/// A long journal shows a page of reflections and brings the next as the list scrolls to
/// its end, until every one is there.
#[tokio::test(flavor = "current_thread")]
async fn the_journal_pages_as_it_scrolls() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let (mut created, _) =
        attune_core::Vault::create(&vault, PASSPHRASE, &Default::default()).unwrap();
    let today = chrono::Local::now().date_naive();
    let drafts = (0..95u64)
        .map(|i| attune_core::ReflectionDraft {
            kind: attune_core::ReflectionKind::Note,
            date: today - chrono::Days::new(i),
            title: format!("Visit {i}"),
            family: String::new(),
            tags: Vec::new(),
            parent_infant: "They played peekaboo.".into(),
            practitioner_parent: String::new(),
            supervisor_practitioner: String::new(),
            self_: String::new(),
            for_supervision: String::new(),
        })
        .collect();
    created.journal_mut().add_many(drafts).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = scroll_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the scrolling flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn scroll_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    let count = "document.querySelectorAll('#results .item').length";
    until(driver, "the first page", &format!("{count} === 20")).await?;
    for shown_after in [40, 60, 80, 95] {
        // Scrolling to the end of the list brings "Show more" into view. Lists coming into
        // view are laid out then and can push it back out, so, like a person, scroll back up
        // and down to the end until the next page is there.
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            driver
                .execute(
                    "document.querySelector('#results .item').scrollIntoView({ block: 'start' });",
                    Vec::new(),
                )
                .await?;
            tokio::time::sleep(POLL * 2).await;
            driver
                .execute(
                    "document.querySelector('#results .more')?.scrollIntoView({ block: 'end' });",
                    Vec::new(),
                )
                .await?;
            tokio::time::sleep(POLL * 4).await;
            let listed = driver
                .execute(
                    "return document.querySelectorAll('#results .item').length;",
                    Vec::new(),
                )
                .await?;
            // At least: a page may arrive between two looks.
            if listed.json().as_u64().is_some_and(|n| n >= shown_after) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "scrolling did not bring {shown_after} reflections: {listed:?} listed"
            );
            tokio::time::sleep(POLL * 4).await;
        }
    }
    // All there: no button left to bring more.
    until(
        driver,
        "no Show more button",
        "document.querySelector('#results .more') === null",
    )
    .await?;
    Ok(())
}
