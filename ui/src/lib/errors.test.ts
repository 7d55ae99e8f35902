import { describe, expect, it } from "vitest";

import { ApiError, toApiError } from "./api";
import { describeError } from "./errors";

describe("toApiError", () => {
  it("keeps a command's {code, message}", () => {
    const e = toApiError({ code: "wrong_passphrase", message: "the passphrase does not open this vault" });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("wrong_passphrase");
    expect(e.message).toBe("the passphrase does not open this vault");
  });

  it("keeps the field, line and column Rust sends as data", () => {
    const e = toApiError({ code: "invalid_input", message: "minutes: must be more than 0", field: "minutes" });
    expect([e.field, e.line, e.column]).toEqual(["minutes", null, null]);
    const cell = toApiError({
      code: "invalid_input",
      message: "line 3, column 2 (minutes): bad",
      field: "minutes",
      line: 3,
      column: 2,
    });
    expect([cell.field, cell.line, cell.column]).toEqual(["minutes", 3, 2]);
    // Nothing is read out of the message.
    expect(toApiError({ code: "invalid_input", message: "minutes: bad" }).field).toBeNull();
    expect(toApiError({ code: "invalid_input", message: "x", field: 3, line: "3" })).toMatchObject({
      field: null,
      line: null,
    });
  });

  it("turns anything else into internal", () => {
    expect(toApiError("command not allowed").code).toBe("internal");
    expect(toApiError("command not allowed").message).toBe("command not allowed");
    expect(toApiError({ code: "no_such_code", message: "x" }).code).toBe("internal");
    expect(toApiError(new Error("boom")).message).toBe("boom");
    expect(toApiError(null).code).toBe("internal");
  });
});

describe("describeError", () => {
  it("says a wrong passphrase in the app's own words, whatever Rust's message", () => {
    expect(describeError({ code: "wrong_passphrase", message: "anything" })).toBe(
      "That passphrase does not open this journal.",
    );
  });

  it("says where and when a passphrase was changed on another device", () => {
    expect(
      describeError({
        code: "passphrase_changed_elsewhere",
        message:
          "this passphrase was changed on Agency laptop on 2 December 2026: unlock with the new passphrase, or with the recovery key",
      }),
    ).toBe(
      "This passphrase was changed on Agency laptop on 2 December 2026: unlock with the new passphrase, or with the recovery key.",
    );
    expect(describeError({ code: "passphrase_changed_elsewhere", message: "" })).toContain(
      "changed on another device",
    );
  });

  it("adds Rust's detail where it helps", () => {
    expect(
      describeError({
        code: "recovery_key_invalid",
        message: "it has a typo (its checksum does not match); check each group",
      }),
    ).toBe(
      "That recovery key is not quite right. It has a typo (its checksum does not match); check each group.",
    );
    expect(describeError({ code: "storage", message: "" })).toBe(
      "Attune could not read or write its files.",
    );
  });
});
