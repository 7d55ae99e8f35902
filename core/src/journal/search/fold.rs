//! Text folding: lower case and accents removed, split into words, with an ASCII fast path.

use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// ASCII byte classes for the fast path of folding: 0 ends a word, 1 is a word byte kept as
/// is (a lower-case letter or a digit), 2 an upper-case letter.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = if b.is_ascii_lowercase() || b.is_ascii_digit() {
            1
        } else if b.is_ascii_uppercase() {
            2
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Folds one character onto the word being built: lower case, accents removed. Returns
/// `false` when the character ends a word (it is not a letter, a digit or an accent). The
/// general path, for any character; [`fold_words`] uses it for everything not ASCII.
fn fold_char(c: char, w: &mut String) -> bool {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            w.push(c.to_ascii_lowercase());
            return true;
        }
        false
    } else if is_combining_mark(c) {
        // An accent typed as a separate code point belongs to the word it follows.
        true
    } else if c.is_alphanumeric() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                w.extend(d.to_lowercase());
            }
        });
        true
    } else {
        false
    }
}

/// The first character after ASCII, and the end of [`LATIN`].
const LATIN_START: u32 = 0x80;
const LATIN_END: u32 = 0x250;

/// How [`fold_char`] folds each character of U+0080..U+024F (Latin-1 Supplement, Latin
/// Extended-A and -B: the accented letters of most European languages): `None` when the
/// character ends a word, else what it appends. Computed once, by `fold_char` itself, so
/// the table gives exactly its result without decomposing each character again.
static LATIN: LazyLock<Vec<Option<Box<str>>>> = LazyLock::new(|| {
    (LATIN_START..LATIN_END)
        .map(|u| {
            let c = char::from_u32(u)?;
            let mut w = String::new();
            fold_char(c, &mut w).then(|| w.into_boxed_str())
        })
        .collect()
});

/// Folds a character outside ASCII onto `w`, as [`fold_char`] does; through [`LATIN`] when
/// it is there.
#[inline]
fn fold_non_ascii(c: char, w: &mut String, latin: &[Option<Box<str>>]) -> bool {
    match (c as usize)
        .checked_sub(LATIN_START as usize)
        .and_then(|i| latin.get(i))
    {
        Some(Some(folded)) => {
            w.push_str(folded);
            true
        }
        Some(None) => false,
        None => fold_char(c, w),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// For each byte of `x` (each below 0x80), the byte's high bit set iff it is at least `c`.
/// No byte carries into the next: at most 0x7f + 0x80 - `c` with `c` above 0.
#[inline]
fn bytes_at_least(x: u64, c: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - c)) & HIGHS
}

/// Classifies eight bytes at once: the high bit of each byte set where it is an ASCII
/// letter or digit, and where it is an ASCII upper-case letter.
#[inline]
fn classify8(chunk: u64) -> (u64, u64) {
    let ascii = !chunk & HIGHS;
    let x = chunk & !HIGHS;
    let between = |lo: u8, hi: u8| bytes_at_least(x, lo) & !bytes_at_least(x, hi + 1);
    let upper = between(b'A', b'Z') & ascii;
    let word = (between(b'0', b'9') | between(b'a', b'z')) & ascii | upper;
    (word, upper)
}

/// The end of the run of ASCII letters and digits starting at `i`, and whether it has an
/// upper-case letter. Eight bytes at a time while eight are left, then byte by byte.
#[inline]
fn ascii_run(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut upper = false;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(chunk);
        let (word, up) = classify8(u64::from_le_bytes(a));
        let stop = !word & HIGHS;
        if stop == 0 {
            upper |= up != 0;
            i += 8;
            continue;
        }
        // The bytes before the first that is not a word byte (little-endian: low first).
        let k = stop.trailing_zeros() as usize / 8;
        let before = (1u64 << (k * 8)).wrapping_sub(1);
        upper |= up & before != 0;
        return (i + k, upper);
    }
    while let Some(&b) = bytes.get(i) {
        let class = ASCII_CLASS.get(usize::from(b)).copied().unwrap_or(3);
        if class == 0 || class == 3 {
            break;
        }
        upper |= class == 2;
        i += 1;
    }
    (i, upper)
}

/// Appends an ASCII run to `w`, lower-cased if it has upper-case letters.
fn push_ascii_lower(w: &mut String, run: &str, upper: bool) {
    let from = w.len();
    w.push_str(run);
    if upper {
        w[from..].make_ascii_lowercase();
    }
}

/// The folding loop behind [`for_each_folded_word`], with the caller's scratch buffer.
///
/// Fast path: most prose is ASCII, so runs of ASCII letters and digits are scanned as bytes,
/// and a word that is already lower case and ends in ASCII is passed straight from `text`
/// without copying. Any other character goes through [`fold_char`], the general path
/// (accented Latin letters through its results, tabulated), and the word it belongs to is
/// built in `w`. The result is exactly that of folding every character with [`fold_char`]
/// (property tests check it against the folding loop as it was before the fast path).
#[inline]
pub(super) fn fold_words(text: &str, w: &mut String, word: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let latin: &[Option<Box<str>>] = &LATIN;
    let mut i = 0;
    w.clear();
    while i < n {
        let start = i;
        let (end, upper) = ascii_run(bytes, i);
        i = end;
        // `start` and `i` sit on ASCII bytes (or the end), so they are character boundaries.
        let run = text.get(start..i).unwrap_or_default();
        match bytes.get(i) {
            // The run ends at the end of the text or at an ASCII separator.
            None | Some(0..=0x7f) => {
                if !w.is_empty() {
                    push_ascii_lower(w, run, upper);
                    word(w.as_str());
                    w.clear();
                } else if upper {
                    push_ascii_lower(w, run, true);
                    word(w.as_str());
                    w.clear();
                } else if !run.is_empty() {
                    word(run);
                }
                // Step over the separator.
                i += 1;
            }
            // A character outside ASCII: the general path.
            Some(_) => {
                push_ascii_lower(w, run, upper);
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                if !fold_non_ascii(c, w, latin) && !w.is_empty() {
                    word(w.as_str());
                    w.clear();
                }
            }
        }
    }
    if !w.is_empty() {
        word(w.as_str());
        w.clear();
    }
}

/// Calls `word` with each folded word of `text`: lower case, accents removed, split on
/// anything that is not a letter or digit.
pub fn for_each_folded_word(text: &str, mut word: impl FnMut(&str)) {
    let mut w = String::new();
    fold_words(text, &mut w, &mut word);
}

/// Folds `text` into its words separated by single spaces (for comparisons and for the UI's
/// highlighting).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_folded_word(text, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Folding exactly as it was before the ASCII fast path (every character decoded and
    /// folded one by one): the reference the fast path must agree with.
    fn reference_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut w = String::with_capacity(32);
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    w.push(c.to_ascii_lowercase());
                    continue;
                }
            } else if is_combining_mark(c) {
                continue;
            } else if c.is_alphanumeric() {
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        w.extend(d.to_lowercase());
                    }
                });
                continue;
            }
            if !w.is_empty() {
                out.push(w.clone());
                w.clear();
            }
        }
        if !w.is_empty() {
            out.push(w);
        }
        out
    }

    pub(in crate::journal::search) fn fast_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_folded_word(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn fast_path_agrees_with_reference_on_edge_cases() {
        for text in [
            "",
            " ",
            "a",
            "A",
            "ABC def GHi",
            "a\u{301}",
            "\u{301}a",
            "\u{301}",
            " \u{301} ",
            "Cafe\u{301}s CAFÉ café",
            "ABC\u{e9}DEF",
            "\u{e9}ABC",
            "x\u{200b}y",
            "İstanbul ﬁne Kelvin \u{212a} Å ß ẞ",
            "«quoted» “curly” — dash…",
            "tab\tnew\nline\r\n end",
            "mixed123Numbers 4567 ٣٤ ①②",
            "日本語のテキスト 中文",
            "Ørsted straße 12b",
            "emoji 😀 in\u{1F600}between",
            "\u{7f}\u{0}ctrl\u{1}",
            "ends with accent e\u{301}",
            "ÀÉÎÕÜ àéîõü ÇçÑñ",
        ] {
            assert_eq!(fast_words(text), reference_words(text), "{text:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_reference_on_every_ascii_byte_at_every_offset() {
        // Every ASCII byte between letters, at every position of an eight-byte chunk (the
        // fast path classifies eight bytes at a time), and in long runs with upper case.
        let ascii: String = (0u8..128).map(char::from).collect();
        for pad in 0..16 {
            let lead = "aB".repeat(pad);
            for c in ascii.chars() {
                let text = format!("{lead}x{c}Yz{c}{c}0123456789abcdefGHIJ{c}é{c}");
                assert_eq!(fast_words(&text), reference_words(&text), "{text:?}");
            }
            let text = format!("{lead}{ascii}{ascii}Ünïcödé{lead}");
            assert_eq!(fast_words(&text), reference_words(&text), "{text:?}");
        }
    }

    #[test]
    fn latin_table_matches_the_general_path() {
        for u in LATIN_START..LATIN_END {
            let c = char::from_u32(u).unwrap();
            let (mut a, mut b) = (String::new(), String::new());
            assert_eq!(
                fold_non_ascii(c, &mut a, &LATIN),
                fold_char(c, &mut b),
                "{c:?}"
            );
            assert_eq!(a, b, "{c:?}");
        }
    }

    pub(in crate::journal::search) fn mixed_text(
    ) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => "[a-z]{1,8}",
            2 => "[A-Za-z0-9]{1,8}",
            2 => "[ .,;:!?'\"()\\-\t\n]{1,2}",
            1 => "[À-ÿ]{1,2}",
            1 => "[\u{300}-\u{36f}]",
            1 => "[Α-ωа-яİıßﬁ\u{212a}Åẞ]{1,3}",
            1 => "[\u{2000}-\u{206f}\u{3000}-\u{30ff}]",
            1 => "\\PC",
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]

        /// The ASCII fast path folds exactly like the general path, for any text.
        #[test]
        fn fast_path_folds_like_general_path_mixed(text in mixed_text()) {
            proptest::prop_assert_eq!(fast_words(&text), reference_words(&text));
        }

        #[test]
        fn fast_path_folds_like_general_path_any(text in "\\PC{0,80}", raw in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(fast_words(&text), reference_words(&text));
            proptest::prop_assert_eq!(fast_words(&raw), reference_words(&raw));
        }
    }

    #[test]
    fn folding_removes_case_and_accents() {
        assert_eq!(fold("Lucía ÉLAN naïve"), "lucia elan naive");
        assert_eq!(fold("Cafe\u{301}, crème-brûlée!"), "cafe creme brulee");
        assert_eq!(fold("  "), "");
        assert_eq!(fold("Ørsted straße 12b"), "ørsted straße 12b");
    }
}
