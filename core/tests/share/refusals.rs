//! Every kind of bad file refused with a clear message, its code, and nothing imported.

use super::*;

#[test]
fn a_bundle_for_someone_else_is_refused() {
    let (mut p, _s, rid) = pair();
    let mut t = person("Taylor Third", Role::Supervisor);
    t.knows(&mut p, true);
    let bundle = share_all(&mut p, &rid);
    refused(&mut t, &bundle, "encrypted for someone else");
}

#[test]
fn an_unknown_sender_is_refused() {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut s = person("Lucía Pérez", Role::Supervisor);
    p.knows(&mut s, true);
    let r = p
        .vault
        .journal_mut()
        .add(draft("Bath time", "text"))
        .unwrap();
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
    refused(&mut s, &bundle, "is not one of your contacts");
}

#[test]
fn an_unverified_sender_is_refused() {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut s = person("Lucía Pérez", Role::Supervisor);
    p.knows(&mut s, true);
    s.knows(&mut p, false);
    let r = p
        .vault
        .journal_mut()
        .add(draft("Bath time", "text"))
        .unwrap();
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
    refused(&mut s, &bundle, "you have not verified");
}

#[test]
fn sharing_with_an_unverified_contact_is_refused() {
    let mut p = person("Robin Hale", Role::Practitioner);
    let mut s = person("Lucía Pérez", Role::Supervisor);
    p.knows(&mut s, false);
    let r = p
        .vault
        .journal_mut()
        .add(draft("Bath time", "text"))
        .unwrap();
    let e = p
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
        .unwrap_err()
        .to_string();
    assert!(e.contains("not verified yet"), "{e}");
}

/// The manifest inside `bundle` (opened by `s`, the recipient).
fn inner(s: &mut Person, bundle: &[u8]) -> (Vec<u8>, serde_json::Value) {
    let plain = s.age_open(bundle);
    let text = String::from_utf8(plain.clone()).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    (plain, manifest)
}

#[test]
fn a_bad_signature_is_refused() {
    let (mut p, mut s, rid) = pair();
    let s_age = s.age_recipient();
    let bundle = share_all(&mut p, &rid);
    let (plain, _) = inner(&mut s, &bundle);
    let mut text = String::from_utf8(plain).unwrap();
    // Change one word of the signed manifest, keep the signature.
    text = text.replacen("Bath time", "Bath tide", 1);
    refused(
        &mut s,
        &encrypt(&s_age, text.as_bytes()),
        "signature does not match",
    );
}

#[test]
fn a_forwarded_bundle_is_refused() {
    let (mut p, mut s, rid) = pair();
    let mut t = person("Taylor Third", Role::Supervisor);
    t.knows(&mut p, true);
    let bundle = share_all(&mut p, &rid);
    // The supervisor re-encrypts what she received to a colleague: signed, but not for them.
    let (plain, _) = inner(&mut s, &bundle);
    let forwarded = encrypt(&t.age_recipient(), &plain);
    refused(&mut t, &forwarded, "forwarded");
}

#[test]
fn a_truncated_bundle_is_refused() {
    let (mut p, mut s, rid) = pair();
    let s_age = s.age_recipient();
    let bundle = share_all(&mut p, &rid);
    for cut in [bundle.len() - 1, bundle.len() - 17, bundle.len() / 2, 40, 5] {
        refused(&mut s, &bundle[..cut], "truncated");
    }
    // Truncated inside the encryption: a whole, authentic age file holding half a bundle.
    let (plain, _) = inner(&mut s, &bundle);
    for cut in [plain.len() - 1, plain.len() - 60, 30] {
        refused(&mut s, &encrypt(&s_age, &plain[..cut]), "truncated");
    }
}

#[test]
fn trailing_bytes_are_refused() {
    let (mut p, mut s, rid) = pair();
    let s_age = s.age_recipient();
    let bundle = share_all(&mut p, &rid);
    let mut longer = bundle.clone();
    longer.extend_from_slice(b"\nmore");
    refused(&mut s, &longer, "extended");
    let (mut plain, _) = inner(&mut s, &bundle);
    plain.extend_from_slice(b"more\n");
    refused(&mut s, &encrypt(&s_age, &plain), "after its end");
}

#[test]
fn an_unknown_version_is_refused() {
    let (mut p, mut s, rid) = pair();
    let s_age = s.age_recipient();
    let bundle = share_all(&mut p, &rid);
    let (plain, manifest) = inner(&mut s, &bundle);
    let text = String::from_utf8(plain).unwrap();
    let v2 = text.replacen("attune-share v1", "attune-share v2", 1);
    refused(&mut s, &encrypt(&s_age, v2.as_bytes()), "format version 2");
    // A correctly signed manifest of format 2.
    let mut m = manifest;
    m["format"] = 2.into();
    let signed = sign_manifest(
        p.vault.sharing_mut().identity_for_interop_tests().unwrap(),
        &serde_json::to_vec(&m).unwrap(),
    )
    .unwrap();
    refused(&mut s, &encrypt(&s_age, &signed), "format version 2");
}

#[test]
fn the_same_bundle_twice_is_a_no_op() {
    let (mut p, mut s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&bundle).unwrap();
    let before = snapshot(s.dir.path());
    let again = s.vault.sharing_mut().receive(&bundle).unwrap();
    assert!(
        matches!(
            again,
            Received::Bundle {
                already_received: true,
                reflections: 0,
                ..
            }
        ),
        "{again:?}"
    );
    assert_eq!(before, snapshot(s.dir.path()));
    assert_eq!(s.vault.sharing().shared_reflections().len(), 1);
}

#[test]
fn a_replayed_bundle_id_with_other_content_is_refused() {
    let (mut p, mut s, rid) = pair();
    let s_age = s.age_recipient();
    let bundle = share_all(&mut p, &rid);
    s.vault.sharing_mut().receive(&bundle).unwrap();
    let (_, mut m) = inner(&mut s, &bundle);
    m["items"][0]["title"] = "Something else".into();
    let signed = sign_manifest(
        p.vault.sharing_mut().identity_for_interop_tests().unwrap(),
        &serde_json::to_vec(&m).unwrap(),
    )
    .unwrap();
    refused(&mut s, &encrypt(&s_age, &signed), "replayed");
}

#[test]
fn an_attestation_for_another_practitioner_is_refused() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let (attest, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    let mut q = person("Quinn Other", Role::Practitioner);
    q.knows(&mut s, true);
    refused(&mut q, &attest, "for another practitioner");
}

#[test]
fn an_unknown_signer_is_refused() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let (attest, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    // A stranger re-signs the supervisor's attestation as their own: well signed, for the
    // right practitioner, but by someone she never added.
    let mut stranger = person("Lucía Pérez", Role::Supervisor);
    let text = String::from_utf8(attest).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    v["supervisor"] = serde_json::to_value(stranger.card()).unwrap();
    let forged = Attestation::sign_payload(
        stranger
            .vault
            .sharing_mut()
            .identity_for_interop_tests()
            .unwrap(),
        &serde_json::to_vec(&v).unwrap(),
    )
    .unwrap();
    assert!(
        Attestation::verify(&forged).is_ok(),
        "well signed by the stranger"
    );
    refused(&mut p, &forged, "is not one of your contacts");
    // Added but not verified: still refused.
    p.knows(&mut stranger, false);
    refused(&mut p, &forged, "you have not verified");
    assert!(p.vault.sharing().attestations().is_empty());
}

#[test]
fn a_replayed_attestation_id_is_refused() {
    let (mut p, mut s, rid) = pair();
    s.vault
        .sharing_mut()
        .receive(&share_all(&mut p, &rid))
        .unwrap();
    let (attest, _) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    p.vault.sharing_mut().receive(&attest).unwrap();
    let text = String::from_utf8(attest).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    v["issued_at"] = "2030-01-01T00:00:00Z".into();
    let replay = Attestation::sign_payload(
        s.vault.sharing_mut().identity_for_interop_tests().unwrap(),
        &serde_json::to_vec(&v).unwrap(),
    )
    .unwrap();
    refused(&mut p, &replay, "replayed");
}

#[test]
fn a_header_of_many_stanzas_is_refused_before_age_reads_it() {
    let (mut p, mut s, rid) = pair();
    let bundle = share_all(&mut p, &rid);
    // The real bundle's X25519 stanza, 10,000 times over (about 1 MB of header): age's
    // parser would take minutes on it. The pre-check reads its first kilobyte and stops.
    let text = String::from_utf8_lossy(&bundle).into_owned();
    let stanza: String = text
        .lines()
        .skip(1)
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(stanza.starts_with("-> X25519 "), "{stanza}");
    let mac_at = text.find("\n--- ").unwrap() + 1;
    let mut hostile = b"age-encryption.org/v1\n".to_vec();
    hostile.extend_from_slice(stanza.repeat(10_000).as_bytes());
    hostile.extend_from_slice(&bundle[mac_at..]);
    refused(
        &mut s,
        &hostile,
        "encryption header is not one Attune writes",
    );
    // The refusal is the pre-check's own (age has no such error): the decryption, which
    // only takes a file the pre-check accepted (`age_header::AgeFile`), never ran.
    let err = s.vault.sharing_mut().receive(&hostile).unwrap_err();
    assert!(
        matches!(
            err,
            attune_core::Error::Share(ShareError::UnexpectedAgeHeader(
                AgeHeaderProblem::TooLarge { limit: 1024 }
            ))
        ),
        "{err:?}"
    );
    // Two recipients is not what Attune writes either, even when one of them is me.
    let mut t = person("Taylor Third", Role::Supervisor);
    let (plain, _) = inner(&mut s, &bundle);
    let to_both: Vec<Box<dyn age::Recipient + Send>> = [s.age_recipient(), t.age_recipient()]
        .iter()
        .map(|r| {
            Box::new(age::x25519::Recipient::from_str(r).unwrap()) as Box<dyn age::Recipient + Send>
        })
        .collect();
    let both = {
        let e = age::Encryptor::with_recipients(to_both.iter().map(|r| r.as_ref() as _)).unwrap();
        let mut out = Vec::new();
        let mut w = e.wrap_output(&mut out).unwrap();
        std::io::Write::write_all(&mut w, &plain).unwrap();
        w.finish().unwrap();
        out
    };
    refused(&mut s, &both, "encryption header is not one Attune writes");
    let e = s
        .vault
        .sharing_mut()
        .receive(&both)
        .unwrap_err()
        .to_string();
    assert!(e.contains("2 X25519 recipients"), "{e}");
}

/// The practitioner's sessions of the first quarter, for the supervisor.
fn quarter(p: &mut Person) -> Vec<u8> {
    let req = ShareRequest {
        to: "Lucía Pérez".into(),
        entries: vec![],
        hours: Some(Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-03-31")),
        }),
    };
    p.vault.sharing_mut().create_share(&req).unwrap().0
}

#[test]
fn a_late_bundle_does_not_bring_back_deleted_sessions() {
    let (mut p, s, _) = pair();
    // Sent first with three sessions; then the practitioner deletes the 90 minutes with
    // the supervisor (logged by mistake) and sends the quarter again.
    let older = quarter(&mut p);
    let mistake = p.vault.hours().sessions()[1].clone();
    assert_eq!(mistake.content.minutes, 90);
    p.vault.hours_mut().delete_session(&mistake.id).unwrap();
    let newer = quarter(&mut p);

    // The newer arrives first; the older one, late, would re-add the deleted session and
    // her attestation would sign for 150 minutes instead of 60.
    let mut s = s;
    let got = s.vault.sharing_mut().receive(&newer).unwrap();
    assert!(
        matches!(got, Received::Bundle { sessions: 2, .. }),
        "{got:?}"
    );
    let mut s = s.relock();
    refused(&mut s, &older, "was made on");
    let e = s.vault.sharing_mut().receive(&older).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ShareStale);
    assert!(
        e.to_string().contains("Ask Robin Hale to send a new one"),
        "{e}"
    );
    assert_eq!(s.vault.sharing().shared_sessions().len(), 2);
    let (_, a) = s
        .vault
        .sharing_mut()
        .attest("Robin Hale", Period::ALL)
        .unwrap();
    assert_eq!((a.sessions.len(), a.totals.minutes), (1, 60));
    // The newer one again is still "already received", not stale.
    assert!(matches!(
        s.vault.sharing_mut().receive(&newer).unwrap(),
        Received::Bundle {
            already_received: true,
            ..
        }
    ));
}

#[test]
fn an_older_bundle_for_other_dates_is_still_received() {
    let (mut p, mut s, rid) = pair();
    // Made first: a reflection only (no sessions, so no dates to go stale).
    let reflection_only = p
        .vault
        .sharing_mut()
        .create_share(&ShareRequest {
            to: "Lucía Pérez".into(),
            entries: vec![ShareEntry {
                id: rid,
                sections: vec![],
            }],
            hours: None,
        })
        .unwrap()
        .0;
    let newer = quarter(&mut p);
    s.vault.sharing_mut().receive(&newer).unwrap();
    let got = s.vault.sharing_mut().receive(&reflection_only).unwrap();
    assert!(
        matches!(got, Received::Bundle { reflections: 1, .. }),
        "{got:?}"
    );
}
