//! Dates, one way: every date field is the app's own (a text field that takes the day typed
//! digit by digit in the locale's order, with the separators filled in, and a calendar of
//! its own), every day in the window is written the way the field writes it, a session dated
//! in the future asks before it is logged (and is marked as planned), and an empty date filter
//! is an empty field. The locale is the system's (WebKit's `navigator.language`); these tests
//! load the page with `?locale=` to show each order.
//!
//! One file per story: [`typing`], [`planned`], [`empty`]; what they share is here.

mod empty;
mod planned;
mod typing;

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{current_display, session, Process, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, heading, retype, shoot, shown, text_of, unlock_with, until, until_text, xdotool,
};
use chrono::{Datelike, Days, Local, NaiveDate};
use thirtyfour::prelude::*;

pub(super) const PASSPHRASE: &str = "the ferry leaves at first light";

/// A day written the way a locale's date field writes it.
#[derive(Clone, Copy)]
pub(super) enum Order {
    /// en-US: MM/DD/YYYY.
    MonthDayYear,
    /// en-GB: DD/MM/YYYY.
    DayMonthYear,
    /// sv-SE: YYYY-MM-DD.
    YearMonthDay,
}

impl Order {
    fn locale(self) -> &'static str {
        match self {
            Order::MonthDayYear => "en-US",
            Order::DayMonthYear => "en-GB",
            Order::YearMonthDay => "sv-SE",
        }
    }

    fn parts(self, day: NaiveDate) -> [String; 3] {
        let (y, m, d) = (
            format!("{:04}", day.year()),
            format!("{:02}", day.month()),
            format!("{:02}", day.day()),
        );
        match self {
            Order::MonthDayYear => [m, d, y],
            Order::DayMonthYear => [d, m, y],
            Order::YearMonthDay => [y, m, d],
        }
    }

    fn separator(self) -> &'static str {
        match self {
            Order::YearMonthDay => "-",
            _ => "/",
        }
    }

    fn written(self, day: NaiveDate) -> String {
        self.parts(day).join(self.separator())
    }

    /// The digits a person types, one key each.
    fn digits(self, day: NaiveDate) -> String {
        self.parts(day).concat()
    }

    /// What the field shows after the first `n` digits: each finished part is followed by
    /// its separator at once.
    fn shown_after(self, day: NaiveDate, n: usize) -> String {
        let mut out = String::new();
        let mut left = n;
        let parts = self.parts(day);
        for (i, part) in parts.iter().enumerate() {
            let take = left.min(part.len());
            out.push_str(&part[..take]);
            left -= take;
            if take < part.len() {
                break;
            }
            if i < 2 {
                out.push_str(self.separator());
            }
        }
        out
    }
}

pub(super) fn vault_in(tmp: &std::path::Path) -> std::path::PathBuf {
    let vault = tmp.join("vault");
    let options = attune_core::CreateOptions {
        name: Some("Robin Ahmadi".into()),
        kdf: attune_core::KdfParams::MINIMUM,
        ..Default::default()
    };
    let (created, _) = attune_core::Vault::create(&vault, PASSPHRASE, &options).unwrap();
    created.lock().unwrap();
    vault
}

/// Loads the page again in `locale` (as if the system's language were that), then unlocks.
pub(super) async fn unlock_in(driver: &WebDriver, order: Order) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    driver
        .execute(
            "window.beforeReload = true;\
             location.replace(location.pathname + '?locale=' + arguments[0]);",
            vec![serde_json::json!(order.locale())],
        )
        .await?;
    until(
        driver,
        "the page loaded again",
        "!window.beforeReload && document.getElementById('secret') !== null",
    )
    .await?;
    unlock_with(driver, PASSPHRASE).await
}

/// Fails if any date field in the page is WebKit's own (`<input type="date">`, whose pop-up
/// offers every day and ignores the field's order).
pub(super) async fn no_native_date_fields(driver: &WebDriver, screen: &str) -> WebDriverResult<()> {
    let native = driver
        .execute(
            "return [...document.querySelectorAll('input')]\
               .filter((e) => ['date', 'datetime-local', 'month', 'week'].includes(e.type))\
               .map((e) => e.id || e.outerHTML);",
            Vec::new(),
        )
        .await?;
    assert_eq!(
        native.json(),
        &serde_json::json!([]),
        "WebKit's own date fields on the {screen} screen"
    );
    Ok(())
}

/// Clicks a date field and types `day` into it one digit at a time, checking what it shows
/// after each key.
pub(super) async fn type_day(
    driver: &WebDriver,
    id: &str,
    order: Order,
    day: NaiveDate,
) -> WebDriverResult<()> {
    let field = shown(driver, id).await?;
    field.click().await?;
    // A click puts the caret in the field; nothing else opens.
    until(
        driver,
        "the caret in the date field",
        &format!("document.activeElement?.id === '{id}'"),
    )
    .await?;
    assert_eq!(
        field.attr("type").await?.as_deref(),
        Some("text"),
        "#{id} is not a text field"
    );
    no_native_date_fields(driver, id).await?;
    // Clear it as a person would: select all, delete.
    field.send_keys(Key::Control + "a").await?;
    field.send_keys(Key::Backspace).await?;
    assert_eq!(field.value().await?.as_deref(), Some(""));
    for (i, digit) in order.digits(day).chars().enumerate() {
        field.send_keys(digit.to_string()).await?;
        assert_eq!(
            field.value().await?.unwrap_or_default(),
            order.shown_after(day, i + 1),
            "#{id} after {} digits of {day}",
            i + 1
        );
    }
    assert_eq!(
        field.attr("data-value").await?,
        Some(day.to_string()),
        "#{id} did not take {day}"
    );
    Ok(())
}

pub(super) async fn start(tmp: &std::path::Path) -> (Process, Process, WebDriver) {
    let vault = vault_in(tmp);
    session(tmp, &vault, &desktop_app()).await
}

pub(super) async fn lock(driver: &WebDriver) -> WebDriverResult<()> {
    driver
        .active_element()
        .await?
        .send_keys(Key::Control + "l")
        .await?;
    heading(driver, "Welcome back").await
}

/// How many colours the content box of a field shows on the screen (1: nothing in it).
pub(super) async fn colours_in(driver: &WebDriver, id: &str) -> WebDriverResult<usize> {
    // Nothing focused, so no caret; two frames, so the screen is current.
    driver
        .execute("document.activeElement?.blur();", Vec::new())
        .await?;
    driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            Vec::new(),
        )
        .await?;
    let rect = driver
        .execute(
            "const e = document.getElementById(arguments[0]);\
             const r = e.getBoundingClientRect(); const s = getComputedStyle(e);\
             const px = (v) => parseFloat(v) || 0;\
             const left = r.left + px(s.borderLeftWidth) + px(s.paddingLeft);\
             const top = r.top + px(s.borderTopWidth) + px(s.paddingTop);\
             const right = r.right - px(s.borderRightWidth) - px(s.paddingRight);\
             const bottom = r.bottom - px(s.borderBottomWidth) - px(s.paddingBottom);\
             return [Math.ceil(left), Math.ceil(top), Math.floor(right - Math.ceil(left)), Math.floor(bottom - Math.ceil(top))];",
            vec![serde_json::json!(id)],
        )
        .await?;
    let [x, y, w, h]: [i64; 4] = serde_json::from_value(rect.json().clone()).unwrap();
    assert!(w > 10 && h > 5, "#{id} is {w}×{h}");
    let display = current_display();
    let found = xdotool(&display, &["search", "--onlyvisible", "--name", "^Attune$"]);
    let window = found.lines().next().unwrap_or_default().to_owned();
    let shot = attune_e2e::page::screenshot_dir().join(format!("dates-field-{id}.png"));
    let crop = format!("{w}x{h}+{x}+{y}");
    let out = std::process::Command::new("import")
        .args([
            "-display", &display, "-window", &window, "-crop", &crop, "+repage",
        ])
        .arg(&shot)
        .output()
        .expect("ImageMagick's import is missing; run `bash scripts/test.sh`");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = std::process::Command::new("identify")
        .args(["-format", "%k"])
        .arg(&shot)
        .output()
        .expect("ImageMagick's identify is missing; run `bash scripts/test.sh`");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).trim().parse().unwrap())
}
