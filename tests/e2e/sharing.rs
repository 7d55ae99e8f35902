//! End-to-end sharing through the real window, for two people on one machine: a practitioner
//! and her supervisor, each with their own vault, taking turns in the real app under Xvfb.
//! They exchange contact cards (pasted, and as a file), verify fingerprints, the practitioner shares a
//! reflection (some sections) and a month of hours after the de-identification check, the
//! supervisor receives it, comments, sends the comment back and signs an attestation, and the
//! practitioner receives both: the comment shows beside the reflection and the sessions show
//! as attested. Native file dialogs are answered with xdotool; `attune verify` (the CLI)
//! checks the attestation independently.

use std::path::Path;

use attune_core::hours::{SessionDraft, SessionFormat};
use attune_core::{CreateOptions, ReflectionDraft, ReflectionKind, Role, Vault};
use attune_e2e::built::{command_line, desktop_app};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME, POLL, WAIT};
use attune_e2e::page::{
    accessible, active_id, fill, heading, lock_by_keyboard, open_dialog_answer, save_dialog_answer,
    shoot, shown, text_of, unlock_with, until, until_text,
};
use chrono::{Days, Local, NaiveDate};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a quiet room with the window open";
const PRIVATE: &str = "It stirred my own mother's voice";

fn days_ago(n: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(n)
}

fn session(date: NaiveDate, minutes: u32, provider: &str) -> SessionDraft {
    SessionDraft {
        date,
        minutes,
        format: SessionFormat::Individual,
        modality: None,
        provider: provider.into(),
        credential: Some("IMHM-C".into()),
        facilitated: None,
        age_focus: None,
        about_rsc_provided: false,
        note: "parking was hard".into(),
        reflections: Vec::new(),
    }
}

/// The two vaults: hers with a reflection and three sessions (two with the supervisor), and
/// the supervisor's, empty. Returns the supervisor's card as text.
fn vaults(practitioner: &Path, supervisor: &Path) -> String {
    let options = |name: &str, role| CreateOptions {
        name: Some(name.into()),
        role,
        ..Default::default()
    };
    let (mut p, _) = Vault::create(
        practitioner,
        PASSPHRASE,
        &options("Sam Lee", Role::Practitioner),
    )
    .unwrap();
    p.journal_mut()
        .add(ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: days_ago(3),
            title: "Bath time".into(),
            family: "Rowan".into(),
            parent_infant: "She held him close, humming, and he settled.".into(),
            practitioner_parent: "She gave me her number, 555-867-5309, for next time.".into(),
            tags: Vec::new(),
            supervisor_practitioner: String::new(),
            self_: PRIVATE.into(),
            for_supervision: String::new(),
        })
        .unwrap();
    p.hours_mut()
        .add_session(session(days_ago(20), 60, "Ana Ruiz"))
        .unwrap();
    p.hours_mut()
        .add_session(session(days_ago(10), 90, "Ana Ruiz"))
        .unwrap();
    p.hours_mut()
        .add_session(session(days_ago(5), 45, "Sam Okafor"))
        .unwrap();
    p.lock().unwrap();
    let (mut s, _) = Vault::create(
        supervisor,
        PASSPHRASE,
        &options("Ana Ruiz", Role::Supervisor),
    )
    .unwrap();
    let card = s.sharing_mut().my_card().unwrap().to_text();
    s.lock().unwrap();
    card
}

#[tokio::test(flavor = "current_thread")]
async fn sharing_through_the_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (p_dir, s_dir) = (tmp.path().join("sam"), tmp.path().join("ana"));
    let s_card = vaults(&p_dir, &s_dir);
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let card_file = files.join("sam.attune-card");
    let bundle = files.join("for ana.attune-share");
    let reply = files.join("comments for sam.attune-share");
    let attestation = files.join("sam hours.attune-attest");
    let app = desktop_app();

    // Turn 1: the practitioner adds and verifies her supervisor, and shares.
    let run = tmp.path().join("run1");
    let (_x, _d, driver, display) = session_on_display(&run, &p_dir, &app).await;
    let result = practitioner_shares(&driver, &display, &s_card, &card_file, &bundle).await;
    let quit = driver.quit().await;
    result.expect("the practitioner's share failed");
    quit.unwrap();
    drop((_x, _d));
    assert!(bundle.exists());

    // Turn 2: the supervisor receives, comments, replies and attests.
    let run = tmp.path().join("run2");
    let (_x, _d, driver, display) = session_on_display(&run, &s_dir, &app).await;
    let result =
        supervisor_answers(&driver, &display, &card_file, &bundle, &reply, &attestation).await;
    let quit = driver.quit().await;
    result.expect("the supervisor's turn failed");
    quit.unwrap();
    drop((_x, _d));

    // What the window signed is recorded: those sessions are not offered for signing again.
    let s = attune_e2e::built::unlock_when_free(&s_dir, PASSPHRASE).unwrap();
    let issued = s.sharing().issued_attestations();
    assert_eq!(
        issued.len(),
        1,
        "the attestation signed in the window is recorded"
    );
    assert_eq!(issued[0].attestation.sessions.len(), 2);
    s.lock().unwrap();

    // Anyone can check the attestation, with no vault: the CLI says who signed it.
    let verified = std::process::Command::new(command_line())
        .arg("verify")
        .arg(&attestation)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{said}");
    assert!(said.contains("Ana Ruiz"), "{said}");
    assert!(said.contains("sessions:       2, 2:30"), "{said}");

    // Turn 3: the practitioner receives the comment and the attestation.
    let run = tmp.path().join("run3");
    let (_x, _d, driver, display) = session_on_display(&run, &p_dir, &app).await;
    let result = practitioner_receives(&driver, &display, &bundle, &reply, &attestation).await;
    let quit = driver.quit().await;
    result.expect("the practitioner's receiving failed");
    quit.unwrap();
}

/// Receives `file` through "Receive a file…" and its open dialog; waits for `said`.
async fn receive(
    driver: &WebDriver,
    display: &str,
    file: &Path,
    said: &str,
) -> WebDriverResult<()> {
    shown(driver, "receive").await?.click().await?;
    open_dialog_answer(display, "Receive a share file or an attestation", file);
    until_text(driver, "receive-status", said).await
}

async fn open_sharing(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-sharing").await?.click().await?;
    heading(driver, "Sharing").await
}

/// Adds the card `text` by pasting it, then verifies it; returns the fingerprint shown.
async fn paste_and_verify(driver: &WebDriver, text: &str, name: &str) -> WebDriverResult<String> {
    shown(driver, "sharing-contacts").await?.click().await?;
    fill(driver, "contact-card", text).await?;
    shown(driver, "contact-add").await?.click().await?;
    verify(driver, name).await
}

/// Verifies the contact just added, by the fingerprint dialog; returns the fingerprint the
/// dialog showed.
async fn verify(driver: &WebDriver, name: &str) -> WebDriverResult<String> {
    until_text(driver, "contact-status", &format!("{name} is added")).await?;
    shown(driver, "verify-0").await?.click().await?;
    until(
        driver,
        "the verify dialog",
        "document.getElementById('verify-dialog')?.open",
    )
    .await?;
    // The safe answer has focus: Enter does not verify by accident.
    assert_eq!(active_id(driver).await?, "verify-cancel");
    let shown_fp = text_of(driver, "verify-fingerprint").await?;
    shown(driver, "verify-confirm").await?.click().await?;
    until_text(driver, "contact-status", &format!("{name} is verified")).await?;
    Ok(shown_fp.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Returns the practitioner's card, read from the window.
async fn practitioner_shares(
    driver: &WebDriver,
    display: &str,
    s_card: &str,
    card_file: &Path,
    bundle: &Path,
) -> WebDriverResult<()> {
    open_sharing(driver).await?;
    // With no verified contact, sharing starts at the contacts.
    until(
        driver,
        "the contacts part",
        "document.getElementById('sharing-contacts')?.getAttribute('aria-current') === 'page'",
    )
    .await?;
    let my_card = shown(driver, "my-card")
        .await?
        .value()
        .await?
        .unwrap_or_default();
    assert!(my_card.contains("BEGIN ATTUNE CONTACT CARD"), "{my_card}");
    let my_fp = text_of(driver, "my-fingerprint").await?;
    assert_eq!(my_fp.split_whitespace().count(), 8, "{my_fp}");

    // A card that is not one is refused in words, and nothing is added.
    fill(driver, "contact-card", "hello Ana").await?;
    shown(driver, "contact-add").await?.click().await?;
    until_text(driver, "contact-card-error", "Not added").await?;

    let ana_fp = paste_and_verify(driver, &format!("Hi Sam,\n\n{s_card}\nAna"), "Ana Ruiz").await?;
    assert_eq!(ana_fp.split(' ').count(), 8, "{ana_fp}");
    // Her own card goes to a file, to hand over.
    shown(driver, "save-card").await?.click().await?;
    save_dialog_answer(display, "Save your contact card", card_file);
    until_text(driver, "card-status", "Saved to").await?;
    assert_eq!(std::fs::read_to_string(card_file).unwrap(), my_card);
    shoot(driver, "20-sharing-contacts").await?;
    accessible(driver, "contacts").await?;

    // Share: the reflection without the "Yourself" section, and the last month of hours.
    shown(driver, "sharing-share").await?.click().await?;
    let pick = driver
        .query(By::Css("input[data-reflection]"))
        .wait(WAIT, POLL)
        .first()
        .await?;
    let rid = pick.attr("data-reflection").await?.unwrap_or_default();
    pick.click().await?;
    driver
        .query(By::Css(format!("input[data-section='{rid}:self']")))
        .first()
        .await?
        .click()
        .await?;
    shown(driver, "share-hours").await?.click().await?;
    fill(driver, "share-hours-from", &days_ago(30).to_string()).await?;
    fill(driver, "share-hours-to", &days_ago(0).to_string()).await?;
    shown(driver, "share-preview").await?.click().await?;

    // The check shows exactly what leaves, with the phone number flagged.
    until_text(driver, "share-findings", "1 phone number").await?;
    until(
        driver,
        "the phone number marked in what leaves",
        "[...document.querySelectorAll('#share-check .outgoing mark.flag')].map((m) => m.textContent).join('|') === '555-867-5309'",
    )
    .await?;
    // Beside her name, the short form of the fingerprint just compared (issue 14).
    let beside = text_of(driver, "preview-fingerprint").await?;
    assert_eq!(beside, ana_fp[..9], "{beside}");
    let check = text_of(driver, "share-check").await?;
    assert!(check.contains("She held him close"), "{check}");
    assert!(check.contains("555-867-5309"), "{check}");
    assert!(
        !check.contains(PRIVATE),
        "a section left out is in the preview"
    );
    assert!(check.contains("3 sessions, 3 h 15 min"), "{check}");
    assert!(
        !check.contains("parking"),
        "a session note is in the preview"
    );
    shoot(driver, "21-sharing-check").await?;
    accessible(driver, "share check").await?;

    shown(driver, "share-save").await?.click().await?;
    save_dialog_answer(display, "Save the share file", bundle);
    until_text(driver, "share-status", "Only Ana Ruiz can open it").await?;
    Ok(())
}

async fn supervisor_answers(
    driver: &WebDriver,
    display: &str,
    card_file: &Path,
    bundle: &Path,
    reply: &Path,
    attestation: &Path,
) -> WebDriverResult<()> {
    open_sharing(driver).await?;
    // Before Sam is a verified contact, the bundle is refused and nothing is kept.
    receive(driver, display, bundle, "not one of your contacts").await?;

    // Sam's card arrives as a file.
    shown(driver, "sharing-contacts").await?.click().await?;
    shown(driver, "contact-file").await?.click().await?;
    open_dialog_answer(display, "Add a contact card", card_file);
    let sam_fp = verify(driver, "Sam Lee").await?;
    // Practitioners may log her as "A. Ruiz": she says that spelling is hers.
    let spellings = shown(driver, "provider-spellings").await?;
    spellings.send_keys("A. Ruiz").await?;
    shown(driver, "provider-spellings-save")
        .await?
        .click()
        .await?;
    until_text(driver, "provider-spellings-status", "one other spelling").await?;
    shoot(driver, "68-provider-spellings").await?;
    receive(
        driver,
        display,
        bundle,
        "Received from Sam Lee: 1 reflection, 3 sessions to confirm.",
    )
    .await?;

    // Shared with me: read-only, the chosen sections only, a comment box.
    until(
        driver,
        "the shared part",
        "document.getElementById('sharing-shared')?.getAttribute('aria-current') === 'page'",
    )
    .await?;
    // His name, with the short form of his fingerprint beside it (issue 14).
    let group = text_of(driver, "person-0").await?;
    assert_eq!(group, format!("Sam Lee {}", &sam_fp[..9]));
    let page = driver.find(By::Css("article.shared")).await?.text().await?;
    assert!(page.contains("She held him close"), "{page}");
    assert!(!page.contains(PRIVATE), "{page}");
    let box_ = driver.find(By::Css("textarea.comment-box")).await?;
    box_.send_keys("What did his settling stir in you?").await?;
    driver
        .find(By::Css("button.add-comment"))
        .await?
        .click()
        .await?;
    until_text(driver, "send-comments-0", "Send 1 comment to Sam Lee").await?;
    shoot(driver, "22-shared-with-me").await?;
    accessible(driver, "shared with me").await?;

    shown(driver, "send-comments-0").await?.click().await?;
    save_dialog_answer(display, "Save the comments", reply);
    until_text(driver, "send-status-0", "Saved 1 comment").await?;

    // Attest: only the two sessions that name her.
    shown(driver, "attest-open-0").await?.click().await?;
    until_text(driver, "attest-covered", "To sign: 2 sessions, 2 h 30 min.").await?;
    shoot(driver, "23-attest").await?;
    shown(driver, "attest-sign").await?.click().await?;
    save_dialog_answer(display, "Save the attestation", attestation);
    until_text(driver, "attest-result", "Signed 2 sessions, 2 h 30 min").await?;
    Ok(())
}

/// What came back shows on the practitioner's side: "Shared with me" lists the reflection
/// with a new comment (never "nothing has been shared"), the journal list marks it, and
/// opening it from there shows the comment as new, after which the mark is gone.
async fn comments_came_back(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "sharing-shared").await?.click().await?;
    until_text(driver, "comments-back", "1 new").await?;
    until_text(driver, "comments-back", "1 comment from Ana Ruiz").await?;
    let body = driver.find(By::Tag("main")).await?.text().await?;
    assert!(
        !body.contains("Nothing has been shared with you yet"),
        "the empty message beside comments that came back:\n{body}"
    );
    shoot(driver, "23a-comments-came-back").await?;
    accessible(driver, "comments that came back").await?;

    shown(driver, "nav-journal").await?.click().await?;
    until(
        driver,
        "the journal list marks the reflection with a new comment",
        "(document.querySelector('#results .item .new-comments')?.textContent ?? '').includes('1 new comment')",
    )
    .await?;

    shown(driver, "nav-sharing").await?.click().await?;
    shown(driver, "sharing-shared").await?.click().await?;
    driver
        .query(By::Css("#comments-back .back-item"))
        .wait(WAIT, POLL)
        .first()
        .await?
        .click()
        .await?;
    until_text(driver, "comments", "New").await?;
    until_text(driver, "comments", "What did his settling stir in you?").await?;
    until(
        driver,
        "the mark gone from the list once the reflection was opened",
        "document.querySelector('#results .item') !== null && document.querySelector('#results .item .new-comments') === null",
    )
    .await?;
    shown(driver, "nav-sharing").await?.click().await?;
    Ok(())
}

async fn practitioner_receives(
    driver: &WebDriver,
    display: &str,
    bundle: &Path,
    reply: &Path,
    attestation: &Path,
) -> WebDriverResult<()> {
    open_sharing(driver).await?;
    // The bundle she sent is for Ana: her own vault cannot open it.
    receive(driver, display, bundle, "not meant for you").await?;

    receive(driver, display, reply, "Received from Ana Ruiz: 1 comment.").await?;
    comments_came_back(driver).await?;
    receive(
        driver,
        display,
        attestation,
        "Ana Ruiz attested 2 sessions; 2 now show as attested",
    )
    .await?;

    // Anyone's attestation can be checked from here too.
    shown(driver, "check-attestation").await?.click().await?;
    open_dialog_answer(display, "Check an attestation", attestation);
    until_text(driver, "attestation-checked", "Signed by Ana Ruiz").await?;
    until_text(driver, "attestation-for", "Signed for Sam Lee").await?;
    shoot(driver, "69-attestation-checked").await?;

    // The comment beside the reflection.
    shown(driver, "nav-journal").await?.click().await?;
    let item = driver
        .query(By::Css("#results .item"))
        .wait(WAIT, POLL)
        .first()
        .await?;
    item.click().await?;
    until_text(driver, "comments", "What did his settling stir in you?").await?;
    until_text(driver, "comments", "Ana Ruiz").await?;
    shoot(driver, "24-comment-beside-reflection").await?;
    accessible(driver, "reflection with comments").await?;

    // The two sessions with Ana show as attested in the hours log.
    shown(driver, "nav-hours").await?.click().await?;
    until(
        driver,
        "two attested sessions",
        "[...document.querySelectorAll('#sessions .verified')].filter((e) => e.textContent.includes('Attested by Ana Ruiz')).length === 2",
    )
    .await?;
    shoot(driver, "25-hours-attested").await?;

    // Editing an attested session says first that the attestation will no longer cover it.
    driver
        .query(By::XPath(
            "//tr[.//*[contains(@class,'verified')]]//button[starts-with(normalize-space(.), 'Edit')]",
        ))
        .wait(WAIT, POLL)
        .first()
        .await?
        .click()
        .await?;
    until_text(
        driver,
        "session-attested-warning",
        "Ana Ruiz attested this session",
    )
    .await?;
    until_text(
        driver,
        "session-attested-warning",
        "that attestation no longer covers it",
    )
    .await?;
    shoot(driver, "25a-editing-an-attested-session").await?;
    Ok(())
}

/// A card pasted from a mail client that took its line breaks out (spaces where they were,
/// the e-mail around it on the same line) is read, added and shown with its fingerprint.
#[tokio::test(flavor = "current_thread")]
async fn a_card_whose_line_breaks_were_lost_is_added() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (p_dir, s_dir) = (tmp.path().join("sam"), tmp.path().join("ana"));
    let s_card = vaults(&p_dir, &s_dir);
    let flattened = format!(
        "Hi Sam, here is my card: {} See you Tuesday, Ana",
        s_card.replace('\n', " ")
    );
    assert!(!flattened.contains('\n'));
    let (_x, _d, driver, _display) =
        session_on_display(&tmp.path().join("run"), &p_dir, &desktop_app()).await;
    let result = paste_flattened(&driver, &flattened).await;
    let quit = driver.quit().await;
    result.expect("pasting a card without its line breaks failed");
    quit.unwrap();
    // It is the supervisor's card, kept as a contact.
    let p = Vault::unlock(&p_dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let names: Vec<&str> = p
        .sharing()
        .contacts()
        .iter()
        .map(|c| c.card.name())
        .collect();
    assert_eq!(names, ["Ana Ruiz"]);
    p.lock().unwrap();
}

async fn paste_flattened(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    open_sharing(driver).await?;
    let fp = paste_and_verify(driver, text, "Ana Ruiz").await?;
    assert_eq!(fp.split(' ').count(), 8, "{fp}");
    shoot(driver, "25-sharing-card-without-line-breaks").await?;
    lock_by_keyboard(driver).await
}
