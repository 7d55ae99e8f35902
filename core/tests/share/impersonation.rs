//! Contacts that try to pass for someone else (issue 14, M2 and L7): a card named as
//! another contact's fingerprint, names with hidden or text-direction characters, a
//! verified contact coming back under a new name, too-short fingerprint references.

use attune_core::person_name::{person_name, NameError};
use attune_core::share::ContactRef;
use attune_core::views::{contacts, shared_with_me, ContactOrder};
use attune_core::Error;

use super::*;

/// The field of an invalid-input error, and its message.
fn invalid(e: Error) -> (String, String) {
    let message = e.to_string();
    match e {
        Error::InvalidInput { field, .. } => (field, message),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// A card for `who`'s keys, signed under `name` whatever it is (as a hostile Attune could).
fn card_named(who: &mut Person, name: &str) -> ContactCard {
    let mut sharing = who.vault.sharing_mut();
    let identity = sharing.identity_for_interop_tests().unwrap();
    ContactCard::signed_with_any_name_for_tests(identity, name, Role::Supervisor).unwrap()
}

#[test]
fn a_card_named_as_a_contacts_fingerprint_is_refused_and_cannot_take_their_place() {
    let (mut p, mut s, rid) = pair();
    let lucia = s.vault.sharing_mut().my_fingerprint().unwrap();
    let mut mallory = person("Mallory", Role::Supervisor);
    for name in [lucia.to_string(), lucia.short(), lucia.to_hex()] {
        let card = card_named(&mut mallory, &name);
        let (field, message) = invalid(ContactCard::parse(card.to_text().as_bytes()).unwrap_err());
        assert_eq!(field, "card name");
        assert!(message.contains("looks like a fingerprint"), "{message}");
        // Even handed over already parsed, the card is not added.
        let (field, _) = invalid(p.vault.sharing_mut().add_contact(card).unwrap_err());
        assert_eq!(field, "card name");
    }
    assert_eq!(p.vault.sharing().contacts().len(), 1);
    // By fingerprint, exactly: the window's way, never compared with a name.
    let by_fp = ContactRef::Fingerprint(lucia.to_string());
    let found = p.vault.sharing().resolve_contact(&by_fp).unwrap();
    assert_eq!(found.card.fingerprint(), lucia);
    assert!(p
        .vault
        .sharing()
        .resolve_contact(ContactRef::Fingerprint(lucia.short()))
        .is_err());
    let (bundle, out) = p
        .vault
        .sharing_mut()
        .create_share(&ShareRequest {
            to: by_fp,
            entries: vec![ShareEntry {
                id: rid,
                sections: vec![],
            }],
            hours: None,
        })
        .unwrap();
    assert_eq!(out.short_fingerprint, lucia.short());
    assert!(matches!(
        s.vault.sharing_mut().receive(&bundle).unwrap(),
        Received::Bundle { .. }
    ));
}

#[test]
fn hidden_and_text_direction_characters_are_refused_in_names() {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut mallory = person("Mallory", Role::Supervisor);
    for name in [
        "Lucía\u{202E}zeréP",
        "Lucía\u{2067}Pérez\u{2069}",
        "Lucía\u{200B}Pérez",
        "Lucía\u{00AD}Pérez",
        "Lucía\u{FEFF}Pérez",
    ] {
        let card = card_named(&mut mallory, name);
        let (field, _) = invalid(ContactCard::parse(card.to_text().as_bytes()).unwrap_err());
        assert_eq!(field, "card name");
        assert!(p.vault.sharing_mut().add_contact(card).is_err());
        // The vault owner's name goes by the same rule (the shells check it before
        // init and set-name), and so does a card made from it.
        let e = person_name("name", name).unwrap_err();
        assert!(
            matches!(
                e,
                NameError::DirectionControl { field: "name", .. }
                    | NameError::Invisible { field: "name", .. }
            ),
            "{e:?}"
        );
        let mut sharing = mallory.vault.sharing_mut();
        let identity = sharing.identity_for_interop_tests().unwrap();
        let (field, _) =
            invalid(ContactCard::create(identity, name, Role::Supervisor).unwrap_err());
        assert_eq!(field, "name");
    }
    assert!(p.vault.sharing().contacts().is_empty());
}

#[test]
fn a_verified_contact_under_a_new_name_is_verified_no_more() {
    let (mut p, mut s, rid) = pair();
    s.vault.set_name("Lucía Gómez").unwrap();
    let added = p.vault.sharing_mut().add_contact(s.card()).unwrap();
    assert!(!added.new);
    assert!(!added.contact.verified);
    assert_eq!(added.contact.renamed_from.as_deref(), Some("Lucía Pérez"));
    let p = p.relock();
    let mut p = p;
    let shown = contacts(&p.vault, ContactOrder::Added);
    assert_eq!(shown[0].name, "Lucía Gómez");
    assert_eq!(shown[0].renamed_from.as_deref(), Some("Lucía Pérez"));
    assert!(!shown[0].verified);
    let fp = ContactRef::Fingerprint(shown[0].fingerprint.clone());
    let req = ShareRequest {
        to: fp.clone(),
        entries: vec![ShareEntry {
            id: rid.clone(),
            sections: vec![],
        }],
        hours: None,
    };
    let (_, message) = invalid(p.vault.sharing_mut().create_share(&req).unwrap_err());
    assert!(
        message.contains("name changed from Lucía Pérez"),
        "{message}"
    );
    // Renamed twice before verifying: still says the name it was verified under.
    s.vault.set_name("Lucía G.").unwrap();
    let again = p.vault.sharing_mut().add_contact(s.card()).unwrap();
    assert_eq!(again.contact.renamed_from.as_deref(), Some("Lucía Pérez"));
    let c = p.vault.sharing_mut().verify_contact(fp).unwrap();
    assert!(c.verified && c.renamed_from.is_none());
    assert!(p.vault.sharing_mut().create_share(&req).is_ok());
}

#[test]
fn a_bundle_signed_under_a_new_name_drops_the_verification() {
    let (mut p, mut s, _) = pair();
    // The supervisor comments back under a new name: the bundle is theirs (same keys) and
    // is received, but the name they were verified under is remembered.
    let robin =
        ContactRef::Fingerprint(p.vault.sharing_mut().my_fingerprint().unwrap().to_string());
    s.vault.set_name("Lucía Gómez").unwrap();
    let r = p.vault.journal_mut().add(draft("Nap", "text")).unwrap();
    let (bundle, _) = p
        .vault
        .sharing_mut()
        .create_share(&ShareRequest {
            to: "Lucía Pérez".into(),
            entries: vec![ShareEntry {
                id: r.id,
                sections: vec![],
            }],
            hours: None,
        })
        .unwrap();
    s.vault.sharing_mut().receive(&bundle).unwrap();
    let shared = s.vault.sharing().shared_reflections()[0].id.clone();
    s.vault
        .sharing_mut()
        .add_comment(&shared, "Well seen.")
        .unwrap();
    let (reply, _) = s.vault.sharing_mut().create_reply(robin, false).unwrap();
    p.vault.sharing_mut().receive(&reply).unwrap();
    let people = contacts(&p.vault, ContactOrder::Added);
    assert_eq!(people[0].name, "Lucía Gómez");
    assert_eq!(people[0].renamed_from.as_deref(), Some("Lucía Pérez"));
    assert!(!people[0].verified);
    let _ = shared_with_me(&p.vault);
}

#[test]
fn typed_fingerprints_need_eight_characters_and_ambiguity_is_refused() {
    let (mut p, mut s, _) = pair();
    let fp = s.vault.sharing_mut().my_fingerprint().unwrap().to_string();
    // Seven characters (the space does not count): too few, said plainly.
    let (field, message) = invalid(p.vault.sharing_mut().verify_contact(&fp[..8]).unwrap_err());
    assert_eq!(field, "contact");
    assert!(message.contains("at least 8"), "{message}");
    assert!(p.vault.sharing_mut().verify_contact(&fp[..9]).is_ok());
    assert!(p.vault.sharing_mut().verify_contact("lucía pérez").is_ok());
    // Two contacts under one name: the name alone names neither.
    let mut other = person("Lucía Pérez", Role::Supervisor);
    p.vault.sharing_mut().add_contact(other.card()).unwrap();
    assert!(matches!(
        p.vault.sharing_mut().verify_contact("Lucía Pérez"),
        Err(Error::AmbiguousId {
            kind: "contact",
            ..
        })
    ));
    let short = other.vault.sharing_mut().my_fingerprint().unwrap().short();
    assert!(p.vault.sharing_mut().verify_contact(&short).is_ok());
}

/// The vault's name goes on its card: the person-name rule applies at creation and when the
/// name is set, in core itself and not only in the shells.
#[test]
fn names_that_pass_for_someone_else_are_refused_at_create_and_set_name() {
    let bad = [
        "Lucía \u{202e}zeréP",
        "Lu\u{200b}cía Pérez",
        "Lucía \u{1b}[31mPérez",
        "K7QM 3XZP",
    ];
    for name in bad {
        let dir = tempfile::tempdir().unwrap();
        let options = attune_core::CreateOptions {
            name: Some(name.into()),
            ..common::fast()
        };
        let err = Vault::create(dir.path(), PASS, &options).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "name"),
            "{name:?}: {err:?}"
        );
        assert!(!Vault::exists(dir.path()), "{name:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = Vault::create(dir.path(), PASS, &common::fast()).unwrap();
    for name in bad {
        let err = vault.set_name(name).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field, .. } if field == "name"),
            "{name:?}: {err:?}"
        );
    }
    vault.set_name("  Lucía   Pérez ").unwrap();
    assert_eq!(vault.profile().name, "Lucía Pérez");
}
