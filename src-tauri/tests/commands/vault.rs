//! Creating, locking and unlocking a vault; which windows may call; malformed arguments;
//! settings, the passphrase, the recovery key and the appearance; the first screen's report.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, window, PASSPHRASE};

#[test]
fn a_vault_is_created_locked_and_unlocked_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");

    let status = invoke(&main, "vault_status", json!({})).unwrap();
    assert_eq!(
        status,
        json!({"exists": false, "unlocked": false, "path": dir.display().to_string()})
    );

    // Too short a passphrase is refused with its own code, and nothing is created.
    let refused = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": "short"}}),
    );
    assert_eq!(code(refused), "passphrase_rejected");
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["exists"],
        false
    );

    let created = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE, "name": "Robin"}}),
    )
    .unwrap();
    let recovery_key = created["recovery_key"].as_str().unwrap().to_owned();
    let groups: Vec<&str> = recovery_key.split('-').collect();
    assert_eq!(groups.len(), 14);
    assert!(groups.iter().all(|g| g.len() == 4));
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap(),
        json!({"exists": true, "unlocked": true, "path": dir.display().to_string()})
    );

    let again = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE}}),
    );
    assert_eq!(code(again), "vault_exists");

    assert_eq!(invoke(&main, "lock_vault", json!({})).unwrap(), Value::Null);
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        false
    );
    // Locking a locked vault is fine.
    assert_eq!(invoke(&main, "lock_vault", json!({})).unwrap(), Value::Null);

    let wrong = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": "not the passphrase", "method": "passphrase"}}),
    );
    let error = wrong.unwrap_err();
    assert_eq!(error["code"], "wrong_passphrase");
    assert!(error["message"].as_str().unwrap().contains("passphrase"));
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        false
    );

    let opened = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    assert_eq!(
        opened,
        json!({"reflections": 0, "damaged": 0, "role": "practitioner", "supervises": false})
    );
    invoke(&main, "lock_vault", json!({})).unwrap();

    let typo = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": "ABCD-EFGH", "method": "recovery_key"}}),
    );
    assert_eq!(code(typo), "recovery_key_invalid");

    let by_key = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": recovery_key.to_lowercase(), "method": "recovery_key"}}),
    )
    .unwrap();
    assert_eq!(
        by_key,
        json!({"reflections": 0, "damaged": 0, "role": "practitioner", "supervises": false})
    );
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        true
    );

    // While the window has it open, nobody else may open it (the CLI, say) ...
    let elsewhere = attune_core::Vault::unlock(&dir, attune_core::Unlock::Passphrase(PASSPHRASE));
    assert!(matches!(elsewhere, Err(attune_core::Error::VaultInUse(_))));
    // ... but the window itself may unlock again: the open vault is replaced.
    let again = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    assert_eq!(
        again,
        json!({"reflections": 0, "damaged": 0, "role": "practitioner", "supervises": false})
    );
}

#[test]
fn only_the_main_window_may_call_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let other = window(&app, "other");
    let refused = invoke(&other, "vault_status", json!({}));
    let error = refused.expect_err("a window outside the capability called a command");
    assert!(error.to_string().contains("not allowed"), "{error}");
    let main = window(&app, "main");
    assert!(invoke(&main, "vault_status", json!({})).is_ok());
}

#[test]
fn malformed_arguments_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    let refused = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "fingerprint"}}),
    );
    let error = refused.unwrap_err();
    assert!(error.to_string().contains("unknown variant"), "{error}");
}

#[test]
fn settings_passphrase_recovery_key_and_appearance_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    let first_key = created(&main);

    assert_eq!(
        invoke(&main, "get_settings", json!({})).unwrap(),
        json!({"auto_lock_minutes": 10, "names_to_avoid": [], "rule_set": null, "provides_rsc": false, "association": null, "endorsement_category": null, "endorsed_on": null, "backup_folder": null})
    );
    let saved = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 3, "names_to_avoid": [" Lucía ", ""]}}),
    )
    .unwrap();
    assert_eq!(
        saved,
        json!({"auto_lock_minutes": 3, "names_to_avoid": ["Lucía"], "rule_set": null, "provides_rsc": false, "association": null, "endorsement_category": null, "endorsed_on": null, "backup_folder": null})
    );
    let refused = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 0, "names_to_avoid": []}}),
    );
    assert_eq!(code(refused), "invalid_input");
    assert_eq!(invoke(&main, "get_settings", json!({})).unwrap(), saved);

    let wrong_old = invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": "not it at all", "new": "a brand new passphrase"}}),
    );
    assert_eq!(code(wrong_old), "wrong_passphrase");
    invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": PASSPHRASE, "new": "a brand new passphrase"}}),
    )
    .unwrap();
    let second_key = invoke(
        &main,
        "new_recovery_key",
        json!({"request": {"passphrase": "a brand new passphrase"}}),
    )
    .unwrap()["recovery_key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(first_key, second_key);

    invoke(&main, "lock_vault", json!({})).unwrap();
    let unlock = |secret: &str, method: &str| {
        invoke(
            &main,
            "unlock_vault",
            json!({"request": {"secret": secret, "method": method}}),
        )
    };
    assert_eq!(code(unlock(PASSPHRASE, "passphrase")), "wrong_passphrase");
    assert_eq!(
        code(unlock(&first_key, "recovery_key")),
        "wrong_recovery_key"
    );
    unlock(&second_key, "recovery_key").unwrap();
    invoke(&main, "lock_vault", json!({})).unwrap();
    unlock("a brand new passphrase", "passphrase").unwrap();
    assert_eq!(invoke(&main, "get_settings", json!({})).unwrap(), saved);

    // Appearance works while locked and survives a restart of the app.
    invoke(&main, "lock_vault", json!({})).unwrap();
    assert_eq!(
        invoke(&main, "get_appearance", json!({})).unwrap(),
        json!({"theme": "system", "text_size": "normal"})
    );
    let dark = json!({"theme": "dark", "text_size": "large"});
    invoke(&main, "set_appearance", json!({"appearance": dark})).unwrap();
    drop(main);
    drop(app);
    let app = self::app(tmp.path());
    let main = window(&app, "main");
    assert_eq!(invoke(&main, "get_appearance", json!({})).unwrap(), dark);
}

#[test]
fn the_first_screen_is_reported_with_times_only() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let report = |at: Value, after: Value| {
        invoke(
            &main,
            "first_screen_painted",
            json!({"paintedAtMs": at, "afterNavigationMs": after}),
        )
    };
    // Allowed while locked: it is the first thing the page says.
    report(json!(1_795_000_000_123.5), json!(140.25)).unwrap();
    for (at, after, field) in [
        (json!(-1.0), json!(140.0), "painted_at_ms"),
        (
            json!(1_795_000_000_000.0),
            json!(-0.5),
            "after_navigation_ms",
        ),
    ] {
        let error = report(at, after).unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert!(
            error["message"].as_str().unwrap().contains(field),
            "the message names {field}: {error}"
        );
    }
    // Not numbers at all: refused when decoding, naming the argument.
    let error = report(json!("soon"), json!(1.0)).unwrap_err();
    assert!(error.to_string().contains("paintedAtMs"), "{error}");
}

/// The role chosen when the journal is created is the one on the card others see; without
/// one, a practitioner's.
#[test]
fn the_role_chosen_at_creation_is_on_the_card() {
    for (request, role) in [
        (
            json!({"passphrase": PASSPHRASE, "role": "supervisor"}),
            "supervisor",
        ),
        (json!({"passphrase": PASSPHRASE}), "practitioner"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let app = app(&tmp.path().join("vault"));
        let main = window(&app, "main");
        invoke(&main, "create_vault", json!({ "request": request })).unwrap();
        let me = invoke(&main, "my_identity", json!({})).unwrap();
        assert_eq!(me["role"], role, "{me}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let refused = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE, "role": "mentor"}}),
    );
    assert!(refused.is_err(), "an unknown role is refused");
}
