//! The hours log: the sessions of a period, each with whether a supervisor attested it, with
//! what the window needs beside them (the providers, and what to prefill the next one with).

use serde::{Deserialize, Serialize};

use crate::hours::{
    credential_catalogue, AttestationStatus, CredentialCatalogue, Hours, Period, Provider,
    SessionDraft, SupervisionSession,
};
use crate::vault::Vault;
use crate::Result;

/// Which sessions to list (the window's `list_sessions`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionQuery {
    /// Only sessions dated in this period.
    pub period: Period,
    /// At most this many come back, newest first; `total` counts them all.
    pub limit: u32,
}

/// A logged session, with whether a supervisor attested it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoggedSession {
    /// The session.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub session: SupervisionSession,
    /// Attested or not, and by whom.
    pub attestation: AttestationStatus,
}

impl LoggedSession {
    /// Session `s` of `hours`, with its attestation status.
    pub fn of(hours: &Hours, s: &SupervisionSession) -> Self {
        LoggedSession {
            session: s.clone(),
            attestation: hours.attestation_of(s),
        }
    }
}

/// The hours log (the window's `list_sessions`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HoursLog {
    /// The sessions, newest first.
    pub sessions: Vec<LoggedSession>,
    /// How many sessions are in the period in all.
    pub total: usize,
    /// Their minutes, summed exactly.
    pub total_minutes: u32,
    /// The provider address book, for suggestions and their credentials.
    pub providers: Vec<ProviderEntry>,
    /// The last session's content, to prefill the next one (same provider, format, length).
    pub last: Option<SessionDraft>,
}

/// The sessions of `query.period`, newest first (at most `query.limit` of them), with how
/// many there are and their minutes, the providers, and what to prefill a new one with.
pub fn hours_log(vault: &Vault, query: &SessionQuery) -> HoursLog {
    let hours = vault.hours();
    let sessions = hours.sessions_in(query.period);
    HoursLog {
        total: sessions.len(),
        total_minutes: sessions
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.content.minutes)),
        sessions: sessions
            .iter()
            .rev()
            .take(query.limit as usize)
            .map(|s| LoggedSession::of(hours, s))
            .collect(),
        providers: provider_entries(hours),
        last: hours.last_session().map(|s| s.content.clone()),
    }
}

/// A provider as lists show them: every detail, and the credential held today beside them
/// (the fields a provider had before credentials had dates, so that readers of those keep
/// working).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderEntry {
    /// The provider, with every credential and its dates.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub provider: Provider,
    /// The credential they hold today (the latest started), else one with no known start.
    pub credential: Option<String>,
    /// Its endorsement number; empty when not known.
    pub endorsement_number: String,
    /// Its association; empty when not known.
    pub association: String,
}

/// Every provider of `hours`, in the order first saved, with the credential held today.
pub fn provider_entries(hours: &Hours) -> Vec<ProviderEntry> {
    let today = crate::journal::today();
    hours
        .providers()
        .iter()
        .map(|p| {
            let current = p.content.current(today);
            ProviderEntry {
                provider: p.clone(),
                credential: current.and_then(|c| c.credential.clone()),
                endorsement_number: current
                    .map(|c| c.endorsement_number.clone())
                    .unwrap_or_default(),
                association: current.map(|c| c.association.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The providers' screen: the address book and the credential names to choose from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvidersView {
    /// Every provider, in the order first saved.
    pub providers: Vec<ProviderEntry>,
    /// The credentials to choose from, and the older names they are also known by.
    pub catalogue: CredentialCatalogue,
}

/// The providers' screen of `vault`.
pub fn providers_view(vault: &Vault) -> Result<ProvidersView> {
    Ok(ProvidersView {
        providers: provider_entries(vault.hours()),
        catalogue: credential_catalogue()?.clone(),
    })
}
