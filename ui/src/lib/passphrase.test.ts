import { describe, expect, it } from "vitest";

import { MIN_PASSPHRASE_CHARS } from "./bindings";
import { newPassphraseProblems, passphraseLength, strengthHint } from "./passphrase";

describe("strengthHint", () => {
  it("asks for something when empty or blank", () => {
    for (const p of ["", "   "]) {
      const hint = strengthHint(p);
      expect(hint.strength).toBe("empty");
      expect(hint.acceptable).toBe(false);
    }
  });

  it("counts down to the minimum Rust accepts", () => {
    const hint = strengthHint("abc");
    expect(hint.strength).toBe("too_short");
    expect(hint.acceptable).toBe(false);
    expect(hint.message).toContain(`${MIN_PASSPHRASE_CHARS - 3} more characters`);
    expect(strengthHint("a".repeat(MIN_PASSPHRASE_CHARS - 1)).message).toContain("1 more character ");
  });

  it("accepts the minimum length, as Rust does", () => {
    expect(strengthHint("kx7#qpwz").acceptable).toBe(true);
  });

  it("calls predictable passphrases weak", () => {
    for (const p of ["password", "Password123!", "12345678", "abcdefghij", "zzzzzzzzzz", "87654321"]) {
      expect(strengthHint(p).strength, p).toBe("weak");
      expect(strengthHint(p).acceptable, p).toBe(true);
    }
  });

  it("praises a sentence", () => {
    expect(strengthHint("the heron waits by the cold river").strength).toBe("strong");
    expect(strengthHint("quiet kettle, blue door").strength).toBe("strong");
  });

  it("calls a medium mixed passphrase fair", () => {
    expect(strengthHint("Tidewater42x").strength).toBe("fair");
  });

  it("counts characters as Rust does (NFC code points)", () => {
    // "é" typed as e + combining accent is one character after NFC.
    expect(passphraseLength("cafe\u0301")).toBe(4);
    expect(passphraseLength("🌿🌿")).toBe(2);
  });
});

describe("newPassphraseProblems", () => {
  const fields = (form: Parameters<typeof newPassphraseProblems>[0]) => newPassphraseProblems(form).map((p) => p.field);

  it("gives every problem of the form at once", () => {
    expect(fields({ current: "", passphrase: "short", repeat: "" })).toEqual(["current", "passphrase", "repeat"]);
    expect(fields({ passphrase: "short", repeat: "shirt" })).toEqual(["passphrase", "repeat"]);
  });

  it("says nothing about a field that is right", () => {
    const good = "rain on the porch roof";
    expect(newPassphraseProblems({ current: "old one", passphrase: good, repeat: good })).toEqual([]);
    expect(newPassphraseProblems({ passphrase: good, repeat: good })).toEqual([]);
    expect(fields({ current: "old one", passphrase: good, repeat: `${good}!` })).toEqual(["repeat"]);
  });

  it("asks for the current passphrase only where the form has that field", () => {
    expect(fields({ passphrase: "", repeat: "" })).toEqual(["passphrase"]);
    expect(fields({ current: "", passphrase: "", repeat: "" })).toEqual(["current", "passphrase"]);
  });

  it("uses the strength hint's words for a passphrase too short", () => {
    const [problem] = newPassphraseProblems({ passphrase: "abc", repeat: "abc" });
    expect(problem).toEqual({ field: "passphrase", text: strengthHint("abc").message });
  });

  it("tells a missing repeat from a different one", () => {
    const good = "rain on the porch roof";
    expect(newPassphraseProblems({ passphrase: good, repeat: "" })[0]?.text).toBe("Type the new passphrase again.");
    expect(newPassphraseProblems({ passphrase: good, repeat: "rain" })[0]?.text).toBe(
      "The two passphrases are not the same.",
    );
  });
});
