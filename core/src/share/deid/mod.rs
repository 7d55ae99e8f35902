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

use chrono::NaiveDate;

use serde::Serialize;

use super::bundle::{Section, SharedItem};
use crate::error::Result;

mod chars;
mod finders;
mod names;
mod patterns;
#[cfg(test)]
mod tests;

use chars::{is_js_space, js_trim};
use finders::{find_addresses, find_dates, find_emails, find_phones};
use names::{fold, name_words, NameTrie};
use patterns::{patterns, Patterns};

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
    /// For a full date, the day it names (`YYYY-MM-DD`) when that is certain: not for
    /// "03/04/2025", which is 3 April or March 4. The window offers the child's age in months
    /// in its place.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<NaiveDate>,
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
    /// For a full date, the day it names when that is certain (not "03/04/2025", which is
    /// 3 April or March 4).
    date: Option<NaiveDate>,
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
                date: c.date,
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
