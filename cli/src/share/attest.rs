//! `attune attest` and `attune verify`: signing for the sessions a practitioner sent, and
//! checking a signed attestation (which needs no vault).

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{read_capped, write_atomic, Readers};
use attune_core::hours::{format_duration, format_hmm, Period};
use attune_core::share::{Attestation, MAX_ATTESTATION_BYTES};
use attune_core::views::AttestationView;
use attune_core::Error;
use clap::Args;

use crate::common::{optional_date, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune attest`
#[derive(Debug, Args)]
pub struct AttestArgs {
    /// The practitioner: their name, or the first 8+ characters of their fingerprint
    #[arg(long = "for", value_name = "CONTACT")]
    practitioner: String,
    /// Only sessions on or after this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only sessions on or before this day
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// Only these sessions, ticked one by one (ids as `attune shared list --from` shows
    /// them, or at least their first 4 characters), instead of a period
    #[arg(long, value_name = "ID,...", value_delimiter = ',', conflicts_with_all = ["from", "to"])]
    sessions: Vec<String>,
    /// The attestation file to write (*.attune-attest)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// What an attestation says, one line each.
fn describe(o: &mut impl Write, a: &AttestationView) -> CliResult {
    writeln!(
        o,
        "signed by:      {} [{}] ({})",
        a.signer,
        a.signer_short_fingerprint,
        a.signer_role.as_str()
    )?;
    writeln!(o, "signer:         {}", a.signer_fingerprint)?;
    match &a.practitioner_name {
        Some(name) => writeln!(
            o,
            "signed for:     {name} [{}]",
            a.practitioner_short_fingerprint
        )?,
        None => writeln!(
            o,
            "signed for:     (no name: a version 1 attestation names the practitioner by fingerprint only)"
        )?,
    }
    writeln!(o, "practitioner:   {}", a.practitioner)?;
    writeln!(o, "period:         {} to {}", a.from, a.to)?;
    writeln!(
        o,
        "sessions:       {}, {} in all ({})",
        a.sessions,
        format_hmm(a.minutes),
        format_duration(a.minutes)
    )?;
    writeln!(
        o,
        "                individual {}, group {}, about the RSC provided {}",
        format_hmm(a.individual_minutes),
        format_hmm(a.group_minutes),
        format_hmm(a.about_rsc_provided_minutes)
    )?;
    writeln!(
        o,
        "issued:         {}",
        a.issued_at.format("%Y-%m-%d %H:%M UTC")
    )?;
    writeln!(o, "attestation id: {}", a.id)?;
    Ok(())
}

pub(crate) fn attest(dir: &Path, secrets: &mut Secrets, args: &AttestArgs) -> CliResult {
    let period = Period {
        from: optional_date("--from", &args.from)?,
        to: optional_date("--to", &args.to)?,
    };
    if let (Some(f), Some(t)) = (period.from, period.to) {
        if t < f {
            return Err(Error::invalid("--to", format!("{t} is before --from {f}")).into());
        }
    }
    let mut vault = unlock(dir, secrets)?;
    let (bytes, a) = if args.sessions.is_empty() {
        vault.sharing_mut().attest(&args.practitioner, period)?
    } else {
        vault
            .sharing_mut()
            .attest_sessions(&args.practitioner, &args.sessions)
            .map_err(|e| match e {
                Error::InvalidInput {
                    field,
                    message,
                    place,
                } if field == "sessions" => Error::InvalidInput {
                    field: "--sessions".into(),
                    message,
                    place,
                },
                e => e,
            })?
    };
    // Recorded only once the file is safely written: a session is never shown as signed
    // by an attestation that does not exist, and is not offered again once it does.
    write_atomic(&args.out, &bytes, "the attestation", Readers::Owner)?;
    vault.sharing_mut().record_issued(&bytes)?;
    vault.lock()?;
    let shown = AttestationView::of(&a, &args.out);
    let mut o = crate::terminal::stdout();
    writeln!(o, "Attested {} session(s):", shown.sessions)?;
    describe(&mut o, &shown)?;
    writeln!(o, "Wrote {}.", shown.path)?;
    Ok(())
}

pub(crate) fn verify(file: &Path) -> CliResult {
    let bytes = read_capped(file, MAX_ATTESTATION_BYTES, "an attestation")?;
    let a = Attestation::verify(&bytes)?;
    let shown = AttestationView::of(&a, file);
    let mut o = crate::terminal::stdout();
    writeln!(o, "Valid attestation: the signature matches its content.")?;
    describe(&mut o, &shown)?;
    writeln!(
        o,
        "Check that the signer fingerprint is the supervisor's (ask them, or see their contact card)."
    )?;
    Ok(())
}
