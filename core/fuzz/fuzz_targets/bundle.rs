//! The share-bundle parser: the age layer (with a fixed test identity, through the header
//! pre-check, so that only inputs shaped like Attune's reach the age library) and,
//! separately, everything after decryption (envelope, manifest JSON, sender card,
//! signature, content checks), which the age layer would otherwise keep the fuzzer from
//! reaching.
#![no_main]

use std::sync::LazyLock;

use attune_core::share::bundle::open_inner;
use attune_core::share::{Fingerprint, Identity, Receiver};
use libfuzzer_sys::fuzz_target;

static ME: LazyLock<Identity> = LazyLock::new(|| {
    Identity::from_test_seed(1).unwrap_or_else(|e| panic!("test identity: {e}"))
});
static RECEIVER: LazyLock<Receiver> = LazyLock::new(|| Receiver::of(&ME));
static FINGERPRINT: LazyLock<Fingerprint> =
    LazyLock::new(|| Fingerprint::of(&ME.signing_public_key(), &ME.age_recipient()));

fuzz_target!(|data: &[u8]| {
    let _ = open_inner(*FINGERPRINT, data);
    let _ = RECEIVER.open_bundle(data);
});
