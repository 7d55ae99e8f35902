//! Share bundles (`*.attune-share`): broken at the age layer, in the envelope inside it, in
//! the manifest, or refused by the receiving vault. Also makes that vault,
//! `bad-input/receiver/`, which every share file of the corpus is received into.

use std::str::FromStr;

use attune_core::share::bundle::sign_manifest;
use attune_core::share::{ContactCard, Identity};
use attune_core::{CreateOptions, KdfParams, Role, Vault};
use serde_json::{json, Value};

use crate::cards::{fields, lucia};
use crate::signed::received_attestation;
use crate::{case, invalid, refused, root, Case, Expect, RECEIVER_PASSPHRASE};

/// What the files need to know of the receiving vault.
pub struct Receiver {
    /// Its fingerprint, 64 hex digits.
    pub fingerprint: String,
    /// Its age recipient.
    pub age: String,
}

/// The bundle id the receiver has already received.
const RECEIVED_ID: &str = "00112233445566778899aabbccddeeff";

/// Makes the receiving vault afresh: Robin Hale, a practitioner, who has verified Lucía
/// Pérez (test identity 2), added Mallory Other (3) without verifying, and received one
/// bundle and one attestation from Lucía.
pub fn make_receiver() -> Receiver {
    let dir = root().join("receiver");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    let opts = CreateOptions {
        name: Some("Robin Hale".into()),
        role: Role::Practitioner,
        kdf: KdfParams::MINIMUM,
    };
    let (mut vault, _) = Vault::create(&dir, RECEIVER_PASSPHRASE, &opts).unwrap();
    let me = vault.sharing_mut().my_card().unwrap();
    let r = Receiver {
        fingerprint: me.fingerprint().to_hex(),
        age: me.age_recipient().to_owned(),
    };
    let card = |f: crate::cards::Fields| ContactCard::parse(f.text().as_bytes()).unwrap();
    vault.sharing_mut().add_contact(card(lucia())).unwrap();
    let fp = card(lucia()).fingerprint().to_string();
    vault.sharing_mut().verify_contact(&fp[..9]).unwrap();
    vault
        .sharing_mut()
        .add_contact(card(fields(3, "Mallory Other", "supervisor")))
        .unwrap();
    vault.sharing_mut().receive(&bundle(&r, &good(&r))).unwrap();
    vault
        .sharing_mut()
        .receive(&received_attestation(&r))
        .unwrap();
    vault.lock().unwrap();
    std::fs::remove_file(dir.join("attune.lock")).ok();
    r
}

/// The good manifest: a reflection and a period of sessions from Lucía to the receiver.
fn good(r: &Receiver) -> Value {
    json!({
        "format": 1,
        "bundle_id": RECEIVED_ID,
        "created_at": "2026-04-01T10:00:00Z",
        "sender": lucia().json(),
        "recipient": r.fingerprint,
        "items": [
            {"type": "reflection", "id": "abcd0123", "kind": "home_visit", "date": "2026-03-02",
             "title": "Bath time", "family": "Rowan", "sections": {"self": "I felt rushed."}},
            {"type": "sessions", "from": "2026-01-01", "to": "2026-03-31", "sessions": [
                {"id": "aa01", "date": "2026-01-12", "minutes": 60, "format": "individual",
                 "modality": null, "provider": "Lucía Pérez", "credential": "IMHM-C",
                 "about_rsc_provided": false}]}
        ]
    })
}

fn age_to(recipient: &str, plain: &[u8]) -> Vec<u8> {
    let to = age::x25519::Recipient::from_str(recipient).unwrap();
    age::encrypt(&to, plain).unwrap()
}

/// The manifest signed by test identity `seed`, in its envelope, encrypted to the receiver.
fn signed(r: &Receiver, seed: u8, manifest: &Value) -> Vec<u8> {
    let id = Identity::from_test_seed(seed).unwrap();
    age_to(
        &r.age,
        &sign_manifest(&id, &serde_json::to_vec(manifest).unwrap()).unwrap(),
    )
}

fn bundle(r: &Receiver, manifest: &Value) -> Vec<u8> {
    signed(r, 2, manifest)
}

/// Base64 with padding, for an armoured age file.
fn base64(b: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn cases(r: &Receiver) -> Vec<Case> {
    let g = good(r);
    let mut g2 = g.clone();
    g2["bundle_id"] = json!("ffeeddccbbaa99887766554433221100");
    let mut out = Vec::new();
    let mut add =
        |what: &str, bytes: Vec<u8>, e: Expect| out.push(case(what, "attune-share", bytes, e));
    let damaged = |m: &str| refused("share_damaged", m);
    let inner = sign_manifest(
        &Identity::from_test_seed(2).unwrap(),
        &serde_json::to_vec(&g2).unwrap(),
    )
    .unwrap();
    let ok = age_to(&r.age, &inner);
    // The age layer.
    add(
        "empty",
        Vec::new(),
        damaged("not an Attune share bundle or attestation"),
    );
    add(
        "a-zip-file",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
        damaged("not an Attune share bundle or attestation"),
    );
    add(
        "not-encrypted",
        inner.clone(),
        damaged("not an Attune share bundle or attestation"),
    );
    add(
        "age-header-only",
        b"age-encryption.org/v1\n".to_vec(),
        damaged("truncated"),
    );
    add(
        "age-version-2",
        {
            let mut b = ok.clone();
            assert_eq!(&b[..21], b"age-encryption.org/v1");
            b[20] = b'2';
            b
        },
        refused("share_version", "an unknown age version"),
    );
    add(
        "armoured",
        format!(
            "-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n",
            base64(&ok)
        )
        .into_bytes(),
        damaged("not an Attune share bundle or attestation"),
    );
    add(
        "for-someone-else",
        age_to(
            &Identity::from_test_seed(1).unwrap().age_recipient(),
            &inner,
        ),
        refused("share_not_for_me", "encrypted for someone else"),
    );
    let pass = age::scrypt::Recipient::new(age::secrecy::SecretString::from(
        "hunter2 hunter2".to_owned(),
    ));
    add(
        "passphrase-encrypted",
        age::encrypt(&pass, &inner).unwrap(),
        refused("share_damaged", "it has a recipient of type \"scrypt\""),
    );
    let header_end = ok.windows(4).position(|w| w == b"\n---").unwrap();
    add(
        "cut-in-the-header",
        ok[..header_end / 2].to_vec(),
        damaged("truncated"),
    );
    add(
        "cut-after-the-header",
        ok[..header_end + 48].to_vec(),
        damaged("truncated"),
    );
    add(
        "cut-in-the-payload",
        ok[..ok.len() - 20].to_vec(),
        damaged("truncated"),
    );
    add(
        "extended",
        [ok.as_slice(), &[0u8; 17]].concat(),
        damaged("damaged"),
    );
    let flip = |at: usize| {
        let mut b = ok.clone();
        b[at] ^= 0x01;
        b
    };
    add(
        "payload-byte-flipped",
        flip(ok.len() - 30),
        damaged("damaged"),
    );
    add(
        "header-mac-flipped",
        flip(header_end + 10),
        damaged("damaged"),
    );
    add(
        "stanza-body-flipped",
        flip(header_end - 5),
        damaged("damaged"),
    );
    // The envelope inside.
    let text = String::from_utf8(inner.clone()).unwrap();
    let seal = |b: &[u8]| age_to(&r.age, b);
    add(
        "inner-empty",
        seal(b""),
        damaged("not an Attune share bundle"),
    );
    add(
        "inner-an-attestation-magic",
        seal(text.replacen("attune-share", "attune-attest", 1).as_bytes()),
        damaged("not an Attune share bundle"),
    );
    add(
        "inner-magic-prefix",
        seal(b"attune-sha"),
        damaged("truncated"),
    );
    add(
        "inner-version-2",
        seal(
            text.replacen("attune-share v1", "attune-share v2", 1)
                .as_bytes(),
        ),
        refused("share_version", "format version 2"),
    );
    add(
        "inner-version-letters",
        seal(
            text.replacen("attune-share v1", "attune-share vZ", 1)
                .as_bytes(),
        ),
        damaged("damaged"),
    );
    add(
        "inner-cut-in-the-manifest",
        seal(&inner[..inner.len() / 2]),
        damaged("truncated"),
    );
    add(
        "inner-cut-in-the-signature",
        seal(&inner[..inner.len() - 9]),
        damaged("truncated"),
    );
    add(
        "inner-trailing-bytes",
        seal(&[inner.as_slice(), b"\n"].concat()),
        damaged("after its end"),
    );
    add(
        "inner-crlf",
        seal(text.replace('\n', "\r\n").as_bytes()),
        damaged("damaged"),
    );
    let sig_at = text.rfind('}').unwrap() + 2;
    add(
        "inner-signature-upper-case",
        seal(format!("{}{}", &text[..sig_at], text[sig_at..].to_ascii_uppercase()).as_bytes()),
        damaged("damaged"),
    );
    let bad_sig = || refused("share_bad_signature", "signature does not match");
    add(
        "manifest-edited-after-signing",
        seal(text.replacen("Bath time", "Bath tide", 1).as_bytes()),
        bad_sig(),
    );
    add("signed-by-another-key", signed(r, 3, &g2), bad_sig());
    let mut renamed = g2.clone();
    renamed["sender"]["name"] = json!("Lucia Perez");
    add(
        "sender-card-renamed",
        bundle(r, &renamed),
        refused(
            "share_bad_signature",
            "sender's contact card's signature does not match",
        ),
    );
    add(
        "manifest-not-json",
        seal(
            &[
                b"attune-share v1\nnot json\n".as_slice(),
                "0".repeat(128).as_bytes(),
                b"\n",
            ]
            .concat(),
        ),
        invalid("share bundle content", "does not parse"),
    );
    // The manifest, correctly signed.
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = g2.clone();
        f(&mut v);
        bundle(r, &v)
    };
    let parse = |m: &str| invalid("share bundle content", m);
    add(
        "format-2",
        edit(&|v| v["format"] = json!(2)),
        refused("share_version", "format version 2"),
    );
    add(
        "format-string",
        edit(&|v| v["format"] = json!("1")),
        parse("does not parse"),
    );
    for k in [
        "format",
        "bundle_id",
        "created_at",
        "sender",
        "recipient",
        "items",
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
        "forwarded",
        edit(&|v| v["recipient"] = json!("0".repeat(64))),
        refused("share_not_for_me", "forwarded"),
    );
    add(
        "recipient-upper-case",
        edit(&|v| v["recipient"] = json!(r.fingerprint.to_ascii_uppercase())),
        parse("does not parse"),
    );
    add(
        "bundle-id-short",
        edit(&|v| v["bundle_id"] = json!("0011")),
        invalid("share bundle bundle_id", "is not 32 lower-case hex digits"),
    );
    add(
        "bundle-id-upper-case",
        edit(&|v| v["bundle_id"] = json!("FFEEDDCCBBAA99887766554433221100")),
        invalid("share bundle bundle_id", "is not 32 lower-case hex digits"),
    );
    add(
        "created-at-not-a-time",
        edit(&|v| v["created_at"] = json!("yesterday")),
        parse("does not parse"),
    );
    add(
        "items-an-object",
        edit(&|v| v["items"] = json!({})),
        parse("does not parse"),
    );
    add(
        "item-type-unknown",
        edit(&|v| v["items"][0]["type"] = json!("photo")),
        parse("does not parse"),
    );
    add(
        "item-no-type",
        edit(&|v| {
            v["items"][0].as_object_mut().unwrap().remove("type");
        }),
        parse("does not parse"),
    );
    let refl =
        |k: &'static str, val: Value| edit(&move |v: &mut Value| v["items"][0][k] = val.clone());
    let item = |n: u64, f: &str, m: &str| invalid(&format!("share bundle item {n}: {f}"), m);
    add(
        "reflection-kind-unknown",
        refl("kind", json!("dream")),
        parse("does not parse"),
    );
    add(
        "reflection-date-impossible",
        refl("date", json!("2026-02-30")),
        parse("does not parse"),
    );
    add(
        "reflection-id-upper-case",
        refl("id", json!("ABCD0123")),
        item(1, "id", "is not a reflection id"),
    );
    add(
        "reflection-id-empty",
        refl("id", json!("")),
        item(1, "id", "is not a reflection id"),
    );
    add(
        "reflection-id-65-digits",
        refl("id", json!("a".repeat(65))),
        item(1, "id", "is not a reflection id"),
    );
    add(
        "reflection-title-over-256-kib",
        refl("title", json!("t".repeat(256 * 1024 + 1))),
        item(1, "title", "longer than 256 KB"),
    );
    add(
        "reflection-section-unknown",
        refl("sections", json!({"diary": "x"})),
        parse("does not parse"),
    );
    add(
        "reflection-extra-key",
        refl("tags", json!(["sleep"])),
        parse("unknown field `tags`"),
    );
    let sess = |k: &'static str, val: Value| {
        edit(&move |v: &mut Value| v["items"][1]["sessions"][0][k] = val.clone())
    };
    add(
        "sessions-period-backwards",
        edit(&|v| {
            v["items"][1]["from"] = json!("2026-03-31");
            v["items"][1]["to"] = json!("2026-01-01");
        }),
        item(
            2,
            "period",
            "ends (2026-01-01) before it starts (2026-03-31)",
        ),
    );
    add(
        "session-minutes-zero",
        sess("minutes", json!(0)),
        item(2, "minutes", "0 is not from 1 to 1440"),
    );
    add(
        "session-minutes-1441",
        sess("minutes", json!(1441)),
        item(2, "minutes", "1441 is not from 1 to 1440"),
    );
    add(
        "session-minutes-negative",
        sess("minutes", json!(-5)),
        parse("does not parse"),
    );
    add(
        "session-date-outside",
        sess("date", json!("2026-04-01")),
        item(2, "date", "2026-04-01 is outside the period"),
    );
    add(
        "session-id-not-hex",
        sess("id", json!("zz")),
        item(2, "session id", "is not a session id"),
    );
    add(
        "session-provider-201-chars",
        sess("provider", json!("p".repeat(201))),
        item(2, "provider", "is too long"),
    );
    add(
        "session-credential-65-bytes",
        sess("credential", json!("C".repeat(65))),
        item(2, "provider", "is too long"),
    );
    add(
        "session-format-unknown",
        sess("format", json!("triad")),
        parse("does not parse"),
    );
    add(
        "session-modality-unknown",
        sess("modality", json!("carrier pigeon")),
        parse("does not parse"),
    );
    add(
        "session-extra-key",
        sess("note", json!("private")),
        parse("unknown field `note`"),
    );
    let comment = json!({"type": "comment", "id": "c0ffee01", "reflection_id": "abcd0123",
                         "text": "What did the hurry feel like?", "written_at": "2026-04-01T09:59:00Z"});
    let com = |k: &'static str, val: Value| {
        let mut c = comment.clone();
        c[k] = val;
        edit(&move |v: &mut Value| v["items"] = json!([c.clone()]))
    };
    add(
        "comment-id-not-hex",
        com("id", json!("hello")),
        item(1, "comment id", "is not an id"),
    );
    add(
        "comment-reflection-id-empty",
        com("reflection_id", json!("")),
        item(1, "comment id", "is not an id"),
    );
    add(
        "comment-over-64-kib",
        com("text", json!("c".repeat(64 * 1024 + 1))),
        item(1, "comment", "longer than 64 KB"),
    );
    add(
        "comment-written-at-not-a-time",
        com("written_at", json!("2026-04-01")),
        parse("does not parse"),
    );
    add(
        "comment-extra-key",
        com("author", json!("Lucía")),
        parse("unknown field `author`"),
    );
    // What the receiving vault refuses.
    let mut unknown = g2.clone();
    unknown["sender"] = fields(4, "Dana Unknown", "supervisor").json();
    add(
        "sender-not-a-contact",
        signed(r, 4, &unknown),
        refused("share_sender_unknown", "is not one of your contacts"),
    );
    let mut unverified = g2.clone();
    unverified["sender"] = fields(3, "Mallory Other", "supervisor").json();
    add(
        "sender-not-verified",
        signed(r, 3, &unverified),
        refused("share_sender_unverified", "you have not verified"),
    );
    let mut replayed = g.clone();
    replayed["items"][0]["title"] = json!("Bath time, again");
    add(
        "replayed-bundle-id",
        bundle(r, &replayed),
        refused("share_replayed", "already received with different content"),
    );
    out
}
