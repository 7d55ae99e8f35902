//! The files of other journals an import reads (jrnl, Day One, Standard Notes, a Markdown
//! file, Attune's own JSON): the first byte picks the reader, the rest is the file. Reading
//! never panics, and every entry read is a reflection that checks as a new one would.
#![no_main]

use attune_core::import::{attune_json, jrnl, markdown_file, read_day_one, read_standard_notes};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let items = match which % 5 {
        0 => jrnl(file, today).map(|i| i.items),
        1 => read_day_one(file, today).map(|i| i.items),
        2 => read_standard_notes(file, today).map(|i| i.items),
        3 => attune_json(file, today).map(|i| i.items),
        _ => match std::str::from_utf8(file) {
            Ok(text) => markdown_file("2024-05-01 fuzz.md", text, today).map(|i| vec![i]),
            Err(_) => return,
        },
    };
    for item in items.into_iter().flatten() {
        item.draft.validated(today).expect("an entry read is a valid reflection");
    }
});
