//! The PDF summary an applicant attaches to an application or hands to a reviewer: totals,
//! per provider and per month, progress toward a rule set, every session with its
//! attestation status, and a verification section (fingerprint, signature lines).
//!
//! Written with krilla; text is DejaVu Sans (embedded, subset) so that names such as
//! "Lucía" come out as typed, and every string carries its Unicode text so that it can be
//! copied and searched. Layout is simple: one column, tables that continue on the next
//! page with their header repeated.

use std::collections::HashMap;

use chrono::NaiveDate;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;
use unicode_normalization::UnicodeNormalization;

use super::csv::write_csv;
use super::model::{AttestationStatus, SessionFormat, SupervisionSession};
use super::rules::RuleSet;
use super::summary::HoursSummary;
use super::{format_duration, format_hmm, Hours};
use crate::error::{Error, Result};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// What goes into a PDF summary.
#[derive(Debug, Clone, Copy)]
pub struct PdfReport<'a> {
    /// Whose hours (the vault's profile name; may be empty).
    pub name: &'a str,
    /// The totals, with the requirement when one was chosen.
    pub summary: &'a HoursSummary,
    /// The sessions the summary covers, oldest first.
    pub sessions: &'a [&'a SupervisionSession],
    /// For attestation status and providers' endorsement numbers.
    pub hours: &'a Hours,
    /// The rule set behind `summary.requirement`, for its source and date.
    pub rules: Option<&'a RuleSet>,
    /// The day the report is made.
    pub generated_on: NaiveDate,
}

// A4 portrait, in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = PAGE_H - 60.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;

fn pdf_error(what: &'static str) -> Error {
    Error::Io(std::io::Error::other(format!("PDF: {what}")))
}

/// A font with what layout needs: glyph ids and advances (in ems), cached per character.
struct Face {
    font: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    units_per_em: f32,
    cache: HashMap<char, (u32, f32)>,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face> {
        let font = Font::new(data.into(), 0).ok_or_else(|| pdf_error("the font does not load"))?;
        let f = skrifa::FontRef::new(data).map_err(|_| pdf_error("the font does not load"))?;
        let units_per_em = f32::from(
            f.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Ok(Face {
            font,
            charmap: f.charmap(),
            metrics: f.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            cache: HashMap::new(),
        })
    }

    fn glyph(&mut self, c: char) -> (u32, f32) {
        if let Some(g) = self.cache.get(&c) {
            return *g;
        }
        let id = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        let g = (id.to_u32(), advance);
        self.cache.insert(c, g);
        g
    }

    fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    fn glyphs(&mut self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// One drawing operation on a page, laid out before any page is written.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

struct Col {
    title: &'static str,
    width: f32,
    align: Align,
}

const fn col(title: &'static str, width: f32, align: Align) -> Col {
    Col {
        title,
        width,
        align,
    }
}

struct Layout {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    /// Baseline of the next line.
    y: f32,
}

impl Layout {
    fn face(&mut self, bold: bool) -> &mut Face {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM {
            self.new_page();
            return true;
        }
        false
    }

    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }

    /// Shortens `text` with "…" until it fits `width`.
    fn fit(&mut self, text: &str, size: f32, bold: bool, width: f32) -> String {
        let face = self.face(bold);
        if face.width(text, size) <= width {
            return text.to_owned();
        }
        let ell = face.width("…", size);
        let mut out = String::new();
        let mut w = 0.0;
        for c in text.chars() {
            let cw = face.glyph(c).1 * size;
            if w + cw + ell > width {
                break;
            }
            w += cw;
            out.push(c);
        }
        out.push('…');
        out
    }

    fn text_at(&mut self, x: f32, text: &str, size: f32, bold: bool) {
        self.push(Op::Text {
            x,
            y: self.y,
            size,
            bold,
            // One Unicode form, so that accents typed either way draw as one glyph.
            text: text.nfc().collect(),
        });
    }

    fn rule(&mut self, y: f32, width: f32) {
        self.push(Op::Rule {
            x1: LEFT,
            x2: RIGHT,
            y,
            width,
        });
    }

    /// A paragraph, wrapped at word boundaries to the page width, `indent` from the left.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let text: String = text.nfc().collect();
        let width = RIGHT - LEFT - indent;
        let lead = size * 1.45;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.face(bold).width(&candidate, size) > width {
                self.room(lead);
                let l = std::mem::take(&mut line);
                let fitted = self.fit(&l, size, bold, width);
                self.text_at(LEFT + indent, &fitted, size, bold);
                self.y += lead;
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.room(lead);
            let fitted = self.fit(&line, size, bold, width);
            self.text_at(LEFT + indent, &fitted, size, bold);
            self.y += lead;
        }
    }

    fn heading(&mut self, text: &str) {
        self.y += 8.0;
        // Keep a heading with at least three lines after it.
        self.room(13.0 * 1.4 + 3.0 * BODY * 1.5);
        self.text_at(LEFT, text, 13.0, true);
        self.y += 13.0 * 0.6;
        self.rule(self.y, 0.6);
        self.y += BODY * 1.7;
    }

    fn cells(&mut self, cols: &[Col], cells: &[String], bold: bool, size: f32) {
        let mut x = LEFT;
        for (c, text) in cols.iter().zip(cells) {
            let fitted = self.fit(text, size, bold, c.width - 5.0);
            let tx = match c.align {
                Align::Left => x,
                Align::Right => x + c.width - 5.0 - self.face(bold).width(&fitted, size),
            };
            self.text_at(tx, &fitted, size, bold);
            x += c.width;
        }
    }

    fn table_header(&mut self, cols: &[Col], size: f32) {
        let titles: Vec<String> = cols.iter().map(|c| c.title.to_owned()).collect();
        self.cells(cols, &titles, true, size);
        self.rule(self.y + 3.5, 0.4);
        self.y += size * 1.6;
    }

    /// A table whose header repeats on every page it runs onto; `total` is drawn in bold
    /// under a rule.
    fn table(&mut self, cols: &[Col], rows: &[Vec<String>], total: Option<Vec<String>>, size: f32) {
        let lead = size * 1.45;
        self.room(lead * 3.0);
        self.table_header(cols, size);
        for row in rows {
            if self.room(lead) {
                self.table_header(cols, size);
            }
            self.cells(cols, row, false, size);
            self.y += lead;
        }
        if let Some(t) = total {
            if self.room(lead * 1.5) {
                self.table_header(cols, size);
            }
            self.rule(self.y - lead + 3.5, 0.4);
            self.y += 2.0;
            self.cells(cols, &t, true, size);
            self.y += lead;
        }
    }

    fn pair(&mut self, label: &str, value: &str) {
        let lead = BODY * 1.5;
        self.room(lead);
        self.text_at(LEFT, label, BODY, false);
        self.text_at(LEFT + 190.0, value, BODY, true);
        self.y += lead;
    }
}

fn both(minutes: u32) -> String {
    format!("{} ({})", format_hmm(minutes), format_duration(minutes))
}

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

/// Makes the PDF summary. Everything is computed in memory; nothing touches the disk.
pub fn summary_pdf(report: &PdfReport<'_>) -> Result<Vec<u8>> {
    let mut l = Layout {
        regular: Face::load(REGULAR)?,
        bold: Face::load(BOLD)?,
        pages: Vec::new(),
        y: TOP,
    };
    l.new_page();
    let s = report.summary;
    let period = match (s.from, s.to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("up to {t}"),
        (None, None) => "no sessions".to_owned(),
    };

    l.text_at(
        LEFT,
        "Reflective supervision/consultation hours",
        17.0,
        true,
    );
    l.y += 24.0;
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

    l.heading("Totals");
    l.pair("Total", &both(s.total_minutes));
    l.pair("Sessions", &s.sessions.to_string());
    l.pair("Individual", &both(s.individual_minutes));
    l.pair("Group", &both(s.group_minutes));
    l.pair(
        "About the RSC I provide",
        &both(s.about_rsc_provided_minutes),
    );
    l.pair(
        "Attested by a supervisor",
        &format!("{} of {} sessions", s.attested_sessions, s.sessions),
    );

    l.heading("By provider");
    let cols = [
        col("Provider", 165.0, Align::Left),
        col("Credential", 70.0, Align::Left),
        col("Sessions", 60.0, Align::Right),
        col("Individual", 65.0, Align::Right),
        col("Group", 65.0, Align::Right),
        col("Total", 70.0, Align::Right),
    ];
    let rows: Vec<Vec<String>> = s
        .by_provider
        .iter()
        .map(|p| {
            vec![
                p.provider.clone(),
                p.credential.clone().unwrap_or_else(|| "—".into()),
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

    l.heading("By month");
    let cols = [
        col("Month", 165.0, Align::Left),
        col("", 70.0, Align::Left),
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

    if let Some(p) = &s.requirement {
        l.heading(&format!("Requirement: {}", p.name));
        if let Some(r) = report.rules {
            l.paragraph(
                &format!(
                    "Rule set {} (effective {}), from {}. {}",
                    r.id, r.effective, r.source, r.note
                ),
                SMALL,
                false,
                0.0,
            );
            l.y += 3.0;
        }
        l.pair("Status", if p.met { "met" } else { "not met" });
        l.pair(
            "RSC counted",
            &format!(
                "{} of {} required",
                format_hmm(p.counted_minutes),
                format_hmm(p.required_minutes)
            ),
        );
        l.pair(
            "Of which individual / group",
            &format!(
                "{} / {}",
                format_hmm(p.individual_minutes),
                format_hmm(p.group_minutes)
            ),
        );
        if let Some(w) = &p.window {
            l.pair(
                "Counted sessions span",
                &format!(
                    "{} to {} ({} month{})",
                    w.from,
                    w.to,
                    w.months,
                    if w.months == 1 { "" } else { "s" }
                ),
            );
        }
        if let Some(a) = &p.about_rsc_provided {
            l.pair(
                "About the RSC I provide",
                &format!(
                    "{} of {} required",
                    format_hmm(a.counted_minutes),
                    format_hmm(a.required_minutes)
                ),
            );
        }
        if let Some(t) = &p.training {
            l.pair(
                "In-service training",
                &format!(
                    "{} of {} required",
                    format_hmm(t.total.counted_minutes),
                    format_hmm(t.total.required_minutes)
                ),
            );
        }
        if !p.providers.is_empty() {
            l.y += 4.0;
            let cols = [
                col("Provider", 165.0, Align::Left),
                col("Credential", 70.0, Align::Left),
                col("Share", 60.0, Align::Right),
                col("Individual", 65.0, Align::Right),
                col("Group", 65.0, Align::Right),
                col("Counted", 70.0, Align::Right),
            ];
            let rows: Vec<Vec<String>> = p
                .providers
                .iter()
                .map(|x| {
                    vec![
                        x.provider.clone(),
                        x.credential.clone().unwrap_or_else(|| "—".into()),
                        if x.counted {
                            format!("{} %", x.share_percent)
                        } else {
                            "not counted".into()
                        },
                        format_hmm(x.individual_minutes),
                        format_hmm(x.group_minutes),
                        format_hmm(x.minutes),
                    ]
                })
                .collect();
            l.table(&cols, &rows, None, BODY);
        }
        if !p.shortfalls.is_empty() {
            l.y += 4.0;
            l.paragraph("Still needed:", BODY, true, 0.0);
            for f in &p.shortfalls {
                l.paragraph(&format!("• {f}"), BODY, false, 10.0);
            }
        }
        if !p.not_counted.is_empty() {
            l.y += 4.0;
            l.paragraph("Not counted:", BODY, true, 0.0);
            for n in &p.not_counted {
                l.paragraph(&format!("• {}", n.text), BODY, false, 10.0);
            }
        }
    }

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
                c.format.as_str().to_owned(),
                c.modality.map_or("—", |m| m.as_str()).to_owned(),
                c.provider.clone(),
                c.credential.clone().unwrap_or_else(|| "—".into()),
                if c.about_rsc_provided { "yes" } else { "no" }.to_owned(),
                attestation_text(&report.hours.attestation(&x.id)),
            ]
        })
        .collect();
    let groups = report
        .sessions
        .iter()
        .filter(|x| x.content.format == SessionFormat::Group)
        .count();
    l.table(
        &cols,
        &rows,
        Some(vec![
            format!("{} sessions", report.sessions.len()),
            format_hmm(s.total_minutes),
            format!("{groups} group"),
        ]),
        SMALL,
    );

    l.heading("Verification");
    let csv = write_csv(report.sessions.iter().copied())?;
    let digest = ring::digest::digest(&ring::digest::SHA256, &csv);
    let hex: Vec<String> = digest
        .as_ref()
        .chunks(4)
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect())
        .collect();
    for text in [
        "Every total in this summary is the exact sum of the sessions' whole minutes; hours are shown as h:mm.".to_owned(),
        format!(
            "Attestation: {} of {} sessions are attested by a supervisor's signature in Attune. A session marked \"not attested\" has been logged by the practitioner but not yet signed for; an attestation file can be checked offline with `attune verify FILE`.",
            s.attested_sessions, s.sessions
        ),
        format!(
            "Fingerprint of the session list (SHA-256 of the hours CSV of this period, as written by `attune hours summary --format csv`): {}",
            hex.join(" ")
        ),
    ] {
        l.paragraph(&text, BODY, false, 0.0);
        l.y += 3.0;
    }
    l.y += 6.0;
    l.paragraph(
        "Confirmation by each provider (name, credential and endorsement number as the association knows them):",
        BODY,
        true,
        0.0,
    );
    for p in &s.by_provider {
        let number = report
            .hours
            .provider_named(&p.provider)
            .map(|x| x.content.endorsement_number.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or("________");
        l.room(BODY * 5.0);
        l.y += 6.0;
        l.paragraph(
            &format!(
                "{} ({}), endorsement number {number}: {} in {} session{}.",
                p.provider,
                p.credential.as_deref().unwrap_or("credential not recorded"),
                format_hmm(p.minutes),
                p.sessions,
                if p.sessions == 1 { "" } else { "s" }
            ),
            BODY,
            false,
            0.0,
        );
        l.y += 10.0;
        l.text_at(
            LEFT,
            "Signature ______________________________",
            BODY,
            false,
        );
        l.text_at(LEFT + 260.0, "Date ______________", BODY, false);
        l.y += BODY * 1.6;
    }

    render(l)
}

fn render(mut l: Layout) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title("Reflective supervision/consultation hours".to_owned())
            .creator("Attune".to_owned())
            .language("en".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| pdf_error("page size"))?;
    let count = l.pages.len();
    let pages = std::mem::take(&mut l.pages);
    for (n, ops) in pages.into_iter().enumerate() {
        let footer = format!("Supervision hours · page {} of {count}", n + 1);
        let footer_x = RIGHT - l.regular.width(&footer, SMALL);
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let footer_op = Op::Text {
            x: footer_x,
            y: PAGE_H - 35.0,
            size: SMALL,
            bold: false,
            text: footer,
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    text,
                } => {
                    let face = l.face(*bold);
                    let glyphs = face.glyphs(text);
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        face.font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
                Op::Rule { x1, x2, y, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y);
                    pb.line_to(*x2, *y);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.set_fill(Some(krilla::paint::Fill::default()));
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|_| pdf_error("the document could not be written"))
}
