//! The share-bundle parser: the age layer (with a fixed test identity) and, separately,
//! everything after decryption (envelope, manifest JSON, sender card, signature, content
//! checks), which the age layer would otherwise keep the fuzzer from reaching.
#![no_main]

use std::sync::LazyLock;

use attune_core::share::bundle::{open, open_inner};
use attune_core::share::{Fingerprint, Identity};
use libfuzzer_sys::fuzz_target;

static ME: LazyLock<Identity> = LazyLock::new(|| {
    Identity::from_test_seed(1).unwrap_or_else(|e| panic!("test identity: {e}"))
});

fuzz_target!(|data: &[u8]| {
    let me = Fingerprint::of(&ME.signing_public_key(), &ME.age_recipient());
    let _ = open_inner(me, data);
    let _ = open(&ME, me, data);
});
