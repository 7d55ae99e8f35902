//! `attune identity`, `contact`, `share`, `receive`, `shared`, `comment`, `reply`, `attest`
//! and `verify`: sharing with a supervisor, without a server. Files are written whole or
//! not at all (a temporary file renamed into place); a refused import changes nothing.
//!
//! - [`contacts`]: my card, and the people I share with.
//! - [`bundles`]: what leaves in a share bundle (`share`, and `share --dry-run`).
//! - [`receive`]: bundles and attestations coming in.
//! - [`shared`]: what others shared with me.
//! - [`comments`]: comments on it, and replies carrying them back.
//! - [`attest`]: signing for sessions, and checking a signature.

mod attest;
mod bundles;
mod comments;
mod contacts;
mod receive;
mod shared;

use attune_core::hours::format_hmm;
use attune_core::share::SessionItem;

pub(crate) use attest::{attest, verify, AttestArgs};
pub(crate) use bundles::{share, ShareArgs};
pub(crate) use comments::{
    comment, comment_views, comments_json, reply, write_comments, CommentChange, ReplyArgs,
};
pub(crate) use contacts::{contact, identity, ContactCommand, IdentityCommand};
pub(crate) use receive::receive;
pub(crate) use shared::{shared, SharedCommand};

/// A session sent for confirmation, on one line (`share`, `shared list`, `shared show`).
fn session_line(s: &SessionItem) -> String {
    format!(
        "{}  {:>6}  {:<10}  {}{}{}",
        s.date,
        format_hmm(s.minutes),
        s.format.as_str(),
        s.provider,
        s.credential
            .as_deref()
            .map_or(String::new(), |c| format!(" ({c})")),
        if s.about_rsc_provided {
            "  [about the RSC you provide]"
        } else {
            ""
        }
    )
}
