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
