//! The user's settings that belong to the vault, sealed like every record: the names to
//! avoid are themselves identifying, and the auto-lock time is part of the vault's safety.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::hours::RenewalChoice;

/// Shortest auto-lock time offered, in minutes.
pub const MIN_AUTO_LOCK_MINUTES: u32 = 1;
/// Longest auto-lock time offered, in minutes (a vault never stays open all day unattended).
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;
/// Most names on the "names to avoid" list.
pub const MAX_NAMES_TO_AVOID: usize = 500;
/// Longest name on the list, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Settings stored (sealed) in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    /// Lock the vault after this many idle minutes.
    pub auto_lock_minutes: u32,
    /// Real names the writer wants flagged while writing (families, places, agencies).
    #[serde(default)]
    pub names_to_avoid: Vec<String>,
    /// The Endorsement rule set the progress dashboard shows (`imh-e/imhm-c`), if chosen.
    #[serde(default)]
    pub rule_set: Option<String>,
    /// Whether the writer provides reflective supervision/consultation to others: only then
    /// does the session form ask whether a session was about the RSC they provide.
    #[serde(default)]
    pub provides_rsc: bool,
    /// The association the writer renews their Endorsement with (`mi-aimh`), if chosen.
    #[serde(default)]
    pub association: Option<String>,
    /// The Endorsement category they hold (`IMHS`), if chosen.
    #[serde(default)]
    pub endorsement_category: Option<String>,
    /// The day they were endorsed in that category: the first renewal after it may be
    /// exempt, and some rules change after years held.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub endorsed_on: Option<NaiveDate>,
    /// A second folder every automatic backup is also written to (a USB drive, a synced
    /// folder), as an absolute path; backups always go to the vault's own `backups` too.
    #[serde(default)]
    pub backup_folder: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: 10,
            names_to_avoid: Vec::new(),
            rule_set: None,
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        }
    }
}

impl Settings {
    /// Checks the bounds and tidies the names list: trimmed, blank lines dropped, duplicates
    /// (ignoring case) removed, order kept.
    pub fn validated(mut self) -> Result<Self> {
        if !(MIN_AUTO_LOCK_MINUTES..=MAX_AUTO_LOCK_MINUTES).contains(&self.auto_lock_minutes) {
            return Err(Error::invalid(
                "auto_lock_minutes",
                format!(
                    "{} is outside {MIN_AUTO_LOCK_MINUTES}–{MAX_AUTO_LOCK_MINUTES} minutes",
                    self.auto_lock_minutes
                ),
            ));
        }
        let mut names: Vec<String> = Vec::with_capacity(self.names_to_avoid.len());
        for (i, name) in self.names_to_avoid.iter().enumerate() {
            let n = name.trim();
            if n.is_empty() {
                continue;
            }
            if n.chars().count() > MAX_NAME_CHARS {
                // The line travels as data, beside the field, for the form to mark.
                return Err(Error::invalid_at(
                    Place::line(i as u64 + 1),
                    "names_to_avoid",
                    format!("is longer than {MAX_NAME_CHARS} characters"),
                ));
            }
            let folded = n.to_lowercase();
            if !names.iter().any(|x| x.to_lowercase() == folded) {
                names.push(n.to_owned());
            }
        }
        if names.len() > MAX_NAMES_TO_AVOID {
            return Err(Error::invalid(
                "names_to_avoid",
                format!("at most {MAX_NAMES_TO_AVOID} names"),
            ));
        }
        self.names_to_avoid = names;
        self.rule_set = match self.rule_set.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(
                crate::hours::rule_set(id)
                    .map_err(|e| Error::invalid("rule_set", e.to_string()))?
                    .id
                    .clone(),
            ),
        };
        self.association = match self.association.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(
                crate::hours::association(id)
                    .map_err(|e| Error::invalid("association", e.to_string()))?
                    .id
                    .clone(),
            ),
        };
        self.endorsement_category = match self.endorsement_category.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => {
                let c = c.to_ascii_uppercase();
                if !crate::hours::endorsement_categories()?.contains(&c.as_str()) {
                    return Err(Error::invalid(
                        "endorsement_category",
                        format!(
                            "{:?} is not a category Attune knows a renewal for",
                            crate::hours::shorten(&c)
                        ),
                    ));
                }
                Some(c)
            }
        };
        if let Some(d) = self.endorsed_on {
            crate::journal::check_not_before_earliest_year("endorsed_on", d)?;
        }
        self.backup_folder = match self.backup_folder.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(f) if !std::path::Path::new(f).is_absolute() => {
                return Err(Error::invalid(
                    "backup_folder",
                    "must be a whole path from the top (such as /media/usb/attune), not a relative one",
                ));
            }
            Some(f) if f.chars().any(char::is_control) => {
                return Err(Error::invalid("backup_folder", "has control characters"));
            }
            Some(f) => Some(f.to_owned()),
        };
        Ok(self)
    }

    /// Who is renewing, as chosen here; an error naming the missing choice if the
    /// association or the category is not chosen yet.
    pub fn renewal_choice(&self) -> Result<RenewalChoice> {
        let missing = |field: &str, what: &str| {
            Error::invalid(
                field,
                format!("choose {what} in Settings to see your renewal"),
            )
        };
        Ok(RenewalChoice {
            association: self
                .association
                .clone()
                .ok_or_else(|| missing("association", "your association"))?,
            category: self
                .endorsement_category
                .clone()
                .ok_or_else(|| missing("endorsement_category", "your Endorsement category"))?,
            provides_rsc: self.provides_rsc,
            endorsed_on: self.endorsed_on,
        })
    }
}

impl Drop for Settings {
    /// The names are real names: overwrite them when the settings go (on lock and replace).
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.names_to_avoid.zeroize();
        self.rule_set.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_names_and_checks_bounds() {
        let s = Settings {
            auto_lock_minutes: 5,
            names_to_avoid: vec![" Lucía ".into(), "".into(), "lucía".into(), "Oak St".into()],
            rule_set: Some(" imh-e/imhm-c ".into()),
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        }
        .validated()
        .unwrap();
        assert_eq!(s.names_to_avoid, ["Lucía", "Oak St"]);
        assert_eq!(s.rule_set.as_deref(), Some("imh-e/imhm-c"));
        for bad in [0, 241, u32::MAX] {
            let e = Settings {
                auto_lock_minutes: bad,
                names_to_avoid: Vec::new(),
                rule_set: None,
                provides_rsc: false,
                association: None,
                endorsement_category: None,
                endorsed_on: None,
                backup_folder: None,
            }
            .validated()
            .unwrap_err();
            assert!(e.to_string().starts_with("auto_lock_minutes:"), "{e}");
        }
        let e = Settings {
            auto_lock_minutes: 10,
            names_to_avoid: vec!["ok".into(), "x".repeat(101)],
            rule_set: None,
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        }
        .validated()
        .unwrap_err();
        assert!(e.to_string().starts_with("line 2: names_to_avoid:"), "{e}");
        match e {
            Error::InvalidInput { field, place, .. } => {
                assert_eq!(field, "names_to_avoid");
                assert_eq!(place, Some(Place::line(2)));
            }
            other => panic!("{other:?}"),
        }
        let e = Settings {
            auto_lock_minutes: 10,
            names_to_avoid: Vec::new(),
            rule_set: Some("imh-e/nonsense".into()),
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        }
        .validated()
        .unwrap_err();
        assert!(e.to_string().starts_with("rule_set:"), "{e}");
        let none = Settings {
            auto_lock_minutes: 10,
            names_to_avoid: Vec::new(),
            rule_set: Some("  ".into()),
            provides_rsc: false,
            association: None,
            endorsement_category: None,
            endorsed_on: None,
            backup_folder: None,
        }
        .validated()
        .unwrap();
        assert_eq!(none.rule_set, None);
    }

    /// Settings written before the renewal choice existed read with none chosen; a choice
    /// is checked against the associations and categories Attune knows.
    #[test]
    fn older_settings_read_with_no_renewal_choice() {
        let old: Settings = serde_json::from_str(
            r#"{"auto_lock_minutes":10,"names_to_avoid":[],"rule_set":null,"provides_rsc":true}"#,
        )
        .unwrap();
        assert_eq!(
            (&old.association, &old.endorsement_category, old.endorsed_on),
            (&None, &None, None)
        );
        let e = old.renewal_choice().unwrap_err();
        assert!(e.to_string().starts_with("association:"), "{e}");
        let mut s = Settings::default();
        s.association = Some(" MI-AIMH ".into());
        s.endorsement_category = Some("imhm-r/f".into());
        s.endorsed_on = chrono::NaiveDate::from_ymd_opt(2020, 5, 1);
        let s = s.validated().unwrap();
        assert_eq!(s.association.as_deref(), Some("mi-aimh"));
        assert_eq!(s.endorsement_category.as_deref(), Some("IMHM-R/F"));
        let c = s.renewal_choice().unwrap();
        assert_eq!(
            (c.association.as_str(), c.category.as_str()),
            ("mi-aimh", "IMHM-R/F")
        );
        let mut nowhere = Settings::default();
        nowhere.association = Some("nowhere".into());
        let mut wizard = Settings::default();
        wizard.endorsement_category = Some("WIZARD".into());
        for (bad, field) in [(nowhere, "association:"), (wizard, "endorsement_category:")] {
            let e = bad.validated().unwrap_err();
            assert!(e.to_string().starts_with(field), "{e}");
        }
    }

    /// Settings written before `provides_rsc` existed read as not providing RSC.
    #[test]
    fn older_settings_read_with_provides_rsc_off() {
        let old: Settings =
            serde_json::from_str(r#"{"auto_lock_minutes":10,"names_to_avoid":[],"rule_set":null}"#)
                .unwrap();
        assert!(!old.provides_rsc);
        let on: Settings = serde_json::from_str(
            r#"{"auto_lock_minutes":10,"names_to_avoid":[],"rule_set":null,"provides_rsc":true}"#,
        )
        .unwrap();
        assert!(on.provides_rsc);
    }
}
