//! What a signed attestation says: who signed for which practitioner, the period, and the
//! totals, as `attune attest`, `attune verify` and the window show it.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::person_name::shown_name;
use crate::share::Attestation;
use crate::Role;

/// What a signed attestation says (the window's `sign_attestation`, `check_attestation`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttestationView {
    /// Where it was saved (when just signed) or read from.
    pub path: String,
    /// The supervisor who signed it.
    pub signer: String,
    /// The signer's role on their card. The command line prints it; the window does not
    /// show it, so it does not cross IPC.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub signer_role: Role,
    /// The signer's fingerprint, to compare with their card.
    pub signer_fingerprint: String,
    /// Its short form, shown beside the signer's name: a name alone proves nothing.
    pub signer_short_fingerprint: String,
    /// The practitioner's fingerprint.
    pub practitioner: String,
    /// The practitioner's name as their card carried it when it was signed (shown with
    /// every hidden character written out); `None` for a format-1 file, which names the
    /// practitioner by fingerprint only.
    pub practitioner_name: Option<String>,
    /// Its short form, shown beside the practitioner's name.
    pub practitioner_short_fingerprint: String,
    /// First day covered.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// Last day covered.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// Sessions confirmed.
    pub sessions: u32,
    /// Their minutes.
    pub minutes: u32,
    /// Of which one-to-one.
    pub individual_minutes: u32,
    /// Of which in groups.
    pub group_minutes: u32,
    /// Of which about the RSC the practitioner provides (printed by the command line only;
    /// not sent over IPC).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub about_rsc_provided_minutes: u32,
    /// When it was signed.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub issued_at: DateTime<Utc>,
    /// The attestation's own id (printed by the command line only; not sent over IPC).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub id: String,
}

impl AttestationView {
    /// Attestation `a`, saved to or read from `path`.
    pub fn of(a: &Attestation, path: &Path) -> Self {
        AttestationView {
            path: path.display().to_string(),
            signer: shown_name(a.supervisor.name()),
            signer_role: a.supervisor.role(),
            signer_fingerprint: a.supervisor.fingerprint().to_string(),
            signer_short_fingerprint: a.supervisor.fingerprint().short(),
            practitioner: a.practitioner.to_string(),
            practitioner_name: a.practitioner_name.as_deref().map(shown_name),
            practitioner_short_fingerprint: a.practitioner.short(),
            from: a.period.from,
            to: a.period.to,
            sessions: a.totals.sessions,
            minutes: a.totals.minutes,
            individual_minutes: a.totals.individual_minutes,
            group_minutes: a.totals.group_minutes,
            about_rsc_provided_minutes: a.totals.about_rsc_provided_minutes,
            issued_at: a.issued_at,
            id: a.id.clone(),
        }
    }
}
