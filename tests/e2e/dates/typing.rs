//! A day typed digit by digit, in each locale's order.

use super::*;

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
