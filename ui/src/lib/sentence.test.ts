import { describe, expect, it } from "vitest";

import { fullStop, sentence } from "./sentence";

describe("fullStop", () => {
  it("adds one where the words end without one", () => {
    expect(fullStop("Logged 1 h of RSC with Sam")).toBe("Logged 1 h of RSC with Sam.");
  });

  it("adds none after initials, a question or an exclamation", () => {
    expect(fullStop("Logged 1 h of RSC with J. R.")).toBe("Logged 1 h of RSC with J. R.");
    expect(fullStop("Of training: What is holding?")).toBe("Of training: What is holding?");
    expect(fullStop("Done!")).toBe("Done!");
    expect(fullStop("And so on…")).toBe("And so on…");
  });

  it("looks inside closing quotes and brackets", () => {
    expect(fullStop('Deleted "Notes on a visit."')).toBe('Deleted "Notes on a visit."');
    expect(fullStop("Deleted (the first one.)")).toBe("Deleted (the first one.)");
    expect(fullStop('Deleted "Notes"')).toBe('Deleted "Notes".');
  });
});

describe("sentence", () => {
  it("capitalises and ends", () => {
    expect(sentence("  the file is damaged ")).toBe("The file is damaged.");
    expect(sentence("is it?")).toBe("Is it?");
    expect(sentence("   ")).toBe("");
  });
});
