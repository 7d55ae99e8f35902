//! After an export, "Open" and "Show in folder" hand the file the app saved to the system's
//! own programs, and a rule set's source opens its page in the browser. On Linux the opener
//! plugin starts `xdg-open` (the `open` crate tries it first); here a stand-in for it, first
//! on the app's PATH, writes down what it was given. Showing a file in its folder asks the
//! desktop's file manager over D-Bus first; the app here has no session bus (as on a desktop
//! without a file manager service), so the folder itself is opened. What the window cannot
//! open (a file the app did not write, a URL) is refused by the commands themselves
//! (src-tauri/tests/commands/opener.rs).

use std::ffi::OsString;
use std::path::Path;
use std::time::{Duration, Instant};

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{Stage, ONE_AT_A_TIME, POLL, WAIT};
use attune_e2e::page::{
    accessible, active_id, choose, save_dialog_answer, shoot, shown, text_of, unlock_with, until,
};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the lamp in the window at dusk";
const RULES: &str = "imh-e/imhm-c";

/// A stand-in for `xdg-open` that writes each argument it was given on a line of `log`.
fn stub_xdg_open(bin: &Path, log: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(bin).unwrap();
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Waits until the stand-in was given `wanted` (one whole argument).
fn until_opened(log: &Path, wanted: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let seen = std::fs::read_to_string(log).unwrap_or_default();
        if seen.lines().any(|l| l == wanted) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "xdg-open was not given {wanted:?}; it was given: {seen:?}"
        );
        std::thread::sleep(POLL.max(Duration::from_millis(50)));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_saved_export_opens_and_shows_in_its_folder_and_the_rule_source_opens_its_page() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        name: Some("Robin Ahmadi".into()),
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    // Dark, at the largest text, as an earlier run saved it.
    let config = tmp.path().join("home/config/org.attune.app");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("appearance.json"),
        r#"{"theme":"dark","text_size":"larger"}"#,
    )
    .unwrap();

    let bin = tmp.path().join("bin");
    let log = tmp.path().join("xdg-open.log");
    stub_xdg_open(&bin, &log);
    let mut path = OsString::from(&bin);
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let no_bus = format!("unix:path={}", tmp.path().join("no-session-bus").display());
    let stage = Stage::start_with(
        tmp.path(),
        &[("PATH", path), ("DBUS_SESSION_BUS_ADDRESS", no_bus.into())],
    );
    let driver = stage.launch(&vault, &desktop_app()).await;

    let pdf = tmp.path().join("exports").join("hours summary.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let result = open_flow(&driver, &stage.display, &pdf, &log).await;
    let quit = driver.quit().await;
    result.expect("the open flow failed");
    quit.expect("the WebDriver session did not close");

    // Only what the person asked for was opened: the file, its folder, the rule set's page.
    let source = &attune_core::hours::rule_set(RULES).unwrap().source;
    let opened: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        opened,
        [
            pdf.display().to_string(),
            pdf.parent().unwrap().display().to_string(),
            source.clone(),
        ],
    );
}

async fn open_flow(
    driver: &WebDriver,
    display: &str,
    pdf: &Path,
    log: &Path,
) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    shown(driver, "nav-hours").await?.click().await?;
    shown(driver, "hours-progress").await?.click().await?;
    choose(driver, "progress-rules", RULES).await?;

    // The rule set's source is a link: by keyboard, Enter opens its page.
    let link = shown(driver, "rule-source").await?;
    let source = &attune_core::hours::rule_set(RULES).unwrap().source;
    assert_eq!(link.text().await?, *source);
    shoot(driver, "opener-01-rule-source-dark-larger").await?;
    accessible(driver, "progress with the source link").await?;

    // Export the PDF; the message says where, with the two buttons.
    shown(driver, "export-open").await?.click().await?;
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
    shoot(driver, "opener-02-export-saved-dark-larger").await?;
    accessible(driver, "export dialog, saved").await?;

    // Both buttons by keyboard: Open, then Show in folder.
    shown(driver, "export-result-open").await?.focus().await?;
    assert_eq!(active_id(driver).await?, "export-result-open");
    driver.active_element().await?.send_keys(Key::Enter).await?;
    until_opened(log, pdf.to_str().unwrap());
    driver.active_element().await?.send_keys(Key::Tab).await?;
    assert_eq!(active_id(driver).await?, "export-result-show");
    driver.active_element().await?.send_keys(Key::Enter).await?;
    until_opened(log, pdf.parent().unwrap().to_str().unwrap());
    assert!(
        driver
            .find_all(By::Id("export-result-problem"))
            .await?
            .is_empty(),
        "opening said it failed"
    );
    // Escape closes the dialog, as any.
    driver
        .active_element()
        .await?
        .send_keys(Key::Escape)
        .await?;
    until(
        driver,
        "the export dialog closed",
        "!document.getElementById('export').open",
    )
    .await?;

    // The source link last, so the log's order is the order of the story.
    let link = shown(driver, "rule-source").await?;
    link.focus().await?;
    driver.active_element().await?.send_keys(Key::Enter).await?;
    until_opened(log, source);
    Ok(())
}
