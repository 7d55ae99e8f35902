//! Merging one operation into what a device knows of its record: the rule every device
//! applies alike, whatever the order operations arrive in. No files and no SQL here, so
//! that the property test can run it for thousands of simulated devices.
//!
//! - The newest operation by clock wins (ties: the greater device id, inside [`Hlc`]).
//! - An operation is *superseded* when a known operation started from it (its `base`), or
//!   when a known delete is newer than it: then nothing of it is kept.
//! - For a reflection, every known edit that is neither the winner nor superseded is kept
//!   as a revision (two devices edited the same reflection concurrently), unless the winner
//!   is a delete.
//!
//! The set of revisions is thus a function of the set of operations known, so devices that
//! have seen the same operations agree on it.

use crate::record::hlc::Hlc;
pub(crate) use crate::record::tracking::revisions;
use crate::record::tracking::{History, KnownOp, Superseded};

/// What to do with the record itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordAction {
    /// Leave it as it is.
    Keep,
    /// Replace it with the incoming operation's body.
    Put,
    /// Delete it (and every revision of it).
    Delete,
}

/// Where a new revision's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RevisionFrom {
    /// The record as stored before this merge (the version that just lost).
    Local,
    /// The incoming operation's body (it lost on arrival).
    Incoming,
}

/// What merging one operation does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    /// The record's history with the operation added.
    pub history: History,
    /// What happens to the record.
    pub record: RecordAction,
    /// Revisions to keep from now on: the losing operation's clock time, and its content.
    pub keep: Vec<(KnownOp, RevisionFrom)>,
    /// Revisions no longer kept (superseded since, or the reflection deleted).
    pub drop: Vec<Hlc>,
}

/// Merges `incoming` (an operation on a record of `kind`) into `known` (what this device
/// knows of that record, if anything). `None` when it was known already (delivered twice).
pub(crate) fn decide(known: Option<&History>, kind: &str, incoming: KnownOp) -> Option<Decision> {
    let mut history = known.cloned().unwrap_or_default();
    if history.ops.iter().any(|o| o.hlc == incoming.hlc) {
        return None;
    }
    if history.kind.is_empty() {
        history.kind = kind.to_owned();
    }
    let before_winner = history.current();
    let before = revisions(kind, &history.ops, &history.superseded);
    history.ops.push(incoming);
    let after = revisions(kind, &history.ops, &history.superseded);
    let winner = history.current();
    let record = if winner == Some(incoming) {
        if incoming.deleted {
            RecordAction::Delete
        } else {
            RecordAction::Put
        }
    } else {
        RecordAction::Keep
    };
    let keep = after
        .iter()
        .filter(|x| !before.contains(x))
        .map(|x| {
            let from = if Some(*x) == before_winner {
                RevisionFrom::Local
            } else {
                RevisionFrom::Incoming
            };
            (*x, from)
        })
        .collect();
    let drop = before
        .iter()
        .filter(|x| !after.contains(x))
        .map(|x| x.hlc)
        .collect();
    Some(Decision {
        history,
        record,
        keep,
        drop,
    })
}

/// Merges what a compaction says was superseded on a record of `kind` into `known`:
/// the new history, and the revisions no longer kept. `None` when nothing is new.
pub(crate) fn absorb(
    known: Option<&History>,
    kind: &str,
    facts: &Superseded,
) -> Option<(History, Vec<Hlc>)> {
    let mut history = known.cloned().unwrap_or_default();
    let mut merged = history.superseded.clone();
    merged.absorb(facts);
    if merged == history.superseded {
        return None;
    }
    if history.kind.is_empty() {
        history.kind = kind.to_owned();
    }
    let before = revisions(kind, &history.ops, &history.superseded);
    history.superseded = merged;
    let after = revisions(kind, &history.ops, &history.superseded);
    let drop = before
        .iter()
        .filter(|x| !after.contains(x))
        .map(|x| x.hlc)
        .collect();
    Some((history, drop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::kinds;

    fn op(millis: u64, device: u8, base: Option<Hlc>, deleted: bool) -> KnownOp {
        KnownOp {
            hlc: Hlc {
                millis,
                counter: 0,
                device: [device; 16],
            },
            base,
            deleted,
        }
    }

    #[test]
    fn concurrent_edits_keep_the_loser_and_descendants_do_not() {
        let a = op(10, 1, None, false);
        let b = op(20, 2, None, false);
        let mut h = History {
            kind: kinds::REFLECTION.into(),
            ..History::default()
        };
        h.ops.push(a);
        let d = decide(Some(&h), kinds::REFLECTION, b).unwrap();
        assert_eq!(d.record, RecordAction::Put);
        assert_eq!(d.keep, vec![(a, RevisionFrom::Local)]);
        // The same the other way round: b known, a arrives and loses.
        let mut h2 = History::default();
        h2.ops.push(b);
        let d2 = decide(Some(&h2), kinds::REFLECTION, a).unwrap();
        assert_eq!(d2.record, RecordAction::Keep);
        assert_eq!(d2.keep, vec![(a, RevisionFrom::Incoming)]);
        // An edit that started from a supersedes it: no revision, and a's is dropped.
        let c = op(30, 1, Some(a.hlc), false);
        let d3 = decide(Some(&d.history), kinds::REFLECTION, c).unwrap();
        assert_eq!(d3.drop, vec![a.hlc]);
        assert!(d3.keep.iter().any(|(x, _)| *x == b), "b is now the loser");
        // Delivered twice: nothing.
        assert!(decide(Some(&d3.history), kinds::REFLECTION, c).is_none());
    }
}
