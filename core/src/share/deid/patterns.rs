//! The patterns of the hints, compiled once, and how they are run: every match resumed where
//! the last hint ended, as JavaScript's global `exec` did.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::chars::WS;
use crate::error::{Error, Result};

/// Whether `c` is in `\p{L}` (a letter).
pub(super) fn is_letter(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let mut buf = [0u8; 4];
    p.letter.is_match(c.encode_utf8(&mut buf))
}

/// Whether `c` is in `\p{L}` or `\p{N}` (a letter or a number): what a word is made of.
pub(super) fn is_letter_or_number(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // `char::is_numeric` is exactly the general categories Nd, Nl and No, that is `\p{N}`.
    c.is_numeric() || is_letter(c, p)
}

pub(super) struct Patterns {
    /// `\p{L}`, for one character at a time.
    pub(super) letter: Regex,
    /// Phone numbers: the pattern, and the fewest and most digits its numbers have.
    pub(super) phones: [(Regex, usize, usize); 3],
    pub(super) date_dmy_or_mdy: Regex,
    pub(super) date_ymd: Regex,
    pub(super) date_month_day_year: Regex,
    pub(super) date_day_month_year: Regex,
    pub(super) address: Regex,
    pub(super) po_box: Regex,
}

pub(super) static PATTERNS: LazyLock<std::result::Result<Patterns, regex::Error>> =
    LazyLock::new(Patterns::new);

pub(super) fn patterns() -> Result<&'static Patterns> {
    PATTERNS
        .as_ref()
        .map_err(|e| Error::Internal(format!("a de-identification pattern is invalid: {e}")))
}

/// A space inside a number or an address.
pub(super) const SP: &str = r"[ \x{A0}]";
/// A separator between digit groups.
pub(super) const SEP: &str = r"[ \x{A0}.\-]";
/// What may come before a phone number.
pub(super) const PHONE_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}+])";
/// What may follow a phone number: no digit, and no `.` or `-` then a digit.
pub(super) const PHONE_END: &str = r"(?:$|[^0-9.\-]|[.\-](?:$|[^0-9]))";
/// What may come before a numeric date.
pub(super) const NUM_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}./\-])";
/// What may follow a numeric date: no digit, and no `.`, `/` or `-` then a digit.
pub(super) const NUM_END: &str = r"(?:$|[^0-9./\-]|[./\-](?:$|[^0-9]))";
/// What may come before a word.
pub(super) const WORD_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}])";
/// What may follow a word.
pub(super) const WORD_END: &str = r"(?:$|[^\p{L}\p{N}])";
pub(super) const MONTH: &str = "(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
pub(super) const MONTH_INDEX: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
pub(super) const ORDINAL: &str = "(?:st|nd|rd|th)?";

/// Street words, as written (either capitalisation of the first letter, or all capitals).
pub(super) const STREET_WORDS: [&str; 39] = [
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Av",
    "Road",
    "Rd",
    "Lane",
    "Ln",
    "Drive",
    "Dr",
    "Boulevard",
    "Blvd",
    "Court",
    "Ct",
    "Way",
    "Place",
    "Pl",
    "Terrace",
    "Terr",
    "Ter",
    "Circle",
    "Cir",
    "Parkway",
    "Pkwy",
    "Highway",
    "Hwy",
    "Square",
    "Sq",
    "Trail",
    "Trl",
    "Crescent",
    "Cres",
    "Close",
    "Grove",
    "Gardens",
    "Mews",
    "Alley",
    "Plaza",
];
pub(super) const APARTMENT_WORDS: [&str; 8] = [
    "Apartment",
    "Apt",
    "Unit",
    "Suite",
    "Ste",
    "Flat",
    "Room",
    "Rm",
];

/// "2 Family Court hearings" is about a court, not a home.
pub(super) const NOT_A_STREET_BEFORE_COURT: [&str; 19] = [
    "family",
    "juvenile",
    "county",
    "district",
    "supreme",
    "superior",
    "probate",
    "youth",
    "drug",
    "dependency",
    "circuit",
    "crown",
    "high",
    "magistrates",
    "magistrates'",
    "federal",
    "appeals",
    "children's",
    "childrens",
];

/// "Street" -> "[Ss]treet|STREET".
pub(super) fn any_first_case(word: &str) -> String {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or_default();
    let rest = chars.as_str();
    format!(
        "[{}{}]{rest}|{}",
        first.to_uppercase(),
        first.to_lowercase(),
        word.to_uppercase()
    )
}

/// The words as one alternation, longest first (a stable sort, as before).
pub(super) fn alternation(words: &[&str]) -> String {
    let mut sorted = words.to_vec();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    sorted
        .iter()
        .map(|w| any_first_case(w))
        .collect::<Vec<_>>()
        .join("|")
}

impl Patterns {
    fn new() -> std::result::Result<Patterns, regex::Error> {
        let d = "[0-9]";
        // North American: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567,
        // 1-800-555-1234.
        let north_american = format!(
            r"{PHONE_BOUNDARY}(?P<hint>(?:\+?1{SEP}?)?(?:\({d}{{3}}\){SP}?|{d}{{3}}{SEP}){d}{{3}}{SEP}{d}{{4}}){PHONE_END}"
        );
        // International with a country code: +44 20 7946 0958, +44 (0)20 7946 0958,
        // +33 6 12 34 56 78, +49 30 12345678, +447946095800.
        let international = format!(
            r"{PHONE_BOUNDARY}(?P<hint>\+{d}{{1,3}}(?:{SEP}?\({d}{{1,4}}\){SEP}?{d}{{1,8}}|{SEP}{d}{{1,8}}){{1,6}}|\+{d}{{7,15}}){PHONE_END}"
        );
        // National with a trunk 0 and one repeated separator: 06 12 34 56 78, 020 7946 0958,
        // 07700 900123, 0612345678. The repeated separator and the digit count keep
        // 04.03.2023 out. (One branch per separator: `regex` has no backreferences.)
        let repeated = [" ", r"\x{A0}", r"\.", "-"]
            .map(|s| format!("{s}{d}{{2,8}}(?:{s}{d}{{2,8}}){{0,5}}"))
            .join("|");
        let national =
            format!(r"{PHONE_BOUNDARY}(?P<hint>0{d}{{1,4}}(?:{repeated})|0{d}{{9,10}}){PHONE_END}");
        // 03/14/2023, 14.03.2023, 14-03-2023, 3/14/23, 14.3.23.
        let dmy_or_mdy = ["/", r"\.", "-"]
            .map(|s| format!("{d}{{1,2}}{s}{d}{{1,2}}{s}(?:{d}{{4}}|{d}{{2}})"))
            .join("|");
        // 2023-03-14, 2023/3/14, 2023.03.14.
        let ymd = ["/", r"\.", "-"]
            .map(|s| format!("{d}{{4}}{s}{d}{{1,2}}{s}{d}{{1,2}}"))
            .join("|");
        // March 14, 2023; Mar 14 2023; Sept. 3rd, 2023.
        let month_day_year = format!(
            r"(?i){WORD_BOUNDARY}(?P<hint>{MONTH}\.?[{WS}]+(?P<day>{d}{{1,2}}){ORDINAL}(?:,[{WS}]*|[{WS}]+)(?P<year>{d}{{4}})){WORD_END}"
        );
        // 14 March 2023; 14th of March, 2023; 14-Mar-2023.
        let day_month_year = format!(
            r"(?i){WORD_BOUNDARY}(?P<hint>(?P<day>{d}{{1,2}}){ORDINAL}(?:[{WS}]+(?:of[{WS}]+)?|-){MONTH}\.?(?:,[{WS}]*|[{WS}]+|-)(?P<year>{d}{{4}})){WORD_END}"
        );
        // A house number, one to four street-name words (capitalised, or an ordinal such as
        // 5th), a street word, optionally an apartment. The capital letter is what keeps
        // "3 weeks on the road" out; "12 oak street" in lower case is therefore not found.
        // A full stop right after the street word belongs to the sentence, unless an
        // apartment follows.
        let address = format!(
            r"{WORD_BOUNDARY}(?P<hint>{d}{{1,5}}[A-Za-z]?(?:[/\-]{d}{{1,5}}[A-Za-z]?)?{SP}+(?P<words>(?:(?:\p{{Lu}}[\p{{L}}'’\-]{{0,40}}\.?|{d}{{1,3}}(?:st|nd|rd|th)){SP}+){{1,4}})(?P<street>{streets})(?:\.?,?{SP}*(?:(?:{apartments})\.?{SP}*\#?{SP}*|\#{SP}*)[A-Za-z0-9]{{1,6}}(?:-[A-Za-z0-9]{{1,6}})?)?){WORD_END}",
            streets = alternation(&STREET_WORDS),
            apartments = alternation(&APARTMENT_WORDS),
        );
        // "PO Box 123", "P.O. Box 123", "Post Office Box 12".
        let po_box = format!(
            r"{WORD_BOUNDARY}(?P<hint>(?:[Pp]\.?{SP}?[Oo]\.?|[Pp]ost{SP}+[Oo]ffice){SP}*(?:[Bb]ox|BOX){SP}*\#?{SP}*{d}{{1,6}})(?:$|[^0-9])"
        );
        Ok(Patterns {
            letter: Regex::new(r"\A\p{L}\z")?,
            phones: [
                (Regex::new(&north_american)?, 10, 11),
                (Regex::new(&international)?, 8, 16),
                (Regex::new(&national)?, 9, 12),
            ],
            date_dmy_or_mdy: Regex::new(&format!("{NUM_BOUNDARY}(?P<hint>{dmy_or_mdy}){NUM_END}"))?,
            date_ymd: Regex::new(&format!("{NUM_BOUNDARY}(?P<hint>{ymd}){NUM_END}"))?,
            date_month_day_year: Regex::new(&month_day_year)?,
            date_day_month_year: Regex::new(&day_month_year)?,
            address: Regex::new(&address)?,
            po_box: Regex::new(&po_box)?,
        })
    }
}

/// Every match of `re` over `text` as JavaScript's global `exec` found them: `re` has a
/// `hint` group, and the next search resumes where the hint ended (the characters after it,
/// standing in for a look-ahead, are not consumed). Calls `each` with the match and the hint's
/// byte range.
pub(super) fn each_match<'t>(
    re: &Regex,
    text: &'t str,
    mut each: impl FnMut(&Captures<'t>, usize, usize),
) {
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            return;
        };
        let Some(hint) = caps.name("hint") else {
            return;
        };
        if hint.end() <= at {
            // Every hint is a few characters long; never loop on an empty one.
            return;
        }
        each(&caps, hint.start(), hint.end());
        at = hint.end();
    }
}
