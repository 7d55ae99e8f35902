//! Sharing without a server, from the window: my identity and card, contacts and their
//! fingerprints, share bundles (previewed before they leave), what others shared with me,
//! comments and replies, and signed attestations. Each command is a few lines over core;
//! files are chosen in native dialogs opened from Rust, while the vault is not held.

use std::sync::Arc;

use attune_core::files::read_capped;
use attune_core::hours::provider_key;
use attune_core::share::card::MAX_CARD_TEXT_BYTES;
use attune_core::share::deid;
use attune_core::share::{
    Attestation, Comment, Contact, ContactCard, Received, ShareEntry, ShareRequest, SharedItem,
    SharedReflectionItem, ATTESTATION_EXTENSION, BUNDLE_EXTENSION, MAX_ATTESTATION_BYTES,
    MAX_BUNDLE_BYTES,
};
use attune_core::Vault;
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_open, ask_save, FileKind};
use super::files;
use super::ipc::{
    AddedContactView, AttestRequest, AttestationView, CommandError, CommentRequest, CommentView,
    ContactView, MyIdentity, ReceivedFile, ReceivedReflection, ReceivedSession, SectionText,
    SentComments, SessionsToConfirm, SharePreview, ShareSelection, SharedByPerson,
    SharedReflectionView,
};
use attune_core::journal::today;

/// The extension of a contact card file.
const CARD_EXTENSION: &str = "attune-card";

/// The kinds of file the sharing dialogs offer.
const CARD: FileKind<'static> = FileKind {
    label: "Attune contact card",
    extensions: &[CARD_EXTENSION],
};
const BUNDLE: FileKind<'static> = FileKind {
    label: "Attune share bundle",
    extensions: &[BUNDLE_EXTENSION],
};
const ATTESTATION: FileKind<'static> = FileKind {
    label: "Attune attestation",
    extensions: &[ATTESTATION_EXTENSION],
};

fn contact_view(c: &Contact) -> ContactView {
    ContactView {
        fingerprint: c.card.fingerprint().to_string(),
        name: c.card.name().to_owned(),
        role: c.card.role(),
        verified: c.verified,
        added_at: c.added_at,
    }
}

fn reflection_view(r: &SharedReflectionItem) -> SharedReflectionView {
    SharedReflectionView {
        id: r.id.clone(),
        kind: r.kind,
        date: r.date,
        title: r.title.clone(),
        family: r.family.clone(),
        // A BTreeMap keyed by section: already in the editor's order.
        sections: r
            .sections
            .iter()
            .map(|(section, text)| SectionText {
                section: *section,
                heading: section.heading().to_owned(),
                text: text.clone(),
            })
            .collect(),
    }
}

fn comment_view(c: &Comment) -> CommentView {
    CommentView {
        id: c.id.clone(),
        author: c.author_name.clone(),
        text: c.text.clone(),
        written_at: c.written_at,
        sent: c.sent,
    }
}

/// A name fit for a file name: letters, digits and hyphens.
fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "attune".to_owned()
    } else {
        out.chars().take(40).collect()
    }
}

fn identity_of(vault: &mut Vault) -> Result<MyIdentity, CommandError> {
    let fingerprint = vault.sharing_mut().my_fingerprint()?.to_string();
    let (name, role) = (vault.profile().name.clone(), vault.profile().role);
    // A card needs a name: until there is one, there is no card to give.
    let card = if name.trim().is_empty() {
        String::new()
    } else {
        vault.sharing_mut().my_card()?.to_text()
    };
    Ok(MyIdentity {
        name,
        role,
        fingerprint,
        card,
    })
}

/// My name, role, fingerprint and card.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn my_identity(state: State<'_, AppState>) -> Result<MyIdentity, CommandError> {
    with_vault(&state.vault, identity_of)
}

/// Sets the name on my card (attestations match it against session providers).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_my_name(state: State<'_, AppState>, name: String) -> Result<MyIdentity, CommandError> {
    with_vault(&state.vault, |vault| {
        vault.set_name(&name)?;
        identity_of(vault)
    })
}

/// Saves my contact card to a file the person chooses. Returns the path, or nothing if
/// cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_my_card<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let (name, text) = with_vault(&slot, |vault| {
            let card = vault.sharing_mut().my_card()?;
            Ok((card.name().to_owned(), card.to_text()))
        })?;
        let Some(path) = ask_save(
            &app,
            "Save your contact card",
            format!("{}.{CARD_EXTENSION}", file_stem(&name)),
            CARD,
        )?
        else {
            return Ok(None);
        };
        files::write_public(&path, text.as_bytes(), "the contact card")?;
        tracing::info!("contact card saved");
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// The contacts, by name.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_contacts(state: State<'_, AppState>) -> Result<Vec<ContactView>, CommandError> {
    with_vault(&state.vault, |vault| {
        let mut v: Vec<ContactView> = vault
            .sharing()
            .contacts()
            .iter()
            .map(contact_view)
            .collect();
        v.sort_by(|a, b| {
            provider_key(&a.name)
                .cmp(&provider_key(&b.name))
                .then(a.fingerprint.cmp(&b.fingerprint))
        });
        Ok(v)
    })
}

fn add_card(vault: &mut Vault, text: &[u8]) -> Result<AddedContactView, CommandError> {
    let card = ContactCard::parse(text)?;
    let added = vault.sharing_mut().add_contact(card)?;
    tracing::info!(new = added.new, "contact added");
    Ok(AddedContactView {
        contact: contact_view(&added.contact),
        new: added.new,
    })
}

/// Adds a contact from a card pasted as text (e-mail text around it is fine).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn add_contact(
    state: State<'_, AppState>,
    text: String,
) -> Result<AddedContactView, CommandError> {
    with_vault(&state.vault, |vault| add_card(vault, text.as_bytes()))
}

/// Adds a contact from a card file the person chooses; nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_contact_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<AddedContactView>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let Some(path) = ask_open(
            &app,
            "Add a contact card",
            FileKind {
                label: "Attune contact card",
                extensions: &[CARD_EXTENSION, "txt"],
            },
        )?
        else {
            return Ok(None);
        };
        let bytes = read_capped(&path, MAX_CARD_TEXT_BYTES, "a contact card")?;
        with_vault(&slot, |vault| add_card(vault, &bytes)).map(Some)
    })
    .await
}

/// Marks a contact verified, once the person compared fingerprints with them.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn verify_contact(
    state: State<'_, AppState>,
    fingerprint: String,
) -> Result<ContactView, CommandError> {
    with_vault(&state.vault, |vault| {
        let c = vault.sharing_mut().verify_contact(&fingerprint)?;
        tracing::info!("contact verified");
        Ok(contact_view(&c))
    })
}

fn share_request(selection: ShareSelection) -> ShareRequest {
    ShareRequest {
        to: selection.to,
        entries: selection
            .entries
            .into_iter()
            .map(|e| ShareEntry {
                id: e.id,
                sections: e.sections,
            })
            .collect(),
        hours: selection.hours,
    }
}

/// Exactly what a share would send, without sending it: the window checks it for details
/// that could identify a family and shows it before anything leaves.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn preview_share(
    state: State<'_, AppState>,
    selection: ShareSelection,
) -> Result<SharePreview, CommandError> {
    let req = share_request(selection);
    with_vault(&state.vault, |vault| {
        let out =
            attune_core::share::preview(vault.sharing(), vault.journal(), vault.hours(), &req)?;
        let mut preview = SharePreview {
            findings: deid::share_findings(&out.items, &vault.settings().names_to_avoid)?,
            to: out.to,
            fingerprint: out.fingerprint,
            reflections: Vec::new(),
            hours: None,
        };
        for item in &out.items {
            match item {
                SharedItem::Reflection(r) => preview.reflections.push(reflection_view(r)),
                SharedItem::Sessions { from, to, sessions } => {
                    preview.hours = Some(SessionsToConfirm {
                        from: *from,
                        to: *to,
                        minutes: sessions.iter().map(|s| s.minutes).sum(),
                        sessions: sessions.clone(),
                    });
                }
                SharedItem::Comment(_) => {}
            }
        }
        Ok(preview)
    })
}

/// Makes the share bundle for one contact and saves it where the person chooses. Returns
/// the path, or nothing if cancelled (then nothing was written anywhere).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_share<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    selection: ShareSelection,
) -> Result<Option<String>, CommandError> {
    let req = share_request(selection);
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        // Refused before the dialog opens: an unverified contact, nothing chosen.
        let to = with_vault(&slot, |vault| {
            Ok(
                attune_core::share::preview(vault.sharing(), vault.journal(), vault.hours(), &req)?
                    .to,
            )
        })?;
        let Some(path) = ask_save(
            &app,
            "Save the share bundle",
            format!("for-{}-{}.{BUNDLE_EXTENSION}", file_stem(&to), today()),
            BUNDLE,
        )?
        else {
            return Ok(None);
        };
        let (bytes, out) =
            with_vault(&slot, |vault| Ok(vault.sharing_mut().create_share(&req)?))?;
        files::write_private(&path, &bytes, "the share bundle")?;
        tracing::info!(
            reflections = out.reflections().len(),
            sessions = out.sessions().len(),
            "share bundle saved"
        );
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Receives a share bundle or an attestation the person chooses: all of it is checked
/// before anything is kept. Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn receive_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<ReceivedFile>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let Some(path) = ask_open(
            &app,
            "Receive a share bundle or an attestation",
            FileKind {
                label: "Attune share bundles and attestations",
                extensions: &[BUNDLE_EXTENSION, ATTESTATION_EXTENSION],
            },
        )?
        else {
            return Ok(None);
        };
        let bytes = read_capped(
            &path,
            MAX_BUNDLE_BYTES.max(MAX_ATTESTATION_BYTES),
            "a share bundle or an attestation",
        )?;
        let got = with_vault(&slot, |vault| Ok(vault.sharing_mut().receive(&bytes)?))?;
        tracing::info!("file received");
        Ok(Some(match got {
            Received::Bundle {
                from,
                reflections,
                sessions,
                comments,
                comments_skipped,
                already_received,
                ..
            } => ReceivedFile::Bundle {
                from,
                reflections,
                sessions,
                comments,
                comments_skipped,
                already_received,
            },
            Received::Attestation {
                from,
                sessions,
                matched,
                already_received,
                ..
            } => ReceivedFile::Attestation {
                from,
                sessions,
                matched,
                already_received,
            },
        }))
    })
    .await
}

/// What others shared with me, one group per person (by name), with my comments.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn shared_with_me(state: State<'_, AppState>) -> Result<Vec<SharedByPerson>, CommandError> {
    with_vault(&state.vault, |vault| {
        let me = vault.sharing_mut().my_fingerprint()?;
        let my_key = provider_key(&vault.profile().name);
        let sharing = vault.sharing();
        let mut people: Vec<SharedByPerson> = Vec::new();
        let mut group = |fp: attune_core::share::Fingerprint, name: &str| -> usize {
            let shown = fp.to_string();
            match people.iter().position(|p| p.fingerprint == shown) {
                Some(i) => i,
                None => {
                    people.push(SharedByPerson {
                        name: sharing
                            .contact(fp)
                            .map_or(name, |c| c.card.name())
                            .to_owned(),
                        fingerprint: shown,
                        verified: sharing.contact(fp).is_some_and(|c| c.verified),
                        reflections: Vec::new(),
                        sessions: Vec::new(),
                        unsent_comments: sharing
                            .comments()
                            .iter()
                            .filter(|c| c.owner == fp && c.author == me && !c.sent)
                            .count(),
                    });
                    people.len() - 1
                }
            }
        };
        let mut placed = Vec::new();
        for r in sharing.shared_reflections() {
            placed.push((group(r.from, &r.from_name), Some(r), None));
        }
        for s in sharing.shared_sessions() {
            placed.push((group(s.from, &s.from_name), None, Some(s)));
        }
        for (i, reflection, session) in placed {
            let person = &mut people[i];
            if let Some(r) = reflection {
                person.reflections.push(ReceivedReflection {
                    shared_id: r.id.clone(),
                    received_at: r.received_at,
                    reflection: reflection_view(&r.reflection),
                    comments: sharing
                        .comments_on(r.from, &r.reflection.id)
                        .into_iter()
                        .filter(|c| c.author == me)
                        .map(comment_view)
                        .collect(),
                });
            }
            if let Some(s) = session {
                person.sessions.push(ReceivedSession {
                    names_me: !my_key.is_empty() && provider_key(&s.session.provider) == my_key,
                    session: s.session.clone(),
                });
            }
        }
        for p in &mut people {
            p.reflections.sort_by(|a, b| {
                b.reflection
                    .date
                    .cmp(&a.reflection.date)
                    .then(b.received_at.cmp(&a.received_at))
            });
            p.sessions.sort_by_key(|s| s.session.date);
        }
        people.sort_by_cached_key(|p| provider_key(&p.name));
        Ok(people)
    })
}

/// Writes a comment on a reflection shared with me (sent back with `send_comments`).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn add_comment(
    state: State<'_, AppState>,
    request: CommentRequest,
) -> Result<CommentView, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(comment_view(
            &vault
                .sharing_mut()
                .add_comment(&request.shared_id, &request.text)?,
        ))
    })
}

/// Comments others wrote on one of my reflections, oldest first.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn reflection_comments(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<CommentView>, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(vault
            .sharing()
            .comments_on_mine(&id)
            .into_iter()
            .map(comment_view)
            .collect())
    })
}

/// Packs my comments not yet sent to one person into a share bundle for them, saved where
/// the person chooses; they count as sent only once the file is written.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn send_comments<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    to: String,
) -> Result<Option<SentComments>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let (bytes, ids, name) = with_vault(&slot, |vault| {
            let name = vault.sharing().resolve_contact(&to)?.card.name().to_owned();
            let (bytes, ids) = vault.sharing_mut().create_reply(&to, false)?;
            Ok((bytes, ids, name))
        })?;
        let Some(path) = ask_save(
            &app,
            "Save the comments",
            format!(
                "comments-for-{}-{}.{BUNDLE_EXTENSION}",
                file_stem(&name),
                today()
            ),
            BUNDLE,
        )?
        else {
            return Ok(None);
        };
        files::write_private(&path, &bytes, "the comments")?;
        with_vault(&slot, |vault| {
            Ok(vault.sharing_mut().mark_comments_sent(&ids)?)
        })?;
        tracing::info!(comments = ids.len(), "comments saved for sending");
        Ok(Some(SentComments {
            path: path.display().to_string(),
            comments: ids.len(),
        }))
    })
    .await
}

fn attestation_view(a: &Attestation, path: &std::path::Path) -> AttestationView {
    AttestationView {
        path: path.display().to_string(),
        signer: a.supervisor.name().to_owned(),
        signer_fingerprint: a.supervisor.fingerprint().to_string(),
        practitioner: a.practitioner.to_string(),
        from: a.period.from,
        to: a.period.to,
        sessions: a.totals.sessions,
        minutes: a.totals.minutes,
        individual_minutes: a.totals.individual_minutes,
        group_minutes: a.totals.group_minutes,
        issued_at: a.issued_at,
    }
}

/// Signs an attestation of the sessions a practitioner sent me in a period (those naming
/// me as provider) and saves it where the person chooses.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_attestation<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: AttestRequest,
) -> Result<Option<AttestationView>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let (bytes, attestation, name) = with_vault(&slot, |vault| {
            let name = vault
                .sharing()
                .resolve_contact(&request.practitioner)?
                .card
                .name()
                .to_owned();
            let (bytes, a) = vault
                .sharing_mut()
                .attest(&request.practitioner, request.period)?;
            Ok((bytes, a, name))
        })?;
        let Some(path) = ask_save(
            &app,
            "Save the attestation",
            format!(
                "hours-of-{}-{}.{ATTESTATION_EXTENSION}",
                file_stem(&name),
                today()
            ),
            ATTESTATION,
        )?
        else {
            return Ok(None);
        };
        files::write_private(&path, &bytes, "the attestation")?;
        tracing::info!(sessions = attestation.sessions.len(), "attestation saved");
        Ok(Some(attestation_view(&attestation, &path)))
    })
    .await
}

/// Checks an attestation file the person chooses: whose signature it bears and what it
/// confirms. Needs no vault. Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn check_attestation<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<AttestationView>, CommandError> {
    in_background(move || {
        let Some(path) = ask_open(&app, "Check an attestation", ATTESTATION)? else {
            return Ok(None);
        };
        let bytes = read_capped(&path, MAX_ATTESTATION_BYTES, "an attestation")?;
        let a = Attestation::verify(&bytes)?;
        Ok(Some(attestation_view(&a, &path)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_are_plain() {
        assert_eq!(file_stem("Dr. Ana Ruiz"), "dr-ana-ruiz");
        assert_eq!(file_stem("Lucía  Pérez"), "lucía-pérez");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("   "), "attune");
        assert_eq!(file_stem(&"a".repeat(100)).len(), 40);
    }
}
