//! Hours in the vault as a user meets them: log, lock, unlock, it is still there; import a
//! CSV twice without doubling; export CSV (read back by Python and LibreOffice); nothing
//! readable on disk. The PDF summary has its own file, `hours_pdf.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use attune_core::hours::SameAs;
use attune_core::hours::{
    parse_csv, write_csv, HeldCredential, ProviderDraft, SessionDraft, SessionFormat,
    TrainingDraft, TrainingTopic,
};
use attune_core::{Error, Place, Unlock, Vault};
use common::hours::{day, imported, session, CSV};
use common::{draft, new_vault, snapshot, PASS};

#[test]
fn log_lock_unlock_it_is_still_there() {
    let (dir, mut vault, _) = new_vault();
    let r = vault
        .journal_mut()
        .add(draft("Prep", "for supervision"))
        .unwrap();
    let mut d = session("2026-03-02", 60, "Lucía Pérez", Some("imhm-c"));
    d.reflections = vec![r.id.clone()];
    d.note = "talked about the Rowan visit".into();
    let a = vault.hours_mut().add_session(d).unwrap();
    assert_eq!(a.content.credential.as_deref(), Some("IMHM-C"));
    // The provider joined the address book; next time her credential is filled in.
    assert_eq!(vault.hours().providers().len(), 1);
    let b = vault
        .hours_mut()
        .add_session(SessionDraft {
            format: SessionFormat::Group,
            ..session("2026-03-09", 90, "lucía  PÉREZ", None)
        })
        .unwrap();
    assert_eq!(b.content.credential.as_deref(), Some("IMHM-C"));
    assert_eq!(
        b.content.provider, "Lucía Pérez",
        "spelled as in the address book"
    );
    assert_eq!(vault.hours().providers().len(), 1);
    let t = vault
        .hours_mut()
        .add_training(TrainingDraft {
            date: day("2026-02-01"),
            minutes: 180,
            title: "Equity in home visiting".into(),
            organiser: "MI-AIMH".into(),
            topic: TrainingTopic::Dei,
            note: String::new(),
        })
        .unwrap();
    assert_eq!(t.content.topic, TrainingTopic::Dei);
    let p = vault.hours().providers()[0].clone();
    vault
        .hours_mut()
        .update_provider(
            &p.id,
            ProviderDraft {
                credentials: vec![HeldCredential {
                    endorsement_number: "12345".into(),
                    association: "MI-AIMH".into(),
                    ..p.content.credentials[0].clone()
                }],
                ..p.content.clone()
            },
        )
        .unwrap();
    vault.lock().unwrap();

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(vault.damaged().is_empty());
    let h = vault.hours();
    assert_eq!(h.sessions(), &[a.clone(), b.clone()]);
    assert_eq!(h.training(), std::slice::from_ref(&t));
    assert_eq!(
        h.providers()[0].content.credentials[0].endorsement_number,
        "12345"
    );
    assert_eq!(h.last_session().unwrap().id, b.id);
    assert_eq!(h.resolve_session(&a.id[..6]).unwrap().id, a.id);
    assert!(!h.attestation(&a.id).is_attested());
    assert_eq!(vault.journal().len(), 1);

    let mut changed = a.content.clone();
    changed.minutes = 75;
    let a2 = vault.hours_mut().update_session(&a.id, changed).unwrap();
    assert_eq!(a2.created_at, a.created_at);
    vault.hours_mut().delete_session(&b.id).unwrap();
    vault.hours_mut().delete_training(&t.id).unwrap();
    // Deleting through the wrong kind touches nothing.
    assert!(matches!(
        vault.hours_mut().delete_session(&r.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        vault.hours_mut().delete_training(&a.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        vault.hours_mut().add_session(SessionDraft {
            reflections: vec!["0".repeat(32)],
            ..session("2026-03-02", 60, "A", None)
        }),
        Err(Error::InvalidInput { field, .. }) if field == "reflections"
    ));
    vault.lock().unwrap();

    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(vault.hours().sessions(), &[a2]);
    assert!(vault.hours().training().is_empty());
    assert_eq!(vault.journal().len(), 1);
    vault.lock().unwrap();

    // Nothing readable on disk: not the name, not the note, not the training's title.
    for (path, bytes) in snapshot(dir.path()) {
        for needle in ["Pérez", "Rowan visit", "Equity in home", "12345", "IMHM-C"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} in {}",
                path.display()
            );
        }
    }
}

#[test]
fn importing_twice_reports_duplicates_instead_of_doubling() {
    let (_dir, mut vault, _) = new_vault();
    let parsed = parse_csv(CSV.as_bytes(), day("2026-01-01")).unwrap();
    let first = vault
        .hours_mut()
        .import_sessions(parsed.rows.clone())
        .unwrap();
    assert_eq!(first.imported.len(), 3);
    assert!(first.duplicates.is_empty());
    assert_eq!(first.new_providers.len(), 2);
    let again = vault.hours_mut().import_sessions(parsed.rows).unwrap();
    assert!(again.imported.is_empty());
    assert_eq!(again.duplicates.len(), 3);
    assert_eq!(again.duplicates[0].at, Place::line(2));
    assert_eq!(
        again.duplicates[0].same_as,
        SameAs::Logged {
            id: first.imported[0].id.clone()
        }
    );
    assert_eq!(vault.hours().sessions().len(), 3);
    assert_eq!(vault.hours().providers().len(), 2);

    // A row already logged (the provider cased differently), and one new row.
    let text = format!("{CSV}2025-03-10,45,individual,ben ode,,phone,no,\n2025-04-10,30,individual,Ben Ode,,,no,\n");
    let parsed = parse_csv(text.as_bytes(), day("2026-01-01")).unwrap();
    let third = vault.hours_mut().import_sessions(parsed.rows).unwrap();
    assert_eq!(third.imported.len(), 1);
    assert_eq!(third.duplicates.len(), 4);
    assert_eq!(third.duplicates[3].at, Place::line(5));
    assert!(matches!(third.duplicates[3].same_as, SameAs::Logged { .. }));

    // A row repeated within one file is the same as the earlier row, by line.
    let text = format!(
        "{CSV}2025-05-01,60,individual,Ben Ode,,,no,\n2025-05-01,60,individual,ben ode,,,no,\n"
    );
    let parsed = parse_csv(text.as_bytes(), day("2026-01-01")).unwrap();
    let fourth = vault.hours_mut().import_sessions(parsed.rows).unwrap();
    assert_eq!(fourth.imported.len(), 1);
    let within = fourth.duplicates.last().unwrap();
    assert_eq!(
        (within.at, &within.same_as),
        (Place::line(6), &SameAs::Earlier { at: Place::line(5) })
    );
    assert_eq!(
        third.imported[0].content.credential.as_deref(),
        Some("IMHS")
    );
    assert_eq!(vault.hours().sessions().len(), 5);
}

#[test]
fn a_bad_row_imports_nothing() {
    let (dir, vault, _) = new_vault();
    let drafts = vec![
        (Place::line(2), session("2025-01-10", 60, "A", None)),
        (Place::line(3), session("2025-01-11", 0, "A", None)),
    ];
    vault.lock().unwrap();
    let before = snapshot(dir.path());
    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    match vault.hours_mut().add_sessions(drafts) {
        Err(e @ Error::InvalidInput { .. }) => {
            assert!(e.to_string().starts_with("line 3: minutes: "), "{e}");
            let Error::InvalidInput { field, place, .. } = e else {
                unreachable!()
            };
            assert_eq!((field.as_str(), place), ("minutes", Some(Place::line(3))));
        }
        other => panic!("{other:?}"),
    }
    assert!(vault.hours().sessions().is_empty());
    assert!(vault.hours().providers().is_empty());
    vault.lock().unwrap();
    assert_eq!(before, snapshot(dir.path()));
}

#[test]
fn exported_csv_reimports_and_python_reads_it() {
    let (_dir, mut vault, _) = new_vault();
    let sessions = imported(&mut vault);
    let bytes = write_csv(&sessions).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(
        "date,minutes,format,provider,credential,modality,about_rsc_provided,note,facilitated,age_focus\r\n"
    ));
    // Re-imports to the same sessions.
    let back = parse_csv(&bytes, day("2026-01-01")).unwrap();
    let again: Vec<SessionDraft> = back.rows.into_iter().map(|r| r.session).collect();
    let orig: Vec<SessionDraft> = sessions.iter().map(|s| s.content.clone()).collect();
    assert_eq!(again, orig);

    // Python's csv module reads the same cells.
    let rows = python_rows(&bytes);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0].join(","),
        "date,minutes,format,provider,credential,modality,about_rsc_provided,note,facilitated,age_focus"
    );
    assert_eq!(
        rows[1],
        [
            "2025-01-10",
            "60",
            "individual",
            "Lucía Pérez",
            "IMHM-C",
            "in-person",
            "yes",
            "first, with \"quotes\"",
            "",
            ""
        ]
    );
    let total: u32 = rows[1..].iter().map(|r| r[1].parse::<u32>().unwrap()).sum();
    assert_eq!(total, 195);
}

/// The cells of a CSV file as Python's csv module reads them.
fn python_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hours.csv");
    std::fs::write(&file, bytes).unwrap();
    let script = "import csv, json, sys\n\
with open(sys.argv[1], newline='', encoding='utf-8') as f:\n    rows = list(csv.reader(f))\n\
print(json.dumps(rows))\n";
    let out = Command::new("python3")
        .args(["-c", script, file.to_str().unwrap()])
        .output()
        .expect("python3 runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn exported_text_cells_never_start_a_formula_and_reimport_unchanged() {
    let (_dir, mut vault, _) = new_vault();
    let cells = [
        ("=HYPERLINK(\"http://x\",\"y\")", "+1 555 0100"),
        ("-Dr. Lee", "'=already quoted"),
        ("@Plain", "'tis a note"),
        ("Plain Name", "-2+3"),
    ];
    for (i, (provider, note)) in cells.iter().enumerate() {
        let mut d = session(&format!("2025-02-1{i}"), 30, provider, Some("-X"));
        d.note = (*note).to_owned();
        vault.hours_mut().add_session(d).unwrap();
    }
    let sessions = vault.hours().sessions().to_vec();
    let bytes = write_csv(&sessions).unwrap();
    let rows = python_rows(&bytes);
    let starts_formula = |c: &str| c.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for row in &rows[1..] {
        // Text cells (provider, credential, note) never start a formula; numbers stay numbers.
        for cell in [&row[3], &row[4], &row[7]] {
            assert!(!starts_formula(cell), "{row:?}");
        }
        assert!(row[1].parse::<u32>().is_ok(), "{row:?}");
    }
    assert_eq!(rows[1][3], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(rows[1][4], "'-X");
    assert_eq!(rows[1][7], "'+1 555 0100");
    // A quote that was already there is kept, and one more added when it hid a formula.
    assert_eq!(rows[2][7], "''=already quoted");
    assert_eq!(rows[3][7], "'tis a note");
    assert_eq!(rows[3][3], "'@Plain");
    assert_eq!(rows[4][7], "'-2+3");
    // Import takes the quotes off again: the same sessions.
    let back = parse_csv(&bytes, day("2026-01-01")).unwrap();
    let again: Vec<SessionDraft> = back.rows.into_iter().map(|r| r.session).collect();
    let orig: Vec<SessionDraft> = sessions.iter().map(|s| s.content.clone()).collect();
    assert_eq!(again, orig);
}

/// Runs LibreOffice headless with its own throw-away profile under `profile`.
fn soffice(profile: &std::path::Path, args: &[&str]) {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.to_str().unwrap()
        ))
        .arg("--headless")
        .args(args)
        .output()
        .expect("soffice runs (scripts/setup.sh installs libreoffice-calc-nogui)");
    assert!(
        out.status.success(),
        "soffice {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn exported_csv_opens_in_libreoffice_calc_and_comes_back_the_same() {
    let (_dir, mut vault, _) = new_vault();
    let sessions = imported(&mut vault);
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("hours.csv");
    std::fs::write(&csv, write_csv(&sessions).unwrap()).unwrap();
    let profile = tmp.path().join("profile");
    // Opened in Calc as a user would (UTF-8, comma-separated), kept as a spreadsheet...
    let sheets = tmp.path().join("ods");
    soffice(
        &profile,
        &[
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "ods",
            "--outdir",
            sheets.to_str().unwrap(),
            csv.to_str().unwrap(),
        ],
    );
    let ods = sheets.join("hours.ods");
    assert!(std::fs::metadata(&ods).unwrap().len() > 0, "no spreadsheet");
    // ...and saved from Calc as CSV again: it imports to the very same sessions.
    let back = tmp.path().join("back");
    soffice(
        &profile,
        &[
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            back.to_str().unwrap(),
            ods.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(back.join("hours.csv")).unwrap();
    let parsed = parse_csv(&bytes, day("2026-01-01")).unwrap();
    let again: Vec<SessionDraft> = parsed.rows.into_iter().map(|r| r.session).collect();
    let orig: Vec<SessionDraft> = sessions.iter().map(|s| s.content.clone()).collect();
    assert_eq!(again, orig);
}

#[test]
fn an_import_naming_many_providers_plans_each_once() {
    let (_dir, mut vault, _) = new_vault();
    // An address book of 500, one with a credential to lend.
    for i in 0..500 {
        let cred = (i == 7).then_some("IMHM-C");
        vault
            .hours_mut()
            .add_session(session(
                "2025-01-01",
                30,
                &format!("Known Provider {i}"),
                cred,
            ))
            .unwrap();
    }
    // 6,000 rows naming 1,500 providers: the 500 known ones (in another case and spacing)
    // and 1,000 new ones, each new one named three times.
    let drafts: Vec<(Place, SessionDraft)> = (0..6000u32)
        .map(|row| {
            let name = match row % 2 {
                0 => format!("known  PROVIDER {}", (row / 2) % 500),
                _ => format!("New Provider {}", (row / 2) % 1000),
            };
            let date = format!("2025-02-{:02}", 1 + row % 28);
            let mut d = session(&date, 1 + row % 1440, &name, None);
            d.note = format!("row {row}");
            (Place::line(u64::from(row) + 2), d)
        })
        .collect();
    let report = vault.hours_mut().add_sessions(drafts).unwrap();
    assert_eq!(report.imported.len() + report.duplicates.len(), 6000);
    let mut new: Vec<&str> = report
        .new_providers
        .iter()
        .map(|p| p.content.name.as_str())
        .collect();
    new.sort_unstable();
    new.dedup();
    assert_eq!(new.len(), 1000);
    assert_eq!(report.new_providers.len(), 1000);
    assert_eq!(vault.hours().providers().len(), 1500);
    // Known providers are written as the address book spells them, and lend their credential.
    for s in &report.imported {
        let c = &s.content;
        assert!(
            c.provider.starts_with("Known Provider ") || c.provider.starts_with("New Provider "),
            "{}",
            c.provider
        );
        if c.provider == "Known Provider 7" {
            assert_eq!(c.credential.as_deref(), Some("IMHM-C"));
        }
    }
}
