//! The paper a PDF is set on: A4, or US Letter where people use it. By default it follows the
//! user's locale, as CLDR's paper-size data does; the user can choose either.

use serde::{Deserialize, Serialize};

/// A sheet of paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// The territories whose paper is US Letter (CLDR supplemental data, `paperSize`).
const LETTER_TERRITORIES: [&str; 13] = [
    "BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US",
];

impl PageSize {
    /// Both, in the order a choice offers them.
    pub const ALL: [PageSize; 2] = [PageSize::A4, PageSize::Letter];

    /// The name used on the command line and in IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::Letter => "letter",
        }
    }

    /// Reads a name as written by [`PageSize::as_str`], in any case.
    pub fn parse(name: &str) -> Option<PageSize> {
        PageSize::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// Width and height in PDF points (1/72 in), portrait.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }

    /// The paper used where `locale` is: a POSIX locale name (`en_US.UTF-8`, `es_MX@euro`)
    /// or a BCP 47 tag (`en-US`, `es-419`). Letter in the territories that use it, A4
    /// elsewhere, and A4 when the locale names no territory (`C`, `en`).
    pub fn for_locale(locale: &str) -> PageSize {
        let name = locale.split(['.', '@']).next().unwrap_or_default();
        let territory = name
            .split(['_', '-'])
            .skip(1)
            .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()));
        match territory {
            Some(t) if LETTER_TERRITORIES.contains(&t.to_ascii_uppercase().as_str()) => {
                PageSize::Letter
            }
            _ => PageSize::A4,
        }
    }

    /// The paper of this process's locale: `LC_ALL`, else `LC_PAPER`, else `LANG`, the
    /// first that is set and not empty (POSIX's order).
    pub fn from_environment() -> PageSize {
        PageSize::from_variables(|name| std::env::var(name).ok())
    }

    /// [`PageSize::from_environment`] with the variables read by `get`.
    pub fn from_variables(get: impl Fn(&str) -> Option<String>) -> PageSize {
        ["LC_ALL", "LC_PAPER", "LANG"]
            .into_iter()
            .filter_map(get)
            .find(|v| !v.is_empty())
            .map_or(PageSize::A4, |v| PageSize::for_locale(&v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_where_the_locale_uses_it() {
        for (locale, page) in [
            ("en_US.UTF-8", PageSize::Letter),
            ("en-US", PageSize::Letter),
            ("es_MX.UTF-8@euro", PageSize::Letter),
            ("fr_CA", PageSize::Letter),
            ("en-ca", PageSize::Letter),
            ("es-Latn-CL", PageSize::Letter),
            ("en_GB.UTF-8", PageSize::A4),
            ("de-DE", PageSize::A4),
            ("es-419", PageSize::A4),
            ("en", PageSize::A4),
            ("C", PageSize::A4),
            ("C.UTF-8", PageSize::A4),
            ("", PageSize::A4),
        ] {
            assert_eq!(PageSize::for_locale(locale), page, "{locale}");
        }
    }

    #[test]
    fn the_environment_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            PageSize::from_variables(env(&[("LANG", "en_US.UTF-8")])),
            PageSize::Letter
        );
        assert_eq!(
            PageSize::from_variables(env(&[("LANG", "en_US.UTF-8"), ("LC_PAPER", "en_GB.UTF-8")])),
            PageSize::A4
        );
        assert_eq!(
            PageSize::from_variables(env(&[
                ("LC_ALL", "en_US.UTF-8"),
                ("LC_PAPER", "en_GB.UTF-8")
            ])),
            PageSize::Letter
        );
        assert_eq!(
            PageSize::from_variables(env(&[("LC_ALL", ""), ("LANG", "es_MX")])),
            PageSize::Letter
        );
        assert_eq!(PageSize::from_variables(env(&[])), PageSize::A4);
    }

    #[test]
    fn names_read_back() {
        for p in PageSize::ALL {
            assert_eq!(PageSize::parse(p.as_str()), Some(p));
        }
        assert_eq!(PageSize::parse(" Letter "), Some(PageSize::Letter));
        assert_eq!(PageSize::parse("legal"), None);
    }
}
