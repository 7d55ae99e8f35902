//! What others shared with me, one group per person: their reflections with my comments,
//! the sessions they sent me to confirm; and what receiving a file did.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::comments::CommentView;
use super::outgoing::SharedReflectionView;
use crate::hours::provider_key;
use crate::person_name::shown_name;
use crate::share::{Fingerprint, Received, SessionItem};
use crate::vault::Vault;

/// A reflection someone shared with me, with my comments on it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivedReflection {
    /// The id to comment on it with.
    pub shared_id: String,
    /// When it arrived.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: DateTime<Utc>,
    /// What was shared.
    pub reflection: SharedReflectionView,
    /// My comments on it, oldest first.
    pub comments: Vec<CommentView>,
}

/// A session someone sent me to confirm.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivedSession {
    /// My record id of it, which `attune shared show` takes. The window names sessions by
    /// period when it attests, so this does not cross IPC.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub shared_id: String,
    /// The session as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub session: SessionItem,
    /// Whether it names me as the provider (only those can be attested by me).
    pub names_me: bool,
}

/// Everything one person shared with me (the window's `shared_with_me`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SharedByPerson {
    /// Their name.
    pub name: String,
    /// Their fingerprint (how commands name them).
    pub fingerprint: String,
    /// Its short form, shown beside the name.
    pub short_fingerprint: String,
    /// The name they were verified under, when their card has come back under another
    /// since ("name changed from …").
    pub renamed_from: Option<String>,
    /// Whether they are a verified contact still (only then can I reply or attest).
    pub verified: bool,
    /// Their reflections, newest first.
    pub reflections: Vec<ReceivedReflection>,
    /// Their sessions to confirm, oldest first.
    pub sessions: Vec<ReceivedSession>,
    /// My comments not yet sent back to them.
    pub unsent_comments: usize,
}

/// What others shared with me, one group per person (by name, as their card now says),
/// with my comments. A vault with no identity yet has written no comments, so this reads
/// only.
pub fn shared_with_me(vault: &Vault) -> Vec<SharedByPerson> {
    let sharing = vault.sharing();
    let me: Option<Fingerprint> = sharing.existing_identity().map(|(_, fp)| fp);
    let mine = |author: Fingerprint| me == Some(author);
    let my_key = provider_key(&vault.profile().name);
    let mut people: Vec<SharedByPerson> = Vec::new();
    let mut group = |fp: Fingerprint, name: &str| -> usize {
        let shown = fp.to_string();
        match people.iter().position(|p| p.fingerprint == shown) {
            Some(i) => i,
            None => {
                let contact = sharing.contact(fp);
                people.push(SharedByPerson {
                    name: shown_name(contact.map_or(name, |c| c.card.name())),
                    fingerprint: shown,
                    short_fingerprint: fp.short(),
                    renamed_from: contact
                        .and_then(|c| c.renamed_from.as_deref())
                        .map(shown_name),
                    verified: contact.is_some_and(|c| c.verified),
                    reflections: Vec::new(),
                    sessions: Vec::new(),
                    unsent_comments: sharing
                        .comments()
                        .iter()
                        .filter(|c| c.owner == fp && mine(c.author) && !c.sent)
                        .count(),
                });
                people.len() - 1
            }
        }
    };
    let mut placed = Vec::new();
    for r in sharing.shared_reflections() {
        placed.push((group(r.from, &r.from_name), Some(r), None));
    }
    for s in sharing.shared_sessions() {
        placed.push((group(s.from, &s.from_name), None, Some(s)));
    }
    for (i, reflection, session) in placed {
        let Some(person) = people.get_mut(i) else {
            continue;
        };
        if let Some(r) = reflection {
            person.reflections.push(ReceivedReflection {
                shared_id: r.id.clone(),
                received_at: r.received_at,
                reflection: SharedReflectionView::of(&r.reflection),
                comments: sharing
                    .comments_on(r.from, &r.reflection.id)
                    .into_iter()
                    .filter(|c| mine(c.author))
                    .map(CommentView::of)
                    .collect(),
            });
        }
        if let Some(s) = session {
            person.sessions.push(ReceivedSession {
                shared_id: s.id.clone(),
                names_me: !my_key.is_empty() && provider_key(&s.session.provider) == my_key,
                session: s.session.clone(),
            });
        }
    }
    for p in &mut people {
        p.reflections.sort_by(|a, b| {
            b.reflection
                .date
                .cmp(&a.reflection.date)
                .then(b.received_at.cmp(&a.received_at))
        });
        p.sessions.sort_by_key(|s| s.session.date);
    }
    people.sort_by_cached_key(|p| provider_key(&p.name));
    people
}

/// What receiving a file did (the window's `receive_file`).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReceivedFile {
    /// A share bundle.
    Bundle {
        /// The sender.
        from: String,
        /// Reflections added or updated.
        reflections: usize,
        /// Sessions added or updated.
        sessions: usize,
        /// Comments attached to my reflections.
        comments: usize,
        /// Comments on reflections no longer in my journal (not kept).
        comments_skipped: usize,
        /// Received before: nothing changed.
        already_received: bool,
    },
    /// An attestation.
    Attestation {
        /// The supervisor who signed it.
        from: String,
        /// Sessions it covers.
        sessions: usize,
        /// Of those, sessions in my log now shown as attested.
        matched: usize,
        /// Received before: nothing changed.
        already_received: bool,
    },
}

impl From<Received> for ReceivedFile {
    fn from(got: Received) -> Self {
        match got {
            Received::Bundle {
                from,
                reflections,
                sessions,
                comments,
                comments_skipped,
                already_received,
                ..
            } => ReceivedFile::Bundle {
                from,
                reflections,
                sessions,
                comments,
                comments_skipped,
                already_received,
            },
            Received::Attestation {
                from,
                sessions,
                matched,
                already_attested,
                already_received,
                ..
            } => ReceivedFile::Attestation {
                from,
                sessions,
                // Sessions an earlier attestation covered still show as attested: they
                // are not among those that no longer match.
                matched: matched + already_attested,
                already_received,
            },
        }
    }
}
