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
    /// Anyone who can reach it (mode 0644 on Unix): only for a file meant to be given away,
    /// a contact card (public keys and a name, handed to others on purpose).
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

/// A size in the unit a person would use for it, never rounded to zero: `512 bytes`,
/// `64 KB`, `1.5 MB`, `2 MB`. Whole kilobytes and megabytes are exact; others carry one
/// decimal. Messages that compare two sizes use [`sizes_in_words`], which falls back to
/// bytes when the two would read the same.
pub fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let (unit, name) = match bytes {
        0..KB => return format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" }),
        KB..MB => (KB, "KB"),
        _ => (MB, "MB"),
    };
    if bytes.is_multiple_of(unit) {
        return format!("{} {name}", bytes / unit);
    }
    // Tenths, rounded down so that a size is never shown above what it is.
    let tenths = bytes.saturating_mul(10) / unit;
    let text = format!("{}.{}", tenths / 10, tenths % 10);
    format!("{} {name}", text.trim_end_matches(".0"))
}

/// Two sizes in words that read differently whenever the sizes differ (`2 MB` and
/// `2097153 bytes`, not `2 MB` and `2 MB`).
pub fn sizes_in_words(a: u64, b: u64) -> (String, String) {
    let (wa, wb) = (size_in_words(a), size_in_words(b));
    if wa == wb && a != b {
        (format!("{a} bytes"), format!("{b} bytes"))
    } else {
        (wa, wb)
    }
}

/// Reads the file at `path` whole, refusing one larger than `max` bytes, so that a wrong or
/// hostile file cannot fill the memory. The size the file system reports is only a first
/// check (a device, a FIFO or a growing file reports too little): the read itself stops one
/// byte past the cap. `what` names the file in messages ("the share bundle"). A file over
/// the cap is [`Error::InvalidInput`] naming the file, its size (when known) and the cap;
/// any other failure is [`Error::Io`] naming the file.
pub fn read_capped(path: &Path, max: usize, what: &str) -> Result<Vec<u8>> {
    let fail = |e: std::io::Error| io_error(&e, "read", what, path);
    let cap = u64::try_from(max).unwrap_or(u64::MAX);
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    let source = path.display().to_string();
    if meta.is_file() && meta.len() > cap {
        let (size, most) = sizes_in_words(meta.len(), cap);
        return Err(Error::invalid(
            source,
            format!("{size} is too large for {what} (at most {most})"),
        ));
    }
    let expected = if meta.is_file() {
        meta.len().min(cap)
    } else {
        0
    };
    read_limited(file, max, expected, what, &source)
}

/// Reads `reader` (standard input, a pipe) to its end, refusing more than `max` bytes
/// without holding more than one byte past them. `source` names where it comes from
/// (`standard input`) and is the field of the error; `what` names what it should be.
pub fn read_capped_from(
    reader: impl Read,
    max: usize,
    what: &str,
    source: &str,
) -> Result<Vec<u8>> {
    read_limited(reader, max, 0, what, source)
}

/// The one limited read behind [`read_capped`] and [`read_capped_from`].
fn read_limited(
    reader: impl Read,
    max: usize,
    expected: u64,
    what: &str,
    source: &str,
) -> Result<Vec<u8>> {
    let cap = u64::try_from(max).unwrap_or(u64::MAX);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e, "read", what, Path::new(source)))?;
    if bytes.len() > max {
        return Err(Error::invalid(
            source,
            format!("too large for {what}: more than {}", size_in_words(cap)),
        ));
    }
    Ok(bytes)
}

/// Makes every file and folder this process creates from now on readable by its owner
/// alone (a file-creation mask of 077 on Unix): the database SQLite makes, its lock file,
/// the log files, a browser engine's caches. Each shell calls it first thing. Files meant
/// to be given away are still written readable by all: [`write_atomic`] sets modes outright.
pub fn keep_new_files_private() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Makes the folder `dir` (and any missing parent) if need be, and leaves it readable by
/// its owner alone (mode 0700 on Unix), whatever mode it had: the vault's folder and the
/// log folder hold what nobody else on the computer should list or read.
pub fn make_private_dir(dir: &Path) -> Result<()> {
    let fail = |e: std::io::Error| io_error(&e, "make", "the folder", dir);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(fail)?;
    tighten(dir, 0o700).map_err(fail)
}

/// Makes the folder `dir` readable by its owner alone (0700) and every regular file directly
/// in it whose name starts with `prefix` likewise (0600): for folders made by an older
/// Attune, or files made by a library that does not ask (SQLite's database, its `-wal` and
/// `-shm` files, which copy the database's mode; a log file). Symbolic links are left
/// alone. A file system that keeps no modes (FAT on a USB stick refuses `chmod`) is left
/// as it is, with a warning in the log: that is where the person chose to keep it.
pub fn tighten_modes(dir: &Path, prefix: &str) -> Result<()> {
    let fail = |e: std::io::Error| io_error(&e, "protect", "the files in", dir);
    tighten(dir, 0o700).map_err(fail)?;
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let owned = entry.file_name().to_string_lossy().starts_with(prefix);
        if owned && entry.file_type().map_err(fail)?.is_file() {
            tighten(&entry.path(), 0o600).map_err(fail)?;
        }
    }
    Ok(())
}

/// Sets the permission bits of `path` to `mode` unless they already are (no needless
/// change on disk); a file system that refuses modes is tolerated, see [`tighten_modes`].
#[cfg(unix)]
fn tighten(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path)?;
    if meta.permissions().mode() & 0o777 == mode {
        return Ok(());
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::Unsupported
            ) =>
        {
            tracing::warn!(
                mode = format!("{mode:o}"),
                "this file system keeps no modes"
            );
            Ok(())
        }
        other => other,
    }
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _mode: u32) -> std::io::Result<()> {
    // Elsewhere a file takes its folder's access rules, which live in the user's profile.
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file in the same
/// directory, which is synced to disk, given the mode `readers` says, and renamed over
/// `path`; then the directory is synced, so that the rename survives a crash. A crash or an
/// error leaves the old file or the new one, never half of one, and no temporary file
/// behind. The directory must exist. `what` names the file in messages ("the contact
/// card"); a failure is [`Error::Io`] naming the file.
pub fn write_atomic(path: &Path, bytes: &[u8], what: &str, readers: Readers) -> Result<()> {
    write_atomic_as(path, bytes, what, readers, ".attune-")
}

/// [`write_atomic`], with the temporary file's name starting with `prefix` (which must start
/// with `.attune-`): in a folder several writers share, each can tell its own leftovers.
pub fn write_atomic_as(
    path: &Path,
    bytes: &[u8],
    what: &str,
    readers: Readers,
    prefix: &str,
) -> Result<()> {
    let fail = |e: std::io::Error| io_error(&e, "write", what, path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Removed when dropped unless persisted: an error below leaves nothing behind.
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
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
            message.contains("3 MB is too large for a share bundle (at most 2 MB)"),
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

    #[test]
    fn sizes_read_exactly_and_never_as_zero() {
        assert_eq!(size_in_words(0), "0 bytes");
        assert_eq!(size_in_words(1), "1 byte");
        assert_eq!(size_in_words(1023), "1023 bytes");
        assert_eq!(size_in_words(64 * 1024), "64 KB");
        assert_eq!(size_in_words(1536), "1.5 KB");
        assert_eq!(size_in_words(2 * 1024 * 1024), "2 MB");
        assert_eq!(size_in_words(2 * 1024 * 1024 + 1), "2 MB");
        assert_eq!(size_in_words(5 * 1024 * 1024 / 2), "2.5 MB");
        // Two sizes that would read the same are given in bytes.
        assert_eq!(
            sizes_in_words(2 * 1024 * 1024 + 1, 2 * 1024 * 1024),
            ("2097153 bytes".to_owned(), "2097152 bytes".to_owned())
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("just-over");
        std::fs::write(&path, vec![0u8; 1024 + 1]).unwrap();
        let message = read_capped(&path, 1024, "a card").unwrap_err().to_string();
        assert!(
            message.ends_with("1025 bytes is too large for a card (at most 1024 bytes)"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_reports_no_size_is_read_only_up_to_the_cap() {
        // /dev/zero says it is 0 bytes long and never ends.
        let err = read_capped(Path::new("/dev/zero"), 4096, "a contact card").unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert!(
            err.to_string()
                .ends_with("too large for a contact card: more than 4 KB"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_that_never_ends_is_refused_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || {
            // Writes until the reader goes away (the write then fails: that is the end).
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&writer_path)
                .unwrap();
            let chunk = [b'x'; 4096];
            while f.write_all(&chunk).is_ok() {}
        });
        let err = read_capped(&fifo, 64 * 1024, "a share bundle").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("too large for a share bundle: more than 64 KB"),
            "{err}"
        );
        writer.join().unwrap();
    }

    #[test]
    fn a_stream_is_read_only_up_to_the_cap() {
        let ok = read_capped_from(&b"{\"a\":1}"[..], 7, "JSON", "standard input").unwrap();
        assert_eq!(ok, b"{\"a\":1}");
        let err =
            read_capped_from(std::io::repeat(b'x'), 10, "JSON", "standard input").unwrap_err();
        assert_eq!(
            err.to_string(),
            "standard input: too large for JSON: more than 10 bytes"
        );
    }

    #[cfg(unix)]
    #[test]
    fn private_folders_and_files_are_made_and_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("data/attune");
        make_private_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        // An existing folder and files left open by an older version.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        make_private_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        for name in [
            "attune.vault",
            "attune.vault-wal",
            "attune.lock",
            "notes.txt",
        ] {
            std::fs::write(dir.join(name), b"x").unwrap();
            std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(0o644))
                .unwrap();
        }
        std::fs::create_dir(dir.join("attune.folder")).unwrap();
        std::os::unix::fs::symlink(dir.join("notes.txt"), dir.join("attune.link")).unwrap();
        tighten_modes(&dir, "attune.").unwrap();
        assert_eq!(mode(&dir), 0o700);
        for name in ["attune.vault", "attune.vault-wal", "attune.lock"] {
            assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
        }
        // What is not ours, and what a link points to, are left as they were.
        assert_eq!(mode(&dir.join("notes.txt")), 0o644);
    }
}
