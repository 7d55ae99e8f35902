//! Kept revisions: the record of a version that lost to another device's concurrent edit
//! (kind [`kinds::REVISION`], id `<reflection id>.<clock time hex>`), kept whole beside
//! the reflection until someone keeps either version. Merging makes them
//! (sync/merging.rs), and so does a local edit written from an older version than the
//! current one ([`Records::commit`](super::Records::commit)).

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::hlc::{hex, Hlc};
use super::tracking::LocalRevisions;
use super::{kinds, Changes, RecordCodec};
use crate::error::{Error, Result};
use crate::store::Store;

/// The record of a kept revision: the losing version, whole, with who made it and when.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevisionRecord {
    /// `<reflection id>.<clock time hex>`.
    pub id: String,
    /// The reflection it is a revision of.
    pub of: String,
    /// The device that made it (hex).
    pub device: String,
    /// When it was made (from its clock time).
    pub at: DateTime<Utc>,
    /// The reflection's JSON as it was. Wiped from memory when dropped.
    pub body: Zeroizing<String>,
}

/// The id of the revision of `of` made at `hlc`.
pub(crate) fn revision_id(of: &str, hlc: &Hlc) -> String {
    format!("{of}.{}", hlc.to_hex())
}

/// The kept revision of record `of` at version `hlc` whose content is `body` (the record's
/// JSON as it was): its id, and its JSON.
pub(crate) fn revision_json(
    of: &str,
    hlc: &Hlc,
    body: &str,
) -> Result<(String, Zeroizing<String>)> {
    let id = revision_id(of, hlc);
    let rec = RevisionRecord {
        id: id.clone(),
        of: of.to_owned(),
        device: hex(&hlc.device),
        at: time_of(hlc),
        body: Zeroizing::new(body.to_owned()),
    };
    let text =
        serde_json::to_string(&rec).map_err(|_| Error::Internal("revision encoding".into()))?;
    Ok((id, Zeroizing::new(text)))
}

/// The time an operation was made, from its clock.
pub(crate) fn time_of(hlc: &Hlc) -> DateTime<Utc> {
    let millis = i64::try_from(hlc.millis).unwrap_or(i64::MAX);
    Utc.timestamp_millis_opt(millis)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The kept revisions a local change makes and lets go of: (record id, version) to keep,
/// revision ids to delete.
#[derive(Default)]
pub(super) struct KeptHere {
    pub keep: Vec<(String, Hlc)>,
    pub drop: Vec<String>,
}

impl KeptHere {
    /// Notes what a local operation on record `id` did to its kept revisions.
    pub(super) fn note(&mut self, id: &str, r: LocalRevisions) {
        self.keep
            .extend(r.keep.into_iter().map(|h| (id.to_owned(), h)));
        self.drop.extend(r.drop.iter().map(|h| revision_id(id, h)));
    }

    /// Adds them to `changes`: each version to keep is the record as stored before the
    /// change (the version current until now), sealed as a revision.
    pub(super) fn add_to(
        &self,
        store: &Store,
        codec: &RecordCodec,
        changes: &mut Changes<'_>,
    ) -> Result<()> {
        for (id, version) in &self.keep {
            let Some(row) = store.row(id)? else { continue };
            let Some(json) = codec.open_raw(&row)? else {
                continue;
            };
            let (rev_id, text) = revision_json(id, version, &json)?;
            changes.put_row(codec.seal_raw(&rev_id, kinds::REVISION, text.as_bytes())?);
        }
        for rev_id in &self.drop {
            changes.delete(rev_id.clone());
        }
        Ok(())
    }
}
