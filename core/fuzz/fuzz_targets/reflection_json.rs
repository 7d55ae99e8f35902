//! A reflection as JSON (`attune entry add --json`, and what imports will hand over):
//! decoded and validated, never a panic.
#![no_main]

use attune_core::ReflectionDraft;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    if let Ok(draft) = ReflectionDraft::from_json(text, today) {
        // What was accepted is accepted again as it stands.
        let again = draft.clone().validated(today).expect("a valid draft stays valid");
        assert_eq!(again, draft);
    }
});
