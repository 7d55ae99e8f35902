//! The hours commands: supervision sessions, training, progress toward a rule set, and
//! exports. Each is a few lines over `attune-core`'s hours API; the export opens the native
//! save dialog from Rust, so the window is granted none of the dialog plugin's commands.

use std::sync::Arc;

use attune_core::hours::{
    associations, experiences_pdf, rule_set, rule_sets, summary_pdf, write_csv,
    write_experiences_csv, Association, Concern, ExperiencesReport, HoursSummary, PageSize,
    PdfReport, ProviderBook, RenewalProgress, RuleSet, Training,
};
use attune_core::journal::today;
use attune_core::views::{self, HoursLog, SessionQuery};
use attune_core::Error;
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_save, FileKind};
use super::files;
use super::ipc::{
    CommandError, ExportFormat, ExportRequest, ProgressQuery, SaveSessionRequest,
    SaveTrainingRequest, SavedSession, SavedTraining,
};

/// The logged sessions, newest first, with the providers and what to prefill a new one with.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_sessions(
    state: State<'_, AppState>,
    request: SessionQuery,
) -> Result<HoursLog, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::hours_log(vault, &request)))
}

/// What to ask before saving a session (a new one without `id`, else a new version of that
/// one): a date ahead, the same day as a similar provider's session, longer than 3 h. The
/// same checks as `attune hours add`; a draft `save_session` would refuse is refused here too.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn check_session(
    state: State<'_, AppState>,
    request: SaveSessionRequest,
) -> Result<Vec<Concern>, CommandError> {
    with_vault(&state.vault, |vault| {
        let draft = request.draft.validated()?;
        Ok(vault
            .hours()
            .check_session(&draft, request.id.as_deref(), today()))
    })
}

/// Saves a session (a new one, or a new version of one); returns it with any warnings.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_session(
    state: State<'_, AppState>,
    request: SaveSessionRequest,
) -> Result<SavedSession, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let session = match &request.id {
                Some(id) => vault.hours_mut().update_session(id, request.draft)?,
                None => vault.hours_mut().add_session(request.draft)?,
            };
            let warnings = session.content.warnings(today());
            Ok(SavedSession { session, warnings })
        })
    })
    .await
}

/// Deletes a session and its key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_session(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.hours_mut().delete_session(&id)?)))
        .await
}

/// All training, newest first.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_training(state: State<'_, AppState>) -> Result<Vec<Training>, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(vault.hours().training().iter().rev().cloned().collect())
    })
}

/// Saves a training entry (a new one, or a new version of one); returns it with warnings.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_training(
    state: State<'_, AppState>,
    request: SaveTrainingRequest,
) -> Result<SavedTraining, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let training = match &request.id {
                Some(id) => vault.hours_mut().update_training(id, request.draft)?,
                None => vault.hours_mut().add_training(request.draft)?,
            };
            let warnings = training.content.warnings(today());
            Ok(SavedTraining { training, warnings })
        })
    })
    .await
}

/// Deletes a training entry and its key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_training(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.hours_mut().delete_training(&id)?)))
        .await
}

/// The Endorsement rule sets this version knows (no vault needed: they are public figures).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_rule_sets() -> Result<Vec<RuleSet>, CommandError> {
    Ok(rule_sets()?.to_vec())
}

/// The associations whose renewal calendars this version knows (public data, no vault).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_associations() -> Result<Vec<Association>, CommandError> {
    Ok(associations()?.to_vec())
}

/// Progress toward the renewal due in `year` (none: the current one) for the association
/// and category chosen in Settings.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn hours_renewal(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> Result<RenewalProgress, CommandError> {
    with_vault(&state.vault, |vault| {
        let choice = vault.settings().renewal_choice()?;
        Ok(vault.hours().renewal(&choice, year, today())?)
    })
}

/// Totals per provider and month for a period, with progress toward a rule set if chosen.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn hours_progress(
    state: State<'_, AppState>,
    request: ProgressQuery,
) -> Result<HoursSummary, CommandError> {
    let rules = request.rules.as_deref().map(rule_set).transpose()?;
    with_vault(&state.vault, |vault| {
        Ok(vault.hours().summary(request.period, rules, today()))
    })
}

/// Asks where to save an export (a native save dialog), then writes the sessions of the
/// period as CSV or the PDF summary there, whole or not at all. Returns the path, or nothing
/// if the person cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn export_hours<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<String>, CommandError> {
    let rules = request.rules.as_deref().map(rule_set).transpose()?;
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
    in_background(move || {
        let (name, extension, label) = match request.format {
            ExportFormat::Csv => ("attune-hours", "csv", "CSV"),
            ExportFormat::Pdf => ("attune-hours-summary", "pdf", "PDF"),
            ExportFormat::ApplicationCsv => ("attune-rsc-experiences", "csv", "CSV"),
            ExportFormat::ApplicationPdf => ("attune-rsc-experiences", "pdf", "PDF"),
        };
        let application = matches!(
            request.format,
            ExportFormat::ApplicationCsv | ExportFormat::ApplicationPdf
        );
        if application && rules.is_none() {
            return Err(Error::invalid("rules", "choose the category you are applying for").into());
        }
        // The dialog is open while the vault is not held, so saving a reflection or
        // locking is never stuck behind it.
        let Some(path) = ask_save(
            &app,
            "Export supervision hours",
            format!("{name}-{}.{extension}", today()),
            FileKind {
                label,
                extensions: &[extension],
            },
        )?
        else {
            return Ok(None);
        };
        let bytes = with_vault(&slot, |vault| {
            let hours = vault.hours();
            let sessions = hours.sessions_in(request.period);
            Ok(match request.format {
                ExportFormat::Csv => write_csv(
                    ProviderBook::new(hours.providers())
                        .as_held(&sessions)
                        .iter(),
                )?,
                ExportFormat::Pdf => summary_pdf(&PdfReport {
                    name: &vault.profile().name,
                    summary: &hours.summary(request.period, rules, today()),
                    sessions: &sessions,
                    training: &hours.training_in(request.period),
                    hours,
                    rules,
                    page: request.page_size.unwrap_or_else(PageSize::from_environment),
                    generated_on: today(),
                })?,
                ExportFormat::ApplicationCsv | ExportFormat::ApplicationPdf => {
                    let rules =
                        rules.ok_or_else(|| Error::invalid("rules", "choose a category"))?;
                    let rows = hours.experiences(rules, request.period, today());
                    if request.format == ExportFormat::ApplicationCsv {
                        write_experiences_csv(&rows)?
                    } else {
                        experiences_pdf(&ExperiencesReport {
                            name: &vault.profile().name,
                            rules,
                            period: request.period,
                            rows: &rows,
                            page: request.page_size.unwrap_or_else(PageSize::from_environment),
                            generated_on: today(),
                        })?
                    }
                }
            })
        })?;
        files::write_export(&path, &bytes)?;
        tracing::info!(format = ?request.format, "hours exported");
        Ok(Some(written.remember(&path)))
    })
    .await
}
