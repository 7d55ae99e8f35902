//! Attestations (`*.attune-attest`): a supervisor's signed confirmation of a practitioner's
//! supervision sessions. Not encrypted and free of reflective text, so that anyone (an
//! Endorsement reviewer) can check one offline with `attune verify FILE`.
//!
//! The file is an [`envelope`](super::envelope) with magic `attune-attest`; its payload is
//! this JSON (one line), signed with the domain `attune/attestation/v1\0`:
//! ```json
//! {"format":2,"id":"<32 hex>","issued_at":"2026-04-01T10:00:00Z",
//!  "supervisor":{<contact card>},"practitioner":"<fingerprint, 64 hex>",
//!  "practitioner_name":"<the name on the practitioner's card>",
//!  "period":{"from":"2026-01-01","to":"2026-03-31"},
//!  "sessions":[{"id":"<the practitioner's session id>","date":"2026-01-12","minutes":60,
//!               "format":"individual","about_rsc_provided":false,
//!               "provider":"<the provider as the practitioner logged it>"}],
//!  "totals":{"sessions":1,"minutes":60,"individual_minutes":60,"group_minutes":0,
//!            "about_rsc_provided_minutes":0}}
//! ```
//! Format 1 (still read) has neither `practitioner_name` nor the sessions' `provider`.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::card::{ContactCard, Fingerprint};
use super::identity::Identity;
use super::{domain, envelope, hex, is_hex_id, sha256, verify_signature, ShareError};
use crate::error::{Error, Result};
use crate::hours::{Period, SessionFormat, MAX_SESSION_MINUTES};
use crate::person_name::check_stored_name;

/// The file extension of attestations.
pub const ATTESTATION_EXTENSION: &str = "attune-attest";
/// Largest attestation accepted, in bytes (ten thousand sessions fit easily).
pub const MAX_ATTESTATION_BYTES: usize = 4 * 1024 * 1024;
/// Most sessions in one attestation.
pub const MAX_ATTESTED_SESSIONS: usize = 10_000;
const MAGIC: &str = "attune-attest";
/// The payload format Attune writes; 1 is still read.
pub const ATTESTATION_FORMAT: u32 = 2;
const WHAT: &str = "attestation";

/// One attested session, as the practitioner logged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestedSession {
    /// The practitioner's id of the session.
    pub id: String,
    /// The day it took place.
    pub date: NaiveDate,
    /// Clock minutes.
    pub minutes: u32,
    /// Individual or group.
    pub format: SessionFormat,
    /// Whether it was about the RSC the practitioner provides to others.
    pub about_rsc_provided: bool,
    /// The provider as the practitioner logged it ("Sam S."), which the signer confirms is
    /// them; `None` in format 1, where the provider is the name on the signer's card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// The sums over the attested sessions; checked against the sessions on reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestationTotals {
    /// Number of sessions.
    pub sessions: u32,
    /// All minutes.
    pub minutes: u32,
    /// Minutes one-to-one.
    pub individual_minutes: u32,
    /// Minutes in groups.
    pub group_minutes: u32,
    /// Minutes about the RSC the practitioner provides.
    pub about_rsc_provided_minutes: u32,
}

/// The period an attestation covers, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestedPeriod {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// The payload as written. Minutes are read as signed 64-bit numbers so that a negative or
/// huge value is reported as such rather than as a parse error (and never wraps).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayloadJson {
    format: u32,
    id: String,
    issued_at: DateTime<Utc>,
    supervisor: super::card::CardJson,
    practitioner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    practitioner_name: Option<String>,
    period: AttestedPeriod,
    sessions: Vec<SessionJson>,
    totals: TotalsJson,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionJson {
    id: String,
    date: NaiveDate,
    minutes: i64,
    format: SessionFormat,
    about_rsc_provided: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provider: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TotalsJson {
    sessions: i64,
    minutes: i64,
    individual_minutes: i64,
    group_minutes: i64,
    about_rsc_provided_minutes: i64,
}

/// A checked attestation: its signature verifies with the supervisor's card and its
/// content is consistent (minutes in range, totals that add up, dates in the period).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    /// Random id (32 hex digits), chosen by the supervisor.
    pub id: String,
    /// When it was signed.
    pub issued_at: DateTime<Utc>,
    /// Who signed it.
    pub supervisor: ContactCard,
    /// The practitioner it is for.
    pub practitioner: Fingerprint,
    /// Their name as their card carried it when it was signed; `None` in format 1.
    pub practitioner_name: Option<String>,
    /// The payload format it was written in (1 or 2).
    pub format: u32,
    /// The period covered.
    pub period: AttestedPeriod,
    /// The sessions confirmed, oldest first.
    pub sessions: Vec<AttestedSession>,
    /// Their sums.
    pub totals: AttestationTotals,
    /// SHA-256 of the whole file: the same id with other bytes is a replay.
    pub digest: [u8; 32],
}

fn bad(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid(format!("attestation {}", field.into()), message)
}

/// Sums sessions into totals; `None` if a sum leaves u32 (it cannot with checked sessions).
fn totals_of(sessions: &[AttestedSession]) -> Option<AttestationTotals> {
    let mut t = AttestationTotals {
        sessions: u32::try_from(sessions.len()).ok()?,
        minutes: 0,
        individual_minutes: 0,
        group_minutes: 0,
        about_rsc_provided_minutes: 0,
    };
    for s in sessions {
        t.minutes = t.minutes.checked_add(s.minutes)?;
        match s.format {
            SessionFormat::Individual => {
                t.individual_minutes = t.individual_minutes.checked_add(s.minutes)?
            }
            SessionFormat::Group => t.group_minutes = t.group_minutes.checked_add(s.minutes)?,
        }
        if s.about_rsc_provided {
            t.about_rsc_provided_minutes = t.about_rsc_provided_minutes.checked_add(s.minutes)?;
        }
    }
    Some(t)
}

impl Attestation {
    /// Signs an attestation of `sessions` for `practitioner` over `period` (both ends
    /// given, or taken from the sessions). Checks the same rules [`Attestation::verify`]
    /// does, so that nothing is signed that would not verify.
    pub(crate) fn sign(
        identity: &Identity,
        supervisor: &ContactCard,
        practitioner: &ContactCard,
        period: Period,
        mut sessions: Vec<AttestedSession>,
    ) -> Result<(Vec<u8>, Attestation)> {
        sessions.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let (Some(first), Some(last)) = (sessions.first(), sessions.last()) else {
            return Err(Error::invalid(
                "sessions",
                "there are no sessions to attest",
            ));
        };
        let period = AttestedPeriod {
            from: period.from.unwrap_or(first.date),
            to: period.to.unwrap_or(last.date),
        };
        let totals = totals_of(&sessions)
            .ok_or_else(|| Error::invalid("sessions", "the minutes add up to too many"))?;
        let mut id = [0u8; 16];
        crate::crypto::random_bytes(&mut id)?;
        let payload = PayloadJson {
            format: ATTESTATION_FORMAT,
            id: hex(&id),
            issued_at: Utc::now(),
            supervisor: supervisor.clone().into(),
            practitioner: practitioner.fingerprint().to_hex(),
            practitioner_name: Some(practitioner.name().to_owned()),
            period,
            sessions: sessions
                .iter()
                .map(|s| SessionJson {
                    id: s.id.clone(),
                    date: s.date,
                    minutes: i64::from(s.minutes),
                    format: s.format,
                    about_rsc_provided: s.about_rsc_provided,
                    provider: s.provider.clone(),
                })
                .collect(),
            totals: TotalsJson {
                sessions: i64::from(totals.sessions),
                minutes: i64::from(totals.minutes),
                individual_minutes: i64::from(totals.individual_minutes),
                group_minutes: i64::from(totals.group_minutes),
                about_rsc_provided_minutes: i64::from(totals.about_rsc_provided_minutes),
            },
        };
        let bytes =
            serde_json::to_vec(&payload).map_err(|_| Error::Crypto("attestation encoding"))?;
        let file = Self::sign_payload(identity, &bytes)?;
        let checked = Self::verify(&file)?;
        Ok((file, checked))
    }

    /// Signs payload bytes as they are. Tests use it to make well-signed files with bad
    /// content; the app only signs through [`Attestation::sign`].
    #[doc(hidden)]
    pub fn sign_payload(identity: &Identity, payload: &[u8]) -> Result<Vec<u8>> {
        let signature = identity.sign(domain::ATTESTATION, payload)?;
        Ok(envelope::encode(MAGIC, payload, &signature))
    }

    /// Reads and checks an attestation file: its layout, the supervisor card's
    /// self-signature, the signature over the payload, then the content. Needs no vault.
    pub fn verify(bytes: &[u8]) -> Result<Attestation> {
        if bytes.len() > MAX_ATTESTATION_BYTES {
            return Err(ShareError::Damaged {
                what: WHAT,
                detail: format!(
                    "it is larger than {}",
                    crate::files::size_in_words(MAX_ATTESTATION_BYTES as u64)
                ),
            }
            .into());
        }
        let env = envelope::decode(MAGIC, WHAT, bytes)?;
        let p: PayloadJson = serde_json::from_slice(env.payload).map_err(|e| {
            envelope::newer_format(WHAT, ATTESTATION_FORMAT, env.payload).map_or_else(
                || bad("content", format!("does not parse: {e}")),
                Error::from,
            )
        })?;
        if p.format != 1 && p.format != ATTESTATION_FORMAT {
            return Err(ShareError::UnknownVersion {
                newest: ATTESTATION_FORMAT,
                what: WHAT,
                found: p.format.to_string(),
            }
            .into());
        }
        let supervisor = ContactCard::try_from(p.supervisor)?;
        if !verify_signature(
            supervisor.signing_key(),
            domain::ATTESTATION,
            env.payload,
            &env.signature,
        ) {
            return Err(ShareError::BadSignature(WHAT).into());
        }
        // Signed, so whoever holds the key wrote it; still check that it makes sense.
        if p.id.len() != 32 || !is_hex_id(&p.id) {
            return Err(bad("id", "is not 32 lower-case hex digits"));
        }
        let practitioner = Fingerprint::from_hex(&p.practitioner)
            .ok_or_else(|| bad("practitioner", "is not a fingerprint (64 hex digits)"))?;
        let v2 = p.format == ATTESTATION_FORMAT;
        let practitioner_name = match (&p.practitioner_name, v2) {
            (Some(name), true) => {
                check_stored_name("practitioner_name", name)
                    .map_err(|e| bad("practitioner_name", e.to_string()))?;
                Some(name.clone())
            }
            (None, true) => {
                return Err(bad(
                    "practitioner_name",
                    "is missing (format 2 carries the practitioner's name)",
                ))
            }
            (Some(_), false) => return Err(bad("practitioner_name", "is not in format 1")),
            (None, false) => None,
        };
        if p.period.to < p.period.from {
            return Err(bad(
                "period",
                format!(
                    "ends ({}) before it starts ({})",
                    p.period.to, p.period.from
                ),
            ));
        }
        if p.sessions.is_empty() {
            return Err(bad("sessions", "there are none"));
        }
        if p.sessions.len() > MAX_ATTESTED_SESSIONS {
            return Err(bad(
                "sessions",
                format!("more than {MAX_ATTESTED_SESSIONS}"),
            ));
        }
        let mut seen = HashSet::new();
        let mut sessions = Vec::with_capacity(p.sessions.len());
        for (i, s) in p.sessions.into_iter().enumerate() {
            let at = |f: &str| format!("session {}: {f}", i + 1);
            if !is_hex_id(&s.id) {
                return Err(bad(at("id"), "is not a session id (hex)"));
            }
            if !seen.insert(s.id.clone()) {
                return Err(bad(at("id"), "appears twice"));
            }
            if s.minutes <= 0 || s.minutes > i64::from(MAX_SESSION_MINUTES) {
                return Err(bad(
                    at("minutes"),
                    format!(
                        "{} is not a number of minutes from 1 to {MAX_SESSION_MINUTES}",
                        s.minutes
                    ),
                ));
            }
            if !(p.period.from..=p.period.to).contains(&s.date) {
                return Err(bad(
                    at("date"),
                    format!(
                        "{} is outside the period {} to {}",
                        s.date, p.period.from, p.period.to
                    ),
                ));
            }
            let provider = match (s.provider, v2) {
                (Some(name), true) => {
                    check_provider(&name).map_err(|e| bad(at("provider"), e))?;
                    Some(name)
                }
                (None, true) => {
                    return Err(bad(
                        at("provider"),
                        "is missing (format 2 carries the provider as logged)",
                    ))
                }
                (Some(_), false) => return Err(bad(at("provider"), "is not in format 1")),
                (None, false) => None,
            };
            sessions.push(AttestedSession {
                id: s.id,
                date: s.date,
                // Checked above: 1..=1440.
                minutes: s.minutes as u32,
                format: s.format,
                about_rsc_provided: s.about_rsc_provided,
                provider,
            });
        }
        let totals = totals_of(&sessions).ok_or_else(|| bad("totals", "overflow"))?;
        let t = &p.totals;
        for (name, claimed, actual) in [
            ("sessions", t.sessions, totals.sessions),
            ("minutes", t.minutes, totals.minutes),
            (
                "individual_minutes",
                t.individual_minutes,
                totals.individual_minutes,
            ),
            ("group_minutes", t.group_minutes, totals.group_minutes),
            (
                "about_rsc_provided_minutes",
                t.about_rsc_provided_minutes,
                totals.about_rsc_provided_minutes,
            ),
        ] {
            if claimed != i64::from(actual) {
                return Err(bad(
                    format!("totals.{name}"),
                    format!("{claimed} does not add up: the sessions make {actual}"),
                ));
            }
        }
        Ok(Attestation {
            id: p.id,
            issued_at: p.issued_at,
            supervisor,
            practitioner,
            practitioner_name,
            format: p.format,
            period: p.period,
            sessions,
            totals,
            digest: sha256(bytes),
        })
    }
}

impl Attestation {
    /// The provider `s` names as it was signed: the practitioner's own spelling in
    /// format 2, the signer's card name in format 1.
    pub fn provider_of<'a>(&'a self, s: &'a AttestedSession) -> &'a str {
        s.provider.as_deref().unwrap_or(self.supervisor.name())
    }
}

/// A provider's name as a practitioner logged it: present, at most
/// [`MAX_NAME_CHARS`](crate::person_name::MAX_NAME_CHARS) characters, no control
/// characters. Looser than a person's name on a card: a log's spelling is whatever the
/// practitioner typed, and the signer only confirms it is them.
fn check_provider(name: &str) -> std::result::Result<(), String> {
    if name.trim().is_empty() {
        return Err("is missing".into());
    }
    if name.chars().count() > crate::person_name::MAX_NAME_CHARS {
        return Err(format!(
            "at most {} characters",
            crate::person_name::MAX_NAME_CHARS
        ));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains U+{:04X}, a control character",
            u32::from(c)
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "attestation_tests.rs"]
mod tests;
