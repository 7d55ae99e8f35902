//! Forgetting a device (a lost laptop): its folder leaves the synced folder, what it wrote
//! before stays, and what it writes afterwards is not merged by the device that forgot it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::{Unlock, Vault};
use common::{draft, new_vault, PASS};

fn join(root: &Path, name: &str, folder: &Path) -> Vault {
    Vault::sync_join(&root.join(name), folder, Unlock::Passphrase(PASS), name).unwrap()
}

#[test]
fn a_forgotten_device_leaves_the_folder_and_is_not_merged_again() {
    let (_a_dir, mut a, _) = new_vault();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let mut lost = join(root.path(), "Old laptop", &folder);
    let before = lost.journal_mut().add(draft("Before", "text")).unwrap();
    lost.sync_now().unwrap();
    a.sync_now().unwrap();
    assert!(a.journal().get(&before.id).is_some());

    let lost_id = lost.sync_status().unwrap().unwrap().device_id;
    let own_id = a.sync_status().unwrap().unwrap().device_id;
    assert!(a.sync_forget_device(&own_id).is_err(), "never itself");
    assert!(a.sync_forget_device("not hex").is_err());
    a.sync_forget_device(&lost_id).unwrap();
    assert!(!folder.join("devices").join(&lost_id).exists());
    let status = a.sync_status().unwrap().unwrap();
    assert_eq!(status.forgotten, ["Old laptop"]);
    assert!(status.devices.iter().all(|d| d.id != lost_id));
    assert!(a.journal().get(&before.id).is_some(), "what it wrote stays");

    // The lost laptop comes back and writes again: its folder reappears, unmerged here.
    let after = lost.journal_mut().add(draft("After", "text")).unwrap();
    lost.sync_now().unwrap();
    a.sync_now().unwrap();
    assert!(a.journal().get(&after.id).is_none());
}
