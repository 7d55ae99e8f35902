//! `attune receive FILE`: a share bundle or an attestation, checked whole before anything
//! is kept; receiving the same file twice changes nothing.

use std::io::Write;
use std::path::Path;

use attune_core::files::read_capped;
use attune_core::share::{Received, MAX_ATTESTATION_BYTES, MAX_BUNDLE_BYTES};
use attune_core::views::short_id;

use crate::common::unlock;
use crate::error::CliResult;
use crate::secrets::Secrets;

pub(crate) fn receive(dir: &Path, secrets: &mut Secrets, file: &Path) -> CliResult {
    let bytes = read_capped(
        file,
        MAX_BUNDLE_BYTES.max(MAX_ATTESTATION_BYTES),
        "a share bundle or an attestation",
    )?;
    let mut vault = unlock(dir, secrets)?;
    let got = vault.sharing_mut().receive(&bytes)?;
    vault.lock()?;
    let mut o = crate::terminal::stdout();
    match got {
        Received::Bundle {
            from,
            bundle_id,
            already_received: true,
            ..
        } => writeln!(
            o,
            "Already received: bundle {} from {from}. Nothing changed.",
            short_id(&bundle_id)
        )?,
        Received::Bundle {
            from,
            reflections,
            sessions,
            comments,
            comments_skipped,
            ..
        } => {
            let mut parts = Vec::new();
            for (n, what) in [
                (reflections, "reflection"),
                (sessions, "session"),
                (comments, "comment"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
                }
            }
            writeln!(
                o,
                "Received from {from}: {}.",
                if parts.is_empty() {
                    "nothing new".to_owned()
                } else {
                    parts.join(", ")
                }
            )?;
            if comments_skipped > 0 {
                writeln!(
                    o,
                    "{comments_skipped} comment(s) were about reflections no longer in your journal and were not kept."
                )?;
            }
        }
        Received::Attestation {
            from,
            id,
            already_received: true,
            ..
        } => writeln!(
            o,
            "Already received: attestation {} from {from}. Nothing changed.",
            short_id(&id)
        )?,
        Received::Attestation {
            from,
            sessions,
            matched,
            already_attested,
            ..
        } => {
            writeln!(
                o,
                "Received an attestation from {from}: {sessions} session{} signed for; {matched} match your log and now show as attested.",
                if sessions == 1 { "" } else { "s" }
            )?;
            if already_attested > 0 {
                writeln!(
                    o,
                    "{already_attested} already attested by an earlier attestation, unchanged; {}.",
                    if already_attested == 1 {
                        "it stays attested"
                    } else {
                        "they stay attested"
                    }
                )?;
            }
            let gone = sessions.saturating_sub(matched + already_attested);
            if gone > 0 {
                writeln!(
                    o,
                    "{gone} no longer match your log (changed or deleted since you sent them) and are not marked."
                )?;
            }
        }
    }
    Ok(())
}
