//! Receiving a file: a share bundle or an attestation, opened and checked without the vault
//! ([`super::receiver`]), then planned whole before anything is written. [`plan_receive`]
//! reads the vault's memory and writes nothing; the
//! plan is then saved in one transaction and applied in memory
//! ([`SharingRecords::receive`](super::records::SharingRecords::receive)), so a refused
//! file leaves the vault untouched.

use chrono::{DateTime, Utc};

use super::attestation::Attestation;
use super::bundle::{Manifest, OpenedBundle, SharedItem};
use super::card::{ContactCard, Fingerprint};
use super::model::{
    Comment, Contact, Received, ReceivedBundle, SessionsPeriod, SharedReflection, SharedSession,
    Sharing, StoredAttestation,
};
use super::outgoing::shown;
use super::receiver::OpenedFile;
use super::{hex, ShareError};
use crate::error::Result;
use crate::hours::{AttestationStatus, Hours};
use crate::journal::Journal;
use crate::record::ids::new_record_id;

/// What receiving a file will do.
#[derive(Debug)]
pub(crate) enum ReceivePlan {
    /// Nothing to write: the same file was received before.
    Nothing(Received),
    /// A new bundle: what to save, what to remove, and what to tell the user.
    Bundle(Box<BundlePlan>),
    /// A new attestation, from `from`.
    Attestation {
        /// The attestation as it will be kept.
        stored: Box<StoredAttestation>,
        /// The signer's name, as my contacts know them.
        from: String,
    },
}

/// A new bundle's records: saved and removed together.
#[derive(Debug)]
pub(crate) struct BundlePlan {
    /// Reflections shared with me (new, or replacing what the sender shared before).
    pub shared: Vec<SharedReflection>,
    /// Sessions sent to confirm (new, or replacing earlier copies).
    pub sessions: Vec<SharedSession>,
    /// Record ids of sessions the sender has since deleted from the period they sent.
    pub removed_sessions: Vec<String>,
    /// Comments on my reflections.
    pub comments: Vec<Comment>,
    /// The bundle's id, so that receiving it again is a no-op.
    pub log: ReceivedBundle,
    /// The card the sender signed this bundle with (its name may have changed).
    pub sender_card: ContactCard,
    /// What to tell the user.
    pub report: Received,
}

/// The contact who signed `card`, if known and verified.
fn trusted_sender<'a>(sharing: &'a Sharing, card: &ContactCard) -> Result<&'a Contact> {
    let c = sharing
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
    Ok(c)
}

/// What the attestation `id` says about my log: how many sessions it marks as attested
/// (no earlier attestation covers them), and how many it names as they are that an earlier
/// attestation already covers (they stay attested, by that one).
pub(crate) fn coverage(hours: &Hours, id: &str) -> Coverage {
    let mut c = Coverage::default();
    for s in hours.sessions() {
        if !hours.covered_by(s, id) {
            continue;
        }
        match hours.attestation_of(s) {
            AttestationStatus::Attested {
                ref attestation_id, ..
            } if attestation_id != id => c.already_attested += 1,
            _ => c.matched += 1,
        }
    }
    c
}

/// See [`coverage`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Coverage {
    /// Sessions of my log this attestation shows as attested.
    pub matched: usize,
    /// Sessions of my log it covers that an earlier attestation already covered.
    pub already_attested: usize,
}

/// Plans what receiving a file (decrypted and checked by a
/// [`Receiver`](super::receiver::Receiver)) writes. Refuses what is not for this vault, from
/// someone I have not verified, replayed with other content, or older than what the sender
/// already sent me for the same dates.
pub(crate) fn plan_receive(
    sharing: &Sharing,
    journal: &Journal,
    hours: &Hours,
    opened: &OpenedFile,
) -> Result<ReceivePlan> {
    match opened {
        OpenedFile::Bundle(b) => plan_bundle(sharing, journal, b),
        OpenedFile::Attestation { attestation, file } => {
            plan_attestation(sharing, hours, attestation, file)
        }
    }
}

/// The periods of the sessions items of a manifest.
fn periods(m: &Manifest) -> Vec<SessionsPeriod> {
    m.items
        .iter()
        .filter_map(|i| match i {
            SharedItem::Sessions { from, to, .. } => Some(SessionsPeriod {
                from: *from,
                to: *to,
            }),
            _ => None,
        })
        .collect()
}

/// A bundle already received from `from`, made after `m`, with sessions of dates `m` also
/// covers: receiving `m` would bring back what that newer bundle removed or changed.
fn newer_for_same_dates<'a>(
    sharing: &'a Sharing,
    from: Fingerprint,
    m: &Manifest,
    periods: &[SessionsPeriod],
) -> Option<&'a ReceivedBundle> {
    sharing
        .received
        .iter()
        .filter(|r| {
            r.from == from
                && r.created_at.is_some_and(|t| t > m.created_at)
                && r.periods
                    .iter()
                    .any(|p| periods.iter().any(|q| p.overlaps(q)))
        })
        .max_by_key(|r| r.created_at)
}

fn when(t: DateTime<Utc>) -> String {
    t.format("on %Y-%m-%d at %H:%M:%S UTC").to_string()
}

fn plan_bundle(sharing: &Sharing, journal: &Journal, opened: &OpenedBundle) -> Result<ReceivePlan> {
    // The receiver that opened it may have been taken from another vault (one locked and
    // another unlocked meanwhile): it must be for this one.
    let (_, me) = sharing.existing_identity().ok_or(ShareError::NotForMe)?;
    if opened.manifest.recipient != me {
        return Err(ShareError::NotForMe.into());
    }
    let m = &opened.manifest;
    let sender = trusted_sender(sharing, &m.sender)?;
    let from = sender.card.fingerprint();
    let from_name = sender.card.name().to_owned();
    let digest = hex(&opened.digest);
    if let Some(prev) = sharing.received.iter().find(|r| r.bundle_id == m.bundle_id) {
        if prev.digest != digest || prev.from != from {
            return Err(ShareError::Replayed {
                what: "share bundle",
                id: m.bundle_id.clone(),
            }
            .into());
        }
        return Ok(ReceivePlan::Nothing(Received::Bundle {
            from: from_name,
            bundle_id: m.bundle_id.clone(),
            reflections: 0,
            sessions: 0,
            comments: 0,
            comments_skipped: 0,
            already_received: true,
        }));
    }
    let periods = periods(m);
    if let Some(newer) = newer_for_same_dates(sharing, from, m, &periods) {
        return Err(ShareError::Stale {
            name: from_name,
            made: when(m.created_at),
            newer: newer.created_at.map(when).unwrap_or_default(),
        }
        .into());
    }
    let now = Utc::now();
    let mut shared = Vec::new();
    let mut sessions_out = Vec::new();
    let mut removed_sessions = Vec::new();
    let mut comments: Vec<Comment> = Vec::new();
    let mut skipped = 0;
    for item in &m.items {
        match item {
            SharedItem::Reflection(r) => {
                // Sender ids never become record ids: a hostile id must not overwrite one
                // of my records.
                let before = sharing
                    .shared
                    .iter()
                    .find(|s| s.from == from && s.reflection.id == r.id);
                shared.push(match before {
                    // The same again: what the supervisor made of it stays (not new again).
                    Some(s) if s.reflection == *r => SharedReflection {
                        from_name: from_name.clone(),
                        bundle_id: m.bundle_id.clone(),
                        ..s.clone()
                    },
                    // Changed: new again, and out of the archive; discussed stays.
                    Some(s) => SharedReflection {
                        from_name: from_name.clone(),
                        bundle_id: m.bundle_id.clone(),
                        received_at: now,
                        reflection: r.clone(),
                        unread: true,
                        archived: false,
                        ..s.clone()
                    },
                    None => SharedReflection {
                        id: new_record_id()?,
                        from,
                        from_name: from_name.clone(),
                        bundle_id: m.bundle_id.clone(),
                        received_at: now,
                        reflection: r.clone(),
                        unread: true,
                        discussed: false,
                        archived: false,
                    },
                });
            }
            SharedItem::Sessions {
                from: start,
                to: end,
                sessions,
            } => {
                // The period sent is the sender's whole log for it: sessions they have
                // since deleted go here too.
                for old in sharing.sessions.iter().filter(|s| {
                    s.from == from
                        && (*start..=*end).contains(&s.session.date)
                        && !sessions.iter().any(|n| n.id == s.session.id)
                }) {
                    removed_sessions.push(old.id.clone());
                }
                for x in sessions {
                    let id = match sharing
                        .sessions
                        .iter()
                        .find(|s| s.from == from && s.session.id == x.id)
                    {
                        Some(s) => s.id.clone(),
                        None => new_record_id()?,
                    };
                    sessions_out.push(SharedSession {
                        id,
                        from,
                        from_name: from_name.clone(),
                        bundle_id: m.bundle_id.clone(),
                        received_at: now,
                        session: x.clone(),
                    });
                }
            }
            SharedItem::Comment(c) => {
                let known = sharing
                    .comments
                    .iter()
                    .chain(comments.iter())
                    .any(|x| x.author == from && x.comment_id == c.id);
                if known {
                    continue;
                }
                if journal.get(&c.reflection_id).is_none() {
                    skipped += 1;
                    continue;
                }
                comments.push(Comment {
                    id: new_record_id()?,
                    comment_id: c.id.clone(),
                    reflection_id: c.reflection_id.clone(),
                    owner: me,
                    author: from,
                    author_name: from_name.clone(),
                    text: c.text.clone(),
                    written_at: c.written_at,
                    sent: false,
                    unread: true,
                });
            }
        }
    }
    let report = Received::Bundle {
        from: from_name,
        bundle_id: m.bundle_id.clone(),
        reflections: shared.len(),
        sessions: sessions_out.len(),
        comments: comments.len(),
        comments_skipped: skipped,
        already_received: false,
    };
    let log = ReceivedBundle {
        id: new_record_id()?,
        bundle_id: m.bundle_id.clone(),
        digest,
        from,
        received_at: now,
        created_at: Some(m.created_at),
        periods,
    };
    Ok(ReceivePlan::Bundle(Box::new(BundlePlan {
        shared,
        sessions: sessions_out,
        removed_sessions,
        comments,
        log,
        report,
        sender_card: m.sender.clone(),
    })))
}

fn plan_attestation(
    sharing: &Sharing,
    hours: &Hours,
    a: &Attestation,
    file: &str,
) -> Result<ReceivePlan> {
    let me: Option<Fingerprint> = sharing.existing_identity().map(|(_, fp)| fp);
    if me != Some(a.practitioner) {
        return Err(ShareError::AttestationNotForMe(a.practitioner.to_string()).into());
    }
    let signer = trusted_sender(sharing, &a.supervisor)?;
    let from = signer.card.name().to_owned();
    if let Some(prev) = sharing
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
        let c = coverage(hours, &a.id);
        return Ok(ReceivePlan::Nothing(Received::Attestation {
            from,
            id: a.id.clone(),
            sessions: a.sessions.len(),
            matched: c.matched,
            already_attested: c.already_attested,
            already_received: true,
        }));
    }
    Ok(ReceivePlan::Attestation {
        stored: Box::new(StoredAttestation {
            id: new_record_id()?,
            file: file.to_owned(),
            received_at: Utc::now(),
            attestation: a.clone(),
        }),
        from,
    })
}
