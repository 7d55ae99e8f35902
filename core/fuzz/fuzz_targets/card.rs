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
    if let Ok(text) = std::str::from_utf8(data) {
        // The person-name rule, and how a kept name is shown, never panic.
        let _ = attune_core::person_name::person_name("name", text);
        let _ = attune_core::person_name::shown_name(text);
    }
});

fn serde_json_from(data: &[u8]) -> Option<ContactCard> {
    attune_core::share::card::parse_json(data)
}
