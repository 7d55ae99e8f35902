//! Contact cards: a name, a role, an Ed25519 public key and an age recipient, signed by the
//! key it carries. The signature proves the card was made by whoever holds the key and that
//! the name and the age key go with it; whether that person is who they say is settled by
//! two people reading the fingerprint to each other.
//!
//! Text form (pasteable into an e-mail or a chat; every line under 80 characters; read and
//! written in [`text`]):
//! ```text
//! -----BEGIN ATTUNE CONTACT CARD-----
//! Version: 1
//! Name: Lucía Pérez
//! Role: supervisor
//! Signing-Key: <64 hex digits>
//! Age-Recipient: age1...
//! Signature: <first 64 hex digits>
//!  <last 64 hex digits>
//! -----END ATTUNE CONTACT CARD-----
//! ```

mod text;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::identity::Identity;
use super::{domain, hex, sha256, unhex, verify_signature, ShareError};
use crate::error::{Error, Result};
use crate::person_name::{check_stored_name, person_name, NameError};
use crate::profile::Role;

/// The first line of a card's text form.
pub const CARD_BEGIN: &str = "-----BEGIN ATTUNE CONTACT CARD-----";
/// The last line of a card's text form.
pub const CARD_END: &str = "-----END ATTUNE CONTACT CARD-----";
/// Longest card text accepted, in bytes: a card is about 500; pasted e-mail around it is fine.
pub const MAX_CARD_TEXT_BYTES: usize = 64 * 1024;
/// Longest name on a card, in characters.
pub const MAX_CARD_NAME_CHARS: usize = crate::person_name::MAX_NAME_CHARS;
/// Characters of a fingerprint as shown (Crockford base32 of its first 20 bytes).
pub const FINGERPRINT_CHARS: usize = 32;
/// Fewest fingerprint characters that may name a contact as typed (40 bits): the short
/// form shown beside names.
pub const MIN_FINGERPRINT_PREFIX: usize = 8;

const CARD_VERSION: u32 = 1;
const CROCKFORD: base32::Alphabet = base32::Alphabet::Crockford;

/// A contact card, checked: its self-signature verifies and its fields are well formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CardJson", into = "CardJson")]
pub struct ContactCard {
    name: String,
    role: Role,
    signing_key: [u8; 32],
    age_recipient: String,
    signature: [u8; 64],
}

/// A card as it travels inside manifests and attestations, and as the vault stores it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardJson {
    name: String,
    role: String,
    signing_key: String,
    age_recipient: String,
    signature: String,
}

impl From<ContactCard> for CardJson {
    fn from(c: ContactCard) -> Self {
        CardJson {
            name: c.name,
            role: role_str(c.role).to_owned(),
            signing_key: hex(&c.signing_key),
            age_recipient: c.age_recipient,
            signature: hex(&c.signature),
        }
    }
}

impl TryFrom<CardJson> for ContactCard {
    type Error = Error;
    fn try_from(j: CardJson) -> Result<Self> {
        let signing_key = unhex::<32>(&j.signing_key)
            .ok_or_else(|| Error::invalid("card signing_key", "is not 64 lower-case hex digits"))?;
        let signature = unhex::<64>(&j.signature)
            .ok_or_else(|| Error::invalid("card signature", "is not 128 lower-case hex digits"))?;
        ContactCard::checked(
            check_stored_name,
            &j.name,
            &j.role,
            signing_key,
            &j.age_recipient,
            signature,
        )
    }
}

fn role_str(r: Role) -> &'static str {
    match r {
        Role::Practitioner => "practitioner",
        Role::Supervisor => "supervisor",
    }
}

/// The exact bytes a card's signature covers: each field length-prefixed (u32 big-endian),
/// so no two different cards sign alike.
fn signed_bytes(name: &str, role: Role, signing_key: &[u8; 32], age_recipient: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(160 + name.len());
    let version = CARD_VERSION.to_string();
    for field in [
        version.as_bytes(),
        name.as_bytes(),
        role_str(role).as_bytes(),
        signing_key.as_slice(),
        age_recipient.as_bytes(),
    ] {
        // Fields are short (a name is at most 800 bytes); saturate rather than wrap.
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}

impl ContactCard {
    /// Makes and signs the card of `identity` (a vault makes its own with
    /// [`Vault::my_card`](crate::Vault::my_card)).
    pub fn create(identity: &Identity, name: &str, role: Role) -> Result<ContactCard> {
        let name = person_name("name", name).map_err(|e| match e {
            NameError::Missing { .. } => Error::invalid(
                "name",
                "your vault has no name yet; set the name others will see (in Sharing → Contacts, or `attune identity set-name NAME`)",
            ),
            e => e.into(),
        })?;
        let signing_key = identity.signing_public_key();
        let age_recipient = identity.age_recipient();
        let signature = identity.sign(
            domain::CARD,
            &signed_bytes(&name, role, &signing_key, &age_recipient),
        )?;
        Ok(ContactCard {
            name,
            role,
            signing_key,
            age_recipient,
            signature,
        })
    }

    /// A card signed with `name` exactly as given, passing no name rule: what a hostile or an
    /// older Attune could make, for tests that show such a card is refused (or, when kept
    /// from before the rule, still opens). Not for the app.
    #[doc(hidden)]
    pub fn signed_with_any_name_for_tests(
        identity: &Identity,
        name: &str,
        role: Role,
    ) -> Result<ContactCard> {
        let signing_key = identity.signing_public_key();
        let age_recipient = identity.age_recipient();
        let signature = identity.sign(
            domain::CARD,
            &signed_bytes(name, role, &signing_key, &age_recipient),
        )?;
        Ok(ContactCard {
            name: name.to_owned(),
            role,
            signing_key,
            age_recipient,
            signature,
        })
    }

    /// Checks every field and the self-signature. A card read back from where it was kept
    /// (a vault, a bundle, an attestation) passes its name by the rule it was made under,
    /// [`check_stored_name`]; a card given to be added, by today's
    /// [`check_person_name`](crate::person_name::check_person_name).
    fn checked(
        name_rule: fn(&'static str, &str) -> std::result::Result<(), NameError>,
        name: &str,
        role: &str,
        signing_key: [u8; 32],
        age_recipient: &str,
        signature: [u8; 64],
    ) -> Result<ContactCard> {
        name_rule("card name", name)?;
        let role = Role::parse(role).map_err(|_| {
            Error::invalid(
                "card role",
                format!(
                    "{:?} is not practitioner or supervisor",
                    crate::hours::shorten(role)
                ),
            )
        })?;
        // Only the canonical spelling of a recipient: the one that is signed and hashed.
        let parsed: Option<age::x25519::Recipient> = age_recipient.parse().ok();
        if parsed.map(|r| r.to_string()).as_deref() != Some(age_recipient) {
            return Err(Error::invalid(
                "card age recipient",
                "is not an age X25519 recipient (age1...)",
            ));
        }
        if !verify_signature(
            &signing_key,
            domain::CARD,
            &signed_bytes(name, role, &signing_key, age_recipient),
            &signature,
        ) {
            return Err(ShareError::BadSignature("contact card").into());
        }
        Ok(ContactCard {
            name: name.to_owned(),
            role,
            signing_key,
            age_recipient: age_recipient.to_owned(),
            signature,
        })
    }

    /// The name its owner gave.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Practitioner or supervisor.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The Ed25519 public key.
    pub fn signing_key(&self) -> &[u8; 32] {
        &self.signing_key
    }

    /// The age recipient bundles to this person are encrypted to.
    pub fn age_recipient(&self) -> &str {
        &self.age_recipient
    }

    /// The fingerprint of the card's keys.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&self.signing_key, &self.age_recipient)
    }
}

/// Reads a card in the JSON form it has inside manifests and attestations, checking it as
/// [`ContactCard::parse`] does; `None` if it is not a valid card.
pub fn parse_json(bytes: &[u8]) -> Option<ContactCard> {
    serde_json::from_slice(bytes).ok()
}

/// A fingerprint: SHA-256 over a card's two public keys. Shown as 32 Crockford base32
/// characters in groups of 4 (160 bits), short enough to read aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of a signing key and an age recipient.
    pub fn of(signing_key: &[u8; 32], age_recipient: &str) -> Fingerprint {
        let mut input = Vec::with_capacity(domain::FINGERPRINT.len() + 32 + age_recipient.len());
        input.extend_from_slice(domain::FINGERPRINT);
        input.extend_from_slice(signing_key);
        input.extend_from_slice(age_recipient.as_bytes());
        Fingerprint(sha256(&input))
    }

    /// The full hash in hex, as manifests and attestations name a person.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// Parses [`Fingerprint::to_hex`].
    pub fn from_hex(s: &str) -> Option<Fingerprint> {
        unhex::<32>(s).map(Fingerprint)
    }

    /// The 32 characters shown to people, without separators.
    fn chars(&self) -> String {
        base32::encode(CROCKFORD, &self.0[..20])
    }

    /// Whether `typed` (at least [`MIN_FINGERPRINT_PREFIX`] characters; case, spaces,
    /// hyphens and the look-alikes I/L/O do not matter) is the start of this fingerprint.
    pub fn matches_prefix(&self, typed: &str) -> bool {
        let t = normalise_typed(typed);
        t.len() >= MIN_FINGERPRINT_PREFIX && self.chars().starts_with(&t)
    }

    /// Whether `given` is this whole fingerprint: as shown (all 32 characters, grouped or
    /// not, any case) or as hex (64 digits). Never a prefix, never a name.
    pub fn is(&self, given: &str) -> bool {
        let given = given.trim();
        given == self.to_hex() || normalise_typed(given) == self.chars()
    }

    /// The short form shown beside a name wherever a name stands for a person: the first
    /// two groups, `K7QM 3XZP`.
    pub fn short(&self) -> String {
        let chars = self.chars();
        match (chars.get(..4), chars.get(4..MIN_FINGERPRINT_PREFIX)) {
            (Some(a), Some(b)) => format!("{a} {b}"),
            _ => chars,
        }
    }
}

/// A fingerprint as typed, in the characters it is shown with.
pub(crate) fn normalise_typed(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\t'))
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect()
}

impl fmt::Display for Fingerprint {
    /// Groups of 4 separated by spaces: `K7QM 3XZP ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars = self.chars();
        let groups: Vec<&str> = (0..FINGERPRINT_CHARS)
            .step_by(4)
            .filter_map(|i| chars.get(i..i + 4))
            .collect();
        f.write_str(&groups.join(" "))
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Fingerprint::from_hex(&s)
            .ok_or_else(|| serde::de::Error::custom("a fingerprint is 64 lower-case hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> (Identity, ContactCard) {
        let id = Identity::generate().unwrap();
        let c = ContactCard::create(&id, "  Lucía   Pérez ", Role::Supervisor).unwrap();
        (id, c)
    }

    #[test]
    fn new_cards_named_to_mislead_are_refused_but_kept_ones_open() {
        let id = Identity::generate().unwrap();
        let other = card().1.fingerprint().to_string();
        for name in [
            other.as_str(),
            &other[..9],
            "Ana\u{202E}ziuR",
            "Ana\u{200B}Ruiz",
        ] {
            let c =
                ContactCard::signed_with_any_name_for_tests(&id, name, Role::Supervisor).unwrap();
            match ContactCard::parse(c.to_text().as_bytes()) {
                Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "card name"),
                other => panic!("{name:?}: {other:?}"),
            }
            assert!(ContactCard::create(&id, name, Role::Supervisor).is_err());
            // Kept in a vault before the rule: still opens.
            let json = serde_json::to_vec(&c).unwrap();
            assert_eq!(parse_json(&json), Some(c));
        }
    }

    #[test]
    fn fingerprints_group_and_match_as_typed() {
        let (_, c) = card();
        let fp = c.fingerprint();
        let shown = fp.to_string();
        assert_eq!(shown.len(), FINGERPRINT_CHARS + 7);
        assert_eq!(shown.split(' ').count(), 8);
        assert!(fp.matches_prefix(&shown[..9].to_lowercase()));
        assert!(fp.matches_prefix(&shown.replace(' ', "-")));
        assert!(!fp.matches_prefix(&shown[..3]));
        assert!(!fp.matches_prefix(&shown[..8]), "7 characters are too few");
        assert_eq!(fp.short(), shown[..9]);
        assert!(fp.is(&shown) && fp.is(&shown.to_lowercase().replace(' ', "")));
        assert!(fp.is(&fp.to_hex()));
        assert!(!fp.is(&shown[..9]) && !fp.is(c.name()));
        assert_eq!(Fingerprint::from_hex(&fp.to_hex()), Some(fp));
    }
}
