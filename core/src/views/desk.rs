//! The supervisor's desk as both shells show it: one row per supervisee, and the RSC
//! provided as the attestations signed show it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::comments::CommentView;
use super::outgoing::SharedReflectionView;
use crate::desk::{
    issued, signed_provided, supervisees, IssuedRow, SignedProvidedLog, SuperviseeNote,
    SuperviseeRow,
};
use crate::error::Result;
use crate::hours::Period;
use crate::person_name::shown_name;
use crate::share::{Comment, ContactRef, Fingerprint, SessionToSign};
use crate::vault::Vault;

/// The desk's rows (see [`crate::desk::rows`]).
pub fn desk(vault: &Vault) -> Vec<SuperviseeRow> {
    supervisees(
        vault.sharing(),
        &vault.profile().provider_names(),
        vault.desk(),
    )
}

/// The RSC provided in `period`, from the attestations this vault signed.
pub fn provided_from_attestations(vault: &Vault, period: Period) -> SignedProvidedLog {
    signed_provided(vault.sharing(), period)
}

/// A reflection shared with me, as the desk shows it: with its state and my comments.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskReflection {
    /// My record id of it (to mark it, comment on it).
    pub shared_id: String,
    /// When it arrived (first, while it comes again unchanged).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: DateTime<Utc>,
    /// Not opened since it arrived (or came back changed).
    pub new: bool,
    /// Marked discussed.
    pub discussed: bool,
    /// Put away as done.
    pub archived: bool,
    /// What was shared.
    pub reflection: SharedReflectionView,
    /// My comments on it, oldest first.
    pub comments: Vec<CommentView>,
}

/// One of my comments not sent yet, with the reflection it is on.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnsentComment {
    /// The comment.
    pub comment: CommentView,
    /// My record id of the reflection it is on, when it is still shared with me.
    pub shared_id: Option<String>,
    /// That reflection's title (empty when untitled or gone).
    pub title: String,
}

/// One supervisee's page on the desk.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuperviseePage {
    /// Their name, as their card now says.
    pub name: String,
    /// Their fingerprint, grouped (how commands name them).
    pub fingerprint: String,
    /// Its short form.
    pub short_fingerprint: String,
    /// Whether they are a verified contact still (only then can I reply or sign).
    pub verified: bool,
    /// My comments on their reflections not sent yet, oldest first.
    pub unsent: Vec<UnsentComment>,
    /// Their shared reflections, newest first (by day, then by arrival).
    pub reflections: Vec<DeskReflection>,
    /// My private notes about them, newest first.
    pub notes: Vec<SuperviseeNote>,
    /// The attestations I signed for them, newest first.
    pub issued: Vec<IssuedRow>,
    /// The sessions they sent, oldest first, each with whether I signed it and can.
    pub sessions: Vec<SessionToSign>,
}

/// The page of the supervisee whose whole fingerprint is `fingerprint` (one who sent me
/// reflections or sessions, or a contact).
pub fn supervisee_page(vault: &Vault, fingerprint: &str) -> Result<SuperviseePage> {
    let sharing = vault.sharing();
    let who = ContactRef::Fingerprint(fingerprint.to_owned());
    let fp = match sharing.resolve_contact(&who) {
        Ok(c) => c.card.fingerprint(),
        Err(e) => sharing
            .shared_reflections()
            .into_iter()
            .map(|r| r.from)
            .chain(sharing.shared_sessions().into_iter().map(|s| s.from))
            .find(|f| f.to_string() == fingerprint || f.to_hex() == fingerprint)
            .ok_or(e)?,
    };
    let me: Option<Fingerprint> = sharing.existing_identity().map(|(_, f)| f);
    let contact = sharing.contact(fp);
    let theirs: Vec<_> = sharing
        .shared_reflections()
        .into_iter()
        .filter(|r| r.from == fp)
        .collect();
    let sent_as = theirs
        .first()
        .map(|r| r.from_name.clone())
        .or_else(|| {
            sharing
                .shared_sessions()
                .into_iter()
                .find(|s| s.from == fp)
                .map(|s| s.from_name.clone())
        })
        .unwrap_or_else(|| fp.short());
    let mut reflections: Vec<DeskReflection> = theirs
        .iter()
        .map(|r| DeskReflection {
            shared_id: r.id.clone(),
            received_at: r.received_at,
            new: r.unread,
            discussed: r.discussed,
            archived: r.archived,
            reflection: SharedReflectionView::of(&r.reflection),
            comments: sharing
                .comments_on(fp, &r.reflection.id)
                .into_iter()
                .filter(|c| Some(c.author) == me)
                .map(CommentView::of)
                .collect(),
        })
        .collect();
    reflections.sort_by(|a, b| {
        b.reflection
            .date
            .cmp(&a.reflection.date)
            .then(b.received_at.cmp(&a.received_at))
    });
    let mut unsent: Vec<&Comment> = sharing
        .comments()
        .iter()
        .filter(|c| c.owner == fp && Some(c.author) == me && !c.sent)
        .collect();
    unsent.sort_by_key(|c| c.written_at);
    let unsent = unsent
        .into_iter()
        .map(|c| {
            let on = theirs.iter().find(|r| r.reflection.id == c.reflection_id);
            UnsentComment {
                comment: CommentView::of(c),
                shared_id: on.map(|r| r.id.clone()),
                title: on.map(|r| r.reflection.title.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(SuperviseePage {
        name: shown_name(contact.map_or(sent_as.as_str(), |c| c.card.name())),
        fingerprint: fp.to_string(),
        short_fingerprint: fp.short(),
        verified: contact.is_some_and(|c| c.verified),
        unsent,
        reflections,
        notes: vault.desk().notes_about(fp).into_iter().cloned().collect(),
        issued: issued(sharing, Some(fp)),
        sessions: sharing.sessions_to_sign(fp, Period::ALL, &vault.profile().provider_names()),
    })
}

/// The record ids of `fingerprint`'s shared reflections that match every word of `query`.
pub fn search_supervisee(vault: &Vault, fingerprint: &str, query: &str) -> Vec<String> {
    vault
        .sharing()
        .search_shared(query)
        .into_iter()
        .filter(|r| r.from.to_string() == fingerprint || r.from.to_hex() == fingerprint)
        .map(|r| r.id.clone())
        .collect()
}
