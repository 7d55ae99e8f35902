//! The bad-input corpus: every file under `core/tests/bad-input/<format>/` is fed to the
//! real parser or importer of that format, and must be refused with the code, field,
//! place and words its `expect.toml` names, without a panic and without anything written
//! (the receiving vault's files and contents are the same after as before). A file that is
//! accepted fails the test. The files are made by `core/tests/make_bad_input`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use attune_core::hours::parse_csv;
use attune_core::share::ContactCard;
use attune_core::{Error, Place, ReflectionDraft, Unlock, Vault};
use chrono::NaiveDate;

mod common;

/// Every format directory, and how its files are fed.
const FORMATS: [&str; 7] = [
    "card",
    "card-json",
    "attestation",
    "bundle",
    "csv",
    "reflection",
    "vault",
];
/// The passphrase of `bad-input/receiver/` (test data).
const RECEIVER_PASSPHRASE: &str = "bad input receiver";
/// The passphrase of the format-1 fixture the vault files are made from.
const FIXTURE_PASSPHRASE: &str = "fixture passphrase v1";
/// The corpus must keep at least this many files.
const AT_LEAST: usize = 300;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    code: String,
    message: String,
    field: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
    entry: Option<String>,
    entry_number: Option<u64>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

/// "Today" for the parsers that compare dates with it, fixed so that the corpus does not
/// change meaning as the calendar moves.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// What an unlocked vault holds, in counts: a refused import must leave them as they were.
fn contents(v: &Vault) -> [usize; 8] {
    let s = v.sharing();
    [
        v.journal().len(),
        v.hours().sessions().len(),
        s.contacts().len(),
        s.shared_reflections().len(),
        s.shared_sessions().len(),
        s.comments().len(),
        s.attestations().len(),
        s.received_bundles().len(),
    ]
}

/// Feeds one file to the format's parser and, when it parses, its importer.
fn feed(format: &str, bytes: &[u8], vault: &mut Vault) -> Result<(), Error> {
    match format {
        "card" => {
            let card = ContactCard::parse(bytes)?;
            vault.sharing_mut().add_contact(card).map(drop)
        }
        "card-json" | "attestation" | "bundle" => vault.sharing_mut().receive(bytes).map(drop),
        "csv" => {
            let parsed = parse_csv(bytes, today())?;
            vault.hours_mut().import_sessions(parsed.rows).map(drop)
        }
        "reflection" => {
            let text = std::str::from_utf8(bytes).expect("reflection files are UTF-8");
            let draft = ReflectionDraft::from_json(text, today())?;
            vault.journal_mut().add(draft).map(drop)
        }
        f => panic!("no feeder for {f}"),
    }
}

/// Unlocks a copy of one vault file in a directory of its own, and says whether that
/// directory changed.
fn unlock_copy(bytes: &[u8]) -> (Result<(), Error>, bool) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(Vault::db_path(dir.path()), bytes).unwrap();
    let before = common::snapshot(dir.path());
    let got = Vault::unlock(dir.path(), Unlock::Passphrase(FIXTURE_PASSPHRASE)).map(drop);
    (got, common::snapshot(dir.path()) != before)
}

/// The differences between a refusal and what was expected.
fn compare(got: &Error, want: &Expect) -> Vec<String> {
    let mut out = Vec::new();
    let code = serde_json::to_value(got.code()).unwrap();
    if code.as_str() != Some(want.code.as_str()) {
        out.push(format!("code {code}, want {:?}", want.code));
    }
    let message = got.to_string();
    if !message.contains(&want.message) {
        out.push(format!("message lacks {:?}", want.message));
    }
    let (field, place) = match got {
        Error::InvalidInput { field, place, .. } => (Some(field.as_str()), *place),
        _ => (None, None),
    };
    if field != want.field.as_deref() {
        out.push(format!("field {field:?}, want {:?}", want.field));
    }
    let want_place = match (want.line, &want.entry) {
        (Some(line), None) => Some(format!(
            "{}",
            Place::Line {
                line,
                column: want.column
            }
        )),
        (None, Some(kind)) => Some(format!("{kind} {}", want.entry_number.unwrap_or(0))),
        _ => None,
    };
    let got_place = place.map(|p| p.to_string());
    if got_place != want_place {
        out.push(format!("place {got_place:?}, want {want_place:?}"));
    }
    if !out.is_empty() {
        out.push(format!("the message was {message:?}"));
    }
    out
}

#[test]
fn every_bad_input_is_refused_and_nothing_is_written() {
    let receiver = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("receiver/attune.vault"),
        Vault::db_path(receiver.path()),
    )
    .unwrap();
    let mut vault = Vault::unlock(receiver.path(), Unlock::Passphrase(RECEIVER_PASSPHRASE))
        .expect("the receiving vault opens");
    assert!(vault.damaged().is_empty());
    let mut failures: Vec<String> = Vec::new();
    let mut total = 0;
    for format in FORMATS {
        let dir = root().join(format);
        let text = std::fs::read_to_string(dir.join("expect.toml"))
            .unwrap_or_else(|e| panic!("{format}/expect.toml: {e}"));
        let expect: BTreeMap<String, Expect> =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{format}/expect.toml: {e}"));
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != "expect.toml")
            .collect();
        files.sort();
        for name in expect.keys().filter(|n| !files.contains(n)) {
            failures.push(format!("{format}/{name}: in expect.toml but missing"));
        }
        for name in files {
            total += 1;
            let Some(want) = expect.get(&name) else {
                failures.push(format!("{format}/{name}: not in expect.toml"));
                continue;
            };
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            let before = (common::snapshot(receiver.path()), contents(&vault));
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if format == "vault" {
                    unlock_copy(&bytes)
                } else {
                    (feed(format, &bytes, &mut vault), false)
                }
            }));
            let mut problems = match outcome {
                Err(_) => vec!["panicked".to_owned()],
                Ok((Ok(()), _)) => vec![format!("accepted; want {} {:?}", want.code, want.message)],
                Ok((Err(e), changed)) => {
                    let mut p = compare(&e, want);
                    if changed {
                        p.push("the vault file's directory changed".to_owned());
                    }
                    p
                }
            };
            if (common::snapshot(receiver.path()), contents(&vault)) != before {
                problems.push("the receiving vault changed".to_owned());
            }
            if !problems.is_empty() {
                failures.push(format!("{format}/{name}: {}", problems.join("; ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} bad inputs were not refused as expected:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        total >= AT_LEAST,
        "only {total} bad inputs; keep at least {AT_LEAST}"
    );
    vault.lock().unwrap();
}
