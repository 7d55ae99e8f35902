//! Sync by itself (docs/design/sync.md): while a vault that syncs is unlocked, a background
//! thread mirrors and merges right after the unlock, a few seconds after the last change
//! (the outbox stopped growing), and when the synced folder changed (a cheap listing every
//! [`Timing::folder_check`], never a decryption). It goes through the vault's one lock, so
//! two syncs of one vault never run at once, and without counting as use, so it never keeps
//! an unattended vault from locking. After each run the page hears [`SYNC_RAN`]; a failure
//! is told there (and logged once, by its code), never as a popup, and is tried again at
//! the next folder check.

use std::sync::Arc;
use std::time::{Duration, Instant};

use attune_core::sync::{folder_stamp, FolderStamp};
use attune_core::views;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};

use super::ipc::CommandError;
use super::slot::VaultSlot;
use super::sync::{count, tell_page, SyncRan};

/// How often automatic sync looks, and how long it waits.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// How often the thread wakes to look at the vault (cheap: no file is read).
    pub tick: Duration,
    /// How long the changes waiting to be mirrored must stay as they are (the person
    /// stopped saving) before they are mirrored.
    pub settle: Duration,
    /// How often the synced folder is listed for other devices' news; also how long a
    /// failed sync waits before it is tried again.
    pub folder_check: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            tick: Duration::from_secs(1),
            settle: Duration::from_secs(3),
            folder_check: Duration::from_secs(15),
        }
    }
}

/// What the thread knows of one opening of the vault.
#[derive(Debug)]
struct Watch {
    /// Which opening of a vault this is (see [`VaultSlot::opened`]).
    opened: u64,
    /// Whether the sync that follows an unlock has run.
    synced_once: bool,
    /// How many changes waited at the last look, and since when that number.
    waiting: usize,
    waiting_since: Instant,
    /// When the folder was last listed, and what the listing saw before the last sync.
    checked_at: Instant,
    seen: Option<FolderStamp>,
    /// When the last sync failed, and with which code (logged once per code).
    failed: Option<(Instant, attune_core::ErrorCode)>,
}

impl Watch {
    fn new(opened: u64, now: Instant) -> Self {
        Watch {
            opened,
            synced_once: false,
            waiting: 0,
            waiting_since: now,
            checked_at: now,
            seen: None,
            failed: None,
        }
    }

    /// Whether to sync now, given how many changes wait. Lists the folder when its check is
    /// due (`stamp` does that; it is not called otherwise).
    fn due(
        &mut self,
        now: Instant,
        waiting: usize,
        timing: &Timing,
        stamp: impl FnOnce() -> Option<FolderStamp>,
    ) -> bool {
        if waiting != self.waiting {
            self.waiting = waiting;
            self.waiting_since = now;
        }
        let since = |at: Instant| now.saturating_duration_since(at);
        if let Some((at, _)) = self.failed {
            // Tried again at the next folder check, not at every tick.
            return since(at) >= timing.folder_check;
        }
        if !self.synced_once {
            return true;
        }
        if waiting > 0 && since(self.waiting_since) >= timing.settle {
            return true;
        }
        if since(self.checked_at) >= timing.folder_check {
            self.checked_at = now;
            return stamp() != self.seen;
        }
        false
    }
}

/// The automatic sync of the vault in `slot`, as a plugin that starts its thread.
pub fn auto_sync<R: Runtime>(slot: Arc<VaultSlot>, timing: Timing) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("auto-sync")
        .setup(move |app, _api| {
            let app = app.clone();
            let slot = Arc::clone(&slot);
            std::thread::Builder::new()
                .name("auto-sync".into())
                .spawn(move || {
                    let mut watch: Option<Watch> = None;
                    loop {
                        std::thread::sleep(timing.tick);
                        look(&app, &slot, &timing, &mut watch);
                    }
                })?;
            Ok(())
        })
        .build()
}

/// One look: syncs when due. `watch` is forgotten when the vault is locked or does not sync.
fn look<R: Runtime>(
    app: &AppHandle<R>,
    slot: &VaultSlot,
    timing: &Timing,
    watch: &mut Option<Watch>,
) {
    let opened = slot.opened();
    let status = slot.with_quietly(|vault| Ok(vault.sync_status()?));
    let Ok(Some(status)) = status else {
        *watch = None;
        return;
    };
    let now = Instant::now();
    if watch.as_ref().is_none_or(|w| w.opened != opened) {
        *watch = Some(Watch::new(opened, now));
    }
    let Some(w) = watch.as_mut() else { return };
    let folder = status.folder;
    let device = status.device_id;
    let stamp = || folder_stamp(&folder, &device).ok();
    if !w.due(now, status.waiting, timing, stamp) {
        return;
    }
    // Listed before the sync: whatever arrives during it differs from this at the next check.
    let before = folder_stamp(&folder, &device).ok();
    let result = slot.with_quietly(|vault| {
        let done = vault.sync_now()?;
        Ok((done, views::sync_view(vault)?))
    });
    let now = Instant::now();
    w.synced_once = true;
    w.checked_at = now;
    let ran = match result {
        Ok((done, view)) => {
            w.seen = before;
            // A save made during the sync waits its own settling time from now.
            w.waiting = usize::try_from(view.waiting).unwrap_or(usize::MAX);
            w.waiting_since = now;
            if w.failed.take().is_some() {
                tracing::info!("automatic sync works again");
            }
            if done.merged > 0 || done.mirrored > 0 {
                tracing::info!(
                    mirrored = done.mirrored,
                    merged = done.merged,
                    "synced by itself"
                );
            }
            SyncRan {
                automatic: true,
                merged: count(done.merged),
                mirrored: count(done.mirrored),
                view: Some(view),
                failure: None,
            }
        }
        // Locked meanwhile: nothing to tell.
        Err(e) if e.code == attune_core::ErrorCode::Locked => return,
        Err(e) => {
            if w.failed.map(|(_, code)| code) != Some(e.code) {
                tracing::warn!(error = ?e, "automatic sync failed; it tries again later");
            }
            w.failed = Some((now, e.code));
            failed(e)
        }
    };
    tell_page(app, ran);
}

fn failed(e: CommandError) -> SyncRan {
    SyncRan {
        automatic: true,
        merged: 0,
        mirrored: 0,
        view: None,
        failure: Some(e),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const T: Timing = Timing {
        tick: Duration::from_secs(1),
        settle: Duration::from_secs(3),
        folder_check: Duration::from_secs(15),
    };

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn synced(start: Instant) -> Watch {
        let mut w = Watch::new(1, start);
        assert!(w.due(start, 0, &T, || panic!("no listing before the first sync")));
        w.synced_once = true;
        w.seen = Some(FolderStamp::default());
        w
    }

    #[test]
    fn an_unlock_syncs_at_once() {
        let start = Instant::now();
        let mut w = Watch::new(1, start);
        assert!(w.due(start, 0, &T, || None));
    }

    #[test]
    fn changes_are_mirrored_a_few_seconds_after_the_last_one() {
        let start = Instant::now();
        let mut w = synced(start);
        let none = || -> Option<FolderStamp> { panic!("the folder is not due yet") };
        assert!(!w.due(start + secs(1), 1, &T, none));
        assert!(
            !w.due(start + secs(3), 2, &T, none),
            "a new save restarts the wait"
        );
        assert!(!w.due(start + secs(5), 2, &T, none));
        assert!(w.due(start + secs(6), 2, &T, none));
    }

    #[test]
    fn the_folder_is_listed_every_check_and_a_change_there_syncs() {
        let start = Instant::now();
        let mut w = synced(start);
        let same = || Some(FolderStamp::default());
        assert!(!w.due(start + secs(14), 0, &T, || panic!("listed too soon")));
        assert!(!w.due(start + secs(15), 0, &T, same), "nothing new");
        assert!(!w.due(start + secs(20), 0, &T, || panic!("listed too soon")));
        assert!(
            w.due(start + secs(30), 0, &T, || None),
            "the folder changed (or went)"
        );
    }

    #[test]
    fn a_failed_sync_is_tried_again_at_the_next_check_not_every_tick() {
        let start = Instant::now();
        let mut w = synced(start);
        w.failed = Some((start, attune_core::ErrorCode::Storage));
        assert!(!w.due(start + secs(5), 3, &T, || None));
        assert!(!w.due(start + secs(14), 3, &T, || None));
        assert!(w.due(start + secs(15), 3, &T, || None));
    }
}
