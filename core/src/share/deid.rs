//! De-identification hints: what in a piece of writing could identify a family (phone
//! numbers, e-mail addresses, full dates, street addresses, and the names on the writer's
//! own "names to avoid" list). The editor underlines them while the person writes, the share
//! check flags them before anything leaves, and `attune share --dry-run` lists them. It is
//! advice, never a gate: nothing here stops a save or a share.
//!
//! This is the one implementation; it was TypeScript in the window before, and it keeps that
//! version's behaviour (the cases of its tests are the tests here). So:
//! - offsets are **UTF-16 code units** into the text as given, which is what the window's
//!   JavaScript slices with: `text.slice(hint.start, hint.end) === hint.text`;
//! - `\d` means the ASCII digits and `\s` JavaScript's white space ([`is_js_space`]), as they
//!   did in the JavaScript patterns;
//! - a pattern's negative look-ahead (which the `regex` crate does not have) is written as the
//!   characters that may follow, consumed, and the next search resumes where the hint ended:
//!   exactly where JavaScript's `lastIndex` resumed, so matches come out the same.
//!
//! Bounded on long text: the patterns run on the `regex` crate, whose matching time is
//! linear in the text whatever the pattern (no backtracking blow-ups); e-mail addresses are
//! found by expanding around each `@`, and names by walking a trie of the folded names, so the
//! whole check is linear in the text (times the longest name at most).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::Serialize;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::bundle::{Section, SharedItem};
use crate::error::{Error, Result};

#[cfg(test)]
mod tests;

/// What kind of identifying detail a hint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HintKind {
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A date with its day, month and year (a date of birth, say).
    FullDate,
    /// A street address or a post-office box.
    Address,
    /// A name from the writer's list of names to avoid.
    Name,
}

impl HintKind {
    /// Every kind, in the order the window lists them.
    pub const ALL: [HintKind; 5] = [
        HintKind::Phone,
        HintKind::Email,
        HintKind::FullDate,
        HintKind::Address,
        HintKind::Name,
    ];

    /// The name used in JSON and on the command line (`full_date`).
    pub fn as_str(self) -> &'static str {
        match self {
            HintKind::Phone => "phone",
            HintKind::Email => "email",
            HintKind::FullDate => "full_date",
            HintKind::Address => "address",
            HintKind::Name => "name",
        }
    }

    /// Why this kind of detail matters, and what to write instead: one plain sentence.
    pub fn reason(self) -> &'static str {
        match self {
            HintKind::Phone => {
                "A phone number leads straight to a family; leave it out of the reflection."
            }
            HintKind::Email => {
                "An e-mail address names a person; leave it out, or write the pseudonym instead."
            }
            HintKind::FullDate => {
                "A full date can identify a family (a date of birth); the child's age in months is safer."
            }
            HintKind::Address => {
                "A street address shows where a family lives; a general description such as \"their flat\" is safer."
            }
            HintKind::Name => {
                "This is on your list of names to avoid; use the family's pseudonym or initials instead."
            }
        }
    }

    /// Which kind wins when two candidates of the same length overlap (lower first).
    fn priority(self) -> u8 {
        match self {
            HintKind::Email => 0,
            HintKind::Phone => 1,
            HintKind::FullDate => 2,
            HintKind::Address => 3,
            HintKind::Name => 4,
        }
    }
}

/// One detail that could identify a family, found in a text.
///
/// `start` and `end` are **UTF-16 code-unit offsets** into the text as given (not bytes, not
/// characters): the window's JavaScript slices with them, `text.slice(start, end) === text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hint {
    /// What it is.
    pub kind: HintKind,
    /// UTF-16 offset of its first character.
    pub start: usize,
    /// UTF-16 offset just past its last character (exclusive).
    pub end: usize,
    /// The text found, exactly as written.
    pub text: String,
    /// What makes two hints of a kind the same thing, so that "replace all" in the editor
    /// replaces every spelling of it: a phone number's digits, an e-mail address in lower
    /// case, a name folded (case, accents, spacing), a date or address folded.
    pub key: String,
}

/// Something in a share that could identify a family: which reflection, where in it, and
/// what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// The id of the reflection it is in.
    pub reflection_id: String,
    /// The reflection as the person knows it: its title, or "Reflection of YYYY-MM-DD".
    pub reflection: String,
    /// The section it is in; none when it is in the title.
    pub section: Option<Section>,
    /// Where, in the window's words: "Title" or the section's label ([`Section::label`]).
    #[serde(rename = "where")]
    pub place: String,
    /// What was found; its offsets are into the title or the section's text.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub hint: Hint,
}

/// Everything in `text` that could identify a family, sorted by `start`, never overlapping.
///
/// When candidates overlap, the longest span wins (it hides the most); on equal length the
/// kind order email, phone, full date, address, name decides, then the earlier start. So
/// "lucia.gomez@example.org" is one e-mail hint even if "Gomez" is a name to avoid, and
/// "March 14, 2023" is one date hint even if "March" is.
///
/// `names_to_avoid` entries match whole words only, ignoring case, accents and compatibility
/// forms ("Lucía" finds "LUCIA", "Ana" does not find "banana"); a multi-word entry ("Mary
/// Ann") matches across any spaces or hyphens ("Mary-Ann"). Blank entries are ignored.
///
/// Fails only if this build's own patterns do not compile (a bug the tests catch).
pub fn find_hints<S: AsRef<str>>(text: &str, names_to_avoid: &[S]) -> Result<Vec<Hint>> {
    let patterns = patterns()?;
    let names = NameTrie::new(names_to_avoid);
    Ok(hints_in(text, patterns, &names))
}

/// What in a share could identify a family: for each reflection among `items`, its title and
/// each of its shared sections, in the order they are shown. The family field is the
/// pseudonym itself and is not checked; sessions carry no free text but the provider's name,
/// which is the point of sending them.
pub fn share_findings<S: AsRef<str>>(
    items: &[SharedItem],
    names_to_avoid: &[S],
) -> Result<Vec<Finding>> {
    let patterns = patterns()?;
    let names = NameTrie::new(names_to_avoid);
    let mut out = Vec::new();
    for item in items {
        let SharedItem::Reflection(r) = item else {
            continue;
        };
        let title = js_trim(&r.title);
        let label = if title.is_empty() {
            format!("Reflection of {}", r.date)
        } else {
            title.to_owned()
        };
        let fields = std::iter::once((None, "Title", r.title.as_str())).chain(
            r.sections
                .iter()
                .map(|(section, text)| (Some(*section), section.label(), text.as_str())),
        );
        for (section, place, text) in fields {
            for hint in hints_in(text, patterns, &names) {
                out.push(Finding {
                    reflection_id: r.id.clone(),
                    reflection: label.clone(),
                    section,
                    place: place.to_owned(),
                    hint,
                });
            }
        }
    }
    Ok(out)
}

fn hints_in(text: &str, patterns: &Patterns, names: &NameTrie) -> Vec<Hint> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    find_emails(text, patterns, &mut found);
    find_phones(text, patterns, &mut found);
    find_dates(text, patterns, &mut found);
    find_addresses(text, patterns, &mut found);
    names.find(text, patterns, &mut found);
    resolve_overlaps(text, found)
}

/// A candidate hint, in byte offsets into the text.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    kind: HintKind,
    start: usize,
    end: usize,
}

// ---------------------------------------------------------------------------------------------
// Overlaps, and offsets in UTF-16

/// Keeps the longest candidates (then by kind, then the earliest), dropping any that overlap
/// one kept; returns them sorted by start, with UTF-16 offsets.
fn resolve_overlaps(text: &str, candidates: Vec<Candidate>) -> Vec<Hint> {
    let utf16 = Utf16Offsets::new(text, &candidates);
    let mut order: Vec<(Candidate, usize, usize)> = candidates
        .into_iter()
        .map(|c| (c, utf16.of(c.start), utf16.of(c.end)))
        .collect();
    // Stable, like the JavaScript sort it replaces (equal keys are the same span anyway).
    order.sort_by(|(a, a_start, a_end), (b, b_start, b_end)| {
        (b_end - b_start)
            .cmp(&(a_end - a_start))
            .then(a.kind.priority().cmp(&b.kind.priority()))
            .then(a_start.cmp(b_start))
    });
    // Kept candidates by UTF-16 start: pairwise disjoint, so starts are unique.
    let mut kept: BTreeMap<usize, (Candidate, usize)> = BTreeMap::new();
    for (c, start, end) in order {
        if kept
            .range(..start)
            .next_back()
            .is_some_and(|(_, (_, prev_end))| *prev_end > start)
        {
            continue;
        }
        if kept
            .range(start..)
            .next()
            .is_some_and(|(next_start, _)| *next_start < end)
        {
            continue;
        }
        kept.insert(start, (c, end));
    }
    kept.into_iter()
        .map(|(start, (c, end))| {
            let found = text.get(c.start..c.end).unwrap_or_default();
            Hint {
                kind: c.kind,
                start,
                end,
                text: found.to_owned(),
                key: same_key(c.kind, found),
            }
        })
        .collect()
}

/// The UTF-16 offsets of the byte offsets candidates start and end at, found in one pass.
struct Utf16Offsets {
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Offsets {
    fn new(text: &str, candidates: &[Candidate]) -> Utf16Offsets {
        let mut bytes: Vec<usize> = candidates.iter().flat_map(|c| [c.start, c.end]).collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut units = Vec::with_capacity(bytes.len());
        let mut next = bytes.iter().peekable();
        let mut count = 0;
        for (i, c) in text.char_indices() {
            while next.next_if(|&&b| b <= i).is_some() {
                units.push(count);
            }
            count += c.len_utf16();
        }
        units.extend(next.map(|_| count));
        Utf16Offsets { bytes, units }
    }

    fn of(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.units.get(i).copied().unwrap_or_default(),
            Err(_) => 0,
        }
    }
}

/// How hints of a kind compare for "replace all": see [`Hint::key`].
fn same_key(kind: HintKind, text: &str) -> String {
    match kind {
        HintKind::Phone => text.chars().filter(char::is_ascii_digit).collect(),
        HintKind::Email => text.to_lowercase(),
        HintKind::Name => name_words(&fold(text)).join(" "),
        HintKind::FullDate | HintKind::Address => {
            let folded = fold(text);
            let mut out = String::with_capacity(folded.len());
            let mut in_space = false;
            for c in folded.chars() {
                if is_js_space(c) {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
            }
            out
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Character classes, as JavaScript's

/// JavaScript's `\s`: its white space and line terminators. (Unicode's White_Space, which
/// `char::is_whitespace` follows, differs by U+0085 and U+FEFF.)
fn is_js_space(c: char) -> bool {
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
const WS: &str = r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// `s` without JavaScript white space at either end (as `String.prototype.trim`).
fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// Whether `c` is in `\p{L}` (a letter).
fn is_letter(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let mut buf = [0u8; 4];
    p.letter.is_match(c.encode_utf8(&mut buf))
}

/// Whether `c` is in `\p{L}` or `\p{N}` (a letter or a number): what a word is made of.
fn is_letter_or_number(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // `char::is_numeric` is exactly the general categories Nd, Nl and No, that is `\p{N}`.
    c.is_numeric() || is_letter(c, p)
}

// ---------------------------------------------------------------------------------------------
// The patterns, compiled once

struct Patterns {
    /// `\p{L}`, for one character at a time.
    letter: Regex,
    /// Phone numbers: the pattern, and the fewest and most digits its numbers have.
    phones: [(Regex, usize, usize); 3],
    date_dmy_or_mdy: Regex,
    date_ymd: Regex,
    date_month_day_year: Regex,
    date_day_month_year: Regex,
    address: Regex,
    po_box: Regex,
}

static PATTERNS: LazyLock<std::result::Result<Patterns, regex::Error>> =
    LazyLock::new(Patterns::new);

fn patterns() -> Result<&'static Patterns> {
    PATTERNS
        .as_ref()
        .map_err(|e| Error::Internal(format!("a de-identification pattern is invalid: {e}")))
}

/// A space inside a number or an address.
const SP: &str = r"[ \x{A0}]";
/// A separator between digit groups.
const SEP: &str = r"[ \x{A0}.\-]";
/// What may come before a phone number.
const PHONE_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}+])";
/// What may follow a phone number: no digit, and no `.` or `-` then a digit.
const PHONE_END: &str = r"(?:$|[^0-9.\-]|[.\-](?:$|[^0-9]))";
/// What may come before a numeric date.
const NUM_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}./\-])";
/// What may follow a numeric date: no digit, and no `.`, `/` or `-` then a digit.
const NUM_END: &str = r"(?:$|[^0-9./\-]|[./\-](?:$|[^0-9]))";
/// What may come before a word.
const WORD_BOUNDARY: &str = r"(?:^|[^\p{L}\p{N}])";
/// What may follow a word.
const WORD_END: &str = r"(?:$|[^\p{L}\p{N}])";
const MONTH: &str = "(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTH_INDEX: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const ORDINAL: &str = "(?:st|nd|rd|th)?";

/// Street words, as written (either capitalisation of the first letter, or all capitals).
const STREET_WORDS: [&str; 39] = [
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
const APARTMENT_WORDS: [&str; 8] = [
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
const NOT_A_STREET_BEFORE_COURT: [&str; 19] = [
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
fn any_first_case(word: &str) -> String {
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
fn alternation(words: &[&str]) -> String {
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
fn each_match<'t>(re: &Regex, text: &'t str, mut each: impl FnMut(&Captures<'t>, usize, usize)) {
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

// ---------------------------------------------------------------------------------------------
// E-mail addresses: expand around each "@" (linear, whatever the text).

fn is_email_local(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    }
    is_letter_or_number(c, p)
}

fn is_email_domain(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    }
    is_letter_or_number(c, p)
}

fn find_emails(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('@')) {
        let at = from + found;
        from = at + 1;
        let before = text.get(..at).unwrap_or_default();
        let after = text.get(at + 1..).unwrap_or_default();
        let mut start = at;
        for (i, c) in before.char_indices().rev() {
            if !is_email_local(c, p) {
                break;
            }
            start = i;
        }
        while start < at && bytes.get(start) == Some(&b'.') {
            start += 1;
        }
        let mut end = at + 1;
        for (i, c) in after.char_indices() {
            if !is_email_domain(c, p) {
                break;
            }
            end = at + 1 + i + c.len_utf8();
        }
        while end > at + 1 && matches!(bytes.get(end - 1), Some(b'.' | b'-')) {
            end -= 1;
        }
        if start == at || end == at + 1 {
            continue;
        }
        let domain = text.get(at + 1..end).unwrap_or_default();
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            continue;
        }
        let tld = labels.last().copied().unwrap_or_default();
        if tld.chars().count() < 2 || !tld.chars().all(|c| is_letter(c, p)) {
            continue;
        }
        out.push(Candidate {
            kind: HintKind::Email,
            start,
            end,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers. Three shapes, each bounded; the end may not run into more digits.

fn find_phones(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    for (re, min_digits, max_digits) in &p.phones {
        each_match(re, text, |_, start, end| {
            let digits = bytes
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .filter(|b| b.is_ascii_digit())
                .count();
            if digits < *min_digits || digits > *max_digits {
                return;
            }
            // Part of a longer dotted or dashed number (12-555-123-4567, 3.555 123 4567).
            let before = start.checked_sub(1).and_then(|i| bytes.get(i));
            let two_before = start.checked_sub(2).and_then(|i| bytes.get(i));
            if matches!(before, Some(b'.' | b'-' | b'/'))
                && two_before.is_some_and(u8::is_ascii_digit)
            {
                return;
            }
            out.push(Candidate {
                kind: HintKind::Phone,
                start,
                end,
            });
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Full dates: day, month and year all present.

fn is_valid_date(year: u32, month: u32, day: u32) -> bool {
    i32::try_from(year).is_ok_and(|y| chrono::NaiveDate::from_ymd_opt(y, month, day).is_some())
}

fn is_plausible_year(year: u32) -> bool {
    (1900..=2099).contains(&year)
}

/// 1 for "jan…", 12 for "dec…", 0 for anything else.
fn month_number(name: &str) -> u32 {
    let first: String = name.chars().take(3).collect::<String>().to_lowercase();
    MONTH_INDEX
        .iter()
        .position(|m| *m == first)
        .and_then(|i| u32::try_from(i + 1).ok())
        .unwrap_or(0)
}

fn number(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The numbers of a numeric date and its separator: "14.03.2023" -> 14, 3, "2023", '.'.
fn date_parts(hint: &str) -> Option<(u32, u32, &str, char)> {
    let sep = hint.chars().find(|c| !c.is_ascii_digit())?;
    let mut parts = hint.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    Some((number(a), number(b), c, sep))
}

fn find_dates(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    let mut push = |start, end| {
        out.push(Candidate {
            kind: HintKind::FullDate,
            start,
            end,
        })
    };
    each_match(&p.date_dmy_or_mdy, text, |_, start, end| {
        let Some((a, b, y, sep)) = date_parts(text.get(start..end).unwrap_or_default()) else {
            return;
        };
        if y.len() == 2 && sep == '-' {
            return;
        }
        let year = if y.len() == 2 {
            2000 + number(y)
        } else {
            number(y)
        };
        if y.len() == 4 && !is_plausible_year(year) {
            return;
        }
        if !is_valid_date(year, b, a) && !is_valid_date(year, a, b) {
            return;
        }
        push(start, end);
    });
    each_match(&p.date_ymd, text, |_, start, end| {
        let Some((year, month, day, _)) = date_parts(text.get(start..end).unwrap_or_default())
        else {
            return;
        };
        if is_plausible_year(year) && is_valid_date(year, month, number(day)) {
            push(start, end);
        }
    });
    for re in [&p.date_month_day_year, &p.date_day_month_year] {
        each_match(re, text, |caps, start, end| {
            let group = |name| caps.name(name).map_or("", |m| m.as_str());
            let year = number(group("year"));
            let month = month_number(group("month"));
            if is_plausible_year(year) && is_valid_date(year, month, number(group("day"))) {
                push(start, end);
            }
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Street addresses and post-office boxes.

fn find_addresses(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    each_match(&p.address, text, |caps, start, end| {
        let street = caps
            .name("street")
            .map_or(String::new(), |m| m.as_str().to_lowercase());
        if street == "court" || street == "ct" {
            let words = caps
                .name("words")
                .map_or(String::new(), |m| js_trim(m.as_str()).to_lowercase());
            let about_a_court = words
                .split(is_js_space)
                .filter(|w| !w.is_empty())
                .any(|w| NOT_A_STREET_BEFORE_COURT.contains(&w.replacen('’', "'", 1).as_str()));
            if about_a_court {
                return;
            }
        }
        out.push(Candidate {
            kind: HintKind::Address,
            start,
            end,
        });
    });
    each_match(&p.po_box, text, |_, start, end| {
        out.push(Candidate {
            kind: HintKind::Address,
            start,
            end,
        });
    });
}

// ---------------------------------------------------------------------------------------------
// Names to avoid: matched on a folded copy of the text, mapped back to original offsets.

/// Whether `c` is an invisible character that may sit inside a word (soft hyphen, zero-width
/// spaces and joiners).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Letters that compatibility decomposition leaves alone but readers take for accented forms
/// of plain ones, and punctuation with a plain twin.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ħ' => "h",
        'ı' => "i",
        'ŀ' => "l",
        'ς' => "σ",
        '’' | '‘' | 'ʼ' => "'",
        '‐' | '‑' => "-",
        _ => return None,
    })
}

/// How one character compares: lower case, no accents (marks), compatibility forms
/// unfolded (full-width letters, ligatures), invisible characters dropped. Pushes zero or
/// more characters.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) || is_invisible(l) {
                continue;
            }
            match special_fold(l) {
                Some(s) => s.chars().for_each(&mut push),
                None => push(l),
            }
        }
    });
}

/// `text` folded ([`fold_char`]).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

/// Whether `c` separates the words of a name: white space or a hyphen.
fn is_name_separator(c: char) -> bool {
    c == '-' || is_js_space(c)
}

/// The words of a folded name.
fn name_words(folded: &str) -> Vec<&str> {
    folded
        .split(is_name_separator)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The folded names to avoid as a trie of characters, where one edge per node stands for
/// "one or more separators" between words. At a place in the text the walk is deterministic
/// (words hold no separators), so every entry that matches there lies on the one path walked,
/// and the deepest is the longest: what the old single pattern of all names, longest first,
/// found.
#[derive(Debug)]
struct NameTrie {
    nodes: Vec<TrieNode>,
}

#[derive(Debug, Default)]
struct TrieNode {
    /// Children by character, sorted.
    next: Vec<(char, usize)>,
    /// The child after separators.
    separator: Option<usize>,
    /// Whether an entry ends here.
    ends: bool,
}

impl NameTrie {
    fn new<S: AsRef<str>>(names: &[S]) -> NameTrie {
        let mut trie = NameTrie {
            nodes: vec![TrieNode::default()],
        };
        for name in names {
            let folded = fold(name.as_ref());
            let words = name_words(&folded);
            if words.is_empty() {
                continue;
            }
            let mut node = 0;
            for (k, word) in words.iter().enumerate() {
                if k > 0 {
                    node = trie.separator_of(node);
                }
                for c in word.chars() {
                    node = trie.child_of(node, c);
                }
            }
            if let Some(n) = trie.nodes.get_mut(node) {
                n.ends = true;
            }
        }
        trie
    }

    fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    fn new_node(&mut self) -> usize {
        self.nodes.push(TrieNode::default());
        self.nodes.len() - 1
    }

    fn separator_of(&mut self, node: usize) -> usize {
        if let Some(next) = self.nodes.get(node).and_then(|n| n.separator) {
            return next;
        }
        let next = self.new_node();
        if let Some(n) = self.nodes.get_mut(node) {
            n.separator = Some(next);
        }
        next
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        let next = &self.nodes.get(node)?.next;
        next.binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .and_then(|i| next.get(i))
            .map(|(_, n)| *n)
    }

    fn child_of(&mut self, node: usize, c: char) -> usize {
        if let Some(next) = self.child(node, c) {
            return next;
        }
        let next = self.new_node();
        if let Some(n) = self.nodes.get_mut(node) {
            let at = n.next.partition_point(|(k, _)| *k < c);
            n.next.insert(at, (c, next));
        }
        next
    }

    /// The end of the longest entry matching `folded` from `start`, followed by neither a
    /// letter nor a number.
    fn longest_at(&self, folded: &[char], start: usize, p: &Patterns) -> Option<usize> {
        let mut node = 0;
        let mut i = start;
        let mut best = None;
        loop {
            let here = self.nodes.get(node)?;
            let next = folded.get(i).copied();
            if here.ends && next.is_none_or(|c| !is_letter_or_number(c, p)) {
                best = Some(i);
            }
            let Some(c) = next else {
                break;
            };
            if is_name_separator(c) {
                let Some(after) = here.separator else {
                    break;
                };
                while folded.get(i).is_some_and(|c| is_name_separator(*c)) {
                    i += 1;
                }
                node = after;
            } else {
                let Some(after) = self.child(node, c) else {
                    break;
                };
                i += 1;
                node = after;
            }
        }
        best
    }

    /// Every name in `text`, scanning as the old pattern `(^|[^\p{L}\p{N}])(names)` did
    /// with a global `exec`: the character before a name is consumed with it, and the next
    /// search starts where the name ended.
    fn find(&self, text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
        if self.is_empty() {
            return;
        }
        // The folded text, and for each folded character the byte offset in `text` of the
        // character it came from (one more entry: the length of `text`).
        let mut folded: Vec<char> = Vec::with_capacity(text.len());
        let mut origin: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            fold_char(c, |f| {
                folded.push(f);
                origin.push(i);
            });
        }
        origin.push(text.len());
        let starts_a_name = |i: usize| folded.get(i).is_some_and(|c| self.child(0, *c).is_some());
        let mut push = |from: usize, to: usize| {
            let start = origin.get(from).copied().unwrap_or(text.len());
            // The start of the next folded character: takes in accents and invisible
            // characters that belong to the last letter of the name.
            let end = origin.get(to).copied().unwrap_or(text.len());
            if end > start {
                out.push(Candidate {
                    kind: HintKind::Name,
                    start,
                    end,
                });
            }
        };
        let mut p_at = 0;
        while p_at < folded.len() {
            if p_at == 0 && starts_a_name(0) {
                if let Some(to) = self.longest_at(&folded, 0, p) {
                    push(0, to);
                    p_at = to;
                    continue;
                }
            }
            let after = p_at + 1;
            if starts_a_name(after)
                && folded
                    .get(p_at)
                    .is_some_and(|c| !is_letter_or_number(*c, p))
            {
                if let Some(to) = self.longest_at(&folded, after, p) {
                    push(after, to);
                    p_at = to;
                    continue;
                }
            }
            p_at += 1;
        }
    }
}
