//! Files handed to the app by the desktop, as a file manager or a mail program opens them
//! (`attune-desktop --vault DIR FILE`): the unlock screen says what will be opened, and after
//! the unlock the file opens on its page with no dialog: a share is received, a contact card
//! added, an attestation checked, a backup offered for restore. And a second launch on the
//! same vault hands its file to the window already open and exits (one instance per vault,
//! over a D-Bus session bus of the test's own). Screenshots of the unlock screen, the share
//! received and the restore dialog.

use std::path::Path;

use attune_core::share::{ContactRef, Section, ShareEntry, ShareRequest};
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, Role, Vault};
use attune_e2e::built::{desktop_app, unlock_when_free};
use attune_e2e::driver::{session_with_args, Stage, ONE_AT_A_TIME};
use attune_e2e::page::{accessible, heading, shoot, shown, text_of, until};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the porch light left on";

fn vault(dir: &Path, name: &str, role: Role) -> Vault {
    let options = CreateOptions {
        name: Some(name.into()),
        role,
        kdf: KdfParams::MINIMUM,
    };
    Vault::create(dir, PASSPHRASE, &options).unwrap().0
}

/// A supervisor's vault that knows and verified a practitioner, the practitioner's share of
/// one reflection for her, and the card of a third person she does not know yet.
fn files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let s_dir = dir.join("ana");
    let mut s = vault(&s_dir, "Ana Ruiz", Role::Supervisor);
    let mut p = vault(&dir.join("sam"), "Sam Lee", Role::Practitioner);
    let s_card = s.sharing_mut().my_card().unwrap();
    let p_card = p.sharing_mut().my_card().unwrap();
    let (s_fp, p_fp) = (
        s_card.fingerprint().to_string(),
        p_card.fingerprint().to_string(),
    );
    s.sharing_mut().add_contact(p_card).unwrap();
    s.sharing_mut().verify_contact(&p_fp).unwrap();
    p.sharing_mut().add_contact(s_card).unwrap();
    p.sharing_mut().verify_contact(&s_fp).unwrap();
    let draft: ReflectionDraft = serde_json::from_value(serde_json::json!({
        "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
        "tags": [], "parent_infant": "", "practitioner_parent": "",
        "supervisor_practitioner": "", "self": "I felt rushed.", "for_supervision": ""
    }))
    .unwrap();
    let r = p.journal_mut().add(draft).unwrap();
    let (bytes, _) = p
        .sharing_mut()
        .create_share(&ShareRequest {
            to: ContactRef::Fingerprint(s_fp),
            entries: vec![ShareEntry {
                id: r.id,
                sections: vec![Section::SelfReflection],
            }],
            hours: None,
        })
        .unwrap();
    p.lock().unwrap();
    s.lock().unwrap();
    let share = dir.join("from sam.attune-share");
    std::fs::write(&share, bytes).unwrap();
    let mut other = vault(&dir.join("kim"), "Kim Park", Role::Practitioner);
    let card = dir.join("kim.attune-card");
    std::fs::write(&card, other.sharing_mut().my_card().unwrap().to_text()).unwrap();
    other.lock().unwrap();
    (s_dir, share, card)
}

#[tokio::test(flavor = "current_thread")]
async fn a_share_and_a_card_opened_from_the_desktop() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (s_dir, share, card) = files(tmp.path());
    let app = desktop_app();

    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run1"),
        &s_dir,
        &app,
        &[share.to_str().unwrap()],
    )
    .await;
    let result = share_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the share opened from the desktop was not received");
    quit.unwrap();
    drop((_x, _d));

    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run2"),
        &s_dir,
        &app,
        &[card.to_str().unwrap()],
    )
    .await;
    let result = card_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the card opened from the desktop was not added");
    quit.unwrap();

    // An attestation: checked on the Sharing page, with no dialog.
    let attestation = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/vectors/attestation/good.attune-attest");
    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run3"),
        &s_dir,
        &app,
        &[attestation.to_str().unwrap()],
    )
    .await;
    let result = attestation_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the attestation opened from the desktop was not checked");
    quit.unwrap();
    drop((_x, _d));

    // A backup: the restore dialog opens for its passphrase; "Restore NAME" takes that file.
    let backup = tmp.path().join("ana before.attune-backup");
    let v = unlock_when_free(&s_dir, PASSPHRASE).unwrap();
    v.back_up_to(&backup, attune_core::backup::BackupReason::Manual)
        .unwrap();
    v.lock().unwrap();
    let (_x, _d, driver, _display) = session_with_args(
        &tmp.path().join("run4"),
        &s_dir,
        &app,
        &[backup.to_str().unwrap()],
    )
    .await;
    let result = backup_story(&driver).await;
    let quit = driver.quit().await;
    result.expect("the backup opened from the desktop was not offered for restore");
    quit.unwrap();
    drop((_x, _d));

    let v = unlock_when_free(&s_dir, PASSPHRASE).unwrap();
    let contacts = v.sharing().contacts();
    assert!(
        contacts
            .iter()
            .any(|c| c.card.name() == "Kim Park" && !c.verified),
        "the card is added, not verified"
    );
    v.lock().unwrap();
}

/// Unlocks; the page the file opens on comes next, not the journal.
async fn type_passphrase(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "secret")
        .await?
        .send_keys(PASSPHRASE.to_string() + Key::Enter)
        .await
}

async fn share_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune receives the share from sam.attune-share."
    );
    shoot(driver, "49-unlock-with-a-file").await?;
    accessible(driver, "unlock with a file handed over").await?;
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the share received",
        "(document.getElementById('receive-status')?.textContent ?? '').startsWith('Received')",
    )
    .await?;
    let status = text_of(driver, "receive-status").await?;
    assert!(status.contains("1 reflection"), "{status}");
    shoot(driver, "50-share-opened-from-the-desktop").await?;
    Ok(())
}

async fn attestation_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune checks the attestation good.attune-attest."
    );
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the attestation checked",
        "(document.getElementById('attestation-checked')?.textContent ?? '').includes('A valid attestation')",
    )
    .await?;
    Ok(())
}

async fn backup_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune offers to restore the backup ana before.attune-backup."
    );
    type_passphrase(driver).await?;
    heading(driver, "Settings").await?;
    let choose = shown(driver, "restore-choose").await?;
    assert_eq!(choose.text().await?, "Restore this backup");
    assert_eq!(
        text_of(driver, "restore-handed").await?,
        "The backup you opened: ana before.attune-backup"
    );
    shoot(driver, "51-restore-a-backup-opened-from-the-desktop").await?;
    shown(driver, "restore-secret")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    choose.click().await?;
    heading(driver, "Welcome back").await?;
    let notice = text_of(driver, "unlock-notice").await?;
    assert!(notice.starts_with("Restored the backup of"), "{notice}");
    Ok(())
}

async fn card_story(driver: &WebDriver) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let said = text_of(driver, "unlock-handed").await?;
    assert_eq!(
        said,
        "Once it is open, Attune adds the contact card kim.attune-card."
    );
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the card added",
        "(document.body.textContent ?? '').includes('Kim Park')",
    )
    .await?;
    Ok(())
}

/// A D-Bus session bus of the test's own (the single-instance plugin finds the running
/// window through it): killed when dropped.
struct Bus {
    daemon: std::process::Child,
    address: String,
}

impl Bus {
    fn start() -> Bus {
        use std::io::BufRead;
        let mut daemon = std::process::Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus) is needed");
        let mut line = String::new();
        std::io::BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Bus {
            daemon,
            address: line.trim().to_owned(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A second launch on the same vault, with a file (as a file manager starts the app), hands
/// the file to the window already open and exits; the unlock screen then says which file it
/// will receive, and receives it after the unlock.
#[tokio::test(flavor = "current_thread")]
async fn a_second_launch_hands_its_file_to_the_open_window() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (s_dir, share, _card) = files(tmp.path());
    let app = desktop_app();
    let bus = Bus::start();
    let bus_env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.clone().into())];
    let stage = Stage::start_with(&tmp.path().join("run"), &bus_env);
    let driver = stage.launch(&s_dir, &app).await;
    let result = handed_over(&driver, &stage.display, &bus.address, &app, &s_dir, &share).await;
    let quit = driver.quit().await;
    result.expect("the file handed over by a second launch was not received");
    quit.unwrap();
    drop(stage);
    drop(bus);
}

async fn handed_over(
    driver: &WebDriver,
    display: &str,
    bus: &str,
    app: &Path,
    vault: &Path,
    share: &Path,
) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    assert!(driver.find_all(By::Id("unlock-handed")).await?.is_empty());
    let second = std::process::Command::new(app)
        .arg("--vault")
        .arg(vault)
        .arg(share)
        .env("DISPLAY", display)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(
        second.success(),
        "the second launch hands over and exits: {second}"
    );
    until(
        driver,
        "the unlock screen told of the file",
        "(document.getElementById('unlock-handed')?.textContent ?? '').includes('from sam.attune-share')",
    )
    .await?;
    type_passphrase(driver).await?;
    heading(driver, "Sharing").await?;
    until(
        driver,
        "the share received",
        "(document.getElementById('receive-status')?.textContent ?? '').startsWith('Received from Sam Lee: 1 reflection')",
    )
    .await?;
    Ok(())
}
