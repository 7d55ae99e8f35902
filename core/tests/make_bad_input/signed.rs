//! Signing with the fixed test identities, and attestations (`*.attune-attest`) that are
//! refused: by their envelope, their payload, or the receiving vault.

use attune_core::share::{Attestation, Identity};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};

use crate::bundles::Receiver;
use crate::cards::{fields, hex, lucia};
use crate::{case, invalid, refused, Case, Expect};

/// Test identity `seed`'s signing key, made as `Identity::from_test_seed` makes it.
fn key_pair(seed: u8) -> Ed25519KeyPair {
    let mut pkcs8 = vec![
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    pkcs8.extend_from_slice(&[seed; 32]);
    Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8).unwrap()
}

/// A card's self-signature over these fields as they stand (docs/formats/contact-card.md),
/// so that a card with a hostile name can be correctly signed.
pub fn card_signature(seed: u8, name: &str, role: &str, age: &str) -> String {
    let pair = key_pair(seed);
    let mut msg = b"attune/contact-card/v1\0".to_vec();
    for f in [
        b"1".as_slice(),
        name.as_bytes(),
        role.as_bytes(),
        pair.public_key().as_ref(),
        age.as_bytes(),
    ] {
        msg.extend_from_slice(&u32::try_from(f.len()).unwrap().to_be_bytes());
        msg.extend_from_slice(f);
    }
    hex(pair.sign(&msg).as_ref())
}

/// The good attestation's payload: Lucía Pérez for the receiver.
pub fn good_attestation(r: &Receiver) -> Value {
    json!({
        "format": 1,
        "id": "0123456789abcdef0123456789abcdef",
        "issued_at": "2026-04-01T10:00:00Z",
        "supervisor": lucia().json(),
        "practitioner": r.fingerprint,
        "period": {"from": "2026-01-01", "to": "2026-03-31"},
        "sessions": [
            {"id": "aa01", "date": "2026-01-12", "minutes": 60, "format": "individual", "about_rsc_provided": false},
            {"id": "aa02", "date": "2026-02-09", "minutes": 90, "format": "group", "about_rsc_provided": true}
        ],
        "totals": {"sessions": 2, "minutes": 150, "individual_minutes": 60, "group_minutes": 90, "about_rsc_provided_minutes": 90}
    })
}

/// The payload signed by test identity `seed`.
pub fn attestation(seed: u8, payload: &Value) -> Vec<u8> {
    let id = Identity::from_test_seed(seed).unwrap();
    Attestation::sign_payload(&id, &serde_json::to_vec(payload).unwrap()).unwrap()
}

/// The good attestation, whose id the receiver has already received.
pub fn received_attestation(r: &Receiver) -> Vec<u8> {
    attestation(2, &good_attestation(r))
}

pub fn attestation_cases(r: &Receiver) -> Vec<Case> {
    let good = good_attestation(r);
    let mut out = Vec::new();
    let mut add =
        |what: &str, bytes: Vec<u8>, e: Expect| out.push(case(what, "attune-attest", bytes, e));
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        attestation(2, &v)
    };
    let at = |path: &str, m: &str| invalid(path, m);
    let parse = |m: &str| invalid("attestation content", &format!("does not parse: {m}"));
    // The envelope.
    let ok = attestation(2, &good);
    let text = String::from_utf8(ok.clone()).unwrap();
    let damaged = |m: &str| refused("share_damaged", m);
    add("empty", Vec::new(), damaged("not an Attune"));
    add(
        "a-pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        damaged("not an Attune"),
    );
    add(
        "magic-only-prefix",
        b"attune-att".to_vec(),
        damaged("truncated"),
    );
    add(
        "magic-misspelt",
        text.replacen("attune-attest", "attune-attset", 1)
            .into_bytes(),
        damaged("not an Attune"),
    );
    add(
        "version-2",
        text.replacen("attune-attest v1", "attune-attest v2", 1)
            .into_bytes(),
        refused("share_version", "format version 2"),
    );
    add(
        "version-10",
        text.replacen("attune-attest v1", "attune-attest v10", 1)
            .into_bytes(),
        refused("share_version", "format version 10"),
    );
    add(
        "version-letters",
        text.replacen("attune-attest v1", "attune-attest vX", 1)
            .into_bytes(),
        damaged("damaged"),
    );
    add(
        "no-newline-after-magic",
        b"attune-attest v1".to_vec(),
        damaged("truncated"),
    );
    add(
        "payload-without-newline",
        text.as_bytes()[..text.find('}').unwrap() + 1].to_vec(),
        damaged("truncated"),
    );
    add(
        "cut-in-the-payload",
        ok[..ok.len() / 2].to_vec(),
        damaged("truncated"),
    );
    add(
        "cut-in-the-signature",
        ok[..ok.len() - 10].to_vec(),
        damaged("truncated"),
    );
    add(
        "no-final-newline",
        ok[..ok.len() - 1].to_vec(),
        damaged("truncated"),
    );
    add(
        "trailing-line",
        [ok.as_slice(), b"PS: also 10 more hours\n"].concat(),
        damaged("after its end"),
    );
    add(
        "trailing-newline",
        [ok.as_slice(), b"\n"].concat(),
        damaged("after its end"),
    );
    add(
        "crlf-line-ends",
        text.replace('\n', "\r\n").into_bytes(),
        damaged("damaged"),
    );
    add(
        "signature-upper-case",
        {
            let i = text.rfind('}').unwrap() + 2;
            format!("{}{}", &text[..i], text[i..].to_ascii_uppercase()).into_bytes()
        },
        damaged("damaged"),
    );
    let mut flipped = ok.clone();
    let i = flipped.len() - 2;
    flipped[i] = if flipped[i] == b'0' { b'1' } else { b'0' };
    let bad_sig = || refused("share_bad_signature", "signature does not match");
    add("signature-last-digit", flipped, bad_sig());
    add("signed-by-another-key", attestation(3, &good), bad_sig());
    add(
        "payload-edited-after-signing",
        text.replacen("\"minutes\":90", "\"minutes\":99", 1)
            .into_bytes(),
        bad_sig(),
    );
    add(
        "payload-not-utf8",
        [
            b"attune-attest v1\n{\"format\":1,\"id\":\"\xff\xfe\"}\n".as_slice(),
            "0".repeat(128).as_bytes(),
            b"\n",
        ]
        .concat(),
        parse("invalid unicode code point"),
    );
    add(
        "payload-not-json",
        [
            b"attune-attest v1\nhello\n".as_slice(),
            "0".repeat(128).as_bytes(),
            b"\n",
        ]
        .concat(),
        parse("expected value at line 1 column 1"),
    );
    add(
        "over-4-mib",
        [ok.as_slice(), &vec![b' '; 4 * 1024 * 1024]].concat(),
        damaged("larger than 4 MB"),
    );
    // The payload, correctly signed.
    // Format 2 exists since attestations carry the practitioner's name (issue 20): a
    // format-1 payload that says 2 lacks it. A format beyond is file 068.
    add(
        "format-2",
        edit(&|v| v["format"] = json!(2)),
        invalid("attestation practitioner_name", "is missing"),
    );
    add(
        "format-string",
        edit(&|v| v["format"] = json!("1")),
        parse("invalid type: string \"1\", expected u32"),
    );
    add(
        "format-fraction",
        edit(&|v| v["format"] = json!(1.5)),
        parse("invalid type: floating point `1.5`, expected u32"),
    );
    for k in [
        "format",
        "id",
        "issued_at",
        "supervisor",
        "practitioner",
        "period",
        "sessions",
        "totals",
    ] {
        add(
            &format!("no-{k}"),
            edit(&|v| {
                v.as_object_mut().unwrap().remove(k);
            }),
            parse(&format!("missing field `{k}`")),
        );
    }
    add(
        "extra-key",
        edit(&|v| v["note"] = json!("hi")),
        parse("unknown field `note`"),
    );
    add(
        "id-upper-case",
        edit(&|v| v["id"] = json!("0123456789ABCDEF0123456789ABCDEF")),
        at("attestation id", "32 lower-case hex"),
    );
    add(
        "id-31-digits",
        edit(&|v| v["id"] = json!("0123456789abcdef0123456789abcde")),
        at("attestation id", "32 lower-case hex"),
    );
    add(
        "practitioner-upper-case",
        edit(&|v| v["practitioner"] = json!(r.fingerprint.to_ascii_uppercase())),
        at(
            "attestation practitioner",
            "is not a fingerprint (64 hex digits)",
        ),
    );
    add(
        "issued-at-a-date",
        edit(&|v| v["issued_at"] = json!("2026-04-01")),
        parse("premature end of input"),
    );
    add(
        "period-ends-before-it-starts",
        edit(&|v| v["period"] = json!({"from": "2026-03-31", "to": "2026-01-01"})),
        at(
            "attestation period",
            "ends (2026-01-01) before it starts (2026-03-31)",
        ),
    );
    add(
        "period-impossible-date",
        edit(&|v| v["period"]["to"] = json!("2026-02-30")),
        parse("input is out of range"),
    );
    add(
        "period-extra-key",
        edit(&|v| v["period"]["days"] = json!(90)),
        parse("unknown field `days`"),
    );
    add(
        "no-sessions",
        edit(&|v| {
            v["sessions"] = json!([]);
            v["totals"] = json!({"sessions": 0, "minutes": 0, "individual_minutes": 0, "group_minutes": 0, "about_rsc_provided_minutes": 0});
        }),
        at("attestation sessions", "there are none"),
    );
    let s1 =
        |k: &'static str, val: Value| edit(&move |v: &mut Value| v["sessions"][0][k] = val.clone());
    let session = |field: &str, m: &str| invalid(&format!("attestation session 1: {field}"), m);
    add(
        "minutes-zero",
        s1("minutes", json!(0)),
        session("minutes", "0 is not a number of minutes from 1 to 1440"),
    );
    add(
        "minutes-1441",
        s1("minutes", json!(1441)),
        session("minutes", "1441 is not a number of minutes from 1 to 1440"),
    );
    add(
        "minutes-negative",
        s1("minutes", json!(-60)),
        session("minutes", "-60 is not a number of minutes"),
    );
    add(
        "minutes-overflowing",
        s1("minutes", json!(4_294_967_356u64)),
        session("minutes", "4294967356 is not a number of minutes"),
    );
    add(
        "minutes-beyond-64-bits",
        s1("minutes", json!(18_446_744_073_709_551_615u64)),
        parse("invalid value: integer `18446744073709551615`, expected i64"),
    );
    add(
        "minutes-fraction",
        s1("minutes", json!(60.5)),
        parse("invalid type: floating point `60.5`, expected i64"),
    );
    add(
        "minutes-string",
        s1("minutes", json!("60")),
        parse("invalid type: string \"60\", expected i64"),
    );
    add(
        "session-id-upper-case",
        s1("id", json!("AA01")),
        session("id", "is not a session id (hex)"),
    );
    add(
        "session-id-empty",
        s1("id", json!("")),
        session("id", "hex"),
    );
    add(
        "session-id-65-digits",
        s1("id", json!("a".repeat(65))),
        session("id", "hex"),
    );
    add(
        "session-twice",
        s1("id", json!("aa02")),
        invalid("attestation session 2: id", "appears twice"),
    );
    add(
        "session-outside-the-period",
        s1("date", json!("2025-12-31")),
        session(
            "date",
            "2025-12-31 is outside the period 2026-01-01 to 2026-03-31",
        ),
    );
    add(
        "session-format-both",
        s1("format", json!("both")),
        parse("unknown variant `both`, expected `individual` or `group`"),
    );
    add(
        "session-flag-a-string",
        s1("about_rsc_provided", json!("yes")),
        parse("invalid type: string \"yes\", expected a boolean"),
    );
    add(
        "session-extra-key",
        s1("note", json!("private")),
        parse("unknown field `note`"),
    );
    for k in [
        "sessions",
        "minutes",
        "individual_minutes",
        "group_minutes",
        "about_rsc_provided_minutes",
    ] {
        add(
            &format!("totals-{k}-off-by-one"),
            edit(&|v| {
                let n = v["totals"][k].as_i64().unwrap();
                v["totals"][k] = json!(n + 1);
            }),
            at(&format!("attestation totals.{k}"), "does not add up"),
        );
    }
    add(
        "totals-extra-key",
        edit(&|v| v["totals"]["hours"] = json!(2.5)),
        parse("unknown field `hours`"),
    );
    // What the receiving vault refuses.
    let mut other = good.clone();
    other["practitioner"] = json!("0".repeat(64));
    add(
        "for-someone-else",
        attestation(2, &other),
        refused("share_not_for_me", "for another practitioner"),
    );
    let mut unknown = good.clone();
    unknown["supervisor"] = fields(4, "Dana Unknown", "supervisor").json();
    add(
        "signer-not-a-contact",
        attestation(4, &unknown),
        refused("share_sender_unknown", "is not one of your contacts"),
    );
    let mut unverified = good.clone();
    unverified["supervisor"] = fields(3, "Mallory Other", "supervisor").json();
    add(
        "signer-not-verified",
        attestation(3, &unverified),
        refused("share_sender_unverified", "you have not verified"),
    );
    add(
        "replayed-id",
        edit(&|v| v["issued_at"] = json!("2026-04-02T10:00:00Z")),
        refused("share_replayed", "already received with different content"),
    );
    add(
        "format-3",
        edit(&|v| v["format"] = json!(3)),
        refused("share_version", "format version 3"),
    );
    out
}
