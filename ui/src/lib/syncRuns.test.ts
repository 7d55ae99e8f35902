import { describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(() => Promise.resolve(() => undefined)) }));

import { heard, syncRuns } from "./syncRuns.svelte";

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
