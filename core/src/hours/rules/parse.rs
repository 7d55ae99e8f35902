//! What TOML errors and source addresses need: the line and the dotted key at an error's
//! position, and whether an address is https with a path.

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
