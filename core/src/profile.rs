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
}
