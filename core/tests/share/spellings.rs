//! A supervisor's other spellings (issue 20): practitioners log "Dr. L. Pérez" or "L. P."
//! as their provider; once the supervisor says those spellings are hers, such sessions can
//! be signed, the attestation carries the spelling and the practitioner's name (format 2),
//! and the practitioner's log shows the supervisor's own name on them. A spelling that is
//! another contact's name is never counted for the signer.

use super::*;

fn share_hours(p: &mut Person) -> Vec<u8> {
    let req = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: Vec::new(),
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-03-31")),
        }),
    };
    p.vault.sharing_mut().create_share(&req).unwrap().0
}

#[test]
fn sessions_logged_under_another_spelling_are_signed_once_she_says_it_is_hers() {
    let (mut p, mut s, _) = pair();
    let dr = p
        .vault
        .hours_mut()
        .add_session(session("2026-03-02", 50, "Dr.  L. Pérez"))
        .unwrap();
    s.vault.sharing_mut().receive(&share_hours(&mut p)).unwrap();
    let from = p.vault.sharing_mut().my_fingerprint().unwrap();
    let names_me = |s: &Person| {
        s.vault
            .sharing()
            .sessions_to_sign(from, Period::ALL, &s.vault.profile().provider_names())
            .iter()
            .filter(|x| x.names_me)
            .map(|x| x.session.provider.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names_me(&s).len(), 2, "her name only: {:?}", names_me(&s));

    // Blank lines and her own name again are dropped; the rest kept as typed, cleaned.
    let kept = s
        .vault
        .set_provider_spellings(&[
            " dr. l.   pérez ".into(),
            String::new(),
            "LUCÍA PÉREZ".into(),
            "L. P.".into(),
        ])
        .unwrap();
    assert_eq!(kept, ["dr. l. pérez", "L. P."]);
    assert_eq!(names_me(&s).len(), 3);
    assert!(!names_me(&s).contains(&"Sam Other".to_owned()));

    // A spelling that is not a name is refused, naming the field and which one.
    let e = s
        .vault
        .set_provider_spellings(&["ok".into(), "a\u{202E}b".into()])
        .unwrap_err();
    assert!(
        matches!(&e, attune_core::Error::InvalidInput { field, .. } if field == "spellings"),
        "{e:?}"
    );
    assert!(e.to_string().contains("spelling 2"), "{e}");
    assert_eq!(
        s.vault.profile().provider_spellings,
        kept,
        "nothing changed"
    );

    // Kept across a lock.
    let Person { dir, vault } = s;
    vault.lock().unwrap();
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let mut s = Person { dir, vault };
    assert_eq!(s.vault.profile().provider_spellings, kept);

    let (file, a) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    assert_eq!(a.format, 2);
    assert_eq!(a.practitioner_name.as_deref(), Some("Robin Hale"));
    assert_eq!(a.sessions.len(), 3);
    let signed_dr = a.sessions.iter().find(|x| x.id == dr.id).unwrap();
    assert_eq!(
        a.provider_of(signed_dr),
        "Dr. L. Pérez",
        "as the practitioner logged it"
    );

    let got = p.vault.sharing_mut().receive(&file).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 3,
                matched: 3,
                ..
            }
        ),
        "{got:?}"
    );
    match p.vault.hours().attestation(&dr.id) {
        attune_core::hours::AttestationStatus::Attested { supervisor, .. } => {
            assert_eq!(supervisor, "Lucía Pérez", "her own name, not the spelling")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_spelling_that_is_another_contacts_name_does_not_count_for_the_signer() {
    let (mut p, mut s, _) = pair();
    let mut sam = person("Sam Other", Role::Supervisor);
    p.knows(&mut sam, true);
    let sams = p.vault.hours().sessions()[2].clone();
    assert_eq!(sams.content.provider, "Sam Other");
    s.vault.sharing_mut().receive(&share_hours(&mut p)).unwrap();
    // Lucía (or her software) claims "Sam Other" is a spelling of hers.
    s.vault
        .set_provider_spellings(&["Sam Other".into()])
        .unwrap();
    let (file, a) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    assert_eq!(a.sessions.len(), 3, "signed on her side");
    let got = p.vault.sharing_mut().receive(&file).unwrap();
    assert!(
        matches!(
            got,
            Received::Attestation {
                sessions: 3,
                matched: 2,
                ..
            }
        ),
        "{got:?}"
    );
    assert!(!p.vault.hours().attestation(&sams.id).is_attested());
}
