import { describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { Deletion } from "./deletion.svelte";

describe("deleting a row once confirmed", () => {
  it("asks about the row, deletes that one, then runs what follows", async () => {
    const removed: string[] = [];
    const after = vi.fn();
    const d = new Deletion<string>(async (row) => void removed.push(row), after);
    const open = vi.fn();
    d.dialog = { open };
    d.ask("first");
    d.ask("second");
    expect(open).toHaveBeenCalledTimes(2);
    expect(d.pending).toBe("second");
    expect(await d.confirm()).toBeNull();
    expect(removed).toEqual(["second"]);
    expect(after).toHaveBeenCalledWith("second");
  });

  it("shows a refusal in the dialog and does not run what follows", async () => {
    const after = vi.fn();
    const refusal = { code: "not_found", message: "That session is gone.", field: null, line: null, column: null, entry: null };
    const d = new Deletion<string>(() => Promise.reject(refusal), after);
    d.ask("row");
    const shown = await d.confirm();
    expect(shown).toContain("That session is gone.");
    expect(after).not.toHaveBeenCalled();
  });

  it("does nothing when nothing was asked about", async () => {
    const remove = vi.fn();
    const d = new Deletion<string>(remove, vi.fn());
    expect(await d.confirm()).toBeNull();
    expect(remove).not.toHaveBeenCalled();
  });
});
