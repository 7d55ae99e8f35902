//! Every way out of the window that the app can see locks the vault: closing the window and
//! SIGTERM each leave the WAL checkpointed and truncated (no old key slot or deleted rows
//! left in it) and the vault's lock file released, so a new process opens it at once.
//! SIGKILL cannot be caught: nothing is claimed for the WAL then, only that the OS released
//! the lock and what was saved is still there.

use std::path::Path;

use attune_e2e::built::{command_line, desktop_app};
use attune_e2e::driver::{session_on_display, ONE_AT_A_TIME};
use attune_e2e::page::{shown, unlock_with, until};
use attune_e2e::process::{app_on, close_window_until_ended, signal, wait_until_ended};
use rustix::process::Signal;
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "lanterns along the harbour wall";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WayOut {
    CloseWindow,
    Signal(Signal),
}

fn wal_bytes(vault: &Path) -> u64 {
    std::fs::metadata(vault.join("attune.vault-wal"))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Writes a reflection in the window, leaves by `way`, and returns the vault's folder for
/// the checks (with the temporary directory holding it).
async fn write_then_leave(way: WayOut) -> (tempfile::TempDir, std::path::PathBuf) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    let (_xvfb, _driver_process, driver, display) =
        session_on_display(tmp.path(), &vault, &desktop_app()).await;
    let written = write_a_reflection(&driver).await;
    let app = app_on(&vault);
    if let Err(e) = written {
        let _ = driver.quit().await;
        panic!("writing a reflection failed: {e}");
    }
    assert!(
        wal_bytes(&vault) > 0,
        "the write should be in the WAL while the vault is open"
    );
    match way {
        WayOut::CloseWindow => {
            close_window_until_ended(&display, app);
        }
        WayOut::Signal(s) => {
            signal(app, s);
            wait_until_ended(app, &format!("{way:?}"));
        }
    }
    // The session's app is gone; ending the session may fail, which says nothing here.
    let _ = driver.quit().await;
    (tmp, vault)
}

async fn write_a_reflection(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    driver
        .active_element()
        .await?
        .send_keys(Key::Control + "n")
        .await?;
    shown(driver, "parent_infant")
        .await?
        .send_keys("The baby reached for the spoon.")
        .await?;
    until(
        driver,
        "the reflection saved",
        "(document.getElementById('save-status')?.textContent ?? '').includes('Saved at')",
    )
    .await
}

/// A new process opens the vault (its lock file released) and finds the reflection.
fn opens_again_with_the_reflection(vault: &Path) {
    let out = std::process::Command::new(command_line())
        .args(["entry", "list", "--json", "--passphrase-stdin", "--vault"])
        .arg(vault)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{PASSPHRASE}\n").as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "the vault did not open from a new process: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
}

#[tokio::test(flavor = "current_thread")]
async fn closing_the_window_locks_the_vault() {
    let (_tmp, vault) = write_then_leave(WayOut::CloseWindow).await;
    assert_eq!(wal_bytes(&vault), 0, "the WAL was left behind on close");
    opens_again_with_the_reflection(&vault);
}

#[tokio::test(flavor = "current_thread")]
async fn sigterm_locks_the_vault() {
    let (_tmp, vault) = write_then_leave(WayOut::Signal(Signal::TERM)).await;
    assert_eq!(wal_bytes(&vault), 0, "the WAL was left behind on SIGTERM");
    opens_again_with_the_reflection(&vault);
}

/// SIGKILL cannot be caught, so the WAL may stay as it was (nothing is asserted about it);
/// the OS releases the lock file with the process, and what was saved is there.
#[tokio::test(flavor = "current_thread")]
async fn after_sigkill_the_vault_still_opens() {
    let (_tmp, vault) = write_then_leave(WayOut::Signal(Signal::KILL)).await;
    opens_again_with_the_reflection(&vault);
}
