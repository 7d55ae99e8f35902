//! The vault as a user meets it, and as an attacker or a broken disk might: passphrases,
//! recovery keys, tampered records, tampered KDF settings, newer formats, plaintext on disk.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::{Error, ReflectionFilter, Unlock, Vault};
use common::{draft, fast, new_vault, raw_db, snapshot, PASS};

#[test]
fn create_write_lock_unlock_it_is_still_there() {
    let (dir, mut vault, key) = new_vault();
    let a = vault
        .journal_mut()
        .add(draft("Bath time", "Mother hummed while bathing the baby"))
        .unwrap();
    let b = vault
        .journal_mut()
        .add(draft("Crying", "The baby cried when I arrived"))
        .unwrap();
    vault.lock().unwrap();

    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(vault.journal().len(), 2);
    assert_eq!(vault.journal().get(&a.id).unwrap(), &a);
    assert_eq!(vault.journal().get(&b.id).unwrap(), &b);
    assert!(vault.damaged().is_empty());
    vault.lock().unwrap();

    let vault = Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap();
    assert_eq!(vault.journal().len(), 2);
}

#[test]
fn update_delete_list_filter_search() {
    let (dir, mut vault, _) = new_vault();
    let a = vault
        .journal_mut()
        .add(draft("Bath time", "Mother hummed"))
        .unwrap();
    let mut other = draft("Supervision prep", "Ask about my frustration");
    other.kind = attune_core::ReflectionKind::Supervision;
    other.family = "Birch".into();
    other.tags = vec!["anger".into()];
    other.date = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let b = vault.journal_mut().add(other).unwrap();

    let mut changed = a.content.clone();
    changed.title = "Bath time with Lucía".into();
    let a2 = vault.journal_mut().update(&a.id, changed).unwrap();
    assert_eq!(a2.created_at, a.created_at);
    assert!(a2.updated_at >= a.updated_at);

    let j = vault.journal();
    let all = j.list(&ReflectionFilter::default());
    assert_eq!(
        all.iter().map(|r| &r.id).collect::<Vec<_>>(),
        vec![&b.id, &a.id]
    );
    let by_family = j.list(&ReflectionFilter {
        family: Some("rowan".into()),
        ..Default::default()
    });
    assert_eq!(by_family.len(), 1);
    let by_tag = j.list(&ReflectionFilter {
        tag: Some("ANGER".into()),
        ..Default::default()
    });
    assert_eq!(by_tag[0].id, b.id);
    let by_kind = j.list(&ReflectionFilter {
        kind: Some(attune_core::ReflectionKind::HomeVisit),
        ..Default::default()
    });
    assert_eq!(by_kind[0].id, a.id);
    let from = j.list(&ReflectionFilter {
        from: chrono::NaiveDate::from_ymd_opt(2026, 3, 3),
        ..Default::default()
    });
    assert_eq!(from.len(), 1);
    assert_eq!(
        j.search("lucia", &ReflectionFilter::default())[0]
            .reflection
            .id,
        a.id
    );
    assert_eq!(
        j.search("FRUSTR", &ReflectionFilter::default())[0]
            .reflection
            .id,
        b.id
    );
    assert!(j
        .search(
            "bath",
            &ReflectionFilter {
                family: Some("Birch".into()),
                ..Default::default()
            }
        )
        .is_empty());
    assert_eq!(j.resolve(&a.id[..6]).unwrap().id, a.id);

    vault.delete_reflection(&a.id).unwrap();
    assert!(vault
        .journal()
        .search("lucia", &ReflectionFilter::default())
        .is_empty());
    assert!(matches!(
        vault.delete_reflection(&a.id),
        Err(Error::NotFound { .. })
    ));
    vault.lock().unwrap();
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(vault.journal().len(), 1);
    assert!(vault.journal().get(&a.id).is_none());
}

#[test]
fn wrong_and_empty_passphrases_are_refused_and_change_no_byte() {
    let (dir, mut vault, _) = new_vault();
    vault.journal_mut().add(draft("t", "b")).unwrap();
    vault.lock().unwrap();
    let before = snapshot(dir.path());
    for wrong in [
        "wrong passphrase",
        "",
        " ",
        "correct horse battery stapl",
        "CORRECT HORSE BATTERY STAPLE",
    ] {
        assert!(
            matches!(
                Vault::unlock(dir.path(), Unlock::Passphrase(wrong)),
                Err(Error::WrongPassphrase)
            ),
            "{wrong:?}"
        );
    }
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey("0000-0000")),
        Err(Error::RecoveryKeyInvalid(_))
    ));
    assert_eq!(
        before,
        snapshot(dir.path()),
        "a failed unlock changed a file"
    );
}

#[test]
fn empty_and_short_passphrases_are_refused_at_create() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["", "   ", "short"] {
        assert!(matches!(
            Vault::create(dir.path(), bad, &fast()),
            Err(Error::PassphraseRejected(_))
        ));
    }
    assert!(!Vault::exists(dir.path()));
}

#[test]
fn a_ten_thousand_character_passphrase_works() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = "Ünïcødé and a long pass-sentence. "
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    let (v, _) = Vault::create(dir.path(), &long, &fast()).unwrap();
    v.lock().unwrap();
    Vault::unlock(dir.path(), Unlock::Passphrase(&long))
        .unwrap()
        .lock()
        .unwrap();
    let mut shorter = long.clone();
    shorter.pop();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase(&shorter)),
        Err(Error::WrongPassphrase)
    ));
}

#[test]
fn composed_and_decomposed_passphrases_open_the_same_vault() {
    let composed = "Se\u{f1}ora Mu\u{f1}oz caf\u{e9}";
    let decomposed = "Sen\u{303}ora Mun\u{303}oz cafe\u{301}";
    for (create_with, open_with) in [(composed, decomposed), (decomposed, composed)] {
        let dir = tempfile::tempdir().unwrap();
        let (v, _) = Vault::create(dir.path(), create_with, &fast()).unwrap();
        v.lock().unwrap();
        Vault::unlock(dir.path(), Unlock::Passphrase(open_with))
            .unwrap()
            .lock()
            .unwrap();
    }
}

#[test]
fn recovery_key_typos_are_refused_other_case_and_spacing_accepted() {
    let (dir, vault, key) = new_vault();
    vault.lock().unwrap();
    // A typo: one character changed to another valid one.
    let mut chars: Vec<char> = key.chars().collect();
    chars[10] = if chars[10] == 'A' { 'B' } else { 'A' };
    let typo: String = chars.into_iter().collect();
    match Vault::unlock(dir.path(), Unlock::RecoveryKey(&typo)) {
        Err(Error::RecoveryKeyInvalid(m)) => assert!(m.contains("typo"), "{m}"),
        other => panic!("{other:?}"),
    }
    // A character that cannot be in a key, and a missing group.
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&key.replacen('-', "-U", 1))),
        Err(Error::RecoveryKeyInvalid(_))
    ));
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&key[5..])),
        Err(Error::RecoveryKeyInvalid(_))
    ));
    // Lower case, spaces instead of hyphens, surrounding blanks: accepted.
    let messy = format!("  {}  ", key.to_lowercase().replace('-', " "));
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&messy))
        .unwrap()
        .lock()
        .unwrap();
    let squashed = key.replace('-', "");
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&squashed))
        .unwrap()
        .lock()
        .unwrap();
    // A valid key of another vault.
    let (_d2, v2, other_key) = new_vault();
    v2.lock().unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&other_key)),
        Err(Error::WrongRecoveryKey)
    ));
}

#[test]
fn change_passphrase_old_fails_new_works_recovery_still_works() {
    let (dir, mut vault, key) = new_vault();
    vault
        .journal_mut()
        .add(draft("kept", "still here"))
        .unwrap();
    assert!(matches!(
        vault.change_passphrase("not the passphrase", "a new passphrase"),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        vault.change_passphrase(PASS, "short"),
        Err(Error::PassphraseRejected(_))
    ));
    vault.change_passphrase(PASS, "a new passphrase").unwrap();
    vault.lock().unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase(PASS)),
        Err(Error::WrongPassphrase)
    ));
    let v = Vault::unlock(dir.path(), Unlock::Passphrase("a new passphrase")).unwrap();
    assert_eq!(v.journal().len(), 1);
    v.lock().unwrap();
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&key))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn a_new_recovery_key_replaces_the_old_one() {
    let (dir, mut vault, old_key) = new_vault();
    assert!(matches!(
        vault.new_recovery_key("not the passphrase"),
        Err(Error::WrongPassphrase)
    ));
    let new_key = vault
        .new_recovery_key(PASS)
        .unwrap()
        .to_display()
        .to_string();
    vault.lock().unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&old_key)),
        Err(Error::WrongRecoveryKey)
    ));
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&new_key))
        .unwrap()
        .lock()
        .unwrap();
}

/// Reads one record's stored columns.
fn row(dir: &std::path::Path, id: &str) -> (Vec<u8>, Vec<u8>) {
    raw_db(dir)
        .query_row(
            "SELECT k.wrapped_key, r.sealed FROM record r JOIN record_key k ON k.id = r.id
             WHERE r.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn set_row(dir: &std::path::Path, id: &str, wrapped: &[u8], sealed: &[u8]) {
    let db = raw_db(dir);
    let n = db
        .execute(
            "UPDATE record SET sealed = ?2 WHERE id = ?1",
            rusqlite::params![id, sealed],
        )
        .unwrap();
    assert_eq!(n, 1);
    let n = db
        .execute(
            "UPDATE record_key SET wrapped_key = ?2 WHERE id = ?1",
            rusqlite::params![id, wrapped],
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn every_flipped_byte_damages_only_its_own_record() {
    let (dir, mut vault, _) = new_vault();
    let a = vault.journal_mut().add(draft("A", "first")).unwrap();
    let b = vault
        .journal_mut()
        .add(draft("B", "second, the one we damage"))
        .unwrap();
    let c = vault.journal_mut().add(draft("C", "third")).unwrap();
    vault.lock().unwrap();
    let (wrapped, sealed) = row(dir.path(), &b.id);
    let cases = (0..sealed.len())
        .map(|i| (false, i))
        .chain((0..wrapped.len()).map(|i| (true, i)));
    for (in_key, i) in cases {
        let (mut w, mut s) = (wrapped.clone(), sealed.clone());
        if in_key {
            w[i] ^= 0x01
        } else {
            s[i] ^= 0x80
        }
        set_row(dir.path(), &b.id, &w, &s);
        let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
        let damaged: Vec<&str> = v.damaged().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(damaged, vec![b.id.as_str()], "byte {i} (key: {in_key})");
        assert!(v.journal().get(&a.id).is_some() && v.journal().get(&c.id).is_some());
        assert!(v.journal().get(&b.id).is_none());
        v.lock().unwrap();
    }
    set_row(dir.path(), &b.id, &wrapped, &sealed);
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(v.damaged().is_empty());
    assert_eq!(v.journal().get(&b.id).unwrap(), &b);
}

#[test]
fn blobs_swapped_between_records_or_vaults_do_not_open() {
    let (dir, mut vault, _) = new_vault();
    let a = vault.journal_mut().add(draft("A", "first")).unwrap();
    let b = vault.journal_mut().add(draft("B", "second")).unwrap();
    vault.lock().unwrap();
    let (wa, sa) = row(dir.path(), &a.id);
    let (wb, sb) = row(dir.path(), &b.id);
    // Whole rows swapped (key and content together): the AAD binds the record id.
    set_row(dir.path(), &a.id, &wb, &sb);
    set_row(dir.path(), &b.id, &wa, &sa);
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(v.damaged().len(), 2);
    assert!(v.journal().is_empty());
    v.lock().unwrap();
    // Only the content swapped: each record's own key does not open the other's content.
    set_row(dir.path(), &a.id, &wa, &sb);
    set_row(dir.path(), &b.id, &wb, &sa);
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(v.damaged().len(), 2);
    v.lock().unwrap();
    set_row(dir.path(), &a.id, &wa, &sa);
    set_row(dir.path(), &b.id, &wb, &sb);

    // A record copied into another vault under the same id, and under the same passphrase.
    let (dir2, v2, _) = new_vault();
    v2.lock().unwrap();
    let db2 = raw_db(dir2.path());
    db2.execute(
        "INSERT INTO record (id, kind, schema, sealed) VALUES (?1, 'reflection', 1, ?2)",
        rusqlite::params![a.id, sa],
    )
    .unwrap();
    db2.execute(
        "INSERT INTO record_key (id, wrapped_key) VALUES (?1, ?2)",
        rusqlite::params![a.id, wa],
    )
    .unwrap();
    drop(db2);
    let v2 = Vault::unlock(dir2.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(v2.damaged().len(), 1);
    assert!(v2.journal().is_empty());
    // A record relabelled as another kind does not open either.
    raw_db(dir.path())
        .execute("UPDATE record SET kind = 'note' WHERE id = ?1", [&a.id])
        .unwrap();
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(v.journal().get(&a.id).is_none());
    assert_eq!(v.damaged().len(), 1);
}

#[test]
fn absurd_kdf_parameters_are_refused_before_any_work() {
    for (column, value) in [
        ("kdf_memory_kib", 1i64 << 40),
        ("kdf_memory_kib", 64 * 1024 * 1024),
        ("kdf_memory_kib", 0),
        ("kdf_memory_kib", -1),
        ("kdf_iterations", 4_000_000_000),
        ("kdf_iterations", 0),
        ("kdf_parallelism", 0),
        ("kdf_parallelism", 1 << 24),
    ] {
        let (dir, vault, _) = new_vault();
        vault.lock().unwrap();
        raw_db(dir.path())
            .execute(
                &format!("UPDATE key_slot SET {column} = ?1 WHERE kind = 'passphrase'"),
                [value],
            )
            .unwrap();
        let before = snapshot(dir.path());
        match Vault::unlock(dir.path(), Unlock::Passphrase(PASS)) {
            Err(Error::KdfParamsOutOfBounds(m)) => assert!(!m.is_empty()),
            other => panic!("{column}={value}: {other:?}"),
        }
        assert_eq!(before, snapshot(dir.path()));
    }
}

#[test]
fn a_vault_from_a_newer_version_is_refused_and_untouched() {
    let (dir, vault, _) = new_vault();
    vault.lock().unwrap();
    raw_db(dir.path())
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = snapshot(dir.path());
    match Vault::unlock(dir.path(), Unlock::Passphrase(PASS)) {
        Err(e @ Error::VaultTooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("newer version"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
fn missing_garbage_and_existing_vaults_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase(PASS)),
        Err(Error::VaultNotFound(_))
    ));
    std::fs::write(
        Vault::db_path(dir.path()),
        b"this is not a database at all, just some text",
    )
    .unwrap();
    let before = snapshot(dir.path());
    let err = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap_err();
    assert!(matches!(err, Error::VaultDamaged(_)), "{err:?}");
    assert_eq!(before, snapshot(dir.path()));
    assert!(matches!(
        Vault::create(dir.path(), PASS, &fast()),
        Err(Error::VaultExists(_))
    ));
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
fn canary_no_file_in_the_vault_holds_plaintext() {
    let (dir, mut vault, _) = new_vault();
    let marker = "CANARY-7f3a9c-Lucía-Ørsted";
    let folded_marker = "canary 7f3a9c lucia";
    let mut d = draft(&format!("title {marker}"), &format!("body {marker}"));
    d.family = format!("family {marker}");
    d.tags = vec![format!("tag-{marker}")];
    let kept = vault.journal_mut().add(d.clone()).unwrap();
    let edited = vault.journal_mut().add(d.clone()).unwrap();
    let deleted = vault.journal_mut().add(d.clone()).unwrap();
    let mut changed = d.clone();
    changed.self_ = format!("edited {marker}");
    vault.journal_mut().update(&edited.id, changed).unwrap();
    vault.delete_reflection(&deleted.id).unwrap();
    vault
        .save_settings(attune_core::Settings {
            auto_lock_minutes: 5,
            names_to_avoid: vec![format!("name {marker}")],
            rule_set: None,
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        })
        .unwrap();
    let check = |when: &str| {
        for (path, bytes) in snapshot(dir.path()) {
            for needle in [marker.as_bytes(), folded_marker.as_bytes(), b"7f3a9c"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{when}: {} contains plaintext",
                    path.display()
                );
            }
        }
    };
    check("while unlocked");
    vault.lock().unwrap();
    check("after lock");
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(v
        .journal()
        .get(&kept.id)
        .unwrap()
        .content
        .title
        .contains(marker));
    assert!(v.settings().names_to_avoid[0].contains(marker));
}

#[test]
fn settings_are_sealed_validated_and_kept() {
    let (dir, mut vault, _) = new_vault();
    assert_eq!(vault.settings(), &attune_core::Settings::default());
    let bad = attune_core::Settings {
        auto_lock_minutes: 0,
        names_to_avoid: Vec::new(),
        rule_set: None,
        provides_rsc: false,
        association: None,
        endorsement_category: None,
        endorsed_on: None,
        backup_folder: None,
    };
    let err = vault.save_settings(bad).unwrap_err();
    assert_eq!(err.code(), attune_core::ErrorCode::InvalidInput);
    let saved = vault
        .save_settings(attune_core::Settings {
            auto_lock_minutes: 3,
            names_to_avoid: vec!["Lucía Pérez".into(), " ".into()],
            rule_set: Some("renewal/annual".into()),
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        })
        .unwrap()
        .clone();
    assert_eq!(saved.names_to_avoid, ["Lucía Pérez"]);
    assert_eq!(saved.rule_set.as_deref(), Some("renewal/annual"));
    vault.lock().unwrap();
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(v.settings(), &saved);
    assert!(v.damaged().is_empty());
}

#[test]
fn lock_truncates_the_wal() {
    let (dir, mut vault, _) = new_vault();
    for i in 0..20 {
        vault
            .journal_mut()
            .add(draft(&format!("t{i}"), "body"))
            .unwrap();
    }
    vault.lock().unwrap();
    let wal = std::path::PathBuf::from(format!("{}-wal", Vault::db_path(dir.path()).display()));
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn one_process_at_a_time_and_the_lock_goes_with_the_vault() {
    let (dir, vault, _) = new_vault();
    // Open elsewhere (the CLI while the app has it, say): refused with a clear message.
    match Vault::unlock(dir.path(), Unlock::Passphrase(PASS)) {
        Err(e @ Error::VaultInUse(_)) => assert!(e.to_string().contains("open in another")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        Vault::create(dir.path(), PASS, &fast()),
        Err(Error::VaultExists(_))
    ));
    vault.lock().unwrap();
    let again = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    // Dropping without lock() (a crash, a closed window) releases it too.
    drop(again);
    Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
}
