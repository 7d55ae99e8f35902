//! `attune comment` and `attune reply`: comments on what others shared with me, sent back
//! to them; and how comments are printed under a reflection.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{write_atomic, Readers};
use attune_core::share::Comment;
use attune_core::views::CommentView;
use clap::Args;

use crate::common::unlock;
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune reply`
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// Whose reflections the comments are on: a name or a fingerprint prefix
    #[arg(long, value_name = "CONTACT")]
    to: String,
    /// The bundle file to write (*.attune-share)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Send every comment again, not only those not sent yet
    #[arg(long)]
    all: bool,
}

/// Comments as the shells show them, oldest first.
pub(crate) fn comment_views(comments: &[&Comment]) -> Vec<CommentView> {
    comments.iter().map(|c| CommentView::of(c)).collect()
}

/// Writes comments under a reflection (`entry show`, `shared show`).
pub(crate) fn write_comments(out: &mut impl Write, comments: &[CommentView]) -> CliResult {
    if comments.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Comments")?;
    for c in comments {
        writeln!(
            out,
            "{} [{}], {}:\n{}\n",
            c.author,
            c.author_fingerprint,
            c.written_at.format("%Y-%m-%d"),
            c.text
        )?;
    }
    Ok(())
}

/// Comments for `entry show --json`.
pub(crate) fn comments_json(comments: &[CommentView]) -> CliResult<serde_json::Value> {
    serde_json::to_value(comments).map_err(|e| CliError::Input(format!("JSON output: {e}")))
}

/// What `attune comment` does.
#[derive(Debug)]
pub(crate) enum CommentChange {
    /// A new comment on a shared reflection.
    Write(String),
    /// New text for my comment not sent yet.
    Edit(String),
    /// Delete my comment not sent yet.
    Delete,
}

pub(crate) fn comment(
    dir: &Path,
    secrets: &mut Secrets,
    id: &str,
    change: CommentChange,
) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let c = match change {
        CommentChange::Write(text) => vault.sharing_mut().add_comment(id, &text)?,
        CommentChange::Edit(text) => vault.sharing_mut().edit_comment(id, &text)?,
        CommentChange::Delete => {
            let gone = vault.sharing_mut().delete_comment(id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted comment {gone}.")?;
            return Ok(());
        }
    };
    let owner = vault
        .sharing()
        .contact(c.owner)
        .map_or_else(|| "them".to_owned(), |x| x.card.fingerprint().short());
    vault.lock()?;
    writeln!(crate::terminal::stdout(), "{}", c.id)?;
    writeln!(
        crate::terminal::stderr(),
        "Send it with: attune reply --to \"{owner}\" --out FILE"
    )?;
    Ok(())
}

pub(crate) fn reply(dir: &Path, secrets: &mut Secrets, args: &ReplyArgs) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let (bytes, ids) = vault.sharing_mut().create_reply(&args.to, args.all)?;
    write_atomic(&args.out, &bytes, "the comments", Readers::Owner)?;
    // Marked sent only once the file is safely written.
    vault.sharing_mut().mark_comments_sent(&ids)?;
    vault.lock()?;
    writeln!(
        crate::terminal::stdout(),
        "Wrote {} with {} comment{}.",
        args.out.display(),
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}
