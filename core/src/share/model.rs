//! What a vault keeps of sharing, in memory after unlock: contacts, what others shared with
//! me, comments, attestations received, and the ids of bundles already imported. Each is a
//! sealed record of its own kind (see `vault/share.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::attestation::Attestation;
use super::bundle::{Section, SessionItem, SharedItem, SharedReflectionItem};
use super::card::{ContactCard, Fingerprint};
use super::identity::Identity;
use crate::error::Result;
use crate::hours::Period;
use crate::record::ids::resolve_in;

/// Someone whose contact card is in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Record id.
    pub id: String,
    /// Their card, as added.
    pub card: ContactCard,
    /// Whether the user confirmed the fingerprint with them (`contact verify`).
    pub verified: bool,
    /// When the card was added.
    pub added_at: DateTime<Utc>,
    /// When it was verified.
    #[serde(default)]
    pub verified_at: Option<DateTime<Utc>>,
    /// The name it was verified under, when its card has come back under another name
    /// since: the verification was dropped then, until the user confirms them again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// What adding a card did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedContact {
    /// The contact as saved.
    pub contact: Contact,
    /// False when the same keys were already there (the name and role are updated; the
    /// verification is kept when the name is the same, and dropped when it changed).
    pub new: bool,
}

/// How a contact is named when something is done for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRef {
    /// A whole fingerprint (as shown, or in hex), looked up exactly: how the window names
    /// a contact. A name is never compared with it.
    Fingerprint(String),
    /// As typed on the command line: an exact name (case and spacing ignored), or the
    /// first [`MIN_FINGERPRINT_PREFIX`](super::card::MIN_FINGERPRINT_PREFIX) or more
    /// characters of a fingerprint.
    Typed(String),
}

impl Default for ContactRef {
    /// Nobody: names no contact.
    fn default() -> Self {
        ContactRef::Typed(String::new())
    }
}

impl From<&ContactRef> for ContactRef {
    fn from(reference: &ContactRef) -> Self {
        reference.clone()
    }
}

impl From<&str> for ContactRef {
    fn from(typed: &str) -> Self {
        ContactRef::Typed(typed.to_owned())
    }
}

impl From<&String> for ContactRef {
    fn from(typed: &String) -> Self {
        ContactRef::Typed(typed.clone())
    }
}

impl From<String> for ContactRef {
    fn from(typed: String) -> Self {
        ContactRef::Typed(typed)
    }
}

impl From<Fingerprint> for ContactRef {
    fn from(fp: Fingerprint) -> Self {
        ContactRef::Fingerprint(fp.to_hex())
    }
}

/// A reflection someone shared with me (read-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedReflection {
    /// Record id (mine; the sender's id is `reflection.id`).
    pub id: String,
    /// Who shared it.
    pub from: Fingerprint,
    /// Their name, as on their verified card.
    pub from_name: String,
    /// The bundle it last came in.
    pub bundle_id: String,
    /// When it was received (first received, while it comes again unchanged).
    pub received_at: DateTime<Utc>,
    /// What was shared.
    pub reflection: SharedReflectionItem,
    /// Not opened or marked seen since it arrived, or since it last came back changed.
    /// Absent in records written before this field, which count as seen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
    /// The supervisor marked it discussed (in supervision, or answered another way).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discussed: bool,
    /// The supervisor put it away as done; it comes back if it is shared again changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
}

/// A change of a shared reflection's state on the supervisor's desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SharedMark {
    /// Seen: no longer new (opening it does this).
    Seen,
    /// New again, as if not yet opened.
    Unseen,
    /// Discussed: no longer waiting for an answer (and seen).
    Discussed,
    /// Not discussed after all.
    NotDiscussed,
    /// Put away as done (and seen).
    Archived,
    /// Back from the archive.
    Unarchived,
}

impl SharedMark {
    /// `r` with this mark applied.
    pub fn applied(self, r: &SharedReflection) -> SharedReflection {
        let mut r = r.clone();
        match self {
            SharedMark::Seen => r.unread = false,
            SharedMark::Unseen => r.unread = true,
            SharedMark::Discussed => {
                r.discussed = true;
                r.unread = false;
            }
            SharedMark::NotDiscussed => r.discussed = false,
            SharedMark::Archived => {
                r.archived = true;
                r.unread = false;
            }
            SharedMark::Unarchived => r.archived = false,
        }
        r
    }
}

/// A session someone sent me for confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSession {
    /// Record id (mine; the sender's id is `session.id`).
    pub id: String,
    /// Who sent it.
    pub from: Fingerprint,
    /// Their name, as on their verified card.
    pub from_name: String,
    /// The bundle it last came in.
    pub bundle_id: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The session as they logged it.
    pub session: SessionItem,
}

/// A comment on a reflection: written by me on something shared with me, or received on
/// one of my own reflections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Record id.
    pub id: String,
    /// The comment's own id, the same in both vaults.
    pub comment_id: String,
    /// The practitioner's id of the reflection.
    pub reflection_id: String,
    /// Whose reflection it is.
    pub owner: Fingerprint,
    /// Who wrote the comment.
    pub author: Fingerprint,
    /// Their name.
    pub author_name: String,
    /// The text.
    pub text: String,
    /// When it was written.
    pub written_at: DateTime<Utc>,
    /// For my comments: whether a reply bundle has carried it.
    #[serde(default)]
    pub sent: bool,
    /// For comments received on my reflections: not yet seen (the reflection has not been
    /// opened since it came). Absent in records written before this field, which count as
    /// seen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
}

/// An attestation received, kept as the exact file (so it can be checked again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttestation {
    /// Record id.
    pub id: String,
    /// The file as received.
    pub file: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// The file, checked.
    pub attestation: Attestation,
}

/// An attestation I signed for someone, kept as the exact file once it was written out:
/// the sessions it covers are never offered for signing again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedAttestation {
    /// Record id.
    pub id: String,
    /// The file as written.
    pub file: String,
    /// The file, checked.
    pub attestation: Attestation,
}

/// A bundle already imported: receiving it again is a no-op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedBundle {
    /// Record id.
    pub id: String,
    /// The bundle's id.
    pub bundle_id: String,
    /// SHA-256 (hex) of its manifest.
    pub digest: String,
    /// Who sent it.
    pub from: Fingerprint,
    /// When it was imported.
    pub received_at: DateTime<Utc>,
    /// When the sender made it (the manifest's `created_at`). Absent from records written
    /// before Attune kept it.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// The periods of the sessions it carried: a bundle made earlier for overlapping dates
    /// is refused as stale. Empty for a bundle without sessions, and in records written
    /// before Attune kept them.
    #[serde(default)]
    pub periods: Vec<SessionsPeriod>,
}

/// The dates a `sessions` item of a bundle covered, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPeriod {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl SessionsPeriod {
    /// Whether the two periods share a day.
    pub fn overlaps(&self, other: &SessionsPeriod) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

/// One reflection chosen for sharing, with the sections to send (none: every section
/// that has text).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShareEntry {
    /// The reflection's id (or a unique prefix of 4+ characters).
    pub id: String,
    /// The sections to send.
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// What to share, with whom.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShareRequest {
    /// The contact.
    pub to: ContactRef,
    /// Reflections to send.
    #[serde(default)]
    pub entries: Vec<ShareEntry>,
    /// A period of hours to send for confirmation (both ends).
    #[serde(default)]
    pub hours: Option<Period>,
}

/// Exactly what will leave the vault in a bundle: shown before sending (and checked for
/// identifying details by the UI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outgoing {
    /// The recipient's name.
    pub to: String,
    /// The recipient's fingerprint, grouped.
    pub fingerprint: String,
    /// Its short form, shown beside the name.
    pub short_fingerprint: String,
    /// The items, as they will be in the bundle.
    pub items: Vec<SharedItem>,
}

/// A reflection in an [`Outgoing`] list, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingReflection<'a> {
    /// The reflection's id.
    pub id: &'a str,
    /// Its date.
    pub date: NaiveDate,
    /// Its title.
    pub title: &'a str,
    /// The sections that leave.
    pub sections: Vec<Section>,
}

impl Outgoing {
    /// The reflections that leave, with their sections.
    pub fn reflections(&self) -> Vec<OutgoingReflection<'_>> {
        self.items
            .iter()
            .filter_map(|i| match i {
                SharedItem::Reflection(r) => Some(OutgoingReflection {
                    id: &r.id,
                    date: r.date,
                    title: &r.title,
                    sections: r.sections.keys().copied().collect(),
                }),
                _ => None,
            })
            .collect()
    }

    /// The sessions that leave.
    pub fn sessions(&self) -> Vec<&SessionItem> {
        self.items
            .iter()
            .flat_map(|i| match i {
                SharedItem::Sessions { sessions, .. } => sessions.iter().collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// How many comments leave.
    pub fn comments(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i, SharedItem::Comment(_)))
            .count()
    }
}

/// What `receive` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Received {
    /// A share bundle.
    Bundle {
        /// The sender's name.
        from: String,
        /// The bundle id.
        bundle_id: String,
        /// Reflections added or updated.
        reflections: usize,
        /// Sessions added or updated.
        sessions: usize,
        /// Comments attached to my reflections.
        comments: usize,
        /// Comments on reflections no longer in this journal (not kept).
        comments_skipped: usize,
        /// True when this bundle had been imported before: nothing changed.
        already_received: bool,
    },
    /// An attestation.
    Attestation {
        /// The supervisor's name.
        from: String,
        /// The attestation id.
        id: String,
        /// Sessions it covers.
        sessions: usize,
        /// Of those, sessions in my log it shows as attested (same id, day, minutes and
        /// format, and the signer is their provider).
        matched: usize,
        /// Of those, sessions in my log as they were signed that an earlier attestation
        /// already covered: they stay attested (by the earlier one), neither changed nor
        /// deleted.
        already_attested: usize,
        /// True when this attestation had been imported before: nothing changed.
        already_received: bool,
    },
}

/// Everything about sharing in an unlocked vault.
#[derive(Debug, Default)]
pub struct Sharing {
    pub(crate) identity: Option<Identity>,
    pub(crate) contacts: Vec<Contact>,
    pub(crate) shared: Vec<SharedReflection>,
    pub(crate) sessions: Vec<SharedSession>,
    pub(crate) comments: Vec<Comment>,
    pub(crate) attestations: Vec<StoredAttestation>,
    pub(crate) issued: Vec<IssuedAttestation>,
    pub(crate) received: Vec<ReceivedBundle>,
}

impl Sharing {
    /// Every contact, in the order added.
    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    /// Reflections shared with me, newest first within each sender, senders by name.
    pub fn shared_reflections(&self) -> Vec<&SharedReflection> {
        let mut v: Vec<&SharedReflection> = self.shared.iter().collect();
        v.sort_by(|a, b| {
            a.from_name
                .cmp(&b.from_name)
                .then(a.from.cmp(&b.from))
                .then(b.reflection.date.cmp(&a.reflection.date))
                .then(a.id.cmp(&b.id))
        });
        v
    }

    /// The shared reflection with this record id or a unique prefix of it.
    pub fn resolve_shared(&self, id: &str) -> Result<&SharedReflection> {
        resolve_in("shared reflection", id, &self.shared, |s| &s.id)
    }

    /// Sessions sent to me for confirmation, oldest first.
    pub fn shared_sessions(&self) -> Vec<&SharedSession> {
        let mut v: Vec<&SharedSession> = self.sessions.iter().collect();
        v.sort_by(|a, b| a.session.date.cmp(&b.session.date).then(a.id.cmp(&b.id)));
        v
    }

    /// The shared session with this record id or a unique prefix of it.
    pub fn resolve_shared_session(&self, id: &str) -> Result<&SharedSession> {
        resolve_in("shared session", id, &self.sessions, |s| &s.id)
    }

    /// Sessions `from` sent me, dated in `period`, oldest first.
    pub fn sessions_from(&self, from: Fingerprint, period: Period) -> Vec<&SharedSession> {
        self.shared_sessions()
            .into_iter()
            .filter(|s| s.from == from && period.contains(s.session.date))
            .collect()
    }

    /// Comments on reflection `reflection_id` of `owner`, oldest first.
    pub fn comments_on(&self, owner: Fingerprint, reflection_id: &str) -> Vec<&Comment> {
        let mut v: Vec<&Comment> = self
            .comments
            .iter()
            .filter(|c| c.owner == owner && c.reflection_id == reflection_id)
            .collect();
        v.sort_by(|a, b| a.written_at.cmp(&b.written_at).then(a.id.cmp(&b.id)));
        v
    }

    /// The comment with this record id or a unique prefix of it.
    pub fn resolve_comment(&self, id: &str) -> Result<&Comment> {
        resolve_in("comment", id, &self.comments, |c| &c.id)
    }

    /// Every comment.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Attestations received.
    pub fn attestations(&self) -> &[StoredAttestation] {
        &self.attestations
    }

    /// Attestations I signed for others (recorded once written), oldest first.
    pub fn issued_attestations(&self) -> &[IssuedAttestation] {
        &self.issued
    }

    /// Bundles imported.
    pub fn received_bundles(&self) -> &[ReceivedBundle] {
        &self.received
    }
}

impl Drop for Sharing {
    /// Overwrites shared text when the vault is locked.
    fn drop(&mut self) {
        for s in &mut self.shared {
            s.reflection.title.zeroize();
            s.reflection.family.zeroize();
            for t in s.reflection.sections.values_mut() {
                t.zeroize();
            }
        }
        for c in &mut self.comments {
            c.text.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_json(extra: &str) -> String {
        let fp = "ab".repeat(32);
        format!(
            r#"{{"id":"r1","comment_id":"{c}","reflection_id":"x","owner":"{fp}","author":"{fp}","author_name":"Lucía Pérez","text":"Hm.","written_at":"2026-11-30T10:00:00Z","sent":false{extra}}}"#,
            c = "0".repeat(32)
        )
    }

    /// A comment record written before `unread` existed reads as seen, and a seen comment
    /// is written without the field, as before.
    #[test]
    fn unread_is_absent_when_seen() {
        let old: Comment = serde_json::from_str(&comment_json("")).unwrap();
        assert!(!old.unread);
        assert!(!serde_json::to_string(&old).unwrap().contains("unread"));
        let new: Comment = serde_json::from_str(&comment_json(r#","unread":true"#)).unwrap();
        assert!(new.unread);
        assert!(serde_json::to_string(&new)
            .unwrap()
            .contains(r#""unread":true"#));
    }
}
