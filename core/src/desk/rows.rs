//! The desk's rows: one per supervisee (a contact who sent me shared reflections or
//! sessions), with what is new, owed and waiting for a signature.

use chrono::NaiveDate;
use serde::Serialize;

use super::Desk;
use crate::hours::{provider_key, Period};
use crate::person_name::shown_name;
use crate::share::{Fingerprint, Sharing};

/// One supervisee on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuperviseeRow {
    /// Their name, as their card now says.
    pub name: String,
    /// Their fingerprint, grouped (how commands name them).
    pub fingerprint: String,
    /// Its short form, shown beside the name.
    pub short_fingerprint: String,
    /// Whether they are a verified contact still (only then can I reply or sign).
    pub verified: bool,
    /// Reflections they shared not yet opened or marked seen (a reflection shared again
    /// unchanged stays as it was; changed, it is new again).
    pub new: usize,
    /// My comments on their reflections not yet sent back.
    pub unsent: usize,
    /// Their reflections with no comment of mine, not marked discussed, not archived.
    pub unanswered: usize,
    /// Sessions they sent that name me as provider and that no attestation I issued covers.
    pub unsigned_sessions: usize,
    /// The day I signed the last attestation for them.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_attested: Option<NaiveDate>,
    /// The day of the latest session they logged with me (of those they sent).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_supervision: Option<NaiveDate>,
    /// My private notes about them.
    pub notes: usize,
}

/// The desk: one row per person who sent me shared reflections or sessions, by name.
/// `my_names` are the vault's name and its other spellings, as sessions name their provider.
pub fn supervisees(sharing: &Sharing, my_names: &[&str], desk: &Desk) -> Vec<SuperviseeRow> {
    let me: Option<Fingerprint> = sharing.existing_identity().map(|(_, fp)| fp);
    let reflections = sharing.shared_reflections();
    let mut people: Vec<(Fingerprint, String)> = Vec::new();
    let senders = reflections
        .iter()
        .map(|r| (r.from, r.from_name.as_str()))
        .chain(
            sharing
                .shared_sessions()
                .into_iter()
                .map(|s| (s.from, s.from_name.as_str())),
        );
    for (fp, name) in senders {
        if !people.iter().any(|(p, _)| *p == fp) {
            people.push((fp, name.to_owned()));
        }
    }
    let mut rows: Vec<SuperviseeRow> = people
        .into_iter()
        .map(|(fp, sent_as)| {
            let contact = sharing.contact(fp);
            let theirs: Vec<_> = reflections.iter().filter(|r| r.from == fp).collect();
            let answered = |reflection_id: &str| {
                sharing
                    .comments_on(fp, reflection_id)
                    .iter()
                    .any(|c| Some(c.author) == me)
            };
            let sessions = sharing.sessions_to_sign(fp, Period::ALL, my_names);
            SuperviseeRow {
                name: shown_name(contact.map_or(sent_as.as_str(), |c| c.card.name())),
                fingerprint: fp.to_string(),
                short_fingerprint: fp.short(),
                verified: contact.is_some_and(|c| c.verified),
                new: theirs.iter().filter(|r| r.unread).count(),
                unsent: sharing
                    .comments()
                    .iter()
                    .filter(|c| c.owner == fp && Some(c.author) == me && !c.sent)
                    .count(),
                unanswered: theirs
                    .iter()
                    .filter(|r| !r.archived && !r.discussed && !answered(&r.reflection.id))
                    .count(),
                unsigned_sessions: sessions.iter().filter(|s| s.can_sign()).count(),
                last_attested: sharing
                    .issued_for(fp)
                    .iter()
                    .map(|i| i.attestation.issued_at.date_naive())
                    .max(),
                last_supervision: sessions
                    .iter()
                    .filter(|s| s.names_me)
                    .map(|s| s.session.date)
                    .max(),
                notes: desk.notes_about(fp).len(),
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (provider_key(&r.name), r.fingerprint.clone()));
    rows
}
