//! The supervisors and consultants in the applicant's address book, with the credentials
//! each has held and since when. A session counts under the credential its provider held on
//! the session's day ([`super::credentials`]).
//!
//! Stored form: `{"name", "credentials": [{"credential", "since", "association",
//! "endorsement_number"}]}`. Records written before credentials had dates hold one
//! `credential`, `endorsement_number` and `association` beside the name; they are read as one
//! credential whose start is not known ([`HeldCredential::since`] `None`), and written in the
//! new form the next time the provider is saved.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{clean_name, normalize_credential};
use crate::error::{Error, Place, Result};
use crate::journal::check_not_before_earliest_year;

/// Most credentials one provider may list.
pub const MAX_CREDENTIALS: usize = 20;

/// One credential a provider holds or held: which, since when, from which association,
/// under which number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeldCredential {
    /// The category as named today (IMHM-C, ...); an older or regional name typed is read as
    /// the name in use today where one is published (`Level IV-Clinical` is IMHM-C). `None`:
    /// endorsed, category not known.
    #[serde(default)]
    pub credential: Option<String>,
    /// The day they were endorsed in it; `None` when not known (see
    /// [`super::credentials`] for how such a credential counts).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub since: Option<NaiveDate>,
    /// The association that endorsed them (e.g. MI-AIMH).
    #[serde(default)]
    pub association: String,
    /// Their endorsement number, if known (reviewers check it).
    #[serde(default)]
    pub endorsement_number: String,
}

impl HeldCredential {
    /// Trims and checks one credential: a known or well-formed category, a date from 1900
    /// to `today`, sane lengths. Errors name the field.
    fn validated(mut self, today: NaiveDate) -> Result<Self> {
        self.credential = match self.credential.as_deref() {
            Some(c) => normalize_credential("credential", c)?,
            None => None,
        };
        if let Some(since) = self.since {
            check_not_before_earliest_year("since", since)?;
            if since > today {
                return Err(Error::invalid(
                    "since",
                    format!("{since} is after today ({today}): the date they were endorsed"),
                ));
            }
        }
        self.association = clean_name("association", &self.association, false)?;
        self.endorsement_number =
            clean_name("endorsement_number", &self.endorsement_number, false)?;
        if self.credential.is_none()
            && self.association.is_empty()
            && self.endorsement_number.is_empty()
        {
            return Err(Error::invalid(
                "credential",
                "is missing: choose the credential (or give the association or number)",
            ));
        }
        Ok(self)
    }
}

/// Someone who provides reflective supervision/consultation, as the applicant's address
/// book knows them. Sessions carry the provider's name and the credential typed when they
/// were logged; the credentials here, with their dates, decide which one counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProviderDraft {
    /// Full name, as the association knows them.
    pub name: String,
    /// The credentials they hold or held, oldest first (those with no known start first).
    pub credentials: Vec<HeldCredential>,
}

impl ProviderDraft {
    /// Trims and checks a provider and each credential (errors name the credential by its
    /// place in the list); sorts the credentials, oldest first.
    pub fn validated(mut self) -> Result<Self> {
        self.name = clean_name("name", &self.name, true)?;
        if self.credentials.len() > MAX_CREDENTIALS {
            return Err(Error::invalid(
                "credentials",
                format!("at most {MAX_CREDENTIALS} credentials"),
            ));
        }
        let today = crate::journal::today();
        let mut out: Vec<HeldCredential> = Vec::with_capacity(self.credentials.len());
        for (i, c) in std::mem::take(&mut self.credentials)
            .into_iter()
            .enumerate()
        {
            let place = Place::Entry {
                kind: "credential",
                number: i as u64 + 1,
            };
            let c = c.validated(today).map_err(|e| e.placed(place))?;
            if out
                .iter()
                .any(|o| o.credential == c.credential && o.since == c.since)
            {
                return Err(Error::invalid_at(
                    place,
                    "credential",
                    "is listed twice with the same date",
                ));
            }
            out.push(c);
        }
        out.sort_by_key(|c| c.since);
        self.credentials = out;
        Ok(self)
    }

    /// The credential they hold today, or last held: the latest dated one on or before
    /// `today`, else the last one with no known start.
    pub fn current(&self, today: NaiveDate) -> Option<&HeldCredential> {
        match held_on(&self.credentials, today) {
            HeldOn::Dated(h) => Some(h),
            _ => self.credentials.iter().rev().find(|c| c.since.is_none()),
        }
    }

    /// The credential to fill in on a session of `date` logged without one: the one held
    /// that day, else one with no known start; none when every credential began later.
    pub fn credential_for_session(&self, date: NaiveDate) -> Option<&str> {
        match held_on(&self.credentials, date) {
            HeldOn::Dated(h) => h.credential.as_deref(),
            HeldOn::NotYet => None,
            HeldOn::AsLogged => self
                .credentials
                .iter()
                .rev()
                .find(|c| c.since.is_none())
                .and_then(|c| c.credential.as_deref()),
        }
    }

    /// Sets one credential as the command line gives it: `credential` (as typed, already
    /// checked) with `since`, and its number and association where given. The credential
    /// changed is the one of that name and date; else, given a date, the one of that name
    /// with no known start (it gets the date); else, given no date, the last one with no
    /// known start (it becomes `credential`, as when a provider had one credential); else a
    /// new one. With no `credential`, the number and association go to the credential held
    /// today. Check the result with [`ProviderDraft::validated`].
    pub fn set_credential(
        &mut self,
        credential: Option<&str>,
        since: Option<NaiveDate>,
        endorsement_number: Option<&str>,
        association: Option<&str>,
        today: NaiveDate,
    ) {
        let list = &mut self.credentials;
        let named =
            |c: &HeldCredential| credential.is_some() && c.credential.as_deref() == credential;
        let found = match credential {
            Some(_) => list
                .iter()
                .position(|c| named(c) && c.since == since)
                .or_else(|| {
                    since.and_then(|_| list.iter().position(|c| named(c) && c.since.is_none()))
                })
                .or_else(|| {
                    since
                        .is_none()
                        .then(|| list.iter().rposition(|c| c.since.is_none()))
                        .flatten()
                }),
            None => self_current_index(list, today),
        };
        let i = match found {
            Some(i) => i,
            None => {
                list.push(HeldCredential {
                    credential: None,
                    since: None,
                    association: String::new(),
                    endorsement_number: String::new(),
                });
                list.len() - 1
            }
        };
        let c = &mut list[i];
        if credential.is_some() {
            c.credential = credential.map(str::to_owned);
            c.since = since;
        }
        if let Some(n) = endorsement_number {
            n.clone_into(&mut c.endorsement_number);
        }
        if let Some(a) = association {
            a.clone_into(&mut c.association);
        }
    }

    /// Notes that a session named `credential` for this provider, who had none listed: it
    /// becomes a credential with no known start.
    pub(crate) fn learn(&mut self, credential: Option<&str>) -> bool {
        match credential {
            Some(c) if self.credentials.is_empty() => {
                self.credentials.push(HeldCredential {
                    credential: Some(c.to_owned()),
                    since: None,
                    association: String::new(),
                    endorsement_number: String::new(),
                });
                true
            }
            _ => false,
        }
    }
}

/// The place in `list` of the credential held on `today` (see [`ProviderDraft::current`]).
fn self_current_index(list: &[HeldCredential], today: NaiveDate) -> Option<usize> {
    match held_on(list, today) {
        HeldOn::Dated(h) => list.iter().position(|c| std::ptr::eq(c, h)),
        _ => list.iter().rposition(|c| c.since.is_none()),
    }
}

/// What a provider's credentials say about one day (see [`super::credentials`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldOn<'a> {
    /// The credential held that day: the latest one started on or before it.
    Dated(&'a HeldCredential),
    /// Every credential starts after that day, and none has an unknown start.
    NotYet,
    /// The credentials cannot say: none listed, or only with no known start before it.
    AsLogged,
}

/// Rules 1 and 2 of [`super::credentials`], for one provider's credentials (sorted or not).
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

/// A provider as stored, in either form (see the module's doc).
#[derive(Deserialize)]
struct StoredProvider {
    name: String,
    #[serde(default)]
    credentials: Option<Vec<HeldCredential>>,
    /// Before dated credentials: the one credential.
    #[serde(default)]
    credential: Option<String>,
    /// Before dated credentials: its number.
    #[serde(default)]
    endorsement_number: String,
    /// Before dated credentials: its association.
    #[serde(default)]
    association: String,
}

impl From<StoredProvider> for ProviderDraft {
    fn from(s: StoredProvider) -> Self {
        let credentials = match s.credentials {
            Some(list) => list,
            None if s.credential.is_none()
                && s.endorsement_number.is_empty()
                && s.association.is_empty() =>
            {
                Vec::new()
            }
            None => vec![HeldCredential {
                // Read as the name in use today, or kept as it was.
                credential: s
                    .credential
                    .map(|c| match normalize_credential("credential", &c) {
                        Ok(Some(n)) => n,
                        _ => c,
                    }),
                since: None,
                association: s.association,
                endorsement_number: s.endorsement_number,
            }],
        };
        ProviderDraft {
            name: s.name,
            credentials,
        }
    }
}

impl<'de> Deserialize<'de> for ProviderDraft {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        StoredProvider::deserialize(d).map(ProviderDraft::from)
    }
}

/// A saved provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Provider {
    /// Random id (hex).
    pub id: String,
    /// What the user entered.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: ProviderDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
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
            association: " MI-AIMH ".into(),
            endorsement_number: String::new(),
        }
    }

    #[test]
    fn a_provider_record_from_before_dated_credentials_reads_as_one_credential_with_no_start() {
        let old: ProviderDraft = serde_json::from_value(serde_json::json!({
            "name": "Lucía Pérez", "credential": "Level IV-Clinical",
            "endorsement_number": "12345", "association": "MI-AIMH"
        }))
        .unwrap();
        assert_eq!(
            old.credentials,
            vec![HeldCredential {
                credential: Some("IMHM-C".into()),
                since: None,
                association: "MI-AIMH".into(),
                endorsement_number: "12345".into(),
            }]
        );
        // A number with no credential is kept; nothing at all is no credential.
        let number_only: ProviderDraft = serde_json::from_value(serde_json::json!({
            "name": "Ben Ode", "credential": null, "endorsement_number": "TX-777",
            "association": ""
        }))
        .unwrap();
        assert_eq!(number_only.credentials[0].credential, None);
        assert_eq!(number_only.credentials[0].endorsement_number, "TX-777");
        let bare: ProviderDraft =
            serde_json::from_value(serde_json::json!({"name": "Ana"})).unwrap();
        assert!(bare.credentials.is_empty());
        // Written back in the new form, which reads the same.
        let v = serde_json::to_value(&old).unwrap();
        assert!(v.get("credential").is_none(), "{v}");
        assert_eq!(serde_json::from_value::<ProviderDraft>(v).unwrap(), old);
    }

    #[test]
    fn credentials_are_checked_by_place_and_sorted() {
        let d = ProviderDraft {
            name: " Lucía  Pérez ".into(),
            credentials: vec![
                held("imhm-c", Some("2025-03-01")),
                held("Level III", Some("2019-05-01")),
                held("IMHS", None),
            ],
        }
        .validated()
        .unwrap();
        assert_eq!(d.name, "Lucía Pérez");
        let names: Vec<_> = d
            .credentials
            .iter()
            .map(|c| c.credential.as_deref().unwrap())
            .collect();
        assert_eq!(names, ["IMHS", "IMHS", "IMHM-C"]);
        assert_eq!(d.credentials[0].association, "MI-AIMH");
        for (bad, field) in [
            (held("IMHM-C", Some("1899-01-01")), "since"),
            (held("IMHM-C", Some("9999-01-01")), "since"),
            (held("IMHM-C; DROP", None), "credential"),
            (
                HeldCredential {
                    credential: None,
                    since: None,
                    association: " ".into(),
                    endorsement_number: String::new(),
                },
                "credential",
            ),
        ] {
            let d = ProviderDraft {
                name: "Lucía Pérez".into(),
                credentials: vec![held("IMHS", None), bad],
            };
            match d.validated() {
                Err(Error::InvalidInput {
                    field: f,
                    place: Some(Place::Entry { number: 2, .. }),
                    ..
                }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        let twice = ProviderDraft {
            name: "Lucía Pérez".into(),
            credentials: vec![held("IMHS", None), held("Level III", None)],
        };
        assert!(twice.validated().is_err());
    }

    #[test]
    fn the_credential_held_today_and_on_a_session_day() {
        let d = ProviderDraft {
            name: "Lucía Pérez".into(),
            credentials: vec![
                held("IMHS", Some("2019-05-01")),
                held("IMHM-C", Some("2025-03-01")),
            ],
        };
        let cur = |t| d.current(day(t)).and_then(|c| c.credential.as_deref());
        assert_eq!(cur("2026-01-01"), Some("IMHM-C"));
        assert_eq!(cur("2024-01-01"), Some("IMHS"));
        assert_eq!(cur("2018-01-01"), None);
        assert_eq!(d.credential_for_session(day("2025-02-28")), Some("IMHS"));
        assert_eq!(d.credential_for_session(day("2019-04-30")), None);
    }
}
