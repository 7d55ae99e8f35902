//! The supervisor's desk through the real window (issue 20): three practitioners, each with
//! a vault made with core, share reflections and sessions with one supervisor; she receives
//! the three files in the window, sees what each person sent on the desk, opens one
//! person's page (new marks until opened, a comment written, edited, another deleted, one
//! reflection marked discussed, a search, a private note with the supervision prompts, the
//! list for the next supervision), sends her comment, and signs two sessions one by one.
//! Then that practitioner shares again (core) and the supervisor receives it: only the new
//! reflection is marked new, and the sessions she signed are not offered again; the rest she
//! signs by dates. Last, a practitioner who also supervises (Sam, for Jo) opens on his
//! journal with the desk beside it.
//! Screenshots of the desk, a person's page and the signing dialog at 1000×720, then dark at
//! the largest text.

use std::path::{Path, PathBuf};

use attune_e2e::built::{desktop_app, unlock_when_free};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, active_id, dark_and_larger, fill, heading, open_dialog_answer, save_dialog_answer,
    shoot, shown, unlock_with, until, until_text,
};
use thirtyfour::prelude::*;

mod made;
use made::{reflection, sam_supervises_jo, session, share_all, vaults};

const PASSPHRASE: &str = "three chairs by the window";
const ANA: &str = "Ana Ruiz";
const TO_BRING: &str = "How to stay with the mother when she goes quiet";
const NEXT_TIME: &str = "Ask Sam what the quiet felt like";

#[tokio::test(flavor = "current_thread")]
async fn the_supervisors_desk() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let (s_dir, sam_dir, s_fp, bundles) = vaults(tmp.path(), &files);
    let app = desktop_app();

    // Turn 1: the supervisor receives the three files, answers Sam and signs two sessions.
    let (_x, _d, driver, display) =
        session_on_display(&tmp.path().join("run1"), &s_dir, &app).await;
    let result = first_turn(&driver, &display, &bundles, &files).await;
    let quit = driver.quit().await;
    result.expect("the supervisor's first turn at the desk failed");
    quit.unwrap();
    drop((_x, _d));

    let s = unlock_when_free(&s_dir, PASSPHRASE).unwrap();
    let issued = s.sharing().issued_attestations();
    assert_eq!(issued.len(), 2, "two attestations signed and recorded");
    assert!(issued.iter().all(|i| i.attestation.sessions.len() == 1));
    assert_eq!(s.desk().notes().len(), 1, "the private note is kept");
    s.lock().unwrap();
    assert!(files.join("comments for sam.attune-share").exists());
    // Saved again, the newest attestation is the same file byte for byte.
    assert_eq!(
        std::fs::read(files.join("sam again.attune-attest")).unwrap(),
        std::fs::read(files.join("sam 2.attune-attest")).unwrap()
    );

    // Sam writes one more reflection, logs one more session, and shares everything again.
    let mut sam = unlock_when_free(&sam_dir, PASSPHRASE).unwrap();
    sam.journal_mut().add(reflection(1, "Bedtime", "")).unwrap();
    sam.hours_mut().add_session(session(3, 60, ANA)).unwrap();
    let again = files.join("from sam again.attune-share");
    share_all(&mut sam, &s_fp, &again);
    sam.lock().unwrap();

    // Turn 2: only the new reflection is new; signed sessions are not offered again.
    let (_x, _d, driver, display) =
        session_on_display(&tmp.path().join("run2"), &s_dir, &app).await;
    let result = second_turn(&driver, &display, &again).await;
    let quit = driver.quit().await;
    result.expect("the supervisor's second turn at the desk failed");
    quit.unwrap();
    drop((_x, _d));

    // A practitioner who also supervises: Sam supervises Jo, who shares a reflection with
    // him. His window still opens on his journal, and the desk is there too.
    sam_supervises_jo(&sam_dir, &tmp.path().join("jo"), &files);
    let (_x, _d, driver, _display) =
        session_on_display(&tmp.path().join("run3"), &sam_dir, &app).await;
    let result = practitioner_who_supervises(&driver).await;
    let quit = driver.quit().await;
    result.expect("the practitioner who also supervises has no desk");
    quit.unwrap();
}

async fn practitioner_who_supervises(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "search").await?;
    until_text(driver, "nav-supervisees", "Supervisees 1 new").await?;
    shown(driver, "nav-supervisees").await?.click().await?;
    heading(driver, "Supervisees").await?;
    until_count(driver, "Jo's row", "#desk tbody tr", 1).await?;
    let rows = desk_rows(driver).await?;
    assert!(rows[0].starts_with("Jo Mendes|1|0|1|0|"), "{rows:?}");
    Ok(())
}

/// The desk's rows as `name|new|unsent|unanswered|to sign|last attestation`.
async fn desk_rows(driver: &WebDriver) -> WebDriverResult<Vec<String>> {
    let rows = driver
        .execute(
            "return [...document.querySelectorAll('#desk tbody tr')].map((tr) => [\
               tr.querySelector('.person-link').textContent.trim(),\
               ...['.new', '.unsent', '.unanswered', '.unsigned', '.last-attested']\
                 .map((c) => tr.querySelector(c).textContent.trim()),\
             ].join('|'));",
            Vec::new(),
        )
        .await?;
    Ok(serde_json::from_value(rows.json().clone()).unwrap())
}

async fn count(driver: &WebDriver, css: &str) -> WebDriverResult<usize> {
    Ok(driver.find_all(By::Css(css)).await?.len())
}

async fn until_count(driver: &WebDriver, what: &str, css: &str, n: usize) -> WebDriverResult<()> {
    until(
        driver,
        what,
        &format!(
            "document.querySelectorAll({}).length === {n}",
            serde_json::json!(css)
        ),
    )
    .await
}

async fn receive(
    driver: &WebDriver,
    display: &str,
    file: &Path,
    from: &str,
) -> WebDriverResult<()> {
    shown(driver, "desk-receive").await?.click().await?;
    open_dialog_answer(display, "Receive a share file or an attestation", file);
    until_text(
        driver,
        "desk-receive-status",
        &format!("Received from {from}"),
    )
    .await
}

/// Opens the person in row `row` of the desk and waits for their page.
async fn open_person(driver: &WebDriver, row: usize, name: &str) -> WebDriverResult<()> {
    shown(driver, &format!("desk-open-{row}"))
        .await?
        .click()
        .await?;
    until_text(driver, "person-title", name).await
}

/// Clicks the reflection titled `title` open (or closed).
async fn toggle(driver: &WebDriver, title: &str) -> WebDriverResult<()> {
    reflection_item(driver, title)
        .await?
        .find(By::Css("button.open-reflection"))
        .await?
        .click()
        .await
}

/// The `li` of the reflection titled `title`.
async fn reflection_item(driver: &WebDriver, title: &str) -> WebDriverResult<WebElement> {
    for li in driver.find_all(By::Css("ul.reflections > li")).await? {
        if li.find(By::Css(".title")).await?.text().await? == title {
            return Ok(li);
        }
    }
    panic!("no reflection titled {title:?}");
}

async fn first_turn(
    driver: &WebDriver,
    display: &str,
    bundles: &[PathBuf],
    files: &Path,
) -> WebDriverResult<()> {
    // A supervisor's window opens on the desk, empty until something comes.
    unlock_with(driver, PASSPHRASE).await?;
    heading(driver, "Supervisees").await?;
    shown(driver, "desk-empty").await?;
    for (file, from) in bundles.iter().zip(["Sam Lee", "Kim Park", "Jo Mendes"]) {
        receive(driver, display, file, from).await?;
    }
    until_count(driver, "three rows", "#desk tbody tr", 3).await?;
    assert_eq!(
        desk_rows(driver).await?,
        [
            "Jo Mendes|1|0|1|1|—",
            "Kim Park|1|0|1|2|—",
            "Sam Lee|2|0|2|3|—",
        ]
    );
    until_text(driver, "nav-supervisees", "Supervisees 4 new").await?;
    shoot(driver, "60-desk").await?;
    accessible(driver, "the desk").await?;

    // Sam's page: both reflections new, newest first, until opened.
    open_person(driver, 2, "Sam Lee").await?;
    until_count(driver, "two new marks", ".new-mark", 2).await?;
    let titles = driver
        .execute(
            "return [...document.querySelectorAll('ul.reflections .title')].map((t) => t.textContent);",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        titles.json(),
        &serde_json::json!(["The long wait", "Bath time"])
    );
    toggle(driver, "Bath time").await?;
    until_count(driver, "one new mark left", ".new-mark", 1).await?;
    let item = reflection_item(driver, "Bath time").await?;
    assert!(item.text().await?.contains(TO_BRING));
    item.find(By::Css("textarea"))
        .await?
        .send_keys("What did the quiet ask of you?")
        .await?;
    item.find(By::Css("button.add-comment"))
        .await?
        .click()
        .await?;
    until_text(driver, "unsent", "What did the quiet ask of you?").await?;

    // The unsent comment is at the top and can still be changed.
    driver
        .find(By::Css("#unsent .unsent-edit"))
        .await?
        .click()
        .await?;
    let edit = driver.find(By::Css("#unsent textarea")).await?;
    edit.clear().await?;
    edit.send_keys("What did the quiet ask of you, and of her?")
        .await?;
    driver
        .find(By::Css("#unsent .unsent-save"))
        .await?
        .click()
        .await?;
    until_text(driver, "unsent", "and of her?").await?;

    // A second comment, on the other reflection, deleted before it is sent.
    toggle(driver, "The long wait").await?;
    until_count(driver, "no new mark left", ".new-mark", 0).await?;
    let item = reflection_item(driver, "The long wait").await?;
    item.find(By::Css("textarea"))
        .await?
        .send_keys("Too soon to say.")
        .await?;
    item.find(By::Css("button.add-comment"))
        .await?
        .click()
        .await?;
    until_count(driver, "two unsent comments", "#unsent li", 2).await?;
    driver
        .find_all(By::Css("#unsent .unsent-delete"))
        .await?
        .pop()
        .unwrap()
        .click()
        .await?;
    until_count(driver, "one unsent comment", "#unsent li", 1).await?;
    // That one is discussed instead.
    reflection_item(driver, "The long wait")
        .await?
        .find(By::Css("button.mark-discussed"))
        .await?
        .click()
        .await?;
    until(
        driver,
        "marked discussed",
        "[...document.querySelectorAll('ul.reflections > li')].some((li) => li.textContent.includes('discussed'))",
    )
    .await?;

    // Search over what Sam shared.
    let search = shown(driver, "person-search").await?;
    search.send_keys("bath" + Key::Enter).await?;
    until_text(driver, "search-status", "1 reflection match").await?;
    assert_eq!(count(driver, "ul.reflections > li").await?, 1);
    search.clear().await?;
    search.send_keys("zebra" + Key::Enter).await?;
    until_text(driver, "search-status", "0 reflections match").await?;
    fill(driver, "person-search", "").await?;
    search.send_keys(Key::Enter).await?;
    until_count(driver, "both reflections back", "ul.reflections > li", 2).await?;

    // A private note, with the supervision prompts (never the home-visit ones).
    shown(driver, "note-write").await?.click().await?;
    shown(driver, "note-in_me").await?;
    let notes = shown(driver, "notes").await?.text().await?;
    assert!(notes.contains("What do I notice in myself?"), "{notes}");
    assert!(
        notes.contains("What might the parallel process be?"),
        "{notes}"
    );
    assert!(
        notes.contains("What will I hold in mind next time?"),
        "{notes}"
    );
    assert!(!notes.contains("baby"), "{notes}");
    shown(driver, "note-in_me")
        .await?
        .send_keys("I felt hurried, as she did.")
        .await?;
    shown(driver, "note-next_time")
        .await?
        .send_keys(NEXT_TIME)
        .await?;
    shown(driver, "note-save").await?.click().await?;
    until_count(driver, "the note saved", "#notes .notes li", 1).await?;
    until_text(driver, "note-status", "never sent").await?;

    // The list for the next supervision gathers what Sam asked to bring and my note.
    shown(driver, "prepare-open").await?.click().await?;
    until_text(driver, "prep-bring", TO_BRING).await?;
    until_text(driver, "prep-mine", NEXT_TIME).await?;
    shoot(driver, "62-desk-prepare").await?;
    shown(driver, "prepare-open").await?.click().await?;

    // Sent back: the comment leaves the top of the page.
    driver
        .execute(
            "window.scrollTo(0, 0); document.querySelector('.content').scrollTo(0, 0);",
            Vec::new(),
        )
        .await?;
    shoot(driver, "61-desk-person").await?;
    accessible(driver, "a supervisee's page").await?;
    shown(driver, "send-comments").await?.click().await?;
    save_dialog_answer(
        display,
        "Save the comments",
        &files.join("comments for sam.attune-share"),
    );
    until_text(driver, "person-status", "Saved 1 comment").await?;
    until_count(driver, "no unsent comment", "#unsent", 0).await?;

    // Sign one session, then another: the one signed is shown signed and cannot be ticked.
    shown(driver, "sign-open").await?.click().await?;
    until_count(
        driver,
        "three sessions to tick",
        "#sign input[type=checkbox]:not([disabled])",
        3,
    )
    .await?;
    assert_eq!(
        count(driver, "#sign input[type=checkbox][disabled]").await?,
        1
    );
    driver
        .find(By::Css("#sign input[type=checkbox]:not([disabled])"))
        .await?
        .click()
        .await?;
    until_text(driver, "sign-chosen", "To sign: 1 session, 1 h").await?;
    shoot(driver, "63-desk-sign").await?;
    accessible(driver, "the signing dialog").await?;
    shown(driver, "sign-submit").await?.click().await?;
    save_dialog_answer(
        display,
        "Save the attestation",
        &files.join("sam 1.attune-attest"),
    );
    until_text(driver, "sign-result", "Signed 1 session").await?;
    shown(driver, "sign-more").await?.click().await?;
    until_count(
        driver,
        "two sessions left to tick",
        "#sign input[type=checkbox]:not([disabled])",
        2,
    )
    .await?;
    until_text(driver, "sign", "Signed ").await?;
    assert_eq!(count(driver, "#sign tr.signed").await?, 1);
    driver
        .find(By::Css("#sign input[type=checkbox]:not([disabled])"))
        .await?
        .click()
        .await?;
    shown(driver, "sign-submit").await?.click().await?;
    save_dialog_answer(
        display,
        "Save the attestation",
        &files.join("sam 2.attune-attest"),
    );
    until_text(driver, "sign-result", "Signed 1 session").await?;
    shown(driver, "sign-close").await?.click().await?;
    until_count(driver, "two attestations issued", "#issued tbody tr", 2).await?;
    driver
        .execute(
            "document.getElementById('notes').scrollIntoView();",
            Vec::new(),
        )
        .await?;
    shoot(driver, "67-desk-person-notes").await?;
    // An attestation issued, written again for someone who lost theirs.
    driver
        .find(By::Css("#issued button.save-again"))
        .await?
        .click()
        .await?;
    save_dialog_answer(
        display,
        "Save the attestation again",
        &files.join("sam again.attune-attest"),
    );
    until_text(driver, "person-status", "Attestation saved again").await?;

    // Back on the desk: Sam owes nothing but one session to sign.
    shown(driver, "person-back").await?.click().await?;
    until_count(driver, "the desk again", "#desk tbody tr", 3).await?;
    let rows = desk_rows(driver).await?;
    assert!(rows[2].starts_with("Sam Lee|0|0|0|1|"), "{rows:?}");
    assert!(
        !rows[2].ends_with('—'),
        "the last attestation is dated: {rows:?}"
    );

    // The same three screens, dark at the largest text.
    dark_and_larger(driver).await?;
    shown(driver, "nav-supervisees").await?.click().await?;
    heading(driver, "Supervisees").await?;
    shoot(driver, "64-desk-dark-larger").await?;
    open_person(driver, 2, "Sam Lee").await?;
    shoot(driver, "65-desk-person-dark-larger").await?;
    accessible(driver, "a supervisee's page, dark, larger").await?;
    shown(driver, "sign-open").await?.click().await?;
    until_count(
        driver,
        "one session to tick",
        "#sign input[type=checkbox]:not([disabled])",
        1,
    )
    .await?;
    shoot(driver, "66-desk-sign-dark-larger").await?;
    accessible(driver, "the signing dialog, dark, larger").await?;
    Ok(())
}

async fn second_turn(driver: &WebDriver, display: &str, again: &Path) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    heading(driver, "Supervisees").await?;
    receive(driver, display, again, "Sam Lee").await?;
    until(
        driver,
        "Sam's row with the new reflection",
        "[...document.querySelectorAll('#desk tbody tr')].some((tr) => tr.textContent.includes('Sam Lee') && tr.querySelector('.new').textContent.trim() === '1')",
    )
    .await?;
    let rows = desk_rows(driver).await?;
    assert!(rows[2].starts_with("Sam Lee|1|0|1|2|"), "{rows:?}");

    open_person(driver, 2, "Sam Lee").await?;
    until_count(driver, "one new mark", ".new-mark", 1).await?;
    let new_one = driver
        .execute(
            "return document.querySelector('.new-mark').closest('li').querySelector('.title').textContent;",
            Vec::new(),
        )
        .await?;
    assert_eq!(new_one.json(), &serde_json::json!("Bedtime"));
    shown(driver, "sign-open").await?.click().await?;
    until_count(
        driver,
        "two sessions to tick",
        "#sign input[type=checkbox]:not([disabled])",
        2,
    )
    .await?;
    assert_eq!(
        count(driver, "#sign tr.signed").await?,
        2,
        "the signed ones are shown signed"
    );
    assert_eq!(
        count(driver, "#sign input[type=checkbox][disabled]").await?,
        3
    );

    // By dates: every day, and only what is not signed yet is signed.
    shown(driver, "sign-by-range").await?.click().await?;
    until_text(driver, "sign-chosen", "To sign: 2 sessions, 2 h 30 min").await?;
    shown(driver, "sign-submit").await?.click().await?;
    save_dialog_answer(
        display,
        "Save the attestation",
        &again.with_extension("attune-attest"),
    );
    until_text(driver, "sign-result", "Signed 2 sessions").await?;
    shown(driver, "sign-close").await?.click().await?;
    until_count(driver, "three attestations issued", "#issued tbody tr", 3).await?;
    shown(driver, "sign-open").await?.click().await?;
    until_count(driver, "four sessions signed", "#sign tr.signed", 4).await?;
    assert_eq!(
        count(driver, "#sign input[type=checkbox]:not([disabled])").await?,
        0
    );
    driver
        .find(By::Css("#sign .dialog-actions .secondary"))
        .await?
        .click()
        .await?;

    // Archived, a reflection leaves the list until archived ones are asked for.
    toggle(driver, "The long wait").await?;
    reflection_item(driver, "The long wait")
        .await?
        .find(By::Css("button.mark-archived"))
        .await?
        .click()
        .await?;
    until_count(driver, "two reflections shown", "ul.reflections > li", 2).await?;
    assert_eq!(active_id(driver).await?, "reflections-title");
    shown(driver, "show-archived").await?.click().await?;
    until_count(driver, "all three", "ul.reflections > li", 3).await?;
    Ok(())
}
