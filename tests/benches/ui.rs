//! UI benchmark on the real app (release build) under Xvfb: cold start to the unlock screen
//! painted (the app launched directly, timed through the paint it logs; and through
//! tauri-driver), and keystroke to search results painted with 10,000 reflections (through
//! tauri-driver). Run with `bash scripts/bench-ui.sh` (which builds the release app first);
//! figures go to BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use attune_core::{CreateOptions, ReflectionDraft, ReflectionKind, Vault};
use attune_e2e::built::desktop_app;
use attune_e2e::driver;
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "benchmark passphrase, not a secret";
const REFLECTIONS: usize = 10_000;
const STARTS: usize = 9;

/// Words typed one key at a time in the search box.
const TYPED: [&str; 4] = ["mother", "sleep", "supervision", "calm"];

/// Deterministic prose of about `bytes` bytes from a small vocabulary plus made-up words.
fn prose(seed: &mut u64, bytes: usize) -> String {
    const COMMON: [&str; 24] = [
        "mother",
        "baby",
        "sleep",
        "supervision",
        "father",
        "holding",
        "feeding",
        "cry",
        "calm",
        "play",
        "visit",
        "worry",
        "smile",
        "rupture",
        "repair",
        "the",
        "and",
        "was",
        "she",
        "he",
        "with",
        "felt",
        "noticed",
        "turned",
    ];
    let mut out = String::with_capacity(bytes + 16);
    while out.len() < bytes {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (*seed >> 33) as usize;
        // Separate bits choose between the lists and the word, so every common word occurs
        // (with `r % 3` and `r % 24` from the same bits, a third of them never would).
        if r.is_multiple_of(3) {
            out.push_str(&format!("w{}", (r >> 8) % 2000));
        } else {
            out.push_str(COMMON[(r >> 8) % COMMON.len()]);
        }
        out.push(if r.is_multiple_of(17) { '.' } else { ' ' });
    }
    out
}

fn seed_vault(dir: &std::path::Path) {
    let (mut vault, _) = Vault::create(dir, PASSPHRASE, &CreateOptions::default()).unwrap();
    let mut seed = 7;
    let base = chrono::Local::now().date_naive();
    let drafts = (0..REFLECTIONS)
        .map(|i| ReflectionDraft {
            kind: ReflectionKind::HomeVisit,
            date: base - chrono::Days::new((i / 5) as u64),
            title: prose(&mut seed, 30),
            family: format!("Family {}", i % 40),
            tags: vec!["bench".into()],
            parent_infant: prose(&mut seed, 500),
            practitioner_parent: prose(&mut seed, 500),
            supervisor_practitioner: prose(&mut seed, 500),
            self_: prose(&mut seed, 500),
            for_supervision: String::new(),
        })
        .collect();
    vault.journal_mut().add_many(drafts).unwrap();
    vault.lock().unwrap();
}

/// Milliseconds since the Unix epoch: the page's `performance.timeOrigin` is on this clock.
fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

fn median(v: &[f64]) -> f64 {
    sorted(v.to_vec())[v.len() / 2]
}

fn percentile(v: &[f64], p: f64) -> f64 {
    sorted(v.to_vec())[((v.len() - 1) as f64 * p).round() as usize]
}

/// "median M ms, p90 P ms, max X ms" of a non-empty list of times.
fn spread(v: &[f64]) -> String {
    format!(
        "median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        median(v),
        percentile(v, 0.9),
        sorted(v.to_vec())[v.len() - 1],
    )
}

fn min(v: &[f64]) -> f64 {
    sorted(v.to_vec())[0]
}

/// The first screen's paint as the app logged it: when (ms since 1970) and how long after the
/// page's navigation start. None until the line is there.
fn painted_in_log(logs: &std::path::Path) -> Option<(f64, f64)> {
    let field = |line: &str, name: &str| -> Option<f64> {
        let rest = line.split_once(&format!("{name}="))?.1;
        rest.split_whitespace().next()?.parse().ok()
    };
    std::fs::read_dir(logs).ok()?.flatten().find_map(|entry| {
        let text = std::fs::read_to_string(entry.path()).ok()?;
        let line = text.lines().find(|l| l.contains("first screen painted"))?;
        Some((
            field(line, "painted_at_ms")?,
            field(line, "after_navigation_ms")?,
        ))
    })
}

/// Waits for `script` to be true.
async fn until(driver: &WebDriver, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while driver
        .execute(&format!("return !!({script});"), Vec::new())
        .await
        .map(|v| v.json() != &serde_json::json!(true))
        .unwrap_or(true)
    {
        assert!(Instant::now() < deadline, "timed out: {script}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Records, for each key pressed in the search box, the time from the key event to the start
/// of the first frame after its results were put in the page (the frame that paints them),
/// and, to tell where the time goes, to the moment the results were in the DOM.
const WATCH_KEYS: &str = "
  window.latencies = [];
  window.inPage = [];
  let start = 0;
  document.getElementById('search').addEventListener('keydown', (e) => { start = e.timeStamp; }, true);
  window.addEventListener('attune:results-shown', () => {
    if (!start) return;
    const from = start;
    start = 0;
    window.inPage.push(performance.now() - from);
    requestAnimationFrame((frame) => window.latencies.push(frame - from));
  });
";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = desktop_app();
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    let seeded = Instant::now();
    seed_vault(&vault);
    println!(
        "seeded {REFLECTIONS} reflections in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );

    // Cold start as people get it: the app launched directly (no WebDriver), from the spawn
    // to the frame that paints the unlock screen, which the page reports and the app logs.
    let mut direct = Vec::new();
    let mut direct_in_page = Vec::new();
    for run in 0..STARTS {
        let dir = tmp.path().join(format!("direct-{run}"));
        std::fs::create_dir_all(&dir).unwrap();
        let (_x, display) = driver::start_xvfb(&dir);
        let home = dir.join("home");
        let launched = epoch_ms();
        let mut child = std::process::Command::new(&app)
            .args(["--vault", vault.to_str().unwrap()])
            .env("DISPLAY", &display)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let logs = home.join("data/org.attune.app/logs");
        let deadline = Instant::now() + Duration::from_secs(60);
        let (at, in_page) = loop {
            if let Some(found) = painted_in_log(&logs) {
                break found;
            }
            assert!(
                Instant::now() < deadline,
                "the app never logged its first screen"
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        let _ = child.kill();
        let _ = child.wait();
        println!(
            "  direct start {run}: launch to painted {:.0} ms, navigation start to painted {in_page:.0} ms",
            at - launched
        );
        direct.push(at - launched);
        direct_in_page.push(in_page);
    }
    println!(
        "cold start to unlock screen painted, launched directly: {:.0} ms median (min {:.0}, \
         max {:.0}); from navigation start {:.0} ms median",
        median(&direct),
        min(&direct),
        sorted(direct.clone())[direct.len() - 1],
        median(&direct_in_page),
    );

    // Cold start through WebDriver: from launching the app (asking WebDriver for a session starts it) to the
    // frame that paints the unlock screen, which the page marks as `attune:first-screen`;
    // and, inside the page, from navigation start to that frame.
    let mut outside = Vec::new();
    let mut inside = Vec::new();
    for run in 0..STARTS {
        let dir = tmp.path().join(format!("start-{run}"));
        std::fs::create_dir_all(&dir).unwrap();
        // Xvfb and tauri-driver are the test bench, not the app: started before the clock.
        let stage = driver::Stage::start(&dir);
        let launched = epoch_ms();
        let driver = stage.launch(&vault, &app).await;
        until(
            &driver,
            "performance.getEntriesByName('attune:first-screen').length > 0",
        )
        .await;
        let painted = driver
            .execute(
                "const m = performance.getEntriesByName('attune:first-screen')[0];\
                 return [m.startTime, performance.timeOrigin + m.startTime];",
                Vec::new(),
            )
            .await
            .unwrap();
        let [in_page, at]: [f64; 2] = serde_json::from_value(painted.json().clone()).unwrap();
        assert!(
            driver.find(By::Id("secret")).await.is_ok(),
            "the first screen is not the unlock screen"
        );
        println!(
            "  start {run}: launch to painted {:.0} ms, navigation start to painted {in_page:.0} ms",
            at - launched
        );
        inside.push(in_page);
        outside.push(at - launched);
        driver.quit().await.unwrap();
    }
    println!(
        "cold start to unlock screen painted, through WebDriver: from launch {:.0} ms median (min {:.0}); \
         from navigation start {:.0} ms median (min {:.0})",
        median(&outside),
        min(&outside),
        median(&inside),
        min(&inside),
    );

    // Keystroke to results painted, 10,000 reflections.
    let dir = tmp.path().join("search");
    std::fs::create_dir_all(&dir).unwrap();
    let (_x, _d, driver) = driver::session(&dir, &vault, &app).await;
    until(&driver, "document.getElementById('secret')").await;
    let unlocking = Instant::now();
    driver
        .find(By::Id("secret"))
        .await
        .unwrap()
        .send_keys(PASSPHRASE.to_string() + Key::Enter)
        .await
        .unwrap();
    until(
        &driver,
        "(document.getElementById('result-count')?.textContent ?? '').includes('10000')",
    )
    .await;
    println!(
        "unlock (Argon2id + decrypt + index {REFLECTIONS}) to the journal painted: {:.0} ms",
        unlocking.elapsed().as_secs_f64() * 1000.0
    );
    driver.execute(WATCH_KEYS, Vec::new()).await.unwrap();
    let search = driver.find(By::Id("search")).await.unwrap();
    let mut keys = 0;
    for word in TYPED {
        for c in word.chars() {
            search.send_keys(c.to_string()).await.unwrap();
            keys += 1;
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        search.clear().await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        // The clear is not a keystroke; drop anything it recorded.
        driver
            .execute(
                "window.latencies.length = Math.min(window.latencies.length, arguments[0]);\
                 window.inPage.length = Math.min(window.inPage.length, arguments[0]);",
                vec![keys.into()],
            )
            .await
            .unwrap();
    }
    let measured: Vec<f64> = serde_json::from_value(
        driver
            .execute("return window.latencies;", Vec::new())
            .await
            .unwrap()
            .json()
            .clone(),
    )
    .unwrap();
    assert!(!measured.is_empty(), "no keystroke was measured");
    let in_dom: Vec<f64> = serde_json::from_value(
        driver
            .execute("return window.inPage;", Vec::new())
            .await
            .unwrap()
            .json()
            .clone(),
    )
    .unwrap();
    println!(
        "keystroke to search results painted ({} of {keys} keys, {REFLECTIONS} reflections): {}",
        measured.len(),
        spread(&measured),
    );
    println!(
        "  of which key to results in the DOM (IPC, search, Svelte's update): {}",
        spread(&in_dom),
    );
    // The command alone (IPC, search, snippets, JSON), for the same prefixes, called from the
    // page as the journal calls it (a page of 20): where the key-to-DOM time goes.
    let prefixes: Vec<String> = TYPED
        .iter()
        .flat_map(|w| (1..=w.len()).map(|n| w[..n].to_owned()))
        .collect();
    let command: Vec<f64> = serde_json::from_value(
        driver
            .execute_async(
                "const [prefixes, done] = arguments;\
                 (async () => {\
                   const out = [];\
                   for (const query of prefixes) {\
                     const t = performance.now();\
                     await window.__TAURI_INTERNALS__.invoke('list_reflections', { request: {\
                       query, limit: 20, filter: { kind: null, tag: null, family: null, from: null, to: null } } });\
                     out.push(performance.now() - t);\
                   }\
                   done(out);\
                 })();",
                vec![serde_json::json!(prefixes)],
            )
            .await
            .unwrap()
            .json()
            .clone(),
    )
    .unwrap();
    println!(
        "  of which the list_reflections command, called from the page: {}",
        spread(&command),
    );
    driver.quit().await.unwrap();
}
