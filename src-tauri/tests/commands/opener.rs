//! Opening files and pages: the window may name only a file this running app saved, or a
//! rule set (whose page the app looks up itself); anything else is refused with a typed
//! error before any program is started. The opener plugin's own commands are not the
//! window's to call.

use super::*;

fn refused(result: Result<Value, Value>) -> (String, String) {
    let error = result.expect_err("the command should have refused");
    (
        error["code"].as_str().unwrap_or_default().to_owned(),
        error["field"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn a_file_the_app_did_not_write_is_neither_opened_nor_shown() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    // A real file, but not one this app saved; a program; a URL; another spelling.
    let theirs = dir.path().join("summary.pdf");
    std::fs::write(&theirs, b"%PDF-1.7").unwrap();
    for path in [
        theirs.display().to_string(),
        "/bin/sh".to_owned(),
        "https://example.org/".to_owned(),
        format!("file://{}", theirs.display()),
        String::new(),
    ] {
        for command in ["open_saved_file", "show_saved_file"] {
            assert_eq!(
                refused(invoke(&main, command, json!({ "path": path }))),
                ("invalid_input".to_owned(), "path".to_owned()),
                "{command} {path:?}"
            );
        }
    }
}

#[test]
fn a_rule_source_is_opened_by_rule_set_never_by_url() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    for id in ["https://example.org/", "imh-e/no-such-category", ""] {
        let (code, field) = refused(invoke(
            &main,
            "open_rule_source",
            json!({ "ruleSetId": id }),
        ));
        assert_eq!(code, "invalid_input", "{id:?}");
        assert_eq!(field, "rules", "{id:?}");
    }
}

#[test]
fn the_window_cannot_call_the_opener_plugin_itself() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    for (command, args) in [
        (
            "plugin:opener|open_url",
            json!({ "url": "https://example.org/" }),
        ),
        ("plugin:opener|open_path", json!({ "path": "/bin/sh" })),
        (
            "plugin:opener|reveal_item_in_dir",
            json!({ "paths": ["/etc/passwd"] }),
        ),
    ] {
        assert!(invoke(&main, command, args).is_err(), "{command}");
    }
}
