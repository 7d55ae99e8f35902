import { describe, expect, it } from "vitest";

import { ApiError } from "./api";
import { describeError } from "./errors";
import { joinProblemField } from "./join";

describe("a refused join", () => {
  it("marks the secret when the passphrase or recovery key does not open the journal", () => {
    expect(joinProblemField(new ApiError("wrong_passphrase", ""))).toBe("secret");
    expect(joinProblemField(new ApiError("wrong_recovery_key", ""))).toBe("secret");
    expect(joinProblemField(new ApiError("recovery_key_invalid", "group 3 is wrong"))).toBe("secret");
  });

  it("marks the folder when it is not an Attune synced folder, and the name when it is refused", () => {
    const folder = new ApiError("invalid_input", "/tmp/x is not an Attune synced folder", { field: "folder" });
    expect(joinProblemField(folder)).toBe("folder");
    expect(describeError(folder)).toBe("Please check what you entered. /tmp/x is not an Attune synced folder.");
    expect(joinProblemField(new ApiError("invalid_input", "too long", { field: "device-name" }))).toBe("device");
  });

  it("says anything else under the form", () => {
    expect(joinProblemField(new ApiError("storage", "disk full"))).toBe("form");
    expect(joinProblemField(new ApiError("invalid_input", "?", { field: "name" }))).toBe("form");
  });
});
