//! Driving the app's page the way a person would: waiting for what is shown, typing,
//! choosing, answering native dialogs with xdotool, screenshots, and axe-core checks. Shared
//! by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::time::Instant;

use thirtyfour::prelude::*;

use crate::driver::{current_display, POLL, WAIT};

pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves a screenshot of the app's window after two animation frames, so the picture is the
/// current frame. It is taken from the X display (what a person would see), not through
/// WebDriver: WebKitGTK's WebDriver screenshots can stop answering when compositing is off, as
/// the app runs it (after the create-vault screen, every later one timed out).
pub async fn shoot(driver: &WebDriver, name: &str) -> WebDriverResult<()> {
    driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            Vec::new(),
        )
        .await?;
    let display = current_display();
    // xdotool fails the test if the app's window is not shown.
    let found = xdotool(&display, &["search", "--onlyvisible", "--name", "^Attune$"]);
    let window = found.lines().next().unwrap_or_default().to_owned();
    let path = screenshot_dir().join(format!("{name}.png"));
    let out = std::process::Command::new("import")
        .args(["-display", &display, "-window", &window])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!("ImageMagick's import is missing ({e}); run `bash scripts/test.sh`")
        });
    assert!(
        out.status.success(),
        "screenshot {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// The element with this id, once it is shown.
pub async fn shown(driver: &WebDriver, id: &str) -> WebDriverResult<WebElement> {
    driver
        .query(By::Id(id))
        .wait(WAIT, POLL)
        // The screen may change between finding an element and checking it.
        .ignore_errors(true)
        .and_displayed()
        .first()
        .await
}

/// Waits for the screen whose heading is `text`.
pub async fn heading(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    driver
        .query(By::Css("h1"))
        .wait(WAIT, POLL)
        .ignore_errors(true)
        .with_text(text.to_owned())
        .first()
        .await
        .map(|_| ())
}

pub async fn active_id(driver: &WebDriver) -> WebDriverResult<String> {
    Ok(driver
        .active_element()
        .await?
        .id()
        .await?
        .unwrap_or_default())
}

/// Runs axe-core (from ui/node_modules) on the current page and fails on any serious or
/// critical WCAG 2.1 A/AA violation.
pub async fn accessible(driver: &WebDriver, screen: &str) -> WebDriverResult<()> {
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}); run `bash scripts/test.sh`",
            axe.display()
        )
    });
    driver
        .execute(
            &format!("{source}\n;window.axe = axe; return true;"),
            Vec::new(),
        )
        .await?;
    let found = driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })\
               .then((r) => done(r.violations\
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')\
                 .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)))\
               .catch((e) => done([`axe failed: ${e}`]));",
            Vec::new(),
        )
        .await?;
    let problems: Vec<String> = serde_json::from_value(found.json().clone()).unwrap();
    assert!(
        problems.is_empty(),
        "accessibility problems on the {screen} screen:\n{}",
        problems.join("\n")
    );
    Ok(())
}

/// Waits until `script` (a JavaScript expression) is true.
pub async fn until(driver: &WebDriver, what: &str, script: &str) -> WebDriverResult<()> {
    let deadline = Instant::now() + WAIT;
    loop {
        let value = driver
            .execute(&format!("return !!({script});"), Vec::new())
            .await;
        if matches!(&value, Ok(v) if v.json() == &serde_json::json!(true)) {
            return Ok(());
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(POLL).await;
    }
}

pub async fn text_of(driver: &WebDriver, id: &str) -> WebDriverResult<String> {
    shown(driver, id).await?.text().await
}

/// The whole page's text and markup, and the values of its fields.
pub async fn page_holds(driver: &WebDriver, needle: &str) -> WebDriverResult<bool> {
    let found = driver
        .execute(
            "const n = arguments[0].toLowerCase();\
             const fields = [...document.querySelectorAll('input, textarea')].map((e) => e.value).join(' ');\
             return (document.documentElement.outerHTML + ' ' + fields).toLowerCase().includes(n);",
            vec![serde_json::json!(needle)],
        )
        .await?;
    Ok(found.json() == &serde_json::json!(true))
}

/// Unlocks with the passphrase by keyboard and waits for the first page: the journal, or
/// for a supervisor, the desk (Supervisees).
pub async fn unlock_with(driver: &WebDriver, passphrase: &str) -> WebDriverResult<()> {
    heading(driver, "Welcome back").await?;
    let secret = shown(driver, "secret").await?;
    secret
        .send_keys(passphrase.to_string() + Key::Enter)
        .await?;
    until(
        driver,
        "the journal or the desk",
        "document.getElementById('search') !== null \
         || document.getElementById('supervisees-title') !== null",
    )
    .await?;
    let journal = driver
        .execute(
            "return document.getElementById('search') !== null;",
            Vec::new(),
        )
        .await?;
    let first = if journal.json() == &serde_json::json!(true) {
        "search"
    } else {
        "supervisees-title"
    };
    shown(driver, first).await?;
    Ok(())
}

/// Types `text` into a field, replacing what it held.
pub async fn retype(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    let field = shown(driver, id).await?;
    field.clear().await?;
    field.send_keys(text).await
}

/// Empties a field from the keyboard, as a person does (so the page hears the typing).
pub async fn erase(driver: &WebDriver, id: &str) -> WebDriverResult<()> {
    let field = shown(driver, id).await?;
    field.send_keys(Key::Control + "a").await?;
    field.send_keys(Key::Backspace).await
}

/// Picks the day `days_ago` days before today in the date field `id` by keyboard: its
/// calendar opens on today, Left goes back a day at a time, Enter picks. The field then holds
/// that day (`data-value`, as `YYYY-MM-DD`; it shows it in the locale's way).
pub async fn pick_day(driver: &WebDriver, id: &str, days_ago: u64) -> WebDriverResult<()> {
    let today = chrono::Local::now().date_naive();
    shown(driver, &format!("{id}-calendar"))
        .await?
        .send_keys(Key::Enter)
        .await?;
    until(
        driver,
        "the calendar on today",
        &format!("document.activeElement?.dataset.day === '{today}'"),
    )
    .await?;
    let back: String = std::iter::repeat_n(Key::Left.value(), days_ago as usize).collect();
    driver
        .active_element()
        .await?
        .send_keys(back + Key::Enter)
        .await?;
    let want = (today - chrono::Days::new(days_ago)).to_string();
    assert_eq!(
        shown(driver, id).await?.attr("data-value").await?,
        Some(want)
    );
    Ok(())
}

/// Chooses the `<option>` whose value is `value` in the `<select>` with this id.
pub async fn choose(driver: &WebDriver, id: &str, value: &str) -> WebDriverResult<()> {
    let select = thirtyfour::components::SelectElement::new(&shown(driver, id).await?).await?;
    select.select_by_value(value).await
}

/// Runs xdotool on the app's display, failing the test when it fails.
pub fn xdotool(display: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap_or_else(|e| panic!("xdotool is missing ({e}); run `bash scripts/test.sh`"));
    assert!(
        out.status.success(),
        "xdotool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Answers the native save dialog titled `title` (GTK's file chooser, a separate X window
/// that WebDriver cannot see) by typing the whole path into its name field; repeated until
/// the dialog is gone, like [`open_dialog_answer`].
pub fn save_dialog_answer(display: &str, title: &str, path: &Path) {
    answer_dialog(display, title, path, &[]);
}

/// Waits for the `<h2>` with this id to start with `text`.
pub async fn heading_h2(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    until(
        driver,
        text,
        &format!(
            "(document.getElementById('{id}')?.textContent ?? '').trim().startsWith({})",
            serde_json::json!(text)
        ),
    )
    .await
}

/// Answers the native open dialog titled `title` (GTK's file chooser): focus it, open its
/// location field (Ctrl+L), type the whole path, press Enter.
pub fn open_dialog_answer(display: &str, title: &str, path: &Path) {
    answer_dialog(display, title, path, &["ctrl+l"]);
}

/// Answers a native file dialog: waits for it to be shown, focuses it, presses `keys` first,
/// types the whole path over what is in the field, presses Enter. Under Xvfb, with no window
/// manager, GTK sometimes takes focus back just after the dialog is mapped and the keys are
/// lost, and it ignores Enter until it has checked the typed path; so the whole answer is
/// repeated until the dialog is gone. The pauses wait for the dialog; nothing is timed.
fn answer_dialog(display: &str, title: &str, path: &Path, keys: &[&str]) {
    let pause = |ms| std::thread::sleep(std::time::Duration::from_millis(ms));
    let visible = || {
        std::process::Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .env("DISPLAY", display)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    xdotool(
        display,
        &["search", "--sync", "--onlyvisible", "--name", title],
    );
    for _ in 0..10 {
        let Some(found) = visible() else { return };
        let window = found.lines().last().unwrap_or_default().to_owned();
        xdotool(display, &["windowfocus", "--sync", &window]);
        pause(300);
        for key in keys {
            xdotool(display, &["key", "--clearmodifiers", key]);
        }
        xdotool(display, &["key", "--clearmodifiers", "ctrl+a"]);
        xdotool(display, &["type", "--delay", "15", path.to_str().unwrap()]);
        for _ in 0..3 {
            pause(400);
            if visible().is_none() {
                return;
            }
            xdotool(display, &["key", "Return"]);
        }
        pause(400);
    }
    assert!(
        visible().is_none(),
        "the dialog {title:?} did not take {}",
        path.display()
    );
}

/// Sets a field's value as if typed (long pasted text, dates), firing `input`.
pub async fn fill(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    let field = shown(driver, id).await?;
    driver
        .execute(
            "arguments[0].value = arguments[1];\
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));\
             arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![field.to_json()?, serde_json::json!(text)],
        )
        .await?;
    Ok(())
}

/// Waits until the element with this id holds `text`; on timeout, says what it held.
pub async fn until_text(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    let deadline = Instant::now() + WAIT;
    loop {
        let held = driver
            .execute(
                "return document.getElementById(arguments[0])?.textContent ?? null;",
                vec![serde_json::json!(id)],
            )
            .await?;
        // As read: the markup's line breaks and indentation collapse to single spaces.
        let held = held
            .json()
            .as_str()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if held.contains(text) {
            return Ok(());
        }
        assert!(
            Instant::now() < deadline,
            "#{id} never said {text:?}; it says {held:?}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Locks with Ctrl+L and waits for the unlock screen of the freshly loaded page (locking
/// reloads it: a mark left on the old page must be gone).
pub async fn lock_by_keyboard(driver: &WebDriver) -> WebDriverResult<()> {
    driver
        .execute("window.beforeLock = true;", Vec::new())
        .await?;
    driver
        .active_element()
        .await?
        .send_keys(Key::Control + "l")
        .await?;
    until(
        driver,
        "the reloaded unlock screen",
        "!window.beforeLock && document.getElementById('secret') !== null",
    )
    .await?;
    heading(driver, "Welcome back").await?;
    // The page loaded again says so, so that it asks for the vault's state instead of using
    // what the window brought when it opened (the vault did not exist then).
    let search = driver
        .execute("return location.search;", Vec::new())
        .await?;
    assert_eq!(
        search.json(),
        &serde_json::json!("?locked=1"),
        "after a lock"
    );
    Ok(())
}

/// How many pixels of `element`'s screenshot, inside the box `(x, y, width, height)` in CSS
/// pixels from the element's top left (the device pixel ratio is 1 under Xvfb), are within
/// `tolerance` of `colour` on every channel. For what only the eye can check otherwise: that
/// a decoration is actually painted.
pub async fn pixels_of_colour(
    element: &WebElement,
    area: (f64, f64, f64, f64),
    colour: [u8; 3],
    tolerance: u8,
) -> WebDriverResult<usize> {
    let bytes = element.screenshot_as_png().await?;
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .expect("WebDriver's screenshot is a PNG");
    let mut buf = vec![
        0;
        reader
            .output_buffer_size()
            .expect("a screenshot of a sane size")
    ];
    let info = reader.next_frame(&mut buf).expect("the PNG decodes");
    let channels = info.color_type.samples();
    let (x0, y0) = (area.0.max(0.0) as usize, area.1.max(0.0) as usize);
    let x1 = ((area.0 + area.2).ceil() as usize).min(info.width as usize);
    let y1 = ((area.1 + area.3).ceil() as usize).min(info.height as usize);
    let mut count = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let at = y * info.line_size + x * channels;
            let Some(px) = buf.get(at..at + 3) else {
                continue;
            };
            if px
                .iter()
                .zip(colour)
                .all(|(a, b)| a.abs_diff(b) <= tolerance)
            {
                count += 1;
            }
        }
    }
    Ok(count)
}

/// The X window of the app (the one titled "Attune"), for xdotool and ImageMagick.
pub fn app_window(display: &str) -> String {
    let found = xdotool(display, &["search", "--onlyvisible", "--name", "^Attune$"]);
    found.lines().next().unwrap_or_default().to_owned()
}

/// Chooses the dark theme and the largest text in Settings, as a person does, and waits
/// until both apply. Leaves the window on Settings.
pub async fn dark_and_larger(driver: &WebDriver) -> WebDriverResult<()> {
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    for choice in [
        "input[name='theme'][value='dark']",
        "input[name='text-size'][value='larger']",
    ] {
        driver.find(By::Css(choice)).await?.click().await?;
    }
    until(
        driver,
        "the dark theme at the largest text",
        "document.documentElement.dataset.theme === 'dark' \
         && document.documentElement.style.fontSize === '20px'",
    )
    .await
}
