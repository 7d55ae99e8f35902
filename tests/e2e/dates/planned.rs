//! A session or training dated in the future asks before it is logged.

use super::*;

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
    let ask = shown(driver, "check-session").await?;
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
    shown(driver, "check-session-cancel").await?.click().await?;
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
    shown(driver, "check-session-confirm")
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
    shown(driver, "check-training").await?;
    shown(driver, "check-training-cancel")
        .await?
        .click()
        .await?;
    assert!(driver
        .find_all(By::Css("#training tbody tr"))
        .await?
        .is_empty());
    shown(driver, "training-save").await?.click().await?;
    shown(driver, "check-training-confirm")
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
