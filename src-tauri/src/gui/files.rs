//! The few files the window writes outside the vault: the recovery key when the person asks
//! to save it, and the appearance settings. Each is written whole or not at all.

use std::io::Write;
use std::path::Path;

use super::ipc::{Appearance, CommandError};

fn storage_error(what: &str, path: &Path, e: std::io::Error) -> CommandError {
    CommandError {
        code: attune_core::ErrorCode::Storage,
        message: format!("could not write {what} to {}: {e}", path.display()),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, synced and then
/// renamed into place: a crash leaves the old file or the new one, never half of one.
/// `private` makes the file readable by its owner only.
fn write_whole(path: &Path, bytes: &[u8], private: bool, what: &str) -> Result<(), CommandError> {
    let fail = |e| storage_error(what, path, e);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".attune-")
        .tempfile_in(dir)
        .map_err(fail)?;
    #[cfg(unix)]
    if !private {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates files 0600; an ordinary file is readable as usual.
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        // Best effort: the rename is durable once the directory is synced.
        let _ = d.sync_all();
    }
    Ok(())
}

/// The text of a saved recovery key: the key and what it is for, nothing else.
pub fn recovery_key_text(key: &str, vault_dir: &Path) -> String {
    format!(
        "Attune recovery key\n\
         \n\
         {key}\n\
         \n\
         This key opens your Attune journal if you forget your passphrase.\n\
         Vault: {}\n\
         \n\
         Keep it somewhere safe and away from this computer: printed and locked away, or in a\n\
         password manager. Anyone with this key and the vault can read your journal.\n",
        vault_dir.display()
    )
}

/// Saves the recovery key where the person chose, readable by them only.
pub fn write_recovery_key(path: &Path, key: &str, vault_dir: &Path) -> Result<(), CommandError> {
    let text = zeroize::Zeroizing::new(recovery_key_text(key, vault_dir));
    write_whole(path, text.as_bytes(), true, "the recovery key")
}

/// Writes an export (hours CSV or PDF) where the person chose, readable by them only: it
/// names their supervisors and their hours.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    write_whole(path, bytes, true, "the export")
}

/// Writes a file meant to be handed to someone (a contact card: public keys and a name).
pub fn write_public(path: &Path, bytes: &[u8], what: &str) -> Result<(), CommandError> {
    write_whole(path, bytes, false, what)
}

/// Writes a file only its owner may read (a share bundle, a reply, an attestation).
pub fn write_private(path: &Path, bytes: &[u8], what: &str) -> Result<(), CommandError> {
    write_whole(path, bytes, true, what)
}

/// Reads a file the person chose, refusing one larger than `max` bytes before reading it.
pub fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>, CommandError> {
    let fail = |e: std::io::Error| CommandError {
        code: attune_core::ErrorCode::Storage,
        message: format!("could not read {}: {e}", path.display()),
    };
    let len = std::fs::metadata(path).map_err(fail)?.len();
    if len > max as u64 {
        return Err(CommandError {
            code: attune_core::ErrorCode::InvalidInput,
            message: format!(
                "{}: {} KB is too large for an Attune file (at most {} KB)",
                path.display(),
                len >> 10,
                max >> 10
            ),
        });
    }
    std::fs::read(path).map_err(fail)
}

/// The saved appearance, or the default when there is none or it cannot be read (how the
/// app looks is never a reason not to start).
pub fn read_appearance(path: &Path) -> Appearance {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Saves the appearance settings.
pub fn write_appearance(path: &Path, appearance: Appearance) -> Result<(), CommandError> {
    let json = serde_json::to_vec_pretty(&appearance)
        .map_err(|_| CommandError::internal("appearance encoding"))?;
    write_whole(path, &json, false, "the appearance settings")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::ipc::{TextSize, Theme};
    use super::*;

    #[test]
    fn recovery_key_file_is_private_and_holds_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/key.txt");
        let key = "ABCD-EFGH-0000-1111-2222-3333-4444-5555-6666-7777-8888-9999-AAAA-BBBB";
        write_recovery_key(&path, key, Path::new("/home/me/vault")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(key) && text.contains("/home/me/vault"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Overwriting leaves exactly one file (no temporary left behind).
        write_recovery_key(&path, key, Path::new("/v")).unwrap();
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn appearance_round_trips_and_bad_files_give_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("appearance.json");
        assert_eq!(read_appearance(&path), Appearance::default());
        let chosen = Appearance {
            theme: Theme::Dark,
            text_size: TextSize::Larger,
        };
        write_appearance(&path, chosen).unwrap();
        assert_eq!(read_appearance(&path), chosen);
        std::fs::write(&path, b"{\"theme\":\"purple\"").unwrap();
        assert_eq!(read_appearance(&path), Appearance::default());
    }

    #[test]
    fn an_unwritable_place_is_a_clear_storage_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let err =
            write_appearance(&blocker.join("appearance.json"), Appearance::default()).unwrap_err();
        assert_eq!(err.code, attune_core::ErrorCode::Storage);
        assert!(
            err.message.contains("appearance settings"),
            "{}",
            err.message
        );
    }
}
