//! The contact-card parser (text pasted from anywhere), and the JSON form cards take
//! inside manifests and attestations.
#![no_main]

use attune_core::share::ContactCard;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(card) = ContactCard::parse(data) {
        // A card that parses prints as text that parses back to the same card.
        let again = ContactCard::parse(card.to_text().as_bytes());
        assert_eq!(again.ok().as_ref(), Some(&card));
    }
    let _ = serde_json_from(data);
});

fn serde_json_from(data: &[u8]) -> Option<ContactCard> {
    attune_core::share::card::parse_json(data)
}
