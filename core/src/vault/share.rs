//! Sharing in the vault: the identity, contacts, received items, comments and attestations,
//! each a sealed record of its own kind. Every import is checked whole before anything is
//! written, then written in one transaction.

use std::collections::HashMap;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{kinds, new_record_id, seal_record, Vault};
use crate::error::{Error, Result};
use crate::hours::{provider_key, AttestationStatus, AttestedMark, Period};
use crate::share::bundle::{self, SharedComment, SharedItem, SharedReflectionItem};
use crate::share::model::ShareEntry;
use crate::share::{
    hex, AddedContact, Attestation, AttestedSession, Comment, Contact, ContactCard, Fingerprint,
    Identity, Outgoing, Received, ReceivedBundle, Section, SessionItem, ShareError, ShareRequest,
    SharedReflection, SharedSession, Sharing, StoredAttestation,
};
use crate::store::RecordRow;

/// The record id of the vault's identity.
const IDENTITY_ID: &str = "identity";

/// A sharing record as loaded at unlock.
pub(super) enum ShareRecord {
    Identity(Box<Identity>),
    Contact(Box<Contact>),
    Shared(Box<SharedReflection>),
    Session(Box<SharedSession>),
    Comment(Box<Comment>),
    Attestation(Box<StoredAttestation>),
    Received(Box<ReceivedBundle>),
}

/// The sealed form of an attestation: the file as received.
#[derive(Serialize, Deserialize)]
struct SealedAttestation {
    id: String,
    file: String,
    received_at: chrono::DateTime<Utc>,
}

/// Whether `kind` is one of the sharing kinds.
pub(super) fn is_share_kind(kind: &str) -> bool {
    matches!(
        kind,
        kinds::IDENTITY
            | kinds::CONTACT
            | kinds::SHARED_REFLECTION
            | kinds::SHARED_SESSION
            | kinds::COMMENT
            | kinds::ATTESTATION
            | kinds::RECEIVED_BUNDLE
    )
}

fn same_id<T>(t: T, id: &str, row_id: &str) -> Option<T> {
    (id == row_id).then_some(t)
}

/// Decodes an opened record of a sharing kind; `None` if it is damaged or moved.
pub(super) fn decode(kind: &str, text: &str, row_id: &str) -> Option<ShareRecord> {
    match kind {
        kinds::IDENTITY => (row_id == IDENTITY_ID)
            .then(|| Identity::from_sealed_json(text))
            .flatten()
            .map(|i| ShareRecord::Identity(Box::new(i))),
        kinds::CONTACT => {
            let c: Contact = serde_json::from_str(text).ok()?;
            let id = c.id.clone();
            same_id(ShareRecord::Contact(Box::new(c)), &id, row_id)
        }
        kinds::SHARED_REFLECTION => {
            let s: SharedReflection = serde_json::from_str(text).ok()?;
            let id = s.id.clone();
            same_id(ShareRecord::Shared(Box::new(s)), &id, row_id)
        }
        kinds::SHARED_SESSION => {
            let s: SharedSession = serde_json::from_str(text).ok()?;
            let id = s.id.clone();
            same_id(ShareRecord::Session(Box::new(s)), &id, row_id)
        }
        kinds::COMMENT => {
            let c: Comment = serde_json::from_str(text).ok()?;
            let id = c.id.clone();
            same_id(ShareRecord::Comment(Box::new(c)), &id, row_id)
        }
        kinds::ATTESTATION => {
            let s: SealedAttestation = serde_json::from_str(text).ok()?;
            // Checked again at every unlock: a stored attestation is only as good as its
            // signature.
            let attestation = Attestation::verify(s.file.as_bytes()).ok()?;
            let a = StoredAttestation {
                id: s.id,
                file: s.file,
                received_at: s.received_at,
                attestation,
            };
            let id = a.id.clone();
            same_id(ShareRecord::Attestation(Box::new(a)), &id, row_id)
        }
        kinds::RECEIVED_BUNDLE => {
            let r: ReceivedBundle = serde_json::from_str(text).ok()?;
            let id = r.id.clone();
            same_id(ShareRecord::Received(Box::new(r)), &id, row_id)
        }
        _ => None,
    }
}

impl Sharing {
    /// A new vault's: its identity and nothing else.
    pub(super) fn with_identity(identity: Identity) -> Sharing {
        let mut s = Sharing::default();
        s.identity = Some(identity);
        s
    }

    /// Builds the collection at unlock.
    pub(super) fn build(records: Vec<ShareRecord>) -> Sharing {
        let mut s = Sharing::default();
        for r in records {
            match r {
                ShareRecord::Identity(i) => s.identity = Some(*i),
                ShareRecord::Contact(c) => s.contacts.push(*c),
                ShareRecord::Shared(x) => s.shared.push(*x),
                ShareRecord::Session(x) => s.sessions.push(*x),
                ShareRecord::Comment(x) => s.comments.push(*x),
                ShareRecord::Attestation(x) => s.attestations.push(*x),
                ShareRecord::Received(x) => s.received.push(*x),
            }
        }
        s.contacts
            .sort_by(|a, b| a.added_at.cmp(&b.added_at).then(a.id.cmp(&b.id)));
        s
    }

    /// What the hours log shows as attested: for each of my session ids, the attested
    /// details and who signed.
    pub(super) fn attested_marks(&self) -> HashMap<String, Vec<AttestedMark>> {
        let mut marks: HashMap<String, Vec<AttestedMark>> = HashMap::new();
        for stored in &self.attestations {
            let a = &stored.attestation;
            for s in &a.sessions {
                marks.entry(s.id.clone()).or_default().push(AttestedMark {
                    date: s.date,
                    minutes: s.minutes,
                    format: s.format,
                    about_rsc_provided: s.about_rsc_provided,
                    provider: provider_key(a.supervisor.name()),
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
}

fn json<T: Serialize>(v: &T) -> Result<Zeroizing<Vec<u8>>> {
    Ok(Zeroizing::new(
        serde_json::to_vec(v).map_err(|_| Error::Crypto("record encoding"))?,
    ))
}

/// The grouped fingerprint of a card, for messages.
fn shown(card: &ContactCard) -> String {
    card.fingerprint().to_string()
}

impl Vault {
    /// Everything about sharing: contacts, what others shared, comments, attestations.
    pub fn sharing(&self) -> &Sharing {
        &self.sharing
    }

    fn seal_as(&self, id: &str, kind: &str, plain: &[u8]) -> Result<RecordRow> {
        seal_record(&self.records_key, &self.vault_id, id, kind, plain)
    }

    /// Makes the vault's identity if it has none yet (vaults made before sharing existed
    /// get one on first use: no format change).
    fn ensure_identity(&mut self) -> Result<&Identity> {
        if self.sharing.identity.is_none() {
            let identity = Identity::generate()?;
            let row = self.seal_as(IDENTITY_ID, kinds::IDENTITY, &identity.to_sealed_json()?)?;
            self.store.put_record(&row)?;
            tracing::info!("identity created");
            self.sharing.identity = Some(identity);
        }
        self.sharing
            .identity
            .as_ref()
            .ok_or(Error::Crypto("identity missing after creation"))
    }

    /// Creates the identity inside [`Vault::create`].
    pub(super) fn identity_row(
        identity: &Identity,
        records_key: &super::keys::SecretKey,
        vault_id: &[u8],
    ) -> Result<RecordRow> {
        seal_record(
            records_key,
            vault_id,
            IDENTITY_ID,
            kinds::IDENTITY,
            &identity.to_sealed_json()?,
        )
    }

    /// My contact card, signed, to give to others.
    pub fn my_card(&mut self) -> Result<ContactCard> {
        let name = self.profile.name.clone();
        let role = self.profile.role;
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

    /// Sets the name others see on my card (and as the provider name attestations match).
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        let name = crate::share::card::clean_card_name(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(Error::invalid("name", "must be 1 to 200 characters"));
        }
        let mut profile = self.profile.clone();
        profile.name = name;
        let row = self.seal_as(super::PROFILE_ID, kinds::PROFILE, &json(&profile)?)?;
        self.store.put_record(&row)?;
        self.profile = profile;
        Ok(())
    }

    /// Adds a contact card (already parsed and self-signature checked). The same keys again
    /// update the name and role and keep the verification; my own card is refused.
    pub fn add_contact(&mut self, card: ContactCard) -> Result<AddedContact> {
        let fp = card.fingerprint();
        if fp == self.my_fingerprint()? {
            return Err(Error::invalid(
                "contact card",
                "this is your own card; add the card of the person you share with",
            ));
        }
        let (contact, new) = match self.sharing.contact(fp) {
            Some(c) => (Contact { card, ..c.clone() }, false),
            None => (
                Contact {
                    id: new_record_id()?,
                    card,
                    verified: false,
                    added_at: Utc::now(),
                    verified_at: None,
                },
                true,
            ),
        };
        self.save_contact(contact.clone())?;
        Ok(AddedContact { contact, new })
    }

    fn save_contact(&mut self, c: Contact) -> Result<()> {
        let row = self.seal_as(&c.id, kinds::CONTACT, &json(&c)?)?;
        self.store.put_record(&row)?;
        match self.sharing.contacts.iter_mut().find(|x| x.id == c.id) {
            Some(old) => *old = c,
            None => self.sharing.contacts.push(c),
        }
        Ok(())
    }

    /// Marks a contact verified: the user compared the fingerprint with them.
    pub fn verify_contact(&mut self, reference: &str) -> Result<Contact> {
        let mut c = self.sharing.resolve_contact(reference)?.clone();
        if !c.verified {
            c.verified = true;
            c.verified_at = Some(Utc::now());
            self.save_contact(c.clone())?;
        }
        Ok(c)
    }

    fn verified_contact(&self, reference: &str) -> Result<Contact> {
        let c = self.sharing.resolve_contact(reference)?;
        if !c.verified {
            return Err(Error::invalid(
                "contact",
                format!(
                    "{} ({}) is not verified yet: compare the fingerprint with them, then mark them verified (in Sharing → Contacts, or `attune contact verify`)",
                    c.card.name(),
                    shown(&c.card)
                ),
            ));
        }
        Ok(c.clone())
    }

    /// Exactly what a share would send, without sending it: for the user to check.
    pub fn share_preview(&self, req: &ShareRequest) -> Result<Outgoing> {
        let contact = self.verified_contact(&req.to)?;
        let items = self.share_items(req)?;
        Ok(Outgoing {
            to: contact.card.name().to_owned(),
            fingerprint: shown(&contact.card),
            items,
        })
    }

    fn share_items(&self, req: &ShareRequest) -> Result<Vec<SharedItem>> {
        let mut items = Vec::new();
        let mut seen = Vec::new();
        for ShareEntry { id, sections } in &req.entries {
            let r = self.journal.resolve(id)?;
            if seen.contains(&r.id) {
                continue;
            }
            seen.push(r.id.clone());
            let c = &r.content;
            let chosen: Vec<Section> = if sections.is_empty() {
                Section::ALL.to_vec()
            } else {
                sections.clone()
            };
            let texts: std::collections::BTreeMap<Section, String> = chosen
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
            items.push(SharedItem::Reflection(SharedReflectionItem {
                id: r.id.clone(),
                kind: c.kind,
                date: c.date,
                title: c.title.clone(),
                family: c.family.clone(),
                sections: texts,
            }));
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
            let sessions: Vec<SessionItem> = self
                .hours
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

    /// Makes a share bundle for a verified contact; returns its bytes and what it holds.
    /// Nothing is written to the vault.
    pub fn create_share(&mut self, req: &ShareRequest) -> Result<(Vec<u8>, Outgoing)> {
        let outgoing = self.share_preview(req)?;
        let contact = self.verified_contact(&req.to)?;
        let card = self.my_card()?;
        let identity = self.ensure_identity()?;
        let (file, _) = bundle::seal(identity, &card, &contact.card, outgoing.items.clone())?;
        Ok((file, outgoing))
    }

    /// Writes a comment on a reflection shared with me.
    pub fn add_comment(&mut self, shared_id: &str, text: &str) -> Result<Comment> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("comment", "is empty"));
        }
        if text.len() > bundle::MAX_COMMENT_BYTES {
            return Err(Error::invalid(
                "comment",
                format!("at most {} KB", bundle::MAX_COMMENT_BYTES / 1024),
            ));
        }
        let shared = self.sharing.resolve_shared(shared_id)?.clone();
        let me = self.my_fingerprint()?;
        let mut cid = [0u8; 16];
        super::keys::random_bytes(&mut cid)?;
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
        };
        let row = self.seal_as(&c.id, kinds::COMMENT, &json(&c)?)?;
        self.store.put_record(&row)?;
        self.sharing.comments.push(c.clone());
        Ok(c)
    }

    /// Comments on one of my own reflections, received from others, oldest first.
    pub fn comments_on_my_reflection(&self, reflection_id: &str) -> Vec<&Comment> {
        match &self.sharing.identity {
            Some(i) => self.sharing.comments_on(
                Fingerprint::of(&i.signing_public_key(), &i.age_recipient()),
                reflection_id,
            ),
            None => Vec::new(),
        }
    }

    /// Deletes the comments received on one of my reflections (with their keys), when the
    /// reflection itself is deleted: nothing of it should outlive it.
    pub(super) fn forget_comments_on(&mut self, reflection_id: &str) -> Result<()> {
        let Some(i) = &self.sharing.identity else {
            return Ok(());
        };
        let me = Fingerprint::of(&i.signing_public_key(), &i.age_recipient());
        let ids: Vec<String> = self
            .sharing
            .comments
            .iter()
            .filter(|c| c.owner == me && c.reflection_id == reflection_id)
            .map(|c| c.id.clone())
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        self.store.write(&[], &ids)?;
        self.sharing.comments.retain(|c| !ids.contains(&c.id));
        Ok(())
    }

    /// Packs my comments on `to`'s reflections into a bundle of the share format: those
    /// not sent yet, or all with `all`. Returns the bytes and the comments' record ids,
    /// to pass to [`Vault::mark_comments_sent`] once the file is safely written.
    pub fn create_reply(&mut self, to: &str, all: bool) -> Result<(Vec<u8>, Vec<String>)> {
        let contact = self.verified_contact(to)?;
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

    /// Records that these comments went out in a reply.
    pub fn mark_comments_sent(&mut self, ids: &[String]) -> Result<()> {
        let mut rows = Vec::new();
        let mut updated = Vec::new();
        for c in self.sharing.comments.iter().filter(|c| ids.contains(&c.id)) {
            let mut c = c.clone();
            c.sent = true;
            rows.push(self.seal_as(&c.id, kinds::COMMENT, &json(&c)?)?);
            updated.push(c);
        }
        self.store.put_records(&rows)?;
        for u in updated {
            if let Some(old) = self.sharing.comments.iter_mut().find(|c| c.id == u.id) {
                *old = u;
            }
        }
        Ok(())
    }

    /// Imports a share bundle or an attestation, after checking all of it: nothing is
    /// written unless everything is acceptable. The same file twice is a no-op, reported.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Received> {
        const AGE: &[u8] = b"age-encryption.org/";
        const ATTEST: &[u8] = b"attune-attest";
        if bytes.starts_with(ATTEST) {
            self.receive_attestation(bytes)
        } else if bytes.starts_with(AGE) {
            self.receive_bundle(bytes)
        } else if !bytes.is_empty() && (AGE.starts_with(bytes) || ATTEST.starts_with(bytes)) {
            Err(ShareError::Truncated("file").into())
        } else {
            Err(ShareError::NotAttune("share bundle or attestation").into())
        }
    }

    /// The contact who signed `card`, if known and verified.
    fn trusted_sender(&self, card: &ContactCard) -> Result<Contact> {
        let c =
            self.sharing
                .contact(card.fingerprint())
                .ok_or_else(|| ShareError::UnknownSender {
                    name: card.name().to_owned(),
                    fingerprint: shown(card),
                })?;
        if !c.verified {
            return Err(ShareError::UnverifiedSender {
                name: c.card.name().to_owned(),
                fingerprint: shown(card),
            }
            .into());
        }
        Ok(c.clone())
    }

    /// My identity and fingerprint if I have one yet. Receiving never makes one: a vault
    /// without an identity has given nobody a card, so nothing can be for it, and a refused
    /// file must leave the vault untouched.
    fn existing_identity(&self) -> Option<(&Identity, Fingerprint)> {
        self.sharing.identity.as_ref().map(|i| {
            (
                i,
                Fingerprint::of(&i.signing_public_key(), &i.age_recipient()),
            )
        })
    }

    fn receive_bundle(&mut self, bytes: &[u8]) -> Result<Received> {
        let (identity, me) = self.existing_identity().ok_or(ShareError::NotForMe)?;
        let opened = bundle::open(identity, me, bytes)?;
        let m = &opened.manifest;
        let sender = self.trusted_sender(&m.sender)?;
        let from = sender.card.fingerprint();
        let from_name = sender.card.name().to_owned();
        let digest = hex(&opened.digest);
        if let Some(prev) = self
            .sharing
            .received
            .iter()
            .find(|r| r.bundle_id == m.bundle_id)
        {
            if prev.digest != digest || prev.from != from {
                return Err(ShareError::Replayed {
                    what: "share bundle",
                    id: m.bundle_id.clone(),
                }
                .into());
            }
            return Ok(Received::Bundle {
                from: from_name,
                bundle_id: m.bundle_id.clone(),
                reflections: 0,
                sessions: 0,
                comments: 0,
                comments_skipped: 0,
                already_received: true,
            });
        }
        let now = Utc::now();
        let mut rows = Vec::new();
        let mut deletes = Vec::new();
        let mut new_shared = Vec::new();
        let mut new_sessions = Vec::new();
        let mut new_comments = Vec::new();
        let mut removed_sessions = Vec::new();
        let mut skipped = 0;
        let mut session_count = 0;
        for item in &m.items {
            match item {
                SharedItem::Reflection(r) => {
                    // Sender ids never become record ids: a hostile id must not overwrite
                    // one of my records.
                    let id = match self
                        .sharing
                        .shared
                        .iter()
                        .find(|s| s.from == from && s.reflection.id == r.id)
                    {
                        Some(s) => s.id.clone(),
                        None => new_record_id()?,
                    };
                    let s = SharedReflection {
                        id,
                        from,
                        from_name: from_name.clone(),
                        bundle_id: m.bundle_id.clone(),
                        received_at: now,
                        reflection: r.clone(),
                    };
                    rows.push(self.seal_as(&s.id, kinds::SHARED_REFLECTION, &json(&s)?)?);
                    new_shared.push(s);
                }
                SharedItem::Sessions {
                    from: start,
                    to: end,
                    sessions,
                } => {
                    // The period sent is the sender's whole log for it: sessions they have
                    // since deleted go here too.
                    for old in self.sharing.sessions.iter().filter(|s| {
                        s.from == from
                            && (*start..=*end).contains(&s.session.date)
                            && !sessions.iter().any(|n| n.id == s.session.id)
                    }) {
                        deletes.push(old.id.clone());
                        removed_sessions.push(old.id.clone());
                    }
                    for x in sessions {
                        let id = match self
                            .sharing
                            .sessions
                            .iter()
                            .find(|s| s.from == from && s.session.id == x.id)
                        {
                            Some(s) => s.id.clone(),
                            None => new_record_id()?,
                        };
                        let s = SharedSession {
                            id,
                            from,
                            from_name: from_name.clone(),
                            bundle_id: m.bundle_id.clone(),
                            received_at: now,
                            session: x.clone(),
                        };
                        rows.push(self.seal_as(&s.id, kinds::SHARED_SESSION, &json(&s)?)?);
                        new_sessions.push(s);
                        session_count += 1;
                    }
                }
                SharedItem::Comment(c) => {
                    let known = self
                        .sharing
                        .comments
                        .iter()
                        .chain(new_comments.iter())
                        .any(|x: &Comment| x.author == from && x.comment_id == c.id);
                    if known {
                        continue;
                    }
                    if self.journal.get(&c.reflection_id).is_none() {
                        skipped += 1;
                        continue;
                    }
                    let x = Comment {
                        id: new_record_id()?,
                        comment_id: c.id.clone(),
                        reflection_id: c.reflection_id.clone(),
                        owner: me,
                        author: from,
                        author_name: from_name.clone(),
                        text: c.text.clone(),
                        written_at: c.written_at,
                        sent: false,
                    };
                    rows.push(self.seal_as(&x.id, kinds::COMMENT, &json(&x)?)?);
                    new_comments.push(x);
                }
            }
        }
        let log = ReceivedBundle {
            id: new_record_id()?,
            bundle_id: m.bundle_id.clone(),
            digest,
            from,
            received_at: now,
        };
        rows.push(self.seal_as(&log.id, kinds::RECEIVED_BUNDLE, &json(&log)?)?);
        self.store.write(&rows, &deletes)?;
        let report = Received::Bundle {
            from: from_name,
            bundle_id: m.bundle_id.clone(),
            reflections: new_shared.len(),
            sessions: session_count,
            comments: new_comments.len(),
            comments_skipped: skipped,
            already_received: false,
        };
        let sh = &mut self.sharing;
        sh.sessions.retain(|s| !removed_sessions.contains(&s.id));
        for s in new_shared {
            match sh.shared.iter_mut().find(|x| x.id == s.id) {
                Some(old) => *old = s,
                None => sh.shared.push(s),
            }
        }
        for s in new_sessions {
            match sh.sessions.iter_mut().find(|x| x.id == s.id) {
                Some(old) => *old = s,
                None => sh.sessions.push(s),
            }
        }
        sh.comments.extend(new_comments);
        sh.received.push(log);
        Ok(report)
    }

    fn receive_attestation(&mut self, bytes: &[u8]) -> Result<Received> {
        let a = Attestation::verify(bytes)?;
        let me = self.existing_identity().map(|(_, fp)| fp);
        if me != Some(a.practitioner) {
            return Err(ShareError::AttestationNotForMe(a.practitioner.to_string()).into());
        }
        let signer = self.trusted_sender(&a.supervisor)?;
        // Sessions of my log the attestation marks (same details, and I named the signer
        // as provider), counted once the marks are in place.
        let matched = |v: &Vault, id: &str| {
            v.hours
                .sessions()
                .iter()
                .filter(|s| {
                    matches!(
                        v.hours.attestation_of(s),
                        AttestationStatus::Attested { ref attestation_id, .. } if attestation_id == id
                    )
                })
                .count()
        };
        if let Some(prev) = self
            .sharing
            .attestations
            .iter()
            .find(|x| x.attestation.id == a.id)
        {
            if prev.attestation.digest != a.digest {
                return Err(ShareError::Replayed {
                    what: "attestation",
                    id: a.id.clone(),
                }
                .into());
            }
            return Ok(Received::Attestation {
                from: signer.card.name().to_owned(),
                id: a.id.clone(),
                sessions: a.sessions.len(),
                matched: matched(self, &a.id),
                already_received: true,
            });
        }
        let file = String::from_utf8(bytes.to_vec()).map_err(|_| ShareError::Damaged {
            what: "attestation",
            detail: "it is not UTF-8 text".into(),
        })?;
        let stored = StoredAttestation {
            id: new_record_id()?,
            file,
            received_at: Utc::now(),
            attestation: a,
        };
        let sealed = SealedAttestation {
            id: stored.id.clone(),
            file: stored.file.clone(),
            received_at: stored.received_at,
        };
        let row = self.seal_as(&stored.id, kinds::ATTESTATION, &json(&sealed)?)?;
        self.store.put_record(&row)?;
        let id = stored.attestation.id.clone();
        let sessions = stored.attestation.sessions.len();
        self.sharing.attestations.push(stored);
        self.hours.set_attested(self.sharing.attested_marks());
        Ok(Received::Attestation {
            from: signer.card.name().to_owned(),
            matched: matched(self, &id),
            id,
            sessions,
            already_received: false,
        })
    }

    /// Signs an attestation of the sessions `practitioner` sent me, dated in `period`,
    /// whose provider is me (my name, matched as the hours log matches providers).
    /// Returns the file and what it says; nothing is written to the vault.
    pub fn attest(&mut self, practitioner: &str, period: Period) -> Result<(Vec<u8>, Attestation)> {
        if let (Some(f), Some(t)) = (period.from, period.to) {
            if t < f {
                return Err(Error::invalid(
                    "period",
                    format!("ends ({t}) before it starts ({f})"),
                ));
            }
        }
        let contact = self.verified_contact(practitioner)?;
        let fp = contact.card.fingerprint();
        let me = provider_key(&self.profile.name);
        if me.is_empty() {
            return Err(Error::invalid(
                "name",
                "your vault has no name, so no session can name you as provider; set it in Sharing → Contacts (or `attune identity set-name NAME`)",
            ));
        }
        let sent = self.sharing.sessions_from(fp, period);
        let mine: Vec<AttestedSession> = sent
            .iter()
            .filter(|s| provider_key(&s.session.provider) == me)
            .map(|s| AttestedSession {
                id: s.session.id.clone(),
                date: s.session.date,
                minutes: s.session.minutes,
                format: s.session.format,
                about_rsc_provided: s.session.about_rsc_provided,
            })
            .collect();
        if mine.is_empty() {
            let mut others: Vec<&str> = sent.iter().map(|s| s.session.provider.as_str()).collect();
            others.sort_unstable();
            others.dedup();
            return Err(Error::invalid(
                "sessions",
                if others.is_empty() {
                    format!(
                        "{} has sent you no sessions in that period",
                        contact.card.name()
                    )
                } else {
                    format!(
                        "none of the sessions {} sent name you ({}) as provider; they name: {}",
                        contact.card.name(),
                        self.profile.name,
                        others.join(", ")
                    )
                },
            ));
        }
        let card = self.my_card()?;
        let identity = self.ensure_identity()?;
        Attestation::sign(identity, &card, fp, period, mine)
    }
}
