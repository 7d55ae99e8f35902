//! What the PDF summary says, section by section: title, totals, by provider, by month,
//! the requirement, every session, every training, verification. It is written for the
//! reviewer who reads it: plain words, no command-line text. How it is set lives in [`super::typeset`].

use chrono::NaiveDate;

use super::page::PageSize;
use super::typeset::{col, Align, DocumentInfo, Layout, BODY, LEFT, SMALL};
use crate::error::Result;
use crate::hours::credentials::{stretches_text, ProviderBook};
use crate::hours::csv::write_csv;
use crate::hours::model::{AttestationStatus, SessionFormat, SupervisionSession};
use crate::hours::rules::RuleSet;
use crate::hours::summary::HoursSummary;
use crate::hours::training::{Training, TrainingTopic};
use crate::hours::{format_duration, format_hmm, Hours};

/// What goes into a PDF summary.
#[derive(Debug, Clone, Copy)]
pub struct PdfReport<'a> {
    /// Whose hours (the vault's profile name; may be empty).
    pub name: &'a str,
    /// The totals, with the requirement when one was chosen.
    pub summary: &'a HoursSummary,
    /// The sessions the summary covers, oldest first.
    pub sessions: &'a [&'a SupervisionSession],
    /// For attestation status, and the credentials and endorsement numbers providers held.
    pub hours: &'a Hours,
    /// The rule set behind `summary.requirement`, for its source and date.
    pub rules: Option<&'a RuleSet>,
    /// The training entries of the same period, oldest first.
    pub training: &'a [&'a Training],
    /// The paper it is set on.
    pub page: PageSize,
    /// The day the report is made.
    pub generated_on: NaiveDate,
}

const TITLE: &str = "Reflective supervision/consultation hours";

const INFO: DocumentInfo = DocumentInfo {
    title: TITLE,
    creator: "Attune",
    language: "en",
};

/// Makes the PDF summary. Everything is computed in memory; nothing touches the disk.
pub fn summary_pdf(report: &PdfReport<'_>) -> Result<Vec<u8>> {
    let mut l = Layout::new(report.page)?;
    let s = report.summary;
    title(&mut l, report);
    totals(&mut l, s);
    by_provider(&mut l, report);
    by_month(&mut l, s);
    if let Some(p) = &s.requirement {
        super::requirement::requirement(&mut l, p, report.rules);
    }
    sessions(&mut l, report);
    training(&mut l, report.training);
    verification(&mut l, report)?;
    let whose = match report.name.trim() {
        "" => String::new(),
        name => format!(" of {name}"),
    };
    l.finish(&INFO, |page, count| {
        format!("Reflective supervision hours{whose}, page {page} of {count}")
    })
}

/// Minutes as h:mm, then as people say them: "6:30 (6 h 30 min)".
fn both(minutes: u32) -> String {
    format!("{} ({})", format_hmm(minutes), format_duration(minutes))
}

/// A session's attestation as the Sessions table shows it.
fn attestation_text(s: &AttestationStatus) -> String {
    match s {
        AttestationStatus::NotAttested => "not attested".to_owned(),
        AttestationStatus::Attested {
            supervisor,
            signed_on,
            ..
        } => format!("attested by {supervisor}, {signed_on}"),
    }
}

/// The title, whose hours, the period covered and the day the report was made.
fn title(l: &mut Layout, report: &PdfReport<'_>) {
    let s = report.summary;
    let period = match (s.from, s.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "no sessions".to_owned(),
    };
    l.text_at(LEFT, TITLE, 17.0, true);
    l.down(24.0);
    if !report.name.trim().is_empty() {
        l.paragraph(
            &format!("Practitioner: {}", report.name.trim()),
            11.0,
            false,
            0.0,
        );
    }
    l.paragraph(
        &format!(
            "Period: {period}. Made with Attune on {}.",
            report.generated_on
        ),
        BODY,
        false,
        0.0,
    );
    l.paragraph(
        "This is Attune's own summary of the hours the practitioner logged, not an association's form; the association's application system decides.",
        SMALL,
        false,
        0.0,
    );
}

/// Totals: all minutes, sessions, individual, group, about the RSC provided, attested.
fn totals(l: &mut Layout, s: &HoursSummary) {
    l.heading("Totals");
    l.pair("Total", &both(s.total_minutes));
    l.pair("Sessions", &s.sessions.to_string());
    if s.planned_sessions > 0 {
        l.pair(
            "Planned (dated after today)",
            &format!("{}, not counted", both(s.planned_minutes)),
        );
    }
    l.pair("Individual", &both(s.individual_minutes));
    l.pair("Group", &both(s.group_minutes));
    if s.unmarked_focus_sessions > 0 {
        l.pair(
            "No age focus recorded",
            &format!(
                "{} in {} sessions",
                both(s.unmarked_focus_minutes),
                s.unmarked_focus_sessions
            ),
        );
    }
    l.pair(
        "About the RSC I provide",
        &both(s.about_rsc_provided_minutes),
    );
    l.pair(
        "Attested by a supervisor",
        &format!("{} of {} sessions", s.attested_sessions, s.sessions),
    );
}

/// One row per provider, most minutes first, with the credentials they held on the days of
/// their sessions ("IMHS, IMHM-C"), and the total.
fn by_provider(l: &mut Layout, report: &PdfReport<'_>) {
    let s = report.summary;
    let book = ProviderBook::new(report.hours.providers());
    l.heading("By provider");
    let cols = [
        col("Provider", 140.0, Align::Left),
        col("Credential", 95.0, Align::Left),
        col("Sessions", 60.0, Align::Right),
        col("Individual", 65.0, Align::Right),
        col("Group", 65.0, Align::Right),
        col("Total", 70.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = s
        .by_provider
        .iter()
        .map(|p| {
            let mut held: Vec<String> = Vec::new();
            for x in book.stretches_of(&p.provider, report.sessions) {
                let c = x.credential.unwrap_or_else(|| "—".into());
                if !held.contains(&c) {
                    held.push(c);
                }
            }
            vec![
                p.provider.clone(),
                held.join(", "),
                p.sessions.to_string(),
                format_hmm(p.individual_minutes),
                format_hmm(p.group_minutes),
                format_hmm(p.minutes),
            ]
        })
        .collect();
    let total = vec![
        "Total".to_owned(),
        String::new(),
        s.sessions.to_string(),
        format_hmm(s.individual_minutes),
        format_hmm(s.group_minutes),
        format_hmm(s.total_minutes),
    ];
    l.table(&cols, &rows, Some(total), BODY);
}

/// One row per calendar month with sessions, and the total.
fn by_month(l: &mut Layout, s: &HoursSummary) {
    l.heading("By month");
    let cols = [
        col("Month", 140.0, Align::Left),
        col("", 95.0, Align::Left),
        col("", 60.0, Align::Right),
        col("Individual", 65.0, Align::Right),
        col("Group", 65.0, Align::Right),
        col("Total", 70.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = s
        .by_month
        .iter()
        .map(|m| {
            vec![
                m.month.clone(),
                String::new(),
                String::new(),
                format_hmm(m.individual_minutes),
                format_hmm(m.group_minutes),
                format_hmm(m.minutes),
            ]
        })
        .collect();
    l.table(
        &cols,
        &rows,
        Some(vec![
            "Total".to_owned(),
            String::new(),
            String::new(),
            format_hmm(s.individual_minutes),
            format_hmm(s.group_minutes),
            format_hmm(s.total_minutes),
        ]),
        BODY,
    );
}

/// Every session with the credential its provider held that day and its attestation
/// status, and the count.
fn sessions(l: &mut Layout, report: &PdfReport<'_>) {
    let book = ProviderBook::new(report.hours.providers());
    l.heading("Sessions");
    let cols = [
        col("Date", 55.0, Align::Left),
        col("Time", 35.0, Align::Right),
        col("Format", 48.0, Align::Left),
        col("Modality", 47.0, Align::Left),
        col("Provider", 115.0, Align::Left),
        col("Credential", 55.0, Align::Left),
        col("About RSC", 58.0, Align::Left),
        col("Attestation", 82.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = report
        .sessions
        .iter()
        .map(|x| {
            let c = &x.content;
            vec![
                c.date.to_string(),
                format_hmm(c.minutes),
                match (c.format, c.facilitated_group()) {
                    (SessionFormat::Group, false) => "peer group".to_owned(),
                    (f, _) => f.as_str().to_owned(),
                },
                c.modality.map_or("—", |m| m.as_str()).to_owned(),
                c.provider.clone(),
                book.session_credential(&c.provider, c.date, c.credential.as_deref())
                    .credential
                    .unwrap_or("—")
                    .to_owned(),
                if c.about_rsc_provided { "yes" } else { "no" }.to_owned(),
                if c.date > report.generated_on {
                    "planned (after this report)".to_owned()
                } else {
                    attestation_text(&report.hours.attestation(&x.id))
                },
            ]
        })
        .collect();
    let groups = report
        .sessions
        .iter()
        .filter(|x| x.content.format == SessionFormat::Group)
        .count();
    l.table(&cols, &rows, None, SMALL);
    l.down(4.0);
    l.paragraph(
        &sessions_in_all(report.sessions.len(), report.summary.total_minutes, groups),
        BODY,
        true,
        0.0,
    );
}

/// The line under the sessions: "In all: 12 sessions, 18:30 (18 h 30 min), 3 of them in a
/// group."
fn sessions_in_all(sessions: usize, minutes: u32, groups: usize) -> String {
    let count = match sessions {
        1 => "1 session".to_owned(),
        n => format!("{n} sessions"),
    };
    let in_groups = match (sessions, groups) {
        (_, 0) => "none of them in a group".to_owned(),
        (1, 1) => "in a group".to_owned(),
        (s, g) if s == g => "all of them in a group".to_owned(),
        (_, 1) => "1 of them in a group".to_owned(),
        (_, g) => format!("{g} of them in a group"),
    };
    format!("In all: {count}, {}, {in_groups}.", both(minutes))
}

/// The one part a training counts toward, in words.
fn topics_text(t: &Training) -> String {
    match t.content.topic {
        TrainingTopic::Iecmh => "infant/early childhood MH",
        TrainingTopic::Dei => "diversity, equity, inclusion",
        TrainingTopic::ProvidingRsc => "providing RSC",
    }
    .to_owned()
}

/// Every training of the period, one by one: date, title, organiser, time, and the topics it
/// counts toward; then the total. Nothing when there is none.
fn training(l: &mut Layout, training: &[&Training]) {
    if training.is_empty() {
        return;
    }
    l.heading("Training");
    let cols = [
        col("Date", 55.0, Align::Left),
        col("Title", 165.0, Align::Left),
        col("Organiser", 115.0, Align::Left),
        col("Time", 35.0, Align::Right),
        col("Counts toward", 125.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> = training
        .iter()
        .map(|t| {
            let c = &t.content;
            vec![
                c.date.to_string(),
                c.title.clone(),
                c.organiser.clone(),
                format_hmm(c.minutes),
                topics_text(t),
            ]
        })
        .collect();
    l.table(&cols, &rows, None, SMALL);
    l.down(4.0);
    let minutes: u32 = training.iter().map(|t| t.content.minutes).sum();
    let count = match training.len() {
        1 => "1 training".to_owned(),
        n => format!("{n} trainings"),
    };
    l.paragraph(
        &format!("In all: {count}, {}.", both(minutes)),
        BODY,
        true,
        0.0,
    );
}

/// How to check the report: exact sums, attestation, the fingerprint of the session list,
/// and a signature line for each provider.
fn verification(l: &mut Layout, report: &PdfReport<'_>) -> Result<()> {
    let s = report.summary;
    l.heading("Verification");
    let held = ProviderBook::new(report.hours.providers()).as_held(report.sessions);
    let csv = write_csv(held.iter())?;
    let digest = ring::digest::digest(&ring::digest::SHA256, &csv);
    let hex: Vec<String> = digest
        .as_ref()
        .chunks(4)
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect())
        .collect();
    for text in [
        "Every total in this summary is the exact sum of the sessions' whole minutes; hours are shown as hours:minutes.".to_owned(),
        format!(
            "Attestation: {} of {} sessions are attested. An attested session is one the supervisor or consultant named beside it confirmed by signing, in their own copy of Attune, a list of the sessions that took place with them; the signature was checked when the practitioner received it. The signed file can be given to a reviewer, who can have its signature checked the same way. A session marked \"not attested\" was logged by the practitioner and has not been confirmed.",
            s.attested_sessions, s.sessions
        ),
        format!(
            "Fingerprint of the session list: {}. It identifies exactly the sessions listed above (a SHA-256 digest of the hours spreadsheet Attune exports for the same period): if any session were added, removed or changed, it would differ.",
            hex.join(" ")
        ),
    ] {
        l.paragraph(&text, BODY, false, 0.0);
        l.down(3.0);
    }
    l.down(6.0);
    l.paragraph(
        "Confirmation by each provider (name, credential and endorsement number as the association knows them):",
        BODY,
        true,
        0.0,
    );
    let book = ProviderBook::new(report.hours.providers());
    for p in &s.by_provider {
        let held = stretches_text(&book.stretches_of(&p.provider, report.sessions));
        l.room(BODY * 5.0);
        l.down(6.0);
        l.paragraph(
            &format!(
                "{} ({}): {} in {} session{}.",
                p.provider,
                held,
                format_hmm(p.minutes),
                p.sessions,
                if p.sessions == 1 { "" } else { "s" }
            ),
            BODY,
            false,
            0.0,
        );
        l.down(10.0);
        l.text_at(
            LEFT,
            "Signature ______________________________",
            BODY,
            false,
        );
        l.text_at(LEFT + 260.0, "Date ______________", BODY, false);
        l.down(BODY * 1.6);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sessions_in_all;

    #[test]
    fn the_line_under_the_sessions_in_words() {
        for (sessions, minutes, groups, line) in [
            (
                0,
                0,
                0,
                "In all: 0 sessions, 0:00 (0 min), none of them in a group.",
            ),
            (
                1,
                60,
                0,
                "In all: 1 session, 1:00 (1 h), none of them in a group.",
            ),
            (1, 60, 1, "In all: 1 session, 1:00 (1 h), in a group."),
            (
                3,
                150,
                3,
                "In all: 3 sessions, 2:30 (2 h 30 min), all of them in a group.",
            ),
            (
                3,
                150,
                1,
                "In all: 3 sessions, 2:30 (2 h 30 min), 1 of them in a group.",
            ),
            (
                5,
                300,
                2,
                "In all: 5 sessions, 5:00 (5 h), 2 of them in a group.",
            ),
        ] {
            assert_eq!(sessions_in_all(sessions, minutes, groups), line);
        }
    }
}
