//! What reaches the terminal. Every line the command line prints goes through here, because
//! much of it came from data: titles, provider names, notes, and what others wrote (their
//! comments, their names). A terminal obeys control characters: an escape sequence in a
//! title could recolour the screen, rewrite what was printed above it, or (OSC 52) put text
//! on the clipboard. Attune itself prints no control characters, so every one in the output
//! came from data, and is shown as text instead: `\u001b` for ESC, `\u009b` for the C1
//! CSI. Line ends (`\n`, and `\r\n` in a CSV) and tabs pass. In `--json` output the escape
//! is a JSON escape of the same character (serde_json already escapes C0 inside strings; C1
//! and DEL it writes raw), so the JSON stays valid and means the same.

use std::borrow::Cow;
use std::io::{Stderr, Stdout, Write};

/// A writer that shows control characters as text (see the module comment).
#[derive(Debug)]
pub(crate) struct Shown<W: Write>(W);

/// Standard output, through the escaping.
pub(crate) fn stdout() -> Shown<Stdout> {
    Shown(std::io::stdout())
}

/// Standard output as it is, for what must not be escaped and holds no text from a vault:
/// a shell completion script (`attune completions`) and the manual page (`attune manpage`).
pub(crate) fn script_stdout() -> Stdout {
    std::io::stdout()
}

/// Standard error, through the escaping.
pub(crate) fn stderr() -> Shown<Stderr> {
    Shown(std::io::stderr())
}

impl<W: Write> Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write_all(&escape_controls(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// `bytes` (UTF-8 text) with every C0 control but tab and line feed, DEL and every C1
/// control written as `\u00XX`; a carriage return is kept only right before a line feed.
/// Text is handed over whole characters at a time (`write!` writes whole `str`s), so a C1
/// character (`C2 80`–`C2 9F` in UTF-8) is never split between two calls.
fn escape_controls(bytes: &[u8]) -> Cow<'_, [u8]> {
    let is_c1 =
        |i: usize| bytes[i] == 0xC2 && bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b));
    let must_escape = |i: usize| match bytes[i] {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        b => b < 0x20 || b == 0x7F || is_c1(i),
    };
    if !(0..bytes.len()).any(must_escape) {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        if must_escape(i) {
            let (code, width) = if is_c1(i) {
                (bytes[i + 1], 2)
            } else {
                (bytes[i], 1)
            };
            out.extend_from_slice(format!("\\u{code:04x}").as_bytes());
            i += width;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn shown(s: &str) -> String {
        String::from_utf8(escape_controls(s.as_bytes()).into_owned()).unwrap()
    }

    #[test]
    fn controls_from_data_are_shown_as_text() {
        assert_eq!(
            shown("plain, été\tand\nlines\r\n"),
            "plain, été\tand\nlines\r\n"
        );
        assert_eq!(shown("a\x1b]52;c;aGk=\x07b"), "a\\u001b]52;c;aGk=\\u0007b");
        assert_eq!(shown("x\u{9b}31my\u{85}"), "x\\u009b31my\\u0085");
        assert_eq!(
            shown("del\x7f cr\ralone\0"),
            "del\\u007f cr\\u000dalone\\u0000"
        );
        // Neighbours of C1 in UTF-8 are left alone: U+00A0 and U+00BF.
        assert_eq!(shown("\u{a0}\u{bf}"), "\u{a0}\u{bf}");
    }

    #[test]
    fn json_stays_valid_and_equal() {
        let title = "t\x1b[2J\u{9b}\x7f";
        let json = serde_json::to_string(&serde_json::json!({ "title": title })).unwrap();
        let out = shown(&json);
        assert!(!out.bytes().any(|b| b == 0x1b || b == 0x7f), "{out}");
        assert!(!out.contains('\u{9b}'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["title"], title);
    }

    #[test]
    fn every_print_goes_through_here() {
        // The one layer: no command prints around it.
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        let mut offenders = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("terminal.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for bad in [
                    "println!",
                    "print!(",
                    "eprint",
                    "io::stdout()",
                    "io::stderr()",
                ] {
                    if text.contains(bad) {
                        offenders.push(format!("{}: {bad}", path.display()));
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "print through terminal.rs: {offenders:?}"
        );
    }
}
