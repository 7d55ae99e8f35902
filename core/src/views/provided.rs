//! The RSC the user provided in a period, beside the RSC they received in it: what the
//! window's "RSC I provide" tab and `attune provided list` show.

use serde::Serialize;

use crate::hours::Period;
use crate::provided::{ProvidedSession, ProvidedTotals};
use crate::vault::Vault;

/// RSC provided and received in one period.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvidedLog {
    /// The sessions provided, newest first.
    pub sessions: Vec<ProvidedSession>,
    /// Their totals.
    pub provided: ProvidedTotals,
    /// The RSC received in the same period: sessions logged.
    pub received_sessions: u32,
    /// And their minutes, summed exactly.
    pub received_minutes: u32,
}

/// The RSC provided and received in `period`.
pub fn provided_log(vault: &Vault, period: Period) -> ProvidedLog {
    let received = vault.hours().sessions_in(period);
    ProvidedLog {
        sessions: vault
            .provided()
            .sessions_in(period)
            .into_iter()
            .rev()
            .cloned()
            .collect(),
        provided: vault.provided().totals(period),
        received_sessions: u32::try_from(received.len()).unwrap_or(u32::MAX),
        received_minutes: received
            .iter()
            .fold(0u32, |sum, s| sum.saturating_add(s.content.minutes)),
    }
}
