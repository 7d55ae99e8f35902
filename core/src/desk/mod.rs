//! The supervisor's desk: one row per supervisee (what is new, owed and waiting for a
//! signature), private notes about a supervisee that are never sent, and the RSC provided
//! as the attestations signed show it.
//!
//! - [`issued`]: the attestations I signed, per person, to list and write again.
//! - [`notes`]: private notes about a supervisee, with supervision prompts; their records.
//! - [`rows`]: the desk's rows, computed from what sharing keeps.
//! - [`prepare`]: the list for the next supervision with one person.
//! - [`signed`]: the RSC provided, from the attestations signed (one entry for a group).
//!
//! Everything here reads sharing ([`crate::share`]); nothing here is ever put in a bundle.

pub mod issued;
pub mod notes;
pub mod prepare;
pub mod rows;
pub mod signed;

use zeroize::Zeroize;

pub use issued::{issued, resolve_issued, IssuedRow};
pub use notes::{DeskRecords, NoteDraft, NoteSection, SuperviseeNote};
pub use prepare::{prepare, PrepItem, SupervisionPrep};
pub use rows::{supervisees, SuperviseeRow};
pub use signed::{
    signed_provided, write_signed_csv, SignedProvided, SignedProvidedLog, SIGNED_CSV_HEADER,
};

use crate::share::Fingerprint;

/// What the desk keeps of its own in an unlocked vault: the private notes.
#[derive(Debug, Default)]
pub struct Desk {
    /// Oldest date first.
    notes: Vec<SuperviseeNote>,
}

impl Desk {
    /// As loaded at unlock.
    pub(crate) fn build(mut notes: Vec<SuperviseeNote>) -> Desk {
        notes::sort(&mut notes);
        Desk { notes }
    }

    /// Every note, oldest first.
    pub fn notes(&self) -> &[SuperviseeNote] {
        &self.notes
    }

    /// The notes about `who`, newest first.
    pub fn notes_about(&self, who: Fingerprint) -> Vec<&SuperviseeNote> {
        self.notes
            .iter()
            .rev()
            .filter(|n| n.content.about == who)
            .collect()
    }
}

impl Drop for Desk {
    /// Overwrites the notes' text when the vault is locked.
    fn drop(&mut self) {
        for n in &mut self.notes {
            for t in n.content.texts_mut() {
                t.zeroize();
            }
        }
    }
}
