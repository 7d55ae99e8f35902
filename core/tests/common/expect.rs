//! Reading a test-vector directory's `expect.txt`. Shared by the integration tests (through
//! `common`) and by the unit tests of vectors kept inside the crate (by `#[path]`), so that
//! every vector set is read by the same parser.

use std::collections::BTreeMap;
use std::path::Path;

/// A vector directory's `expect.txt`: file name → what reading it must give (`ok`, or the
/// words of the error), blank lines and `#` comments left out.
pub fn vector_expectations(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(dir.join("expect.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (f, e) = l.split_once(": ").unwrap();
            (f.trim().to_owned(), e.trim().to_owned())
        })
        .collect()
}
