//! The backup file, `*.attune-backup`, format 1 (`docs/formats/backup.md`): a snapshot of
//! the vault database, still sealed exactly as in the vault (key slots included, so it opens
//! with the passphrase or recovery key current when it was taken), behind a small manifest,
//! with a SHA-256 of every byte before it at the end, so that any damage is told apart from a
//! wrong passphrase.
//!
//! ```text
//! magic (16 bytes) | format (u16) | manifest length (u32) | manifest (JSON)
//!   | image length (u64) | image (SQLite database) | SHA-256 of all the above (32 bytes)
//! ```
//!
//! This room knows the file and the folder of backups (names, listing, which to keep); the
//! vault takes, verifies and restores them (`crate::vault`).

mod keep;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use keep::{to_delete, KeepPolicy};

/// The first bytes of every backup: a name, then bytes that a text-mode transfer would
/// change (as PNG's signature does).
pub const MAGIC: &[u8; 16] = b"\x89ATTUNE-BACKUP\r\n";
/// The backup format this build writes, and the newest it reads.
pub const BACKUP_FORMAT: u16 = 1;
/// A backup file's extension.
pub const EXTENSION: &str = "attune-backup";
/// The largest manifest read: a few kilobytes in practice.
const MAX_MANIFEST: u32 = 1 << 20;
/// The length of the fixed part before the manifest.
const HEAD: usize = MAGIC.len() + 2 + 4;
/// The length of the checksum at the end.
const SUM: usize = 32;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BackupReason {
    /// Asked for (`attune backup`, Settings → Back up now).
    Manual,
    /// When the vault was locked.
    Lock,
    /// When the app quit.
    Quit,
    /// Once a day while unlocked.
    Daily,
    /// Before a schema migration.
    BeforeMigration,
    /// Before an import.
    BeforeImport,
    /// Before a restore replaced the vault.
    BeforeRestore,
    /// Before a passphrase change.
    BeforePassphraseChange,
}

impl BackupReason {
    /// The name used in file names and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Lock => "lock",
            BackupReason::Quit => "quit",
            BackupReason::Daily => "daily",
            BackupReason::BeforeMigration => "before-migration",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::BeforePassphraseChange => "before-passphrase-change",
        }
    }

    /// Taken before a change that could lose something: kept 30 days whatever else is kept.
    pub fn is_before_change(self) -> bool {
        matches!(
            self,
            BackupReason::BeforeMigration
                | BackupReason::BeforeImport
                | BackupReason::BeforeRestore
                | BackupReason::BeforePassphraseChange
        )
    }
}

/// A key slot the backup holds: which kind, and when its secret was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SlotInfo {
    /// `passphrase` or `recovery`.
    pub kind: String,
    /// When the passphrase or recovery key of this slot was set (RFC 3339), if recorded.
    pub created_at: Option<String>,
}

/// What a backup says about itself, in the clear (nothing in it is the user's writing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Manifest {
    /// The backup format ([`BACKUP_FORMAT`]).
    pub format: u16,
    /// The vault's id, hex: backups of one vault share it.
    pub vault_id: String,
    /// The vault format of the image (`PRAGMA user_version`).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub vault_format: i64,
    /// When it was taken.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// Why.
    pub reason: BackupReason,
    /// How many records of each kind the image holds.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub records: BTreeMap<String, u64>,
    /// The SHA-256 of the image, hex.
    pub image_sha256: String,
    /// The key slots the image holds: the secrets that open it.
    pub slots: Vec<SlotInfo>,
    /// The Attune version that took it.
    pub app_version: String,
}

impl Manifest {
    /// Records in all.
    pub fn record_count(&self) -> u64 {
        self.records.values().sum()
    }
}

/// Bytes as lower-case hex, as the manifest writes ids and digests.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of an image, hex, as the manifest carries it.
pub fn image_digest(image: &[u8]) -> String {
    hex(digest(&SHA256, image).as_ref())
}

/// The whole backup file for `manifest` and `image`.
pub fn encode(manifest: &Manifest, image: &[u8]) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(manifest)
        .map_err(|e| Error::Internal(format!("backup manifest: {e}")))?;
    let json_len = u32::try_from(json.len())
        .map_err(|_| Error::Internal("backup manifest too long".into()))?;
    let mut out = Vec::with_capacity(HEAD + json.len() + 8 + image.len() + SUM);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&BACKUP_FORMAT.to_be_bytes());
    out.extend_from_slice(&json_len.to_be_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&(image.len() as u64).to_be_bytes());
    out.extend_from_slice(image);
    let sum = digest(&SHA256, &out);
    out.extend_from_slice(sum.as_ref());
    Ok(out)
}

fn damaged(what: impl Into<String>) -> Error {
    Error::BackupDamaged(what.into())
}

/// Reads a backup file: its manifest and the image, after checking every byte. Damage of
/// any kind (truncated, a byte changed, lengths that do not add up) is
/// [`Error::BackupDamaged`], a file that is not a backup at all [`Error::NotABackup`], a
/// newer format [`Error::BackupTooNew`]: never a wrong passphrase, which only the vault can
/// say once all of this holds.
pub fn decode(bytes: &[u8]) -> Result<(Manifest, &[u8])> {
    let head = bytes.get(..MAGIC.len()).unwrap_or(bytes);
    // A file whose first bytes mostly are the signature is a backup with damage there.
    let alike = head.iter().zip(MAGIC).filter(|(a, b)| a == b).count();
    if alike < MAGIC.len() {
        if alike >= MAGIC.len() - 4 && bytes.len() >= MAGIC.len() {
            return Err(damaged(
                "its first bytes are not those of a backup any more",
            ));
        }
        if bytes.len() < MAGIC.len() && alike == head.len() && !head.is_empty() {
            return Err(damaged(format!(
                "it is cut short: {} bytes where a backup has hundreds at least",
                bytes.len()
            )));
        }
        return Err(Error::NotABackup(
            "it does not start as an Attune backup does".into(),
        ));
    }
    if bytes.len() < HEAD + 8 + SUM {
        return Err(damaged(format!(
            "it is cut short: {} bytes where a backup has hundreds at least",
            bytes.len()
        )));
    }
    let format = u16::from_be_bytes([bytes[16], bytes[17]]);
    let json_len = u32::from_be_bytes([bytes[18], bytes[19], bytes[20], bytes[21]]);
    // Check the sum first: a changed byte anywhere, lengths included, is damage.
    let (body, sum) = bytes.split_at(bytes.len() - SUM);
    let sum_ok = digest(&SHA256, body).as_ref() == sum;
    if !sum_ok {
        // Say "cut short" where the lengths inside show that bytes are missing.
        let image_len_at = HEAD + json_len as usize;
        let field = bytes
            .get(image_len_at..image_len_at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .map(u64::from_be_bytes);
        let cut = |n: u64| {
            let total = (image_len_at as u64 + 8)
                .saturating_add(n)
                .saturating_add(SUM as u64);
            total > bytes.len() as u64
        };
        return Err(match field {
            // The file ends before its own lengths say it does.
            None if json_len <= MAX_MANIFEST => damaged(format!(
                "it is cut short: it ends at byte {}, inside its header",
                bytes.len()
            )),
            Some(n) if json_len <= MAX_MANIFEST && cut(n) => damaged(format!(
                "it is cut short: {} bytes of the {} it should have",
                bytes.len(),
                (image_len_at as u64 + 8)
                    .saturating_add(n)
                    .saturating_add(SUM as u64)
            )),
            _ => damaged("its checksum does not match: some bytes were changed or lost"),
        });
    }
    if format > BACKUP_FORMAT {
        return Err(Error::BackupTooNew {
            found: format,
            supported: BACKUP_FORMAT,
        });
    }
    if format == 0 || json_len > MAX_MANIFEST {
        return Err(damaged("its header is not one Attune writes"));
    }
    let json_end = HEAD + json_len as usize;
    let image_len = body
        .get(json_end..json_end + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| damaged("it ends inside its manifest"))?;
    let image = body
        .get(json_end + 8..)
        .filter(|img| img.len() as u64 == image_len)
        .ok_or_else(|| damaged("its image is not the length its header says"))?;
    let manifest: Manifest = serde_json::from_slice(&body[HEAD..json_end])
        .map_err(|e| damaged(format!("its manifest cannot be read ({e})")))?;
    if manifest.format != format {
        return Err(damaged("its manifest and header disagree on the format"));
    }
    if manifest.image_sha256 != image_digest(image) {
        return Err(damaged(
            "its image does not match the digest in its manifest",
        ));
    }
    Ok((manifest, image))
}

/// The manifest of the backup at `path`, read without checking the rest of the file: for
/// showing the newest backup quickly. Every backup Attune names was verified when written;
/// [`decode`] checks one again.
pub fn peek(path: &Path) -> Result<Manifest> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut head = [0u8; HEAD];
    f.read_exact(&mut head)
        .map_err(|_| damaged("it is cut short, inside its header"))?;
    if &head[..MAGIC.len()] != MAGIC {
        return Err(Error::NotABackup(
            "it does not start as an Attune backup does".into(),
        ));
    }
    let json_len = u32::from_be_bytes([head[18], head[19], head[20], head[21]]);
    if json_len > MAX_MANIFEST {
        return Err(damaged("its header is not one Attune writes"));
    }
    let mut json = vec![0u8; json_len as usize];
    f.read_exact(&mut json)
        .map_err(|_| damaged("it is cut short, inside its manifest"))?;
    serde_json::from_slice(&json).map_err(|e| damaged(format!("its manifest cannot be read ({e})")))
}

/// The file name of a backup taken at `at` for `reason`:
/// `attune-2026-12-02T130501Z-manual.attune-backup`.
pub fn file_name(at: DateTime<Utc>, reason: BackupReason) -> String {
    format!(
        "attune-{}-{}.{EXTENSION}",
        at.format("%Y-%m-%dT%H%M%SZ"),
        reason.as_str()
    )
}

/// [`file_name`], numbered from 2 for a second backup of the same second and reason in one
/// folder (`…-manual-2.attune-backup`): a backup never takes the name of another.
pub fn numbered_file_name(at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
    if n <= 1 {
        return file_name(at, reason);
    }
    format!(
        "attune-{}-{}-{n}.{EXTENSION}",
        at.format("%Y-%m-%dT%H%M%SZ"),
        reason.as_str()
    )
}

/// A backup found in a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupEntry {
    /// Where it is.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// What it says about itself, when it reads whole.
    pub manifest: Option<Manifest>,
    /// Why it does not, when it does not: a damaged backup is listed, never counted.
    pub problem: Option<String>,
}

/// Every `*.attune-backup` in `dir` (none if it does not exist), newest first by the time
/// each says it was taken; damaged ones last, with what is wrong. Each is read whole and
/// checked ([`decode`]).
pub fn list(dir: &Path) -> Result<Vec<BackupEntry>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for e in entries {
        let path = e?.path();
        if path.extension().is_none_or(|x| x != EXTENSION) || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let (manifest, problem) = match decode(&bytes) {
            Ok((m, _)) => (Some(m), None),
            Err(e) => (None, Some(e.to_string())),
        };
        out.push(BackupEntry {
            path,
            bytes: bytes.len() as u64,
            manifest,
            problem,
        });
    }
    out.sort_by(|a, b| {
        let at = |x: &BackupEntry| x.manifest.as_ref().map(|m| m.created_at);
        at(b).cmp(&at(a)).then_with(|| a.path.cmp(&b.path))
    });
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn manifest(image: &[u8]) -> Manifest {
        Manifest {
            format: BACKUP_FORMAT,
            vault_id: "00".repeat(16),
            vault_format: 2,
            created_at: DateTime::parse_from_rfc3339("2026-12-02T13:05:01Z")
                .unwrap()
                .with_timezone(&Utc),
            reason: BackupReason::Manual,
            records: BTreeMap::from([("reflection".to_owned(), 3)]),
            image_sha256: image_digest(image),
            slots: vec![SlotInfo {
                kind: "passphrase".into(),
                created_at: None,
            }],
            app_version: "0.1.0".into(),
        }
    }

    #[test]
    fn a_backup_reads_back_as_written() {
        let image = b"SQLite format 3\0 and the rest".to_vec();
        let file = encode(&manifest(&image), &image).unwrap();
        let (m, img) = decode(&file).unwrap();
        assert_eq!(m, manifest(&image));
        assert_eq!(img, image.as_slice());
        assert_eq!(m.record_count(), 3);
    }

    #[test]
    fn every_changed_byte_and_every_cut_is_damage_never_anything_else() {
        let image = vec![7u8; 700];
        let file = encode(&manifest(&image), &image).unwrap();
        for i in 0..file.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = file.clone();
                bad[i] ^= flip;
                let e = decode(&bad).unwrap_err();
                assert!(
                    matches!(e, Error::BackupDamaged(_)),
                    "byte {i} ^ {flip:#x}: {e}"
                );
            }
        }
        for len in 0..file.len() {
            let e = decode(&file[..len]).unwrap_err();
            let damage = matches!(e, Error::BackupDamaged(_));
            // Nothing at all is not a backup; any start of one is a damaged one.
            assert!(damage || len == 0, "cut at {len}: {e}");
            if len > 0 {
                assert!(e.to_string().contains("cut short"), "cut at {len}: {e}");
            }
        }
    }

    #[test]
    fn other_files_are_not_backups_and_newer_ones_say_so() {
        for other in [
            &b"SQLite format 3\0......................................"[..],
            b"{}",
            b"PK\x03\x04",
        ] {
            assert!(matches!(decode(other), Err(Error::NotABackup(_))));
        }
        let image = vec![1u8; 10];
        let mut m = manifest(&image);
        m.format = 2;
        let mut file = encode(&m, &image).unwrap();
        file[17] = 2;
        let n = file.len() - SUM;
        let sum = digest(&SHA256, &file[..n]);
        file[n..].copy_from_slice(sum.as_ref());
        assert!(matches!(
            decode(&file),
            Err(Error::BackupTooNew { found: 2, .. })
        ));
    }

    #[test]
    fn names_sort_by_time() {
        let at = DateTime::parse_from_rfc3339("2026-12-02T13:05:01Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            file_name(at, BackupReason::BeforeImport),
            "attune-2026-12-02T130501Z-before-import.attune-backup"
        );
    }
}
