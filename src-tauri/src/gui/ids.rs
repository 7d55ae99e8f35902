//! What a delete command may delete: the window checks that the id names a record of the
//! kind the command deletes (exactly, no prefixes) before core is asked, so no command
//! passes an arbitrary id (`identity`, `settings`, another kind's record) down a generic
//! delete path. Core checks too; this is the window's own guard.

use attune_core::{Error, Vault};

use super::ipc::CommandError;

/// A kind of record the window deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A reflection (`delete_reflection`).
    Reflection,
    /// A supervision session (`delete_session`).
    Session,
    /// A training entry (`delete_training`).
    Training,
}

impl Kind {
    /// The kind in the user's words, for the error.
    fn name(self) -> &'static str {
        match self {
            Kind::Reflection => "reflection",
            Kind::Session => "session",
            Kind::Training => "training entry",
        }
    }
}

/// Whether `id` is exactly the id of one of the vault's records of this kind; else
/// `not_found`, naming the kind looked for.
pub fn ensure(vault: &Vault, kind: Kind, id: &str) -> Result<(), CommandError> {
    let known = match kind {
        Kind::Reflection => vault.journal().get(id).is_some(),
        Kind::Session => vault.hours().session(id).is_some(),
        Kind::Training => vault.hours().training_entry(id).is_some(),
    };
    if known {
        Ok(())
    } else {
        Err(Error::NotFound {
            kind: kind.name(),
            id: id.to_owned(),
        }
        .into())
    }
}
