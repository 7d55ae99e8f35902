//! Record ids: new random ones, and the one record a typed id (or id prefix) names.

use crate::crypto::random_bytes;
use crate::error::{Error, Result};

/// Fewest characters of an id prefix that may name a record.
pub const MIN_ID_PREFIX: usize = 4;

/// A new random record id: 128 bits, lower-case hex. Random, so it reveals nothing.
pub(crate) fn new_record_id() -> Result<String> {
    let mut b = [0u8; 16];
    random_bytes(&mut b)?;
    Ok(super::hlc::hex(&b))
}

/// The record that `typed` names, as typed on the command line: its whole id (any case,
/// spaces around), or a prefix of at least [`MIN_ID_PREFIX`] characters that only one id
/// starts with. `exact` looks an id up; `all` lists every record with its id. `kind` says
/// what is looked for in the user's words ("reflection", "session"), for the errors.
pub(crate) fn resolve_id<'a, T: ?Sized + 'a>(
    kind: &'static str,
    typed: &str,
    exact: impl FnOnce(&str) -> Option<&'a T>,
    all: impl IntoIterator<Item = (&'a str, &'a T)>,
) -> Result<&'a T> {
    let id = typed.trim().to_ascii_lowercase();
    if let Some(found) = exact(&id) {
        return Ok(found);
    }
    if id.len() < MIN_ID_PREFIX {
        return Err(Error::NotFound { kind, id });
    }
    let mut found = all.into_iter().filter(|(k, _)| k.starts_with(&id));
    match (found.next(), found.next()) {
        (Some((_, one)), None) => Ok(one),
        (Some(_), Some(_)) => Err(Error::AmbiguousId { kind, id }),
        (None, _) => Err(Error::NotFound { kind, id }),
    }
}

/// [`resolve_id`] over a list: the item of `items` that `typed` names, `id_of` giving each
/// item's id.
pub(crate) fn resolve_in<'a, T>(
    kind: &'static str,
    typed: &str,
    items: &'a [T],
    id_of: impl Fn(&T) -> &str,
) -> Result<&'a T> {
    resolve_id(
        kind,
        typed,
        |id| items.iter().find(|x| id_of(x) == id),
        items.iter().map(|x| (id_of(x), x)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Through [`resolve_in`], which every list in the crate is searched with.
    fn look<'a>(ids: &'a [&'a str], typed: &str) -> Result<&'a str> {
        resolve_in("thing", typed, ids, |k| *k).copied()
    }

    #[test]
    fn whole_ids_and_unique_prefixes_name_one_record() {
        let ids = ["abcd1234", "abce5678", "ab"];
        assert_eq!(look(&ids, " ABCD1234 ").unwrap(), "abcd1234");
        assert_eq!(look(&ids, "abcd").unwrap(), "abcd1234");
        // A whole id wins even when shorter than a prefix may be.
        assert_eq!(look(&ids, "ab").unwrap(), "ab");
    }

    #[test]
    fn short_unknown_and_ambiguous_prefixes_say_what_was_looked_for() {
        let ids = ["abcd1234", "abcd5678"];
        match look(&ids, "abcd") {
            Err(Error::AmbiguousId { kind, id }) => {
                assert_eq!((kind, id.as_str()), ("thing", "abcd"))
            }
            other => panic!("{other:?}"),
        }
        let e = look(&ids, "abcd").unwrap_err().to_string();
        assert!(e.contains("more than one thing"), "{e}");
        assert!(matches!(
            look(&ids, "abc"),
            Err(Error::NotFound { kind: "thing", .. })
        ));
        assert!(matches!(
            look(&ids, "ffff"),
            Err(Error::NotFound { kind: "thing", .. })
        ));
    }

    #[test]
    fn new_ids_are_128_bit_hex_and_differ() {
        let a = new_record_id().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(a, new_record_id().unwrap());
    }
}
