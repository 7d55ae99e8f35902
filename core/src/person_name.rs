//! The one rule for a name that stands for a person: the vault owner's name (set at init
//! and by set-name), which their contact card carries, and the name on every card added.
//! A name is what people read to know who someone is, so it must not hide characters,
//! reorder what is shown, or pass for a fingerprint (which is how Attune names a person
//! exactly).
//!
//! Names already kept (a card added or a vault named before this rule) still open: they
//! are checked only by the older, looser rule when read back, and shown with
//! [`shown_name`], which makes every hidden character visible.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use crate::error::Error;

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Why a person's name was refused. Each carries the field at fault (`name`, `card name`)
/// as data; the message says what is wrong without it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Empty, or only spaces.
    #[error("is missing")]
    Missing {
        /// The field at fault.
        field: &'static str,
    },
    /// Longer than [`MAX_NAME_CHARS`].
    #[error("at most {max} characters")]
    TooLong {
        /// The field at fault.
        field: &'static str,
        /// The most characters allowed.
        max: usize,
    },
    /// Not in normal form: extra spaces, or not NFC (a signed name is never altered).
    #[error("is not in normal form (extra spaces, or characters not composed)")]
    NotNormal {
        /// The field at fault.
        field: &'static str,
    },
    /// A character that changes the direction text is shown in, so that what is read is
    /// not what is stored.
    #[error(
        "contains U+{:04X}, a text-direction control that changes how a name reads; type the name without it",
        u32::from(*ch)
    )]
    DirectionControl {
        /// The field at fault.
        field: &'static str,
        /// The character.
        ch: char,
    },
    /// A character that shows as nothing (zero-width, soft hyphen, fillers).
    #[error(
        "contains U+{:04X}, an invisible character, so two different names could look the same; type the name without it",
        u32::from(*ch)
    )]
    Invisible {
        /// The field at fault.
        field: &'static str,
        /// The character.
        ch: char,
    },
    /// A control character (C0 or C1: line breaks, tabs, escapes).
    #[error("contains the control character U+{:04X}", u32::from(*ch))]
    Control {
        /// The field at fault.
        field: &'static str,
        /// The character.
        ch: char,
    },
    /// Mostly fingerprint characters, or laid out as a fingerprint is printed: a name like
    /// this could be read as someone else's fingerprint.
    #[error(
        "looks like a fingerprint; a name must read as a name, since fingerprints are how people are told apart"
    )]
    LooksLikeFingerprint {
        /// The field at fault.
        field: &'static str,
    },
}

impl NameError {
    /// The field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            NameError::Missing { field }
            | NameError::TooLong { field, .. }
            | NameError::NotNormal { field }
            | NameError::DirectionControl { field, .. }
            | NameError::Invisible { field, .. }
            | NameError::Control { field, .. }
            | NameError::LooksLikeFingerprint { field } => field,
        }
    }
}

impl From<NameError> for Error {
    fn from(e: NameError) -> Self {
        Error::invalid(e.field(), e.to_string())
    }
}

/// Characters that change the direction text is laid out in: the embeddings and overrides
/// (U+202A–U+202E), the isolates (U+2066–U+2069), the marks (U+200E, U+200F, U+061C).
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that show as nothing: zero-width spaces and joiners, word joiner and the
/// invisible operators, the byte-order mark, the Mongolian vowel separator, the soft
/// hyphen, the combining grapheme joiner, the Hangul fillers, Khmer invisible vowels,
/// deprecated format characters, and tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{180E}'
            | '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `name` could be read as a fingerprint. Without its spaces, hyphens, colons,
/// dots and underscores, it is 8 or more letters and digits that could all be fingerprint
/// characters (hex, or the base32 Attune prints), and either it has digits as a fingerprint
/// does (one in five or more, a run of 8 or more with a digit, or groups of four with a
/// digit), or it is set out in upper-case groups of four as Attune prints fingerprints.
pub fn looks_like_fingerprint(name: &str) -> bool {
    let tokens: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '.' | '_'))
        .filter(|t| !t.is_empty())
        .collect();
    let compact: String = tokens.concat();
    let n = compact.chars().count();
    let fingerprint_char = |c: char| c.is_ascii_alphanumeric() && !c.eq_ignore_ascii_case(&'U');
    if n < 8 || !compact.chars().all(fingerprint_char) {
        return false;
    }
    let digits = compact.chars().filter(char::is_ascii_digit).count();
    let grouped = tokens.len() >= 2 && tokens.iter().all(|t| t.len() == 4);
    let printed_case = !compact.chars().any(|c| c.is_ascii_lowercase());
    let long_run = tokens
        .iter()
        .any(|t| t.len() >= 8 && t.chars().any(|c| c.is_ascii_digit()));
    (digits > 0 && (digits * 5 >= n || grouped || long_run)) || (grouped && printed_case)
}

/// A name as typed, cleaned (NFC, single spaces) and checked by [`check_person_name`]:
/// what the vault owner's name and a new card's name go through.
pub fn person_name(field: &'static str, typed: &str) -> Result<String, NameError> {
    let nfc: String = typed.nfc().collect();
    let clean = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    check_person_name(field, &clean)?;
    Ok(clean)
}

/// Checks a name exactly as given (a signed name is never altered): present, at most
/// [`MAX_NAME_CHARS`], in normal form, with no direction controls, invisible or control
/// characters, and not looking like a fingerprint.
pub fn check_person_name(field: &'static str, name: &str) -> Result<(), NameError> {
    check_stored_name(field, name)?;
    if let Some(ch) = name.chars().find(|c| is_direction_control(*c)) {
        return Err(NameError::DirectionControl { field, ch });
    }
    if let Some(ch) = name.chars().find(|c| is_invisible(*c)) {
        return Err(NameError::Invisible { field, ch });
    }
    if looks_like_fingerprint(name) {
        return Err(NameError::LooksLikeFingerprint { field });
    }
    Ok(())
}

/// The older rule, which names already kept were made under (cards stored in vaults, inside
/// bundles and attestations): present, normal form, no control characters, at most
/// [`MAX_NAME_CHARS`]. Formats are forever: what it passed then still opens.
pub fn check_stored_name(field: &'static str, name: &str) -> Result<(), NameError> {
    let nfc: String = name.nfc().collect();
    let clean = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        return Err(NameError::Missing { field });
    }
    if let Some(ch) = name.chars().find(|c| c.is_control()) {
        return Err(NameError::Control { field, ch });
    }
    if clean != name {
        return Err(NameError::NotNormal { field });
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong {
            field,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(())
}

/// A name as shown to people: each direction control, invisible or control character
/// written out as `<U+202E>`, so that a name kept from before the rule cannot hide
/// anything or reorder what is around it.
pub fn shown_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_direction_control(c) || is_invisible(c) || c.is_control() {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_pass_and_are_cleaned() {
        for name in [
            "Lucía Pérez",
            "Robin Hale",
            "Anna Rose",
            "Mary Smith 2",
            "Jo Ann 2nd",
            "Dr. Ana Ruiz",
            "李小龍",
            "Zoë O'Neil-Brown",
        ] {
            assert_eq!(person_name("name", name).as_deref(), Ok(name), "{name}");
        }
        assert_eq!(
            person_name("name", "  Ana   Ruiz ").as_deref(),
            Ok("Ana Ruiz")
        );
    }

    #[test]
    fn hidden_and_direction_characters_are_refused_with_the_field() {
        for (name, bidi) in [
            ("Ana\u{202E}ziuR", true),
            ("Ana\u{2066}Ruiz\u{2069}", true),
            ("Ana\u{200F}Ruiz", true),
            ("Ana\u{061C}Ruiz", true),
            ("Ana\u{200B}Ruiz", false),
            ("Ana\u{200D}Ruiz", false),
            ("Ana\u{FEFF}Ruiz", false),
            ("Ana\u{00AD}Ruiz", false),
            ("Ana\u{2060}Ruiz", false),
            ("Ana\u{180E}Ruiz", false),
        ] {
            let e = person_name("card name", name).unwrap_err();
            assert_eq!(e.field(), "card name");
            if bidi {
                assert!(matches!(e, NameError::DirectionControl { .. }), "{name:?}");
            } else {
                assert!(matches!(e, NameError::Invisible { .. }), "{name:?}");
            }
        }
        assert!(matches!(
            check_person_name("name", "Ana\u{7}Ruiz"),
            Err(NameError::Control { ch: '\u{7}', .. })
        ));
        assert!(matches!(
            check_person_name("name", "Ana\u{85}Ruiz"),
            Err(NameError::Control { .. })
        ));
        assert!(matches!(
            person_name("name", "   "),
            Err(NameError::Missing { field: "name" })
        ));
        let e: Error = person_name("name", "Ana\u{202E}").unwrap_err().into();
        assert!(matches!(e, Error::InvalidInput { ref field, .. } if field == "name"));
    }

    #[test]
    fn fingerprint_forms_are_refused() {
        for name in [
            "K7QM 3XZP",
            "K7QM 3XZP 9ABC DEFG HJKM NPQR STVW XYZ0",
            "KXQM WXZP",
            "k7qm-3xzp",
            "K7QM3XZP",
            "0123abcd",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "9f:86:d0:81:88:4c:7d:65",
        ] {
            assert!(
                matches!(
                    person_name("card name", name),
                    Err(NameError::LooksLikeFingerprint { .. })
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn kept_names_open_and_show_what_they_hide() {
        assert!(check_stored_name("card name", "Ana\u{202E}ziuR").is_ok());
        assert!(check_stored_name("card name", "K7QM 3XZP").is_ok());
        assert_eq!(shown_name("Ana\u{202E}ziuR"), "Ana<U+202E>ziuR");
        assert_eq!(shown_name("A\u{200B}na"), "A<U+200B>na");
        assert_eq!(shown_name("Lucía Pérez"), "Lucía Pérez");
    }
}
