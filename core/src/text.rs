//! What counts as text in what a person types: no control characters. A terminal, a log
//! viewer or another person's Attune would obey them (an escape sequence that rewrites the
//! screen or puts text on the clipboard), and they are never part of what someone writes.
//! Refused at input only: records saved before this rule still open (formats are forever),
//! and the shells show any control character in them as text.

use crate::error::{Error, Result};

/// Whether a field holds lines of prose or a single line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line (a title, a name, a tag): no tab, no line break.
    One,
    /// Prose (a reflection's section, a note, a comment): tab, line feed and carriage
    /// return are text.
    Many,
}

/// Whether `c` is a control character refused in a field of `lines`: C0 (U+0000–U+001F)
/// but the line breaks and tab prose may hold, DEL (U+007F), and C1 (U+0080–U+009F).
fn refused(c: char, lines: Lines) -> bool {
    match c {
        '\t' | '\n' | '\r' => lines == Lines::One,
        _ => c.is_control(),
    }
}

/// Refuses `text` if it holds a control character: [`Error::InvalidInput`] naming `field`
/// and the character (`U+001B`), and where it is (counted in characters, from 1).
pub fn check_no_controls(field: &str, text: &str, lines: Lines) -> Result<()> {
    match text.chars().enumerate().find(|(_, c)| refused(*c, lines)) {
        None => Ok(()),
        Some((i, c)) => Err(Error::invalid(
            field,
            format!(
                "has a control character (U+{:04X}) at character {}; {}",
                u32::from(c),
                i + 1,
                match lines {
                    Lines::One => "only printable text fits here (no tabs or line breaks)",
                    Lines::Many => "only printable text, tabs and line breaks fit here",
                }
            ),
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn printable_text_passes_and_controls_are_refused_by_name() {
        for ok in ["Lucía Pérez", "日本語 ok", "a\u{a0}b", "🙂", ""] {
            check_no_controls("title", ok, Lines::One).unwrap();
        }
        check_no_controls("self", "one\n\ttwo\r\nthree", Lines::Many).unwrap();
        for (bad, lines, code) in [
            ("a\x1b]52;c;SGk=\x07", Lines::Many, "U+001B"),
            ("x\u{9b}2J", Lines::Many, "U+009B"),
            ("nel\u{85}", Lines::Many, "U+0085"),
            ("del\x7f", Lines::Many, "U+007F"),
            ("nul\0", Lines::Many, "U+0000"),
            ("tab\there", Lines::One, "U+0009"),
            ("two\nlines", Lines::One, "U+000A"),
        ] {
            let err = check_no_controls("title", bad, lines).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidInput);
            let Error::InvalidInput { field, message, .. } = &err else {
                unreachable!()
            };
            assert_eq!(field, "title");
            assert!(message.contains(code), "{message}");
        }
        let err = check_no_controls("note", "ab\x1bc", Lines::Many).unwrap_err();
        assert!(err.to_string().contains("at character 3"), "{err}");
    }
}
