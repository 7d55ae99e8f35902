import { flushSync } from "svelte";
import { describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(() => Promise.resolve(() => undefined)) }));

import { heard, reloadOnMerge, syncRuns } from "./syncRuns.svelte";

const ran = (merged: number, failure = false) => ({
  automatic: true,
  merged,
  mirrored: 0,
  view: null,
  failure: failure ? { code: "storage" as const, message: "gone", field: null, line: null, column: null, entry: null } : null,
});

describe("the syncs the page hears", () => {
  it("count only the runs that brought something in, and keep the last one", () => {
    const before = syncRuns.changed;
    heard(ran(0));
    expect(syncRuns.changed).toBe(before);
    heard(ran(2));
    expect(syncRuns.changed).toBe(before + 1);
    heard(ran(0, true));
    expect(syncRuns.changed).toBe(before + 1);
    expect(syncRuns.last?.failure?.code).toBe("storage");
  });
});

describe("a view that shows what sync can change", () => {
  it("reads again after each sync that merged something, never at first, and not once gone", () => {
    let reads = 0;
    const gone = $effect.root(() => reloadOnMerge(() => (reads += 1)));
    flushSync();
    expect(reads).toBe(0);
    heard(ran(0));
    flushSync();
    expect(reads).toBe(0);
    heard(ran(3));
    flushSync();
    expect(reads).toBe(1);
    heard(ran(1));
    heard(ran(0, true));
    flushSync();
    expect(reads).toBe(2);
    gone();
    heard(ran(2));
    flushSync();
    expect(reads).toBe(2);
  });
});
