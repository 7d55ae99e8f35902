//! That the de-identification underline is painted, read from the screen's pixels.

use attune_e2e::page::pixels_of_colour;
use thirtyfour::prelude::*;

/// The wavy underline under the phone number is painted, in the hint colour, under the
/// number and nowhere else in the text (WebKit paints no decoration for text whose colour is
/// transparent, which once left only the list below the field to show a hint).
pub(super) async fn hint_underline_painted(driver: &WebDriver) -> WebDriverResult<()> {
    let field = driver.find(By::Css("#practitioner_parent")).await?;
    let wrap = field.find(By::XPath("..")).await?;
    let boxes = driver
        .execute(
            "const w = arguments[0].getBoundingClientRect(); \
             const u = arguments[0].querySelector('.mirror .under').getBoundingClientRect(); \
             return [u.left - w.left, u.top - w.top, u.width, u.height + 6];",
            vec![wrap.to_json()?],
        )
        .await?;
    let b = boxes.json();
    let n = |i: usize| b[i].as_f64().unwrap_or_default();
    // --hint in the light theme, the one this story runs in.
    let hint = [0xb5, 0x65, 0x1d];
    let under = pixels_of_colour(&wrap, (n(0), n(1), n(2), n(3)), hint, 40).await?;
    assert!(
        under >= 10,
        "no underline painted under the phone number ({under} pixels of the hint colour); {b}"
    );
    Ok(())
}
