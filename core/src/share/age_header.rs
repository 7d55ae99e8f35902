//! The check a share bundle's age header passes before the `age` library reads it.
//!
//! The `age` header parser re-reads the whole header for every line it adds, so its cost
//! grows with the square of the number of stanzas: a hostile 64 MiB file of stanzas would
//! keep it busy for hours. Attune writes one shape only (`age::encrypt` to one X25519
//! recipient):
//!
//! ```text
//! age-encryption.org/v1\n
//! -> X25519 <43 base64 characters: the ephemeral share>\n
//! <43 base64 characters: the wrapped file key>\n
//! -> <1 to 8 characters>-grease [up to 4 arguments]\n     at most one, added by age
//! <0 to 3 lines of base64>\n
//! --- <43 base64 characters: the header MAC>\n
//! <the binary payload>
//! ```
//!
//! [`check`] refuses anything else in one pass over at most [`MAX_AGE_HEADER_BYTES`] bytes,
//! and only what it accepts (an [`AgeFile`]) can be handed to the age library.

use super::ShareError;
use crate::error::AgeHeaderProblem;

/// Longest age header accepted, in bytes, up to and including the MAC line. Attune's are
/// about 100 bytes plus the grease stanza age adds (at most about 210 bytes).
pub const MAX_AGE_HEADER_BYTES: usize = 1024;

const VERSION_LINE: &[u8] = b"age-encryption.org/v1";
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const WHAT: &str = "share bundle";
/// Base64 characters of a 32-byte value without padding (an X25519 share, a wrapped key, a MAC).
const B64_32: usize = 43;
/// Characters of a full stanza body line.
const BODY_LINE: usize = 64;

/// An age file whose header has the shape Attune writes. Made only by [`check`]: the one
/// way to the age library goes through the check.
#[derive(Debug, Clone, Copy)]
pub struct AgeFile<'a> {
    bytes: &'a [u8],
    header_len: usize,
}

impl<'a> AgeFile<'a> {
    /// The whole file, header and payload.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// How many bytes the header takes, MAC line included.
    pub fn header_len(&self) -> usize {
        self.header_len
    }
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

/// The lines of the header, read from at most [`MAX_AGE_HEADER_BYTES`] bytes.
struct Lines<'a> {
    window: &'a [u8],
    /// Whether the file goes on past the window.
    more: bool,
    pos: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    /// The next line, without its `\n`, or why there is none.
    fn next(&mut self) -> Result<&'a [u8], ShareError> {
        let rest = &self.window[self.pos..];
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            return Err(if self.more {
                AgeHeaderProblem::TooLarge {
                    limit: MAX_AGE_HEADER_BYTES,
                }
                .into()
            } else {
                ShareError::Truncated(WHAT)
            });
        };
        self.pos += nl + 1;
        self.number += 1;
        Ok(&rest[..nl])
    }

    fn malformed(&self) -> ShareError {
        AgeHeaderProblem::MalformedLine { line: self.number }.into()
    }
}

/// Checks that `bytes` starts with an age header of the shape Attune writes (see the module
/// documentation): one X25519 recipient, at most one grease stanza, at most
/// [`MAX_AGE_HEADER_BYTES`] bytes. Pure and linear in the header's size; reads nothing
/// past the header. The payload is left to the age library, which authenticates it.
pub fn check(bytes: &[u8]) -> Result<AgeFile<'_>, ShareError> {
    if !bytes.starts_with(AGE_MAGIC) {
        return Err(if !bytes.is_empty() && AGE_MAGIC.starts_with(bytes) {
            ShareError::Truncated(WHAT)
        } else {
            ShareError::NotAttune(WHAT)
        });
    }
    let end = bytes.len().min(MAX_AGE_HEADER_BYTES);
    let mut lines = Lines {
        window: &bytes[..end],
        more: bytes.len() > end,
        pos: 0,
        number: 0,
    };
    let version = lines.next()?;
    if version != VERSION_LINE {
        return Err(ShareError::UnknownVersion {
            newest: 1,
            what: WHAT,
            found: "(an unknown age version)".into(),
        });
    }
    let (mut x25519, mut grease) = (0usize, 0usize);
    loop {
        let line = lines.next()?;
        if let Some(mac) = line.strip_prefix(b"--- ") {
            if mac.len() != B64_32 || !mac.iter().copied().all(is_b64) {
                return Err(lines.malformed());
            }
            break;
        }
        let Some(head) = line.strip_prefix(b"-> ") else {
            return Err(lines.malformed());
        };
        let mut words = head.split(|&b| b == b' ');
        let tag = words.next().unwrap_or_default();
        let args: Vec<&[u8]> = words.collect();
        if tag.is_empty()
            || std::iter::once(tag)
                .chain(args.iter().copied())
                .any(|w| w.is_empty() || !w.iter().all(|b| (0x21..=0x7e).contains(b)))
        {
            return Err(lines.malformed());
        }
        // The body: full lines of 64 base64 characters, then one shorter (maybe empty).
        let mut body_lines = Vec::new();
        loop {
            let body = lines.next()?;
            if body.len() > BODY_LINE || !body.iter().copied().all(is_b64) {
                return Err(lines.malformed());
            }
            body_lines.push(body.len());
            if body.len() < BODY_LINE {
                break;
            }
        }
        if tag == b"X25519" {
            if args.len() != 1 || args[0].len() != B64_32 || body_lines != [B64_32] {
                return Err(AgeHeaderProblem::MalformedRecipient.into());
            }
            x25519 += 1;
        } else if tag.ends_with(b"-grease") {
            grease += 1;
            if grease > 1 {
                return Err(AgeHeaderProblem::ExtraStanza.into());
            }
        } else {
            // VCHARs only (checked above), so it prints as it is; a short one.
            let shown = String::from_utf8_lossy(&tag[..tag.len().min(24)]).into_owned();
            return Err(AgeHeaderProblem::ForeignRecipient(shown).into());
        }
    }
    if x25519 != 1 {
        return Err(AgeHeaderProblem::Recipients(x25519).into());
    }
    Ok(AgeFile {
        bytes,
        header_len: lines.pos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &str = "CJM36AHmTbdHSuOQL+NESqyVQE7d9SiVIlQ1s4TFmyg";
    const MAC: &str = "vLC3/x4AvRvqbZ94gF7cH+yqUl6fiDV9Hh6vpsR1EOo";

    fn header(stanzas: &str) -> Vec<u8> {
        format!("age-encryption.org/v1\n{stanzas}--- {MAC}\npayload").into_bytes()
    }

    fn x25519() -> String {
        format!("-> X25519 {SHARE}\n{SHARE}\n")
    }

    fn problem(bytes: &[u8]) -> String {
        check(bytes).unwrap_err().to_string()
    }

    #[test]
    fn the_shape_attune_writes_passes() {
        let plain = header(&x25519());
        let f = check(&plain).unwrap();
        assert_eq!(f.header_len(), plain.len() - b"payload".len());
        let grease = format!("-> a!-grease x y\n{}\n\n", "A".repeat(64));
        check(&header(&(grease.clone() + &x25519()))).unwrap();
        check(&header(&(x25519() + "-> 3-grease\n\n"))).unwrap();
    }

    #[test]
    fn every_other_shape_is_refused_with_what_is_wrong() {
        let two = x25519() + &x25519();
        assert!(problem(&header(&two)).contains("2 X25519 recipients"));
        assert!(problem(&header("")).contains("0 X25519 recipients"));
        let scrypt = format!("-> scrypt c2FsdA 18\n{SHARE}\n");
        assert!(problem(&header(&scrypt)).contains("\"scrypt\""));
        let greasy = x25519() + "-> a-grease\n\n-> b-grease\n\n";
        assert!(problem(&header(&greasy)).contains("more than one"));
        let short = format!("-> X25519 {SHARE}\nAAAA\n");
        assert!(problem(&header(&short)).contains("X25519 recipient stanza"));
        let double_space = format!("->  X25519 {SHARE}\n{SHARE}\n");
        assert!(problem(&header(&double_space)).contains("line 2"));
        let not_b64 = format!("-> X25519 {SHARE}\n{}!\n", &SHARE[1..]);
        assert!(problem(&header(&not_b64)).contains("line 3"));
        let bad_mac = format!("age-encryption.org/v1\n{}--- short\n", x25519());
        assert!(problem(bad_mac.as_bytes()).contains("line 4"));
        assert!(problem(b"age-encryption.org/v2\n").contains("unknown age version"));
        assert!(problem(b"age-encryption.org/v1\n-> X25519").contains("truncated"));
        assert!(problem(b"age-encrypt").contains("truncated"));
        assert!(problem(b"-----BEGIN AGE ENCRYPTED FILE-----").contains("not an Attune"));
    }

    #[test]
    fn a_header_of_many_stanzas_is_refused_after_reading_its_first_kilobyte() {
        let many = header(&x25519().repeat(10_000));
        assert!(many.len() > 900_000);
        let e = check(&many).unwrap_err();
        assert!(
            matches!(
                e,
                ShareError::UnexpectedAgeHeader(AgeHeaderProblem::TooLarge { limit: 1024 })
            ),
            "{e}"
        );
        // One long grease body is refused the same way.
        let long = header(&(x25519() + "-> a-grease\n" + &"A".repeat(2000) + "\n"));
        assert!(problem(&long).contains("longer than 1024 bytes"));
    }
}
