//! Sharing as records: the identity, contacts, received items, comments and attestations,
//! each a sealed record of its own kind; and the sharing use cases that write them. Every
//! import is planned whole first ([`super::receive`]), then written in one transaction.

use std::collections::HashMap;

use chrono::Utc;

use super::bundle::{self, SharedComment, SharedItem};
use super::card::{ContactCard, Fingerprint};
use super::contacts::{renamed, renamed_sender};
use super::hex;
use super::identity::Identity;
use super::model::{
    AddedContact, Comment, Contact, ContactRef, Outgoing, Received, ShareRequest, SharedMark,
    SharedReflection, Sharing,
};
use super::outgoing::{preview, verified_contact};
use super::receive::{coverage, plan_receive, ReceivePlan};
use super::receiver::OpenedFile;
use super::stored::ShareRecord;
use crate::error::{Error, Result};
use crate::hours::{provider_key, AttestationStatus, AttestedMark, Hours};
use crate::journal::Journal;
use crate::person_name::check_person_name;
use crate::profile::Profile;
use crate::record::ids::new_record_id;
use crate::record::Records;

impl Sharing {
    /// A new vault's: its identity and nothing else.
    pub(crate) fn with_identity(identity: Identity) -> Sharing {
        let mut s = Sharing::default();
        s.identity = Some(identity);
        s
    }

    /// Builds the collection at unlock.
    pub(crate) fn build(records: Vec<ShareRecord>) -> Sharing {
        let mut s = Sharing::default();
        for r in records {
            match r {
                ShareRecord::Identity(i) => s.identity = Some(*i),
                ShareRecord::Contact(c) => s.contacts.push(*c),
                ShareRecord::Shared(x) => s.shared.push(*x),
                ShareRecord::Session(x) => s.sessions.push(*x),
                ShareRecord::Comment(x) => s.comments.push(*x),
                ShareRecord::Attestation(x) => s.attestations.push(*x),
                ShareRecord::Issued(x) => s.issued.push(*x),
                ShareRecord::Received(x) => s.received.push(*x),
            }
        }
        s.contacts
            .sort_by(|a, b| a.added_at.cmp(&b.added_at).then(a.id.cmp(&b.id)));
        s.issued.sort_by(|a, b| {
            (a.attestation.issued_at, &a.id).cmp(&(b.attestation.issued_at, &b.id))
        });
        s
    }

    /// What the hours log shows as attested: for each of my session ids, the attested
    /// details and who signed.
    pub(crate) fn attested_marks(&self) -> HashMap<String, Vec<AttestedMark>> {
        let mut marks: HashMap<String, Vec<AttestedMark>> = HashMap::new();
        for stored in &self.attestations {
            let a = &stored.attestation;
            let signer = a.supervisor.fingerprint();
            // A spelling that is another contact's name belongs to that person: a signer
            // cannot attest a session logged under someone else I know.
            let someone_else = |provider: &str| {
                let key = provider_key(provider);
                self.contacts
                    .iter()
                    .any(|c| c.card.fingerprint() != signer && provider_key(c.card.name()) == key)
            };
            for s in &a.sessions {
                if s.provider.as_deref().is_some_and(someone_else) {
                    continue;
                }
                marks.entry(s.id.clone()).or_default().push(AttestedMark {
                    date: s.date,
                    minutes: s.minutes,
                    format: s.format,
                    about_rsc_provided: s.about_rsc_provided,
                    // Format 2: the spelling I logged, which the signer confirmed is them;
                    // format 1: the name on the signer's card.
                    provider: provider_key(a.provider_of(s)),
                    status: AttestationStatus::Attested {
                        attestation_id: a.id.clone(),
                        supervisor: a.supervisor.name().to_owned(),
                        signed_on: a.issued_at.date_naive(),
                    },
                });
            }
        }
        marks
    }

    /// My identity and fingerprint if I have one yet.
    pub(crate) fn existing_identity(&self) -> Option<(&Identity, Fingerprint)> {
        self.identity.as_ref().map(|i| {
            (
                i,
                Fingerprint::of(&i.signing_public_key(), &i.age_recipient()),
            )
        })
    }

    /// Comments on one of my own reflections, received from others, oldest first.
    pub fn comments_on_mine(&self, reflection_id: &str) -> Vec<&Comment> {
        match self.existing_identity() {
            Some((_, me)) => self.comments_on(me, reflection_id),
            None => Vec::new(),
        }
    }

    /// How many comments received on each of my reflections are unread, by reflection id
    /// (reflections with none are left out).
    pub fn unread_on_mine(&self) -> HashMap<&str, usize> {
        let mut unread = HashMap::new();
        if let Some((_, me)) = self.existing_identity() {
            for c in self.comments.iter().filter(|c| c.unread && c.owner == me) {
                *unread.entry(c.reflection_id.as_str()).or_insert(0) += 1;
            }
        }
        unread
    }

    /// Every comment received on my reflections, oldest first.
    pub fn all_on_mine(&self) -> Vec<&Comment> {
        let Some((_, me)) = self.existing_identity() else {
            return Vec::new();
        };
        let mut on_mine: Vec<&Comment> = self.comments.iter().filter(|c| c.owner == me).collect();
        on_mine.sort_by(|a, b| a.written_at.cmp(&b.written_at).then(a.id.cmp(&b.id)));
        on_mine
    }

    /// The record ids of the comments received on one of my reflections.
    pub(crate) fn comment_ids_on_mine(&self, reflection_id: &str) -> Vec<String> {
        self.comments_on_mine(reflection_id)
            .into_iter()
            .map(|c| c.id.clone())
            .collect()
    }

    /// Forgets comments (after they were deleted).
    pub(crate) fn forget_comments(&mut self, ids: &[String]) {
        if !ids.is_empty() {
            self.comments.retain(|c| !ids.contains(&c.id));
        }
    }

    fn save_in_memory(&mut self, c: Contact) {
        match self.contacts.iter_mut().find(|x| x.id == c.id) {
            Some(old) => *old = c,
            None => self.contacts.push(c),
        }
    }
}

/// A comment's text, trimmed and checked: not empty, no control characters, not too long.
fn comment_text(text: &str) -> Result<&str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("comment", "is empty"));
    }
    crate::text::check_no_controls("comment", text, crate::text::Lines::Many)?;
    if text.len() > bundle::MAX_COMMENT_BYTES {
        return Err(Error::invalid(
            "comment",
            format!(
                "at most {}",
                crate::files::size_in_words(bundle::MAX_COMMENT_BYTES as u64)
            ),
        ));
    }
    Ok(text)
}

/// Sharing, for writing: see [`Vault::sharing_mut`](crate::Vault::sharing_mut).
#[derive(Debug)]
pub struct SharingRecords<'v> {
    pub(super) sharing: &'v mut Sharing,
    /// Attestations received mark sessions of my log.
    hours: &'v mut Hours,
    /// Reflections to share, and to receive comments on.
    journal: &'v Journal,
    /// My name and role, for my card.
    pub(super) profile: &'v Profile,
    pub(super) records: Records<'v>,
}

impl<'v> SharingRecords<'v> {
    /// Sharing, the domains it reads and marks, and where its records are written (made by
    /// the vault).
    pub(crate) fn new(
        sharing: &'v mut Sharing,
        hours: &'v mut Hours,
        journal: &'v Journal,
        profile: &'v Profile,
        records: Records<'v>,
    ) -> Self {
        SharingRecords {
            sharing,
            hours,
            journal,
            profile,
            records,
        }
    }

    /// Makes the vault's identity if it has none yet (vaults made before sharing existed
    /// get one on first use: no format change).
    pub(super) fn ensure_identity(&mut self) -> Result<&Identity> {
        if self.sharing.identity.is_none() {
            let identity = Identity::generate()?;
            self.records.put(&identity)?;
            tracing::info!("identity created");
            self.sharing.identity = Some(identity);
        }
        self.sharing
            .identity
            .as_ref()
            .ok_or(Error::Crypto("identity missing after creation"))
    }

    /// My contact card, signed, to give to others.
    pub fn my_card(&mut self) -> Result<ContactCard> {
        let (name, role) = (self.profile.name.clone(), self.profile.role);
        let identity = self.ensure_identity()?;
        ContactCard::create(identity, &name, role)
    }

    /// My fingerprint.
    pub fn my_fingerprint(&mut self) -> Result<Fingerprint> {
        let identity = self.ensure_identity()?;
        Ok(Fingerprint::of(
            &identity.signing_public_key(),
            &identity.age_recipient(),
        ))
    }

    /// The identity, for tests that show a bundle is a plain age file. Not for the app.
    #[doc(hidden)]
    pub fn identity_for_interop_tests(&mut self) -> Result<&Identity> {
        self.ensure_identity()
    }

    /// Adds a contact card (already parsed and self-signature checked); its name must pass
    /// [`check_person_name`]. The same keys again update the name and role; the verification
    /// is kept if the name is the same, and dropped if it changed (the contact then says
    /// what it was verified as, until verified again). My own card is refused.
    pub fn add_contact(&mut self, card: ContactCard) -> Result<AddedContact> {
        check_person_name("card name", card.name())?;
        let fp = card.fingerprint();
        if fp == self.my_fingerprint()? {
            return Err(Error::invalid(
                "contact card",
                "this is your own card; add the card of the person you share with",
            ));
        }
        let (contact, new) = match self.sharing.contact(fp) {
            Some(c) => (renamed(c, card), false),
            None => (
                Contact {
                    id: new_record_id()?,
                    card,
                    verified: false,
                    added_at: Utc::now(),
                    verified_at: None,
                    renamed_from: None,
                },
                true,
            ),
        };
        self.records.put(&contact)?;
        self.sharing.save_in_memory(contact.clone());
        Ok(AddedContact { contact, new })
    }

    /// Marks a contact verified: the user compared the fingerprint with them (under the
    /// name their card carries now).
    pub fn verify_contact(&mut self, reference: impl Into<ContactRef>) -> Result<Contact> {
        let mut c = self.sharing.resolve_contact(reference)?.clone();
        if !c.verified || c.renamed_from.is_some() {
            c.verified = true;
            c.verified_at = Some(Utc::now());
            c.renamed_from = None;
            self.records.put(&c)?;
            self.sharing.save_in_memory(c.clone());
        }
        Ok(c)
    }

    /// Makes a share bundle for a verified contact; returns its bytes and what it holds.
    /// Nothing is written to the vault.
    pub fn create_share(&mut self, req: &ShareRequest) -> Result<(Vec<u8>, Outgoing)> {
        let outgoing = preview(self.sharing, self.journal, self.hours, req)?;
        let to = verified_contact(self.sharing, &req.to)?.card.clone();
        let card = self.my_card()?;
        let identity = self.ensure_identity()?;
        let (file, _) = bundle::seal(identity, &card, &to, outgoing.items.clone())?;
        Ok((file, outgoing))
    }

    /// Writes a comment on a reflection shared with me.
    pub fn add_comment(&mut self, shared_id: &str, text: &str) -> Result<Comment> {
        let text = comment_text(text)?;
        let shared = self.sharing.resolve_shared(shared_id)?.clone();
        let me = self.my_fingerprint()?;
        let mut cid = [0u8; 16];
        crate::crypto::random_bytes(&mut cid)?;
        let c = Comment {
            id: new_record_id()?,
            comment_id: hex(&cid),
            reflection_id: shared.reflection.id.clone(),
            owner: shared.from,
            author: me,
            author_name: self.profile.name.clone(),
            text: text.to_owned(),
            written_at: Utc::now(),
            sent: false,
            unread: false,
        };
        self.records.put(&c)?;
        self.sharing.comments.push(c.clone());
        Ok(c)
    }

    /// My comment not sent yet (its record id, or a unique prefix of 4 or more characters):
    /// only those can still be changed.
    fn my_unsent_comment(&mut self, id: &str) -> Result<Comment> {
        let me = self.my_fingerprint()?;
        let c = self.sharing.resolve_comment(id)?;
        if c.author != me {
            return Err(Error::invalid("comment", "it is not yours to change"));
        }
        if c.sent {
            return Err(Error::invalid(
                "comment",
                "it was sent already, so it can no longer be changed",
            ));
        }
        Ok(c.clone())
    }

    /// Replaces the text of my comment not sent yet; returns it.
    pub fn edit_comment(&mut self, id: &str, text: &str) -> Result<Comment> {
        let text = comment_text(text)?;
        let c = Comment {
            text: text.to_owned(),
            ..self.my_unsent_comment(id)?
        };
        self.records.put(&c)?;
        if let Some(old) = self.sharing.comments.iter_mut().find(|x| x.id == c.id) {
            *old = c.clone();
        }
        Ok(c)
    }

    /// Deletes my comment not sent yet, with its key; returns its record id.
    pub fn delete_comment(&mut self, id: &str) -> Result<String> {
        let c = self.my_unsent_comment(id)?;
        if !self.records.delete(crate::record::kinds::COMMENT, &c.id)? {
            return Err(Error::NotFound {
                kind: "comment",
                id: c.id,
            });
        }
        self.sharing.forget_comments(std::slice::from_ref(&c.id));
        Ok(c.id)
    }

    /// Packs my comments on `to`'s reflections into a bundle of the share format: those
    /// not sent yet, or all with `all`. Returns the bytes and the comments' record ids,
    /// to pass to [`SharingRecords::mark_comments_sent`] once the file is safely written.
    pub fn create_reply(
        &mut self,
        to: impl Into<ContactRef>,
        all: bool,
    ) -> Result<(Vec<u8>, Vec<String>)> {
        let contact = verified_contact(self.sharing, &to.into())?.clone();
        let fp = contact.card.fingerprint();
        let me = self.my_fingerprint()?;
        let mut chosen: Vec<&Comment> = self
            .sharing
            .comments
            .iter()
            .filter(|c| c.owner == fp && c.author == me && (all || !c.sent))
            .collect();
        chosen.sort_by_key(|c| c.written_at);
        if chosen.is_empty() {
            return Err(Error::invalid(
                "reply",
                format!(
                    "no {}comments for {} to send; write one first",
                    if all { "" } else { "new " },
                    contact.card.name()
                ),
            ));
        }
        let ids: Vec<String> = chosen.iter().map(|c| c.id.clone()).collect();
        let items: Vec<SharedItem> = chosen
            .iter()
            .map(|c| {
                SharedItem::Comment(SharedComment {
                    id: c.comment_id.clone(),
                    reflection_id: c.reflection_id.clone(),
                    text: c.text.clone(),
                    written_at: c.written_at,
                })
            })
            .collect();
        let card = self.my_card()?;
        let identity = self.ensure_identity()?;
        let (file, _) = bundle::seal(identity, &card, &contact.card, items)?;
        Ok((file, ids))
    }

    /// Records that the comments received on my reflection `reflection_id` have been seen
    /// (the reflection was opened). How many were unread; nothing is written when none was.
    pub fn mark_comments_read(&mut self, reflection_id: &str) -> Result<usize> {
        let updated: Vec<Comment> = self
            .sharing
            .comments_on_mine(reflection_id)
            .into_iter()
            .filter(|c| c.unread)
            .map(|c| Comment {
                unread: false,
                ..c.clone()
            })
            .collect();
        if updated.is_empty() {
            return Ok(0);
        }
        let mut changes = self.records.changes();
        changes.put_all(&updated)?;
        self.records.commit(changes)?;
        let count = updated.len();
        for u in updated {
            if let Some(old) = self.sharing.comments.iter_mut().find(|c| c.id == u.id) {
                *old = u;
            }
        }
        Ok(count)
    }

    /// Marks a reflection shared with me (its record id, or a unique prefix of 4 or more
    /// characters): seen, discussed, archived, or back. Returns it as saved; nothing is
    /// written when the mark changes nothing.
    pub fn mark_shared(&mut self, shared_id: &str, mark: SharedMark) -> Result<SharedReflection> {
        let before = self.sharing.resolve_shared(shared_id)?;
        let after = mark.applied(before);
        if after == *before {
            return Ok(after);
        }
        self.records.put(&after)?;
        if let Some(old) = self.sharing.shared.iter_mut().find(|s| s.id == after.id) {
            *old = after.clone();
        }
        Ok(after)
    }

    /// Records that these comments went out in a reply.
    pub fn mark_comments_sent(&mut self, ids: &[String]) -> Result<()> {
        let updated: Vec<Comment> = self
            .sharing
            .comments
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| Comment {
                sent: true,
                ..c.clone()
            })
            .collect();
        let mut changes = self.records.changes();
        changes.put_all(&updated)?;
        self.records.commit(changes)?;
        for u in updated {
            if let Some(old) = self.sharing.comments.iter_mut().find(|c| c.id == u.id) {
                *old = u;
            }
        }
        Ok(())
    }

    /// Imports a share bundle or an attestation, after checking all of it: nothing is
    /// written unless everything is acceptable. The same file twice is a no-op, reported.
    /// (The window opens the file with a [`Receiver`](super::Receiver) first, without
    /// holding the vault, then calls [`SharingRecords::receive_opened`].)
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Received> {
        let opened = self.sharing.receiver().open(bytes)?;
        self.receive_opened(&opened)
    }

    /// Imports a file a [`Receiver`](super::Receiver) of this vault opened: plans it whole
    /// against the vault (sender, replay, staleness), then writes it in one transaction.
    pub fn receive_opened(&mut self, opened: &OpenedFile) -> Result<Received> {
        match plan_receive(self.sharing, self.journal, self.hours, opened)? {
            ReceivePlan::Nothing(report) => Ok(report),
            ReceivePlan::Bundle(plan) => {
                let renamed = renamed_sender(self.sharing, &plan.sender_card)?;
                let mut changes = self.records.changes();
                if let Some(c) = &renamed {
                    changes.put(c)?;
                }
                changes.put_all(&plan.shared)?;
                changes.put_all(&plan.sessions)?;
                changes.put_all(&plan.comments)?;
                changes.put(&plan.log)?;
                for id in &plan.removed_sessions {
                    changes.delete(id.as_str());
                }
                self.records.commit(changes)?;
                let plan = *plan;
                let sh = &mut *self.sharing;
                sh.sessions
                    .retain(|s| !plan.removed_sessions.contains(&s.id));
                for s in plan.shared {
                    match sh.shared.iter_mut().find(|x| x.id == s.id) {
                        Some(old) => *old = s,
                        None => sh.shared.push(s),
                    }
                }
                for s in plan.sessions {
                    match sh.sessions.iter_mut().find(|x| x.id == s.id) {
                        Some(old) => *old = s,
                        None => sh.sessions.push(s),
                    }
                }
                sh.comments.extend(plan.comments);
                sh.received.push(plan.log);
                if let Some(c) = renamed {
                    sh.save_in_memory(c);
                }
                Ok(plan.report)
            }
            ReceivePlan::Attestation { stored, from } => {
                let renamed = renamed_sender(self.sharing, &stored.attestation.supervisor)?;
                let mut changes = self.records.changes();
                changes.put(&*stored)?;
                if let Some(c) = &renamed {
                    changes.put(c)?;
                }
                self.records.commit(changes)?;
                if let Some(c) = renamed {
                    self.sharing.save_in_memory(c);
                }
                let id = stored.attestation.id.clone();
                let sessions = stored.attestation.sessions.len();
                self.sharing.attestations.push(*stored);
                self.hours.set_attested(self.sharing.attested_marks());
                let c = coverage(self.hours, &id);
                Ok(Received::Attestation {
                    from,
                    matched: c.matched,
                    already_attested: c.already_attested,
                    id,
                    sessions,
                    already_received: false,
                })
            }
        }
    }
}
