//! attune-core: the domain of Attune, a local-first encrypted journal for reflective
//! supervision in infant and early childhood mental health. It knows nothing of Tauri or the UI.
//!
//! The rooms, from the floor up (each uses only rooms listed before it):
//! - [`error`]: typed errors and the stable codes the UI branches on.
//! - [`crypto`]: keys, the one seal/open pair, the passphrase KDF, the recovery key.
//! - [`store`]: SQLite setup, migrations, the record and key-slot tables.
//! - [`backup`]: the backup file (manifest, image, checksum), the folder of backups and
//!   which to keep.
//! - [`text`]: what counts as text in what a person types (no control characters).
//! - [`record`]: the one sealed-record codec every record kind goes through, and record ids.
//! - [`person_name`]: the one rule for a name that stands for a person.
//! - [`profile`], [`settings`]: who the vault belongs to, and its settings.
//! - [`journal`]: reflections, filters, in-memory search, their records.
//! - [`hours`]: supervision sessions, providers, training, rule sets, progress, exports.
//! - [`portfolio`]: the other parts of an Endorsement® application, beside what is asked.
//! - [`provided`]: the RSC a supervisor or mentor provides to others.
//! - [`share`]: identities, contact cards, share bundles, comments, attestations.
//! - [`desk`]: the supervisor's desk: a row per supervisee, private notes never sent, the
//!   RSC provided as the attestations signed show it.
//! - [`export`]: the journal as Markdown files or one JSON file, and read back.
//! - [`import`]: entries of other journals (jrnl, Markdown folders, Attune's own JSON).
//! - [`sync`]: sync through a folder the person already syncs: segments, mirroring, merging.
//! - [`vault`]: creating, unlocking and locking a vault: key slots, loading every record,
//!   and handing each domain its records to write.
//! - [`views`]: what both shells display, built once from an unlocked vault (the journal
//!   page, the hours log, contacts, the share preview, what others shared with me).

#![warn(missing_docs)]

pub mod backup;
mod cores;
pub mod crypto;
pub mod desk;
pub mod error;
pub mod export;
pub mod files;
pub mod hours;
pub mod import;
pub mod journal;
pub mod person_name;
pub mod portfolio;
pub mod profile;
pub mod provided;
pub mod record;
pub mod settings;
pub mod share;
pub mod store;
pub mod sync;
pub mod text;
pub mod vault;
pub mod views;

pub use crypto::{KdfParams, RecoveryKey};
pub use error::{Error, ErrorCode, Place, Result};
pub use hours::{
    Duplicate, Hours, HoursSummary, ImportReport, Progress, Provider, ProviderDraft, RuleSet,
    SessionDraft, SupervisionSession, Training, TrainingDraft,
};
pub use journal::{
    Journal, Reflection, ReflectionDraft, ReflectionFilter, ReflectionKind, SearchHit,
};
pub use profile::{Profile, Role};
pub use settings::Settings;
pub use vault::{CreateOptions, DamagedRecord, KeepVersion, KeyChange, KeyDates, Unlock, Vault};
