//! Character classes as JavaScript's, which the hints were first written in: `\s` and
//! `String.prototype.trim`.

/// JavaScript's `\s`: its white space and line terminators. (Unicode's White_Space, which
/// `char::is_whitespace` follows, differs by U+0085 and U+FEFF.)
pub(super) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// JavaScript's `\s` as a regex class body.
pub(super) const WS: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// `s` without JavaScript white space at either end (as `String.prototype.trim`).
pub(super) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}
