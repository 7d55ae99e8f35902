//! The PDF summary as a reviewer reads it, read back by poppler (pdftotext, pdfinfo): names
//! as typed, exact totals, training one by one, words instead of command lines, the
//! fingerprint of the session list, A4 or Letter, many pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use attune_core::hours::{
    evaluate, rule_set, summarize, summary_pdf, write_csv, PageSize, PdfReport, Period,
    SupervisionSession, TrainingDraft, TrainingTopic,
};
use attune_core::Place;
use common::hours::{day, imported, session};
use common::new_vault;

/// What poppler's pdfinfo says of a PDF's first page size, e.g. "612 x 792 pts (letter)".
fn pdf_page_size(bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hours.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&file)
        .output()
        .expect("pdfinfo runs (scripts/setup.sh installs poppler-utils)");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn pdf_summary_on_a4_or_letter() {
    let (_dir, mut vault, _) = new_vault();
    imported(&mut vault);
    let sessions: Vec<&SupervisionSession> = vault.hours().sessions_in(Period::ALL);
    let summary = summarize(&sessions, Period::ALL, |_| false);
    let pdf = |page| {
        summary_pdf(&PdfReport {
            name: "Ana María Núñez",
            summary: &summary,
            sessions: &sessions,
            training: &[],
            hours: vault.hours(),
            rules: None,
            page,
            generated_on: day("2026-01-01"),
        })
        .unwrap()
    };
    assert_eq!(
        pdf_page_size(&pdf(PageSize::Letter)),
        "612 x 792 pts (letter)"
    );
    assert!(
        pdf_page_size(&pdf(PageSize::A4)).ends_with("(A4)"),
        "{}",
        pdf_page_size(&pdf(PageSize::A4))
    );
}

/// The text of a PDF, through poppler's pdftotext.
fn pdf_text(bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hours.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", file.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (scripts/setup.sh installs poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_summary_reads_back_with_names_and_totals() {
    let (_dir, mut vault, _) = new_vault();
    imported(&mut vault);
    // A name typed with a combining accent (NFD) comes out the same.
    vault
        .hours_mut()
        .add_session(session("2025-04-02", 30, "Zoe\u{301} Lind", Some("IMHS")))
        .unwrap();
    vault
        .hours_mut()
        .add_trainings(vec![
            TrainingDraft {
                date: day("2025-03-04"),
                minutes: 180,
                title: "Holding the baby in mind".into(),
                organiser: "Harbour IMH Association".into(),
                topic: TrainingTopic::ProvidingRsc,
                note: "a private reminder".into(),
            },
            TrainingDraft {
                date: day("2025-05-06"),
                minutes: 90,
                title: "Culture and caregiving".into(),
                organiser: "County Early Years".into(),
                topic: TrainingTopic::Dei,
                note: String::new(),
            },
        ])
        .unwrap();
    let sessions: Vec<&SupervisionSession> = vault.hours().sessions_in(Period::ALL);
    let mut summary = summarize(&sessions, Period::ALL, |_| false);
    let rules = rule_set("imh-e/imhm-c").unwrap();
    summary.requirement = Some(evaluate(
        rules,
        &sessions,
        &[],
        vault.hours().providers(),
        Period::ALL,
        day("2026-01-01"),
    ));
    let training = vault.hours().training_in(Period::ALL);
    let bytes = summary_pdf(&PdfReport {
        name: "Ana María Núñez",
        summary: &summary,
        sessions: &sessions,
        training: &training,
        hours: vault.hours(),
        rules: Some(rules),
        page: PageSize::A4,
        generated_on: day("2026-01-01"),
    })
    .unwrap();
    if let Some(path) = std::env::var_os("ATTUNE_KEEP_PDF") {
        std::fs::write(path, &bytes).unwrap();
    }
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    for needle in [
        "Ana María Núñez",
        "Lucía Pérez",
        "Zoé Lind",
        "Ben Ode",
        "3:45 (3 h 45 min)", // 60 + 90 + 45 + 30 = 225 minutes
        "2:30",              // Lucía: 60 + 90
        "2025-02",
        "Infant Mental Health Mentor - Clinical (IMHM-C)",
        "do not yet meet the requirement as Attune reads",
        "not an association's form",
        "Not checked by Attune: degree",
        "more needed",
        "not attested",
        "Verification",
        "SHA-256",
        "Signature",
        // The footer rows in words.
        "In all: 4 sessions, 3:45 (3 h 45 min), 1 of them in a group.",
        "page 1 of",
        "of Ana María Núñez",
        // Training one by one: date, title, organiser, time, what it also counts for.
        "Training",
        "2025-03-04",
        "Holding the baby in mind",
        "Harbour IMH Association",
        "3:00",
        "providing RSC",
        "Culture and caregiving",
        "County Early Years",
        "diversity, equity, inclusion",
        "In all: 2 trainings, 4:30 (4 h 30 min).",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} not in the PDF text:\n{text}"
        );
    }
    // It speaks to a reviewer, not to a developer: no command lines, no private notes.
    for absent in ["attune ", "`", "--format", "a private reminder"] {
        assert!(
            !text.contains(absent),
            "{absent:?} in the PDF text:\n{text}"
        );
    }
    // The fingerprint in the PDF is that of the CSV export of the same sessions.
    let csv = write_csv(sessions.iter().copied()).unwrap();
    let digest = ring_hex(&csv);
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(&digest),
        "fingerprint {digest} not in the PDF"
    );
}

fn ring_hex(bytes: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn many_sessions_run_onto_several_pages() {
    let (_dir, mut vault, _) = new_vault();
    let drafts = (0..400)
        .map(|i| {
            (
                Place::Entry {
                    kind: "session",
                    number: i + 1,
                },
                session(
                    &(day("2020-01-01") + chrono::Days::new(i)).to_string(),
                    60,
                    if i % 2 == 0 {
                        "Lucía Pérez"
                    } else {
                        "Ben Ode"
                    },
                    Some("IMHS"),
                ),
            )
        })
        .collect();
    vault.hours_mut().add_sessions(drafts).unwrap();
    let sessions = vault.hours().sessions_in(Period::ALL);
    let summary = summarize(&sessions, Period::ALL, |_| false);
    let bytes = summary_pdf(&PdfReport {
        name: "",
        summary: &summary,
        sessions: &sessions,
        training: &[],
        hours: vault.hours(),
        rules: None,
        page: PageSize::A4,
        generated_on: day("2026-01-01"),
    })
    .unwrap();
    let text = pdf_text(&bytes);
    assert!(text.contains("400:00"), "total missing");
    assert!(text.contains("page 1 of"), "footer missing");
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 8, "{pages} pages");
}
