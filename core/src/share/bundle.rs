//! Share bundles (`*.attune-share`): an age v1 file encrypted to one contact's age key.
//! Inside, an [`envelope`](super::envelope) with magic `attune-share` whose payload is the
//! manifest (compact JSON) and whose signature is the sender's Ed25519 signature over
//! `attune/share-manifest/v1\0 || manifest`.
//!
//! The manifest names the sender (their whole card) and the recipient (a fingerprint): the
//! signature binds both, so a bundle re-encrypted to a third person is recognised as
//! forwarded. Items are reflections (only the sections chosen), sessions sent for
//! confirmation, and comments on reflections.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::card::{ContactCard, Fingerprint};
use super::identity::Identity;
use super::{domain, envelope, hex, is_hex_id, sha256, verify_signature, ShareError};
use crate::error::{Error, Result};
use crate::hours::{Modality, SessionFormat, MAX_NAME_CHARS, MAX_SESSION_MINUTES};
use crate::journal::{ReflectionKind, MAX_FIELD_BYTES};

/// The file extension of share bundles.
pub const BUNDLE_EXTENSION: &str = "attune-share";
/// Largest bundle accepted, in bytes (encrypted and decrypted alike).
pub const MAX_BUNDLE_BYTES: usize = 64 * 1024 * 1024;
/// Most items in one bundle.
pub const MAX_ITEMS: usize = 10_000;
/// Longest comment, in bytes.
pub const MAX_COMMENT_BYTES: usize = 64 * 1024;
const MAGIC: &str = "attune-share";
const WHAT: &str = "share bundle";

/// A section of a reflection: one relationship of the parallel process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Section {
    /// Parent and infant.
    ParentInfant,
    /// Practitioner and parent.
    PractitionerParent,
    /// Supervisor and practitioner.
    SupervisorPractitioner,
    /// Professional use of self.
    #[serde(rename = "self")]
    SelfReflection,
    /// What to bring to supervision.
    ForSupervision,
}

impl Section {
    /// Every section, in the order a reflection shows them.
    pub const ALL: [Section; 5] = [
        Section::ParentInfant,
        Section::PractitionerParent,
        Section::SupervisorPractitioner,
        Section::SelfReflection,
        Section::ForSupervision,
    ];

    /// The name used in JSON and on the command line (the reflection JSON's field name).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::ParentInfant => "parent_infant",
            Section::PractitionerParent => "practitioner_parent",
            Section::SupervisorPractitioner => "supervisor_practitioner",
            Section::SelfReflection => "self",
            Section::ForSupervision => "for_supervision",
        }
    }

    /// The heading shown above the section.
    pub fn heading(self) -> &'static str {
        match self {
            Section::ParentInfant => "Parent and infant",
            Section::PractitionerParent => "Practitioner and parent",
            Section::SupervisorPractitioner => "Supervisor and practitioner",
            Section::SelfReflection => "Self",
            Section::ForSupervision => "To bring to supervision",
        }
    }

    /// The label the window gives the section, in the editor and the share check, and the
    /// name de-identification findings give it.
    pub fn label(self) -> &'static str {
        match self {
            Section::ParentInfant => "Parent and baby",
            Section::PractitionerParent => "You and the parent",
            Section::SupervisorPractitioner => "You and your supervisor",
            Section::SelfReflection => "Yourself",
            Section::ForSupervision => "To bring to supervision",
        }
    }

    /// Parses [`Section::as_str`].
    pub fn parse(s: &str) -> Result<Section> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == t)
            .ok_or_else(|| {
                Error::invalid(
                    "sections",
                    format!(
                        "{:?} is not one of {}",
                        crate::hours::shorten(t),
                        Self::ALL.map(Section::as_str).join(", ")
                    ),
                )
            })
    }

    /// The text of this section in a reflection.
    pub fn of(self, r: &crate::journal::ReflectionDraft) -> &str {
        match self {
            Section::ParentInfant => &r.parent_infant,
            Section::PractitionerParent => &r.practitioner_parent,
            Section::SupervisorPractitioner => &r.supervisor_practitioner,
            Section::SelfReflection => &r.self_,
            Section::ForSupervision => &r.for_supervision,
        }
    }
}

/// A reflection as shared: only the chosen sections travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedReflectionItem {
    /// The practitioner's id of the reflection (comments come back to it).
    pub id: String,
    /// What it is about.
    pub kind: ReflectionKind,
    /// The day it is about.
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// The family's pseudonym.
    pub family: String,
    /// The sections shared, by name.
    pub sections: BTreeMap<Section, String>,
}

/// A session sent for confirmation: what the practitioner logged, without the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionItem {
    /// The practitioner's id of the session (attestations name it).
    pub id: String,
    /// The day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Clock minutes.
    pub minutes: u32,
    /// Individual or group.
    pub format: SessionFormat,
    /// In person, virtual or phone.
    pub modality: Option<Modality>,
    /// The provider as the practitioner named them.
    pub provider: String,
    /// The provider's credential as logged.
    pub credential: Option<String>,
    /// About the RSC the practitioner provides.
    pub about_rsc_provided: bool,
}

/// A comment on a reflection, travelling back to the reflection's author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedComment {
    /// The comment's id, chosen by its author (repeats are recognised by it).
    pub id: String,
    /// The practitioner's id of the reflection it is about.
    pub reflection_id: String,
    /// The text.
    pub text: String,
    /// When it was written.
    pub written_at: DateTime<Utc>,
}

/// One thing in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SharedItem {
    /// A reflection to read.
    Reflection(SharedReflectionItem),
    /// Sessions of a period, to confirm.
    Sessions {
        /// First day of the period.
        from: NaiveDate,
        /// Last day of the period.
        to: NaiveDate,
        /// The sessions in it.
        sessions: Vec<SessionItem>,
    },
    /// A comment on one of the recipient's reflections.
    Comment(SharedComment),
}

/// The signed content of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Format version: 1.
    pub format: u32,
    /// Random id (32 hex digits): the same bundle received twice is recognised by it.
    pub bundle_id: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Who sent it.
    pub sender: ContactCard,
    /// Who it is for.
    pub recipient: Fingerprint,
    /// What it holds.
    pub items: Vec<SharedItem>,
}

/// A bundle opened and checked: decrypted with this vault's key, signed by the card it
/// carries, addressed to this vault.
#[derive(Debug)]
pub struct OpenedBundle {
    /// The manifest.
    pub manifest: Manifest,
    /// SHA-256 of the manifest bytes: the same id with other content is a replay.
    pub digest: [u8; 32],
}

fn bad(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid(format!("share bundle {}", field.into()), message)
}

fn check_text(field: &str, text: &str, max: usize) -> Result<()> {
    if text.len() > max {
        return Err(bad(
            field,
            format!("longer than {}", crate::files::size_in_words(max as u64)),
        ));
    }
    Ok(())
}

impl Manifest {
    /// Checks what a signature cannot: sizes, ids, minutes and periods in range.
    fn check(&self) -> Result<()> {
        if self.bundle_id.len() != 32 || !is_hex_id(&self.bundle_id) {
            return Err(bad("bundle_id", "is not 32 lower-case hex digits"));
        }
        if self.items.len() > MAX_ITEMS {
            return Err(bad("items", format!("more than {MAX_ITEMS}")));
        }
        for (i, item) in self.items.iter().enumerate() {
            let at = |f: &str| format!("item {}: {f}", i + 1);
            match item {
                SharedItem::Reflection(r) => {
                    if !is_hex_id(&r.id) {
                        return Err(bad(at("id"), "is not a reflection id"));
                    }
                    check_text(&at("title"), &r.title, MAX_FIELD_BYTES)?;
                    check_text(&at("family"), &r.family, MAX_FIELD_BYTES)?;
                    for (s, text) in &r.sections {
                        check_text(&at(s.as_str()), text, MAX_FIELD_BYTES)?;
                    }
                }
                SharedItem::Sessions { from, to, sessions } => {
                    if to < from {
                        return Err(bad(
                            at("period"),
                            format!("ends ({to}) before it starts ({from})"),
                        ));
                    }
                    for s in sessions {
                        if !is_hex_id(&s.id) {
                            return Err(bad(at("session id"), "is not a session id"));
                        }
                        if s.minutes == 0 || s.minutes > MAX_SESSION_MINUTES {
                            return Err(bad(
                                at("minutes"),
                                format!("{} is not from 1 to {MAX_SESSION_MINUTES}", s.minutes),
                            ));
                        }
                        if !(*from..=*to).contains(&s.date) {
                            return Err(bad(
                                at("date"),
                                format!("{} is outside the period", s.date),
                            ));
                        }
                        if s.provider.chars().count() > MAX_NAME_CHARS
                            || s.credential.as_ref().is_some_and(|c| c.len() > 64)
                        {
                            return Err(bad(at("provider"), "is too long"));
                        }
                    }
                }
                SharedItem::Comment(c) => {
                    if !is_hex_id(&c.id) || !is_hex_id(&c.reflection_id) {
                        return Err(bad(at("comment id"), "is not an id"));
                    }
                    check_text(&at("comment"), &c.text, MAX_COMMENT_BYTES)?;
                }
            }
        }
        Ok(())
    }
}

/// Makes a bundle: a fresh id, signs the manifest, encrypts to `recipient`.
pub(crate) fn seal(
    identity: &Identity,
    sender: &ContactCard,
    recipient: &ContactCard,
    items: Vec<SharedItem>,
) -> Result<(Vec<u8>, Manifest)> {
    let mut id = [0u8; 16];
    crate::crypto::random_bytes(&mut id)?;
    let manifest = Manifest {
        format: 1,
        bundle_id: hex(&id),
        created_at: Utc::now(),
        sender: sender.clone(),
        recipient: recipient.fingerprint(),
        items,
    };
    manifest.check()?;
    let json = Zeroizing::new(
        serde_json::to_vec(&manifest).map_err(|_| Error::Crypto("manifest encoding"))?,
    );
    let inner = Zeroizing::new(sign_manifest(identity, &json)?);
    let file = encrypt_to(recipient.age_recipient(), &inner)?;
    Ok((file, manifest))
}

/// Signs manifest bytes as they are and lays them out: the plaintext inside the age layer.
/// Tests use it to make well-signed bundles with bad content; the app only seals through
/// [`Vault::create_share`](crate::Vault::create_share) and its kin.
#[doc(hidden)]
pub fn sign_manifest(identity: &Identity, manifest: &[u8]) -> Result<Vec<u8>> {
    let signature = identity.sign(domain::MANIFEST, manifest)?;
    Ok(envelope::encode(MAGIC, manifest, &signature))
}

/// Encrypts `plaintext` as an age v1 file to one X25519 recipient.
pub(crate) fn encrypt_to(age_recipient: &str, plaintext: &[u8]) -> Result<Vec<u8>> {
    let r: age::x25519::Recipient = age_recipient
        .parse()
        .map_err(|_| Error::invalid("recipient", "is not an age recipient"))?;
    age::encrypt(&r, plaintext).map_err(|_| Error::Crypto("age encryption failed"))
}

/// The checks after decryption; separate so that fuzzing and tests reach them directly.
pub fn open_inner(me: Fingerprint, inner: &[u8]) -> Result<OpenedBundle> {
    let env = envelope::decode(MAGIC, WHAT, inner)?;
    let manifest: Manifest = serde_json::from_slice(env.payload).map_err(|e| {
        if let Some(newer) = envelope::newer_format(WHAT, 1, env.payload) {
            return Error::from(newer);
        }
        // A card that fails its own checks says so rather than "does not parse".
        match e.to_string() {
            m if m.contains("signature does not match") => {
                ShareError::BadSignature("sender's contact card").into()
            }
            m => bad("content", format!("does not parse: {m}")),
        }
    })?;
    if manifest.format != 1 {
        return Err(ShareError::UnknownVersion {
            newest: 1,
            what: WHAT,
            found: manifest.format.to_string(),
        }
        .into());
    }
    if !verify_signature(
        manifest.sender.signing_key(),
        domain::MANIFEST,
        env.payload,
        &env.signature,
    ) {
        return Err(ShareError::BadSignature(WHAT).into());
    }
    if manifest.recipient != me {
        return Err(ShareError::Forwarded(manifest.recipient.to_string()).into());
    }
    manifest.check()?;
    Ok(OpenedBundle {
        digest: sha256(env.payload),
        manifest,
    })
}
