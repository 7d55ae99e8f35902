//! Who I am to others (my name, fingerprint and card) and the people I share with.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::hours::provider_key;
use crate::person_name::{check_person_name, shown_name};
use crate::share::{AddedContact, Contact};
use crate::vault::Vault;
use crate::Role;

/// My identity (the window's `my_identity`): what others need to share with me.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MyIdentity {
    /// The name on my card (empty until set).
    pub name: String,
    /// Why my name cannot go on a card, when it was set before today's rule (hidden or
    /// text-direction characters, or it looks like a fingerprint): set it again.
    pub name_problem: Option<String>,
    /// Practitioner or supervisor.
    pub role: Role,
    /// My fingerprint in groups of four, to read aloud.
    pub fingerprint: String,
    /// My contact card as text to paste into a message.
    pub card: String,
    /// Other spellings of my name that sessions I can sign may give as their provider.
    pub provider_spellings: Vec<String>,
}

/// A contact: someone whose card I added.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactView {
    /// Their fingerprint in groups of four: also how commands name them.
    pub fingerprint: String,
    /// Its first two groups, shown beside the name wherever the name stands for them.
    pub short_fingerprint: String,
    /// The name on their card (any hidden character written out, see
    /// [`shown_name`]).
    pub name: String,
    /// Practitioner or supervisor.
    pub role: Role,
    /// Whether I confirmed the fingerprint with them (under the name their card has now).
    pub verified: bool,
    /// The name they were verified under, when their card has come back under another
    /// since: "name changed from …", until verified again.
    pub renamed_from: Option<String>,
    /// When I added the card.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub added_at: DateTime<Utc>,
}

impl ContactView {
    /// Contact `c` as lists show it.
    pub fn of(c: &Contact) -> Self {
        let fp = c.card.fingerprint();
        ContactView {
            fingerprint: fp.to_string(),
            short_fingerprint: fp.short(),
            name: shown_name(c.card.name()),
            role: c.card.role(),
            verified: c.verified,
            renamed_from: c.renamed_from.as_deref().map(shown_name),
            added_at: c.added_at,
        }
    }
}

/// A card just added (the window's `add_contact`): the contact, and whether it was new.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedContactView {
    /// The contact as stored.
    pub contact: ContactView,
    /// False when the card was already a contact (its name and role are updated).
    pub new: bool,
}

impl AddedContactView {
    /// What adding a card did, as the shells report it.
    pub fn of(added: &AddedContact) -> Self {
        AddedContactView {
            contact: ContactView::of(&added.contact),
            new: added.new,
        }
    }
}

/// The order of a list of contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactOrder {
    /// By name (case, accents and spacing as provider names compare), then fingerprint:
    /// the window's list.
    ByName,
    /// In the order the cards were added: `attune contact list`.
    Added,
}

/// Every contact, in `order`.
pub fn contacts(vault: &Vault, order: ContactOrder) -> Vec<ContactView> {
    let mut list: Vec<ContactView> = vault
        .sharing()
        .contacts()
        .iter()
        .map(ContactView::of)
        .collect();
    if order == ContactOrder::ByName {
        list.sort_by(|a, b| {
            provider_key(&a.name)
                .cmp(&provider_key(&b.name))
                .then(a.fingerprint.cmp(&b.fingerprint))
        });
    }
    list
}

/// My name, role, fingerprint and card (no card until the vault has a name: a card needs
/// one). Takes `&mut`: a vault made before sharing existed gets its identity here, on first
/// use, as every use of the sharing editor does.
pub fn my_identity(vault: &mut Vault) -> Result<MyIdentity> {
    let fingerprint = vault.sharing_mut().my_fingerprint()?.to_string();
    let (name, role) = (vault.profile().name.clone(), vault.profile().role);
    let name_problem = if name.trim().is_empty() {
        None
    } else {
        check_person_name("name", &name)
            .err()
            .map(|e| e.to_string())
    };
    let card = if name.trim().is_empty() || name_problem.is_some() {
        String::new()
    } else {
        vault.sharing_mut().my_card()?.to_text()
    };
    Ok(MyIdentity {
        name: shown_name(&name),
        name_problem,
        role,
        fingerprint,
        card,
        provider_spellings: vault.profile().provider_spellings.clone(),
    })
}
