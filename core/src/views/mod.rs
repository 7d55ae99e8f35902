//! What both shells display, built once from an unlocked vault: the window sends these
//! structures over IPC (their TypeScript twins are generated into `ui/src/lib/bindings.ts`),
//! and the command line prints its text from the same ones.
//!
//! - [`journal`]: a page of the journal (search and filters) and the facets its filters offer.
//! - [`hours`]: the hours log, each session with whether a supervisor attested it; the
//!   providers with their dated credentials.
//! - [`contacts`]: my identity and card, and the people I share with.
//! - [`outgoing`]: exactly what a share would send, with what in it could identify a family.
//! - [`comments`]: comments on a reflection, mine or others'.
//! - [`shared`]: what others shared with me, by person, and what receiving a file did.
//! - [`attestation`]: what a signed attestation says.
//! - [`provided`]: the RSC provided in a period, beside the RSC received.
//! - [`desk`]: the supervisor's desk, and the RSC provided as signed.
//!
//! Views read: each is built from `&Vault` (or from a domain value) and changes nothing,
//! except [`contacts::my_identity`], which makes the vault's identity on first use, as the
//! sharing editor does.

pub mod attestation;
pub mod comments;
pub mod contacts;
pub mod desk;
pub mod hours;
pub mod journal;
pub mod outgoing;
pub mod provided;
pub mod shared;
pub mod sync;

pub use attestation::AttestationView;
pub use comments::{comments_back, comments_on_mine, CommentView, CommentsBack};
pub use contacts::{
    contacts, my_identity, AddedContactView, ContactOrder, ContactView, MyIdentity,
};
pub use desk::{
    desk, provided_from_attestations, search_supervisee, supervisee_page, DeskReflection,
    SuperviseePage, UnsentComment,
};
pub use hours::{
    hours_log, provider_entries, providers_view, HoursLog, LoggedSession, ProviderEntry,
    ProvidersView, SessionQuery,
};
pub use journal::{
    journal_facets, journal_page, Facet, JournalFacets, JournalPage, JournalQuery,
    ReflectionSummary,
};
pub use outgoing::{
    share_preview, SectionText, SessionsToConfirm, SharePreview, SharedReflectionView,
};
pub use provided::{provided_log, ProvidedLog};
pub use shared::{
    shared_with_me, ReceivedFile, ReceivedReflection, ReceivedSession, SharedByPerson,
};
pub use sync::{
    kept_revisions, sync_view, KeptRevisionView, SyncDeviceView, SyncKeysChangedView, SyncView,
};

/// The first eight characters of an id, as lists show it (ids are ASCII hex).
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}
