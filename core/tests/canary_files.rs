//! The canary for backups, exports and imports: after a backup, an export written to a
//! temporary folder and deleted, and an import, no word of what was written is readable in
//! the vault folder, its backups or the temporary folder. The process's temporary folder is
//! a fresh one for this test alone (its own test binary), so that anything left there is ours.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::backup::BackupReason;
use attune_core::export::to_json;
use attune_core::import;
use attune_core::journal::today;
use attune_core::vault::backups_dir;
use attune_core::{Reflection, ReflectionFilter};
use common::{draft, new_vault};

const WRITTEN: &str = "Clementine-by-the-window";
const IMPORTED: &str = "Persimmon-on-the-stair";

fn holds(dir: &Path, word: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if std::fs::read(&p)
                .unwrap()
                .windows(word.len())
                .any(|w| w == word.as_bytes())
            {
                found.push(p.display().to_string());
            }
        }
    }
    found
}

#[test]
fn nothing_readable_is_left_by_backups_exports_and_imports() {
    let tmp_root = tempfile::tempdir().unwrap();
    let process_tmp = tmp_root.path().join("tmp");
    std::fs::create_dir(&process_tmp).unwrap();
    // The only test in this binary: nothing else reads the variable while it changes.
    std::env::set_var("TMPDIR", &process_tmp);

    let (dir, mut vault, _) = new_vault();
    vault
        .journal_mut()
        .add(draft(WRITTEN, &format!("{WRITTEN} in the morning")))
        .unwrap();
    let source = tmp_root.path().join("jrnl.json");
    std::fs::write(
        &source,
        format!(r#"{{"entries": [{{"title": "{IMPORTED}.", "body": "{IMPORTED} again", "date": "2024-05-01"}}]}}"#),
    )
    .unwrap();
    let incoming = import::jrnl(&std::fs::read(&source).unwrap(), today()).unwrap();
    vault.journal_mut().import(incoming.items, false).unwrap();
    std::fs::remove_file(&source).unwrap();
    vault
        .back_up(&backups_dir(dir.path()), BackupReason::Manual)
        .unwrap();
    vault.auto_backup(BackupReason::Lock);
    // An export to a temporary folder, read, and deleted.
    {
        let out = tempfile::tempdir().unwrap();
        let all: Vec<&Reflection> = vault.journal().list(&ReflectionFilter::default());
        let file = out.path().join("journal.json");
        std::fs::write(&file, to_json(&all, chrono::Utc::now()).unwrap()).unwrap();
        assert!(
            !holds(out.path(), WRITTEN).is_empty(),
            "the export is plaintext, as it must be"
        );
    }
    vault.lock().unwrap();

    for word in [WRITTEN, IMPORTED] {
        assert_eq!(
            holds(dir.path(), word),
            Vec::<String>::new(),
            "{word} readable in the vault folder or its backups"
        );
        assert_eq!(
            holds(&process_tmp, word),
            Vec::<String>::new(),
            "{word} left in the temporary folder"
        );
    }
    // The backup the words were looked for in is there (the automatic one pruned the manual
    // one of the same day).
    assert_eq!(
        attune_core::backup::list(&backups_dir(dir.path()))
            .unwrap()
            .len(),
        1
    );
}
