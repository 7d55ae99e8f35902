//! The app's commands through Tauri's real IPC path (argument decoding, the access-control
//! list from `capabilities/main.json`, JSON results and errors), on the mock runtime: no
//! display needed, milliseconds per call apart from key derivation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

const PASSPHRASE: &str = "quiet kettle, blue door";

fn app(dir: &Path) -> App<MockRuntime> {
    attune_app::gui::with_commands(mock_builder(), dir.to_path_buf())
        .build(attune_app::gui::context())
        .unwrap()
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    match app.get_webview_window(label) {
        Some(w) => w,
        None => WebviewWindowBuilder::new(app, label, Default::default())
            .build()
            .unwrap(),
    }
}

/// Invokes `cmd` as the UI does, returning the command's JSON result or error.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn code(result: Result<Value, Value>) -> String {
    let error = result.expect_err("the command should have failed");
    error["code"].as_str().unwrap_or_default().to_owned()
}

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
    assert_eq!(opened, json!({"reflections": 0, "damaged": 0}));
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
    assert_eq!(by_key, json!({"reflections": 0, "damaged": 0}));
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
    assert_eq!(again, json!({"reflections": 0, "damaged": 0}));
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
