//! What would leave: the exact items a share bundle would carry, for the user to check
//! before anything is made, and the contact it may go to.

use std::collections::BTreeMap;

use super::bundle::{Section, SessionItem, SharedItem, SharedReflectionItem};
use super::card::ContactCard;
use super::model::{Contact, ContactRef, Outgoing, ShareEntry, ShareRequest, Sharing};
use crate::error::{Error, Result};
use crate::hours::Hours;
use crate::journal::Journal;
use crate::person_name::shown_name;

/// The grouped fingerprint of a card, for messages.
pub(crate) fn shown(card: &ContactCard) -> String {
    card.fingerprint().to_string()
}

/// The contact `reference` names, if the user has verified their fingerprint: nothing is
/// sent to a contact before that.
pub(crate) fn verified_contact<'a>(
    sharing: &'a Sharing,
    reference: &ContactRef,
) -> Result<&'a Contact> {
    let c = sharing.resolve_contact(reference)?;
    if !c.verified {
        return Err(Error::invalid(
            "contact",
            format!(
                "{} ({}) is not verified yet{}: compare the fingerprint with them, then mark them verified (in Sharing → Contacts, or `attune contact verify`)",
                shown_name(c.card.name()),
                shown(&c.card),
                match &c.renamed_from {
                    Some(old) => format!(" (their card's name changed from {})", shown_name(old)),
                    None => String::new(),
                }
            ),
        ));
    }
    Ok(c)
}

/// Exactly what a share would send, without sending it: for the user to check. Reflections
/// carry only the sections chosen (every section with text when none is chosen); sessions
/// carry no notes.
pub fn preview(
    sharing: &Sharing,
    journal: &Journal,
    hours: &Hours,
    req: &ShareRequest,
) -> Result<Outgoing> {
    let contact = verified_contact(sharing, &req.to)?;
    let items = items(journal, hours, req)?;
    Ok(Outgoing {
        to: shown_name(contact.card.name()),
        fingerprint: shown(&contact.card),
        short_fingerprint: contact.card.fingerprint().short(),
        items,
    })
}

fn reflection_item(
    journal: &Journal,
    id: &str,
    sections: &[Section],
) -> Result<SharedReflectionItem> {
    let r = journal.resolve(id)?;
    let c = &r.content;
    let chosen: Vec<Section> = if sections.is_empty() {
        Section::ALL.to_vec()
    } else {
        sections.to_vec()
    };
    let texts: BTreeMap<Section, String> = chosen
        .iter()
        .filter(|s| !s.of(c).is_empty())
        .map(|s| (*s, s.of(c).to_owned()))
        .collect();
    if texts.is_empty() {
        return Err(Error::invalid(
            "sections",
            format!(
                "reflection {} has no text in the sections chosen ({})",
                &r.id[..8.min(r.id.len())],
                chosen
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(SharedReflectionItem {
        id: r.id.clone(),
        kind: c.kind,
        date: c.date,
        title: c.title.clone(),
        family: c.family.clone(),
        sections: texts,
    })
}

fn items(journal: &Journal, hours: &Hours, req: &ShareRequest) -> Result<Vec<SharedItem>> {
    let mut items = Vec::new();
    let mut seen = Vec::new();
    for ShareEntry { id, sections } in &req.entries {
        let full_id = &journal.resolve(id)?.id;
        if seen.contains(full_id) {
            continue;
        }
        seen.push(full_id.clone());
        items.push(SharedItem::Reflection(reflection_item(
            journal, full_id, sections,
        )?));
    }
    if let Some(period) = req.hours {
        let (Some(from), Some(to)) = (period.from, period.to) else {
            return Err(Error::invalid(
                "hours",
                "give both the first and the last day of the period",
            ));
        };
        if to < from {
            return Err(Error::invalid(
                "hours",
                format!("the period ends ({to}) before it starts ({from})"),
            ));
        }
        let sessions: Vec<SessionItem> = hours
            .sessions_in(period)
            .into_iter()
            .map(|s| SessionItem {
                id: s.id.clone(),
                date: s.content.date,
                minutes: s.content.minutes,
                format: s.content.format,
                modality: s.content.modality,
                provider: s.content.provider.clone(),
                credential: s.content.credential.clone(),
                about_rsc_provided: s.content.about_rsc_provided,
            })
            .collect();
        if sessions.is_empty() {
            return Err(Error::invalid(
                "hours",
                format!("no sessions logged from {from} to {to}"),
            ));
        }
        items.push(SharedItem::Sessions { from, to, sessions });
    }
    if items.is_empty() {
        return Err(Error::invalid(
            "share",
            "nothing to share: choose reflections and/or a period of hours",
        ));
    }
    Ok(items)
}
