//! The idle lock in the app itself: with a hand-wound clock, the vault locks once no command
//! has used it for longer than the auto-lock setting, the page is told, and the vault's files
//! are left closed (the WAL truncated, the lock file released). No wall-clock time is asserted:
//! the checks poll with a generous bound that only fails if the lock never comes.

use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attune_desktop::gui::slot::{TICK, VAULT_LOCKED};
use attune_desktop::gui::Clock;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::{App, Listener, WebviewWindow};

use crate::{created, invoke, window, PASSPHRASE};

/// A clock that moves only when the test winds it.
#[derive(Debug, Clone)]
struct HandClock {
    start: Instant,
    ahead: Arc<Mutex<Duration>>,
}

impl HandClock {
    fn wind(&self, by: Duration) {
        *self.ahead.lock().unwrap() += by;
    }
}

impl Clock for HandClock {
    fn now(&self) -> Instant {
        self.start + *self.ahead.lock().unwrap()
    }
}

fn app_with(dir: &Path, clock: HandClock) -> App<MockRuntime> {
    attune_desktop::gui::with_commands_and_clock(
        mock_builder(),
        dir.to_path_buf(),
        dir.join("config"),
        Box::new(clock),
    )
    .build(attune_desktop::gui::context())
    .unwrap()
}

fn unlocked(main: &WebviewWindow<MockRuntime>) -> bool {
    invoke(main, "vault_status", json!({})).unwrap()["unlocked"] == true
}

const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn the_app_locks_an_idle_vault_by_itself_and_tells_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let clock = HandClock {
        start: Instant::now(),
        ahead: Arc::default(),
    };
    let app = app_with(&dir, clock.clone());
    let main = window(&app, "main");
    let (tx, events) = mpsc::channel::<Value>();
    app.listen(VAULT_LOCKED, move |event| {
        let _ = tx.send(serde_json::from_str(event.payload()).unwrap());
    });
    created(&main);
    invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 5, "names_to_avoid": []}}),
    )
    .unwrap();

    // Used within the limit: each command starts the idle time afresh, and so does the
    // page's report that someone is reading.
    clock.wind(4 * MINUTE);
    invoke(&main, "get_settings", json!({})).unwrap();
    clock.wind(4 * MINUTE);
    assert_eq!(
        invoke(&main, "note_activity", json!({})).unwrap(),
        Value::Null
    );
    clock.wind(4 * MINUTE);
    // Several ticks of the timer pass; the vault has been idle only four minutes.
    std::thread::sleep(TICK * 3);
    assert!(unlocked(&main), "locked before the auto-lock time");
    assert!(events.try_recv().is_err());

    // Past the limit: the timer locks it and tells the page.
    clock.wind(2 * MINUTE);
    let event = events
        .recv_timeout(Duration::from_secs(120))
        .expect("the idle vault was never locked");
    assert_eq!(event, json!({"reason": "idle", "failure": null}));
    assert!(!unlocked(&main));
    assert_eq!(
        crate::code(invoke(&main, "get_settings", json!({}))),
        "locked"
    );

    // Locked properly: the WAL checkpointed and truncated, the lock file released.
    let wal = dir.join("attune.vault-wal");
    let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(
        wal_bytes,
        0,
        "{} still holds {wal_bytes} bytes",
        wal.display()
    );
    attune_core::Vault::unlock(&dir, attune_core::Unlock::Passphrase(PASSPHRASE))
        .expect("another process could not open the vault after the idle lock")
        .lock()
        .unwrap();

    // Activity reported while locked opens nothing.
    invoke(&main, "note_activity", json!({})).unwrap();
    assert!(!unlocked(&main));

    // Unlocking again starts the idle time afresh.
    invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    std::thread::sleep(TICK * 3);
    assert!(unlocked(&main), "an unlock counts as use");
    assert!(events.try_recv().is_err());
}

/// The backups of this vault in its backups folder, with why each was taken.
fn backup_reasons(dir: &Path) -> Vec<attune_core::backup::BackupReason> {
    attune_core::backup::list(&dir.join("backups"))
        .unwrap()
        .into_iter()
        .filter_map(|e| e.manifest.map(|m| m.reason))
        .collect()
}

#[test]
fn the_days_backup_is_taken_while_the_vault_is_open_not_at_unlock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let clock = HandClock {
        start: Instant::now(),
        ahead: Arc::default(),
    };
    let app = app_with(&dir, clock.clone());
    let main = window(&app, "main");
    created(&main);
    invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 240, "names_to_avoid": []}}),
    )
    .unwrap();
    // Several ticks just after the unlock: nothing yet.
    std::thread::sleep(TICK * 3);
    assert!(backup_reasons(&dir).is_empty());

    // A quarter of an hour on, with no backup of the day: the timer takes one.
    clock.wind(16 * MINUTE);
    let deadline = Instant::now() + Duration::from_secs(120);
    while backup_reasons(&dir).is_empty() {
        assert!(
            Instant::now() < deadline,
            "the day's backup was never taken"
        );
        std::thread::sleep(TICK);
    }
    assert_eq!(
        backup_reasons(&dir),
        [attune_core::backup::BackupReason::Daily]
    );

    // Later the same day: one is enough.
    clock.wind(16 * MINUTE);
    std::thread::sleep(TICK * 3);
    assert_eq!(backup_reasons(&dir).len(), 1);
    assert!(unlocked(&main));
}

#[test]
fn syncing_by_itself_never_keeps_an_unattended_vault_from_locking() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let folder = tmp.path().join("Sync");
    let options = attune_core::CreateOptions {
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (mut v, _) = attune_core::Vault::create(&dir, PASSPHRASE, &options).unwrap();
    let mut settings = v.settings().clone();
    settings.auto_lock_minutes = 5;
    v.save_settings(settings).unwrap();
    v.sync_enable(&folder, "Agency laptop").unwrap();
    v.lock().unwrap();
    let clock = HandClock {
        start: Instant::now(),
        ahead: Arc::default(),
    };
    // Automatic sync looking all the time.
    let quick = attune_desktop::gui::Timing {
        tick: Duration::from_millis(20),
        settle: Duration::from_millis(20),
        folder_check: Duration::from_millis(20),
    };
    let app = attune_desktop::gui::with_commands_timed(
        mock_builder(),
        dir.clone(),
        tmp.path().join("config"),
        Box::new(clock.clone()),
        quick,
    )
    .build(attune_desktop::gui::context())
    .unwrap();
    let main = window(&app, "main");
    let (synced, syncs) = mpsc::channel::<()>();
    app.listen(attune_desktop::gui::SYNC_RAN, move |_| {
        let _ = synced.send(());
    });
    let (tx, events) = mpsc::channel::<Value>();
    app.listen(VAULT_LOCKED, move |event| {
        let _ = tx.send(serde_json::from_str(event.payload()).unwrap());
    });
    invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    syncs
        .recv_timeout(Duration::from_secs(20))
        .expect("no sync after the unlock");
    // Another device keeps writing, so the app keeps syncing; nobody is at the window.
    let mut other = attune_core::Vault::sync_join(
        &tmp.path().join("other"),
        &folder,
        attune_core::Unlock::Passphrase(PASSPHRASE),
        "Home computer",
    )
    .unwrap();
    clock.wind(6 * MINUTE);
    for n in 0..3 {
        let draft = attune_core::ReflectionDraft {
            kind: attune_core::ReflectionKind::Note,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            title: format!("Written at home, {n}"),
            family: String::new(),
            tags: Vec::new(),
            parent_infant: String::new(),
            practitioner_parent: String::new(),
            supervisor_practitioner: String::new(),
            self_: "x".into(),
            for_supervision: String::new(),
        };
        other.journal_mut().add(draft).unwrap();
        other.sync_now().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    let event = events
        .recv_timeout(Duration::from_secs(120))
        .expect("automatic sync kept the idle vault open");
    assert_eq!(event["reason"], "idle");
    assert!(!unlocked(&main));
}
