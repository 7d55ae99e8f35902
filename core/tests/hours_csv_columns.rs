//! Issue 16: the hours CSV's columns `facilitated` and `age_focus` (docs/formats/hours-exports.md).
//! They round-trip; a file with the first 8 columns only still imports, its groups naming a
//! credential read as facilitated (as they counted before), and a file with both is checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use attune_core::hours::{parse_csv, write_csv, AgeFocus, SupervisionSession};
use chrono::NaiveDate;

const H: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

#[test]
fn an_old_8_column_file_imports_with_credentialed_groups_facilitated() {
    let old = format!(
        "{H}\n2026-03-09,90,group,Ana Ruiz,IMHS,,no,\n2026-03-10,90,group,Ana Ruiz,,,no,\n"
    );
    let p = parse_csv(old.as_bytes(), today()).unwrap();
    assert_eq!(p.rows[0].session.facilitated, None);
    assert!(p.rows[0].session.facilitated_group());
    assert!(!p.rows[1].session.facilitated_group());
}

#[test]
fn facilitated_and_age_focus_round_trip() {
    let new = format!(
        "{H},facilitated,age_focus\n2026-03-09,90,group,Ana Ruiz,IMHS,,no,,no,3-6\n2026-03-10,60,individual,Ana Ruiz,IMHS,,no,,,0-3\n"
    );
    let p = parse_csv(new.as_bytes(), today()).unwrap();
    let (g, i) = (&p.rows[0].session, &p.rows[1].session);
    assert_eq!(g.facilitated, Some(false));
    assert!(
        !g.facilitated_group(),
        "a credential does not make a peer group facilitated"
    );
    assert_eq!(g.age_focus, Some(AgeFocus::EarlyChildhood));
    assert_eq!((i.facilitated, i.age_focus), (None, Some(AgeFocus::Infant)));
    let saved: Vec<SupervisionSession> = p
        .rows
        .iter()
        .map(|r| SupervisionSession {
            id: "x".into(),
            content: r.session.clone(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        })
        .collect();
    let out = String::from_utf8(write_csv(&saved).unwrap()).unwrap();
    assert_eq!(out, new.replace('\n', "\r\n"));
}
