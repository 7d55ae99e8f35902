//! Comments on a reflection: mine on what others shared with me, and theirs on mine.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::journal::ReflectionKind;
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
    /// For comments on my reflections: not seen before this reflection was last opened.
    pub unread: bool,
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
            unread: c.unread,
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

/// The comments that came back on one of my reflections (the practitioner's side of "Shared
/// with me").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommentsBack {
    /// The reflection's id.
    pub reflection_id: String,
    /// Home visit, supervision or note.
    pub kind: ReflectionKind,
    /// The day the reflection is about.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// Who commented, in the order they first did (names as shown).
    pub authors: Vec<String>,
    /// How many comments it has.
    pub comments: usize,
    /// How many of them have not been seen.
    pub unread: usize,
    /// When the newest was written.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub latest_at: DateTime<Utc>,
}

/// My reflections that others commented on, the most recently commented first.
pub fn comments_back(vault: &Vault) -> Vec<CommentsBack> {
    let mut back: Vec<CommentsBack> = Vec::new();
    for c in vault.sharing().all_on_mine() {
        if let Some(entry) = back.iter_mut().find(|b| b.reflection_id == c.reflection_id) {
            entry.comments += 1;
            entry.unread += usize::from(c.unread);
            entry.latest_at = entry.latest_at.max(c.written_at);
            let author = shown_name(&c.author_name);
            if !entry.authors.contains(&author) {
                entry.authors.push(author);
            }
            continue;
        }
        // Comments on a reflection no longer in the journal are not kept; none to show.
        let Some(r) = vault.journal().get(&c.reflection_id) else {
            continue;
        };
        back.push(CommentsBack {
            reflection_id: c.reflection_id.clone(),
            kind: r.content.kind,
            date: r.content.date,
            title: r.content.title.clone(),
            authors: vec![shown_name(&c.author_name)],
            comments: 1,
            unread: usize::from(c.unread),
            latest_at: c.written_at,
        });
    }
    back.sort_by(|a, b| {
        b.latest_at
            .cmp(&a.latest_at)
            .then(a.reflection_id.cmp(&b.reflection_id))
    });
    back
}
