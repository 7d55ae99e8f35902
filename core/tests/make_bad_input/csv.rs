//! Hours CSV imports (`attune hours import`): refused with the line and column of the first
//! problem, and nothing imported.

use crate::{case, invalid, Case, Expect};

const H: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note";
const GOOD: &str = "2026-01-10,60,individual,Lucía Pérez,IMHM-C,in-person,yes,first";

fn csv(what: &str, text: impl Into<Vec<u8>>, e: Expect) -> Case {
    case(what, "csv", text, e)
}

/// The header, a good row, then `row` on line 3.
fn third(row: &str) -> String {
    format!("{H}\n{GOOD}\n{row}\n")
}

/// The good row with cell `col` (from 0) replaced by `cell`.
fn with_cell(col: usize, cell: &str) -> String {
    let mut cells: Vec<&str> = GOOD.split(',').collect();
    cells[col] = cell;
    cells.join(",")
}

/// The cell at line 3, column `col` (from 1) named `field`.
fn at3(field: &str, col: u64, m: &str) -> Expect {
    invalid(field, m).at(3, col)
}

pub fn cases() -> Vec<Case> {
    let empty = || invalid("", "the file is empty").at(1, 0);
    let mut out = vec![
        csv("empty", "", empty()),
        csv("only-white-space", " \r\n\t\n", empty()),
        csv("utf16-le", [b"\xFF\xFE".as_slice(), &H.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat(), invalid("", "the file is UTF-16 text").at(1, 0)),
        csv("utf16-be", [b"\xFE\xFF".as_slice(), &H.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<_>>()].concat(), invalid("", "the file is UTF-16 text").at(1, 0)),
        csv("latin1-provider", [format!("{H}\n2026-01-10,60,individual,Luc").as_bytes(), b"\xEDa,,,no,\n"].concat(), invalid("", "is not UTF-8 text").at(2, 0)),
        csv("latin1-on-line-4", [format!("{H}\n{GOOD}\n{GOOD}\n2026-01-10,60,group,Ren").as_bytes(), b"\xE9,,,,\n"].concat(), invalid("", "is not UTF-8 text").at(4, 0)),
        csv("no-header", format!("{GOOD}\n"), invalid("date", "where \"date\" belongs (not a column of the hours CSV)").at(1, 1)),
        csv("header-upper-case", format!("{}\n{GOOD}\n", H.to_ascii_uppercase()), invalid("date", "the header has \"DATE\" where \"date\" belongs").at(1, 1)),
        csv("header-columns-swapped", format!("minutes,date,format,provider,credential,modality,about_rsc_provided,note\n{GOOD}\n"), invalid("date", "the columns are in another order").at(1, 1)),
        csv("header-without-note", format!("{}\n", H.trim_end_matches(",note")), invalid("note", "the header lacks \"note\"").at(1, 8)),
        csv("header-extra-column", format!("{H},hours\n{GOOD}\n"), invalid("", "the header has an extra column").at(1, 9)),
        csv("header-semicolons", format!("{}\n", H.replace(',', ";")), invalid("date", "not a column of the hours CSV").at(1, 1)),
        csv("header-with-spaces", format!("{}\n", H.replace(',', ", ")), invalid("minutes", "where \"minutes\" belongs (not a column of the hours CSV)").at(1, 2)),
        csv("header-after-blank-lines", format!("\n\n{}\n", H.replace("provider", "supervisor")), invalid("provider", "the header has \"supervisor\" where \"provider\" belongs").at(3, 4)),
        csv("a-tsv-file", format!("{}\n", H.replace(',', "\t")), invalid("date", "not a column of the hours CSV").at(1, 1)),
        csv("row-extra-column", third(&format!("{GOOD},extra")), at3("", 9, "an extra column")),
        csv("row-note-with-unquoted-comma", third("2026-01-10,60,group,Ben Ode,,,no,tired, late"), at3("", 9, "an extra column")),
        csv("row-seven-columns", third("2026-01-10,60,group,Ben Ode,,,no"), at3("note", 8, "missing: the row has 7 columns")),
        csv("row-one-column", third("2026-01-10"), at3("minutes", 2, "missing: the row has 1 column;")),
        csv("row-after-quoted-line-breaks", format!("{H}\n2026-01-10,60,group,Ben Ode,,,no,\"two\nline\nnote\"\n2026-01-11,0,group,Ben Ode,,,no,\n"), invalid("minutes", "must be more than 0").at(5, 2)),
        csv("row-after-crlf-and-blank-lines", format!("{H}\r\n\r\n{GOOD}\r\n\r\n\r\n2026-01-11,60,group,,,,no,\r\n"), invalid("provider", "is missing").at(6, 4)),
        csv("unclosed-quote-at-the-end", third("2026-01-10,60,group,\"Ben Ode,,,no,"), invalid("credential", "missing: the row has 4 columns").at(3, 5)),
    ];
    let dates = [
        (
            "date-empty",
            "",
            "\"\" is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-us-order",
            "01/10/2026",
            "\"01/10/2026\" is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-dotted",
            "10.01.2026",
            "is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-words",
            "May 16",
            "\"May 16\" is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-no-padding",
            "2026-1-10",
            "is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-with-time",
            "2026-01-10T10:00",
            "is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-february-30",
            "2026-02-30",
            "\"2026-02-30\" is not a real calendar date",
        ),
        (
            "date-february-29-not-leap",
            "2025-02-29",
            "is not a real calendar date",
        ),
        ("date-month-13", "2026-13-01", "is not a real calendar date"),
        ("date-day-zero", "2026-01-00", "is not a real calendar date"),
        (
            "date-negative-year",
            "-026-01-10",
            "is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-spreadsheet-serial",
            "46032",
            "is not a date in the form YYYY-MM-DD",
        ),
        (
            "date-full-width-digits",
            "２０２６-01-10",
            "is not a date in the form YYYY-MM-DD",
        ),
    ];
    for (what, cell, m) in dates {
        out.push(csv(what, third(&with_cell(0, cell)), at3("date", 1, m)));
    }
    let minutes = [
        ("minutes-empty", "", "is missing (whole minutes, e.g. 60)"),
        ("minutes-zero", "0", "0 minutes: must be more than 0"),
        (
            "minutes-negative",
            "-30",
            "-30 minutes: must be more than 0",
        ),
        (
            "minutes-1441",
            "1441",
            "1441 minutes is more than 1440 (24 h); is it a typing mistake?",
        ),
        (
            "minutes-fraction",
            "1.5",
            "\"1.5\" is not a whole number of minutes",
        ),
        (
            "minutes-hours",
            "1:30",
            "\"1:30\" is not a whole number of minutes",
        ),
        (
            "minutes-with-unit",
            "60 min",
            "\"60 min\" is not a whole number of minutes",
        ),
        (
            "minutes-thousands-separator",
            "\"1,000\"",
            "\"1,000\" is not a whole number of minutes",
        ),
        (
            "minutes-exponent",
            "6e1",
            "\"6e1\" is not a whole number of minutes",
        ),
        (
            "minutes-huge",
            "99999999999999999999999",
            "is far more than 1440 minutes",
        ),
        (
            "minutes-huge-negative",
            "-99999999999999999999999",
            "is far more than 1440 minutes",
        ),
        (
            "minutes-i64-max",
            "9223372036854775807",
            "9223372036854775807 minutes is more than 1440",
        ),
        (
            "minutes-plus-sign-huge",
            "+1441",
            "1441 minutes is more than 1440",
        ),
        (
            "minutes-hex",
            "0x3c",
            "\"0x3c\" is not a whole number of minutes",
        ),
    ];
    for (what, cell, m) in minutes {
        out.push(csv(what, third(&with_cell(1, cell)), at3("minutes", 2, m)));
    }
    for (what, cell) in [
        ("format-empty", ""),
        ("format-one-to-one", "one-to-one"),
        ("format-both", "individual/group"),
        ("format-typo", "indvidual"),
    ] {
        out.push(csv(
            what,
            third(&with_cell(2, cell)),
            at3("format", 3, "is not individual or group"),
        ));
    }
    out.push(csv(
        "provider-empty",
        third(&with_cell(3, "")),
        at3("provider", 4, "is missing"),
    ));
    out.push(csv(
        "provider-only-spaces",
        third(&with_cell(3, "   ")),
        at3("provider", 4, "is missing"),
    ));
    out.push(csv(
        "provider-201-characters",
        third(&with_cell(3, &"é".repeat(201))),
        at3("provider", 4, "at most 200 characters"),
    ));
    for (what, cell) in [
        ("credential-with-underscore", "IMHM_C"),
        ("credential-accented", "IMHMé"),
        (
            "credential-33-characters",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456",
        ),
        ("credential-formula", "=HYPERLINK(\"x\")"),
        ("credential-with-semicolon", "IMHM;C"),
    ] {
        let cell = if cell.contains('"') {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_owned()
        };
        out.push(csv(
            what,
            third(&with_cell(4, &cell)),
            at3(
                "credential",
                5,
                "is not a credential category such as IMHM-C",
            ),
        ));
    }
    for (what, cell) in [
        ("modality-video", "video"),
        ("modality-in-person-underscore", "in_person"),
        ("modality-telephone", "telephone"),
    ] {
        out.push(csv(
            what,
            third(&with_cell(5, cell)),
            at3("modality", 6, "is not in-person, virtual or phone"),
        ));
    }
    for (what, cell) in [
        ("flag-maybe", "maybe"),
        ("flag-ja", "ja"),
        ("flag-two", "2"),
        ("flag-x", "x"),
    ] {
        out.push(csv(
            what,
            third(&with_cell(6, cell)),
            at3("about_rsc_provided", 7, "is not yes or no"),
        ));
    }
    out.push(csv(
        "note-2001-characters",
        third(&with_cell(7, &"n".repeat(2001))),
        at3("note", 8, "at most 2000 characters"),
    ));
    out.push(csv(
        "note-2001-with-spaces-around",
        third(&with_cell(7, &format!("\" {} \"", "ñ".repeat(2001)))),
        at3("note", 8, "at most 2000 characters"),
    ));
    out.push(csv(
        "bad-row-after-many-good",
        format!(
            "{H}\n{}2026-01-10,60,group,Ben,,,no,note\n2026-02-30,60,group,Ben,,,no,\n",
            format!("{GOOD}\n").repeat(40)
        ),
        invalid("date", "is not a real calendar date").at(43, 1),
    ));
    // Refused since issue 14: dates before 1900 or more than a year ahead, control
    // characters in any cell.
    out.push(csv(
        "year-1899",
        third(&with_cell(0, "1899-12-31")),
        at3("date", 1, "1900"),
    ));
    out.push(csv(
        "year-2999",
        third(&with_cell(0, "2999-01-10")),
        at3("date", 1, "a year"),
    ));
    out.push(csv(
        "escape-sequence-in-provider",
        third(&with_cell(3, "Lucía \u{1b}[2JPérez")),
        at3("provider", 4, "U+001B"),
    ));
    out.push(csv(
        "bell-in-note",
        third(&with_cell(7, "first\u{7}")),
        at3("note", 8, "U+0007"),
    ));
    out.push(csv(
        "c1-control-in-credential",
        third(&with_cell(4, "IMHM-C\u{9b}")),
        at3("credential", 5, "is not a credential category"),
    ));
    // Since issue 16: the columns facilitated and age_focus (files without them still
    // import; files with them are checked).
    let h10 = format!("{H},facilitated,age_focus");
    let good10 = "2026-01-10,60,group,Ben Ode,IMHM-C,,no,,yes,0-3";
    let third10 = |row: &str| format!("{h10}\n{good10}\n{row}\n");
    out.push(csv(
        "header-facilitated-without-age-focus",
        format!("{H},facilitated\n"),
        invalid("age_focus", "the header lacks \"age_focus\"").at(1, 10),
    ));
    out.push(csv(
        "facilitated-individual",
        third10("2026-01-10,60,individual,Ben Ode,IMHM-C,,no,,yes,"),
        at3("facilitated", 9, "only a group is facilitated"),
    ));
    out.push(csv(
        "facilitated-maybe",
        third10("2026-01-10,60,group,Ben Ode,IMHM-C,,no,,maybe,"),
        at3("facilitated", 9, "is not yes or no"),
    ));
    out.push(csv(
        "age-focus-words",
        third10("2026-01-10,60,group,Ben Ode,IMHM-C,,no,,yes,infant"),
        at3("age_focus", 10, "is not 0-3 or 3-6"),
    ));
    out.push(csv(
        "row-eight-columns-under-ten",
        third10("2026-01-10,60,group,Ben Ode,IMHM-C,,no,"),
        at3("facilitated", 9, "missing: the row has 8 columns"),
    ));
    out
}
