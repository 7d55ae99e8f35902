//! Reflection JSON (`attune entry add --json`): refused with the field (and, for JSON that
//! does not parse, the line and column in the field), and nothing saved.

use crate::{case, invalid, Case, Expect};

fn json(what: &str, text: impl Into<Vec<u8>>, e: Expect) -> Case {
    case(what, "json", text, e)
}

/// A good reflection with `extra` added after its first key (`"kind":...,`).
fn with(extra: &str) -> String {
    format!("{{\"kind\":\"home_visit\",\"date\":\"2026-03-02\",{extra}}}")
}

pub fn cases() -> Vec<Case> {
    let syntax = |l: u64, c: u64| invalid(&format!("line {l}, column {c}"), "not valid JSON");
    let refl = |m: &str| invalid("reflection", m);
    let mut out = vec![
        json("empty", "", syntax(1, 0)),
        json("only-white-space", "  \n\n ", syntax(3, 1)),
        json(
            "truncated-object",
            "{\"kind\":\"note\",\"date\":\"2026-03-02\",\"title\":\"a",
            syntax(1, 45),
        ),
        json(
            "trailing-comma",
            "{\"kind\":\"note\",\"date\":\"2026-03-02\",\"title\":\"a\",}",
            syntax(1, 48),
        ),
        json("single-quotes", "{'kind':'note'}", syntax(1, 2)),
        json(
            "comment-in-json",
            "{\n  // a note\n  \"kind\": \"note\"\n}",
            syntax(2, 3),
        ),
        json(
            "two-objects",
            "{\"kind\":\"note\",\"date\":\"2026-03-02\",\"title\":\"a\"}\n{}",
            syntax(2, 1),
        ),
        json("nan-literal", with("\"title\":NaN"), syntax(1, 50)),
        json("bad-escape", with("\"title\":\"\\q\""), syntax(1, 52)),
        json(
            "lone-surrogate",
            with("\"title\":\"\\ud800\""),
            syntax(1, 57),
        ),
        json(
            "raw-newline-in-string",
            with("\"title\":\"a\nb\""),
            syntax(2, 0),
        ),
        json(
            "deep-nesting",
            format!("{}{}", "[".repeat(200), "]".repeat(200)),
            syntax(1, 128),
        ),
        json(
            "an-array",
            "[{\"kind\":\"note\"}]",
            refl("expected a JSON object"),
        ),
        json("a-string", "\"kind\"", refl("expected a JSON object")),
        json("null", "null", refl("expected a JSON object")),
        json("a-number", "42", refl("expected a JSON object")),
        json(
            "unknown-field",
            with("\"title\":\"a\",\"mood\":\"tired\""),
            invalid("mood", "unknown field; expected one of kind, date"),
        ),
        json(
            "id-field",
            with("\"id\":\"abcd\",\"title\":\"a\""),
            invalid("id", "unknown field"),
        ),
        json(
            "field-upper-case",
            with("\"Title\":\"a\""),
            invalid("Title", "unknown field"),
        ),
        json(
            "self-underscore",
            with("\"self_\":\"a\""),
            invalid("self_", "unknown field"),
        ),
        json(
            "title-a-number",
            with("\"title\":5"),
            invalid("title", "must be a string"),
        ),
        json(
            "title-null",
            with("\"title\":null"),
            invalid("title", "must be a string"),
        ),
        json(
            "title-an-object",
            with("\"title\":{\"text\":\"a\"}"),
            invalid("title", "must be a string"),
        ),
        json(
            "tags-a-string",
            with("\"title\":\"a\",\"tags\":\"sleep\""),
            invalid("tags", "must be a list of strings"),
        ),
        json(
            "tags-with-a-number",
            with("\"title\":\"a\",\"tags\":[\"sleep\",3]"),
            invalid("tags", "must be a list of strings"),
        ),
        json(
            "date-a-number",
            "{\"kind\":\"note\",\"date\":20260302,\"title\":\"a\"}",
            invalid("date", "must be a string"),
        ),
        json(
            "kind-missing",
            "{\"date\":\"2026-03-02\",\"title\":\"a\"}",
            invalid("kind", "is missing (home_visit, supervision or note)"),
        ),
        json(
            "kind-unknown",
            "{\"kind\":\"diary\",\"date\":\"2026-03-02\",\"title\":\"a\"}",
            invalid("kind", "diary"),
        ),
        json(
            "kind-upper-case",
            "{\"kind\":\"HOME_VISIT\",\"date\":\"2026-03-02\",\"title\":\"a\"}",
            invalid("kind", "HOME_VISIT"),
        ),
        json(
            "kind-empty",
            "{\"kind\":\"\",\"date\":\"2026-03-02\",\"title\":\"a\"}",
            invalid("kind", ""),
        ),
        json(
            "date-missing",
            "{\"kind\":\"note\",\"title\":\"a\"}",
            invalid("date", "is missing (YYYY-MM-DD)"),
        ),
        json(
            "date-us-order",
            "{\"kind\":\"note\",\"date\":\"03/02/2026\",\"title\":\"a\"}",
            invalid(
                "date",
                "\"03/02/2026\" is not a date in the form YYYY-MM-DD",
            ),
        ),
        json(
            "date-words",
            "{\"kind\":\"note\",\"date\":\"May 16\",\"title\":\"a\"}",
            invalid("date", "\"May 16\" is not a date in the form YYYY-MM-DD"),
        ),
        json(
            "date-february-30",
            "{\"kind\":\"note\",\"date\":\"2026-02-30\",\"title\":\"a\"}",
            invalid("date", "\"2026-02-30\" is not a real calendar date"),
        ),
        json(
            "date-with-time",
            "{\"kind\":\"note\",\"date\":\"2026-03-02T10:00:00Z\",\"title\":\"a\"}",
            invalid("date", "is not a date in the form YYYY-MM-DD"),
        ),
        json(
            "date-in-the-future",
            "{\"kind\":\"note\",\"date\":\"2031-01-01\",\"title\":\"a\"}",
            invalid("date", "2031-01-01 is in the future"),
        ),
        json(
            "date-far-future",
            "{\"kind\":\"note\",\"date\":\"9999-12-31\",\"title\":\"a\"}",
            invalid("date", "9999-12-31 is in the future"),
        ),
        json(
            "nothing-written",
            "{\"kind\":\"note\",\"date\":\"2026-03-02\"}",
            refl("is empty: write a title or at least one section"),
        ),
        json(
            "only-white-space-texts",
            with("\"title\":\"  \",\"self\":\"\\n\\t\""),
            refl("is empty: write a title or at least one section"),
        ),
        json("only-tags", with("\"tags\":[\"sleep\"]"), refl("is empty")),
        json(
            "family-only",
            with("\"family\":\"Rowan\""),
            refl("is empty"),
        ),
        json(
            "title-over-256-kib",
            with(&format!("\"title\":\"{}\"", "t".repeat(256 * 1024 + 1))),
            invalid("title", "at most 262144 bytes fit in one field"),
        ),
        json(
            "section-over-256-kib",
            with(&format!("\"for_supervision\":\"{}\"", "é".repeat(131_073))),
            invalid("for_supervision", "at most 262144 bytes fit in one field"),
        ),
        json(
            "65-tags",
            with(&format!(
                "\"title\":\"a\",\"tags\":[{}]",
                (0..65)
                    .map(|i| format!("\"t{i}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            invalid("tags", "at most 64 tags"),
        ),
    ];
    out.push(json(
        "byte-order-mark",
        format!("\u{feff}{}", with("\"title\":\"a\"")),
        syntax(1, 1),
    ));
    // Refused since issue 14: dates before 1900, control characters in any text.
    let dated = |date: &str| format!("{{\"kind\":\"note\",\"date\":\"{date}\",\"title\":\"a\"}}");
    out.push(json(
        "year-1899",
        dated("1899-12-31"),
        invalid("date", "1900"),
    ));
    out.push(json(
        "year-0001",
        dated("0001-01-01"),
        invalid("date", "1900"),
    ));
    out.push(json(
        "escape-sequence-in-title",
        with("\"title\":\"a\\u001b]52;c;aGk=\\u0007\""),
        invalid("title", "U+001B"),
    ));
    out.push(json(
        "nul-in-a-section",
        with("\"title\":\"a\",\"self\":\"b\\u0000c\""),
        invalid("self", "U+0000"),
    ));
    out.push(json(
        "c1-control-in-a-tag",
        with("\"title\":\"a\",\"tags\":[\"sleep\\u009b\"]"),
        invalid("tags", "U+009B"),
    ));
    out.push(json(
        "bell-in-family",
        with("\"title\":\"a\",\"family\":\"Rowan\\u0007\""),
        invalid("family", "U+0007"),
    ));
    out
}
