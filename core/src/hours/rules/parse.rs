//! What TOML errors and source addresses need: the line and the dotted key at an error's
//! position, and whether an address is https with a path; and what the files shipped inside
//! Attune are once parsed, and how one of their items is found by id.

use crate::error::{Error, Result};

/// A file shipped inside Attune, parsed once for the life of the process: its items, or
/// the field and message of what was wrong with it.
pub(super) type Shipped<T> = std::result::Result<Vec<T>, (String, String)>;

/// The items of a shipped file, or what was wrong with it as an error.
pub(super) fn shipped<T>(parsed: &'static Shipped<T>) -> Result<&'static [T]> {
    match parsed {
        Ok(v) => Ok(v),
        Err((field, message)) => Err(Error::invalid(field.clone(), message.clone())),
    }
}

/// The item of `all` whose id is `id` (trimmed, any case); the error, on `field`, says
/// there is no `what` by that id and lists the ids there are.
pub(super) fn by_id<'a, T>(
    all: &'a [T],
    id: &str,
    (field, what): (&str, &str),
    id_of: impl Fn(&T) -> &str,
) -> Result<&'a T> {
    let want = id.trim().to_ascii_lowercase();
    all.iter().find(|t| id_of(t) == want).ok_or_else(|| {
        let there: Vec<&str> = all.iter().map(&id_of).collect();
        Error::invalid(
            field,
            format!(
                "no {what} {:?}; there are: {}",
                crate::hours::shorten(id),
                there.join(", ")
            ),
        )
    })
}

/// Whether `url` is an https address with a path beyond the site (`https://x.org/page`):
/// a site's home page does not show which rule it backs.
pub(super) fn has_https_path(url: &str) -> bool {
    url.strip_prefix("https://")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(host, path)| {
            host.contains('.')
                && !host.contains(char::is_whitespace)
                && !path.trim_matches('/').is_empty()
                && !path.contains(char::is_whitespace)
        })
}

/// 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

/// The dotted key (`rsc.required_minutes`) written on the line holding `offset`, with the
/// table it sits in: TOML errors give a position, users want a field name.
pub(super) fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?.trim();
    let table = text[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_owned());
    if line.starts_with('[') {
        return Some(
            line.trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_owned(),
        );
    }
    let key = line.split_once('=')?.0.trim();
    if key.is_empty() || key.starts_with('#') {
        return None;
    }
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_owned(),
    })
}
