//! Contact cards in the text form (`contact add`), each signed as it stands unless the
//! signature is what is at fault.

use attune_core::share::Identity;
use serde_json::{json, Value};

use crate::signed::card_signature;
use crate::{case, invalid, refused, Case};

/// The fields of a card, each as written on its line.
#[derive(Clone)]
pub struct Fields {
    pub name: String,
    pub role: String,
    pub key: String,
    pub age: String,
    pub sig: String,
}

/// The fields of test identity `seed`'s card under `name`, correctly signed.
pub fn fields(seed: u8, name: &str, role: &str) -> Fields {
    let id = Identity::from_test_seed(seed).unwrap();
    let age = id.age_recipient();
    Fields {
        name: name.to_owned(),
        role: role.to_owned(),
        key: hex(&id.signing_public_key()),
        sig: card_signature(seed, name, role, &age),
        age,
    }
}

/// Lucía Pérez (test identity 2), the supervisor every good card is of.
pub fn lucia() -> Fields {
    fields(2, "Lucía Pérez", "supervisor")
}

/// `f` with the name `name`, signed again (so only the name is at fault).
fn named(name: &str) -> Fields {
    fields(2, name, "supervisor")
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl Fields {
    pub fn text(&self) -> String {
        let (a, b) = self.sig.split_at(self.sig.len().min(64));
        format!(
            "-----BEGIN ATTUNE CONTACT CARD-----\nVersion: 1\nName: {}\nRole: {}\nSigning-Key: {}\nAge-Recipient: {}\nSignature: {a}\n {b}\n-----END ATTUNE CONTACT CARD-----\n",
            self.name, self.role, self.key, self.age
        )
    }
    pub fn json(&self) -> Value {
        json!({"name": self.name, "role": self.role, "signing_key": self.key,
               "age_recipient": self.age, "signature": self.sig})
    }
}

fn card(what: &str, text: impl Into<Vec<u8>>, expect: crate::Expect) -> Case {
    case(what, "attune-card", text, expect)
}

/// The good card's text with `from` replaced by `to` (the first time).
fn edited(from: &str, to: &str) -> String {
    let t = lucia().text();
    assert!(t.contains(from), "{from:?}");
    t.replacen(from, to, 1)
}

const NOT_A_CARD: &str = "not an Attune contact card";
pub const NOT_NORMAL: &str = "is not in normal form (extra spaces, or characters not composed)";

/// What the person-name rule says of `name`: its first control character, else its form.
pub fn name_fault(name: &str) -> String {
    match name.chars().find(|c| c.is_control()) {
        Some(c) => format!("contains the control character U+{:04X}", c as u32),
        None => NOT_NORMAL.to_owned(),
    }
}

pub fn text_cases() -> Vec<Case> {
    let good = lucia();
    let t = good.text();
    let not_card = || refused("share_damaged", NOT_A_CARD);
    let truncated = || refused("share_damaged", "truncated");
    let field = |f: &str, m: &str| invalid(f, m);
    let mut out = vec![
        card("empty", "", not_card()),
        card("only-white-space", " \n\t\n  \r\n", not_card()),
        card(
            "a-vcard",
            "BEGIN:VCARD\nVERSION:4.0\nFN:Lucía Pérez\nEND:VCARD\n",
            not_card(),
        ),
        card(
            "no-begin-line",
            t.replacen("-----BEGIN ATTUNE CONTACT CARD-----\n", "", 1),
            not_card(),
        ),
        card(
            "begin-misspelt",
            edited(
                "BEGIN ATTUNE CONTACT CARD-----",
                "BEGIN ATTUNE CONTACT CARD----",
            ),
            not_card(),
        ),
        card(
            "begin-lower-case",
            edited("BEGIN ATTUNE CONTACT CARD", "begin attune contact card"),
            not_card(),
        ),
        card(
            "a-pgp-key",
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----\n",
            not_card(),
        ),
        card(
            "begin-only",
            "-----BEGIN ATTUNE CONTACT CARD-----\n",
            truncated(),
        ),
        card(
            "no-end-line",
            t.replacen("-----END ATTUNE CONTACT CARD-----\n", "", 1),
            truncated(),
        ),
        card(
            "end-misspelt",
            edited(
                "-----END ATTUNE CONTACT CARD-----",
                "-----END ATTUNE CONTACT CARD",
            ),
            field(
                "contact card",
                "\"-----END ATTUNE CONTACT CARD\" is not a `Field: value` line",
            ),
        ),
        card(
            "cut-in-the-signature",
            &t[..t.find("Signature:").unwrap() + 40],
            truncated(),
        ),
        card(
            "cut-after-the-name",
            &t[..t.find("Role:").unwrap()],
            truncated(),
        ),
        card(
            "begin-then-end",
            "-----BEGIN ATTUNE CONTACT CARD-----\n-----END ATTUNE CONTACT CARD-----\n",
            field("contact card", "version is missing"),
        ),
        card(
            "not-utf8-latin1-name",
            latin1(&t),
            field("contact card", "is not UTF-8 text"),
        ),
        card(
            "utf16-with-bom",
            utf16(&t),
            field("contact card", "is not UTF-8 text"),
        ),
        card(
            "binary-noise",
            (0u8..=255).rev().cycle().take(700).collect::<Vec<u8>>(),
            field("contact card", "is not UTF-8 text"),
        ),
        card(
            "over-64-kib",
            format!("{}{t}", "x".repeat(64 * 1024)),
            field("contact card", "longer than 64 KB"),
        ),
        card(
            "continuation-first",
            "-----BEGIN ATTUNE CONTACT CARD-----\n Version: 1\n-----END ATTUNE CONTACT CARD-----\n",
            field("contact card", "a continued line has nothing above it"),
        ),
        card(
            "line-without-colon",
            edited("Role: supervisor", "Role supervisor"),
            field("contact card", "is not a `Field: value` line"),
        ),
        card(
            "name-twice",
            edited("Role:", "Name: Mallory Other\nRole:"),
            field("contact card", "name appears twice"),
        ),
        card(
            "version-twice-other-case",
            edited("Name:", "VERSION: 1\nName:"),
            field("contact card", "version appears twice"),
        ),
        card(
            "signature-twice",
            edited("-----END", "Signature: 00\n-----END"),
            field("contact card", "signature appears twice"),
        ),
        card(
            "unknown-field-email",
            edited("Role:", "Email: lucia@example.org\nRole:"),
            field("contact card", "unknown field \"email\""),
        ),
        card(
            "unknown-field-before-version",
            edited("Version: 1", "X-Comment: hi\nVersion: 1"),
            field("contact card", "unknown field \"x-comment\""),
        ),
        card(
            "empty-key",
            edited("Role:", ": value\nRole:"),
            field("contact card", "unknown field \"\""),
        ),
        card(
            "fingerprint-field",
            edited("Role:", "Fingerprint: Z1RX C9C1\nRole:"),
            field("contact card", "unknown field \"fingerprint\""),
        ),
        card(
            "version-2",
            edited("Version: 1", "Version: 2"),
            refused("share_version", "format version 2"),
        ),
        card(
            "version-0",
            edited("Version: 1", "Version: 0"),
            refused("share_version", "format version 0"),
        ),
        card(
            "version-1-point-0",
            edited("Version: 1", "Version: 1.0"),
            refused("share_version", "format version 1.0"),
        ),
        card(
            "version-v1",
            edited("Version: 1", "Version: v1"),
            refused("share_version", "format version v1"),
        ),
        card(
            "version-01",
            edited("Version: 1", "Version: 01"),
            refused("share_version", "format version 01"),
        ),
        card(
            "version-empty",
            edited("Version: 1", "Version:"),
            refused("share_version", "format version"),
        ),
        card(
            "version-huge",
            edited("Version: 1", "Version: 99999999999999999999999"),
            refused("share_version", "format version 99999999999999999999999"),
        ),
    ];
    for missing in ["Version", "Name", "Role", "Signing-Key", "Age-Recipient"] {
        let line = t.lines().find(|l| l.starts_with(missing)).unwrap();
        let lower = missing.to_ascii_lowercase();
        let expect = if missing == "Version" {
            field("contact card", "version is missing")
        } else {
            field("contact card", &format!("{lower} is missing"))
        };
        out.push(card(
            &format!("no-{lower}"),
            t.replacen(&format!("{line}\n"), "", 1),
            expect,
        ));
    }
    let sig_lines = t.find("Signature:").unwrap();
    let end = t.find("-----END").unwrap();
    out.push(card(
        "no-signature",
        format!("{}{}", &t[..sig_lines], &t[end..]),
        field("contact card", "signature is missing"),
    ));
    let key_err = || {
        field(
            "contact card Signing-Key",
            "is not 64 lower-case hex digits",
        )
    };
    for (what, key) in [
        ("key-upper-case", good.key.to_ascii_uppercase()),
        ("key-62-digits", good.key[..62].to_owned()),
        ("key-66-digits", format!("{}00", good.key)),
        ("key-not-hex", format!("{}zz", &good.key[..62])),
        ("key-empty", String::new()),
        (
            "key-with-spaces",
            format!("{} {}", &good.key[..32], &good.key[32..]),
        ),
        ("key-0x-prefix", format!("0x{}", &good.key[..62])),
        (
            "key-base64",
            "gTl3Dqh9F19Wo1RmxEx+zMuNipG07jeiXfYPW4/Js5Q=".to_owned(),
        ),
    ] {
        out.push(card(what, edited(&good.key, &key), key_err()));
    }
    let sig_err = || field("contact card Signature", "is not 128 lower-case hex digits");
    let sig_line = format!("Signature: {}\n {}\n", &good.sig[..64], &good.sig[64..]);
    for (what, sig) in [
        ("signature-upper-case", good.sig.to_ascii_uppercase()),
        ("signature-126-digits", good.sig[..126].to_owned()),
        ("signature-130-digits", format!("{}00", good.sig)),
        ("signature-not-hex", format!("{}xy", &good.sig[..126])),
        ("signature-first-half-only", good.sig[..64].to_owned()),
        ("signature-empty", String::new()),
    ] {
        out.push(card(
            what,
            t.replacen(&sig_line, &format!("Signature: {sig}\n"), 1),
            sig_err(),
        ));
    }
    let role_err = |r: &str| {
        field(
            "card role",
            &format!("{r:?} is not practitioner or supervisor"),
        )
    };
    for (what, role) in [
        ("role-admin", "admin"),
        ("role-empty", ""),
        ("role-both", "practitioner,supervisor"),
        ("role-french", "superviseure"),
    ] {
        let f = fields(2, "Lucía Pérez", role);
        out.push(card(what, f.text(), role_err(role)));
    }
    let age_err = || {
        field(
            "card age recipient",
            "is not an age X25519 recipient (age1...)",
        )
    };
    for (what, age) in [
        ("age-upper-case", good.age.to_ascii_uppercase()),
        (
            "age-bad-checksum",
            format!("{}q", &good.age[..good.age.len() - 1]),
        ),
        (
            "age-ssh-key",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
                .to_owned(),
        ),
        (
            "age-plugin",
            "age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t".to_owned(),
        ),
        (
            "age-secret-key",
            "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ".to_owned(),
        ),
        ("age-empty", String::new()),
        ("age-truncated", good.age[..40].to_owned()),
    ] {
        let f = Fields {
            sig: card_signature(2, &good.name, &good.role, &age),
            age,
            ..good.clone()
        };
        out.push(card(what, f.text(), age_err()));
    }
    let bad_sig = || refused("share_bad_signature", "signature does not match");
    let renamed = Fields {
        name: "Lucia Perez".into(),
        ..good.clone()
    };
    out.push(card("renamed", renamed.text(), bad_sig()));
    let promoted = Fields {
        role: "practitioner".into(),
        ..good.clone()
    };
    out.push(card("role-changed", promoted.text(), bad_sig()));
    let other = fields(3, "Mallory Other", "supervisor");
    out.push(card(
        "key-of-another",
        Fields {
            key: other.key.clone(),
            ..good.clone()
        }
        .text(),
        bad_sig(),
    ));
    let one_age = fields(1, "Robin Hale", "practitioner").age;
    let age_swapped = if one_age == good.age {
        fields(3, "x", "supervisor").age
    } else {
        one_age
    };
    if age_swapped != good.age {
        out.push(card(
            "age-of-another",
            Fields {
                age: age_swapped,
                ..good.clone()
            }
            .text(),
            bad_sig(),
        ));
    }
    out.push(card(
        "signature-of-another-card",
        Fields {
            sig: other.sig.clone(),
            ..good.clone()
        }
        .text(),
        bad_sig(),
    ));
    out.push(card(
        "signature-all-zero",
        Fields {
            sig: "0".repeat(128),
            ..good.clone()
        }
        .text(),
        bad_sig(),
    ));
    let mut flipped = good.sig.clone().into_bytes();
    flipped[127] = if flipped[127] == b'0' { b'1' } else { b'0' };
    out.push(card(
        "signature-last-digit",
        Fields {
            sig: String::from_utf8(flipped).unwrap(),
            ..good.clone()
        }
        .text(),
        bad_sig(),
    ));
    out.push(card(
        "name-folded-over-two-lines",
        edited("Name: Lucía Pérez\n", "Name: Lucía\n Pérez\n"),
        bad_sig(),
    ));
    // Names signed as they stand, so that only the name's form is at fault.
    for (what, name) in [
        ("name-two-spaces", "Lucía  Pérez"),
        ("name-tab", "Lucía\tPérez"),
        ("name-decomposed", "Luci\u{301}a Pe\u{301}rez"),
        ("name-no-break-space", "Lucía\u{a0}Pérez"),
        ("name-em-space", "Lucía\u{2003}Pérez"),
        ("name-ideographic-space", "Lucía\u{3000}Pérez"),
        ("name-ogham-space", "Lucía\u{1680}Pérez"),
        ("name-line-separator", "Lucía\u{2028}Pérez"),
        ("name-paragraph-separator", "Lucía\u{2029}Pérez"),
        ("name-next-line", "Lucía\u{85}Pérez"),
        ("name-narrow-no-break-space", "Lucía\u{202f}Pérez"),
        ("name-nul", "Lucía\u{0}Pérez"),
        ("name-bell", "Lucía\u{7}Pérez"),
        (
            "name-backspace",
            "Lucía Pérez\u{8}\u{8}\u{8}\u{8}\u{8}Admin",
        ),
        ("name-escape", "Lucía \u{1b}[31mPérez"),
        ("name-delete", "Lucía\u{7f}Pérez"),
        ("name-c1-control", "Lucía\u{9b}Pérez"),
        ("name-carriage-return", "Lucía\rPérez"),
        ("name-vertical-tab", "Lucía\u{b}Pérez"),
        ("name-form-feed", "Lucía\u{c}Pérez"),
    ] {
        out.push(card(
            what,
            named(name).text(),
            field("card name", &name_fault(name)),
        ));
    }
    out.push(card(
        "name-empty",
        named("").text(),
        field("card name", "is missing"),
    ));
    out.push(card(
        "name-201-characters",
        named(&"é".repeat(201)).text(),
        field("card name", "at most 200 characters"),
    ));
    out.push(card(
        "name-long-words",
        named(&["Lucía"; 40].join(" ")).text(),
        field("card name", "at most 200 characters"),
    ));
    // Refused since issue 14: names that read as another name, or as a fingerprint.
    let direction = |c: u32| format!("contains U+{c:04X}, a text-direction control");
    let invisible = |c: u32| format!("contains U+{c:04X}, an invisible character");
    let fingerprint = "looks like a fingerprint";
    for (what, name, expect) in [
        (
            "name-right-to-left-override",
            "Lucía \u{202e}zeréP",
            direction(0x202e),
        ),
        (
            "name-left-to-right-embedding",
            "\u{202a}Lucía Pérez",
            direction(0x202a),
        ),
        (
            "name-right-to-left-isolate",
            "Lucía \u{2067}Pérez\u{2069}",
            direction(0x2067),
        ),
        (
            "name-right-to-left-mark",
            "Lucía\u{200f} Pérez",
            direction(0x200f),
        ),
        (
            "name-arabic-letter-mark",
            "Lucía \u{61c}Pérez",
            direction(0x61c),
        ),
        (
            "name-zero-width-space",
            "Lu\u{200b}cía Pérez",
            invisible(0x200b),
        ),
        (
            "name-zero-width-joiner",
            "Lucía\u{200d} Pérez",
            invisible(0x200d),
        ),
        ("name-word-joiner", "Lucía \u{2060}Pérez", invisible(0x2060)),
        (
            "name-byte-order-mark",
            "Lucía \u{feff}Pérez",
            invisible(0xfeff),
        ),
        ("name-soft-hyphen", "Lu\u{ad}cía Pérez", invisible(0xad)),
        (
            "name-a-whole-fingerprint",
            "K7QM3XZP 4FJD9W2T NE8R6BAY",
            fingerprint.to_owned(),
        ),
        (
            "name-a-short-fingerprint",
            "K7QM 3XZP",
            fingerprint.to_owned(),
        ),
        ("name-hex", "3f9a0c7e5b21d4f8", fingerprint.to_owned()),
    ] {
        out.push(card(what, named(name).text(), field("card name", &expect)));
    }
    out
}

/// The text with its first "í" as one Latin-1 byte.
fn latin1(s: &str) -> Vec<u8> {
    let i = s.find('í').unwrap();
    let mut out = s.as_bytes()[..i].to_vec();
    out.push(0xED);
    out.extend_from_slice(&s.as_bytes()[i + 'í'.len_utf8()..]);
    out
}

fn utf16(s: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}
