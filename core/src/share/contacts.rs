//! Contacts: which contact a reference names (a whole fingerprint exactly, or what was
//! typed on the command line), and what a card coming back under a new name does to a
//! verified contact.

use super::card::{normalise_typed, ContactCard, Fingerprint, MIN_FINGERPRINT_PREFIX};
use super::model::{Contact, ContactRef, Sharing};
use crate::error::{Error, Result};
use crate::hours::provider_key;
use crate::person_name::check_person_name;

impl Sharing {
    /// The contact with this fingerprint.
    pub fn contact(&self, fp: Fingerprint) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.card.fingerprint() == fp)
    }

    /// The contact whose whole fingerprint is `given` (as shown, or in hex): exactly, never
    /// by name or prefix.
    pub fn contact_by_fingerprint(&self, given: &str) -> Result<&Contact> {
        self.contacts
            .iter()
            .find(|c| c.card.fingerprint().is(given))
            .ok_or_else(|| Error::NotFound {
                kind: "contact",
                id: given.trim().to_owned(),
            })
    }

    /// The contact `reference` names: by whole fingerprint, or as typed (see
    /// [`ContactRef::Typed`]). A typed reference that is both a name and the start of
    /// another contact's fingerprint, or the start of several, is ambiguous.
    pub fn resolve_contact(&self, reference: impl Into<ContactRef>) -> Result<&Contact> {
        let reference = reference.into();
        let typed = match &reference {
            ContactRef::Fingerprint(fp) => return self.contact_by_fingerprint(fp),
            ContactRef::Typed(typed) => typed,
        };
        let key = provider_key(typed);
        let chars = normalise_typed(typed);
        let by_fingerprint = chars.len() >= MIN_FINGERPRINT_PREFIX;
        let found: Vec<&Contact> = self
            .contacts
            .iter()
            .filter(|c| {
                provider_key(c.card.name()) == key
                    || (by_fingerprint && c.card.fingerprint().matches_prefix(typed))
            })
            .collect();
        let looks_typed_fingerprint =
            !chars.is_empty() && chars.chars().all(|c| c.is_ascii_alphanumeric() && c != 'U');
        match found.as_slice() {
            [one] => Ok(one),
            [] if !by_fingerprint && looks_typed_fingerprint && chars.len() >= 4 => {
                Err(Error::invalid(
                    "contact",
                    format!(
                        "no contact is named {:?}, and {} fingerprint characters are too few to name one: give at least {MIN_FINGERPRINT_PREFIX} (as `attune contact list` shows them), or their name",
                        typed.trim(),
                        chars.len()
                    ),
                ))
            }
            [] => Err(Error::NotFound {
                kind: "contact",
                id: typed.trim().to_owned(),
            }),
            _ => Err(Error::AmbiguousId {
                kind: "contact",
                id: typed.trim().to_owned(),
            }),
        }
    }
}

/// Contact `old` with the card `card` of the same keys: a new name drops the verification,
/// remembering the name it was verified under until the user confirms them again.
pub(crate) fn renamed(old: &Contact, card: ContactCard) -> Contact {
    if card.name() == old.card.name() {
        return Contact {
            card,
            ..old.clone()
        };
    }
    let verified_as = old
        .renamed_from
        .clone()
        .or_else(|| old.verified.then(|| old.card.name().to_owned()))
        .filter(|name| name.as_str() != card.name());
    Contact {
        card,
        verified: false,
        verified_at: None,
        renamed_from: verified_as,
        ..old.clone()
    }
}

/// The sender's contact, updated, when the card a received file was signed with carries
/// another name than theirs: the file is theirs (the keys are), but the new name drops the
/// verification, as adding the card would. A new name that breaks the name rule refuses
/// the file.
pub(crate) fn renamed_sender(sharing: &Sharing, card: &ContactCard) -> Result<Option<Contact>> {
    let Some(old) = sharing.contact(card.fingerprint()) else {
        return Ok(None);
    };
    if old.card.name() == card.name() {
        return Ok(None);
    }
    check_person_name("card name", card.name())?;
    Ok(Some(renamed(old, card.clone())))
}
