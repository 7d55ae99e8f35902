//! Preparing the next supervision with one person: what they asked to bring (the "to
//! bring to supervision" sections they shared), their reflections still unanswered, and
//! what I wrote to hold in mind next time, in one list that prints.

use chrono::NaiveDate;
use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::person_name::shown_name;
use crate::share::{ContactRef, Section, Sharing};

/// One line of the list: which reflection (or note) it comes from, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrepItem {
    /// The shared reflection's record id, or the note's.
    pub id: String,
    /// Its date.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// The reflection's title (empty for a note).
    pub title: String,
    /// The text to bring.
    pub text: String,
}

/// Everything to have in hand for the next supervision with one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionPrep {
    /// Their name.
    pub name: String,
    /// Their fingerprint, grouped.
    pub fingerprint: String,
    /// What they wrote to bring to supervision, newest first (archived reflections left out).
    pub to_bring: Vec<PrepItem>,
    /// Their reflections with no comment of mine, not discussed, not archived, newest first
    /// (the text is the reflection's title, or its first section when untitled).
    pub unanswered: Vec<PrepItem>,
    /// What I wrote to hold in mind next time, in my private notes, newest first.
    pub my_notes: Vec<PrepItem>,
    /// My comments on their reflections not sent yet.
    pub unsent_comments: usize,
}

/// The list for the next supervision with `who`.
pub fn prepare(
    sharing: &Sharing,
    desk: &Desk,
    who: impl Into<ContactRef>,
) -> Result<SupervisionPrep> {
    let contact = sharing.resolve_contact(who)?;
    let fp = contact.card.fingerprint();
    let me = sharing.existing_identity().map(|(_, fp)| fp);
    // One sender's reflections come newest first.
    let theirs: Vec<_> = sharing
        .shared_reflections()
        .into_iter()
        .filter(|r| r.from == fp && !r.archived)
        .collect();
    let item = |r: &crate::share::SharedReflection, text: &str| PrepItem {
        id: r.id.clone(),
        date: r.reflection.date,
        title: r.reflection.title.clone(),
        text: text.to_owned(),
    };
    let to_bring = theirs
        .iter()
        .filter_map(|r| {
            r.reflection
                .sections
                .get(&Section::ForSupervision)
                .filter(|t| !t.trim().is_empty())
                .map(|t| item(r, t))
        })
        .collect();
    let unanswered = theirs
        .iter()
        .filter(|r| {
            !r.discussed
                && !sharing
                    .comments_on(fp, &r.reflection.id)
                    .iter()
                    .any(|c| Some(c.author) == me)
        })
        .map(|r| {
            let first = r
                .reflection
                .sections
                .values()
                .next()
                .map_or("", String::as_str);
            item(
                r,
                if r.reflection.title.is_empty() {
                    first
                } else {
                    &r.reflection.title
                },
            )
        })
        .collect();
    let my_notes = desk
        .notes_about(fp)
        .into_iter()
        .filter(|n| !n.content.next_time.is_empty())
        .map(|n| PrepItem {
            id: n.id.clone(),
            date: n.content.date,
            title: String::new(),
            text: n.content.next_time.clone(),
        })
        .collect();
    Ok(SupervisionPrep {
        name: shown_name(contact.card.name()),
        fingerprint: fp.to_string(),
        to_bring,
        unanswered,
        my_notes,
        unsent_comments: sharing
            .comments()
            .iter()
            .filter(|c| c.owner == fp && Some(c.author) == me && !c.sent)
            .count(),
    })
}
