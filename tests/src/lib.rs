//! End-to-end tests of Attune: the real desktop app in a virtual display (Xvfb), driven
//! through WebDriver (tauri-driver in front of WebKitWebDriver) the way a person would use
//! it. This library holds what the stories (`e2e/`) and the UI benchmark (`benches/ui.rs`)
//! share: starting the display, the driver and the app ([`driver`]), driving the page
//! ([`page`]), reading what it paints ([`screen`]), and finding the built programs ([`built`]).
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod built;
pub mod driver;
pub mod page;
pub mod process;
pub mod screen;
