import { describe, expect, it } from "vitest";

import { RECOVERY_KEY_CHARS } from "./bindings";
import { confirmsLastGroup, keyGroups, lastGroup, normalizeKeyText } from "./recovery";

const KEY = "7K3M-Q9TX-0A1B-C2D3-E4F5-G6H7-J8K9-MNPQ-RSTV-WXYZ-0123-4567-89AB-H1L0";

describe("recovery key", () => {
  it("splits into the groups that are shown", () => {
    const groups = keyGroups(KEY);
    expect(groups).toHaveLength(14);
    expect(groups.join("").length).toBe(RECOVERY_KEY_CHARS);
    expect(lastGroup(KEY)).toBe("H1L0");
  });

  it("confirms the last group however it is typed", () => {
    expect(confirmsLastGroup(KEY, "H1L0")).toBe(true);
    expect(confirmsLastGroup(KEY, "h1l0")).toBe(true);
    expect(confirmsLastGroup(KEY, " h-i-l-o ")).toBe(true); // I/L read as 1, O as 0
  });

  it("refuses another group, a partial group, or nothing", () => {
    expect(confirmsLastGroup(KEY, "89AB")).toBe(false);
    expect(confirmsLastGroup(KEY, "H1L")).toBe(false);
    expect(confirmsLastGroup(KEY, "")).toBe(false);
    expect(confirmsLastGroup("", "")).toBe(false);
  });

  it("normalises like Rust's parser", () => {
    expect(normalizeKeyText("abcd-efgh ijkl\tmnop")).toBe("ABCDEFGH1JK1MN0P");
  });
});
