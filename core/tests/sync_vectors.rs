//! The sync segment format's committed test vectors (docs/formats/sync-segment.md), good
//! and deliberately broken, checked by one parameterised test against `expect.txt`, as
//! `vectors.rs` does for the sharing formats; and the committed synced-folder fixture,
//! which every later version must still join. Both are made once by the ignored
//! `make_sync_vectors` and `make_sync_fixture`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use attune_core::record::hlc::Hlc;
use attune_core::sync::segment::{
    open_segment, seal_segment, Expected, Op, RecordSuperseded, SegmentBody, SegmentHeader,
    SegmentKind, SegmentProblem, SyncKey, SyncKeys,
};
use attune_core::{Unlock, Vault};

const VAULT_ID: [u8; 16] = [0x11; 16];
const DEVICE: [u8; 16] = [0x22; 16];
const PREV: [u8; 32] = [0x33; 32];
const NUMBER: u64 = 2;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/sync_segment")
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync-v1")
}

fn key() -> SyncKey {
    SyncKey::from_test_seed(7, &VAULT_ID).unwrap()
}

/// The first generation's key only, as a device that never changed keys holds.
fn keys() -> SyncKeys {
    SyncKeys::first(key())
}

fn expected() -> Expected {
    Expected {
        vault_id: VAULT_ID,
        device: DEVICE,
        number: NUMBER,
        prev_hash: PREV,
    }
}

fn expectations() -> BTreeMap<String, String> {
    common::expect::vector_expectations(&dir())
}

#[test]
fn sync_segment_vectors() {
    let expect = expectations();
    let mut seen = 0;
    for e in std::fs::read_dir(dir()).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name == "expect.txt" {
            continue;
        }
        let want = expect
            .get(&name)
            .unwrap_or_else(|| panic!("{name} has no line in expect.txt"));
        let got = open_segment(&keys(), &std::fs::read(&path).unwrap(), &expected())
            .map(|_| ())
            .map_err(|e| e.to_string());
        match (want.as_str(), got) {
            ("ok", Ok(())) => {}
            ("ok", Err(e)) => panic!("{name} should be accepted: {e}"),
            (_, Ok(())) => panic!("{name} should be refused ({want})"),
            (w, Err(e)) => assert!(e.contains(w), "{name}: want {w:?} in {e:?}"),
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        expect.len(),
        "expect.txt names files that are missing"
    );
}

#[test]
fn a_segment_of_a_later_key_generation_opens_with_that_generations_key() {
    // Sealed under `key()` with generation 2 in its header: a device that holds only the
    // first generation waits on it (the vector above); one that holds generation 2's opens
    // it with that key, and with no other.
    let bytes = std::fs::read(dir().join("key-generation-2.attune-seg")).unwrap();
    let other = || SyncKey::from_test_seed(8, &VAULT_ID).unwrap();
    let held = SyncKeys::first(other()).with(2, key());
    assert!(open_segment(&held, &bytes, &expected()).is_ok());
    let wrong = SyncKeys::first(key()).with(2, other());
    assert_eq!(
        open_segment(&wrong, &bytes, &expected()).unwrap_err(),
        SegmentProblem::DoesNotOpen
    );
}

fn body() -> SegmentBody {
    let hlc = Hlc {
        millis: 1_790_000_000_000,
        counter: 0,
        device: DEVICE,
    };
    SegmentBody {
        device_name: "Test device".into(),
        ops: vec![
            Op {
                id: "0123456789abcdef0123456789abcdef".into(),
                kind: "reflection".into(),
                hlc,
                base: None,
                body: Some(zeroize::Zeroizing::new(
                    r#"{"id":"0123456789abcdef0123456789abcdef"}"#.to_owned(),
                )),
                also: Vec::new(),
            },
            Op {
                id: "fedcba9876543210fedcba9876543210".into(),
                kind: "session".into(),
                hlc: Hlc { counter: 1, ..hlc },
                base: Some(hlc),
                body: None,
                also: Vec::new(),
            },
        ],
        superseded: Vec::new(),
    }
}

fn sealed(header: SegmentHeader, prev: [u8; 32]) -> Vec<u8> {
    seal_segment(&key(), &header, &prev, &body()).unwrap()
}

/// Writes the vectors. Run by hand: `cargo test -p attune-core --test sync_vectors -- --ignored make_sync_vectors`.
#[test]
#[ignore]
fn make_sync_vectors() {
    let h = SegmentHeader {
        kind: SegmentKind::Ops,
        vault_id: VAULT_ID,
        device: DEVICE,
        number: NUMBER,
        generation: 1,
    };
    let good = sealed(h, PREV);
    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    cases.push(("good.attune-seg", good.clone(), "ok"));
    let mut bad_tag = good.clone();
    *bad_tag.last_mut().unwrap() ^= 1;
    cases.push(("bad-tag.attune-seg", bad_tag, "does not open"));
    cases.push((
        "truncated.attune-seg",
        good[..good.len() - 7].to_vec(),
        "truncated",
    ));
    cases.push((
        "truncated-header.attune-seg",
        good[..30].to_vec(),
        "truncated",
    ));
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"garbage");
    cases.push(("trailing-garbage.attune-seg", trailing, "trailing bytes"));
    let mut version = good.clone();
    version[8] = 2;
    cases.push((
        "unknown-version.attune-seg",
        version,
        "segment format 2 is unknown",
    ));
    let mut kind = good.clone();
    kind[9] = 9;
    cases.push(("unknown-kind.attune-seg", kind, "segment kind 9 is unknown"));
    let other_device = SegmentHeader {
        device: [0x44; 16],
        ..h
    };
    cases.push((
        "other-device.attune-seg",
        sealed(other_device, PREV),
        "from another device",
    ));
    let wrong_number = SegmentHeader { number: 3, ..h };
    cases.push((
        "wrong-number.attune-seg",
        sealed(wrong_number, PREV),
        "numbered 3, expected 2",
    ));
    let other_vault = SegmentHeader {
        vault_id: [0x55; 16],
        ..h
    };
    cases.push((
        "other-vault.attune-seg",
        sealed(other_vault, PREV),
        "of another journal",
    ));
    cases.push((
        "broken-chain.attune-seg",
        sealed(h, [0x66; 32]),
        "does not open",
    ));
    let generation = SegmentHeader { generation: 2, ..h };
    cases.push((
        "key-generation-2.attune-seg",
        sealed(generation, PREV),
        "key generation 2",
    ));
    let mut renumbered = good.clone();
    renumbered[49] = 3; // the number changed after sealing
    cases.push((
        "renumbered.attune-seg",
        renumbered,
        "numbered 3, expected 2",
    ));
    cases.push((
        "not-a-segment.attune-seg",
        b"hello, world\n".to_vec(),
        "not an Attune sync segment",
    ));
    std::fs::create_dir_all(dir()).unwrap();
    let mut expect = String::from(
        "# Sync segments (docs/formats/sync-segment.md): each is opened with the sync key of\n\
         # test seed 7 as segment 2 of device 2222.., vault 1111.., previous hash 3333...\n",
    );
    for (name, bytes, want) in cases {
        std::fs::write(dir().join(name), bytes).unwrap();
        expect.push_str(&format!("{name}: {want}\n"));
    }
    std::fs::write(dir().join("expect.txt"), expect).unwrap();
}

/// The committed synced folder (made by format 1 of sync) still joins: the passphrase opens
/// its key file, and its reflection arrives.
#[test]
fn the_committed_synced_folder_still_joins() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("Sync");
    copy_dir(&fixture().join("Sync"), &folder);
    let v = Vault::sync_join(
        &work.path().join("vault"),
        &folder,
        Unlock::Passphrase(common::PASS),
        "Test joiner",
    )
    .unwrap();
    let all = v.journal().list(&attune_core::ReflectionFilter::default());
    let titles: Vec<&str> = all.iter().map(|r| r.content.title.as_str()).collect();
    assert_eq!(titles, ["Fixture reflection"]);
    assert_eq!(v.profile().name, "Robin Hale");
    let status = v.sync_status().unwrap().unwrap();
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].name, "Fixture laptop");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// Writes the fixture. Run once, by hand, when sync format 1 was current.
#[test]
#[ignore]
fn make_sync_fixture() {
    let out = fixture().join("Sync");
    assert!(!out.exists(), "the fixture exists: never overwrite it");
    let work = tempfile::tempdir().unwrap();
    let mut options = common::fast();
    options.name = Some("Robin Hale".into());
    let (mut v, _) = Vault::create(&work.path().join("vault"), common::PASS, &options).unwrap();
    v.journal_mut()
        .add(common::draft("Fixture reflection", "the fixture's text"))
        .unwrap();
    v.sync_enable(&out, "Fixture laptop").unwrap();
}

fn compaction_vector() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/sync_compaction/c000000003.attune-seg")
}

fn compaction_header() -> SegmentHeader {
    SegmentHeader {
        kind: SegmentKind::Compaction,
        vault_id: VAULT_ID,
        device: DEVICE,
        number: 3,
        generation: 1,
    }
}

/// What the committed compaction vector holds: the operations of [`body`], and what it says
/// was superseded on the first record.
fn compaction_body() -> SegmentBody {
    let mut b = body();
    let first = b.ops[0].hlc;
    b.superseded = vec![RecordSuperseded {
        id: b.ops[0].id.clone(),
        kind: b.ops[0].kind.clone(),
        bases: vec![Hlc {
            millis: first.millis - 1000,
            ..first
        }],
        deleted_up_to: None,
    }];
    b
}

/// A compaction (kind 2) is chained to zeros and carries `superseded`.
#[test]
fn the_committed_compaction_vector_opens_with_what_it_says_was_superseded() {
    let bytes = std::fs::read(compaction_vector()).unwrap();
    let expect = Expected {
        vault_id: VAULT_ID,
        device: DEVICE,
        number: 3,
        prev_hash: [0; 32],
    };
    let (header, opened) = open_segment(&keys(), &bytes, &expect).unwrap();
    assert_eq!(header, compaction_header());
    assert_eq!(opened, compaction_body());
    // Chained to anything but zeros, it does not open.
    let chained = Expected {
        prev_hash: PREV,
        ..expect
    };
    assert!(open_segment(&keys(), &bytes, &chained).is_err());
}

/// Writes the compaction vector once. Run by hand: `cargo test -p attune-core --test
/// sync_vectors -- --ignored make_compaction_vector`.
#[test]
#[ignore]
fn make_compaction_vector() {
    let path = compaction_vector();
    assert!(!path.exists(), "the vector exists: never overwrite it");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = seal_segment(&key(), &compaction_header(), &[0; 32], &compaction_body()).unwrap();
    std::fs::write(path, file).unwrap();
}

fn vault_v3_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v3")
}

/// The committed format-3 vault (a vault that syncs, as sync format 1 made it) still opens
/// with its passphrase, says it syncs, and keeps taking writes into its outbox, even with
/// its folder gone (it was a temporary folder on the machine that made it).
#[test]
fn the_committed_format_3_vault_still_opens() {
    let work = tempfile::tempdir().unwrap();
    copy_dir(&vault_v3_fixture(), work.path());
    let mut v = Vault::unlock(work.path(), Unlock::Passphrase(common::PASS)).unwrap();
    let all = v.journal().list(&attune_core::ReflectionFilter::default());
    let titles: Vec<&str> = all.iter().map(|r| r.content.title.as_str()).collect();
    assert_eq!(titles, ["Fixture reflection"]);
    let status = v.sync_status().unwrap().unwrap();
    assert_eq!(status.device_name, "Fixture laptop");
    assert_eq!(status.waiting, 0);
    v.journal_mut()
        .add(common::draft("Written later", "after the fixture"))
        .unwrap();
    assert_eq!(v.sync_status().unwrap().unwrap().waiting, 1);
}

/// Writes the format-3 vault fixture. Run once, by hand, when sync format 1 was current.
#[test]
#[ignore]
fn make_vault_v3_fixture() {
    let out = vault_v3_fixture();
    assert!(!out.exists(), "the fixture exists: never overwrite it");
    let work = tempfile::tempdir().unwrap();
    let mut options = common::fast();
    options.name = Some("Robin Hale".into());
    let (mut v, _) = Vault::create(&out, common::PASS, &options).unwrap();
    v.journal_mut()
        .add(common::draft("Fixture reflection", "the fixture's text"))
        .unwrap();
    v.sync_enable(&work.path().join("Sync"), "Fixture laptop")
        .unwrap();
    v.lock().unwrap();
    let _ = std::fs::remove_file(out.join("attune.lock"));
}

fn keys_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync-keys-v2")
}

/// The passphrase the keys fixture's journal was changed to (from `common::PASS`).
const CHANGED: &str = "the fixture's second passphrase";

/// The committed synced folder of a journal whose passphrase was changed (key file format 2,
/// a second key generation, segments sealed under its sync key) still joins with the new
/// passphrase, and refuses the old one saying where it was changed.
#[test]
fn the_committed_folder_of_a_changed_passphrase_still_joins() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("Sync");
    copy_dir(&keys_fixture().join("Sync"), &folder);
    let old = Vault::sync_join(
        &work.path().join("old"),
        &folder,
        Unlock::Passphrase(common::PASS),
        "Test joiner",
    )
    .unwrap_err();
    assert!(
        old.to_string().contains("changed on Fixture laptop on"),
        "{old}"
    );
    let v = Vault::sync_join(
        &work.path().join("vault"),
        &folder,
        Unlock::Passphrase(CHANGED),
        "Test joiner",
    )
    .unwrap();
    let all = v.journal().list(&attune_core::ReflectionFilter::default());
    let mut titles: Vec<&str> = all.iter().map(|r| r.content.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["After the change", "Before the change"]);
    v.lock().unwrap();
    Vault::unlock(&work.path().join("vault"), Unlock::Passphrase(CHANGED))
        .unwrap()
        .lock()
        .unwrap();
}

/// Writes the keys fixture. Run once, by hand, when key file format 2 was current.
#[test]
#[ignore]
fn make_sync_keys_fixture() {
    let out = keys_fixture().join("Sync");
    assert!(!out.exists(), "the fixture exists: never overwrite it");
    let work = tempfile::tempdir().unwrap();
    let mut options = common::fast();
    options.name = Some("Robin Hale".into());
    let (mut v, _) = Vault::create(&work.path().join("vault"), common::PASS, &options).unwrap();
    v.journal_mut()
        .add(common::draft(
            "Before the change",
            "written under the first key",
        ))
        .unwrap();
    v.sync_enable(&out, "Fixture laptop").unwrap();
    v.change_passphrase(common::PASS, CHANGED).unwrap();
    v.journal_mut()
        .add(common::draft(
            "After the change",
            "written under the second",
        ))
        .unwrap();
    v.sync_now().unwrap();
    v.lock().unwrap();
}
