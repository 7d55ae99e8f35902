//! Writes the bad-input corpus, `core/tests/bad-input/<format>/NNN-what.ext`, with one
//! `expect.toml` per format naming, for each file, the refusal it must get: the error code,
//! the field and place where the error has them, and words of the message. The files are
//! made here from fixed test identities (and, for share bundles and attestations, the
//! committed receiving vault `bad-input/receiver/`), so that the corpus can be made again;
//! `core/tests/bad_input.rs` feeds every file to the real parser or importer.
//!
//! Run by hand after changing a case (it rewrites the corpus, the receiver vault included):
//! `cargo test -p attune-core --test make_bad_input -- --ignored`
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bundles;
mod card_json;
mod cards;
mod csv;
mod reflections;
mod signed;
mod vaults;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The corpus root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

/// The passphrase of the receiving vault (test data, not a secret).
pub const RECEIVER_PASSPHRASE: &str = "bad input receiver";

/// One bad file and the refusal it must get.
#[derive(Debug)]
pub struct Case {
    /// What is wrong, as a file-name stem (`short-key`).
    pub what: String,
    /// The file's extension, without the dot.
    pub ext: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The refusal.
    pub expect: Expect,
}

/// An expected refusal.
#[derive(Debug, Clone)]
pub struct Expect {
    code: &'static str,
    message: String,
    field: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
    entry: Option<(String, u64)>,
}

/// A refusal with this code whose message contains `message`.
pub fn refused(code: &'static str, message: &str) -> Expect {
    Expect {
        code,
        message: message.to_owned(),
        field: None,
        line: None,
        column: None,
        entry: None,
    }
}

/// An `invalid_input` refusal about `field`.
pub fn invalid(field: &str, message: &str) -> Expect {
    refused("invalid_input", message).field(field)
}

impl Expect {
    /// The field named.
    pub fn field(mut self, field: &str) -> Expect {
        self.field = Some(field.to_owned());
        self
    }
    /// At a line, and a column when `column` is not 0.
    pub fn at(mut self, line: u64, column: u64) -> Expect {
        self.line = Some(line);
        self.column = (column > 0).then_some(column);
        self
    }
    /// At the `number`th entry of a list of `kind`.
    pub fn entry(mut self, kind: &str, number: u64) -> Expect {
        self.entry = Some((kind.to_owned(), number));
        self
    }
}

/// A case.
pub fn case(what: &str, ext: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        what: what.to_owned(),
        ext,
        bytes: bytes.into(),
        expect,
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                write!(out, "\\u{:04X}", c as u32).unwrap();
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes one format's directory afresh: the files, numbered in order, and `expect.toml`.
fn write_format(format: &str, cases: Vec<Case>) {
    let dir = root().join(format);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    let mut toml = format!(
        "# The refusal each file of bad-input/{format}/ must get; checked by core/tests/bad_input.rs.\n\
         # Written by core/tests/make_bad_input (run it, do not edit by hand).\n"
    );
    for (i, c) in cases.into_iter().enumerate() {
        let name = format!("{:03}-{}.{}", i + 1, c.what, c.ext);
        assert!(
            !name.contains(['/', ' ']) && name.is_ascii(),
            "file name {name:?}"
        );
        std::fs::write(dir.join(&name), &c.bytes).unwrap();
        let e = &c.expect;
        write!(toml, "\n[{}]\ncode = {}\n", quoted(&name), quoted(e.code)).unwrap();
        if let Some(f) = &e.field {
            writeln!(toml, "field = {}", quoted(f)).unwrap();
        }
        if let Some(l) = e.line {
            writeln!(toml, "line = {l}").unwrap();
        }
        if let Some(c) = e.column {
            writeln!(toml, "column = {c}").unwrap();
        }
        if let Some((kind, n)) = &e.entry {
            writeln!(toml, "entry = {}\nentry_number = {n}", quoted(kind)).unwrap();
        }
        writeln!(toml, "message = {}", quoted(&e.message)).unwrap();
    }
    std::fs::write(dir.join("expect.toml"), toml).unwrap();
}

#[test]
#[ignore = "rewrites the committed bad-input corpus; run by hand only"]
fn make_bad_input() {
    let receiver = bundles::make_receiver();
    write_format("card", cards::text_cases());
    write_format("card-json", card_json::cases(&receiver));
    write_format("attestation", signed::attestation_cases(&receiver));
    write_format("bundle", bundles::cases(&receiver));
    write_format("csv", csv::cases());
    write_format("reflection", reflections::cases());
    write_format("vault", vaults::cases());
}
