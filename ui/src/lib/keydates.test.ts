import { describe, expect, it } from "vitest";

import { formatDay, todayIso } from "./dates";
import { keyDateLines, localDay } from "./keydates";

const UTC = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

describe("key dates", () => {
  it("says nothing when the vault records no dates", () => {
    expect(keyDateLines({ passphrase_set_at: null, recovery_key_made_at: null })).toEqual([]);
  });

  it("names the day the recovery key was made, then the passphrase's", () => {
    const lines = keyDateLines(
      { passphrase_set_at: "2026-01-05T09:30:00Z", recovery_key_made_at: "2026-03-02T21:15:00.123456789Z" },
      UTC,
    );
    expect(lines).toEqual(["Recovery key made on 2 March 2026.", "Passphrase set on 5 January 2026."]);
  });

  it("shows only what is recorded, and skips what cannot be read", () => {
    expect(keyDateLines({ passphrase_set_at: null, recovery_key_made_at: "2026-03-02T10:00:00Z" }, UTC)).toEqual([
      "Recovery key made on 2 March 2026.",
    ]);
    expect(keyDateLines({ passphrase_set_at: "soon", recovery_key_made_at: null }, UTC)).toEqual([]);
    expect(localDay("not a date")).toBeNull();
  });

  it("uses this computer's calendar, written as the window writes days, by default", () => {
    expect(localDay("2026-03-02T12:00:00Z")).toMatch(/^03\/0[123]\/2026$/);
    expect(localDay("2026-03-02T12:00:00Z")).toBe(formatDay(todayIso(new Date("2026-03-02T12:00:00Z"))));
  });
});
