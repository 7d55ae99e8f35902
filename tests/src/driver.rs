//! Starting the real app under Xvfb behind tauri-driver, shared by the end-to-end tests and
//! the UI benchmark. Everything started is stopped when its guard is dropped.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

/// One app at a time: each end-to-end test holds this for its whole run. Several windows
/// starting at once on two cores made WebDriver sessions time out.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The X display of the app now running (one at a time), for screenshots.
static DISPLAY: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

pub fn current_display() -> String {
    let display = DISPLAY.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(!display.is_empty(), "no app is running");
    display
}

pub const WAIT: Duration = Duration::from_secs(20);
pub const POLL: Duration = Duration::from_millis(50);

/// A child process stopped (and waited for) when dropped, so a failing test leaves nothing behind.
#[derive(Debug)]
pub struct Process {
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
pub fn start_xvfb(dir: &Path) -> (Process, String) {
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
pub fn start_tauri_driver(dir: &Path, display: &str, home: &Path) -> (Process, u16) {
    start_tauri_driver_with(dir, display, home, &[])
}

/// [`start_tauri_driver`], with more environment for it and the app it starts (a `PATH`
/// whose first folder holds stand-ins for the system's programs).
pub fn start_tauri_driver_with(
    dir: &Path,
    display: &str,
    home: &Path,
    env: &[(&str, std::ffi::OsString)],
) -> (Process, u16) {
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
        .envs(env.iter().map(|(k, v)| (k, v)))
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

/// The display, the driver and a WebDriver session with the app on the vault in `vault`
/// (its files under `tmp`). Hold the returned guards for as long as the session is used.
pub async fn session(tmp: &Path, vault: &Path, app: &Path) -> (Process, Process, WebDriver) {
    let (xvfb, driver_process, driver, _) = session_on_display(tmp, vault, app).await;
    (xvfb, driver_process, driver)
}

/// [`session`], and the X display the app is on (for driving native dialogs with xdotool).
pub async fn session_on_display(
    tmp: &Path,
    vault: &Path,
    app: &Path,
) -> (Process, Process, WebDriver, String) {
    session_with_args(tmp, vault, app, &[]).await
}

/// [`session_on_display`], the app started with `args` after `--vault DIR` (a file to open,
/// as a file manager passes it).
pub async fn session_with_args(
    tmp: &Path,
    vault: &Path,
    app: &Path,
    args: &[&str],
) -> (Process, Process, WebDriver, String) {
    let stage = Stage::start(tmp);
    let driver = stage.launch_with(vault, app, args).await;
    (stage.xvfb, stage.driver, driver, stage.display)
}

/// Xvfb and tauri-driver, started and ready, with no app yet: what a session needs before the
/// app is launched (the UI benchmark times the launch alone).
#[derive(Debug)]
pub struct Stage {
    pub xvfb: Process,
    pub driver: Process,
    pub display: String,
    port: u16,
}

impl Stage {
    pub fn start(tmp: &Path) -> Stage {
        Stage::start_with(tmp, &[])
    }

    /// [`Stage::start`], with more environment for the app (see [`start_tauri_driver_with`]).
    pub fn start_with(tmp: &Path, env: &[(&str, std::ffi::OsString)]) -> Stage {
        let home = tmp.join("home");
        std::fs::create_dir_all(tmp).unwrap();
        let (xvfb, display) = start_xvfb(tmp);
        let (driver, port) = start_tauri_driver_with(tmp, &display, &home, env);
        display.clone_into(&mut DISPLAY.lock().unwrap_or_else(|e| e.into_inner()));
        Stage {
            xvfb,
            driver,
            display,
            port,
        }
    }

    /// Launches the app (the `attune-desktop` binary) on the vault in `vault` through a new
    /// WebDriver session.
    pub async fn launch(&self, vault: &Path, app: &Path) -> WebDriver {
        self.launch_with(vault, app, &[]).await
    }

    /// [`Stage::launch`], with more arguments for the app after `--vault DIR`.
    pub async fn launch_with(&self, vault: &Path, app: &Path, args: &[&str]) -> WebDriver {
        let mut all = vec!["--vault", vault.to_str().unwrap()];
        all.extend_from_slice(args);
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").unwrap();
        caps.set(
            "tauri:options",
            serde_json::json!({
                "application": app.to_str().unwrap(),
                "args": all,
            }),
        )
        .unwrap();
        // Starting the app can fail on a loaded machine before WebKit is up (tauri-driver
        // drops the request): try again a couple of times. Errors panic (rather than return)
        // so that the drivers' output is printed.
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut attempt = 1;
        loop {
            match WebDriver::new(&url, caps.clone()).await {
                Ok(driver) => break driver,
                Err(e) if attempt < 3 => {
                    eprintln!("no WebDriver session yet (attempt {attempt}): {e}; trying again");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("no WebDriver session with the app: {e}"),
            }
        }
    }
}
