//! The vault's ways in: `unlock-check` (with when the passphrase was set and the recovery
//! key made, where the vault records it), `passphrase change` and `recovery-key new`.

use std::io::Write;
use std::path::Path;

use attune_core::crypto::RECOVERY_KEY_CHARS;
use attune_core::{Error, KeyDates, RecoveryKey, Unlock, Vault};
use chrono::{DateTime, Local, Utc};

use crate::error::CliResult;
use crate::secrets::Secrets;

fn ensure_exists(dir: &Path) -> CliResult {
    if Vault::exists(dir) {
        Ok(())
    } else {
        Err(Error::VaultNotFound(dir.to_path_buf()).into())
    }
}

/// A recorded moment as a local date, `YYYY-MM-DD`.
fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// The lines `unlock-check` prints for the key dates: one per date the vault records.
pub(crate) fn date_lines(dates: &KeyDates) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(at) = dates.passphrase_set_at {
        lines.push(format!("Passphrase set on {}.", day(at)));
    }
    if let Some(at) = dates.recovery_key_made_at {
        lines.push(format!("Recovery key made on {}.", day(at)));
    }
    lines
}

/// `attune unlock-check [--recovery-key]`: exit 0 if the secret opens the vault; then print
/// when its keys were last set (when the vault records it) and any damaged records.
pub(crate) fn unlock_check(dir: &Path, secrets: &mut Secrets, recovery_key: bool) -> CliResult {
    ensure_exists(dir)?;
    // Read before unlocking, as the window's unlock screen does.
    let dates = Vault::key_dates(dir)?;
    let vault = if recovery_key {
        let key = secrets.read("Recovery key: ")?;
        Vault::unlock(dir, Unlock::RecoveryKey(&key))?
    } else {
        let pass = secrets.read("Passphrase: ")?;
        Vault::unlock(dir, Unlock::Passphrase(&pass))?
    };
    let damaged = vault.damaged().len();
    vault.lock()?;
    let mut out = crate::terminal::stdout();
    for line in date_lines(&dates) {
        writeln!(out, "{line}")?;
    }
    if damaged > 0 {
        writeln!(out, "The vault opens, but {damaged} record(s) are damaged.")?;
    }
    out.flush()?;
    if recovery_key {
        advise_new_passphrase(dir)?;
    }
    Ok(())
}

/// Said on stderr after a command opened the vault with the recovery key: whoever uses it
/// has most likely forgotten their passphrase, and would otherwise need the paper key every
/// time. Names the exact command that sets a new one.
pub(crate) fn advise_new_passphrase(dir: &Path) -> CliResult {
    let vault = match attune_core::vault::default_dir() {
        Ok(default) if default == dir => String::new(),
        _ => format!(" --vault {}", shell_word(&dir.display().to_string())),
    };
    let mut err = crate::terminal::stderr();
    writeln!(
        err,
        "You opened the vault with the recovery key. Set a new passphrase, so that you need \
         the key only this once: attune{vault} passphrase change --recovery-key"
    )?;
    Ok(())
}

/// `word` as a POSIX shell reads it back: as it is when it holds only characters the shell
/// leaves alone, else in single quotes (a quote inside written `'\''`).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `attune passphrase change [--recovery-key]`: the current passphrase (or the recovery
/// key, for someone who forgot it), then the new one (twice on a terminal).
pub(crate) fn change_passphrase(
    dir: &Path,
    secrets: &mut Secrets,
    recovery_key: bool,
) -> CliResult {
    ensure_exists(dir)?;
    let proof = if recovery_key {
        secrets.read("Recovery key: ")?
    } else {
        secrets.read("Current passphrase: ")?
    };
    let new = secrets.read_new("New passphrase: ", "New passphrase again: ")?;
    let how = if recovery_key {
        Unlock::RecoveryKey(&proof)
    } else {
        Unlock::Passphrase(&proof)
    };
    let mut vault = Vault::unlock(dir, how)?;
    let change = vault.change_passphrase_with(how, &new);
    vault.lock()?;
    let change = change?;
    let mut err = crate::terminal::stderr();
    writeln!(err, "Passphrase changed.")?;
    if change.older_backups > 0 {
        let n = change.older_backups;
        writeln!(
            err,
            "{n} backup{s} of this vault still open{v} with the old passphrase (a backup was taken \
             just before the change). If someone else may know it, run `attune backup retire`: \
             it takes a new backup first, then deletes them.",
            s = if n == 1 { "" } else { "s" },
            v = if n == 1 { "s" } else { "" },
        )?;
    }
    if !change.vault_key_rotated {
        writeln!(
            err,
            "Your recovery key was made by an older version of Attune: make a new one \
             (`attune recovery-key new`) so that the old passphrase opens no copy of the vault \
             made from now on."
        )?;
    }
    Ok(())
}

/// `attune recovery-key new`: the passphrase opens the vault and confirms the change; the new
/// key is printed once and the old one stops working.
pub(crate) fn new_recovery_key(dir: &Path, secrets: &mut Secrets) -> CliResult {
    ensure_exists(dir)?;
    let pass = secrets.read("Passphrase: ")?;
    let mut vault = Vault::unlock(dir, Unlock::Passphrase(&pass))?;
    let made = vault.new_recovery_key(&pass);
    vault.lock()?;
    let key = made?;
    let mut out = crate::terminal::stdout();
    writeln!(
        out,
        "Made a new recovery key for the vault in {}. The old one no longer works.",
        dir.display()
    )?;
    writeln!(out)?;
    print_recovery_key(&mut out, &key)?;
    Ok(())
}

/// The recovery key with what to do with it, as `init` and `recovery-key new` print it.
pub(crate) fn print_recovery_key(out: &mut impl Write, key: &RecoveryKey) -> CliResult {
    let shown = key.to_display();
    writeln!(
        out,
        "Your recovery key ({RECOVERY_KEY_CHARS} letters and digits) is below. It is shown only now. Write it down"
    )?;
    writeln!(
        out,
        "and keep it apart from this computer: it opens the vault if the passphrase is lost."
    )?;
    writeln!(out)?;
    writeln!(out, "{}", shown.as_str())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_read_back_as_written() {
        assert_eq!(shell_word("/home/ana/vault-2"), "/home/ana/vault-2");
        assert_eq!(shell_word("/home/ana/my journal"), "'/home/ana/my journal'");
        assert_eq!(shell_word("/tmp/Ana's"), r"'/tmp/Ana'\''s'");
        assert_eq!(shell_word("~/vault"), "'~/vault'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn key_dates_print_only_when_recorded() {
        assert!(date_lines(&KeyDates::default()).is_empty());
        let at = DateTime::parse_from_rfc3339("2026-03-02T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let both = KeyDates {
            passphrase_set_at: Some(at),
            recovery_key_made_at: Some(at),
        };
        let lines = date_lines(&both);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with("Passphrase set on 2026-03-0"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("Recovery key made on 2026-03-0"),
            "{lines:?}"
        );
        let only_key = KeyDates {
            passphrase_set_at: None,
            recovery_key_made_at: Some(at),
        };
        assert_eq!(date_lines(&only_key).len(), 1);
    }
}
