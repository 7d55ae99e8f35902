//! Files outside the vault that Attune reads and writes for the person: share bundles,
//! replies, attestations, contact cards, exports, a saved recovery key, the window's
//! appearance settings. One way to read them (whole, refusing one larger than a cap before it
//! fills the memory) and one way to write them (whole or not at all, durably, readable by
//! the owner alone unless the file is meant to be given away). Both shells use these.

use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Who may read a file that [`write_atomic`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Readers {
    /// Its owner alone (mode 0600 on Unix): the default, for anything that holds keys or
    /// names people (share bundles, replies, attestations, exports, the recovery key).
    #[default]
    Owner,
    /// Anyone who can reach it (mode 0644 on Unix): only for files meant to be given away,
    /// such as a contact card (public keys and a name), and settings with nothing personal.
    Anyone,
}

impl Readers {
    /// The Unix permission bits this means.
    fn mode(self) -> u32 {
        match self {
            Readers::Owner => 0o600,
            Readers::Anyone => 0o644,
        }
    }
}

/// An I/O failure as a core error naming what was being done, and to which file.
fn io_error(e: &std::io::Error, doing: &str, what: &str, path: &Path) -> Error {
    Error::Io(std::io::Error::new(
        e.kind(),
        format!("could not {doing} {what} at {}: {e}", path.display()),
    ))
}

/// A size in the unit a person would use for it.
fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads the file at `path` whole, refusing one larger than `max` bytes before reading it,
/// so that a wrong or hostile file cannot fill the memory. `what` names the file in
/// messages ("the share bundle"). A file over the cap is [`Error::InvalidInput`] naming the
/// file, its size and the cap; any other failure is [`Error::Io`] naming the file.
pub fn read_capped(path: &Path, max: usize, what: &str) -> Result<Vec<u8>> {
    let fail = |e: std::io::Error| io_error(&e, "read", what, path);
    let cap = u64::try_from(max).unwrap_or(u64::MAX);
    let too_large = |len: u64| {
        Error::invalid(
            path.display().to_string(),
            format!(
                "{} is too large for {what} (at most {})",
                size_in_words(len),
                size_in_words(cap)
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let len = file.metadata().map_err(fail)?.len();
    if len > cap {
        return Err(too_large(len));
    }
    // The file may grow between the size check and the read: read at most one byte more
    // than the cap, and refuse if it came.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file in the same
/// directory, which is synced to disk, given the mode `readers` says, and renamed over
/// `path`; then the directory is synced, so that the rename survives a crash. A crash or an
/// error leaves the old file or the new one, never half of one, and no temporary file
/// behind. The directory must exist. `what` names the file in messages ("the contact
/// card"); a failure is [`Error::Io`] naming the file.
pub fn write_atomic(path: &Path, bytes: &[u8], what: &str, readers: Readers) -> Result<()> {
    let fail = |e: std::io::Error| io_error(&e, "write", what, path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Removed when dropped unless persisted: an error below leaves nothing behind.
    let mut tmp = tempfile::Builder::new()
        .prefix(".attune-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    set_mode(tmp.as_file(), readers).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    sync_dir(dir).map_err(fail)
}

#[cfg(unix)]
fn set_mode(file: &std::fs::File, readers: Readers) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // Set outright, whatever the umask: the temporary file starts at 0600.
    file.set_permissions(std::fs::Permissions::from_mode(readers.mode()))
}

#[cfg(not(unix))]
fn set_mode(_file: &std::fs::File, _readers: Readers) -> std::io::Result<()> {
    // Elsewhere a new file takes its folder's access rules.
    Ok(())
}

/// Syncs a directory, so that a rename in it is on disk. File systems that cannot sync a
/// directory say so with `EINVAL`; there is nothing more to do on them.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::File::open(dir)?.sync_all() {
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // A directory cannot be opened as a file elsewhere; the rename is what the OS offers.
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    /// The names of the files in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_file_within_the_cap_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.attune-card");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, 10, "a card").unwrap(), b"0123456789");
        assert_eq!(read_capped(&path, 1 << 20, "a card").unwrap().len(), 10);
    }

    #[test]
    fn a_file_over_the_cap_is_refused_naming_the_file_and_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.attune-share");
        std::fs::write(&path, vec![7u8; 3 * 1024 * 1024 + 1]).unwrap();
        let err = read_capped(&path, 2 * 1024 * 1024, "a share bundle").unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(
            message.contains("4 MB is too large for a share bundle (at most 2 MB)"),
            "{message}"
        );
        let small = dir.path().join("small");
        std::fs::write(&small, [0u8; 11]).unwrap();
        let message = read_capped(&small, 10, "a card").unwrap_err().to_string();
        assert!(
            message.ends_with("11 bytes is too large for a card (at most 10 bytes)"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_file_is_a_storage_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere.attune-attest");
        let err = read_capped(&path, 10, "the attestation").unwrap_err();
        assert_eq!(err.code(), ErrorCode::Storage);
        let message = err.to_string();
        assert!(
            message.contains("could not read the attestation at")
                && message.contains(&path.display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn writing_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reply.attune-share");
        write_atomic(&path, b"first", "the reply", Readers::Owner).unwrap();
        write_atomic(&path, b"second, longer", "the reply", Readers::Owner).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        assert_eq!(names(dir.path()), ["reply.attune-share"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_unless_meant_to_be_given_away() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let private = dir.path().join("hours.attune-attest");
        write_atomic(&private, b"x", "the attestation", Readers::default()).unwrap();
        assert_eq!(mode(&private), 0o600);
        let card = dir.path().join("me.attune-card");
        write_atomic(&card, b"x", "the card", Readers::Anyone).unwrap();
        assert_eq!(mode(&card), 0o644);
        // Overwriting a file that was readable by all with a private one makes it private.
        write_atomic(&card, b"y", "the card", Readers::Owner).unwrap();
        assert_eq!(mode(&card), 0o600);
    }

    #[test]
    fn a_failed_write_names_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a directory: the temporary file is made and written, the rename
        // fails, and the temporary file must be gone.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"keep").unwrap();
        let err = write_atomic(&target, b"data", "the export", Readers::Owner).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Storage);
        let message = err.to_string();
        assert!(
            message.contains("could not write the export at")
                && message.contains(&target.display().to_string()),
            "{message}"
        );
        assert_eq!(names(dir.path()), ["taken"]);
        assert_eq!(names(&target), ["inside"]);
        // A missing directory: nothing is created.
        let nowhere = dir.path().join("missing/file.pdf");
        let err = write_atomic(&nowhere, b"data", "the export", Readers::Owner).unwrap_err();
        assert!(err.to_string().contains("missing/file.pdf"), "{err}");
        assert_eq!(names(dir.path()), ["taken"]);
    }
}
