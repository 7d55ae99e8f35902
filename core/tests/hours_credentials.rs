//! Provider credentials with dates: a session counts only under the credential its provider
//! held on the session's day, and older names are read as the names in use today.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::hours::{
    parse_csv, rule_set, HeldCredential, NotCountedReason, Period, ProviderDraft, RuleSet,
};
use attune_core::{Unlock, Vault};
use chrono::Months;
use common::hours::{day, session};
use common::{new_vault, PASS};

/// The IMHM-C rules without their training part, to look at RSC alone.
/// Source: imh-e-imhm-c.toml, <https://mi-aimh.org/endorsement/faqs/reflective-supervision-consultation/>:
/// "At least 50 clock hours of RSC from an endorsed IMHM-C, at least 25 of them about the
/// RSC the applicant provides to others", over 12 to 24 months.
fn mentor() -> RuleSet {
    RuleSet {
        training: None,
        ..rule_set("imh-e/imhm-c").unwrap().clone()
    }
}

fn held(credential: &str, since: Option<&str>, number: &str) -> HeldCredential {
    HeldCredential {
        credential: Some(credential.into()),
        since: since.map(day),
        association: "MI-AIMH".into(),
        endorsement_number: number.into(),
    }
}

/// 12 monthly sessions of 3 h in 2024 and 6 in the first half of 2025, all with Lucía Pérez,
/// all typed "IMHM-C" and about the RSC the applicant provides: 54 h over 17 months.
fn log_mentoring(vault: &mut Vault) {
    for (first, n) in [("2024-01-10", 12), ("2025-01-20", 6)] {
        for i in 0..n {
            let mut d = session(first, 180, "Lucía Pérez", Some("IMHM-C"));
            d.date = day(first) + Months::new(i);
            d.about_rsc_provided = true;
            vault.hours_mut().add_session(d).unwrap();
        }
    }
}

/// "RSC from an endorsed IMHM-C" (imh-e-imhm-c.toml, `allowed_credentials = ["IMHM-C"]`):
/// endorsed on the session's day. A provider endorsed IMHM-C on 15 January 2025 did not
/// provide RSC as an IMHM-C in 2024, whatever the sessions say.
#[test]
fn a_provider_endorsed_imhm_c_in_2025_does_not_count_for_sessions_in_2024() {
    let (_dir, mut vault, _) = new_vault();
    log_mentoring(&mut vault);
    let rules = mentor();
    let today = day("2026-06-01");
    // Without dates, as before: the sessions say IMHM-C, and 54 h count.
    let before = vault.hours().summary(Period::ALL, Some(&rules), today);
    assert!(before.requirement.unwrap().met);

    let p = vault.hours().provider_named("Lucía Pérez").unwrap().clone();
    vault
        .hours_mut()
        .update_provider(
            &p.id,
            ProviderDraft {
                name: p.content.name.clone(),
                credentials: vec![held("IMHM-C", Some("2025-01-15"), "222")],
            },
        )
        .unwrap();
    let r = vault
        .hours()
        .summary(Period::ALL, Some(&rules), today)
        .requirement
        .unwrap();
    assert!(!r.met, "{r:?}");
    assert_eq!(r.counted_minutes, 6 * 180);
    let left = r
        .not_counted
        .iter()
        .find(|n| n.reason == NotCountedReason::NotYetEndorsed)
        .unwrap();
    assert_eq!((left.minutes, left.sessions), (12 * 180, 12));
    assert!(
        left.text.contains("before the provider's endorsement"),
        "{}",
        left.text
    );

    // Endorsed IMHM-C since 2023: every session counts again.
    vault
        .hours_mut()
        .update_provider(
            &p.id,
            ProviderDraft {
                name: p.content.name.clone(),
                credentials: vec![held("IMHM-C", Some("2023-06-01"), "222")],
            },
        )
        .unwrap();
    let r = vault.hours().summary(Period::ALL, Some(&rules), today);
    assert!(r.requirement.unwrap().met);
}

/// An IMHS until March 2025 and an IMHM-C since: the sessions before count under IMHS,
/// which the IMHM-C rules do not accept, and the provider's share shows the credential held.
#[test]
fn a_session_counts_under_the_credential_held_that_day_not_the_one_typed() {
    let (_dir, mut vault, _) = new_vault();
    log_mentoring(&mut vault);
    let p = vault.hours().provider_named("Lucía Pérez").unwrap().clone();
    vault
        .hours_mut()
        .update_provider(
            &p.id,
            ProviderDraft {
                name: p.content.name.clone(),
                credentials: vec![
                    held("IMHS", Some("2018-05-01"), "111"),
                    held("IMHM-C", Some("2025-03-01"), "222"),
                ],
            },
        )
        .unwrap();
    let r = vault
        .hours()
        .summary(Period::ALL, Some(&mentor()), day("2026-06-01"))
        .requirement
        .unwrap();
    assert_eq!(r.counted_minutes, 4 * 180, "March to June 2025");
    let refused = r
        .not_counted
        .iter()
        .find(|n| n.reason == NotCountedReason::CredentialNotAccepted)
        .unwrap();
    assert_eq!(refused.sessions, 14);
    assert_eq!(r.providers[0].credential.as_deref(), Some("IMHM-C"));
    // Under rules that accept an IMHS, the same sessions count.
    let imhs = RuleSet {
        training: None,
        ..rule_set("imh-e/imhs").unwrap().clone()
    };
    let r = vault
        .hours()
        .summary(Period::ALL, Some(&imhs), day("2026-06-01"))
        .requirement
        .unwrap();
    assert_eq!(r.counted_minutes, 18 * 180);
}

/// Older and regional names (assets/credentials.toml, with their sources): "Level IV-Clinical"
/// (NYS-AIMH's levels) is IMHM-C, "Level III" is IMHS, "Level IV-C" (WA-AIMH) is IMHM-C;
/// a regional credential (AAIMH WA's IFP) stays its own.
#[test]
fn older_credential_names_are_read_as_the_names_in_use_today() {
    let (_dir, mut vault, _) = new_vault();
    let p = vault
        .hours_mut()
        .add_provider(ProviderDraft {
            name: "Lucía Pérez".into(),
            credentials: vec![
                held("Level III", Some("2015-05-01"), "111"),
                held("Level IV-Clinical", Some("2020-05-01"), "222"),
                held("ifp", None, ""),
            ],
        })
        .unwrap();
    let names: Vec<_> = p
        .content
        .credentials
        .iter()
        .map(|c| c.credential.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["IFP", "IMHS", "IMHM-C"]);
    let s = vault
        .hours_mut()
        .add_session(session("2026-03-02", 60, "Ben Ode", Some("level iv-c")))
        .unwrap();
    assert_eq!(s.content.credential.as_deref(), Some("IMHM-C"));
    let csv = "date,minutes,format,provider,credential,modality,about_rsc_provided,note\n\
               2026-03-09,60,individual,Ana Reyes,Level II,,no,\n";
    let rows = parse_csv(csv.as_bytes(), day("2026-06-01")).unwrap().rows;
    assert_eq!(rows[0].session.credential.as_deref(), Some("IFS"));
}

/// Saved dated credentials come back after locking, in the new form.
#[test]
fn dated_credentials_survive_lock_and_unlock() {
    let (dir, mut vault, _) = new_vault();
    let draft = ProviderDraft {
        name: "Lucía Pérez".into(),
        credentials: vec![
            held("IMHS", Some("2018-05-01"), "111"),
            held("IMHM-C", Some("2025-03-01"), "222"),
        ],
    };
    let p = vault.hours_mut().add_provider(draft).unwrap();
    vault.lock().unwrap();
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(vault.damaged().is_empty());
    assert_eq!(vault.hours().providers(), std::slice::from_ref(&p));
    vault.lock().unwrap();
}
