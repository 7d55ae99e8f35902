//! Backups from Settings: "no backup yet" warned, "Back up now" checked and shown with its
//! age; a passphrase change, after which the backups from before it are retired on
//! request (a new one taken first); restoring a backup through the native open dialog, first with a passphrase that does
//! not open it (nothing changes, the journal stays open), then with the right one: the
//! journal locks, the unlock screen says what was restored, and the journal is the one of
//! the backup, the replaced one kept as a backup. Screenshots of the section and the dialog.

use std::path::Path;

use attune_core::backup::BackupReason;
use attune_e2e::built::{desktop_app, note, quick_vault, unlock_when_free};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, heading, open_dialog_answer, shoot, shown, text_of, unlock_with, until, until_text,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the lantern by the back door";

#[tokio::test(flavor = "current_thread")]
async fn back_up_and_restore_from_settings() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    // A backup made with one reflection, then a second reflection written after it.
    let backup = tmp.path().join("kept").join("before.attune-backup");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let mut v = quick_vault(&vault, PASSPHRASE);
    v.journal_mut().add(note("In the backup")).unwrap();
    v.back_up_to(&backup, BackupReason::Manual).unwrap();
    v.journal_mut()
        .add(note("Written after the backup"))
        .unwrap();
    v.lock().unwrap();

    let (_xvfb, _driver_process, driver, display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = story(&driver, &display, &backup).await;
    let quit = driver.quit().await;
    result.expect("the backups story failed");
    quit.expect("the WebDriver session did not close");

    // The backups of the journal before the restore open with the new passphrase only.
    for e in attune_core::backup::list(&vault.join("backups")).unwrap() {
        let m = e.manifest.unwrap();
        if m.reason == BackupReason::BeforeRestore {
            continue;
        }
        assert!(matches!(
            attune_core::vault::verify_backup(&e.path, attune_core::Unlock::Passphrase(PASSPHRASE)),
            Err(attune_core::Error::WrongPassphrase)
        ));
    }
    // The journal is the backup's; the one it replaced is kept as a backup.
    let opened = unlock_when_free(&vault, PASSPHRASE).unwrap();
    assert_eq!(opened.journal().len(), 1);
    opened.lock().unwrap();
    let kept = attune_core::backup::list(&vault.join("backups")).unwrap();
    assert!(
        kept.iter().any(|e| e
            .manifest
            .as_ref()
            .is_some_and(|m| m.reason == BackupReason::BeforeRestore
                && m.records.get("reflection") == Some(&2))),
        "{kept:?}"
    );
}

async fn story(driver: &WebDriver, display: &str, backup: &Path) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    until_text(driver, "backup-status", "No backup yet.").await?;
    let stale = text_of(driver, "backup-stale").await?;
    assert!(stale.contains("no backup yet"), "{stale}");

    shown(driver, "back-up-now").await?.click().await?;
    until(
        driver,
        "the backup taken",
        "(document.getElementById('back-up-result')?.textContent ?? '').startsWith('Backed up and checked')",
    )
    .await?;
    let said = text_of(driver, "back-up-result").await?;
    assert_eq!(said, "Backed up and checked: 4 records, in 1 folder.");
    let status = text_of(driver, "backup-status").await?;
    assert!(status.starts_with("Newest backup: today at"), "{status}");
    assert!(driver.find_all(By::Id("backup-stale")).await?.is_empty());
    shown(driver, "backups-heading")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "40-settings-backups").await?;
    accessible(driver, "backups").await?;

    // A passphrase change takes a backup first; the backups from before it still open with
    // the old passphrase, and are retired on request after a new one is taken.
    let new_passphrase = "a new lamp by the window";
    for (id, text) in [
        ("old-passphrase", PASSPHRASE),
        ("new-passphrase", new_passphrase),
        ("repeat-passphrase", new_passphrase),
    ] {
        shown(driver, id).await?.send_keys(text).await?;
    }
    shown(driver, "change-passphrase").await?.click().await?;
    let note = text_of(driver, "older-backups-note").await?;
    assert!(
        note.starts_with("2 backups of your journal, taken before this change, still open with the old passphrase."),
        "{note}"
    );
    let older = text_of(driver, "older-backups").await?;
    assert!(
        older.starts_with("2 backups open with an older passphrase or recovery key."),
        "{older}"
    );
    shown(driver, "older-backups")
        .await?
        .scroll_into_view()
        .await?;
    shoot(driver, "47-older-backups").await?;
    accessible(driver, "older backups").await?;
    shown(driver, "retire-older").await?.click().await?;
    until(
        driver,
        "the older backups retired",
        "(document.getElementById('retire-result')?.textContent ?? '').startsWith('A new backup')",
    )
    .await?;
    assert_eq!(
        text_of(driver, "retire-result").await?,
        "A new backup was taken and checked; 2 older backups were deleted."
    );
    assert!(driver.find_all(By::Id("older-backups")).await?.is_empty());

    // A passphrase that does not open the backup: nothing changes, the journal stays open.
    shown(driver, "restore-open").await?.click().await?;
    shown(driver, "restore-secret")
        .await?
        .send_keys("not the one it had")
        .await?;
    shoot(driver, "41-restore-dialog").await?;
    accessible(driver, "restore dialog").await?;
    shown(driver, "restore-choose").await?.click().await?;
    open_dialog_answer(display, "Restore a backup", backup);
    let error = text_of(driver, "restore-error").await?;
    assert!(error.contains("does not open this backup"), "{error}");
    assert_eq!(
        shown(driver, "restore-secret")
            .await?
            .attr("aria-invalid")
            .await?,
        Some("true".into())
    );

    // The right one: restored, locked, and said on the unlock screen.
    let secret = shown(driver, "restore-secret").await?;
    secret.clear().await?;
    secret.send_keys(PASSPHRASE).await?;
    shown(driver, "restore-choose").await?.click().await?;
    open_dialog_answer(display, "Restore a backup", backup);
    heading(driver, "Welcome back").await?;
    let notice = text_of(driver, "unlock-notice").await?;
    assert!(
        notice.starts_with("Restored the backup of") && notice.contains("(3 records)"),
        "{notice}"
    );
    assert!(notice.contains("kept as a backup"), "{notice}");
    shoot(driver, "42-restored").await?;
    Ok(())
}

/// An automatic backup that failed (the second folder cannot be written) is said at the next
/// unlock on every page, and in Settings, until a backup succeeds everywhere.
#[tokio::test(flavor = "current_thread")]
async fn a_failed_backup_is_said_until_one_succeeds() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    // A file stands where the second folder should be (a drive not plugged in, say).
    let usb = tmp.path().join("usb");
    std::fs::write(&usb, b"in the way").unwrap();
    let mut v = quick_vault(&vault, PASSPHRASE);
    let mut settings = v.settings().clone();
    settings.backup_folder = Some(usb.to_str().unwrap().to_owned());
    v.save_settings(settings).unwrap();
    assert_eq!(v.auto_backup(BackupReason::Lock).failed.len(), 1);
    v.lock().unwrap();

    let (_xvfb, _driver_process, driver, _display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let result = failed_story(&driver, &usb).await;
    let quit = driver.quit().await;
    result.expect("the failed backup story failed");
    quit.expect("the WebDriver session did not close");

    let opened = unlock_when_free(&vault, PASSPHRASE).unwrap();
    assert_eq!(opened.backup_status().last_failure, None);
    opened.lock().unwrap();
}

async fn failed_story(driver: &WebDriver, usb: &Path) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    let banner = text_of(driver, "backup-failed").await?;
    let folder = usb.display().to_string();
    assert!(
        banner.starts_with("The backup taken when the journal locked on")
            && banner.contains(&format!("could not be written to {folder} ("))
            && banner.contains("Your journal itself is safe"),
        "{banner}"
    );
    shoot(driver, "48-backup-failed-banner").await?;
    accessible(driver, "a failed backup").await?;
    // Said on every page.
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "backup-failed").await?;
    shown(driver, "backup-failed-settings")
        .await?
        .click()
        .await?;
    heading(driver, "Settings").await?;
    let line = text_of(driver, "backup-last-failure").await?;
    assert!(line.contains(&folder), "{line}");

    // The drive is back: a backup now succeeds everywhere, and the banner goes.
    std::fs::remove_file(usb).unwrap();
    shown(driver, "back-up-now").await?.click().await?;
    until(
        driver,
        "the backup taken in both folders",
        "(document.getElementById('back-up-result')?.textContent ?? '').includes('in 2 folders')",
    )
    .await?;
    until(
        driver,
        "the failure no longer said",
        "!document.getElementById('backup-failed') && !document.getElementById('backup-last-failure')",
    )
    .await?;
    Ok(())
}
