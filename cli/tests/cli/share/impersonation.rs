//! Contacts that try to pass for someone else, through the real binary (issue 14, M2 and
//! L7): a card named as another contact's fingerprint, names with hidden characters, and
//! fingerprint references too short to name one person.

use attune_core::share::{ContactCard, Identity};
use attune_core::Role;

use super::*;

/// A card for a fixed test identity, signed under `name` whatever it is (as a hostile
/// Attune could), written beside `p`'s vault.
fn hostile_card(p: &Person, name: &str) -> String {
    let id = Identity::from_test_seed(7).unwrap();
    let card = ContactCard::signed_with_any_name_for_tests(&id, name, Role::Supervisor).unwrap();
    let path = p.file("hostile.attune-card");
    std::fs::write(&path, card.to_text()).unwrap();
    path
}

#[test]
fn a_card_named_as_a_contacts_fingerprint_cannot_take_their_place() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    let s_fp = s.fingerprint();
    for name in [s_fp.as_str(), &s_fp[..9]] {
        let card = hostile_card(&p, name);
        p.fails(&["contact", "add", &card], "looks like a fingerprint");
        std::fs::remove_file(&card).unwrap();
    }
    // The fingerprint, as read aloud, still names Lucía and only her.
    let verified = p.ok(&["contact", "verify", &s_fp]);
    assert!(verified.contains("Lucía Pérez is verified"), "{verified}");
    let list = p.ok_json(&["contact", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn names_with_hidden_characters_are_refused_for_cards_and_vaults() {
    let p = Person::new("Robin Hale", "practitioner");
    for name in ["Lucía\u{202E}zeréP", "Lucía\u{200B}Pérez"] {
        let card = hostile_card(&p, name);
        p.fails(&["contact", "add", &card], "card name");
        std::fs::remove_file(&card).unwrap();
        p.fails(&["identity", "set-name", name], "U+");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let args = [
        "init",
        "--name",
        "Ana\u{2066}Ruiz",
        "--vault",
        dir.to_str().unwrap(),
        "--passphrase-stdin",
    ];
    assert_one_error(&args, &attune(&args, &format!("{PASS}\n"), None), "name");
    assert!(!dir.exists(), "nothing is created");
}

#[test]
fn seven_fingerprint_characters_name_nobody_and_verify_shows_the_signers_fingerprint() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    let s_fp = s.fingerprint();
    // "ABCD EFG": seven characters once the space is gone.
    p.fails(&["contact", "verify", &s_fp[..8]], "at least 8");
    let ok = p.ok(&["contact", "verify", &s_fp[..9]]);
    assert!(ok.contains("is verified"), "{ok}");
    let list = p.ok(&["contact", "list"]);
    assert!(list.contains(&s_fp), "{list}");
}

#[test]
fn a_verified_contact_renamed_is_verified_no_more() {
    let p = Person::new("Robin Hale", "practitioner");
    let s = Person::new("Lucía Pérez", "supervisor");
    p.ok(&["contact", "add", &s.card_file()]);
    p.ok(&["contact", "verify", "Lucía Pérez"]);
    s.ok(&["identity", "set-name", "Lucía Gómez"]);
    let card = s.card_file();
    let again = p.ok(&["contact", "add", &card]);
    assert!(
        again.contains("no longer verified: the name changed from Lucía Pérez"),
        "{again}"
    );
    let list = p.ok_json(&["contact", "list", "--json"]);
    assert_eq!(list[0]["verified"], false);
    assert_eq!(list[0]["renamed_from"], "Lucía Pérez");
    let text = p.ok(&["contact", "list"]);
    assert!(
        text.contains("NOT verified (name changed from Lucía Pérez)"),
        "{text}"
    );
}
