//! The signed-file layout shared by bundle manifests (inside the age layer) and
//! attestations (as they are):
//!
//! ```text
//! attune-attest v1\n          magic and format version
//! {"format":1,...}\n          the payload: compact JSON, one line, the exact signed bytes
//! 0a1b...\n                   the Ed25519 signature: 128 lower-case hex digits
//! ```
//!
//! Every byte matters: the magic is compared exactly, the payload is signed as it stands,
//! the signature has one spelling (lower case), and nothing may follow the last newline.
//! So a file with any one byte changed does not verify.

use super::{unhex, ShareError};

/// A decoded envelope: the payload exactly as signed, and its signature.
#[derive(Debug)]
pub struct Envelope<'a> {
    /// The signed bytes.
    pub payload: &'a [u8],
    /// The signature over `domain || payload`.
    pub signature: [u8; 64],
}

/// Lays out `payload` (which must hold no newline: compact JSON never does) and its
/// signature under `magic`.
pub(crate) fn encode(magic: &str, payload: &[u8], signature: &[u8; 64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(magic.len() + payload.len() + 140);
    out.extend_from_slice(magic.as_bytes());
    out.extend_from_slice(b" v1\n");
    out.extend_from_slice(payload);
    out.push(b'\n');
    out.extend_from_slice(super::hex(signature).as_bytes());
    out.push(b'\n');
    out
}

/// When a payload that did not parse names a format newer than `newest` (or 0), the refusal: a
/// newer file says it is newer rather than "unknown field". `None` for anything else.
pub(crate) fn newer_format(what: &'static str, newest: u32, payload: &[u8]) -> Option<ShareError> {
    let found = serde_json::from_slice::<serde_json::Value>(payload)
        .ok()?
        .get("format")?
        .as_u64()?;
    (found == 0 || found > u64::from(newest)).then(|| ShareError::UnknownVersion {
        newest,
        what,
        found: found.to_string(),
    })
}

/// Splits a file made by [`encode`] under `magic`, naming it `what` in errors.
pub fn decode<'a>(
    magic: &str,
    what: &'static str,
    bytes: &'a [u8],
) -> Result<Envelope<'a>, ShareError> {
    let head = format!("{magic} v");
    if !bytes.starts_with(head.as_bytes()) {
        return Err(if head.as_bytes().starts_with(bytes) && !bytes.is_empty() {
            ShareError::Truncated(what)
        } else {
            ShareError::NotAttune(what)
        });
    }
    let rest = &bytes[head.len()..];
    let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
        return Err(ShareError::Truncated(what));
    };
    let version = &rest[..nl];
    if version != b"1" {
        let shown = String::from_utf8_lossy(&version[..version.len().min(16)]).into_owned();
        return Err(
            if !version.is_empty() && version.iter().all(u8::is_ascii_digit) {
                ShareError::UnknownVersion {
                    newest: 1,
                    what,
                    found: shown,
                }
            } else {
                ShareError::Damaged {
                    what,
                    detail: format!("its version {shown:?} is not a number"),
                }
            },
        );
    }
    let rest = &rest[nl + 1..];
    let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
        return Err(ShareError::Truncated(what));
    };
    let payload = &rest[..nl];
    let sig_line = &rest[nl + 1..];
    // 128 hex digits and a newline.
    match sig_line.len() {
        n if n < 129 => {
            let hexish = sig_line
                .iter()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            return Err(if hexish {
                ShareError::Truncated(what)
            } else {
                ShareError::Damaged {
                    what,
                    detail: "its signature is not 128 lower-case hex digits".into(),
                }
            });
        }
        129 => {}
        _ => {
            if sig_line.get(128) == Some(&b'\n') {
                return Err(ShareError::TrailingBytes(what));
            }
            return Err(ShareError::Damaged {
                what,
                detail: "its signature is not 128 lower-case hex digits".into(),
            });
        }
    }
    if sig_line[128] != b'\n' {
        return Err(ShareError::Damaged {
            what,
            detail: "its signature line does not end with a newline".into(),
        });
    }
    let signature = std::str::from_utf8(&sig_line[..128])
        .ok()
        .and_then(unhex::<64>)
        .ok_or_else(|| ShareError::Damaged {
            what,
            detail: "its signature is not 128 lower-case hex digits".into(),
        })?;
    Ok(Envelope { payload, signature })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_each_kind_of_damage() {
        let file = encode("attune-attest", b"{\"a\":1}", &[7; 64]);
        let e = decode("attune-attest", "attestation", &file).unwrap();
        assert_eq!(e.payload, b"{\"a\":1}");
        assert_eq!(e.signature, [7; 64]);

        let is = |bytes: &[u8], want: &str| {
            let err = decode("attune-attest", "attestation", bytes)
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{want}: {err}");
        };
        is(b"PK\x03\x04", "not an Attune attestation");
        is(b"attune-at", "truncated");
        is(&file[..file.len() - 1], "truncated");
        is(&file[..20], "truncated");
        let mut trailing = file.clone();
        trailing.extend_from_slice(b"more");
        is(&trailing, "after its end");
        let v2 = String::from_utf8(file.clone())
            .unwrap()
            .replace("attune-attest v1", "attune-attest v2");
        is(v2.as_bytes(), "format version 2");
        let upper = String::from_utf8(file.clone()).unwrap().replace("07", "0A");
        is(upper.as_bytes(), "hex");
    }
}
