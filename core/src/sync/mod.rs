//! Sync through a folder the person already syncs (docs/design/sync.md): the segment file
//! format, the folder's layout, mirroring this device's operations into it and merging the
//! other devices' back. The vault drives it (`Vault::sync_now` and friends); this room knows
//! the store and the record codec, never the vault.

mod compaction;
pub(crate) mod folder;
pub(crate) mod keys_file;
pub(crate) mod merge;
#[cfg(test)]
mod merge_props;
mod merging;
pub mod segment;
mod watch;

pub(crate) use compaction::due as compaction_due;
pub use compaction::{CompactionReport, COMPACT_AFTER_DAYS, COMPACT_AFTER_OPS};
pub use folder::{DeviceStatus, KeysChanged, SyncStatus};
pub(crate) use merging::Merged;
pub use segment::{SyncKey, SyncKeys};
pub use watch::{folder_stamp, FolderStamp};
