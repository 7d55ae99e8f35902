//! Whether the synced folder changed since it was last looked at, cheaply: the names, sizes
//! and modification times of the other devices' files and of the key files, without opening
//! any. An app that syncs by itself compares two stamps and merges only when they differ, so
//! a folder that nobody wrote to costs a directory listing, never a decryption.
//!
//! Polling instead of file-system notifications: a network share or a FUSE mount (where
//! many sync tools keep their folders) often delivers no notifications, and a listing every
//! few seconds of a folder of a few hundred files is cheap.

use std::path::Path;
use std::time::SystemTime;

use super::folder::{DEVICES_DIR, KEYS_DIR};
use crate::error::Result;

/// What a listing of the synced folder saw. Two stamps differ when a file arrived, went,
/// grew or was rewritten in another device's folder or among the key files. Says nothing of
/// what the files hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderStamp {
    entries: Vec<(String, u64, Option<SystemTime>)>,
}

impl FolderStamp {
    /// How many files the stamp saw (for logs: a count, never a name).
    pub fn files(&self) -> usize {
        self.entries.len()
    }
}

/// Lists `root` (a synced folder) as it stands, leaving out the folder of `own_device`
/// (hex): what this device writes itself is no news to it. A folder that is missing or
/// unreadable is an error (the sync that follows says which).
pub fn folder_stamp(root: &Path, own_device: &str) -> Result<FolderStamp> {
    let mut entries = Vec::new();
    list_files(&root.join(KEYS_DIR), KEYS_DIR, &mut entries)?;
    for device in std::fs::read_dir(root.join(DEVICES_DIR))? {
        let device = device?;
        let name = device.file_name().to_string_lossy().into_owned();
        if name == own_device || !device.file_type()?.is_dir() {
            continue;
        }
        list_files(
            &device.path(),
            &format!("{DEVICES_DIR}/{name}"),
            &mut entries,
        )?;
    }
    entries.sort();
    Ok(FolderStamp { entries })
}

fn list_files(
    dir: &Path,
    under: &str,
    out: &mut Vec<(String, u64, Option<SystemTime>)>,
) -> Result<()> {
    let listing = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        other => other?,
    };
    // The folder itself too: on some file systems a rename inside it shows only there.
    out.push((under.to_owned(), 0, std::fs::metadata(dir)?.modified().ok()));
    for entry in listing {
        let entry = entry?;
        // A file that went between the listing and this look simply is not in the stamp.
        let Ok(meta) = entry.metadata() else { continue };
        out.push((
            format!("{under}/{}", entry.file_name().to_string_lossy()),
            meta.len(),
            meta.modified().ok(),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["keys", "devices/aa", "devices/bb"] {
            std::fs::create_dir_all(tmp.path().join(d)).unwrap();
        }
        tmp
    }

    #[test]
    fn a_file_from_another_device_changes_the_stamp_and_one_of_its_own_does_not() {
        let tmp = folder();
        let before = folder_stamp(tmp.path(), "aa").unwrap();
        assert_eq!(before, folder_stamp(tmp.path(), "aa").unwrap());
        std::fs::write(tmp.path().join("devices/aa/s000000001.attune-seg"), b"mine").unwrap();
        // Its own folder's mtime changed, but its own folder is not looked at.
        assert_eq!(before, folder_stamp(tmp.path(), "aa").unwrap());
        std::fs::write(tmp.path().join("devices/bb/s000000001.attune-seg"), b"x").unwrap();
        let after = folder_stamp(tmp.path(), "aa").unwrap();
        assert_ne!(before, after);
        // A half-arrived file that completes (same name, more bytes) is news too.
        std::fs::write(tmp.path().join("devices/bb/s000000001.attune-seg"), b"xyz").unwrap();
        assert_ne!(after, folder_stamp(tmp.path(), "aa").unwrap());
    }

    #[test]
    fn a_new_device_and_a_new_key_file_change_the_stamp() {
        let tmp = folder();
        let before = folder_stamp(tmp.path(), "aa").unwrap();
        std::fs::create_dir_all(tmp.path().join("devices/cc")).unwrap();
        let with_device = folder_stamp(tmp.path(), "aa").unwrap();
        assert_ne!(before, with_device);
        std::fs::write(tmp.path().join("keys/g000002-cc.attune-keys"), b"k").unwrap();
        assert_ne!(with_device, folder_stamp(tmp.path(), "aa").unwrap());
    }

    #[test]
    fn a_missing_folder_is_an_error_not_an_empty_stamp() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(folder_stamp(&tmp.path().join("gone"), "aa").is_err());
    }
}
