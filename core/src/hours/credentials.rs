//! Which credential a session counts under, and the names credentials go by.
//!
//! **Names.** `assets/credentials.toml` lists the categories in use today (IFS, IMHM-C, ...),
//! the regional credentials that are their own (AAIMH WA's IFP, the ERS add-on), and the older
//! names people still write (`Level IV-Clinical`), each mapped to today's name only where a
//! published page says so, with that page and the day it was read. [`canonical_credential`]
//! reads a typed name (letter case, spaces and dashes ignored).
//!
//! **The credential held on a day.** A session counts only under the credential its provider
//! held on the session's day. For a session of day D whose provider is in the address book:
//! 1. a credential of theirs with a start on or before D: the latest such decides, whatever
//!    the session says ([`HeldOn::Dated`]);
//! 2. every credential of theirs starts after D, none has an unknown start: they held none
//!    that day, and the session counts as one with no credential ([`HeldOn::NotYet`]);
//! 3. otherwise (not in the address book, no credentials listed, or credentials whose start
//!    is not known, as every provider saved before dates existed has): the record cannot say,
//!    and the session counts under the credential typed when it was logged, as Attune always
//!    counted it ([`HeldOn::AsLogged`]); except that a credential the record dates from after
//!    D is never taken from the session: "IMHM-C" typed on a 2024 session of a provider
//!    endorsed IMHM-C in 2025 counts as no credential.
//!
//! An unknown start therefore never makes a session count that did not count before, and a
//! known one only ever takes counting away from days before it: no false "met" comes from a
//! missing date. The window says beside each credential with no known start that sessions
//! count under the credential logged with each until the date is added.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{provider_key, SupervisionSession};
use super::providers::{HeldCredential, Provider, ProviderDraft};
use crate::error::{Error, Result};

const CATALOGUE_TOML: &str = include_str!("../../../assets/credentials.toml");

/// A credential in use today, or a regional one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredentialName {
    /// Its short name (IMHM-C).
    pub name: String,
    /// Written out (Infant Mental Health Mentor - Clinical).
    pub title: String,
    /// A credential of one region with no published equivalent among today's categories.
    #[serde(default)]
    pub regional: bool,
    /// The page that names it.
    pub source: String,
}

/// An older name, and the name in use today it is read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredentialAlias {
    /// The older name (Level IV-Clinical).
    pub name: String,
    /// The name in use today (IMHM-C).
    pub means: String,
    /// The page that equates them.
    pub source: String,
}

/// Every credential name Attune knows (`assets/credentials.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CredentialCatalogue {
    /// The day the sources were read.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub read: NaiveDate,
    /// The credentials, today's categories first, then the regional ones.
    pub credential: Vec<CredentialName>,
    /// The older names.
    pub alias: Vec<CredentialAlias>,
}

/// What makes two spellings one name: capitals, with only letters, digits and `/` kept
/// ("Level IV - clinical" is "LEVELIVCLINICAL", "imhm-c" is "IMHMC").
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '/')
        .flat_map(char::to_uppercase)
        .collect()
}

impl CredentialCatalogue {
    /// Parses and checks the catalogue: https sources, every alias read as a listed name,
    /// no name given twice.
    fn parse(text: &str) -> Result<CredentialCatalogue> {
        let c: CredentialCatalogue = toml::from_str(text)
            .map_err(|e| Error::invalid("credentials.toml", e.message().to_owned()))?;
        let mut seen = std::collections::HashSet::new();
        let names = c.credential.iter().map(|n| (&n.name, &n.source));
        let aliases = c.alias.iter().map(|a| (&a.name, &a.source));
        for (name, source) in names.chain(aliases) {
            if !seen.insert(key(name)) {
                return Err(Error::invalid(
                    "credentials.toml",
                    format!("{name} is given twice"),
                ));
            }
            if !source.starts_with("https://") && !source.starts_with("http://") {
                return Err(Error::invalid(
                    "credentials.toml",
                    format!("{name}: the source must be a web address"),
                ));
            }
        }
        for a in &c.alias {
            if !c.credential.iter().any(|n| n.name == a.means) {
                return Err(Error::invalid(
                    "credentials.toml",
                    format!("{} is read as {}, which is not listed", a.name, a.means),
                ));
            }
        }
        Ok(c)
    }
}

static CATALOGUE: LazyLock<std::result::Result<CredentialCatalogue, String>> =
    LazyLock::new(|| CredentialCatalogue::parse(CATALOGUE_TOML).map_err(|e| e.to_string()));

/// Every credential name Attune knows, for the window's list.
pub fn credential_catalogue() -> Result<&'static CredentialCatalogue> {
    CATALOGUE.as_ref().map_err(|e| Error::Internal(e.clone()))
}

/// The name in use today for a credential as typed: a listed name in any letter case
/// (`imhm-c`), or an older name (`Level IV-Clinical` is `IMHM-C`). `None` when Attune does
/// not know the name.
pub fn canonical_credential(typed: &str) -> Option<&'static str> {
    let c = CATALOGUE.as_ref().ok()?;
    let k = key(typed);
    if k.is_empty() {
        return None;
    }
    c.credential
        .iter()
        .find(|n| key(&n.name) == k)
        .map(|n| n.name.as_str())
        .or_else(|| {
            c.alias
                .iter()
                .find(|a| key(&a.name) == k)
                .map(|a| a.means.as_str())
        })
}

/// What a provider's credentials say about one day (see the module's doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldOn<'a> {
    /// The credential held that day: the latest one started on or before it.
    Dated(&'a HeldCredential),
    /// Every credential starts after that day, and none has an unknown start.
    NotYet,
    /// The credentials cannot say: none listed, or only with no known start before it.
    AsLogged,
}

/// Rules 1 and 2 of the module's doc, for one provider's credentials (sorted or not).
pub fn held_on(credentials: &[HeldCredential], date: NaiveDate) -> HeldOn<'_> {
    let mut best: Option<&HeldCredential> = None;
    let mut undated = false;
    for c in credentials {
        match c.since {
            None => undated = true,
            Some(s) if s <= date => {
                if best.and_then(|b| b.since).is_none_or(|b| s >= b) {
                    best = Some(c);
                }
            }
            Some(_) => {}
        }
    }
    match best {
        Some(c) => HeldOn::Dated(c),
        None if !undated && !credentials.is_empty() => HeldOn::NotYet,
        None => HeldOn::AsLogged,
    }
}

/// The credential a session counts under, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionCredential<'a> {
    /// The credential, if any.
    pub credential: Option<&'a str>,
    /// Why there is none: the provider's credentials all began after the session.
    pub not_yet: bool,
    /// The provider's dated credential it comes from (for its number and association).
    pub held: Option<&'a HeldCredential>,
}

/// The address book, indexed by [`provider_key`] once, for the credential held on a day.
#[derive(Debug, Default)]
pub struct ProviderBook<'a> {
    by_key: HashMap<String, &'a ProviderDraft>,
}

impl<'a> ProviderBook<'a> {
    /// Indexes `providers` by name.
    pub fn new(providers: &'a [Provider]) -> Self {
        ProviderBook {
            by_key: providers
                .iter()
                .map(|p| (provider_key(&p.content.name), &p.content))
                .collect(),
        }
    }

    /// The provider named `name` (case, spacing and Unicode form ignored).
    pub fn get(&self, name: &str) -> Option<&'a ProviderDraft> {
        self.by_key.get(&provider_key(name)).copied()
    }

    /// The credential a session of `date` with `provider` counts under, given the one typed
    /// when it was logged (`typed`): see the module's doc.
    pub fn session_credential<'s>(
        &self,
        provider: &str,
        date: NaiveDate,
        typed: Option<&'s str>,
    ) -> SessionCredential<'s>
    where
        'a: 's,
    {
        let as_logged = SessionCredential {
            credential: typed,
            not_yet: false,
            held: None,
        };
        let Some(p) = self.get(provider) else {
            return as_logged;
        };
        match held_on(&p.credentials, date) {
            HeldOn::Dated(h) => SessionCredential {
                credential: h.credential.as_deref(),
                not_yet: false,
                held: Some(h),
            },
            HeldOn::NotYet => SessionCredential {
                credential: None,
                not_yet: true,
                held: None,
            },
            HeldOn::AsLogged => {
                // A credential the record dates from after the session is not taken from it.
                let dated_later = typed.is_some_and(|t| {
                    let dated = |c: &HeldCredential| c.credential.as_deref() == Some(t);
                    p.credentials.iter().any(|c| c.since.is_some() && dated(c))
                        && !p.credentials.iter().any(|c| c.since.is_none() && dated(c))
                });
                if dated_later {
                    SessionCredential {
                        credential: None,
                        not_yet: true,
                        held: None,
                    }
                } else {
                    as_logged
                }
            }
        }
    }
}

/// A run of one provider's sessions under one credential, for exports: which credential,
/// its number and association as the address book has them, and the days it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldStretch {
    /// The credential the sessions count under; `None` when they count under none.
    pub credential: Option<String>,
    /// Its endorsement number, when the address book has one.
    pub endorsement_number: String,
    /// The association that endorsed them, when known.
    pub association: String,
    /// The first session's day.
    pub first: NaiveDate,
    /// The last session's day.
    pub last: NaiveDate,
}

impl ProviderBook<'_> {
    /// `sessions` as exports write them (the hours CSV, and so the PDF's fingerprint of it):
    /// each with the credential its provider held on its day, in place of the one typed.
    pub fn as_held(&self, sessions: &[&SupervisionSession]) -> Vec<SupervisionSession> {
        sessions
            .iter()
            .map(|s| {
                let c = &s.content;
                let held = self.session_credential(&c.provider, c.date, c.credential.as_deref());
                let mut out = (*s).clone();
                out.content.credential = held.credential.map(str::to_owned);
                out
            })
            .collect()
    }

    /// The credential of each of `sessions` (all of one provider, oldest first) as runs of
    /// the same credential and number: "IMHS, 111 from May 2019; IMHM-C, 222 from March 2025".
    /// A credential counted as logged takes the number of the provider's credential of that
    /// name with no known start, if there is one.
    pub fn stretches(&self, sessions: &[&SupervisionSession]) -> Vec<HeldStretch> {
        let mut out: Vec<HeldStretch> = Vec::new();
        for s in sessions {
            let c = &s.content;
            let held = self.session_credential(&c.provider, c.date, c.credential.as_deref());
            let details = held.held.or_else(|| {
                let p = self.get(&c.provider)?;
                p.credentials
                    .iter()
                    .rev()
                    .find(|h| h.since.is_none() && h.credential.as_deref() == held.credential)
            });
            let (number, association) =
                details.map_or(("", ""), |h| (&*h.endorsement_number, &*h.association));
            match out.last_mut() {
                Some(last)
                    if last.credential.as_deref() == held.credential
                        && last.endorsement_number == number
                        && last.association == association =>
                {
                    last.last = c.date;
                }
                _ => out.push(HeldStretch {
                    credential: held.credential.map(str::to_owned),
                    endorsement_number: number.to_owned(),
                    association: association.to_owned(),
                    first: c.date,
                    last: c.date,
                }),
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn held(c: &str, since: Option<&str>) -> HeldCredential {
        HeldCredential {
            credential: Some(c.into()),
            since: since.map(day),
            association: "MI-AIMH".into(),
            endorsement_number: String::new(),
        }
    }

    fn provider(credentials: Vec<HeldCredential>) -> Vec<Provider> {
        vec![Provider {
            id: "p1".into(),
            content: ProviderDraft {
                name: "Lucía Pérez".into(),
                credentials,
            },
            created_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
        }]
    }

    #[test]
    fn the_catalogue_loads_and_every_alias_reads_as_a_listed_name() {
        let c = credential_catalogue().unwrap();
        assert!(c.credential.iter().any(|n| n.name == "IMHM-C"));
        for (typed, means) in [
            ("Level IV-Clinical", "IMHM-C"),
            ("level iv - clinical", "IMHM-C"),
            ("Level IV-C", "IMHM-C"),
            ("Level II", "IFS"),
            ("Level III", "IMHS"),
            ("imhm-c", "IMHM-C"),
            ("IMHM R/F", "IMHM-R/F"),
            ("ecfrs", "ECFRS"),
            ("ERS", "ERS"),
            ("IFP", "IFP"),
            ("IMHP", "IMHP"),
        ] {
            assert_eq!(canonical_credential(typed), Some(means), "{typed}");
        }
        // Not read as anything: a name with no published equivalent, or none at all.
        for unknown in ["Level IV", "Category II", "LCSW", "", " - "] {
            assert_eq!(canonical_credential(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn a_broken_catalogue_names_what_is_wrong() {
        let alias_to_nothing = "read = \"2026-12-02\"\ncredential = []\n[[alias]]\nname = \"Level II\"\nmeans = \"IFS\"\nsource = \"https://x\"\n";
        let e = CredentialCatalogue::parse(alias_to_nothing).unwrap_err();
        assert!(e.to_string().contains("Level II"), "{e}");
        let twice = "read = \"2026-12-02\"\nalias = []\n[[credential]]\nname = \"IFS\"\ntitle = \"a\"\nsource = \"https://x\"\n[[credential]]\nname = \"ifs\"\ntitle = \"b\"\nsource = \"https://x\"\n";
        let e = CredentialCatalogue::parse(twice).unwrap_err();
        assert!(e.to_string().contains("twice"), "{e}");
    }

    #[test]
    fn the_credential_held_on_the_session_day_decides() {
        let ps = provider(vec![
            held("IMHS", Some("2019-05-01")),
            held("IMHM-C", Some("2025-03-01")),
        ]);
        let book = ProviderBook::new(&ps);
        let on = |d, typed| book.session_credential("LUCÍA pérez", day(d), typed);
        assert_eq!(on("2025-03-01", None).credential, Some("IMHM-C"));
        // The record wins over what the session says.
        assert_eq!(on("2024-06-01", Some("IMHM-C")).credential, Some("IMHS"));
        let before = on("2019-01-01", Some("IMHS"));
        assert_eq!((before.credential, before.not_yet), (None, true));
        // Someone not in the address book: as logged.
        let other = book.session_credential("Ben Ode", day("2024-06-01"), Some("IMHS"));
        assert_eq!((other.credential, other.not_yet), (Some("IMHS"), false));
    }

    #[test]
    fn a_credential_with_no_known_start_counts_as_logged_unless_dated_later() {
        let ps = provider(vec![held("IMHS", None), held("IMHM-C", Some("2025-03-01"))]);
        let book = ProviderBook::new(&ps);
        let on = |d, typed| book.session_credential("Lucía Pérez", day(d), typed);
        assert_eq!(on("2024-06-01", Some("IMHS")).credential, Some("IMHS"));
        let typed_later = on("2024-06-01", Some("IMHM-C"));
        assert_eq!((typed_later.credential, typed_later.not_yet), (None, true));
        assert_eq!(on("2024-06-01", None).credential, None);
        // Only undated: whatever the session says, as before dates existed.
        let ps = provider(vec![held("IMHM-C", None)]);
        let book = ProviderBook::new(&ps);
        let s = book.session_credential("Lucía Pérez", day("2020-01-01"), Some("IMHM-C"));
        assert_eq!((s.credential, s.not_yet), (Some("IMHM-C"), false));
    }
}
