//! Compaction (docs/design/sync.md, "Privacy over time"): a device rewrites its whole
//! contribution to the folder as one compaction segment, then deletes its older segments,
//! so that a deleted reflection's text and the versions every device has let go do not
//! live on in the folder, and its contribution is sealed under the current key generation.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::folder::{device_dir, list_device, segment_name, Sync};
use super::merge::revisions;
use super::segment::{
    seal_segment, segment_hash, Op, RecordSuperseded, SegmentBody, SegmentHeader, SegmentKind,
};
use crate::error::Result;
use crate::files::{write_atomic, Readers};
use crate::record::hlc::hex;
use crate::record::revision::{revision_id, RevisionRecord};
use crate::record::tracking::{is_synced, History, SyncState};
use crate::store::SyncRows;

/// Operations mirrored after which a device compacts.
pub const COMPACT_AFTER_OPS: u64 = 500;
/// Days after which a device compacts, however few operations it mirrored.
pub const COMPACT_AFTER_DAYS: i64 = 7;

/// What one compaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CompactionReport {
    /// The number of the compaction segment written.
    pub segment: u64,
    /// Operations it holds: this device's newest on every record it last changed, and
    /// its versions still kept as revisions elsewhere.
    pub operations: usize,
    /// This device's older files deleted from the folder.
    pub files_removed: usize,
}

/// Whether a device in `state` should compact now (`now` passed in so tests need no clock).
pub(crate) fn due(state: &SyncState, now: DateTime<Utc>) -> bool {
    state.ops_since_compaction >= COMPACT_AFTER_OPS
        || state
            .last_compaction
            .is_none_or(|t| now - t >= Duration::days(COMPACT_AFTER_DAYS))
}

impl Sync<'_> {
    /// Mirrors what waits, then writes this device's compaction and deletes its older
    /// segments.
    pub(crate) fn compact(&mut self) -> Result<CompactionReport> {
        self.mirror()?;
        let device = self.device()?;
        let mut state = self.state()?;
        let dir = device_dir(Path::new(&state.folder), &device);
        std::fs::create_dir_all(&dir)?;
        let (old_ops, old_compactions, _) = list_device(&dir)?;
        // A compaction takes a number of its own, after the last segment: the next segment
        // chains to it, and readers find it as "the largest compaction past my cursor". A
        // file left at that number by a crash is skipped over, never rewritten.
        let mut number = state.last_segment + 1;
        while old_ops.contains_key(&number) || old_compactions.contains_key(&number) {
            number += 1;
        }
        let mut body = SegmentBody {
            device_name: state.device_name.clone(),
            ops: Vec::new(),
            superseded: Vec::new(),
        };
        for id in self.records.store().history_ids()? {
            let Some(h) = self.history(&id)? else {
                continue;
            };
            if !is_synced(&h.kind) {
                continue;
            }
            self.compact_record(&id, &h, device, &mut body)?;
        }
        body.ops.sort_by_key(|o| o.hlc);
        // Sealed under the newest key generation: compacting is how a device re-seals what it
        // wrote under an older one (after a passphrase change).
        let (generation, key) = self.keys.newest();
        let header = SegmentHeader {
            kind: SegmentKind::Compaction,
            vault_id: self.vault_id,
            device,
            number,
            generation,
        };
        // A compaction starts a chain: it is chained to zeros, not to the segment before.
        let file = seal_segment(key, &header, &[0; 32], &body)?;
        let path = dir.join(segment_name(SegmentKind::Compaction, number));
        write_atomic(&path, &file, "a sync compaction", Readers::Owner)?;
        state.last_segment = number;
        state.last_hash = hex(&segment_hash(&file));
        state.ops_since_compaction = 0;
        state.last_compaction = Some(Utc::now());
        self.save(SyncRows::default(), state, &[], &[])?;
        // Only once the compaction is written and known: the files it replaces. A file that
        // cannot be deleted now is deleted by the next compaction.
        let mut files_removed = 0;
        let older = old_ops
            .range(..number)
            .chain(old_compactions.range(..number));
        for (_, p) in older {
            if std::fs::remove_file(p).is_ok() {
                files_removed += 1;
            }
        }
        Ok(CompactionReport {
            segment: number,
            operations: body.ops.len(),
            files_removed,
        })
    }

    /// Adds to `body` what the compaction keeps of record `id`: this device's operation if
    /// it is the winner, this device's versions still kept as revisions, and what is known
    /// to be superseded on the record (so that devices which never see the dropped
    /// operations let the same versions go).
    fn compact_record(
        &self,
        id: &str,
        h: &History,
        device: [u8; 16],
        body: &mut SegmentBody,
    ) -> Result<()> {
        let facts = h.all_superseded();
        if !facts.is_empty() {
            body.superseded.push(RecordSuperseded {
                id: id.to_owned(),
                kind: h.kind.clone(),
                bases: facts.bases.into_iter().collect(),
                deleted_up_to: facts.deleted_up_to,
            });
        }
        if let Some(w) = h.current().filter(|w| w.hlc.device == device) {
            // A tombstone keeps only the id and kind: the deleted text is gone for good.
            let json = if w.deleted {
                None
            } else {
                self.current_json(id)?
            };
            if w.deleted || json.is_some() {
                body.ops.push(Op {
                    id: id.to_owned(),
                    kind: h.kind.clone(),
                    hlc: w.hlc,
                    base: w.base,
                    body: json,
                    also: Vec::new(),
                });
            }
        }
        for x in revisions(&h.kind, &h.ops, &h.superseded) {
            if x.hlc.device != device {
                continue;
            }
            let Some(json) = self.current_json(&revision_id(id, &x.hlc))? else {
                continue;
            };
            let Ok(rec) = serde_json::from_str::<RevisionRecord>(&json) else {
                continue;
            };
            body.ops.push(Op {
                id: id.to_owned(),
                kind: h.kind.clone(),
                hlc: x.hlc,
                base: x.base,
                body: Some(rec.body),
                also: Vec::new(),
            });
        }
        Ok(())
    }
}
