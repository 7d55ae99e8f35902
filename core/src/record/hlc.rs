//! The hybrid logical clock that orders every synced change: wall-clock milliseconds, a
//! counter for changes within one millisecond (or while the wall clock is behind a time
//! already seen), and the device id to break ties. A device's clock never goes behind any
//! time it has seen, so an edit made after merging another device's edit is always newer.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One point of the hybrid logical clock. Ordered by time, then counter, then device id:
/// the same order on every device, so the newest operation per record wins everywhere alike.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Wall-clock milliseconds since the Unix epoch (never behind any time seen).
    pub millis: u64,
    /// Tells apart changes within one millisecond.
    pub counter: u32,
    /// The device that made the change.
    pub device: [u8; 16],
}

/// Bytes of an [`Hlc`] written out: 8 (millis) + 4 (counter) + 16 (device).
pub const HLC_LEN: usize = 28;

impl Hlc {
    /// The clock's start for `device`: before any real time.
    pub fn zero(device: [u8; 16]) -> Hlc {
        Hlc {
            millis: 0,
            counter: 0,
            device,
        }
    }

    /// The next time on this device's clock, given the wall clock `now_millis`: later than
    /// `self` whatever the wall clock says (it may have been set back).
    pub fn tick(&self, now_millis: u64) -> Hlc {
        if now_millis > self.millis {
            Hlc {
                millis: now_millis,
                counter: 0,
                device: self.device,
            }
        } else {
            Hlc {
                millis: self.millis,
                counter: self.counter.saturating_add(1),
                device: self.device,
            }
        }
    }

    /// This device's clock after seeing `other` (from another device): never behind it.
    pub fn observe(&self, other: &Hlc) -> Hlc {
        if (other.millis, other.counter) > (self.millis, self.counter) {
            Hlc {
                millis: other.millis,
                counter: other.counter,
                device: self.device,
            }
        } else {
            *self
        }
    }

    /// The 28 bytes: millis and counter big-endian, then the device id.
    pub fn to_bytes(&self) -> [u8; HLC_LEN] {
        let mut out = [0u8; HLC_LEN];
        out[..8].copy_from_slice(&self.millis.to_be_bytes());
        out[8..12].copy_from_slice(&self.counter.to_be_bytes());
        out[12..].copy_from_slice(&self.device);
        out
    }

    /// Reads [`Hlc::to_bytes`] back.
    pub fn from_bytes(b: &[u8]) -> Option<Hlc> {
        if b.len() != HLC_LEN {
            return None;
        }
        let mut millis = [0u8; 8];
        millis.copy_from_slice(&b[..8]);
        let mut counter = [0u8; 4];
        counter.copy_from_slice(&b[8..12]);
        let mut device = [0u8; 16];
        device.copy_from_slice(&b[12..]);
        Some(Hlc {
            millis: u64::from_be_bytes(millis),
            counter: u32::from_be_bytes(counter),
            device,
        })
    }

    /// Lower-case hex of [`Hlc::to_bytes`] (56 characters): sorts as the clock does.
    pub fn to_hex(&self) -> String {
        hex(&self.to_bytes())
    }

    /// Reads [`Hlc::to_hex`] back.
    pub fn from_hex(s: &str) -> Option<Hlc> {
        Hlc::from_bytes(&unhex(s)?)
    }
}

impl fmt::Debug for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Hlc({}.{}@{})",
            self.millis,
            self.counter,
            &hex(&self.device)[..8]
        )
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Hlc, D::Error> {
        // Read in place: a history holds many clock times, and each would be a string.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Hlc;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a clock time in hex")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Hlc, E> {
                Hlc::from_hex(s).ok_or_else(|| E::custom("not a clock time"))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// Lower-case hex.
pub fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(char::from(DIGITS[usize::from(x >> 4)]));
        s.push(char::from(DIGITS[usize::from(x & 0x0f)]));
    }
    s
}

/// One hex digit's value.
fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Reads lower- or upper-case hex; `None` for anything else.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks_exact(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_back_and_refuses_anything_but_digits() {
        let all: Vec<u8> = (0..=255).collect();
        let text = hex(&all);
        assert_eq!(&text[..8], "00010203");
        assert_eq!(&text[text.len() - 4..], "feff");
        assert_eq!(unhex(&text), Some(all.clone()));
        assert_eq!(unhex(&text.to_uppercase()), Some(all));
        assert_eq!(unhex(""), Some(Vec::new()));
        for bad in ["0", "+f", "-1", "0g", " 0", "é0", "0x"] {
            assert_eq!(unhex(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_clock_time_reads_back_from_json() {
        let t = Hlc {
            millis: 1_764_000_000_123,
            counter: 7,
            device: [0xab; 16],
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{}\"", t.to_hex()));
        assert_eq!(serde_json::from_str::<Hlc>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Hlc>("\"00\"").is_err());
        assert!(serde_json::from_str::<Hlc>("17").is_err());
    }

    #[test]
    fn the_clock_never_goes_back_and_orders_ties_by_device() {
        let a = Hlc::zero([1; 16]).tick(1000);
        assert_eq!((a.millis, a.counter), (1000, 0));
        // The wall clock set back: the counter moves on instead.
        let b = a.tick(500);
        assert!(b > a);
        assert_eq!((b.millis, b.counter), (1000, 1));
        // Seeing a later time from elsewhere moves this clock past it.
        let other = Hlc {
            millis: 5000,
            counter: 7,
            device: [2; 16],
        };
        let c = b.observe(&other).tick(10);
        assert!(c > other);
        assert_eq!(c.device, [1; 16]);
        let twin = Hlc {
            device: [0; 16],
            ..c
        };
        assert!(twin < c, "ties go to the greater device id");
        assert_eq!(Hlc::from_hex(&c.to_hex()), Some(c));
        assert_eq!(Hlc::from_hex("zz"), None);
    }
}
