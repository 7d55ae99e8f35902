//! Who a vault belongs to: a display name and a role. Sealed in the vault like every record;
//! the name is what contact cards carry and what attestations match as provider.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Whether the vault belongs to a practitioner or a supervisor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Role {
    /// Writes reflections and logs hours.
    #[default]
    Practitioner,
    /// Reads what practitioners share and attests hours.
    Supervisor,
}

impl Role {
    /// The name used in JSON and on the command line: `practitioner` or `supervisor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::Supervisor => "supervisor",
        }
    }

    /// Parses `practitioner` or `supervisor`.
    pub fn parse(s: &str) -> Result<Role> {
        match s {
            "practitioner" => Ok(Role::Practitioner),
            "supervisor" => Ok(Role::Supervisor),
            _ => Err(Error::invalid(
                "role",
                format!("{s:?} is not practitioner or supervisor"),
            )),
        }
    }
}

/// Who the vault belongs to (sealed like every record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Display name (shown on contact cards).
    pub name: String,
    /// Practitioner or supervisor.
    pub role: Role,
    /// When the vault was created.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// Other spellings of my name that practitioners log me under as their provider
    /// ("Sam S.", "Dr. Sam Supervisor"): sessions logged under them can be signed by me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provider_spellings: Vec<String>,
}

/// Most other spellings of one's name kept.
pub const MAX_PROVIDER_SPELLINGS: usize = 20;

impl Profile {
    /// Every name sessions may give me as provider: my name, then my other spellings.
    pub fn provider_names(&self) -> Vec<&str> {
        std::iter::once(self.name.as_str())
            .chain(self.provider_spellings.iter().map(String::as_str))
            .collect()
    }
}

/// Cleans other spellings of one's name as typed: each trimmed and checked as a name,
/// blanks dropped, and those that match the name or an earlier spelling (case and
/// spacing ignored, as providers are matched) dropped too.
pub fn clean_provider_spellings(name: &str, typed: &[String]) -> Result<Vec<String>> {
    let mut keys = vec![crate::hours::provider_key(name)];
    let mut out = Vec::new();
    for (i, t) in typed.iter().enumerate() {
        if t.trim().is_empty() {
            continue;
        }
        let clean = crate::person_name::person_name("spellings", t)
            .map_err(|e| Error::invalid("spellings", format!("spelling {} ({t:?}) {e}", i + 1)))?;
        let key = crate::hours::provider_key(&clean);
        if !keys.contains(&key) {
            keys.push(key);
            out.push(clean);
        }
    }
    if out.len() > MAX_PROVIDER_SPELLINGS {
        return Err(Error::invalid(
            "spellings",
            format!("at most {MAX_PROVIDER_SPELLINGS} other spellings"),
        ));
    }
    Ok(out)
}
