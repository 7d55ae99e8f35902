//! The open vault, and when a command last used it. Every command reaches the vault through
//! [`VaultSlot::with`], which notes the time; a background timer ([`idle_lock`]) locks the
//! vault once it has gone unused for longer than its auto-lock setting, and tells the page
//! (the [`VAULT_LOCKED`] event). The page keeps its own idle lock, which also counts the
//! keyboard and pointer: this one holds even when the page is hung or its timers are
//! throttled, and is never later than the page's by more than [`TICK`].

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use attune_core::backup::BackupReason;
use attune_core::import::Incoming;
use attune_core::Vault;
use tauri::plugin::TauriPlugin;
use tauri::{Emitter, Runtime};

use super::ipc::{CommandError, LockReason, VaultLocked};

/// The event the page hears when the app locked the vault by itself.
pub const VAULT_LOCKED: &str = "vault-locked";

/// How often the idle timer looks at the clock.
pub const TICK: Duration = Duration::from_secs(1);

/// Where the idle lock reads the time: the monotonic clock, or a hand-wound one in tests.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Now, as an instant (only differences between two readings matter).
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// How often the timer asks whether the day's backup is due.
const DAILY_CHECK: Duration = Duration::from_secs(15 * 60);

/// Takes an automatic backup of `vault` (for `reason`), then locks it. A backup that fails
/// is logged (never what the vault holds) and never keeps the vault from locking; Settings
/// shows the newest backup and warns when it grows old.
pub fn back_up_and_lock(mut vault: Vault, reason: BackupReason) -> attune_core::Result<()> {
    log_backup(&vault.auto_backup(reason), reason);
    vault.lock()
}

fn log_backup(done: &attune_core::vault::AutoBackup, reason: BackupReason) {
    if !done.failed.is_empty() {
        tracing::warn!(
            reason = reason.as_str(),
            failed_folders = done.failed.len(),
            "an automatic backup failed"
        );
    }
    tracing::info!(
        reason = reason.as_str(),
        written = done.written.len(),
        removed = done.removed,
        "automatic backup"
    );
}

/// The vault while it is unlocked, and when a command last used it.
#[derive(Debug)]
pub struct VaultSlot {
    vault: Mutex<Option<Vault>>,
    last_used: Mutex<Instant>,
    /// When the timer last asked whether the day's backup is due.
    daily_checked: Mutex<Option<Instant>>,
    /// An import read and previewed, waiting to be confirmed: the text of other journals,
    /// so it goes whenever the vault is taken out to be locked.
    pending_import: Mutex<Option<Incoming>>,
    /// How many times a vault was put in the slot: a new number is a new unlock (automatic
    /// sync merges at once after one).
    opened: AtomicU64,
    clock: Box<dyn Clock>,
}

/// A panic while a lock was held leaves nothing half-written (every write is one SQLite
/// transaction), so a poisoned lock is still usable.
fn held<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl VaultSlot {
    /// An empty slot (the vault locked) reading the time from `clock`.
    pub fn new(clock: Box<dyn Clock>) -> Self {
        let now = clock.now();
        VaultSlot {
            vault: Mutex::new(None),
            last_used: Mutex::new(now),
            daily_checked: Mutex::new(None),
            pending_import: Mutex::new(None),
            opened: AtomicU64::new(0),
            clock,
        }
    }

    fn touch(&self) {
        *held(&self.last_used) = self.clock.now();
    }

    /// Whether a vault is open.
    pub fn is_open(&self) -> bool {
        held(&self.vault).is_some()
    }

    /// Runs `work` on the unlocked vault, or fails with `locked`. Counts as use, before and
    /// after (a long piece of work does not count as idle time).
    pub fn with<T>(
        &self,
        work: impl FnOnce(&mut Vault) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut open = held(&self.vault);
        let Some(vault) = open.as_mut() else {
            return Err(CommandError::locked());
        };
        self.touch();
        let result = work(vault);
        self.touch();
        result
    }

    /// Runs `work` on the unlocked vault, or fails with `locked`, WITHOUT counting as use:
    /// for what the app does by itself (automatic sync), which must never keep an
    /// unattended vault from locking.
    pub fn with_quietly<T>(
        &self,
        work: impl FnOnce(&mut Vault) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut open = held(&self.vault);
        let Some(vault) = open.as_mut() else {
            return Err(CommandError::locked());
        };
        work(vault)
    }

    /// Which opening of a vault this is (a new number after each unlock).
    pub fn opened(&self) -> u64 {
        self.opened.load(Ordering::SeqCst)
    }

    /// Puts a newly opened vault in the slot (the old one must have been taken out).
    pub fn put(&self, vault: Vault) {
        let mut open = held(&self.vault);
        *open = Some(vault);
        self.opened.fetch_add(1, Ordering::SeqCst);
        self.touch();
        // The day's backup is not looked for at once: unlocking stays quick, and locking
        // takes a backup anyway.
        *held(&self.daily_checked) = Some(self.clock.now());
    }

    /// Takes the vault out of the slot (to lock it), if one is open.
    pub fn take(&self) -> Option<Vault> {
        held(&self.pending_import).take();
        held(&self.vault).take()
    }

    /// Keeps an import read and previewed until it is confirmed (or the vault locks).
    pub fn hold_import(&self, incoming: Incoming) {
        *held(&self.pending_import) = Some(incoming);
    }

    /// The import held for confirmation, if any (taken out).
    pub fn take_import(&self) -> Option<Incoming> {
        held(&self.pending_import).take()
    }

    /// Locks the vault now if one is open (closing the window, quitting, a signal): the WAL
    /// is checkpointed and truncated, every key forgotten. Whether one was open.
    pub fn lock_now(&self) -> attune_core::Result<bool> {
        match self.take() {
            Some(vault) => back_up_and_lock(vault, BackupReason::Quit).map(|()| true),
            None => Ok(false),
        }
    }

    /// Locks the vault if it has gone unused for longer than its auto-lock setting. `None`
    /// when nothing was locked, else how locking went (the keys are forgotten either way).
    pub fn lock_if_idle(&self) -> Option<attune_core::Result<()>> {
        let mut open = held(&self.vault);
        let limit = open
            .as_ref()
            .map(|v| Duration::from_secs(u64::from(v.settings().auto_lock_minutes) * 60))?;
        let idle = self
            .clock
            .now()
            .saturating_duration_since(*held(&self.last_used));
        if idle < limit {
            return None;
        }
        let vault = open.take()?;
        held(&self.pending_import).take();
        tracing::info!(
            idle_minutes = idle.as_secs() / 60,
            "locking the vault after idle time"
        );
        Some(back_up_and_lock(vault, BackupReason::Lock))
    }

    /// Once a day while unlocked: when no backup of the vault is less than a day old, takes
    /// one. Asks at most every [`DAILY_CHECK`], the first time that long after the unlock;
    /// does not count as use of the vault.
    pub fn daily_backup_if_due(&self) {
        let now = self.clock.now();
        {
            let mut checked = held(&self.daily_checked);
            if checked.is_some_and(|at| now.saturating_duration_since(at) < DAILY_CHECK) {
                return;
            }
            *checked = Some(now);
        }
        let mut open = held(&self.vault);
        let Some(vault) = open.as_mut() else { return };
        let due = vault
            .backup_status()
            .newest
            .is_none_or(|m| chrono::Utc::now() - m.created_at > chrono::Duration::days(1));
        if due {
            log_backup(&vault.auto_backup(BackupReason::Daily), BackupReason::Daily);
        }
    }
}

/// The idle lock on `slot`: a thread that looks at the clock every [`TICK`] and, when it
/// locks the vault, tells the page with the [`VAULT_LOCKED`] event.
pub fn idle_lock<R: Runtime>(slot: Arc<VaultSlot>) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("idle-lock")
        .setup(move |app, _api| {
            let app = app.clone();
            let slot = Arc::clone(&slot);
            std::thread::Builder::new()
                .name("idle-lock".into())
                .spawn(move || loop {
                    std::thread::sleep(TICK);
                    let Some(locked) = slot.lock_if_idle() else {
                        slot.daily_backup_if_due();
                        continue;
                    };
                    let event = VaultLocked {
                        reason: LockReason::Idle,
                        failure: locked.err().map(|e| {
                            tracing::warn!(error = ?e.code(), "the idle lock did not close cleanly");
                            e.code()
                        }),
                    };
                    if let Err(e) = app.emit(VAULT_LOCKED, event) {
                        tracing::warn!(error = %e, "the page was not told of the idle lock");
                    }
                })?;
            Ok(())
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_waiting_for_confirmation_goes_when_the_vault_is_taken_to_be_locked() {
        let slot = VaultSlot::new(Box::new(SystemClock));
        slot.hold_import(Incoming {
            items: Vec::new(),
            dropped: vec!["read from another journal".into()],
        });
        assert!(slot.take().is_none());
        assert!(
            slot.take_import().is_none(),
            "the text read stayed after the lock"
        );
        // Held, and taken once by the confirmation.
        slot.hold_import(Incoming::default());
        assert!(slot.take_import().is_some());
        assert!(slot.take_import().is_none());
    }
}
