//! The window's size is remembered between runs (the window-state plugin), and only that:
//! the file it keeps holds the window's geometry, nothing the window showed.

use attune_e2e::built::{desktop_app, quick_vault};
use attune_e2e::driver::{Stage, ONE_AT_A_TIME};
use attune_e2e::page::{heading, unlock_with};
use attune_e2e::process::{app_on, close_window_until_ended};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "a window left ajar";

#[tokio::test(flavor = "current_thread")]
async fn the_window_size_is_remembered_and_nothing_else() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    quick_vault(&vault, PASSPHRASE).lock().unwrap();
    let app = desktop_app();
    // The same home (and so the same config folder) for both runs.
    let run = tmp.path().join("run");

    let stage = Stage::start(&run);
    let driver = stage.launch(&vault, &app).await;
    let first = async {
        heading(&driver, "Welcome back").await?;
        let before = driver.get_window_rect().await?;
        assert_eq!(
            (before.width, before.height),
            (1000, 720),
            "the configured size"
        );
        unlock_with(&driver, PASSPHRASE).await?;
        driver.set_window_rect(0, 0, 880, 640).await?;
        let after = driver.get_window_rect().await?;
        assert_eq!((after.width, after.height), (880, 640));
        WebDriverResult::Ok(())
    }
    .await;
    first.expect("the first run failed");
    // Closed the way a person closes it (the window manager's close), so the app exits
    // through its own close path, where the state is written.
    let pid = app_on(&vault);
    close_window_until_ended(&stage.display, pid);
    let _ = driver.quit().await;
    drop(stage);

    let kept = std::fs::read_to_string(run.join("home/config/org.attune.app/.window-state.json"))
        .expect("the window state is kept in the app's config folder");
    let state: serde_json::Value = serde_json::from_str(&kept).unwrap();
    let main = &state["main"];
    assert_eq!(
        (main["width"].as_u64(), main["height"].as_u64()),
        (Some(880), Some(640)),
        "{kept}"
    );
    for key in state["main"].as_object().unwrap().keys() {
        assert!(
            [
                "width",
                "height",
                "x",
                "y",
                "prev_x",
                "prev_y",
                "maximized",
                "visible",
                "decorated",
                "fullscreen"
            ]
            .contains(&key.as_str()),
            "only geometry is kept: {key} in {kept}"
        );
    }

    let stage = Stage::start(&run);
    let driver = stage.launch(&vault, &app).await;
    let second = async {
        heading(&driver, "Welcome back").await?;
        let rect = driver.get_window_rect().await?;
        assert_eq!((rect.width, rect.height), (880, 640), "remembered");
        WebDriverResult::Ok(())
    }
    .await;
    let quit = driver.quit().await;
    second.expect("the second run failed");
    quit.unwrap();
}
