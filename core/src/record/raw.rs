//! Records handled as their JSON rather than as domain types: what sync merges from other
//! devices and keeps as revisions, and the switch that makes every commit keep sync's books.

use zeroize::Zeroizing;

use super::tracking::SyncLocal;
use super::{padded_len, poisoned, Record, RecordCodec, RECORD_SCHEMA};
use crate::cores;
use crate::crypto::keys::{aad, AadPurpose, SecretKey};
use crate::error::{Error, Result};
use crate::store::{RecordRef, RecordRow};

/// A record of type `R` from its opened JSON (trailing padding allowed), stored under `id`;
/// `None` if it is not a valid one or names another id (the record is then damaged). What
/// a record that opens is read into, at unlock and when sync merges it.
pub(crate) fn decode<R: Record>(id: &str, text: &str) -> Option<R> {
    let opened: R::Opened = serde_json::from_str(text).ok()?;
    let record = R::from_opened(opened)?;
    (record.record_id() == id).then_some(record)
}

impl RecordCodec {
    /// Seals a record given as its JSON (a record merged from another device, a revision):
    /// as [`RecordCodec::seal`], of kind `kind`.
    pub(crate) fn seal_raw(&self, id: &str, kind: &str, json: &[u8]) -> Result<RecordRow> {
        let mut padded = Zeroizing::new(Vec::with_capacity(padded_len(json.len())));
        padded.extend_from_slice(json);
        padded.resize(padded_len(json.len()), b' ');
        let key = SecretKey::random()?;
        let fields = [id, kind];
        let sealed = key.seal(&aad(AadPurpose::Record, &self.vault_id, &fields), &padded)?;
        let wrapped_key = self.epoch.read().map_err(poisoned)?.seal(
            &aad(AadPurpose::RecordKeyV2, &self.vault_id, &fields),
            key.expose_secret_bytes(),
        )?;
        Ok(RecordRow {
            id: id.to_owned(),
            kind: kind.to_owned(),
            schema: RECORD_SCHEMA,
            wrapped_key,
            sealed,
        })
    }

    /// Seals many records given as their id, kind and JSON ([`RecordCodec::seal_raw`]),
    /// on all cores when there are many (a merge from another device), in their order.
    pub(crate) fn seal_raw_many(
        &self,
        records: &[(String, String, Zeroizing<String>)],
    ) -> Result<Vec<RecordRow>> {
        // Below a few hundred, starting threads costs more than it saves.
        let runs = cores::in_runs(records, 256, |run| {
            run.iter()
                .map(|(id, kind, json)| self.seal_raw(id, kind, json.as_bytes()))
                .collect::<Result<Vec<_>>>()
        });
        let mut rows = Vec::with_capacity(records.len());
        for run in runs {
            rows.extend(run?);
        }
        Ok(rows)
    }

    /// The JSON of a stored row, without its padding; `None` if it does not open.
    pub(crate) fn open_raw(&self, row: &RecordRow) -> Result<Option<Zeroizing<String>>> {
        let mut opener = self.opener()?;
        let r = RecordRef {
            id: &row.id,
            kind: &row.kind,
            wrapped_key: &row.wrapped_key,
            sealed: &row.sealed,
        };
        Ok(opener
            .open_text(&r)
            .map(|t| Zeroizing::new(t.trim_end_matches(' ').to_owned())))
    }

    /// Starts (or, with `None`, stops) keeping sync's books at every commit.
    pub(crate) fn set_sync(&self, local: Option<SyncLocal>) -> Result<()> {
        *self
            .sync
            .lock()
            .map_err(|_| Error::Crypto("the sync state's lock was poisoned"))? = local;
        Ok(())
    }

    /// Runs `f` on this device's sync, if it is enabled.
    pub(crate) fn with_sync<T>(&self, f: impl FnOnce(&mut SyncLocal) -> T) -> Result<Option<T>> {
        let mut guard = self
            .sync
            .lock()
            .map_err(|_| Error::Crypto("the sync state's lock was poisoned"))?;
        Ok(guard.as_mut().map(f))
    }
}
