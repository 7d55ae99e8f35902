//! The sealed form of a dated entry: a reflection, a supervision session, a provider, a
//! training entry. Every such kind stores the same four fields, plain and nested (no
//! flattening, so that unlock decodes quickly):
//! `{"id": ..., "content": {...what the user entered...}, "created_at": ..., "updated_at": ...}`,
//! times as chrono writes them (RFC 3339, UTC, `Z`). Frozen: format 1 of every entry kind.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An entry as opened (owned). Written through [`EntryRef`].
#[derive(Debug, Deserialize)]
pub(crate) struct Entry<T> {
    /// The record id (checked against the row's).
    pub id: String,
    /// What the user entered.
    pub content: T,
    /// When it was first saved.
    #[serde(deserialize_with = "utc_from_str")]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[serde(deserialize_with = "utc_from_str")]
    pub updated_at: DateTime<Utc>,
}

/// Borrowed [`Entry`], for sealing without copying.
#[derive(Debug, Serialize)]
pub(crate) struct EntryRef<'a, T> {
    /// See [`Entry::id`].
    pub id: &'a str,
    /// See [`Entry::content`].
    pub content: &'a T,
    /// See [`Entry::created_at`].
    pub created_at: &'a DateTime<Utc>,
    /// See [`Entry::updated_at`].
    pub updated_at: &'a DateTime<Utc>,
}

/// Implements [`Record`](super::Record) for a type with the four entry fields
/// `id`, `content`, `created_at`, `updated_at`, sealed as an [`Entry`] of `$content`.
macro_rules! entry_record {
    ($ty:ty, $content:ty, $kind:expr) => {
        impl $crate::record::Record for $ty {
            const KIND: &'static str = $kind;
            type Sealed<'a> = $crate::record::entry::EntryRef<'a, $content>;
            type Opened = $crate::record::entry::Entry<$content>;
            fn record_id(&self) -> &str {
                &self.id
            }
            fn to_sealed(&self) -> Self::Sealed<'_> {
                $crate::record::entry::EntryRef {
                    id: &self.id,
                    content: &self.content,
                    created_at: &self.created_at,
                    updated_at: &self.updated_at,
                }
            }
            fn from_opened(e: Self::Opened) -> Option<Self> {
                Some(Self {
                    id: e.id,
                    content: e.content,
                    created_at: e.created_at,
                    updated_at: e.updated_at,
                })
            }
        }
    };
}
pub(crate) use entry_record;

/// Reads a time as chrono's `Deserialize` does (`DateTime<FixedOffset>::from_str`, then
/// UTC), through [`parse_utc_fast`] first: unlock reads two per entry.
fn utc_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateTime<Utc>, E> {
            parse_utc(s).map_err(E::custom)
        }
    }
    d.deserialize_str(Visitor)
}

/// Parses a time as chrono's `Deserialize` for `DateTime<Utc>` does.
fn parse_utc(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match parse_utc_fast(s) {
        Some(t) => Ok(t),
        None => s
            .parse::<DateTime<chrono::FixedOffset>>()
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// The form chrono writes (and so every sealed entry holds):
/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, with one to nine fraction digits. `None` for anything
/// else, and for values it would have to judge (a leap second, an impossible date), which
/// [`parse_utc`] leaves to chrono. Property tests check it against chrono.
fn parse_utc_fast(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        b.get(from..from + n)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    if second >= 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 9 {
            return None;
        }
        nanos = digits(start, n)? * 10u32.pow((9 - n) as u32);
    }
    if i + 1 != b.len() || !at(i, b'Z') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(date.and_time(time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast path for sealed times gives exactly chrono's result for what chrono
        /// writes, and for strings of about that shape (invalid dates, hours, leap seconds,
        /// fraction lengths, other endings), whatever it is, value or error.
        #[test]
        fn sealed_times_parse_as_chrono_does(
            secs in -62_000_000_000i64..250_000_000_000,
            nanos in 0u32..2_000_000_000,
            odd in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?(Z|z|\\+01:00|)",
        ) {
            let chrono_says = |s: &str| -> Option<DateTime<Utc>> {
                serde_json::from_value::<DateTime<Utc>>(serde_json::Value::from(s)).ok()
            };
            if let Some(t) = DateTime::from_timestamp(secs, nanos) {
                let written = serde_json::to_value(t).unwrap();
                let text = written.as_str().unwrap();
                proptest::prop_assert!(parse_utc_fast(text).is_some() || nanos >= 1_000_000_000, "{text}");
                proptest::prop_assert_eq!(parse_utc(text).ok(), chrono_says(text));
                proptest::prop_assert_eq!(parse_utc(text).ok(), Some(t));
            }
            proptest::prop_assert_eq!(parse_utc(&odd).ok(), chrono_says(&odd), "{}", odd);
            if let Some(fast) = parse_utc_fast(&odd) {
                proptest::prop_assert_eq!(Some(fast), chrono_says(&odd), "{}", odd);
            }
        }
    }

    #[test]
    fn sealed_times_fast_path_edges() {
        for s in [
            "2026-02-29T00:00:00Z",
            "2024-02-29T23:59:59.999999999Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T23:59:60.5Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00.1234567891Z",
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:00ZZ",
            "0000-01-01T00:00:00Z",
            "+2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.5Z",
        ] {
            let chrono = serde_json::from_value::<DateTime<Utc>>(serde_json::Value::from(s)).ok();
            assert_eq!(parse_utc(s).ok(), chrono, "{s}");
            if let Some(fast) = parse_utc_fast(s) {
                assert_eq!(Some(fast), chrono, "{s}");
            }
        }
        assert!(parse_utc_fast("2026-01-01T00:00:00.5Z").is_some());
    }
}
