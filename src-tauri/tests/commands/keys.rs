//! The vault's ways in: a new recovery key needs the passphrase (a wrong one is marked on its
//! field and changes nothing), a passphrase change says whether the vault key rotated, and
//! the key dates are readable while locked.

use serde_json::json;

use crate::{app, code, created, invoke, window, PASSPHRASE};

#[test]
fn a_new_recovery_key_needs_the_current_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");
    let first_key = created(&main);

    // No passphrase at all is refused while decoding the arguments.
    let error = invoke(&main, "new_recovery_key", json!({})).unwrap_err();
    assert!(error.to_string().contains("request"), "{error}");

    // A wrong one: wrong_passphrase, marked on the dialog's field, and nothing changes.
    let error = invoke(
        &main,
        "new_recovery_key",
        json!({"request": {"passphrase": "not the passphrase"}}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "wrong_passphrase", "{error}");
    assert_eq!(error["field"], "passphrase", "{error}");
    invoke(&main, "lock_vault", json!({})).unwrap();
    let by_key = |key: &str| {
        invoke(
            &main,
            "unlock_vault",
            json!({"request": {"secret": key, "method": "recovery_key"}}),
        )
    };
    by_key(&first_key).expect("the paper key still works after a refused attempt");

    let second_key = invoke(
        &main,
        "new_recovery_key",
        json!({"request": {"passphrase": PASSPHRASE}}),
    )
    .unwrap()["recovery_key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(first_key, second_key);
    invoke(&main, "lock_vault", json!({})).unwrap();
    assert_eq!(code(by_key(&first_key)), "wrong_recovery_key");
    by_key(&second_key).unwrap();
}

#[test]
fn a_passphrase_change_says_whether_the_vault_key_rotated() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    created(&main);
    let error = invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": "not it at all", "new": "a brand new passphrase"}}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "wrong_passphrase", "{error}");
    assert_eq!(error["field"], "old", "{error}");
    let change = invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": PASSPHRASE, "new": "a brand new passphrase"}}),
    )
    .unwrap();
    assert!(
        change["vault_key_rotated"].is_boolean(),
        "the page is told whether to suggest a new recovery key: {change}"
    );
}

#[test]
fn key_dates_are_read_while_locked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");
    // No vault yet: nothing to say.
    assert_eq!(
        invoke(&main, "key_dates", json!({})).unwrap(),
        json!({"passphrase_set_at": null, "recovery_key_made_at": null})
    );
    created(&main);
    invoke(&main, "lock_vault", json!({})).unwrap();
    let dates = invoke(&main, "key_dates", json!({})).unwrap();
    assert_eq!(
        attune_core::Vault::key_dates(&dir)
            .map(|d| serde_json::to_value(d).unwrap())
            .unwrap(),
        dates,
        "the window shows what core records"
    );
    for field in ["passphrase_set_at", "recovery_key_made_at"] {
        let value = &dates[field];
        assert!(
            value.is_null()
                || value
                    .as_str()
                    .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
            "{field}: {value}"
        );
    }
}

#[test]
fn after_a_recovery_key_unlock_the_key_sets_a_new_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");
    let key = created(&main);
    invoke(&main, "lock_vault", json!({})).unwrap();
    invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": key, "method": "recovery_key"}}),
    )
    .unwrap();
    let reset = |recovery_key: &str, new: &str| {
        invoke(
            &main,
            "reset_passphrase",
            json!({"request": {"recovery_key": recovery_key, "new": new}}),
        )
    };
    // Each refusal is marked on the field at fault, for the form.
    let error = reset("not a recovery key", "a brand new passphrase").unwrap_err();
    assert_eq!(error["field"], "recovery_key", "{error}");
    let error = reset(&key, "short").unwrap_err();
    assert_eq!(error["code"], "passphrase_rejected", "{error}");
    assert_eq!(error["field"], "new", "{error}");

    let change = reset(&key, "a brand new passphrase").unwrap();
    assert_eq!(change["vault_key_rotated"], true, "{change}");
    invoke(&main, "lock_vault", json!({})).unwrap();
    let by_passphrase = |secret: &str| {
        invoke(
            &main,
            "unlock_vault",
            json!({"request": {"secret": secret, "method": "passphrase"}}),
        )
    };
    assert_eq!(code(by_passphrase(PASSPHRASE)), "wrong_passphrase");
    by_passphrase("a brand new passphrase").unwrap();
}

#[test]
fn about_names_the_version_the_journal_the_logs_and_the_licence() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");
    // Available while locked, and with no vault yet.
    let about = invoke(&main, "about", json!({})).unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"), "{about}");
    assert_eq!(about["vault_dir"], dir.display().to_string(), "{about}");
    assert_eq!(about["license"], "AGPL-3.0-or-later", "{about}");
    let logs = about["log_dir"].as_str().unwrap_or_default();
    assert!(logs.ends_with("logs"), "{about}");
    use tauri::Manager;
    assert_eq!(
        logs,
        app.path().app_log_dir().unwrap().display().to_string(),
        "where logging starts"
    );
}
