//! The kinds a session is recorded with: individual or group, how it took place, and the
//! ages its work was about. Each has one spelling in JSON, CSV and on the command line.

use serde::{Deserialize, Serialize};

use super::shorten;
use crate::error::{Error, Result};

/// One-to-one or in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SessionFormat {
    /// The supervisor and the practitioner alone.
    Individual,
    /// Several practitioners with one supervisor.
    Group,
}

impl SessionFormat {
    /// The name used in JSON, CSV and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionFormat::Individual => "individual",
            SessionFormat::Group => "group",
        }
    }

    /// Parses `individual` or `group` (any case), naming `field` when it is neither.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "individual" => Ok(SessionFormat::Individual),
            "group" => Ok(SessionFormat::Group),
            _ => Err(Error::invalid(
                field,
                format!("{:?} is not individual or group", shorten(s)),
            )),
        }
    }
}

/// How the session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Modality {
    /// In the same room.
    InPerson,
    /// By video.
    Virtual,
    /// By telephone.
    Phone,
}

impl Modality {
    /// The name used in JSON, CSV and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::InPerson => "in-person",
            Modality::Virtual => "virtual",
            Modality::Phone => "phone",
        }
    }

    /// Parses `in-person`, `virtual` or `phone` (any case; "in person" too).
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "in-person" | "in person" => Ok(Modality::InPerson),
            "virtual" => Ok(Modality::Virtual),
            "phone" => Ok(Modality::Phone),
            _ => Err(Error::invalid(
                field,
                format!("{:?} is not in-person, virtual or phone", shorten(s)),
            )),
        }
    }
}

/// The ages a session's work was about: the Infant Mental Health Endorsement (IMH-E®)
/// covers 0-3, the Early Childhood one (ECMH-E®) 3-6. A category counts only sessions of its
/// own focus; a session with no focus recorded counts for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AgeFocus {
    /// Infants and toddlers, birth to three (IMH-E®).
    #[serde(rename = "0-3")]
    Infant,
    /// Young children, three to six (ECMH-E®).
    #[serde(rename = "3-6")]
    EarlyChildhood,
}

impl AgeFocus {
    /// The name used in JSON, CSV, rule files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            AgeFocus::Infant => "0-3",
            AgeFocus::EarlyChildhood => "3-6",
        }
    }

    /// Parses `0-3` or `3-6`, naming `field` when it is neither.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim() {
            "0-3" => Ok(AgeFocus::Infant),
            "3-6" => Ok(AgeFocus::EarlyChildhood),
            _ => Err(Error::invalid(
                field,
                format!("{:?} is not 0-3 or 3-6", shorten(s)),
            )),
        }
    }
}
