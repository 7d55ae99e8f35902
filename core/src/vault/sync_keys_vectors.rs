//! The synced folder's key files (docs/formats/sync-segment.md, "The key files"): committed
//! test vectors, good and deliberately broken, checked against `expect.txt`. Made once by
//! the ignored `make_sync_key_vectors` (inside the crate, since slots are made here):
//! `cargo test -p attune-core --lib -- --ignored make_sync_key_vectors`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::slots::{self, SlotSecret};
use crate::crypto::keys::SecretKey;
use crate::crypto::KdfParams;
use crate::record::hlc::hex;
use crate::store::SlotRow;
use crate::sync::keys_file::{self, NextGeneration};
use crate::sync::{SyncKey, SyncKeys};

const VAULT_ID: [u8; 16] = [0x11; 16];
const DEVICE: [u8; 16] = [0x22; 16];
const PASSPHRASE: &str = "vector passphrase";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/sync_keys")
}

/// The vault key of generation `g` in the vectors: 32 bytes all `g`.
fn vk(g: u8) -> SecretKey {
    SecretKey::from_bytes(&[g; 32]).unwrap()
}

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-02T10:30:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn slot_rows(vault_key: &SecretKey) -> Vec<SlotRow> {
    let w =
        slots::passphrase_slot(&VAULT_ID, vault_key, PASSPHRASE, KdfParams::MINIMUM, at()).unwrap();
    vec![SlotRow {
        id: 1,
        kind: w.kind.into(),
        kdf: w
            .kdf
            .map(|(m, t, p)| (i64::from(m), i64::from(t), i64::from(p))),
        salt: w.salt,
        wrapped_key: w.wrapped_key,
        public_key: None,
        created_at: w.created_at,
    }]
}

/// What one vector file does when read, opened with the vector passphrase, and its keys
/// and link opened: one line of `expect.txt`.
fn outcome(path: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let keys = tmp.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::copy(path, keys.join("g000002-x.attune-keys")).unwrap();
    let files = keys_file::read_all(tmp.path(), &VAULT_ID).unwrap();
    let Some(file) = files.first() else {
        return "not read".into();
    };
    let Some(opened) = slots::open_rows(
        &file.slots,
        2,
        &VAULT_ID,
        &SlotSecret::Passphrase(PASSPHRASE),
    )
    .unwrap() else {
        return format!("generation {}: passphrase does not open", file.generation);
    };
    let g = opened.vault_key.expose_secret_bytes()[0];
    let Some(k) = file.open_keys(&opened.vault_key, &VAULT_ID).unwrap() else {
        return format!(
            "generation {}: vault key {g}, keys do not open",
            file.generation
        );
    };
    let sync_keys: Vec<String> = k
        .sync_keys
        .iter()
        .map(|(gen, key)| {
            let first = SyncKey::derive(&vk(1), &VAULT_ID).unwrap();
            if key.expose_secret_bytes() == first.expose_secret_bytes() {
                format!("{gen}=derived")
            } else {
                format!("{gen}={:02x}", key.expose_secret_bytes()[0])
            }
        })
        .collect();
    let earlier: Vec<String> = k
        .earlier
        .iter()
        .map(|(gen, key)| format!("{gen}={}", key.expose_secret_bytes()[0]))
        .collect();
    let link = match file.generation {
        1 => "none".to_owned(),
        _ => match file.open_link(&vk(g - 1), &VAULT_ID) {
            Some(l) => format!("{} {}", l.device_name, l.at.to_rfc3339()),
            None => "does not open".into(),
        },
    };
    format!(
        "generation {}: vault key {g}, sync keys [{}], earlier [{}], link {link}",
        file.generation,
        sync_keys.join(" "),
        earlier.join(" ")
    )
}

#[path = "../../tests/common/expect.rs"]
#[allow(clippy::unwrap_used)]
mod expect;

#[test]
fn sync_key_file_vectors() {
    let expect = expect::vector_expectations(&dir());
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "attune-keys") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let want = expect
            .get(&name)
            .unwrap_or_else(|| panic!("{name}: not in expect.txt"));
        assert_eq!(&outcome(&path), want, "{name}");
        seen += 1;
    }
    assert_eq!(seen, expect.len(), "every line of expect.txt has its file");
}

/// The sync keys a generation's file lists: the first derived from its vault key, then
/// generation g's 32 bytes all 0x40 + g.
fn sync_keys_of(generation: u32) -> SyncKeys {
    let mut keys = SyncKeys::first(SyncKey::derive(&vk(1), &VAULT_ID).unwrap());
    for g in 2..=generation {
        let byte = 0x40 + u8::try_from(g).unwrap();
        keys = keys.with(g, SyncKey::from_bytes(&[byte; 32]).unwrap());
    }
    keys
}

fn write_next(root: &Path, generation: u32, link_key: &SecretKey) {
    let key = vk(u8::try_from(generation).unwrap());
    let earlier: Vec<(u32, SecretKey)> = (1..generation)
        .map(|g| (g, vk(u8::try_from(g).unwrap())))
        .collect();
    let earlier: Vec<(u32, &SecretKey)> = earlier.iter().map(|(g, k)| (*g, k)).collect();
    keys_file::write_next(
        root,
        &VAULT_ID,
        &NextGeneration {
            generation,
            device: DEVICE,
            device_name: "Vector laptop",
            slots: &slot_rows(&key),
            vault_key: &key,
            previous: link_key,
            earlier: &earlier,
            sync_keys: &sync_keys_of(generation),
            at: at(),
        },
    )
    .unwrap();
}

/// Writes the vectors (run by hand; see the module's doc).
#[test]
#[ignore]
fn make_sync_key_vectors() {
    let out = dir();
    std::fs::create_dir_all(&out).unwrap();
    let made = |f: &dyn Fn(&Path)| -> serde_json::Value {
        let tmp = tempfile::tempdir().unwrap();
        f(tmp.path());
        let keys = tmp.path().join("keys");
        let path = std::fs::read_dir(&keys)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    };
    let save = |name: &str, v: &serde_json::Value| {
        std::fs::write(out.join(name), serde_json::to_vec_pretty(v).unwrap()).unwrap();
    };
    let v1 =
        made(&|root| keys_file::write_first(root, &VAULT_ID, &DEVICE, &slot_rows(&vk(1))).unwrap());
    save("good-g1.attune-keys", &v1);
    let g2 = made(&|root| write_next(root, 2, &vk(1)));
    save("good-g2.attune-keys", &g2);
    let g3 = made(&|root| write_next(root, 3, &vk(2)));
    save("good-g3.attune-keys", &g3);
    save(
        "link-under-another-key.attune-keys",
        &made(&|root| write_next(root, 2, &vk(9))),
    );

    let mut v = g2.clone();
    v["slots"][0]["created_at"] = "2026-12-02T10:31:00+00:00".into();
    save("slots-changed.attune-keys", &v);
    let mut v = g2.clone();
    v["keys"] = g3["keys"].clone();
    save("keys-of-another-file.attune-keys", &v);
    let mut v = g2.clone();
    v["generation"] = 3.into();
    save("renumbered.attune-keys", &v);
    let mut v = g2.clone();
    v["attune_keys"] = 3.into();
    save("format-3.attune-keys", &v);
    let mut v = g2.clone();
    v["vault_id"] = hex(&[0x12; 16]).into();
    save("other-vault.attune-keys", &v);
    let mut v = g2.clone();
    v.as_object_mut().unwrap().remove("link");
    save("g2-without-link.attune-keys", &v);
    let mut v = v1.clone();
    v["keys"] = g2["keys"].clone();
    v["link"] = g2["link"].clone();
    save("g1-with-keys.attune-keys", &v);
    let mut v = g2.clone();
    v["surprise"] = true.into();
    save("unknown-field.attune-keys", &v);
    std::fs::write(out.join("not-json.attune-keys"), b"attune keys?").unwrap();
}
