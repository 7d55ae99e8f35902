//! The files the window reads and writes outside the vault, through attune-core's one way
//! of doing it (`attune_core::files`): what the person saves or opens in a dialog (the
//! recovery key, exports, cards, bundles, attestations), and the appearance settings.

use std::path::Path;

use attune_core::files::{write_atomic, Readers};

use super::ipc::{Appearance, CommandError};

/// Writes a file the person chose (or the window's settings) whole or not at all, making
/// its folder first if need be (the settings folder may not exist yet).
fn write_whole(
    path: &Path,
    bytes: &[u8],
    what: &str,
    readers: Readers,
) -> Result<(), CommandError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            CommandError::new(
                attune_core::ErrorCode::Storage,
                format!("could not write {what} to {}: {e}", path.display()),
            )
        })?;
    }
    Ok(write_atomic(path, bytes, what, readers)?)
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
    write_whole(path, text.as_bytes(), "the recovery key", Readers::Owner)
}

/// Writes an export (hours CSV or PDF) where the person chose, readable by them only: it
/// names their supervisors and their hours.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    write_whole(path, bytes, "the export", Readers::Owner)
}

/// Writes a file meant to be handed to someone (a contact card: public keys and a name).
/// The one file Attune leaves readable by others (0644): the person gives it away, and it
/// holds nothing secret.
pub fn write_public(path: &Path, bytes: &[u8], what: &str) -> Result<(), CommandError> {
    write_whole(path, bytes, what, Readers::Anyone)
}

/// Writes a file only its owner may read (a share bundle, a reply, an attestation).
pub fn write_private(path: &Path, bytes: &[u8], what: &str) -> Result<(), CommandError> {
    write_whole(path, bytes, what, Readers::Owner)
}

/// The saved appearance, or the default when there is none or it cannot be read (how the
/// app looks is never a reason not to start).
pub fn read_appearance(path: &Path) -> Appearance {
    // A few hundred bytes; anything much larger is not ours.
    attune_core::files::read_capped(path, 64 * 1024, "the appearance settings")
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Saves the appearance settings, readable by their owner alone like everything else Attune
/// writes for itself.
pub fn write_appearance(path: &Path, appearance: Appearance) -> Result<(), CommandError> {
    let json = serde_json::to_vec_pretty(&appearance)
        .map_err(|_| CommandError::internal("appearance encoding"))?;
    write_whole(path, &json, "the appearance settings", Readers::Owner)
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
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
