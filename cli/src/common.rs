//! What every group of commands needs: opening the vault, dates given as options, and JSON
//! output. Kept apart so that the command modules depend on it and not on each other.

use std::path::Path;

use attune_core::journal::parse_date;
use attune_core::{Error, Unlock, Vault};
use chrono::NaiveDate;

use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// Unlocks the vault in `dir` with the passphrase (asked, or read from standard input).
pub(crate) fn unlock(dir: &Path, secrets: &mut Secrets) -> CliResult<Vault> {
    if !Vault::exists(dir) {
        return Err(Error::VaultNotFound(dir.to_path_buf()).into());
    }
    let pass = secrets.read("Passphrase: ")?;
    Ok(Vault::unlock(dir, Unlock::Passphrase(&pass))?)
}

/// An optional date option (`--from`, `--to`), parsed if given.
pub(crate) fn optional_date(option: &str, value: &Option<String>) -> CliResult<Option<NaiveDate>> {
    Ok(value
        .as_deref()
        .map(|d| parse_date(option, d))
        .transpose()?)
}

/// Pretty JSON, as every `--json` output prints it.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> CliResult<String> {
    serde_json::to_string_pretty(v).map_err(|e| CliError::Input(format!("JSON output: {e}")))
}
