//! Backups of a vault ([`crate::backup`] is the file): taken from the unlocked vault and
//! verified before they get their name, checked again with a passphrase or recovery key,
//! and restored into a new vault or in place of the current one (which is kept as a backup
//! first).
//!
//! Verifying a backup means: every byte as written ([`backup::decode`]), SQLite's integrity
//! check of the image, the record counts of the manifest, and every record decrypted once.
//! It all happens in memory; the image is never written anywhere but its own file.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

use super::slots;
use super::{take_lock, Unlock, Vault};
use crate::backup::{self, BackupReason, Manifest, SlotInfo, BACKUP_FORMAT};
use crate::crypto::keys::SecretKey;
use crate::error::{Error, Result};
use crate::files::{write_atomic, Readers};
use crate::record::RecordCodec;
use crate::store::{Store, DB_FILE};

/// The folder backups of the vault in `vault_dir` go to unless another is chosen.
pub fn backups_dir(vault_dir: &Path) -> PathBuf {
    vault_dir.join("backups")
}

/// A backup that was checked: what it says, and how many records were decrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifiedBackup {
    /// Where it is.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// What it says about itself.
    pub manifest: Manifest,
    /// Every record, each decrypted once.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub records_opened: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The backup restored, as verified.
    pub from: VerifiedBackup,
    /// The vault that was replaced, kept as a backup (a restore into a new folder has none).
    pub previous: Option<PathBuf>,
}

/// Errors of an image that passed the file's checksum but does not open as a vault: damage.
fn as_damage(e: Error) -> Error {
    match e {
        Error::Storage(_) | Error::VaultDamaged(_) | Error::VaultNotFound(_) => {
            Error::BackupDamaged(format!("its image does not open as a vault ({e})"))
        }
        e => e,
    }
}

/// The manifest of `image`, read from `store` (the image opened in memory).
fn manifest_of(store: &Store, image: &[u8], reason: BackupReason) -> Result<Manifest> {
    let vault_id = store.vault_id()?;
    Ok(Manifest {
        format: BACKUP_FORMAT,
        vault_id: backup::hex(&vault_id),
        vault_format: store.format(),
        created_at: Utc::now(),
        reason,
        records: store.kind_counts()?,
        image_sha256: backup::image_digest(image),
        slots: slot_infos(store)?,
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// Where a backup is written: a file the person named, or a backups folder (under its own
/// name, never over another file).
#[derive(Clone, Copy)]
enum Target<'a> {
    File(&'a Path),
    Folder(&'a Path, &'a Manifest),
}

/// The key slots of `store`, as a manifest lists them.
pub(super) fn slot_infos(store: &Store) -> Result<Vec<SlotInfo>> {
    Ok(store
        .slots()?
        .into_iter()
        .map(|s| SlotInfo {
            kind: s.kind,
            created_at: s.created_at,
        })
        .collect())
}

/// The checks that need no key: the image opens as a vault, SQLite finds nothing wrong with
/// it, and it holds the vault and the records its manifest says.
fn check_image(manifest: &Manifest, image: &[u8]) -> Result<Store> {
    let store = Store::from_image(image).map_err(as_damage)?;
    let problems = store.integrity_problems().map_err(as_damage)?;
    if let Some(first) = problems.first() {
        return Err(Error::BackupDamaged(format!(
            "SQLite finds its image damaged ({first})"
        )));
    }
    let id = backup::hex(&store.vault_id().map_err(as_damage)?);
    if id != manifest.vault_id {
        return Err(Error::BackupDamaged(
            "its image is of another vault than its manifest says".into(),
        ));
    }
    if store.kind_counts().map_err(as_damage)? != manifest.records {
        return Err(Error::BackupDamaged(
            "its image does not hold the records its manifest lists".into(),
        ));
    }
    Ok(store)
}

/// Decrypts every record of `store` once under `vault_key`: how many, or the first that
/// does not open (damage: the key itself was checked before). An image of format 1 (only
/// ever the copy of a vault replaced by a restore that no version since format 2 had
/// opened) is checked up to its key slot: its records open when it is restored, and its
/// first unlock migrates it; 0 are counted here.
fn open_every_record(store: &Store, vault_key: &SecretKey) -> Result<u64> {
    if store.format() < 2 {
        return Ok(0);
    }
    let vault_id = store.vault_id()?;
    let codec = RecordCodec::open(vault_key, vault_id, &store.epoch()?)?.ok_or_else(|| {
        Error::BackupDamaged("its epoch key does not open with its vault key".into())
    })?;
    let mut opener = codec.opener()?;
    let mut opened = 0u64;
    let mut first_bad: Option<String> = None;
    store.visit_all(|row| {
        if opener.opens(&row) {
            opened += 1;
        } else if first_bad.is_none() {
            first_bad = Some(row.id.to_owned());
        }
    })?;
    match first_bad {
        Some(id) => Err(Error::BackupDamaged(format!("record {id} does not open"))),
        None => Ok(opened),
    }
}

/// Reads and checks the backup at `path` with a secret, decrypting every record once. A
/// damaged file is [`Error::BackupDamaged`] whatever the secret; a wrong secret is
/// [`Error::WrongPassphrase`] or [`Error::WrongRecoveryKey`] only for a file that is whole.
pub fn verify_backup(path: &Path, how: Unlock<'_>) -> Result<VerifiedBackup> {
    verify_bytes(path, &std::fs::read(path)?, how)
}

/// [`verify_backup`] of the file `path` already read into `bytes`.
fn verify_bytes(path: &Path, bytes: &[u8], how: Unlock<'_>) -> Result<VerifiedBackup> {
    let (manifest, image) = backup::decode(bytes)?;
    let store = check_image(&manifest, image)?;
    let vault_key = open_with(&store, how)?;
    let records_opened = open_every_record(&store, &vault_key)?;
    Ok(VerifiedBackup {
        path: path.to_path_buf(),
        manifest,
        records_opened,
    })
}

/// The vault key of an image, from a secret: the same checks as an unlock.
fn open_with(store: &Store, how: Unlock<'_>) -> Result<SecretKey> {
    let (given, wrong) = slots::GivenSecret::parse(how)?;
    let secret = given.secret();
    let vault_id = store.vault_id()?;
    let opened = slots::open(store, &vault_id, &secret)
        .map_err(as_damage)?
        .ok_or(wrong)?;
    Ok(opened.vault_key)
}

impl Vault {
    /// Takes a backup of this vault into the folder `dir` (made if missing): the image is
    /// written to a temporary file, synced, read back from disk and verified with this
    /// vault's keys (every record decrypted once); only then does it get its name. A backup
    /// that fails is removed and the error returned: it is never left as a good one.
    pub fn back_up(&self, dir: &Path, reason: BackupReason) -> Result<VerifiedBackup> {
        crate::files::make_private_dir(dir)?;
        remove_stale_temporaries(dir);
        let (manifest, bytes) = self.backup_file(reason)?;
        self.write_verified(Target::Folder(dir, &manifest), &bytes)
    }

    /// A backup of this vault as a file's bytes, with its manifest.
    fn backup_file(&self, reason: BackupReason) -> Result<(Manifest, Vec<u8>)> {
        let image = self.store.image()?;
        let manifest = manifest_of(&Store::from_image(&image)?, &image, reason)?;
        let bytes = backup::encode(&manifest, &image)?;
        Ok((manifest, bytes))
    }

    /// Writes `bytes` (a backup of this vault) to `path` whole, verified from disk first.
    fn write_verified(&self, target: Target<'_>, bytes: &[u8]) -> Result<VerifiedBackup> {
        let dir = match target {
            Target::Folder(dir, _) => dir,
            Target::File(path) => match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            },
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".attune-backup-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        std::io::Write::write_all(&mut tmp, bytes)?;
        tmp.as_file().sync_all()?;
        // Read back what the disk holds, not what was meant to be written.
        let written = std::fs::read(tmp.path())?;
        let (manifest, image) = backup::decode(&written)?;
        let store = check_image(&manifest, image)?;
        let records_opened = open_every_record(&store, &self.vault_key)?;
        let path = match target {
            // The file the person named: replaced if it is there.
            Target::File(path) => {
                tmp.persist(path).map_err(|e| e.error)?;
                path.to_path_buf()
            }
            // In a backups folder, never over another backup (of the same second and reason,
            // or another vault's in a shared folder): the next free number instead.
            Target::Folder(dir, m) => {
                let mut n = 1;
                loop {
                    let path = dir.join(backup::numbered_file_name(m.created_at, m.reason, n));
                    match tmp.persist_noclobber(&path) {
                        Ok(_) => break path,
                        Err(e)
                            if e.error.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 =>
                        {
                            tmp = e.file;
                            n += 1;
                        }
                        Err(e) => return Err(e.error.into()),
                    }
                }
            }
        };
        crate::files::sync_dir(dir)?;
        tracing::info!(
            reason = manifest.reason.as_str(),
            "backup written and verified"
        );
        Ok(VerifiedBackup {
            path,
            manifest,
            records_opened,
        })
    }

    /// Takes a backup to the file `path` (`attune backup --out FILE`), as [`Vault::back_up`].
    pub fn back_up_to(&self, path: &Path, reason: BackupReason) -> Result<VerifiedBackup> {
        self.write_verified(Target::File(path), &self.backup_file(reason)?.1)
    }
}

/// Restores the backup `file` into the folder `into`, after verifying it with `how`:
/// - when `into` holds no vault, the backup becomes a new vault there;
/// - when it holds one (not open anywhere), that vault is first kept as a backup in its
///   backups folder, then replaced.
///
/// The new database is written beside the old one under a temporary name, synced and
/// checked from disk, and only then renamed over it; the restored vault is then unlocked
/// once with `how` to prove it opens. A crash at any point leaves the old vault or the new
/// one, never neither.
pub fn restore_backup(file: &Path, how: Unlock<'_>, into: &Path) -> Result<Restored> {
    let bytes = std::fs::read(file)?;
    let verified = verify_bytes(file, &bytes, how)?;
    let (_, image) = backup::decode(&bytes)?;
    crate::files::make_private_dir(into)?;
    let db = into.join(DB_FILE);
    let lock = take_lock(into)?;
    let restoring = into.join(format!(".{DB_FILE}.restoring"));
    // Left by a restore that was killed before its rename (the lock is ours: no restore runs).
    match std::fs::remove_file(&restoring) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    let previous = if db.is_file() {
        Some(keep_previous(into, &db)?)
    } else {
        None
    };
    write_atomic(&restoring, image, "the restored vault", Readers::Owner)?;
    {
        let check = Store::open_to_read(&restoring).map_err(as_damage)?;
        if !check.integrity_problems()?.is_empty() {
            let _ = std::fs::remove_file(&restoring);
            return Err(Error::BackupDamaged(
                "its image did not read back whole from the disk".into(),
            ));
        }
    }
    // The old file's log, and any rollback journal (a page-size rewrite uses one; opening
    // the old file above already put back what one held): neither belongs to the new file.
    for suffix in ["-wal", "-shm", "-journal"] {
        let log = into.join(format!("{DB_FILE}{suffix}"));
        match std::fs::remove_file(&log) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&restoring, &db)?;
    crate::files::sync_dir(into)?;
    drop(lock);
    // The proof: it unlocks, every record loaded.
    Vault::unlock(into, how)?.lock()?;
    tracing::info!("backup restored");
    Ok(Restored {
        from: verified,
        previous,
    })
}

/// Keeps the vault database `db` (in `dir`, whose lock the caller holds) as a backup taken
/// before a restore: an image of it, checked without a key (integrity, counts), in `dir`'s
/// backups folder. Its log is then checkpointed into it, so that no log of the old
/// database is left to be applied to the new one.
fn keep_previous(dir: &Path, db: &Path) -> Result<PathBuf> {
    let path = image_backup(
        &Store::open_to_read(db)?,
        &backups_dir(dir),
        BackupReason::BeforeRestore,
    )?;
    Store::open(db)?.close()?;
    Ok(path)
}

/// A backup of the database `store` holds into `folder`, taken without a key (before a
/// restore replaces it, before a migration changes it): its image, checked as far as no key
/// is needed (integrity, counts; see [`check_image`]), written whole.
pub(super) fn image_backup(store: &Store, folder: &Path, reason: BackupReason) -> Result<PathBuf> {
    let image = store.image()?;
    let manifest = manifest_of(&Store::from_image(&image)?, &image, reason)?;
    let bytes = backup::encode(&manifest, &image)?;
    check_image(&manifest, backup::decode(&bytes)?.1)?;
    crate::files::make_private_dir(folder)?;
    // Under a name no file has (the folder is the vault's own, whose lock is held).
    let path = (1..)
        .map(|n| {
            folder.join(backup::numbered_file_name(
                manifest.created_at,
                manifest.reason,
                n,
            ))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(backup::file_name(manifest.created_at, manifest.reason)));
    write_atomic(&path, &bytes, "the backup of the vault", Readers::Owner)?;
    tracing::info!(reason = reason.as_str(), "backup written");
    Ok(path)
}

/// How old a backup's temporary file must be before another backup removes it: one left by
/// a process that was killed, never one being written now (a second folder may be shared by
/// the vaults of two people on one computer).
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes the temporary files of backups that never finished (`.attune-backup-*.tmp`) in
/// `dir`, when older than [`STALE_TEMPORARY`]. Best effort: a failure only leaves them.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".attune-backup-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
