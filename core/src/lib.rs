//! attune-core: the domain of Attune, a local-first encrypted journal for reflective
//! supervision in infant and early childhood mental health. It knows nothing of Tauri or the UI.
//!
//! - [`vault`]: key hierarchy, key slots, recovery key, sealing records.
//! - [`store`]: SQLite setup, migrations, record tables (crate-private details).
//! - [`journal`]: reflections, filters, in-memory search.
//! - [`settings`]: the settings sealed in the vault.
//! - [`hours`]: supervision sessions, providers, training, rule sets, progress, exports.
//! - [`share`]: identities, contact cards, share bundles, comments, attestations.

pub mod error;
pub mod files;
pub mod hours;
pub mod journal;
pub mod settings;
pub mod share;
pub mod store;
pub mod vault;

pub use error::{Error, ErrorCode, Result};
pub use hours::{
    Hours, HoursSummary, Progress, Provider, ProviderDraft, RuleSet, SessionDraft,
    SupervisionSession, Training, TrainingDraft,
};
pub use journal::{
    Journal, Reflection, ReflectionDraft, ReflectionFilter, ReflectionKind, SearchHit,
};
pub use settings::Settings;
pub use vault::{
    CreateOptions, DamagedRecord, Duplicate, ImportReport, KdfParams, Profile, RecoveryKey, Role,
    Unlock, Vault,
};
