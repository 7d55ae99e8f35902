//! The journal's own files from Settings: a jrnl export imported through the native open
//! dialog, previewed (how many, the dates, the titles, what is not kept) and confirmed, then
//! one Markdown file the same way; the journal exported as JSON after the passphrase is
//! typed again (a wrong one writes nothing), the file read back. Screenshots of the preview and the export.

use std::path::Path;

use attune_e2e::built::{desktop_app, quick_vault, unlock_when_free};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, choose, heading, open_dialog_answer, save_dialog_answer, shoot, shown, text_of,
    unlock_with, until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the kettle on the low flame";

const JRNL: &str = r#"{"tags": {"@work": 1}, "entries": [
  {"title": "Long day.", "body": "The visit ran late; Lucía held the baby. @work", "date": "2024-05-01", "time": "21:30", "tags": ["@work"], "starred": true},
  {"title": "Quiet morning.", "body": "Nothing to add.", "date": "2024-05-02", "time": "08:00", "tags": [], "starred": false}
]}"#;

#[tokio::test(flavor = "current_thread")]
async fn import_and_export_from_settings() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    quick_vault(&vault, PASSPHRASE).lock().unwrap();
    let files = tmp.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let jrnl = files.join("jrnl.json");
    std::fs::write(&jrnl, JRNL).unwrap();
    let markdown = files.join("after the group.md");
    std::fs::write(
        &markdown,
        "---\ntitle: After the group\ncreated: 2024-06-03T18:30:00\ntags: [group]\n---\n\nThe room went quiet when the baby slept.\n",
    )
    .unwrap();
    let export = files.join("journal export.json");

    let (_xvfb, _driver_process, driver, display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = story(&driver, &display, &jrnl, &markdown, &export).await;
    let quit = driver.quit().await;
    result.expect("the journal files story failed");
    quit.expect("the WebDriver session did not close");

    let v = unlock_when_free(&vault, PASSPHRASE).unwrap();
    assert_eq!(v.journal().len(), 3);
    v.lock().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(doc["format"], "attune-journal");
    assert_eq!(doc["reflections"].as_array().unwrap().len(), 3);
    assert_eq!(doc["reflections"][0]["title"], "Long day.");
}

async fn story(
    driver: &WebDriver,
    display: &str,
    jrnl: &Path,
    markdown: &Path,
    export: &Path,
) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;

    shown(driver, "import-choose").await?.click().await?;
    open_dialog_answer(display, "Import a journal", jrnl);
    let preview = text_of(driver, "import-preview").await?;
    assert!(
        preview.contains("2 reflections to import, from 2024-05-01 to 2024-05-02"),
        "{preview}"
    );
    assert!(
        preview.contains("First: Long day.; Quiet morning."),
        "{preview}"
    );
    assert!(
        preview.contains("Not kept: starred marks (1 entry)"),
        "{preview}"
    );
    shown(driver, "import-preview")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "43-import-preview").await?;
    accessible(driver, "import preview").await?;
    shown(driver, "import-confirm").await?.click().await?;
    until(
        driver,
        "the import done",
        "(document.getElementById('import-result')?.textContent ?? '').includes('Imported 2 reflections')",
    )
    .await?;

    // One Markdown file (a note from Obsidian) through the same preview.
    choose(driver, "import-from", "markdown_file").await?;
    let button = text_of(driver, "import-choose").await?;
    assert_eq!(button, "Choose the file…");
    shown(driver, "import-choose").await?.click().await?;
    open_dialog_answer(display, "Import a journal", markdown);
    let preview = text_of(driver, "import-preview").await?;
    assert!(
        preview.contains("1 reflection to import, on 2024-06-03"),
        "{preview}"
    );
    assert!(preview.contains("First: After the group"), "{preview}");
    shown(driver, "import-confirm").await?.click().await?;
    until(
        driver,
        "the Markdown file imported",
        "(document.getElementById('import-result')?.textContent ?? '').includes('Imported 1 reflection')",
    )
    .await?;

    // Export: the passphrase again; a wrong one writes nothing.
    driver
        .find(By::Css("input[name='journal-format'][value='json']"))
        .await?
        .click()
        .await?;
    let pass = shown(driver, "export-journal-passphrase").await?;
    pass.send_keys("not my passphrase").await?;
    shown(driver, "export-journal").await?.click().await?;
    let error = text_of(driver, "export-journal-error").await?;
    assert_eq!(error, "That is not your passphrase. Nothing was written.");
    pass.clear().await?;
    pass.send_keys(PASSPHRASE).await?;
    shown(driver, "export-journal").await?.click().await?;
    save_dialog_answer(display, "Export the journal", export);
    until(
        driver,
        "the export saved",
        "(document.getElementById('export-journal-result')?.textContent ?? '').includes('Saved to')",
    )
    .await?;
    shown(driver, "files-heading")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "44-journal-export").await?;
    accessible(driver, "journal files").await?;

    // The same sections in the dark theme at the largest text.
    for (name, value) in [("theme", "dark"), ("text-size", "larger")] {
        driver
            .find(By::Css(format!("input[name='{name}'][value='{value}']")))
            .await?
            .click()
            .await?;
    }
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await?;
    shown(driver, "files-heading")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "45-journal-files-dark-larger").await?;
    shown(driver, "backups-heading")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "46-backups-dark-larger").await?;
    accessible(driver, "backups and files, dark, larger").await?;
    Ok(())
}
