//! Hours helpers shared by the hours tests: a day, a session, a small CSV and its import.

use attune_core::hours::{parse_csv, Modality, SessionDraft, SessionFormat, SupervisionSession};
use attune_core::Vault;
use chrono::NaiveDate;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn session(date: &str, minutes: u32, provider: &str, cred: Option<&str>) -> SessionDraft {
    SessionDraft {
        date: day(date),
        minutes,
        format: SessionFormat::Individual,
        modality: Some(Modality::InPerson),
        provider: provider.into(),
        credential: cred.map(str::to_owned),
        facilitated: None,
        age_focus: None,
        about_rsc_provided: false,
        note: String::new(),
        reflections: Vec::new(),
    }
}

pub const CSV: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note\n\
2025-01-10,60,individual,Lucía Pérez,IMHM-C,in-person,yes,\"first, with \"\"quotes\"\"\"\n\
2025-02-10,90,group,Lucía Pérez,IMHM-C,virtual,no,\n\
2025-03-10,45,individual,Ben Ode,IMHS,phone,no,\n";

pub fn imported(vault: &mut Vault) -> Vec<SupervisionSession> {
    let parsed = parse_csv(CSV.as_bytes(), day("2026-01-01")).unwrap();
    vault.hours_mut().import_sessions(parsed.rows).unwrap();
    vault.hours().sessions().to_vec()
}
