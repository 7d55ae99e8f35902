//! End-to-end: the real `attune` binary, in a real window under Xvfb, driven through WebDriver
//! (tauri-driver in front of WebKitWebDriver) the way a person would use it:
//! create a vault → see and confirm the recovery key → unlocked → lock → a wrong passphrase is
//! refused → the right one opens it → lock → the recovery key opens it.
//!
//! Screenshots of every screen go to `target/screenshots/`. This test fails (never skips) when
//! Xvfb, WebKitWebDriver or tauri-driver is missing: `bash scripts/test.sh` installs them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the heron waits by the cold river";
const WRONG_PASSPHRASE: &str = "the heron waits by the warm river";
const WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// A child process stopped (and waited for) when dropped, so a failing test leaves nothing behind.
struct Process {
    name: &'static str,
    child: Child,
    /// Where its output went, shown if the test fails.
    log: PathBuf,
    /// SIGTERM lets tauri-driver stop WebKitWebDriver (which holds the app); SIGKILL would not.
    gentle: bool,
}

impl Process {
    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let mut stopped = false;
        if self.gentle {
            let pid = rustix::process::Pid::from_child(&self.child);
            let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
            let deadline = Instant::now() + Duration::from_secs(10);
            while !stopped && Instant::now() < deadline {
                stopped = matches!(self.child.try_wait(), Ok(Some(_)));
                std::thread::sleep(POLL);
            }
        }
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- {} output ---\n{}", self.name, self.log_text());
        }
    }
}

/// Finds a program on PATH, or in cargo's bin directory (where `cargo install` puts it).
fn find_program(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(cargo_home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(cargo_home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn require_program(name: &str, install: &str) -> PathBuf {
    find_program(name).unwrap_or_else(|| {
        panic!("{name} is not installed, so the end-to-end test cannot run. {install}")
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// Starts Xvfb on a free display; returns the process and the display (":N").
fn start_xvfb(dir: &Path) -> (Process, String) {
    let xvfb = require_program(
        "Xvfb",
        "Install it with `apt-get install xvfb xauth` (or run `bash scripts/test.sh`).",
    );
    let log = dir.join("xvfb.log");
    let child = Command::new(xvfb)
        // -displayfd: Xvfb picks a free display and writes its number to stdout when ready.
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut process = Process {
        name: "Xvfb",
        child,
        log,
        gentle: false,
    };
    let stdout = process.child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let number = line.trim();
    assert!(
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        "Xvfb did not report a display: {line:?}\n{}",
        process.log_text()
    );
    let display = format!(":{number}");
    (process, display)
}

/// Starts tauri-driver on free ports with the given display, and waits until it listens.
fn start_tauri_driver(dir: &Path, display: &str, home: &Path) -> (Process, u16) {
    let driver = require_program(
        "tauri-driver",
        "Install it with `cargo install tauri-driver --locked --version 2.1.0` (or run `bash scripts/test.sh`).",
    );
    require_program(
        "WebKitWebDriver",
        "Install it with `apt-get install webkit2gtk-driver` (or run `bash scripts/test.sh`).",
    );
    let (port, native_port) = (free_port(), free_port());
    let log = dir.join("tauri-driver.log");
    let out = File::create(&log).unwrap();
    let child = Command::new(driver)
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", display)
        // The app writes its logs (and WebKit anything it might) under these, not the real home.
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let process = Process {
        name: "tauri-driver",
        child,
        log,
        gentle: true,
    };
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on port {port}:\n{}",
            process.log_text()
        );
        std::thread::sleep(POLL);
    }
    (process, port)
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves a screenshot after two animation frames, so the picture is the current frame.
async fn shoot(driver: &WebDriver, name: &str) -> WebDriverResult<()> {
    driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            Vec::new(),
        )
        .await?;
    driver
        .screenshot(&screenshot_dir().join(format!("{name}.png")))
        .await
}

/// The element with this id, once it is shown.
async fn shown(driver: &WebDriver, id: &str) -> WebDriverResult<WebElement> {
    driver
        .query(By::Id(id))
        .wait(WAIT, POLL)
        // The screen may change between finding an element and checking it.
        .ignore_errors(true)
        .and_displayed()
        .first()
        .await
}

/// Waits for the screen whose heading is `text`.
async fn heading(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    driver
        .query(By::Css("h1"))
        .wait(WAIT, POLL)
        .ignore_errors(true)
        .with_text(text.to_owned())
        .first()
        .await
        .map(|_| ())
}

async fn active_id(driver: &WebDriver) -> WebDriverResult<String> {
    Ok(driver
        .active_element()
        .await?
        .id()
        .await?
        .unwrap_or_default())
}

/// Every file under `dir`, read whole.
fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, bytes));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "current_thread")]
async fn create_lock_and_unlock_through_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let home = tmp.path().join("home");
    let (_xvfb, display) = start_xvfb(tmp.path());
    let (_driver_process, port) = start_tauri_driver(tmp.path(), &display, &home);

    let mut caps = Capabilities::new();
    caps.set("browserName", "wry").unwrap();
    caps.set(
        "tauri:options",
        serde_json::json!({
            "application": env!("CARGO_BIN_EXE_attune"),
            "args": ["--vault", vault.to_str().unwrap()],
        }),
    )
    .unwrap();
    // Errors panic (rather than return) so that the drivers' output is printed.
    let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
        .await
        .expect("no WebDriver session with the app");
    let result = flow(&driver, &vault).await;
    let quit = driver.quit().await;
    result.expect("the flow failed");
    quit.expect("the WebDriver session did not close");

    // Nothing secret reached the disk in the clear: not in the vault, the logs, or anything
    // WebKit may have written.
    let recovery_key = std::fs::read_to_string(tmp.path().join("recovery-key")).unwrap();
    for (path, bytes) in files_under(tmp.path()) {
        if path.ends_with("recovery-key") {
            continue;
        }
        for secret in [PASSPHRASE, WRONG_PASSPHRASE, recovery_key.as_str()] {
            assert!(
                !contains(&bytes, secret.as_bytes()),
                "{} holds a secret in the clear",
                path.display()
            );
        }
    }
    let logs: Vec<_> = files_under(&home)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "log"))
        .collect();
    assert!(
        !logs.is_empty(),
        "the app wrote no log under {}",
        home.display()
    );
}

async fn flow(driver: &WebDriver, vault: &Path) -> WebDriverResult<()> {
    // Create, by keyboard alone: the passphrase field has focus, Tab reaches the repeat
    // field, Enter submits.
    heading(driver, "Create your journal").await?;
    shown(driver, "passphrase").await?;

    // The strict CSP is in force: an inline script is refused, and says so.
    let verdict = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             document.addEventListener('securitypolicyviolation',\
               (e) => done(e.effectiveDirective || e.violatedDirective), { once: true });\
             const s = document.createElement('script');\
             s.textContent = 'window.inlineScriptRan = true;';\
             document.body.appendChild(s);\
             setTimeout(() => done(window.inlineScriptRan ? 'ran' : 'silent'), 2000);",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        verdict.json(),
        &serde_json::json!("script-src-elem"),
        "CSP verdict"
    );
    assert_eq!(active_id(driver).await?, "passphrase");
    shoot(driver, "01-create").await?;
    driver
        .active_element()
        .await?
        .send_keys(PASSPHRASE.to_string() + Key::Tab)
        .await?;
    assert_eq!(active_id(driver).await?, "passphrase-repeat");
    driver.active_element().await?.send_keys(PASSPHRASE).await?;
    let hint = driver.find(By::Id("passphrase-hint")).await?.text().await?;
    assert!(hint.starts_with("Strong"), "strength hint: {hint}");
    shoot(driver, "02-create-filled").await?;
    driver.active_element().await?.send_keys(Key::Enter).await?;

    // The recovery key, shown once: 14 groups of 4.
    heading(driver, "Your recovery key").await?;
    shown(driver, "recovery-key").await?;
    let mut groups = Vec::new();
    for group in driver.find_all(By::Css("#recovery-key .group")).await? {
        groups.push(group.text().await?);
    }
    assert_eq!(groups.len(), 14, "groups: {groups:?}");
    assert!(groups.iter().all(|g| g.len() == 4), "groups: {groups:?}");
    let recovery_key = groups.join("-");
    // Kept for the check that no secret reaches the disk (in the test's temp dir only).
    std::fs::write(vault.with_file_name("recovery-key"), &recovery_key).unwrap();
    assert!(vault.is_dir(), "no vault directory at {}", vault.display());
    shoot(driver, "03-recovery-key").await?;

    // Confirming needs the last group: another one is refused.
    let confirm = shown(driver, "confirm-group").await?;
    confirm.send_keys(groups[0].as_str()).await?;
    driver.find(By::Id("confirm")).await?.click().await?;
    let refusal = shown(driver, "confirm-error").await?.text().await?;
    assert!(refusal.contains("not the last group"), "{refusal}");
    confirm.clear().await?;
    confirm
        .send_keys(groups[13].to_lowercase() + Key::Enter)
        .await?;

    heading(driver, "Vault unlocked").await?;
    let count = shown(driver, "reflection-count").await?.text().await?;
    assert_eq!(count, "There are no reflections yet.");
    shoot(driver, "04-unlocked").await?;

    // Lock: the unlock screen, empty, with the passphrase field focused.
    driver.find(By::Id("lock")).await?.click().await?;
    heading(driver, "Welcome back").await?;
    let secret = shown(driver, "secret").await?;
    assert_eq!(secret.value().await?.unwrap_or_default(), "");
    assert_eq!(active_id(driver).await?, "secret");
    shoot(driver, "05-unlock").await?;

    // A wrong passphrase: a clear message, and the field is emptied.
    secret
        .send_keys(WRONG_PASSPHRASE.to_string() + Key::Enter)
        .await?;
    let error = shown(driver, "unlock-error").await?.text().await?;
    assert_eq!(error, "That passphrase does not open this vault.");
    assert_eq!(secret.value().await?.unwrap_or_default(), "");
    shoot(driver, "06-wrong-passphrase").await?;

    // The right one. The button shows "Unlocking…" while the key is derived: a watcher
    // records it, since it may pass faster than a poll.
    driver
        .execute(
            "window.sawBusy = false;\
             new MutationObserver(() => {\
               const b = document.getElementById('unlock');\
               if (b && b.getAttribute('aria-busy') === 'true' && b.textContent.includes('Unlocking')) window.sawBusy = true;\
             }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });",
            Vec::new(),
        )
        .await?;
    secret
        .send_keys(PASSPHRASE.to_string() + Key::Enter)
        .await?;
    heading(driver, "Vault unlocked").await?;
    let saw_busy = driver.execute("return window.sawBusy;", Vec::new()).await?;
    assert_eq!(
        saw_busy.json(),
        &serde_json::json!(true),
        "no Unlocking… state was shown"
    );

    // Lock, then open with the recovery key instead.
    driver.find(By::Id("lock")).await?.click().await?;
    heading(driver, "Welcome back").await?;
    shown(driver, "toggle-method").await?.click().await?;
    let secret = shown(driver, "secret").await?;
    assert_eq!(secret.tag_name().await?, "textarea");
    // Typed as a person might: lower case, spaces for hyphens. Enter unlocks.
    secret
        .send_keys(recovery_key.to_lowercase().replace('-', " "))
        .await?;
    shoot(driver, "07-unlock-recovery-key").await?;
    secret.send_keys(Key::Enter).await?;
    heading(driver, "Vault unlocked").await?;
    shoot(driver, "08-unlocked-again").await?;

    // After the last lock, no secret is left in the page.
    driver.find(By::Id("lock")).await?.click().await?;
    heading(driver, "Welcome back").await?;
    let page = driver.source().await?;
    for secret in [PASSPHRASE, recovery_key.as_str()] {
        assert!(!page.contains(secret), "the page still holds a secret");
    }
    Ok(())
}
