//! Merging the other devices' segments: each device's chain in order from its cursor, a
//! segment that does not open yet left for the next time, a gap waited for, a compaction
//! taken where it covers what is missing, and a folder that went back in time reported.
//! Each segment is merged in one transaction with its cursor, so a crash merges it again
//! or not at all (merging it twice changes nothing).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use zeroize::Zeroizing;

use super::folder::{
    is_conflict_copy, key_temp_prefix, list_device, remove_own_temps, Pending, Sync, DEVICES_DIR,
    KEYS_DIR,
};
use super::keys_file;
use super::merge::{absorb, decide, RecordAction, RevisionFrom};
use super::segment::{
    open_segment, read_header, segment_hash, Expected, SegmentBody, SegmentProblem, MAX_SEGMENT,
};
use crate::error::Result;
use crate::files::read_capped;
use crate::record::hlc::{hex, unhex};
use crate::record::kinds;
use crate::record::revision::{revision_id, revision_json};
use crate::record::tracking::{is_synced, History, KnownOp, Superseded, SyncState};
use crate::store::{CursorRow, StoredRecord, SyncRows};

/// Reads a segment file, or `None` when it cannot be read now (gone, or still arriving).
fn read_segment(path: &Path) -> Option<Vec<u8>> {
    read_capped(path, MAX_SEGMENT, "a sync segment").ok()
}

/// How long a file that does not open may stay unchanged before it is reported as damaged
/// rather than still arriving (a sync tool delivers a file within minutes or hours).
pub(crate) const DAMAGED_AFTER_HOURS: i64 = 24;

/// Keeps track of a segment that does not open (not a truncated one, which is still
/// arriving): first seen now, or, unchanged for [`DAMAGED_AFTER_HOURS`], reported.
fn note_unopened(
    state: &mut SyncState,
    device: &[u8; 16],
    number: u64,
    bytes: &[u8],
    now: DateTime<Utc>,
) {
    let key = format!("{}/{number}", hex(device));
    let hash = hex(&segment_hash(bytes));
    match state.unopened.get(&key) {
        Some((seen, since)) if *seen == hash => {
            if now - *since >= Duration::hours(DAMAGED_AFTER_HOURS) {
                let name = state
                    .devices
                    .get(&hex(device))
                    .cloned()
                    .unwrap_or_else(|| hex(device));
                let what = format!(
                    "a file from {name} is damaged ({DEVICES_DIR}/{key}): merging of that device waits there"
                );
                state.damaged.insert(key, what);
            }
        }
        _ => {
            state.unopened.insert(key, (hash, now));
        }
    }
}

/// A record a merge puts: its id, kind and JSON.
pub(crate) type Put = (String, String, Zeroizing<String>);

/// What a merge wrote here: the kind of each record it changed (`None` when deleted),
/// and what the caller's `prepare` made of each merged segment's puts, so that the
/// unlocked vault can take them in without reading every record back.
pub(crate) struct Merged<P> {
    /// How many operations changed something here.
    pub changed: usize,
    /// By record id.
    pub records: BTreeMap<String, Option<String>>,
    /// One for each segment merged, in the order they were.
    pub prepared: Vec<P>,
}

impl<P> Default for Merged<P> {
    fn default() -> Self {
        Merged {
            changed: 0,
            records: BTreeMap::new(),
            prepared: Vec::new(),
        }
    }
}

/// From this many records put by one segment on, `prepare` runs on another thread while
/// the segment's transaction is written (its inserts and durable commit leave a core
/// free); below, starting a thread costs more than it saves.
const PREPARE_ALONGSIDE_FROM: usize = 256;

/// Adds `what` to a report list, once.
fn note(list: &mut Vec<String>, what: String) {
    if !list.contains(&what) {
        list.push(what);
    }
}

impl Sync<'_> {
    /// Merges every other device's new segments. Returns what changed here, with what
    /// `prepare` made of each segment's puts (run only for a segment that was saved); and,
    /// apart, whether the merge went through. One that failed midway (a disk that filled
    /// up) has saved the segments before for good, and what they changed is returned all
    /// the same: the vault must take it in, or its window would show less than its file.
    pub(crate) fn merge<P: Send>(
        &mut self,
        prepare: &(impl Fn(&[Put]) -> P + std::marker::Sync),
    ) -> (Merged<P>, Result<()>) {
        let mut merged = Merged::default();
        let outcome = self.merge_into(prepare, &mut merged);
        (merged, outcome)
    }

    /// [`Sync::merge`], adding each segment to `merged` once it is saved.
    fn merge_into<P: Send>(
        &mut self,
        prepare: &(impl Fn(&[Put]) -> P + std::marker::Sync),
        merged: &mut Merged<P>,
    ) -> Result<()> {
        let me = self.device()?;
        let mut state = self.state()?;
        let root = PathBuf::from(&state.folder);
        let cursors: HashMap<[u8; 16], CursorRow> = self
            .records
            .store()
            .cursors()?
            .into_iter()
            .map(|c| (c.device, c))
            .collect();
        // This device's leftovers among the shared key files (a key-file write killed
        // midway) go; other devices' are theirs to remove.
        let keys = root.join(KEYS_DIR);
        if keys.is_dir() {
            remove_own_temps(&keys, &key_temp_prefix(&me))?;
        }
        // At the top, and among the key files, only a sync tool's conflict copies are
        // worth telling (of the marker, of a key file); its own metadata (`.stfolder`) is not.
        for sub in [None, Some(KEYS_DIR)] {
            let dir = sub.map_or_else(|| root.clone(), |s| root.join(s));
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let name = entry?.file_name().to_string_lossy().into_owned();
                if is_conflict_copy(&name) {
                    let shown = sub.map_or_else(|| name.clone(), |s| format!("{s}/{name}"));
                    note(&mut state.ignored, shown);
                }
            }
        }
        // Key generations made twice at once (two devices changed their passphrase before
        // either saw the other's): a segment sealed under the one that lost does not open
        // here until its device takes the other and compacts.
        let mut per_generation: HashMap<u32, usize> = HashMap::new();
        for g in keys_file::read_all(&root, &self.vault_id).unwrap_or_default() {
            *per_generation.entry(g.generation).or_default() += 1;
        }
        let crossed: Vec<u32> = per_generation
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(g, _)| g)
            .collect();
        let mut devices = Vec::new();
        for entry in std::fs::read_dir(root.join(DEVICES_DIR))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            match unhex(&name).and_then(|v| <[u8; 16]>::try_from(v).ok()) {
                Some(id) if name.len() == 32 && entry.path().is_dir() => {
                    devices.push((id, entry.path()))
                }
                _ => note(&mut state.ignored, format!("{DEVICES_DIR}/{name}")),
            }
        }
        devices.sort();
        for (device, dir) in devices {
            if device == me || state.forgotten.contains_key(&hex(&device)) {
                continue;
            }
            let (ops, compactions, ignored) = list_device(&dir)?;
            for name in ignored {
                note(
                    &mut state.ignored,
                    format!("{DEVICES_DIR}/{}/{name}", hex(&device)),
                );
            }
            let cursor = cursors.get(&device).copied().unwrap_or(CursorRow {
                device,
                segment: 0,
                hash: [0; 32],
            });
            let highest = ops.keys().chain(compactions.keys()).max().copied();
            if cursor.segment > 0 && highest.is_none_or(|h| h < cursor.segment) {
                note(
                    &mut state.rollbacks,
                    format!(
                        "the synced folder went back in time for device {}: it has up to segment {}, {} had been merged",
                        hex(&device),
                        highest.unwrap_or(0),
                        cursor.segment
                    ),
                );
                continue;
            }
            let (mut n, mut h) = (cursor.segment, cursor.hash);
            loop {
                let next = n + 1;
                let mut found: Option<(u64, [u8; 32], SegmentBody)> = None;
                let mut unopened: Option<Vec<u8>> = None;
                if let Some(bytes) = ops.get(&next).and_then(|p| read_segment(p)) {
                    let mut prevs = vec![h];
                    if let Some(c) = compactions.get(&n).and_then(|p| read_segment(p)) {
                        prevs.push(segment_hash(&c));
                    }
                    // Whether it failed in a way that may be damage.
                    let mut damage = false;
                    for prev_hash in prevs {
                        let expect = Expected {
                            vault_id: self.vault_id,
                            device,
                            number: next,
                            prev_hash,
                        };
                        match open_segment(self.keys, &bytes, &expect) {
                            Ok((_, body)) => {
                                found = Some((next, segment_hash(&bytes), body));
                                break;
                            }
                            // Still arriving; or sealed under a key generation this
                            // device has not taken yet (a passphrase changed elsewhere:
                            // it comes with the next unlock), or under one of two made at
                            // once: all wait, none is damage.
                            Err(SegmentProblem::Truncated { .. })
                            | Err(SegmentProblem::KeyGeneration(_)) => {}
                            Err(SegmentProblem::DoesNotOpen)
                                if read_header(&bytes)
                                    .is_ok_and(|h| crossed.contains(&h.generation)) => {}
                            Err(_) => damage = true,
                        }
                    }
                    if damage && found.is_none() {
                        unopened = Some(bytes);
                    }
                }
                if found.is_none() {
                    if let Some((&m, path)) = compactions.range(next..).next_back() {
                        if let Some(bytes) = read_segment(path) {
                            let expect = Expected {
                                vault_id: self.vault_id,
                                device,
                                number: m,
                                prev_hash: [0; 32],
                            };
                            if let Ok((_, body)) = open_segment(self.keys, &bytes, &expect) {
                                found = Some((m, segment_hash(&bytes), body));
                            }
                        }
                    }
                }
                // Nothing that opens: a gap, or a file still arriving. Both wait; a file
                // that stays unopenable for a day is reported.
                let Some((number, hash, body)) = found else {
                    if let Some(bytes) = unopened {
                        note_unopened(&mut state, &device, next, &bytes, Utc::now());
                    }
                    break;
                };
                let below = |k: &str| {
                    k.strip_prefix(&format!("{}/", hex(&device)))
                        .and_then(|n| n.parse::<u64>().ok())
                        .is_some_and(|k| k <= number)
                };
                state.unopened.retain(|k, _| !below(k));
                state.damaged.retain(|k, _| !below(k));
                self.apply(device, number, hash, body, &mut state, merged, prepare)?;
                (n, h) = (number, hash);
            }
        }
        state.last_merge = Some(Utc::now());
        self.save(SyncRows::default(), state, &[], &[])
    }

    /// The JSON of record `id` as this merge leaves it so far.
    fn json_now(&self, p: &Pending, id: &str) -> Result<Option<Zeroizing<String>>> {
        match p.records.get(id) {
            Some(now) => Ok(now.as_ref().map(|(_, j)| j.clone())),
            None => self.current_json(id),
        }
    }

    /// What is known of record `id` so far in this merge: its history as this merge leaves
    /// it, else as the vault held it before (read for the whole segment in `stored`).
    fn known_history(
        &self,
        p: &Pending,
        stored: &HashMap<String, StoredRecord>,
        id: &str,
    ) -> Result<Option<History>> {
        if let Some(h) = p.histories.get(id) {
            return Ok(Some(h.clone()));
        }
        match stored.get(id) {
            Some(StoredRecord {
                history: Some(sealed),
                ..
            }) => self.open_history(id, sealed),
            Some(_) => Ok(None),
            None => self.history(id),
        }
    }

    /// The kind of the record `id` in the vault before this merge, if there is one.
    fn kind_before(
        &self,
        stored: &HashMap<String, StoredRecord>,
        id: &str,
    ) -> Result<Option<String>> {
        match stored.get(id) {
            Some(s) => Ok(s.kind.clone()),
            None => self.records.store().kind_of(id),
        }
    }

    /// Adds what is known to be superseded on record `id` to this merge, letting go of the
    /// revisions it supersedes.
    fn absorb_into(
        &self,
        p: &mut Pending,
        stored: &HashMap<String, StoredRecord>,
        id: &str,
        kind: &str,
        facts: &Superseded,
    ) -> Result<()> {
        let known = self.known_history(p, stored, id)?;
        if let Some((history, drop)) = absorb(known.as_ref(), kind, facts) {
            for hlc in &drop {
                p.records.insert(revision_id(id, hlc), None);
            }
            p.histories.insert(id.to_owned(), history);
        }
        Ok(())
    }

    /// Merges one segment of `device`, and moves its cursor, in one transaction; adds what
    /// it wrote to `merged`.
    #[allow(clippy::too_many_arguments)]
    fn apply<P: Send>(
        &mut self,
        device: [u8; 16],
        number: u64,
        hash: [u8; 32],
        body: SegmentBody,
        state: &mut SyncState,
        merged: &mut Merged<P>,
        prepare: &(impl Fn(&[Put]) -> P + std::marker::Sync),
    ) -> Result<()> {
        let mut p = Pending::default();
        let mut applied = 0;
        // What the vault holds of every record the segment names, read at once (nothing is
        // written before the segment's one transaction, so it stays true throughout).
        let mut ids: Vec<&str> = body
            .superseded
            .iter()
            .map(|f| f.id.as_str())
            .chain(body.ops.iter().map(|o| o.id.as_str()))
            .filter(|id| !id.is_empty() && !id.contains('.'))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let stored = self.records.store().stored_records(&ids)?;
        // A compaction's facts first, so that its operations are judged knowing them.
        for f in &body.superseded {
            if !is_synced(&f.kind) || f.id.is_empty() || f.id.contains('.') {
                continue;
            }
            let here = self.kind_before(&stored, &f.id)?;
            if here.as_deref().is_some_and(|k| k != f.kind) {
                continue;
            }
            let facts = Superseded {
                bases: f.bases.iter().copied().collect(),
                deleted_up_to: f.deleted_up_to,
            };
            self.absorb_into(&mut p, &stored, &f.id, &f.kind, &facts)?;
        }
        for mut op in body.ops {
            // Ids with a dot name revisions, which never travel.
            if !is_synced(&op.kind) || op.id.is_empty() || op.id.contains('.') {
                continue;
            }
            let here = self.kind_before(&stored, &op.id)?;
            if here.as_deref().is_some_and(|k| k != op.kind) {
                continue; // a record of another kind at this id is left alone
            }
            state.clock = state.clock.observe(&op.hlc);
            // An edit that also started from other versions supersedes them first.
            if !op.also.is_empty() {
                let facts = Superseded {
                    bases: op.also.iter().copied().collect(),
                    deleted_up_to: None,
                };
                self.absorb_into(&mut p, &stored, &op.id, &op.kind, &facts)?;
            }
            let known = self.known_history(&p, &stored, &op.id)?;
            let incoming = KnownOp {
                hlc: op.hlc,
                base: op.base,
                deleted: op.body.is_none(),
            };
            let Some(d) = decide(known.as_ref(), &op.kind, incoming) else {
                continue;
            };
            for (x, from) in &d.keep {
                let json = match from {
                    RevisionFrom::Local => self.json_now(&p, &op.id)?,
                    RevisionFrom::Incoming => op.body.clone(),
                };
                let Some(json) = json else { continue };
                let (id, text) = revision_json(&op.id, &x.hlc, &json)?;
                p.records
                    .insert(id, Some((kinds::REVISION.to_owned(), text)));
                p.kept += 1;
            }
            for hlc in &d.drop {
                p.records.insert(revision_id(&op.id, hlc), None);
            }
            match d.record {
                RecordAction::Put => {
                    if let Some(b) = op.body.take() {
                        p.records.insert(op.id.clone(), Some((op.kind.clone(), b)));
                    }
                }
                RecordAction::Delete => {
                    p.records.insert(op.id.clone(), None);
                    let prefix = format!("{}.", op.id);
                    for row in self
                        .records
                        .store()
                        .rows_with_prefix(kinds::REVISION, &prefix)?
                    {
                        p.records.insert(row.id, None);
                    }
                    for (_, now) in p
                        .records
                        .range_mut(prefix.clone()..)
                        .take_while(|(id, _)| id.starts_with(&prefix))
                    {
                        *now = None;
                    }
                }
                RecordAction::Keep => {}
            }
            p.histories.insert(op.id, d.history);
            applied += 1;
        }
        let mut rows = SyncRows::default();
        rows.cursors.push((device, number, hash));
        state.conflicts_kept += p.kept;
        state.devices.insert(hex(&device), body.device_name.clone());
        let (mut puts, mut deletes) = (Vec::new(), Vec::new());
        for (id, now) in p.records {
            match now {
                Some((kind, json)) => puts.push((id, kind, json)),
                None => deletes.push(id),
            }
        }
        let prepared =
            self.save_preparing(&p.histories, rows, state.clone(), &puts, &deletes, prepare)?;
        merged.changed += applied;
        merged.prepared.push(prepared);
        for (id, kind, _) in puts {
            merged.records.insert(id, Some(kind));
        }
        for id in deletes {
            merged.records.insert(id, None);
        }
        Ok(())
    }

    /// Saves what merging a segment wrote (its histories sealed, its records, `rows`),
    /// and runs `prepare` over its puts: alongside, on another thread, when they are many.
    fn save_preparing<P: Send>(
        &mut self,
        histories: &BTreeMap<String, History>,
        mut rows: SyncRows,
        state: SyncState,
        puts: &[Put],
        deletes: &[String],
        prepare: &(impl Fn(&[Put]) -> P + std::marker::Sync),
    ) -> Result<P> {
        let save = |sync: &mut Self| {
            rows.meta = sync.seal_histories(histories)?;
            sync.save(rows, state, puts, deletes)
        };
        if puts.len() < PREPARE_ALONGSIDE_FROM {
            save(self)?;
            return Ok(prepare(puts));
        }
        std::thread::scope(|s| {
            let prepared = s.spawn(|| prepare(puts));
            let saved = save(self);
            // A panic while preparing is a bug; surface it.
            let prepared = prepared
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            // What was prepared for a segment that was not saved is dropped (overwritten).
            saved.map(|()| prepared)
        })
    }
}
