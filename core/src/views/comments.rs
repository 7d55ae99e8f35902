//! Comments on a reflection: mine on what others shared with me, and theirs on mine.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::person_name::shown_name;
use crate::share::Comment;
use crate::vault::Vault;

/// A comment on a reflection.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentView {
    /// Its record id.
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// The short form of their fingerprint, shown beside the name.
    pub author_fingerprint: String,
    /// What they wrote.
    pub text: String,
    /// When.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub written_at: DateTime<Utc>,
    /// For my own comments: whether they went out in a reply.
    pub sent: bool,
}

impl CommentView {
    /// Comment `c` as the shells show it.
    pub fn of(c: &Comment) -> Self {
        CommentView {
            id: c.id.clone(),
            author: shown_name(&c.author_name),
            author_fingerprint: c.author.short(),
            text: c.text.clone(),
            written_at: c.written_at,
            sent: c.sent,
        }
    }
}

/// Comments others wrote on my reflection `reflection_id`, oldest first.
pub fn comments_on_mine(vault: &Vault, reflection_id: &str) -> Vec<CommentView> {
    vault
        .sharing()
        .comments_on_mine(reflection_id)
        .into_iter()
        .map(CommentView::of)
        .collect()
}
