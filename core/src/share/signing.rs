//! Signing for sessions without guesswork: each session a supervisee sent, with whether an
//! attestation I issued covers it and which; signing only what is not signed yet, by
//! period or ticked one by one; and the attestations I issued, recorded once written.

use chrono::NaiveDate;
use serde::Serialize;

use super::attestation::{Attestation, AttestedSession};
use super::bundle::SessionItem;
use super::card::Fingerprint;
use super::model::{ContactRef, IssuedAttestation, SharedSession, Sharing};
use super::outgoing::verified_contact;
use super::records::SharingRecords;
use crate::error::{Error, Result};
use crate::hours::{provider_key, Period};
use crate::record::ids::new_record_id;

/// Whether an attestation I issued covers a session someone sent me.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SignedState {
    /// No attestation I issued covers it as it is now.
    Unsigned,
    /// Covered by the attestation `attestation_id`, signed on `signed_on`.
    Signed {
        /// The attestation's id (as `attune verify` prints it).
        attestation_id: String,
        /// The day I signed it.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        signed_on: NaiveDate,
    },
}

impl SignedState {
    /// Whether an attestation I issued covers the session.
    pub fn is_signed(&self) -> bool {
        matches!(self, SignedState::Signed { .. })
    }
}

/// A session a supervisee sent me, with what I can do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionToSign {
    /// My record id of it (a prefix of it ticks it: `attune attest --sessions`).
    pub shared_id: String,
    /// The session as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub session: SessionItem,
    /// Whether it names me as provider: only those can be signed by me.
    pub names_me: bool,
    /// Whether I signed it already, and in which attestation.
    pub signed: SignedState,
}

impl SessionToSign {
    /// Whether it can be offered for signing: it names me and I have not signed it.
    pub fn can_sign(&self) -> bool {
        self.names_me && !self.signed.is_signed()
    }
}

/// Whether `a` (an attestation I issued) covers `s` as it is now: for its sender, the same
/// session id, day, minutes, format and about-RSC flag. A session changed since is not
/// covered (the practitioner's log would not show it as attested either).
fn covers(a: &Attestation, s: &SharedSession) -> bool {
    a.practitioner == s.from
        && a.sessions.iter().any(|x| {
            x.id == s.session.id
                && x.date == s.session.date
                && x.minutes == s.session.minutes
                && x.format == s.session.format
                && x.about_rsc_provided == s.session.about_rsc_provided
        })
}

impl Sharing {
    /// Whether an attestation I issued covers `s`: the earliest that does.
    pub fn signed_state(&self, s: &SharedSession) -> SignedState {
        self.issued
            .iter()
            .find(|i| covers(&i.attestation, s))
            .map_or(SignedState::Unsigned, |i| SignedState::Signed {
                attestation_id: i.attestation.id.clone(),
                signed_on: i.attestation.issued_at.date_naive(),
            })
    }

    /// The sessions `from` sent me dated in `period`, oldest first, each with whether it
    /// names me (one of `my_names`, my name and its other spellings, matched as providers
    /// are: see [`Profile::provider_names`](crate::Profile::provider_names)) and whether I
    /// signed it. Signing offers only those that [`SessionToSign::can_sign`].
    pub fn sessions_to_sign(
        &self,
        from: Fingerprint,
        period: Period,
        my_names: &[&str],
    ) -> Vec<SessionToSign> {
        let me: Vec<String> = my_names
            .iter()
            .map(|n| provider_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        self.sessions_from(from, period)
            .into_iter()
            .map(|s| SessionToSign {
                shared_id: s.id.clone(),
                session: s.session.clone(),
                names_me: me.contains(&provider_key(&s.session.provider)),
                signed: self.signed_state(s),
            })
            .collect()
    }

    /// The attestations I issued for `practitioner`, oldest first.
    pub fn issued_for(&self, practitioner: Fingerprint) -> Vec<&IssuedAttestation> {
        self.issued
            .iter()
            .filter(|i| i.attestation.practitioner == practitioner)
            .collect()
    }
}

fn attested(s: &SessionItem) -> AttestedSession {
    AttestedSession {
        id: s.id.clone(),
        date: s.date,
        minutes: s.minutes,
        format: s.format,
        about_rsc_provided: s.about_rsc_provided,
        provider: Some(s.provider.clone()),
    }
}

/// The sessions chosen to sign, or why there are none.
enum Chosen {
    /// The whole period asked for.
    Period(Period),
    /// Ticked one by one (my record ids of them, or prefixes).
    Ticked(Vec<String>),
}

impl SharingRecords<'_> {
    /// My name and its other spellings, as sessions must name their provider; refused when
    /// I have no name.
    fn my_provider_names(&self) -> Result<Vec<&str>> {
        if provider_key(&self.profile.name).is_empty() {
            return Err(Error::invalid(
                "name",
                "your vault has no name, so no session can name you as provider; set it in Sharing → Contacts (or `attune identity set-name NAME`)",
            ));
        }
        Ok(self.profile.provider_names())
    }

    /// Signs an attestation of the sessions `practitioner` sent me, dated in `period`,
    /// whose provider is me (my name, matched as the hours log matches providers) and that
    /// no attestation I issued covers yet. Returns the file and what it says; nothing is
    /// written to the vault: pass the file to [`SharingRecords::record_issued`] once it is
    /// safely written, so that its sessions are never offered again.
    pub fn attest(
        &mut self,
        practitioner: impl Into<ContactRef>,
        period: Period,
    ) -> Result<(Vec<u8>, Attestation)> {
        if let (Some(f), Some(t)) = (period.from, period.to) {
            if t < f {
                return Err(Error::invalid(
                    "period",
                    format!("ends ({t}) before it starts ({f})"),
                ));
            }
        }
        self.sign(practitioner.into(), Chosen::Period(period))
    }

    /// Signs an attestation of the sessions ticked one by one: my record ids of them (as
    /// `attune shared list` and [`Sharing::sessions_to_sign`] give them), or prefixes of 4
    /// or more characters. Each must be one `practitioner` sent, name me, and not be signed
    /// yet. Nothing is written to the vault (see [`SharingRecords::attest`]).
    pub fn attest_sessions(
        &mut self,
        practitioner: impl Into<ContactRef>,
        shared_ids: &[String],
    ) -> Result<(Vec<u8>, Attestation)> {
        if shared_ids.is_empty() {
            return Err(Error::invalid("sessions", "tick at least one session"));
        }
        self.sign(practitioner.into(), Chosen::Ticked(shared_ids.to_vec()))
    }

    fn sign(&mut self, practitioner: ContactRef, chosen: Chosen) -> Result<(Vec<u8>, Attestation)> {
        let contact = verified_contact(self.sharing, &practitioner)?.clone();
        let name = contact.card.name().to_owned();
        let fp = contact.card.fingerprint();
        let my_names: Vec<String> = self
            .my_provider_names()?
            .into_iter()
            .map(str::to_owned)
            .collect();
        let my_names: Vec<&str> = my_names.iter().map(String::as_str).collect();
        let me = my_names.join(" / ");
        let (period, mine) = match chosen {
            Chosen::Period(period) => {
                let all = self.sharing.sessions_to_sign(fp, period, &my_names);
                let mine: Vec<AttestedSession> = all
                    .iter()
                    .filter(|s| s.can_sign())
                    .map(|s| attested(&s.session))
                    .collect();
                if mine.is_empty() {
                    return Err(nothing_to_sign(&name, &me, &all));
                }
                (period, mine)
            }
            Chosen::Ticked(ids) => {
                let all = self.sharing.sessions_to_sign(fp, Period::ALL, &my_names);
                let mut mine: Vec<AttestedSession> = Vec::new();
                for typed in &ids {
                    let id = self.sharing.resolve_shared_session(typed)?.id.clone();
                    let Some(s) = all.iter().find(|s| s.shared_id == id) else {
                        return Err(Error::invalid(
                            "sessions",
                            format!("session {} was not sent by {name}", typed.trim()),
                        ));
                    };
                    if !s.names_me {
                        return Err(Error::invalid(
                            "sessions",
                            format!(
                                "session {} names {} as provider, not you ({me})",
                                typed.trim(),
                                s.session.provider
                            ),
                        ));
                    }
                    if let SignedState::Signed {
                        attestation_id,
                        signed_on,
                    } = &s.signed
                    {
                        return Err(Error::invalid(
                            "sessions",
                            format!(
                                "session {} is signed already (attestation {}, {signed_on})",
                                typed.trim(),
                                &attestation_id[..8.min(attestation_id.len())]
                            ),
                        ));
                    }
                    if !mine.iter().any(|m| m.id == s.session.id) {
                        mine.push(attested(&s.session));
                    }
                }
                (Period::ALL, mine)
            }
        };
        let card = self.my_card()?;
        let identity = self.ensure_identity()?;
        Attestation::sign(identity, &card, &contact.card, period, mine)
    }

    /// Records an attestation I signed, once its file is written: the sessions it covers
    /// are not offered for signing again. The file is checked, and must be mine; the same
    /// attestation again changes nothing.
    pub fn record_issued(&mut self, file: &[u8]) -> Result<IssuedAttestation> {
        let attestation = Attestation::verify(file)?;
        if attestation.supervisor.fingerprint() != self.my_fingerprint()? {
            return Err(Error::invalid(
                "attestation",
                "it was not signed by this vault",
            ));
        }
        if let Some(known) = self
            .sharing
            .issued
            .iter()
            .find(|i| i.attestation.id == attestation.id)
        {
            return Ok(known.clone());
        }
        let text = String::from_utf8(file.to_vec())
            .map_err(|_| Error::invalid("attestation", "it is not UTF-8 text"))?;
        let issued = IssuedAttestation {
            id: new_record_id()?,
            file: text,
            attestation,
        };
        self.records.put(&issued)?;
        self.sharing.issued.push(issued.clone());
        Ok(issued)
    }
}

/// Why a period holds nothing to sign, in the user's words.
fn nothing_to_sign(name: &str, me: &str, all: &[SessionToSign]) -> Error {
    let naming_me: Vec<&SessionToSign> = all.iter().filter(|s| s.names_me).collect();
    if let Some(SessionToSign {
        signed: SignedState::Signed {
            attestation_id,
            signed_on,
        },
        ..
    }) = naming_me.last()
    {
        return Error::invalid(
            "sessions",
            format!(
                "every session {name} sent in that period that names you is signed already (the last in attestation {}, {signed_on}); nothing is left to sign",
                &attestation_id[..8.min(attestation_id.len())]
            ),
        );
    }
    let mut others: Vec<&str> = all.iter().map(|s| s.session.provider.as_str()).collect();
    others.sort_unstable();
    others.dedup();
    Error::invalid(
        "sessions",
        if others.is_empty() {
            format!("{name} has sent you no sessions in that period")
        } else {
            format!(
                "none of the sessions {name} sent name you ({me}) as provider; they name: {}",
                others.join(", ")
            )
        },
    )
}
