//! The finders of each kind of hint but names: e-mail addresses, phone numbers, full dates,
//! street addresses and post-office boxes. Each pushes candidates in byte offsets.

use super::chars::{is_js_space, js_trim};
use super::patterns::{
    each_match, is_letter, is_letter_or_number, Patterns, MONTH_INDEX, NOT_A_STREET_BEFORE_COURT,
};
use super::{Candidate, HintKind};

pub(super) fn is_email_local(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    }
    is_letter_or_number(c, p)
}

pub(super) fn is_email_domain(c: char, p: &Patterns) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    }
    is_letter_or_number(c, p)
}

pub(super) fn find_emails(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
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
            date: None,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers. Three shapes, each bounded; the end may not run into more digits.

pub(super) fn find_phones(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
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
                date: None,
            });
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Full dates: day, month and year all present.

pub(super) fn is_valid_date(year: u32, month: u32, day: u32) -> bool {
    i32::try_from(year).is_ok_and(|y| chrono::NaiveDate::from_ymd_opt(y, month, day).is_some())
}

/// The day `year`-`month`-`day`, if there is one.
pub(super) fn ymd(year: u32, month: u32, day: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

pub(super) fn is_plausible_year(year: u32) -> bool {
    (1900..=2099).contains(&year)
}

/// 1 for "jan…", 12 for "dec…", 0 for anything else.
pub(super) fn month_number(name: &str) -> u32 {
    let first: String = name.chars().take(3).collect::<String>().to_lowercase();
    MONTH_INDEX
        .iter()
        .position(|m| *m == first)
        .and_then(|i| u32::try_from(i + 1).ok())
        .unwrap_or(0)
}

pub(super) fn number(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The numbers of a numeric date and its separator: "14.03.2023" -> 14, 3, "2023", '.'.
pub(super) fn date_parts(hint: &str) -> Option<(u32, u32, &str, char)> {
    let sep = hint.chars().find(|c| !c.is_ascii_digit())?;
    let mut parts = hint.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    Some((number(a), number(b), c, sep))
}

pub(super) fn find_dates(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
    let mut push = |start, end, date| {
        out.push(Candidate {
            kind: HintKind::FullDate,
            start,
            end,
            date,
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
        let day_first = ymd(year, b, a);
        let month_first = ymd(year, a, b);
        // Which day it is only when one reading is a date, or both are the same day.
        let date = match (day_first, month_first) {
            (None, None) => return,
            (Some(d), Some(m)) if d != m => None,
            (d, m) => d.or(m),
        };
        push(start, end, date);
    });
    each_match(&p.date_ymd, text, |_, start, end| {
        let Some((year, month, day, _)) = date_parts(text.get(start..end).unwrap_or_default())
        else {
            return;
        };
        if is_plausible_year(year) && is_valid_date(year, month, number(day)) {
            push(start, end, ymd(year, month, number(day)));
        }
    });
    for re in [&p.date_month_day_year, &p.date_day_month_year] {
        each_match(re, text, |caps, start, end| {
            let group = |name| caps.name(name).map_or("", |m| m.as_str());
            let year = number(group("year"));
            let month = month_number(group("month"));
            let day = number(group("day"));
            if is_plausible_year(year) && is_valid_date(year, month, day) {
                push(start, end, ymd(year, month, day));
            }
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Street addresses and post-office boxes.

pub(super) fn find_addresses(text: &str, p: &Patterns, out: &mut Vec<Candidate>) {
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
            date: None,
        });
    });
    each_match(&p.po_box, text, |_, start, end| {
        out.push(Candidate {
            kind: HintKind::Address,
            start,
            end,
            date: None,
        });
    });
}
