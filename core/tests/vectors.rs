//! Committed test vectors: small files, good and deliberately broken, for each parser of
//! what arrives from outside. One parameterised test reads every file of each directory and
//! checks it against the directory's `expect.txt` (`file: ok` or `file: words of the error`).
//! The files are made once by `make_vectors` (ignored) from fixed test identities; they also
//! seed the fuzzers (scripts/fuzz.sh).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attune_core::share::bundle::{open_inner, sign_manifest};
use attune_core::share::{Attestation, ContactCard, Fingerprint, Identity, Receiver};
use attune_core::Role;

fn dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(kind)
}

fn expectations(kind: &str) -> BTreeMap<String, String> {
    common::expect::vector_expectations(&dir(kind))
}

/// The practitioner every vector is addressed to (test seed 1).
fn practitioner() -> Fingerprint {
    let me = Identity::from_test_seed(1).unwrap();
    Fingerprint::of(&me.signing_public_key(), &me.age_recipient())
}

fn check(kind: &str, parse: impl Fn(&[u8]) -> Result<(), String>) {
    let expect = expectations(kind);
    let mut seen = 0;
    for e in std::fs::read_dir(dir(kind)).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name == "expect.txt" {
            continue;
        }
        let want = expect
            .get(&name)
            .unwrap_or_else(|| panic!("{kind}/{name} has no line in expect.txt"));
        let got = parse(&std::fs::read(&path).unwrap());
        match (want.as_str(), got) {
            ("ok", Ok(())) => {}
            ("ok", Err(e)) => panic!("{kind}/{name} should be accepted: {e}"),
            (_, Ok(())) => panic!("{kind}/{name} should be refused ({want})"),
            (w, Err(e)) => assert!(e.contains(w), "{kind}/{name}: want {w:?} in {e:?}"),
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        expect.len(),
        "{kind}: expect.txt names files that are missing"
    );
}

#[test]
fn attestation_vectors() {
    check("attestation", |b| {
        let a = Attestation::verify(b).map_err(|e| e.to_string())?;
        (a.practitioner == practitioner())
            .then_some(())
            .ok_or_else(|| "for another practitioner".to_owned())
    });
}

#[test]
fn card_vectors() {
    check("card", |b| {
        ContactCard::parse(b).map(|_| ()).map_err(|e| e.to_string())
    });
}

#[test]
fn bundle_vectors() {
    check("bundle", |b| {
        open_inner(practitioner(), b)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
}

#[test]
fn age_header_vectors() {
    let me = Receiver::of(&Identity::from_test_seed(1).unwrap());
    check("age_header", |b| {
        me.open_bundle(b).map(|_| ()).map_err(|e| e.to_string())
    });
}

/// `plain` encrypted with age to the age keys of `to`, or with `passphrase`.
fn age_file(plain: &[u8], to: &[&Identity], passphrase: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let recipients: Vec<age::x25519::Recipient> = to
        .iter()
        .map(|i| i.age_recipient().parse().unwrap())
        .collect();
    let e = match passphrase {
        Some(p) => {
            age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(p.to_owned()))
        }
        None => age::Encryptor::with_recipients(recipients.iter().map(|r| r as _)).unwrap(),
    };
    let mut out = Vec::new();
    let mut w = e.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

/// Writes the age-layer vectors: good and broken age headers around `good.inner`.
fn make_age_vectors(write: &dyn Fn(&str, &str, &[u8]), p: &Identity, s: &Identity) {
    let inner = std::fs::read(dir("bundle").join("good.inner")).unwrap();
    let good = age_file(&inner, &[p], None);
    let w = |name: &str, bytes: &[u8]| write("age_header", &format!("{name}.attune-share"), bytes);
    w("good", &good);
    w("for-someone-else", &age_file(&inner, &[s], None));
    w("two-recipients", &age_file(&inner, &[p, s], None));
    w("passphrase", &age_file(&inner, &[], Some("hunter2")));
    let armored = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCg==\n-----END AGE ENCRYPTED FILE-----\n";
    w("armored", armored.as_bytes());
    let nl = good.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mac = good.windows(5).position(|w| w == b"\n--- ").unwrap() + 1;
    let text = String::from_utf8_lossy(&good[..mac]).into_owned();
    let stanza: String = text
        .lines()
        .skip(1)
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    let splice = |at: usize, what: &[u8]| [&good[..at], what, &good[at..]].concat();
    w("many-stanzas", &splice(nl, stanza.repeat(20).as_bytes()));
    w("two-grease", &splice(nl, b"-> x-grease\n\n"));
    w("ssh-recipient", &splice(nl, b"-> ssh-ed25519 AAAA\nAAAA\n"));
    let mut bad_mac = good.clone();
    bad_mac[mac + 5] = b'!';
    w("mac-not-base64", &bad_mac);
    let mut other_mac = good.clone();
    other_mac[mac + 5] = if good[mac + 5] == b'A' { b'B' } else { b'A' };
    w("altered-mac", &other_mac);
    w("truncated-header", &good[..mac - 10]);
    w(
        "age-v2",
        &[b"age-encryption.org/v2", &good[nl - 1..]].concat(),
    );
}

/// Writes the vectors added with attestation format 2 (the older ones stay as they were
/// shipped). Run by hand: `cargo test -p attune-core --test vectors -- --ignored make_v2`.
#[test]
#[ignore = "writes the committed vectors; run by hand only"]
fn make_v2_attestation_vectors() {
    let p = Identity::from_test_seed(1).unwrap();
    let s = Identity::from_test_seed(2).unwrap();
    let p_card = ContactCard::create(&p, "Robin Hale", Role::Practitioner).unwrap();
    let s_card = ContactCard::create(&s, "Lucía Pérez", Role::Supervisor).unwrap();
    let good = serde_json::json!({
        "format": 2,
        "id": "0123456789abcdef0123456789abcd02",
        "issued_at": "2026-12-02T10:00:00Z",
        "supervisor": s_card,
        "practitioner": p_card.fingerprint().to_hex(),
        "practitioner_name": "Robin Hale",
        "period": {"from": "2026-01-01", "to": "2026-03-31"},
        "sessions": [
            {"id": "aa01", "date": "2026-01-12", "minutes": 60, "format": "individual", "about_rsc_provided": false, "provider": "Lucía Pérez"},
            {"id": "aa02", "date": "2026-02-09", "minutes": 90, "format": "group", "about_rsc_provided": true, "provider": "Dr. L. Pérez"}
        ],
        "totals": {"sessions": 2, "minutes": 150, "individual_minutes": 60, "group_minutes": 90, "about_rsc_provided_minutes": 90}
    });
    let write = |name: &str, v: &serde_json::Value| {
        let bytes = Attestation::sign_payload(&s, &serde_json::to_vec(v).unwrap()).unwrap();
        std::fs::write(dir("attestation").join(name), bytes).unwrap();
    };
    let edited = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        edit(&mut v);
        write(name, &v);
    };
    write("good-v2.attune-attest", &good);
    edited("v2-without-name.attune-attest", &|v| {
        v.as_object_mut().unwrap().remove("practitioner_name");
    });
    edited("v2-provider-control.attune-attest", &|v| {
        v["sessions"][1]["provider"] = "Dr. L.\u{7} Pérez".into()
    });
    edited("v1-with-provider.attune-attest", &|v| {
        v["format"] = 1.into();
        v.as_object_mut().unwrap().remove("practitioner_name");
    });
    edited("format-3.attune-attest", &|v| v["format"] = 3.into());
}

/// Writes the vectors. Run by hand when adding one:
/// `cargo test -p attune-core --test vectors -- --ignored make_vectors`
#[test]
#[ignore = "writes the committed vectors; run by hand only"]
fn make_vectors() {
    let p = Identity::from_test_seed(1).unwrap();
    let s = Identity::from_test_seed(2).unwrap();
    let other = Identity::from_test_seed(3).unwrap();
    let p_card = ContactCard::create(&p, "Robin Hale", Role::Practitioner).unwrap();
    let s_card = ContactCard::create(&s, "Lucía Pérez", Role::Supervisor).unwrap();
    let o_card = ContactCard::create(&other, "Mallory Other", Role::Supervisor).unwrap();
    let write = |kind: &str, name: &str, bytes: &[u8]| {
        std::fs::create_dir_all(dir(kind)).unwrap();
        std::fs::write(dir(kind).join(name), bytes).unwrap();
    };
    let flip_last_sig_digit = |f: &[u8]| {
        let mut f = f.to_vec();
        let i = f.len() - 2;
        f[i] = if f[i] == b'0' { b'1' } else { b'0' };
        f
    };

    // Attestations.
    let good = serde_json::json!({
        "format": 1,
        "id": "0123456789abcdef0123456789abcdef",
        "issued_at": "2026-04-01T10:00:00Z",
        "supervisor": s_card,
        "practitioner": p_card.fingerprint().to_hex(),
        "period": {"from": "2026-01-01", "to": "2026-03-31"},
        "sessions": [
            {"id": "aa01", "date": "2026-01-12", "minutes": 60, "format": "individual", "about_rsc_provided": false},
            {"id": "aa02", "date": "2026-02-09", "minutes": 90, "format": "group", "about_rsc_provided": true}
        ],
        "totals": {"sessions": 2, "minutes": 150, "individual_minutes": 60, "group_minutes": 90, "about_rsc_provided_minutes": 90}
    });
    let sign = |v: &serde_json::Value, by: &Identity| {
        Attestation::sign_payload(by, &serde_json::to_vec(v).unwrap()).unwrap()
    };
    let edited = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        edit(&mut v);
        sign(&v, &s)
    };
    let ok = sign(&good, &s);
    write("attestation", "good.attune-attest", &ok);
    write(
        "attestation",
        "negative-minutes.attune-attest",
        &edited(&|v| v["sessions"][0]["minutes"] = (-60).into()),
    );
    write(
        "attestation",
        "overflowing-minutes.attune-attest",
        &edited(&|v| v["sessions"][0]["minutes"] = 4_294_967_356u64.into()),
    );
    write(
        "attestation",
        "overflowing-total.attune-attest",
        &edited(&|v| v["totals"]["minutes"] = 4_294_967_446u64.into()),
    );
    write(
        "attestation",
        "end-before-start.attune-attest",
        &edited(&|v| {
            v["period"]["from"] = "2026-03-31".into();
            v["period"]["to"] = "2026-01-01".into();
        }),
    );
    write(
        "attestation",
        "totals-do-not-add-up.attune-attest",
        &edited(&|v| v["totals"]["minutes"] = 151.into()),
    );
    write(
        "attestation",
        "date-outside-period.attune-attest",
        &edited(&|v| v["sessions"][1]["date"] = "2026-05-01".into()),
    );
    write(
        "attestation",
        "session-twice.attune-attest",
        &edited(&|v| v["sessions"][1]["id"] = "aa01".into()),
    );
    write(
        "attestation",
        "format-2.attune-attest",
        &edited(&|v| v["format"] = 2.into()),
    );
    write(
        "attestation",
        "for-someone-else.attune-attest",
        &edited(&|v| v["practitioner"] = o_card.fingerprint().to_hex().into()),
    );
    write(
        "attestation",
        "bad-signature.attune-attest",
        &flip_last_sig_digit(&ok),
    );
    write(
        "attestation",
        "signed-by-another-key.attune-attest",
        &sign(&good, &other),
    );
    write(
        "attestation",
        "truncated.attune-attest",
        &ok[..ok.len() - 10],
    );
    let mut trailing = ok.clone();
    trailing.extend_from_slice(b"PS: also 10 more hours\n");
    write("attestation", "trailing-bytes.attune-attest", &trailing);
    let v2 =
        String::from_utf8(ok.clone())
            .unwrap()
            .replacen("attune-attest v1", "attune-attest v2", 1);
    write("attestation", "version-2.attune-attest", v2.as_bytes());

    // Cards.
    let text = s_card.to_text();
    write("card", "good.attune-card", text.as_bytes());
    write(
        "card",
        "in-an-email.attune-card",
        format!("Hello Robin,\n\nmy card:\n\n{text}\nLucía\n").as_bytes(),
    );
    write(
        "card",
        "renamed.attune-card",
        text.replace("Name: Lucía Pérez", "Name: Lucia Perez")
            .as_bytes(),
    );
    write(
        "card",
        "version-2.attune-card",
        text.replace("Version: 1", "Version: 2").as_bytes(),
    );
    write(
        "card",
        "no-end.attune-card",
        text.replace("-----END ATTUNE CONTACT CARD-----\n", "")
            .as_bytes(),
    );
    write(
        "card",
        "short-key.attune-card",
        text.replacen("Signing-Key: ", "Signing-Key: 00", 1)
            .as_bytes(),
    );
    write(
        "card",
        "not-a-card.attune-card",
        b"BEGIN:VCARD\nFN:Lucia\nEND:VCARD\n",
    );
    // Signed cards whose names pass for someone else (issue 14): refused when added.
    for (file, name) in [
        (
            "named-as-a-fingerprint.attune-card",
            s_card.fingerprint().to_string(),
        ),
        (
            "named-as-a-short-fingerprint.attune-card",
            s_card.fingerprint().short(),
        ),
        (
            "bidi-override-name.attune-card",
            "Lucía\u{202E}zeréP".to_owned(),
        ),
        (
            "zero-width-name.attune-card",
            "Lucía\u{200B}Pérez".to_owned(),
        ),
    ] {
        let card =
            ContactCard::signed_with_any_name_for_tests(&other, &name, Role::Supervisor).unwrap();
        write("card", file, card.to_text().as_bytes());
    }

    // Bundle contents, as they are inside the age layer.
    let manifest = serde_json::json!({
        "format": 1,
        "bundle_id": "00112233445566778899aabbccddeeff",
        "created_at": "2026-04-01T10:00:00Z",
        "sender": s_card,
        "recipient": p_card.fingerprint().to_hex(),
        "items": [
            {"type": "comment", "id": "c0ffee01", "reflection_id": "abcd0123", "text": "What did the hurry feel like?", "written_at": "2026-04-01T09:59:00Z"},
            {"type": "reflection", "id": "abcd0123", "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan", "sections": {"self": "I felt rushed."}},
            {"type": "sessions", "from": "2026-01-01", "to": "2026-03-31", "sessions": [
                {"id": "aa01", "date": "2026-01-12", "minutes": 60, "format": "individual", "modality": null, "provider": "Lucía Pérez", "credential": "IMHM-C", "about_rsc_provided": false}
            ]}
        ]
    });
    let seal = |v: &serde_json::Value, by: &Identity| {
        sign_manifest(by, &serde_json::to_vec(v).unwrap()).unwrap()
    };
    let good_bundle = seal(&manifest, &s);
    write("bundle", "good.inner", &good_bundle);
    let mut fwd = manifest.clone();
    fwd["recipient"] = o_card.fingerprint().to_hex().into();
    write("bundle", "forwarded.inner", &seal(&fwd, &s));
    write(
        "bundle",
        "bad-signature.inner",
        &flip_last_sig_digit(&good_bundle),
    );
    write(
        "bundle",
        "signed-by-another-key.inner",
        &seal(&manifest, &other),
    );
    write(
        "bundle",
        "truncated.inner",
        &good_bundle[..good_bundle.len() / 2],
    );
    let mut trailing = good_bundle.clone();
    trailing.extend_from_slice(b"\n");
    write("bundle", "trailing-bytes.inner", &trailing);
    let v2 = String::from_utf8(good_bundle.clone()).unwrap().replacen(
        "attune-share v1",
        "attune-share v2",
        1,
    );
    write("bundle", "version-2.inner", v2.as_bytes());
    let mut f2 = manifest.clone();
    f2["format"] = 2.into();
    write("bundle", "format-2.inner", &seal(&f2, &s));
    let mut neg = manifest.clone();
    neg["items"][2]["sessions"][0]["minutes"] = 0.into();
    write("bundle", "zero-minutes.inner", &seal(&neg, &s));

    make_age_vectors(&write, &p, &s);
}
