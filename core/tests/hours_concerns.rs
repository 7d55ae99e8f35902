//! An hours CSV import lists the rows a form would have asked about (the same day as another
//! session with a similar provider, in the journal or earlier in the file; longer than 3 h),
//! by line, in its preview and in its report, and refuses none of them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::hours::{parse_csv, Concern, ConcernKind, SameAs, LONG_SESSION_MINUTES};
use attune_core::Place;
use common::hours::{day, session};
use common::new_vault;

const HEADER: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note\n";

fn lines_and_fields(concerns: &[Concern]) -> Vec<(Option<Place>, &str)> {
    concerns
        .iter()
        .map(|c| (c.place, c.field.as_str()))
        .collect()
}

#[test]
fn an_import_preview_lists_same_day_and_long_rows_by_line_and_refuses_none() {
    let (_dir, mut vault, _) = new_vault();
    let logged = vault
        .hours_mut()
        .add_session(session("2025-03-04", 60, "Lucía Pérez", Some("IMHM-C")))
        .unwrap();
    let text = format!(
        "{HEADER}\
         2025-03-04,90,individual,Dr. Lucia Perez,,,no,\n\
         2025-03-05,60,group,Sam Supervisor,,,no,\n\
         2025-03-05,60,individual,Sam S.,,,no,\n\
         2025-03-06,181,individual,Ben Ode,,,no,\n\
         2025-03-07,180,individual,Ben Ode,,,no,\n\
         2025-03-08,60,individual,Lucía Pérez,,,no,\n"
    );
    let parsed = parse_csv(text.as_bytes(), day("2026-01-01")).unwrap();

    let preview = vault
        .hours_mut()
        .preview_import(parsed.rows.clone())
        .unwrap();
    assert_eq!(
        lines_and_fields(&preview.concerns),
        [
            (Some(Place::line(2)), "provider"),
            (Some(Place::line(4)), "provider"),
            (Some(Place::line(5)), "minutes"),
        ]
    );
    assert_eq!(
        preview.concerns[0].kind,
        ConcernKind::SameDay {
            date: day("2025-03-04"),
            provider: "Lucía Pérez".into(),
            minutes: 60,
            same_as: SameAs::Logged {
                id: logged.id.clone()
            },
        }
    );
    assert_eq!(
        preview.concerns[1].to_string(),
        "line 4: provider: line 3 has 1 h with Sam Supervisor on 2025-03-05 too; is this the same session?"
    );
    assert_eq!(
        preview.concerns[2].kind,
        ConcernKind::Long {
            minutes: 181,
            longest: LONG_SESSION_MINUTES
        }
    );
    // A preview saves nothing.
    assert_eq!(preview.imported.len(), 6);
    assert_eq!(vault.hours().sessions().len(), 1);

    // The import takes every row and reports the same rows.
    let report = vault.hours_mut().import_sessions(parsed.rows).unwrap();
    assert_eq!(report.imported.len(), 6);
    assert_eq!(report.concerns, preview.concerns);
    assert_eq!(vault.hours().sessions().len(), 7);
}

#[test]
fn an_import_row_already_logged_is_skipped_not_asked_about() {
    let (_dir, mut vault, _) = new_vault();
    vault
        .hours_mut()
        .add_session(session("2025-03-04", 60, "Lucía Pérez", None))
        .unwrap();
    let text = format!("{HEADER}2025-03-04,60,individual,lucía pérez,,in-person,no,\n");
    let parsed = parse_csv(text.as_bytes(), day("2026-01-01")).unwrap();
    let preview = vault.hours_mut().preview_import(parsed.rows).unwrap();
    assert_eq!(preview.duplicates.len(), 1);
    assert!(preview.concerns.is_empty(), "{:?}", preview.concerns);
}
