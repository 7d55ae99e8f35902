//! The supervisor's desk as both shells show it: one row per supervisee, and the RSC
//! provided as the attestations signed show it.

use crate::desk::{signed_provided, supervisees, SignedProvidedLog, SuperviseeRow};
use crate::hours::Period;
use crate::vault::Vault;

/// The desk's rows (see [`crate::desk::rows`]).
pub fn desk(vault: &Vault) -> Vec<SuperviseeRow> {
    supervisees(vault.sharing(), &vault.profile().name, vault.desk())
}

/// The RSC provided in `period`, from the attestations this vault signed.
pub fn provided_from_attestations(vault: &Vault, period: Period) -> SignedProvidedLog {
    signed_provided(vault.sharing(), period)
}
