//! Helpers shared by core's integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod crash;
pub mod expect;
pub mod hours;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attune_core::{CreateOptions, KdfParams, ReflectionDraft, ReflectionKind, Vault};
use chrono::NaiveDate;

/// Create options with the cheapest accepted KDF, so tests unlock quickly.
pub fn fast() -> CreateOptions {
    CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    }
}

pub const PASS: &str = "correct horse battery staple";

/// A new vault in a fresh temp dir (returned so it lives as long as the test).
pub fn new_vault() -> (tempfile::TempDir, Vault, String) {
    let dir = tempfile::tempdir().unwrap();
    let (vault, rk) = Vault::create(dir.path(), PASS, &fast()).unwrap();
    let key = rk.to_display().to_string();
    (dir, vault, key)
}

pub fn draft(title: &str, body: &str) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        title: title.into(),
        family: "Rowan".into(),
        tags: vec!["sleep".into()],
        parent_infant: body.into(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    }
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Opens the raw database of a (locked) vault, for tampering.
pub fn raw_db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(Vault::db_path(dir)).unwrap()
}
