//! What a share would send, shown before anything leaves: each reflection with only the
//! sections chosen, the sessions sent for confirmation, and what in the reflections could
//! identify a family.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::share::deid::{share_findings, Finding};
use crate::share::{
    Outgoing, Section, SessionItem, ShareRequest, SharedItem, SharedReflectionItem,
};
use crate::vault::Vault;
use crate::ReflectionKind;

/// One section of a shared reflection.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionText {
    /// Which section.
    pub section: Section,
    /// Its heading, as the editor shows it.
    pub heading: String,
    /// Its text.
    pub text: String,
}

/// A reflection as it leaves (or arrived): only the chosen sections.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SharedReflectionView {
    /// The author's id of the reflection.
    pub id: String,
    /// What it is about.
    pub kind: ReflectionKind,
    /// The day it is about.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// The family's pseudonym.
    pub family: String,
    /// The sections, in the editor's order.
    pub sections: Vec<SectionText>,
}

impl SharedReflectionView {
    /// Shared reflection `r` as the shells show it.
    pub fn of(r: &SharedReflectionItem) -> Self {
        SharedReflectionView {
            id: r.id.clone(),
            kind: r.kind,
            date: r.date,
            title: r.title.clone(),
            family: r.family.clone(),
            // A BTreeMap keyed by section: already in the editor's order.
            sections: r
                .sections
                .iter()
                .map(|(section, text)| SectionText {
                    section: *section,
                    heading: section.heading().to_owned(),
                    text: text.clone(),
                })
                .collect(),
        }
    }
}

/// Sessions sent for confirmation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionsToConfirm {
    /// First day of the period.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// Last day of the period.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// The sessions, as they leave (no notes).
    pub sessions: Vec<SessionItem>,
    /// Their minutes, summed.
    pub minutes: u32,
}

/// Exactly what a share would send (the window's `preview_share`), for the person to
/// check first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SharePreview {
    /// The recipient's name.
    pub to: String,
    /// The recipient's fingerprint.
    pub fingerprint: String,
    /// Its short form, shown beside the name.
    pub short_fingerprint: String,
    /// The reflections, with only the chosen sections.
    pub reflections: Vec<SharedReflectionView>,
    /// The sessions for confirmation, if a period was chosen.
    pub hours: Option<SessionsToConfirm>,
    /// What in the reflections could identify a family, found by core with the names to
    /// avoid from the vault's settings: each reflection's title, then its sections in order.
    pub findings: Vec<Finding>,
}

impl SharePreview {
    /// What `out` carries, with `findings` (none when they were not looked for: a share
    /// already made shows only what left).
    pub fn of(out: Outgoing, findings: Vec<Finding>) -> Self {
        let mut preview = SharePreview {
            to: out.to,
            fingerprint: out.fingerprint,
            short_fingerprint: out.short_fingerprint,
            reflections: Vec::new(),
            hours: None,
            findings,
        };
        for item in out.items {
            match item {
                SharedItem::Reflection(r) => preview.reflections.push(SharedReflectionView::of(&r)),
                SharedItem::Sessions { from, to, sessions } => {
                    preview.hours = Some(SessionsToConfirm {
                        from,
                        to,
                        minutes: sessions
                            .iter()
                            .fold(0u32, |sum, s| sum.saturating_add(s.minutes)),
                        sessions,
                    });
                }
                SharedItem::Comment(_) => {}
            }
        }
        preview
    }
}

/// Exactly what sharing `req` would send, without sending it, with what in it could
/// identify a family (the names to avoid come from the vault's settings). Refused as the
/// share itself would be: an unverified contact, nothing chosen.
pub fn share_preview(vault: &Vault, req: &ShareRequest) -> Result<SharePreview> {
    let out = crate::share::preview(vault.sharing(), vault.journal(), vault.hours(), req)?;
    let findings = share_findings(&out.items, &vault.settings().names_to_avoid)?;
    Ok(SharePreview::of(out, findings))
}
