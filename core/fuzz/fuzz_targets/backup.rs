//! A backup file (`*.attune-backup`), which may have been changed or cut anywhere: read and
//! checked. Whatever it holds, reading it never panics, and a file that reads whole has an
//! image matching its manifest's digest.
#![no_main]

use attune_core::backup::{decode, image_digest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((manifest, image)) = decode(data) {
        assert_eq!(manifest.image_sha256, image_digest(image));
    }
});
