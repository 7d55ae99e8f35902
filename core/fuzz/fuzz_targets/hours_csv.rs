//! The hours CSV import (a file from a spreadsheet or another app): parsed and validated
//! whole. A file that parses writes back as CSV that parses to the same sessions (the export
//! and the import agree, formula quoting included).
#![no_main]

use attune_core::hours::{parse_csv, write_csv};
use attune_core::SupervisionSession;
use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let Ok(parsed) = parse_csv(data, today) else {
        return;
    };
    let at = Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
    let sessions: Vec<SupervisionSession> = parsed
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| SupervisionSession {
            id: format!("{i:032x}"),
            content: row.session.clone(),
            created_at: at,
            updated_at: at,
        })
        .collect();
    let written = write_csv(&sessions).expect("sessions that parsed write out");
    let again = parse_csv(&written, today).expect("what was written parses");
    let before: Vec<_> = parsed.rows.iter().map(|r| &r.session).collect();
    let after: Vec<_> = again.rows.iter().map(|r| &r.session).collect();
    assert_eq!(before, after);
});
