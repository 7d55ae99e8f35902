//! The attestation parser and checker (`attune verify`): layout, payload JSON, the
//! supervisor's card, the signature, the content rules.
#![no_main]

use attune_core::share::Attestation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Attestation::verify(data);
});
