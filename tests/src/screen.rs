//! The screen as a person sees it: rectangles of the app's window read back pixel by pixel
//! from the X display, the contrast of colours (WCAG 2), and the check that hint text in
//! empty fields is readable, measured there (neither WebKit nor axe-core can tell it).

use thirtyfour::prelude::*;

use crate::page::{screenshot_dir, shoot};

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

/// What is painted in a rectangle of the window: its pixels, row by row, each `[r, g, b]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Painted {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<[u8; 3]>,
}

impl Painted {
    /// The pixels of column `x`, top to bottom.
    pub fn column(&self, x: usize) -> impl Iterator<Item = [u8; 3]> + '_ {
        (0..self.height).map(move |y| self.pixels[y * self.width + x])
    }
}

/// The colours a person sees in each of `rects`, as painted on the X display: the window is
/// captured once (after two animation frames) to `target/screenshots/{name}.png`, then each
/// rectangle is read back pixel by pixel with ImageMagick.
pub async fn painted(
    driver: &WebDriver,
    name: &str,
    rects: &[Rect],
) -> WebDriverResult<Vec<Painted>> {
    shoot(driver, name).await?;
    let shot = screenshot_dir().join(format!("{name}.png"));
    let mut out = Vec::with_capacity(rects.len());
    for r in rects {
        // Whole pixels inside the rectangle, so that nothing around it is read.
        let (x, y) = (r.x.ceil().max(0.0), r.y.ceil().max(0.0));
        let w = ((r.x + r.width).floor() - x).max(1.0);
        let h = ((r.y + r.height).floor() - y).max(1.0);
        let crop = format!("{w}x{h}+{x}+{y}");
        let text = std::process::Command::new("convert")
            .arg(&shot)
            .args(["-crop", &crop, "+repage", "-depth", "8", "txt:-"])
            .output()
            .unwrap_or_else(|e| panic!("ImageMagick is missing ({e}); run `bash scripts/test.sh`"));
        assert!(
            text.status.success(),
            "reading {crop} of {name}: {}",
            String::from_utf8_lossy(&text.stderr)
        );
        // Lines like `3,4: (245,242,236)  #F5F2EC  srgb(245,242,236)`, row by row; the header
        // starts with '#'.
        let pixels: Vec<[u8; 3]> = String::from_utf8_lossy(&text.stdout)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with('#') && w.len() >= 7)
            })
            .filter_map(|hex| {
                let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
                Some([byte(1)?, byte(3)?, byte(5)?])
            })
            .collect();
        let (width, height) = (w as usize, h as usize);
        assert_eq!(pixels.len(), width * height, "reading {crop} of {name}");
        out.push(Painted {
            width,
            height,
            pixels,
        });
    }
    Ok(out)
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The background of a painted piece of text (its most common colour), and the colour of its
/// faintest glyph. Glyphs are told apart by the blank columns between them; a glyph's colour
/// is its pixel that stands out most from the background (the heart of a stroke, where
/// anti-aliasing leaves the full colour). Glyphs narrower than 3 px (a dot, an "l") are left
/// out: anti-aliasing may leave them no pixel of full colour. `None` when nothing is drawn.
pub fn faintest_glyph(painted: &Painted) -> Option<([u8; 3], [u8; 3])> {
    let mut counts = std::collections::HashMap::new();
    for p in &painted.pixels {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let background = counts.into_iter().max_by_key(|&(_, n)| n)?.0;
    let strongest = |x: usize| {
        painted
            .column(x)
            .max_by(|a, b| contrast(*a, background).total_cmp(&contrast(*b, background)))
            .unwrap_or(background)
    };
    // Runs of columns holding ink (more than a faint smudge), with their strongest pixel.
    let mut glyphs: Vec<(usize, [u8; 3])> = Vec::new();
    let mut run: Option<(usize, [u8; 3])> = None;
    for x in 0..=painted.width {
        let ink = (x < painted.width)
            .then(|| strongest(x))
            .filter(|c| contrast(*c, background) > 1.1);
        match (ink, run.as_mut()) {
            (Some(c), Some((width, best))) => {
                *width += 1;
                if contrast(c, background) > contrast(*best, background) {
                    *best = c;
                }
            }
            (Some(c), None) => run = Some((1, c)),
            (None, Some(_)) => glyphs.extend(run.take()),
            (None, None) => {}
        }
    }
    glyphs
        .into_iter()
        .filter(|&(width, _)| width >= 3)
        .map(|(_, colour)| colour)
        .min_by(|a, b| contrast(*a, background).total_cmp(&contrast(*b, background)))
        .map(|text| (background, text))
}

/// Checks the hint text of every empty field in view (placeholders, and the parts an empty
/// date field shows) against WCAG AA, 4.5:1, measured on the screen: WebKit's
/// getComputedStyle does not resolve `::placeholder` (it answers with the field's own
/// colour), and axe-core's colour-contrast rule skips placeholders. Focus is taken away
/// first (a caret would be measured as text) and given back after. Returns how many fields
/// were measured.
pub async fn hints_readable(driver: &WebDriver, screen: &str) -> WebDriverResult<usize> {
    let found = driver
        .execute(
            "window.__hintsFocus = document.activeElement;\
             document.activeElement?.blur?.();\
             const fields = [...document.querySelectorAll('input, textarea')].filter((e) =>\
               e.value === '' && (e.placeholder || ['date', 'time', 'month'].includes(e.type)));\
             return fields.flatMap((e) => {\
               const r = e.getBoundingClientRect();\
               const s = getComputedStyle(e);\
               const px = (p) => parseFloat(s[p]) || 0;\
               const box = {\
                 x: r.x + px('borderLeftWidth') + px('paddingLeft'),\
                 y: r.y + px('borderTopWidth') + px('paddingTop'),\
                 width: r.width - px('borderLeftWidth') - px('paddingLeft') - px('borderRightWidth') - px('paddingRight'),\
                 height: r.height - px('borderTopWidth') - px('paddingTop') - px('borderBottomWidth') - px('paddingBottom'),\
               };\
               const seen = s.visibility === 'visible' && box.width > 4 && box.height > 4\
                 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth\
                 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e;\
               return seen ? [{ name: e.id || e.name || e.placeholder, box }] : [];\
             });",
            Vec::new(),
        )
        .await?;
    let fields: Vec<(String, Rect)> = found
        .json()
        .as_array()
        .map(|all| {
            all.iter()
                .map(|f| {
                    let name = f["name"].as_str().unwrap_or_default().to_owned();
                    (name, Rect::from_json(&f["box"]))
                })
                .collect()
        })
        .unwrap_or_default();
    let rects: Vec<Rect> = fields.iter().map(|(_, r)| *r).collect();
    let pixels = painted(driver, &format!("hints-{screen}"), &rects).await?;
    driver
        .execute(
            "window.__hintsFocus?.focus?.({ preventScroll: true }); delete window.__hintsFocus;",
            Vec::new(),
        )
        .await?;
    let mut measured = 0;
    let mut faint = Vec::new();
    for ((field, _), pixels) in fields.iter().zip(&pixels) {
        // An empty field that draws no hint at all has nothing to read.
        let Some((background, text)) = faintest_glyph(pixels) else {
            continue;
        };
        measured += 1;
        let ratio = contrast(text, background);
        if ratio < 4.5 {
            faint.push(format!(
                "{field}: {ratio:.2}:1 (text {text:?} on {background:?})"
            ));
        }
    }
    assert!(
        faint.is_empty(),
        "hint text below 4.5:1 on the {screen} screen:\n{}",
        faint.join("\n")
    );
    Ok(measured)
}
