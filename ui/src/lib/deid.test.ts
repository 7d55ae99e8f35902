import { describe, expect, it } from "vitest";

import { describeHint, findHints, replaceAllOf, replaceHint, type Hint, type HintKind } from "./deid";

const KINDS: readonly HintKind[] = ["phone", "email", "full_date", "address", "name"];

/** The invariants every result must keep, whatever the text. */
function checkInvariants(text: string, hints: readonly Hint[]): void {
  let lastEnd = 0;
  for (const h of hints) {
    expect(KINDS).toContain(h.kind);
    expect(h.start).toBeGreaterThanOrEqual(lastEnd); // sorted and never overlapping
    expect(h.end).toBeGreaterThan(h.start);
    expect(h.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(h.start, h.end)).toBe(h.text);
    lastEnd = h.end;
  }
}

function hints(text: string, names: readonly string[] = []): Hint[] {
  const found = findHints(text, names);
  checkInvariants(text, found);
  return found;
}

function summary(text: string, names: readonly string[] = []): [HintKind, string][] {
  return hints(text, names).map((h) => [h.kind, h.text]);
}

/** `expected` must be found, as a whole and as the only hint, inside a sentence. */
function expectOnly(kind: HintKind, sentence: string, expected: string, names: readonly string[] = []): void {
  const found = hints(sentence, names);
  expect(found.map((h) => [h.kind, h.text])).toEqual([[kind, expected]]);
  const h = found[0];
  expect(h?.start).toBe(sentence.indexOf(expected));
  expect(h?.end).toBe(sentence.indexOf(expected) + expected.length);
}

describe("phone numbers", () => {
  it.each([
    ["Call (555) 123-4567 tomorrow.", "(555) 123-4567"],
    ["Her number is 555-123-4567.", "555-123-4567"],
    ["Her number is 555.123.4567.", "555.123.4567"],
    ["Her number is 555 123 4567 (cell).", "555 123 4567"],
    ["Dad: +1 555 123 4567", "+1 555 123 4567"],
    ["Dad: +1 (555) 123-4567", "+1 (555) 123-4567"],
    ["Hotline 1-800-555-1234 for shelter", "1-800-555-1234"],
    ["London: +44 20 7946 0958.", "+44 20 7946 0958"],
    ["London: +44 (0)20 7946 0958.", "+44 (0)20 7946 0958"],
    ["Paris: +33 6 12 34 56 78", "+33 6 12 34 56 78"],
    ["mobile +447946095800 today", "+447946095800"],
    ["Berlin: +49 30 12345678", "+49 30 12345678"],
    ["Berlin: 030 12345678", "030 12345678"],
    ["US: +1-555-123-4567", "+1-555-123-4567"],
    ["portable 06 12 34 56 78, le soir", "06 12 34 56 78"],
    ["portable 06.12.34.56.78", "06.12.34.56.78"],
    ["landline 020 7946 0958", "020 7946 0958"],
    ["mobile 07700 900123", "07700 900123"],
    ["portable 0612345678", "0612345678"],
    ["(mum's phone:555-123-4567)", "555-123-4567"],
    ["tel.\u00a0555\u00a0123\u00a04567", "555\u00a0123\u00a04567"],
  ])("finds the phone number in %j", (sentence, expected) => {
    expectOnly("phone", sentence, expected);
  });

  it.each([
    "We met on 2023-03-14 at 10:30.",
    "From 10:30-11:45 we played on the floor.",
    "They lived there 2019-2021.",
    "She has 3 kids.",
    "He is 14 months old.",
    "Back in 2023 things were different.",
    "The visit lasted 1.5 hours, then 45 minutes of notes.",
    "She was born at 32 weeks, 1.8 kg, and is now 2 1/2 years old.",
    "We scored 100 and 200 and 3000.",
    "Case 12345 and file 98765.",
    "It cost $1,250.00 for 2,500 grams.",
    "3-4 times a week, 5-10 minutes each.",
    "1 2 3 4 5 6 7 8 9 10 blocks in a tower",
    "0 1 2 3 4 5 6 7 8 9",
    "scores of 12-15 and 20-25",
    "Version 1.2.3.4 of the form",
    "+3 kids",
  ])("finds no phone number in %j", (sentence) => {
    expect(hints(sentence).filter((h) => h.kind === "phone")).toEqual([]);
  });
});

describe("e-mail addresses", () => {
  it.each([
    ["Mum wrote from lucia.gomez@example.org yesterday.", "lucia.gomez@example.org"],
    ["Send it to a+b@mail.co.uk.", "a+b@mail.co.uk"],
    ["(ana_r-93@family-services.gov)", "ana_r-93@family-services.gov"],
    ["Escribió desde maría@correo.es.", "maría@correo.es"],
    ["mailto:DAD@EXAMPLE.COM", "DAD@EXAMPLE.COM"],
  ])("finds the e-mail address in %j", (sentence, expected) => {
    expectOnly("email", sentence, expected);
  });

  it.each([
    "Follow @handle on the app.",
    "a@b",
    "meet @ 10",
    "email@localhost",
    "user@domain.c",
    "foo@bar..com",
    "@@@@",
    "trailing@",
  ])("finds no e-mail address in %j", (sentence) => {
    expect(hints(sentence).filter((h) => h.kind === "email")).toEqual([]);
  });
});

describe("full dates", () => {
  it.each([
    ["Born 03/14/2023 at home.", "03/14/2023"],
    ["Geboren am 14.03.2023 im Krankenhaus.", "14.03.2023"],
    ["Visit on 2023-03-14, morning.", "2023-03-14"],
    ["Born March 14, 2023 at home.", "March 14, 2023"],
    ["Born 14 March 2023 at home.", "14 March 2023"],
    ["Born Mar 14 2023 at home.", "Mar 14 2023"],
    ["Born 3/14/23 at home.", "3/14/23"],
    ["Born 14.3.23 at home.", "14.3.23"],
    ["Seen 2023-03-14T10:30.", "2023-03-14"],
    ["On Monday, 3 April 2023 we met.", "3 April 2023"],
    ["Born 14-03-2023 at home.", "14-03-2023"],
    ["Logged 2023/3/14.", "2023/3/14"],
    ["Court on Sept. 3rd, 2023.", "Sept. 3rd, 2023"],
    ["Born on the 14th of March, 2023.", "14th of March, 2023"],
    ["DOB 14-Mar-2023", "14-Mar-2023"],
    ["born march 14 2023", "march 14 2023"],
    ["born FEBRUARY 29, 2024", "FEBRUARY 29, 2024"],
    ["due Dec. 1, 2024.", "Dec. 1, 2024"],
    ["Born 1 May 2022.", "1 May 2022"],
  ])("finds the full date in %j", (sentence, expected) => {
    expectOnly("full_date", sentence, expected);
  });

  it.each([
    "Since March 2023 things have improved.",
    "Back in 2023.",
    "On March 14 we played outside.",
    "On 14 March we played outside.",
    "He is 14 months old.",
    "They lived there 2019-2021.",
    "Started 03/2023.",
    "Started 14/03.",
    "13/13/2023 is not a date.",
    "February 30, 2023 is not a date.",
    "2023-02-29 is not a date.",
    "3-14-23 is too ambiguous with dashes.",
    "The Battle of Hastings, October 14, 1066.",
    "She may 3 2023x",
    "Meeting 9.30-10.30 and 2.15, children aged 0-3 years.",
    "A marching band played 14 times in 2023.",
    "Q3 2023 and the 1990s.",
  ])("finds no full date in %j", (sentence) => {
    expect(hints(sentence).filter((h) => h.kind === "full_date")).toEqual([]);
  });
});

describe("street addresses", () => {
  it.each([
    ["They live at 12 Oak Street now.", "12 Oak Street"],
    ["They live at 12 Oak St, near the park.", "12 Oak St"],
    ["They live at 10 Downing St.", "10 Downing St"],
    ["1600 Pennsylvania Avenue is famous.", "1600 Pennsylvania Avenue"],
    ["Flat above 221B Baker Street.", "221B Baker Street"],
    ["Moved to 42 West 5th Ave last week.", "42 West 5th Ave"],
    ["Moved to 12 Oak St, Apt 4B last week.", "12 Oak St, Apt 4B"],
    ["Moved to 12 Oak Street Apt. 4B last week.", "12 Oak Street Apt. 4B"],
    ["Moved to 12 Oak St. Apt 4B last week.", "12 Oak St. Apt 4B"],
    ["Moved to 12 Oak St #4 last week.", "12 Oak St #4"],
    ["Moved to 3 Elm Ct.", "3 Elm Ct"],
    ["Moved to 15 St. John's Wood Road.", "15 St. John's Wood Road"],
    ["Moved to 12 OAK STREET.", "12 OAK STREET"],
    ["Moved to 8 Maple Way.", "8 Maple Way"],
    ["Moved to 5 Willow Ln.", "5 Willow Ln"],
    ["Moved to 77 Sunset Blvd.", "77 Sunset Blvd"],
    ["Moved to 4 Rose Terrace.", "4 Rose Terrace"],
    ["Moved to 9 Lake Shore Drive.", "9 Lake Shore Drive"],
    ["Moved to 31 Garden Pl.", "31 Garden Pl"],
    ["Moved to 6 Harbour Circle.", "6 Harbour Circle"],
    ["Moved to 12 Oak street.", "12 Oak street"],
    ["Write to PO Box 123 instead.", "PO Box 123"],
    ["Write to P.O. Box 4567 instead.", "P.O. Box 4567"],
    ["Write to Post Office Box 12 instead.", "Post Office Box 12"],
    ["Write to po box 9 instead.", "po box 9"],
  ])("finds the address in %j", (sentence, expected) => {
    expectOnly("address", sentence, expected);
  });

  it.each([
    "We met for 3 weeks.",
    "We had 2 sessions.",
    "After 3 weeks on the road they settled.",
    "There were 2 Family Court hearings.",
    "She has 2 Juvenile Ct dates.",
    "They went to court 3 times.",
    "He is 14 months old.",
    "We finished 8 Circle of Security sessions.",
    "I saw 2 Dr appointments in the diary.",
    "Mum had 2 Street festivals in mind.",
    "The 3 Streets project",
  ])("finds no address in %j", (sentence) => {
    expect(hints(sentence).filter((h) => h.kind === "address")).toEqual([]);
  });
});

describe("names to avoid", () => {
  it.each([
    ["Lucía", "Today lucia smiled.", "lucia"],
    ["Lucía", "Today LUCIA smiled.", "LUCIA"],
    ["Lucía", "Today Lucía smiled.", "Lucía"],
    ["Lucia", "Today Lucía smiled.", "Lucía"],
    ["Lucía", "Today Luci\u0301a smiled.", "Luci\u0301a"], // decomposed: the accent is kept
    ["Ana", "Ana's mum sang.", "Ana"],
    ["Ana", "(Ana) sang.", "Ana"],
    ["Mary Ann", "Then Mary Ann cried.", "Mary Ann"],
    ["Mary Ann", "Then mary  ann cried.", "mary  ann"],
    ["Mary Ann", "Then Mary-Ann cried.", "Mary-Ann"],
    ["Mary Ann", "Then Mary\nAnn cried.", "Mary\nAnn"],
    ["Jean-Luc", "Then Jean Luc cried.", "Jean Luc"],
    ["  Zoë  ", "Then ZOE cried.", "ZOE"],
    ["Zoe", "Then Zoë cried.", "Zoë"],
    ["Łukasz", "Then Lukasz cried.", "Lukasz"],
    ["Søren", "Then soren cried.", "soren"],
    ["Straße", "Then STRASSE cried.", "STRASSE"],
    ["O’Brien", "Then O'Brien cried.", "O'Brien"],
    ["İlayda", "Then ilayda cried.", "ilayda"],
    ["J.", "Then J. cried.", "J."],
    ["(Jo)", "Then (Jo) cried.", "(Jo)"],
    ["a+b", "Then a+b cried.", "a+b"],
    ["ｍｉａ", "Then Mia cried.", "Mia"], // full-width letters fold to plain ones
    ["Mia", "Then Mi\u00ADa cried.", "Mi\u00ADa"], // a soft hyphen inside the word
  ])("entry %j finds the name in %j", (name, sentence, expected) => {
    expectOnly("name", sentence, expected, [name]);
  });

  it.each([
    ["Ana", "Anatomy of attachment."],
    ["Ana", "A banana for snack."],
    ["Ana", "Ana2 is a username."],
    ["Mary Ann", "Mary and Ann are cousins."],
    ["Lucía", "Lucian came too."],
    ["a.b", "axb and a-b"],
    ["Jo*", "Jooo and J"],
    ["[x]", "x and [y]"],
    ["Ze?", "Z and Zed"],
    ["", "Anything at all."],
    ["   ", "Anything at all."],
    ["-", "A - dash."],
  ])("entry %j finds no name in %j", (name, sentence) => {
    expect(hints(sentence, [name])).toEqual([]);
  });

  it("ignores blank entries among real ones", () => {
    expect(summary("Ana and Ben", ["", "  ", "\t", "Ben"])).toEqual([["name", "Ben"]]);
  });

  it("finds every occurrence, including next to each other", () => {
    expect(summary("Ana,Ana Ana.", ["ana"])).toEqual([
      ["name", "Ana"],
      ["name", "Ana"],
      ["name", "Ana"],
    ]);
  });

  it("keeps offsets exact after emoji, accents and combining marks", () => {
    const text = "👶🏽 é\u0301 Zoë and 👨‍👩‍👧 Luci\u0301a, then Lucía.";
    const found = hints(text, ["Lucía", "Zoe"]);
    expect(found.map((h) => h.text)).toEqual(["Zoë", "Luci\u0301a", "Lucía"]);
    expect(found.map((h) => h.start)).toEqual([
      text.indexOf("Zoë"),
      text.indexOf("Luci\u0301a"),
      text.indexOf("Lucía"),
    ]);
  });

  it("prefers the longer entry at the same place", () => {
    expect(summary("Mary Ann and Mary", ["Mary", "Mary Ann"])).toEqual([
      ["name", "Mary Ann"],
      ["name", "Mary"],
    ]);
  });

  it("does not depend on the order of the list", () => {
    const text = "Mary Ann Lee and Ann Lee";
    const a = findHints(text, ["Mary Ann", "Ann Lee"]);
    const b = findHints(text, ["Ann Lee", "Mary Ann"]);
    expect(a).toEqual(b);
    expect(a.map((h) => h.text)).toEqual(["Mary Ann", "Ann Lee"]);
  });
});

describe("overlapping candidates", () => {
  it.each<[string, readonly string[], [HintKind, string][]]>([
    // The e-mail hides the whole address, name included.
    ["Wrote from lucia.gomez@example.org", ["Gomez", "Lucía"], [["email", "lucia.gomez@example.org"]]],
    // A date wins over a name inside it; the name alone is still a name.
    [
      "March 14, 2023 and then March",
      ["March"],
      [
        ["full_date", "March 14, 2023"],
        ["name", "March"],
      ],
    ],
    ["at 12 Oak Street", ["Oak"], [["address", "12 Oak Street"]]],
    // Equal spans: phone before name, e-mail before name.
    ["call 555-123-4567", ["555-123-4567"], [["phone", "555-123-4567"]]],
    ["ana@x.org", ["ana@x.org"], [["email", "ana@x.org"]]],
    // A date is never also a phone number.
    ["on 04.03.2023 at 10.30", [], [["full_date", "04.03.2023"]]],
    ["on 06.12.2023 06.12.34.56.78", [], [["full_date", "06.12.2023"], ["phone", "06.12.34.56.78"]]],
    // A longer name that starts inside a shorter one still wins (it hides more).
    ["Ana Maria.lopez@x.org", ["Ana Maria"], [["email", "Maria.lopez@x.org"]]],
  ])("resolves %j deterministically", (text, names, expected) => {
    expect(summary(text, names)).toEqual(expected);
    expect(findHints(text, names)).toEqual(findHints(text, [...names].reverse()));
  });

  it("returns hints sorted by start", () => {
    const text =
      "Lucía (DOB 2023-03-14) lives at 12 Oak Street; mum is on 555-123-4567 or mum@example.org.";
    expect(summary(text, ["Lucía"])).toEqual([
      ["name", "Lucía"],
      ["full_date", "2023-03-14"],
      ["address", "12 Oak Street"],
      ["phone", "555-123-4567"],
      ["email", "mum@example.org"],
    ]);
  });

  it("keeps its invariants on random text", () => {
    // A seeded generator over fragments that look like the hints and their near misses.
    const pieces = [
      " ", "  ", "\n", ".", ",", "-", "/", "(", ")", "+", "@", "#", "0", "1", "12", "555", "2023",
      "06", "March", "Mar", "14", "Street", "St", "Oak", "Apt", "4B", "Ana", "anatomy", "Lucía",
      "Luci\u0301a", "é", "👶🏽", "Mary", "Ann", "example", "org", "PO", "Box", "Court", "Family",
      "+44", "(555)", "months", "10:30",
    ];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      let text = "";
      const length = 5 + (next() % 60);
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length] ?? "";
      const names = ["Ana", "Lucía", "Mary Ann"];
      const found = hints(text, names);
      expect(findHints(text, [...names].reverse())).toEqual(found);
    }
  });

  it("finds nothing in an empty text", () => {
    expect(findHints("", ["Ana"])).toEqual([]);
    expect(findHints("", [])).toEqual([]);
  });
});

describe("replaceHint", () => {
  const text = "Met Lucía's mum at 12 Oak Street. 👶🏽 Lucía crawled.";

  it("replaces a name and keeps the text around it", () => {
    const [first] = findHints(text, ["Lucia"]);
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(replaceHint(text, first, "L.")).toBe("Met L.'s mum at 12 Oak Street. 👶🏽 Lucía crawled.");
  });

  it("replaces a hint after emoji", () => {
    const last = findHints(text, ["Lucia"]).at(-1);
    expect(last?.kind).toBe("name");
    if (last === undefined) return;
    expect(replaceHint(text, last, "L.")).toBe("Met Lucía's mum at 12 Oak Street. 👶🏽 L. crawled.");
  });

  it("replaces an address and keeps the full stop", () => {
    const address = findHints(text, []).find((h) => h.kind === "address");
    expect(address).toBeDefined();
    if (address === undefined) return;
    expect(replaceHint(text, address, "their flat")).toBe(
      "Met Lucía's mum at their flat. 👶🏽 Lucía crawled.",
    );
  });

  it("replaces a decomposed name with its accent", () => {
    const t = "Luci\u0301a laughed.";
    const [h] = findHints(t, ["Lucía"]);
    if (h === undefined) throw new Error("expected a hint");
    expect(replaceHint(t, h, "B.")).toBe("B. laughed.");
  });

  it.each<[string, Hint]>([
    ["the text changed", { kind: "name", start: 4, end: 9, text: "Lucía" }],
    ["out of range", { kind: "name", start: 400, end: 405, text: "Lucía" }],
    ["empty", { kind: "name", start: 4, end: 4, text: "" }],
  ])("leaves the text alone when the hint is stale (%s)", (_, hint) => {
    const edited = "Met Lucas's mum.";
    expect(replaceHint(edited, hint, "L.")).toBe(edited);
  });
});

describe("replaceAllOf", () => {
  it("replaces every spelling of the same name and nothing else", () => {
    const text = "Lucía smiled; LUCIA's mum and lucia played. Lucas watched.";
    const names = ["Lucía", "Lucas"];
    const [first] = findHints(text, names);
    if (first === undefined) throw new Error("expected a hint");
    expect(replaceAllOf(text, first, "L.", names)).toBe("L. smiled; L.'s mum and L. played. Lucas watched.");
  });

  it("treats spacing in multi-word names as the same name", () => {
    const text = "Mary Ann, mary  ann and Mary-Ann; Mary alone.";
    const names = ["Mary Ann", "Mary"];
    const [first] = findHints(text, names);
    if (first === undefined) throw new Error("expected a hint");
    expect(replaceAllOf(text, first, "M.A.", names)).toBe("M.A., M.A. and M.A.; Mary alone.");
  });

  it("replaces the same phone number however it is written", () => {
    const text = "(555) 123-4567 or 555.123.4567, not 555-999-0000.";
    const [first] = findHints(text, []);
    if (first === undefined) throw new Error("expected a hint");
    expect(replaceAllOf(text, first, "[phone]", [])).toBe("[phone] or [phone], not 555-999-0000.");
  });

  it("works from a hint found in an older version of the text", () => {
    const stale: Hint = { kind: "name", start: 0, end: 3, text: "Ana" };
    expect(replaceAllOf("Then ana and ANA.", stale, "A.", ["Ana"])).toBe("Then A. and A..");
  });

  it("changes nothing when nothing matches", () => {
    const hint: Hint = { kind: "email", start: 0, end: 9, text: "ana@x.org" };
    expect(replaceAllOf("nothing here", hint, "x", [])).toBe("nothing here");
  });
});

describe("describeHint", () => {
  it.each(KINDS)("explains %s in one plain sentence", (kind) => {
    const text = describeHint(kind);
    expect(text.length).toBeGreaterThan(20);
    expect(text.endsWith(".")).toBe(true);
  });

  it("suggests the age in months for a full date", () => {
    expect(describeHint("full_date")).toContain("age in months");
  });
});

describe("long texts", () => {
  const paragraph =
    "Home visit with Lucía (born 03/14/2023, now 14 months). Mum Mary Ann called from " +
    "(555) 123-4567 and wrote from mum.gomez@example.org; they moved to 12 Oak Street, Apt 4B " +
    "on March 1, 2024. We played for 3 weeks of sessions, 10:30-11:45, 2019-2021 records. " +
    "Dad's French number is +33 6 12 34 56 78. PO Box 77. Lucia's banana, Anatomy. 👶🏽\n";
  const perParagraph: [HintKind, string][] = [
    ["name", "Lucía"],
    ["full_date", "03/14/2023"],
    ["name", "Mary Ann"],
    ["phone", "(555) 123-4567"],
    ["email", "mum.gomez@example.org"],
    ["address", "12 Oak Street, Apt 4B"],
    ["full_date", "March 1, 2024"],
    ["phone", "+33 6 12 34 56 78"],
    ["address", "PO Box 77"],
    ["name", "Lucia"],
  ];
  const names = ["Lucía", "Mary Ann", "Gomez"];

  it("finds every hint in a 20 000-character reflection, quickly", () => {
    expect(summary(paragraph, names)).toEqual(perParagraph);
    const copies = Math.ceil(20_000 / paragraph.length);
    const text = paragraph.repeat(copies);
    expect(text.length).toBeGreaterThanOrEqual(20_000);
    findHints(text, names); // warm up the patterns
    const started = performance.now();
    const found = hints(text, names);
    const elapsed = performance.now() - started;
    expect(found).toHaveLength(perParagraph.length * copies);
    expect(found.slice(-perParagraph.length).map((h) => [h.kind, h.text])).toEqual(perParagraph);
    expect(elapsed).toBeLessThan(500);
  });

  it("replaces every hint from the end without disturbing the others", () => {
    const text = paragraph.repeat(5);
    const found = findHints(text, names);
    let out = text;
    for (const h of [...found].reverse()) out = replaceHint(out, h, `<${h.kind}>`);
    expect(findHints(out, names)).toEqual([]);
    expect(out).toContain("<name> (born <full_date>, now 14 months)");
  });

  // Inputs that would make a backtracking pattern blow up; each must stay linear-ish.
  it.each<[string, string]>([
    ["digits", "1".repeat(20_000)],
    ["zeros", "0".repeat(20_000)],
    ["spaced digits", "1 ".repeat(10_000)],
    ["spaced trunk pairs", "01 ".repeat(7_000)],
    ["plus groups", "+1 ".repeat(7_000)],
    ["dashed digits", "-1".repeat(10_000)],
    ["dotted digits", "1.".repeat(10_000)],
    ["dotted pairs", "12.".repeat(7_000)],
    ["long local part", `${"a".repeat(20_000)}@`],
    ["many ats", "a@".repeat(10_000)],
    ["dotted domain", `a@${"b.".repeat(10_000)}`],
    ["capital words", `12 ${"Aa ".repeat(7_000)}`],
    ["numbered words", "12 Aa ".repeat(3_500)],
    ["long capital word", `12 A${"a".repeat(20_000)}`],
    ["months", "March ".repeat(4_000)],
    ["month days", "March 14 ".repeat(2_500)],
    ["accents", "é\u0301".repeat(10_000)],
    ["emoji", "👶🏽".repeat(5_000)],
  ])("stays fast on pathological input: %s", (_, text) => {
    const started = performance.now();
    hints(text, ["Ana", "Mary Ann", "Lucía"]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("stays fast with a long list of names", () => {
    const names = Array.from({ length: 300 }, (_, i) => `Name${String.fromCharCode(97 + (i % 26))}${i}`);
    names.push("Lucía");
    const text = paragraph.repeat(Math.ceil(20_000 / paragraph.length));
    const started = performance.now();
    const found = hints(text, names);
    expect(performance.now() - started).toBeLessThan(500);
    expect(found.filter((h) => h.kind === "name").length).toBeGreaterThan(0);
  });
});
