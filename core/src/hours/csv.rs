//! The hours CSV of the command-line contract, for import and export:
//! `date,minutes,format,provider,credential,modality,about_rsc_provided,note,facilitated,age_focus`.
//! Files written before the last two columns existed (the first 8 only) still import: their
//! groups are read as facilitated when they name a credential, as they counted then.
//!
//! Import is strict and all-or-nothing: the first problem stops it, named by line and
//! column. It accepts what spreadsheets write: a UTF-8 byte-order mark, CRLF line ends,
//! quoted fields with commas, quotes and line breaks. Export writes RFC 4180 (CRLF, quotes
//! only where needed) with no byte-order mark, so that it re-imports unchanged.

use chrono::NaiveDate;

use super::model::{
    normalize_credential, parse_minutes, shorten, AgeFocus, Modality, SessionDraft, SessionFormat,
    SupervisionSession, Warning, MAX_SESSION_MINUTES,
};
use crate::error::{Error, Place, Result};
use crate::journal::parse_date;

/// The header, exactly; also the column order of every row.
pub const CSV_HEADER: [&str; 10] = [
    "date",
    "minutes",
    "format",
    "provider",
    "credential",
    "modality",
    "about_rsc_provided",
    "note",
    "facilitated",
    "age_focus",
];

/// The columns of files written before `facilitated` and `age_focus`: the first 8.
const OLD_COLUMNS: usize = 8;

/// One data row of an import, with the line it starts on (1-based; the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The line the row starts on.
    pub line: u64,
    /// The session it describes, validated.
    pub session: SessionDraft,
}

/// A whole import file, parsed and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCsv {
    /// Every data row, in file order.
    pub rows: Vec<CsvRow>,
    /// Accepted oddities (dates in the future), by line and column.
    pub warnings: Vec<Warning>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Largest hours CSV read for import, in bytes: some hundred thousand sessions.
pub const MAX_CSV_BYTES: usize = 32 * 1024 * 1024;

fn header_text() -> String {
    CSV_HEADER.join(",")
}

/// The name of a column (from 0), or "" past the last.
fn column_name(column: usize) -> &'static str {
    CSV_HEADER.get(column).copied().unwrap_or("")
}

/// Where a cell is (`column` from 0).
fn cell_at(line: u64, column: usize) -> Place {
    Place::cell(line, column as u64 + 1)
}

/// A problem with one cell (`column` from 0).
fn invalid_cell(line: u64, column: usize, message: impl Into<String>) -> Error {
    Error::invalid_at(cell_at(line, column), column_name(column), message)
}

/// Re-labels a field error with the cell it came from.
fn in_cell(line: u64, column: usize) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::InvalidInput { message, .. } => invalid_cell(line, column, message),
        e => e,
    }
}

fn parse_flag(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Some(false),
        "yes" | "y" | "true" | "1" => Some(true),
        _ => None,
    }
}

/// Physical line numbers (as a text editor shows them) of record starts; the csv crate
/// counts records, which differs when a quoted field holds a line break.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, pos: Option<&csv::Position>) -> u64 {
        let Some(pos) = pos else { return self.line };
        let mut to =
            usize::try_from(pos.byte()).map_or(self.bytes.len(), |b| b.min(self.bytes.len()));
        // A record's position may point at the line end before it (the `\n` of a CRLF,
        // skipped blank lines): the record starts after them.
        while self
            .bytes
            .get(to)
            .is_some_and(|b| matches!(b, b'\n' | b'\r'))
        {
            to += 1;
        }
        if to > self.counted_to {
            let newlines = self.bytes[self.counted_to..to]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.counted_to = to;
        }
        self.line
    }
}

fn csv_error(e: &csv::Error, lines: &mut Lines<'_>) -> Error {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => Error::invalid_at(
            Place::line(lines.at(pos.as_ref())),
            "",
            "is not UTF-8 text; save the file as \"CSV UTF-8\"",
        ),
        _ => Error::invalid("file", format!("could not be read as CSV: {e}")),
    }
}

/// The first characters with which a spreadsheet would take a cell for a formula (or, for
/// tab and carriage return, be led to): `= + - @ TAB CR`.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text cell must carry a `'` on export: it starts a formula once any quotes it
/// already starts with are set aside. Counting those quotes makes the quoting reversible:
/// `'=x` (a note that really starts so) is written `''=x` and read back as `'=x`.
fn needs_formula_quote(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell as written: with one `'` in front if it would start a formula (CSV
/// injection), so that a spreadsheet shows it as text. Numbers and dates are never quoted.
pub(crate) fn quote_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_formula_quote(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A text cell as read: the `'` that [`quote_formula`] put in front taken off again.
fn unquote_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_formula_quote(rest) => rest,
        _ => text,
    }
}

/// Parses and validates an hours CSV. `today` only decides which dates to warn about.
pub fn parse_csv(bytes: &[u8], today: NaiveDate) -> Result<ParsedCsv> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::invalid_at(
            Place::line(1),
            "",
            "the file is UTF-16 text; save it as \"CSV UTF-8\"",
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid_at(
            Place::line(1),
            "",
            format!("the file is empty; expected the header {}", header_text()),
        ));
    }
    let mut lines = Lines {
        bytes,
        counted_to: 0,
        line: 1,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(r) => r.map_err(|e| csv_error(&e, &mut lines))?,
        None => {
            return Err(Error::invalid_at(
                Place::line(1),
                "",
                format!("the file is empty; expected the header {}", header_text()),
            ))
        }
    };
    let header_line = lines.at(header.position());
    // An old file has the first 8 columns; anything else after them must be the new ones.
    let columns = if header.len() <= OLD_COLUMNS
        || header.get(OLD_COLUMNS) != Some(CSV_HEADER[OLD_COLUMNS])
    {
        OLD_COLUMNS
    } else {
        CSV_HEADER.len()
    };
    for (i, want) in CSV_HEADER.iter().enumerate().take(columns) {
        match header.get(i) {
            Some(got) if got == *want => {}
            Some(got) => {
                let hint = if CSV_HEADER.contains(&got) {
                    "the columns are in another order"
                } else {
                    "not a column of the hours CSV"
                };
                return Err(invalid_cell(
                    header_line,
                    i,
                    format!(
                        "the header has {:?} where {want:?} belongs ({hint}); the header must be exactly {}",
                        shorten(got),
                        header_text()
                    ),
                ));
            }
            None => {
                return Err(invalid_cell(
                    header_line,
                    i,
                    format!(
                        "the header lacks {want:?}; it must be exactly {}",
                        header_text()
                    ),
                ))
            }
        }
    }
    if header.len() > columns {
        return Err(Error::invalid_at(
            cell_at(header_line, columns),
            "",
            format!(
                "the header has an extra column; it must be exactly {}",
                header_text()
            ),
        ));
    }

    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e, &mut lines))?;
        let line = lines.at(record.position());
        if record.len() > columns {
            return Err(Error::invalid_at(
                cell_at(line, columns),
                "",
                format!(
                    "an extra column: each row has {columns} columns ({}); put commas inside a note in double quotes",
                    CSV_HEADER[..columns].join(",")
                ),
            ));
        }
        if record.len() < columns {
            return Err(invalid_cell(
                line,
                record.len(),
                format!(
                    "missing: the row has {} column{}; each row has {columns} ({})",
                    record.len(),
                    if record.len() == 1 { "" } else { "s" },
                    CSV_HEADER[..columns].join(",")
                ),
            ));
        }
        let cell = |i: usize| record.get(i).unwrap_or("");
        let date = parse_date("date", cell(0)).map_err(in_cell(line, 0))?;
        let minutes =
            parse_minutes("minutes", cell(1), MAX_SESSION_MINUTES).map_err(in_cell(line, 1))?;
        let format = SessionFormat::parse("format", cell(2)).map_err(in_cell(line, 2))?;
        // Text cells: the quote that keeps a spreadsheet from running them comes off.
        let text = |i: usize| unquote_formula(cell(i));
        let credential = normalize_credential("credential", text(4)).map_err(in_cell(line, 4))?;
        let modality = match cell(5).trim() {
            "" => None,
            m => Some(Modality::parse("modality", m).map_err(in_cell(line, 5))?),
        };
        let about_rsc_provided = parse_flag(cell(6)).ok_or_else(|| {
            invalid_cell(line, 6, format!("{:?} is not yes or no", shorten(cell(6))))
        })?;
        let facilitated = match parse_flag(cell(8)) {
            _ if cell(8).trim().is_empty() => None,
            Some(true) if format == SessionFormat::Individual => return Err(invalid_cell(
                line,
                8,
                "yes, but the session is individual: only a group is facilitated (leave it empty)",
            )),
            Some(f) if format == SessionFormat::Group => Some(f),
            Some(_) => None,
            None => {
                return Err(invalid_cell(
                    line,
                    8,
                    format!("{:?} is not yes or no", shorten(cell(8))),
                ))
            }
        };
        let age_focus = match cell(9).trim() {
            "" => None,
            f => Some(AgeFocus::parse("age_focus", f).map_err(in_cell(line, 9))?),
        };
        let session = SessionDraft {
            date,
            minutes,
            format,
            modality,
            provider: text(3).to_owned(),
            credential,
            facilitated,
            age_focus,
            about_rsc_provided,
            note: text(7).to_owned(),
            reflections: Vec::new(),
        }
        .validated()
        .map_err(|e| match e {
            Error::InvalidInput { field, message, .. } => {
                let column = CSV_HEADER.iter().position(|c| *c == field).unwrap_or(0);
                invalid_cell(line, column, message)
            }
            e => e,
        })?;
        for w in session.warnings(today) {
            let column = CSV_HEADER.iter().position(|c| *c == w.field).unwrap_or(0);
            warnings.push(Warning {
                field: column_name(column).to_owned(),
                message: w.message,
                place: Some(cell_at(line, column)),
            });
        }
        rows.push(CsvRow { line, session });
    }
    Ok(ParsedCsv { rows, warnings })
}

/// Writes sessions as an hours CSV (header first), in the order given. A text cell that
/// would start a formula in a spreadsheet gets a `'` in front (see `docs/formats/hours-exports.md`).
pub fn write_csv<'a>(
    sessions: impl IntoIterator<Item = &'a SupervisionSession>,
) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let io = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    w.write_record(CSV_HEADER).map_err(io)?;
    for s in sessions {
        let c = &s.content;
        let minutes = c.minutes.to_string();
        let date = c.date.format("%Y-%m-%d").to_string();
        w.write_record([
            date.as_str(),
            minutes.as_str(),
            c.format.as_str(),
            &quote_formula(&c.provider),
            &quote_formula(c.credential.as_deref().unwrap_or("")),
            c.modality.map_or("", Modality::as_str),
            if c.about_rsc_provided { "yes" } else { "no" },
            &quote_formula(&c.note),
            // Not recorded stays empty, so that the file re-imports to the same session.
            match (c.format, c.facilitated) {
                (SessionFormat::Group, Some(true)) => "yes",
                (SessionFormat::Group, Some(false)) => "no",
                _ => "",
            },
            c.age_focus.map_or("", AgeFocus::as_str),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    /// Where the error is, as data: `line 3, column 2 (minutes)` is place and field.
    fn field_of(text: &[u8]) -> String {
        match parse_csv(text, today()) {
            Err(Error::InvalidInput {
                field,
                place: Some(place),
                ..
            }) if field.is_empty() => place.to_string(),
            Err(Error::InvalidInput {
                field,
                place: Some(place),
                ..
            }) => format!("{place} ({field})"),
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(text)),
        }
    }

    #[test]
    fn good_rows_parse() {
        let text = format!(
            "{H}2026-03-02,60,individual,Lucía Pérez,IMHM-C,virtual,yes,\"first, with a \"\"quote\"\"\"\n\
             2026-03-09,90,group,Ana Ruiz,,,no,\n"
        );
        let p = parse_csv(text.as_bytes(), today()).unwrap();
        assert_eq!(p.rows.len(), 2);
        let a = &p.rows[0];
        assert_eq!(a.line, 2);
        assert_eq!(a.session.provider, "Lucía Pérez");
        assert_eq!(a.session.note, "first, with a \"quote\"");
        assert!(a.session.about_rsc_provided);
        assert_eq!(a.session.modality, Some(Modality::Virtual));
        let b = &p.rows[1];
        assert_eq!(b.line, 3);
        assert_eq!(b.session.credential, None);
        assert_eq!(b.session.modality, None);
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn bom_crlf_and_line_breaks_in_quotes() {
        let text =
            "\u{feff}date,minutes,format,provider,credential,modality,about_rsc_provided,note\r\n\
                    2026-03-02,60,individual,A,IMHS,phone,no,\"two\r\nlines\"\r\n\
                    2026-03-03,30,group,B,IMHS,,no,x\r\n";
        let p = parse_csv(text.as_bytes(), today()).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].session.note, "two\r\nlines");
        assert_eq!(
            p.rows[1].line, 4,
            "line numbers count the line break inside quotes"
        );
    }

    #[test]
    fn future_dates_warn_by_line() {
        let text =
            format!("{H}2026-03-02,60,individual,A,,,no,\n2027-01-01,60,individual,A,,,no,\n");
        let p = parse_csv(text.as_bytes(), today()).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].field, "date");
        assert_eq!(p.warnings[0].place, Some(Place::cell(3, 1)));
        assert_eq!(
            p.warnings[0].to_string(),
            format!("line 3, column 1 (date): {}", p.warnings[0].message)
        );
    }

    #[test]
    fn bad_files_name_line_and_column() {
        let row =
            |r: &str| format!("{H}2026-03-02,60,individual,A,IMHS,,no,ok\n{r}\n").into_bytes();
        let mut cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "line 1"),
            (b"  \n\n".to_vec(), "line 1"),
            (b"\xEF\xBB\xBF".to_vec(), "line 1"),
            (b"\xFF\xFEd\x00".to_vec(), "line 1"),
            (
                b"date,minutes,format\n".to_vec(),
                "line 1, column 4 (provider)",
            ),
            (
                b"date,format,minutes,provider,credential,modality,about_rsc_provided,note\n"
                    .to_vec(),
                "line 1, column 2 (minutes)",
            ),
            (
                b"date,minutes,format,provider,credential,modality,about_rsc_provided,note,extra\n"
                    .to_vec(),
                "line 1, column 9",
            ),
            (
                b"2026-03-02,60,individual,A,IMHS,,no,ok\n".to_vec(),
                "line 1, column 1 (date)",
            ),
            (
                row("03/02/2026,60,individual,A,IMHS,,no,"),
                "line 3, column 1 (date)",
            ),
            (
                row("2026-02-30,60,individual,A,IMHS,,no,"),
                "line 3, column 1 (date)",
            ),
            (
                row("2026-03-02,0,individual,A,IMHS,,no,"),
                "line 3, column 2 (minutes)",
            ),
            (
                row("2026-03-02,-30,individual,A,IMHS,,no,"),
                "line 3, column 2 (minutes)",
            ),
            (
                row("2026-03-02,1.5,individual,A,IMHS,,no,"),
                "line 3, column 2 (minutes)",
            ),
            (
                row("2026-03-02,100000,individual,A,IMHS,,no,"),
                "line 3, column 2 (minutes)",
            ),
            (
                row("2026-03-02,,individual,A,IMHS,,no,"),
                "line 3, column 2 (minutes)",
            ),
            (
                row("2026-03-02,60,peer,A,IMHS,,no,"),
                "line 3, column 3 (format)",
            ),
            (
                row("2026-03-02,60,group,,IMHS,,no,"),
                "line 3, column 4 (provider)",
            ),
            (
                row("2026-03-02,60,group,A,IMHS!,,no,"),
                "line 3, column 5 (credential)",
            ),
            (
                row("2026-03-02,60,group,A,IMHS,zoom,no,"),
                "line 3, column 6 (modality)",
            ),
            (
                row("2026-03-02,60,group,A,IMHS,,maybe,"),
                "line 3, column 7 (about_rsc_provided)",
            ),
            (
                row("2026-03-02,60,group,A,IMHS,,no,a,b"),
                "line 3, column 9",
            ),
            (
                row("2026-03-02,60,group,A,IMHS"),
                "line 3, column 6 (modality)",
            ),
        ];
        let mut not_utf8 = row("2026-03-02,60,group,A,IMHS,,no,x");
        let n = not_utf8.len();
        not_utf8[n - 2] = 0xff;
        cases.push((not_utf8, "line 3"));
        for (text, want) in cases {
            assert_eq!(
                field_of(&text),
                want,
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    #[test]
    fn header_only_is_no_sessions() {
        assert!(parse_csv(H.as_bytes(), today()).unwrap().rows.is_empty());
    }
}
