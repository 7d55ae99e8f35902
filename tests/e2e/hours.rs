//! Supervision hours through the window: log sessions (typed, prefilled from the last one,
//! refused when wrong, edited, deleted after a confirmation) and training, see progress
//! toward an Endorsement category, and export the PDF through the native save dialog,
//! answered with xdotool; the PDF is then read by an independent tool (pdftotext).

use std::path::Path;

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, active_id, choose, erase, heading, heading_h2, lock_by_keyboard, pick_day, retype,
    save_dialog_answer, shoot, shown, text_of, unlock_with, until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the heron waits by the cold river";

#[tokio::test(flavor = "current_thread")]
async fn hours_through_the_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        name: Some("Robin Ahmadi".into()),
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver, display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let pdf = tmp.path().join("exports").join("hours summary.pdf");
    let experiences = tmp.path().join("exports").join("rsc experiences.csv");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let result = hours_flow(&driver, &display, &pdf, &experiences).await;
    let quit = driver.quit().await;
    result.expect("the hours flow failed");
    quit.expect("the WebDriver session did not close");

    // The application's rows, read by Python's csv module, add up to the 3 hours logged.
    let script = "import csv, sys\n\
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
print(sum(int(r['minutes']) for r in rows), ';'.join(r['provider'] + '/' + r['format'] + '/' + r['counted'] for r in rows))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script, experiences.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "180 Lucía Pérez/individual/yes;Lucía Pérez/group/yes",
        "the experiences CSV"
    );

    // The PDF is whole and says what the dashboard said, read by an independent tool.
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is missing; run `bash scripts/test.sh`");
    assert!(text.status.success(), "pdftotext failed on the export");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "Robin Ahmadi",
        "Lucía Pérez",
        "IMHM-C",
        "3:00 of 50:00 required",
        "do not yet meet the requirement as Attune reads",
    ] {
        assert!(
            text.contains(expected),
            "the PDF lacks {expected:?}:\n{text}"
        );
    }
}

/// The whole story, one scene after another.
async fn hours_flow(
    driver: &WebDriver,
    display: &str,
    pdf: &Path,
    experiences: &Path,
) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    log_sessions(driver).await?;
    log_training(driver).await?;
    see_progress(driver).await?;
    the_category_is_remembered(driver).await?;
    export_the_pdf(driver, display, pdf).await?;
    export_for_the_application(driver, display, experiences).await
}

/// Three sessions: the first typed in full, the next prefilled from it, bad input refused,
/// the older one edited, the third deleted after a confirmation.
async fn log_sessions(driver: &WebDriver) -> WebDriverResult<()> {
    let today = chrono::Local::now().date_naive();
    // The first session, typed in full; the length as h:mm.
    assert_eq!(
        shown(driver, "session-date")
            .await?
            .attr("data-value")
            .await?,
        Some(today.to_string())
    );
    pick_day(driver, "session-date", 40).await?;
    retype(driver, "session-minutes", "1:30").await?;
    retype(driver, "session-provider", "Lucía Pérez").await?;
    retype(driver, "session-credential", "imhm-c").await?;
    choose(driver, "session-modality", "virtual").await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "the first session logged",
        "(document.getElementById('session-status')?.textContent ?? '').includes('Logged 1 h 30 min with Lucía Pérez')",
    )
    .await?;

    // The next one starts from the last: same provider, credential, length and format.
    let provider = shown(driver, "session-provider").await?;
    assert_eq!(provider.value().await?, Some("Lucía Pérez".into()));
    assert_eq!(
        shown(driver, "session-credential").await?.value().await?,
        Some("IMHM-C".into())
    );
    assert_eq!(
        shown(driver, "session-minutes").await?.value().await?,
        Some("90".into())
    );
    pick_day(driver, "session-date", 10).await?;
    retype(driver, "session-minutes", "120").await?;
    driver
        .find(By::Css("input[name='session-format'][value='group']"))
        .await?
        .click()
        .await?;
    // Led by her, not among peers: it counts (issue 16).
    shown(driver, "session-facilitated").await?.click().await?;
    // Enter in a field submits, as in any form.
    shown(driver, "session-note")
        .await?
        .send_keys("case consultation" + Key::Enter)
        .await?;
    until(
        driver,
        "two sessions",
        "(document.getElementById('sessions-total')?.textContent ?? '').includes('2 sessions, 3:30 h')",
    )
    .await?;

    // Bad input is refused in words, and nothing is saved.
    retype(driver, "session-minutes", "0").await?;
    shown(driver, "session-save").await?.click().await?;
    let refusal = shown(driver, "session-form")
        .await?
        .find(By::Css(".error"))
        .await?
        .text()
        .await?;
    assert!(refusal.contains("more than 0 minutes"), "{refusal}");
    assert_eq!(
        shown(driver, "session-minutes")
            .await?
            .attr("aria-invalid")
            .await?,
        Some("true".into())
    );
    // Every problem of the form at once; each goes as soon as its field is fixed.
    let provider = shown(driver, "session-provider").await?;
    provider.send_keys(Key::Control + "a").await?;
    provider.send_keys(Key::Backspace).await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "both problems listed",
        "document.querySelectorAll('#session-form .problems li').length === 2",
    )
    .await?;
    retype(driver, "session-minutes", "60").await?;
    until(
        driver,
        "the length's error gone once fixed, the supervisor's still there",
        "document.getElementById('session-minutes').getAttribute('aria-invalid') === null \
         && document.getElementById('session-provider').getAttribute('aria-invalid') === 'true' \
         && (document.querySelector('#session-form .error')?.textContent ?? '').includes('who led the session')",
    )
    .await?;

    // Edit the older session (the list is newest first): 1:30 becomes 1:00.
    let rows = driver.find_all(By::Css("#sessions tbody tr")).await?;
    assert_eq!(rows.len(), 2);
    rows[1].find(By::Css("button")).await?.click().await?;
    heading_h2(driver, "session-form-title", "Edit the session of").await?;
    retype(driver, "session-minutes", "60").await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "the edit saved",
        "(document.getElementById('sessions-total')?.textContent ?? '').includes('2 sessions, 3:00 h')",
    )
    .await?;

    // A third, deleted after a confirmation.
    pick_day(driver, "session-date", 1).await?;
    retype(driver, "session-minutes", "45").await?;
    shown(driver, "session-save").await?.click().await?;
    until(
        driver,
        "three sessions",
        "(document.getElementById('sessions-total')?.textContent ?? '').includes('3 sessions')",
    )
    .await?;
    shoot(driver, "15-hours-sessions").await?;
    accessible(driver, "hours log").await?;
    let rows = driver.find_all(By::Css("#sessions tbody tr")).await?;
    rows[0]
        .find(By::XPath(
            ".//button[starts-with(normalize-space(.), 'Delete')]",
        ))
        .await?
        .click()
        .await?;
    shown(driver, "delete-session-confirm").await?;
    // The safe answer has focus: Enter keeps the session.
    assert_eq!(active_id(driver).await?, "delete-session-keep");
    shoot(driver, "16-hours-delete").await?;
    shown(driver, "delete-session-confirm")
        .await?
        .click()
        .await?;
    until(
        driver,
        "the session deleted",
        "(document.getElementById('sessions-total')?.textContent ?? '').includes('2 sessions, 3:00 h')",
    )
    .await?;
    Ok(())
}

/// Training, with a topic counted apart.
async fn log_training(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "hours-training").await?.click().await?;
    pick_day(driver, "training-date", 20).await?;
    retype(driver, "training-minutes", "6:00").await?;
    retype(driver, "training-title", "Holding the baby in mind").await?;
    retype(driver, "training-organiser", "MI-AIMH").await?;
    driver
        .find(By::Css(
            "input[type='radio'][name='training-topic'][value='dei']",
        ))
        .await?
        .click()
        .await?;
    shown(driver, "training-save").await?.click().await?;
    until(
        driver,
        "the training logged",
        "(document.getElementById('training-status')?.textContent ?? '').includes('Logged 6 h of training')",
    )
    .await?;
    shoot(driver, "17-hours-training").await?;
    accessible(driver, "training log").await?;
    a_training_deleted_while_edited(driver).await
}

/// A training whose edit was refused (no title), deleted while it is being edited: the form
/// goes back to a new entry with nothing said wrong of it.
async fn a_training_deleted_while_edited(driver: &WebDriver) -> WebDriverResult<()> {
    pick_day(driver, "training-date", 21).await?;
    retype(driver, "training-minutes", "1:00").await?;
    retype(driver, "training-title", "Logged by mistake").await?;
    shown(driver, "training-save").await?.click().await?;
    until(
        driver,
        "the second training logged",
        "(document.getElementById('training-status')?.textContent ?? '').includes('Logged 1 h of training')",
    )
    .await?;
    let row = |what: &'static str| {
        By::XPath(format!(
            "//tr[td[normalize-space(.)='Logged by mistake']]//button[starts-with(normalize-space(.), '{what}')]"
        ))
    };
    driver.find(row("Edit")).await?.click().await?;
    erase(driver, "training-title").await?;
    shown(driver, "training-save").await?.click().await?;
    until(
        driver,
        "the missing title said",
        "(document.querySelector('#training-form .error')?.textContent ?? '').includes('Title')",
    )
    .await?;
    driver.find(row("Delete")).await?.click().await?;
    shown(driver, "delete-training-confirm")
        .await?
        .click()
        .await?;
    until(
        driver,
        "the training deleted, and the form new with nothing wrong",
        "(document.getElementById('training-status')?.textContent ?? '').includes('Deleted') \
         && document.getElementById('training-form-title')?.textContent.trim() === 'Log training' \
         && document.querySelector('#training-form .error') === null \
         && document.querySelector('#training-form [aria-invalid=\"true\"]') === null",
    )
    .await?;
    Ok(())
}

/// Progress toward Mentor – Clinical: not met, said in words, a bar per requirement, the
/// months chart and the provider's share.
async fn see_progress(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "hours-progress").await?.click().await?;
    // Before a category is chosen, a nudge to choose one; the menu names categories in
    // words, with no internal ids.
    let nudge = text_of(driver, "choose-category").await?;
    assert!(
        nudge.contains("Choose the Endorsement® category"),
        "{nudge}"
    );
    let options = driver
        .execute(
            "return [...document.querySelectorAll('#progress-rules option')].map((o) => o.textContent).join('|');",
            Vec::new(),
        )
        .await?;
    let options = options.json().as_str().unwrap_or_default().to_owned();
    assert!(
        options.contains("Infant Mental Health Mentor") && !options.contains("imh-e/"),
        "{options}"
    );
    choose(driver, "progress-rules", "imh-e/imhm-c").await?;
    until(
        driver,
        "progress toward imh-e/imhm-c",
        "(document.getElementById('progress-verdict')?.textContent ?? '').includes('do not yet meet the requirement as Attune reads')",
    )
    .await?;
    let shortfalls = text_of(driver, "shortfalls").await?;
    assert!(shortfalls.contains("more needed"), "{shortfalls}");
    let bar = driver
        .find(By::Css(
            "[role='progressbar'][aria-labelledby='bar-rsc-label']",
        ))
        .await?;
    let detail = bar.attr("aria-valuetext").await?.unwrap_or_default();
    assert!(detail.starts_with("3:00 of "), "{detail}");
    assert_eq!(text_of(driver, "total-hours").await?, "3:00 h");
    let bars = driver.find_all(By::Css("#months-chart rect")).await?;
    assert_eq!(bars.len(), 2, "one individual and one group bar");
    let share = text_of(driver, "provider-shares").await?;
    assert!(
        share.contains("Lucía Pérez") && share.contains("100 %"),
        "{share}"
    );
    shoot(driver, "18-hours-progress").await?;
    accessible(driver, "progress").await?;
    Ok(())
}

/// The chosen category is kept in the vault: it is still chosen after lock and unlock.
async fn the_category_is_remembered(driver: &WebDriver) -> WebDriverResult<()> {
    lock_by_keyboard(driver).await?;
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "hours-progress").await?.click().await?;
    until(
        driver,
        "the category remembered",
        "document.getElementById('progress-rules')?.value === 'imh-e/imhm-c'",
    )
    .await?;
    Ok(())
}

/// Export the PDF through the native save dialog.
async fn export_the_pdf(driver: &WebDriver, display: &str, pdf: &Path) -> WebDriverResult<()> {
    shown(driver, "export-open").await?.click().await?;
    assert_eq!(
        shown(driver, "export-rules").await?.value().await?,
        Some("imh-e/imhm-c".into())
    );
    shoot(driver, "19-hours-export").await?;
    accessible(driver, "export dialog").await?;
    shown(driver, "export-save").await?.click().await?;
    save_dialog_answer(display, "Export supervision hours", pdf);
    until(
        driver,
        "the export saved",
        "(document.getElementById('export-result')?.textContent ?? '').includes('Saved to')",
    )
    .await?;
    let said = text_of(driver, "export-result").await?;
    assert!(said.ends_with(pdf.to_str().unwrap()), "{said}");
    Ok(())
}

/// The experiences of an application as CSV: the category is asked for when none is chosen.
async fn export_for_the_application(
    driver: &WebDriver,
    display: &str,
    csv: &Path,
) -> WebDriverResult<()> {
    driver
        .find(By::Css(
            "input[name='export-format'][value='application_csv']",
        ))
        .await?
        .click()
        .await?;
    choose(driver, "export-application-rules", "").await?;
    shown(driver, "export-save").await?.click().await?;
    let problem = text_of(driver, "export-application-rules-problem").await?;
    assert_eq!(problem, "Choose the category you are applying for.");
    assert_eq!(active_id(driver).await?, "export-application-rules");
    choose(driver, "export-application-rules", "imh-e/imhm-c").await?;
    shoot(driver, "19b-hours-export-application").await?;
    accessible(driver, "export dialog, application").await?;
    shown(driver, "export-save").await?.click().await?;
    save_dialog_answer(display, "Export supervision hours", csv);
    until(
        driver,
        "the experiences saved",
        "(document.getElementById('export-result')?.textContent ?? '').includes('rsc experiences.csv')",
    )
    .await?;
    Ok(())
}
