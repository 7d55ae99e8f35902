import { describe, expect, it } from "vitest";

import { changed, problemOf, shownProblems } from "./problems";

const WRONG_OLD = { field: "current", text: "That passphrase does not open this journal." };

describe("a form's problems", () => {
  it("are none before a submit was tried, then every one of the form's checks", () => {
    const check = () => [
      { field: "passphrase", text: "5 more characters needed." },
      { field: "repeat", text: "Type the new passphrase again." },
    ];
    expect(shownProblems(false, check, null)).toEqual([]);
    expect(shownProblems(true, check, null)).toEqual(check());
  });

  it("keep what Rust refused beside the form's own checks, one message per field", () => {
    expect(shownProblems(false, () => [], WRONG_OLD)).toEqual([WRONG_OLD]);
    const own = { field: "current", text: "Type your current passphrase." };
    expect(shownProblems(true, () => [own], WRONG_OLD)).toEqual([own]);
  });

  it("say each field's problem on that field alone", () => {
    const problems = [
      { field: "to", text: "Choose who to share with." },
      { field: "what", text: "Choose reflections." },
    ];
    expect(problemOf(problems, "to")).toBe("Choose who to share with.");
    expect(problemOf(problems, "hours_to")).toBe("");
  });

  it("forget a refusal once its own field changes, not another", () => {
    expect(changed(WRONG_OLD, "current")).toBeNull();
    expect(changed(WRONG_OLD, "repeat")).toBe(WRONG_OLD);
    expect(changed(null, "current")).toBeNull();
  });
});
