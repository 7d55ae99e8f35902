import { describe, expect, it } from "vitest";

import { ApiError } from "./api";
import { parseMinutes, parseNames, settingOf, SettingsSaver, type FieldStatus, type SettingKey } from "./autosave";
import type { Settings } from "./bindings";

const START: Settings = { auto_lock_minutes: 10, names_to_avoid: ["Wren"], rule_set: null, provides_rsc: false, association: null, endorsement_category: null, endorsed_on: null, backup_folder: null };

/** A vault that answers each save when told to, tidying names as Rust does. */
function vault() {
  const sent: Settings[] = [];
  const answers: Array<(refuse?: ApiError) => void> = [];
  const save = (settings: Settings) =>
    new Promise<Settings>((resolve, reject) => {
      sent.push(settings);
      answers.push((refuse) => {
        if (refuse) reject(refuse);
        else resolve({ ...settings, names_to_avoid: settings.names_to_avoid.map((n) => n.trim()).filter(Boolean) });
      });
    });
  return { sent, answers, save };
}

function reports() {
  const seen: Array<[SettingKey, FieldStatus]> = [];
  const stored: Settings[] = [];
  const report = (key: SettingKey, status: FieldStatus, s?: Settings) => {
    seen.push([key, status]);
    if (s) stored.push(s);
  };
  return { seen, stored, report };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the settings save model", () => {
  it("saves a change at once and says so beside its field", async () => {
    const v = vault();
    const r = reports();
    const saver = new SettingsSaver(START, v.save, r.report);
    const done = saver.change("auto_lock_minutes", 7);
    expect(r.seen).toEqual([["auto_lock_minutes", { state: "saving" }]]);
    await settle();
    expect(v.sent).toEqual([{ ...START, auto_lock_minutes: 7 }]);
    v.answers[0]?.();
    await done;
    expect(r.seen.at(-1)).toEqual(["auto_lock_minutes", { state: "saved" }]);
    expect(r.stored.at(-1)?.auto_lock_minutes).toBe(7);
    expect(saver.stored.auto_lock_minutes).toBe(7);
  });

  it("never lets a second quick change undo the first", async () => {
    const v = vault();
    const r = reports();
    const saver = new SettingsSaver(START, v.save, r.report);
    const first = saver.change("auto_lock_minutes", 7);
    await settle();
    // The second change comes while the first is being saved: it waits for it.
    const second = saver.change("names_to_avoid", [" Oak St ", "Wren"]);
    await settle();
    expect(v.sent).toEqual([{ ...START, auto_lock_minutes: 7 }]);
    v.answers[0]?.();
    await first;
    await settle();
    expect(v.sent[1]).toEqual({ ...START, auto_lock_minutes: 7, names_to_avoid: [" Oak St ", "Wren"] });
    v.answers[1]?.();
    await second;
    expect(saver.stored).toEqual({ ...START, auto_lock_minutes: 7, names_to_avoid: ["Oak St", "Wren"] });
    expect(saver.holds("names_to_avoid", ["Oak St", "Wren"])).toBe(true);
  });

  it("marks a refused value on the field Rust names and does not carry it on", async () => {
    const v = vault();
    const r = reports();
    const saver = new SettingsSaver(START, v.save, r.report);
    const long = "x".repeat(101);
    const refused = saver.change("names_to_avoid", ["ok", long]);
    await settle();
    v.answers[0]?.(new ApiError("invalid_input", "line 2: names_to_avoid: is longer than 100 characters", {
      field: "names_to_avoid",
      line: 2,
    }));
    await refused;
    const [key, status] = r.seen.at(-1) ?? [];
    expect(key).toBe("names_to_avoid");
    expect(status).toMatchObject({ state: "error", line: 2 });
    expect(status?.state === "error" && status.message).toContain("Please check what you entered");
    // The next change is saved without the refused names.
    const next = saver.change("auto_lock_minutes", 20);
    await settle();
    expect(v.sent[1]?.names_to_avoid).toEqual(["Wren"]);
    v.answers[1]?.();
    await next;
    expect(saver.stored.auto_lock_minutes).toBe(20);
  });

  it("checks the idle minutes as the vault does", () => {
    expect(parseMinutes("7")).toEqual({ ok: true, minutes: 7 });
    expect(parseMinutes(" 240 ")).toEqual({ ok: true, minutes: 240 });
    // What a number field binds: a number, or null when empty.
    expect(parseMinutes(12)).toEqual({ ok: true, minutes: 12 });
    expect(parseMinutes(null).ok).toBe(false);
    expect(parseMinutes(0).ok).toBe(false);
    for (const bad of ["", "0", "241", "2.5", "ten", "-3"]) {
      expect(parseMinutes(bad).ok, bad).toBe(false);
    }
  });

  it("checks the names to avoid as the vault does, naming the line at fault", () => {
    expect(parseNames(" Wren \n\nOak St")).toEqual({ ok: true, names: [" Wren ", "", "Oak St"] });
    const long = parseNames(`Wren\n${"x".repeat(101)}`);
    expect(long).toMatchObject({ ok: false, line: 2 });
    expect(parseNames(`Wren\n${"é".repeat(100)}`).ok).toBe(true);
    const many = Array.from({ length: 501 }, (_, i) => `name ${i}`).join("\n");
    expect(parseNames(many)).toMatchObject({ ok: false, line: null });
    // Repeats (ignoring case) count once, as the vault keeps one.
    const repeated = Array.from({ length: 600 }, (_, i) => (i % 2 ? `Name ${i % 400}` : `name ${i % 400}`)).join("\n");
    expect(parseNames(repeated).ok).toBe(true);
  });

  it("knows the fields Rust names", () => {
    expect(settingOf("auto_lock_minutes")).toBe("auto_lock_minutes");
    expect(settingOf("names_to_avoid")).toBe("names_to_avoid");
    expect(settingOf("toString")).toBeNull();
    expect(settingOf(null)).toBeNull();
  });
});
