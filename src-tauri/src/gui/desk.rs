//! The supervisor's desk in the window: one row per supervisee, one person's page (their
//! shared reflections with their state, my unsent comments, private notes, the list for
//! the next supervision, the attestations issued and the sessions to sign). Each command is
//! a few lines over core (`attune_core::desk`, `views::desk`).

use std::sync::Arc;

use attune_core::desk::{prepare, resolve_issued, NoteDraft, SuperviseeNote, SupervisionPrep};
use attune_core::journal::today;
use attune_core::share::{ContactRef, ATTESTATION_EXTENSION};
use attune_core::views::{self, AttestationView, CommentView, SuperviseePage};
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::ask_save;
use super::files;
use super::ipc::{
    CommandError, DeskView, EditCommentRequest, MarkSharedRequest, NoteRequest, SignSessionsRequest,
};
use super::share::{file_stem, save_signed, ATTESTATION};

/// The desk: my role, and one row per person who sent me reflections or sessions, by name.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn supervisees(state: State<'_, AppState>) -> Result<DeskView, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(DeskView {
            role: vault.profile().role,
            rows: views::desk(vault),
        })
    })
}

/// One supervisee's page, named by their whole fingerprint.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn supervisee_page(
    state: State<'_, AppState>,
    fingerprint: String,
) -> Result<SuperviseePage, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(views::supervisee_page(vault, &fingerprint)?)
    })
}

/// The ids of one supervisee's shared reflections that match every word of `query`.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn search_supervisee(
    state: State<'_, AppState>,
    fingerprint: String,
    query: String,
) -> Result<Vec<String>, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(views::search_supervisee(vault, &fingerprint, &query))
    })
}

/// Marks a reflection shared with me: seen (opening it), discussed, archived, or back.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn mark_shared(
    state: State<'_, AppState>,
    request: MarkSharedRequest,
) -> Result<(), CommandError> {
    with_vault(&state.vault, |vault| {
        vault
            .sharing_mut()
            .mark_shared(&request.shared_id, request.mark)?;
        Ok(())
    })
}

/// Saves a private note about a supervisee (never sent); returns it.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn add_supervisee_note(
    state: State<'_, AppState>,
    request: NoteRequest,
) -> Result<SuperviseeNote, CommandError> {
    with_vault(&state.vault, |vault| {
        let about = vault
            .desk_mut()
            .about(ContactRef::Fingerprint(request.fingerprint))?;
        let draft = NoteDraft {
            about,
            date: request.date.unwrap_or_else(today),
            in_me: request.in_me,
            parallel_process: request.parallel_process,
            next_time: request.next_time,
            text: request.text,
        };
        Ok(vault.desk_mut().add_note(draft)?)
    })
}

/// Deletes a private note (its whole id).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn delete_supervisee_note(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(vault.desk_mut().delete_note(&id)?)
    })
}

/// The list for the next supervision with one person.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn prepare_supervision(
    state: State<'_, AppState>,
    fingerprint: String,
) -> Result<SupervisionPrep, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(prepare(
            vault.sharing(),
            vault.desk(),
            ContactRef::Fingerprint(fingerprint),
        )?)
    })
}

/// Changes my comment not sent yet.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn edit_comment(
    state: State<'_, AppState>,
    request: EditCommentRequest,
) -> Result<CommentView, CommandError> {
    with_vault(&state.vault, |vault| {
        let c = vault
            .sharing_mut()
            .edit_comment(&request.id, &request.text)?;
        Ok(CommentView::of(&c))
    })
}

/// Deletes my comment not sent yet.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn delete_comment(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    with_vault(&state.vault, |vault| {
        vault.sharing_mut().delete_comment(&id)?;
        Ok(())
    })
}

/// Signs an attestation of the sessions ticked one by one (none signed already) and saves
/// it where the person chooses; recorded as issued once written. Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_sessions<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: SignSessionsRequest,
) -> Result<Option<AttestationView>, CommandError> {
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
    in_background(move || {
        let practitioner = ContactRef::Fingerprint(request.practitioner_fingerprint);
        let (bytes, attestation, name) = with_vault(&slot, |vault| {
            let name = vault
                .sharing()
                .resolve_contact(&practitioner)?
                .card
                .name()
                .to_owned();
            let (bytes, a) = vault
                .sharing_mut()
                .attest_sessions(&practitioner, &request.shared_ids)?;
            Ok((bytes, a, name))
        })?;
        save_signed(&app, &slot, &written, &name, &bytes, &attestation)
    })
    .await
}

/// Writes an attestation I issued again, where the person chooses (for someone who lost
/// theirs). Returns the path, or nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_issued_attestation<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<String>, CommandError> {
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
    in_background(move || {
        let (file, name, signed_on) = with_vault(&slot, |vault| {
            let sharing = vault.sharing();
            let i = resolve_issued(sharing, &id)?;
            let name = sharing
                .contact(i.attestation.practitioner)
                .map_or_else(String::new, |c| c.card.name().to_owned());
            Ok((i.file.clone(), name, i.attestation.issued_at.date_naive()))
        })?;
        let Some(path) = ask_save(
            &app,
            "Save the attestation again",
            format!(
                "hours-of-{}-{signed_on}.{ATTESTATION_EXTENSION}",
                file_stem(&name)
            ),
            ATTESTATION,
        )?
        else {
            return Ok(None);
        };
        files::write_private(&path, file.as_bytes(), "the attestation")?;
        tracing::info!("issued attestation saved again");
        Ok(Some(written.remember(&path)))
    })
    .await
}
