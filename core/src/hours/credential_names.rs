//! The names credentials go by: `assets/credentials.toml` lists the categories in use today
//! (IFS, IMHM-C, ...), the regional credentials that are their own (AAIMH WA's IFP, the ERS
//! add-on), and the older names people still write (`Level IV-Clinical`), each mapped to
//! today's name only where a published page says so, with that page and the day it was read.
//! [`canonical_credential`] reads a typed name (letter case, spaces and dashes ignored).

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
}
