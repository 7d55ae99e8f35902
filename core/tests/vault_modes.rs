//! Who else on the computer can read a vault: nobody. The folder is 0700 and every file in
//! it 0600 (SQLite's `-wal` and `-shm` files too), for a new vault and for one an older
//! version left readable by all.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use attune_core::{Unlock, Vault};
use common::{draft, fast, PASS};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every file in `dir` with its mode, sorted by name.
fn modes(dir: &Path) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                mode(&e.path()),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_vault_is_readable_by_its_owner_alone_while_open_and_after() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("attune");
    let (mut vault, _) = Vault::create(&dir, PASS, &fast()).unwrap();
    vault.journal_mut().add(draft("Bath", "Hummed")).unwrap();
    assert_eq!(mode(&dir), 0o700);
    let open = modes(&dir);
    assert!(
        open.iter().any(|(n, _)| n == "attune.vault-wal"),
        "{open:?}"
    );
    assert!(open.iter().all(|(_, m)| *m == 0o600), "{open:?}");
    vault.lock().unwrap();
    let closed = modes(&dir);
    assert!(closed.iter().all(|(_, m)| *m == 0o600), "{closed:?}");
}

#[test]
fn a_vault_left_readable_by_all_is_made_private_when_it_opens() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("attune");
    let (mut vault, _) = Vault::create(&dir, PASS, &fast()).unwrap();
    vault.journal_mut().add(draft("Bath", "Hummed")).unwrap();
    vault.lock().unwrap();
    // As an older Attune left it.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (name, _) in modes(&dir) {
        std::fs::set_permissions(dir.join(name), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let vault = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(vault.journal().len(), 1);
    assert_eq!(mode(&dir), 0o700);
    let open = modes(&dir);
    assert!(open.iter().all(|(_, m)| *m == 0o600), "{open:?}");
    vault.lock().unwrap();
}
