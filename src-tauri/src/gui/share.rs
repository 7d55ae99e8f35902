//! Sharing without a server, from the window: my identity and card, contacts and their
//! fingerprints, share bundles (previewed before they leave), what others shared with me,
//! comments and replies, and signed attestations. Each command is a few lines over core;
//! files are chosen in native dialogs opened from Rust, while the vault is not held.

use std::sync::Arc;

use attune_core::files::read_capped;
use attune_core::journal::today;
use attune_core::person_name::person_name;
use attune_core::share::card::MAX_CARD_TEXT_BYTES;
use attune_core::share::{
    Attestation, ContactCard, ContactRef, OpenedFile, ATTESTATION_EXTENSION, BUNDLE_EXTENSION,
    MAX_ATTESTATION_BYTES, MAX_BUNDLE_BYTES,
};
use attune_core::views::{
    self, AddedContactView, AttestationView, CommentView, CommentsBack, ContactOrder, ContactView,
    MyIdentity, ReceivedFile, SharePreview, SharedByPerson,
};
use attune_core::Vault;
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_open, ask_save, FileKind};
use super::files;
use super::ipc::{AttestRequest, CommandError, CommentRequest, SentComments, ShareSelection};
use super::slot::VaultSlot;
use super::written::WrittenFiles;

/// The extension of a contact card file.
const CARD_EXTENSION: &str = "attune-card";

/// The kinds of file the sharing dialogs offer.
const CARD: FileKind<'static> = FileKind {
    label: "Attune contact card",
    extensions: &[CARD_EXTENSION],
};
const BUNDLE: FileKind<'static> = FileKind {
    label: "Attune share file",
    extensions: &[BUNDLE_EXTENSION],
};
pub(super) const ATTESTATION: FileKind<'static> = FileKind {
    label: "Attune attestation",
    extensions: &[ATTESTATION_EXTENSION],
};

/// A name fit for a file name: letters, digits and hyphens.
pub(super) fn file_stem(name: &str) -> String {
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

/// My name, role, fingerprint and card.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn my_identity(state: State<'_, AppState>) -> Result<MyIdentity, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::my_identity(vault)?))
}

/// Sets the name on my card (attestations match it against session providers).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_my_name(state: State<'_, AppState>, name: String) -> Result<MyIdentity, CommandError> {
    with_vault(&state.vault, |vault| {
        vault.set_name(&person_name("name", &name).map_err(attune_core::Error::from)?)?;
        Ok(views::my_identity(vault)?)
    })
}

/// Sets the other spellings of my name that sessions I can sign may name as provider
/// ("Sam S."); replaces the list.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_provider_spellings(
    state: State<'_, AppState>,
    spellings: Vec<String>,
) -> Result<MyIdentity, CommandError> {
    with_vault(&state.vault, |vault| {
        vault.set_provider_spellings(&spellings)?;
        Ok(views::my_identity(vault)?)
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
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
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
        Ok(Some(written.remember(&path)))
    })
    .await
}

/// The contacts, by name.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_contacts(state: State<'_, AppState>) -> Result<Vec<ContactView>, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(views::contacts(vault, ContactOrder::ByName))
    })
}

fn add_card(vault: &mut Vault, text: &[u8]) -> Result<AddedContactView, CommandError> {
    let card = ContactCard::parse(text)?;
    let added = vault.sharing_mut().add_contact(card)?;
    tracing::info!("contact added");
    Ok(AddedContactView::of(&added))
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
        let c = vault
            .sharing_mut()
            .verify_contact(ContactRef::Fingerprint(fingerprint))?;
        tracing::info!("contact verified");
        Ok(ContactView::of(&c))
    })
}

/// Exactly what a share would send, without sending it: the window checks it for details
/// that could identify a family and shows it before anything leaves.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn preview_share(
    state: State<'_, AppState>,
    selection: ShareSelection,
) -> Result<SharePreview, CommandError> {
    let req = selection.into_request();
    with_vault(&state.vault, |vault| Ok(views::share_preview(vault, &req)?))
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
    let req = selection.into_request();
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
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
            "Save the share file",
            format!("for-{}-{}.{BUNDLE_EXTENSION}", file_stem(&to), today()),
            BUNDLE,
        )?
        else {
            return Ok(None);
        };
        // What a bundle holds, even as counts, stays out of the log.
        let (bytes, _what) =
            with_vault(&slot, |vault| Ok(vault.sharing_mut().create_share(&req)?))?;
        files::write_private(&path, &bytes, "the share bundle")?;
        tracing::info!("share bundle saved");
        Ok(Some(written.remember(&path)))
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
            "Receive a share file or an attestation",
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
        let opened = open_received(&slot, &bytes)?;
        let got = keep_received(&slot, &opened)?;
        tracing::info!("file received");
        Ok(Some(got))
    })
    .await
}

/// Decrypts and checks a received file with the vault's receiver, the vault held only to
/// take the receiver: Lock and auto-lock do not wait for a large or hostile file.
fn open_received(slot: &VaultSlot, bytes: &[u8]) -> Result<OpenedFile, CommandError> {
    let receiver = with_vault(slot, |vault| Ok(vault.sharing().receiver()))?;
    Ok(receiver.open(bytes)?)
}

/// Plans and keeps an opened file; `locked` if the vault was locked meanwhile.
fn keep_received(slot: &VaultSlot, opened: &OpenedFile) -> Result<ReceivedFile, CommandError> {
    with_vault(slot, |vault| {
        Ok(vault.sharing_mut().receive_opened(opened)?.into())
    })
}

/// What others shared with me, one group per person (by name), with my comments.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn shared_with_me(state: State<'_, AppState>) -> Result<Vec<SharedByPerson>, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::shared_with_me(vault)))
}

/// Writes a comment on a reflection shared with me (sent back with `send_comments`).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn add_comment(
    state: State<'_, AppState>,
    request: CommentRequest,
) -> Result<CommentView, CommandError> {
    with_vault(&state.vault, |vault| {
        let comment = vault
            .sharing_mut()
            .add_comment(&request.shared_id, &request.text)?;
        Ok(CommentView::of(&comment))
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
        Ok(views::comments_on_mine(vault, &id))
    })
}

/// My reflections that others commented on, the most recently commented first.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn comments_back(state: State<'_, AppState>) -> Result<Vec<CommentsBack>, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::comments_back(vault)))
}

/// Marks the comments on my reflection `id` as seen (it was opened); how many were new.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn mark_comments_read(state: State<'_, AppState>, id: String) -> Result<usize, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(vault.sharing_mut().mark_comments_read(&id)?)
    })
}

/// Packs my comments not yet sent to one person (named by their whole fingerprint) into a
/// share bundle for them, saved where the person chooses; they count as sent only once the
/// file is written.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn send_comments<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    fingerprint: String,
) -> Result<Option<SentComments>, CommandError> {
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
    let to = ContactRef::Fingerprint(fingerprint);
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
        tracing::info!("comments saved for sending");
        Ok(Some(SentComments {
            path: written.remember(&path),
            comments: ids.len(),
        }))
    })
    .await
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
            let (bytes, a) = vault.sharing_mut().attest(&practitioner, request.period)?;
            Ok((bytes, a, name))
        })?;
        save_signed(&app, &slot, &written, &name, &bytes, &attestation)
    })
    .await
}

/// Saves an attestation just signed where the person chooses, then records it as issued
/// (only once the file is written: its sessions are not offered for signing again).
/// Nothing if cancelled, and then nothing is recorded.
pub(super) fn save_signed<R: Runtime>(
    app: &AppHandle<R>,
    slot: &VaultSlot,
    written: &WrittenFiles,
    name: &str,
    bytes: &[u8],
    attestation: &Attestation,
) -> Result<Option<AttestationView>, CommandError> {
    let Some(path) = ask_save(
        app,
        "Save the attestation",
        format!(
            "hours-of-{}-{}.{ATTESTATION_EXTENSION}",
            file_stem(name),
            today()
        ),
        ATTESTATION,
    )?
    else {
        return Ok(None);
    };
    files::write_private(&path, bytes, "the attestation")?;
    written.remember(&path);
    with_vault(slot, |vault| {
        Ok(vault.sharing_mut().record_issued(bytes)?)
    })?;
    tracing::info!("attestation saved");
    Ok(Some(AttestationView::of(attestation, &path)))
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
        Ok(Some(AttestationView::of(&a, &path)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::super::slot::{SystemClock, VaultSlot};
    use attune_core::share::{Section, ShareEntry, ShareRequest};
    use attune_core::{CreateOptions, ErrorCode, KdfParams, Role, Unlock, Vault};

    use super::{file_stem, keep_received, open_received};

    const PASS: &str = "correct horse battery staple";

    fn vault(dir: &std::path::Path, name: &str, role: Role) -> Vault {
        let options = CreateOptions {
            name: Some(name.into()),
            role,
            kdf: KdfParams::MINIMUM,
        };
        Vault::create(dir, PASS, &options).unwrap().0
    }

    /// A bundle from a practitioner to the supervisor `s`, who knows and verified her.
    fn bundle_for(s: &mut Vault, p_dir: &std::path::Path) -> Vec<u8> {
        let mut p = vault(p_dir, "Robin Hale", Role::Practitioner);
        let s_card = s.sharing_mut().my_card().unwrap();
        let p_card = p.sharing_mut().my_card().unwrap();
        let fp = p_card.fingerprint().to_string();
        s.sharing_mut().add_contact(p_card).unwrap();
        s.sharing_mut().verify_contact(&fp).unwrap();
        let s_fp = s_card.fingerprint().to_string();
        p.sharing_mut().add_contact(s_card).unwrap();
        p.sharing_mut().verify_contact(&s_fp).unwrap();
        let d: attune_core::ReflectionDraft = serde_json::from_value(serde_json::json!({
            "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
            "tags": [], "parent_infant": "", "practitioner_parent": "",
            "supervisor_practitioner": "", "self": "I felt rushed.", "for_supervision": ""
        }))
        .unwrap();
        let r = p.journal_mut().add(d).unwrap();
        let req = ShareRequest {
            to: attune_core::share::ContactRef::Fingerprint(s_fp),
            entries: vec![ShareEntry {
                id: r.id,
                sections: vec![Section::SelfReflection],
            }],
            hours: None,
        };
        let (bytes, _) = p.sharing_mut().create_share(&req).unwrap();
        p.lock().unwrap();
        bytes
    }

    #[test]
    fn the_vault_can_be_locked_while_a_received_file_is_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let s_dir = tmp.path().join("s");
        let mut s = vault(&s_dir, "Lucía Pérez", Role::Supervisor);
        let bytes = bundle_for(&mut s, &tmp.path().join("p"));
        let slot = VaultSlot::new(Box::new(SystemClock));
        slot.put(s);
        // Decrypting and checking the file leaves the vault free for Lock.
        let opened = open_received(&slot, &bytes).unwrap();
        assert!(slot.lock_now().unwrap());
        // Locked meanwhile: nothing is kept, and the window is told the vault is locked.
        let e = keep_received(&slot, &opened).unwrap_err();
        assert_eq!(e.code, ErrorCode::Locked);
        // Unlocked again, the file is received.
        slot.put(Vault::unlock(&s_dir, Unlock::Passphrase(PASS)).unwrap());
        let got = keep_received(&slot, &opened).unwrap();
        assert!(format!("{got:?}").contains("Robin Hale"), "{got:?}");
    }

    #[test]
    fn file_stems_are_plain() {
        assert_eq!(file_stem("Dr. Ana Ruiz"), "dr-ana-ruiz");
        assert_eq!(file_stem("Lucía  Pérez"), "lucía-pérez");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("   "), "attune");
        assert_eq!(file_stem(&"a".repeat(100)).len(), 40);
    }
}
