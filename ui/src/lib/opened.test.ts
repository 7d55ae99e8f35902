import { describe, expect, it } from "vitest";

import { opened, pageFor, takeOpened } from "./opened.svelte";

describe("a file handed to the app", () => {
  it("is taken once, and only by a page that opens its kind", () => {
    opened.file = { kind: "share", name: "from Sam.attune-share" };
    expect(takeOpened(["backup"])).toBeNull();
    expect(opened.file).not.toBeNull();
    expect(takeOpened(["share", "attestation", "card"])).toEqual({ kind: "share", name: "from Sam.attune-share" });
    expect(takeOpened(["share"])).toBeNull();
  });

  it("goes to Sharing, or to Settings for a backup", () => {
    expect(pageFor("share")).toBe("sharing");
    expect(pageFor("attestation")).toBe("sharing");
    expect(pageFor("card")).toBe("sharing");
    expect(pageFor("backup")).toBe("settings");
  });
});
