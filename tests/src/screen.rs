//! The screen as a person sees it: rectangles of the app's window.

/// A rectangle of the window, in CSS pixels from its top-left corner (the window has no frame
/// under Xvfb, so these are the page's viewport coordinates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// From a DOMRect (or any object with x, y, width and height) returned by a script.
    pub fn from_json(value: &serde_json::Value) -> Rect {
        let get = |k: &str| {
            value[k]
                .as_f64()
                .unwrap_or_else(|| panic!("no {k} in {value}"))
        };
        Rect {
            x: get("x"),
            y: get("y"),
            width: get("width"),
            height: get("height"),
        }
    }
}
