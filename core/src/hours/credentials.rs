//! Which credential a session counts under (the names credentials go by are in
//! [`super::credential_names`]).
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

use chrono::NaiveDate;

use super::model::{provider_key, SupervisionSession};
use super::providers::{held_on, HeldCredential, HeldOn, Provider, ProviderDraft};

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
        self.session_credential_by_key(&provider_key(provider), date, typed)
    }

    /// [`Self::session_credential`] for a provider already reduced to its [`provider_key`]
    /// (the rule engine computes it once per session for its own use too).
    pub fn session_credential_by_key<'s>(
        &self,
        key: &str,
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
        let Some(p) = self.by_key.get(key).copied() else {
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

/// Stretches in words, for the PDF's confirmation block: "IMHS, endorsement number 111,
/// MI-AIMH, sessions 2024-06-03 to 2024-12-02; IMHM-C, endorsement number ________" (a blank
/// to fill in where the number is not known; the days only when there are several).
pub(crate) fn stretches_text(stretches: &[HeldStretch]) -> String {
    let several = stretches.len() > 1;
    let one = |x: &HeldStretch| {
        let mut t = format!(
            "{}, endorsement number {}",
            x.credential.as_deref().unwrap_or("credential not recorded"),
            if x.endorsement_number.is_empty() {
                "________"
            } else {
                &x.endorsement_number
            }
        );
        if !x.association.is_empty() {
            t.push_str(", ");
            t.push_str(&x.association);
        }
        if several {
            t.push_str(&format!(", sessions {} to {}", x.first, x.last));
        }
        t
    };
    stretches.iter().map(one).collect::<Vec<_>>().join("; ")
}

impl<'a> ProviderBook<'a> {
    /// [`ProviderBook::stretches`] of the sessions of `provider` among `sessions` (oldest
    /// first), the name compared as [`provider_key`] does.
    pub fn stretches_of(
        &self,
        provider: &str,
        sessions: &[&SupervisionSession],
    ) -> Vec<HeldStretch> {
        let key = provider_key(provider);
        let theirs: Vec<&SupervisionSession> = sessions
            .iter()
            .copied()
            .filter(|s| provider_key(&s.content.provider) == key)
            .collect();
        self.stretches(&theirs)
    }

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

    /// The credential `s` counts under (see the module's doc), with the endorsement number and
    /// association the address book has for it ("" when not known). A credential counted as
    /// logged takes the number of the provider's credential of that name with no known start,
    /// if there is one.
    pub fn held_details<'s>(&self, s: &'s SupervisionSession) -> (Option<&'s str>, &'s str, &'s str)
    where
        'a: 's,
    {
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
        (held.credential, number, association)
    }

    /// The credential of each of `sessions` (all of one provider, oldest first) as runs of
    /// the same credential and number: "IMHS, 111 from May 2019; IMHM-C, 222 from March 2025"
    /// (each as [`Self::held_details`] finds it).
    pub fn stretches(&self, sessions: &[&SupervisionSession]) -> Vec<HeldStretch> {
        let mut out: Vec<HeldStretch> = Vec::new();
        for s in sessions {
            let c = &s.content;
            let (credential, number, association) = self.held_details(s);
            match out.last_mut() {
                Some(last)
                    if last.credential.as_deref() == credential
                        && last.endorsement_number == number
                        && last.association == association =>
                {
                    last.last = c.date;
                }
                _ => out.push(HeldStretch {
                    credential: credential.map(str::to_owned),
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
