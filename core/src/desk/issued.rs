//! The attestations I signed, per person, newest first: to see what was signed when, and
//! to write a file again for someone who lost theirs.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::person_name::shown_name;
use crate::record::ids::resolve_in;
use crate::share::{Fingerprint, IssuedAttestation, Sharing};

/// An attestation I signed, in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuedRow {
    /// The attestation's id (as `attune verify` prints it).
    pub id: String,
    /// Whom it is for, as their card now says.
    pub name: String,
    /// Their fingerprint, grouped.
    pub fingerprint: String,
    /// The day I signed it.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub signed_on: NaiveDate,
    /// First day covered.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// Last day covered.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// Sessions signed.
    pub sessions: u32,
    /// Their minutes.
    pub minutes: u32,
}

/// The attestations I signed (for `who` only, when given), newest first.
pub fn issued(sharing: &Sharing, who: Option<Fingerprint>) -> Vec<IssuedRow> {
    sharing
        .issued_attestations()
        .iter()
        .rev()
        .filter(|i| who.is_none_or(|fp| i.attestation.practitioner == fp))
        .map(|i| {
            let a = &i.attestation;
            IssuedRow {
                id: a.id.clone(),
                name: sharing
                    .contact(a.practitioner)
                    .map_or_else(|| a.practitioner.short(), |c| shown_name(c.card.name())),
                fingerprint: a.practitioner.to_string(),
                signed_on: a.issued_at.date_naive(),
                from: a.period.from,
                to: a.period.to,
                sessions: a.totals.sessions,
                minutes: a.totals.minutes,
            }
        })
        .collect()
}

/// The attestation I signed whose id is `id` or starts with it (at least 4 characters).
pub fn resolve_issued<'s>(sharing: &'s Sharing, id: &str) -> Result<&'s IssuedAttestation> {
    resolve_in("attestation", id, sharing.issued_attestations(), |i| {
        &i.attestation.id
    })
}
