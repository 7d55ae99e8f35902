//! Dates, one way: every date field is the app's own (a text field that takes the day typed
//! digit by digit in the locale's order, with the separators filled in, and a calendar of
//! its own), every day in the window is written the way the field writes it, a session dated
//! in the future asks before it is logged (and is marked as planned), and an empty date filter
//! is an empty field. The locale is the system's (WebKit's `navigator.language`); these tests
//! load the page with `?locale=` to show each order.

use attune_e2e::built::desktop_app;
use attune_e2e::driver::{current_display, session, Process, ONE_AT_A_TIME};
use attune_e2e::page::{
    accessible, heading, retype, shoot, shown, text_of, unlock_with, until, until_text, xdotool,
};
use chrono::{Datelike, Days, Local, NaiveDate};
use thirtyfour::prelude::*;

const PASSPHRASE: &str = "the ferry leaves at first light";

/// A day written the way a locale's date field writes it.
#[derive(Clone, Copy)]
enum Order {
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

fn vault_in(tmp: &std::path::Path) -> std::path::PathBuf {
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
async fn unlock_in(driver: &WebDriver, order: Order) -> WebDriverResult<()> {
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
async fn no_native_date_fields(driver: &WebDriver, screen: &str) -> WebDriverResult<()> {
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
async fn type_day(
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

async fn start(tmp: &std::path::Path) -> (Process, Process, WebDriver) {
    let vault = vault_in(tmp);
    session(tmp, &vault, &desktop_app()).await
}

/// A US date typed digit by digit into the session form is taken, and every place in the
/// window then writes it the same way; in the UK the same keys mean day first; in Sweden the
/// year comes first. An impossible day is refused in words that name the field.
#[tokio::test(flavor = "current_thread")]
async fn a_date_is_typed_digit_by_digit_in_the_locales_order() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (_xvfb, _driver_process, driver) = start(tmp.path()).await;
    let result = typing_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the typing flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn typing_flow(driver: &WebDriver) -> WebDriverResult<()> {
    let today = Local::now().date_naive();
    let day = today - Days::new(40);
    for order in [
        Order::MonthDayYear,
        Order::DayMonthYear,
        Order::YearMonthDay,
    ] {
        unlock_in(driver, order).await?;
        shown(driver, "nav-hours").await?.click().await?;
        heading(driver, "Supervision hours").await?;
        // The field starts on today, written the locale's way.
        assert_eq!(
            shown(driver, "session-date").await?.value().await?,
            Some(order.written(today)),
            "today in {}",
            order.locale()
        );
        type_day(driver, "session-date", order, day).await?;
        shown(driver, "session-provider")
            .await?
            .send_keys(format!("Provider in {}", order.locale()))
            .await?;
        shown(driver, "session-save").await?.click().await?;
        // Said back, and listed, the way the field wrote it.
        until_text(
            driver,
            "session-status",
            &format!("on {}", order.written(day)),
        )
        .await?;
        let row = driver
            .query(By::XPath(format!(
                "//table[@id='sessions']//tr[contains(., 'Provider in {}')]",
                order.locale()
            )))
            .first()
            .await?;
        let listed = row.find(By::Css("td")).await?.text().await?;
        assert!(
            listed.ends_with(&order.written(day)),
            "the list writes {listed:?}, the field {}",
            order.written(day)
        );
        lock(driver).await?;
    }

    // An impossible day is refused on the field, naming it, and nothing is logged.
    unlock_in(driver, Order::MonthDayYear).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    let before = text_of(driver, "sessions-total").await?;
    let field = shown(driver, "session-date").await?;
    field.click().await?;
    field.send_keys(Key::Control + "a").await?;
    field.send_keys(Key::Backspace).await?;
    field.send_keys("02302025").await?;
    assert_eq!(field.value().await?.as_deref(), Some("02/30/2025"));
    let error = text_of(driver, "session-date-problem").await?;
    assert_eq!(
        error,
        "Date: 02/30/2025 is not a date: February 2025 has 28 days."
    );
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    shown(driver, "session-save").await?.click().await?;
    assert_eq!(text_of(driver, "sessions-total").await?, before);
    // Fixed, the error goes at once: back to the month, then the right day.
    let back: String = std::iter::repeat_n(Key::Backspace.value(), 7).collect();
    field.send_keys(back).await?;
    assert_eq!(field.value().await?.as_deref(), Some("02/"));
    field.send_keys("282025").await?;
    assert_eq!(field.value().await?.as_deref(), Some("02/28/2025"));
    until(
        driver,
        "the error gone",
        "document.getElementById('session-date-problem') === null",
    )
    .await?;
    Ok(())
}

async fn lock(driver: &WebDriver) -> WebDriverResult<()> {
    driver
        .active_element()
        .await?
        .send_keys(Key::Control + "l")
        .await?;
    heading(driver, "Welcome back").await
}

/// A session dated after today asks first: cancelled, nothing is logged; confirmed, it is
/// logged and marked as planned. The same for training.
#[tokio::test(flavor = "current_thread")]
async fn a_future_session_asks_before_it_is_logged() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (_xvfb, _driver_process, driver) = start(tmp.path()).await;
    let result = future_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the future session flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn future_flow(driver: &WebDriver) -> WebDriverResult<()> {
    let order = Order::MonthDayYear;
    let next_week = Local::now().date_naive() + Days::new(7);
    unlock_in(driver, order).await?;
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    type_day(driver, "session-date", order, next_week).await?;
    shown(driver, "session-provider")
        .await?
        .send_keys("Lucía Pérez")
        .await?;
    shown(driver, "session-save").await?.click().await?;
    // It asks, before anything is saved.
    let ask = shown(driver, "planned-session").await?;
    let words = ask.text().await?;
    assert!(
        words.contains("This session is dated in the future")
            && words.contains("log it as planned?")
            && words.contains(&order.written(next_week)),
        "{words}"
    );
    assert_eq!(
        text_of(driver, "sessions-total").await?,
        "No sessions logged yet."
    );
    accessible(driver, "planned session question").await?;
    // Cancelled: nothing logged, back on the date.
    shown(driver, "planned-session-cancel")
        .await?
        .click()
        .await?;
    until(
        driver,
        "back on the date",
        "document.activeElement?.id === 'session-date'",
    )
    .await?;
    assert_eq!(
        text_of(driver, "sessions-total").await?,
        "No sessions logged yet."
    );
    assert!(driver
        .find_all(By::Css("#sessions tbody tr"))
        .await?
        .is_empty());

    // Confirmed: logged, and marked as planned in the list.
    shown(driver, "session-save").await?.click().await?;
    shown(driver, "planned-session-confirm")
        .await?
        .click()
        .await?;
    until_text(driver, "sessions-total", "1 session").await?;
    let row = driver.find(By::Css("#sessions tbody tr")).await?;
    let date_cell = row.find(By::Css("td")).await?.text().await?;
    assert!(
        date_cell.contains(&order.written(next_week)) && date_cell.contains("planned"),
        "{date_cell}"
    );
    // A past session is not asked about.
    type_day(
        driver,
        "session-date",
        order,
        Local::now().date_naive() - Days::new(3),
    )
    .await?;
    shown(driver, "session-save").await?.click().await?;
    until_text(driver, "sessions-total", "2 sessions").await?;
    assert!(driver.find_all(By::Css("dialog[open]")).await?.is_empty());

    // Training dated ahead asks too.
    shown(driver, "hours-training").await?.click().await?;
    type_day(driver, "training-date", order, next_week).await?;
    shown(driver, "training-minutes")
        .await?
        .send_keys("3:00")
        .await?;
    shown(driver, "training-title")
        .await?
        .send_keys("Holding the baby in mind")
        .await?;
    shown(driver, "training-save").await?.click().await?;
    shown(driver, "planned-training").await?;
    shown(driver, "planned-training-cancel")
        .await?
        .click()
        .await?;
    assert!(driver
        .find_all(By::Css("#training tbody tr"))
        .await?
        .is_empty());
    shown(driver, "training-save").await?.click().await?;
    shown(driver, "planned-training-confirm")
        .await?
        .click()
        .await?;
    until_text(driver, "training-status", "Holding the baby in mind").await?;
    let row = driver.find(By::Css("#training tbody tr")).await?;
    assert!(
        row.text().await?.contains("planned"),
        "{}",
        row.text().await?
    );
    Ok(())
}

/// How many colours the content box of a field shows on the screen (1: nothing in it).
async fn colours_in(driver: &WebDriver, id: &str) -> WebDriverResult<usize> {
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

/// Empty date filters are empty fields (no grey date that looks set), in the journal and in
/// the hours export; the calendar is the app's own, keyboard-driven, and offers no day the
/// field refuses. Screenshots of the picker and the hours forms at "Larger" text, dark and
/// light.
#[tokio::test(flavor = "current_thread")]
async fn empty_date_filters_are_empty_fields() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir().unwrap();
    let (_xvfb, _driver_process, driver) = start(tmp.path()).await;
    let result = empty_flow(&driver).await;
    let quit = driver.quit().await;
    result.expect("the empty filters flow failed");
    quit.expect("the WebDriver session did not close");
}

async fn empty_flow(driver: &WebDriver) -> WebDriverResult<()> {
    let order = Order::MonthDayYear;
    unlock_in(driver, order).await?;
    // The journal's filters.
    driver
        .find(By::Css("details.filters > summary"))
        .await?
        .click()
        .await?;
    for id in ["filter-from", "filter-to"] {
        let field = shown(driver, id).await?;
        assert_eq!(field.value().await?.as_deref(), Some(""), "#{id}");
        assert_eq!(colours_in(driver, id).await?, 1, "#{id} shows something");
    }
    no_native_date_fields(driver, "journal").await?;

    // The hours export's period.
    shown(driver, "nav-hours").await?.click().await?;
    heading(driver, "Supervision hours").await?;
    shown(driver, "export-open").await?.click().await?;
    for id in ["export-from", "export-to"] {
        let field = shown(driver, id).await?;
        assert_eq!(field.value().await?.as_deref(), Some(""), "#{id}");
        assert_eq!(colours_in(driver, id).await?, 1, "#{id} shows something");
    }
    no_native_date_fields(driver, "export").await?;
    driver
        .find(By::XPath(
            "//dialog[@id='export']//button[normalize-space(.)='Close']",
        ))
        .await?
        .click()
        .await?;

    // The calendar: opened from its button on today, Right stops at the last day allowed
    // for a reflection (today), every later day is offered disabled, and it has its labels.
    let today = Local::now().date_naive();
    shown(driver, "nav-journal").await?.click().await?;
    shown(driver, "new-reflection").await?.click().await?;
    shown(driver, "date-calendar")
        .await?
        .send_keys(Key::Enter)
        .await?;
    until(
        driver,
        "the calendar on today",
        &format!("document.activeElement?.dataset.day === '{today}'"),
    )
    .await?;
    driver.active_element().await?.send_keys(Key::Right).await?;
    let focused = driver
        .execute("return document.activeElement.dataset.day;", Vec::new())
        .await?;
    assert_eq!(focused.json(), &serde_json::json!(today.to_string()));
    let tomorrow = today + Days::new(1);
    let offered = driver
        .execute(
            "const b = document.querySelector(`[data-day='${arguments[0]}']`);\
             return b === null || b.disabled;",
            vec![serde_json::json!(tomorrow.to_string())],
        )
        .await?;
    assert_eq!(
        offered.json(),
        &serde_json::json!(true),
        "tomorrow is offered"
    );
    let label = driver
        .active_element()
        .await?
        .attr("aria-label")
        .await?
        .unwrap_or_default();
    assert!(
        label.contains(&today.year().to_string()) && label.len() > 12,
        "{label}"
    );
    driver
        .active_element()
        .await?
        .send_keys(Key::Escape)
        .await?;
    // From the field, Alt+Down opens it too, on the day the field holds.
    let yesterday = today - Days::new(1);
    type_day(driver, "date", order, yesterday).await?;
    shown(driver, "date")
        .await?
        .send_keys(Key::Alt + Key::Down)
        .await?;
    until(
        driver,
        "the calendar on the day typed",
        &format!("document.activeElement?.dataset.day === '{yesterday}'"),
    )
    .await?;
    driver
        .active_element()
        .await?
        .send_keys(Key::Escape)
        .await?;
    // An impossible day in the reflection's date is told on the field.
    let field = shown(driver, "date").await?;
    field.send_keys(Key::Control + "a").await?;
    field.send_keys(Key::Backspace).await?;
    field.send_keys("13012026").await?;
    until_text(
        driver,
        "date-problem",
        "Date: 13/01/2026 is not a date: there is no month 13.",
    )
    .await?;
    shoot(driver, "dates-editor-error").await?;

    // Pictures: the picker open, and the hours forms, at "Larger" text in both themes.
    for theme in ["dark", "light"] {
        shown(driver, "nav-settings").await?.click().await?;
        heading(driver, "Settings").await?;
        for choice in [
            format!("input[name='theme'][value='{theme}']"),
            "input[name='text-size'][value='larger']".to_owned(),
        ] {
            driver.find(By::Css(choice)).await?.click().await?;
        }
        until(
            driver,
            "the theme at the largest text",
            &format!(
                "document.documentElement.dataset.theme === '{theme}' \
                 && document.documentElement.style.fontSize === '20px'"
            ),
        )
        .await?;
        shown(driver, "nav-hours").await?.click().await?;
        heading(driver, "Supervision hours").await?;
        shown(driver, "session-date-calendar")
            .await?
            .send_keys(Key::Enter)
            .await?;
        until(
            driver,
            "the calendar open",
            "document.activeElement?.dataset.day !== undefined",
        )
        .await?;
        shoot(driver, &format!("dates-picker-{theme}")).await?;
        accessible(driver, "date picker").await?;
        driver
            .active_element()
            .await?
            .send_keys(Key::Escape)
            .await?;
        // An impossible day, to see the error.
        let field = shown(driver, "session-date").await?;
        field.click().await?;
        field.send_keys(Key::Control + "a").await?;
        field.send_keys(Key::Backspace).await?;
        field.send_keys("02302025").await?;
        shown(driver, "session-date-problem").await?;
        shoot(driver, &format!("dates-sessions-{theme}")).await?;
        field.send_keys(Key::Control + "a").await?;
        field.send_keys(Key::Backspace).await?;
        type_day(driver, "session-date", order, today + Days::new(3)).await?;
        retype(driver, "session-provider", "Lucía Pérez").await?;
        shown(driver, "session-save").await?.click().await?;
        shown(driver, "planned-session").await?;
        shoot(driver, &format!("dates-planned-{theme}")).await?;
        shown(driver, "planned-session-confirm")
            .await?
            .click()
            .await?;
        until(
            driver,
            "the planned session logged",
            "document.querySelector('#sessions .planned') !== null",
        )
        .await?;
        driver
            .execute(
                "document.getElementById('sessions').scrollIntoView({ block: 'center' });",
                Vec::new(),
            )
            .await?;
        shoot(driver, &format!("dates-sessions-list-{theme}")).await?;
        shown(driver, "hours-training").await?.click().await?;
        shown(driver, "training-date").await?;
        shoot(driver, &format!("dates-training-{theme}")).await?;
        shown(driver, "export-open").await?.click().await?;
        shown(driver, "export-from-calendar")
            .await?
            .send_keys(Key::Enter)
            .await?;
        until(
            driver,
            "the export calendar open",
            "document.activeElement?.dataset.day !== undefined",
        )
        .await?;
        shoot(driver, &format!("dates-export-{theme}")).await?;
        accessible(driver, "export dialog with its calendar").await?;
        driver
            .active_element()
            .await?
            .send_keys(Key::Escape)
            .await?;
        driver
            .find(By::XPath(
                "//dialog[@id='export']//button[normalize-space(.)='Close']",
            ))
            .await?
            .click()
            .await?;
    }
    Ok(())
}
