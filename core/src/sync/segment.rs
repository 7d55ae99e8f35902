//! The segment file (docs/formats/sync-segment.md): a batch of one device's operations, a
//! header in the clear, then the operations sealed under the sync key. The associated data
//! is the whole header and the SHA-256 of the device's previous segment, so a segment cannot
//! be moved to another vault, device or number, nor one dropped from the middle of a chain,
//! without failing to open.

use ring::digest;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::keys::SecretKey;
use crate::record::hlc::Hlc;

/// The first 8 bytes of every segment file.
pub const MAGIC: &[u8; 8] = b"ATTUNESG";
/// The segment format this build writes and reads.
pub const FORMAT: u8 = 1;
/// The first key generation (the sync key derived from the vault key when sync was
/// enabled); each later one has a sync key of its own (docs/formats/sync-segment.md).
pub const KEY_GENERATION: u32 = 1;
/// Bytes of the header in the clear.
pub const HEADER_LEN: usize = 58;
/// The largest segment file read (a hostile or broken file cannot make a device read more).
pub const MAX_SEGMENT: usize = 256 << 20;
/// HKDF label of the sync key, from the vault key.
const SYNC_LABEL: &str = "attune sync v1";

/// The sync key of one key generation: HKDF-SHA256 of the vault key, salted with the vault
/// id. Every device of one journal derives the same.
pub struct SyncKey(SecretKey);

impl std::fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncKey(****)")
    }
}

impl SyncKey {
    /// The sync key of the vault key `vault_key` of vault `vault_id`.
    pub fn derive(vault_key: &SecretKey, vault_id: &[u8; 16]) -> crate::Result<SyncKey> {
        Ok(SyncKey(vault_key.derive(vault_id, SYNC_LABEL)?))
    }

    /// A sync key from raw bytes (as kept sealed in the vault).
    pub(crate) fn from_bytes(bytes: &[u8]) -> crate::Result<SyncKey> {
        Ok(SyncKey(SecretKey::from_bytes(bytes)?))
    }

    /// The key's bytes, to keep sealed in the vault. Never to be logged or shown.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8; 32] {
        self.0.expose_secret_bytes()
    }

    /// The key as a [`SecretKey`] (for subkeys).
    pub(crate) fn as_secret(&self) -> &SecretKey {
        &self.0
    }

    /// The sync key of a vault key of 32 bytes all `seed`: for test vectors only.
    #[doc(hidden)]
    pub fn from_test_seed(seed: u8, vault_id: &[u8; 16]) -> crate::Result<SyncKey> {
        SyncKey::derive(&SecretKey::from_bytes(&[seed; 32])?, vault_id)
    }
}

/// The sync keys a device holds, by the key generation that made each. New segments are
/// sealed under the newest; a segment is opened with the key of the generation its header
/// names.
pub struct SyncKeys {
    /// The newest generation and its key.
    newest: (u32, SyncKey),
    /// The older generations' keys.
    older: std::collections::BTreeMap<u32, SyncKey>,
}

impl std::fmt::Debug for SyncKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SyncKeys(newest generation {})", self.newest.0)
    }
}

impl SyncKeys {
    /// Only the first generation's key.
    pub fn first(key: SyncKey) -> SyncKeys {
        SyncKeys {
            newest: (KEY_GENERATION, key),
            older: std::collections::BTreeMap::new(),
        }
    }

    /// Keys by generation; `None` if there are none.
    pub fn from_generations(keys: Vec<(u32, SyncKey)>) -> Option<SyncKeys> {
        let mut keys: std::collections::BTreeMap<u32, SyncKey> = keys.into_iter().collect();
        let newest = keys.pop_last()?;
        Some(SyncKeys {
            newest,
            older: keys,
        })
    }

    /// This set with `key` as generation `generation`'s (the newest, if it is newer).
    pub fn with(mut self, generation: u32, key: SyncKey) -> SyncKeys {
        if generation > self.newest.0 {
            let (g, k) = std::mem::replace(&mut self.newest, (generation, key));
            self.older.insert(g, k);
        } else if generation == self.newest.0 {
            self.newest.1 = key;
        } else {
            self.older.insert(generation, key);
        }
        self
    }

    /// The newest generation and its key: what new segments are sealed under.
    pub fn newest(&self) -> (u32, &SyncKey) {
        (self.newest.0, &self.newest.1)
    }

    /// Generation `generation`'s key, if held.
    pub fn get(&self, generation: u32) -> Option<&SyncKey> {
        if generation == self.newest.0 {
            return Some(&self.newest.1);
        }
        self.older.get(&generation)
    }

    /// Every generation and its key, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &SyncKey)> {
        self.older
            .iter()
            .map(|(g, k)| (*g, k))
            .chain(std::iter::once((self.newest.0, &self.newest.1)))
    }
}

/// What a segment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// Operations made since the device's previous segment.
    Ops,
    /// A compaction: the device's newest operation on every record it last changed, replacing
    /// its segments up to this number.
    Compaction,
}

impl SegmentKind {
    fn byte(self) -> u8 {
        match self {
            SegmentKind::Ops => 1,
            SegmentKind::Compaction => 2,
        }
    }
}

/// The header of a segment, in the clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentHeader {
    /// Ops or compaction.
    pub kind: SegmentKind,
    /// The journal's vault id.
    pub vault_id: [u8; 16],
    /// The device that wrote it.
    pub device: [u8; 16],
    /// Its number in the device's chain, from 1.
    pub number: u64,
    /// The key generation it is sealed under.
    pub generation: u32,
}

/// One operation, as it travels: a record's whole new state (its JSON), or a tombstone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Op {
    /// The record's id.
    pub id: String,
    /// The record's kind.
    pub kind: String,
    /// When, on the writing device's clock.
    pub hlc: Hlc,
    /// The version the edit started from.
    pub base: Option<Hlc>,
    /// The record's JSON; `None` for a delete. Wiped from memory when dropped.
    pub body: Option<Zeroizing<String>>,
    /// Other versions this edit also started from (a kept revision resolved by keeping
    /// either version): each is superseded wherever the operation arrives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Hlc>,
}

/// What a segment carries, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentBody {
    /// The writing device's name, as its person gave it.
    pub device_name: String,
    /// The operations, oldest first.
    pub ops: Vec<Op>,
    /// In a compaction only: per record, the versions known to be superseded, so that a
    /// device that never saw the operations the compaction dropped lets the same edits go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<RecordSuperseded>,
}

/// What a compaction says was superseded on one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordSuperseded {
    /// The record's id.
    pub id: String,
    /// The record's kind.
    pub kind: String,
    /// Times of versions some operation started from.
    pub bases: Vec<Hlc>,
    /// The newest delete known: every older edit is superseded.
    pub deleted_up_to: Option<Hlc>,
}

/// Why a segment was refused. A device retries a segment that does not open (it may still
/// be arriving) and reports the rest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentProblem {
    /// It does not start with the magic.
    #[error("not an Attune sync segment")]
    NotASegment,
    /// A format this build does not read.
    #[error("segment format {0} is unknown (this version reads format 1)")]
    UnknownVersion(u8),
    /// A kind byte this build does not know.
    #[error("segment kind {0} is unknown")]
    UnknownKind(u8),
    /// Shorter than its header says: still arriving, or cut.
    #[error("truncated: {found} bytes of {expected}")]
    Truncated {
        /// Bytes the header promises.
        expected: usize,
        /// Bytes there are.
        found: usize,
    },
    /// Longer than its header says.
    #[error("trailing bytes after the segment: {0}")]
    TrailingBytes(usize),
    /// Larger than any segment is read.
    #[error("larger than {MAX_SEGMENT} bytes")]
    TooLarge,
    /// Of another journal.
    #[error("of another journal")]
    OtherVault,
    /// From another device than its folder's.
    #[error("from another device than its folder says")]
    OtherDevice,
    /// Not the number its name (or the chain) says.
    #[error("numbered {found}, expected {expected}")]
    WrongNumber {
        /// The number expected.
        expected: u64,
        /// The number in the header.
        found: u64,
    },
    /// Sealed under a key generation this build cannot open yet.
    #[error("key generation {0} is not known here")]
    KeyGeneration(u32),
    /// The tag does not verify: another key, a broken chain, or altered bytes.
    #[error("does not open (altered, out of its chain, or another key)")]
    DoesNotOpen,
    /// Opens, but what it holds is not operations.
    #[error("opens, but its content is not readable")]
    Unreadable,
}

/// The header's bytes: magic, format, kind, vault id, device id, number (u64 BE),
/// key generation (u32 BE), length of the sealed part (u32 BE).
pub fn header_bytes(h: &SegmentHeader, sealed_len: u32) -> [u8; HEADER_LEN] {
    let mut out = [0u8; HEADER_LEN];
    out[..8].copy_from_slice(MAGIC);
    out[8] = FORMAT;
    out[9] = h.kind.byte();
    out[10..26].copy_from_slice(&h.vault_id);
    out[26..42].copy_from_slice(&h.device);
    out[42..50].copy_from_slice(&h.number.to_be_bytes());
    out[50..54].copy_from_slice(&h.generation.to_be_bytes());
    out[54..58].copy_from_slice(&sealed_len.to_be_bytes());
    out
}

/// The associated data of a segment: its header bytes, then the SHA-256 of the device's
/// previous segment (32 zero bytes for a device's first segment and for a compaction).
/// Frozen: `segment_aad_bytes_are_pinned` pins them.
pub fn segment_aad(header: &[u8; HEADER_LEN], prev_hash: &[u8; 32]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(HEADER_LEN + 32);
    aad.extend_from_slice(header);
    aad.extend_from_slice(prev_hash);
    aad
}

/// SHA-256 of a segment file's bytes: what the next segment chains to.
pub fn segment_hash(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    out
}

/// Seals `body` into a segment file.
pub fn seal_segment(
    key: &SyncKey,
    header: &SegmentHeader,
    prev_hash: &[u8; 32],
    body: &SegmentBody,
) -> crate::Result<Vec<u8>> {
    let mut json = Zeroizing::new(
        serde_json::to_vec(body).map_err(|_| crate::Error::Crypto("segment encoding"))?,
    );
    // Padded as records are, so that a segment's size says little about what it holds.
    let padded = crate::record::padded_len(json.len());
    json.resize(padded, b' ');
    // The sealed part's length is known before sealing: version, nonce, text, tag.
    let sealed_len = u32::try_from(1 + 12 + json.len() + 16)
        .map_err(|_| crate::Error::Internal("a segment beyond 4 GiB".into()))?;
    let head = header_bytes(header, sealed_len);
    let sealed = key.0.seal(&segment_aad(&head, prev_hash), &json)?;
    let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
    out.extend_from_slice(&head);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Reads a segment's header (checking its shape and length, not its seal).
pub fn read_header(bytes: &[u8]) -> Result<SegmentHeader, SegmentProblem> {
    if bytes.len() > MAX_SEGMENT {
        return Err(SegmentProblem::TooLarge);
    }
    if bytes.len() < MAGIC.len() || &bytes[..8] != MAGIC {
        return Err(if MAGIC.starts_with(bytes) {
            SegmentProblem::Truncated {
                expected: HEADER_LEN,
                found: bytes.len(),
            }
        } else {
            SegmentProblem::NotASegment
        });
    }
    let truncated = SegmentProblem::Truncated {
        expected: HEADER_LEN,
        found: bytes.len(),
    };
    let format = *bytes.get(8).ok_or(truncated.clone())?;
    if format != FORMAT {
        return Err(SegmentProblem::UnknownVersion(format));
    }
    let head = bytes.get(..HEADER_LEN).ok_or(truncated)?;
    let kind = match head[9] {
        1 => SegmentKind::Ops,
        2 => SegmentKind::Compaction,
        k => return Err(SegmentProblem::UnknownKind(k)),
    };
    let mut vault_id = [0u8; 16];
    vault_id.copy_from_slice(&head[10..26]);
    let mut device = [0u8; 16];
    device.copy_from_slice(&head[26..42]);
    let mut n = [0u8; 8];
    n.copy_from_slice(&head[42..50]);
    let mut g = [0u8; 4];
    g.copy_from_slice(&head[50..54]);
    let mut l = [0u8; 4];
    l.copy_from_slice(&head[54..58]);
    let expected = HEADER_LEN + u32::from_be_bytes(l) as usize;
    if bytes.len() < expected {
        return Err(SegmentProblem::Truncated {
            expected,
            found: bytes.len(),
        });
    }
    if bytes.len() > expected {
        return Err(SegmentProblem::TrailingBytes(bytes.len() - expected));
    }
    Ok(SegmentHeader {
        kind,
        vault_id,
        device,
        number: u64::from_be_bytes(n),
        generation: u32::from_be_bytes(g),
    })
}

/// What a reader expects of a segment before opening it.
#[derive(Debug, Clone, Copy)]
pub struct Expected {
    /// The journal.
    pub vault_id: [u8; 16],
    /// The device whose folder it is in.
    pub device: [u8; 16],
    /// The number its file name says.
    pub number: u64,
    /// SHA-256 of the device's previous segment (zeros for a first segment or compaction).
    pub prev_hash: [u8; 32],
}

/// Opens a segment file: its header must be what `expect` says, and its seal must verify
/// under the key of the generation its header names (one of `keys`) with `expect.prev_hash`
/// chained in.
pub fn open_segment(
    keys: &SyncKeys,
    bytes: &[u8],
    expect: &Expected,
) -> Result<(SegmentHeader, SegmentBody), SegmentProblem> {
    let header = read_header(bytes)?;
    if header.vault_id != expect.vault_id {
        return Err(SegmentProblem::OtherVault);
    }
    if header.device != expect.device {
        return Err(SegmentProblem::OtherDevice);
    }
    if header.number != expect.number {
        return Err(SegmentProblem::WrongNumber {
            expected: expect.number,
            found: header.number,
        });
    }
    let Some(key) = keys.get(header.generation) else {
        return Err(SegmentProblem::KeyGeneration(header.generation));
    };
    let mut head = [0u8; HEADER_LEN];
    head.copy_from_slice(&bytes[..HEADER_LEN]);
    let plain = key
        .0
        .open(&segment_aad(&head, &expect.prev_hash), &bytes[HEADER_LEN..])
        .ok_or(SegmentProblem::DoesNotOpen)?;
    let body: SegmentBody =
        serde_json::from_slice(&plain).map_err(|_| SegmentProblem::Unreadable)?;
    Ok((header, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_aad_bytes_are_pinned() {
        let h = SegmentHeader {
            kind: SegmentKind::Ops,
            vault_id: [0x11; 16],
            device: [0x22; 16],
            number: 7,
            generation: 1,
        };
        let aad = segment_aad(&header_bytes(&h, 300), &[0x33; 32]);
        let hex: String = aad.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            concat!(
                "415454554e455347", // "ATTUNESG"
                "01",               // format
                "01",               // kind: ops
                "11111111111111111111111111111111",
                "22222222222222222222222222222222",
                "0000000000000007", // number
                "00000001",         // key generation
                "0000012c",         // sealed length (300)
                "3333333333333333333333333333333333333333333333333333333333333333",
            )
        );
    }

    #[test]
    fn a_segment_opens_only_where_it_was_written() {
        let key = SyncKey::from_test_seed(9, &[1; 16]).unwrap();
        let h = SegmentHeader {
            kind: SegmentKind::Ops,
            vault_id: [1; 16],
            device: [2; 16],
            number: 3,
            generation: KEY_GENERATION,
        };
        let body = SegmentBody {
            device_name: "Laptop".into(),
            ops: vec![],
            superseded: Vec::new(),
        };
        let file = seal_segment(&key, &h, &[5; 32], &body).unwrap();
        let keys = SyncKeys::first(SyncKey::from_bytes(key.expose_secret_bytes()).unwrap());
        let expect = Expected {
            vault_id: [1; 16],
            device: [2; 16],
            number: 3,
            prev_hash: [5; 32],
        };
        assert_eq!(open_segment(&keys, &file, &expect).unwrap().1, body);
        let broken_chain = Expected {
            prev_hash: [6; 32],
            ..expect
        };
        assert_eq!(
            open_segment(&keys, &file, &broken_chain).unwrap_err(),
            SegmentProblem::DoesNotOpen
        );
        assert!(matches!(
            open_segment(&keys, &file[..file.len() - 1], &expect),
            Err(SegmentProblem::Truncated { .. })
        ));
    }
}
