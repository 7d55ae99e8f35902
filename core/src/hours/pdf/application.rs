//! The RSC experiences of an application as a PDF ([`crate::hours::application`]): one
//! table on landscape pages, a row per experience, with the totals counted and not counted
//! and, under it, why the rows marked "no" do not count.

use chrono::NaiveDate;

use super::page::PageSize;
use super::typeset::{col, Align, Col, DocumentInfo, Layout, BODY, LEFT, SMALL};
use crate::error::Result;
use crate::hours::application::{reason_words, Experience};
use crate::hours::rules::RuleSet;
use crate::hours::NotCountedReason;
use crate::hours::{format_duration, format_hmm, Period};

/// What goes into the experiences PDF.
#[derive(Debug, Clone, Copy)]
pub struct ExperiencesReport<'a> {
    /// Whose hours (the vault's profile name; may be empty).
    pub name: &'a str,
    /// The rule set that decides what counts.
    pub rules: &'a RuleSet,
    /// The days covered.
    pub period: Period,
    /// The rows.
    pub rows: &'a [Experience],
    /// The paper it is set on (turned sideways).
    pub page: PageSize,
    /// The day the report is made.
    pub generated_on: NaiveDate,
}

const TITLE: &str = "Reflective supervision/consultation experiences";

const INFO: DocumentInfo = DocumentInfo {
    title: TITLE,
    creator: "Attune",
    language: "en",
};

/// The columns and their widths on a US Letter sheet turned sideways (692 points between
/// the margins, the narrower of the two papers); A4 widens them all.
const COLUMNS: [(&str, f32, Align); 11] = [
    ("Provider", 88.0, Align::Left),
    ("Credential held", 112.0, Align::Left),
    ("Start", 54.0, Align::Left),
    ("End", 54.0, Align::Left),
    ("Format", 44.0, Align::Left),
    ("Modality", 78.0, Align::Left),
    ("Sessions", 42.0, Align::Right),
    ("Hours", 30.0, Align::Right),
    ("About RSC", 50.0, Align::Right),
    ("Ages", 44.0, Align::Left),
    ("Counted", 96.0, Align::Left),
];

/// The table's type size: small enough for every date and word to fit its column.
const TABLE: f32 = 7.5;

/// A reason in a word or two, for the table; the legend under it says it in full.
fn reason_short(reason: NotCountedReason) -> &'static str {
    match reason {
        NotCountedReason::Planned => "planned",
        NotCountedReason::PeerGroup => "peer consultation",
        NotCountedReason::NoCredential => "no credential",
        NotCountedReason::CredentialNotAccepted => "credential",
        NotCountedReason::OtherAgeFocus => "other ages",
        NotCountedReason::NotYetEndorsed => "not yet endorsed",
        NotCountedReason::OutsideWindow => "outside window",
        NotCountedReason::TooManySources => "too many providers",
    }
}

/// Makes the experiences PDF, in memory.
pub fn experiences_pdf(report: &ExperiencesReport<'_>) -> Result<Vec<u8>> {
    let mut l = Layout::landscape(report.page)?;
    l.text_at(LEFT, TITLE, 17.0, true);
    l.down(24.0);
    if !report.name.trim().is_empty() {
        l.paragraph(
            &format!("Applicant: {}", report.name.trim()),
            11.0,
            false,
            0.0,
        );
    }
    let period = match (report.period.from, report.period.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "every session logged".to_owned(),
    };
    l.paragraph(
        &format!(
            "For: {}. Period: {period}. Made with Attune on {}.",
            report.rules.name, report.generated_on
        ),
        BODY,
        false,
        0.0,
    );
    l.paragraph(
        "One row per provider, format and stretch of dates, as the supervision section of an Endorsement application asks for them. This is Attune's own summary, not an association's form; \"Counted\" is Attune's reading of the rule set named above, and the association's reviewers decide.",
        SMALL,
        false,
        0.0,
    );
    l.down(8.0);

    let scale = (l.right() - LEFT) / 692.0;
    let cols: Vec<Col> = COLUMNS
        .iter()
        .map(|&(t, w, a)| col(t, w * scale, a))
        .collect();
    let rows: Vec<Vec<String>> = report.rows.iter().map(row_cells).collect();
    let (mut counted, mut not_counted, mut sessions, mut about) = (0u32, 0u32, 0u32, 0u32);
    for x in report.rows {
        if x.counted {
            counted = counted.saturating_add(x.minutes);
        } else {
            not_counted = not_counted.saturating_add(x.minutes);
        }
        sessions = sessions.saturating_add(x.sessions);
        about = about.saturating_add(x.about_rsc_provided_minutes);
    }
    let all = counted.saturating_add(not_counted);
    let mut total = vec![String::new(); COLUMNS.len()];
    total[0] = "In all".to_owned();
    total[6] = sessions.to_string();
    total[7] = format_hmm(all);
    total[8] = format_hmm(about);
    l.table(&cols, &rows, Some(total), TABLE);
    l.down(2.0);
    l.paragraph(
        "Credential held: the provider's credential on the row's days, with its endorsement number and association where known. About RSC: hours about the RSC the applicant provides to others. ?: some sessions of the row have no modality or age focus recorded.",
        SMALL,
        false,
        0.0,
    );
    l.down(6.0);
    l.paragraph(
        &format!(
            "Counted: {} ({}). Not counted: {} ({}). In all: {} in {} session{}. Hours are clock hours as hours:minutes, each the exact sum of the sessions' whole minutes.",
            format_hmm(counted),
            format_duration(counted),
            format_hmm(not_counted),
            format_duration(not_counted),
            format_hmm(all),
            sessions,
            if sessions == 1 { "" } else { "s" }
        ),
        BODY,
        false,
        0.0,
    );
    let mut reasons: Vec<NotCountedReason> = Vec::new();
    for r in report.rows.iter().filter_map(|x| x.not_counted_reason) {
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    if !reasons.is_empty() {
        l.down(4.0);
        l.paragraph("Why rows do not count:", BODY, true, 0.0);
        for r in reasons {
            l.paragraph(
                &format!("\"no: {}\": {}.", reason_short(r), reason_words(r)),
                BODY,
                false,
                10.0,
            );
        }
    }
    let whose = match report.name.trim() {
        "" => String::new(),
        name => format!(" of {name}"),
    };
    l.finish(&INFO, |page, count| {
        format!("RSC experiences{whose}, page {page} of {count}")
    })
}

/// One row of the table.
fn row_cells(x: &Experience) -> Vec<String> {
    let mut held = x
        .credential
        .clone()
        .unwrap_or_else(|| "no credential".to_owned());
    for part in [&x.endorsement_number, &x.association] {
        if !part.is_empty() {
            held.push_str(", ");
            held.push_str(part);
        }
    }
    vec![
        x.provider.clone(),
        held,
        x.start.to_string(),
        x.end.to_string(),
        x.format.as_str().to_owned(),
        marked(&x.modalities, x.modality_unrecorded),
        x.sessions.to_string(),
        format_hmm(x.minutes),
        format_hmm(x.about_rsc_provided_minutes),
        marked(&x.age_focus, x.age_focus_unrecorded),
        match x.not_counted_reason {
            None => "yes".to_owned(),
            Some(r) => format!("no: {}", reason_short(r)),
        },
    ]
}

/// Values as one short cell, "?" standing for sessions with none recorded.
fn marked(values: &[String], unrecorded: bool) -> String {
    let mut parts: Vec<&str> = values.iter().map(String::as_str).collect();
    if unrecorded {
        parts.push("?");
    }
    parts.join("; ")
}
