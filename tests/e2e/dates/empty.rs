//! Empty date filters are empty fields; the calendar is the app's own.

use super::*;

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
        shown(driver, "check-session").await?;
        shoot(driver, &format!("dates-planned-{theme}")).await?;
        shown(driver, "check-session-confirm")
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
