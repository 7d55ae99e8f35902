//! The pre-check of a share bundle's age header (`age_header::check`), which runs on every
//! received bundle before the age library reads a byte: it must never panic, must stop
//! within its size bound, and what it accepts must fit in that bound.
#![no_main]

use attune_core::share::age_header::{check, MAX_AGE_HEADER_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = check(data) {
        assert!(file.header_len() <= MAX_AGE_HEADER_BYTES);
        assert!(file.header_len() <= data.len());
        assert_eq!(data[file.header_len() - 1], b'\n');
    }
});
