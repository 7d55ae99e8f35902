//! Contact cards in their JSON form, as they arrive inside an attestation (the supervisor's
//! card): broken, in an attestation otherwise good and signed by the key the card names.

use serde_json::{json, Value};

use crate::bundles::Receiver;
use crate::cards::{fields, lucia, name_fault, Fields, NOT_NORMAL};
use crate::signed::{attestation, card_signature, good_attestation};
use crate::{case, invalid, refused, Case};

fn named(name: &str) -> Fields {
    fields(2, name, "supervisor")
}

/// The supervisor's card inside an attestation, broken; the attestation is otherwise good
/// and signed by the key the card names.
pub fn cases(r: &Receiver) -> Vec<Case> {
    let good = lucia();
    let base = good.json();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut p = good_attestation(r);
        let mut c = base.clone();
        edit(&mut c);
        p["supervisor"] = c;
        attestation(2, &p)
    };
    let set = |k: &'static str, v: Value| move |c: &mut Value| c[k] = v.clone();
    let mut out = Vec::new();
    let mut add = |what: &str, bytes: Vec<u8>, e: crate::Expect| {
        out.push(case(what, "attune-attest", bytes, e));
    };
    let parse = |m: &str| invalid("attestation content", &format!("does not parse: {m}"));
    let card = |f: &str, m: &str| invalid(f, m);
    for k in ["name", "role", "signing_key", "age_recipient", "signature"] {
        add(
            &format!("no-{k}"),
            with(&|c| {
                c.as_object_mut().unwrap().remove(k);
            }),
            parse(&format!("missing field `{k}`")),
        );
    }
    add(
        "extra-key-email",
        with(&set("email", json!("l@example.org"))),
        parse("unknown field `email`"),
    );
    add(
        "extra-key-version",
        with(&set("version", json!(1))),
        parse("unknown field `version`"),
    );
    add(
        "name-a-number",
        with(&set("name", json!(5))),
        parse("invalid type"),
    );
    add(
        "role-null",
        with(&set("role", Value::Null)),
        parse("invalid type"),
    );
    add(
        "card-a-string",
        with(&|c| *c = json!(good.text())),
        parse("invalid type"),
    );
    add(
        "card-an-array",
        with(&|c| *c = json!([good.name, good.role])),
        parse("invalid length 2, expected struct CardJson"),
    );
    add(
        "card-null",
        with(&|c| *c = Value::Null),
        parse("invalid type"),
    );
    add(
        "key-upper-case",
        with(&set("signing_key", json!(good.key.to_ascii_uppercase()))),
        card("card signing_key", "is not 64 lower-case hex digits"),
    );
    add(
        "key-short",
        with(&set("signing_key", json!(good.key[..62]))),
        card("card signing_key", "is not 64 lower-case hex digits"),
    );
    add(
        "signature-upper-case",
        with(&set("signature", json!(good.sig.to_ascii_uppercase()))),
        card("card signature", "is not 128 lower-case hex digits"),
    );
    add(
        "signature-short",
        with(&set("signature", json!(good.sig[..126]))),
        card("card signature", "is not 128 lower-case hex digits"),
    );
    add(
        "role-admin",
        with(&|c| *c = fields(2, "Lucía Pérez", "admin").json()),
        card("card role", "\"admin\" is not practitioner or supervisor"),
    );
    add(
        "name-two-spaces",
        with(&|c| *c = named("Lucía  Pérez").json()),
        card("card name", NOT_NORMAL),
    );
    add(
        "name-control",
        with(&|c| *c = named("Lucía\u{1b}Pérez").json()),
        card("card name", &name_fault("Lucía\u{1b}Pérez")),
    );
    add(
        "name-decomposed",
        with(&|c| *c = named("Luci\u{301}a Pe\u{301}rez").json()),
        card("card name", NOT_NORMAL),
    );
    add(
        "name-empty",
        with(&|c| *c = named("").json()),
        card("card name", "is missing"),
    );
    add(
        "age-upper-case",
        with(&|c| {
            let age = good.age.to_ascii_uppercase();
            *c = Fields {
                sig: card_signature(2, &good.name, &good.role, &age),
                age,
                ..good.clone()
            }
            .json();
        }),
        card("card age recipient", "is not an age X25519 recipient"),
    );
    let sig = || refused("share_bad_signature", "signature does not match");
    add("renamed", with(&set("name", json!("Lucia Perez"))), sig());
    add(
        "role-changed",
        with(&set("role", json!("practitioner"))),
        sig(),
    );
    add(
        "signature-of-another-card",
        with(&set(
            "signature",
            json!(fields(3, "Mallory Other", "supervisor").sig),
        )),
        sig(),
    );
    add(
        "signature-all-zero",
        with(&set("signature", json!("0".repeat(128)))),
        sig(),
    );
    out
}
