//! Checkboxes and radios grow with the text size and are never under 20 px, in the light
//! theme at normal text and in the dark theme at the largest; in the dark theme an
//! unselected radio is plainly empty (GTK's own was a light disc that read as chosen).

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{session, ONE_AT_A_TIME};
use attune_e2e::page::{heading, shoot, shown, unlock_with};
use attune_e2e::screen::{contrast, painted, Painted, Rect};
use thirtyfour::prelude::*;

use super::{appearance, settled, vault_with_everything, PASSPHRASE};

#[tokio::test(flavor = "current_thread")]
async fn checkboxes_and_radios_grow_with_the_text() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    vault_with_everything(&vault, &tmp.path().join("supervisor"));
    let (_xvfb, _driver_process, driver) = session(tmp.path(), &vault, &desktop_app()).await;
    let result = controls_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the controls flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn controls_flow(driver: &WebDriver) -> WebDriverResult<()> {
    unlock_with(driver, PASSPHRASE).await?;
    for (theme, size) in [("light", "normal"), ("dark", "larger")] {
        appearance(driver, theme, size).await?;
        controls_grow_with_the_text(driver, &format!("{theme}-{size}")).await?;
    }
    unselected_radios_look_unselected(driver).await
}

/// Checkboxes and radios in view are at least 20 px, and grow with the text (1.25 times
/// the text size).
async fn controls_grow_with_the_text(driver: &WebDriver, look: &str) -> WebDriverResult<()> {
    for (nav, title) in [
        ("nav-settings", "Settings"),
        ("nav-hours", "Supervision hours"),
    ] {
        shown(driver, nav).await?.click().await?;
        heading(driver, title).await?;
        let sizes = driver
            .execute(
                "const root = parseFloat(getComputedStyle(document.documentElement).fontSize);\
                 const all = [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]\
                   .filter((e) => e.getClientRects().length > 0);\
                 return [root, all.map((e) => { const r = e.getBoundingClientRect();\
                   return [e.name || e.id, r.width, r.height]; })];",
                Vec::new(),
            )
            .await?;
        let root = sizes.json()[0].as_f64().unwrap();
        let controls = sizes.json()[1].as_array().unwrap();
        assert!(!controls.is_empty(), "no checkbox or radio on {title}");
        let least = (1.25 * root).max(20.0) - 0.5;
        for c in controls {
            let (w, h) = (c[1].as_f64().unwrap(), c[2].as_f64().unwrap());
            assert!(
                w >= least && h >= least,
                "{} on {title} is {w}×{h} px at {root} px text (at least {least})",
                c[0]
            );
        }
    }
    // A ticked checkbox, to be seen (the Hours form's; ticking it alone saves nothing).
    let tick = "const box = document.querySelector('form input[type=checkbox]');\
                box.click(); box.scrollIntoView({ block: 'center' }); return box.checked;";
    let ticked = driver.execute(tick, Vec::new()).await?;
    assert_eq!(ticked.json(), &serde_json::json!(true));
    settled(driver).await?;
    shoot(driver, &format!("layout-checkbox-{look}")).await?;
    driver.execute(tick, Vec::new()).await?;
    Ok(())
}

/// In the dark theme, the middle of an unselected radio is the colour around it, and the
/// middle of the selected one is not.
async fn unselected_radios_look_unselected(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    let found = driver
        .execute(
            "document.activeElement?.blur?.();\
             return [...document.querySelectorAll('input[name=theme]')].map((e) => {\
               const r = e.getBoundingClientRect();\
               const middle = { x: r.x + r.width / 2 - 2, y: r.y + r.height / 2 - 2, width: 4, height: 4 };\
               const beside = { x: r.x - 6, y: r.y + r.height / 2 - 2, width: 4, height: 4 };\
               return [e.value, e.checked, middle, beside];\
             });",
            Vec::new(),
        )
        .await?;
    let radios = found.json().as_array().unwrap().clone();
    let rects: Vec<Rect> = radios
        .iter()
        .flat_map(|r| [Rect::from_json(&r[2]), Rect::from_json(&r[3])])
        .collect();
    let pixels = painted(driver, "layout-radios-dark", &rects).await?;
    let average = |p: &Painted| {
        let p = &p.pixels;
        let n = p.len().max(1) as u32;
        let sum = p.iter().fold([0u32; 3], |s, c| {
            [
                s[0] + u32::from(c[0]),
                s[1] + u32::from(c[1]),
                s[2] + u32::from(c[2]),
            ]
        });
        [(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]
    };
    for (i, radio) in radios.iter().enumerate() {
        let middle = average(&pixels[2 * i]);
        let beside = average(&pixels[2 * i + 1]);
        let ratio = contrast(middle, beside);
        if radio[1] == serde_json::json!(true) {
            assert!(
                ratio >= 3.0,
                "the selected radio {} is not marked: {middle:?} in the middle, {beside:?} around",
                radio[0]
            );
        } else {
            assert!(
                ratio < 1.5,
                "the unselected radio {} looks filled: {middle:?} in the middle, {beside:?} around",
                radio[0]
            );
        }
    }
    Ok(())
}
