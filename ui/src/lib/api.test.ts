import { afterEach, describe, expect, it, vi } from "vitest";

import { startData } from "./api";
import type { StartData } from "./bindings";

const START: StartData = {
  appearance: { theme: "dark", text_size: "large" },
  status: { exists: true, unlocked: false, path: "/home/sam/.local/share/attune" },
};

/** A page as the window loads it: its address's query, how it was loaded, what the app set. */
function page(search: string, type: string | null, start: StartData | undefined) {
  vi.stubGlobal("window", { location: { search }, __ATTUNE_START__: start });
  vi.stubGlobal("performance", {
    getEntriesByType: (kind: string) => (kind === "navigation" && type ? [{ type }] : []),
  });
}

describe("startData", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("gives what the window brought on the first load", () => {
    page("", "navigate", START);
    expect(startData()).toEqual(START);
    page("", null, START);
    expect(startData()).toEqual(START);
  });

  it("gives nothing on a page loaded again, whose data may be stale", () => {
    page("?locked=1", "navigate", START);
    expect(startData()).toBeNull();
    page("?locked=1&lock_failed=internal", "navigate", START);
    expect(startData()).toBeNull();
    page("", "reload", START);
    expect(startData()).toBeNull();
    page("", "back_forward", START);
    expect(startData()).toBeNull();
  });

  it("gives nothing when the app set nothing", () => {
    page("", "navigate", undefined);
    expect(startData()).toBeNull();
  });
});
