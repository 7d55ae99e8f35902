//! The window as a first-timer meets it, at its opening size of 1000×720, in the light and
//! the dark theme, at normal text and at the largest: only the panes scroll, so the top bar
//! with Lock stays in view and no blank band opens below a pane, and nothing is wider than
//! the window (`panes`); the create-journal card fits the window or scrolls inside itself
//! (`create`); checkboxes and radios grow with the text and read plainly (`controls`); hint
//! text in empty fields is readable (`hints`); search results are reached and opened by
//! keyboard, and the opened reflection shows the match (`search`). Here: the journal they
//! share, and the ways a person scrolls.

use std::path::Path;

use attune_core::hours::{SessionFormat, TrainingTopic};
use attune_core::{CreateOptions, KdfParams, ReflectionDraft, ReflectionKind, Vault};
use attune_e2e::driver::{current_display, POLL, WAIT};
use attune_e2e::page::{app_window, heading, shown, until, xdotool};
use attune_e2e::screen::Rect;
use thirtyfour::prelude::*;

mod controls;
mod create;
mod hints;
mod panes;
mod search;

const PASSPHRASE: &str = "the heron waits by the cold river";
/// A word found in one reflection, deep in a long one, and in another's title.
const WORD: &str = "Kestrelmoss";

/// The window's size when it opens (tauri.conf.json).
const WIDTH: u32 = 1000;
const HEIGHT: u32 = 720;

fn days_ago(n: u64) -> chrono::NaiveDate {
    chrono::Local::now().date_naive() - chrono::Days::new(n)
}

/// A journal with enough in every pane to scroll: a long reflection with details to
/// de-identify (their hints carry text for screen readers) and the search word near its end,
/// a short one with the word in its title, a season of sessions and training, and a contact
/// not yet verified.
fn vault_with_everything(dir: &Path, other: &Path) {
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        name: Some("Robin Ahmadi".into()),
        ..Default::default()
    };
    let (mut vault, _) = Vault::create(dir, PASSPHRASE, &options).unwrap();
    // A supervisor who also provides RSC: every control of the forms is there.
    vault
        .save_settings(attune_core::Settings {
            auto_lock_minutes: 10,
            names_to_avoid: Vec::new(),
            rule_set: None,
            provides_rsc: true,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        })
        .unwrap();
    let paragraph = |what: &str| {
        format!(
            "{}She said to call 555-123-4567 after the {what}.",
            "The baby turned to her voice and held on; she watched him a long while. ".repeat(12)
        )
    };
    let quiet = |title: &str, date| ReflectionDraft {
        kind: ReflectionKind::Note,
        date,
        title: title.into(),
        family: "Wren".into(),
        tags: vec!["sleep".into()],
        parent_infant: "They played peekaboo.".into(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    };
    vault
        .journal_mut()
        .add_many(vec![
            ReflectionDraft {
                kind: ReflectionKind::HomeVisit,
                date: days_ago(1),
                title: "A long visit".into(),
                family: "Rowan".into(),
                tags: vec!["sleep".into(), "repair".into()],
                parent_infant: paragraph("bath"),
                practitioner_parent: paragraph("nap"),
                supervisor_practitioner: paragraph("meeting"),
                self_: format!(
                    "{}Near the end I thought of the {WORD} by the river.",
                    paragraph("walk")
                ),
                for_supervision: paragraph("visit"),
            },
            quiet(&format!("A walk to {WORD} lane"), days_ago(4)),
        ])
        .unwrap();
    // Enough besides for the list to scroll.
    vault
        .journal_mut()
        .add_many(
            (0..14)
                .map(|i| quiet(&format!("Peekaboo {i}"), days_ago(6 + i)))
                .collect(),
        )
        .unwrap();
    for i in 0..16u64 {
        let format = if i % 3 == 0 {
            SessionFormat::Group
        } else {
            SessionFormat::Individual
        };
        vault
            .hours_mut()
            .add_session(attune_core::SessionDraft {
                date: days_ago(7 * i + 2),
                minutes: 60,
                format,
                modality: None,
                provider: "Ana Ruiz".into(),
                credential: Some("IMHM-C".into()),
                facilitated: None,
                age_focus: None,
                about_rsc_provided: false,
                note: String::new(),
                reflections: Vec::new(),
            })
            .unwrap();
    }
    for (i, title) in ["Holding the baby in mind", "Equity in home visiting"]
        .iter()
        .enumerate()
    {
        vault
            .hours_mut()
            .add_training(attune_core::TrainingDraft {
                date: days_ago(30 * i as u64 + 10),
                minutes: 180,
                title: (*title).into(),
                organiser: "MI-AIMH".into(),
                topic: if i == 1 {
                    TrainingTopic::Dei
                } else {
                    TrainingTopic::Iecmh
                },
                note: String::new(),
            })
            .unwrap();
    }
    let (mut supervisor, _) = Vault::create(
        other,
        PASSPHRASE,
        &CreateOptions {
            kdf: KdfParams::MINIMUM,
            name: Some("Ana Ruiz".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let card = supervisor.sharing_mut().my_card().unwrap();
    supervisor.lock().unwrap();
    vault.sharing_mut().add_contact(card).unwrap();
    vault.lock().unwrap();
}

async fn window_is_the_opening_size(driver: &WebDriver) -> WebDriverResult<()> {
    let size = driver
        .execute("return [innerWidth, innerHeight];", Vec::new())
        .await?;
    assert_eq!(
        size.json(),
        &serde_json::json!([WIDTH, HEIGHT]),
        "the window's inner size"
    );
    Ok(())
}

/// Chooses the theme and the text size in Settings, as a person does.
async fn appearance(driver: &WebDriver, theme: &str, size: &str) -> WebDriverResult<()> {
    shown(driver, "nav-settings").await?.click().await?;
    heading(driver, "Settings").await?;
    for choice in [
        format!("input[name='theme'][value='{theme}']"),
        format!("input[name='text-size'][value='{size}']"),
    ] {
        driver.find(By::Css(choice)).await?.click().await?;
    }
    let px = if size == "larger" { 20 } else { 16 };
    until(
        driver,
        "the chosen appearance",
        &format!(
            "document.documentElement.dataset.theme === '{theme}' \
             && document.documentElement.style.fontSize === '{px}px'"
        ),
    )
    .await
}

/// The ways a person scrolls a pane.
#[derive(Debug, Clone, Copy)]
enum Scroll {
    /// The pane's scroll position set to its largest (as a scroll bar dragged to the end).
    Position,
    /// The mouse wheel, turned over the pane well past its end.
    Wheel,
    /// A click on the pane's heading, then End.
    Keyboard,
}

impl Scroll {
    const ALL: [Scroll; 3] = [Scroll::Position, Scroll::Wheel, Scroll::Keyboard];
}

/// Waits until nothing scrolls any more (two looks, a few frames apart, agree).
async fn settled(driver: &WebDriver) -> WebDriverResult<()> {
    let positions = "return [document.scrollingElement.scrollTop, \
                     ...[...document.querySelectorAll('main, section')].map((e) => e.scrollTop)];";
    let mut before = driver.execute(positions, Vec::new()).await?.json().clone();
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        driver
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                Vec::new(),
            )
            .await?;
        tokio::time::sleep(POLL * 2).await;
        let now = driver.execute(positions, Vec::new()).await?.json().clone();
        if now == before {
            return Ok(());
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the page never stopped scrolling"
        );
        before = now;
    }
}

/// Scrolls the pane `pane` (a CSS selector) from its top to its end, the way `how` says.
async fn scroll_to_end(driver: &WebDriver, pane: &str, how: Scroll) -> WebDriverResult<()> {
    // From the top, the document included, as a person arriving on the screen.
    driver
        .execute(
            "document.scrollingElement.scrollTop = 0;\
             const pane = document.querySelector(arguments[0]);\
             pane.scrollTop = 0;\
             return pane.scrollHeight > pane.clientHeight;",
            vec![serde_json::json!(pane)],
        )
        .await
        .map(|scrolls| {
            assert_eq!(
                scrolls.json(),
                &serde_json::json!(true),
                "{pane} is too short to scroll: the check would prove nothing"
            );
        })?;
    settled(driver).await?;
    match how {
        Scroll::Position => {
            // Again until it stays at the end: lists laid out as they come into view (the
            // journal's days) make the pane taller as it goes.
            for _ in 0..20 {
                let end = driver
                    .execute(
                        "const pane = document.querySelector(arguments[0]);\
                         pane.scrollTop = pane.scrollHeight;\
                         return pane.scrollTop >= pane.scrollHeight - pane.clientHeight - 1;",
                        vec![serde_json::json!(pane)],
                    )
                    .await?;
                settled(driver).await?;
                if end.json() == &serde_json::json!(true) {
                    let still = driver
                        .execute(
                            "const pane = document.querySelector(arguments[0]);\
                             return pane.scrollTop >= pane.scrollHeight - pane.clientHeight - 1;",
                            vec![serde_json::json!(pane)],
                        )
                        .await?;
                    if still.json() == &serde_json::json!(true) {
                        break;
                    }
                }
            }
        }
        Scroll::Wheel => {
            let display = current_display();
            let window = app_window(&display);
            let at = pane_rect(driver, pane).await?;
            let (x, y) = (at.x + at.width / 2.0, at.y + at.height / 2.0);
            xdotool(
                &display,
                &[
                    "mousemove",
                    "--window",
                    &window,
                    &format!("{x:.0}"),
                    &format!("{y:.0}"),
                ],
            );
            // Down until the pane stops moving, then as much again: past its end, the wheel
            // is where the page used to take over.
            let mut last = serde_json::Value::Null;
            for _ in 0..100 {
                xdotool(&display, &["click", "--repeat", "10", "--delay", "15", "5"]);
                settled(driver).await?;
                let now = driver
                    .execute(
                        "return document.querySelector(arguments[0]).scrollTop;",
                        vec![serde_json::json!(pane)],
                    )
                    .await?
                    .json()
                    .clone();
                if now == last {
                    break;
                }
                last = now;
            }
            xdotool(&display, &["click", "--repeat", "20", "--delay", "15", "5"]);
        }
        Scroll::Keyboard => {
            let display = current_display();
            let window = app_window(&display);
            // A click on the pane's first heading (plain text), as a person would before
            // reaching for the keyboard.
            let at = driver
                .execute(
                    "const h = document.querySelector(arguments[0]).querySelector('h1:not(.visually-hidden), h2');\
                     return h.getBoundingClientRect();",
                    vec![serde_json::json!(pane)],
                )
                .await?;
            let at = Rect::from_json(at.json());
            xdotool(
                &display,
                &[
                    "mousemove",
                    "--window",
                    &window,
                    &format!("{:.0}", at.x + 4.0),
                    &format!("{:.0}", at.y + at.height / 2.0),
                ],
            );
            xdotool(&display, &["click", "1"]);
            settled(driver).await?;
            xdotool(&display, &["key", "End"]);
            settled(driver).await?;
            xdotool(&display, &["key", "End", "Page_Down", "Page_Down"]);
        }
    }
    settled(driver).await
}

async fn pane_rect(driver: &WebDriver, pane: &str) -> WebDriverResult<Rect> {
    let r = driver
        .execute(
            "return document.querySelector(arguments[0]).getBoundingClientRect();",
            vec![serde_json::json!(pane)],
        )
        .await?;
    Ok(Rect::from_json(r.json()))
}
