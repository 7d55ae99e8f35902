//! The app's commands through Tauri's real IPC path (argument decoding, the access-control
//! list from `capabilities/main.json`, JSON results and errors), on the mock runtime: no
//! display needed, milliseconds per call apart from key derivation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod concerns;
mod deletes;
mod desk;
mod hours;
mod idle;
mod journal;
mod keys;
mod opener;
mod portfolio;
mod provided;
mod providers;
mod renewal;
mod sharing;
mod sync;
mod vault;

use std::path::Path;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

const PASSPHRASE: &str = "quiet kettle, blue door";

fn app(dir: &Path) -> App<MockRuntime> {
    attune_desktop::gui::with_commands(mock_builder(), dir.to_path_buf(), dir.join("config"))
        .build(attune_desktop::gui::context())
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

/// Creates the vault through IPC as the UI does (at the real key-derivation cost); returns
/// the recovery key.
fn created(main: &WebviewWindow<MockRuntime>) -> String {
    let created = invoke(
        main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE}}),
    )
    .unwrap();
    created["recovery_key"].as_str().unwrap().to_owned()
}

/// A session as the window's form sends it.
fn session(date: &str, minutes: i64, format: &str, provider: &str) -> Value {
    json!({
        "date": date, "minutes": minutes, "format": format, "modality": "virtual",
        "provider": provider, "credential": "imhm-c", "about_rsc_provided": false,
        "note": "", "reflections": []
    })
}
