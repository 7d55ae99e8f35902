// What the page last heard of sync (the `sync-ran` event, after each automatic sync and
// "Sync now"): Unlocked listens once; the journal, the editor, the kept versions and the
// sync section read it. `changed` counts the runs that merged something from another device,
// so a view that shows the journal reads it again when the number moves.
import { onSyncRan } from "./api";
import type { SyncRan } from "./bindings";

export const syncRuns = $state<{ changed: number; last: SyncRan | null }>({ changed: 0, last: null });

/** Takes in one `sync-ran` event. */
export function heard(ran: SyncRan): void {
  syncRuns.last = ran;
  if (ran.merged > 0) syncRuns.changed += 1;
}

/** Listens for syncs until the returned function is called. */
export function listenForSyncs(): () => void {
  const listening = onSyncRan(heard).catch(() => undefined);
  return () => void listening.then((stop) => stop?.());
}

/**
 * Calls `reload` each time a sync merges something from another device (not at first): for a
 * view that shows what sync can change. Only what the view lists is read again; a form being
 * filled in stays as it is. Call it while a component is being set up.
 */
export function reloadOnMerge(reload: () => void): void {
  let seen = syncRuns.changed;
  $effect(() => {
    if (syncRuns.changed === seen) return;
    seen = syncRuns.changed;
    reload();
  });
}
